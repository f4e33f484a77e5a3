#include "models/linkrepository.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Schema version 1 as the first Linkloom release wrote it, spelled out here on purpose: the
// test must not take it from the code under test.
const QStringList Version1 = {
    u"PRAGMA application_id = 1280069453"_s, // 0x4C4C4F4D
    u"PRAGMA user_version = 1"_s,
    u"CREATE TABLE records (id INTEGER PRIMARY KEY, vendor INTEGER NOT NULL,"
    " account TEXT NOT NULL, type TEXT NOT NULL, rid TEXT NOT NULL, title TEXT, fields TEXT,"
    " full INTEGER NOT NULL DEFAULT 0, UNIQUE (vendor, account, type, rid))"_s,
    u"CREATE TABLE links (id INTEGER PRIMARY KEY,"
    " source INTEGER NOT NULL REFERENCES records (id),"
    " target INTEGER NOT NULL REFERENCES records (id), link_type TEXT NOT NULL,"
    " direction INTEGER NOT NULL DEFAULT 0, vendor_link_id TEXT,"
    " state INTEGER NOT NULL DEFAULT 0, UNIQUE (source, target, link_type))"_s,
    u"INSERT INTO records VALUES (1, 0, 'acme', 'person', 'p3', 'Carol', NULL, 1)"_s,
    u"INSERT INTO records VALUES (2, 0, 'acme', 'person', 'p2', NULL, NULL, 0)"_s,
    u"INSERT INTO records VALUES (3, 0, 'acme', 'person', 'p1', 'Alice',"
    " '{\"Email\":\"alice@example.com\",\"Score\":3}', 1)"_s,
    u"INSERT INTO records VALUES (4, 1, 'org', 'issue', 'i1', 'Crash on start', NULL, 1)"_s,
    u"INSERT INTO records VALUES (5, 1, 'org', 'issue', 'i2', NULL, NULL, 0)"_s,
    u"INSERT INTO links VALUES (1, 3, 2, 'related', 0, NULL, 0)"_s,
    u"INSERT INTO links VALUES (2, 3, 1, 'related', 0, NULL, 2)"_s,
    u"INSERT INTO links VALUES (3, 4, 5, 'is_dependent_on', 1, 'don:link/1', 1)"_s,
};

RecordKey person(const QString &id)
{
    return {Vendor::Copper, u"acme"_s, u"person"_s, id};
}

RecordKey issue(const QString &id)
{
    return {Vendor::DevRev, u"org"_s, u"issue"_s, id};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Runs statements on a raw connection that is closed (and removed) afterwards.
bool runRaw(const QString &path, const QStringList &statements, QString *error = nullptr)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &sql : statements) {
            if (!ok)
                break;
            ok = q.exec(sql);
            if (!ok && error)
                *error = sql + u": "_s + q.lastError().text();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return ok;
}

/// The values of the first column of a query on a raw connection, NULL as "NULL".
QStringList queryRaw(const QString &path, const QString &sql)
{
    QStringList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql)) {
                while (q.next())
                    values << (q.isNull(0) ? u"NULL"_s : q.value(0).toString());
            } else {
                values << u"error: "_s + q.lastError().text();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return values;
}

} // namespace

class TestWorkspaceMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesVersion1_data();
    void migratesVersion1();
    void failedMigrationLeavesFileUnchanged();
};

void TestWorkspaceMigration::migratesVersion1_data()
{
    QTest::addColumn<QString>("journalMode");
    QTest::newRow("rollback journal") << u"DELETE"_s;
    QTest::newRow("WAL") << u"WAL"_s;
}

