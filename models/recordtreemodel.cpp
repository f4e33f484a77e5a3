#include "models/recordtreemodel.h"

#include "models/linkrepository.h"
#include "models/recorddrag.h"

#include <algorithm>

using namespace Qt::StringLiterals;

struct RecordTreeModel::Node
{
    NodeKind kind = NodeKind::Account;
    Node *parent = nullptr;
    int row = 0;
    bool populated = false;
    int accountIndex = -1; ///< Account, RecordType
    TypeId typeId; ///< RecordType
    QString typeLabel; ///< RecordType
    RecordKey key; ///< Record, LinkedRecord
    LinkKey link; ///< LinkedRecord
    std::vector<std::unique_ptr<Node>> children;

    bool showsRecord() const { return kind == NodeKind::Record || kind == NodeKind::LinkedRecord; }

    Node *append(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = static_cast<int>(children.size());
        children.push_back(std::move(child));
        return children.back().get();
    }
};

RecordTreeModel::RecordTreeModel(LinkRepository *repository, RecordSource *source, QObject *parent)
    : QAbstractItemModel(parent)
    , m_repository(repository)
    , m_source(source)
{
    connect(m_repository, &LinkRepository::aboutToReset, this, [this] { beginResetModel(); });
    connect(m_repository, &LinkRepository::resetDone, this, [this] {
        rebuild();
        endResetModel();
    });
    connect(m_repository, &LinkRepository::recordsAdded, this, &RecordTreeModel::onRecordsAdded);
    connect(m_repository, &LinkRepository::recordsChanged, this,
            &RecordTreeModel::onRecordsChanged);
    connect(m_repository, &LinkRepository::linksAdded, this, &RecordTreeModel::onLinksAdded);
    connect(m_repository, &LinkRepository::linksChanged, this, &RecordTreeModel::onLinksChanged);
    connect(m_repository, &LinkRepository::linksRemoved, this, &RecordTreeModel::onLinksRemoved);

    if (m_source) {
        connect(m_source, &RecordSource::accountsChanged, this, [this] {
            beginResetModel();
            rebuild();
            endResetModel();
        });
        connect(m_source, &RecordSource::recordsFetched, this,
                [this](Vendor vendor, const QString &account, const QString &type,
                       const Result &result) {
                    setTypeFetchState({vendor, account, type},
                                      result ? FetchState::Fetched : FetchState::Failed,
                                      result.message());
                });
        connect(m_source, &RecordSource::linksFetched, this,
                [this](const RecordKey &key, const Result &result) {
                    setLinkFetchState(key, result ? FetchState::Fetched : FetchState::Failed,
                                      result.message());
                });
        connect(m_source, &RecordSource::offlineChanged, this,
                [this](Vendor vendor, const QString &account) {
                    for (int row = 0; row < int(m_root->children.size()); ++row) {
                        const Node *node = m_root->children.at(row).get();
                        const AccountInfo &info = m_accounts.at(node->accountIndex);
                        if (info.vendor == vendor && info.account == account) {
                            Q_EMIT dataChanged(index(row, 0), index(row, StatusColumn));
                        }
                    }
                });
    }
    rebuild();
}

RecordTreeModel::~RecordTreeModel() = default;

void RecordTreeModel::rebuild()
{
    m_nodesByKey.clear();
    m_typeNodes.clear();
    m_root = std::make_unique<Node>();
    m_accounts.clear();
    if (const RecordSource *source = m_source.data())
        m_accounts = source->accounts();
    for (int i = 0; i < m_accounts.size(); ++i) {
        const AccountInfo &info = m_accounts.at(i);
        auto account = std::make_unique<Node>();
        account->kind = NodeKind::Account;
        account->accountIndex = i;
        account->populated = true;
        for (const RecordTypeInfo &typeInfo : info.recordTypes) {
            auto type = std::make_unique<Node>();
            type->kind = NodeKind::RecordType;
            type->accountIndex = i;
            type->typeId = {info.vendor, info.account, typeInfo.type};
            type->typeLabel = typeInfo.label;
            Node *node = account->append(std::move(type));
            m_typeNodes.insert(node->typeId, node);
        }
        m_root->append(std::move(account));
    }
    m_root->populated = true;
}

RecordTreeModel::Node *RecordTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex RecordTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, node);
}

