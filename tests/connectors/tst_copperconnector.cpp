#include "connectors/copper/copperconnector.h"
#include "connectors/networkmanager.h"
#include "fakehttpserver.h"
#include "sandbox/coppersandbox.h"
#include "sandbox/sandboxserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
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

    // Safe writes: moves, connect deletes on both ends, unclear failures
    void moveCompanyOfAPerson();
    void repeatedMoveChangesNothing();
    void moveWhoseAddFailsRestoresTheCompany_data();
    void moveWhoseAddFailsRestoresTheCompany();
    void moveWhoseAddAndRestoreFailSaysWhatIsLeft_data();
    void moveWhoseAddAndRestoreFailSaysWhatIsLeft();
    void moveReadsTheStateAfterUnclearFailures_data();
    void moveReadsTheStateAfterUnclearFailures();
    void moveWhoseOldCompanyIsGoneJustAdds();
    void moveOfATasksRelatedRecord();
    void moveOfAnUnlimitedPairAddsFirst();
    void unlimitedMoveWhoseRemovalFailsKeepsBoth();
    void moveNeedsOneSharedEnd();
    void moveOfAConnectLink();
    void connectDeleteRemovesAMirrorCopperKept();
    void connectDeleteFindsAKeptMirrorAtTheOtherEnd();
    void connectDeleteUnderFaults_data();
    void connectDeleteUnderFaults();
    void connectCreateUnderFaults_data();
    void connectCreateUnderFaults();

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
    Link relatedLink(CopperRef a, CopperRef b) const
    {
        return {key(a.type, a.id),
                key(b.type, b.id),
                u"related"_s,
                LinkDirection::Undirected,
                {},
                {},
                {}};
    }
    /// A connect link of the sandbox as the connector maps it.
    Link connectLink(const CopperLink &link) const
    {
        return {RecordKey{Vendor::Copper, u"sales"_s, copperFieldTypeName(link.source.type),
                          QString::number(link.source.id)},
                RecordKey{Vendor::Copper, u"sales"_s, copperFieldTypeName(link.target.type),
                          QString::number(link.target.id)},
                QString::number(link.definitionId),
                LinkDirection::Undirected,
                QString::number(link.id),
                {},
                {}};
    }
    /// "related company:3 person:7": one related pair, its ends in a fixed order.
    static QString relatedPair(CopperRef a, CopperRef b)
    {
        if (b < a)
            std::swap(a, b);
        return u"related %1:%2 %3:%4"_s.arg(copperTypeName(a.type))
            .arg(a.id)
            .arg(copperTypeName(b.type))
            .arg(b.id);
    }
    /// Every related pair, Connect link (with its ids) and kept mirror of the sandbox.
    QSet<QString> worldLinks();
    /// A person related to a company, and another company.
    struct CompanyMove
    {
        CopperRef person, from, to;
    };
    std::optional<CompanyMove> companyMove();
    /// A record related to `type` `from` and another record of `type` it is not related to.
    std::optional<std::array<CopperRef, 3>> unrelatedOther(CopperEntity of, CopperEntity type);
    /// The requests the sandbox answered since markRequests(), as "METHOD /path".
    QStringList requests();
    QStringList writes();
    void markRequests();
    /// Runs `op` and returns it finished (a test failure if it does not finish).
    static std::unique_ptr<ConnectorOperation> run(ConnectorOperation *op);

    std::unique_ptr<QTemporaryDir> m_logDir;
    qsizetype m_logMark = 0;
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
    // No pacing and no 180-a-minute limit in tests; reads are retried at once.
    m_sandbox->copper().setRateLimit(0);
    m_connector->client()->setRequestRate(0, 0);
    VendorClient::RetryPolicy fast;
    fast.baseDelayMs = 1;
    fast.maxDelayMs = 4;
    m_connector->client()->setRetryPolicy(fast);
    m_logDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_logDir->isValid());
    QVERIFY(m_sandbox->setExchangeLog(m_logDir->filePath(u"exchanges.jsonl"_s)));
    m_logMark = 0;
}

