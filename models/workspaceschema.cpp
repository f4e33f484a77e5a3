#include "models/workspaceschema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

#include <atomic>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcSchema, "linkloom.workspace")

// The first 100 bytes of an SQLite file are its header; the b-tree page header of page 1
// (the schema table) follows it.
constexpr qsizetype SqliteHeaderSize = 100;
constexpr qsizetype HeaderBytesRead = SqliteHeaderSize + 8;
constexpr qsizetype UserVersionOffset = 60;
constexpr qsizetype ApplicationIdOffset = 68;
constexpr qsizetype WriteVersionOffset = 18;
constexpr qsizetype ReadVersionOffset = 19;
constexpr quint8 LeafTablePage = 0x0d;
constexpr qsizetype CellCountOffset = SqliteHeaderSize + 3;

QString nativePath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

struct Identity
{
    quint32 applicationId = 0;
    qint64 userVersion = 0;
    bool schemaEmpty = false;
};

/// Decides from a file's identity whether this build may open it.
Result judge(const QString &path, const Identity &id, int supportedVersion, bool *isNew)
{
    *isNew = false;
    if (id.applicationId == 0 && id.userVersion == 0 && id.schemaEmpty) {
        *isNew = true;
        return Result::success();
    }
    if (id.applicationId != WorkspaceSchema::ApplicationId) {
        return Result::failure(
            QCoreApplication::translate(
                "LinkRepository",
                "\"%1\" is a database of another program, not a Linkloom workspace. Choose a "
                "workspace file created by Linkloom, or a new file name.")
                .arg(nativePath(path)),
            u"application_id 0x%1, user_version %2"_s.arg(id.applicationId, 8, 16, QChar(u'0'))
                .arg(id.userVersion));
    }
    if (id.userVersion > supportedVersion) {
        return Result::failure(
            QCoreApplication::translate(
                "LinkRepository",
                "\"%1\" was written by a newer Linkloom; update Linkloom to open it.")
                .arg(nativePath(path)),
            u"schema version %1, this build reads up to %2"_s.arg(id.userVersion)
                .arg(supportedVersion));
    }
    if (id.userVersion < 1) {
        return Result::failure(
            QCoreApplication::translate("LinkRepository",
                                        "\"%1\" is damaged and cannot be opened. Restore it from a "
                                        "backup or choose another workspace file.")
                .arg(nativePath(path)),
            u"schema version %1"_s.arg(id.userVersion));
    }
    return Result::success();
}

std::optional<Identity> readIdentity(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    Identity id;
    const auto readInt = [&](const QString &sql, qint64 *value) {
        if (!q.exec(sql) || !q.next()) {
            *error = sql + u": "_s + q.lastError().text();
            return false;
        }
        *value = q.value(0).toLongLong();
        q.finish();
        return true;
    };
    qint64 applicationId = 0;
    qint64 schemaObjects = 0;
    if (!readInt(u"PRAGMA application_id"_s, &applicationId)
        || !readInt(u"PRAGMA user_version"_s, &id.userVersion)
        || !readInt(u"SELECT count(*) FROM sqlite_master"_s, &schemaObjects)) {
        return std::nullopt;
    }
    id.applicationId = quint32(applicationId);
    id.schemaEmpty = schemaObjects == 0;
    return id;
}

/// Reads the identity through a read-only connection (it sees committed WAL content).
std::optional<Identity> readIdentityReadOnly(const QString &path, QString *error)
{
    static std::atomic<int> serial{0};
    const QString name = u"linkloom-check-%1"_s.arg(serial.fetch_add(1));
    std::optional<Identity> id;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open())
            id = readIdentity(db, error);
        else
            *error = db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return id;
}

Result execAll(QSqlQuery &q, const QList<QString> &statements)
{
    for (const QString &sql : statements) {
        if (!q.exec(sql))
            return Result::failure(QString(), sql + u": "_s + q.lastError().text());
    }
    return Result::success();
}

} // namespace

