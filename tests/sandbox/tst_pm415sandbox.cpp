// The pm415 simulator, spoken to over loopback HTTP the way a connector speaks to a pm415 server.

#include "sandbox/pm415demo.h"
#include "sandbox/pm415sandbox.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxserver.h"
#include "tests/sandbox/sandboxclient.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using enum Pm415Type;
using Headers = SandboxReply::Headers;

const QByteArray Key = SandboxServer::Pm415ApiKey;

Headers goodHeaders()
{
    return {{"Authorization"_ba, "Bearer "_ba + Key}, {"Content-Type"_ba, "application/json"_ba}};
}

/// The live server's names, written out again so that the test does not trust the code.
struct TypeNames
{
    Pm415Type type;
    QString name; // path segment
    QString plural; // body key, table
    QString column; // connection row key
};
const TypeNames Types[] = {
    {Initiative, u"initiative"_s, u"initiatives"_s, u"initiativeId"_s},
    {Backlog, u"backlog"_s, u"backlogs"_s, u"backlogId"_s},
    {Item, u"item"_s, u"items"_s, u"itemId"_s},
    {Bug, u"bug"_s, u"bugs"_s, u"bugId"_s},
};
const TypeNames &names(Pm415Type type)
{
    return *std::ranges::find(Types, type, &TypeNames::type);
}

/// A connections POST body: every key present, the given ids, and `del`.
QJsonObject connectionBody(const std::map<Pm415Type, QList<qint64>> &ids,
                           const QJsonValue &del = false)
{
    QJsonObject body{{"delete"_L1, del}};
    for (const TypeNames &type : Types) {
        QJsonArray list;
        if (const auto it = ids.find(type.type); it != ids.end()) {
            for (qint64 id : it->second)
                list.append(id);
        }
        body.insert(type.plural, list);
    }
    return body;
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return {keys.begin(), keys.end()};
}

QSet<qint64> idsOf(const QJsonArray &records)
{
    QSet<qint64> result;
    for (const QJsonValue &record : records)
        result.insert(record["id"_L1].toInteger());
    return result;
}

/// The message of a pm415 error body.
QString messageOf(const SandboxReply &reply)
{
    return reply.json().value("message"_L1).toString();
}

/// The connection rows as (row id, columns) for comparisons.
using RowMap = std::map<qint64, std::array<std::optional<qint64>, 4>>;
RowMap rowsOf(const Pm415World &world)
{
    RowMap result;
    for (const auto &[id, row] : world.connections())
        result[id] = row.ids;
    return result;
}

} // namespace

class TestPm415Sandbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void unrouted_data();
    void unrouted();
    void authentication_data();
    void authentication();
    void bodyTokenIsRead();
    void organizations();
    void recordLists_data();
    void recordLists();
    void listRefusals_data();
    void listRefusals();
    void itemsByOwner();
    void bugsFullSelect();
    void connectionsBothDirections_data();
    void connectionsBothDirections();
    void connectionsRowShapeIsTheSeeds();
    void documentNamesRefused_data();
    void documentNamesRefused();
    void connectionsOfUnknownRecords();
    void addAndDelete_data();
    void addAndDelete();
    void readdGetsANewRow();
    void emptyBodyWipesTheRecord_data();
    void emptyBodyWipesTheRecord();
    void partialApplication();
    void unknownOrDuplicateIdsChangeNothingOfThatType_data();
    void unknownOrDuplicateIdsChangeNothingOfThatType();
    void sameTypeIsNotRefused();
    void deleteAsStringDeletes();
    void bodyValidation_data();
    void bodyValidation();
    void bodyLimit();
    void vendorErrorShape();
    void determinism();
    void saveAndRestore();
    void restoreRefusesMalformed_data();
    void restoreRefusesMalformed();
    void scaledWorld();

private:
    SandboxReply call(const QByteArray &method, const QString &pathAndQuery,
                      const QByteArray &body = {}, const Headers &headers = goodHeaders());
    SandboxReply post(Pm415Type owner, qint64 id, const QJsonObject &body);
    /// GET /connections/{owner}/{info}/{id}: the info records' ids (fails the test otherwise).
    QSet<qint64> infoIds(Pm415Type owner, Pm415Type info, qint64 id);
    /// A record of `type` with at least `min` connections, none of them half rows.
    qint64 connectedRecord(Pm415Type type, int min = 1) const;
    /// A record of `type` in Northwind Analytics not connected to `other`.
    qint64 unconnected(Pm415Type type, Pm415Ref other) const;
    const Pm415World &world() const { return m_server->pm415().world(); }

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
    quint16 m_port = 0; // where call() sends requests
};

void TestPm415Sandbox::init()
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_server = std::make_unique<SandboxServer>();
    m_port = m_server->start();
    QVERIFY(m_port != 0);
}

void TestPm415Sandbox::cleanup()
{
    m_server.reset();
}

SandboxReply TestPm415Sandbox::call(const QByteArray &method, const QString &pathAndQuery,
                                    const QByteArray &body, const Headers &headers)
{
    // Every body here goes with its own Content-Type (send() marks one as JSON otherwise).
    return SandboxReply::send(
        m_nam, method, QUrl(u"http://127.0.0.1:%1/pm415/api/%2"_s.arg(m_port).arg(pathAndQuery)),
        body, headers);
}

SandboxReply TestPm415Sandbox::post(Pm415Type owner, qint64 id, const QJsonObject &body)
{
    return call("POST"_ba, u"connections/%1/%2"_s.arg(names(owner).name).arg(id), toJson(body));
}

QSet<qint64> TestPm415Sandbox::infoIds(Pm415Type owner, Pm415Type info, qint64 id)
{
    const SandboxReply reply = call(
        "GET"_ba, u"connections/%1/%2/%3"_s.arg(names(owner).name, names(info).name).arg(id));
    if (reply.status != 200 || reply.json().value("success"_L1) != QJsonValue(true)) {
        qWarning() << "GET connections failed:" << reply.status << reply.body;
        return {-1};
    }
    return idsOf(reply.json().value("info"_L1).toArray());
}

qint64 TestPm415Sandbox::connectedRecord(Pm415Type type, int min) const
{
    for (const auto &[id, record] : world().records(type)) {
        const auto rows = world().connectionsOf(type, id);
        const bool whole = std::ranges::all_of(rows, [](const Pm415Connection *row) {
            return std::ranges::count_if(row->ids, [](auto v) { return v.has_value(); }) == 2;
        });
        if (record.organizationId == Pm415DemoOrgId && rows.size() >= min && whole)
            return id;
    }
    return 0;
}

qint64 TestPm415Sandbox::unconnected(Pm415Type type, Pm415Ref other) const
{
    const QList<Pm415Ref> neighbours = world().connected(other);
    for (const auto &[id, record] : world().records(type)) {
        if (record.organizationId == Pm415DemoOrgId && !(other.type == type && other.id == id)
            && !neighbours.contains(Pm415Ref{type, id})) {
            return id;
        }
    }
    return 0;
}

