#include "connectors/copper/copperconnector.h"
#include "connectors/networkmanager.h"
#include "fakehttpserver.h"
#include "sandbox/coppersandbox.h"
#include "sandbox/sandboxserver.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using Kind = ConnectorError::Kind;

class TestCopperConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listAllPages();
    void listByIds();
    void listRefusesBadIds();
    void headersOnEveryRequest();
    void badPageFailsTheWholeList();
    void related();
    void relateThenRelatedShowsIt();
    void unrelate();
    void disallowedPairIsRejectedWithCoppersMessage();
    void keysOfAnotherAccountAreRefused();
    void wrongApiKey();
    void abortList();

private:
    static bool wait(ConnectorJob *job);
    RecordKey key(CopperEntity type, qint64 id) const;
    CopperWorld &world() { return m_sandbox->copper().world(); }

    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<CopperConnector> m_connector;
    CopperAccount m_account;
};

void TestCopperConnector::init()
{
    m_network = std::make_unique<NetworkManager>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_account = CopperAccount{u"sales"_s, u"Sales"_s, m_sandbox->baseUrl(Vendor::Copper),
                              QString::fromLatin1(SandboxServer::CopperEmail),
                              QString::fromLatin1(SandboxServer::CopperApiKey)};
    m_connector = std::make_unique<CopperConnector>(m_account, m_network.get());
}

void TestCopperConnector::cleanup()
{
    m_connector.reset();
    m_sandbox.reset();
    m_network.reset();
}

