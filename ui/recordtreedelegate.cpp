#include "ui/recordtreedelegate.h"

#include "models/recordtreemodel.h"
#include "resources/icons.h"

void RecordTreeDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    using Kind = RecordTreeModel::NodeKind;
    const auto kind = index.data(RecordTreeModel::NodeKindRole).value<Kind>();

    if (index.column() == RecordTreeModel::NameColumn) {
        switch (kind) {
        case Kind::Account:
            option->icon = Icons::vendor(index.data(RecordTreeModel::VendorRole).value<Vendor>());
            break;
        case Kind::RecordType:
            option->icon = Icons::recordType();
            break;
        case Kind::Record:
            option->icon = Icons::record();
            break;
        case Kind::LinkedRecord:
            option->icon = Icons::link();
            break;
        }
        option->features |= QStyleOptionViewItem::HasDecoration;
    }

    const QVariant linkState = index.data(RecordTreeModel::LinkStateRole);
    const auto fetch
        = index.data(RecordTreeModel::FetchStateRole).value<RecordTreeModel::FetchState>();
    if (linkState.isValid() && linkState.value<LinkState>() == LinkState::Pending)
        option->font.setItalic(true);
    const bool failed = (linkState.isValid() && linkState.value<LinkState>() == LinkState::Failed)
        || (fetch == RecordTreeModel::FetchState::Failed
            && index.column() == RecordTreeModel::StatusColumn);
    if (failed) {
        // Qt 6.4 has no "error" palette role: take a red that reads on light and dark themes.
        option->palette.setColor(QPalette::Text, QColor(0xd0, 0x32, 0x32));
    }
    if (kind == Kind::Account || kind == Kind::RecordType) {
        if (index.column() == RecordTreeModel::NameColumn)
            option->font.setBold(kind == Kind::Account);
    }
}
