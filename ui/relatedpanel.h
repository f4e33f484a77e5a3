#pragma once

#include "models/recordkey.h"

#include <QWidget>

#include <optional>

class LinkRepository;
class QLabel;
class QTreeView;
class RelatedLinksModel;

/// The Related panel: every link of the selected record, grouped by link type and by how the
/// link reads from the record ("is parent of", "is child of"). Enter or a double click on a
/// related record follows it (followRecord()).
class RelatedPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RelatedPanel(LinkRepository *repository, QWidget *parent = nullptr);

    void setRecord(const std::optional<RecordKey> &record);
    QTreeView *view() const { return m_view; }
    RelatedLinksModel *model() const { return m_model; }

Q_SIGNALS:
    /// The user asked to go to `record` (a related record).
    void followRecord(const RecordKey &record);

private:
    void updateHeading();

    LinkRepository *m_repository;
    RelatedLinksModel *m_model;
    QLabel *m_heading;
    QTreeView *m_view;
};