void TestCopperConnector::cleanup()
{
    m_connector.reset();
    m_sandbox.reset();
    m_network.reset();
    m_logDir.reset();
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

QSet<QString> TestCopperConnector::worldLinks()
{
    QSet<QString> result;
    for (CopperEntity type : AllCopperEntities) {
        for (const auto &[id, record] : world().records(type)) {
            const CopperRef ref{type, id};
            for (const CopperRef &other : world().related(ref)) {
                if (ref < other)
                    result.insert(relatedPair(ref, other));
            }
        }
    }
    const QJsonArray links = m_sandbox->copper().saveState().value("related_links"_L1).toArray();
    for (const QJsonValue &link : links)
        result.insert(
            QString::fromUtf8(QJsonDocument(link.toObject()).toJson(QJsonDocument::Compact)));
    for (const auto &[id, kept] : m_sandbox->copper().keptMirrors())
        result.insert(u"kept %1"_s.arg(id));
    return result;
}

std::optional<TestCopperConnector::CompanyMove> TestCopperConnector::companyMove()
{
    for (const auto &[id, person] : world().records(CopperEntity::Person)) {
        const CopperRef ref{CopperEntity::Person, id};
        for (const CopperRef &other : world().related(ref)) {
            if (other.type != CopperEntity::Company)
                continue;
            for (const auto &[companyId, company] : world().records(CopperEntity::Company)) {
                if (companyId != other.id)
                    return CompanyMove{ref, other, {CopperEntity::Company, companyId}};
            }
        }
    }
    return std::nullopt;
}

std::optional<std::array<CopperRef, 3>> TestCopperConnector::unrelatedOther(CopperEntity of,
                                                                            CopperEntity type)
{
    for (const auto &[id, record] : world().records(of)) {
        const CopperRef ref{of, id};
        for (const CopperRef &related : world().related(ref)) {
            if (related.type != type)
                continue;
            for (const auto &[otherId, other] : world().records(type)) {
                const CopperRef candidate{type, otherId};
                if (!world().isRelated(ref, candidate))
                    return std::array{ref, related, candidate};
            }
        }
    }
    return std::nullopt;
}

QStringList TestCopperConnector::requests()
{
    QFile log(m_logDir->filePath(u"exchanges.jsonl"_s));
    if (!log.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList result;
    qsizetype line = 0;
    while (!log.atEnd()) {
        const QByteArray text = log.readLine();
        if (line++ < m_logMark)
            continue;
        const QJsonObject o = QJsonDocument::fromJson(text).object();
        result << o.value("method"_L1).toString() + u' ' + o.value("path"_L1).toString();
    }
    return result;
}

QStringList TestCopperConnector::writes()
{
    QStringList result = requests();
    result.removeIf([](const QString &request) { return request.startsWith("GET "_L1); });
    return result;
}

void TestCopperConnector::markRequests()
{
    m_logMark = 0;
    m_logMark = requests().size();
}

std::unique_ptr<ConnectorOperation> TestCopperConnector::run(ConnectorOperation *op)
{
    std::unique_ptr<ConnectorOperation> owned(op);
    if (!wait(op))
        qWarning("The operation did not finish in time");
    return owned;
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

void TestCopperConnector::moveCompanyOfAPerson()
{
    // Given a person related to company A, and company B
    const auto move = companyMove();
    QVERIFY(move);
    QSet<QString> expected = worldLinks();
    expected.remove(relatedPair(move->person, move->from));
    expected.insert(relatedPair(move->person, move->to));
    const Link from = relatedLink(move->person, move->from);
    const Link to = relatedLink(move->person, move->to);

    // When the person's company moves from A to B
    markRequests();
    const auto op = run(m_connector->moveLink(from, to, nullptr));

    // Then the person has B only: A was removed before B was added (Copper refuses two)
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().key(), to.key());
    QCOMPARE(op->links().first().state, LinkState::Confirmed);
    QCOMPARE(worldLinks(), expected);
    const QString at = u"/people/%1/related"_s.arg(move->person.id);
    QCOMPARE(writes(), QStringList({u"DELETE "_s + at, u"POST "_s + at}));
    QCOMPARE(requests().first(), u"GET "_s + at); // the state was read first
    QCOMPARE(world().record(move->person).value("company_id"_L1).toInteger(), move->to.id);
}

void TestCopperConnector::repeatedMoveChangesNothing()
{
    const auto move = companyMove();
    QVERIFY(move);
    const Link from = relatedLink(move->person, move->from);
    const Link to = relatedLink(move->person, move->to);
    QCOMPARE(run(m_connector->moveLink(from, to, nullptr))->error().kind, Kind::None);
    const QSet<QString> moved = worldLinks();

    // When the finished move is sent again (a lost answer, a second click)
    markRequests();
    const auto again = run(m_connector->moveLink(from, to, nullptr));

    // Then it succeeds after one read, writing nothing
    QCOMPARE(again->error().kind, Kind::None);
    QCOMPARE(again->links().size(), 1);
    QCOMPARE(again->links().first().key(), to.key());
    QCOMPARE(writes(), QStringList());
    QCOMPARE(worldLinks(), moved);
}

void TestCopperConnector::moveWhoseAddFailsRestoresTheCompany_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("422") << u"copper:POST:people/*/related:status=422:count=1"_s << Kind::Rejected;
    QTest::newRow("500 before the change")
        << u"copper:POST:people/*/related:status=500:count=1"_s << Kind::Server;
    QTest::newRow("connection dropped before the change")
        << u"copper:POST:people/*/related:drop:count=3"_s << Kind::Unreachable;
}

void TestCopperConnector::moveWhoseAddFailsRestoresTheCompany()
{
    QFETCH(QString, fault);
    QFETCH(Kind, kind);
    const auto move = companyMove();
    QVERIFY(move);
    const QSet<QString> before = worldLinks();
    QVERIFY(m_sandbox->addFault(fault));

    const auto op = run(m_connector->moveLink(relatedLink(move->person, move->from),
                                              relatedLink(move->person, move->to), nullptr));

    // Then the move fails, the person has company A again, and the error says so
    QCOMPARE(op->error().kind, kind);
    QVERIFY(m_sandbox->faults().isEmpty()); // it struck
    const QString message = op->error().message;
    QVERIFY2(message.contains(u"stays related to company %1, as before"_s.arg(move->from.id)),
             qPrintable(message));
    QVERIFY2(message.contains(u"company %1"_s.arg(move->to.id)), qPrintable(message));
    QVERIFY(op->links().isEmpty());
    m_sandbox->clearFaults();
    QCOMPARE(worldLinks(), before);
}

void TestCopperConnector::moveWhoseAddAndRestoreFailSaysWhatIsLeft_data()
{
    QTest::addColumn<QString>("fault");
    QTest::newRow("422") << u"copper:POST:people/*/related:status=422"_s;
    QTest::newRow("500") << u"copper:POST:people/*/related:status=500"_s;
}

void TestCopperConnector::moveWhoseAddAndRestoreFailSaysWhatIsLeft()
{
    QFETCH(QString, fault);
    const auto move = companyMove();
    QVERIFY(move);
    QSet<QString> expected = worldLinks();
    expected.remove(relatedPair(move->person, move->from));
    QVERIFY(m_sandbox->addFault(fault)); // every POST: the add and both restores
    markRequests();
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"Copper move lost a related item: person %1 was "
                                            "related to company %2"_s.arg(move->person.id)
                                                .arg(move->from.id)));

    const auto op = run(m_connector->moveLink(relatedLink(move->person, move->from),
                                              relatedLink(move->person, move->to), nullptr));

    // Then the error says the person has no company now and which one it had
    QVERIFY(op->error().isError());
    const QString message = op->error().message;
    QVERIFY2(
        message.contains(u"person %1 has no company now; it was company %2."_s.arg(move->person.id)
                             .arg(move->from.id)),
        qPrintable(message));
    const QString at = u"/people/%1/related"_s.arg(move->person.id);
    QCOMPARE(writes(),
             QStringList({u"DELETE "_s + at, u"POST "_s + at, u"POST "_s + at, u"POST "_s + at}));
    m_sandbox->clearFaults();
    QCOMPARE(worldLinks(), expected); // exactly the old company is gone, nothing else
}

