#pragma once

#include <QStyledItemDelegate>

/// Paints RecordTreeModel rows: an icon per kind of row, pending links in italics, failed links
/// and failed loads in the palette's error colour.
class RecordTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
