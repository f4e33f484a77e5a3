#include "models/linkrepository.h"

#include "models/linkrepository_p.h"
#include "models/repositoryindex.h"
#include "models/workspaceschema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimeZone>
#include <QTimer>
#include <QVarLengthArray>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcRepository, "linkloom.repository")

constexpr quint32 NoIndex = RepositoryIndex::NoIndex;

int g_failRowWriteCountdown = 0;

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool isKnownVendor(int value)
{
    return value >= 0 && value <= int(Vendor::Laserfiche);
}

bool isKnownState(int value)
{
    return value >= 0 && value <= int(LinkState::Failed);
}

bool isKnownDirection(int value)
{
    return value >= 0 && value <= int(LinkDirection::Directed);
}

/// NULL for an empty string, so empty values cost nothing in the file.
QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

/// A record as it is written: the packed payload kept in memory and the column values.
struct EncodedRecord
{
    QByteArray payload;
    QString title;
    QString webUrl;
    QString fieldsJson;
};

EncodedRecord encodeRecord(const Record &record)
{
    EncodedRecord encoded;
    const QByteArray url = record.webUrl.isEmpty() ? QByteArray() : record.webUrl.toEncoded();
    QByteArray json;
    if (!record.fields.isEmpty()) {
        json = QJsonDocument(QJsonObject::fromVariantMap(record.fields))
                   .toJson(QJsonDocument::Compact);
    }
    encoded.payload = RepositoryIndex::packPayload(record.title.toUtf8(), url, json);
    encoded.title = record.title;
    encoded.webUrl = QString::fromLatin1(url);
    encoded.fieldsJson = QString::fromUtf8(json);
    return encoded;
}

/// Identifies a record during planning: in the index, or provisional (the index it will get).
struct RecordRef
{
    quint32 index = NoIndex;
    bool isNew = false;
};

} // namespace

void LinkRepositoryTesting::failRowWrite(int n)
{
    g_failRowWriteCountdown = n;
}

// --- planning ------------------------------------------------------------------------------

namespace {

/// What one change does, worked out from the memory alone before anything is written.
/// Indexes of new groups, link types and records are predicted: the index only grows, so the
/// k-th new one gets count() + k when the plan is applied.
struct ChangePlan
{
    struct NewGroup
    {
        Vendor vendor;
        QString account;
        QString type;
    };
    struct NewRecord
    {
        RecordKey key;
        quint32 group;
        quint32 dbId;
        bool full = false;
        qint64 fullSeq = 0;
        EncodedRecord encoded;
    };
    struct RecordUpdate
    {
        quint32 index;
        bool wasStub;
        EncodedRecord encoded;
        qint64 fullSeq = 0;
    };
    /// A record that becomes full: a new record or a stub, in the order of the request.
    struct BecomesFull
    {
        bool isNew;
        qsizetype position; ///< in newRecords or recordUpdates
    };
    struct LinkWrite
    {
        /// Ends in key() order (indexes may be predicted ones), type, direction, state and
        /// StoredReversed; vendorLinkId is unused.
        RepositoryIndex::LinkSlot values;
        const Link *link; ///< the requested value (the caller's list outlives the plan)
        bool swapped; ///< `link` has its ends the other way round than key()
        quint32 slot; ///< the existing slot for updates, NoIndex for new links
    };

    QList<NewGroup> newGroups;
    QList<QString> newLinkTypes;
    QList<NewRecord> newRecords; ///< full records and stubs, in index order
    QList<RecordUpdate> recordUpdates;
    QList<BecomesFull> becomeFull;
    QList<LinkWrite> newLinks;
    QList<LinkWrite> linkUpdates;
    QList<quint32> removedSlots;
    /// Intents to write whole (a new one, or an open one moved on), with their final values.
    QList<Intent> intentWrites;

    bool isEmpty() const
    {
        return newRecords.isEmpty() && recordUpdates.isEmpty() && newLinks.isEmpty()
            && linkUpdates.isEmpty() && removedSlots.isEmpty() && intentWrites.isEmpty();
    }
    qsizetype rowCount() const
    {
        return newRecords.size() + recordUpdates.size() + newLinks.size() + linkUpdates.size()
            + removedSlots.size() + intentWrites.size();
    }
};

/// The link as it is stored and announced: ends in key() order.
Link normalizedLink(const ChangePlan::LinkWrite &write)
{
    Link link = *write.link;
    if (write.swapped)
        std::swap(link.source, link.target);
    return link;
}

class Planner
{
public:
    Planner(const RepositoryIndex &index, quint32 nextDbId)
        : m_index(index)
        , m_nextDbId(nextDbId)
    { }

    ChangePlan m_plan;

    quint32 group(const RecordKey &key)
    {
        quint32 group = m_index.findGroup(key.vendor, key.account, key.type);
        if (group != NoIndex)
            return group;
        for (qsizetype i = 0; i < m_plan.newGroups.size(); ++i) {
            const ChangePlan::NewGroup &g = m_plan.newGroups.at(i);
            if (g.vendor == key.vendor && g.account == key.account && g.type == key.type)
                return m_index.groupCount() + quint32(i);
        }
        m_plan.newGroups.append({key.vendor, key.account, key.type});
        return m_index.groupCount() + quint32(m_plan.newGroups.size() - 1);
    }

    /// The record with this key: existing, planned already, or a new stub.
    RecordRef record(const RecordKey &key)
    {
        const quint32 g = group(key);
        if (g < m_index.groupCount()) {
            const quint32 existing = m_index.findRecord(g, key.id);
            if (existing != NoIndex)
                return {existing, false};
        }
        if (!m_newRecords.isEmpty()) {
            const auto it = m_newRecords.constFind(PendingRecordKey{g, key.id});
            if (it != m_newRecords.cend())
                return {*it, true};
        }
        const quint32 index = m_index.recordCount() + quint32(m_plan.newRecords.size());
        m_plan.newRecords.append({key, g, m_nextDbId++, false, 0, {}});
        m_newRecords.insert(PendingRecordKey{g, key.id}, index);
        return {index, true};
    }

    ChangePlan::NewRecord &newRecord(quint32 index)
    {
        return m_plan.newRecords[index - m_index.recordCount()];
    }

    quint32 linkType(const QString &name)
    {
        const quint32 type = m_index.findLinkType(name);
        if (type != NoIndex)
            return type;
        const qsizetype i = m_plan.newLinkTypes.indexOf(name);
        if (i >= 0)
            return m_index.linkTypeCount() + quint32(i);
        m_plan.newLinkTypes.append(name);
        return m_index.linkTypeCount() + quint32(m_plan.newLinkTypes.size() - 1);
    }

    /// Plans an insert or update of `link` (already validated; it must outlive the plan).
    /// With `keepUnconfirmed`, existing Pending and Failed links are left alone.
    void upsertLink(const Link &link, bool keepUnconfirmed)
    {
        const bool swapped
            = link.direction == LinkDirection::Undirected && link.target < link.source;
        const RecordRef source = record(swapped ? link.target : link.source);
        const RecordRef target = record(swapped ? link.source : link.target);
        const quint32 type = linkType(link.type);
        const PendingLinkKey key{source.index, target.index, type};

        if (!m_plannedLinks.isEmpty()) {
            const auto planned = m_plannedLinks.constFind(key);
            if (planned != m_plannedLinks.cend()) {
                // The same key earlier in this change: the later value wins.
                ChangePlan::LinkWrite &write = planned->isNew
                    ? m_plan.newLinks[planned->position]
                    : m_plan.linkUpdates[planned->position];
                write.values.direction = link.direction;
                write.values.state = link.state;
                write.link = &link;
                write.swapped = swapped;
                return;
            }
        }

        quint32 slot = NoIndex;
        if (!source.isNew && !target.isNew && type < m_index.linkTypeCount())
            slot = m_index.findLink(source.index, target.index, type);

        ChangePlan::LinkWrite write;
        write.values.source = source.index;
        write.values.target = target.index;
        write.values.type = type;
        write.values.direction = link.direction;
        write.values.state = link.state;
        write.link = &link;
        write.swapped = swapped;
        write.slot = slot;
        if (slot == NoIndex) {
            m_plannedLinks.insert(key, {true, m_plan.newLinks.size()});
            m_plan.newLinks.append(write);
            return;
        }
        const RepositoryIndex::LinkSlot &current = m_index.slot(slot);
        if (keepUnconfirmed && current.state != LinkState::Confirmed)
            return;
        if (isStored(slot, link))
            return; // nothing to do
        write.values.flags = current.flags & RepositoryIndex::StoredReversed;
        m_plannedLinks.insert(key, {false, m_plan.linkUpdates.size()});
        m_plan.linkUpdates.append(write);
    }