void TestCopperConnector::moveReadsTheStateAfterUnclearFailures_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<bool>("moved"); // else nothing changed
    QTest::addColumn<QStringList>("writes"); // the methods, in order
    const QStringList removeAdd{u"DELETE"_s, u"POST"_s};
    QTest::newRow("add: 500 after the change")
        << u"copper:POST:people/*/related:status=500:after:count=1"_s << true << removeAdd;
    QTest::newRow("add: reset mid-answer")
        << u"copper:POST:people/*/related:reset:count=1"_s << true << removeAdd;
    QTest::newRow("add: truncated answer")
        << u"copper:POST:people/*/related:truncate:count=1"_s << true << removeAdd;
    QTest::newRow("add: 503 before the change, restored")
        << u"copper:POST:people/*/related:status=503:count=1"_s << false
        << QStringList{u"DELETE"_s, u"POST"_s, u"POST"_s};
    QTest::newRow("remove: 500 after the change")
        << u"copper:DELETE:people/*/related:status=500:after:count=1"_s << true << removeAdd;
    QTest::newRow("remove: reset mid-answer")
        << u"copper:DELETE:people/*/related:reset:count=1"_s << true << removeAdd;
    QTest::newRow("remove: 503 before the change")
        << u"copper:DELETE:people/*/related:status=503:count=1"_s << false
        << QStringList{u"DELETE"_s};
    QTest::newRow("remove: 422") << u"copper:DELETE:people/*/related:status=422:count=1"_s << false
                                 << QStringList{u"DELETE"_s};
    QTest::newRow("read: 429 storm")
        << u"copper:GET:people/*/related:status=429:count=3"_s << true << removeAdd;
    QTest::newRow("read: 503 once")
        << u"copper:GET:people/*/related:status=503:count=1"_s << true << removeAdd;
    QTest::newRow("read: truncated answer")
        << u"copper:GET:people/*/related:truncate:count=1"_s << true << removeAdd;
}

