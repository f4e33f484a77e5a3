#include "connectors/networkmanager.h"
#include "connectors/pm415/pm415connector.h"
#include "sandbox/pm415demo.h"
#include "sandbox/pm415sandbox.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Kind = ConnectorError::Kind;

namespace {

/// Every request the connector makes, as it leaves the network manager.
struct Sent
{
    QByteArray verb;
    QUrl url;
    QByteArray body;
    QByteArray authorization;
};

class RecordingNetworkManager : public NetworkManager
{
public:
    QList<Sent> sent;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        const QByteArray verb = verbOf(op, request);
        const QByteArray body = outgoingData
            ? outgoingData->peek(std::max<qint64>(outgoingData->size(), 1 << 20))
            : QByteArray();
        sent.append({verb, request.url(), body, request.rawHeader("Authorization")});
        return NetworkManager::createRequest(op, request, outgoingData);
    }
};

/// Written here again, not taken from the code under test: whether `body` is a connections
/// POST body whose four arrays are all empty (the live server's wipe), or not JSON at all.
bool isWipe(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.isEmpty())
        return true;
    for (const auto key : {"items"_L1, "backlogs"_L1, "initiatives"_L1, "bugs"_L1}) {
        if (!o.value(key).toArray().isEmpty())
            return false;
    }
    return true;
}

Pm415Type typeOf(const QString &name)
{
    return *pm415TypeFromName(name);
}

} // namespace

class TestPm415Connector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void recordTypesAndLinkTypes();
    void listRecordsOfEveryOrganization();
    void listRecordsOfTheConfiguredOrganization();
    void badOrPendingOrganization();
    void archivedRecordsAreListedAndSaySo();
    void readRecord();
    void readLinksWithTitles();
    void readLinksOfARecordWithoutConnections();
    void createLinkVerifiesByReadingBack();
    void createExistingLinkWritesNothing();
    void deleteLinkVerifiesByReadingBack();
    void deleteAbsentLinkWritesNothing();
    void seedAliasesAreLiveNames();
    void writesToMissingRecordsAreNotFound();
    void sameTypeLinkIsRefusedAndSendsNothing();
    void linksThatMapToNoArrayAreRefused_data();
    void linksThatMapToNoArrayAreRefused();
    void postFailingAfterTheChangeThenRepeatDoesNotDuplicate();
    void postFailingBeforeTheChangeIsReportedAndSafeToRepeat();
    void deleteFailingAfterTheChangeSucceeds();
    void truncatedConnectionsChangeNothing();
    void resetAndServerErrorsOnReadsAreRetried();
    void verificationReportsOtherChanges();
    void wrongApiKey();
    void wrongAddressSaysSoWithoutHtml();

private:
    static bool wait(ConnectorJob *job);
    AccountConfig config(const QUrl &base, const QVariantMap &options = {}) const
    {
        return {Vendor::Pm415, u"roadmap"_s, u"Roadmap"_s, base, {}, options};
    }
    static QString apiKey() { return QString::fromLatin1(SandboxServer::Pm415ApiKey); }
    void makeConnector(const QVariantMap &options = {}, const QString &key = apiKey(),
                       const QString &path = {});
    RecordKey key(Pm415Type type, qint64 id) const
    {
        return {Vendor::Pm415, u"roadmap"_s, pm415TypeName(type), QString::number(id)};
    }
    Link link(const RecordKey &a, const RecordKey &b) const
    {
        return {a, b, u"connection"_s, LinkDirection::Undirected, {}, LinkState::Pending, {}};
    }
    Pm415World &world() { return m_sandbox->pm415().world(); }
    /// The connections table without row ids, sorted: what no test may change unasked.
    QStringList rows();
    /// The rows with `a`-`b` added (once) or removed.
    QStringList rowsWith(QStringList rows, Pm415Ref a, Pm415Ref b, bool add);
    /// A record of `a` and one of `b` in the demo organization, connected or not.
    std::pair<Pm415Ref, Pm415Ref> pair(Pm415Type a, Pm415Type b, bool connected);
    QList<Sent> sent(const QByteArray &verb) const;

    std::unique_ptr<RecordingNetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<Pm415Connector> m_connector;
};

void TestPm415Connector::init()
{
    m_network = std::make_unique<RecordingNetworkManager>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    makeConnector();
}

void TestPm415Connector::makeConnector(const QVariantMap &options, const QString &key,
                                       const QString &path)
{
    QUrl base = m_sandbox->baseUrl(Vendor::Pm415);
    base.setPath(base.path() + path);
    m_connector = std::make_unique<Pm415Connector>(config(base, options), key, m_network.get());
    // Fast retries of reads, so the fault runs stay short.
    m_connector->client()->setRetryPolicy({4, 5, 20, 120});
}