    /// Drops planned updates that, after merging duplicates, change nothing.
    void dropNoOpLinkUpdates()
    {
        m_plan.linkUpdates.removeIf([this](const ChangePlan::LinkWrite &write) {
            return isStored(write.slot, *write.link);
        });
    }

private:
    struct PendingRecordKey
    {
        quint32 group;
        QString id;
        friend bool operator==(const PendingRecordKey &, const PendingRecordKey &) = default;
        friend size_t qHash(const PendingRecordKey &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.group, key.id);
        }
    };
    struct PendingLinkKey
    {
        quint32 source;
        quint32 target;
        quint32 type;
        friend bool operator==(const PendingLinkKey &, const PendingLinkKey &) = default;
        friend size_t qHash(const PendingLinkKey &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.source, key.target, key.type);
        }
    };
    struct PlannedLink
    {
        bool isNew;
        qsizetype position;
    };

    /// True when the stored link has the values `link` asks for.
    bool isStored(quint32 slot, const Link &link) const
    {
        const RepositoryIndex::LinkSlot &s = m_index.slot(slot);
        return s.direction == link.direction && s.state == link.state
            && m_index.vendorLinkIdEquals(slot, link.vendorLinkId)
            && (s.flags & RepositoryIndex::HasError ? m_index.error(slot) == link.error
                                                    : link.error.isEmpty());
    }

    const RepositoryIndex &m_index;
    quint32 m_nextDbId;
    QHash<PendingRecordKey, quint32> m_newRecords;
    QHash<PendingLinkKey, PlannedLink> m_plannedLinks;
};

bool isValidKey(const RecordKey &key)
{
    return key.isValid() && isKnownVendor(int(key.vendor));
}

} // namespace

// --- the open workspace: connection, statements, memory -------------------------------------

namespace {

/// Above this many rows a change runs with a larger page cache: random inserts into the link
/// and record indexes (and the foreign-key lookups) otherwise reread pages for every row. The
/// cache stays large while such changes keep coming (a sync sends batch after batch) and
/// shrinks back BulkCacheIdleMs after the last one.
constexpr qsizetype BulkRows = 1000;
constexpr int BulkCacheKiB = 32 * 1024;
constexpr int BulkCacheIdleMs = 2000;

class Workspace
{
public:
    Workspace() = default;
    ~Workspace();
    Q_DISABLE_COPY_MOVE(Workspace)

    Result open(const QString &path);
    /// Writes the plan in one transaction. On failure everything is rolled back.
    Result write(const ChangePlan &plan);

    void applyNewRecords(const ChangePlan &plan);
    void applyRecordChanges(const ChangePlan &plan);
    void applyRemovedLinks(const ChangePlan &plan);
    void applyNewLinks(const ChangePlan &plan);
    void applyLinkUpdates(const ChangePlan &plan);

    QString m_path;
    RepositoryIndex m_index;
    quint32 m_nextDbId = 1;
    qint64 m_nextFullSeq = 1;
    QList<AccountConfig> m_accounts;
    /// Link types by "<vendor id>/<account>".
    QHash<QString, QList<LinkType>> m_linkTypes;
    /// Last full read of each record type, by "<vendor id>/<account>/<type>".
    QHash<QString, QDateTime> m_syncTimes;
    /// Open intents, oldest first.
    QList<Intent> m_intents;
    qint64 m_nextIntentId = 1;
    /// Puts the plan's intents in memory: new and still open ones in place, closed ones out.
    void applyIntents(const ChangePlan &plan);

    /// Writes the accounts table as `accounts` in one transaction.
    Result writeAccounts(const QList<AccountConfig> &accounts);
    Result writeSyncTime(Vendor vendor, const QString &account, const QString &type,
                         const QDateTime &when);
    /// Replaces the link types of one account in one transaction.
    Result writeLinkTypes(Vendor vendor, const QString &account, const QList<LinkType> &types);
    /// The failure of a write that changed nothing; `error` is SQLite's.
    Result writeFailure(const QString &error) const;

private:
    struct Statements;

    Result createFile();
    Result load();
    bool run(QSqlQuery &query, QString *error);
    /// SQLite applies "PRAGMA cache_size" when the statement is prepared, so it cannot be one
    /// of the reused prepared statements.
    bool setCacheSize(qint64 size);
    bool writeRows(const ChangePlan &plan, QString *error);
    quint32 dbIdOf(quint32 record, const ChangePlan &plan) const;
    void applyStructure(const ChangePlan &plan);

    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<Statements> m_statements;
    QTimer m_bulkCacheTimer;
    bool m_bulkCacheOn = false;
    qint64 m_normalCacheSize = 0;
};

struct Workspace::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : m_begin(db)
        , m_commit(db)
        , m_rollback(db)
        , m_insertRecord(db)
        , m_updateRecord(db)
        , m_insertLink(db)
        , m_updateLink(db)
        , m_deleteLink(db)
    { }

    bool prepare()
    {
        return m_begin.prepare(u"BEGIN IMMEDIATE"_s) && m_commit.prepare(u"COMMIT"_s)
            && m_rollback.prepare(u"ROLLBACK"_s)
            && m_insertRecord.prepare(
                u"INSERT INTO records (id, vendor, account, type, rid, title, fields, web_url,"
                " full, full_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)
            && m_updateRecord.prepare(
                u"UPDATE records SET title = ?, fields = ?, web_url = ?, full = 1,"
                " full_seq = coalesce(full_seq, ?) WHERE id = ?"_s)
            && m_insertLink.prepare(
                u"INSERT INTO links (source, target, link_type, direction, vendor_link_id,"
                " state, error) VALUES (?, ?, ?, ?, ?, ?, ?)"_s)
            && m_updateLink.prepare(
                u"UPDATE links SET direction = ?, vendor_link_id = ?, state = ?, error = ?"
                " WHERE source = ? AND target = ? AND link_type = ?"_s)
            && m_deleteLink.prepare(
                u"DELETE FROM links WHERE source = ? AND target = ? AND link_type = ?"_s);
    }

    QSqlQuery m_begin;
    QSqlQuery m_commit;
    QSqlQuery m_rollback;
    QSqlQuery m_insertRecord;
    QSqlQuery m_updateRecord;
    QSqlQuery m_insertLink;
    QSqlQuery m_updateLink;
    QSqlQuery m_deleteLink;
};

Workspace::~Workspace()
{
    m_statements.reset();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
}

/// Creates the missing folders (0700) and the file (0600).
Result Workspace::createFile()
{
    const QString folder = QFileInfo(m_path).absolutePath();
    QStringList missing;
    for (QString dir = folder; !QFileInfo::exists(dir);) {
        missing.prepend(dir);
        const QString parent = QFileInfo(dir).absolutePath();
        if (parent == dir)
            break;
        dir = parent;
    }
    const QFile::Permissions ownerOnlyDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    for (const QString &dir : std::as_const(missing)) {
        if (!QDir().mkdir(dir, ownerOnlyDir) || !QFile::setPermissions(dir, ownerOnlyDir)) {
            return Result::failure(QCoreApplication::translate(
                                       "LinkRepository",
                                       "Linkloom could not create the folder \"%1\". Check that "
                                       "you may write there, or choose another location.")
                                       .arg(nativePath(dir)));
        }
    }

    const QFile::Permissions ownerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;
    const QFileInfo info(m_path);
    if (info.exists() && info.size() > 0)
        return Result::success(); // an empty SQLite database keeps its permissions
    QFile file(m_path);
    const bool created = info.exists()
        ? file.open(QIODevice::WriteOnly | QIODevice::Append)
        : file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnlyFile);
    if (!created || !file.setPermissions(ownerOnlyFile)) {
        return Result::failure(QCoreApplication::translate(
                                   "LinkRepository",
                                   "Linkloom could not create the workspace file \"%1\". Check "
                                   "that you may write to the folder, or choose another "
                                   "location.")
                                   .arg(nativePath(m_path)),
                               file.errorString());
    }
    return Result::success();
}

Result Workspace::open(const QString &path)
{
    if (path.isEmpty())
        return Result::failure(QCoreApplication::translate(
            "LinkRepository", "No workspace file was given. Choose a workspace file."));
    m_path = QFileInfo(path).absoluteFilePath();

    // Read checks first: a refused file must not be written to in any way.
    const WorkspaceSchema::FileCheck check
        = WorkspaceSchema::checkFile(m_path, LinkRepository::SchemaVersion);
    if (!check.result)
        return check.result;
    if (check.isNew) {
        if (Result created = createFile(); !created)
            return created;
    }

    static std::atomic<int> serial{0};
    m_connectionName = u"linkloom-workspace-%1"_s.arg(serial.fetch_add(1));
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        return Result::failure(QCoreApplication::translate(
                                   "LinkRepository",
                                   "Linkloom could not open \"%1\". Check that you may read and "
                                   "write the file, then try again.")
                                   .arg(nativePath(m_path)),
                               m_db.lastError().text());
    }
    if (Result prepared = WorkspaceSchema::prepare(m_db, m_path, LinkRepository::SchemaVersion);
        !prepared) {
        return prepared;
    }
    if (Result loaded = load(); !loaded)
        return loaded;

    const QString damaged
        = QCoreApplication::translate("LinkRepository",
                                      "\"%1\" is damaged and cannot be opened. Restore it from a "
                                      "backup or choose another workspace file.")
              .arg(nativePath(m_path));
    QSqlQuery q(m_db);
    if (!q.exec(u"PRAGMA cache_size"_s) || !q.next())
        return Result::failure(damaged, q.lastError().text());
    m_normalCacheSize = q.value(0).toLongLong();
    q.finish();
    m_statements = std::make_unique<Statements>(m_db);
    if (!m_statements->prepare())
        return Result::failure(damaged, m_db.lastError().text());
    m_bulkCacheTimer.setSingleShot(true);
    m_bulkCacheTimer.setInterval(BulkCacheIdleMs);
    QObject::connect(&m_bulkCacheTimer, &QTimer::timeout, &m_bulkCacheTimer, [this] {
        setCacheSize(m_normalCacheSize); // gives the bulk cache's memory back
        m_bulkCacheOn = false;
    });
    return Result::success();
}

