#include "connectors/devrev/devrevconnector.h"
#include "connectors/devrev/devrevmapping.h"
#include "connectors/networkmanager.h"
#include "fakehttpserver.h"
#include "sandbox/devrevsandbox.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using Kind = ConnectorError::Kind;

class TestDevRevConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void headersOnEveryRequest();
    void listEveryRecordType();
    void listAllPages();
    void listRefusesUnknownTypes();
    void readWork();
    void readPartAccountAndUser();
    void readMissingRecord();
    void readLinksBothDirectionsWithTitles();
    void readLinksOverSeveralPages();
    void keysOfAnotherAccountAreRefused();
    void linkTypesAreStockAndCustom();
    void createThenReadAndCreateAgain();
    void createCustomLink();
    void relatedToTheOtherWayIsTheSameLink();
    void sameParentTwiceIsSuccess();
    void refusalsSayDevRevsRule();
    void deleteByIdAndAgain();
    void deleteByEnds();
    void wrongToken();
    void expiredToken();
    void pacesAtTheRateLimit();
    void unclearCreateIsResolvedByReading();
    void failedCreateBeforeTheServerChangesNothing();
    void cutAnswersToACreate();
    void cutListAnswersChangeNothing_data();
    void cutListAnswersChangeNothing();
    void rateLimitStormIsRetried();
    void unclearDelete();

private:
    static bool wait(ConnectorJob *job);
    DevRevWorld &world() { return m_sandbox->devRev().world(); }
    RecordKey key(const DevRevObject &object) const
    {
        return {Vendor::DevRev, u"work"_s, QString(devRevKindInfo(object.kind).type), object.id};
    }
    AccountConfig config(const QUrl &base) const
    {
        return {Vendor::DevRev, u"work"_s, u"Work"_s, base, {}, {}};
    }
    static QString token() { return QString::fromLatin1(SandboxServer::DevRevToken); }
    /// A fresh object without links (a copy: the world's vector grows).
    DevRevObject add(DevRevKind kind, const QString &title)
    {
        const QLatin1StringView key = (DevRevParts & devRevBit(kind)) ? "name"_L1 : "title"_L1;
        // owned_by: the specs require it of work and part summaries
        const QJsonArray owners{world().summary(m_sandbox->devRev().owner().id)};
        return world().addObject(kind, {{key, title}, {"owned_by"_L1, owners}},
                                 m_sandbox->clock().nowMs());
    }
    /// Every link the sandbox holds, as text, for before/after comparisons.
    QStringList snapshot() const
    {
        QStringList result;
        for (const auto &[number, l] : m_sandbox->devRev().world().links())
            result << u"%1 %2 %3 %4 %5"_s.arg(number).arg(l.source, l.target, l.linkType,
                                                          l.customLinkType);
        return result;
    }
    Link link(const DevRevObject &source, const DevRevObject &target, const QString &type) const
    {
        return {key(source), key(target), type, LinkDirection::Directed, {}, {}, {}};
    }
    void addFault(const QString &spec)
    {
        QString error;
        QVERIFY2(m_sandbox->addFault(spec, &error), qPrintable(error));
    }
    /// Runs `op` to its end and returns it (owned by the test).
    std::unique_ptr<ConnectorOperation> run(ConnectorOperation *op)
    {
        std::unique_ptr<ConnectorOperation> owned(op);
        if (!wait(op))
            qWarning("operation did not finish");
        return owned;
    }

    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<DevRevConnector> m_connector;
};

void TestDevRevConnector::init()
{
    m_network = std::make_unique<NetworkManager>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_connector = std::make_unique<DevRevConnector>(config(m_sandbox->baseUrl(Vendor::DevRev)),
                                                    token(), m_network.get());
    // Retries stay, but short: tests do not wait seconds.
    m_connector->client()->setRetryPolicy({3, 10, 40, 120});
}

void TestDevRevConnector::cleanup()
{
    m_connector.reset();
    m_sandbox.reset();
    m_network.reset();
}