void TestCopperConnector::moveReadsTheStateAfterUnclearFailures()
{
    QFETCH(QString, fault);
    QFETCH(bool, moved);
    QFETCH(QStringList, writes);
    const auto move = companyMove();
    QVERIFY(move);
    const QSet<QString> before = worldLinks();
    QSet<QString> after = before;
    after.remove(relatedPair(move->person, move->from));
    after.insert(relatedPair(move->person, move->to));
    QVERIFY(m_sandbox->addFault(fault));
    markRequests();

    const auto op = run(m_connector->moveLink(relatedLink(move->person, move->from),
                                              relatedLink(move->person, move->to), nullptr));

    QCOMPARE(op->error().kind == Kind::None, moved);
    QVERIFY(m_sandbox->faults().isEmpty()); // it struck
    QStringList sent = this->writes();
    for (QString &request : sent)
        request = request.section(u' ', 0, 0);
    QCOMPARE(sent, writes); // a write is repeated only to restore, never blindly
    m_sandbox->clearFaults();
    QCOMPARE(worldLinks(), moved ? after : before); // nothing lost, nothing twice
}

void TestCopperConnector::moveWhoseOldCompanyIsGoneJustAdds()
{
    const auto move = companyMove();
    QVERIFY(move);
    QVERIFY(world().unrelate(move->person, move->from)); // gone behind Linkloom's back
    QSet<QString> expected = worldLinks();
    expected.insert(relatedPair(move->person, move->to));
    markRequests();

    const auto op = run(m_connector->moveLink(relatedLink(move->person, move->from),
                                              relatedLink(move->person, move->to), nullptr));

    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(writes(), QStringList{u"POST /people/%1/related"_s.arg(move->person.id)});
    QCOMPARE(worldLinks(), expected);
}

