#include "models/searchresultsmodel.h"

#include "models/recorddrag.h"

#include "models/linkrepository.h"
#include "models/recordtreemodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using Kind = RecordTreeModel::NodeKind;

/// Beyond this many shown rows changing in one type at once, its rows are replaced in one go.
constexpr int BulkThreshold = 32;

} // namespace

SearchResultsModel::SearchResultsModel(RecordSearch *search, QObject *parent)
    : QAbstractItemModel(parent)
    , m_search(search)
    , m_repository(search->repository())
{
    connect(m_search, &RecordSearch::aboutToReset, this, [this] {
        m_changing = true;
        beginResetModel();
        clear();
    });
    connect(m_search, &RecordSearch::resetDone, this, [this] {
        if (!m_filter.isEmpty())
            run(false);
        endResetModel();
        m_changing = false;
        emitMatchCount();
    });
    connect(m_search, &RecordSearch::entriesChanged, this, &SearchResultsModel::onEntriesChanged);
}

SearchResultsModel::~SearchResultsModel() = default;

void SearchResultsModel::setFilter(const RecordFilter &filter)
{
    if (filter == m_filter && m_query.has_value() == !filter.isEmpty())
        return;
    m_changing = true;
    beginResetModel();
    m_filter = filter;
    run(true);
    endResetModel();
    m_changing = false;
    emitMatchCount();
}

void SearchResultsModel::setPageSize(int pageSize)
{
    m_pageSize = qMax(1, pageSize);
}

qsizetype SearchResultsModel::matchCount() const
{
    qsizetype count = 0;
    for (const QList<quint32> &hits : m_hits)
        count += hits.size();
    return count;
}

void SearchResultsModel::clear()
{
    m_query.reset();
    m_hits.clear();
    m_accounts.clear();
    m_typeOfGroup.clear();
    m_accountInfo.clear();
}

/// Matches the filter (between begin and end of a model reset).
void SearchResultsModel::run(bool mayRefine)
{
    if (m_filter.isEmpty() || !m_search) {
        clear();
        return;
    }
    RecordSearch::Query query = m_search->prepare(m_filter);
    if (mayRefine && m_query)
        m_hits = m_search->refine(query, *m_query, m_hits);
    else
        m_hits = m_search->match(query);
    m_query = std::move(query);
    rebuild();
}

void SearchResultsModel::rebuild()
{
    m_accounts.clear();
    m_accountInfo = m_search->accounts();
    m_typeOfGroup.assign(size_t(m_hits.size()), nullptr);
    for (int g = 0; g < int(m_hits.size()); ++g) {
        if (m_hits.at(g).isEmpty())
            continue;
        const int accountIndex = m_search->group(g).accountIndex;
        auto it = std::find_if(m_accounts.begin(), m_accounts.end(),
                               [&](const auto &a) { return a->accountIndex == accountIndex; });
        if (it == m_accounts.end()) {
            auto account = std::make_unique<AccountNode>();
            account->level = Level::Account;
            account->accountIndex = accountIndex;
            it = std::upper_bound(m_accounts.begin(), m_accounts.end(), accountIndex,
                                  [](int a, const auto &node) { return a < node->accountIndex; });
            it = m_accounts.insert(it, std::move(account));
        }
        AccountNode *account = it->get();
        auto type = std::make_unique<TypeNode>();
        type->level = Level::Type;
        type->group = g;
        type->loaded = int(qMin<qsizetype>(m_pageSize, m_hits.at(g).size()));
        type->account = account;
        type->row = int(account->types.size());
        m_typeOfGroup[size_t(g)] = type.get();
        account->types.push_back(std::move(type));
    }
    for (size_t i = 0; i < m_accounts.size(); ++i)
        m_accounts[i]->row = int(i);
}

void SearchResultsModel::emitMatchCount()
{
    const qsizetype count = matchCount();
    if (count == m_lastCount)
        return;
    m_lastCount = count;
    Q_EMIT matchCountChanged(count);
}

// --- structure --------------------------------------------------------------------------------

// Each index points at the node of its parent: the root for accounts, the account for types,
// the type for records.