bool TestDevRevConnector::wait(ConnectorJob *job)
{
    if (!job->isFinished()) {
        QSignalSpy finished(job, &ConnectorJob::finished);
        if (!finished.wait(10'000))
            return false;
    }
    QTest::qWait(0);
    return job->isFinished();
}

void TestDevRevConnector::headersOnEveryRequest()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &request) {
        return FakeHttpServer::response(
            200, request.startsWith("GET /links.list") ? R"({"links":[]})" : R"({"works":[]})");
    };
    DevRevConnector connector(config(server.url()), token(), m_network.get());
    const QString id = u"don:core:dvrv-us-1:devo/1:issue/7"_s;
    auto links = run(connector.readLinks({Vendor::DevRev, u"work"_s, u"issue"_s, id}, nullptr));
    auto list = run(connector.listRecords(u"task"_s, nullptr));
    QCOMPARE(links->error().kind, Kind::None);
    QCOMPARE(list->error().kind, Kind::None);
    QCOMPARE(server.requests.size(), 2);
    QByteArrayList lines;
    for (const QByteArray &request : std::as_const(server.requests))
        lines << request.left(request.indexOf("\r\n"));
    std::sort(lines.begin(), lines.end());
    QCOMPARE(lines,
             QByteArrayList({"GET /links.list?object=don%3Acore%3Advrv-us-1%3Adevo%2F1%3A"
                             "issue%2F7&limit=100 HTTP/1.1",
                             "GET /works.list?type=task&limit=100 HTTP/1.1"}));
    for (const QByteArray &request : std::as_const(server.requests)) {
        QVERIFY(request.contains("\r\nAuthorization: Bearer sandbox-devrev-pat\r\n"));
        QVERIFY(request.contains("\r\nX-Devrev-Scope: beta\r\n"));
    }
}

void TestDevRevConnector::listEveryRecordType()
{
    QStringList types;
    for (const RecordTypeInfo &info : m_connector->recordTypes()) {
        types << info.type;
        QVERIFY(!info.label.isEmpty());
    }
    QCOMPARE(types, DevRev::recordTypes());
    for (const QString &type : std::as_const(types)) {
        const DevRevKind kind = *devRevKindFromType(type);
        QSet<QString> expected;
        for (const DevRevObject &object : world().objects()) {
            if (object.kind == kind)
                expected.insert(object.id);
        }
        auto op = run(m_connector->listRecords(type, nullptr));
        QVERIFY2(!op->error().isError(), qPrintable(op->error().details));
        QSet<QString> got;
        for (const Record &r : op->records()) {
            QCOMPARE(r.key.type, type);
            QVERIFY2(!r.title.isEmpty(), qPrintable(r.key.id));
            got.insert(r.key.id);
        }
        QCOMPARE(got, expected);
    }
}

void TestDevRevConnector::listAllPages()
{
    // Given more issues than two pages hold
    for (int i = 0; i < 230; ++i)
        add(DevRevKind::Issue, u"Extra issue %1"_s.arg(i));
    qsizetype expected = 0;
    for (const DevRevObject &object : world().objects())
        expected += object.kind == DevRevKind::Issue ? 1 : 0;
    QVERIFY(expected > 2 * DevRev::PageSize);

    // When every issue is listed
    std::unique_ptr<ConnectorOperation> op(m_connector->listRecords(u"issue"_s, nullptr));
    QSignalSpy progress(op.get(), &ConnectorOperation::progress);
    QVERIFY(wait(op.get()));

    // Then all arrived, each once, page by page
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->records().size(), expected);
    QCOMPARE(progress.size(), int((expected + DevRev::PageSize - 1) / DevRev::PageSize));
    QCOMPARE(progress.last().at(0).value<qsizetype>(), expected);
    QCOMPARE(op->records().last().title, u"Extra issue 229"_s);
}

void TestDevRevConnector::listRefusesUnknownTypes()
{
    ConnectorOperation *op = m_connector->listRecords(u"code_change"_s);
    QVERIFY(!op->isFinished());
    QVERIFY(wait(op));
    QCOMPARE(op->error().kind, Kind::Rejected);
    QVERIFY2(op->error().message.contains(u"code_change"_s), qPrintable(op->error().message));
}

void TestDevRevConnector::readWork()
{
    const auto it = std::ranges::find(world().objects(), DevRevKind::Ticket, &DevRevObject::kind);
    QVERIFY(it != world().objects().end());
    auto op = run(m_connector->readRecord(key(*it), nullptr));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->records().size(), 1);
    const Record &r = op->records().first();
    QCOMPARE(r.key, key(*it));
    QCOMPARE(r.title, it->json.value("title"_L1).toString());
    QCOMPARE(r.fields.value(u"Display ID"_s).toString(), it->displayId);
    QVERIFY(r.fields.contains(u"Stage"_s));
    QVERIFY(r.fields.contains(u"Severity"_s));
    QVERIFY(r.fields.contains(u"Owners"_s));
}