QList<QString> WorkspaceSchema::version1Statements()
{
    return {
        u"CREATE TABLE records ("
        " id INTEGER PRIMARY KEY,"
        " vendor INTEGER NOT NULL,"
        " account TEXT NOT NULL,"
        " type TEXT NOT NULL,"
        " rid TEXT NOT NULL,"
        " title TEXT,"
        " fields TEXT,"
        " full INTEGER NOT NULL DEFAULT 0,"
        " UNIQUE (vendor, account, type, rid))"_s,
        u"CREATE TABLE links ("
        " id INTEGER PRIMARY KEY,"
        " source INTEGER NOT NULL REFERENCES records (id),"
        " target INTEGER NOT NULL REFERENCES records (id),"
        " link_type TEXT NOT NULL,"
        " direction INTEGER NOT NULL DEFAULT 0,"
        " vendor_link_id TEXT,"
        " state INTEGER NOT NULL DEFAULT 0,"
        " UNIQUE (source, target, link_type))"_s,
    };
}

const QList<WorkspaceSchema::Migration> &WorkspaceSchema::migrations()
{
    static const QList<Migration> steps = {
        {1,
         {
             u"ALTER TABLE records ADD COLUMN web_url TEXT"_s,
             u"ALTER TABLE records ADD COLUMN full_seq INTEGER"_s,
             // Version 1 listed full records by id.
             u"UPDATE records SET full_seq = id WHERE full <> 0"_s,
             u"ALTER TABLE links ADD COLUMN error TEXT"_s,
         }},
        {2,
         {
             u"CREATE TABLE accounts ("
             " vendor INTEGER NOT NULL,"
             " id TEXT NOT NULL,"
             " display_name TEXT,"
             " base_url TEXT NOT NULL,"
             " user_name TEXT,"
             " options TEXT,"
             " position INTEGER NOT NULL,"
             " PRIMARY KEY (vendor, id))"_s,
         }},
        {3,
         {
             u"CREATE TABLE link_types ("
             " vendor INTEGER NOT NULL,"
             " account TEXT NOT NULL,"
             " id TEXT NOT NULL,"
             " definition TEXT NOT NULL,"
             " position INTEGER NOT NULL,"
             " PRIMARY KEY (vendor, account, id))"_s,
             u"CREATE TABLE sync_times ("
             " vendor INTEGER NOT NULL,"
             " account TEXT NOT NULL,"
             " type TEXT NOT NULL,"
             " synced_at INTEGER NOT NULL,"
             " PRIMARY KEY (vendor, account, type))"_s,
         }},
        {4,
         {
             // The outbox: link changes the user asked for (models/intent.h). Ends as record
             // key strings, so that an intent never depends on a record row.
             u"CREATE TABLE intents ("
             " id INTEGER PRIMARY KEY,"
             " kind INTEGER NOT NULL,"
             " source TEXT NOT NULL,"
             " target TEXT NOT NULL,"
             " link_type TEXT NOT NULL,"
             " direction INTEGER NOT NULL,"
             " vendor_link_id TEXT,"
             " state INTEGER NOT NULL,"
             " attempts INTEGER NOT NULL DEFAULT 0,"
             " message TEXT,"
             " created_at INTEGER NOT NULL,"
             " updated_at INTEGER NOT NULL,"
             " reverses INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX intents_open ON intents (state) WHERE state IN (0, 1, 3)"_s,
         }},
    };
    return steps;
}

WorkspaceSchema::FileCheck WorkspaceSchema::checkFile(const QString &path, int supportedVersion)
{
    FileCheck check;
    const QFileInfo info(path);
    if (!info.exists()) {
        check.isNew = true;
        return check;
    }
    const QString cannotRead
        = QCoreApplication::translate("LinkRepository",
                                      "Linkloom cannot read \"%1\". Check that the file exists and "
                                      "that you may read it, or choose another workspace file.")
              .arg(nativePath(path));
    if (info.isDir()) {
        check.result = Result::failure(cannotRead, u"the path is a folder"_s);
        return check;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        check.result = Result::failure(cannotRead, file.errorString());
        return check;
    }
    const QByteArray header = file.read(HeaderBytesRead);
    file.close();
    if (header.isEmpty()) {
        check.isNew = true; // an empty file: SQLite initialises it
        return check;
    }
    if (header.size() < SqliteHeaderSize || !header.startsWith("SQLite format 3\0"_ba)) {
        check.result = Result::failure(
            QCoreApplication::translate(
                "LinkRepository",
                "\"%1\" is not a Linkloom workspace. Choose a workspace file created by "
                "Linkloom, or a new file name.")
                .arg(nativePath(path)),
            u"no SQLite 3 header"_s);
        return check;
    }

    const auto bytes = reinterpret_cast<const uchar *>(header.constData());
    Identity id;
    id.applicationId = qFromBigEndian<quint32>(bytes + ApplicationIdOffset);
    id.userVersion = qFromBigEndian<qint32>(bytes + UserVersionOffset);
    id.schemaEmpty = header.size() >= CellCountOffset + 2
        && quint8(header.at(SqliteHeaderSize)) == LeafTablePage
        && qFromBigEndian<quint16>(bytes + CellCountOffset) == 0;

    // In WAL mode the newest committed page 1 may still be in the -wal file.
    const bool walMode = header.at(WriteVersionOffset) == 2 || header.at(ReadVersionOffset) == 2;
    if (walMode && QFileInfo(path + u"-wal"_s).size() > 0) {
        QString error;
        const auto current = readIdentityReadOnly(path, &error);
        if (!current) {
            check.result = Result::failure(
                QCoreApplication::translate("LinkRepository",
                                            "\"%1\" is damaged and cannot be opened. Restore "
                                            "it from a backup or choose another workspace "
                                            "file.")
                    .arg(nativePath(path)),
                error);
            return check;
        }
        id = *current;
    }
    check.result = judge(path, id, supportedVersion, &check.isNew);
    return check;
}

