// A full sync of one account against the sandbox: every record and every link arrive, progress
// is reported, a failing record is counted and the rest go on, and cancel stops it.

#include "connectors/copper/copperconnector.h"
#include "connectors/networkmanager.h"
#include "connectors/sync/accountsync.h"
#include "models/linkrepository.h"
#include "sandbox/coppersandbox.h"
#include "sandbox/sandboxserver.h"

#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAccountSync : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyRecordAndLinkArrives();
    void aFailingRecordIsCountedAndTheRestGoOn();
    void aFailingListEndsTheSync();
    void manyFailuresAreListedThenCounted();
    void cancelStopsIt();

private:
    bool run(AccountSync &sync);
    qsizetype copperRecords();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<CopperConnector> m_connector;
};

void TestAccountSync::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"w.linkloom"_s)));
    m_network = std::make_unique<NetworkManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_sandbox->copper().setRateLimit(0);
    m_connector = std::make_unique<CopperConnector>(
        AccountConfig{Vendor::Copper,
                      u"sales"_s,
                      u"Sales"_s,
                      m_sandbox->baseUrl(Vendor::Copper),
                      QString::fromLatin1(SandboxServer::CopperEmail),
                      {}},
        QString::fromLatin1(SandboxServer::CopperApiKey), m_network.get());
    m_connector->client()->setRetryPolicy({4, 10, 40, 2});
    m_connector->client()->setRequestRate(0, 0); // the sandbox limit is off too
}

void TestAccountSync::cleanup()
{
    m_connector.reset();
    m_sandbox.reset();
    m_network.reset();
    m_repository.reset();
    m_dir.reset();
}

bool TestAccountSync::run(AccountSync &sync)
{
    QSignalSpy finished(&sync, &AccountSync::finished);
    sync.start();
    return finished.wait(60'000);
}

qsizetype TestAccountSync::copperRecords()
{
    qsizetype count = 0;
    for (const CopperEntity type :
         {CopperEntity::Company, CopperEntity::Person, CopperEntity::Opportunity,
          CopperEntity::Project, CopperEntity::Task, CopperEntity::Lead}) {
        count += qsizetype(m_sandbox->copper().world().records(type).size());
    }
    return count;
}

void TestAccountSync::everyRecordAndLinkArrives()
{
    AccountSync sync(m_connector.get(), m_repository.get());
    QSignalSpy progress(&sync, &AccountSync::progress);
    QVERIFY(run(sync));
    QVERIFY2(sync.result().ok(), qPrintable(sync.result().message()));
    QCOMPARE(sync.recordCount(), copperRecords());
    QCOMPARE(sync.errorCount(), 0);
    QVERIFY(sync.linkCount() > 100);
    QCOMPARE(m_repository->linkCount(), sync.linkCount());
    QVERIFY(sync.summary().contains(u"%1 records"_s.arg(QLocale().toString(copperRecords()))));
    // The account's link types are kept with their labels: related items and every connect
    // field.
    const QList<LinkType> types = m_repository->linkTypes(Vendor::Copper, u"sales"_s);
    QVERIFY(types.size() > 1);
    QCOMPARE(types.first().id, u"related"_s);
    QVERIFY(!types.first().forwardLabel.isEmpty());

    // Progress ends at its total.
    QVERIFY(!progress.isEmpty());
    const QList<QVariant> last = progress.last();
    QCOMPARE(last.at(0).value<qsizetype>(), last.at(1).value<qsizetype>());

    // A second sync finds the same and changes nothing.
    const qsizetype links = m_repository->linkCount();
    AccountSync again(m_connector.get(), m_repository.get());
    QVERIFY(run(again));
    QVERIFY(again.result().ok());
    QCOMPARE(m_repository->linkCount(), links);
}

void TestAccountSync::aFailingRecordIsCountedAndTheRestGoOn()
{
    const qint64 person = m_sandbox->copper().world().records(CopperEntity::Person).begin()->first;
    QVERIFY(m_sandbox->addFault(u"copper:GET:people/%1/related:status=403"_s.arg(person)));
    AccountSync sync(m_connector.get(), m_repository.get());
    QVERIFY(run(sync));
    QCOMPARE(sync.errorCount(), 1);
    QVERIFY(!sync.result().ok());
    QVERIFY2(sync.result().message().contains(u"1 record"_s), qPrintable(sync.result().message()));
    QVERIFY2(sync.summary().contains(u"1 error"_s), qPrintable(sync.summary()));
    // The details name the record and say why, and what to do.
    const QString details = sync.result().details();
    QVERIFY2(details.contains(u"person %1: "_s.arg(person)), qPrintable(details));
    QVERIFY2(details.contains(u"sync again"_s), qPrintable(details));
    QCOMPARE(sync.recordCount(), copperRecords());
    QVERIFY(sync.linkCount() > 100);
}

void TestAccountSync::manyFailuresAreListedThenCounted()
{
    const qsizetype people = m_sandbox->copper().world().records(CopperEntity::Person).size();
    QVERIFY(people > AccountSync::MaxListedFailures);
    QVERIFY(m_sandbox->addFault(u"copper:GET:people/*/related:status=403"_s));
    AccountSync sync(m_connector.get(), m_repository.get());
    QVERIFY(run(sync));
    QCOMPARE(sync.errorCount(), people);
    const QStringList lines = sync.result().details().split(u'\n');
    // A heading, the first MaxListedFailures records, then how many more.
    QCOMPARE(lines.size(), AccountSync::MaxListedFailures + 2);
    QVERIFY2(lines.at(1).startsWith(u"person "_s), qPrintable(lines.at(1)));
    QCOMPARE(lines.last(), u"… and %1 more"_s.arg(people - AccountSync::MaxListedFailures));
}

void TestAccountSync::aFailingListEndsTheSync()
{
    QVERIFY(m_sandbox->addFault(u"copper:POST:people/search:status=401"_s));
    AccountSync sync(m_connector.get(), m_repository.get());
    QVERIFY(run(sync));
    QVERIFY(!sync.result().ok());
    QVERIFY(sync.result().message().contains(u"Copper CRM"_s));
    QCOMPARE(m_repository->linkCount(), 0); // links are read after every type listed
}

void TestAccountSync::cancelStopsIt()
{
    QVERIFY(m_sandbox->addFault(u"copper:latency=300"_s));
    AccountSync sync(m_connector.get(), m_repository.get());
    QSignalSpy finished(&sync, &AccountSync::finished);
    sync.start();
    QVERIFY(sync.isRunning());
    sync.cancel();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!sync.result().ok());
    QVERIFY(!sync.isRunning());
    QTest::qWait(400); // no late answer reaches the repository or a second finished()
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_repository->recordCount(), 0);
}

QTEST_GUILESS_MAIN(TestAccountSync)
#include "tst_accountsync.moc"