void RecordTreeModel::ensurePopulated(Node *node) const
{
    if (node->populated)
        return;
    node->populated = true;
    auto *self = const_cast<RecordTreeModel *>(this);
    auto addRecordNode = [&](NodeKind kind, const RecordKey &key, const LinkKey &link) {
        auto child = std::make_unique<Node>();
        child->kind = kind;
        child->key = key;
        child->link = link;
        self->m_nodesByKey.insert(key, node->append(std::move(child)));
    };
    if (node->kind == NodeKind::RecordType) {
        const auto keys = m_repository->recordsOfType(node->typeId.vendor, node->typeId.account,
                                                      node->typeId.type);
        node->children.reserve(keys.size());
        for (const RecordKey &key : keys)
            addRecordNode(NodeKind::Record, key, {});
    } else if (node->showsRecord()) {
        const auto links = m_repository->linksOf(node->key);
        for (const Link &link : links)
            addRecordNode(NodeKind::LinkedRecord, link.otherEnd(node->key), link.key());
    }
}

QModelIndex RecordTreeModel::indexOfRecord(const RecordKey &key) const
{
    Node *typeNode = m_typeNodes.value(TypeId{key.vendor, key.account, key.type});
    if (!typeNode)
        return {};
    ensurePopulated(typeNode);
    for (const Node *node : nodesShowing(key)) {
        if (node->parent == typeNode)
            return indexFor(node);
    }
    return {};
}

QModelIndex RecordTreeModel::indexOfType(Vendor vendor, const QString &account,
                                         const QString &type) const
{
    const Node *node = m_typeNodes.value(TypeId{vendor, account, type});
    return node ? indexFor(node) : QModelIndex();
}

void RecordTreeModel::forget(Node *node)
{
    for (const auto &child : node->children)
        forget(child.get());
    if (node->showsRecord())
        m_nodesByKey.remove(node->key, node);
}

QList<RecordTreeModel::Node *> RecordTreeModel::nodesShowing(const RecordKey &key) const
{
    return m_nodesByKey.values(key);
}

QModelIndex RecordTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || parent.column() > 0)
        return {};
    Node *node = nodeFor(parent);
    ensurePopulated(node);
    if (row >= static_cast<int>(node->children.size()))
        return {};
    return createIndex(row, column, node->children[static_cast<size_t>(row)].get());
}

QModelIndex RecordTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int RecordTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    Node *node = nodeFor(parent);
    ensurePopulated(node);
    return static_cast<int>(node->children.size());
}

int RecordTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

bool RecordTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    if (node->populated && !node->children.empty())
        return true;
    switch (node->kind) {
    case NodeKind::Account:
        return node == m_root.get() ? !m_accounts.isEmpty() : !node->children.empty();
    case NodeKind::RecordType:
        // Unknown until the view asks for rows; an empty, fetched type shows no arrow.
        return !node->populated || fetchState(node) != FetchState::Fetched;
    case NodeKind::Record:
    case NodeKind::LinkedRecord:
        if (fetchState(node) != FetchState::Fetched)
            return true;
        return !node->populated && !m_repository->linksOf(node->key).isEmpty();
    }
    return false;
}

RecordTreeModel::FetchState RecordTreeModel::fetchState(const Node *node) const
{
    if (node->kind == NodeKind::RecordType)
        return m_typeFetch.value(node->typeId).state;
    if (node->showsRecord())
        return m_linkFetch.value(node->key).state;
    return FetchState::Fetched;
}

bool RecordTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!m_source || !parent.isValid() || parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    if (node->kind == NodeKind::Account)
        return false;
    return fetchState(node) == FetchState::NotFetched;
}

void RecordTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    refresh(parent);
}

void RecordTreeModel::refresh(const QModelIndex &index)
{
    if (!m_source || !index.isValid())
        return;
    const Node *node = nodeFor(index);
    if (fetchState(node) == FetchState::Fetching)
        return;
    if (node->kind == NodeKind::RecordType) {
        const TypeId id = node->typeId;
        setTypeFetchState(id, FetchState::Fetching, {});
        m_source->fetchRecords(id.vendor, id.account, id.type);
    } else if (node->showsRecord()) {
        const RecordKey key = node->key;
        setLinkFetchState(key, FetchState::Fetching, {});
        m_source->fetchLinks(key);
    }
}

void RecordTreeModel::setTypeFetchState(const TypeId &type, FetchState state, const QString &error)
{
    m_typeFetch.insert(type, {state, error});
    if (Node *node = m_typeNodes.value(type))
        emitChanged({node});
}

void RecordTreeModel::setLinkFetchState(const RecordKey &key, FetchState state,
                                        const QString &error)
{
    m_linkFetch.insert(key, {state, error});
    emitChanged(nodesShowing(key));
}