void TestPm415Sandbox::unrouted_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("accept"); // null: none sent
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("contains");

    QTest::newRow("unknown") << "GET"_ba << u"nope"_s << QByteArray() << 404
                             << u"<pre>Cannot GET /api/nope</pre>"_s;
    QTest::newRow("POST-only route") << "GET"_ba << u"connections/bug/6"_s << QByteArray() << 404
                                     << u"Cannot GET /api/connections/bug/6"_s;
    QTest::newRow("GET-only route") << "POST"_ba << u"connections/bug/item/6"_s << QByteArray()
                                    << 404 << u"Cannot POST /api/connections/bug/item/6"_s;
    QTest::newRow("DELETE") << "DELETE"_ba << u"connections/bug/6"_s << QByteArray() << 404
                            << u"Cannot DELETE /api/connections/bug/6"_s;
    QTest::newRow("too deep") << "GET"_ba << u"connections/bug/item/6/7"_s << QByteArray() << 404
                              << u"Cannot GET"_s;
    QTest::newRow("single bug (not served)")
        << "GET"_ba << u"bugs/17/6"_s << QByteArray() << 404 << u"Cannot GET /api/bugs/17/6"_s;
    QTest::newRow("SPA fallback, */*")
        << "GET"_ba << u"nope"_s << "*/*"_ba << 200 << u"<div id=app></div>"_s;
    QTest::newRow("SPA fallback, html")
        << "GET"_ba << u"initiatives/all/true"_s << "text/html,application/xhtml+xml"_ba << 200
        << u"<title>pm415</title>"_s;
    QTest::newRow("no fallback for JSON")
        << "GET"_ba << u"nope"_s << "application/json"_ba << 404 << u"Cannot GET"_s;
    QTest::newRow("no fallback for POST")
        << "POST"_ba << u"nope"_s << "*/*"_ba << 404 << u"Cannot POST"_s;
    QTest::newRow("root") << "GET"_ba << QString() << QByteArray() << 200 << u"Wanna something?"_s;
}

void TestPm415Sandbox::unrouted()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, accept);
    QFETCH(int, status);
    QFETCH(QString, contains);

    // Without a key too: no route means no LoginRequired.
    for (Headers headers : {goodHeaders(), Headers()}) {
        if (!accept.isNull())
            headers.append({"Accept"_ba, accept});
        const SandboxReply reply = call(method, path, {}, headers);
        QCOMPARE(reply.status, status);
        const QByteArray type = reply.header("Content-Type"_ba);
        QVERIFY2(type.startsWith("text/html"), type.constData());
        QVERIFY2(QString::fromUtf8(reply.body).contains(contains), reply.body.constData());
    }
}

void TestPm415Sandbox::authentication_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("accepted");

    const auto bearer = [](const QByteArray &token) {
        return Headers{{"Authorization"_ba, "Bearer "_ba + token}};
    };
    const QString good = u"access_token="_s + QString::fromLatin1(Key);
    QTest::newRow("header") << bearer(Key) << QString() << true;
    QTest::newRow("query") << Headers() << good << true;
    QTest::newRow("key in capitals (MySQL _ci)") << bearer(Key.toUpper()) << QString() << true;
    QTest::newRow("right header beats wrong query")
        << bearer(Key) << u"access_token=nope"_s << true;
    QTest::newRow("nothing") << Headers() << QString() << false;
    QTest::newRow("wrong header") << bearer("nope"_ba) << QString() << false;
    QTest::newRow("wrong query") << Headers() << u"access_token=nope"_s << false;
    QTest::newRow("empty query") << Headers() << u"access_token="_s << false;
    QTest::newRow("wrong header beats right query") << bearer("nope"_ba) << good << false;
    QTest::newRow("repeated query") << Headers() << good + u'&' + good << false;
    QTest::newRow("lower-case bearer")
        << Headers{{"Authorization"_ba, "bearer "_ba + Key}} << QString() << false;
    QTest::newRow("two spaces") << Headers{{"Authorization"_ba, "Bearer  "_ba + Key}} << QString()
                                << false;
    QTest::newRow("no scheme") << Headers{{"Authorization"_ba, Key}} << QString() << false;
    QTest::newRow("seed's header name")
        << Headers{{"Authentication"_ba, "Bearer "_ba + Key}} << QString() << false;
    QTest::newRow("prefix of the key") << bearer(Key.chopped(1)) << QString() << false;
}

void TestPm415Sandbox::authentication()
{
    QFETCH(Headers, headers);
    QFETCH(QString, query);
    QFETCH(bool, accepted);

    const QString suffix = query.isEmpty() ? QString() : u'?' + query;
    headers.append({"Content-Type"_ba, "application/json"_ba});
    const RowMap before = rowsOf(world());
    const qint64 bug = connectedRecord(Bug);
    const QByteArray body = toJson(connectionBody({{Item, {}}}, false)); // the wiping body
    const std::pair<QByteArray, QString> requests[] = {
        {"GET"_ba, u"user/orgs"_s},
        {"GET"_ba, u"initiatives/all/true/17"_s},
        {"GET"_ba, u"bugs/full/true/17/true"_s},
        {"GET"_ba, u"backlogs/true/17"_s},
        {"GET"_ba, u"items/all/true/backlogs/17"_s},
        {"GET"_ba, u"connections/bug/item/%1"_s.arg(bug)},
        {"GET"_ba, u"connections/Bugs/Items/%1"_s.arg(bug)}, // 401 before 404
        {"POST"_ba, u"connections/bug/%1"_s.arg(bug)},
    };
    for (const auto &[method, path] : requests) {
        const SandboxReply reply
            = call(method, path + suffix, method == "POST" ? body : QByteArray(), headers);
        if (!accepted) {
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.header("Content-Type"_ba), "application/json; charset=utf-8"_ba);
            QCOMPARE(reply.json(),
                     (QJsonObject{{"statusCode"_L1, 401},
                                  {"error"_L1, "Unauthorized"_L1},
                                  {"message"_L1, "Authentication required"_L1},
                                  {"success"_L1, false}}));
        } else if (path.contains(u"Bugs")) {
            QCOMPARE(reply.status, 404);
        } else {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value("success"_L1), QJsonValue(true));
        }
    }
    if (!accepted)
        QCOMPARE(rowsOf(world()), before); // the refused POST changed nothing
    else
        QVERIFY(world().connectionsOf(Bug, bug).isEmpty()); // the accepted one wiped the bug
}

void TestPm415Sandbox::bodyTokenIsRead()
{
    // express-bearer-token also reads the body; the connections schema then refuses the key.
    QJsonObject body = connectionBody({});
    body.insert("access_token"_L1, QString::fromLatin1(Key));
    const Headers json{{"Content-Type"_ba, "application/json"_ba}};
    SandboxReply reply = call("POST"_ba, u"connections/bug/6"_s, toJson(body), json);
    QCOMPARE(reply.status, 400);
    QCOMPARE(messageOf(reply), u"\"access_token\" is not allowed"_s);

    body.insert("access_token"_L1, u"nope"_s);
    QCOMPARE(call("POST"_ba, u"connections/bug/6"_s, toJson(body), json).status, 401);

    // A form body carries it to a GET as well.
    reply = call("GET"_ba, u"user/orgs"_s, "access_token="_ba + Key,
                 {{"Content-Type"_ba, "application/x-www-form-urlencoded"_ba}});
    QCOMPARE(reply.status, 200);
}

