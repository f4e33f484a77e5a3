#include "connectors/laserfiche/accesstokensource.h"
#include "connectors/laserfiche/laserficheconnector.h"
#include "connectors/networkmanager.h"
#include "fakehttpserver.h"
#include "sandbox/laserfichedemo.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using Kind = ConnectorError::Kind;

namespace {

const QString Account = u"docs"_s;
const QString Repository = QString::fromLatin1(LaserficheSandbox::RepositoryId);
constexpr qint32 Terms = LaserficheDemo::StandardTermsId;
const QString LinksPath = u"/v2/Repositories/*/Entries/*/Links"_s;

/// Hands out one fixed token (later, as a real source would) and records rejections.
class FixedTokenSource : public AccessTokenSource
{
public:
    explicit FixedTokenSource(QString token)
        : m_token(std::move(token))
    { }

    void accessToken(QObject *context, Done done) override
    {
        ++asked;
        QTimer::singleShot(0, context, [this, done] { done(m_token, error); });
    }
    void tokenRejected(const QString &token) override { rejected << token; }

    void setToken(const QString &token) { m_token = token; }

    ConnectorError error;
    QStringList rejected;
    int asked = 0;

private:
    QString m_token;
};

RecordKey entry(qint32 id)
{
    return RecordKey{Vendor::Laserfiche, Account, u"entry"_s, QString::number(id)};
}

Link link(qint32 source, qint32 target, qint32 definition)
{
    return Link{entry(source),
                entry(target),
                QString::number(definition),
                LinkDirection::Directed,
                {},
                LinkState::Confirmed,
                {}};
}

QJsonObject worldLink(qint32 definition, qint32 source, qint32 target)
{
    return {{"definitionId"_L1, definition}, {"sourceId"_L1, source}, {"targetId"_L1, target}};
}

/// `links` without their ids, for comparing a link that was made anew.
QJsonObject withoutId(QJsonObject link)
{
    link.remove("id"_L1);
    return link;
}

} // namespace

class TestLaserficheConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void linkTypesThroughEveryPage();
    void repositoryFoundWhenNotConfigured();
    void repositoryMustBeChosenAmongSeveral();
    void badRepositoryOptionIsRefused();
    void listRecordsWalksTheFolderTree();
    void listRecordsRefusesOtherTypes();
    void readRecord();
    void readLinksOfABusyEntry();
    void addAndRemoveKeepEveryLinkOfABusyEntry();
    void removeALinkWhoseTargetIsTheBusyEntry();
    void nextLinkToAnotherOriginIsRefused();
    void redirectToAnotherHostIsNotFollowed();
    void endlessPagesStop();
    void lockedEntry();
    void resetWhileReadingLinksLeavesThemUnchanged();
    void truncatedPageIsReadAgain();
    void rateLimitedReadsAreRetried();
    void lostAnswerOfThePutIsCheckedNotRepeated();
    void serverErrorBeforeThePutChangesNothing();
    void connectionLostAfterThePutIsChecked();
    void putBodyHasEveryLinkWithItsProperties();
    void readBackThatDiffersFailsWithoutSecondPut();
    void rejectedTokenIsReported();
    void expiredTokenIsReported();
    void withoutTokenSource();
    void tokenSourceErrorIsPassedOn();
    void requestsCarryTokenAndPageSize();
    void refusalsSendNothing();

private:
    static bool wait(ConnectorJob *job);
    AccountConfig config(const QUrl &base, const QString &repository = Repository) const
    {
        QVariantMap options;
        if (!repository.isEmpty())
            options.insert(u"repository"_s, repository);
        return {Vendor::Laserfiche, Account, u"Documents"_s, base, {}, options};
    }
    std::unique_ptr<LaserficheConnector> connectorFor(const QUrl &base,
                                                      const QString &repository = Repository);
    /// Runs `op` to its end; owned here.
    std::unique_ptr<ConnectorOperation> run(ConnectorOperation *op);
    LaserficheWorld &world() { return m_sandbox->laserfiche().world(); }
    /// Every link of the sandbox (id, definitionId, sourceId, targetId, properties), by id.
    QJsonArray worldLinks() { return world().toJson().value("links"_L1).toArray(); }
    qint32 findEntry(const QString &name);
    qint32 lockedEntryId();
    /// Adds a fault rule of the sandbox (its command-line form).
    void addFault(const QString &spec)
    {
        QString error;
        if (!m_sandbox->addFault(spec, &error))
            qFatal("Bad fault spec: %s", qPrintable(error));
    }

    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<FixedTokenSource> m_tokens;
    std::unique_ptr<LaserficheConnector> m_connector;
};

