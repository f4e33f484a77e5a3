// The Copper simulator, spoken to over loopback HTTP the way a connector speaks to Copper.

#include "sandbox/coppersandbox.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxserver.h"
#include "tests/sandbox/sandboxclient.h"

#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using Headers = SandboxReply::Headers;

/// Seed 001's table, written out again here so that the test does not trust the code under test.
const QHash<QString, QStringList> &allowedRelations()
{
    static const QHash<QString, QStringList> table = {
        {u"leads"_s, {u"tasks"_s}},
        {u"people"_s, {u"companies"_s, u"opportunities"_s, u"tasks"_s, u"projects"_s}},
        {u"companies"_s, {u"opportunities"_s, u"people"_s, u"tasks"_s, u"projects"_s}},
        {u"opportunities"_s, {u"companies"_s, u"people"_s, u"tasks"_s, u"projects"_s}},
        {u"projects"_s, {u"companies"_s, u"people"_s, u"opportunities"_s, u"tasks"_s}},
        {u"tasks"_s, {u"companies"_s, u"people"_s, u"opportunities"_s, u"leads"_s, u"projects"_s}},
    };
    return table;
}

const QStringList Entities
    = {u"leads"_s, u"people"_s, u"companies"_s, u"opportunities"_s, u"projects"_s, u"tasks"_s};

QString singular(const QString &plural)
{
    static const QHash<QString, QString> names = {
        {u"leads"_s, u"lead"_s},        {u"people"_s, u"person"_s},
        {u"companies"_s, u"company"_s}, {u"opportunities"_s, u"opportunity"_s},
        {u"projects"_s, u"project"_s},  {u"tasks"_s, u"task"_s},
    };
    return names.value(plural);
}

QJsonObject resource(qint64 id, const QString &type)
{
    return {{"resource"_L1, QJsonObject{{"id"_L1, id}, {"type"_L1, type}}}};
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::unique_ptr<CopperSandbox> makeCopper(const SandboxClock &clock, quint32 seed, int scale)
{
    return std::make_unique<CopperSandbox>(clock, QByteArray(SandboxServer::CopperApiKey),
                                           QByteArray(SandboxServer::CopperEmail), seed, scale);
}

/// A request straight to a simulator, with the demo's credentials.
SandboxResponse direct(CopperSandbox &copper, const QByteArray &method, const QString &path,
                       const QJsonObject &body = {})
{
    return copper.handle({method,
                          path.split(u'/'),
                          {},
                          copperCredentials(),
                          body.isEmpty() ? QByteArray() : toJson(body)});
}

/// Seed 001's rules, checked on a whole world: allowed pairs only, both directions, a person
/// with exactly one company, a task with exactly one related record; and every Connect link
/// mirrored.
void checkWorldRules(const CopperWorld &world)
{
    for (CopperEntity type : AllCopperEntities) {
        for (const auto &[id, record] : world.records(type)) {
            const CopperRef self{type, id};
            const QList<CopperRef> others = world.related(self);
            for (const CopperRef &other : others) {
                QVERIFY(allowedRelations()
                            .value(copperPlural(type))
                            .contains(copperPlural(other.type)));
                QVERIFY(world.isRelated(other, self));
            }
            if (type == CopperEntity::Person) {
                QCOMPARE(std::ranges::count(others, CopperEntity::Company, &CopperRef::type), 1);
                QVERIFY(record["company_id"_L1].toInteger() > 0);
            }
            if (type == CopperEntity::Task)
                QCOMPARE(others.size(), 1);
        }
    }
    const QJsonArray links = world.toJson()["related_links"_L1].toArray();
    QCOMPARE(world.linkCount(), 2 * links.size());
    for (const QJsonValue &pair : links) {
        const CopperLink *link = world.link(pair["id"_L1].toInteger());
        QVERIFY(link && world.link(link->mirrorId));
        QVERIFY(world.link(link->mirrorId)->source == link->target);
        QVERIFY(world.contains(link->source) && world.contains(link->target));
    }
}

QList<qint64> ids(const QJsonArray &records)
{
    QList<qint64> result;
    for (const QJsonValue &record : records)
        result.append(record["id"_L1].toInteger());
    return result;
}

/// Copper's count of all matches of a search.
QByteArray totalOf(const SandboxReply &reply)
{
    return reply.header("X-PW-TOTAL"_ba);
}

} // namespace

class TestCopperSandbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void bindsLoopbackOnly();
    void unknownPath_data();
    void unknownPath();
    void authRefusals_data();
    void authRefusals();
    void searchDefaults_data();
    void searchDefaults();
    void searchPaging_data();
    void searchPaging();
    void searchOrderIsStable_data();
    void searchOrderIsStable();
    void searchRefusesBadInput_data();
    void searchRefusesBadInput();
    void searchIdsFilter();
    void searchNameFilter();
    void getRecord();
    void seededWorldKeepsTheRules();
    void relatedList();
    void relateShowsOnBothSides();
    void unrelate();
    void disallowedPairsRefused_data();
    void disallowedPairsRefused();
    void personCompanyLimit();
    void taskLimit();
    void unknownRecord_data();
    void unknownRecord();
    void badBodies_data();
    void badBodies();
    void oversizedBody();
    void idsAreUniquePerTypeOnly();
    void determinism();
    void scaledWorld_data();
    void scaledWorld();
    void scale350IsTheDemo();
    void stateRoundTrip();
    void restoreRefusesMalformed_data();
    void restoreRefusesMalformed();

private:
    SandboxReply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const Headers &headers = copperCredentials());
    SandboxReply callCopper(const QByteArray &method, const QString &path,
                            const QJsonObject &body = {});
    QJsonArray search(const QString &entity, const QJsonObject &body);
    QJsonArray related(const QString &entity, qint64 id, const QString &only = {});

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
    quint16 m_port = 0; // where call() sends requests
};

void TestCopperSandbox::init()
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_server = std::make_unique<SandboxServer>();
    m_port = m_server->start();
    QVERIFY(m_port != 0);
}