void RecordTreeModel::emitChanged(const QList<Node *> &nodes)
{
    for (const Node *node : nodes)
        Q_EMIT dataChanged(indexFor(node, 0), indexFor(node, ColumnCount - 1));
}

QVariant RecordTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeFor(index);
    const AccountInfo *account
        = node->accountIndex >= 0 ? &m_accounts.at(node->accountIndex) : nullptr;
    switch (role) {
    case NodeKindRole:
        return QVariant::fromValue(node->kind);
    case RecordKeyRole:
        return node->showsRecord() ? QVariant::fromValue(node->key) : QVariant();
    case LinkKeyRole:
        return node->kind == NodeKind::LinkedRecord ? QVariant::fromValue(node->link) : QVariant();
    case VendorRole:
        return QVariant::fromValue(account ? account->vendor : node->key.vendor);
    case AccountRole:
        return account ? account->account : node->key.account;
    case RecordTypeRole:
        return node->kind == NodeKind::RecordType ? node->typeId.type : node->key.type;
    case FetchStateRole:
        return QVariant::fromValue(fetchState(node));
    case LinkStateRole:
        if (node->kind == NodeKind::LinkedRecord) {
            if (const auto link = m_repository->link(node->link))
                return QVariant::fromValue(link->state);
        }
        return {};
    case ErrorRole:
    case Qt::ToolTipRole: {
        if (node->kind == NodeKind::Account && m_source
            && m_source->isOffline(account->vendor, account->account)) {
            return tr("Linkloom could not reach %1: what the workspace holds is shown. Press F5 "
                      "to try again.")
                .arg(vendorDisplayName(account->vendor));
        }
        if (node->kind == NodeKind::LinkedRecord) {
            const auto link = m_repository->link(node->link);
            if (link && link->state == LinkState::Failed)
                return link->error;
        }
        const FetchInfo info = node->kind == NodeKind::RecordType ? m_typeFetch.value(node->typeId)
                                                                  : m_linkFetch.value(node->key);
        if (info.state == FetchState::Failed)
            return info.error;
        return {};
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case NameColumn:
        if (node->kind == NodeKind::Account)
            return account->displayName;
        if (node->kind == NodeKind::RecordType)
            return node->typeLabel;
        if (const auto record = m_repository->record(node->key))
            return record->displayTitle();
        return Record{node->key, {}, {}, {}}.displayTitle();
    case TypeColumn:
        if (node->kind == NodeKind::Account)
            return vendorDisplayName(account->vendor);
        if (node->kind == NodeKind::RecordType)
            return node->populated ? tr("%n record(s)", nullptr, int(node->children.size()))
                                   : QString();
        if (node->kind == NodeKind::LinkedRecord)
            return QString(node->key.type + u" · "_s + node->link.type);
        return node->key.type;
    case StatusColumn: {
        if (node->kind == NodeKind::Account && m_source
            && m_source->isOffline(account->vendor, account->account))
            return tr("Offline");
        if (node->kind == NodeKind::LinkedRecord) {
            const auto link = m_repository->link(node->link);
            if (link && link->state == LinkState::Pending)
                return tr("Pending");
            if (link && link->state == LinkState::Failed)
                return tr("Failed");
        }
        switch (fetchState(node)) {
        case FetchState::Fetching:
            return tr("Loading…");
        case FetchState::Failed:
            return tr("Could not load");
        default:
            return {};
        }
    }
    default:
        return {};
    }
}

QVariant RecordTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags RecordTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const auto kind = index.data(NodeKindRole).value<NodeKind>();
    if (kind == NodeKind::Record || kind == NodeKind::LinkedRecord)
        flags |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    return flags;
}

QStringList RecordTreeModel::mimeTypes() const
{
    return {QString(RecordDrag::MimeType)};
}

QMimeData *RecordTreeModel::mimeData(const QModelIndexList &indexes) const
{
    return RecordDrag::mimeData(indexes, RecordKeyRole);
}

Qt::DropActions RecordTreeModel::supportedDragActions() const
{
    return Qt::LinkAction | Qt::CopyAction; // copy: the keys as text, to other applications
}

Qt::DropActions RecordTreeModel::supportedDropActions() const
{
    return Qt::LinkAction;
}

bool RecordTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                      int column, const QModelIndex &parent) const
{
    if (action != Qt::LinkAction || row != -1 || column != -1)
        return false;
    return dropVerdict(data, parent).allowed();
}

