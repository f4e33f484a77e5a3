#include "models/linkrepository.h"
#include "models/linkrepository_p.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr auto OwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr auto OwnerOnlyDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr auto ModeBits = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
    | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

RecordKey person(const QString &id)
{
    return {Vendor::Copper, u"acme"_s, u"person"_s, id};
}

RecordKey company(const QString &id)
{
    return {Vendor::Copper, u"acme"_s, u"company"_s, id};
}

RecordKey issue(const QString &id)
{
    return {Vendor::DevRev, u"org-1"_s, u"issue"_s, id};
}

Record fullRecord(const RecordKey &key, const QString &title)
{
    Record r;
    r.key = key;
    r.title = title;
    r.fields = {{u"Email"_s, QString(key.id + u"@example.com"_s)},
                {u"Score"_s, 42},
                {u"Ratio"_s, 0.25},
                {u"Active"_s, true}};
    r.webUrl = QUrl(u"https://app.example.com/%1/%2?x=a%20b#frag"_s.arg(key.type, key.id));
    return r;
}

Link related(const RecordKey &a, const RecordKey &b, LinkState state = LinkState::Confirmed)
{
    return Link{a, b, u"related"_s, LinkDirection::Undirected, {}, state, {}};
}

Link dependsOn(const RecordKey &a, const RecordKey &b, const QString &vendorLinkId = {})
{
    return Link{
        a, b, u"is_dependent_on"_s, LinkDirection::Directed, vendorLinkId, LinkState::Confirmed,
        {}};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString debugText(const auto &value)
{
    QString text;
    QDebug(&text).nospace() << value;
    return text;
}

/// Everything a test can see through the public API, as text, for whole-state comparisons.
QString snapshot(const LinkRepository &repo, const QList<RecordKey> &keys)
{
    QString out;
    out += u"records %1 links %2\n"_s.arg(repo.recordCount()).arg(repo.linkCount());
    const QList<std::tuple<Vendor, QString, QString>> groups = {
        {Vendor::Copper, u"acme"_s, u"person"_s},
        {Vendor::Copper, u"acme"_s, u"company"_s},
        {Vendor::DevRev, u"org-1"_s, u"issue"_s},
    };
    for (const auto &[vendor, account, type] : groups) {
        out += type + u": "_s;
        for (const RecordKey &key : repo.recordsOfType(vendor, account, type))
            out += key.id + u' ';
        out += u'\n';
    }
    for (const RecordKey &key : keys) {
        const auto record = repo.record(key);
        if (!record) {
            out += key.toString() + u" -\n"_s;
            continue;
        }
        out += key.toString() + u" title="_s + record->title + u" url="_s
            + record->webUrl.toString() + u" fields="_s + debugText(record->fields) + u'\n';
        for (const Link &link : repo.linksOf(key)) {
            out += u"  "_s + link.source.id + u' ' + link.target.id + u' ' + link.type + u' '
                + QString::number(int(link.direction)) + u' ' + QString::number(int(link.state))
                + u" id="_s + link.vendorLinkId + u" error="_s + link.error + u'\n';
        }
        out += u"  neighbours:"_s;
        for (const RecordKey &n : repo.neighbours(key))
            out += u' ' + n.id;
        out += u'\n';
    }
    return out;
}

/// Spies on every change signal at once.
struct AllSignals
{
    explicit AllSignals(LinkRepository *repo)
    {
        const auto add
            = [&](auto signal) { spies.push_back(std::make_unique<QSignalSpy>(repo, signal)); };
        add(&LinkRepository::aboutToReset);
        add(&LinkRepository::resetDone);
        add(&LinkRepository::recordsAboutToBeAdded);
        add(&LinkRepository::recordsAdded);
        add(&LinkRepository::recordsAboutToChange);
        add(&LinkRepository::recordsChanged);
        add(&LinkRepository::linksAboutToBeAdded);
        add(&LinkRepository::linksAdded);
        add(&LinkRepository::linksAboutToChange);
        add(&LinkRepository::linksChanged);
        add(&LinkRepository::linksAboutToBeRemoved);
        add(&LinkRepository::linksRemoved);
    }
    int total() const
    {
        int n = 0;
        for (const auto &spy : spies)
            n += int(spy->count());
        return n;
    }
    std::vector<std::unique_ptr<QSignalSpy>> spies;
};

} // namespace

class TestLinkRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void defaultWorkspacePath();
    void openCreatesFolderAndFileOwnerOnly();
    void openAndCloseEmitReset();
    void operationsNeedAnOpenWorkspace();

    void upsertRecordsInBatch();
    void upsertRecordsUpdateVsNoOp();
    void upsertRecordsLaterValueInBatchWins();
    void invalidInputChangesNothing();
    void stubsBecomeFullRecords();
    void linksOfAndNeighbours();
    void upsertLinksInsertUpdateNoOp();
    void removeLinks();
    void replaceLinksOfKeepsPendingAndFailed();
    void replaceLinksOfEveryType();
    void accountsAreKeptInTheWorkspace();
    void linkTypesAreKeptPerAccount();
    void signalPairsAreOrderedAroundTheChange();
    void randomChangesMatchAModel();

    void reopenKeepsEverything();
    void failedWriteRollsBack_data();
    void failedWriteRollsBack();
    void crashedTransactionLeavesPreviousState();

    void refusesTextFile();
    void refusesDatabaseOfAnotherApplication_data();
    void refusesDatabaseOfAnotherApplication();
    void acceptsEmptySqliteDatabase();
    void refusesNewerSchema();
    void refusesNewerSchemaStillInWal();
    void failedOpenKeepsPreviousWorkspace();

private:
    void populate(LinkRepository &repo);
    QList<RecordKey> allKeys() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestLinkRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"workspace.linkloom"_s);
    LinkRepositoryTesting::failRowWrite(0);
}

void TestLinkRepository::cleanup()
{
    LinkRepositoryTesting::failRowWrite(0);
    m_dir.reset();
}

QList<RecordKey> TestLinkRepository::allKeys() const
{
    QList<RecordKey> keys;
    for (const QString &id : {u"p1"_s, u"p2"_s, u"p3"_s, u"p4"_s, u"p5"_s, u"stub"_s})
        keys.append(person(id));
    for (const QString &id : {u"c1"_s, u"c2"_s})
        keys.append(company(id));
    for (const QString &id : {u"i1"_s, u"i2"_s, u"i3"_s})
        keys.append(issue(id));
    return keys;
}

/// A workspace with full records, a stub, links of every state, vendor ids and errors, and a
/// removed link.
void TestLinkRepository::populate(LinkRepository &repo)
{
    QVERIFY(repo.upsertRecords({fullRecord(person(u"p3"_s), u"Carol"_s),
                                fullRecord(person(u"p1"_s), u"Alice"_s),
                                fullRecord(person(u"p2"_s), u"Bob \u00e9\u00e8"_s),
                                fullRecord(company(u"c1"_s), u"Acme Inc."_s),
                                fullRecord(issue(u"i1"_s), u"Crash on start"_s),
                                fullRecord(issue(u"i2"_s), u"Slow sync"_s)}));
    Link failed = related(person(u"p1"_s), company(u"c1"_s), LinkState::Failed);
    failed.error = u"Copper refused: 403 Forbidden"_s;
    QVERIFY(repo.upsertLinks({related(person(u"p1"_s), person(u"p2"_s)),
                              related(person(u"p3"_s), person(u"p1"_s), LinkState::Pending), failed,
                              related(person(u"p1"_s), person(u"stub"_s)),
                              related(person(u"p2"_s), person(u"p3"_s)),
                              dependsOn(issue(u"i2"_s), issue(u"i1"_s), u"don:link/1"_s),
                              dependsOn(issue(u"i1"_s), issue(u"i3"_s), u"don:link/2"_s)}));
    QVERIFY(repo.removeLinks({related(person(u"p2"_s), person(u"p3"_s)).key()}));
}

void TestLinkRepository::defaultWorkspacePath()
{
    const QString path = LinkRepository::defaultWorkspacePath();
    QCOMPARE(path,
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                 + u"/demo.linkloom"_s);
}