void TestCopperConnector::moveOfATasksRelatedRecord()
{
    // Given a task related to a project (a task has one related record, of any kind)
    const auto found = unrelatedOther(CopperEntity::Task, CopperEntity::Project);
    QVERIFY(found);
    const auto [task, project, other] = *found;
    QCOMPARE(world().related(task).size(), 1);
    std::optional<CopperRef> deal;
    for (const auto &[id, record] : world().records(CopperEntity::Opportunity)) {
        if (world().related(CopperRef{CopperEntity::Opportunity, id}).size() < 3) {
            deal = CopperRef{CopperEntity::Opportunity, id};
            break;
        }
    }
    QVERIFY(deal);
    QSet<QString> expected = worldLinks();
    expected.remove(relatedPair(task, project));
    expected.insert(relatedPair(task, *deal));
    markRequests();

    // When it moves to an opportunity (the link given from the other end)
    const auto op
        = run(m_connector->moveLink(relatedLink(project, task), relatedLink(*deal, task), nullptr));

    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(worldLinks(), expected);
    const QString at = u"/tasks/%1/related"_s.arg(task.id);
    QCOMPARE(writes(), QStringList({u"DELETE "_s + at, u"POST "_s + at}));
    QCOMPARE(world().record(task).value("related_resource"_L1)["id"_L1].toInteger(), deal->id);

    // And when the add fails, the task gets its project back
    const QSet<QString> moved = worldLinks();
    QVERIFY(m_sandbox->addFault(u"copper:POST:tasks/*/related:status=422:count=1"_s));
    const auto back
        = run(m_connector->moveLink(relatedLink(task, *deal), relatedLink(task, other), nullptr));
    QCOMPARE(back->error().kind, Kind::Rejected);
    QVERIFY2(back->error().message.contains(
                 u"stays related to opportunity %1, as before"_s.arg(deal->id)),
             qPrintable(back->error().message));
    QCOMPARE(worldLinks(), moved);
}

void TestCopperConnector::moveOfAnUnlimitedPairAddsFirst()
{
    // Given an opportunity related to a project, and a project it is not related to
    const auto found = unrelatedOther(CopperEntity::Opportunity, CopperEntity::Project);
    QVERIFY(found);
    const auto [deal, from, to] = *found;
    QSet<QString> expected = worldLinks();
    expected.remove(relatedPair(deal, from));
    expected.insert(relatedPair(deal, to));
    markRequests();

    const auto op
        = run(m_connector->moveLink(relatedLink(deal, from), relatedLink(deal, to), nullptr));

    // Then the new project was added before the old one was removed
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().key(), relatedLink(deal, to).key());
    const QString at = u"/opportunities/%1/related"_s.arg(deal.id);
    QCOMPARE(writes(), QStringList({u"POST "_s + at, u"DELETE "_s + at}));
    QCOMPARE(worldLinks(), expected);
}

void TestCopperConnector::unlimitedMoveWhoseRemovalFailsKeepsBoth()
{
    const auto found = unrelatedOther(CopperEntity::Opportunity, CopperEntity::Project);
    QVERIFY(found);
    const auto [deal, from, to] = *found;
    QSet<QString> expected = worldLinks();
    expected.insert(relatedPair(deal, to)); // added; the old one stays: never neither
    QVERIFY(m_sandbox->addFault(u"copper:DELETE:opportunities/*/related:status=503"_s));

    const auto op
        = run(m_connector->moveLink(relatedLink(deal, from), relatedLink(deal, to), nullptr));

    QCOMPARE(op->error().kind, Kind::Server);
    QVERIFY2(op->error().message.contains(u"could not be removed, so both may be there"_s),
             qPrintable(op->error().message));
    QVERIFY(op->error().message.contains(u"project %1"_s.arg(from.id)));
    m_sandbox->clearFaults();
    QCOMPARE(worldLinks(), expected);

    // And when the add fails, nothing changes
    const QSet<QString> both = worldLinks();
    std::optional<CopperRef> third;
    for (const auto &[id, project] : world().records(CopperEntity::Project)) {
        if (!world().isRelated(deal, CopperRef{CopperEntity::Project, id})) {
            third = CopperRef{CopperEntity::Project, id};
            break;
        }
    }
    QVERIFY(third);
    QVERIFY(m_sandbox->addFault(u"copper:POST:opportunities/*/related:status=503:count=1"_s));
    const auto failed
        = run(m_connector->moveLink(relatedLink(deal, from), relatedLink(deal, *third), nullptr));
    QCOMPARE(failed->error().kind, Kind::Server);
    QCOMPARE(worldLinks(), both);
}

