// The DevRev simulator, spoken to over loopback HTTP the way a connector speaks to
// api.devrev.ai. Every exchange goes to the exchange log that the devrev_spec_validation test
// checks against DevRev's OpenAPI documents (public, or beta for requests with the beta scope);
// the few requests the documents cannot describe (unknown endpoints) are sent with the log off.

#include "sandbox/devrevdemo.h"
#include "sandbox/devrevsandbox.h"
#include "sandbox/sandboxserver.h"
#include "tests/sandbox/sandboxclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkProxy>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(DevRevKind)

namespace {

constexpr qint64 Start = 1767225600000; // 2026-01-01T00:00:00Z
using Headers = SandboxReply::Headers;
const Headers Beta{{"X-Devrev-Scope"_ba, "beta"_ba}};

QByteArray body(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QStringList ids(const QJsonArray &items)
{
    QStringList result;
    for (const QJsonValue &item : items)
        result.append(item.toObject().value("id"_L1).toString());
    return result;
}

} // namespace

class TestDevRevSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void selfAndTokens();
    void listsPageThroughEverything_data();
    void listsPageThroughEverything();
    void listsPageBackwards();
    void listFilters();
    void listRefusals_data();
    void listRefusals();
    void worksGet();
    void createGetListDelete();
    void linkRules_data();
    void linkRules();
    void parentRules();
    void mergeRules();
    void linksListFilters();
    void linksListPages();
    void linksReplace();
    void customLinkTypes();
    void requestRefusals_data();
    void requestRefusals();
    void unknownEndpoint();
    void rateLimit();
    void stateRoundTrip();
    void demoWorld();
    void scaledWorld();

private:
    SandboxReply call(const QByteArray &method, const QString &endpoint,
                      const QByteArray &payload = {}, const Headers &headers = {});
    SandboxReply post(const QString &endpoint, const QJsonObject &payload,
                      const Headers &headers = {})
    {
        return call("POST"_ba, endpoint, body(payload), headers);
    }
    SandboxReply get(const QString &endpointAndQuery, const Headers &headers = {})
    {
        return call("GET"_ba, endpointAndQuery, {}, headers);
    }
    /// A fresh object of `kind` in the world, for rules that need untouched objects.
    QString fresh(DevRevKind kind);
    QJsonObject createLink(const QString &type, const QString &source, const QString &target,
                           int expect = 201);
    DevRevWorld &world() { return m_server->devRev().world(); }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
};

void TestDevRevSandbox::initTestCase()
{
    // A fresh exchange log for this run (CTest sets the variable; the validator reads the file).
    if (const QString log = qEnvironmentVariable("LINKLOOM_SANDBOX_EXCHANGE_LOG"); !log.isEmpty())
        QFile::remove(log);
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

void TestDevRevSandbox::init()
{
    m_server = std::make_unique<SandboxServer>();
    QVERIFY(m_server->start() != 0);
    m_server->clock().freezeAt(Start);
}

void TestDevRevSandbox::cleanup()
{
    m_server.reset();
}

SandboxReply TestDevRevSandbox::call(const QByteArray &method, const QString &endpoint,
                                     const QByteArray &payload, const Headers &headers)
{
    QUrl url = m_server->baseUrl(Vendor::DevRev);
    const qsizetype question = endpoint.indexOf(u'?');
    url.setPath(url.path() + u'/' + endpoint.left(question));
    if (question >= 0)
        url.setQuery(endpoint.mid(question + 1));
    Headers all{{"Authorization"_ba, "Bearer "_ba + SandboxServer::DevRevToken}};
    all += headers;
    return SandboxReply::send(m_nam, method, url, payload, all);
}

QString TestDevRevSandbox::fresh(DevRevKind kind)
{
    const bool work = DevRevWorks & devRevBit(kind);
    QJsonObject fields{{work ? "title"_L1 : "name"_L1, u"Test object"_s},
                       {"owned_by"_L1, QJsonArray{m_server->devRev().owner().summary}}};
    return world().addObject(kind, fields, Start).id;
}

QJsonObject TestDevRevSandbox::createLink(const QString &type, const QString &source,
                                          const QString &target, int expect)
{
    const SandboxReply reply = post(
        u"links.create"_s, {{"link_type"_L1, type}, {"source"_L1, source}, {"target"_L1, target}});
    if (reply.status != expect)
        qWarning() << "links.create" << type << reply.status << reply.body;
    return reply.json();
}

void TestDevRevSandbox::selfAndTokens()
{
    const SandboxReply self = get(u"dev-users.self"_s);
    QCOMPARE(self.status, 200);
    const QJsonObject user = self.json().value("dev_user"_L1).toObject();
    QCOMPARE(user.value("type"_L1).toString(), u"dev_user"_s);
    QCOMPARE(user.value("id"_L1).toString(), m_server->devRev().owner().id);
    QVERIFY(user.value("email"_L1).toString().endsWith("@linkloom.example"_L1));
    QCOMPARE(call("POST"_ba, u"dev-users.self"_s, "{}"_ba).status, 200);

    // DevRev's own examples send the token without "Bearer ".
    QCOMPARE(get(u"dev-users.self"_s, {{"Authorization"_ba, SandboxServer::DevRevToken}}).status,
             200);
    for (const QByteArray &token : {"Bearer wrong"_ba, QByteArray()}) {
        const SandboxReply refused = get(u"dev-users.self"_s, {{"Authorization"_ba, token}});
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.json().value("type"_L1).toString(), u"unauthenticated"_s);
        QVERIFY(!refused.json().value("message"_L1).toString().isEmpty());
    }
}