Result Workspace::writeAccounts(const QList<AccountConfig> &accounts)
{
    QSqlQuery q(m_db);
    const auto fail = [&] {
        const QString error = q.lastQuery() + u": "_s + q.lastError().text();
        q.exec(u"ROLLBACK"_s);
        return writeFailure(error);
    };
    if (!q.exec(u"BEGIN IMMEDIATE"_s) || !q.exec(u"DELETE FROM accounts"_s))
        return fail();
    if (!q.prepare(u"INSERT INTO accounts (vendor, id, display_name, base_url, user_name,"
                   " options, position) VALUES (?, ?, ?, ?, ?, ?, ?)"_s)) {
        return fail();
    }
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        const AccountConfig &account = accounts.at(i);
        q.addBindValue(int(account.vendor));
        q.addBindValue(account.id);
        q.addBindValue(account.displayName);
        q.addBindValue(account.baseUrl.toString());
        q.addBindValue(account.user);
        q.addBindValue(QString::fromUtf8(
            QJsonDocument::fromVariant(account.options).toJson(QJsonDocument::Compact)));
        q.addBindValue(i);
        if (!q.exec())
            return fail();
    }
    if (!q.exec(u"COMMIT"_s))
        return fail();
    m_accounts = accounts;
    return Result::success();
}