void TestPm415Sandbox::organizations()
{
    const SandboxReply reply = call("GET"_ba, u"user/orgs"_s);
    QCOMPARE(reply.status, 200);
    const QJsonArray expected{
        QJsonObject{
            {"orgId"_L1, 17}, {"name"_L1, u"Northwind Analytics"_s}, {"role"_L1, u"Admin"_s}},
        QJsonObject{{"orgId"_L1, 18}, {"name"_L1, u"Northwind Labs"_s}, {"role"_L1, u"Member"_s}},
        QJsonObject{{"orgId"_L1, 24},
                    {"name"_L1, u"Lumen Labs — shared roadmap"_s},
                    {"role"_L1, u"Pending"_s}},
    };
    QCOMPARE(reply.json(), (QJsonObject{{"success"_L1, true}, {"organizations"_L1, expected}}));
}

void TestPm415Sandbox::recordLists_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("path"); // %1: showArchived
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("ownerTable"); // items only
    QTest::addColumn<QStringList>("columns");

    const QStringList creator{u"email"_s, u"firstName"_s, u"lastName"_s};
    QTest::newRow("initiatives") << int(Initiative) << u"initiatives/all/%1/17"_s
                                 << u"initiatives"_s << QString()
                                 << creator
            + QStringList{u"archived"_s, u"createdBy"_s,   u"description"_s,    u"horizon"_s,
                          u"id"_s,       u"order_index"_s, u"organizationId"_s, u"popularity"_s,
                          u"statusId"_s, u"title"_s};
    QTest::newRow("backlogs") << int(Backlog) << u"backlogs/%1/17"_s << u"backlogs"_s << QString()
                              << creator + QStringList{u"archived"_s,    u"createdBy"_s,
                                                       u"description"_s, u"id"_s,
                                                       u"statusId"_s,    u"title"_s};
    const QStringList itemColumns
        = creator + QStringList{u"archived"_s,    u"createdBy"_s, u"description"_s, u"id"_s,
                                u"order_index"_s, u"ownerId"_s,   u"statusId"_s,    u"title"_s};
    QTest::newRow("items of backlogs")
        << int(Item) << u"items/all/%1/backlogs/17"_s << u"items"_s << u"backlogs"_s << itemColumns;
    QTest::newRow("items of initiatives") << int(Item) << u"items/all/%1/initiatives/17"_s
                                          << u"items"_s << u"initiatives"_s << itemColumns;
    const QStringList bugColumns{
        u"archived"_s, u"assignee"_s,       u"assigneeData"_s, u"createdBy"_s, u"description"_s,
        u"id"_s,       u"reportedByData"_s, u"severity"_s,     u"statusId"_s,  u"title"_s};
    QTest::newRow("bugs") << int(Bug) << u"bugs/full/%1/17/false"_s << u"bugs"_s << QString()
                          << bugColumns;
    QTest::newRow("bugs, fullSelect=TRUE is false")
        << int(Bug) << u"bugs/full/%1/17/TRUE"_s << u"bugs"_s << QString() << bugColumns;
    QTest::newRow("bugs, fullSelect")
        << int(Bug) << u"bugs/full/%1/17/true"_s << u"bugs"_s << QString()
        << QStringList{u"archived"_s,   u"assignee"_s,       u"assigneeData"_s,
                       u"comments"_s,   u"createdBy"_s,      u"description"_s,
                       u"id"_s,         u"initiatives"_s,    u"items"_s,
                       u"reportedBy"_s, u"reportedByData"_s, u"severity"_s,
                       u"statusId"_s,   u"title"_s};
}

void TestPm415Sandbox::recordLists()
{
    QFETCH(int, type);
    QFETCH(QString, path);
    QFETCH(QString, key);
    QFETCH(QString, ownerTable);
    QFETCH(QStringList, columns);

    QSet<qint64> all;
    QSet<qint64> active;
    for (const auto &[id, record] : world().records(Pm415Type(type))) {
        if (record.organizationId == 17
            && (ownerTable.isEmpty() || record.ownerTable == ownerTable)) {
            all.insert(id);
            if (record.archived == 0)
                active.insert(id);
        }
    }
    QVERIFY(active.size() >= 3);

    const QRegularExpression date(u"^\\d{4}-\\d\\d-\\d\\dT00:00:00\\.000Z$"_s);
    for (const QString &showArchived : {u"true"_s, u"false"_s, u"yes"_s}) {
        const SandboxReply reply = call("GET"_ba, path.arg(showArchived));
        QCOMPARE(reply.status, 200);
        const QJsonObject object = reply.json();
        QCOMPARE(keysOf(object), (QSet<QString>{u"success"_s, key, u"admin"_s}));
        QCOMPARE(object.value("success"_L1), QJsonValue(true));
        QCOMPARE(object.value("admin"_L1), QJsonValue(true));
        const QJsonArray records = object.value(key).toArray();
        QCOMPARE(idsOf(records), showArchived == "false"_L1 ? active : all);
        QCOMPARE(records.size(), idsOf(records).size());

        std::pair<qint64, qint64> previous{-1, -1};
        for (const QJsonValue &value : records) {
            const QJsonObject record = value.toObject();
            QCOMPARE(keysOf(record), QSet<QString>(columns.begin(), columns.end()));
            QVERIFY(record.value("title"_L1).isString());
            const qint64 archived = record.value("archived"_L1).toInteger(-1);
            QVERIFY(archived == 0 || (archived == 1 && showArchived != "false"_L1));
            const QJsonValue horizon = record.value("horizon"_L1);
            QVERIFY(horizon.isUndefined() || horizon.isNull()
                    || date.match(horizon.toString()).hasMatch());
            // Primary-key order: initiatives by id, the others by (createdBy, id).
            const std::pair<qint64, qint64> order{
                type == int(Initiative) ? 0 : record.value("createdBy"_L1).toInteger(),
                record.value("id"_L1).toInteger()};
            QVERIFY(previous < order);
            previous = order;
            if (type == int(Bug)) {
                const Pm415Record *stored = world().find(Bug, record.value("id"_L1).toInteger());
                const Pm415User *creator = world().user(stored->createdBy);
                QCOMPARE(record.value("reportedByData"_L1)["email"_L1].toString(), creator->email);
                QCOMPARE(record.value("assigneeData"_L1)["email"_L1].isNull(),
                         !stored->assignee.has_value());
            } else {
                QVERIFY(record.value("email"_L1).toString().endsWith(u"@linkloom.example"));
            }
        }
    }
}

void TestPm415Sandbox::listRefusals_data()
{
    QTest::addColumn<QString>("path"); // %1: the organization segment
    QTest::addColumn<int>("type");
    QTest::newRow("initiatives") << u"initiatives/all/true/%1"_s << int(Initiative);
    QTest::newRow("bugs") << u"bugs/full/false/%1/true"_s << int(Bug);
    QTest::newRow("backlogs") << u"backlogs/true/%1"_s << int(Backlog);
    QTest::newRow("items") << u"items/all/true/backlogs/%1"_s << int(Item);
    QTest::newRow("items of one owner") << u"items/true/backlogs/%1/11"_s << int(Item);
}