bool RecordTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                   int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const LinkVerdict verdict = dropVerdict(data, parent);
    Q_EMIT linkRequested(RecordDrag::decode(data).keys,
                         parent.data(RecordKeyRole).value<RecordKey>(), verdict.choices);
    return true;
}

LinkVerdict RecordTreeModel::dropVerdict(const QMimeData *data, const QModelIndex &target) const
{
    return RecordDrag::verdict(data, target, RecordKeyRole, m_repository);
}

void RecordTreeModel::onRecordsAdded(const QList<RecordKey> &keys)
{
    QHash<Node *, QList<RecordKey>> perType;
    for (const RecordKey &key : keys) {
        Node *typeNode = m_typeNodes.value({key.vendor, key.account, key.type});
        if (typeNode && typeNode->populated)
            perType[typeNode].append(key);
    }
    for (auto it = perType.cbegin(); it != perType.cend(); ++it) {
        Node *typeNode = it.key();
        const int first = static_cast<int>(typeNode->children.size());
        beginInsertRows(indexFor(typeNode), first, first + int(it.value().size()) - 1);
        for (const RecordKey &key : it.value()) {
            auto child = std::make_unique<Node>();
            child->kind = NodeKind::Record;
            child->key = key;
            m_nodesByKey.insert(key, typeNode->append(std::move(child)));
        }
        endInsertRows();
        emitChanged({typeNode}); // its record count
    }
    // Records shown before as stubs (linked rows) now have titles.
    for (const RecordKey &key : keys) {
        QList<Node *> linked = nodesShowing(key);
        linked.removeIf([](const Node *n) { return n->kind != NodeKind::LinkedRecord; });
        emitChanged(linked);
    }
}

void RecordTreeModel::onRecordsChanged(const QList<RecordKey> &keys)
{
    for (const RecordKey &key : keys)
        emitChanged(nodesShowing(key));
}

void RecordTreeModel::onLinksAdded(const QList<Link> &links)
{
    QHash<Node *, QList<Link>> perNode;
    for (const Link &link : links) {
        for (const RecordKey &end : {link.source, link.target}) {
            for (Node *node : nodesShowing(end)) {
                if (node->populated)
                    perNode[node].append(link);
            }
            if (link.source == link.target)
                break;
        }
    }
    for (auto it = perNode.cbegin(); it != perNode.cend(); ++it) {
        Node *node = it.key();
        const int first = static_cast<int>(node->children.size());
        beginInsertRows(indexFor(node), first, first + int(it.value().size()) - 1);
        for (const Link &link : it.value()) {
            auto child = std::make_unique<Node>();
            child->kind = NodeKind::LinkedRecord;
            child->key = link.otherEnd(node->key);
            child->link = link.key();
            Node *added = node->append(std::move(child));
            m_nodesByKey.insert(added->key, added);
        }
        endInsertRows();
    }
}

void RecordTreeModel::onLinksChanged(const QList<Link> &links)
{
    for (const Link &link : links) {
        const LinkKey key = link.key();
        QList<Node *> changed;
        for (const RecordKey &end : {link.source, link.target}) {
            for (Node *node : nodesShowing(end)) {
                if (node->kind == NodeKind::LinkedRecord && node->link == key)
                    changed.append(node);
            }
        }
        emitChanged(changed);
    }
}

void RecordTreeModel::onLinksRemoved(const QList<Link> &links)
{
    // A removed link disappears under both ends, wherever they are shown. Removing a row drops
    // its whole subtree, which may hold other nodes showing the same end: look them up afresh
    // after every removal.
    auto removeOne = [this](const RecordKey &end, const RecordKey &other, const LinkKey &key) {
        for (Node *node : nodesShowing(end)) {
            if (!node->populated)
                continue;
            auto &children = node->children;
            const auto it = std::find_if(children.begin(), children.end(), [&](const auto &c) {
                return c->link == key && c->key == other;
            });
            if (it == children.end())
                continue;
            const int row = static_cast<int>(it - children.begin());
            beginRemoveRows(indexFor(node), row, row);
            forget(it->get());
            children.erase(it);
            for (size_t i = static_cast<size_t>(row); i < children.size(); ++i)
                children[i]->row = static_cast<int>(i);
            endRemoveRows();
            return true;
        }
        return false;
    };
    for (const Link &link : links) {
        const LinkKey key = link.key();
        while (removeOne(link.source, link.target, key)) { }
        while (link.source != link.target && removeOne(link.target, link.source, key)) { }
    }
}