void TestDevRevSandbox::listsPageThroughEverything_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("key");
    QTest::addColumn<DevRevKinds>("kinds");
    QTest::addColumn<bool>("beta");
    const auto bit = [](DevRevKind kind) { return devRevBit(kind); };
    QTest::newRow("dev users") << u"dev-users.list"_s << u"dev_users"_s << bit(DevRevKind::DevUser)
                               << false;
    QTest::newRow("rev users") << u"rev-users.list"_s << u"rev_users"_s << bit(DevRevKind::RevUser)
                               << false;
    QTest::newRow("rev orgs") << u"rev-orgs.list"_s << u"rev_orgs"_s << bit(DevRevKind::RevOrg)
                              << false;
    QTest::newRow("accounts") << u"accounts.list"_s << u"accounts"_s << bit(DevRevKind::Account)
                              << false;
    QTest::newRow("parts") << u"parts.list"_s << u"parts"_s << DevRevParts << false;
    QTest::newRow("works, public") << u"works.list"_s << u"works"_s
                                   << (bit(DevRevKind::Issue) | bit(DevRevKind::Ticket)) << false;
    QTest::newRow("works, beta") << u"works.list"_s << u"works"_s << DevRevWorks << true;
}

void TestDevRevSandbox::listsPageThroughEverything()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, key);
    QFETCH(DevRevKinds, kinds);
    QFETCH(bool, beta);

    QStringList expected;
    for (const DevRevObject &object : world().objects()) {
        if (kinds & devRevBit(object.kind))
            expected.append(object.id);
    }
    QVERIFY(expected.size() > 3);

    // GET pages of 37 (POST for every other page: both forms take the same parameters).
    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        QJsonObject parameters{{"limit"_L1, 37}};
        if (!cursor.isEmpty())
            parameters.insert("cursor"_L1, cursor);
        QUrlQuery query;
        for (auto it = parameters.constBegin(); it != parameters.constEnd(); ++it)
            query.addQueryItem(it.key(), it.value().toVariant().toString());
        const SandboxReply reply = pages % 2
            ? post(endpoint, parameters, beta ? Beta : Headers())
            : get(endpoint + u'?' + query.toString(QUrl::FullyEncoded), beta ? Beta : Headers());
        QCOMPARE(reply.status, 200);
        const QJsonArray items = reply.json().value(key).toArray();
        QVERIFY(items.size() <= 37);
        seen += ids(items);
        cursor = reply.json().value("next_cursor"_L1).toString();
        QCOMPARE(reply.json().contains("prev_cursor"_L1), pages > 0);
    } while (!cursor.isEmpty() && ++pages < 100);
    QCOMPARE(seen, expected); // all of them, once each, in creation order
}

void TestDevRevSandbox::listsPageBackwards()
{
    const SandboxReply first = get(u"works.list?limit=5"_s);
    const SandboxReply second
        = get(u"works.list?limit=5&cursor="_s + first.json().value("next_cursor"_L1).toString());
    QCOMPARE(second.status, 200);
    const QString back = second.json().value("prev_cursor"_L1).toString();
    QVERIFY(!back.isEmpty());
    const SandboxReply before = get(u"works.list?limit=5&mode=before&cursor="_s + back);
    QCOMPARE(before.status, 200);
    QCOMPARE(ids(before.json().value("works"_L1).toArray()),
             ids(first.json().value("works"_L1).toArray()));
    QVERIFY(!before.json().contains("prev_cursor"_L1)); // nothing precedes the first page

    // mode=before without a cursor: the last page.
    const SandboxReply last = get(u"works.list?limit=5&mode=before"_s);
    QCOMPARE(last.json().value("works"_L1).toArray().size(), 5);
    QVERIFY(!last.json().contains("next_cursor"_L1));

    // A limit above the maximum is clamped, not refused.
    const SandboxReply many = get(u"works.list?limit=1000"_s, Beta);
    QCOMPARE(many.json().value("works"_L1).toArray().size(), DevRevSandbox::MaxPageSize);
}