void TestPm415Sandbox::listRefusals()
{
    QFETCH(QString, path);
    QFETCH(int, type);

    for (const QString &org : {u"24"_s, u"99"_s, u"-17"_s}) {
        const SandboxReply reply = call("GET"_ba, path.arg(org));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json(),
                 (QJsonObject{{"statusCode"_L1, 403},
                              {"error"_L1, "Forbidden"_L1},
                              {"message"_L1, "Organization privileges required"_L1},
                              {"success"_L1, false}}));
    }
    const SandboxReply nan = call("GET"_ba, path.arg(u"northwind"_s));
    QCOMPARE(nan.status, 500);
    QCOMPARE(nan.json().value("error"_L1).toString(), u"Internal Server Error"_s);
    QVERIFY(messageOf(nan).contains(u"Unknown column 'NaN'"));

    // parseInt: "17abc" and " 0x11" are 17.
    const QByteArray expected = call("GET"_ba, path.arg(17)).body;
    QVERIFY(expected.contains("\"success\":true"));
    QCOMPARE(call("GET"_ba, path.arg(u"17abc"_s)).body, expected);
    QCOMPARE(call("GET"_ba, path.arg(u"0x11"_s)).body, expected);

    // A Member of Northwind Labs: its own records, and admin false.
    const SandboxReply labs = call("GET"_ba, path.arg(18));
    QCOMPARE(labs.status, 200);
    QCOMPARE(labs.json().value("admin"_L1), QJsonValue(false));
    const QSet<qint64> ids = idsOf(labs.json().value(names(Pm415Type(type)).plural).toArray());
    QCOMPARE(ids.isEmpty(), path.endsWith(u"/11")); // backlog 11 is Northwind Analytics'
    for (qint64 id : ids)
        QCOMPARE(world().find(Pm415Type(type), id)->organizationId, Pm415LabsOrgId);
}

void TestPm415Sandbox::itemsByOwner()
{
    const QByteArray lower = call("GET"_ba, u"items/all/true/backlogs/17"_s).body;
    QCOMPARE(call("GET"_ba, u"items/all/true/BACKLOGS/17"_s).body, lower); // MySQL _ci
    const SandboxReply none = call("GET"_ba, u"items/all/true/widgets/17"_s);
    QCOMPARE(none.status, 200);
    QVERIFY(none.json().value("items"_L1).toArray().isEmpty());

    // One backlog's items.
    const qint64 backlog = world().records(Backlog).begin()->first;
    QSet<qint64> expected;
    for (const auto &[id, record] : world().records(Item)) {
        if (record.ownerTable == "backlogs"_L1 && record.ownerId == backlog)
            expected.insert(id);
    }
    QVERIFY(expected.size() > 5);
    const SandboxReply one = call("GET"_ba, u"items/true/backlogs/17/%1"_s.arg(backlog));
    QCOMPARE(one.status, 200);
    const QJsonArray items = one.json().value("items"_L1).toArray();
    QCOMPARE(idsOf(items), expected);
    QVERIFY(!items.first().toObject().contains("description"_L1)); // not in this select
    QCOMPARE(call("GET"_ba, u"items/true/backlogs/17/x"_s).status, 500);
}

void TestPm415Sandbox::bugsFullSelect()
{
    const SandboxReply reply = call("GET"_ba, u"bugs/full/true/17/true"_s);
    QCOMPARE(reply.status, 200);
    int withItems = 0;
    int withInitiatives = 0;
    for (const QJsonValue &value : reply.json().value("bugs"_L1).toArray()) {
        const QJsonObject bug = value.toObject();
        const qint64 id = bug.value("id"_L1).toInteger();
        const QSet<qint64> items = idsOf(bug.value("items"_L1).toArray());
        const QSet<qint64> initiatives = idsOf(bug.value("initiatives"_L1).toArray());
        QCOMPARE(items, infoIds(Bug, Item, id));
        QCOMPARE(initiatives, infoIds(Bug, Initiative, id));
        QCOMPARE(bug.value("comments"_L1), QJsonValue(QJsonArray()));
        withItems += items.isEmpty() ? 0 : 1;
        withInitiatives += initiatives.isEmpty() ? 0 : 1;
        if (!items.isEmpty()) // whole rows
            QVERIFY(bug.value("items"_L1)[0]["ownerTable"_L1].isString());
    }
    QVERIFY(withItems > 10);
    QVERIFY(withInitiatives > 5);
}

void TestPm415Sandbox::connectionsBothDirections_data()
{
    QTest::addColumn<int>("a");
    QTest::addColumn<int>("b");
    for (const TypeNames &a : Types) {
        for (const TypeNames &b : Types) {
            if (a.type < b.type) {
                QTest::addRow("%s-%s", qPrintable(a.name), qPrintable(b.name))
                    << int(a.type) << int(b.type);
            }
        }
    }
}

void TestPm415Sandbox::connectionsBothDirections()
{
    QFETCH(int, a);
    QFETCH(int, b);
    const Pm415Type typeA = Pm415Type(a);
    const Pm415Type typeB = Pm415Type(b);

    // The demo holds connections of every kind.
    int found = 0;
    for (const auto &[rowId, row] : world().connections()) {
        if (!row[typeA] || !row[typeB] || ++found > 3)
            continue;
        const qint64 idA = *row[typeA];
        const qint64 idB = *row[typeB];
        QVERIFY(infoIds(typeA, typeB, idA).contains(idB));
        QVERIFY(infoIds(typeB, typeA, idB).contains(idA));

        const SandboxReply reply = call(
            "GET"_ba, u"connections/%1/%2/%3"_s.arg(names(typeB).name, names(typeA).name).arg(idB));
        const QJsonObject object = reply.json();
        QCOMPARE(keysOf(object), (QSet<QString>{u"success"_s, u"connections"_s, u"info"_s}));
        bool listed = false;
        for (const QJsonValue &connection : object.value("connections"_L1).toArray()) {
            QCOMPARE(connection[names(typeB).column].toInteger(), idB); // every row holds B
            listed |= connection["id"_L1].toInteger() == rowId
                && connection[names(typeA).column].toInteger() == idA;
        }
        QVERIFY(listed);
        // Only records of the asked type come back in info.
        for (const QJsonValue &info : object.value("info"_L1).toArray())
            QVERIFY(world().find(typeA, info["id"_L1].toInteger()));
    }
    QVERIFY2(found >= 3, "the demo needs connections of every kind");
}

void TestPm415Sandbox::connectionsRowShapeIsTheSeeds()
{
    const qint64 bug = [&] {
        for (const auto &[id, row] : world().connections()) {
            if (row[Bug] && row[Item])
                return *row[Bug];
        }
        return qint64(0);
    }();
    const SandboxReply reply = call("GET"_ba, u"connections/bug/item/%1"_s.arg(bug));
    const QJsonObject object = reply.json();
    // Seed 003's example answer, key for key.
    QCOMPARE(keysOf(object.value("connections"_L1)[0].toObject()),
             (QSet<QString>{u"id"_s, u"initiativeId"_s, u"backlogId"_s, u"itemId"_s, u"bugId"_s}));
    const QJsonObject info = object.value("info"_L1)[0].toObject();
    QCOMPARE(
        keysOf(info),
        (QSet<QString>{u"assignee"_s, u"organizationId"_s, u"id"_s, u"title"_s, u"description"_s,
                       u"statusId"_s, u"points"_s, u"createdBy"_s, u"forecastedRelease"_s,
                       u"actualRelease"_s, u"plannedOn"_s, u"ownerId"_s, u"ownerTable"_s,
                       u"mailers"_s, u"orderIndex"_s, u"archived"_s}));
    QVERIFY(info.value("mailers"_L1).toString().startsWith(u'!'));
    QVERIFY(info.value("points"_L1).isDouble());
}