QModelIndex SearchResultsModel::indexOf(const AccountNode *account) const
{
    return createIndex(account->row, 0, &m_root);
}

QModelIndex SearchResultsModel::indexOf(const TypeNode *type) const
{
    return createIndex(type->row, 0, type->account);
}

const SearchResultsModel::AccountNode *SearchResultsModel::accountAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalPointer() != &m_root)
        return nullptr;
    return m_accounts.at(size_t(index.row())).get();
}

const SearchResultsModel::TypeNode *SearchResultsModel::typeAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    const auto *parent = static_cast<const Node *>(index.internalPointer());
    if (parent->level != Level::Account)
        return nullptr;
    return static_cast<const AccountNode *>(parent)->types.at(size_t(index.row())).get();
}

QModelIndex SearchResultsModel::indexOfRecord(const RecordKey &key) const
{
    if (!m_search || !m_query)
        return {};
    const quint32 entry = m_search->findEntry(key);
    if (entry == RecordSearch::NoEntry)
        return {};
    const auto group = size_t(m_search->groupOf(entry));
    const TypeNode *type = group < m_typeOfGroup.size() ? m_typeOfGroup[group] : nullptr;
    if (!type)
        return {};
    const QList<quint32> &hits = m_hits.at(type->group);
    for (int row = 0; row < type->loaded; ++row) {
        if (RecordSearch::entryOf(hits.at(row)) == entry)
            return createIndex(row, 0, type);
    }
    return {};
}

QModelIndex SearchResultsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= RecordTreeModel::ColumnCount || parent.column() > 0)
        return {};
    if (!parent.isValid()) {
        return row < int(m_accounts.size()) ? createIndex(row, column, &m_root) : QModelIndex();
    }
    if (const AccountNode *account = accountAt(parent)) {
        return row < int(account->types.size()) ? createIndex(row, column, account) : QModelIndex();
    }
    if (const TypeNode *type = typeAt(parent))
        return row < type->loaded ? createIndex(row, column, type) : QModelIndex();
    return {};
}

QModelIndex SearchResultsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const auto *parent = static_cast<const Node *>(child.internalPointer());
    switch (parent->level) {
    case Level::Root:
        return {};
    case Level::Account:
        return indexOf(static_cast<const AccountNode *>(parent));
    case Level::Type:
        return indexOf(static_cast<const TypeNode *>(parent));
    }
    return {};
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (!parent.isValid())
        return int(m_accounts.size());
    if (const AccountNode *account = accountAt(parent))
        return int(account->types.size());
    if (const TypeNode *type = typeAt(parent))
        return type->loaded;
    return 0;
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return RecordTreeModel::ColumnCount;
}

bool SearchResultsModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    if (!parent.isValid())
        return !m_accounts.empty();
    if (accountAt(parent))
        return true; // accounts and types are shown only while they hold matches
    if (const TypeNode *type = typeAt(parent))
        return type->loaded > 0 || !m_hits.at(type->group).isEmpty();
    return false;
}

bool SearchResultsModel::canFetchMore(const QModelIndex &parent) const
{
    if (m_changing)
        return false; // a view checking rows in the middle of a change must not add any
    const TypeNode *type = parent.column() > 0 ? nullptr : typeAt(parent);
    return type && type->loaded < m_hits.at(type->group).size();
}

void SearchResultsModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    auto *type = const_cast<TypeNode *>(typeAt(parent));
    const int last
        = int(qMin<qsizetype>(qsizetype(type->loaded) + m_pageSize, m_hits.at(type->group).size()));
    m_changing = true;
    beginInsertRows(parent, type->loaded, last - 1);
    type->loaded = last;
    endInsertRows();
    m_changing = false;
    const QModelIndex row = indexOf(type);
    Q_EMIT dataChanged(row.siblingAtColumn(RecordTreeModel::StatusColumn),
                       row.siblingAtColumn(RecordTreeModel::StatusColumn));
}