void TestDevRevSandbox::listFilters()
{
    const SandboxReply tickets = get(u"works.list?type=ticket&limit=100"_s);
    QCOMPARE(tickets.status, 200);
    const QJsonArray works = tickets.json().value("works"_L1).toArray();
    QVERIFY(!works.isEmpty());
    for (const QJsonValue &work : works)
        QCOMPARE(work.toObject().value("type"_L1).toString(), u"ticket"_s);

    // Repeated and comma-separated array parameters; tasks only in the beta scope.
    const SandboxReply both = get(u"works.list?type=task,opportunity&type=issue"_s, Beta);
    QCOMPARE(both.status, 200);
    QSet<QString> types;
    for (const QJsonValue &work : both.json().value("works"_L1).toArray())
        types.insert(work.toObject().value("type"_L1).toString());
    QVERIFY(types.contains(u"issue"_s));
    QVERIFY(!types.contains(u"ticket"_s));
    const SandboxReply publicTask = get(u"works.list?type=task"_s);
    QCOMPARE(publicTask.status, 400);
    QCOMPARE(publicTask.json().value("type"_L1).toString(), u"invalid_enum_value"_s);
    QCOMPARE(publicTask.json().value("allowed_values"_L1).toArray(),
             QJsonArray({u"issue"_s, u"ticket"_s}));

    const SandboxReply features = post(u"parts.list"_s, {{"type"_L1, QJsonArray{u"feature"_s}}});
    QCOMPARE(features.status, 200);
    for (const QJsonValue &part : features.json().value("parts"_L1).toArray())
        QCOMPARE(part.toObject().value("type"_L1).toString(), u"feature"_s);

    const SandboxReply users = get(u"rev-users.list?rev_org=REV-2"_s);
    QCOMPARE(users.status, 200);
    const QJsonArray revUsers = users.json().value("rev_users"_L1).toArray();
    QVERIFY(!revUsers.isEmpty());
    for (const QJsonValue &user : revUsers) {
        QCOMPARE(user.toObject().value("rev_org"_L1).toObject().value("display_id"_L1).toString(),
                 u"REV-2"_s);
    }
}

void TestDevRevSandbox::listRefusals_data()
{
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    QTest::newRow("limit 0") << u"works.list?limit=0"_s << u"invalid_field"_s << u"limit"_s;
    QTest::newRow("limit text") << u"works.list?limit=ten"_s << u"invalid_field"_s << u"limit"_s;
    QTest::newRow("foreign cursor")
        << u"accounts.list?cursor=abc"_s << u"invalid_field"_s << u"cursor"_s;
    QTest::newRow("mode") << u"parts.list?mode=sideways"_s << u"invalid_enum_value"_s << u"mode"_s;
    QTest::newRow("part type") << u"parts.list?type=runnable"_s << u"invalid_enum_value"_s
                               << u"type"_s;
    QTest::newRow("links without object")
        << u"links.list"_s << u"missing_required_field"_s << u"object"_s;
    QTest::newRow("links direction")
        << u"links.list?object=ISS-1&direction=up"_s << u"invalid_enum_value"_s << u"direction"_s;
    QTest::newRow("links link_type") << u"links.list?object=ISS-1&link_type=is_friend_of"_s
                                     << u"invalid_enum_value"_s << u"link_type"_s;
    QTest::newRow("links object_types") << u"links.list?object=ISS-1&object_types=task"_s
                                        << u"invalid_enum_value"_s << u"object_types"_s;
    QTest::newRow("links object") << u"links.list?object=issue%2012"_s << u"invalid_id"_s
                                  << u"object"_s;
}

void TestDevRevSandbox::listRefusals()
{
    QFETCH(QString, request);
    QFETCH(QString, type);
    QFETCH(QString, field);
    const SandboxReply reply = get(request);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value("type"_L1).toString(), type);
    QCOMPARE(reply.json().value("field_name"_L1).toString(), field);
    QVERIFY(!reply.json().value("message"_L1).toString().isEmpty());
}

void TestDevRevSandbox::worksGet()
{
    const DevRevObject *issue = world().object(u"ISS-3");
    QVERIFY(issue);
    for (const QString &id : {issue->id, issue->displayId}) {
        const SandboxReply reply = get(u"works.get?id="_s + id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("work"_L1).toObject().value("id"_L1).toString(), issue->id);
    }
    QCOMPARE(post(u"works.get"_s, {{"id"_L1, issue->displayId}}).status, 200);

    const SandboxReply unknown = get(u"works.get?id=ISS-99999"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json().value("type"_L1).toString(), u"not_found"_s);
    const SandboxReply notAnId = get(u"works.get?id=hello"_s);
    QCOMPARE(notAnId.status, 400);
    QCOMPARE(notAnId.json().value("type"_L1).toString(), u"invalid_id"_s);
    QCOMPARE(get(u"works.get"_s).json().value("type"_L1).toString(), u"missing_required_field"_s);

    // Tasks are beta objects: unknown to the public API.
    QCOMPARE(get(u"works.get?id=TASK-1"_s).status, 404);
    const SandboxReply task = get(u"works.get?id=TASK-1"_s, Beta);
    QCOMPARE(task.status, 200);
    QCOMPARE(task.json().value("work"_L1).toObject().value("type"_L1).toString(), u"task"_s);
}