void TestLinkRepository::openCreatesFolderAndFileOwnerOnly()
{
    const QString folder = m_dir->filePath(u"a/b"_s);
    const QString path = folder + u"/ws.linkloom"_s;
    LinkRepository repo;
    const Result opened = repo.open(path);
    QVERIFY2(opened, qPrintable(opened.message() + u' ' + opened.details()));
    QVERIFY(repo.isOpen());
    QCOMPARE(repo.path(), QFileInfo(path).absoluteFilePath());
    QVERIFY(repo.upsertRecords({fullRecord(person(u"p1"_s), u"Alice"_s)}));

    QCOMPARE(QFile::permissions(m_dir->filePath(u"a"_s)) & ModeBits, OwnerOnlyDir);
    QCOMPARE(QFile::permissions(folder) & ModeBits, OwnerOnlyDir);
    QCOMPARE(QFile::permissions(path) & ModeBits, OwnerOnlyFile);
    // While open in WAL mode SQLite keeps -wal and -shm files with the database's mode.
    QVERIFY(QFile::exists(path + u"-wal"_s));
    QCOMPARE(QFile::permissions(path + u"-wal"_s) & ModeBits, OwnerOnlyFile);
    QCOMPARE(QFile::permissions(path + u"-shm"_s) & ModeBits, OwnerOnlyFile);

    repo.close();

    // The file is a Linkloom workspace of the current schema in WAL mode.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA application_id"_s) && q.next());
        QCOMPARE(q.value(0).toLongLong(), 0x4C4C4F4D);
        QVERIFY(q.exec(u"PRAGMA user_version"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), LinkRepository::SchemaVersion);
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
        QVERIFY(q.exec(u"SELECT count(*) FROM records"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(u"check"_s);
}

void TestLinkRepository::openAndCloseEmitReset()
{
    LinkRepository repo;
    QStringList log;
    connect(&repo, &LinkRepository::aboutToReset, this,
            [&] { log << u"aboutToReset open=%1"_s.arg(repo.isOpen()); });
    connect(&repo, &LinkRepository::resetDone, this,
            [&] { log << u"resetDone open=%1"_s.arg(repo.isOpen()); });
    QVERIFY(repo.open(m_path));
    QCOMPARE(log, QStringList({u"aboutToReset open=0"_s, u"resetDone open=1"_s}));
    log.clear();
    repo.close();
    QCOMPARE(log, QStringList({u"aboutToReset open=1"_s, u"resetDone open=0"_s}));
    QVERIFY(!repo.isOpen());
    QVERIFY(repo.path().isEmpty());
    log.clear();
    repo.close(); // nothing to close: nothing emitted
    QVERIFY(log.isEmpty());
}

void TestLinkRepository::operationsNeedAnOpenWorkspace()
{
    LinkRepository repo;
    AllSignals spies(&repo);
    const Result r = repo.upsertRecords({fullRecord(person(u"p1"_s), u"Alice"_s)});
    QVERIFY(!r);
    QVERIFY(!r.message().isEmpty());
    QVERIFY(!repo.upsertLinks({related(person(u"p1"_s), person(u"p2"_s))}));
    QVERIFY(!repo.removeLinks({related(person(u"p1"_s), person(u"p2"_s)).key()}));
    QVERIFY(!repo.replaceLinksOf(person(u"p1"_s), u"related"_s, {}));
    QCOMPARE(repo.recordCount(), 0);
    QVERIFY(!repo.record(person(u"p1"_s)));
    QVERIFY(repo.linksOf(person(u"p1"_s)).isEmpty());
    QCOMPARE(spies.total(), 0);
    QVERIFY(!repo.open(QString()));
}

void TestLinkRepository::upsertRecordsInBatch()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    QSignalSpy aboutToAdd(&repo, &LinkRepository::recordsAboutToBeAdded);
    QSignalSpy added(&repo, &LinkRepository::recordsAdded);
    QSignalSpy changed(&repo, &LinkRepository::recordsChanged);
    bool checkedOldState = false;
    connect(&repo, &LinkRepository::recordsAboutToBeAdded, this, [&] {
        QVERIFY(!repo.contains(person(u"b"_s)));
        QVERIFY(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s).isEmpty());
        checkedOldState = true;
    });
    connect(&repo, &LinkRepository::recordsAdded, this, [&] {
        QVERIFY(repo.contains(person(u"b"_s)));
        QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s).size(), 3);
    });

    const Record b = fullRecord(person(u"b"_s), u"Bea"_s);
    const Record a = fullRecord(person(u"a"_s), u"Abe"_s);
    const Record c = fullRecord(person(u"c"_s), u"Cid"_s);
    const Record co = fullRecord(company(u"a"_s), u"Acme"_s);
    QVERIFY(repo.upsertRecords({b, a, co, c}));

    QVERIFY(checkedOldState);
    QCOMPARE(aboutToAdd.count(), 1);
    QCOMPARE(added.count(), 1);
    QCOMPARE(changed.count(), 0);
    const QList<RecordKey> expected = {b.key, a.key, co.key, c.key};
    QCOMPARE(aboutToAdd.at(0).at(0).value<QList<RecordKey>>(), expected);
    QCOMPARE(added.at(0).at(0).value<QList<RecordKey>>(), expected);

    QCOMPARE(repo.recordCount(), 4);
    QCOMPARE(repo.record(a.key), a);
    QCOMPARE(repo.record(co.key), co);
    // The order first upserted, not the key order; types are kept apart (same id "a").
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({b.key, a.key, c.key}));
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"company"_s),
             QList<RecordKey>({co.key}));
    QVERIFY(repo.recordsOfType(Vendor::DevRev, u"acme"_s, u"person"_s).isEmpty());
    QVERIFY(repo.recordsOfType(Vendor::Copper, u"other"_s, u"person"_s).isEmpty());
}

void TestLinkRepository::upsertRecordsUpdateVsNoOp()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    const Record a = fullRecord(person(u"a"_s), u"Abe"_s);
    const Record b = fullRecord(person(u"b"_s), u"Bea"_s);
    QVERIFY(repo.upsertRecords({a, b}));

    AllSignals spies(&repo);
    QVERIFY(repo.upsertRecords({a, b})); // the same values: nothing to do
    QCOMPARE(spies.total(), 0);

    QSignalSpy aboutToChange(&repo, &LinkRepository::recordsAboutToChange);
    QSignalSpy changed(&repo, &LinkRepository::recordsChanged);
    QSignalSpy added(&repo, &LinkRepository::recordsAdded);
    QStringList seen;
    connect(&repo, &LinkRepository::recordsAboutToChange, this,
            [&] { seen << repo.record(b.key)->title; });
    connect(&repo, &LinkRepository::recordsChanged, this,
            [&] { seen << repo.record(b.key)->title; });

    Record b2 = b;
    b2.title = u"Beatrice"_s;
    QVERIFY(repo.upsertRecords({a, b2}));
    QCOMPARE(seen, QStringList({u"Bea"_s, u"Beatrice"_s}));
    QCOMPARE(added.count(), 0);
    QCOMPARE(aboutToChange.count(), 1);
    QCOMPARE(aboutToChange.at(0).at(0).value<QList<RecordKey>>(), QList<RecordKey>({b.key}));
    QCOMPARE(changed.at(0).at(0).value<QList<RecordKey>>(), QList<RecordKey>({b.key}));
    QCOMPARE(repo.record(b.key), b2);

    // Fields and the web URL count as changes too; the order in recordsOfType stays.
    Record b3 = b2;
    b3.fields.insert(u"Score"_s, 43);
    Record a2 = a;
    a2.webUrl = QUrl(u"https://example.com/other"_s);
    QVERIFY(repo.upsertRecords({b3, a2}));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).value<QList<RecordKey>>(), QList<RecordKey>({b.key, a.key}));
    QCOMPARE(repo.record(b.key)->fields.value(u"Score"_s).toInt(), 43);
    QCOMPARE(repo.record(a.key)->webUrl, a2.webUrl);
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({a.key, b.key}));
    QCOMPARE(repo.recordCount(), 2);
}