// --- data -------------------------------------------------------------------------------------

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_search)
        return {};
    const auto *parentNode = static_cast<const Node *>(index.internalPointer());
    const AccountNode *account = accountAt(index);
    const TypeNode *type = typeAt(index);
    const TypeNode *recordType
        = parentNode->level == Level::Type ? static_cast<const TypeNode *>(parentNode) : nullptr;
    const int group = type ? type->group : recordType ? recordType->group : -1;
    const AccountInfo &info
        = m_accountInfo.at(account ? account->accountIndex : m_search->group(group).accountIndex);
    std::optional<RecordKey> key;
    if (recordType) {
        key = m_search->recordKey(
            RecordSearch::entryOf(m_hits.at(recordType->group).at(index.row())));
    }

    switch (role) {
    case RecordTreeModel::NodeKindRole:
        return QVariant::fromValue(account    ? Kind::Account
                                       : type ? Kind::RecordType
                                              : Kind::Record);
    case RecordTreeModel::RecordKeyRole:
        return key ? QVariant::fromValue(*key) : QVariant();
    case RecordTreeModel::VendorRole:
        return QVariant::fromValue(info.vendor);
    case RecordTreeModel::AccountRole:
        return info.account;
    case RecordTreeModel::RecordTypeRole:
        return group >= 0 ? QVariant(m_search->group(group).type) : QVariant();
    case Qt::ToolTipRole:
        if (type && type->loaded < m_hits.at(group).size()) {
            return tr("The best %1 of %2 matches are shown. Type more to narrow the search, or "
                      "scroll to the end of the list for more.")
                .arg(type->loaded)
                .arg(m_hits.at(group).size());
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case RecordTreeModel::NameColumn:
        if (account)
            return info.displayName;
        if (type)
            return m_search->group(group).label;
        if (const QString title = m_repository->title(*key); !title.isEmpty())
            return title;
        return Record{*key, {}, {}, {}}.displayTitle();
    case RecordTreeModel::TypeColumn:
        if (account)
            return vendorDisplayName(info.vendor);
        if (type)
            return tr("%n match(es)", nullptr, int(m_hits.at(group).size()));
        return key->type;
    case RecordTreeModel::StatusColumn:
        if (type && type->loaded < m_hits.at(group).size())
            return tr("%1 shown").arg(type->loaded);
        return {};
    default:
        return {};
    }
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RecordTreeModel::NameColumn:
        return tr("Name");
    case RecordTreeModel::TypeColumn:
        return tr("Type");
    case RecordTreeModel::StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags SearchResultsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.data(RecordTreeModel::RecordKeyRole).isValid())
        flags |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    return flags;
}

QStringList SearchResultsModel::mimeTypes() const
{
    return {QString(RecordDrag::MimeType)};
}

QMimeData *SearchResultsModel::mimeData(const QModelIndexList &indexes) const
{
    return RecordDrag::mimeData(indexes, RecordTreeModel::RecordKeyRole);
}

Qt::DropActions SearchResultsModel::supportedDragActions() const
{
    return Qt::LinkAction | Qt::CopyAction;
}

Qt::DropActions SearchResultsModel::supportedDropActions() const
{
    return Qt::LinkAction;
}

LinkVerdict SearchResultsModel::dropVerdict(const QMimeData *data, const QModelIndex &target) const
{
    return RecordDrag::verdict(data, target, RecordTreeModel::RecordKeyRole, m_repository);
}

bool SearchResultsModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                         int column, const QModelIndex &parent) const
{
    return action == Qt::LinkAction && row == -1 && column == -1
        && dropVerdict(data, parent).allowed();
}

bool SearchResultsModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                      int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    Q_EMIT linkRequested(RecordDrag::decode(data).keys,
                         parent.data(RecordTreeModel::RecordKeyRole).value<RecordKey>(),
                         dropVerdict(data, parent).choices);
    return true;
}

// --- following the repository -----------------------------------------------------------------