void TestDevRevSandbox::createGetListDelete()
{
    const QString ticket = fresh(DevRevKind::Ticket);
    const QString issue = fresh(DevRevKind::Issue);
    const QJsonObject created
        = createLink(u"is_dependent_on"_s, ticket, world().object(issue)->displayId)
              .value("link"_L1)
              .toObject();
    const QString id = created.value("id"_L1).toString();
    QVERIFY(id.startsWith("don:core:dvrv-us-1:devo/1:link/"_L1));
    QCOMPARE(created.value("link_type"_L1).toString(), u"is_dependent_on"_s);
    QCOMPARE(created.value("source"_L1).toObject().value("id"_L1).toString(), ticket);
    QCOMPARE(created.value("target"_L1).toObject().value("id"_L1).toString(), issue);
    QCOMPARE(created.value("created_by"_L1).toObject().value("id"_L1).toString(),
             m_server->devRev().owner().id);

    const SandboxReply got = get(u"links.get?id="_s + id);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json().value("link"_L1).toObject(), created);
    QCOMPARE(post(u"links.get"_s, {{"id"_L1, id}}).json().value("link"_L1).toObject(), created);

    const SandboxReply listed = get(u"links.list?object="_s + ticket);
    QCOMPARE(ids(listed.json().value("links"_L1).toArray()), QStringList{id});
    const SandboxReply fromTarget
        = post(u"links.list"_s, {{"object"_L1, issue}, {"direction"_L1, u"is_target"_s}});
    QCOMPARE(ids(fromTarget.json().value("links"_L1).toArray()), QStringList{id});

    const SandboxReply deleted = post(u"links.delete"_s, {{"id"_L1, id}});
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json(), QJsonObject());
    QCOMPARE(get(u"links.get?id="_s + id).status, 404);
    const SandboxReply again = post(u"links.delete"_s, {{"id"_L1, id}});
    QCOMPARE(again.status, 404);
    QCOMPARE(again.json().value("type"_L1).toString(), u"not_found"_s);
    QCOMPARE(post(u"links.delete"_s, {{"id"_L1, u"ISS-1"_s}}).json().value("type"_L1).toString(),
             u"invalid_id"_s);
    QVERIFY(get(u"links.list?object="_s + ticket).json().value("links"_L1).toArray().isEmpty());
}

void TestDevRevSandbox::linkRules_data()
{
    QTest::addColumn<QString>("linkType");
    QTest::addColumn<DevRevKind>("source");
    QTest::addColumn<DevRevKind>("target");
    QTest::addColumn<bool>("beta");
    QTest::addColumn<QString>("error"); // empty: 201
    QTest::addColumn<QString>("field");
    using enum DevRevKind;
    QTest::newRow("dependent ticket->issue")
        << u"is_dependent_on"_s << Ticket << Issue << false << QString() << QString();
    QTest::newRow("dependent issue->issue")
        << u"is_dependent_on"_s << Issue << Issue << false << QString() << QString();
    QTest::newRow("dependent issue->code change")
        << u"is_dependent_on"_s << Issue << CodeChange << true << QString() << QString();
    QTest::newRow("dependent issue->ticket") << u"is_dependent_on"_s << Issue << Ticket << false
                                             << u"unexpected_id_type"_s << u"target"_s;
    QTest::newRow("dependent feature->issue") << u"is_dependent_on"_s << Feature << Issue << false
                                              << u"unexpected_id_type"_s << u"source"_s;
    QTest::newRow("code change, public") << u"is_dependent_on"_s << Issue << CodeChange << false
                                         << u"unexpected_id_type"_s << u"target"_s;
    QTest::newRow("part of") << u"is_part_of"_s << Feature << Capability << false << QString()
                             << QString();
    QTest::newRow("part of, upwards only")
        << u"is_part_of"_s << Product << Feature << false << u"unexpected_id_type"_s << u"source"_s;
    QTest::newRow("related issue->rev user")
        << u"is_related_to"_s << Issue << RevUser << false << QString() << QString();
    QTest::newRow("related task, beta")
        << u"is_related_to"_s << Task << Issue << true << QString() << QString();
    QTest::newRow("related task, public")
        << u"is_related_to"_s << Task << Issue << false << u"unexpected_id_type"_s << u"source"_s;
    QTest::newRow("serves") << u"serves"_s << Issue << Feature << false << u"unexpected_id_type"_s
                            << u"source"_s;
    QTest::newRow("unknown type") << u"is_friend_of"_s << Issue << Issue << false
                                  << u"invalid_enum_value"_s << u"link_type"_s;
    QTest::newRow("custom without type") << u"custom_link"_s << Issue << Account << true
                                         << u"missing_required_field"_s << u"custom_link_type"_s;
}

void TestDevRevSandbox::linkRules()
{
    QFETCH(QString, linkType);
    QFETCH(DevRevKind, source);
    QFETCH(DevRevKind, target);
    QFETCH(bool, beta);
    QFETCH(QString, error);
    QFETCH(QString, field);

    const QString from = fresh(source);
    const QString to = fresh(target);
    const SandboxReply reply = post(
        u"links.create"_s, {{"link_type"_L1, linkType}, {"source"_L1, from}, {"target"_L1, to}},
        beta ? Beta : Headers());
    if (error.isEmpty()) {
        QCOMPARE(reply.status, 201);
        QCOMPARE(world().linksOf(from).size(), size_t(1));
        return;
    }
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value("type"_L1).toString(), error);
    QCOMPARE(reply.json().value("field_name"_L1).toString(), field);
    if (error == "unexpected_id_type"_L1) {
        QCOMPARE(reply.json().value("value"_L1).toString(), field == "source"_L1 ? from : to);
        QVERIFY(reply.json().value("allowed_types"_L1).isArray());
    }
    QVERIFY(world().linksOf(from).empty()); // nothing was made
}