void TestLinkRepository::upsertRecordsLaterValueInBatchWins()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    QVERIFY(repo.upsertRecords({fullRecord(person(u"old"_s), u"Old"_s)}));
    QSignalSpy added(&repo, &LinkRepository::recordsAdded);
    QSignalSpy changed(&repo, &LinkRepository::recordsChanged);
    const Record n1 = fullRecord(person(u"new"_s), u"First"_s);
    const Record n2 = fullRecord(person(u"new"_s), u"Second"_s);
    const Record o1 = fullRecord(person(u"old"_s), u"Old 1"_s);
    const Record o2 = fullRecord(person(u"old"_s), u"Old 2"_s);
    QVERIFY(repo.upsertRecords({n1, o1, n2, o2}));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).value<QList<RecordKey>>(), QList<RecordKey>({n1.key}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QList<RecordKey>>(), QList<RecordKey>({o1.key}));
    QCOMPARE(repo.record(n1.key)->title, u"Second"_s);
    QCOMPARE(repo.record(o1.key)->title, u"Old 2"_s);
    QCOMPARE(repo.recordCount(), 2);

    repo.close();
    QVERIFY(repo.open(m_path));
    QCOMPARE(repo.record(n1.key)->title, u"Second"_s);
    QCOMPARE(repo.record(o1.key)->title, u"Old 2"_s);
}

void TestLinkRepository::invalidInputChangesNothing()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    populate(repo);
    const QString before = snapshot(repo, allKeys());
    AllSignals spies(&repo);

    Record bad = fullRecord(person(u"p9"_s), u"X"_s);
    bad.key.account.clear();
    const Result r = repo.upsertRecords({fullRecord(person(u"p8"_s), u"Y"_s), bad});
    QVERIFY(!r);
    QVERIFY(!r.message().isEmpty());
    QVERIFY(!repo.upsertLinks(
        {related(person(u"p8"_s), person(u"p1"_s)), related(person(u"p1"_s), RecordKey())}));
    Link untyped = related(person(u"p1"_s), person(u"p4"_s));
    untyped.type.clear();
    QVERIFY(!repo.upsertLinks({untyped}));
    // replaceLinksOf only takes links of the record and type it replaces.
    QVERIFY(!repo.replaceLinksOf(person(u"p1"_s), u"related"_s,
                                 {related(person(u"p2"_s), person(u"p3"_s))}));
    QVERIFY(!repo.replaceLinksOf(person(u"p1"_s), u"related"_s,
                                 {dependsOn(person(u"p1"_s), person(u"p2"_s))}));
    QCOMPARE(spies.total(), 0);
    QVERIFY(!repo.contains(person(u"p8"_s)));
    QCOMPARE(snapshot(repo, allKeys()), before);
}

void TestLinkRepository::stubsBecomeFullRecords()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    QVERIFY(repo.upsertRecords({fullRecord(person(u"p1"_s), u"Alice"_s)}));
    QSignalSpy recordsAdded(&repo, &LinkRepository::recordsAdded);
    QVERIFY(repo.upsertLinks(
        {related(person(u"p1"_s), person(u"s1"_s)), related(person(u"s2"_s), person(u"s1"_s))}));
    QCOMPARE(recordsAdded.count(), 0); // stubs are not announced as records

    QCOMPARE(repo.recordCount(), 3);
    QVERIFY(repo.contains(person(u"s1"_s)));
    const auto stub = repo.record(person(u"s1"_s));
    QVERIFY(stub);
    QVERIFY(stub->title.isEmpty());
    QVERIFY(stub->fields.isEmpty());
    QVERIFY(stub->webUrl.isEmpty());
    QCOMPARE(stub->displayTitle(), u"person s1"_s);
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({person(u"p1"_s)}));
    QCOMPARE(repo.neighbours(person(u"s1"_s)),
             QList<RecordKey>({person(u"p1"_s), person(u"s2"_s)}));

    // Upserting the stub's full record adds it (not "changes" it), at the end of the list.
    QSignalSpy changed(&repo, &LinkRepository::recordsChanged);
    bool wasStubBefore = false;
    connect(&repo, &LinkRepository::recordsAboutToBeAdded, this, [&] {
        wasStubBefore = repo.record(person(u"s1"_s))->title.isEmpty()
            && repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s).size() == 1;
    });
    const Record full = fullRecord(person(u"s1"_s), u"Sam"_s);
    QVERIFY(repo.upsertRecords({fullRecord(person(u"p2"_s), u"Bob"_s), full}));
    QVERIFY(wasStubBefore);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(recordsAdded.count(), 1);
    QCOMPARE(recordsAdded.at(0).at(0).value<QList<RecordKey>>(),
             QList<RecordKey>({person(u"p2"_s), person(u"s1"_s)}));
    QCOMPARE(repo.record(full.key), full);
    QCOMPARE(repo.recordCount(), 4);
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({person(u"p1"_s), person(u"p2"_s), person(u"s1"_s)}));
    // Its links are still there.
    QCOMPARE(repo.linksOf(full.key).size(), 2);

    // The order survives a reopen although the stub's row is older than p2's.
    repo.close();
    QVERIFY(repo.open(m_path));
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({person(u"p1"_s), person(u"p2"_s), person(u"s1"_s)}));
    QVERIFY(repo.record(person(u"s2"_s))->title.isEmpty());
    QCOMPARE(repo.recordCount(), 4);
}

void TestLinkRepository::linksOfAndNeighbours()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    const RecordKey a = person(u"a"_s), b = person(u"b"_s), c = person(u"c"_s), d = person(u"d"_s);
    // b-a given "backwards", two links between a and b, a self-link.
    QVERIFY(repo.upsertLinks({related(b, a), related(a, d)}));
    QVERIFY(repo.upsertLinks({dependsOn(a, b), related(c, a), related(a, a)}));

    const QList<Link> links = repo.linksOf(a);
    QCOMPARE(links.size(), 5);
    QCOMPARE(links.at(0).key(), related(a, b).key());
    QCOMPARE(links.at(1).key(), related(a, d).key());
    QCOMPARE(links.at(2), dependsOn(a, b));
    QCOMPARE(links.at(3).key(), related(a, c).key());
    QCOMPARE(links.at(4).key(), related(a, a).key());
    for (const Link &link : links)
        QVERIFY(link.touches(a));
    // Undirected links come back with their ends in key() order.
    QCOMPARE(links.at(0).source, a);
    QCOMPARE(links.at(0).target, b);

    QCOMPARE(repo.neighbours(a), QList<RecordKey>({b, d, c, a}));
    QCOMPARE(repo.neighbours(b), QList<RecordKey>({a}));
    QCOMPARE(repo.linksOf(b).size(), 2);
    QCOMPARE(repo.linksOf(d), QList<Link>({related(a, d)}));
    QVERIFY(repo.linksOf(person(u"unknown"_s)).isEmpty());
    QVERIFY(repo.neighbours(person(u"unknown"_s)).isEmpty());
    QCOMPARE(repo.linkCount(), 5);

    QCOMPARE(repo.link(related(b, a).key()), related(a, b));
    QCOMPARE(repo.link(dependsOn(a, b).key()), dependsOn(a, b));
    QVERIFY(!repo.link(dependsOn(b, a).key())); // directed: the other way is another link

    // A hub with many links keeps order and drops duplicate neighbours too.
    QList<Link> many;
    for (int i = 0; i < 40; ++i)
        many << related(person(u"hub"_s), person(u"n%1"_s.arg(i)));
    for (int i = 0; i < 40; ++i)
        many << dependsOn(person(u"hub"_s), person(u"n%1"_s.arg(i)));
    QVERIFY(repo.upsertLinks(many));
    const QList<RecordKey> hubNeighbours = repo.neighbours(person(u"hub"_s));
    QCOMPARE(hubNeighbours.size(), 40);
    for (int i = 0; i < 40; ++i)
        QCOMPARE(hubNeighbours.at(i), person(u"n%1"_s.arg(i)));
    QCOMPARE(repo.linksOf(person(u"hub"_s)).size(), 80);
}