void SearchResultsModel::onEntriesChanged(const QList<quint32> &entries)
{
    if (!m_query || !m_search)
        return;
    const auto groups = size_t(m_search->groupCount());
    if (m_hits.size() < qsizetype(groups)) {
        m_hits.resize(qsizetype(groups));
        m_typeOfGroup.resize(groups, nullptr);
    }
    std::vector<std::vector<quint32>> byGroup(groups);
    for (quint32 entry : entries)
        byGroup[size_t(m_search->groupOf(entry))].push_back(entry);
    for (size_t g = 0; g < groups; ++g) {
        if (!byGroup[g].empty()) {
            std::sort(byGroup[g].begin(), byGroup[g].end());
            m_changing = true;
            applyChanges(int(g), byGroup[g]);
            m_changing = false;
        }
    }
    emitMatchCount();
}

/// Brings the hits of one group up to date for the `changed` entries (sorted), telling views
/// about the rows they show.
void SearchResultsModel::applyChanges(int group, const std::vector<quint32> &changed)
{
    QList<quint32> &hits = m_hits[group];
    const auto isChanged = [&](quint32 hit) {
        return std::binary_search(changed.begin(), changed.end(), RecordSearch::entryOf(hit));
    };
    std::vector<quint32> added; // new hits, ascending
    for (quint32 entry : changed) {
        if (const qint64 hit = m_search->hit(*m_query, entry); hit >= 0)
            added.push_back(quint32(hit));
    }
    std::sort(added.begin(), added.end());
    std::vector<qsizetype> removed; // positions of old hits that go, ascending
    std::vector<quint32> kept; // changed entries whose hit stays the same
    for (qsizetype i = 0; i < hits.size(); ++i) {
        const quint32 hit = hits.at(i);
        if (!isChanged(hit))
            continue;
        const auto same = std::lower_bound(added.begin(), added.end(), hit);
        if (same != added.end() && *same == hit) {
            kept.push_back(hit);
            added.erase(same);
        } else {
            removed.push_back(i);
        }
    }
    const auto mergeSilently = [&] {
        QList<quint32> next;
        next.reserve(hits.size() - qsizetype(removed.size()) + qsizetype(added.size()));
        auto gone = removed.cbegin();
        auto in = added.cbegin();
        for (qsizetype i = 0; i < hits.size(); ++i) {
            if (gone != removed.cend() && *gone == i) {
                ++gone;
                continue;
            }
            while (in != added.cend() && *in < hits.at(i))
                next.append(*in++);
            next.append(hits.at(i));
        }
        next.append(QList<quint32>(in, added.cend()));
        hits = std::move(next);
    };

    TypeNode *type = m_typeOfGroup[size_t(group)];
    if (!type) {
        mergeSilently();
        if (!hits.isEmpty())
            showType(group);
        return;
    }
    const QModelIndex typeIndex = indexOf(type);
    const qsizetype shownRemovals = std::count_if(removed.begin(), removed.end(),
                                                  [&](qsizetype i) { return i < type->loaded; });
    const quint32 lastShown = type->loaded > 0 ? hits.at(type->loaded - 1) : 0;
    const bool growing = type->loaded == hits.size() && type->loaded < m_pageSize;
    const qsizetype shownAdditions = growing
        ? qsizetype(added.size())
        : std::count_if(added.begin(), added.end(), [&](quint32 h) { return h < lastShown; });

    if (shownRemovals + shownAdditions > BulkThreshold) {
        const int wasLoaded = type->loaded;
        if (wasLoaded > 0) {
            beginRemoveRows(typeIndex, 0, wasLoaded - 1);
            type->loaded = 0;
            endRemoveRows();
        }
        mergeSilently();
        if (hits.isEmpty()) {
            hideType(group);
            return;
        }
        const int loaded = int(qMin<qsizetype>(qMax(wasLoaded, m_pageSize), hits.size()));
        beginInsertRows(typeIndex, 0, loaded - 1);
        type->loaded = loaded;
        endInsertRows();
    } else {
        for (auto it = removed.crbegin(); it != removed.crend(); ++it) {
            const qsizetype row = *it;
            if (row < type->loaded) {
                beginRemoveRows(typeIndex, int(row), int(row));
                hits.removeAt(row);
                --type->loaded;
                endRemoveRows();
            } else {
                hits.removeAt(row);
            }
        }
        removed.clear();
        if (hits.isEmpty() && added.empty()) {
            hideType(group);
            return;
        }
        auto in = added.begin();
        for (; in != added.end(); ++in) {
            const auto row
                = qsizetype(std::lower_bound(hits.begin(), hits.end(), *in) - hits.begin());
            const bool shown
                = row < type->loaded || (type->loaded == hits.size() && type->loaded < m_pageSize);
            if (!shown)
                break; // this one and every later (greater) one go after the shown rows
            beginInsertRows(typeIndex, int(row), int(row));
            hits.insert(row, *in);
            ++type->loaded;
            endInsertRows();
        }
        added.erase(added.begin(), in);
        mergeSilently();
        for (quint32 hit : kept) {
            const auto row
                = qsizetype(std::lower_bound(hits.begin(), hits.end(), hit) - hits.begin());
            if (row < type->loaded) {
                Q_EMIT dataChanged(index(int(row), 0, typeIndex),
                                   index(int(row), RecordTreeModel::ColumnCount - 1, typeIndex));
            }
        }
        // Rows that went make room for the next matches, up to a page.
        const int full = int(qMin<qsizetype>(m_pageSize, hits.size()));
        if (type->loaded < full) {
            beginInsertRows(typeIndex, type->loaded, full - 1);
            type->loaded = full;
            endInsertRows();
        }
    }
    Q_EMIT dataChanged(typeIndex, typeIndex.siblingAtColumn(RecordTreeModel::ColumnCount - 1));
}