void TestPm415Sandbox::documentNamesRefused_data()
{
    QTest::addColumn<QString>("owner");
    QTest::addColumn<QString>("info");
    QTest::newRow("seed's names") << u"Bugs"_s << u"Items"_s;
    QTest::newRow("seed's owner") << u"Initiatives"_s << u"item"_s;
    QTest::newRow("seed's info") << u"bug"_s << u"Initiatives"_s;
    QTest::newRow("plural") << u"bugs"_s << u"items"_s;
    QTest::newRow("capitalised singular") << u"Bug"_s << u"item"_s;
    QTest::newRow("other word") << u"issue"_s << u"item"_s;
}

void TestPm415Sandbox::documentNamesRefused()
{
    QFETCH(QString, owner);
    QFETCH(QString, info);

    const qint64 bug = connectedRecord(Bug);
    const SandboxReply get = call("GET"_ba, u"connections/%1/%2/%3"_s.arg(owner, info).arg(bug));
    QCOMPARE(get.status, 404);
    QCOMPARE(get.json(),
             (QJsonObject{{"statusCode"_L1, 404},
                          {"error"_L1, "Not Found"_L1},
                          {"message"_L1, "not found this connections."_L1},
                          {"success"_L1, false}}));

    if (std::ranges::find(Types, owner, &TypeNames::name) != std::end(Types))
        return; // POST has no info type; its owner is the live server's name
    const RowMap before = rowsOf(world());
    const QJsonObject body = connectionBody({{Item, {*infoIds(Bug, Item, bug).begin()}}}, true);
    const SandboxReply posted
        = call("POST"_ba, u"connections/%1/%2"_s.arg(owner).arg(bug), toJson(body));
    QCOMPARE(posted.status, 404);
    QCOMPARE(messageOf(posted), u"not found this %1."_s.arg(owner));
    QCOMPARE(rowsOf(world()), before);
}

void TestPm415Sandbox::connectionsOfUnknownRecords()
{
    // GET does not look the record up.
    const SandboxReply unknown = call("GET"_ba, u"connections/bug/item/987654"_s);
    QCOMPARE(unknown.status, 200);
    QCOMPARE(unknown.json(),
             (QJsonObject{{"success"_L1, true},
                          {"connections"_L1, QJsonArray()},
                          {"info"_L1, QJsonArray()}}));
    QCOMPARE(call("GET"_ba, u"connections/bug/item/x6"_s).status, 500);

    const RowMap before = rowsOf(world());
    const SandboxReply posted = post(Bug, 987654, connectionBody({}));
    QCOMPARE(posted.status, 404);
    QCOMPARE(messageOf(posted), u"not found this bug."_s);
    QCOMPARE(call("POST"_ba, u"connections/item/x"_s, toJson(connectionBody({}))).status, 500);
    QCOMPARE(rowsOf(world()), before);

    // parseInt applies to the path id: "6abc" is bug 6.
    const qint64 bug = connectedRecord(Bug);
    QCOMPARE(call("GET"_ba, u"connections/bug/item/%1abc"_s.arg(bug)).body,
             call("GET"_ba, u"connections/bug/item/%1"_s.arg(bug)).body);
}

void TestPm415Sandbox::addAndDelete_data()
{
    QTest::addColumn<int>("owner");
    QTest::addColumn<int>("target");
    for (const TypeNames &owner : Types) {
        for (const TypeNames &target : Types) {
            if (owner.type != target.type) {
                QTest::addRow("%s -> %s", qPrintable(owner.name), qPrintable(target.plural))
                    << int(owner.type) << int(target.type);
            }
        }
    }
}

void TestPm415Sandbox::addAndDelete()
{
    QFETCH(int, owner);
    QFETCH(int, target);
    const Pm415Type ownerType = Pm415Type(owner);
    const Pm415Type targetType = Pm415Type(target);

    const qint64 ownerId = connectedRecord(ownerType);
    const qint64 first = unconnected(targetType, {ownerType, ownerId});
    const qint64 second = [&] {
        for (const auto &[id, record] : world().records(targetType)) {
            if (id != first && !world().connected({ownerType, ownerId}).contains({targetType, id}))
                return id;
        }
        return qint64(0);
    }();
    QVERIFY(ownerId && first && second);
    const QSet<qint64> before = infoIds(ownerType, targetType, ownerId);
    const QSet<qint64> others[] = {infoIds(ownerType, Pm415Type((target + 1) % 4), ownerId),
                                   infoIds(ownerType, Pm415Type((target + 2) % 4), ownerId)};
    const qsizetype rows = world().connections().size();

    // Add two.
    SandboxReply reply
        = post(ownerType, ownerId, connectionBody({{targetType, {first, second}}}, false));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json(), (QJsonObject{{"success"_L1, true}}));
    QCOMPARE(infoIds(ownerType, targetType, ownerId), (before + QSet<qint64>{first, second}));
    QVERIFY(infoIds(targetType, ownerType, first).contains(ownerId));
    QVERIFY(infoIds(targetType, ownerType, second).contains(ownerId));
    QCOMPARE(world().connections().size(), rows + 2);

    // Delete one; the other and the other types stay.
    reply = post(ownerType, ownerId, connectionBody({{targetType, {first}}}, true));
    QCOMPARE(reply.status, 200);
    QCOMPARE(infoIds(ownerType, targetType, ownerId), (before + QSet<qint64>{second}));
    QVERIFY(!infoIds(targetType, ownerType, first).contains(ownerId));
    QCOMPARE(infoIds(ownerType, Pm415Type((target + 1) % 4), ownerId), others[0]);
    QCOMPARE(infoIds(ownerType, Pm415Type((target + 2) % 4), ownerId), others[1]);

    // Deleting from the other side works too (connections are undirected).
    reply = post(targetType, second, connectionBody({{ownerType, {ownerId}}}, true));
    QCOMPARE(reply.status, 200);
    QCOMPARE(infoIds(ownerType, targetType, ownerId), before);
    QCOMPARE(world().connections().size(), rows);

    // Deleting what is not there succeeds and changes nothing.
    QCOMPARE(post(ownerType, ownerId, connectionBody({{targetType, {first}}}, true)).status, 200);
    QCOMPARE(world().connections().size(), rows);
}

