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
    void listRefusesBadTypes();
    void headersOnEveryRequest();
    void badPageFailsTheWholeList();
    void related();
    void relateThenRelatedShowsIt();
    void unrelate();
    void disallowedPairIsRejectedWithCoppersMessage();
    void keysOfAnotherAccountAreRefused();
    void wrongApiKey();
    void abortList();
    void linkTypesAreRelatedItemsAndConnectFields();
    void readRecord();
    void readLinksHasConnectLinksWithNames();
    void connectLinkRoundTrip();
    void connectCreateIsSafeToRepeat();
    void connectDeleteOfAGoneLinkIsSuccess();
    void connectFieldsDoNotJoinTasks();

private:
    static bool wait(ConnectorJob *job);
    RecordKey key(CopperEntity type, qint64 id) const;
    AccountConfig config(const QUrl &base) const
    {
        return {Vendor::Copper,
                u"sales"_s,
                u"Sales"_s,
                base,
                QString::fromLatin1(SandboxServer::CopperEmail),
                {}};
    }
    static QString apiKey() { return QString::fromLatin1(SandboxServer::CopperApiKey); }
    /// The keys of the records linked to `record`, as "type:id", of `type` only.
    QStringList linked(const RecordKey &record, const QString &type);
    /// A person's first Connect link in the sandbox, with its definition.
    std::optional<CopperLink> somePersonConnection();
    CopperWorld &world() { return m_sandbox->copper().world(); }

    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<CopperConnector> m_connector;
};

void TestCopperConnector::init()
{
    m_network = std::make_unique<NetworkManager>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_connector = std::make_unique<CopperConnector>(config(m_sandbox->baseUrl(Vendor::Copper)),
                                                    apiKey(), m_network.get());
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
    return RecordKey{Vendor::Copper, u"sales"_s, copperTypeName(type), QString::number(id)};
}

QStringList TestCopperConnector::linked(const RecordKey &record, const QString &type)
{
    std::unique_ptr<ConnectorOperation> op(m_connector->readLinks(record, nullptr));
    if (!wait(op.get()) || op->error().isError())
        return {u"error: "_s + op->error().message};
    QStringList result;
    for (const Link &link : op->links()) {
        if (link.type == type) {
            const RecordKey other = link.otherEnd(record);
            result << other.type + u':' + other.id;
        }
    }
    return result;
}

std::optional<CopperLink> TestCopperConnector::somePersonConnection()
{
    for (const auto &[id, person] : world().records(CopperEntity::Person)) {
        const auto links = world().links(CopperLinkEnd{CopperLinkType::Person, id});
        if (!links.isEmpty())
            return links.first();
    }
    return std::nullopt;
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
    QVERIFY(expected > 2 * CopperConnector::PageSize);

    // When all people are listed
    std::unique_ptr<ConnectorOperation> job(m_connector->listRecords(u"person"_s, nullptr));
    QSignalSpy progress(job.get(), &ConnectorOperation::progress);
    QVERIFY(wait(job.get()));

    // Then every page arrived: as many records as X-PW-TOTAL says, each once, with titles
    QCOMPARE(job->error().kind, Kind::None);
    QCOMPARE(progress.last().at(1).value<qint64>(), qint64(expected));
    QCOMPARE(job->records().size(), expected);
    QCOMPARE(progress.size(), int(expected / CopperConnector::PageSize) + 1);
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

void TestCopperConnector::listRefusesBadTypes()
{
    ConnectorOperation *unknown = m_connector->listRecords(u"user"_s);
    QVERIFY(!unknown->isFinished()); // finished() always comes from the event loop
    QVERIFY(wait(unknown));
    QCOMPARE(unknown->error().kind, Kind::Rejected);
    ConnectorOperation *badId
        = m_connector->readLinks(RecordKey{Vendor::Copper, u"sales"_s, u"person"_s, u"12/../x"_s});
    QVERIFY(wait(badId));
    QCOMPARE(badId->error().kind, Kind::Rejected);
}

void TestCopperConnector::headersOnEveryRequest()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &) { return FakeHttpServer::response(200, "[]"); };
    CopperConnector connector(config(server.url(u"/developer_api/v1/"_s)), apiKey(),
                              m_network.get());

    QList<ConnectorJob *> jobs{
        connector.listRecords(u"lead"_s),
        connector.readLinks(RecordKey{Vendor::Copper, u"sales"_s, u"task"_s, u"5"_s})};
    QTRY_VERIFY(jobs.at(0)->isFinished() && jobs.at(1)->isFinished());
    QCOMPARE(server.requests.size(), 2);
    QByteArrayList lines;
    for (const QByteArray &request : std::as_const(server.requests))
        lines << request.left(request.indexOf("\r\n"));
    std::sort(lines.begin(), lines.end());
    QCOMPARE(lines,
             QByteArrayList({"GET /developer_api/v1/tasks/5/related HTTP/1.1",
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
    CopperConnector connector(config(server.url(u"/v1"_s)), apiKey(), m_network.get());
    ConnectorOperation *job = connector.listRecords(u"person"_s);
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

    QCOMPARE(linked(key(ref->type, ref->id), u"related"_s), expected);
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
    const Link link{deal, project, u"related"_s, LinkDirection::Undirected, {}, {}, {}};
    ConnectorOperation *relate = m_connector->createLink(link);
    QVERIFY(wait(relate));
    QCOMPARE(relate->error().kind, Kind::None);
    QCOMPARE(relate->links().size(), 1);
    QCOMPARE(relate->links().first().key(), link.key());
    QVERIFY(world().isRelated(pair->first, pair->second));

    // Then both ends list each other
    QVERIFY(linked(deal, u"related"_s).contains(project.type + u':' + project.id));
    QVERIFY(linked(project, u"related"_s).contains(deal.type + u':' + deal.id));

    // And relating again is harmless
    ConnectorOperation *again = m_connector->createLink(link);
    QVERIFY(wait(again));
    QCOMPARE(again->error().kind, Kind::None);
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

    const Link link{a, b, u"related"_s, LinkDirection::Undirected, {}, {}, {}};
    ConnectorOperation *job = m_connector->deleteLink(link);
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::None);
    QVERIFY(!world().isRelated(pair->first, pair->second));
    QVERIFY(!linked(a, u"related"_s).contains(b.type + u':' + b.id));

    // Removing it again is success: it is gone, as asked
    ConnectorOperation *again = m_connector->deleteLink(link);
    QVERIFY(wait(again));
    QCOMPARE(again->error().kind, Kind::None);
}

void TestCopperConnector::disallowedPairIsRejectedWithCoppersMessage()
{
    const qint64 lead = world().records(CopperEntity::Lead).begin()->first;
    const qint64 person = world().records(CopperEntity::Person).begin()->first;
    ConnectorOperation *job = m_connector->createLink({key(CopperEntity::Lead, lead),
                                                       key(CopperEntity::Person, person),
                                                       u"related"_s,
                                                       LinkDirection::Undirected,
                                                       {},
                                                       {},
                                                       {}});
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
    ConnectorOperation *job = m_connector->createLink({key(CopperEntity::Company, 1),
                                                       other,
                                                       u"related"_s,
                                                       LinkDirection::Undirected,
                                                       {},
                                                       {},
                                                       {}});
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::Rejected);
    QVERIFY(job->error().message.contains(other.toString()));
}