bool TestCopperConnector::wait(ConnectorJob *job)
{
    QSignalSpy finished(job, &ConnectorJob::finished);
    if (!finished.wait(10'000))
        return false;
    QTest::qWait(0);
    return finished.size() == 1 && job->isFinished();
}

RecordKey TestCopperConnector::key(CopperEntity type, qint64 id) const
{
    return RecordKey{Vendor::Copper, m_account.id, copperTypeName(type), QString::number(id)};
}

void TestCopperConnector::listAllPages()
{
    // Given more people than fit in two pages
    qint64 nextId = world().records(CopperEntity::Person).rbegin()->first + 1;
    for (int i = 0; i < 450; ++i) {
        world().insert(CopperEntity::Person,
                       QJsonObject{{"id"_L1, nextId + i},
                                   {"name"_L1, u"Extra person %1"_s.arg(i)},
                                   {"date_created"_L1, 1'600'000'000 + i}});
    }
    const auto expected = qsizetype(world().records(CopperEntity::Person).size());
    QVERIFY(expected > 2 * CopperListJob::PageSize);

    // When all people are listed
    CopperListJob *job = m_connector->listRecords(u"person"_s);
    QSignalSpy progress(job, &CopperListJob::progress);
    QVERIFY(wait(job));

    // Then every page arrived: as many records as X-PW-TOTAL says, each once, with titles
    QCOMPARE(job->error().kind, Kind::None);
    QCOMPARE(job->total(), qint64(expected));
    QCOMPARE(job->records().size(), expected);
    QCOMPARE(progress.size(), int(expected / CopperListJob::PageSize) + 1);
    QCOMPARE(progress.last().at(0).value<qsizetype>(), expected);
    QSet<QString> ids;
    for (const Record &r : job->records()) {
        QCOMPARE(r.key.account, u"sales"_s);
        QCOMPARE(r.key.type, u"person"_s);
        QVERIFY(!r.title.isEmpty());
        ids.insert(r.key.id);
        QVERIFY(world().contains(CopperRef{CopperEntity::Person, r.key.id.toLongLong()}));
    }
    QCOMPARE(ids.size(), expected);
}

void TestCopperConnector::listByIds()
{
    const auto &companies = world().records(CopperEntity::Company);
    QVERIFY(companies.size() >= 3);
    auto it = companies.begin();
    const QString first = QString::number(it->first);
    const QString third = QString::number(std::next(it, 2)->first);

    CopperListJob *job = m_connector->listRecords(u"company"_s, {third, first});
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::None);
    QStringList got;
    for (const Record &r : job->records())
        got << r.key.id;
    got.sort();
    QStringList want{first, third};
    want.sort();
    QCOMPARE(got, want);
    QCOMPARE(job->records().first().title, it->second.value("name"_L1).toString());
}

void TestCopperConnector::listRefusesBadIds()
{
    CopperListJob *job = m_connector->listRecords(u"person"_s, {u"12"_s, u"12/../../x"_s});
    QVERIFY(!job->isFinished()); // finished() always comes from the event loop
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::Rejected);
    QVERIFY(job->error().details.contains(u"is not a Copper id"_s));

    CopperListJob *unknown = m_connector->listRecords(u"user"_s);
    QVERIFY(wait(unknown));
    QCOMPARE(unknown->error().kind, Kind::Rejected);
}

void TestCopperConnector::headersOnEveryRequest()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &) { return FakeHttpServer::response(200, "[]"); };
    CopperAccount account = m_account;
    account.baseUrl = server.url(u"/developer_api/v1/"_s);
    CopperConnector connector(account, m_network.get());

    QList<ConnectorJob *> jobs{
        connector.listRecords(u"lead"_s),
        connector.related(RecordKey{Vendor::Copper, u"sales"_s, u"lead"_s, u"5"_s})};
    QTRY_VERIFY(jobs.at(0)->isFinished() && jobs.at(1)->isFinished());
    QCOMPARE(server.requests.size(), 2);
    QByteArrayList lines;
    for (const QByteArray &request : std::as_const(server.requests))
        lines << request.left(request.indexOf("\r\n"));
    std::sort(lines.begin(), lines.end());
    QCOMPARE(lines,
             QByteArrayList({"GET /developer_api/v1/leads/5/related HTTP/1.1",
                             "POST /developer_api/v1/leads/search HTTP/1.1"}));
    for (const QByteArray &request : std::as_const(server.requests)) {
        QVERIFY(request.contains("\r\nX-PW-AccessToken: sandbox-copper-key\r\n"));
        QVERIFY(request.contains("\r\nX-PW-Application: developer_api\r\n"));
        QVERIFY(request.contains("\r\nX-PW-UserEmail: demo@linkloom.example\r\n"));
        QVERIFY(request.contains("\r\nContent-Type: application/json\r\n"));
    }
}

void TestCopperConnector::badPageFailsTheWholeList()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &) {
        return FakeHttpServer::response(200, R"([{"id":1,"name":"ok"},{"id":"2","name":"bad"}])");
    };
    CopperAccount account = m_account;
    account.baseUrl = server.url(u"/v1"_s);
    CopperConnector connector(account, m_network.get());
    CopperListJob *job = connector.listRecords(u"person"_s);
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::BadResponse);
    QVERIFY2(job->error().details.contains(u"Item 1 has no positive integer \"id\""_s),
             qPrintable(job->error().details));
    QVERIFY(job->error().message.contains(u"Copper CRM (account “Sales”)"_s));
}

void TestCopperConnector::related()
{
    // Given a record with related items in the sandbox
    std::optional<CopperRef> ref;
    for (const auto &[id, record] : world().records(CopperEntity::Opportunity)) {
        if (world().related(CopperRef{CopperEntity::Opportunity, id}).size() >= 2) {
            ref = CopperRef{CopperEntity::Opportunity, id};
            break;
        }
    }
    QVERIFY(ref);
    QStringList expected;
    for (const CopperRef &other : world().related(*ref))
        expected << copperTypeName(other.type) + u':' + QString::number(other.id);

    CopperRelatedJob *job = m_connector->related(key(ref->type, ref->id));
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::None);
    QStringList got;
    for (const RecordKey &k : job->related()) {
        QCOMPARE(k.account, u"sales"_s);
        got << k.type + u':' + k.id;
    }
    QCOMPARE(got, expected);
}