void TestLinkRepository::upsertLinksInsertUpdateNoOp()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    const RecordKey a = issue(u"a"_s), b = issue(u"b"_s);
    Link pending = dependsOn(a, b);
    pending.state = LinkState::Pending;
    QSignalSpy aboutToAdd(&repo, &LinkRepository::linksAboutToBeAdded);
    QSignalSpy added(&repo, &LinkRepository::linksAdded);
    int checks = 0;
    const auto before = connect(&repo, &LinkRepository::linksAboutToBeAdded, this, [&] {
        QVERIFY(!repo.link(pending.key()));
        QVERIFY(!repo.contains(a)); // the ends are new stubs, not there yet
        ++checks;
    });
    const auto after = connect(&repo, &LinkRepository::linksAdded, this, [&] {
        QCOMPARE(repo.link(pending.key()), pending);
        QVERIFY(repo.contains(a));
        ++checks;
    });
    QVERIFY(repo.upsertLinks({pending}));
    disconnect(before);
    disconnect(after);
    QCOMPARE(checks, 2);
    QCOMPARE(added.count(), 1);
    QCOMPARE(aboutToAdd.at(0).at(0).value<QList<Link>>(), QList<Link>({pending}));
    QCOMPARE(added.at(0).at(0).value<QList<Link>>(), QList<Link>({pending}));

    {
        AllSignals spies(&repo);
        QVERIFY(repo.upsertLinks({pending})); // no-op
        QCOMPARE(spies.total(), 0);
    }

    // Update: the outbox confirms the link and learns the vendor's id.
    Link confirmed = pending;
    confirmed.state = LinkState::Confirmed;
    confirmed.vendorLinkId = u"don:link/9"_s;
    QSignalSpy aboutToChange(&repo, &LinkRepository::linksAboutToChange);
    QSignalSpy changed(&repo, &LinkRepository::linksChanged);
    QStringList states;
    connect(&repo, &LinkRepository::linksAboutToChange, this,
            [&] { states << u"about %1"_s.arg(int(repo.link(pending.key())->state)); });
    connect(&repo, &LinkRepository::linksChanged, this, [&] {
        states << u"done %1 %2"_s.arg(int(repo.link(pending.key())->state))
                      .arg(repo.link(pending.key())->vendorLinkId);
    });
    QVERIFY(repo.upsertLinks({confirmed}));
    QCOMPARE(states, QStringList({u"about 1"_s, u"done 0 don:link/9"_s}));
    QCOMPARE(added.count(), 1);
    QCOMPARE(aboutToChange.count(), 1);
    // The payload is the old value; link(key) gives the new one.
    QCOMPARE(aboutToChange.at(0).at(0).value<QList<Link>>(), QList<Link>({pending}));
    QCOMPARE(changed.at(0).at(0).value<QList<Link>>(), QList<Link>({pending}));
    QCOMPARE(repo.link(pending.key()), confirmed);
    QCOMPARE(repo.linkCount(), 1);

    // Failed with the vendor's message, then cleared again.
    Link failed = confirmed;
    failed.state = LinkState::Failed;
    failed.error = u"DevRev: link type not allowed"_s;
    QVERIFY(repo.upsertLinks({failed}));
    QCOMPARE(repo.link(pending.key()), failed);
    QVERIFY(repo.upsertLinks({confirmed}));
    QCOMPARE(repo.link(pending.key())->error, QString());
    QCOMPARE(changed.count(), 3);

    // An undirected link upserted with its ends the other way round is the same link.
    const RecordKey p = person(u"p"_s), q = person(u"q"_s);
    QVERIFY(repo.upsertLinks({related(p, q)}));
    QCOMPARE(added.count(), 2);
    QVERIFY(repo.upsertLinks({related(q, p)}));
    QCOMPARE(added.count(), 2);
    QCOMPARE(changed.count(), 3);
    QVERIFY(repo.upsertLinks({related(q, p, LinkState::Pending)}));
    QCOMPARE(changed.count(), 4);
    QCOMPARE(repo.linkCount(), 2);

    // A batch of inserts and updates: one pair each, later values in the batch win.
    const RecordKey r = person(u"r"_s);
    QVERIFY(repo.upsertLinks({related(p, q), related(p, r), related(p, r, LinkState::Pending)}));
    QCOMPARE(added.count(), 3);
    QCOMPARE(added.last().at(0).value<QList<Link>>(),
             QList<Link>({related(p, r, LinkState::Pending)}));
    QCOMPARE(changed.count(), 5);
    QCOMPARE(changed.last().at(0).value<QList<Link>>(),
             QList<Link>({related(p, q, LinkState::Pending)}));
    QCOMPARE(repo.linkCount(), 3);
}

void TestLinkRepository::removeLinks()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    const RecordKey a = person(u"a"_s), b = person(u"b"_s), c = person(u"c"_s);
    Link ac = dependsOn(a, c, u"id-ac"_s);
    QVERIFY(repo.upsertLinks({related(a, b), ac, related(b, c)}));

    QSignalSpy aboutToRemove(&repo, &LinkRepository::linksAboutToBeRemoved);
    QSignalSpy removed(&repo, &LinkRepository::linksRemoved);
    connect(&repo, &LinkRepository::linksAboutToBeRemoved, this,
            [&] { QCOMPARE(repo.linksOf(a).size(), 2); });
    connect(&repo, &LinkRepository::linksRemoved, this,
            [&] { QCOMPARE(repo.linksOf(a).size(), 0); });
    // Unknown keys are ignored; an undirected key may be given either way round.
    QVERIFY(repo.removeLinks(
        {related(b, a).key(), related(a, person(u"zz"_s)).key(), ac.key(), dependsOn(c, a).key()}));
    QCOMPARE(aboutToRemove.count(), 1);
    QCOMPARE(aboutToRemove.at(0).at(0).value<QList<Link>>(), QList<Link>({related(a, b), ac}));
    QCOMPARE(removed.at(0).at(0).value<QList<Link>>(), QList<Link>({related(a, b), ac}));
    QCOMPARE(repo.linkCount(), 1);
    QVERIFY(!repo.link(ac.key()));
    QCOMPARE(repo.neighbours(b), QList<RecordKey>({c}));
    QCOMPARE(repo.recordCount(), 3); // records stay

    // Nothing to remove: nothing emitted.
    AllSignals spies(&repo);
    QVERIFY(repo.removeLinks({ac.key()}));
    QVERIFY(repo.removeLinks({}));
    QCOMPARE(spies.total(), 0);

    // A link added again comes last, in memory and after reopening.
    QVERIFY(repo.upsertLinks({related(b, a)}));
    QCOMPARE(repo.neighbours(b), QList<RecordKey>({c, a}));
    repo.close();
    QVERIFY(repo.open(m_path));
    QCOMPARE(repo.neighbours(b), QList<RecordKey>({c, a}));
    QCOMPARE(repo.linkCount(), 2);
}