void TestPm415Connector::cleanup()
{
    // No test, whatever it did, may have sent a body with four empty arrays.
    if (m_network) {
        for (const Sent &request : std::as_const(m_network->sent)) {
            if (request.verb == "POST" && isWipe(request.body))
                QFAIL(qPrintable(u"A wiping body reached the server: "_s
                                 + QString::fromUtf8(request.body)));
            QVERIFY(request.authorization.startsWith("Bearer "));
            QVERIFY(!request.url.hasQuery()); // never ?access_token=
        }
    }
    m_connector.reset();
    m_sandbox.reset();
    m_network.reset();
}

bool TestPm415Connector::wait(ConnectorJob *job)
{
    QSignalSpy finished(job, &ConnectorJob::finished);
    if (!job->isFinished() && !finished.wait(10'000))
        return false;
    QTest::qWait(0);
    return job->isFinished();
}

QStringList TestPm415Connector::rows()
{
    QStringList result;
    for (const auto &[id, row] : world().connections()) {
        QStringList columns;
        for (Pm415Type type : AllPm415Types) {
            if (const auto value = row[type])
                columns << pm415TypeName(type) + u':' + QString::number(*value);
        }
        result << columns.join(u' ');
    }
    result.sort();
    return result;
}

QStringList TestPm415Connector::rowsWith(QStringList rows, Pm415Ref a, Pm415Ref b, bool add)
{
    const auto column = [](Pm415Ref ref) -> QString {
        return pm415TypeName(ref.type) + u':' + QString::number(ref.id);
    };
    // Columns come in AllPm415Types order.
    const QString row = a.type < b.type ? QString(column(a) + u' ' + column(b))
                                        : QString(column(b) + u' ' + column(a));
    if (add)
        rows << row;
    else
        rows.removeAll(row);
    rows.sort();
    return rows;
}

std::pair<Pm415Ref, Pm415Ref> TestPm415Connector::pair(Pm415Type a, Pm415Type b, bool connected)
{
    for (const auto &[aId, aRecord] : world().records(a)) {
        if (aRecord.organizationId != Pm415DemoOrgId)
            continue;
        const QList<Pm415Ref> linked = world().connected({a, aId});
        for (const auto &[bId, bRecord] : world().records(b)) {
            if (bRecord.organizationId == Pm415DemoOrgId
                && linked.contains(Pm415Ref{b, bId}) == connected) {
                return {{a, aId}, {b, bId}};
            }
        }
    }
    return {};
}

QList<Sent> TestPm415Connector::sent(const QByteArray &verb) const
{
    QList<Sent> result;
    for (const Sent &request : std::as_const(m_network->sent)) {
        if (request.verb == verb)
            result << request;
    }
    return result;
}

void TestPm415Connector::recordTypesAndLinkTypes()
{
    QStringList types;
    for (const RecordTypeInfo &info : m_connector->recordTypes()) {
        types << info.type;
        QVERIFY(!info.label.isEmpty());
    }
    QCOMPARE(types, QStringList({u"initiative"_s, u"backlog"_s, u"item"_s, u"bug"_s}));

    std::unique_ptr<ConnectorOperation> op(m_connector->listLinkTypes(nullptr));
    QVERIFY(!op->isFinished()); // finished() comes from the event loop
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->linkTypes().size(), 1);
    QCOMPARE(op->linkTypes().first().id, u"connection"_s);
    QCOMPARE(op->linkTypes().first().forwardLabel, u"is connected to"_s);
    QCOMPARE(op->linkTypes().first().backwardLabel, u"is connected to"_s);
    QCOMPARE(op->linkTypes().first().direction, LinkDirection::Undirected);
    QVERIFY(m_network->sent.isEmpty());
}

void TestPm415Connector::listRecordsOfEveryOrganization()
{
    for (Pm415Type type : AllPm415Types) {
        // Given the user is a member of two organizations (and pending in a third)
        m_network->sent.clear();
        QSet<QString> expected;
        for (const auto &[id, record] : world().records(type)) {
            if (record.organizationId == Pm415DemoOrgId || record.organizationId == Pm415LabsOrgId)
                expected.insert(QString::number(id));
        }
        QVERIFY(!expected.isEmpty());

        // When a type is listed without a configured organization
        std::unique_ptr<ConnectorOperation> op(
            m_connector->listRecords(pm415TypeName(type), nullptr));
        QSignalSpy progress(op.get(), &ConnectorOperation::progress);
        QVERIFY(wait(op.get()));

        // Then every record of both organizations arrived once, with its title
        QCOMPARE(op->error().kind, Kind::None);
        QSet<QString> ids;
        for (const Record &record : op->records()) {
            QCOMPARE(record.key.vendor, Vendor::Pm415);
            QCOMPARE(record.key.account, u"roadmap"_s);
            QCOMPARE(record.key.type, pm415TypeName(type));
            QCOMPARE(record.title, world().find(type, record.key.id.toLongLong())->title);
            ids.insert(record.key.id);
        }
        QCOMPARE(ids, expected);
        QCOMPARE(op->records().size(), expected.size());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).value<qsizetype>(), expected.size());
        QCOMPARE(m_network->sent.first().url.path(), u"/pm415/api/user/orgs"_s);
        const int perOrganization = type == Pm415Type::Item ? 2 : 1;
        QCOMPARE(m_network->sent.size(), 1 + 2 * perOrganization); // not the pending one
    }
}