void TestDevRevConnector::readPartAccountAndUser()
{
    for (const DevRevKind kind :
         {DevRevKind::Enhancement, DevRevKind::Account, DevRevKind::RevUser, DevRevKind::DevUser}) {
        // The last of its kind: found after paging when there are many
        const auto it = std::ranges::find(world().objects().rbegin(), world().objects().rend(),
                                          kind, &DevRevObject::kind);
        QVERIFY(it != world().objects().rend());
        auto op = run(m_connector->readRecord(key(*it), nullptr));
        QVERIFY2(!op->error().isError(), qPrintable(op->error().details));
        QCOMPARE(op->records().size(), 1);
        QCOMPARE(op->records().first().key, key(*it));
        QVERIFY(!op->records().first().title.isEmpty());
    }
}

void TestDevRevConnector::readMissingRecord()
{
    for (const auto &[type, id] :
         {std::pair{u"issue"_s, u"don:core:dvrv-us-1:devo/1:issue/99999"_s},
          std::pair{u"feature"_s, u"don:core:dvrv-us-1:devo/1:feature/99999"_s},
          std::pair{u"account"_s, u"don:identity:dvrv-us-1:devo/1:account/99999"_s}}) {
        auto op = run(m_connector->readRecord({Vendor::DevRev, u"work"_s, type, id}, nullptr));
        QCOMPARE(op->error().kind, Kind::NotFound);
        QVERIFY(op->records().isEmpty());
        QVERIFY2(op->error().message.contains(u"DevRev (account “Work”)"_s),
                 qPrintable(op->error().message));
    }
}

void TestDevRevConnector::readLinksBothDirectionsWithTitles()
{
    // Given the issue with the most links in the demo, custom ones among them somewhere
    const DevRevObject *best = nullptr;
    for (const DevRevObject &object : world().objects()) {
        if (object.kind == DevRevKind::Issue
            && (!best || world().linksOf(object.id).size() > world().linksOf(best->id).size()))
            best = &object;
    }
    QVERIFY(best && world().linksOf(best->id).size() >= 3);
    QSet<QString> expected;
    bool incoming = false, outgoing = false;
    for (qint64 number : world().linksOf(best->id)) {
        const DevRevLink &l = world().links().at(number);
        expected.insert(l.id);
        (l.source == best->id ? outgoing : incoming) = true;
    }

    auto op = run(m_connector->readLinks(key(*best), nullptr));
    QCOMPARE(op->error().kind, Kind::None);
    QSet<QString> got;
    for (const Link &l : op->links()) {
        got.insert(l.vendorLinkId);
        const DevRevLink *held = world().link(l.vendorLinkId);
        QVERIFY(held);
        QCOMPARE(l.source.id, held->source);
        QCOMPARE(l.target.id, held->target);
        QCOMPARE(l.type, held->customLinkType.isEmpty() ? held->linkType : held->customLinkType);
        QCOMPARE(l.direction, LinkDirection::Directed);
        QVERIFY(l.touches(key(*best)));
        // The other end is among the records, with its title
        const RecordKey other = l.otherEnd(key(*best));
        const auto record = std::ranges::find(op->records(), other, &Record::key);
        QVERIFY(record != op->records().end());
        QVERIFY(!record->title.isEmpty());
    }
    QCOMPARE(got, expected);
    QVERIFY(outgoing || incoming);

    // Custom links carry their custom type's id
    bool sawCustom = false;
    for (const auto &[number, l] : world().links()) {
        if (l.customLinkType.isEmpty())
            continue;
        auto custom = run(m_connector->readLinks(key(*world().object(l.source)), nullptr));
        QCOMPARE(custom->error().kind, Kind::None);
        const auto found = std::ranges::find(custom->links(), l.id, &Link::vendorLinkId);
        QVERIFY(found != custom->links().end());
        QCOMPARE(found->type, l.customLinkType);
        sawCustom = true;
        break;
    }
    QVERIFY(sawCustom);
}