namespace {

QString linkTypesKey(Vendor vendor, const QString &account)
{
    return vendorId(vendor) + u'/' + account;
}

QByteArray linkTypeJson(const LinkType &type)
{
    QJsonObject o{{"name"_L1, type.name},
                  {"forward"_L1, type.forwardLabel},
                  {"backward"_L1, type.backwardLabel},
                  {"directed"_L1, type.direction == LinkDirection::Directed}};
    if (!type.sourceTypes.isEmpty())
        o.insert("sourceTypes"_L1, QJsonArray::fromStringList(type.sourceTypes));
    if (!type.targetTypes.isEmpty())
        o.insert("targetTypes"_L1, QJsonArray::fromStringList(type.targetTypes));
    if (type.deprecated)
        o.insert("deprecated"_L1, true);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

LinkType linkTypeFromJson(const QString &id, const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    const auto strings = [](const QJsonValue &v) {
        QStringList list;
        for (const QJsonValue &item : v.toArray())
            list.append(item.toString());
        return list;
    };
    return {id,
            o.value("name"_L1).toString(),
            o.value("forward"_L1).toString(),
            o.value("backward"_L1).toString(),
            o.value("directed"_L1).toBool() ? LinkDirection::Directed : LinkDirection::Undirected,
            strings(o.value("sourceTypes"_L1)),
            strings(o.value("targetTypes"_L1)),
            o.value("deprecated"_L1).toBool()};
}

} // namespace

Result Workspace::writeLinkTypes(Vendor vendor, const QString &account,
                                 const QList<LinkType> &types)
{
    QSqlQuery q(m_db);
    const auto fail = [&] {
        const QString error = q.lastQuery() + u": "_s + q.lastError().text();
        q.exec(u"ROLLBACK"_s);
        return writeFailure(error);
    };
    if (!q.exec(u"BEGIN IMMEDIATE"_s)
        || !q.prepare(u"DELETE FROM link_types WHERE vendor = ? AND account = ?"_s))
        return fail();
    q.addBindValue(int(vendor));
    q.addBindValue(account);
    if (!q.exec()
        || !q.prepare(u"INSERT INTO link_types (vendor, account, id, definition, position)"
                      " VALUES (?, ?, ?, ?, ?)"_s)) {
        return fail();
    }
    for (qsizetype i = 0; i < types.size(); ++i) {
        q.addBindValue(int(vendor));
        q.addBindValue(account);
        q.addBindValue(types.at(i).id);
        q.addBindValue(QString::fromUtf8(linkTypeJson(types.at(i))));
        q.addBindValue(i);
        if (!q.exec())
            return fail();
    }
    if (!q.exec(u"COMMIT"_s))
        return fail();
    if (types.isEmpty())
        m_linkTypes.remove(linkTypesKey(vendor, account));
    else
        m_linkTypes.insert(linkTypesKey(vendor, account), types);
    return Result::success();
}

Result Workspace::writeSyncTime(Vendor vendor, const QString &account, const QString &type,
                                const QDateTime &when)
{
    QSqlQuery q(m_db);
    if (!q.prepare(u"INSERT OR REPLACE INTO sync_times (vendor, account, type, synced_at)"
                   " VALUES (?, ?, ?, ?)"_s)) {
        return writeFailure(q.lastQuery() + u": "_s + q.lastError().text());
    }
    q.addBindValue(int(vendor));
    q.addBindValue(account);
    q.addBindValue(type);
    q.addBindValue(when.toMSecsSinceEpoch());
    if (!q.exec())
        return writeFailure(q.lastQuery() + u": "_s + q.lastError().text());
    m_syncTimes.insert(linkTypesKey(vendor, account) + u'/' + type, when.toUTC());
    return Result::success();
}

Result Workspace::load()
{
    const auto failure = [this](const QSqlQuery &q) {
        return Result::failure(
            QCoreApplication::translate("LinkRepository",
                                        "\"%1\" is damaged and cannot be opened. Restore it from a "
                                        "backup or choose another workspace file.")
                .arg(nativePath(m_path)),
            q.lastQuery() + u": "_s + q.lastError().text());
    };
    QSqlQuery q(m_db);
    q.setForwardOnly(true);

    if (!q.exec(u"SELECT vendor, id, display_name, base_url, user_name, options FROM accounts"
                " ORDER BY position"_s)) {
        return failure(q);
    }
    m_accounts.clear();
    while (q.next()) {
        const int vendor = q.value(0).toInt();
        if (vendor < 0 || vendor > int(Vendor::Laserfiche))
            continue; // a vendor of a newer Linkloom: left alone
        m_accounts.append({Vendor(vendor), q.value(1).toString(), q.value(2).toString(),
                           QUrl(q.value(3).toString()), q.value(4).toString(),
                           QJsonDocument::fromJson(q.value(5).toByteArray()).toVariant().toMap()});
    }
    q.finish();

    if (!q.exec(u"SELECT vendor, account, id, CAST(definition AS BLOB) FROM link_types"
                " ORDER BY vendor, account, position"_s)) {
        return failure(q);
    }
    m_linkTypes.clear();
    while (q.next()) {
        const int vendor = q.value(0).toInt();
        if (vendor < 0 || vendor > int(Vendor::Laserfiche))
            continue;
        m_linkTypes[linkTypesKey(Vendor(vendor), q.value(1).toString())].append(
            linkTypeFromJson(q.value(2).toString(), q.value(3).toByteArray()));
    }
    q.finish();

    if (!q.exec(u"SELECT vendor, account, type, synced_at FROM sync_times"_s))
        return failure(q);
    m_syncTimes.clear();
    while (q.next()) {
        const int vendor = q.value(0).toInt();
        if (vendor < 0 || vendor > int(Vendor::Laserfiche))
            continue;
        m_syncTimes.insert(
            linkTypesKey(Vendor(vendor), q.value(1).toString()) + u'/' + q.value(2).toString(),
            QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), QTimeZone::utc()));
    }
    q.finish();

    // Open intents (Pending, Sending, Failed), oldest first; the next id after every one.
    if (!q.exec(u"SELECT id, kind, source, target, link_type, direction, vendor_link_id, state,"
                " attempts, message, created_at, updated_at, reverses FROM intents"
                " WHERE state IN (0, 1, 3) ORDER BY id"_s)) {
        return failure(q);
    }
    m_intents.clear();
    while (q.next()) {
        Intent intent;
        intent.id = q.value(0).toLongLong();
        const int kind = q.value(1).toInt();
        const auto source = RecordKey::fromString(q.value(2).toString());
        const auto target = RecordKey::fromString(q.value(3).toString());
        const int direction = q.value(5).toInt();
        if ((kind != int(Intent::Kind::AddLink) && kind != int(Intent::Kind::RemoveLink)) || !source
            || !target || direction < 0 || direction > int(LinkDirection::Directed)) {
            continue; // written by a newer Linkloom: left alone
        }
        intent.kind = Intent::Kind(kind);
        intent.link.source = *source;
        intent.link.target = *target;
        intent.link.type = q.value(4).toString();
        intent.link.direction = LinkDirection(direction);
        intent.link.vendorLinkId = q.value(6).toString();
        intent.state = Intent::State(q.value(7).toInt());
        intent.attempts = q.value(8).toInt();
        intent.message = q.value(9).toString();
        intent.created = QDateTime::fromMSecsSinceEpoch(q.value(10).toLongLong(), QTimeZone::utc());
        intent.updated = QDateTime::fromMSecsSinceEpoch(q.value(11).toLongLong(), QTimeZone::utc());
        intent.reverses = q.value(12).toLongLong();
        m_intents.append(intent);
    }
    q.finish();
    if (!q.exec(u"SELECT coalesce(max(id), 0) FROM intents"_s) || !q.next())
        return failure(q);
    m_nextIntentId = q.value(0).toLongLong() + 1;
    q.finish();

    if (!q.exec(u"SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM links)"_s)
        || !q.next()) {
        return failure(q);
    }
    const qint64 recordTotal = q.value(0).toLongLong();
    const qint64 linkTotal = q.value(1).toLongLong();
    q.finish();
    m_index.reserve(recordTotal, linkTotal);

    // Text that is kept as UTF-8 is read as blobs: no round trip through UTF-16.
    // Records written by Linkloom have ids 1..n, so the record with id k has index k - 1;
    // anything else is mapped through a hash.
    if (!q.exec(u"SELECT id, vendor, account, type, CAST(rid AS BLOB), CAST(title AS BLOB),"
                " CAST(fields AS BLOB), CAST(web_url AS BLOB), full, full_seq"
                " FROM records ORDER BY id"_s)) {
        return failure(q);
    }
    QList<quint64> fullOrder;
    fullOrder.reserve(recordTotal);
    QHash<qint64, quint32> sparseIds;
    bool dense = true;
    qint64 maxDbId = 0;
    qint64 maxFullSeq = 0;
    quint32 group = NoIndex;
    while (q.next()) {
        const qint64 dbId = q.value(0).toLongLong();
        const int vendor = q.value(1).toInt();
        maxDbId = std::max(maxDbId, dbId);
        if (!isKnownVendor(vendor) || dbId <= 0 || dbId >= qint64(NoIndex)) {
            qCWarning(lcRepository) << "Skipping record" << dbId << "of unknown vendor" << vendor;
            continue;
        }
        const QString account = q.value(2).toString();
        const QString type = q.value(3).toString();
        const QByteArray rid = q.value(4).toByteArray();
        if (account.isEmpty() || type.isEmpty() || rid.isEmpty()) {
            qCWarning(lcRepository) << "Skipping record" << dbId << "with an incomplete key";
            continue;
        }
        group = m_index.findGroup(Vendor(vendor), account, type);
        if (group == NoIndex)
            group = m_index.addGroup(Vendor(vendor), account, type);
        const bool full = q.value(8).toLongLong() != 0;
        const quint32 index = full
            ? m_index.loadRecord(group, rid, quint32(dbId), true, q.value(5).toByteArray(),
                                 q.value(7).toByteArray(), q.value(6).toByteArray())
            : m_index.loadRecord(group, rid, quint32(dbId), false, {}, {}, {});
        if (index == NoIndex) {
            qCWarning(lcRepository) << "Skipping duplicate record" << dbId;
            continue;
        }
        const qint64 fullSeq = q.value(9).toLongLong();
        maxFullSeq = std::max(maxFullSeq, fullSeq);
        fullOrder.append(quint64(fullSeq));
        if (dense && dbId != qint64(index) + 1) {
            dense = false;
            for (quint32 i = 0; i < index; ++i)
                sparseIds.insert(qint64(i) + 1, i);
        }
        if (!dense)
            sparseIds.insert(dbId, index);
    }
    if (q.lastError().isValid())
        return failure(q);
    q.finish();
    if (maxDbId >= qint64(NoIndex) - 1) // Linkloom numbers records 1..n; this file was edited
        return failure(q);
    m_nextDbId = quint32(maxDbId + 1);
    m_nextFullSeq = maxFullSeq + 1;

    const quint32 recordCount = m_index.recordCount();
    const auto indexOf = [&](qint64 dbId) -> quint32 {
        if (dense)
            return dbId >= 1 && dbId <= recordCount ? quint32(dbId - 1) : NoIndex;
        return sparseIds.value(dbId, NoIndex);
    };

    // Every column costs per row, so direction, state and "has an error" come as one number
    // (Unknown marks values this build does not know); the few error texts follow in a second
    // query, in the same order.
    constexpr int HasError = 1;
    constexpr int Unknown = 1024;
    const QString kind = u"(error IS NOT NULL) + CASE WHEN direction BETWEEN 0 AND %1"
                         " AND state BETWEEN 0 AND %2 THEN 2 * direction + 8 * state"
                         " ELSE %3 END"_s.arg(int(LinkDirection::Directed))
                             .arg(int(LinkState::Failed))
                             .arg(Unknown);
    if (!q.exec(u"SELECT source, target, CAST(link_type AS BLOB), "_s + kind
                + u", CAST(vendor_link_id AS BLOB) FROM links ORDER BY id"_s)) {
        return failure(q);
    }
    QByteArray lastTypeName;
    quint32 lastType = NoIndex;
    QList<quint32> errorSlots; // one per row with an error, NoIndex when it was skipped
    while (q.next()) {
        RepositoryIndex::LinkSlot slot;
        slot.source = indexOf(q.value(0).toLongLong());
        slot.target = indexOf(q.value(1).toLongLong());
        const QByteArray typeName = q.value(2).toByteArray();
        const int flags = q.value(3).toInt();
        if (flags & HasError)
            errorSlots.append(NoIndex);
        if (slot.source == NoIndex || slot.target == NoIndex || typeName.isEmpty()
            || (flags & Unknown)) {
            qCWarning(lcRepository) << "Skipping a link that this build cannot read";
            continue;
        }
        if (lastType == NoIndex || typeName != lastTypeName) {
            const QString name = QString::fromUtf8(typeName);
            lastType = m_index.findLinkType(name);
            if (lastType == NoIndex)
                lastType = m_index.addLinkType(name);
            lastTypeName = typeName;
        }
        slot.type = lastType;
        slot.direction = LinkDirection((flags >> 1) & 3);
        slot.state = LinkState((flags >> 3) & 127);
        if (slot.direction == LinkDirection::Undirected && slot.source != slot.target
            && m_index.lessThan(slot.target, slot.source)) {
            std::swap(slot.source, slot.target);
            slot.flags |= RepositoryIndex::StoredReversed;
        }
        const quint32 loaded = m_index.loadLink(slot, q.value(4).toByteArray());
        if (loaded == NoIndex)
            qCWarning(lcRepository) << "Skipping a duplicate link";
        else if (flags & HasError)
            errorSlots.last() = loaded;
    }
    if (q.lastError().isValid())
        return failure(q);
    q.finish();
    if (!errorSlots.isEmpty()) {
        if (!q.exec(u"SELECT error FROM links WHERE error IS NOT NULL ORDER BY id"_s))
            return failure(q);
        for (qsizetype i = 0; q.next() && i < errorSlots.size(); ++i) {
            if (errorSlots.at(i) != NoIndex)
                m_index.loadError(errorSlots.at(i), q.value(0).toString());
        }
        if (q.lastError().isValid())
            return failure(q);
        q.finish();
    }
    m_index.finishLoading(fullOrder);
    return Result::success();
}

bool Workspace::setCacheSize(qint64 size)
{
    QSqlQuery q(m_db);
    return q.exec(u"PRAGMA cache_size = %1"_s.arg(size));
}

bool Workspace::run(QSqlQuery &query, QString *error)
{
    if (g_failRowWriteCountdown > 0 && --g_failRowWriteCountdown == 0) {
        *error = u"injected fault (LinkRepositoryTesting::failRowWrite)"_s;
        return false;
    }
    if (!query.exec()) {
        *error = query.lastQuery() + u": "_s + query.lastError().text();
        return false;
    }
    return true;
}

quint32 Workspace::dbIdOf(quint32 record, const ChangePlan &plan) const
{
    if (record < m_index.recordCount())
        return m_index.dbId(record);
    return plan.newRecords.at(record - m_index.recordCount()).dbId;
}