void TestCopperSandbox::cleanup()
{
    m_server.reset();
}

SandboxReply TestCopperSandbox::call(const QByteArray &method, const QString &path,
                                     const QByteArray &body, const Headers &headers)
{
    return SandboxReply::send(m_nam, method, QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)),
                              body, headers);
}

SandboxReply TestCopperSandbox::callCopper(const QByteArray &method, const QString &path,
                                           const QJsonObject &body)
{
    return call(method, u"/copper/developer_api/v1/"_s + path,
                body.isEmpty() ? QByteArray() : toJson(body));
}

QJsonArray TestCopperSandbox::search(const QString &entity, const QJsonObject &body)
{
    const SandboxReply reply = callCopper("POST"_ba, entity + u"/search"_s, body);
    if (reply.status != 200)
        qWarning() << "search failed:" << reply.status << reply.body;
    return reply.array();
}

QJsonArray TestCopperSandbox::related(const QString &entity, qint64 id, const QString &only)
{
    QString path = u"%1/%2/related"_s.arg(entity).arg(id);
    if (!only.isEmpty())
        path += u'/' + only;
    const SandboxReply reply = callCopper("GET"_ba, path);
    if (reply.status != 200)
        qWarning() << "related failed:" << reply.status << reply.body;
    return reply.array();
}

void TestCopperSandbox::bindsLoopbackOnly()
{
    const QList<QTcpServer *> servers = m_server->servers();
    QCOMPARE(servers.size(), 1);
    QCOMPARE(servers.first()->serverAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(m_server->baseUrl(Vendor::Copper).host(), u"127.0.0.1"_s);

    // Another address of this machine must not reach the sandbox.
    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    const auto external = std::ranges::find_if(addresses, [](const QHostAddress &a) {
        return !a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol;
    });
    if (external == addresses.end())
        QSKIP("this machine has no non-loopback IPv4 address to try");
    QTcpSocket socket;
    socket.connectToHost(*external, m_server->port());
    QVERIFY(!socket.waitForConnected(5000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
}

void TestCopperSandbox::unknownPath_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");

    QTest::newRow("root") << "GET"_ba << u"/"_s << u"not_found"_s;
    QTest::newRow("no vendor") << "GET"_ba << u"/nope/people"_s << u"not_found"_s;
    QTest::newRow("copper v2") << "GET"_ba << u"/copper/developer_api/v2/people/1"_s
                               << u"not_found"_s;
    QTest::newRow("unknown entity")
        << "POST"_ba << u"/copper/developer_api/v1/widgets/search"_s << u"not_found"_s;
    QTest::newRow("unknown endpoint")
        << "GET"_ba << u"/copper/developer_api/v1/people/27140359/notes"_s << u"not_found"_s;
    QTest::newRow("wrong method") << "PUT"_ba
                                  << u"/copper/developer_api/v1/people/27140359/related"_s
                                  << u"not_found"_s;
    QTest::newRow("GET search") << "GET"_ba << u"/copper/developer_api/v1/people/search"_s
                                << u"not_found"_s;
}

void TestCopperSandbox::unknownPath()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, error);

    const SandboxReply reply = call(method, path);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value("error"_L1).toString(), error);
}

void TestCopperSandbox::authRefusals_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value"); // null: header left out
    QTest::addColumn<int>("status");

    QTest::newRow("no token") << "X-PW-AccessToken"_ba << QByteArray() << 401;
    QTest::newRow("wrong token") << "X-PW-AccessToken"_ba
                                 << "not-the-key"_ba << 401;
    QTest::newRow("empty token") << "X-PW-AccessToken"_ba
                                 << ""_ba << 401;
    QTest::newRow("no email") << "X-PW-UserEmail"_ba << QByteArray() << 401;
    QTest::newRow("wrong email") << "X-PW-UserEmail"_ba
                                 << "someone@example.com"_ba << 401;
    QTest::newRow("no application") << "X-PW-Application"_ba << QByteArray() << 400;
    QTest::newRow("wrong application") << "X-PW-Application"_ba
                                       << "web_app"_ba << 400;
    QTest::newRow("email in capitals is fine") << "X-PW-UserEmail"_ba
                                               << "DEMO@Linkloom.example"_ba << 200;
}

void TestCopperSandbox::authRefusals()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(int, status);

    Headers headers = copperCredentials();
    headers.removeIf([&](const auto &h) { return h.first == header; });
    if (!value.isNull())
        headers.append({header, value});

    for (const auto &[method, path] : {std::pair{"POST"_ba, u"people/search"_s},
                                       std::pair{"GET"_ba, u"people/27140359/related"_s},
                                       std::pair{"GET"_ba, u"no/such/route"_s}}) {
        const SandboxReply reply = call(method, u"/copper/developer_api/v1/"_s + path, {}, headers);
        if (status == 200 && path.startsWith(u"no/"))
            continue;
        QCOMPARE(reply.status, status);
        if (status != 200) {
            const QJsonObject body = reply.json();
            QCOMPARE(body.value("success"_L1), QJsonValue(false));
            QCOMPARE(body.value("status"_L1).toInt(), status);
            QVERIFY(!body.value("message"_L1).toString().isEmpty());
        }
    }
}

void TestCopperSandbox::searchDefaults_data()
{
    QTest::addColumn<QString>("entity");
    QTest::addColumn<int>("total");

    QTest::newRow("leads") << u"leads"_s << 30;
    QTest::newRow("people") << u"people"_s << 120;
    QTest::newRow("companies") << u"companies"_s << 40;
    QTest::newRow("opportunities") << u"opportunities"_s << 60;
    QTest::newRow("projects") << u"projects"_s << 20;
    QTest::newRow("tasks") << u"tasks"_s << 80;
}

