// The outbox against the pm415 sandbox: changes reach the vendor once, refusals are kept with
// the vendor's message, an unreachable vendor makes changes wait (nothing lost), and a change a
// previous run left between sending and hearing back is settled by reading, never sent twice.

#include "connectors/networkmanager.h"
#include "connectors/outbox.h"
#include "connectors/pm415/pm415connector.h"
#include "models/linkrepository.h"
#include "sandbox/pm415demo.h"
#include "sandbox/pm415sandbox.h"
#include "sandbox/sandboxserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using State = Intent::State;

class TestOutbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addAndRemoveReachTheVendorOnce();
    void aRefusedChangeKeepsTheVendorsMessageAndCanBeRetried();
    void anUnreachableVendorMakesChangesWait();
    void aChangeLeftSendingThatArrivedIsNotSentAgain();
    void aChangeLeftSendingThatDidNotArriveIsSentOnce();
    void changesOfUnconnectedAccountsWait();
    void aVendorThatNeverAnswersEndsInFailed();

private:
    Pm415World &world() { return m_sandbox->pm415().world(); }
    RecordKey key(Pm415Ref ref) const
    {
        return {Vendor::Pm415, u"roadmap"_s, pm415TypeName(ref.type), QString::number(ref.id)};
    }
    Link connection() const
    {
        return {key(m_bug),
                key(m_initiative),
                u"connection"_s,
                LinkDirection::Undirected,
                {},
                LinkState::Pending,
                {}};
    }
    /// How many times the sandbox's bug is connected to its initiative.
    qsizetype connections() const;
    /// Nothing on its way and nothing open but failed changes.
    bool isSettled() const;

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<Pm415Connector> m_connector;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<Outbox> m_outbox;
    Pm415Ref m_bug{};
    Pm415Ref m_initiative{};
};

void TestOutbox::init()
{
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_network = std::make_unique<NetworkManager>();
    const AccountConfig account{
        Vendor::Pm415, u"roadmap"_s, u"Roadmap"_s, m_sandbox->baseUrl(Vendor::Pm415), {}, {}};
    m_connector = std::make_unique<Pm415Connector>(
        account, QString::fromLatin1(SandboxServer::Pm415ApiKey), m_network.get());
    m_connector->client()->setRetryPolicy({3, 5, 20, 100}); // quick read retries
    // A bug and an initiative of the demo organization that are not connected.
    for (const auto &[bugId, bug] : world().records(Pm415Type::Bug)) {
        if (bug.organizationId != Pm415DemoOrgId)
            continue;
        const QList<Pm415Ref> linked = world().connected({Pm415Type::Bug, bugId});
        for (const auto &[initiativeId, initiative] : world().records(Pm415Type::Initiative)) {
            if (initiative.organizationId == Pm415DemoOrgId
                && !linked.contains(Pm415Ref{Pm415Type::Initiative, initiativeId})) {
                m_bug = {Pm415Type::Bug, bugId};
                m_initiative = {Pm415Type::Initiative, initiativeId};
                break;
            }
        }
        if (m_bug.id != 0)
            break;
    }
    QVERIFY(m_bug.id != 0);

    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"w.linkloom"_s)));
    QVERIFY(m_repository->upsertRecords(
        {{key(m_bug), u"A bug"_s, {}, {}}, {key(m_initiative), u"An initiative"_s, {}, {}}}));
    m_outbox
        = std::make_unique<Outbox>(m_repository.get(), [this](Vendor vendor, const QString &id) {
              return vendor == Vendor::Pm415 && id == u"roadmap"_s
                  ? static_cast<Connector *>(m_connector.get())
                  : nullptr;
          });
    m_outbox->setRetryDelays(50, 200);
}

void TestOutbox::cleanup()
{
    m_outbox.reset();
    m_repository.reset();
    m_connector.reset();
    m_network.reset();
    m_sandbox.reset();
}

qsizetype TestOutbox::connections() const
{
    return m_sandbox->pm415().world().connected(m_bug).count(m_initiative);
}

bool TestOutbox::isSettled() const
{
    const QList<Intent> open = m_repository->openIntents();
    return m_outbox->activeCount() == 0
        && std::all_of(open.cbegin(), open.cend(),
                       [](const Intent &i) { return i.state == State::Failed; });
}