void TestCopperConnector::moveNeedsOneSharedEnd()
{
    const auto move = companyMove();
    QVERIFY(move);
    const QSet<QString> before = worldLinks();
    markRequests();
    const Link link = relatedLink(move->person, move->from);
    const auto same = run(m_connector->moveLink(link, link, nullptr));
    QCOMPARE(same->error().kind, Kind::Rejected);
    const auto found = unrelatedOther(CopperEntity::Opportunity, CopperEntity::Project);
    QVERIFY(found);
    const auto apart
        = run(m_connector->moveLink(link, relatedLink((*found)[0], (*found)[2]), nullptr));
    QCOMPARE(apart->error().kind, Kind::Rejected);
    QCOMPARE(requests(), QStringList());
    QCOMPARE(worldLinks(), before);
}

void TestCopperConnector::moveOfAConnectLink()
{
    // Given a person connected on a field to someone, and another record of that kind
    const auto connection = somePersonConnection();
    QVERIFY(connection);
    std::optional<CopperLinkEnd> other;
    const auto entity = copperEntityOf(connection->target.type);
    QVERIFY(entity);
    for (const auto &[id, record] : world().records(*entity)) {
        const CopperLinkEnd candidate{connection->target.type, id};
        if (candidate == connection->source || candidate == connection->target)
            continue;
        const auto existing = world().links(connection->source, connection->definitionId);
        if (std::ranges::none_of(existing,
                                 [&](const CopperLink &l) { return l.target == candidate; })
            && std::ranges::none_of(
                world().links(candidate, connection->definitionId),
                [&](const CopperLink &l) { return l.target == connection->source; })) {
            other = candidate;
            break;
        }
    }
    QVERIFY(other);
    const Link from = connectLink(*connection);
    Link to = from;
    to.target.id = QString::number(other->id);
    to.vendorLinkId.clear();
    const qsizetype count = world().linkCount();
    markRequests();

    const auto op = run(m_connector->moveLink(from, to, nullptr));

    // Then the new connection was made before the old one was deleted
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().key(), to.key());
    QVERIFY(!op->links().first().vendorLinkId.isEmpty());
    QCOMPARE(
        writes(),
        QStringList({u"POST /related_links"_s, u"DELETE /related_links/"_s + from.vendorLinkId}));
    QCOMPARE(world().linkCount(), count);
    QVERIFY(!world().link(connection->id));
    const auto now = world().links(connection->source, connection->definitionId);
    QVERIFY(std::ranges::any_of(now, [&](const CopperLink &l) { return l.target == *other; }));
    QVERIFY(std::ranges::none_of(
        now, [&](const CopperLink &l) { return l.target == connection->target; }));
}