void TestLinkRepository::replaceLinksOfKeepsPendingAndFailed()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    const RecordKey a = person(u"a"_s);
    const auto p = [](const char *id) { return person(QString::fromLatin1(id)); };
    Link failed = related(a, p("e"), LinkState::Failed);
    failed.error = u"refused"_s;
    const Link pendingAdd = related(a, p("h"), LinkState::Pending); // the user's, unconfirmed
    QVERIFY(repo.upsertLinks({related(a, p("b")), related(a, p("c")),
                              related(a, p("d"), LinkState::Pending), failed, pendingAdd,
                              dependsOn(a, p("f")), related(p("b"), p("c"))}));

    QSignalSpy removed(&repo, &LinkRepository::linksRemoved);
    QSignalSpy added(&repo, &LinkRepository::linksAdded);
    QSignalSpy changed(&repo, &LinkRepository::linksChanged);
    Link cFromVendor = related(p("c"), a);
    cFromVendor.vendorLinkId = u"v-c"_s;
    // The vendor says: c (now with an id), g (new) and d (still pending here).
    QVERIFY(repo.replaceLinksOf(a, u"related"_s,
                                {cFromVendor, related(a, p("g")), related(a, p("d"))}));

    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).value<QList<Link>>(), QList<Link>({related(a, p("b"))}));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).value<QList<Link>>(), QList<Link>({related(a, p("g"))}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QList<Link>>(), QList<Link>({related(a, p("c"))}));

    QVERIFY(!repo.link(related(a, p("b")).key()));
    QCOMPARE(repo.link(related(a, p("c")).key())->vendorLinkId, u"v-c"_s);
    QCOMPARE(repo.link(related(a, p("d")).key())->state, LinkState::Pending); // left alone
    QCOMPARE(repo.link(failed.key()), failed); // left alone
    QCOMPARE(repo.link(pendingAdd.key()), pendingAdd); // left alone
    QVERIFY(repo.link(dependsOn(a, p("f")).key())); // another type: untouched
    QVERIFY(repo.link(related(p("b"), p("c")).key())); // not a's link: untouched

    // The same list again changes nothing.
    AllSignals spies(&repo);
    QVERIFY(repo.replaceLinksOf(a, u"related"_s,
                                {cFromVendor, related(a, p("g")), related(a, p("d"))}));
    QCOMPARE(spies.total(), 0);

    // An empty list removes every Confirmed link of the type, and only those.
    QVERIFY(repo.replaceLinksOf(a, u"related"_s, {}));
    QCOMPARE(removed.count(), 2);
    QCOMPARE(removed.at(1).at(0).value<QList<Link>>().size(), 2); // c and g
    QCOMPARE(repo.linksOf(a).size(), 4); // d (pending), e (failed), h (pending), f (other type)

    // A record that is not known yet: its links are added and it becomes a stub.
    QVERIFY(repo.replaceLinksOf(p("new"), u"related"_s, {related(p("new"), a)}));
    QVERIFY(repo.contains(p("new")));
    QVERIFY(repo.replaceLinksOf(p("unknown"), u"related"_s, {}));
    QVERIFY(!repo.contains(p("unknown")));
}

void TestLinkRepository::replaceLinksOfEveryType()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    const RecordKey a = person(u"a"_s);
    const auto p = [](const char *id) { return person(QString::fromLatin1(id)); };
    const Link pending = dependsOn(a, p("p"));
    Link pendingLink = pending;
    pendingLink.state = LinkState::Pending;
    QVERIFY(repo.upsertLinks({related(a, p("b")), dependsOn(a, p("c")), dependsOn(a, p("d")),
                              pendingLink, related(p("b"), p("c"))}));

    // An empty type: the vendor's whole answer for `a`, whatever the types.
    QVERIFY(repo.replaceLinksOf(a, QString(), {dependsOn(a, p("c")), related(a, p("e"))}));
    QVERIFY(!repo.link(related(a, p("b")).key())); // gone: not in the answer
    QVERIFY(!repo.link(dependsOn(a, p("d")).key()));
    QVERIFY(repo.link(dependsOn(a, p("c")).key()));
    QVERIFY(repo.link(related(a, p("e")).key()));
    QCOMPARE(repo.link(pending.key())->state, LinkState::Pending); // left alone
    QVERIFY(repo.link(related(p("b"), p("c")).key())); // not a's link: untouched
    // It still takes only links of the record.
    QVERIFY(!repo.replaceLinksOf(a, QString(), {related(p("b"), p("c"))}));
}

void TestLinkRepository::accountsAreKeptInTheWorkspace()
{
    LinkRepository repo;
    QVERIFY(!repo.saveAccount({})); // not open
    QVERIFY(repo.open(m_path));
    QSignalSpy changed(&repo, &LinkRepository::accountsChanged);
    const AccountConfig copper{
        Vendor::Copper,      u"sales"_s,
        u"Sales"_s,          QUrl(u"https://api.copper.com/developer_api/v1"_s),
        u"me@example.com"_s, {}};
    AccountConfig laserfiche{Vendor::Laserfiche,
                             u"docs"_s,
                             u"Contracts"_s,
                             QUrl(u"https://api.laserfiche.com/repository"_s),
                             {},
                             QVariantMap{{u"repository"_s, u"r-1"_s}, {u"clientId"_s, u"c"_s}}};
    QVERIFY(repo.saveAccount(copper));
    QVERIFY(repo.saveAccount(laserfiche));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(repo.accounts(), QList<AccountConfig>({copper, laserfiche}));

    // Saving again replaces it in its place; the same id of another vendor is another account.
    AccountConfig renamed = copper;
    renamed.displayName = u"Sales EU"_s;
    QVERIFY(repo.saveAccount(renamed));
    const AccountConfig devrev{
        Vendor::DevRev, u"sales"_s, {}, QUrl(u"https://api.devrev.ai"_s), {}, {}};
    QVERIFY(repo.saveAccount(devrev));
    QCOMPARE(repo.accounts(), QList<AccountConfig>({renamed, laserfiche, devrev}));
    QCOMPARE(repo.account(Vendor::DevRev, u"sales"_s)->name(), u"sales"_s);
    QVERIFY(!repo.account(Vendor::Pm415, u"sales"_s));

    // Refused: no id, an id with ':' (record keys use it), no URL; nothing changes.
    const int before = int(changed.count());
    QVERIFY(!repo.saveAccount({Vendor::Pm415, {}, {}, QUrl(u"https://x"_s), {}, {}}));
    QVERIFY(!repo.saveAccount({Vendor::Pm415, u"a:b"_s, {}, QUrl(u"https://x"_s), {}, {}}));
    QVERIFY(!repo.saveAccount({Vendor::Pm415, u"p"_s, {}, QUrl(), {}, {}}));
    QCOMPARE(changed.count(), before);

    QVERIFY(repo.removeAccount(Vendor::Copper, u"sales"_s));
    QVERIFY(repo.removeAccount(Vendor::Copper, u"unknown"_s)); // nothing to do
    QCOMPARE(changed.count(), before + 1);

    // They survive a reopen, options included.
    repo.close();
    QVERIFY(repo.accounts().isEmpty());
    QVERIFY(repo.open(m_path));
    QCOMPARE(repo.accounts(), QList<AccountConfig>({laserfiche, devrev}));
}

void TestLinkRepository::linkTypesAreKeptPerAccount()
{
    LinkRepository repo;
    QVERIFY(!repo.saveLinkTypes(Vendor::DevRev, u"d"_s, {})); // not open
    QVERIFY(repo.open(m_path));
    QSignalSpy changed(&repo, &LinkRepository::linkTypesChanged);
    const LinkType parent{u"is_parent_of"_s,
                          u"Parent"_s,
                          u"is parent of"_s,
                          u"is child of"_s,
                          LinkDirection::Directed,
                          {u"issue"_s, u"ticket"_s},
                          {u"issue"_s},
                          false};
    const LinkType old{u"custom/7"_s,
                       u"Blocks (old)"_s,
                       u"blocks"_s,
                       u"is blocked by"_s,
                       LinkDirection::Directed,
                       {},
                       {},
                       true};
    const LinkType connection{u"connection"_s,
                              u"Connection"_s,
                              u"is connected to"_s,
                              u"is connected to"_s,
                              LinkDirection::Undirected,
                              {},
                              {},
                              false};
    QVERIFY(repo.saveLinkTypes(Vendor::DevRev, u"d"_s, {parent, old}));
    QVERIFY(repo.saveLinkTypes(Vendor::Pm415, u"d"_s, {connection}));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.first().at(0).value<Vendor>(), Vendor::DevRev);
    QCOMPARE(repo.linkTypes(Vendor::DevRev, u"d"_s), QList<LinkType>({parent, old}));
    QCOMPARE(repo.linkType(Vendor::DevRev, u"d"_s, u"custom/7"_s), old);
    QVERIFY(!repo.linkType(Vendor::DevRev, u"d"_s, u"connection"_s)); // another account's
    QVERIFY(repo.linkTypes(Vendor::DevRev, u"other"_s).isEmpty());

    // The same list again changes nothing; a new list replaces the old one whole.
    QVERIFY(repo.saveLinkTypes(Vendor::DevRev, u"d"_s, {parent, old}));
    QCOMPARE(changed.count(), 2);
    QVERIFY(repo.saveLinkTypes(Vendor::DevRev, u"d"_s, {old, parent}));
    QCOMPARE(changed.count(), 3);

    // They survive a reopen, in their order, labels and rules included.
    repo.close();
    QVERIFY(repo.linkTypes(Vendor::DevRev, u"d"_s).isEmpty());
    QVERIFY(repo.open(m_path));
    QCOMPARE(repo.linkTypes(Vendor::DevRev, u"d"_s), QList<LinkType>({old, parent}));
    QCOMPARE(repo.linkTypes(Vendor::Pm415, u"d"_s), QList<LinkType>{connection});
}