void TestCopperConnector::relateThenRelatedShowsIt()
{
    // Given an opportunity and a project that are not related (a pair without limits)
    std::optional<std::pair<CopperRef, CopperRef>> pair;
    for (const auto &[dealId, deal] : world().records(CopperEntity::Opportunity)) {
        for (const auto &[projectId, project] : world().records(CopperEntity::Project)) {
            const CopperRef a{CopperEntity::Opportunity, dealId},
                b{CopperEntity::Project, projectId};
            if (!world().isRelated(a, b)) {
                pair = {a, b};
                break;
            }
        }
        if (pair)
            break;
    }
    QVERIFY(pair);
    const RecordKey deal = key(pair->first.type, pair->first.id);
    const RecordKey project = key(pair->second.type, pair->second.id);

    // When they are related
    CopperRelateJob *relate = m_connector->relate(deal, project);
    QVERIFY(wait(relate));
    QCOMPARE(relate->error().kind, Kind::None);
    QVERIFY(relate->changed());
    QVERIFY(world().isRelated(pair->first, pair->second));

    // Then both ends list each other
    CopperRelatedJob *fromDeal = m_connector->related(deal);
    CopperRelatedJob *fromProject = m_connector->related(project);
    QVERIFY(wait(fromDeal));
    if (!fromProject->isFinished())
        QVERIFY(wait(fromProject));
    QVERIFY(fromDeal->related().contains(project));
    QVERIFY(fromProject->related().contains(deal));
}

void TestCopperConnector::unrelate()
{
    std::optional<std::pair<CopperRef, CopperRef>> pair;
    for (const auto &[id, record] : world().records(CopperEntity::Person)) {
        const CopperRef person{CopperEntity::Person, id};
        const auto related = world().related(person);
        if (!related.isEmpty()) {
            pair = {person, related.first()};
            break;
        }
    }
    QVERIFY(pair);
    const RecordKey a = key(pair->first.type, pair->first.id);
    const RecordKey b = key(pair->second.type, pair->second.id);

    CopperRelateJob *job = m_connector->unrelate(a, b);
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::None);
    QVERIFY(job->changed());
    QVERIFY(!world().isRelated(pair->first, pair->second));

    CopperRelatedJob *related = m_connector->related(a);
    QVERIFY(wait(related));
    QVERIFY(!related->related().contains(b));

    // Removing it again changes nothing, and Copper says so
    CopperRelateJob *again = m_connector->unrelate(a, b);
    QVERIFY(wait(again));
    QCOMPARE(again->error().kind, Kind::None);
    QVERIFY(!again->changed());
}

void TestCopperConnector::disallowedPairIsRejectedWithCoppersMessage()
{
    const qint64 lead = world().records(CopperEntity::Lead).begin()->first;
    const qint64 person = world().records(CopperEntity::Person).begin()->first;
    CopperRelateJob *job
        = m_connector->relate(key(CopperEntity::Lead, lead), key(CopperEntity::Person, person));
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::Rejected);
    QCOMPARE(job->error().httpStatus, 422);
    QVERIFY2(
        job->error().message.contains(u"Copper CRM said: “Cannot relate a lead to a person”"_s),
        qPrintable(job->error().message));
    QVERIFY(!world().isRelated(CopperRef{CopperEntity::Lead, lead},
                               CopperRef{CopperEntity::Person, person}));
}

void TestCopperConnector::keysOfAnotherAccountAreRefused()
{
    RecordKey other = key(CopperEntity::Person, 1);
    other.account = u"someone-else"_s;
    CopperRelateJob *job = m_connector->relate(key(CopperEntity::Company, 1), other);
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::Rejected);
    QVERIFY(job->error().details.contains(u"does not belong to Copper account sales"_s));
}

void TestCopperConnector::wrongApiKey()
{
    CopperAccount account = m_account;
    account.apiKey = u"not-the-key-0123456789"_s;
    CopperConnector connector(account, m_network.get());
    CopperListJob *job = connector.listRecords(u"task"_s);
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::Unauthorized);
    QVERIFY(job->records().isEmpty());
    QVERIFY(!job->error().details.contains(account.apiKey));
}

void TestCopperConnector::abortList()
{
    CopperListJob *job = m_connector->listRecords(u"person"_s);
    QSignalSpy finished(job, &ConnectorJob::finished);
    job->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->error().kind, Kind::Cancelled);
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(TestCopperConnector)
#include "tst_copperconnector.moc"