void TestDevRevConnector::readLinksOverSeveralPages()
{
    // Given a record with more links than two pages hold, added directly to the sandbox
    const DevRevObject hub = add(DevRevKind::Issue, u"Hub"_s);
    const QString hubId = hub.id;
    const int count = 2 * DevRev::PageSize + 17;
    for (int i = 0; i < count; ++i) {
        const QString other = add(DevRevKind::Issue, u"Spoke %1"_s.arg(i)).id;
        DevRevRefusal refusal;
        const bool outgoing = i % 2 == 0;
        QVERIFY2(world().createLink(
                     {u"is_related_to"_s, outgoing ? hubId : other, outgoing ? other : hubId, {}},
                     devRevVisibleKinds(true), m_sandbox->devRev().owner().id,
                     m_sandbox->clock().nowMs(), &refusal),
                 qPrintable(refusal.message));
    }
    const RecordKey hubKey = key(*world().object(hubId));

    std::unique_ptr<ConnectorOperation> op(m_connector->readLinks(hubKey, nullptr));
    QSignalSpy progress(op.get(), &ConnectorOperation::progress);
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), count);
    QCOMPARE(progress.size(), 3);
    QSet<QString> ids;
    for (const Link &l : op->links())
        ids.insert(l.vendorLinkId);
    QCOMPARE(ids.size(), count);
    QCOMPARE(op->records().size(), count + 1); // every spoke and the hub, once each
}

void TestDevRevConnector::keysOfAnotherAccountAreRefused()
{
    const QString id = u"don:core:dvrv-us-1:devo/1:issue/1"_s;
    const QList<RecordKey> bad{
        {Vendor::DevRev, u"other"_s, u"issue"_s, id},
        {Vendor::Copper, u"work"_s, u"issue"_s, id},
        {Vendor::DevRev, u"work"_s, u"issue"_s, u"ISS-1"_s},
        {Vendor::DevRev, u"work"_s, u"Issue!"_s, id},
        {Vendor::DevRev, u"work"_s, u"issue"_s, id + u"&limit=1"_s},
    };
    const QStringList before = snapshot();
    for (const RecordKey &k : bad) {
        auto read = run(m_connector->readLinks(k, nullptr));
        QCOMPARE(read->error().kind, Kind::Rejected);
        const RecordKey good{Vendor::DevRev, u"work"_s, u"issue"_s, id};
        auto create = run(m_connector->createLink(
            {good, k, u"is_related_to"_s, LinkDirection::Directed, {}, {}, {}}, nullptr));
        QCOMPARE(create->error().kind, Kind::Rejected);
    }
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    for (const QString &type : {u"custom_link"_s, u"Is Parent"_s, QString()}) {
        auto create = run(m_connector->createLink(link(a, b, type), nullptr));
        QCOMPARE(create->error().kind, Kind::Rejected);
        QVERIFY2(create->error().message.contains(u"not a DevRev link type"_s),
                 qPrintable(create->error().message));
    }
    QCOMPARE(snapshot(), before);
}

void TestDevRevConnector::linkTypesAreStockAndCustom()
{
    auto op = run(m_connector->listLinkTypes(nullptr));
    QCOMPARE(op->error().kind, Kind::None);
    const QList<LinkType> &types = op->linkTypes();
    QCOMPARE(types.size(),
             qsizetype(DevRevWorld::linkTypes().size() - 1)
                 + qsizetype(world().customLinkTypes().size()));
    for (const QString &stock : DevRevWorld::linkTypes()) {
        if (stock != "custom_link"_L1)
            QVERIFY2(std::ranges::find(types, stock, &LinkType::id) != types.end(),
                     qPrintable(stock));
    }
    int deprecated = 0;
    for (const DevRevCustomLinkType &custom : world().customLinkTypes()) {
        const auto it = std::ranges::find(types, custom.id, &LinkType::id);
        QVERIFY(it != types.end());
        QCOMPARE(it->forwardLabel, custom.forwardName);
        QCOMPARE(it->backwardLabel, custom.backwardName);
        QCOMPARE(it->name, custom.name);
        QCOMPARE(it->deprecated, custom.deprecated);
        QCOMPARE(it->sourceTypes, devRevTypeNames(custom.sourceKinds));
        QCOMPARE(it->targetTypes, devRevTypeNames(custom.targetKinds));
        deprecated += custom.deprecated ? 1 : 0;
    }
    QCOMPARE(deprecated, 1); // the demo's on_roadmap, listed all the same
}