void TestDevRevSandbox::parentRules()
{
    using enum DevRevKind;
    const QString root = fresh(Issue), child = fresh(Issue), task = fresh(Task),
                  other = fresh(Issue), ticket = fresh(Ticket);
    createLink(u"is_parent_of"_s, root, child);

    // One parent: a second parent, and the same link again, are refused with the parent named.
    for (const QString &parent : {other, root}) {
        const QJsonObject refused = createLink(u"is_parent_of"_s, parent, child, 400);
        QCOMPARE(refused.value("type"_L1).toString(), u"artifact_already_attached_to_a_parent"_s);
        QCOMPARE(refused.value("existing_parent"_L1).toString(), root);
        QCOMPARE(refused.value("is_same"_L1).toBool(), parent == root);
    }
    // No cycles, and no object as its own parent.
    QCOMPARE(createLink(u"is_parent_of"_s, child, root, 400).value("type"_L1).toString(),
             u"bad_request"_s);
    QCOMPARE(createLink(u"is_parent_of"_s, other, other, 400).value("type"_L1).toString(),
             u"bad_request"_s);
    // Depth 2: root -> child -> task is fine (beta: tasks), a fourth level is not.
    const SandboxReply grandchild = post(
        u"links.create"_s,
        {{"link_type"_L1, u"is_parent_of"_s}, {"source"_L1, child}, {"target"_L1, task}}, Beta);
    QCOMPARE(grandchild.status, 201);
    const QString deeper = fresh(Task);
    const SandboxReply tooDeep = post(
        u"links.create"_s,
        {{"link_type"_L1, u"is_parent_of"_s}, {"source"_L1, task}, {"target"_L1, deeper}}, Beta);
    QCOMPARE(tooDeep.status, 400);
    QVERIFY(tooDeep.json().value("message"_L1).toString().contains("levels"_L1));
    // ... also when the chain is built from the top: other above root would make four levels.
    QCOMPARE(createLink(u"is_parent_of"_s, other, root, 400).value("type"_L1).toString(),
             u"bad_request"_s);
    // Tickets parent tickets, not issues.
    QCOMPARE(createLink(u"is_parent_of"_s, ticket, other, 400).value("type"_L1).toString(),
             u"unexpected_id_type"_s);
}

void TestDevRevSandbox::mergeRules()
{
    using enum DevRevKind;
    const QString a = fresh(Ticket), b = fresh(Ticket), c = fresh(Ticket);
    createLink(u"is_merged_into"_s, a, b);
    QCOMPARE(createLink(u"is_merged_into"_s, a, c, 400).value("type"_L1).toString(),
             u"bad_request"_s); // one outgoing merge
    createLink(u"is_merged_into"_s, c, b); // many may merge into one
    QCOMPARE(createLink(u"is_merged_into"_s, b, a, 400).value("type"_L1).toString(),
             u"bad_request"_s); // no cycle

    // Duplicates, and is_related_to is symmetric.
    const QString x = fresh(Issue), y = fresh(Issue);
    createLink(u"is_related_to"_s, x, y);
    QCOMPARE(createLink(u"is_related_to"_s, y, x, 400).value("type"_L1).toString(),
             u"bad_request"_s);
    createLink(u"is_dependent_on"_s, x, y);
    QCOMPARE(createLink(u"is_dependent_on"_s, x, y, 400).value("type"_L1).toString(),
             u"bad_request"_s);
    createLink(u"is_dependent_on"_s, y, x); // the other direction is another link
}

void TestDevRevSandbox::linksListFilters()
{
    using enum DevRevKind;
    const QString issue = fresh(Issue), ticket = fresh(Ticket), feature = fresh(Feature),
                  parent = fresh(Issue);
    const QString dependent = createLink(u"is_dependent_on"_s, ticket, issue)
                                  .value("link"_L1)
                                  .toObject()
                                  .value("id"_L1)
                                  .toString();
    const QString developed = createLink(u"developed_with"_s, issue, feature)
                                  .value("link"_L1)
                                  .toObject()
                                  .value("id"_L1)
                                  .toString();
    const QString parented = createLink(u"is_parent_of"_s, parent, issue)
                                 .value("link"_L1)
                                 .toObject()
                                 .value("id"_L1)
                                 .toString();
    // A link to a task: the public API leaves it out.
    QCOMPARE(
        post(
            u"links.create"_s,
            {{"link_type"_L1, u"is_parent_of"_s}, {"source"_L1, issue}, {"target"_L1, fresh(Task)}},
            Beta)
            .status,
        201);

    const auto listed = [&](const QString &query, const Headers &headers = {}) {
        const SandboxReply reply = get(u"links.list?object="_s + issue + query, headers);
        return ids(reply.json().value("links"_L1).toArray());
    };
    QCOMPARE(listed({}), QStringList({dependent, developed, parented}));
    QCOMPARE(listed({}, Beta).size(), 4);
    QCOMPARE(listed(u"&direction=is_source"_s), QStringList{developed});
    QCOMPARE(listed(u"&direction=is_target"_s), QStringList({dependent, parented}));
    QCOMPARE(listed(u"&link_type=is_parent_of,developed_with"_s),
             QStringList({developed, parented}));
    QCOMPARE(listed(u"&types=is_dependent_on"_s), QStringList{dependent});
    QCOMPARE(listed(u"&object_types=ticket&object_types=feature"_s),
             QStringList({dependent, developed}));
    // An object that does not exist has no links.
    const SandboxReply none = get(u"links.list?object=ISS-99999"_s);
    QCOMPARE(none.status, 200);
    QVERIFY(none.json().value("links"_L1).toArray().isEmpty());
}

