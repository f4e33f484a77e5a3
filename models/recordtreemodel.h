#pragma once

#include "models/link.h"
#include "models/linkrules.h"
#include "models/recordsource.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>

#include <memory>
#include <vector>

class LinkRepository;

/// The explorer's tree over the LinkRepository:
///
///     account ("Copper CRM — Demo")
///       record type ("People")
///         record ("Ada Lovelace")
///           related record, one row per link ("Analytical Engines Ltd")
///             its related records, and so on, as deep as the user expands
///
/// The model holds only the shape of what the user has expanded (nodes with record and link
/// keys); titles, fields and link states are read from the repository on demand, so it never
/// keeps a second copy of the truth. It follows the repository's change signals and turns them
/// into row insertions, removals and dataChanged for every place a record or link is shown.
///
/// Loading is lazy: a type or record node shows what the repository already has at once and
/// canFetchMore() is true until it was refreshed from its vendor once in this session;
/// fetchMore() asks the RecordSource, asynchronously. refresh() asks again on purpose.
///
/// Drag and drop: record and related-record rows can be dragged (RecordDrag's MIME data: keys
/// only) and take drops of records that the vendor rules allow to be linked to them
/// (canDropMimeData(), dropVerdict()); a drop asks for the links (linkRequested()).
///
/// Not supported yet: sorting (use a QSortFilterProxyModel), editing.
class RecordTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, TypeColumn, StatusColumn, ColumnCount };

    enum class NodeKind { Account, RecordType, Record, LinkedRecord };
    Q_ENUM(NodeKind)

    enum class FetchState { NotFetched, Fetching, Fetched, Failed };
    Q_ENUM(FetchState)

    enum Role {
        NodeKindRole = Qt::UserRole + 1, ///< NodeKind
        RecordKeyRole, ///< RecordKey of Record and LinkedRecord rows
        LinkKeyRole, ///< LinkKey of LinkedRecord rows
        VendorRole, ///< Vendor of every row
        AccountRole, ///< account id of every row
        RecordTypeRole, ///< record type of RecordType, Record, LinkedRecord rows
        FetchStateRole, ///< FetchState of RecordType and record rows
        LinkStateRole, ///< LinkState of LinkedRecord rows
        ErrorRole, ///< the last fetch or link error, if any
    };

    explicit RecordTreeModel(LinkRepository *repository, RecordSource *source,
                             QObject *parent = nullptr);
    ~RecordTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    /// True when `data` holds records that may be linked to the record row `parent` (a drop on
    /// the row itself: `row` and `column` -1).
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    /// Whether and how the records in `data` may be linked to the record row `target`, or why
    /// not (for the view's tooltip while dragging).
    LinkVerdict dropVerdict(const QMimeData *data, const QModelIndex &target) const;
    /// A drop the rules allow: emits linkRequested() for the view to choose a link type (when
    /// more than one fits) and make the links; nothing is written here.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Reads a type or record node from its vendor again, even if it was read before.
    void refresh(const QModelIndex &index);

    /// The row of `key` under its account's record type, from what the workspace holds (nothing
    /// is fetched); invalid when the account is not shown or the record is not a full record of
    /// that type yet.
    QModelIndex indexOfRecord(const RecordKey &key) const;
    /// The row of an account's record type; invalid when the account does not show it.
    QModelIndex indexOfType(Vendor vendor, const QString &account, const QString &type) const;

Q_SIGNALS:
    /// The user dropped `dragged` on `target`; `choices` are the ways every one of them may be
    /// linked to it (at least one).
    void linkRequested(const QList<RecordKey> &dragged, const RecordKey &target,
                       const QList<LinkChoice> &choices);

private:
    struct Node;
    struct TypeId
    {
        Vendor vendor;
        QString account;
        QString type;
        friend bool operator==(const TypeId &, const TypeId &) = default;
        friend size_t qHash(const TypeId &t, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, static_cast<quint8>(t.vendor), t.account, t.type);
        }
    };

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    void ensurePopulated(Node *node) const;
    void rebuild();
    void forget(Node *node);
    FetchState fetchState(const Node *node) const;
    void setTypeFetchState(const TypeId &type, FetchState state, const QString &error);
    void setLinkFetchState(const RecordKey &key, FetchState state, const QString &error);
    void emitChanged(const QList<Node *> &nodes);
    QList<Node *> nodesShowing(const RecordKey &key) const;

    void onRecordsAdded(const QList<RecordKey> &keys);
    void onRecordsChanged(const QList<RecordKey> &keys);
    void onLinksAdded(const QList<Link> &links);
    void onLinksChanged(const QList<Link> &links);
    void onLinksRemoved(const QList<Link> &links);

    LinkRepository *m_repository;
    QPointer<RecordSource> m_source;
    std::unique_ptr<Node> m_root;
    QList<AccountInfo> m_accounts;
    /// Every populated or not, record or linked-record node, by the record it shows.
    QMultiHash<RecordKey, Node *> m_nodesByKey;
    struct FetchInfo
    {
        FetchState state = FetchState::NotFetched;
        QString error;
    };
    QHash<TypeId, FetchInfo> m_typeFetch;
    QHash<TypeId, Node *> m_typeNodes;
    QHash<RecordKey, FetchInfo> m_linkFetch;
};
