#pragma once

#include "models/link.h"

#include <QAbstractItemModel>
#include <QList>

#include <optional>

class LinkRepository;

/// The links of one record, grouped by how they read from that record:
///
///     is parent of (2)
///       ISS-12 Checkout fails on Safari        Issue      Confirmed
///       ISS-14 Slow search                     Issue      Pending
///     is child of (1)
///       ...
///
/// A group is one link type and one direction: a directed type gives up to two groups (its
/// forward label where the record is the source, its backward label where it is the target);
/// an undirected type one. Labels come from the account's link types in the repository (the
/// type id until they are known). Groups are ordered by label, records in a group by title.
///
/// Follows the repository: any change of the record's links, of the titles shown or of the
/// account's link types rebuilds the rows (a model reset; a record has hundreds of links at
/// most in practice).
class RelatedLinksModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { TitleColumn, TypeColumn, StateColumn, ColumnCount };
    enum Role {
        RecordKeyRole = Qt::UserRole + 1, ///< RecordKey of the other end (record rows)
        LinkKeyRole, ///< LinkKey (record rows)
        LinkStateRole, ///< LinkState (record rows)
        LinkTypeRole, ///< the link type id (group and record rows)
        IsGroupRole, ///< bool
    };

    explicit RelatedLinksModel(LinkRepository *repository, QObject *parent = nullptr);
    ~RelatedLinksModel() override;

    /// Shows the links of `record`, or nothing.
    void setRecord(const std::optional<RecordKey> &record);
    std::optional<RecordKey> record() const { return m_record; }
    /// Links shown (every group's rows together).
    int linkCount() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /// Related records drag as records (RecordDrag), to be dropped on a record to link them.
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        Link link;
        RecordKey other;
        QString title;
    };
    struct Group
    {
        QString typeId;
        QString label;
        QList<Row> rows;
    };

    void rebuild();
    void rebuildIfTouched(const QList<Link> &links);
    void rebuildIfShown(const QList<RecordKey> &keys);

    LinkRepository *m_repository;
    std::optional<RecordKey> m_record;
    QList<Group> m_groups;
};