void TestLaserficheConnector::init()
{
    m_network = std::make_unique<NetworkManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_sandbox->laserfiche().rateLimiter().setLimit(0); // 429s come from faults here
    m_tokens
        = std::make_unique<FixedTokenSource>(m_sandbox->laserfiche().issueAccessTokenForTesting());
    m_connector = connectorFor(m_sandbox->baseUrl(Vendor::Laserfiche));
}

void TestLaserficheConnector::cleanup()
{
    m_connector.reset();
    m_tokens.reset();
    m_sandbox.reset();
    m_network.reset();
}

std::unique_ptr<LaserficheConnector>
TestLaserficheConnector::connectorFor(const QUrl &base, const QString &repository)
{
    auto connector = std::make_unique<LaserficheConnector>(config(base, repository), m_tokens.get(),
                                                           m_network.get());
    connector->client()->setRetryPolicy({4, 10, 40, 2});
    connector->client()->setRequestRate(0, 0); // the sandbox's limit is tested on its own
    return connector;
}

bool TestLaserficheConnector::wait(ConnectorJob *job)
{
    QSignalSpy finished(job, &ConnectorJob::finished);
    if (!job->isFinished() && !finished.wait(20'000))
        return false;
    QTest::qWait(0);
    return job->isFinished();
}

std::unique_ptr<ConnectorOperation> TestLaserficheConnector::run(ConnectorOperation *op)
{
    op->setParent(nullptr);
    std::unique_ptr<ConnectorOperation> owned(op);
    if (!wait(op))
        qWarning("The operation did not finish.");
    return owned;
}

qint32 TestLaserficheConnector::findEntry(const QString &name)
{
    for (qint32 id = 1; id < 100'000; ++id) {
        if (const LaserficheEntry *e = world().entry(id); e && e->name == name)
            return id;
    }
    return 0;
}

qint32 TestLaserficheConnector::lockedEntryId()
{
    for (qint32 id = 1; id < 100'000; ++id) {
        if (const LaserficheEntry *e = world().entry(id); e && e->locked)
            return id;
    }
    return 0;
}

void TestLaserficheConnector::linkTypesThroughEveryPage()
{
    m_connector->laserficheClient()->setPageSize(3); // 7 definitions: 3 pages
    const auto op = run(m_connector->listLinkTypes());
    QCOMPARE(op->error().kind, Kind::None);
    const QList<LinkType> &types = op->linkTypes();
    QCOMPARE(types.size(), qsizetype(world().linkDefinitions().size()));
    QCOMPARE(types.size(), 7);
    const LinkType &email = types.first();
    QCOMPARE(email.id, u"1"_s);
    QCOMPARE(email.name, u"Email Attachment"_s);
    // Seen from the message (the source), the other end is its "Attachment".
    QCOMPARE(email.forwardLabel, u"Attachment"_s);
    QCOMPARE(email.backwardLabel, u"Message"_s);
    QCOMPARE(email.direction, LinkDirection::Directed);
    for (const LinkType &type : types)
        QVERIFY(world().linkDefinition(type.id.toInt()));
}

void TestLaserficheConnector::repositoryFoundWhenNotConfigured()
{
    auto connector = connectorFor(m_sandbox->baseUrl(Vendor::Laserfiche), QString());
    QVERIFY(connector->laserficheClient()->repositoryId().isEmpty());
    const auto op = run(connector->readLinks(entry(Terms)));
    QCOMPARE(op->error().kind, Kind::None);
    QVERIFY(op->links().size() > 100);
    QCOMPARE(connector->laserficheClient()->repositoryId(), Repository);
}

void TestLaserficheConnector::repositoryMustBeChosenAmongSeveral()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &) {
        return FakeHttpServer::response(
            200, R"({"value":[{"id":"r-1","name":"Northwind"},{"id":"r-2","name":"Archive"}]})");
    };
    auto connector = connectorFor(server.url(u"/repository"_s), QString());
    const auto op = run(connector->listLinkTypes());
    QCOMPARE(op->error().kind, Kind::Rejected);
    QVERIFY2(op->error().message.contains(u"Northwind (r-1), Archive (r-2)"_s),
             qPrintable(op->error().message));
    QVERIFY(op->error().message.contains(u"Choose one in the account settings"_s));
    QCOMPARE(server.requests.size(), 1);
    QVERIFY(server.requests.first().startsWith("GET /repository/v2/Repositories HTTP/1.1"));
}