void TestCopperConnector::connectDeleteRemovesAMirrorCopperKept()
{
    // Given a Copper that deletes only the link it is asked to (unconfirmed, see VENDORS.md)
    const auto connection = somePersonConnection();
    QVERIFY(connection);
    m_sandbox->copper().setDeleteKeepsMirror(true);
    const QSet<QString> before = worldLinks();
    QSet<QString> expected;
    const auto json = m_sandbox->copper().saveState().value("related_links"_L1).toArray();
    for (const QJsonValue &link : json) {
        if (link["id"_L1].toInteger() != std::min(connection->id, connection->mirrorId))
            expected.insert(
                QString::fromUtf8(QJsonDocument(link.toObject()).toJson(QJsonDocument::Compact)));
    }
    for (const QString &entry : before) {
        if (entry.startsWith("related "_L1))
            expected.insert(entry);
    }
    markRequests();

    // When Linkloom deletes the connection by its id
    const Link link = connectLink(*connection);
    const auto op = run(m_connector->deleteLink(link, nullptr));

    // Then it deleted the mirror too, after reading both ends
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(writes(),
             QStringList({u"DELETE /related_links/%1"_s.arg(connection->id),
                          u"DELETE /related_links/%1"_s.arg(connection->mirrorId)}));
    QVERIFY(m_sandbox->copper().keptMirrors().empty());
    QCOMPARE(worldLinks(), expected);

    // And links() holds what both ends still have on that field, for the caller's records
    QSet<QString> reported;
    for (const Link &left : op->links()) {
        QVERIFY(left.key() != link.key());
        QCOMPARE(left.type, link.type);
        QVERIFY(left.touches(link.source) || left.touches(link.target));
        reported.insert(left.vendorLinkId);
    }
    QSet<QString> held;
    for (const CopperLinkEnd &end : {connection->source, connection->target}) {
        for (const CopperLink &left : world().links(end, connection->definitionId))
            held.insert(QString::number(left.id));
    }
    QCOMPARE(reported, held);
}

void TestCopperConnector::connectDeleteFindsAKeptMirrorAtTheOtherEnd()
{
    // Given a connection whose source half was deleted while Copper kept the target's half
    const auto connection = somePersonConnection();
    QVERIFY(connection);
    const QSet<QString> before = worldLinks();
    m_sandbox->copper().setDeleteKeepsMirror(true);
    SandboxRequest request{"DELETE",
                           {u"related_links"_s, QString::number(connection->id)},
                           {},
                           {{"X-PW-AccessToken", SandboxServer::CopperApiKey},
                            {"X-PW-UserEmail", SandboxServer::CopperEmail},
                            {"X-PW-Application", "developer_api"}},
                           {}};
    QCOMPARE(m_sandbox->copper().handle(request).status, 200);
    QCOMPARE(m_sandbox->copper().keptMirrors().size(), size_t(1));
    const QSet<QString> half = worldLinks();

    // When the connection is made again from the source (no id known), nothing is written:
    // the kept half is the connection
    Link link = connectLink(*connection);
    link.vendorLinkId.clear();
    markRequests();
    const auto create = run(m_connector->createLink(link, nullptr));
    QCOMPARE(create->error().kind, Kind::None);
    QCOMPARE(create->links().size(), 1);
    QCOMPARE(create->links().first().vendorLinkId, QString::number(connection->mirrorId));
    QCOMPARE(writes(), QStringList());
    QCOMPARE(worldLinks(), half);

    // And deleting it from the source's view finds and deletes the kept half
    const auto remove = run(m_connector->deleteLink(link, nullptr));
    QCOMPARE(remove->error().kind, Kind::None);
    QCOMPARE(writes(), QStringList{u"DELETE /related_links/%1"_s.arg(connection->mirrorId)});
    QVERIFY(m_sandbox->copper().keptMirrors().empty());
    QSet<QString> expected;
    for (const QString &entry : before) {
        if (!entry.contains(u"\"id\":%1,"_s.arg(std::min(connection->id, connection->mirrorId))))
            expected.insert(entry);
    }
    QCOMPARE(worldLinks(), expected);
}