void TestDevRevConnector::createThenReadAndCreateAgain()
{
    const DevRevObject ticket = add(DevRevKind::Ticket, u"Customer cannot export"_s);
    const DevRevObject issue = add(DevRevKind::Issue, u"Export times out"_s);
    const Link wanted = link(ticket, issue, u"is_dependent_on"_s);
    const qsizetype before = qsizetype(world().links().size());

    auto made = run(m_connector->createLink(wanted, nullptr));
    QVERIFY2(!made->error().isError(), qPrintable(made->error().message));
    QCOMPARE(made->links().size(), 1);
    const Link created = made->links().first();
    QCOMPARE(created.key(), wanted.key());
    QCOMPARE(created.state, LinkState::Confirmed);
    QVERIFY(world().link(created.vendorLinkId));
    QCOMPARE(qsizetype(world().links().size()), before + 1);
    QCOMPARE(made->records().size(), 2);

    auto read = run(m_connector->readLinks(key(issue), nullptr));
    QCOMPARE(read->links(), QList<Link>{created});

    // Safe to repeat: DevRev says it exists; the answer is the existing link
    auto again = run(m_connector->createLink(wanted, nullptr));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QCOMPARE(again->links(), QList<Link>{created});
    QCOMPARE(qsizetype(world().links().size()), before + 1);
}

void TestDevRevConnector::createCustomLink()
{
    const auto type = std::ranges::find(world().customLinkTypes(), u"blocks_deal"_s,
                                        &DevRevCustomLinkType::name);
    QVERIFY(type != world().customLinkTypes().end());
    const QString typeId = type->id;
    const DevRevObject issue = add(DevRevKind::Issue, u"SSO breaks"_s);
    const DevRevObject deal = add(DevRevKind::Opportunity, u"Big deal"_s);
    auto made = run(m_connector->createLink(link(issue, deal, typeId), nullptr));
    QVERIFY2(!made->error().isError(), qPrintable(made->error().message));
    QCOMPARE(made->links().first().type, typeId);
    const DevRevLink *held = world().link(made->links().first().vendorLinkId);
    QVERIFY(held);
    QCOMPARE(held->linkType, u"custom_link"_s);
    QCOMPARE(held->customLinkType, typeId);

    auto again = run(m_connector->createLink(link(issue, deal, typeId), nullptr));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QCOMPARE(again->links(), made->links());
}

void TestDevRevConnector::relatedToTheOtherWayIsTheSameLink()
{
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    auto made = run(m_connector->createLink(link(a, b, u"is_related_to"_s), nullptr));
    QCOMPARE(made->error().kind, Kind::None);
    const QStringList before = snapshot();
    auto mirrored = run(m_connector->createLink(link(b, a, u"is_related_to"_s), nullptr));
    QVERIFY2(!mirrored->error().isError(), qPrintable(mirrored->error().message));
    QCOMPARE(mirrored->links(), made->links()); // a -> b, as DevRev holds it
    QCOMPARE(snapshot(), before);
}

void TestDevRevConnector::sameParentTwiceIsSuccess()
{
    const DevRevObject parent = add(DevRevKind::Issue, u"Parent"_s);
    const DevRevObject child = add(DevRevKind::Task, u"Child"_s);
    auto made = run(m_connector->createLink(link(parent, child, u"is_parent_of"_s), nullptr));
    QCOMPARE(made->error().kind, Kind::None);
    const QStringList before = snapshot();
    // DevRev answers artifact_already_attached_to_a_parent with is_same: the link is there
    auto again = run(m_connector->createLink(link(parent, child, u"is_parent_of"_s), nullptr));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QCOMPARE(again->links(), made->links());
    QCOMPARE(snapshot(), before);
}

void TestDevRevConnector::refusalsSayDevRevsRule()
{
    const DevRevObject task = add(DevRevKind::Task, u"A task"_s);
    const DevRevObject issue = add(DevRevKind::Issue, u"An issue"_s);
    const DevRevObject otherParent = add(DevRevKind::Issue, u"Other parent"_s);
    const DevRevObject child = add(DevRevKind::Task, u"Child"_s);
    QVERIFY(!run(m_connector->createLink(link(otherParent, child, u"is_parent_of"_s), nullptr))
                 ->error()
                 .isError());
    const auto deprecated
        = std::ranges::find(world().customLinkTypes(), true, &DevRevCustomLinkType::deprecated);
    QVERIFY(deprecated != world().customLinkTypes().end());
    const DevRevObject feature = add(DevRevKind::Feature, u"A feature"_s);
    const QStringList before = snapshot();

    struct Case
    {
        Link link;
        QString ours; ///< in Linkloom's sentence
        QString theirs; ///< DevRev's message, quoted
    };
    const QList<Case> cases{
        {link(task, issue, u"is_dependent_on"_s),
         u"links of type “is dependent on” cannot start from a task; they can start from: "
         "issue, ticket."_s,
         u"is_dependent_on links cannot start from task %1 (unexpected_id_type)"_s.arg(
             task.displayId)},
        {link(issue, child, u"is_parent_of"_s), u"this task already has a parent in DevRev"_s,
         u"%1 already has a parent (artifact_already_attached_to_a_parent)"_s.arg(child.displayId)},
        {link(issue, feature, deprecated->id), u"this custom link type is deprecated"_s,
         u"is deprecated"_s},
        {link(issue, issue, u"is_related_to"_s), u"a record cannot be linked to itself."_s,
         u"An object cannot be linked to itself (bad_request)"_s},
    };
    for (const Case &c : cases) {
        auto op = run(m_connector->createLink(c.link, nullptr));
        const ConnectorError &e = op->error();
        QCOMPARE(e.kind, Kind::Rejected);
        QCOMPARE(e.httpStatus, 400);
        QVERIFY2(e.message.startsWith(u"DevRev (account “Work”) refused the link: "_s),
                 qPrintable(e.message));
        QVERIFY2(e.message.contains(c.ours), qPrintable(e.message));
        QVERIFY2(e.message.contains(u"DevRev said: “"_s) && e.message.contains(c.theirs),
                 qPrintable(e.message));
        QVERIFY(op->links().isEmpty());
    }
    QCOMPARE(snapshot(), before);
}