bool Workspace::writeRows(const ChangePlan &plan, QString *error)
{
    Statements &s = *m_statements;
    const auto typeName = [&](quint32 type) -> const QString & {
        return type < m_index.linkTypeCount()
            ? m_index.linkTypeName(type)
            : plan.newLinkTypes.at(type - m_index.linkTypeCount());
    };
    // The ends as the file stores them (links written by Linkloom: key() order).
    const auto bindStoredEnds = [&](QSqlQuery &q, int first, const RepositoryIndex::LinkSlot &v) {
        const bool reversed = v.flags & RepositoryIndex::StoredReversed;
        q.bindValue(first, qint64(dbIdOf(reversed ? v.target : v.source, plan)));
        q.bindValue(first + 1, qint64(dbIdOf(reversed ? v.source : v.target, plan)));
        q.bindValue(first + 2, typeName(v.type));
    };

    for (quint32 slot : plan.removedSlots) {
        bindStoredEnds(s.m_deleteLink, 0, m_index.slot(slot));
        if (!run(s.m_deleteLink, error))
            return false;
    }
    for (const ChangePlan::NewRecord &r : plan.newRecords) {
        QSqlQuery &q = s.m_insertRecord;
        q.bindValue(0, qint64(r.dbId));
        q.bindValue(1, int(r.key.vendor));
        q.bindValue(2, r.key.account);
        q.bindValue(3, r.key.type);
        q.bindValue(4, r.key.id);
        if (r.full) {
            q.bindValue(5, textOrNull(r.encoded.title));
            q.bindValue(6, textOrNull(r.encoded.fieldsJson));
            q.bindValue(7, textOrNull(r.encoded.webUrl));
            q.bindValue(8, 1);
            q.bindValue(9, r.fullSeq);
        } else {
            q.bindValue(5, QVariant());
            q.bindValue(6, QVariant());
            q.bindValue(7, QVariant());
            q.bindValue(8, 0);
            q.bindValue(9, QVariant());
        }
        if (!run(q, error))
            return false;
    }
    for (const ChangePlan::RecordUpdate &r : plan.recordUpdates) {
        QSqlQuery &q = s.m_updateRecord;
        q.bindValue(0, textOrNull(r.encoded.title));
        q.bindValue(1, textOrNull(r.encoded.fieldsJson));
        q.bindValue(2, textOrNull(r.encoded.webUrl));
        q.bindValue(3, r.wasStub ? QVariant(r.fullSeq) : QVariant());
        q.bindValue(4, qint64(m_index.dbId(r.index)));
        if (!run(q, error))
            return false;
    }
    for (const ChangePlan::LinkWrite &w : plan.newLinks) {
        QSqlQuery &q = s.m_insertLink;
        bindStoredEnds(q, 0, w.values);
        q.bindValue(3, int(w.values.direction));
        q.bindValue(4, textOrNull(w.link->vendorLinkId));
        q.bindValue(5, int(w.values.state));
        q.bindValue(6, textOrNull(w.link->error));
        if (!run(q, error))
            return false;
    }
    for (const ChangePlan::LinkWrite &w : plan.linkUpdates) {
        QSqlQuery &q = s.m_updateLink;
        q.bindValue(0, int(w.values.direction));
        q.bindValue(1, textOrNull(w.link->vendorLinkId));
        q.bindValue(2, int(w.values.state));
        q.bindValue(3, textOrNull(w.link->error));
        bindStoredEnds(q, 4, w.values);
        if (!run(q, error))
            return false;
    }
    if (!plan.intentWrites.isEmpty()) {
        QSqlQuery q(m_db);
        q.prepare(u"INSERT OR REPLACE INTO intents (id, kind, source, target, link_type,"
                  " direction, vendor_link_id, state, attempts, message, created_at, updated_at,"
                  " reverses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        for (const Intent &intent : plan.intentWrites) {
            q.bindValue(0, intent.id);
            q.bindValue(1, int(intent.kind));
            q.bindValue(2, intent.link.source.toString());
            q.bindValue(3, intent.link.target.toString());
            q.bindValue(4, intent.link.type);
            q.bindValue(5, int(intent.link.direction));
            q.bindValue(6, textOrNull(intent.link.vendorLinkId));
            q.bindValue(7, int(intent.state));
            q.bindValue(8, intent.attempts);
            q.bindValue(9, textOrNull(intent.message));
            q.bindValue(10, intent.created.toMSecsSinceEpoch());
            q.bindValue(11, intent.updated.toMSecsSinceEpoch());
            q.bindValue(12, intent.reverses);
            if (!run(q, error))
                return false;
        }
    }
    return true;
}

void Workspace::applyIntents(const ChangePlan &plan)
{
    for (const Intent &intent : plan.intentWrites) {
        m_nextIntentId = std::max(m_nextIntentId, intent.id + 1);
        const auto it = std::find_if(m_intents.begin(), m_intents.end(),
                                     [&intent](const Intent &i) { return i.id == intent.id; });
        if (it == m_intents.end()) {
            if (intent.isOpen())
                m_intents.append(intent);
        } else if (intent.isOpen()) {
            *it = intent;
        } else {
            m_intents.erase(it);
        }
    }
}

Result Workspace::write(const ChangePlan &plan)
{
    QString error;
    Statements &s = *m_statements;
    if (plan.rowCount() > BulkRows) {
        if (!m_bulkCacheOn)
            m_bulkCacheOn = setCacheSize(-BulkCacheKiB); // a hint: a failure changes nothing
        m_bulkCacheTimer.start();
    }
    bool ok = s.m_begin.exec();
    if (!ok)
        error = s.m_begin.lastError().text();
    ok = ok && writeRows(plan, &error);
    if (ok && !s.m_commit.exec()) {
        error = s.m_commit.lastError().text();
        ok = false;
    }
    if (!ok && !s.m_rollback.exec()) // SQLite may have rolled back already (e.g. SQLITE_FULL)
        qCDebug(lcRepository) << "ROLLBACK:" << s.m_rollback.lastError().text();
    return ok ? Result::success() : writeFailure(error);
}

Result Workspace::writeFailure(const QString &error) const
{
    return Result::failure(
        QCoreApplication::translate("LinkRepository",
                                    "Linkloom could not save the change to the workspace \"%1\"; "
                                    "nothing was changed. Check that the disk has free space and "
                                    "that no other program is using the file, then try again.")
            .arg(nativePath(m_path)),
        error);
}

void Workspace::applyStructure(const ChangePlan &plan)
{
    for (const ChangePlan::NewGroup &g : plan.newGroups) {
        if (m_index.findGroup(g.vendor, g.account, g.type) == NoIndex)
            m_index.addGroup(g.vendor, g.account, g.type);
    }
    for (const QString &name : plan.newLinkTypes) {
        if (m_index.findLinkType(name) == NoIndex)
            m_index.addLinkType(name);
    }
}

void Workspace::applyNewRecords(const ChangePlan &plan)
{
    applyStructure(plan);
    const quint32 firstNew = m_index.recordCount();
    for (const ChangePlan::BecomesFull &b : plan.becomeFull) {
        if (b.isNew) {
            const ChangePlan::NewRecord &r = plan.newRecords.at(b.position);
            const quint32 index
                = m_index.addRecord(r.group, r.key.id.toUtf8(), r.dbId, r.encoded.payload, true);
            Q_ASSERT(index == firstNew + quint32(b.position)); // as the planner predicted
            Q_UNUSED(index);
        } else {
            const ChangePlan::RecordUpdate &u = plan.recordUpdates.at(b.position);
            m_index.setPayload(u.index, u.encoded.payload);
        }
    }
    m_nextDbId += quint32(plan.newRecords.size());
    m_nextFullSeq += plan.becomeFull.size();
}

void Workspace::applyRecordChanges(const ChangePlan &plan)
{
    for (const ChangePlan::RecordUpdate &u : plan.recordUpdates) {
        if (!u.wasStub)
            m_index.setPayload(u.index, u.encoded.payload);
    }
}

void Workspace::applyRemovedLinks(const ChangePlan &plan)
{
    for (quint32 slot : plan.removedSlots)
        m_index.removeLink(slot);
}

void Workspace::applyNewLinks(const ChangePlan &plan)
{
    applyStructure(plan);
    const quint32 firstNew = m_index.recordCount();
    for (qsizetype i = 0; i < plan.newRecords.size(); ++i) {
        const ChangePlan::NewRecord &r = plan.newRecords.at(i);
        Q_ASSERT(!r.full); // link plans only create stubs
        const quint32 index = m_index.addRecord(r.group, r.key.id.toUtf8(), r.dbId, {}, false);
        Q_ASSERT(index == firstNew + quint32(i)); // as the planner predicted
        Q_UNUSED(index);
    }
    m_nextDbId += quint32(plan.newRecords.size());
    for (const ChangePlan::LinkWrite &w : plan.newLinks)
        m_index.addLink(w.values, w.link->vendorLinkId, w.link->error);
}

void Workspace::applyLinkUpdates(const ChangePlan &plan)
{
    for (const ChangePlan::LinkWrite &w : plan.linkUpdates) {
        m_index.updateLink(w.slot, w.values.direction, w.values.state, w.link->vendorLinkId,
                           w.link->error);
    }
}

} // namespace

// --- LinkRepository ------------------------------------------------------------------------