void TestLaserficheConnector::badRepositoryOptionIsRefused()
{
    FakeHttpServer server;
    auto connector = connectorFor(server.url(u"/repository"_s), u"r/../../admin"_s);
    const auto op = run(connector->readLinks(entry(5)));
    QCOMPARE(op->error().kind, Kind::Rejected);
    QVERIFY(op->error().message.contains(u"account settings"_s));
    QCOMPARE(server.requests.size(), 0);
}

void TestLaserficheConnector::listRecordsWalksTheFolderTree()
{
    m_connector->laserficheClient()->setPageSize(20); // folders of more than 20: many pages
    ConnectorOperation *raw = m_connector->listRecords(u"entry"_s);
    QSignalSpy progress(raw, &ConnectorOperation::progress);
    const auto op = run(raw);
    QCOMPARE(op->error().kind, Kind::None);

    QSet<QString> expected;
    for (const QJsonValue &e : world().toJson().value("entries"_L1).toArray()) {
        if (e["id"_L1].toInt() != LaserficheDemo::RootFolderId)
            expected.insert(QString::number(e["id"_L1].toInt()));
    }
    QSet<QString> listed;
    for (const Record &r : op->records()) {
        QCOMPARE(r.key.vendor, Vendor::Laserfiche);
        QCOMPARE(r.key.account, Account);
        QCOMPARE(r.key.type, u"entry"_s);
        QVERIFY(!r.title.isEmpty());
        listed.insert(r.key.id);
    }
    QCOMPARE(op->records().size(), expected.size()); // each once
    QCOMPARE(listed, expected);
    QVERIFY(progress.size() > 30);
    QCOMPARE(progress.last().at(0).value<qsizetype>(), op->records().size());

    const auto terms = std::ranges::find(op->records(), entry(Terms), &Record::key);
    QVERIFY(terms != op->records().end());
    QCOMPARE(terms->title, u"Northwind Analytics Standard Terms 2024"_s);
    QCOMPARE(terms->fields.value(Laserfiche::typeField()).toString(), u"Document"_s);
    QCOMPARE(terms->fields.value(Laserfiche::pathField()).toString(),
             u"\\Northwind Analytics\\Legal\\Northwind Analytics Standard Terms 2024"_s);
    const auto shortcut = std::ranges::find_if(op->records(), [](const Record &r) {
        return r.fields.value(Laserfiche::typeField()).toString() == "Shortcut"_L1;
    });
    QVERIFY(shortcut != op->records().end());
}

void TestLaserficheConnector::listRecordsRefusesOtherTypes()
{
    ConnectorOperation *raw = m_connector->listRecords(u"document"_s);
    QVERIFY(!raw->isFinished());
    const auto op = run(raw);
    QCOMPARE(op->error().kind, Kind::Rejected);
}

void TestLaserficheConnector::readRecord()
{
    const auto op = run(m_connector->readRecord(entry(Terms)));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->records().size(), 1);
    QCOMPARE(op->records().first().key, entry(Terms));
    QCOMPARE(op->records().first().title, u"Northwind Analytics Standard Terms 2024"_s);
    QCOMPARE(op->records().first().fields.value(Laserfiche::createdField()).toString().size(), 10);

    const auto missing = run(m_connector->readRecord(entry(999'999)));
    QCOMPARE(missing->error().kind, Kind::NotFound);
    QVERIFY2(missing->error().message.contains(u"No entry with id 999999"_s),
             qPrintable(missing->error().message));

    const auto bad = run(m_connector->readRecord(
        RecordKey{Vendor::Laserfiche, Account, u"entry"_s, u"5/../../x"_s}));
    QCOMPARE(bad->error().kind, Kind::Rejected);
}

void TestLaserficheConnector::readLinksOfABusyEntry()
{
    m_connector->laserficheClient()->setPageSize(0); // Laserfiche's default: 100 a page
    const QList<const LaserficheLink *> expected = world().linksOf(Terms);
    QVERIFY(expected.size() > 100);

    const auto op = run(m_connector->readLinks(entry(Terms)));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), expected.size());
    const auto properties = LaserficheConnector::customProperties(op.get());
    int withProperties = 0;
    for (const LaserficheLink *want : expected) {
        const auto found
            = std::ranges::find(op->links(), QString::number(want->id), &Link::vendorLinkId);
        QVERIFY(found != op->links().end());
        QCOMPARE(found->source, entry(want->sourceId));
        QCOMPARE(found->target, entry(want->targetId));
        QCOMPARE(found->type, QString::number(want->definitionId));
        QCOMPARE(found->direction, LinkDirection::Directed);
        QCOMPARE(properties.value(found->vendorLinkId), want->properties);
        withProperties += !want->properties.isEmpty();
    }
    QVERIFY(withProperties > 10);
    // The other ends, titled from their paths; not the entry itself.
    QVERIFY(op->records().size() > 50);
    for (const Record &r : op->records()) {
        QVERIFY(r.key != entry(Terms));
        QCOMPARE(r.title, world().entry(r.key.id.toInt())->name);
    }
}