void TestCopperSandbox::searchDefaults()
{
    QFETCH(QString, entity);
    QFETCH(int, total);

    const QString path = u"/copper/developer_api/v1/"_s + entity + u"/search"_s;
    for (const QByteArray &body : {QByteArray(), "{}"_ba, " \n"_ba}) {
        const SandboxReply reply = call("POST"_ba, path, body);
        QCOMPARE(reply.status, 200);
        QCOMPARE(totalOf(reply).toInt(), total);
        const QJsonArray page = reply.array();
        QCOMPARE(page.size(), qMin(total, CopperSandbox::DefaultPageSize));
        const QList<qint64> pageIds = ids(page);
        QVERIFY(std::ranges::is_sorted(pageIds)); // default order: by id
        QVERIFY(page.first()["name"_L1].isString());
        QVERIFY(page.first()["date_created"_L1].isDouble());
    }
}

void TestCopperSandbox::searchPaging_data()
{
    QTest::addColumn<QString>("entity");
    QTest::addColumn<int>("pageSize");

    for (const QString &entity : {u"people"_s, u"tasks"_s, u"projects"_s}) {
        for (int size : {1, 7, 20, 200})
            QTest::addRow("%s, %d", qPrintable(entity), size) << entity << size;
    }
}

void TestCopperSandbox::searchPaging()
{
    QFETCH(QString, entity);
    QFETCH(int, pageSize);

    const QList<qint64> all = ids(search(entity, {{"page_size"_L1, 200}}));
    QVERIFY(!all.isEmpty());
    QList<qint64> seen;
    for (int number = 1;; ++number) {
        const SandboxReply reply
            = callCopper("POST"_ba, entity + u"/search"_s,
                         {{"page_number"_L1, number}, {"page_size"_L1, pageSize}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(totalOf(reply).toLongLong(), all.size());
        const QJsonArray page = reply.array();
        const qsizetype remaining = all.size() - seen.size();
        QCOMPARE(page.size(), qMin<qsizetype>(pageSize, remaining)); // full, partial, or empty
        if (page.isEmpty())
            break;
        seen += ids(page);
    }
    QCOMPARE(seen, all);
    QCOMPARE(QSet<qint64>(seen.begin(), seen.end()).size(), all.size());
}

void TestCopperSandbox::searchOrderIsStable_data()
{
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("sortBy");
    QTest::addColumn<QString>("direction");

    QTest::newRow("people by name") << u"people"_s << u"name"_s << u"asc"_s;
    QTest::newRow("people by name, desc") << u"people"_s << u"name"_s << u"desc"_s;
    QTest::newRow("tasks by status (ties)") << u"tasks"_s << u"status"_s << u"asc"_s;
    QTest::newRow("tasks by priority, desc") << u"tasks"_s << u"priority"_s << u"desc"_s;
    QTest::newRow("opportunities by value")
        << u"opportunities"_s << u"monetary_value"_s << u"desc"_s;
    QTest::newRow("companies by date_modified") << u"companies"_s << u"date_modified"_s << u"asc"_s;
}

void TestCopperSandbox::searchOrderIsStable()
{
    QFETCH(QString, entity);
    QFETCH(QString, sortBy);
    QFETCH(QString, direction);

    const QJsonObject order{{"sort_by"_L1, sortBy}, {"sort_direction"_L1, direction}};
    QJsonObject big = order;
    big.insert("page_size"_L1, 200);
    const QJsonArray all = search(entity, big);
    QVERIFY(all.size() > 10);

    const bool descending = direction == "desc"_L1;
    for (qsizetype i = 1; i < all.size(); ++i) {
        const QJsonValue a = all[i - 1][sortBy];
        const QJsonValue b = all[i][sortBy];
        const int cmp = a.isString()
            ? a.toString().compare(b.toString(), Qt::CaseInsensitive)
            : (a.toDouble() > b.toDouble()) - (a.toDouble() < b.toDouble());
        if (cmp == 0) // ties break by id, ascending
            QVERIFY(all[i - 1]["id"_L1].toInteger() < all[i]["id"_L1].toInteger());
        else
            QCOMPARE(cmp < 0, !descending);
    }

    // Small pages of the same order add up to the same list, request after request.
    QList<qint64> paged;
    for (int number = 1; paged.size() < all.size(); ++number) {
        QJsonObject body = order;
        body.insert("page_size"_L1, 7);
        body.insert("page_number"_L1, number);
        const QJsonArray page = search(entity, body);
        QVERIFY(!page.isEmpty());
        paged += ids(page);
    }
    QCOMPARE(paged, ids(all));
}

void TestCopperSandbox::searchRefusesBadInput_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("page_size 0") << R"({"page_size":0})"_ba;
    QTest::newRow("page_size 201") << R"({"page_size":201})"_ba;
    QTest::newRow("page_size -5") << R"({"page_size":-5})"_ba;
    QTest::newRow("page_size 2.5") << R"({"page_size":2.5})"_ba;
    QTest::newRow("page_size as text") << R"({"page_size":"20"})"_ba;
    QTest::newRow("page_number 0") << R"({"page_number":0})"_ba;
    QTest::newRow("unknown sort_by") << R"({"sort_by":"emails"})"_ba;
    QTest::newRow("bad sort_direction") << R"({"sort_by":"name","sort_direction":"up"})"_ba;
    QTest::newRow("ids not an array") << R"({"ids":27140359})"_ba;
    QTest::newRow("ids of text") << R"({"ids":["27140359"]})"_ba;
    QTest::newRow("body is an array") << R"([1,2])"_ba;
}

void TestCopperSandbox::searchRefusesBadInput()
{
    QFETCH(QByteArray, body);

    const SandboxReply reply = call("POST"_ba, u"/copper/developer_api/v1/people/search"_s, body);
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json().value("success"_L1), QJsonValue(false));
    QCOMPARE(reply.json().value("status"_L1).toInt(), 422);
}