void TestDevRevSandbox::linksListPages()
{
    const QString hub = fresh(DevRevKind::Issue);
    QStringList made;
    for (int i = 0; i < 120; ++i) {
        made.append(createLink(u"is_related_to"_s, hub, fresh(DevRevKind::RevUser))
                        .value("link"_L1)
                        .toObject()
                        .value("id"_L1)
                        .toString());
    }
    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        const SandboxReply reply
            = post(u"links.list"_s, {{"object"_L1, hub}, {"cursor"_L1, cursor}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value("links"_L1).toArray().size(),
                 pages < 2 ? DevRevSandbox::DefaultPageSize : 20);
        seen += ids(reply.json().value("links"_L1).toArray());
        cursor = reply.json().value("next_cursor"_L1).toString();
    } while (!cursor.isEmpty() && ++pages < 10);
    QCOMPARE(pages, 2);
    QCOMPARE(seen, made);
}

void TestDevRevSandbox::linksReplace()
{
    using enum DevRevKind;
    const QString parent = fresh(Issue), child = fresh(Issue), other = fresh(Issue);
    const QString old = createLink(u"is_parent_of"_s, parent, child)
                            .value("link"_L1)
                            .toObject()
                            .value("id"_L1)
                            .toString();
    // Moving the child to another parent: judged as if the old link were gone.
    const SandboxReply replaced = post(u"links.replace"_s,
                                       {{"id"_L1, old},
                                        {"link_type"_L1, u"is_parent_of"_s},
                                        {"source"_L1, other},
                                        {"target"_L1, child}});
    QCOMPARE(replaced.status, 201);
    const QJsonObject link = replaced.json().value("link"_L1).toObject();
    QVERIFY(link.value("id"_L1).toString() != old);
    QCOMPARE(link.value("source"_L1).toObject().value("id"_L1).toString(), other);
    QCOMPARE(get(u"links.get?id="_s + old).status, 404);

    // A replacement that breaks a rule leaves the old link alone.
    const QString current = link.value("id"_L1).toString();
    const SandboxReply refused = post(u"links.replace"_s,
                                      {{"id"_L1, current},
                                       {"link_type"_L1, u"is_parent_of"_s},
                                       {"source"_L1, child},
                                       {"target"_L1, child}});
    QCOMPARE(refused.status, 400);
    QCOMPARE(get(u"links.get?id="_s + current).status, 200);

    const SandboxReply unknown = post(u"links.replace"_s,
                                      {{"id"_L1, old},
                                       {"link_type"_L1, u"is_parent_of"_s},
                                       {"source"_L1, other},
                                       {"target"_L1, child}});
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.json().value("type"_L1).toString(), u"invalid_id"_s);
    QCOMPARE(unknown.json().value("field_name"_L1).toString(), u"id"_s);
    const SandboxReply incomplete = post(u"links.replace"_s, {{"id"_L1, current}});
    QCOMPARE(incomplete.json().value("type"_L1).toString(), u"missing_required_field"_s);
}

void TestDevRevSandbox::customLinkTypes()
{
    const SandboxReply publicScope = get(u"link-types.custom.list"_s);
    QCOMPARE(publicScope.status, 400);
    QCOMPARE(publicScope.json().value("type"_L1).toString(), u"invalid_api_version"_s);
    QCOMPARE(publicScope.json().value("value"_L1).toString(), u"public"_s);

    const SandboxReply all = get(u"link-types.custom.list"_s, Beta);
    QCOMPARE(all.status, 200);
    const QJsonArray types = all.json().value("result"_L1).toArray();
    QCOMPARE(types.size(), qsizetype(world().customLinkTypes().size()));
    QVERIFY(types.size() >= 3);
    const SandboxReply deprecated = get(u"link-types.custom.list?is_deprecated=true"_s, Beta);
    const QJsonArray old = deprecated.json().value("result"_L1).toArray();
    QCOMPARE(old.size(), 1);
    QVERIFY(old.first().toObject().value("is_deprecated"_L1).toBool());
    QCOMPARE(post(u"link-types.custom.list"_s, {{"is_deprecated"_L1, false}}, Beta)
                 .json()
                 .value("result"_L1)
                 .toArray()
                 .size(),
             types.size() - 1);
    QCOMPARE(get(u"link-types.custom.list?name=escalated_to"_s, Beta)
                 .json()
                 .value("result"_L1)
                 .toArray()
                 .size(),
             1);
    QCOMPARE(get(u"link-types.custom.list?is_deprecated=maybe"_s, Beta).status, 400);

    // Custom links follow their type's source and target kinds; a deprecated type takes no new
    // links but keeps its old ones.
    const DevRevCustomLinkType *escalation = nullptr;
    const DevRevCustomLinkType *retired = nullptr;
    for (const DevRevCustomLinkType &type : world().customLinkTypes()) {
        if (type.name == "escalated_to"_L1)
            escalation = &type;
        if (type.deprecated)
            retired = &type;
    }
    QVERIFY(escalation && retired);
    const QString ticket = fresh(DevRevKind::Ticket);
    const QString engineer = m_server->devRev().owner().id;
    const auto custom = [&](const QString &type, const QString &source, const QString &target) {
        return post(u"links.create"_s,
                    {{"link_type"_L1, u"custom_link"_s},
                     {"custom_link_type"_L1, type},
                     {"source"_L1, source},
                     {"target"_L1, target}},
                    Beta);
    };
    const SandboxReply made = custom(escalation->id, ticket, engineer);
    QCOMPARE(made.status, 201);
    QCOMPARE(made.json()
                 .value("link"_L1)
                 .toObject()
                 .value("custom_link_type"_L1)
                 .toObject()
                 .value("id"_L1)
                 .toString(),
             escalation->id);
    QCOMPARE(custom(escalation->id, engineer, ticket).json().value("type"_L1).toString(),
             u"unexpected_id_type"_s);
    QCOMPARE(custom(retired->id, fresh(DevRevKind::Issue), fresh(DevRevKind::Feature))
                 .json()
                 .value("type"_L1)
                 .toString(),
             u"bad_request"_s);
    QCOMPARE(custom(u"don:core:dvrv-us-1:devo/1:custom_link_type/999"_s, ticket, engineer)
                 .json()
                 .value("field_name"_L1)
                 .toString(),
             u"custom_link_type"_s);
    bool retiredHasLinks = false;
    for (const auto &[number, link] : world().links())
        retiredHasLinks = retiredHasLinks || link.customLinkType == retired->id;
    QVERIFY(retiredHasLinks);
    // custom_link_type with a stock link type is refused.
    const SandboxReply mixed = post(u"links.create"_s,
                                    {{"link_type"_L1, u"is_related_to"_s},
                                     {"custom_link_type"_L1, escalation->id},
                                     {"source"_L1, ticket},
                                     {"target"_L1, engineer}});
    QCOMPARE(mixed.json().value("type"_L1).toString(), u"bad_request"_s);
}