void TestOutbox::addAndRemoveReachTheVendorOnce()
{
    QSignalSpy settledSpy(m_outbox.get(), &Outbox::intentSettled);
    QSignalSpy unsent(m_outbox.get(), &Outbox::unsentChanged);
    m_outbox->start();
    qint64 id = 0;
    QVERIFY(m_outbox->addLink(connection(), 0, &id));
    // Shown at once, before anything was sent.
    QCOMPARE(m_repository->link(connection().key())->state, LinkState::Pending);
    QCOMPARE(m_outbox->unsentCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(isSettled(), 15'000);
    QCOMPARE(connections(), 1);
    QCOMPARE(m_repository->link(connection().key())->state, LinkState::Confirmed);
    QCOMPARE(settledSpy.size(), 1);
    QCOMPARE(settledSpy.first().at(0).toLongLong(), id);
    QVERIFY(settledSpy.first().at(1).toBool());
    QCOMPARE(m_outbox->unsentCount(), 0);
    QVERIFY(!unsent.isEmpty() && unsent.last().at(0).toInt() == 0);

    QVERIFY(m_outbox->removeLink(*m_repository->link(connection().key())));
    QTRY_VERIFY_WITH_TIMEOUT(isSettled(), 15'000);
    QCOMPARE(connections(), 0);
    QVERIFY(!m_repository->link(connection().key()));
    QCOMPARE(settledSpy.size(), 2);
}

void TestOutbox::aRefusedChangeKeepsTheVendorsMessageAndCanBeRetried()
{
    QVERIFY(m_sandbox->addFault(u"pm415:POST:connections/**:status=400:count=1"_s));
    m_outbox->start();
    qint64 id = 0;
    QVERIFY(m_outbox->addLink(connection(), 0, &id));
    QTRY_COMPARE_WITH_TIMEOUT(m_repository->intent(id).value_or(Intent{}).state, State::Failed,
                              15'000);
    const Intent failed = *m_repository->intent(id);
    QVERIFY(!failed.message.isEmpty());
    QCOMPARE(m_repository->link(connection().key())->state, LinkState::Failed);
    QCOMPARE(m_repository->link(connection().key())->error, failed.message);
    QCOMPARE(connections(), 0);
    QCOMPARE(m_outbox->unsentCount(), 1); // kept for the user
    QVERIFY(m_outbox->activeCount() == 0);

    QVERIFY(m_outbox->retry(id));
    QTRY_VERIFY_WITH_TIMEOUT(isSettled(), 15'000);
    QCOMPARE(connections(), 1);
    QCOMPARE(m_repository->link(connection().key())->state, LinkState::Confirmed);
    QVERIFY(m_repository->link(connection().key())->error.isEmpty());
}

void TestOutbox::anUnreachableVendorMakesChangesWait()
{
    // The first answers are 503s: reads (retried by the connector), the write, reads.
    QVERIFY(m_sandbox->addFault(u"pm415:status=503:count=8"_s));
    QSignalSpy settledSpy(m_outbox.get(), &Outbox::intentSettled);
    m_outbox->start();
    QVERIFY(m_outbox->addLink(connection()));
    QTRY_VERIFY_WITH_TIMEOUT(isSettled(), 15'000);
    QCOMPARE(connections(), 1); // applied once, whatever failed on the way
    QCOMPARE(m_repository->link(connection().key())->state, LinkState::Confirmed);
    QCOMPARE(settledSpy.size(), 1);
    QVERIFY(settledSpy.first().at(1).toBool()); // never reported as failed
}

void TestOutbox::aChangeLeftSendingThatArrivedIsNotSentAgain()
{
    // A previous run marked the change Sending, the vendor applied it, then the run died.
    Intent intent;
    intent.link = connection();
    QVERIFY(m_repository->addIntent(intent));
    QVERIFY(m_repository->setIntentState(intent.id, State::Sending));
    world().connect(m_bug, m_initiative);
    // Any write now would fail: a Confirmed intent proves none was sent.
    QVERIFY(m_sandbox->addFault(u"pm415:POST:connections/**:status=500"_s));
    QSignalSpy settledSpy(m_outbox.get(), &Outbox::intentSettled);
    m_outbox->start();
    QTRY_VERIFY_WITH_TIMEOUT(isSettled(), 15'000);
    QCOMPARE(connections(), 1);
    QCOMPARE(m_repository->link(connection().key())->state, LinkState::Confirmed);
    QCOMPARE(settledSpy.size(), 1);
    QVERIFY(settledSpy.first().at(1).toBool());
    QVERIFY2(settledSpy.first().at(2).toString().contains(u"not sent again"_s),
             qPrintable(settledSpy.first().at(2).toString()));
}

void TestOutbox::aChangeLeftSendingThatDidNotArriveIsSentOnce()
{
    Intent intent;
    intent.link = connection();
    QVERIFY(m_repository->addIntent(intent));
    QVERIFY(m_repository->setIntentState(intent.id, State::Sending)); // died before sending
    m_outbox->start();
    QTRY_VERIFY_WITH_TIMEOUT(isSettled(), 15'000);
    QCOMPARE(connections(), 1);
    QCOMPARE(m_repository->link(connection().key())->state, LinkState::Confirmed);
}

void TestOutbox::changesOfUnconnectedAccountsWait()
{
    Link elsewhere = connection();
    elsewhere.source.account = elsewhere.target.account = u"signed-out"_s;
    QVERIFY(m_repository->upsertRecords({{elsewhere.source, u"A bug"_s, {}, {}}}));
    QSignalSpy idle(m_outbox.get(), &Outbox::idle);
    m_outbox->start();
    QVERIFY(m_outbox->addLink(elsewhere));
    QVERIFY(m_outbox->addLink(connection()));
    QTRY_COMPARE(m_repository->link(connection().key())->state, LinkState::Confirmed);
    QTRY_VERIFY(!idle.isEmpty());
    // The signed-out account's change waits, pending, for its account.
    QCOMPARE(m_outbox->unsentCount(), 1);
    QCOMPARE(m_repository->openIntents().first().state, State::Pending);
    QCOMPARE(m_repository->link(elsewhere.key())->state, LinkState::Pending);
}

void TestOutbox::aVendorThatNeverAnswersEndsInFailed()
{
    QVERIFY(m_sandbox->addFault(u"pm415:POST:connections/**:status=503"_s));
    m_outbox->start();
    qint64 id = 0;
    QVERIFY(m_outbox->addLink(connection(), 0, &id));
    QTRY_COMPARE_WITH_TIMEOUT(m_repository->intent(id).value_or(Intent{}).state, State::Failed,
                              15'000);
    const Intent failed = *m_repository->intent(id);
    QCOMPARE(failed.attempts, Outbox::MaxAutomaticAttempts);
    QVERIFY2(failed.message.contains(u"retry when pm415 is reachable"_s),
             qPrintable(failed.message));
    QCOMPARE(connections(), 0);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