void TestLinkRepository::signalPairsAreOrderedAroundTheChange()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    const RecordKey a = person(u"a"_s);
    QVERIFY(repo.upsertLinks({related(a, person(u"old"_s)), related(a, person(u"kept"_s))}));

    QStringList log;
    const auto state = [&] {
        return u"%1/%2"_s.arg(repo.linkCount())
            .arg(repo.link(related(a, person(u"kept"_s)).key())->vendorLinkId);
    };
    connect(&repo, &LinkRepository::linksAboutToBeRemoved, this, [&](const QList<Link> &l) {
        log << u"aboutToRemove %1 %2"_s.arg(l.size()).arg(state());
    });
    connect(&repo, &LinkRepository::linksRemoved, this,
            [&](const QList<Link> &l) { log << u"removed %1 %2"_s.arg(l.size()).arg(state()); });
    connect(&repo, &LinkRepository::linksAboutToBeAdded, this,
            [&](const QList<Link> &l) { log << u"aboutToAdd %1 %2"_s.arg(l.size()).arg(state()); });
    connect(&repo, &LinkRepository::linksAdded, this,
            [&](const QList<Link> &l) { log << u"added %1 %2"_s.arg(l.size()).arg(state()); });
    connect(&repo, &LinkRepository::linksAboutToChange, this, [&](const QList<Link> &l) {
        log << u"aboutToChange %1 %2"_s.arg(l.size()).arg(state());
    });
    connect(&repo, &LinkRepository::linksChanged, this,
            [&](const QList<Link> &l) { log << u"changed %1 %2"_s.arg(l.size()).arg(state()); });

    Link kept = related(a, person(u"kept"_s));
    kept.vendorLinkId = u"v1"_s;
    QVERIFY(repo.replaceLinksOf(a, u"related"_s,
                                {kept, related(a, person(u"n1"_s)), related(a, person(u"n2"_s))}));
    QCOMPARE(log,
             QStringList({
                 u"aboutToRemove 1 2/"_s,
                 u"removed 1 1/"_s,
                 u"aboutToAdd 2 1/"_s,
                 u"added 2 3/"_s,
                 u"aboutToChange 1 3/"_s,
                 u"changed 1 3/v1"_s,
             }));
}

namespace {

/// The repository's link semantics spelled out the simple way, for randomChangesMatchAModel.
class LinkModel
{
public:
    void upsert(const Link &link, bool keepUnconfirmed = false)
    {
        const LinkKey key = link.key();
        Link stored = link;
        stored.source = key.source;
        stored.target = key.target;
        const auto it = m_links.find(key);
        if (it != m_links.end()) {
            if (!(keepUnconfirmed && it->state != LinkState::Confirmed))
                *it = stored;
            return;
        }
        m_links.insert(key, stored);
        m_order[key.source].append(key);
        if (key.target != key.source)
            m_order[key.target].append(key);
    }
    void remove(const LinkKey &key)
    {
        if (!m_links.remove(key))
            return;
        m_order[key.source].removeOne(key);
        m_order[key.target].removeOne(key);
    }
    void replace(const RecordKey &record, const QString &type, const QList<Link> &links)
    {
        QSet<LinkKey> wanted;
        for (const Link &link : links)
            wanted.insert(link.key());
        const QList<LinkKey> current = m_order.value(record);
        for (const LinkKey &key : current) {
            const Link &link = m_links[key];
            if (link.type == type && link.state == LinkState::Confirmed && !wanted.contains(key))
                remove(key);
        }
        for (const Link &link : links)
            upsert(link, true);
    }
    QList<Link> linksOf(const RecordKey &record) const
    {
        QList<Link> links;
        for (const LinkKey &key : m_order.value(record))
            links.append(m_links.value(key));
        return links;
    }
    QList<LinkKey> keys() const { return m_links.keys(); }
    qsizetype size() const { return m_links.size(); }
    std::optional<Link> link(const LinkKey &key) const
    {
        const auto it = m_links.constFind(key);
        return it == m_links.cend() ? std::nullopt : std::optional<Link>(*it);
    }

private:
    QHash<LinkKey, Link> m_links;
    QHash<RecordKey, QList<LinkKey>> m_order;
};

} // namespace

void TestLinkRepository::randomChangesMatchAModel()
{
    // Thousands of inserts, updates and removals (and a reopen) exercise slot reuse, the hash
    // tables' deletions, the adjacency lists and the compaction of vendor link ids.
    QRandomGenerator random(20240611);
    QList<RecordKey> records;
    for (int i = 0; i < 120; ++i)
        records << person(u"p%1"_s.arg(i));
    for (int i = 0; i < 40; ++i)
        records << company(u"cé%1"_s.arg(i)); // non-ASCII ids order like QString
    const QStringList types = {u"related"_s, u"is_dependent_on"_s, u"connect:4711"_s};
    const auto randomLink = [&] {
        Link link;
        link.source = records.at(random.bounded(records.size()));
        link.target = records.at(random.bounded(records.size()));
        link.type = types.at(random.bounded(types.size()));
        link.direction
            = link.type == types.first() ? LinkDirection::Undirected : LinkDirection::Directed;
        link.state = LinkState(random.bounded(3));
        if (random.bounded(2))
            link.vendorLinkId = u"don:core:dvrv-us-1:devo/0:link/%1/%2"_s.arg(random.generate())
                                    .arg(QString(60, u'x'));
        if (link.state == LinkState::Failed)
            link.error = u"refused %1"_s.arg(random.bounded(5));
        return link;
    };

    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    LinkModel model;
    QList<Link> batch;
    for (int step = 0; step < 300; ++step) {
        const int kind = random.bounded(10);
        if (kind < 6) { // upsert: new links and changes of existing ones
            batch.clear();
            const QList<LinkKey> existing = model.keys();
            for (int i = 0; i < 40; ++i) {
                Link link = randomLink();
                if (!existing.isEmpty() && random.bounded(3) == 0) {
                    const LinkKey key = existing.at(random.bounded(existing.size()));
                    link.source = random.bounded(2) ? key.source : key.target;
                    link.target = link.source == key.source ? key.target : key.source;
                    link.type = key.type;
                    link.direction = model.link(key)->direction;
                    if (link.direction == LinkDirection::Directed) {
                        link.source = key.source;
                        link.target = key.target;
                    }
                }
                batch << link;
            }
            QVERIFY(repo.upsertLinks(batch));
            for (const Link &link : std::as_const(batch))
                model.upsert(link);
        } else if (kind < 9) { // removals, some of unknown keys
            const QList<LinkKey> existing = model.keys();
            QList<LinkKey> keys;
            for (int i = 0; i < 30 && !existing.isEmpty(); ++i)
                keys << existing.at(random.bounded(existing.size()));
            keys << randomLink().key();
            QVERIFY(repo.removeLinks(keys));
            for (const LinkKey &key : std::as_const(keys))
                model.remove(key);
        } else { // a sync refresh of one record
            const RecordKey record = records.at(random.bounded(records.size()));
            const QString type = types.at(random.bounded(types.size()));
            batch.clear();
            for (int i = 0; i < int(random.bounded(6)); ++i) {
                Link link = randomLink();
                link.type = type;
                link.direction
                    = type == types.first() ? LinkDirection::Undirected : LinkDirection::Directed;
                link.source = record;
                link.state = LinkState::Confirmed;
                link.error.clear();
                batch << link;
            }
            QVERIFY(repo.replaceLinksOf(record, type, batch));
            model.replace(record, type, batch);
        }
        QCOMPARE(repo.linkCount(), model.size());
        if (step % 50 == 49) {
            for (const RecordKey &record : std::as_const(records))
                QCOMPARE(repo.linksOf(record), model.linksOf(record));
        }
    }
    QVERIFY(model.size() > 200); // the test did build something

    const auto compareAll = [&] {
        QCOMPARE(repo.linkCount(), model.size());
        for (const LinkKey &key : model.keys())
            QCOMPARE(repo.link(key), model.link(key));
        for (const RecordKey &record : std::as_const(records))
            QCOMPARE(repo.linksOf(record), model.linksOf(record));
    };
    compareAll();
    repo.close();
    QVERIFY(repo.open(m_path));
    compareAll();
}