void TestLaserficheConnector::addAndRemoveKeepEveryLinkOfABusyEntry()
{
    m_connector->laserficheClient()->setPageSize(40); // 180 links: 5 pages
    const qint32 other = findEntry(u"Statement of Work Template"_s);
    QVERIFY(other != 0);
    const QJsonArray before = worldLinks();
    QVERIFY(world().linksOf(Terms).size() > 100);

    // When a link from the busy entry is added
    const Link wanted = link(Terms, other, 2);
    const auto add = run(m_connector->createLink(wanted));
    QCOMPARE(add->error().kind, Kind::None);

    // Then every link of the sandbox is still there, with its id and properties, plus the new
    QJsonArray after = worldLinks();
    QCOMPARE(after.size(), before.size() + 1);
    for (const QJsonValue &link : before)
        QVERIFY(after.contains(link));
    const QJsonObject made = after.last().toObject();
    QCOMPARE(withoutId(made), worldLink(2, Terms, other));
    QCOMPARE(add->links().size(), 1);
    QCOMPARE(add->links().first().key(), wanted.key());
    QCOMPARE(add->links().first().vendorLinkId, QString::number(made["id"_L1].toInt()));

    // And adding it again is success without a PUT (a PUT would be refused here)
    addFault(u"laserfiche:PUT:"_s + LinksPath + u":status=403"_s);
    const auto again = run(m_connector->createLink(wanted));
    QCOMPARE(again->error().kind, Kind::None);
    QCOMPARE(again->links().first().vendorLinkId, add->links().first().vendorLinkId);
    QCOMPARE(worldLinks(), after);
    m_sandbox->clearFaults();

    // When it is removed, the sandbox is exactly as before
    const auto remove = run(m_connector->deleteLink(add->links().first()));
    QCOMPARE(remove->error().kind, Kind::None);
    QCOMPARE(worldLinks(), before);

    // And removing it again is success without a PUT
    addFault(u"laserfiche:PUT:"_s + LinksPath + u":status=403"_s);
    const auto removeAgain = run(m_connector->deleteLink(wanted));
    QCOMPARE(removeAgain->error().kind, Kind::None);
    QCOMPARE(worldLinks(), before);
}

void TestLaserficheConnector::removeALinkWhoseTargetIsTheBusyEntry()
{
    m_connector->laserficheClient()->setPageSize(40);
    // A link to the standard terms, from an agreement, with custom properties
    const LaserficheLink *target = nullptr;
    for (const LaserficheLink *l : world().linksOf(Terms)) {
        if (l->targetId == Terms && !l->properties.isEmpty()) {
            target = l;
            break;
        }
    }
    QVERIFY(target);
    const qint32 agreement = target->sourceId;
    const qint32 removedId = target->id;
    QJsonArray expected;
    for (const QJsonValue &l : worldLinks()) {
        if (l["id"_L1].toInt() != removedId)
            expected.append(l);
    }

    const auto op = run(m_connector->deleteLink(link(agreement, Terms, target->definitionId)));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(worldLinks(), expected); // only that one is gone; the agreement's others are kept
}

void TestLaserficheConnector::nextLinkToAnotherOriginIsRefused()
{
    FakeHttpServer elsewhere;
    FakeHttpServer server;
    const QByteArray next
        = elsewhere.url(u"/repository/v2/Repositories/r-1/Entries/5/Links"_s).toEncoded();
    server.responder = [next](const QByteArray &) {
        return FakeHttpServer::response(
            200,
            R"({"value":[{"id":1,"linkDefinitionId":1,"sourceId":5,"targetId":6}],)"
            R"("@odata.nextLink":")"_ba
                + next + "?$skiptoken=1\"}"_ba);
    };
    auto connector = connectorFor(server.url(u"/repository"_s), u"r-1"_s);

    const auto read = run(connector->readLinks(entry(5)));
    QCOMPARE(read->error().kind, Kind::Redirect);
    QVERIFY(read->error().message.contains(u"does not send your credentials there"_s));

    // A write stops before its PUT
    const auto write = run(connector->createLink(link(5, 7, 1)));
    QCOMPARE(write->error().kind, Kind::Redirect);
    QCOMPARE(server.requests.size(), 2);
    for (const QByteArray &request : std::as_const(server.requests))
        QVERIFY(request.startsWith("GET /repository/v2/Repositories/r-1/Entries/5/Links "));
    QCOMPARE(elsewhere.requests.size(), 0);
}