void TestDevRevConnector::deleteByIdAndAgain()
{
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    auto made = run(m_connector->createLink(link(a, b, u"is_duplicate_of"_s), nullptr));
    QCOMPARE(made->error().kind, Kind::None);
    const Link created = made->links().first();
    const qsizetype before = qsizetype(world().links().size());

    auto removed = run(m_connector->deleteLink(created, nullptr));
    QVERIFY2(!removed->error().isError(), qPrintable(removed->error().message));
    QVERIFY(!world().link(created.vendorLinkId));
    QCOMPARE(qsizetype(world().links().size()), before - 1);

    // Already gone (DevRev: 404) is success, and changes nothing
    auto again = run(m_connector->deleteLink(created, nullptr));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QCOMPARE(qsizetype(world().links().size()), before - 1);
}

void TestDevRevConnector::deleteByEnds()
{
    const DevRevObject ticket = add(DevRevKind::Ticket, u"T"_s);
    const DevRevObject issue = add(DevRevKind::Issue, u"I"_s);
    const DevRevObject other = add(DevRevKind::Issue, u"Other"_s);
    QVERIFY(!run(m_connector->createLink(link(ticket, issue, u"is_dependent_on"_s), nullptr))
                 ->error()
                 .isError());
    QVERIFY(!run(m_connector->createLink(link(ticket, other, u"is_dependent_on"_s), nullptr))
                 ->error()
                 .isError());
    QVERIFY(!run(m_connector->createLink(link(ticket, issue, u"is_related_to"_s), nullptr))
                 ->error()
                 .isError());
    const qsizetype before = qsizetype(world().links().size());

    // Without a vendorLinkId the link is found by its ends and type
    auto removed = run(m_connector->deleteLink(link(ticket, issue, u"is_dependent_on"_s), nullptr));
    QVERIFY2(!removed->error().isError(), qPrintable(removed->error().message));
    QCOMPARE(qsizetype(world().links().size()), before - 1);
    for (const auto &[number, l] : world().links())
        QVERIFY(
            !(l.source == ticket.id && l.target == issue.id && l.linkType == "is_dependent_on"_L1));

    // Not there: nothing to delete, success
    auto again = run(m_connector->deleteLink(link(ticket, issue, u"is_dependent_on"_s), nullptr));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QCOMPARE(qsizetype(world().links().size()), before - 1);
}

void TestDevRevConnector::wrongToken()
{
    const QString wrong = u"wrong-token-0123456789abcdef"_s;
    DevRevConnector connector(config(m_sandbox->baseUrl(Vendor::DevRev)), wrong, m_network.get());
    auto op = run(connector.listRecords(u"issue"_s, nullptr));
    const ConnectorError &e = op->error();
    QCOMPARE(e.kind, Kind::Unauthorized);
    QVERIFY2(e.message.contains(u"personal access token"_s), qPrintable(e.message));
    QVERIFY2(e.message.contains(u"Invalid authorization token (unauthenticated)"_s),
             qPrintable(e.message));
    QVERIFY(!e.message.contains(wrong));
    QVERIFY(!e.details.contains(wrong));
}