void TestLinkRepository::reopenKeepsEverything()
{
    {
        LinkRepository repo;
        QVERIFY(repo.open(m_path));
        populate(repo);
    }
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    // Build the expected state in a second, fresh workspace through the same calls and
    // compare the reopened one with it.
    const QString reopened = snapshot(repo, allKeys());
    {
        LinkRepository fresh;
        QVERIFY(fresh.open(m_dir->filePath(u"fresh.linkloom"_s)));
        populate(fresh);
        QCOMPARE(reopened, snapshot(fresh, allKeys()));
    }
    // Spot checks, so the comparison above cannot pass on two empty workspaces.
    QCOMPARE(repo.recordCount(), 8); // six full records and two stubs
    QCOMPARE(repo.linkCount(), 6);
    QCOMPARE(repo.record(person(u"p2"_s)), fullRecord(person(u"p2"_s), u"Bob \u00e9\u00e8"_s));
    QCOMPARE(repo.record(person(u"p2"_s))->fields.value(u"Ratio"_s).toDouble(), 0.25);
    QCOMPARE(repo.record(person(u"p2"_s))->fields.value(u"Active"_s).toBool(), true);
    QCOMPARE(repo.record(person(u"p2"_s))->webUrl,
             QUrl(u"https://app.example.com/person/p2?x=a%20b#frag"_s));
    QCOMPARE(repo.recordsOfType(Vendor::Copper, u"acme"_s, u"person"_s),
             QList<RecordKey>({person(u"p3"_s), person(u"p1"_s), person(u"p2"_s)}));
    QVERIFY(repo.contains(person(u"stub"_s)));
    QVERIFY(repo.record(person(u"stub"_s))->title.isEmpty());
    QCOMPARE(repo.link(related(person(u"p1"_s), company(u"c1"_s)).key())->error,
             u"Copper refused: 403 Forbidden"_s);
    QCOMPARE(repo.link(related(person(u"p1"_s), company(u"c1"_s)).key())->state, LinkState::Failed);
    QCOMPARE(repo.link(related(person(u"p1"_s), person(u"p3"_s)).key())->state, LinkState::Pending);
    QCOMPARE(repo.link(dependsOn(issue(u"i2"_s), issue(u"i1"_s)).key())->vendorLinkId,
             u"don:link/1"_s);
    QVERIFY(!repo.link(related(person(u"p2"_s), person(u"p3"_s)).key()));
    QCOMPARE(
        repo.neighbours(person(u"p1"_s)),
        QList<RecordKey>({person(u"p2"_s), person(u"p3"_s), company(u"c1"_s), person(u"stub"_s)}));

    // What was read back compares equal to what was written: upserting it again is a no-op.
    AllSignals spies(&repo);
    populate(repo);
    QCOMPARE(spies.spies.at(2)->count() + spies.spies.at(3)->count(), 0); // no record added
    QCOMPARE(spies.spies.at(4)->count() + spies.spies.at(5)->count(), 0); // records unchanged
    QCOMPARE(spies.spies.at(8)->count() + spies.spies.at(9)->count(), 0); // links unchanged
    QCOMPARE(snapshot(repo, allKeys()), reopened);
}

void TestLinkRepository::failedWriteRollsBack_data()
{
    QTest::addColumn<int>("operation");
    QTest::addColumn<int>("failingRow");
    QTest::newRow("upsertRecords, 3rd row") << 0 << 3;
    QTest::newRow("upsertLinks, 1st row") << 1 << 1;
    QTest::newRow("upsertLinks, 4th row (after stubs and links)") << 1 << 4;
    QTest::newRow("removeLinks, 2nd row") << 2 << 2;
    QTest::newRow("replaceLinksOf, 3rd row") << 3 << 3;
}

void TestLinkRepository::failedWriteRollsBack()
{
    QFETCH(int, operation);
    QFETCH(int, failingRow);
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    populate(repo);
    const QString before = snapshot(repo, allKeys() << person(u"n1"_s) << person(u"n2"_s));

    const auto change = [&]() -> Result {
        switch (operation) {
        case 0: {
            Record changed = fullRecord(person(u"p1"_s), u"Alice 2"_s);
            return repo.upsertRecords({fullRecord(person(u"p4"_s), u"Dan"_s), changed,
                                       fullRecord(person(u"p5"_s), u"Eve"_s),
                                       fullRecord(person(u"stub"_s), u"Stub"_s)});
        }
        case 1:
            return repo.upsertLinks({related(person(u"n1"_s), person(u"n2"_s)),
                                     related(person(u"p1"_s), person(u"p4"_s)),
                                     related(person(u"p1"_s), person(u"p3"_s)),
                                     dependsOn(issue(u"i1"_s), issue(u"i2"_s), u"x"_s)});
        case 2:
            return repo.removeLinks({related(person(u"p1"_s), person(u"p2"_s)).key(),
                                     dependsOn(issue(u"i2"_s), issue(u"i1"_s)).key(),
                                     dependsOn(issue(u"i1"_s), issue(u"i3"_s)).key()});
        default:
            return repo.replaceLinksOf(person(u"p1"_s), u"related"_s,
                                       {related(person(u"p1"_s), person(u"n1"_s)),
                                        related(person(u"p1"_s), person(u"n2"_s))});
        }
    };

    AllSignals spies(&repo);
    LinkRepositoryTesting::failRowWrite(failingRow);
    const Result failed = change();
    QVERIFY(!failed);
    QVERIFY(!failed.message().isEmpty());
    QVERIFY2(failed.details().contains(u"injected fault"_s), qPrintable(failed.details()));
    QCOMPARE(spies.total(), 0);
    QCOMPARE(snapshot(repo, allKeys() << person(u"n1"_s) << person(u"n2"_s)), before);

    // The workspace takes the next change at once (the failed transaction is gone, not left
    // open), and only that change reaches the file.
    const Record other = fullRecord(issue(u"i3"_s), u"Written after the failure"_s);
    const Result next = repo.upsertRecords({other});
    QVERIFY2(next, qPrintable(next.details()));
    const QString afterNext = snapshot(repo, allKeys() << person(u"n1"_s) << person(u"n2"_s));
    QVERIFY(afterNext != before);
    repo.close();
    QVERIFY(repo.open(m_path));
    QCOMPARE(snapshot(repo, allKeys() << person(u"n1"_s) << person(u"n2"_s)), afterNext);
    QCOMPARE(repo.record(other.key), other);

    // The same change goes through once the fault is gone (so it was a real change, and the
    // failed transaction did not leave the connection in a transaction).
    const Result retried = change();
    QVERIFY2(retried, qPrintable(retried.details()));
    const QString after = snapshot(repo, allKeys() << person(u"n1"_s) << person(u"n2"_s));
    QVERIFY(after != afterNext);
    repo.close();
    QVERIFY(repo.open(m_path));
    QCOMPARE(snapshot(repo, allKeys() << person(u"n1"_s) << person(u"n2"_s)), after);
}

void TestLinkRepository::crashedTransactionLeavesPreviousState()
{
    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    populate(repo);
    const QString before = snapshot(repo, allKeys());

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"crash"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        // A tiny cache makes SQLite spill uncommitted pages into the -wal file.
        QVERIFY(q.exec(u"PRAGMA cache_size = 1"_s));
        const qint64 walBefore = QFileInfo(m_path + u"-wal"_s).size();
        QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
        QVERIFY2(q.exec(u"UPDATE records SET title = 'Mallory'"_s),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.exec(u"DELETE FROM links"_s));
        QVERIFY(q.prepare(u"INSERT INTO records (vendor, account, type, rid, title, full)"
                          " VALUES (0, 'acme', 'person', ?, ?, 1)"_s));
        const QString longTitle(500, u'x');
        for (int i = 0; i < 4000; ++i) {
            q.addBindValue(u"crash%1"_s.arg(i));
            q.addBindValue(longTitle);
            QVERIFY(q.exec());
        }
        QVERIFY(q.exec(u"SELECT count(*) FROM records"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 4008); // the transaction sees its own rows
        q.finish();
        QVERIFY(QFileInfo(m_path + u"-wal"_s).size() > walBefore); // and they reached the disk
        db.close(); // no COMMIT: what a crash leaves
    }
    QSqlDatabase::removeDatabase(u"crash"_s);

    QCOMPARE(snapshot(repo, allKeys()), before);
    repo.close();
    QVERIFY(repo.open(m_path));
    QCOMPARE(snapshot(repo, allKeys()), before);
    QCOMPARE(repo.recordCount(), 8);
    // And the workspace takes writes again.
    QVERIFY(repo.upsertRecords({fullRecord(person(u"p4"_s), u"Dan"_s)}));
}