void TestLaserficheConnector::endlessPagesStop()
{
    FakeHttpServer server; // every page points back to the first
    const QByteArray self
        = server.url(u"/repository/v2/Repositories/r-1/LinkDefinitions"_s).toEncoded();
    server.responder = [self](const QByteArray &) {
        return FakeHttpServer::response(
            200, R"({"value":[{"id":1}],"@odata.nextLink":")"_ba + self + "\"}"_ba);
    };
    auto connector = connectorFor(server.url(u"/repository"_s), u"r-1"_s);
    const auto op = run(connector->listLinkTypes());
    QCOMPARE(op->error().kind, Kind::BadResponse);
    QVERIFY2(op->error().details.contains(u"The same next page was given twice."_s),
             qPrintable(op->error().details));
    QCOMPARE(server.requests.size(), 1);
}

void TestLaserficheConnector::redirectToAnotherHostIsNotFollowed()
{
    FakeHttpServer elsewhere;
    const QJsonArray before = worldLinks();
    addFault(u"laserfiche:GET:"_s + LinksPath + u":redirect="_s + elsewhere.url().toString());
    const auto op = run(m_connector->createLink(link(Terms, findEntry(u"Invoice Template"_s), 2)));
    QCOMPARE(op->error().kind, Kind::Redirect);
    QCOMPARE(elsewhere.requests.size(), 0);
    QCOMPARE(worldLinks(), before);
}

void TestLaserficheConnector::lockedEntry()
{
    const qint32 locked = lockedEntryId();
    QVERIFY(locked != 0);
    const QString name = world().entry(locked)->name;
    const QJsonArray before = worldLinks();

    // From the locked entry
    const auto from = run(m_connector->createLink(link(locked, Terms, 7)));
    QCOMPARE(from->error().kind, Kind::Rejected);
    QCOMPARE(from->error().httpStatus, 423);
    QVERIFY2(from->error().message.contains(u"“%1”"_s.arg(name)),
             qPrintable(from->error().message));
    QVERIFY(from->error().message.contains(
        u"is checked out or locked in Laserfiche (account “Documents”); try again when it is "
        "unlocked."_s));
    QVERIFY(from->error().details.contains(u"HTTP 423"_s));

    // To the locked entry: Laserfiche refuses the change of its links too
    const auto to = run(m_connector->createLink(link(Terms, locked, 2)));
    QCOMPARE(to->error().kind, Kind::Rejected);
    QCOMPARE(to->error().httpStatus, 423);
    QVERIFY(to->error().message.contains(u"is checked out or locked"_s));
    QCOMPARE(worldLinks(), before);
}

void TestLaserficheConnector::resetWhileReadingLinksLeavesThemUnchanged()
{
    m_connector->laserficheClient()->setPageSize(40);
    const qint32 other = findEntry(u"Invoice Template"_s);
    const QJsonArray before = worldLinks();

    // Every read of the links is cut: no PUT is ever sent
    addFault(u"laserfiche:GET:"_s + LinksPath + u":reset=0.5"_s);
    const auto failed = run(m_connector->createLink(link(Terms, other, 2)));
    QVERIFY(failed->error().isError());
    QVERIFY2(failed->error().kind == Kind::Unreachable || failed->error().kind == Kind::BadResponse,
             qPrintable(failed->error().details));
    QCOMPARE(worldLinks(), before);
    const auto removeFailed = run(m_connector->deleteLink(
        link(world().linksOf(Terms).first()->sourceId, world().linksOf(Terms).first()->targetId,
             world().linksOf(Terms).first()->definitionId)));
    QVERIFY(removeFailed->error().isError());
    QCOMPARE(worldLinks(), before);
    m_sandbox->clearFaults();

    // The first two reads cut once each: read again, then exactly the one link is added
    addFault(u"laserfiche:GET:"_s + LinksPath + u":truncate=0.3:count=1"_s);
    addFault(u"laserfiche:GET:"_s + LinksPath + u":reset=0.5:count=1"_s);
    const auto added = run(m_connector->createLink(link(Terms, other, 2)));
    QCOMPARE(added->error().kind, Kind::None);
    QVERIFY(m_sandbox->faults().isEmpty()); // both struck
    const QJsonArray after = worldLinks();
    QCOMPARE(after.size(), before.size() + 1);
    for (const QJsonValue &l : before)
        QVERIFY(after.contains(l));
    QCOMPARE(withoutId(after.last().toObject()), worldLink(2, Terms, other));
}