void TestDevRevSandbox::requestRefusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("scope");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    const QByteArray json = "application/json"_ba;
    QTest::newRow("not JSON") << "POST"_ba << u"links.create"_s << "{source:"_ba << json
                              << QByteArray() << 400 << u"parse_error"_s;
    QTest::newRow("not an object") << "POST"_ba << u"links.list"_s << "[1]"_ba << json
                                   << QByteArray() << 400 << u"parse_error"_s;
    QTest::newRow("number for id")
        << "POST"_ba << u"links.create"_s << R"({"source":5,"target":"ISS-1"})"_ba << json
        << QByteArray() << 400 << u"unexpected_json_type"_s;
    QTest::newRow("string for array") << "POST"_ba << u"works.list"_s << R"({"type":"issue"})"_ba
                                      << json << QByteArray() << 400 << u"unexpected_json_type"_s;
    QTest::newRow("form body") << "POST"_ba << u"links.get"_s << "id=1"_ba
                               << "application/x-www-form-urlencoded"_ba << QByteArray() << 400
                               << u"invalid_content_type"_s;
    QTest::newRow("GET of a POST endpoint")
        << "GET"_ba << u"links.create"_s << QByteArray() << QByteArray() << QByteArray() << 400
        << u"bad_request"_s;
    QTest::newRow("unknown scope") << "GET"_ba << u"works.list"_s << QByteArray() << QByteArray()
                                   << "gamma"_ba << 400 << u"invalid_api_version"_s;
    QTest::newRow("missing source")
        << "POST"_ba << u"links.create"_s << R"({"target":"ISS-1","link_type":"is_related_to"})"_ba
        << json << QByteArray() << 400 << u"missing_required_field"_s;
    QTest::newRow("unknown source") << "POST"_ba << u"links.create"_s
                                    << R"({"source":"ISS-99999","target":"ISS-1",)"
                                       R"("link_type":"is_related_to"})"_ba
                                    << json << QByteArray() << 400 << u"invalid_id"_s;
    QTest::newRow("too large") << "POST"_ba << u"links.create"_s
                               << QByteArray(DevRevSandbox::MaxBodySize + 1, ' ') << json
                               << "beta"_ba << 413 << u"request_entity_too_large"_s;
}

void TestDevRevSandbox::requestRefusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, endpoint);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, scope);
    QFETCH(int, status);
    QFETCH(QString, type);
    Headers headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type"_ba, contentType});
    if (!scope.isEmpty())
        headers.append({"X-Devrev-Scope"_ba, scope});
    if (method == "GET" && endpoint == "links.create"_L1)
        m_server->setExchangeLog({}); // the spec has no such operation
    const qsizetype before = qsizetype(world().links().size());
    const SandboxReply reply = call(method, endpoint, payload, headers);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json().value("type"_L1).toString(), type);
    QVERIFY(!reply.json().value("message"_L1).toString().isEmpty());
    QCOMPARE(qsizetype(world().links().size()), before);
    if (status == 413)
        QCOMPARE(reply.json().value("max_bytes"_L1).toInt(), DevRevSandbox::MaxBodySize);
}

void TestDevRevSandbox::unknownEndpoint()
{
    m_server->setExchangeLog({}); // the spec has no such operation
    for (const QString &path : {u"links.frobnicate"_s, u"links.create/extra"_s}) {
        const SandboxReply reply = post(path, {});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().value("type"_L1).toString(), u"not_found"_s);
    }
}