void TestPm415Sandbox::readdGetsANewRow()
{
    const qint64 bug = connectedRecord(Bug);
    const qint64 item = unconnected(Item, {Bug, bug});
    QCOMPARE(post(Bug, bug, connectionBody({{Item, {item}}})).status, 200);
    const auto rowId = [&] {
        for (const Pm415Connection *row : world().connectionsOf(Bug, bug)) {
            if ((*row)[Item] == item)
                return row->id;
        }
        return qint64(-1);
    };
    const qint64 firstRow = rowId();
    QVERIFY(firstRow > 0);
    const qsizetype rows = world().connections().size();
    // Also by string id, as MySQL compares it.
    QCOMPARE(call("POST"_ba, u"connections/bug/%1"_s.arg(bug),
                  toJson(QJsonObject{{"items"_L1, QJsonArray{QString::number(item)}},
                                     {"bugs"_L1, QJsonArray()},
                                     {"backlogs"_L1, QJsonArray()},
                                     {"initiatives"_L1, QJsonArray()},
                                     {"delete"_L1, false}}))
                 .status,
             200);
    QCOMPARE(world().connections().size(), rows); // delete, then insert: no duplicate
    QVERIFY(rowId() > firstRow);
    QCOMPARE(world().connections().rbegin()->first, rowId());
}

void TestPm415Sandbox::emptyBodyWipesTheRecord_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QJsonValue>("del");
    for (const TypeNames &type : Types) {
        QTest::addRow("%s, delete false", qPrintable(type.name))
            << int(type.type) << QJsonValue(false);
        QTest::addRow("%s, delete true", qPrintable(type.name))
            << int(type.type) << QJsonValue(true);
    }
}

void TestPm415Sandbox::emptyBodyWipesTheRecord()
{
    QFETCH(int, type);
    QFETCH(QJsonValue, del);
    const Pm415Type owner = Pm415Type(type);

    const qint64 id = connectedRecord(owner, 2);
    QVERIFY(id);
    const QList<Pm415Ref> neighbours = world().connected({owner, id});
    QVERIFY(neighbours.size() >= 2);
    RowMap expected = rowsOf(world());
    std::erase_if(expected, [&](const auto &row) { return row.second[type] == id; });

    const SandboxReply reply = post(owner, id, connectionBody({}, del));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json(), (QJsonObject{{"success"_L1, true}}));

    for (const TypeNames &info : Types)
        QVERIFY(infoIds(owner, info.type, id).isEmpty());
    for (const Pm415Ref &neighbour : neighbours)
        QVERIFY(!infoIds(neighbour.type, owner, neighbour.id).contains(id));
    // Every other record keeps its connections.
    QCOMPARE(rowsOf(world()), expected);
    QVERIFY(!expected.empty());
}

void TestPm415Sandbox::partialApplication()
{
    const qint64 bug = connectedRecord(Bug);
    const qint64 item = unconnected(Item, {Bug, bug});
    const qint64 initiative = unconnected(Initiative, {Bug, bug});
    const QSet<qint64> backlogsBefore = infoIds(Bug, Backlog, bug);

    // Items are applied first, then the unknown backlog stops the request: initiatives never run.
    SandboxReply reply
        = post(Bug, bug,
               connectionBody({{Item, {item}}, {Backlog, {987654}}, {Initiative, {initiative}}}));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json(),
             (QJsonObject{{"statusCode"_L1, 404},
                          {"error"_L1, "Not Found"_L1},
                          {"message"_L1, "not found backlogs."_L1},
                          {"success"_L1, false}}));
    QVERIFY(infoIds(Bug, Item, bug).contains(item));
    QVERIFY(!infoIds(Bug, Initiative, bug).contains(initiative));
    QCOMPARE(infoIds(Bug, Backlog, bug), backlogsBefore);

    // The same for deletes: the item goes, then the unknown initiative stops the request.
    reply = post(Bug, bug, connectionBody({{Item, {item}}, {Initiative, {987654}}}, true));
    QCOMPARE(reply.status, 404);
    QCOMPARE(messageOf(reply), u"not found initiatives."_s);
    QVERIFY(!infoIds(Bug, Item, bug).contains(item));
}

void TestPm415Sandbox::unknownOrDuplicateIdsChangeNothingOfThatType_data()
{
    QTest::addColumn<QJsonArray>("extra"); // added to a valid item id
    QTest::newRow("unknown") << QJsonArray{987654};
    QTest::newRow("duplicate") << QJsonArray{-1}; // -1: the valid id again
    QTest::newRow("fraction") << QJsonArray{1.5};
    QTest::newRow("word") << QJsonArray{u"twelve"_s};
    QTest::newRow("null") << QJsonArray{QJsonValue()};
    QTest::newRow("object") << QJsonArray{QJsonObject{{"id"_L1, 40}}};
}

void TestPm415Sandbox::unknownOrDuplicateIdsChangeNothingOfThatType()
{
    QFETCH(QJsonArray, extra);
    const qint64 bug = connectedRecord(Bug);
    const qint64 item = unconnected(Item, {Bug, bug});
    QJsonArray items{item};
    for (const QJsonValue &value : extra)
        items.append(value == QJsonValue(-1) ? QJsonValue(item) : value);
    QJsonObject body = connectionBody({});
    body.insert("items"_L1, items);

    const RowMap before = rowsOf(world());
    const SandboxReply reply = post(Bug, bug, body);
    QCOMPARE(reply.status, 404);
    QCOMPARE(messageOf(reply), u"not found items."_s);
    QCOMPARE(rowsOf(world()), before);
}

void TestPm415Sandbox::sameTypeIsNotRefused()
{
    const qint64 bug = connectedRecord(Bug, 2);
    const qint64 other = unconnected(Bug, {Bug, bug});
    const RowMap before = rowsOf(world());

    // The row's bug column is overwritten by the target: a half row holding only `other`.
    SandboxReply reply = post(Bug, bug, connectionBody({{Bug, {other}}}, false));
    QCOMPARE(reply.status, 200);
    QCOMPARE(rowsOf(world()).size(), before.size() + 1);
    const SandboxReply half = call("GET"_ba, u"connections/bug/item/%1"_s.arg(other));
    const QJsonArray rows = half.json().value("connections"_L1).toArray();
    const QJsonObject expectedRow{{"id"_L1, world().connections().rbegin()->first},
                                  {"bugId"_L1, other},
                                  {"itemId"_L1, QJsonValue()},
                                  {"initiativeId"_L1, QJsonValue()},
                                  {"backlogId"_L1, QJsonValue()}};
    QVERIFY2(rows.contains(expectedRow), half.body.constData());
    QVERIFY(!infoIds(Bug, Bug, bug).contains(other)); // not connected to `bug`
    QCOMPARE(infoIds(Bug, Bug, other), QSet<qint64>{other}); // the record itself

    // Naming the owner itself deletes all its rows (delete where bug_id = id and bug_id in (id)).
    RowMap expected = rowsOf(world());
    std::erase_if(expected, [&](const auto &row) { return row.second[qToUnderlying(Bug)] == bug; });
    reply = post(Bug, bug, connectionBody({{Bug, {bug}}}, true));
    QCOMPARE(reply.status, 200);
    QCOMPARE(rowsOf(world()), expected);
    QVERIFY(world().connectionsOf(Bug, bug).isEmpty());
}