void TestLaserficheConnector::truncatedPageIsReadAgain()
{
    m_connector->laserficheClient()->setPageSize(50);
    addFault(u"laserfiche:GET:"_s + LinksPath + u":truncate=0.5:count=2"_s);
    const auto op = run(m_connector->readLinks(entry(Terms)));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), world().linksOf(Terms).size());
}

void TestLaserficheConnector::rateLimitedReadsAreRetried()
{
    addFault(u"laserfiche:GET:"_s + LinksPath + u":status=429:count=3"_s);
    const auto op = run(m_connector->readLinks(entry(Terms)));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), world().linksOf(Terms).size());

    // Unending: the read gives up with Laserfiche's message, and a write sends nothing
    const QJsonArray before = worldLinks();
    addFault(u"laserfiche:GET:"_s + LinksPath + u":status=429"_s);
    const auto write
        = run(m_connector->createLink(link(Terms, findEntry(u"Invoice Template"_s), 2)));
    QCOMPARE(write->error().kind, Kind::RateLimited);
    QCOMPARE(worldLinks(), before);
}

void TestLaserficheConnector::lostAnswerOfThePutIsCheckedNotRepeated()
{
    m_connector->laserficheClient()->setPageSize(40);
    const qint32 other = findEntry(u"Invoice Template"_s);
    const QJsonArray before = worldLinks();

    // The PUT is applied but its answer is a 500; a second PUT would be refused
    addFault(u"laserfiche:PUT:"_s + LinksPath + u":status=500:after:count=1"_s);
    addFault(u"laserfiche:PUT:"_s + LinksPath + u":status=403"_s);
    const auto add = run(m_connector->createLink(link(Terms, other, 2)));
    // The links were read back: they are as intended, so the add succeeded
    QCOMPARE(add->error().kind, Kind::None);
    QCOMPARE(m_sandbox->faults().rules().size(), 1); // the 500 struck, the 403 did not
    QJsonArray after = worldLinks();
    QCOMPARE(after.size(), before.size() + 1);
    for (const QJsonValue &l : before)
        QVERIFY(after.contains(l));
    QCOMPARE(withoutId(after.last().toObject()), worldLink(2, Terms, other));

    // Repeating the add (as an outbox would) duplicates nothing and loses nothing
    const auto again = run(m_connector->createLink(link(Terms, other, 2)));
    QCOMPARE(again->error().kind, Kind::None);
    QCOMPARE(worldLinks(), after);
}

void TestLaserficheConnector::serverErrorBeforeThePutChangesNothing()
{
    const qint32 other = findEntry(u"Invoice Template"_s);
    const QJsonArray before = worldLinks();
    addFault(u"laserfiche:PUT:"_s + LinksPath + u":status=500:count=1"_s);
    const auto failed = run(m_connector->createLink(link(Terms, other, 2)));
    QCOMPARE(failed->error().kind, Kind::Server);
    QCOMPARE(failed->error().httpStatus, 500);
    QCOMPARE(worldLinks(), before);

    const auto again = run(m_connector->createLink(link(Terms, other, 2)));
    QCOMPARE(again->error().kind, Kind::None);
    const QJsonArray after = worldLinks();
    QCOMPARE(after.size(), before.size() + 1);
    for (const QJsonValue &l : before)
        QVERIFY(after.contains(l));
}

void TestLaserficheConnector::connectionLostAfterThePutIsChecked()
{
    const qint32 other = findEntry(u"Invoice Template"_s);
    const QJsonArray before = worldLinks();
    // Applied, then the connection closes without an answer (3: past QNAM's one silent resend)
    addFault(u"laserfiche:PUT:"_s + LinksPath + u":drop:after:count=3"_s);
    const auto add = run(m_connector->createLink(link(Terms, other, 2)));
    QCOMPARE(add->error().kind, Kind::None);
    const QJsonArray after = worldLinks();
    QCOMPARE(after.size(), before.size() + 1);
    for (const QJsonValue &l : before)
        QVERIFY(after.contains(l));
    QCOMPARE(withoutId(after.last().toObject()), worldLink(2, Terms, other));
}