void TestCopperSandbox::searchIdsFilter()
{
    const QList<qint64> first = ids(search(u"companies"_s, {{"page_size"_L1, 5}}));
    QCOMPARE(first.size(), 5);
    const QJsonArray wanted{first[4], first[1], 999, first[2]}; // 999 is no company

    const SandboxReply reply = callCopper("POST"_ba, u"companies/search"_s, {{"ids"_L1, wanted}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(totalOf(reply), "3"_ba);
    QCOMPARE(ids(reply.array()), (QList<qint64>{first[1], first[2], first[4]}));

    // The same id under another type is another record: no opportunity has a company's id.
    QVERIFY(search(u"opportunities"_s, {{"ids"_L1, QJsonArray{first[0]}}}).isEmpty());

    const SandboxReply none
        = callCopper("POST"_ba, u"companies/search"_s, {{"ids"_L1, QJsonArray()}});
    QCOMPARE(none.status, 200);
    QCOMPARE(totalOf(none), "0"_ba);
    QVERIFY(none.array().isEmpty());
}

void TestCopperSandbox::searchNameFilter()
{
    const SandboxReply reply = callCopper("POST"_ba, u"opportunities/search"_s,
                                          {{"name"_L1, u"RENEWAL"_s}, {"page_size"_L1, 200}});
    QCOMPARE(reply.status, 200);
    const QJsonArray found = reply.array();
    QVERIFY(!found.isEmpty());
    QCOMPARE(totalOf(reply).toLongLong(), found.size());
    for (const QJsonValue &record : found)
        QVERIFY(record["name"_L1].toString().contains(u"renewal"_s, Qt::CaseInsensitive));
}

void TestCopperSandbox::getRecord()
{
    const QJsonObject person = search(u"people"_s, {{"page_size"_L1, 1}}).first().toObject();
    const qint64 id = person["id"_L1].toInteger();
    const SandboxReply reply = callCopper("GET"_ba, u"people/%1"_s.arg(id));
    QCOMPARE(reply.status, 200);
    const QJsonObject record = reply.json();
    QCOMPARE(record, person);
    for (const char *field : {"first_name", "last_name", "title", "emails", "phone_numbers",
                              "company_id", "company_name", "date_modified", "tags"}) {
        QVERIFY2(record.contains(QLatin1StringView(field)), field);
    }
    QVERIFY(record["emails"_L1][0]["email"_L1].toString().contains(u'@'));

    const SandboxReply company
        = callCopper("GET"_ba, u"companies/%1"_s.arg(record["company_id"_L1].toInteger()));
    QCOMPARE(company.status, 200);
    QCOMPARE(company.json().value("name"_L1), record["company_name"_L1]);
    QVERIFY(record["emails"_L1][0]["email"_L1].toString().endsWith(
        company.json().value("email_domain"_L1).toString()));
}

void TestCopperSandbox::seededWorldKeepsTheRules()
{
    const CopperWorld &world = m_server->copper().world();
    for (CopperEntity type : AllCopperEntities) {
        for (const auto &[id, record] : world.records(type)) {
            const CopperRef self{type, id};
            const QList<CopperRef> others = world.related(self);
            const qint64 created = record["date_created"_L1].toInteger();
            const qint64 modified = record["date_modified"_L1].toInteger();
            QVERIFY(created > 1'400'000'000 && created <= modified);
            QVERIFY(modified <= 1735689600); // the demo's "now": 2025-01-01
            for (const CopperRef &other : others) {
                QVERIFY(allowedRelations()
                            .value(copperPlural(type))
                            .contains(copperPlural(other.type)));
                QVERIFY(world.isRelated(other, self)); // bidirectional
            }
            if (type == CopperEntity::Person)
                QVERIFY(std::ranges::count(others, CopperEntity::Company, &CopperRef::type) == 1);
            if (type == CopperEntity::Task) {
                QCOMPARE(others.size(), 1);
                QCOMPARE(record["related_resource"_L1]["id"_L1].toInteger(), others.first().id);
            }
        }
    }
}

void TestCopperSandbox::relatedList()
{
    const QJsonObject person = search(u"people"_s, {{"page_size"_L1, 1}}).first().toObject();
    const qint64 id = person["id"_L1].toInteger();

    const QJsonArray all = related(u"people"_s, id);
    QVERIFY(all.size() >= 2); // the company and at least one deal or task
    QVERIFY(std::ranges::is_sorted(ids(all)));
    const QJsonObject company{{"id"_L1, person["company_id"_L1]}, {"type"_L1, "company"_L1}};
    QVERIFY(all.contains(company));
    for (const QJsonValue &item : all)
        QCOMPARE(item.toObject().keys(), (QStringList{u"id"_s, u"type"_s}));

    QCOMPARE(related(u"people"_s, id, u"companies"_s), QJsonArray{company});
    qsizetype byType = 0;
    for (const QString &other : allowedRelations().value(u"people"_s)) {
        const QJsonArray some = related(u"people"_s, id, other);
        for (const QJsonValue &item : some)
            QCOMPARE(item["type"_L1].toString(), singular(other));
        byType += some.size();
    }
    QCOMPARE(byType, all.size());
    QCOMPARE(related(u"people"_s, id, u"companies/"_s), QJsonArray{company}); // trailing slash

    const SandboxReply refused = callCopper("GET"_ba, u"people/%1/related/leads"_s.arg(id));
    QCOMPARE(refused.status, 422);
}

void TestCopperSandbox::relateShowsOnBothSides()
{
    const qint64 person = ids(search(u"people"_s, {{"page_size"_L1, 1}})).first();
    qint64 projectId = 0;
    for (qint64 candidate : ids(search(u"projects"_s, {{"page_size"_L1, 200}}))) {
        if (!related(u"projects"_s, candidate, u"people"_s)
                 .contains(QJsonObject{{"id"_L1, person}, {"type"_L1, "person"_L1}})) {
            projectId = candidate;
            break;
        }
    }
    QVERIFY(projectId != 0);

    for (int attempt = 0; attempt < 2; ++attempt) { // the second add changes nothing
        const SandboxReply added = callCopper("POST"_ba, u"people/%1/related"_s.arg(person),
                                              resource(projectId, u"project"_s));
        QCOMPARE(added.status, 200);
        QCOMPARE(added.json(),
                 (QJsonObject{{"added"_L1, true},
                              {"resource"_L1,
                               QJsonObject{{"id"_L1, projectId}, {"type"_L1, "project"_L1}}}}));
        QCOMPARE(ids(related(u"people"_s, person, u"projects"_s)).count(projectId), 1);
        QCOMPARE(ids(related(u"projects"_s, projectId, u"people"_s)).count(person), 1);
    }
}

void TestCopperSandbox::unrelate()
{
    const QJsonObject task = search(u"tasks"_s, {{"page_size"_L1, 1}}).first().toObject();
    const qint64 taskId = task["id"_L1].toInteger();
    const QJsonObject about = task["related_resource"_L1].toObject();
    const qint64 otherId = about["id"_L1].toInteger();
    const QString otherType = about["type"_L1].toString();
    const QString otherPlural = otherType == "person"_L1 ? u"people"_s
        : otherType == "company"_L1                      ? u"companies"_s
        : otherType == "opportunity"_L1                  ? u"opportunities"_s
                                                         : otherType + u's';
    QVERIFY(ids(related(otherPlural, otherId, u"tasks"_s)).contains(taskId));

    // Removed from the other side: a DELETE with a JSON body.
    const SandboxReply removed = callCopper(
        "DELETE"_ba, u"%1/%2/related"_s.arg(otherPlural).arg(otherId), resource(taskId, u"task"_s));
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json().value("removed"_L1), QJsonValue(true));
    QCOMPARE(removed.json().value("resource"_L1)["id"_L1].toInteger(), taskId);
    QVERIFY(related(u"tasks"_s, taskId).isEmpty());
    QVERIFY(!ids(related(otherPlural, otherId, u"tasks"_s)).contains(taskId));
    QVERIFY(callCopper("GET"_ba, u"tasks/%1"_s.arg(taskId))
                .json()
                .value("related_resource"_L1)
                .isNull());

    const SandboxReply again
        = callCopper("DELETE"_ba, u"tasks/%1/related"_s.arg(taskId), resource(otherId, otherType));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().value("removed"_L1), QJsonValue(false));
}

void TestCopperSandbox::disallowedPairsRefused_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");

    int rows = 0;
    for (const QString &from : Entities) {
        for (const QString &to : Entities) {
            if (!allowedRelations().value(from).contains(to)) {
                QTest::addRow("%s -> %s", qPrintable(from), qPrintable(to)) << from << to;
                ++rows;
            }
        }
    }
    QCOMPARE(rows, 36 - 22); // 11 allowed pairs, each in both directions
}