void TestDevRevConnector::expiredToken()
{
    addFault(u"devrev:expired:count=1"_s);
    const QStringList before = snapshot();
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    auto op = run(m_connector->readLinks(key(a), nullptr));
    const ConnectorError &e = op->error();
    QCOMPARE(e.kind, Kind::Unauthorized);
    QVERIFY2(e.message.contains(u"Check the token"_s), qPrintable(e.message));
    QVERIFY2(e.message.contains(u"expired"_s), qPrintable(e.message));
    QVERIFY2(e.message.contains(u"DevRev said: “Token has expired (token_expired)”"_s),
             qPrintable(e.message));
    QVERIFY(!e.message.contains(token()));
    QVERIFY(!e.details.contains(token()));
    QCOMPARE(snapshot(), before);
}

void TestDevRevConnector::pacesAtTheRateLimit()
{
    // Given a DevRev limit of 3 requests per window and a frozen clock both sides read
    SandboxClock &clock = m_sandbox->clock();
    clock.freezeAt(QDateTime::currentMSecsSinceEpoch());
    DevRevClient *client = m_connector->devRevClient();
    client->setClock([&clock] { return clock.nowMs(); });
    client->setPacingCheckMs(10);
    m_sandbox->devRev().setRateLimit(3);
    QSignalSpy paused(client, &DevRevClient::paused);
    const auto issue = std::ranges::find(world().objects(), DevRevKind::Issue, &DevRevObject::kind);

    // When three requests use the window up
    for (int i = 0; i < 3; ++i)
        QCOMPARE(run(m_connector->readRecord(key(*issue), nullptr))->error().kind, Kind::None);
    QCOMPARE(paused.size(), 1);
    QVERIFY(client->isPaused());
    const QDateTime until = paused.first().first().toDateTime();
    QVERIFY(until.toMSecsSinceEpoch() > clock.nowMs() + 290'000);
    QVERIFY(until.toMSecsSinceEpoch() <= clock.nowMs() + DevRevClient::MaxPauseSeconds * 1000);

    // Then the fourth waits for the reset instead of failing ...
    std::unique_ptr<ConnectorOperation> fourth(m_connector->readRecord(key(*issue), nullptr));
    QSignalSpy finished(fourth.get(), &ConnectorJob::finished);
    QVERIFY(!finished.wait(150));
    QCOMPARE(client->heldRequests(), 1);

    // ... and goes once the window has moved on
    QSignalSpy resumed(client, &DevRevClient::resumed);
    clock.advance(DevRevSandbox::RateWindowMs + 1000);
    QVERIFY(wait(fourth.get()));
    QVERIFY2(!fourth->error().isError(), qPrintable(fourth->error().message));
    QCOMPARE(resumed.size(), 1);
    QCOMPARE(client->heldRequests(), 0);
}

void TestDevRevConnector::unclearCreateIsResolvedByReading()
{
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    const qsizetype before = qsizetype(world().links().size());

    // DevRev creates the link, but the answer is a 503
    addFault(u"devrev:POST:links.create:status=503:after:count=1"_s);
    auto made = run(m_connector->createLink(link(a, b, u"is_follow_up_of"_s), nullptr));
    QVERIFY2(!made->error().isError(), qPrintable(made->error().message));
    QCOMPARE(made->links().size(), 1);
    QVERIFY(world().link(made->links().first().vendorLinkId));
    QCOMPARE(qsizetype(world().links().size()), before + 1);

    // Again: no duplicate
    auto again = run(m_connector->createLink(link(a, b, u"is_follow_up_of"_s), nullptr));
    QVERIFY2(!again->error().isError(), qPrintable(again->error().message));
    QCOMPARE(again->links(), made->links());
    QCOMPARE(qsizetype(world().links().size()), before + 1);
}

void TestDevRevConnector::failedCreateBeforeTheServerChangesNothing()
{
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    const QStringList before = snapshot();

    addFault(u"devrev:POST:links.create:status=503:count=1"_s);
    auto failed = run(m_connector->createLink(link(a, b, u"is_follow_up_of"_s), nullptr));
    QCOMPARE(failed->error().kind, Kind::Server);
    QVERIFY2(failed->error().details.contains(u"shows no such link"_s),
             qPrintable(failed->error().details));
    QCOMPARE(snapshot(), before);

    auto made = run(m_connector->createLink(link(a, b, u"is_follow_up_of"_s), nullptr));
    QCOMPARE(made->error().kind, Kind::None);
    QCOMPARE(qsizetype(world().links().size()), before.size() + 1);
}

void TestDevRevConnector::cutAnswersToACreate()
{
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    for (const QString &fault : {u"truncate=0.5"_s, u"reset=0.3"_s}) {
        const DevRevObject b = add(DevRevKind::Issue, u"B "_s + fault);
        const qsizetype before = qsizetype(world().links().size());
        addFault(u"devrev:POST:links.create:%1:count=1"_s.arg(fault));
        auto made = run(m_connector->createLink(link(a, b, u"is_related_to"_s), nullptr));
        QVERIFY2(!made->error().isError(), qPrintable(made->error().message));
        QCOMPARE(made->links().size(), 1);
        QCOMPARE(made->links().first().key(), link(a, b, u"is_related_to"_s).key());
        QCOMPARE(qsizetype(world().links().size()), before + 1);
    }
}

void TestDevRevConnector::cutListAnswersChangeNothing_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QList<ConnectorError::Kind>>("kinds");
    QTest::newRow("truncated") << u"truncate=0.5"_s << QList<Kind>{Kind::BadResponse};
    // The connection is lost mid-answer: a network error (after the read's retries).
    QTest::newRow("reset") << u"reset=0.5"_s << QList<Kind>{Kind::Unreachable};
}