class LinkRepositoryPrivate
{
public:
    std::unique_ptr<Workspace> m_workspace;

    /// Validates and plans links (which must outlive the plan).
    static Result planLinks(Planner &planner, const QList<Link> &links, bool keepUnconfirmed);
    Result commitRecordPlan(LinkRepository *q, const ChangePlan &plan);
    Result commitLinkPlan(LinkRepository *q, const ChangePlan &plan);
};

namespace {

Result invalidArgument(const QString &what)
{
    return Result::failure(QCoreApplication::translate(
                               "LinkRepository",
                               "Linkloom could not save the change because some of its data is "
                               "incomplete; nothing was changed. Please report this problem."),
                           what);
}

Result notOpen()
{
    return Result::failure(QCoreApplication::translate(
        "LinkRepository", "No workspace is open. Open or create a workspace first."));
}

} // namespace

LinkRepository::LinkRepository(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<LinkRepositoryPrivate>())
{ }

LinkRepository::~LinkRepository() = default;

QString LinkRepository::defaultWorkspacePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/demo.linkloom"_s;
}

Result LinkRepository::open(const QString &path)
{
    auto workspace = std::make_unique<Workspace>();
    if (Result opened = workspace->open(path); !opened)
        return opened; // the workspace open before, if any, stays open
    Q_EMIT aboutToReset();
    d->m_workspace = std::move(workspace);
    Q_EMIT resetDone();
    return Result::success();
}

void LinkRepository::close()
{
    if (!d->m_workspace)
        return;
    Q_EMIT aboutToReset();
    d->m_workspace.reset();
    Q_EMIT resetDone();
}

bool LinkRepository::isOpen() const
{
    return d->m_workspace != nullptr;
}

QString LinkRepository::path() const
{
    return d->m_workspace ? d->m_workspace->m_path : QString();
}

QList<AccountConfig> LinkRepository::accounts() const
{
    return d->m_workspace ? d->m_workspace->m_accounts : QList<AccountConfig>();
}

std::optional<AccountConfig> LinkRepository::account(Vendor vendor, const QString &id) const
{
    for (const AccountConfig &account : accounts()) {
        if (account.vendor == vendor && account.id == id)
            return account;
    }
    return std::nullopt;
}

Result LinkRepository::saveAccount(const AccountConfig &account)
{
    if (!d->m_workspace)
        return notOpen();
    if (account.id.isEmpty() || account.id.contains(u':') || !account.baseUrl.isValid())
        return invalidArgument(u"an account needs an id without ':' and a valid base URL"_s);
    QList<AccountConfig> next = d->m_workspace->m_accounts;
    const auto same
        = [&](const AccountConfig &a) { return a.vendor == account.vendor && a.id == account.id; };
    if (const auto it = std::ranges::find_if(next, same); it != next.end())
        *it = account;
    else
        next.append(account);
    if (Result written = d->m_workspace->writeAccounts(next); !written)
        return written;
    Q_EMIT accountsChanged();
    return Result::success();
}

Result LinkRepository::removeAccount(Vendor vendor, const QString &id)
{
    if (!d->m_workspace)
        return notOpen();
    QList<AccountConfig> next = d->m_workspace->m_accounts;
    const qsizetype removed
        = next.removeIf([&](const AccountConfig &a) { return a.vendor == vendor && a.id == id; });
    if (removed == 0)
        return Result::success();
    if (Result written = d->m_workspace->writeAccounts(next); !written)
        return written;
    Q_EMIT accountsChanged();
    return Result::success();
}

QList<LinkType> LinkRepository::linkTypes(Vendor vendor, const QString &account) const
{
    return d->m_workspace ? d->m_workspace->m_linkTypes.value(linkTypesKey(vendor, account))
                          : QList<LinkType>();
}

std::optional<LinkType> LinkRepository::linkType(Vendor vendor, const QString &account,
                                                 const QString &id) const
{
    if (!d->m_workspace)
        return std::nullopt;
    const auto it = d->m_workspace->m_linkTypes.constFind(linkTypesKey(vendor, account));
    if (it == d->m_workspace->m_linkTypes.cend())
        return std::nullopt;
    for (const LinkType &type : *it) {
        if (type.id == id)
            return type;
    }
    return std::nullopt;
}

Result LinkRepository::saveLinkTypes(Vendor vendor, const QString &account,
                                     const QList<LinkType> &types)
{
    if (!d->m_workspace)
        return notOpen();
    if (linkTypes(vendor, account) == types)
        return Result::success();
    if (Result written = d->m_workspace->writeLinkTypes(vendor, account, types); !written)
        return written;
    Q_EMIT linkTypesChanged(vendor, account);
    return Result::success();
}

std::optional<Record> LinkRepository::record(const RecordKey &key) const
{
    if (!d->m_workspace)
        return std::nullopt;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 r = index.findRecord(key);
    if (r == NoIndex)
        return std::nullopt;
    return index.record(r);
}

bool LinkRepository::contains(const RecordKey &key) const
{
    return d->m_workspace && d->m_workspace->m_index.findRecord(key) != NoIndex;
}

QStringList LinkRepository::recordTypesOf(Vendor vendor, const QString &account) const
{
    QStringList types;
    if (!d->m_workspace)
        return types;
    const RepositoryIndex &index = d->m_workspace->m_index;
    for (quint32 group = 0; group < index.groupCount(); ++group) {
        if (index.groupIsOf(group, vendor, account) && !index.fullRecordsOf(group).isEmpty())
            types.append(index.groupType(group));
    }
    return types;
}

qsizetype LinkRepository::recordCountOfType(Vendor vendor, const QString &account,
                                            const QString &type) const
{
    if (!d->m_workspace)
        return 0;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 group = index.findGroup(vendor, account, type);
    return group == NoIndex ? 0 : index.fullRecordsOf(group).size();
}

QDateTime LinkRepository::lastSynced(Vendor vendor, const QString &account,
                                     const QString &type) const
{
    return d->m_workspace
        ? d->m_workspace->m_syncTimes.value(linkTypesKey(vendor, account) + u'/' + type)
        : QDateTime();
}

Result LinkRepository::markSynced(Vendor vendor, const QString &account, const QString &type,
                                  const QDateTime &when)
{
    if (!d->m_workspace)
        return notOpen();
    if (Result written = d->m_workspace->writeSyncTime(vendor, account, type, when); !written)
        return written;
    Q_EMIT syncTimesChanged(vendor, account, type);
    return Result::success();
}

QList<RecordKey> LinkRepository::recordsOfType(Vendor vendor, const QString &account,
                                               const QString &type) const
{
    QList<RecordKey> keys;
    if (!d->m_workspace)
        return keys;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 group = index.findGroup(vendor, account, type);
    if (group == NoIndex)
        return keys;
    const QList<quint32> &records = index.fullRecordsOf(group);
    keys.reserve(records.size());
    for (quint32 r : records)
        keys.append(index.recordKey(r));
    return keys;
}

QList<Link> LinkRepository::linksOf(const RecordKey &key) const
{
    QList<Link> links;
    if (!d->m_workspace)
        return links;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 r = index.findRecord(key);
    if (r == NoIndex)
        return links;
    for (quint32 slot : index.linksOf(r))
        links.append(index.link(slot));
    return links;
}

QList<RecordKey> LinkRepository::neighbours(const RecordKey &key) const
{
    QList<RecordKey> keys;
    if (!d->m_workspace)
        return keys;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 r = index.findRecord(key);
    if (r == NoIndex)
        return keys;
    // Duplicates are found by searching while the list is short, then through a set.
    constexpr qsizetype SmallDegree = 32;
    QVarLengthArray<quint32, SmallDegree> small;
    QSet<quint32> seen;
    for (quint32 slot : index.linksOf(r)) {
        const RepositoryIndex::LinkSlot &s = index.slot(slot);
        const quint32 other = s.source == r ? s.target : s.source;
        if (seen.isEmpty()) {
            if (std::find(small.cbegin(), small.cend(), other) != small.cend())
                continue;
            small.append(other);
            if (small.size() == SmallDegree)
                seen = QSet<quint32>(small.cbegin(), small.cend());
        } else {
            if (seen.contains(other))
                continue;
            seen.insert(other);
        }
        keys.append(index.recordKey(other));
    }
    return keys;
}

QString LinkRepository::title(const RecordKey &key) const
{
    if (!d->m_workspace)
        return {};
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 r = index.findRecord(key);
    RepositoryIndex::PayloadParts parts;
    if (r == NoIndex || !RepositoryIndex::unpackPayload(index.payload(r), &parts))
        return {};
    return QString::fromUtf8(parts.title);
}

QStringList LinkRepository::titlesOfType(Vendor vendor, const QString &account,
                                         const QString &type) const
{
    QStringList titles;
    if (!d->m_workspace)
        return titles;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 group = index.findGroup(vendor, account, type);
    if (group == NoIndex)
        return titles;
    const QList<quint32> &records = index.fullRecordsOf(group);
    titles.reserve(records.size());
    RepositoryIndex::PayloadParts parts;
    for (quint32 r : records) {
        const bool ok = RepositoryIndex::unpackPayload(index.payload(r), &parts);
        titles.append(ok ? QString::fromUtf8(parts.title) : QString());
    }
    return titles;
}