void TestCopperSandbox::disallowedPairsRefused()
{
    QFETCH(QString, from);
    QFETCH(QString, to);

    const qint64 a = ids(search(from, {{"page_size"_L1, 1}})).first();
    const qint64 b = ids(search(to, {{"page_size"_L1, 1}, {"page_number"_L1, 2}})).first();
    const QJsonArray beforeA = related(from, a);
    const QJsonArray beforeB = related(to, b);

    for (const QByteArray &method : {"POST"_ba, "DELETE"_ba}) {
        const SandboxReply reply
            = callCopper(method, u"%1/%2/related"_s.arg(from).arg(a), resource(b, singular(to)));
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.json().value("success"_L1), QJsonValue(false));
        QCOMPARE(reply.json().value("status"_L1).toInt(), 422);
        QVERIFY(!reply.json().value("message"_L1).toString().isEmpty());
    }
    QCOMPARE(related(from, a), beforeA);
    QCOMPARE(related(to, b), beforeB);
}

void TestCopperSandbox::personCompanyLimit()
{
    const QJsonObject person = search(u"people"_s, {{"page_size"_L1, 1}}).first().toObject();
    const qint64 id = person["id"_L1].toInteger();
    const qint64 company = person["company_id"_L1].toInteger();
    const QJsonObject other
        = search(u"companies"_s, {{"page_size"_L1, 1}, {"page_number"_L1, 9}}).first().toObject();
    const qint64 otherId = other["id"_L1].toInteger();
    QVERIFY(otherId != company);

    const SandboxReply fromPerson
        = callCopper("POST"_ba, u"people/%1/related"_s.arg(id), resource(otherId, u"company"_s));
    QCOMPARE(fromPerson.status, 422);
    const SandboxReply fromCompany
        = callCopper("POST"_ba, u"companies/%1/related"_s.arg(otherId), resource(id, u"person"_s));
    QCOMPARE(fromCompany.status, 422);
    QCOMPARE(ids(related(u"people"_s, id, u"companies"_s)), QList<qint64>{company});
    QVERIFY(!ids(related(u"companies"_s, otherId, u"people"_s)).contains(id));

    // A move is remove + add.
    QCOMPARE(
        callCopper("DELETE"_ba, u"people/%1/related"_s.arg(id), resource(company, u"company"_s))
            .status,
        200);
    QVERIFY(callCopper("GET"_ba, u"people/%1"_s.arg(id)).json().value("company_id"_L1).isNull());
    QCOMPARE(
        callCopper("POST"_ba, u"companies/%1/related"_s.arg(otherId), resource(id, u"person"_s))
            .status,
        200);
    const QJsonObject moved = callCopper("GET"_ba, u"people/%1"_s.arg(id)).json();
    QCOMPARE(moved["company_id"_L1].toInteger(), otherId);
    QCOMPARE(moved["company_name"_L1], other["name"_L1]);
    QCOMPARE(ids(related(u"people"_s, id, u"companies"_s)), QList<qint64>{otherId});

    // Other kinds have no limit: a person may have many opportunities.
    for (qint64 deal : ids(search(u"opportunities"_s, {{"page_size"_L1, 3}}))) {
        QCOMPARE(
            callCopper("POST"_ba, u"people/%1/related"_s.arg(id), resource(deal, u"opportunity"_s))
                .status,
            200);
    }
}