void TestLinkRepository::refusesTextFile()
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray text = "These are my notes, not a database.\nSecond line.\n"_ba;
    file.write(text);
    file.close();
    const QFile::Permissions permissions = QFile::permissions(m_path);

    LinkRepository repo;
    AllSignals spies(&repo);
    const Result r = repo.open(m_path);
    QVERIFY(!r);
    QVERIFY2(r.message().contains(u"not a Linkloom workspace"_s), qPrintable(r.message()));
    QVERIFY(!repo.isOpen());
    QCOMPARE(spies.total(), 0);
    QCOMPARE(readAll(m_path), text);
    QCOMPARE(QFile::permissions(m_path), permissions);
    QVERIFY(!QFile::exists(m_path + u"-wal"_s));
    QVERIFY(!QFile::exists(m_path + u"-shm"_s));
    QVERIFY(!QFile::exists(m_path + u"-journal"_s));

    // A short file that starts like SQLite is refused too.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("SQLite format 3\0"_ba);
    file.close();
    QVERIFY(!repo.open(m_path));
    QCOMPARE(readAll(m_path), "SQLite format 3\0"_ba);
}

void TestLinkRepository::refusesDatabaseOfAnotherApplication_data()
{
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("tables, no application id")
        << QStringList({u"CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)"_s,
                        u"INSERT INTO moz_places (url) VALUES ('https://example.com')"_s});
    QTest::newRow("tables, WAL mode")
        << QStringList({u"PRAGMA journal_mode = WAL"_s,
                        u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s,
                        u"INSERT INTO notes (body) VALUES ('hello')"_s});
    QTest::newRow("other application id, empty schema")
        << QStringList({u"PRAGMA application_id = 1196444237"_s}); // "GPKG"
    QTest::newRow("other application id, Linkloom-like tables")
        << QStringList({u"PRAGMA application_id = 305419896"_s, u"PRAGMA user_version = 2"_s,
                        u"CREATE TABLE records (id INTEGER PRIMARY KEY)"_s,
                        u"CREATE TABLE links (id INTEGER PRIMARY KEY)"_s});
}

void TestLinkRepository::refusesDatabaseOfAnotherApplication()
{
    QFETCH(QStringList, statements);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &sql : std::as_const(statements))
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"other"_s);
    QVERIFY(!QFile::exists(m_path + u"-wal"_s));
    const QByteArray bytes = readAll(m_path);
    QVERIFY(bytes.startsWith("SQLite format 3\0"_ba));

    LinkRepository repo;
    const Result r = repo.open(m_path);
    QVERIFY(!r);
    QVERIFY2(r.message().contains(u"another program"_s), qPrintable(r.message()));
    QVERIFY(!repo.isOpen());
    QCOMPARE(readAll(m_path), bytes);
    QVERIFY(!QFile::exists(m_path + u"-wal"_s));
    QVERIFY(!QFile::exists(m_path + u"-shm"_s));
}

void TestLinkRepository::acceptsEmptySqliteDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"empty"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        // A table that is gone again leaves a file with an empty schema.
        QVERIFY(q.exec(u"CREATE TABLE t (x)"_s));
        QVERIFY(q.exec(u"DROP TABLE t"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"empty"_s);
    QVERIFY(QFileInfo(m_path).size() > 0);

    LinkRepository repo;
    const Result r = repo.open(m_path);
    QVERIFY2(r, qPrintable(r.message() + u' ' + r.details()));
    QVERIFY(repo.upsertRecords({fullRecord(person(u"p1"_s), u"Alice"_s)}));
    repo.close();
    QVERIFY(repo.open(m_path));
    QCOMPARE(repo.recordCount(), 1);
}

void TestLinkRepository::refusesNewerSchema()
{
    {
        LinkRepository repo;
        QVERIFY(repo.open(m_path));
        populate(repo);
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA user_version = %1"_s.arg(LinkRepository::SchemaVersion + 1)));
        QVERIFY(q.exec(u"ALTER TABLE links ADD COLUMN from_the_future TEXT"_s));
        db.close(); // the last connection checkpoints the WAL into the file
    }
    QSqlDatabase::removeDatabase(u"newer"_s);
    QVERIFY(!QFile::exists(m_path + u"-wal"_s));
    const QByteArray bytes = readAll(m_path);

    LinkRepository repo;
    AllSignals spies(&repo);
    const Result r = repo.open(m_path);
    QVERIFY(!r);
    QVERIFY2(r.message().contains(u"newer Linkloom; update Linkloom"_s), qPrintable(r.message()));
    QVERIFY(!repo.isOpen());
    QCOMPARE(spies.total(), 0);
    QCOMPARE(readAll(m_path), bytes);
    QVERIFY(!QFile::exists(m_path + u"-wal"_s));
}

void TestLinkRepository::refusesNewerSchemaStillInWal()
{
    // A newer Linkloom bumped the version and then crashed: the main file's header still says
    // version 2, the committed change is only in the -wal file.
    const QString copy = m_dir->filePath(u"copy.linkloom"_s);
    {
        LinkRepository repo;
        QVERIFY(repo.open(m_path));
        populate(repo);
        repo.close();
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA wal_autocheckpoint = 0"_s));
        QVERIFY(q.exec(u"PRAGMA user_version = %1"_s.arg(LinkRepository::SchemaVersion + 1)));
        // Copy while the connection is open: the copy is what a crash would leave.
        QVERIFY(QFile::copy(m_path, copy));
        QVERIFY(QFile::copy(m_path + u"-wal"_s, copy + u"-wal"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"newer"_s);
    const QByteArray bytes = readAll(copy);
    const QByteArray walBytes = readAll(copy + u"-wal"_s);
    QVERIFY(!walBytes.isEmpty());

    LinkRepository repo;
    const Result r = repo.open(copy);
    QVERIFY(!r);
    QVERIFY2(r.message().contains(u"newer Linkloom"_s), qPrintable(r.message()));
    QCOMPARE(readAll(copy), bytes);
    QCOMPARE(readAll(copy + u"-wal"_s), walBytes);
}

void TestLinkRepository::failedOpenKeepsPreviousWorkspace()
{
    const QString textFile = m_dir->filePath(u"notes.txt"_s);
    QFile file(textFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello\n");
    file.close();

    LinkRepository repo;
    QVERIFY(repo.open(m_path));
    populate(repo);
    const QString before = snapshot(repo, allKeys());
    AllSignals spies(&repo);
    QVERIFY(!repo.open(textFile));
    QCOMPARE(spies.total(), 0);
    QVERIFY(repo.isOpen());
    QCOMPARE(repo.path(), QFileInfo(m_path).absoluteFilePath());
    QCOMPARE(snapshot(repo, allKeys()), before);

    // Opening another workspace replaces the first one, with one reset pair.
    const QString other = m_dir->filePath(u"other.linkloom"_s);
    QVERIFY(repo.open(other));
    QCOMPARE(spies.spies.at(0)->count(), 1);
    QCOMPARE(spies.spies.at(1)->count(), 1);
    QCOMPARE(repo.path(), QFileInfo(other).absoluteFilePath());
    QCOMPARE(repo.recordCount(), 0);
    QVERIFY(repo.open(m_path));
    QCOMPARE(snapshot(repo, allKeys()), before);
}

QTEST_GUILESS_MAIN(TestLinkRepository)
#include "tst_linkrepository.moc"