void TestLaserficheConnector::putBodyHasEveryLinkWithItsProperties()
{
    // Entry 5: source of link 1 (with properties, on page 1), target of link 2 (page 2)
    const QByteArray link1
        = R"({"id":1,"linkDefinitionId":3,"sourceId":5,"targetId":6,"sourceFullPath":"\\a\\Five",)"
          R"("targetFullPath":"\\a\\Six","customProperties":{"k":"v","note":"ü \"q\""}})";
    const QByteArray link2
        = R"({"id":2,"linkDefinitionId":4,"sourceId":9,"targetId":5,"customProperties":null})";
    const QByteArray link3 = R"({"id":3,"linkDefinitionId":1,"sourceId":5,"targetId":7})";
    FakeHttpServer server;
    const QByteArray page2
        = server.url(u"/repository/v2/Repositories/r-1/Entries/5/Links"_s).toEncoded()
        + "?$skiptoken=1";
    bool put = false;
    server.responder = [&](const QByteArray &request) {
        if (request.startsWith("PUT ")) {
            put = true;
            return FakeHttpServer::response(200, "{\"value\":[]}");
        }
        if (request.contains("skiptoken"))
            return FakeHttpServer::response(200, "{\"value\":["_ba + link2 + "]}");
        return FakeHttpServer::response(200,
                                        "{\"value\":["_ba + link1
                                            + (put ? ","_ba + link3 : QByteArray())
                                            + "],\"@odata.nextLink\":\""_ba + page2 + "\"}");
    };
    auto connector = connectorFor(server.url(u"/repository"_s), u"r-1"_s);
    const auto op = run(connector->createLink(link(5, 7, 1)));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().vendorLinkId, u"3"_s);

    QByteArrayList lines;
    QByteArray body;
    for (const QByteArray &request : std::as_const(server.requests)) {
        lines << request.left(request.indexOf(' ') + 1)
                + (request.contains("skiptoken") ? "page 2"_ba : "page 1"_ba);
        if (request.startsWith("PUT "))
            body = request.mid(request.indexOf("\r\n\r\n") + 4);
    }
    QCOMPARE(
        lines,
        QByteArrayList({"GET page 1", "GET page 2", "PUT page 1", "GET page 1", "GET page 2"}));
    const QJsonArray sent = QJsonDocument::fromJson(body).object().value("links"_L1).toArray();
    QCOMPARE(sent,
             (QJsonArray{
                 QJsonObject{{"linkDefinitionId"_L1, 3},
                             {"otherEntryId"_L1, 6},
                             {"isSource"_L1, true},
                             {"customProperties"_L1,
                              QJsonObject{{"k"_L1, "v"_L1}, {"note"_L1, u"ü \"q\""_s}}}},
                 QJsonObject{{"linkDefinitionId"_L1, 4},
                             {"otherEntryId"_L1, 9},
                             {"isSource"_L1, false},
                             {"customProperties"_L1, QJsonObject{}}},
                 QJsonObject{{"linkDefinitionId"_L1, 1},
                             {"otherEntryId"_L1, 7},
                             {"isSource"_L1, true},
                             {"customProperties"_L1, QJsonObject{}}},
             }));
}

void TestLaserficheConnector::readBackThatDiffersFailsWithoutSecondPut()
{
    FakeHttpServer server; // takes the PUT, keeps nothing
    server.responder
        = [](const QByteArray &) { return FakeHttpServer::response(200, R"({"value":[]})"); };
    auto connector = connectorFor(server.url(u"/repository"_s), u"r-1"_s);
    const auto op = run(connector->createLink(link(5, 7, 1)));
    QCOMPARE(op->error().kind, Kind::BadResponse);
    QVERIFY2(op->error().message.contains(u"did not keep the links of entry 5 as Linkloom sent "
                                          "them"_s),
             qPrintable(op->error().message));
    QVERIFY2(op->error().details.contains(u"the link of definition 1 to entry 7 is missing"_s),
             qPrintable(op->error().details));
    QCOMPARE(server.requests.size(), 3);
    QVERIFY(server.requests.at(1).startsWith("PUT "));
    QVERIFY(!server.requests.at(2).startsWith("PUT "));
}

void TestLaserficheConnector::rejectedTokenIsReported()
{
    const QString wrong = u"not-a-token-0123456789abcdef"_s;
    m_tokens->setToken(wrong);
    const auto op = run(m_connector->readLinks(entry(Terms)));
    QCOMPARE(op->error().kind, Kind::Unauthorized);
    // Reported, asked for a new token and sent once more; refused again, it is not repeated.
    QCOMPARE(m_tokens->rejected, QStringList({wrong, wrong}));
    QVERIFY(!op->error().message.contains(wrong));
    QVERIFY(!op->error().details.contains(wrong));
}