void TestCopperConnector::wrongApiKey()
{
    const QString wrongKey = u"not-the-key-0123456789"_s;
    CopperConnector connector(config(m_sandbox->baseUrl(Vendor::Copper)), wrongKey,
                              m_network.get());
    ConnectorOperation *job = connector.listRecords(u"task"_s);
    QVERIFY(wait(job));
    QCOMPARE(job->error().kind, Kind::Unauthorized);
    QVERIFY(job->records().isEmpty());
    QVERIFY(!job->error().details.contains(wrongKey));
    QVERIFY(!job->error().message.contains(wrongKey));
}

void TestCopperConnector::abortList()
{
    ConnectorOperation *job = m_connector->listRecords(u"person"_s);
    QSignalSpy finished(job, &ConnectorJob::finished);
    job->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->error().kind, Kind::Cancelled);
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void TestCopperConnector::linkTypesAreRelatedItemsAndConnectFields()
{
    std::unique_ptr<ConnectorOperation> op(m_connector->listLinkTypes(nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    const QList<LinkType> &types = op->linkTypes();
    QCOMPARE(types.first().id, u"related"_s);
    qsizetype connectFields = 0;
    for (const auto &[id, definition] : world().fieldDefinitions())
        connectFields += definition.value("data_type"_L1).toString() == "Connect"_L1;
    QVERIFY(connectFields >= 2);
    QCOMPARE(types.size(), connectFields + 1);
    const auto referred = std::ranges::find(types, u"Referred by"_s, &LinkType::name);
    QVERIFY(referred != types.end());
    QCOMPARE(referred->sourceTypes, QStringList{u"person"_s});
    QCOMPARE(referred->targetTypes, QStringList{u"person"_s});
    QCOMPARE(referred->forwardLabel, u"Referred by"_s);
}

void TestCopperConnector::readRecord()
{
    const auto &[id, company] = *world().records(CopperEntity::Company).begin();
    std::unique_ptr<ConnectorOperation> op(
        m_connector->readRecord(key(CopperEntity::Company, id), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->records().size(), 1);
    QCOMPARE(op->records().first().title, company.value("name"_L1).toString().simplified());

    std::unique_ptr<ConnectorOperation> missing(
        m_connector->readRecord(key(CopperEntity::Company, 999'999'999), nullptr));
    QVERIFY(wait(missing.get()));
    QCOMPARE(missing->error().kind, Kind::NotFound);
}

void TestCopperConnector::readLinksHasConnectLinksWithNames()
{
    const auto connection = somePersonConnection();
    QVERIFY(connection);
    const RecordKey person = key(CopperEntity::Person, connection->source.id);
    std::unique_ptr<ConnectorOperation> op(m_connector->readLinks(person, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    const auto found
        = std::ranges::find(op->links(), QString::number(connection->id), &Link::vendorLinkId);
    QVERIFY(found != op->links().end());
    QCOMPARE(found->type, QString::number(connection->definitionId));
    QCOMPARE(found->direction, LinkDirection::Undirected);
    const RecordKey other = found->otherEnd(person);
    const auto named = std::ranges::find(op->records(), other, &Record::key);
    QVERIFY(named != op->records().end());
    QCOMPARE(named->title, world().name(connection->target));
}

void TestCopperConnector::connectLinkRoundTrip()
{
    // Two people not connected on "Referred by"
    const auto referredBy = std::ranges::find_if(world().fieldDefinitions(), [](const auto &d) {
        return d.second.value("canonical_name"_L1).toString() == "referred_by"_L1;
    });
    QVERIFY(referredBy != world().fieldDefinitions().end());
    const qint64 definition = referredBy->first;
    QList<qint64> free; // people without a connection on it
    for (const auto &[id, person] : world().records(CopperEntity::Person)) {
        if (world().links(CopperLinkEnd{CopperLinkType::Person, id}, definition).isEmpty())
            free.append(id);
    }
    QVERIFY(free.size() >= 2);
    const qint64 a = free.at(0);
    const qint64 b = free.at(1);
    QVERIFY(b);
    const qsizetype before = world().linkCount();
    const Link link{key(CopperEntity::Person, a),
                    key(CopperEntity::Person, b),
                    QString::number(definition),
                    LinkDirection::Undirected,
                    {},
                    {},
                    {}};

    std::unique_ptr<ConnectorOperation> create(m_connector->createLink(link, nullptr));
    QVERIFY(wait(create.get()));
    QCOMPARE(create->error().kind, Kind::None);
    QCOMPARE(create->links().size(), 1);
    const Link made = create->links().first();
    QCOMPARE(made.key(), link.key());
    QVERIFY(!made.vendorLinkId.isEmpty());
    QCOMPARE(world().linkCount(), before + 2); // the link and Copper's mirror

    // Deleting it by the other end's view (no vendor id) removes both
    Link fromB = link;
    std::swap(fromB.source, fromB.target);
    std::unique_ptr<ConnectorOperation> remove(m_connector->deleteLink(fromB, nullptr));
    QVERIFY(wait(remove.get()));
    QCOMPARE(remove->error().kind, Kind::None);
    QCOMPARE(world().linkCount(), before);
}

void TestCopperConnector::connectCreateIsSafeToRepeat()
{
    const auto connection = somePersonConnection();
    QVERIFY(connection);
    const qsizetype before = world().linkCount();
    const Link existing{key(CopperEntity::Person, connection->source.id),
                        RecordKey{Vendor::Copper, u"sales"_s,
                                  copperFieldTypeName(connection->target.type),
                                  QString::number(connection->target.id)},
                        QString::number(connection->definitionId),
                        LinkDirection::Undirected,
                        {},
                        {},
                        {}};
    std::unique_ptr<ConnectorOperation> op(m_connector->createLink(existing, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().vendorLinkId, QString::number(connection->id));
    QCOMPARE(world().linkCount(), before); // nothing sent twice
}

void TestCopperConnector::connectDeleteOfAGoneLinkIsSuccess()
{
    const auto connection = somePersonConnection();
    QVERIFY(connection);
    const Link link{key(CopperEntity::Person, connection->source.id),
                    RecordKey{Vendor::Copper, u"sales"_s,
                              copperFieldTypeName(connection->target.type),
                              QString::number(connection->target.id)},
                    QString::number(connection->definitionId),
                    LinkDirection::Undirected,
                    QString::number(connection->id),
                    {},
                    {}};
    QCOMPARE(world().disconnect(connection->id).size(), 2); // gone behind Linkloom's back
    std::unique_ptr<ConnectorOperation> op(m_connector->deleteLink(link, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
}

void TestCopperConnector::connectFieldsDoNotJoinTasks()
{
    const qint64 task = world().records(CopperEntity::Task).begin()->first;
    const qint64 person = world().records(CopperEntity::Person).begin()->first;
    const QString definition = QString::number(world().fieldDefinitions().begin()->first);
    std::unique_ptr<ConnectorOperation> op(
        m_connector->createLink({key(CopperEntity::Task, task),
                                 key(CopperEntity::Person, person),
                                 definition,
                                 LinkDirection::Undirected,
                                 {},
                                 {},
                                 {}},
                                nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::Rejected);
}

QTEST_GUILESS_MAIN(TestCopperConnector)
#include "tst_copperconnector.moc"