void TestCopperConnector::connectDeleteUnderFaults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("deletes");
    QTest::newRow("500 after the delete")
        << u"copper:DELETE:related_links/*:status=500:after:count=1"_s << 1;
    QTest::newRow("503 before the delete")
        << u"copper:DELETE:related_links/*:status=503:count=1"_s << 2;
    QTest::newRow("reset mid-answer") << u"copper:DELETE:related_links/*:reset:count=1"_s << 1;
    QTest::newRow("truncated answer") << u"copper:DELETE:related_links/*:truncate:count=1"_s << 1;
    QTest::newRow("list: 429 storm") << u"copper:GET:related_links:status=429:count=3"_s << 1;
    QTest::newRow("list: truncated answer") << u"copper:GET:related_links:truncate:count=2"_s << 1;
}

void TestCopperConnector::connectDeleteUnderFaults()
{
    QFETCH(QString, fault);
    QFETCH(int, deletes);
    const auto connection = somePersonConnection();
    QVERIFY(connection);
    QSet<QString> expected;
    for (const QString &entry : worldLinks()) {
        if (!entry.contains(u"\"id\":%1,"_s.arg(std::min(connection->id, connection->mirrorId))))
            expected.insert(entry);
    }
    QVERIFY(m_sandbox->addFault(fault));
    markRequests();

    const auto op = run(m_connector->deleteLink(connectLink(*connection), nullptr));

    QCOMPARE(op->error().kind, Kind::None);
    QVERIFY(m_sandbox->faults().isEmpty()); // it struck
    QCOMPARE(writes().size(), deletes); // a second delete only when the read shows it there
    m_sandbox->clearFaults();
    QCOMPARE(worldLinks(), expected);
}

void TestCopperConnector::connectCreateUnderFaults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<bool>("made");
    QTest::newRow("500 after the create")
        << u"copper:POST:related_links:status=500:after:count=1"_s << true;
    QTest::newRow("reset mid-answer") << u"copper:POST:related_links:reset:count=1"_s << true;
    QTest::newRow("truncated answer") << u"copper:POST:related_links:truncate:count=1"_s << true;
    QTest::newRow("503 before the create")
        << u"copper:POST:related_links:status=503:count=1"_s << false;
    QTest::newRow("422") << u"copper:POST:related_links:status=422:count=1"_s << false;
    QTest::newRow("list: truncated answer")
        << u"copper:GET:related_links:truncate:count=1"_s << true;
}

void TestCopperConnector::connectCreateUnderFaults()
{
    QFETCH(QString, fault);
    QFETCH(bool, made);
    // Two people not connected on "Referred by"
    const auto referredBy = std::ranges::find_if(world().fieldDefinitions(), [](const auto &d) {
        return d.second.value("canonical_name"_L1).toString() == "referred_by"_L1;
    });
    QVERIFY(referredBy != world().fieldDefinitions().end());
    const qint64 definition = referredBy->first;
    QList<qint64> free;
    for (const auto &[id, person] : world().records(CopperEntity::Person)) {
        if (world().links(CopperLinkEnd{CopperLinkType::Person, id}, definition).isEmpty())
            free.append(id);
    }
    QVERIFY(free.size() >= 2);
    const Link link{key(CopperEntity::Person, free.at(0)),
                    key(CopperEntity::Person, free.at(1)),
                    QString::number(definition),
                    LinkDirection::Undirected,
                    {},
                    {},
                    {}};
    const QSet<QString> before = worldLinks();
    const qsizetype count = world().linkCount();
    QVERIFY(m_sandbox->addFault(fault));
    markRequests();

    const auto op = run(m_connector->createLink(link, nullptr));

    QCOMPARE(op->error().kind == Kind::None, made);
    QVERIFY(m_sandbox->faults().isEmpty()); // it struck
    QCOMPARE(writes(), QStringList{u"POST /related_links"_s}); // never sent twice
    m_sandbox->clearFaults();
    if (!made) {
        QCOMPARE(worldLinks(), before);
        return;
    }
    QCOMPARE(world().linkCount(), count + 2); // the link and its mirror, once
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().key(), link.key());
    const auto id = op->links().first().vendorLinkId.toLongLong();
    QVERIFY(world().link(id));
}

QTEST_GUILESS_MAIN(TestCopperConnector)
#include "tst_copperconnector.moc"