Result WorkspaceSchema::prepare(QSqlDatabase &db, const QString &path, int targetVersion)
{
    const QString damaged
        = QCoreApplication::translate("LinkRepository",
                                      "\"%1\" is damaged and cannot be opened. Restore it from a "
                                      "backup or choose another workspace file.")
              .arg(nativePath(path));
    QString error;
    const auto id = readIdentity(db, &error);
    if (!id)
        return Result::failure(damaged, error);
    bool isNew = false;
    if (Result judged = judge(path, *id, targetVersion, &isNew); !judged)
        return judged;

    const QString cannotOpen
        = QCoreApplication::translate("LinkRepository",
                                      "Linkloom could not open \"%1\". Close other programs that "
                                      "use the file, check that you may write to it, then try "
                                      "again.")
              .arg(nativePath(path));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"PRAGMA foreign_keys = ON"_s))
        return Result::failure(cannotOpen, q.lastQuery() + u": "_s + q.lastError().text());

    // Create or migrate first, in the journal mode the file has: if this fails the file is
    // left exactly as it was.
    if (isNew || id->userVersion != targetVersion) {
        if (!q.exec(u"BEGIN IMMEDIATE"_s))
            return Result::failure(cannotOpen, q.lastQuery() + u": "_s + q.lastError().text());
        auto version = int(id->userVersion);
        Result step;
        if (isNew) {
            step = execAll(q, {u"PRAGMA application_id = %1"_s.arg(ApplicationId)});
            if (step)
                step = execAll(q, version1Statements());
            version = 1;
        }
        for (const Migration &migration : migrations()) {
            if (!step || version >= targetVersion)
                break;
            if (migration.fromVersion != version)
                continue;
            step = execAll(q, migration.statements);
            ++version;
        }
        if (step && version != targetVersion) {
            step
                = Result::failure(QString(), u"no migration from schema version %1"_s.arg(version));
        }
        if (step)
            step = execAll(q, {u"PRAGMA user_version = %1"_s.arg(targetVersion), u"COMMIT"_s});
        if (!step) {
            q.exec(u"ROLLBACK"_s);
            const QString message = isNew
                ? QCoreApplication::translate(
                      "LinkRepository",
                      "Linkloom could not create the workspace \"%1\". Check that the disk has "
                      "free space and that you may write to the folder, then try again.")
                      .arg(nativePath(path))
                : QCoreApplication::translate(
                      "LinkRepository",
                      "Linkloom could not update the workspace \"%1\" to this version. The "
                      "file was left unchanged; check that the disk has free space, then try "
                      "again.")
                      .arg(nativePath(path));
            return Result::failure(message, step.details());
        }
    }

    if (!q.exec(u"PRAGMA journal_mode = WAL"_s) || !q.next())
        return Result::failure(cannotOpen, q.lastQuery() + u": "_s + q.lastError().text());
    if (q.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        qCWarning(lcSchema) << "WAL journal not available for" << path << "- using"
                            << q.value(0).toString();
    }
    q.finish();
    if (!q.exec(u"PRAGMA synchronous = NORMAL"_s))
        return Result::failure(cannotOpen, q.lastQuery() + u": "_s + q.lastError().text());
    return Result::success();
}