void SearchResultsModel::showType(int group)
{
    auto type = std::make_unique<TypeNode>();
    type->level = Level::Type;
    type->group = group;
    type->loaded = int(qMin<qsizetype>(m_pageSize, m_hits.at(group).size()));
    TypeNode *node = type.get();
    const int accountIndex = m_search->group(group).accountIndex;
    const auto at = std::lower_bound(m_accounts.begin(), m_accounts.end(), accountIndex,
                                     [](const auto &a, int i) { return a->accountIndex < i; });
    if (at == m_accounts.end() || (*at)->accountIndex != accountIndex) {
        auto account = std::make_unique<AccountNode>();
        account->level = Level::Account;
        account->accountIndex = accountIndex;
        type->account = account.get();
        account->types.push_back(std::move(type));
        const int row = int(at - m_accounts.begin());
        beginInsertRows({}, row, row);
        m_accounts.insert(at, std::move(account));
        for (size_t i = size_t(row); i < m_accounts.size(); ++i)
            m_accounts[i]->row = int(i);
        m_typeOfGroup[size_t(group)] = node;
        endInsertRows();
        return;
    }
    AccountNode *account = at->get();
    type->account = account;
    const auto pos = std::lower_bound(account->types.begin(), account->types.end(), group,
                                      [](const auto &t, int g) { return t->group < g; });
    const int row = int(pos - account->types.begin());
    beginInsertRows(indexOf(account), row, row);
    account->types.insert(pos, std::move(type));
    for (size_t i = size_t(row); i < account->types.size(); ++i)
        account->types[i]->row = int(i);
    m_typeOfGroup[size_t(group)] = node;
    endInsertRows();
}

void SearchResultsModel::hideType(int group)
{
    TypeNode *type = m_typeOfGroup[size_t(group)];
    AccountNode *account = type->account;
    if (account->types.size() == 1) {
        const int row = account->row;
        beginRemoveRows({}, row, row);
        m_typeOfGroup[size_t(group)] = nullptr;
        m_accounts.erase(m_accounts.begin() + row);
        for (size_t i = size_t(row); i < m_accounts.size(); ++i)
            m_accounts[i]->row = int(i);
        endRemoveRows();
        return;
    }
    const int row = type->row;
    beginRemoveRows(indexOf(account), row, row);
    m_typeOfGroup[size_t(group)] = nullptr;
    account->types.erase(account->types.begin() + row);
    for (size_t i = size_t(row); i < account->types.size(); ++i)
        account->types[i]->row = int(i);
    endRemoveRows();
}