void TestDevRevSandbox::rateLimit()
{
    m_server->devRev().setRateLimit(3);
    for (int remaining : {2, 1, 0}) {
        const SandboxReply reply = get(u"dev-users.self"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("X-Ratelimit-Limit"_ba), "3"_ba);
        QCOMPARE(reply.header("X-Ratelimit-Remaining"_ba).toInt(), remaining);
        QCOMPARE(reply.header("X-Ratelimit-Reset"_ba).toLongLong(),
                 (Start + DevRevSandbox::RateWindowMs) / 1000);
        m_server->clock().advance(1000);
    }
    const SandboxReply limited = get(u"works.list"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json().value("type"_L1).toString(), u"too_many_requests"_s);
    const int retryAfter = limited.json().value("retry_after"_L1).toInt();
    QCOMPARE(retryAfter, int(DevRevSandbox::RateWindowMs / 1000) - 3);
    QCOMPARE(limited.header("Retry-After"_ba).toInt(), retryAfter);
    QCOMPARE(limited.header("X-Ratelimit-Remaining"_ba), "0"_ba);

    m_server->clock().advance(qint64(retryAfter) * 1000);
    QCOMPARE(get(u"works.list"_s).status, 200);

    m_server->devRev().setRateLimit(0);
    const SandboxReply unlimited = get(u"dev-users.self"_s);
    QCOMPARE(unlimited.status, 200);
    QVERIFY(!unlimited.headers.contains("x-ratelimit-limit"_ba));
}

void TestDevRevSandbox::stateRoundTrip()
{
    DevRevSandbox &devRev = m_server->devRev();
    const QString ticket = world().object(u"TKT-1")->id;
    const QString issue = world().object(u"ISS-2")->id;
    const QString made = createLink(u"is_related_to"_s, ticket, issue)
                             .value("link"_L1)
                             .toObject()
                             .value("id"_L1)
                             .toString();
    const QJsonObject state = devRev.saveState();

    SandboxClock clock;
    DevRevSandbox restored(clock, 77, 0); // another seed: the state holds the whole world
    QString error;
    QVERIFY2(restored.restoreState(state, &error), qPrintable(error));
    QVERIFY(restored.world().link(made));
    QCOMPARE(restored.world().links().size(), world().links().size());
    QCOMPARE(restored.saveState(), state);

    // Anything else is refused and changes nothing.
    const QJsonObject before = restored.saveState();
    QJsonObject reordered = state;
    QJsonArray objects = state.value("objects"_L1).toArray();
    const QJsonValue firstObject = objects.takeAt(0);
    objects.insert(1, firstObject);
    reordered.insert("objects"_L1, objects);
    QJsonObject broken = state; // a link from an issue to itself
    broken.insert("links"_L1,
                  QJsonArray{QJsonObject{{"number"_L1, 1},
                                         {"source"_L1, u"ISS-1"_s},
                                         {"target"_L1, u"ISS-1"_s},
                                         {"link_type"_L1, u"is_related_to"_s},
                                         {"created_by"_L1, u"DEVU-1"_s},
                                         {"created_ms"_L1, Start}}});
    for (const QJsonObject &bad : {reordered, broken, QJsonObject()}) {
        error.clear();
        QVERIFY(!restored.restoreState(bad, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(restored.saveState(), before);
    }
}

void TestDevRevSandbox::demoWorld()
{
    DevRevWorld first, second, other;
    populateDevRevDemo(first, 1, 0);
    populateDevRevDemo(second, 1, 0);
    populateDevRevDemo(other, 2, 0);
    QCOMPARE(first.stateJson(), second.stateJson()); // deterministic
    QVERIFY(first.stateJson() != other.stateJson());

    QHash<DevRevKind, int> kinds;
    for (const DevRevObject &object : first.objects())
        ++kinds[object.kind];
    for (int kind = 0; kind < DevRevKindCount; ++kind)
        QVERIFY2(kinds.value(DevRevKind(kind)) > 0,
                 qPrintable(devRevTypeNames(1u << kind).join(u"")));
    qInfo("demo: %zu objects, %zu links", first.objects().size(), first.links().size());
    QVERIFY(first.objects().size() >= 300);

    QSet<QString> linkTypes;
    for (const auto &[number, link] : first.links())
        linkTypes.insert(link.linkType);
    // Every stock type the sandbox's parts can hold (serves and imports join dev parts).
    for (const QString &type : DevRevWorld::linkTypes()) {
        if (type != "serves"_L1 && type != "imports"_L1)
            QVERIFY2(linkTypes.contains(type), qPrintable(type));
    }
    QVERIFY(first.links().size() >= 300);
    // The story: customers of the Copper demo.
    QVERIFY(std::ranges::any_of(first.objects(), [](const DevRevObject &object) {
        return object.json.value("display_name"_L1).toString() == "Lumen Labs"_L1;
    }));
}

void TestDevRevSandbox::scaledWorld()
{
    QElapsedTimer timer;
    timer.start();
    DevRevWorld world;
    populateDevRevDemo(world, 1, 20000);
    qInfo("20,000 DevRev objects and %zu links in %lld ms", world.links().size(), timer.elapsed());
    QVERIFY(world.objects().size() >= 19000 && world.objects().size() <= 21000);
    QVERIFY(world.links().size() >= 5000);
}

QTEST_GUILESS_MAIN(TestDevRevSandbox)
#include "tst_devrevsandbox.moc"