void TestWorkspaceMigration::migratesVersion1()
{
    QFETCH(QString, journalMode);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"old.linkloom"_s);
    QString error;
    QVERIFY2(
        runRaw(path, QStringList{u"PRAGMA journal_mode = "_s + journalMode} + Version1, &error),
        qPrintable(error));
    QCOMPARE(queryRaw(path, u"PRAGMA user_version"_s), QStringList{u"1"_s});

    LinkRepository repo;
    const Result opened = repo.open(path);
    QVERIFY2(opened, qPrintable(opened.message() + u' ' + opened.details()));

    // The data is intact.
    QCOMPARE(repo.recordCount(), 5);
    QCOMPARE(repo.linkCount(), 3);
    const auto alice = repo.record(person(u"p1"_s));
    QVERIFY(alice);
    QCOMPARE(alice->title, u"Alice"_s);
    QCOMPARE(alice->fields.value(u"Email"_s).toString(), u"alice@example.com"_s);
    QCOMPARE(alice->fields.value(u"Score"_s).toInt(), 3);
    QVERIFY(alice->webUrl.isEmpty()); // the new column's default
    QVERIFY(repo.record(person(u"p2"_s))->title.isEmpty()); // still a stub
    // Version 1 listed full records by id.
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({person(u"p3"_s), person(u"p1"_s)}));
    QCOMPARE(repo.recordsOfType(Vendor::DevRev, u"org"_s, u"issue"_s),
             QList<RecordKey>({issue(u"i1"_s)}));

    const Link failed{person(u"p1"_s),
                      person(u"p3"_s),
                      u"related"_s,
                      LinkDirection::Undirected,
                      {},
                      LinkState::Failed,
                      {}};
    QCOMPARE(repo.link(failed.key()), failed); // error: the new column's default, empty
    const Link depends{issue(u"i1"_s),
                       issue(u"i2"_s),
                       u"is_dependent_on"_s,
                       LinkDirection::Directed,
                       u"don:link/1"_s,
                       LinkState::Pending,
                       {}};
    QCOMPARE(repo.link(depends.key()), depends);
    QCOMPARE(repo.neighbours(person(u"p1"_s)),
             QList<RecordKey>({person(u"p2"_s), person(u"p3"_s)}));

    // The new columns take values.
    Record carol = *repo.record(person(u"p3"_s));
    carol.webUrl = QUrl(u"https://app.copper.com/person/p3"_s);
    QVERIFY(repo.upsertRecords({carol}));
    Link failedWithError = failed;
    failedWithError.error = u"Copper refused the link"_s;
    QVERIFY(repo.upsertLinks({failedWithError}));
    // A stub that becomes full is listed after the records that were full before.
    Record p2 = *repo.record(person(u"p2"_s));
    p2.title = u"Bob"_s;
    QVERIFY(repo.upsertRecords({p2}));

    // Accounts (version 3) can be kept now.
    QVERIFY(repo.accounts().isEmpty());
    const AccountConfig acme{
        Vendor::Copper,       u"acme"_s,
        u"Acme CRM"_s,        QUrl(u"https://api.copper.com/developer_api/v1"_s),
        u"me@acme.example"_s, {}};
    QVERIFY(repo.saveAccount(acme));
    // And link types (version 4).
    const LinkType related{u"related"_s,
                           u"Related"_s,
                           u"is related to"_s,
                           u"is related to"_s,
                           LinkDirection::Undirected,
                           {},
                           {},
                           false};
    QVERIFY(repo.saveLinkTypes(Vendor::Copper, u"acme"_s, {related}));
    repo.close();

    // The file is now the current version, with the new columns and their defaults.
    QCOMPARE(queryRaw(path, u"PRAGMA user_version"_s),
             QStringList{QString::number(LinkRepository::SchemaVersion)});
    QCOMPARE(queryRaw(path, u"PRAGMA application_id"_s), QStringList{u"1280069453"_s});
    QCOMPARE(queryRaw(path, u"PRAGMA journal_mode"_s), QStringList{u"wal"_s});
    QCOMPARE(queryRaw(path, u"SELECT web_url FROM records ORDER BY id"_s),
             QStringList({u"https://app.copper.com/person/p3"_s, u"NULL"_s, u"NULL"_s, u"NULL"_s,
                          u"NULL"_s}));
    QCOMPARE(queryRaw(path, u"SELECT full_seq FROM records ORDER BY id"_s),
             QStringList({u"1"_s, u"5"_s, u"3"_s, u"4"_s, u"NULL"_s}));
    QCOMPARE(queryRaw(path, u"SELECT error FROM links ORDER BY id"_s),
             QStringList({u"NULL"_s, u"Copper refused the link"_s, u"NULL"_s}));
    QCOMPARE(queryRaw(path, u"SELECT count(*) FROM records"_s), QStringList{u"5"_s});
    QCOMPARE(queryRaw(path, u"PRAGMA foreign_key_check"_s), QStringList());

    QCOMPARE(queryRaw(path, u"SELECT vendor || ' ' || id || ' ' || base_url FROM accounts"_s),
             QStringList{u"0 acme https://api.copper.com/developer_api/v1"_s});

    // Reopening does not migrate again and keeps everything.
    QVERIFY(repo.open(path));
    QCOMPARE(repo.accounts(), QList<AccountConfig>{acme});
    QCOMPARE(repo.linkTypes(Vendor::Copper, u"acme"_s), QList<LinkType>{related});
    QCOMPARE(repo.record(person(u"p3"_s))->webUrl, QUrl(u"https://app.copper.com/person/p3"_s));
    QCOMPARE(repo.link(failed.key())->error, u"Copper refused the link"_s);
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({person(u"p3"_s), person(u"p1"_s), person(u"p2"_s)}));
    QCOMPARE(repo.recordCount(), 5);
    QCOMPARE(repo.linkCount(), 3);
}

void TestWorkspaceMigration::failedMigrationLeavesFileUnchanged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"odd.linkloom"_s);
    // A version 1 file that already has a column the migration adds: the migration fails
    // half-way (after changing the records table).
    QStringList statements = Version1;
    statements << u"ALTER TABLE links ADD COLUMN error TEXT"_s;
    QString error;
    QVERIFY2(runRaw(path, QStringList{u"PRAGMA journal_mode = DELETE"_s} + statements, &error),
             qPrintable(error));
    const QByteArray bytes = readAll(path);

    LinkRepository repo;
    const Result opened = repo.open(path);
    QVERIFY(!opened);
    QVERIFY2(opened.message().contains(u"could not update"_s), qPrintable(opened.message()));
    QVERIFY2(opened.details().contains(u"duplicate column"_s), qPrintable(opened.details()));
    QVERIFY(!repo.isOpen());
    QCOMPARE(readAll(path), bytes);
    QCOMPARE(queryRaw(path, u"PRAGMA user_version"_s), QStringList{u"1"_s});
    QCOMPARE(queryRaw(path, u"PRAGMA journal_mode"_s), QStringList{u"delete"_s});
}

QTEST_GUILESS_MAIN(TestWorkspaceMigration)
#include "tst_workspacemigration.moc"