QStringList LinkRepository::linkTypesOf(const RecordKey &key) const
{
    QStringList types;
    if (!d->m_workspace)
        return types;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 r = index.findRecord(key);
    if (r == NoIndex)
        return types;
    for (quint32 slot : index.linksOf(r))
        types.append(index.linkTypeName(index.slot(slot).type));
    return types;
}

std::optional<Link> LinkRepository::link(const LinkKey &key) const
{
    if (!d->m_workspace)
        return std::nullopt;
    const RepositoryIndex &index = d->m_workspace->m_index;
    const quint32 source = index.findRecord(key.source);
    const quint32 target = index.findRecord(key.target);
    const quint32 type = index.findLinkType(key.type);
    if (source == NoIndex || target == NoIndex || type == NoIndex)
        return std::nullopt;
    const quint32 slot = index.findLink(source, target, type);
    if (slot == NoIndex)
        return std::nullopt;
    return index.link(slot);
}

qsizetype LinkRepository::recordCount() const
{
    return d->m_workspace ? qsizetype(d->m_workspace->m_index.recordCount()) : 0;
}

qsizetype LinkRepository::linkCount() const
{
    return d->m_workspace ? d->m_workspace->m_index.linkCount() : 0;
}

Result LinkRepository::upsertRecords(const QList<Record> &records)
{
    if (!d->m_workspace)
        return notOpen();
    Workspace &ws = *d->m_workspace;
    const RepositoryIndex &index = ws.m_index;
    Planner planner(index, ws.m_nextDbId);
    ChangePlan &plan = planner.m_plan;
    QHash<quint32, qsizetype> updatePositions; // existing record -> position in recordUpdates

    for (const Record &record : records) {
        if (!isValidKey(record.key))
            return invalidArgument(u"invalid record key \"%1\""_s.arg(record.key.toString()));
        const RecordRef ref = planner.record(record.key);
        EncodedRecord encoded = encodeRecord(record);
        if (ref.isNew) {
            ChangePlan::NewRecord &r = planner.newRecord(ref.index);
            if (!r.full) {
                r.full = true;
                plan.becomeFull.append({true, qsizetype(ref.index - index.recordCount())});
            }
            r.encoded = std::move(encoded);
            continue;
        }
        if (const auto it = updatePositions.constFind(ref.index); it != updatePositions.cend()) {
            plan.recordUpdates[*it].encoded = std::move(encoded); // the later value wins
            continue;
        }
        const bool wasStub = !index.isFull(ref.index);
        if (!wasStub && encoded.payload == index.payload(ref.index))
            continue; // unchanged (a later duplicate in this list may still change it)
        updatePositions.insert(ref.index, plan.recordUpdates.size());
        if (wasStub)
            plan.becomeFull.append({false, plan.recordUpdates.size()});
        plan.recordUpdates.append({ref.index, wasStub, std::move(encoded), 0});
    }

    // Updates whose final value (after duplicates) is what is stored are dropped; only
    // records that were full already can be dropped, and those are not in becomeFull.
    QList<ChangePlan::RecordUpdate> updates;
    updates.reserve(plan.recordUpdates.size());
    QList<qsizetype> newPosition(plan.recordUpdates.size(), -1);
    for (qsizetype i = 0; i < plan.recordUpdates.size(); ++i) {
        ChangePlan::RecordUpdate &u = plan.recordUpdates[i];
        if (!u.wasStub && u.encoded.payload == index.payload(u.index))
            continue;
        newPosition[i] = updates.size();
        updates.append(std::move(u));
    }
    plan.recordUpdates = std::move(updates);
    qint64 fullSeq = ws.m_nextFullSeq;
    for (ChangePlan::BecomesFull &b : plan.becomeFull) {
        if (b.isNew) {
            plan.newRecords[b.position].fullSeq = fullSeq++;
        } else {
            b.position = newPosition.at(b.position);
            plan.recordUpdates[b.position].fullSeq = fullSeq++;
        }
    }
    return d->commitRecordPlan(this, plan);
}

Result LinkRepositoryPrivate::commitRecordPlan(LinkRepository *q, const ChangePlan &plan)
{
    if (plan.isEmpty())
        return Result::success();
    Workspace &ws = *m_workspace;
    if (Result written = ws.write(plan); !written)
        return written;

    QList<RecordKey> added;
    added.reserve(plan.becomeFull.size());
    for (const ChangePlan::BecomesFull &b : plan.becomeFull) {
        added.append(b.isNew ? plan.newRecords.at(b.position).key
                             : ws.m_index.recordKey(plan.recordUpdates.at(b.position).index));
    }
    QList<RecordKey> changed;
    for (const ChangePlan::RecordUpdate &u : plan.recordUpdates) {
        if (!u.wasStub)
            changed.append(ws.m_index.recordKey(u.index));
    }
    if (!added.isEmpty()) {
        Q_EMIT q->recordsAboutToBeAdded(added);
        ws.applyNewRecords(plan);
        Q_EMIT q->recordsAdded(added);
    }
    if (!changed.isEmpty()) {
        Q_EMIT q->recordsAboutToChange(changed);
        ws.applyRecordChanges(plan);
        Q_EMIT q->recordsChanged(changed);
    }
    return Result::success();
}

Result LinkRepositoryPrivate::planLinks(Planner &planner, const QList<Link> &links,
                                        bool keepUnconfirmed)
{
    for (const Link &link : links) {
        if (!isValidKey(link.source) || !isValidKey(link.target) || link.type.isEmpty()
            || !isKnownDirection(int(link.direction)) || !isKnownState(int(link.state))) {
            return invalidArgument(u"invalid link %1 -> %2 of type \"%3\""_s.arg(
                link.source.toString(), link.target.toString(), link.type));
        }
        planner.upsertLink(link, keepUnconfirmed);
    }
    planner.dropNoOpLinkUpdates();
    return Result::success();
}

Result LinkRepositoryPrivate::commitLinkPlan(LinkRepository *q, const ChangePlan &plan)
{
    if (plan.isEmpty())
        return Result::success();
    Workspace &ws = *m_workspace;
    if (Result written = ws.write(plan); !written)
        return written;
    // Intents first: a view that hears of a pending link can already find its intent.
    ws.applyIntents(plan);

    if (!plan.removedSlots.isEmpty()) {
        QList<Link> removed;
        removed.reserve(plan.removedSlots.size());
        for (quint32 slot : plan.removedSlots)
            removed.append(ws.m_index.link(slot));
        Q_EMIT q->linksAboutToBeRemoved(removed);
        ws.applyRemovedLinks(plan);
        Q_EMIT q->linksRemoved(removed);
    }
    if (!plan.newLinks.isEmpty()) {
        QList<Link> added;
        added.reserve(plan.newLinks.size());
        for (const ChangePlan::LinkWrite &w : plan.newLinks)
            added.append(normalizedLink(w));
        Q_EMIT q->linksAboutToBeAdded(added);
        ws.applyNewLinks(plan);
        Q_EMIT q->linksAdded(added);
    }
    if (!plan.linkUpdates.isEmpty()) {
        QList<Link> old; // the payload of both signals, as documented
        old.reserve(plan.linkUpdates.size());
        for (const ChangePlan::LinkWrite &w : plan.linkUpdates)
            old.append(ws.m_index.link(w.slot));
        Q_EMIT q->linksAboutToChange(old);
        ws.applyLinkUpdates(plan);
        Q_EMIT q->linksChanged(old);
    }
    if (!plan.intentWrites.isEmpty())
        Q_EMIT q->intentsChanged();
    return Result::success();
}

Result LinkRepository::upsertLinks(const QList<Link> &links)
{
    if (!d->m_workspace)
        return notOpen();
    Planner planner(d->m_workspace->m_index, d->m_workspace->m_nextDbId);
    if (Result planned = LinkRepositoryPrivate::planLinks(planner, links, false); !planned)
        return planned;
    return d->commitLinkPlan(this, planner.m_plan);
}

namespace {

/// The slot of the link with this key (an undirected link's ends in either order, like
/// Link::key()), NoIndex when there is none.
quint32 findLinkSlot(const RepositoryIndex &index, const LinkKey &key)
{
    const quint32 source = index.findRecord(key.source);
    const quint32 target = index.findRecord(key.target);
    const quint32 type = index.findLinkType(key.type);
    if (source == NoIndex || target == NoIndex || type == NoIndex)
        return NoIndex;
    quint32 slot = index.findLink(source, target, type);
    if (slot == NoIndex) {
        slot = index.findLink(target, source, type);
        if (slot != NoIndex && index.slot(slot).direction != LinkDirection::Undirected)
            slot = NoIndex;
    }
    return slot;
}

} // namespace