void TestPm415Connector::listRecordsOfTheConfiguredOrganization()
{
    makeConnector({{u"organization"_s, Pm415LabsOrgId}});
    std::unique_ptr<ConnectorOperation> op(m_connector->listRecords(u"item"_s, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    qsizetype expected = 0;
    for (const auto &[id, record] : world().records(Pm415Type::Item))
        expected += record.organizationId == Pm415LabsOrgId;
    QCOMPARE(op->records().size(), expected);
    QCOMPARE(m_network->sent.size(), 2);
    QCOMPARE(m_network->sent.at(0).url.path(), u"/pm415/api/items/all/true/backlogs/18"_s);
    QCOMPARE(m_network->sent.at(1).url.path(), u"/pm415/api/items/all/true/initiatives/18"_s);
    for (const Record &record : op->records()) {
        const QString owner = record.fields.value(u"Belongs to"_s).toString();
        QVERIFY2(owner.startsWith(u"backlog "_s) || owner.startsWith(u"initiative "_s),
                 qPrintable(owner));
    }

    op.reset(); // the connector owned it: delete it before the connector goes

    // "0" means every organization
    makeConnector({{u"organization"_s, u"0"_s}});
    m_network->sent.clear();
    std::unique_ptr<ConnectorOperation> all(m_connector->listRecords(u"backlog"_s, nullptr));
    QVERIFY(wait(all.get()));
    QCOMPARE(all->error().kind, Kind::None);
    QCOMPARE(m_network->sent.first().url.path(), u"/pm415/api/user/orgs"_s);
}

void TestPm415Connector::badOrPendingOrganization()
{
    makeConnector({{u"organization"_s, u"northwind"_s}});
    std::unique_ptr<ConnectorOperation> bad(m_connector->listRecords(u"bug"_s, nullptr));
    QVERIFY(!bad->isFinished());
    QVERIFY(wait(bad.get()));
    QCOMPARE(bad->error().kind, Kind::Rejected);
    QVERIFY2(bad->error().message.contains(u"organization"_s), qPrintable(bad->error().message));
    QVERIFY(m_network->sent.isEmpty());
    bad.reset(); // the connector owned it: delete it before the connector goes

    makeConnector({{u"organization"_s, Pm415PendingOrgId}});
    std::unique_ptr<ConnectorOperation> pending(m_connector->listRecords(u"bug"_s, nullptr));
    QVERIFY(wait(pending.get()));
    QCOMPARE(pending->error().kind, Kind::Forbidden);
    QVERIFY2(pending->error().message.contains(u"Organization privileges required"_s),
             qPrintable(pending->error().message));

    std::unique_ptr<ConnectorOperation> unknown(m_connector->listRecords(u"epic"_s, nullptr));
    QVERIFY(wait(unknown.get()));
    QCOMPARE(unknown->error().kind, Kind::Rejected);
}

void TestPm415Connector::archivedRecordsAreListedAndSaySo()
{
    qint64 archived = 0;
    for (const auto &[id, record] : world().records(Pm415Type::Backlog)) {
        if (record.archived && record.organizationId == Pm415DemoOrgId)
            archived = id;
    }
    QVERIFY(archived != 0);
    std::unique_ptr<ConnectorOperation> op(m_connector->listRecords(u"backlog"_s, nullptr));
    QVERIFY(wait(op.get()));
    int flagged = 0;
    for (const Record &record : op->records()) {
        QVERIFY(record.fields.contains(u"Archived"_s));
        if (record.fields.value(u"Archived"_s).toBool()) {
            ++flagged;
            QCOMPARE(record.key.id, QString::number(archived));
        }
    }
    QCOMPARE(flagged, 1);
}

void TestPm415Connector::readRecord()
{
    const auto [item, bug] = pair(Pm415Type::Item, Pm415Type::Bug, false);
    std::unique_ptr<ConnectorOperation> op(
        m_connector->readRecord(key(item.type, item.id), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->records().size(), 1);
    QCOMPARE(op->records().first().key, key(item.type, item.id));
    QCOMPARE(op->records().first().title, world().find(item)->title);

    std::unique_ptr<ConnectorOperation> missing(
        m_connector->readRecord(key(Pm415Type::Bug, 987654), nullptr));
    QVERIFY(wait(missing.get()));
    QCOMPARE(missing->error().kind, Kind::NotFound);
    QVERIFY(missing->records().isEmpty());
    QVERIFY(!missing->error().message.isEmpty());

    std::unique_ptr<ConnectorOperation> badId(m_connector->readRecord(
        RecordKey{Vendor::Pm415, u"roadmap"_s, u"bug"_s, u"12abc"_s}, nullptr));
    QVERIFY(wait(badId.get()));
    QCOMPARE(badId->error().kind, Kind::Rejected);
}

void TestPm415Connector::readLinksWithTitles()
{
    // Given the record with connections of the most types
    Pm415Ref best;
    QSet<Pm415Type> bestTypes;
    for (Pm415Type type : AllPm415Types) {
        for (const auto &[id, record] : world().records(type)) {
            QSet<Pm415Type> types;
            for (const Pm415Ref &other : world().connected({type, id}))
                types.insert(other.type);
            if (types.size() > bestTypes.size()) {
                best = {type, id};
                bestTypes = types;
            }
        }
    }
    QVERIFY(bestTypes.size() >= 2);
    const RecordKey owner = key(best.type, best.id);

    // When its links are read
    std::unique_ptr<ConnectorOperation> op(m_connector->readLinks(owner, nullptr));
    QVERIFY(wait(op.get()));

    // Then they are the world's connections, undirected, without ids, and every other end has
    // its title
    QCOMPARE(op->error().kind, Kind::None);
    QSet<RecordKey> expected;
    for (const Pm415Ref &other : world().connected(best))
        expected.insert(key(other.type, other.id));
    QSet<RecordKey> got;
    for (const Link &l : op->links()) {
        QCOMPARE(l.source, owner);
        QCOMPARE(l.type, u"connection"_s);
        QCOMPARE(l.direction, LinkDirection::Undirected);
        QVERIFY(l.vendorLinkId.isEmpty());
        QCOMPARE(l.state, LinkState::Confirmed);
        got.insert(l.target);
    }
    QCOMPARE(got, expected);
    QCOMPARE(op->links().size(), expected.size());
    for (const RecordKey &other : std::as_const(expected)) {
        const auto record = std::ranges::find(op->records(), other, &Record::key);
        QVERIFY2(record != op->records().end(), qPrintable(other.toString()));
        QCOMPARE(record->title, world().find(typeOf(other.type), other.id.toLongLong())->title);
    }
    // One GET for the rows, then one per further type named, at most three in all
    const QList<Sent> gets = sent("GET");
    QCOMPARE(m_network->sent.size(), gets.size());
    QVERIFY(gets.size() <= 3);
    QVERIFY(gets.size() >= bestTypes.size() - 1);
}

void TestPm415Connector::readLinksOfARecordWithoutConnections()
{
    Pm415Ref lonely;
    for (const auto &[id, record] : world().records(Pm415Type::Bug)) {
        if (world().connectionsOf(Pm415Type::Bug, id).isEmpty())
            lonely = {Pm415Type::Bug, id};
    }
    QVERIFY(lonely.id != 0);
    std::unique_ptr<ConnectorOperation> op(
        m_connector->readLinks(key(lonely.type, lonely.id), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QVERIFY(op->links().isEmpty());
    QCOMPARE(m_network->sent.size(), 1);
    QCOMPARE(m_network->sent.first().url.path(),
             u"/pm415/api/connections/bug/initiative/%1"_s.arg(lonely.id));
}

void TestPm415Connector::createLinkVerifiesByReadingBack()
{
    // Given a bug and an initiative that are not connected
    const auto [bug, initiative] = pair(Pm415Type::Bug, Pm415Type::Initiative, false);
    QVERIFY(bug.id != 0);
    const QStringList before = rows();

    // When they are linked
    std::unique_ptr<ConnectorOperation> op(m_connector->createLink(
        link(key(bug.type, bug.id), key(initiative.type, initiative.id)), nullptr));
    QVERIFY(wait(op.get()));

    // Then the connection exists once, nothing else changed, and the link is confirmed
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(rows(), rowsWith(before, bug, initiative, true));
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().state, LinkState::Confirmed);
    QCOMPARE(op->links().first().target, key(initiative.type, initiative.id));
    QCOMPARE(op->records().size(), 1); // the other end's title, from the read-back
    QCOMPARE(op->records().first().title, world().find(initiative)->title);
    // Read, write one type, read back
    QCOMPARE(m_network->sent.size(), 3);
    QCOMPARE(m_network->sent.at(0).verb, "GET"_ba);
    QCOMPARE(m_network->sent.at(1).verb, "POST"_ba);
    QCOMPARE(m_network->sent.at(1).url.path(), u"/pm415/api/connections/bug/%1"_s.arg(bug.id));
    const QJsonObject body = QJsonDocument::fromJson(m_network->sent.at(1).body).object();
    QCOMPARE(body.value("initiatives"_L1).toArray(), QJsonArray{initiative.id});
    QCOMPARE(body.value("items"_L1).toArray(), QJsonArray());
    QCOMPARE(body.value("backlogs"_L1).toArray(), QJsonArray());
    QCOMPARE(body.value("bugs"_L1).toArray(), QJsonArray());
    QCOMPARE(body.value("delete"_L1), QJsonValue(false));
    QCOMPARE(m_network->sent.at(2).verb, "GET"_ba);

    // And reading the initiative's links shows the bug
    std::unique_ptr<ConnectorOperation> read(
        m_connector->readLinks(key(initiative.type, initiative.id), nullptr));
    QVERIFY(wait(read.get()));
    QVERIFY(std::ranges::any_of(read->links(),
                                [&](const Link &l) { return l.target == key(bug.type, bug.id); }));
}

void TestPm415Connector::createExistingLinkWritesNothing()
{
    const auto [item, backlog] = pair(Pm415Type::Item, Pm415Type::Backlog, true);
    QVERIFY(item.id != 0);
    const QStringList before = rows();
    std::unique_ptr<ConnectorOperation> op(m_connector->createLink(
        link(key(backlog.type, backlog.id), key(item.type, item.id)), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(op->links().size(), 1);
    QCOMPARE(op->links().first().state, LinkState::Confirmed);
    QCOMPARE(rows(), before);
    QVERIFY(sent("POST").isEmpty());
}

void TestPm415Connector::deleteLinkVerifiesByReadingBack()
{
    const auto [bug, item] = pair(Pm415Type::Bug, Pm415Type::Item, true);
    QVERIFY(bug.id != 0);
    const QStringList before = rows();
    // From the item's side: undirected, either end may own the write
    std::unique_ptr<ConnectorOperation> op(
        m_connector->deleteLink(link(key(item.type, item.id), key(bug.type, bug.id)), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(rows(), rowsWith(before, bug, item, false));
    QVERIFY(!world().connected(bug).contains(item));
    const QList<Sent> posts = sent("POST");
    QCOMPARE(posts.size(), 1);
    QCOMPARE(posts.first().url.path(), u"/pm415/api/connections/item/%1"_s.arg(item.id));
    const QJsonObject body = QJsonDocument::fromJson(posts.first().body).object();
    QCOMPARE(body.value("bugs"_L1).toArray(), QJsonArray{bug.id});
    QCOMPARE(body.value("delete"_L1), QJsonValue(true));
    QCOMPARE(m_network->sent.size(), 3);
}

void TestPm415Connector::deleteAbsentLinkWritesNothing()
{
    const auto [initiative, backlog] = pair(Pm415Type::Initiative, Pm415Type::Backlog, false);
    QVERIFY(initiative.id != 0);
    const QStringList before = rows();
    std::unique_ptr<ConnectorOperation> op(m_connector->deleteLink(
        link(key(initiative.type, initiative.id), key(backlog.type, backlog.id)), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(rows(), before);
    QVERIFY(sent("POST").isEmpty());
}

void TestPm415Connector::seedAliasesAreLiveNames()
{
    // Seed 003's "Bugs" and "Initiatives" in user input mean the live server's names
    const auto [bug, initiative] = pair(Pm415Type::Bug, Pm415Type::Initiative, false);
    const RecordKey source{Vendor::Pm415, u"roadmap"_s, u"Bugs"_s, QString::number(bug.id)};
    const RecordKey target{Vendor::Pm415, u"roadmap"_s, u"Initiatives"_s,
                           QString::number(initiative.id)};
    std::unique_ptr<ConnectorOperation> op(m_connector->createLink(link(source, target), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QVERIFY(world().connected(bug).contains(initiative));
    QCOMPARE(op->links().first().source, key(bug.type, bug.id));
    for (const Sent &request : std::as_const(m_network->sent))
        QVERIFY2(request.url.path().startsWith(u"/pm415/api/connections/bug/"_s),
                 qPrintable(request.url.path()));
}

void TestPm415Connector::writesToMissingRecordsAreNotFound()
{
    const auto [bug, initiative] = pair(Pm415Type::Bug, Pm415Type::Initiative, true);
    const QStringList before = rows();
    // The owner is missing: pm415 says "not found this bug."
    std::unique_ptr<ConnectorOperation> owner(m_connector->createLink(
        link(key(Pm415Type::Bug, 987654), key(initiative.type, initiative.id)), nullptr));
    QVERIFY(wait(owner.get()));
    QCOMPARE(owner->error().kind, Kind::NotFound);
    QVERIFY2(owner->error().message.contains(u"not found this bug."_s),
             qPrintable(owner->error().message));
    // The other end is missing: "not found initiatives."
    std::unique_ptr<ConnectorOperation> other(m_connector->createLink(
        link(key(bug.type, bug.id), key(Pm415Type::Initiative, 987654)), nullptr));
    QVERIFY(wait(other.get()));
    QCOMPARE(other->error().kind, Kind::NotFound);
    QVERIFY2(other->error().message.contains(u"not found initiatives."_s),
             qPrintable(other->error().message));
    QCOMPARE(rows(), before);
}

void TestPm415Connector::sameTypeLinkIsRefusedAndSendsNothing()
{
    const auto bugs = world().records(Pm415Type::Bug);
    const qint64 first = bugs.begin()->first;
    const qint64 second = std::next(bugs.begin())->first;
    const QStringList before = rows();

    for (bool remove : {false, true}) {
        const Link sameType = link(key(Pm415Type::Bug, first), key(Pm415Type::Bug, second));
        std::unique_ptr<ConnectorOperation> op(remove ? m_connector->deleteLink(sameType, nullptr)
                                                      : m_connector->createLink(sameType, nullptr));
        QVERIFY(!op->isFinished());
        QVERIFY(wait(op.get()));
        QCOMPARE(op->error().kind, Kind::Rejected);
        QVERIFY2(op->error().message.contains(u"different types"_s),
                 qPrintable(op->error().message));
        QVERIFY(op->error().message.contains(u"bug %1"_s.arg(first)));
    }
    // A record with itself too
    std::unique_ptr<ConnectorOperation> self(
        m_connector->createLink(link(key(Pm415Type::Item, 40), key(Pm415Type::Item, 40)), nullptr));
    QVERIFY(wait(self.get()));
    QCOMPARE(self->error().kind, Kind::Rejected);

    QVERIFY(m_network->sent.isEmpty());
    QCOMPARE(rows(), before);
}

void TestPm415Connector::linksThatMapToNoArrayAreRefused_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("linkType");
    QTest::addColumn<QString>("account");
    const QString account = u"roadmap"_s;
    const QString connection = u"connection"_s;
    QTest::newRow("unknown type") << u"epic"_s << u"28"_s << connection << account;
    QTest::newRow("type with a space") << u"initiative "_s << u"28"_s << connection << account;
    QTest::newRow("empty type") << QString() << u"28"_s << connection << account;
    QTest::newRow("zero id") << u"initiative"_s << u"0"_s << connection << account;
    QTest::newRow("id parseInt reads") << u"initiative"_s << u"28abc"_s << connection << account;
    QTest::newRow("negative id") << u"initiative"_s << u"-28"_s << connection << account;
    QTest::newRow("empty id") << u"initiative"_s << QString() << connection << account;
    QTest::newRow("another link type") << u"initiative"_s << u"28"_s << u"related"_s << account;
    QTest::newRow("another account") << u"initiative"_s << u"28"_s << connection << u"other"_s;
}

void TestPm415Connector::linksThatMapToNoArrayAreRefused()
{
    QFETCH(QString, type);
    QFETCH(QString, id);
    QFETCH(QString, linkType);
    QFETCH(QString, account);
    const auto [bug, initiative] = pair(Pm415Type::Bug, Pm415Type::Initiative, true);
    const QStringList before = rows();
    Link odd = link(key(bug.type, bug.id), {Vendor::Pm415, account, type, id});
    odd.type = linkType;
    for (bool remove : {false, true}) {
        std::unique_ptr<ConnectorOperation> op(remove ? m_connector->deleteLink(odd, nullptr)
                                                      : m_connector->createLink(odd, nullptr));
        QVERIFY(wait(op.get()));
        QCOMPARE(op->error().kind, Kind::Rejected);
        QVERIFY(!op->error().message.isEmpty());
    }
    QVERIFY(m_network->sent.isEmpty());
    QCOMPARE(rows(), before);
}

void TestPm415Connector::postFailingAfterTheChangeThenRepeatDoesNotDuplicate()
{
    // Given a POST that pm415 applies but answers with 500
    const auto [item, initiative] = pair(Pm415Type::Item, Pm415Type::Initiative, false);
    QVERIFY(item.id != 0);
    const QStringList before = rows();
    QString error;
    QVERIFY2(m_sandbox->addFault(u"pm415:POST:/connections/**:status=500:after:count=1"_s, &error),
             qPrintable(error));
    const Link wanted = link(key(item.type, item.id), key(initiative.type, initiative.id));

    // When the link is created: the read-back finds it, so the operation succeeds
    std::unique_ptr<ConnectorOperation> op(m_connector->createLink(wanted, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(rows(), rowsWith(before, item, initiative, true));
    QCOMPARE(sent("POST").size(), 1);

    // And creating it again neither writes nor duplicates it
    std::unique_ptr<ConnectorOperation> again(m_connector->createLink(wanted, nullptr));
    QVERIFY(wait(again.get()));
    QCOMPARE(again->error().kind, Kind::None);
    QCOMPARE(rows(), rowsWith(before, item, initiative, true));
    QCOMPARE(sent("POST").size(), 1);
    QVERIFY(m_sandbox->faults().isEmpty());
}

void TestPm415Connector::postFailingBeforeTheChangeIsReportedAndSafeToRepeat()
{
    const auto [backlog, bug] = pair(Pm415Type::Backlog, Pm415Type::Bug, false);
    QVERIFY(backlog.id != 0);
    const QStringList before = rows();
    QVERIFY(m_sandbox->addFault(u"pm415:POST:/connections/**:status=503:count=1"_s));
    const Link wanted = link(key(backlog.type, backlog.id), key(bug.type, bug.id));

    std::unique_ptr<ConnectorOperation> op(m_connector->createLink(wanted, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::Server); // nothing happened: the POST's own error
    QCOMPARE(rows(), before);
    QCOMPARE(sent("POST").size(), 1); // never repeated blindly
    QCOMPARE(m_network->sent.last().verb, "GET"_ba); // but read back

    std::unique_ptr<ConnectorOperation> again(m_connector->createLink(wanted, nullptr));
    QVERIFY(wait(again.get()));
    QCOMPARE(again->error().kind, Kind::None);
    QCOMPARE(rows(), rowsWith(before, backlog, bug, true));
}

void TestPm415Connector::deleteFailingAfterTheChangeSucceeds()
{
    const auto [initiative, item] = pair(Pm415Type::Initiative, Pm415Type::Item, true);
    QVERIFY(initiative.id != 0);
    const QStringList before = rows();
    QVERIFY(m_sandbox->addFault(u"pm415:POST:/connections/**:drop:after:count=3"_s));
    std::unique_ptr<ConnectorOperation> op(m_connector->deleteLink(
        link(key(initiative.type, initiative.id), key(item.type, item.id)), nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::None);
    QCOMPARE(rows(), rowsWith(before, initiative, item, false));
}

void TestPm415Connector::truncatedConnectionsChangeNothing()
{
    // Given every connections GET answers cut-short JSON
    const auto [bug, backlog] = pair(Pm415Type::Bug, Pm415Type::Backlog, false);
    const auto [item, initiative] = pair(Pm415Type::Item, Pm415Type::Initiative, true);
    const QStringList before = rows();
    QVERIFY(m_sandbox->addFault(u"pm415:GET:/connections/**:truncate=0.5"_s));

    // When links are read, created and deleted
    std::unique_ptr<ConnectorOperation> read(
        m_connector->readLinks(key(item.type, item.id), nullptr));
    std::unique_ptr<ConnectorOperation> create(m_connector->createLink(
        link(key(bug.type, bug.id), key(backlog.type, backlog.id)), nullptr));
    std::unique_ptr<ConnectorOperation> remove(m_connector->deleteLink(
        link(key(item.type, item.id), key(initiative.type, initiative.id)), nullptr));
    QVERIFY(wait(read.get()));
    QVERIFY(wait(create.get()));
    QVERIFY(wait(remove.get()));

    // Then each fails as a bad response (after the retries), nothing was written or changed
    for (ConnectorOperation *op : {read.get(), create.get(), remove.get()}) {
        QCOMPARE(op->error().kind, Kind::BadResponse);
        QVERIFY(!op->error().message.isEmpty());
    }
    QVERIFY(read->links().isEmpty());
    QVERIFY(sent("POST").isEmpty());
    QCOMPARE(rows(), before);
}

void TestPm415Connector::resetAndServerErrorsOnReadsAreRetried()
{
    QVERIFY(m_sandbox->addFault(u"pm415:GET:/user/orgs:reset=0.3:count=1"_s));
    QVERIFY(m_sandbox->addFault(u"pm415:GET:/bugs/**:status=502:count=2"_s));
    std::unique_ptr<ConnectorOperation> list(m_connector->listRecords(u"bug"_s, nullptr));
    QVERIFY(wait(list.get()));
    QCOMPARE(list->error().kind, Kind::None);
    QVERIFY(!list->records().isEmpty());

    const auto [bug, item] = pair(Pm415Type::Bug, Pm415Type::Item, true);
    QVERIFY(m_sandbox->addFault(u"pm415:GET:/connections/**:status=500:count=2"_s));
    std::unique_ptr<ConnectorOperation> links(
        m_connector->readLinks(key(bug.type, bug.id), nullptr));
    QVERIFY(wait(links.get()));
    QCOMPARE(links->error().kind, Kind::None);
    QCOMPARE(links->links().size(), world().connected(bug).size());
}

void TestPm415Connector::verificationReportsOtherChanges()
{
    // Given a POST whose answer is late, while another connection of the record disappears
    // (as the live server's wipe, or another user, would do)
    const auto [bug, initiative] = pair(Pm415Type::Bug, Pm415Type::Initiative, false);
    QList<Pm415Ref> others = world().connected(bug);
    if (others.isEmpty()) {
        const auto item = world().records(Pm415Type::Item).begin()->first;
        world().connect(bug, {Pm415Type::Item, item});
        others = world().connected(bug);
    }
    const Pm415Ref lost = others.first();
    QVERIFY(m_sandbox->addFault(u"pm415:POST:/connections/**:latency=300:count=1"_s));

    std::unique_ptr<ConnectorOperation> op(m_connector->createLink(
        link(key(bug.type, bug.id), key(initiative.type, initiative.id)), nullptr));
    QTRY_VERIFY(world().connected(bug).contains(initiative)); // applied, answer pending
    QVERIFY(!op->isFinished());
    world().deleteConnections(bug.type, bug.id, lost.type, {lost.id});

    // Then the read-back shows more changed than asked, and the operation says so
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::Server);
    QVERIFY2(op->error().message.contains(u"other connections"_s), qPrintable(op->error().message));
    QVERIFY2(op->error().details.contains(u"%1 %2"_s.arg(pm415TypeName(lost.type)).arg(lost.id)),
             qPrintable(op->error().details));
}

void TestPm415Connector::wrongApiKey()
{
    makeConnector({}, u"not-the-key-123"_s);
    std::unique_ptr<ConnectorOperation> op(m_connector->listRecords(u"bug"_s, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::Unauthorized);
    QVERIFY2(op->error().message.contains(u"API key"_s), qPrintable(op->error().message));
    QVERIFY(op->error().message.contains(u"Authentication required"_s));
    QVERIFY(!op->error().message.contains(u"not-the-key-123"_s));
    QVERIFY(!op->error().details.contains(u"not-the-key-123"_s));

    // A write with a wrong key writes nothing
    const QStringList before = rows();
    const auto [bug, item] = pair(Pm415Type::Bug, Pm415Type::Item, true);
    std::unique_ptr<ConnectorOperation> remove(
        m_connector->deleteLink(link(key(bug.type, bug.id), key(item.type, item.id)), nullptr));
    QVERIFY(wait(remove.get()));
    QCOMPARE(remove->error().kind, Kind::Unauthorized);
    QCOMPARE(rows(), before);
}

void TestPm415Connector::wrongAddressSaysSoWithoutHtml()
{
    makeConnector({}, apiKey(), u"/v1"_s);
    std::unique_ptr<ConnectorOperation> op(m_connector->listRecords(u"initiative"_s, nullptr));
    QVERIFY(wait(op.get()));
    QCOMPARE(op->error().kind, Kind::NotFound);
    const QString message = op->error().message;
    QVERIFY2(message.contains(u"Cannot GET /api/v1/user/orgs"_s), qPrintable(message));
    QVERIFY(message.contains(u"/api"_s));
    QVERIFY(!message.contains(u'<'));
}

QTEST_GUILESS_MAIN(TestPm415Connector)
#include "tst_pm415connector.moc"