void TestDevRevConnector::cutListAnswersChangeNothing()
{
    QFETCH(QString, fault);
    QFETCH(QList<ConnectorError::Kind>, kinds);
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    QCOMPARE(run(m_connector->createLink(link(a, b, u"is_related_to"_s), nullptr))->error().kind,
             Kind::None);
    const QStringList before = snapshot();

    addFault(u"devrev:GET:links.list:"_s + fault);
    auto read = run(m_connector->readLinks(key(a), nullptr));
    QVERIFY2(kinds.contains(read->error().kind), qPrintable(read->error().details));
    QVERIFY(read->links().isEmpty());
    // A delete without a link id must find the link first: it fails, and deletes nothing
    auto remove = run(m_connector->deleteLink(link(a, b, u"is_related_to"_s), nullptr));
    QVERIFY2(kinds.contains(remove->error().kind), qPrintable(remove->error().details));
    QCOMPARE(snapshot(), before);

    m_sandbox->clearFaults();
    auto again = run(m_connector->readLinks(key(a), nullptr));
    QCOMPARE(again->error().kind, Kind::None);
    QCOMPARE(again->links().size(), 1);
}

void TestDevRevConnector::rateLimitStormIsRetried()
{
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    QCOMPARE(run(m_connector->createLink(link(a, b, u"is_related_to"_s), nullptr))->error().kind,
             Kind::None);
    addFault(u"devrev:GET:links.list:status=429:retry_after=0:count=2"_s);
    std::unique_ptr<ConnectorOperation> op(m_connector->readLinks(key(a), nullptr));
    QSignalSpy retrying(op.get(), &ConnectorOperation::retrying);
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(retrying.size(), 2);

    // A storm that outlasts the retries fails with DevRev's words
    addFault(u"devrev:GET:links.list:status=429:retry_after=0"_s);
    auto failed = run(m_connector->readLinks(key(a), nullptr));
    QCOMPARE(failed->error().kind, Kind::RateLimited);
    QVERIFY2(failed->error().message.contains(u"too_many_requests"_s),
             qPrintable(failed->error().message));
}

void TestDevRevConnector::unclearDelete()
{
    const DevRevObject a = add(DevRevKind::Issue, u"A"_s);
    const DevRevObject b = add(DevRevKind::Issue, u"B"_s);
    auto made = run(m_connector->createLink(link(a, b, u"is_related_to"_s), nullptr));
    QCOMPARE(made->error().kind, Kind::None);
    const Link created = made->links().first();
    const QStringList before = snapshot();

    // Refused before DevRev deleted it: the link is still there, the delete failed
    addFault(u"devrev:POST:links.delete:status=503:count=1"_s);
    auto failed = run(m_connector->deleteLink(created, nullptr));
    QCOMPARE(failed->error().kind, Kind::Server);
    QCOMPARE(snapshot(), before);

    // Deleted, but the answer is lost: reading shows it is gone, which is success
    addFault(u"devrev:POST:links.delete:status=503:after:count=1"_s);
    auto removed = run(m_connector->deleteLink(created, nullptr));
    QVERIFY2(!removed->error().isError(), qPrintable(removed->error().message));
    QVERIFY(!world().link(created.vendorLinkId));
    QCOMPARE(qsizetype(world().links().size()), before.size() - 1);
}

QTEST_GUILESS_MAIN(TestDevRevConnector)
#include "tst_devrevconnector.moc"