void TestCopperSandbox::taskLimit()
{
    const QJsonObject task = search(u"tasks"_s, {{"page_size"_L1, 1}}).first().toObject();
    const qint64 id = task["id"_L1].toInteger();
    const QJsonObject current = task["related_resource"_L1].toObject();
    const qint64 lead = ids(search(u"leads"_s, {{"page_size"_L1, 1}})).first();
    const qint64 project = ids(search(u"projects"_s, {{"page_size"_L1, 1}})).first();
    const qint64 person
        = ids(search(u"people"_s, {{"page_size"_L1, 1}, {"page_number"_L1, 50}})).first();
    const QJsonArray before = related(u"tasks"_s, id);
    QCOMPARE(before.size(), 1);

    // "Limit 1 total": a second record of any type is refused, from either side.
    for (const auto &[plural, type, other] :
         {std::tuple{u"leads"_s, u"lead"_s, lead}, std::tuple{u"projects"_s, u"project"_s, project},
          std::tuple{u"people"_s, u"person"_s, person}}) {
        if (current["id"_L1].toInteger() == other && current["type"_L1].toString() == type)
            continue;
        QCOMPARE(callCopper("POST"_ba, u"tasks/%1/related"_s.arg(id), resource(other, type)).status,
                 422);
        QCOMPARE(callCopper("POST"_ba, u"%1/%2/related"_s.arg(plural).arg(other),
                            resource(id, u"task"_s))
                     .status,
                 422);
    }
    QCOMPARE(related(u"tasks"_s, id), before);

    QCOMPARE(callCopper("DELETE"_ba, u"tasks/%1/related"_s.arg(id),
                        resource(current["id"_L1].toInteger(), current["type"_L1].toString()))
                 .status,
             200);
    QCOMPARE(callCopper("POST"_ba, u"projects/%1/related"_s.arg(project), resource(id, u"task"_s))
                 .status,
             200);
    const QJsonObject updated = callCopper("GET"_ba, u"tasks/%1"_s.arg(id)).json();
    QCOMPARE(updated["related_resource"_L1].toObject(),
             (QJsonObject{{"id"_L1, project}, {"type"_L1, "project"_L1}}));
}

void TestCopperSandbox::unknownRecord_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");

    const QByteArray unknownCompany = toJson(resource(1, u"company"_s));
    QTest::newRow("record") << "GET"_ba << u"people/1"_s << QByteArray();
    QTest::newRow("id not a number") << "GET"_ba << u"people/abc"_s << QByteArray();
    QTest::newRow("related of unknown") << "GET"_ba << u"people/1/related"_s << QByteArray();
    QTest::newRow("related by type of unknown")
        << "GET"_ba << u"leads/1/related/tasks"_s << QByteArray();
    QTest::newRow("relate unknown")
        << "POST"_ba << u"people/1/related"_s << toJson(resource(13358412, u"company"_s));
    QTest::newRow("relate to unknown")
        << "POST"_ba << u"people/27140359/related"_s << unknownCompany;
    QTest::newRow("unrelate unknown")
        << "DELETE"_ba << u"people/27140359/related"_s << unknownCompany;
}

void TestCopperSandbox::unknownRecord()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);

    const SandboxReply reply = call(method, u"/copper/developer_api/v1/"_s + path, body);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json(),
             (QJsonObject{{"success"_L1, false},
                          {"status"_L1, 404},
                          {"message"_L1, "Resource not found"_L1}}));
}

void TestCopperSandbox::badBodies_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    QTest::newRow("search, cut short")
        << "POST"_ba << u"people/search"_s << "{\"page_size\":"_ba << 400;
    QTest::newRow("search, not JSON") << "POST"_ba << u"people/search"_s << "page_size=5"_ba << 400;
    QTest::newRow("relate, cut short")
        << "POST"_ba << u"people/27140359/related"_s << "{\"resource\":"_ba << 400;
    QTest::newRow("unrelate, not JSON")
        << "DELETE"_ba << u"people/27140359/related"_s << "nope"_ba << 400;
    QTest::newRow("relate, no body")
        << "POST"_ba << u"people/27140359/related"_s << QByteArray() << 422;
    QTest::newRow("unrelate, no body")
        << "DELETE"_ba << u"people/27140359/related"_s << QByteArray() << 422;
    QTest::newRow("relate, id as text")
        << "POST"_ba << u"people/27140359/related"_s
        << R"({"resource":{"id":"4417020","type":"opportunity"}})"_ba << 422;
    QTest::newRow("relate, plural type")
        << "POST"_ba << u"people/27140359/related"_s
        << R"({"resource":{"id":4417020,"type":"opportunities"}})"_ba << 422;
    QTest::newRow("relate, no resource") << "POST"_ba << u"people/27140359/related"_s
                                         << R"({"id":4417020,"type":"opportunity"})"_ba << 422;
}

void TestCopperSandbox::badBodies()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    const QJsonArray before = related(u"people"_s, 27140359);
    const SandboxReply reply = call(method, u"/copper/developer_api/v1/"_s + path, body);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json().value("success"_L1), QJsonValue(false));
    QCOMPARE(reply.json().value("status"_L1).toInt(), status);
    QCOMPARE(related(u"people"_s, 27140359), before);
}

void TestCopperSandbox::oversizedBody()
{
    const QString path = u"/copper/developer_api/v1/people/search"_s;
    QByteArray body = "{}"_ba;
    body.resize(SandboxServer::MaxRequestBodySize, ' ');
    QCOMPARE(call("POST"_ba, path, body).status, 200); // exactly at the limit

    body.append(' ');
    const SandboxReply reply = call("POST"_ba, path, body);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.json().value("error"_L1).toString(), u"payload_too_large"_s);

    // The connection is still good for the next request.
    QCOMPARE(callCopper("POST"_ba, u"people/search"_s).status, 200);
}