void TestPm415Sandbox::deleteAsStringDeletes()
{
    const qint64 item = connectedRecord(Item);
    const QSet<qint64> initiatives = infoIds(Item, Initiative, item);
    const qint64 initiative
        = initiatives.isEmpty() ? unconnected(Initiative, {Item, item}) : *initiatives.begin();
    QCOMPARE(post(Item, item, connectionBody({{Initiative, {initiative}}}, false)).status, 200);
    QVERIFY(infoIds(Item, Initiative, item).contains(initiative));

    // Joi accepts "false", but the handler inserts only for the JSON value false.
    const SandboxReply reply
        = post(Item, item, connectionBody({{Initiative, {initiative}}}, u"false"_s));
    QCOMPARE(reply.status, 200);
    QVERIFY(!infoIds(Item, Initiative, item).contains(initiative));
}

void TestPm415Sandbox::bodyValidation_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    const QByteArray json = "application/json"_ba;
    QTest::newRow("no body") << json << QByteArray() << 400 << u"\"items\" is required"_s;
    QTest::newRow("{}") << json << "{}"_ba << 400 << u"\"items\" is required"_s;
    QTest::newRow("items only") << json << R"({"items":[]})"_ba << 400
                                << u"\"backlogs\" is required"_s;
    QTest::newRow("no delete") << json
                               << R"({"items":[],"backlogs":[],"initiatives":[],"bugs":[]})"_ba
                               << 400 << u"\"delete\" is required"_s;
    QTest::newRow("no bugs") << json
                             << R"({"items":[],"backlogs":[],"initiatives":[],"delete":false})"_ba
                             << 400 << u"\"bugs\" is required"_s;
    QTest::newRow("items not an array")
        << json << R"({"items":"40","backlogs":[],"initiatives":[],"bugs":[],"delete":false})"_ba
        << 400 << u"\"items\" must be an array"_s;
    QTest::newRow("bugs null")
        << json << R"({"items":[],"backlogs":[],"initiatives":[],"bugs":null,"delete":false})"_ba
        << 400 << u"\"bugs\" must be an array"_s;
    QTest::newRow("delete not a boolean")
        << json << R"({"items":[],"backlogs":[],"initiatives":[],"bugs":[],"delete":"maybe"})"_ba
        << 400 << u"\"delete\" must be a boolean"_s;
    QTest::newRow("delete 0")
        << json << R"({"items":[],"backlogs":[],"initiatives":[],"bugs":[],"delete":0})"_ba << 400
        << u"\"delete\" must be a boolean"_s;
    QTest::newRow("extra key") << json
                               << R"({"items":[],"backlogs":[],"initiatives":[],"bugs":[],)"
                                  R"("delete":false,"foo":1})"_ba
                               << 400 << u"\"foo\" is not allowed"_s;
    QTest::newRow("array") << json << "[]"_ba << 400 << u"\"value\" must be an object"_s;
    QTest::newRow("bad JSON") << json << "{bad"_ba << 500
                              << u"Unexpected token b in JSON at position 1"_s;
    QTest::newRow("truncated") << json << R"({"items":[)"_ba << 500
                               << u"Unexpected end of JSON input"_s;
    QTest::newRow("not strict") << json << " true"_ba << 500
                                << u"Unexpected token t in JSON at position 1"_s;
    QTest::newRow("missing value")
        << json << R"({"items":})"_ba << 500 << u"Unexpected token } in JSON at position 9"_s;
    QTest::newRow("missing separator")
        << json << R"({"items" [1]})"_ba << 500 << u"Unexpected token [ in JSON at position 9"_s;
    QTest::newRow("garbage after")
        << json << "{} x"_ba << 500 << u"Unexpected token x in JSON at position 3"_s;
    QTest::newRow("text/plain is ignored")
        << "text/plain"_ba
        << R"({"items":[],"backlogs":[],"initiatives":[],"bugs":[],"delete":false})"_ba << 400
        << u"\"items\" is required"_s;
    QTest::newRow("form") << "application/x-www-form-urlencoded"_ba
                          << "items=40&backlogs=&initiatives=&bugs=&delete=false"_ba << 400
                          << u"\"items\" must be an array"_s;
}

void TestPm415Sandbox::bodyValidation()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, message);

    const qint64 bug = connectedRecord(Bug);
    const RowMap before = rowsOf(world());
    const Headers headers{{"Authorization"_ba, "Bearer "_ba + Key},
                          {"Content-Type"_ba, contentType}};
    const SandboxReply reply = call("POST"_ba, u"connections/bug/%1"_s.arg(bug), body, headers);
    QCOMPARE(reply.status, status);
    const QJsonObject object = reply.json();
    QCOMPARE(object.value("statusCode"_L1).toInt(), status);
    QCOMPARE(object.value("error"_L1).toString(),
             status == 400 ? u"Bad Request"_s : u"Internal Server Error"_s);
    QCOMPARE(object.value("message"_L1).toString(), message);
    QCOMPARE(object.value("success"_L1), QJsonValue(false));
    QCOMPARE(rowsOf(world()), before);

    // The body is validated before the owner is looked up.
    if (status == 400) {
        QCOMPARE(messageOf(call("POST"_ba, u"connections/Bugs/%1"_s.arg(bug), body, headers)),
                 message);
    }
}

void TestPm415Sandbox::bodyLimit()
{
    const qint64 bug = connectedRecord(Bug);
    QJsonArray many;
    while (QJsonDocument(many).toJson(QJsonDocument::Compact).size() <= Pm415Sandbox::MaxBodySize)
        many.append(1234567);
    QJsonObject body = connectionBody({});
    body.insert("items"_L1, many);
    const RowMap before = rowsOf(world());
    const SandboxReply reply = post(Bug, bug, body);
    QCOMPARE(reply.status, 500);
    QCOMPARE(messageOf(reply), u"request entity too large"_s);
    QCOMPARE(rowsOf(world()), before);
}

void TestPm415Sandbox::vendorErrorShape()
{
    const Pm415Sandbox &pm415 = m_server->pm415();
    const auto shape = [&](int status) {
        return QJsonDocument::fromJson(pm415.vendorError(status, u"try later"_s).body).object();
    };
    QCOMPARE(shape(429),
             (QJsonObject{{"statusCode"_L1, 429},
                          {"error"_L1, "Too Many Requests"_L1},
                          {"message"_L1, "try later"_L1},
                          {"success"_L1, false}}));
    QCOMPARE(shape(503).value("error"_L1).toString(), u"Service Unavailable"_s);
    QCOMPARE(shape(401).value("error"_L1).toString(), u"Unauthorized"_s);
    QCOMPARE(shape(599).value("error"_L1).toString(), u"Unknown"_s);
    QCOMPARE(pm415.vendorError(502, u"x"_s).status, 502);
}

