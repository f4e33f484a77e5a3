#pragma once

#include "models/linkrules.h"

#include "models/recordsearch.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

class LinkRepository;

/// The explorer's tree while a search or a filter is active: the records that match, under the
/// accounts and record types they belong to (only those that hold matches):
///
///     Copper CRM — Demo                  Copper CRM
///       People                           2 matches
///         Ada Lovelace                   person
///         Lovelace Foundation            person
///
/// It asks a RecordSearch, so it finds any of 100,000+ records whether or not the explorer has
/// loaded them. Within a record type the best matches come first (see RecordSearch), then the
/// explorer's order. A type shows its first pageSize() matches; canFetchMore()/fetchMore() show
/// the next page (QTreeView asks when the user scrolls to the end of the last expanded type;
/// a "show more" action may call fetchMore() on any type row).
///
/// Rows answer RecordTreeModel's columns and roles (NodeKindRole with Account, RecordType and
/// Record; RecordKeyRole; VendorRole; AccountRole; RecordTypeRole), so the explorer's delegate,
/// context menu and details panel work on it unchanged. Record rows have no children: the
/// Related panel shows the links of the current record.
///
/// setFilter() resets the model (views restore their expansion on modelReset, e.g. with
/// expandAll(): at most pageSize() records per type are loaded). Changes in the repository
/// update the rows in place, without a reset: a new record that matches appears, a record whose
/// title or links stop matching disappears. A change to many shown rows of one type at once
/// (more than 32) replaces that type's rows in one removal and one insertion.
///
/// An empty filter shows nothing: the explorer's RecordTreeModel is the unfiltered view.
/// Drag and drop as in RecordTreeModel. Not supported: sorting, editing.
class SearchResultsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    static constexpr int DefaultPageSize = 100;

    explicit SearchResultsModel(RecordSearch *search, QObject *parent = nullptr);
    ~SearchResultsModel() override;

    /// Shows the records matching `filter` (nothing for an empty filter). Typing on re-tests
    /// only the previous matches.
    void setFilter(const RecordFilter &filter);
    RecordFilter filter() const { return m_filter; }
    /// Whether the filter is not empty (the model shows results rather than nothing).
    bool isActive() const { return m_query.has_value(); }
    /// Records that match, shown or not yet.
    qsizetype matchCount() const;

    /// How many records a type shows at first and adds per fetchMore(); applies from the next
    /// setFilter().
    int pageSize() const { return m_pageSize; }
    void setPageSize(int pageSize);

    /// The row of `key` if it is shown; invalid otherwise.
    QModelIndex indexOfRecord(const RecordKey &key) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Drag and drop, as in the explorer tree (RecordTreeModel): matches drag as records and
    // take drops of records to link to them.
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    LinkVerdict dropVerdict(const QMimeData *data, const QModelIndex &target) const;

Q_SIGNALS:
    /// The user dropped `dragged` on the match `target` (see RecordTreeModel::linkRequested()).
    void linkRequested(const QList<RecordKey> &dragged, const RecordKey &target,
                       const QList<LinkChoice> &choices);
    /// matchCount() changed (after a new filter or a change in the repository).
    void matchCountChanged(qsizetype count);

private:
    enum class Level { Root, Account, Type };
    struct Node
    {
        Level level = Level::Root;
        int row = 0;
    };
    struct AccountNode;
    struct TypeNode : Node
    {
        int group = -1;
        int loaded = 0; ///< rows shown: the first hits of the group
        AccountNode *account = nullptr;
    };
    struct AccountNode : Node
    {
        int accountIndex = -1; ///< in RecordSearch::accounts()
        std::vector<std::unique_ptr<TypeNode>> types;
    };

    void clear();
    void rebuild();
    void run(bool mayRefine);
    QModelIndex indexOf(const AccountNode *account) const;
    QModelIndex indexOf(const TypeNode *type) const;
    const AccountNode *accountAt(const QModelIndex &index) const;
    const TypeNode *typeAt(const QModelIndex &index) const;
    void onEntriesChanged(const QList<quint32> &entries);
    void applyChanges(int group, const std::vector<quint32> &changed);
    void showType(int group);
    void hideType(int group);
    void emitMatchCount();

    QPointer<RecordSearch> m_search;
    LinkRepository *m_repository;
    RecordFilter m_filter;
    std::optional<RecordSearch::Query> m_query;
    /// Every match of m_query, group by group (RecordSearch::match()).
    RecordSearch::Hits m_hits;
    Node m_root;
    std::vector<std::unique_ptr<AccountNode>> m_accounts; ///< by accountIndex
    std::vector<TypeNode *> m_typeOfGroup; ///< nullptr for groups not shown
    QList<AccountInfo> m_accountInfo;
    int m_pageSize = DefaultPageSize;
    bool m_changing = false; ///< between begin and end of a change: no fetchMore()
    qsizetype m_lastCount = 0;
};