void TestCopperSandbox::idsAreUniquePerTypeOnly()
{
    const SandboxReply lead = callCopper("GET"_ba, u"leads/208105"_s);
    const SandboxReply project = callCopper("GET"_ba, u"projects/208105"_s);
    QCOMPARE(lead.status, 200);
    QCOMPARE(project.status, 200);
    QVERIFY(lead.json().value("name"_L1) != project.json().value("name"_L1));
    QVERIFY(lead.json().contains("company_name"_L1));
    QVERIFY(!project.json().contains("company_name"_L1));

    // A project's id that no lead has is unknown as a lead.
    const QList<qint64> leadIds = ids(search(u"leads"_s, {{"page_size"_L1, 200}}));
    for (qint64 id : ids(search(u"projects"_s, {{"page_size"_L1, 200}}))) {
        if (!leadIds.contains(id)) {
            QCOMPARE(callCopper("GET"_ba, u"leads/%1"_s.arg(id)).status, 404);
            QCOMPARE(callCopper("GET"_ba, u"projects/%1"_s.arg(id)).status, 200);
            return;
        }
    }
    QFAIL("every project id is also a lead id");
}

void TestCopperSandbox::determinism()
{
    SandboxServer same(nullptr, 415);
    SandboxServer other(nullptr, 416);
    const QJsonObject world = m_server->copper().world().toJson();
    QCOMPARE(same.copper().world().toJson(), world);
    QVERIFY(other.copper().world().toJson() != world);

    const qsizetype expected[] = {30, 120, 40, 60, 20, 80};
    for (CopperEntity type : AllCopperEntities) {
        QCOMPARE(qsizetype(world[copperPlural(type)].toArray().size()),
                 expected[qToUnderlying(type)]);
        QCOMPARE(other.copper().world().records(type).size(),
                 size_t(expected[qToUnderlying(type)]));
    }

    // The same answers over HTTP from a second server with the same seed.
    QVERIFY(same.start() != 0);
    const QJsonObject body{{"sort_by"_L1, u"name"_s}, {"page_size"_L1, 50}};
    const QJsonArray here = search(u"people"_s, body);
    QCOMPARE(here.size(), 50);
    m_port = same.port();
    QCOMPARE(search(u"people"_s, body), here);
}

void TestCopperSandbox::scaledWorld_data()
{
    QTest::addColumn<int>("scale");
    QTest::newRow("1") << 1;
    QTest::newRow("1000") << 1000;
    QTest::newRow("12345") << 12345;
}

void TestCopperSandbox::scaledWorld()
{
    QFETCH(int, scale);

    SandboxClock clock;
    const auto big = makeCopper(clock, 7, scale);
    const CopperWorld &world = big->world();
    qsizetype total = 0;
    for (CopperEntity type : AllCopperEntities) {
        QVERIFY(!world.records(type).empty());
        total += qsizetype(world.records(type).size());
    }
    QVERIFY2(std::abs(total - scale) <= std::max(6, scale / 100),
             qPrintable(QString::number(total)));
    QVERIFY(world.records(CopperEntity::Person).size()
            >= world.records(CopperEntity::Company).size());
    checkWorldRules(world);
    if (QTest::currentTestFailed())
        return;
    if (scale >= 1000)
        QVERIFY(world.linkCount() >= scale / 10);

    // Served like the demo: every record can be found.
    const SandboxResponse people = direct(*big, "POST"_ba, u"people/search"_s);
    QCOMPARE(people.status, 200);
    QCOMPARE(people.header("X-PW-TOTAL").toULongLong(), world.records(CopperEntity::Person).size());

    // Deterministic: the same seed and scale give the same world, another seed another one.
    QCOMPARE(makeCopper(clock, 7, scale)->world().toJson(), world.toJson());
    if (scale > 1)
        QVERIFY(makeCopper(clock, 8, scale)->world().toJson() != world.toJson());
}

void TestCopperSandbox::scale350IsTheDemo()
{
    // The demo has 350 records; a scaled world of that size is the demo, record for record.
    SandboxClock clock;
    QCOMPARE(makeCopper(clock, 415, 350)->world().toJson(), m_server->copper().world().toJson());
}

void TestCopperSandbox::stateRoundTrip()
{
    CopperSandbox &copper = m_server->copper();
    // Change the world through the API: a related item, a new Connect link, a removed one.
    const qint64 person = ids(search(u"people"_s, {{"page_size"_L1, 1}})).first();
    const qint64 lastProject = ids(search(u"projects"_s, {{"page_size"_L1, 200}})).last();
    QCOMPARE(callCopper("POST"_ba, u"people/%1/related"_s.arg(person),
                        resource(lastProject, u"project"_s))
                 .status,
             200);
    const QJsonArray before = copper.saveState()["related_links"_L1].toArray();
    const QJsonObject seeded = before.first().toObject();
    QCOMPARE(callCopper("DELETE"_ba, u"related_links/%1"_s.arg(seeded["id"_L1].toInteger())).status,
             200);
    QCOMPARE(callCopper("POST"_ba, u"related_links"_s,
                        {{"custom_field_definition_id"_L1, seeded["custom_field_definition_id"_L1]},
                         {"source"_L1, seeded["source"_L1]},
                         {"target"_L1, seeded["target"_L1]}})
                 .status,
             200);

    const QJsonObject saved = copper.saveState();
    QCOMPARE(saved, copper.world().toJson());
    QCOMPARE(saved["related_links"_L1].toArray().size(), before.size());
    QVERIFY(saved["related_links"_L1].toArray() != before); // the link has new ids

    SandboxClock clock;
    const auto restored = makeCopper(clock, 99, 0);
    QVERIFY(restored->saveState() != saved);
    QString error;
    // Through JSON text, as the state file holds it.
    const QJsonObject fromText = QJsonDocument::fromJson(QJsonDocument(saved).toJson()).object();
    QVERIFY2(restored->restoreState(fromText, &error), qPrintable(error));
    QCOMPARE(restored->saveState(), saved);
    QCOMPARE(restored->world().toJson(), saved);
    QCOMPARE(direct(*restored, "GET"_ba, u"people/%1"_s.arg(person)).body,
             callCopper("GET"_ba, u"people/%1"_s.arg(person)).body);

    // Both go on alike: remove the last link and add it again, which takes the next free ids.
    const qint64 next = saved["next_link_id"_L1].toInteger();
    const QJsonObject body{
        {"custom_field_definition_id"_L1, seeded["custom_field_definition_id"_L1]},
        {"source"_L1, seeded["source"_L1]},
        {"target"_L1, seeded["target"_L1]}};
    const QString last = u"related_links/%1"_s.arg(next - 2);
    QCOMPARE(callCopper("DELETE"_ba, last).status, 200);
    QCOMPARE(direct(*restored, "DELETE"_ba, last).status, 200);
    const SandboxReply here = callCopper("POST"_ba, u"related_links"_s, body);
    const SandboxResponse there = direct(*restored, "POST"_ba, u"related_links"_s, body);
    QCOMPARE(here.status, 200);
    QCOMPARE(there.body, here.body);
    QCOMPARE(here.json()["id"_L1].toInteger(), next);
}