void TestPm415Sandbox::determinism()
{
    SandboxServer same(nullptr, 415);
    SandboxServer other(nullptr, 416);
    const QJsonObject state = world().toJson();
    QCOMPARE(same.pm415().world().toJson(), state);
    QVERIFY(other.pm415().world().toJson() != state);

    // The demo's size and variety.
    const qsizetype expected[] = {18, 8, 0, 70};
    for (const TypeNames &type : Types) {
        const QJsonArray records = state.value(type.plural).toArray();
        if (type.type != Item)
            QCOMPARE(records.size(), expected[qToUnderlying(type.type)]);
        QVERIFY(std::ranges::any_of(
            records, [](const QJsonValue &r) { return r["archived"_L1].toInteger() == 1; }));
    }
    const qsizetype items = world().records(Item).size();
    QVERIFY2(items > 110 && items < 160, QByteArray::number(items).constData());
    QVERIFY(world().connections().size() > 150);
    QCOMPARE(world().connections().begin()->first, 7); // as in seed 003's example
    QVERIFY(world().find(Bug, 6));
    QCOMPARE(world().find(Bug, 6)->title, u"Export to CSV drops non-ASCII names"_s);
    bool customer = false;
    for (const auto &[id, bug] : world().records(Bug))
        customer |= bug.title.startsWith(u"Lumen Labs: ");
    QVERIFY(customer);

    // The same answers over HTTP from a second server with the same seed.
    const QByteArray here = call("GET"_ba, u"bugs/full/true/17/true"_s).body;
    QVERIFY(here.size() > 10000);
    QVERIFY(same.start() != 0);
    m_port = same.port();
    QCOMPARE(call("GET"_ba, u"bugs/full/true/17/true"_s).body, here);
}

void TestPm415Sandbox::saveAndRestore()
{
    Pm415Sandbox &pm415 = m_server->pm415();
    const QJsonObject saved = pm415.saveState();
    const QByteArray orgs = call("GET"_ba, u"user/orgs"_s).body;
    const QByteArray bugs = call("GET"_ba, u"bugs/full/true/17/true"_s).body;

    // Change things: wipe a record, add a connection.
    const qint64 bug = connectedRecord(Bug, 2);
    QCOMPARE(post(Bug, bug, connectionBody({})).status, 200);
    const qint64 item = unconnected(Item, {Bug, bug});
    QCOMPARE(post(Bug, bug, connectionBody({{Item, {item}}})).status, 200);
    QVERIFY(call("GET"_ba, u"bugs/full/true/17/true"_s).body != bugs);
    const qint64 nextRow = world().connections().rbegin()->first + 1;

    QString error;
    QVERIFY2(pm415.restoreState(saved, &error), qPrintable(error));
    QCOMPARE(call("GET"_ba, u"bugs/full/true/17/true"_s).body, bugs);
    QCOMPARE(call("GET"_ba, u"user/orgs"_s).body, orgs);
    QCOMPARE(pm415.saveState(), saved);

    // A state through JSON text round-trips too, counter included.
    const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(saved).toJson()).object();
    QVERIFY(pm415.restoreState(reread, &error));
    QCOMPARE(pm415.saveState(), saved);
    QCOMPARE(post(Bug, bug, connectionBody({{Item, {item}}})).status, 200);
    QCOMPARE(world().connections().rbegin()->first, saved.value("nextConnectionId"_L1).toInteger());
    QVERIFY(nextRow > saved.value("nextConnectionId"_L1).toInteger());
}

void TestPm415Sandbox::restoreRefusesMalformed_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("empty") << u"empty"_s;
    QTest::newRow("no bugs") << u"no bugs"_s;
    QTest::newRow("duplicate id") << u"duplicate id"_s;
    QTest::newRow("archived 2") << u"archived 2"_s;
    QTest::newRow("bad date") << u"bad date"_s;
    QTest::newRow("title missing") << u"title missing"_s;
    QTest::newRow("dangling connection") << u"dangling connection"_s;
    QTest::newRow("counter behind") << u"counter behind"_s;
    QTest::newRow("bad role") << u"bad role"_s;
}

void TestPm415Sandbox::restoreRefusesMalformed()
{
    QFETCH(QString, change);
    Pm415Sandbox &pm415 = m_server->pm415();
    const QJsonObject saved = pm415.saveState();
    QJsonObject state = saved;
    const auto edit = [&state](const QString &table, qsizetype index, const auto &apply) {
        QJsonArray rows = state.value(table).toArray();
        QJsonObject row = rows.at(index).toObject();
        apply(row);
        rows.replace(index, row);
        state.insert(table, rows);
    };
    if (change == "empty"_L1) {
        state = {};
    } else if (change == "no bugs"_L1) {
        state.remove("bugs"_L1);
    } else if (change == "duplicate id"_L1) {
        edit(u"items"_s, 1,
             [&](QJsonObject &row) { row.insert("id"_L1, state.value("items"_L1)[0]["id"_L1]); });
    } else if (change == "archived 2"_L1) {
        edit(u"backlogs"_s, 0, [](QJsonObject &row) { row.insert("archived"_L1, 2); });
    } else if (change == "bad date"_L1) {
        edit(u"items"_s, 0, [](QJsonObject &row) { row.insert("plannedOn"_L1, u"soon"_s); });
    } else if (change == "title missing"_L1) {
        edit(u"initiatives"_s, 0, [](QJsonObject &row) { row.remove("title"_L1); });
    } else if (change == "dangling connection"_L1) {
        edit(u"connections"_s, 0, [](QJsonObject &row) { row.insert("bugId"_L1, 987654); });
    } else if (change == "counter behind"_L1) {
        state.insert("nextConnectionId"_L1, 8);
    } else if (change == "bad role"_L1) {
        edit(u"organizations"_s, 0, [](QJsonObject &row) { row.insert("role"_L1, u"Owner"_s); });
    }
    QVERIFY(state != saved);

    QString error;
    QVERIFY(!pm415.restoreState(state, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(pm415.saveState(), saved);
}

void TestPm415Sandbox::scaledWorld()
{
    SandboxClock clock;
    QElapsedTimer timer;
    timer.start();
    Pm415Sandbox big(clock, 7, 100'000);
    const qint64 elapsed = timer.elapsed();
    qInfo("100,000 pm415 records in %lld ms", elapsed);
    qsizetype records = 0;
    for (Pm415Type type : AllPm415Types)
        records += qsizetype(big.world().records(type).size());
    QVERIFY2(records >= 99'000 && records <= 101'000, QByteArray::number(records).constData());
    QVERIFY(big.world().connections().size() > 50'000);
    QVERIFY2(elapsed < 20'000, "generating 100,000 records must stay fast");

    // Its state round-trips.
    timer.restart();
    const QJsonObject state = big.saveState();
    qInfo("saved in %lld ms", timer.elapsed());
    Pm415Sandbox copy(clock, 7, 10);
    QString error;
    QVERIFY2(copy.restoreState(state, &error), qPrintable(error));
    qInfo("saved and restored in %lld ms", timer.elapsed());
    QCOMPARE(copy.world().connections().size(), big.world().connections().size());
    QCOMPARE(copy.world().records(Bug).rbegin()->second.title,
             big.world().records(Bug).rbegin()->second.title);

    // Served like the demo.
    SandboxRequest request{"GET"_ba,
                           {u"connections"_s, u"bug"_s, u"item"_s, u"6"_s},
                           {},
                           {{"Authorization"_ba, "Bearer "_ba + Key}},
                           {}};
    QCOMPARE(big.handle(request).status, 200);
}

QTEST_GUILESS_MAIN(TestPm415Sandbox)
#include "tst_pm415sandbox.moc"