void TestLaserficheConnector::expiredTokenIsReported()
{
    const QString token = m_sandbox->laserfiche().issueAccessTokenForTesting();
    m_tokens->setToken(token);
    addFault(u"laserfiche:expired:count=1"_s);
    const int asked = m_tokens->asked;
    // The expired token is reported, a token asked for again, and the read sent once more.
    const auto op = run(m_connector->readRecord(entry(Terms)));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(m_tokens->rejected, QStringList{token});
    QCOMPARE(m_tokens->asked, asked + 2);

    // Other answers report nothing
    const auto ok = run(m_connector->readRecord(entry(Terms)));
    QCOMPARE(ok->error().kind, Kind::None);
    QCOMPARE(m_tokens->rejected.size(), 1);
}

void TestLaserficheConnector::withoutTokenSource()
{
    FakeHttpServer server;
    LaserficheConnector connector(config(server.url(u"/repository"_s)), nullptr, m_network.get());
    ConnectorOperation *raw = connector.readLinks(entry(5), nullptr);
    QVERIFY(!raw->isFinished()); // finished() comes from the event loop
    const auto op = run(raw);
    QCOMPARE(op->error().kind, Kind::Unauthorized);
    QVERIFY(op->error().message.contains(u"Sign in"_s));
    QCOMPARE(server.requests.size(), 0);
}

void TestLaserficheConnector::tokenSourceErrorIsPassedOn()
{
    FakeHttpServer server;
    m_tokens->error.kind = Kind::Unauthorized;
    m_tokens->error.message = u"Sign in to Laserfiche again."_s;
    m_tokens->setToken({});
    auto connector = connectorFor(server.url(u"/repository"_s));
    const auto op = run(connector->createLink(link(5, 6, 1)));
    QCOMPARE(op->error().kind, Kind::Unauthorized);
    QCOMPARE(op->error().message, u"Sign in to Laserfiche again."_s);
    QCOMPARE(server.requests.size(), 0);
}

void TestLaserficheConnector::requestsCarryTokenAndPageSize()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &request) {
        if (request.startsWith("GET /repository/v2/Repositories/r-1/Entries/5 "))
            return FakeHttpServer::response(200, R"({"id":5,"name":"Terms"})");
        return FakeHttpServer::response(200, R"({"value":[]})");
    };
    m_tokens->setToken(u"fixed-token"_s);
    auto connector = connectorFor(server.url(u"/repository/"_s), u"r-1"_s);
    QCOMPARE(run(connector->readLinks(entry(5)))->error().kind, Kind::None);
    QCOMPARE(run(connector->listLinkTypes())->error().kind, Kind::None);
    QCOMPARE(run(connector->listRecords(u"entry"_s))->error().kind, Kind::None);
    QCOMPARE(run(connector->readRecord(entry(5)))->error().kind, Kind::None);
    QCOMPARE(server.requests.size(), 4);
    QByteArrayList lines;
    for (const QByteArray &request : std::as_const(server.requests)) {
        lines << request.left(request.indexOf("\r\n"));
        QVERIFY(request.contains("\r\nAuthorization: Bearer fixed-token\r\n"));
        QCOMPARE(request.contains("\r\nPrefer: maxpagesize=1000\r\n"),
                 !request.startsWith("GET /repository/v2/Repositories/r-1/Entries/5 "));
    }
    QCOMPARE(lines,
             QByteArrayList({"GET /repository/v2/Repositories/r-1/Entries/5/Links HTTP/1.1",
                             "GET /repository/v2/Repositories/r-1/LinkDefinitions HTTP/1.1",
                             "GET /repository/v2/Repositories/r-1/Entries/1/Folder/Children "
                             "HTTP/1.1",
                             "GET /repository/v2/Repositories/r-1/Entries/5 HTTP/1.1"}));
}

void TestLaserficheConnector::refusalsSendNothing()
{
    FakeHttpServer server;
    auto connector = connectorFor(server.url(u"/repository"_s), u"r-1"_s);
    RecordKey foreign = entry(6);
    foreign.account = u"someone-else"_s;
    RecordKey folder = entry(6);
    folder.type = u"folder"_s;
    const QList<ConnectorOperation *> ops{
        connector->createLink(link(5, 5, 1)),
        connector->createLink(link(5, 6, 0)),
        connector->deleteLink(
            Link{entry(5), entry(6), u"x"_s, LinkDirection::Directed, {}, {}, {}}),
        connector->createLink(Link{entry(5), foreign, u"1"_s, LinkDirection::Directed, {}, {}, {}}),
        connector->readLinks(folder),
    };
    for (ConnectorOperation *raw : ops) {
        const auto op = run(raw);
        QCOMPARE(op->error().kind, Kind::Rejected);
        QVERIFY(!op->error().message.isEmpty());
    }
    QCOMPARE(server.requests.size(), 0);
}

QTEST_GUILESS_MAIN(TestLaserficheConnector)
#include "tst_laserficheconnector.moc"