void TestCopperSandbox::restoreRefusesMalformed_data()
{
    QTest::addColumn<QString>("what");
    for (const char *what : {"empty",
                             "no users",
                             "no user left",
                             "user without email",
                             "people not an array",
                             "record without id",
                             "record twice",
                             "related not an array",
                             "relation too short",
                             "relation of an unknown record",
                             "relation not allowed",
                             "relation twice",
                             "second company for a person",
                             "definition without name",
                             "definition twice",
                             "links not an array",
                             "link on an unknown definition",
                             "link of the wrong type",
                             "link to an unknown record",
                             "link id reused",
                             "mirror id below the id",
                             "next_link_id too low",
                             "next_link_id missing"}) {
        QTest::newRow(what) << QString::fromLatin1(what);
    }
}

void TestCopperSandbox::restoreRefusesMalformed()
{
    QFETCH(QString, what);

    CopperSandbox &copper = m_server->copper();
    const QJsonObject before = copper.saveState();
    QJsonObject state = before;
    // Edits one element of one of the state's arrays.
    const auto edit = [&state](const QString &key, qsizetype index, auto change) {
        QJsonArray list = state[key].toArray();
        QJsonValue item = list.at(index);
        change(item);
        list[index] = item;
        state[key] = list;
    };
    const auto append = [&state](const QString &key, const QJsonValue &value) {
        QJsonArray list = state[key].toArray();
        list.append(value);
        state[key] = list;
    };
    const QJsonArray people = before["people"_L1].toArray();
    const QJsonArray companies = before["companies"_L1].toArray();
    const QJsonArray links = before["related_links"_L1].toArray();
    const auto set = [](QLatin1StringView field, const QJsonValue &value) {
        return [field, value](QJsonValue &item) {
            QJsonObject object = item.toObject();
            if (value.isUndefined())
                object.remove(field);
            else
                object[field] = value;
            item = object;
        };
    };
    const QJsonValue gone(QJsonValue::Undefined);

    if (what == "empty"_L1)
        state = {};
    else if (what == "no users"_L1)
        state.remove("users"_L1);
    else if (what == "no user left"_L1)
        state["users"_L1] = QJsonArray();
    else if (what == "user without email"_L1)
        edit(u"users"_s, 0, set("email"_L1, gone));
    else if (what == "people not an array"_L1)
        state["people"_L1] = 5;
    else if (what == "record without id"_L1)
        edit(u"tasks"_s, 3, set("id"_L1, gone));
    else if (what == "record twice"_L1)
        append(u"companies"_s, companies.at(2));
    else if (what == "related not an array"_L1)
        state["related"_L1] = QJsonObject();
    else if (what == "relation too short"_L1)
        append(u"related"_s, QJsonArray{u"person"_s, people[0]["id"_L1]});
    else if (what == "relation of an unknown record"_L1)
        append(u"related"_s, QJsonArray{u"person"_s, 1, u"opportunity"_s, 4417020});
    else if (what == "relation not allowed"_L1)
        append(u"related"_s, QJsonArray{u"lead"_s, 208105, u"company"_s, companies[0]["id"_L1]});
    else if (what == "relation twice"_L1)
        append(u"related"_s, before["related"_L1][0]);
    else if (what == "second company for a person"_L1) {
        const qint64 company = people[0]["company_id"_L1].toInteger();
        const QJsonValue other
            = companies[companies[0]["id"_L1].toInteger() == company ? 1 : 0]["id"_L1];
        append(u"related"_s, QJsonArray{u"person"_s, people[0]["id"_L1], u"company"_s, other});
    } else if (what == "definition without name"_L1)
        edit(u"custom_field_definitions"_s, 0, set("name"_L1, gone));
    else if (what == "definition twice"_L1)
        append(u"custom_field_definitions"_s, before["custom_field_definitions"_L1][1]);
    else if (what == "links not an array"_L1)
        state["related_links"_L1] = u"none"_s;
    else if (what == "link on an unknown definition"_L1)
        edit(u"related_links"_s, 0, set("custom_field_definition_id"_L1, 999999));
    else if (what == "link of the wrong type"_L1) {
        edit(u"related_links"_s, 0,
             set("source"_L1, QJsonObject{{"entity_type"_L1, "lead"_L1}, {"id"_L1, 208105}}));
    } else if (what == "link to an unknown record"_L1) {
        QJsonObject target = links[0]["target"_L1].toObject();
        target["id"_L1] = 1;
        edit(u"related_links"_s, 0, set("target"_L1, target));
    } else if (what == "link id reused"_L1)
        edit(u"related_links"_s, 1, set("id"_L1, links[0]["mirror_id"_L1]));
    else if (what == "mirror id below the id"_L1)
        edit(u"related_links"_s, 0, set("mirror_id"_L1, links[0]["id"_L1].toInteger() - 1));
    else if (what == "next_link_id too low"_L1)
        state["next_link_id"_L1] = links.last()["mirror_id"_L1];
    else if (what == "next_link_id missing"_L1)
        state.remove("next_link_id"_L1);
    QVERIFY(state != before);

    QString error;
    QVERIFY(!copper.restoreState(state, &error));
    QVERIFY(error.startsWith(u"Copper: "_s));
    QCOMPARE(copper.saveState(), before);
    QVERIFY(copper.restoreState(before, &error)); // the unbroken state is fine
}

QTEST_GUILESS_MAIN(TestCopperSandbox)
#include "tst_coppersandbox.moc"