Result LinkRepository::removeLinks(const QList<LinkKey> &keys)
{
    if (!d->m_workspace)
        return notOpen();
    const RepositoryIndex &index = d->m_workspace->m_index;
    ChangePlan plan;
    QSet<quint32> seen;
    for (const LinkKey &key : keys) {
        const quint32 slot = findLinkSlot(index, key);
        if (slot == NoIndex || seen.contains(slot))
            continue;
        seen.insert(slot);
        plan.removedSlots.append(slot);
    }
    return d->commitLinkPlan(this, plan);
}

Result LinkRepository::replaceLinksOf(const RecordKey &record, const QString &linkType,
                                      const QList<Link> &links)
{
    if (!d->m_workspace)
        return notOpen();
    if (!isValidKey(record))
        return invalidArgument(u"invalid record key \"%1\""_s.arg(record.toString()));
    const bool allTypes = linkType.isEmpty();
    for (const Link &link : links) {
        if (!link.touches(record) || (!allTypes && link.type != linkType)) {
            return invalidArgument(u"link %1 -> %2 of type \"%3\" is not a \"%4\" link of %5"_s.arg(
                link.source.toString(), link.target.toString(), link.type, linkType,
                record.toString()));
        }
    }
    const RepositoryIndex &index = d->m_workspace->m_index;
    Planner planner(index, d->m_workspace->m_nextDbId);
    if (Result planned = LinkRepositoryPrivate::planLinks(planner, links, true); !planned)
        return planned;

    // Confirmed links of this type (of any type) that the new list does not mention go.
    const quint32 r = index.findRecord(record);
    const quint32 type = allTypes ? NoIndex : index.findLinkType(linkType);
    if (r != NoIndex && (allTypes || type != NoIndex)) {
        QSet<LinkKey> wanted;
        wanted.reserve(links.size());
        for (const Link &link : links)
            wanted.insert(link.key());
        for (quint32 slot : index.linksOf(r)) {
            const RepositoryIndex::LinkSlot &s = index.slot(slot);
            if ((!allTypes && s.type != type) || s.state != LinkState::Confirmed)
                continue;
            const LinkKey key{index.recordKey(s.source), index.recordKey(s.target),
                              index.linkTypeName(s.type)};
            if (!wanted.contains(key))
                planner.m_plan.removedSlots.append(slot);
        }
    }
    return d->commitLinkPlan(this, planner.m_plan);
}

// --- intents --------------------------------------------------------------------------------

QList<Intent> LinkRepository::openIntents() const
{
    return d->m_workspace ? d->m_workspace->m_intents : QList<Intent>();
}

std::optional<Intent> LinkRepository::intent(qint64 id) const
{
    for (const Intent &intent : openIntents()) {
        if (intent.id == id)
            return intent;
    }
    return std::nullopt;
}

std::optional<Intent> LinkRepository::openIntentFor(const LinkKey &key) const
{
    if (!d->m_workspace)
        return std::nullopt;
    for (const Intent &intent : std::as_const(d->m_workspace->m_intents)) {
        if (intent.link.key() == key)
            return intent;
    }
    return std::nullopt;
}

namespace {

Result refusedIntent(const QString &message, const QString &details = {})
{
    return Result::failure(message, details);
}

} // namespace

Result LinkRepository::addIntent(Intent &intent)
{
    if (!d->m_workspace)
        return notOpen();
    Workspace &ws = *d->m_workspace;
    const Link &requested = intent.link;
    if (!isValidKey(requested.source) || !isValidKey(requested.target)
        || requested.type.isEmpty()) {
        return invalidArgument(u"an intent's link needs two valid ends and a type"_s);
    }
    if (requested.source.vendor != requested.target.vendor
        || requested.source.account != requested.target.account) {
        return refusedIntent(
            tr("Only records of the same account can be linked: “%1” and “%2” are not.")
                .arg(requested.source.toString(), requested.target.toString()));
    }
    if (const auto open = openIntentFor(requested.key())) {
        return refusedIntent(tr("This link already has a change waiting to be sent; retry or "
                                "discard it in Pending Changes first."),
                             u"open intent %1"_s.arg(open->id));
    }
    const std::optional<Link> existing = link(requested.key());
    QList<Link> planned; // outlives the plan, which points into it
    if (intent.kind == Intent::Kind::AddLink) {
        if (existing && existing->state != LinkState::Failed)
            return refusedIntent(tr("These records are already linked this way."));
        Link pending = requested;
        pending.state = LinkState::Pending;
        pending.error.clear();
        planned.append(pending);
    } else {
        if (!existing || existing->state != LinkState::Confirmed) {
            return refusedIntent(tr("This link is not in the workspace as a confirmed link, so "
                                    "there is nothing to remove; refresh the records."));
        }
        Link pending = *existing;
        pending.state = LinkState::Pending;
        pending.error.clear();
        planned.append(pending);
        intent.link = *existing; // as it was, with the vendor's id
    }
    Planner planner(ws.m_index, ws.m_nextDbId);
    if (Result result = LinkRepositoryPrivate::planLinks(planner, planned, false); !result)
        return result;
    Intent written = intent;
    written.id = ws.m_nextIntentId;
    written.state = Intent::State::Pending;
    written.attempts = 0;
    written.message.clear();
    written.created = written.updated = QDateTime::currentDateTimeUtc();
    written.link.state = LinkState::Confirmed; // an intent keeps what the link is to become
    written.link.error.clear();
    planner.m_plan.intentWrites.append(written);
    if (Result result = d->commitLinkPlan(this, planner.m_plan); !result)
        return result;
    intent = written;
    return Result::success();
}

Result LinkRepository::setIntentState(qint64 id, Intent::State state, const QString &message,
                                      const QString &vendorLinkId)
{
    if (!d->m_workspace)
        return notOpen();
    Workspace &ws = *d->m_workspace;
    const std::optional<Intent> current = intent(id);
    if (!current)
        return invalidArgument(u"no open intent %1"_s.arg(id));
    using State = Intent::State;
    const State from = current->state;
    const auto allowed = [from](std::initializer_list<State> states) {
        return std::find(states.begin(), states.end(), from) != states.end();
    };
    bool ok = false;
    switch (state) {
    case State::Sending:
        ok = allowed({State::Pending, State::Failed});
        break;
    case State::Pending:
        ok = allowed({State::Sending, State::Failed});
        break;
    case State::Confirmed:
    case State::Failed:
        ok = allowed({State::Pending, State::Sending});
        break;
    case State::Discarded:
        ok = allowed({State::Pending, State::Failed});
        break;
    }
    if (!ok) {
        return refusedIntent(from == State::Sending && state == State::Discarded
                                 ? tr("This change is being sent; wait for the vendor's answer "
                                      "before discarding it.")
                                 : tr("This change cannot be moved on that way."),
                             u"intent %1: %2 -> %3"_s.arg(id).arg(int(from)).arg(int(state)));
    }

    Intent written = *current;
    written.state = state;
    written.updated = QDateTime::currentDateTimeUtc();
    if (state == State::Sending)
        ++written.attempts;
    if (state == State::Failed || state == State::Confirmed)
        written.message = message;
    else if (state == State::Pending)
        written.message.clear();
    const bool adding = written.kind == Intent::Kind::AddLink;
    if (state == State::Confirmed && adding && !vendorLinkId.isEmpty())
        written.link.vendorLinkId = vendorLinkId;

    // What the link becomes: nothing (removed), or these values.
    const quint32 slot = findLinkSlot(ws.m_index, written.link.key());
    const std::optional<Link> existing = link(written.link.key());
    std::optional<Link> becomes;
    bool remove = false;
    switch (state) {
    case State::Sending:
    case State::Pending:
        becomes = existing.value_or(written.link);
        becomes->state = LinkState::Pending;
        becomes->error.clear();
        break;
    case State::Failed:
        becomes = existing.value_or(written.link);
        becomes->state = LinkState::Failed;
        becomes->error = message;
        break;
    case State::Confirmed:
        if (adding) {
            becomes = existing.value_or(written.link);
            becomes->state = LinkState::Confirmed;
            becomes->error.clear();
            if (!vendorLinkId.isEmpty())
                becomes->vendorLinkId = vendorLinkId;
        } else {
            remove = true;
        }
        break;
    case State::Discarded:
        if (adding) {
            remove = true;
        } else {
            becomes = existing.value_or(written.link);
            becomes->state = LinkState::Confirmed;
            becomes->error.clear();
        }
        break;
    }

    QList<Link> planned; // outlives the plan
    Planner planner(ws.m_index, ws.m_nextDbId);
    if (becomes) {
        planned.append(*becomes);
        if (Result result = LinkRepositoryPrivate::planLinks(planner, planned, false); !result)
            return result;
    } else if (remove && slot != NoIndex) {
        planner.m_plan.removedSlots.append(slot);
    }
    planner.m_plan.intentWrites.append(written);
    return d->commitLinkPlan(this, planner.m_plan);
}
