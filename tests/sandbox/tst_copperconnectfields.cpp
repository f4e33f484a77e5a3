// Copper's custom field definitions, Connect Fields (seed 000) and rate limit, spoken to over
// loopback HTTP the way a connector speaks to Copper.

#include "sandbox/coppersandbox.h"
#include "sandbox/sandboxserver.h"
#include "tests/sandbox/sandboxclient.h"

#include <QNetworkProxy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using Headers = SandboxReply::Headers;

const QString Base = u"/copper/developer_api/v1/"_s;

// Copper's documented data types and record names, written out here so that the test does not
// trust the code under test.
const QStringList DataTypes
    = {u"String"_s, u"Text"_s,       u"Dropdown"_s, u"Date"_s,    u"Checkbox"_s,   u"Float"_s,
       u"URL"_s,    u"Percentage"_s, u"Currency"_s, u"Connect"_s, u"MultiSelect"_s};
const QStringList FieldTypes
    = {u"lead"_s, u"person"_s, u"opportunity"_s, u"company"_s, u"project"_s, u"task"_s};

QJsonObject end(qint64 id, const QString &type)
{
    return {{"id"_L1, id}, {"entity_type"_L1, type}};
}

QJsonObject linkBody(qint64 definition, const QJsonObject &source, const QJsonObject &target)
{
    return {{"custom_field_definition_id"_L1, definition},
            {"source"_L1, source},
            {"target"_L1, target}};
}

QList<qint64> ids(const QJsonArray &items)
{
    QList<qint64> result;
    for (const QJsonValue &item : items)
        result.append(item["id"_L1].toInteger());
    return result;
}

/// A Copper error body with `status`.
bool isCopperError(const SandboxReply &reply, int status)
{
    const QJsonObject body = reply.json();
    return reply.status == status && body.value("success"_L1) == QJsonValue(false)
        && body.value("status"_L1).toInt() == status
        && !body.value("message"_L1).toString().isEmpty();
}

} // namespace

class TestCopperConnectFields : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fieldDefinitions();
    void fieldDefinitionById();
    void seededLinksAreMirrored();
    void listLinks();
    void listLinksOfUser();
    void createShowsMirror();
    void deleteAnswersBothIds_data();
    void deleteAnswersBothIds();
    void createRefusals_data();
    void createRefusals();
    void listRefusals_data();
    void listRefusals();
    void deleteRefusals_data();
    void deleteRefusals();
    void organizationIsCompany();
    void rateLimitRollsOverAMinute();
    void rateLimitSkipsUnauthenticated();
    void rateLimitSetter();

private:
    SandboxReply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const Headers &headers = copperCredentials());
    SandboxReply copper(const QByteArray &method, const QString &path,
                        const QJsonObject &body = {});
    /// A request straight to the simulator, for the many requests of the rate-limit tests.
    int dispatch(const QByteArray &method, const QString &path,
                 const Headers &headers = copperCredentials());
    QJsonArray links(const QString &sourceType, qint64 sourceId, qint64 definition = 0);
    qint64 definitionId(const QString &name);
    /// `text` with every {NAME} placeholder replaced by an id from the demo world.
    QString resolve(QString text);
    const CopperWorld &world() { return std::as_const(m_server->copper()).world(); }
    /// The first `count` people without a link on `definition`.
    QList<qint64> peopleWithout(qint64 definition, int count);

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
};

void TestCopperConnectFields::init()
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_server = std::make_unique<SandboxServer>();
    QVERIFY(m_server->start() != 0);
}

void TestCopperConnectFields::cleanup()
{
    m_server.reset();
}

SandboxReply TestCopperConnectFields::call(const QByteArray &method, const QString &path,
                                           const QByteArray &body, const Headers &headers)
{
    return SandboxReply::send(m_nam, method,
                              QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server->port()).arg(path)),
                              body, headers);
}

SandboxReply TestCopperConnectFields::copper(const QByteArray &method, const QString &path,
                                             const QJsonObject &body)
{
    return call(method, Base + path,
                body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
}

int TestCopperConnectFields::dispatch(const QByteArray &method, const QString &path,
                                      const Headers &headers)
{
    return m_server->dispatch(copperRequest(method, path, {}, headers)).status;
}

QJsonArray TestCopperConnectFields::links(const QString &sourceType, qint64 sourceId,
                                          qint64 definition)
{
    QString path = u"related_links?source_type=%1&source_id=%2"_s.arg(sourceType).arg(sourceId);
    if (definition != 0)
        path += u"&custom_field_definition_id=%1"_s.arg(definition);
    const SandboxReply reply = copper("GET"_ba, path);
    if (reply.status != 200)
        qWarning() << "related_links failed:" << reply.status << reply.body;
    return reply.array();
}

qint64 TestCopperConnectFields::definitionId(const QString &name)
{
    for (const auto &[id, definition] : world().fieldDefinitions()) {
        if (definition.value("name"_L1).toString() == name)
            return id;
    }
    qWarning() << "no custom field definition" << name;
    return 0;
}

QList<qint64> TestCopperConnectFields::peopleWithout(qint64 definition, int count)
{
    QList<qint64> result;
    for (const auto &[id, person] : world().records(CopperEntity::Person)) {
        if (world().links({CopperLinkType::Person, id}, definition).isEmpty())
            result.append(id);
        if (result.size() == count)
            break;
    }
    return result;
}

QString TestCopperConnectFields::resolve(QString text)
{
    const qint64 referredBy = definitionId(u"Referred by"_s);
    const QList<qint64> people = peopleWithout(referredBy, 2);
    const auto first = [this](CopperEntity type) { return world().records(type).begin()->first; };
    // An existing "Referred by" link, to repeat in both directions.
    CopperLink existing;
    for (const auto &[id, person] : world().records(CopperEntity::Person)) {
        if (const auto found = world().links({CopperLinkType::Person, id}, referredBy);
            !found.isEmpty()) {
            existing = found.first();
            break;
        }
    }
    const QList<std::pair<QString, qint64>> values = {
        {u"{A}"_s, people.value(0)},
        {u"{B}"_s, people.value(1)},
        {u"{C}"_s, first(CopperEntity::Company)},
        {u"{O}"_s, first(CopperEntity::Opportunity)},
        {u"{T}"_s, first(CopperEntity::Task)},
        {u"{U}"_s, world().users().first().value("id"_L1).toInteger()},
        {u"{LINKED_SOURCE}"_s, existing.source.id},
        {u"{LINKED_TARGET}"_s, existing.target.id},
        {u"{REFERRED_BY}"_s, referredBy},
        {u"{RESELLER}"_s, definitionId(u"Reseller"_s)},
        {u"{ACCOUNT_MANAGER}"_s, definitionId(u"Account manager"_s)},
        {u"{TIER}"_s, definitionId(u"Customer tier"_s)},
    };
    for (const auto &[name, value] : values) {
        if (value == 0)
            qWarning() << "no value for" << name;
        text.replace(name, QString::number(value));
    }
    return text;
}

void TestCopperConnectFields::fieldDefinitions()
{
    const SandboxReply reply = copper("GET"_ba, u"custom_field_definitions"_s);
    QCOMPARE(reply.status, 200);
    const QJsonArray all = reply.array();
    QVERIFY(all.size() >= DataTypes.size());

    QSet<QString> dataTypes;
    QSet<std::pair<QString, QString>> connects; // source, target
    for (const QJsonValue &value : all) {
        const QJsonObject definition = value.toObject();
        QVERIFY(definition["id"_L1].toInteger() > 0);
        QVERIFY(!definition["name"_L1].toString().isEmpty());
        QVERIFY(definition.contains("canonical_name"_L1));
        QVERIFY(definition["is_filterable"_L1].isBool());
        const QString type = definition["data_type"_L1].toString();
        QVERIFY2(DataTypes.contains(type), qPrintable(type));
        dataTypes.insert(type);
        const QJsonArray availableOn = definition["available_on"_L1].toArray();
        QVERIFY(!availableOn.isEmpty());
        for (const QJsonValue &on : availableOn)
            QVERIFY(FieldTypes.contains(on.toString()));
        if (type == "Dropdown"_L1 || type == "MultiSelect"_L1) {
            const QJsonArray options = definition["options"_L1].toArray();
            QVERIFY(options.size() >= 2);
            for (qsizetype i = 0; i < options.size(); ++i) {
                QVERIFY(options[i]["id"_L1].toInteger() > 0);
                QVERIFY(!options[i]["name"_L1].toString().isEmpty());
                QCOMPARE(options[i]["rank"_L1].toInt(), i);
            }
        }
        if (type == "Currency"_L1)
            QCOMPARE(definition["currency"_L1].toString().size(), 3);
        if (type == "Connect"_L1) {
            QCOMPARE(availableOn.size(), 1);
            const QString target = definition["connected_entity_type"_L1].toString();
            QVERIFY(FieldTypes.contains(target) || target == "user"_L1);
            QVERIFY(availableOn.first().toString() != "task"_L1); // related_links has no tasks
            connects.insert({availableOn.first().toString(), target});
        } else {
            QVERIFY(!definition.contains("connected_entity_type"_L1));
        }
    }
    QCOMPARE(dataTypes, QSet<QString>(DataTypes.begin(), DataTypes.end()));
    for (const auto &pair :
         {std::pair{u"person"_s, u"person"_s}, std::pair{u"company"_s, u"company"_s},
          std::pair{u"opportunity"_s, u"company"_s}, std::pair{u"project"_s, u"person"_s}}) {
        QVERIFY2(connects.contains(pair), qPrintable(pair.first + u" -> "_s + pair.second));
    }
    QVERIFY(std::ranges::is_sorted(ids(all)));
}

void TestCopperConnectFields::fieldDefinitionById()
{
    const QJsonArray all = copper("GET"_ba, u"custom_field_definitions"_s).array();
    for (const QJsonValue &definition : all) {
        const SandboxReply one = copper(
            "GET"_ba, u"custom_field_definitions/%1"_s.arg(definition["id"_L1].toInteger()));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json(), definition.toObject());
    }
    QVERIFY(isCopperError(copper("GET"_ba, u"custom_field_definitions/1"_s), 404));
    QVERIFY(isCopperError(copper("GET"_ba, u"custom_field_definitions/abc"_s), 404));
    const SandboxReply post = copper("POST"_ba, u"custom_field_definitions"_s,
                                     {{"name"_L1, u"X"_s}, {"data_type"_L1, u"String"_s}});
    QCOMPARE(post.status, 404); // not served
    QCOMPARE(post.json().value("error"_L1).toString(), u"not_found"_s);
}

void TestCopperConnectFields::seededLinksAreMirrored()
{
    const QJsonArray pairs = world().toJson()["related_links"_L1].toArray();
    QVERIFY(pairs.size() >= 30);
    QSet<qint64> definitionsUsed;
    for (const QJsonValue &pair : pairs) {
        const CopperLink *link = world().link(pair["id"_L1].toInteger());
        QVERIFY(link);
        const CopperLink *mirror = world().link(link->mirrorId);
        QVERIFY(mirror);
        QCOMPARE(mirror->mirrorId, link->id);
        QCOMPARE(mirror->definitionId, link->definitionId);
        QVERIFY(mirror->source == link->target && mirror->target == link->source);
        QVERIFY(link->source != link->target);
        QVERIFY(world().contains(link->source) && world().contains(link->target));
        definitionsUsed.insert(link->definitionId);
    }
    QCOMPARE(world().linkCount(), 2 * pairs.size());
    for (const auto &[id, definition] : world().fieldDefinitions()) {
        if (definition["data_type"_L1].toString() == "Connect"_L1)
            QVERIFY2(definitionsUsed.contains(id), qPrintable(definition["name"_L1].toString()));
    }
}

void TestCopperConnectFields::listLinks()
{
    // A company with links on two definitions or more.
    qint64 company = 0;
    for (const auto &[id, record] : world().records(CopperEntity::Company)) {
        QSet<qint64> definitions;
        for (const CopperLink &link : world().links({CopperLinkType::Company, id}))
            definitions.insert(link.definitionId);
        if (definitions.size() >= 2) {
            company = id;
            break;
        }
    }
    QVERIFY(company != 0);

    const QJsonArray all = links(u"company"_s, company);
    QCOMPARE(all.size(), world().links({CopperLinkType::Company, company}).size());
    QVERIFY(std::ranges::is_sorted(ids(all)));
    QSet<qint64> definitions;
    for (const QJsonValue &value : all) {
        const QJsonObject link = value.toObject();
        QCOMPARE(link.keys(),
                 (QStringList{u"custom_field_definition_id"_s, u"id"_s, u"source"_s, u"target"_s}));
        QCOMPARE(link["source"_L1].toObject(),
                 (QJsonObject{
                     {"id"_L1, company},
                     {"entity_type"_L1, "company"_L1},
                     {"name"_L1, world().record({CopperEntity::Company, company})["name"_L1]}}));
        const QJsonObject target = link["target"_L1].toObject();
        QCOMPARE(target.keys(), (QStringList{u"entity_type"_s, u"id"_s, u"name"_s}));
        QVERIFY(!target["name"_L1].toString().isEmpty());
        definitions.insert(link["custom_field_definition_id"_L1].toInteger());
    }

    qsizetype filtered = 0;
    for (qint64 definition : definitions) {
        const QJsonArray some = links(u"company"_s, company, definition);
        QVERIFY(!some.isEmpty() && some.size() < all.size());
        for (const QJsonValue &link : some) {
            QCOMPARE(link["custom_field_definition_id"_L1].toInteger(), definition);
            QVERIFY(all.contains(link));
        }
        filtered += some.size();
    }
    QCOMPARE(filtered, all.size());

    // A Connect field this company has no link on: an empty list.
    QCOMPARE(links(u"company"_s, company, definitionId(u"Referred by"_s)), QJsonArray());
}

void TestCopperConnectFields::listLinksOfUser()
{
    const qint64 accountManager = definitionId(u"Account manager"_s);
    for (const QJsonObject &user : world().users()) {
        const qint64 id = user["id"_L1].toInteger();
        const QJsonArray mirrors = links(u"user"_s, id, accountManager);
        for (const QJsonValue &link : mirrors) {
            QCOMPARE(link["source"_L1].toObject(),
                     (QJsonObject{{"id"_L1, id},
                                  {"entity_type"_L1, "user"_L1},
                                  {"name"_L1, user["name"_L1]}}));
            QCOMPARE(link["target"_L1]["entity_type"_L1].toString(), u"company"_s);
            // The company lists the link the other way round, one id apart.
            const QJsonArray back
                = links(u"company"_s, link["target"_L1]["id"_L1].toInteger(), accountManager);
            QVERIFY(std::ranges::any_of(back, [&](const QJsonValue &other) {
                return other["target"_L1]["id"_L1].toInteger() == id
                    && std::abs(other["id"_L1].toInteger() - link["id"_L1].toInteger()) == 1;
            }));
        }
        if (!mirrors.isEmpty())
            return;
    }
    QFAIL("no user is anyone's account manager");
}

void TestCopperConnectFields::createShowsMirror()
{
    const qint64 referredBy = definitionId(u"Referred by"_s);
    const QList<qint64> people = peopleWithout(referredBy, 2);
    QCOMPARE(people.size(), 2);
    const auto name = [this](qint64 id) {
        return world().record({CopperEntity::Person, id})["name"_L1].toString();
    };

    const SandboxReply created
        = copper("POST"_ba, u"related_links"_s,
                 linkBody(referredBy, end(people[0], u"people"_s), end(people[1], u"people"_s)));
    QCOMPARE(created.status, 200);
    const QJsonObject link = created.json();
    const qint64 id = link["id"_L1].toInteger();
    QVERIFY(id > 0);
    QCOMPARE(link,
             (QJsonObject{{"id"_L1, id},
                          {"custom_field_definition_id"_L1, referredBy},
                          {"source"_L1,
                           QJsonObject{{"id"_L1, people[0]},
                                       {"entity_type"_L1, "people"_L1},
                                       {"name"_L1, name(people[0])}}},
                          {"target"_L1,
                           QJsonObject{{"id"_L1, people[1]},
                                       {"entity_type"_L1, "people"_L1},
                                       {"name"_L1, name(people[1])}}}}));

    QCOMPARE(links(u"people"_s, people[0], referredBy), QJsonArray{link});
    const QJsonArray mirror = links(u"people"_s, people[1], referredBy);
    QCOMPARE(mirror.size(), 1);
    QCOMPARE(mirror[0]["id"_L1].toInteger(), id + 1);
    QCOMPARE(mirror[0]["source"_L1], link["target"_L1]);
    QCOMPARE(mirror[0]["target"_L1], link["source"_L1]);
    QCOMPARE(mirror[0]["custom_field_definition_id"_L1].toInteger(), referredBy);

    // The next link takes the next free ids: a reseller for a deal that has none.
    const qint64 reseller = definitionId(u"Reseller"_s);
    qint64 deal = 0;
    for (const auto &[candidate, record] : world().records(CopperEntity::Opportunity)) {
        if (world().links({CopperLinkType::Opportunity, candidate}, reseller).isEmpty()) {
            deal = candidate;
            break;
        }
    }
    const qint64 company = world().records(CopperEntity::Company).begin()->first;
    const SandboxReply next
        = copper("POST"_ba, u"related_links"_s,
                 linkBody(reseller, end(deal, u"opportunity"_s), end(company, u"company"_s)));
    QCOMPARE(next.status, 200);
    QCOMPARE(next.json()["id"_L1].toInteger(), id + 2);
    QCOMPARE(next.json()["target"_L1]["entity_type"_L1].toString(), u"company"_s);
}

void TestCopperConnectFields::deleteAnswersBothIds_data()
{
    QTest::addColumn<bool>("byMirror");
    QTest::newRow("by the link's id") << false;
    QTest::newRow("by the mirror's id") << true;
}

void TestCopperConnectFields::deleteAnswersBothIds()
{
    QFETCH(bool, byMirror);

    const qint64 referredBy = definitionId(u"Referred by"_s);
    const QList<qint64> people = peopleWithout(referredBy, 2);
    const SandboxReply created
        = copper("POST"_ba, u"related_links"_s,
                 linkBody(referredBy, end(people[0], u"people"_s), end(people[1], u"people"_s)));
    QCOMPARE(created.status, 200);
    const qint64 id = created.json()["id"_L1].toInteger();
    const qsizetype before = world().linkCount();

    const SandboxReply removed
        = copper("DELETE"_ba, u"related_links/%1"_s.arg(byMirror ? id + 1 : id));
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.json(),
             (QJsonObject{{"ids"_L1, QJsonArray{id, id + 1}}, {"is_deleted"_L1, true}}));
    QCOMPARE(world().linkCount(), before - 2);
    QCOMPARE(links(u"people"_s, people[0], referredBy), QJsonArray());
    QCOMPARE(links(u"people"_s, people[1], referredBy), QJsonArray());

    for (qint64 gone : {id, id + 1})
        QVERIFY(isCopperError(copper("DELETE"_ba, u"related_links/%1"_s.arg(gone)), 404));

    // A seeded link goes the same way.
    const CopperLink *found
        = world().link(world().toJson()["related_links"_L1][0]["mirror_id"_L1].toInteger());
    QVERIFY(found);
    const CopperLink seeded = *found;
    const SandboxReply again = copper("DELETE"_ba, u"related_links/%1"_s.arg(seeded.id));
    QCOMPARE(again.status, 200);
    QCOMPARE(
        again.json()["ids"_L1].toArray(),
        (QJsonArray{std::min(seeded.id, seeded.mirrorId), std::max(seeded.id, seeded.mirrorId)}));
    QVERIFY(!world().link(seeded.id) && !world().link(seeded.mirrorId));
}

void TestCopperConnectFields::createRefusals_data()
{
    QTest::addColumn<QByteArray>("body"); // with {placeholders}
    QTest::addColumn<int>("status");

    const auto row = [](const char *name, const char *body, int status) {
        QTest::newRow(name) << QByteArray(body) << status;
    };
    row("unknown definition",
        R"({"custom_field_definition_id":999999,"source":{"id":{A},"entity_type":"people"},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("not a Connect field",
        R"({"custom_field_definition_id":{TIER},"source":{"id":{C},"entity_type":"company"},"target":{"id":{C},"entity_type":"company"}})",
        422);
    row("wrong source type",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{C},"entity_type":"company"},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("wrong target type",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{A},"entity_type":"people"},"target":{"id":{C},"entity_type":"company"}})",
        422);
    row("the mirror's direction",
        R"({"custom_field_definition_id":{RESELLER},"source":{"id":{C},"entity_type":"company"},"target":{"id":{O},"entity_type":"opportunity"}})",
        422);
    row("user as source",
        R"({"custom_field_definition_id":{ACCOUNT_MANAGER},"source":{"id":{U},"entity_type":"user"},"target":{"id":{C},"entity_type":"company"}})",
        422);
    row("task",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{T},"entity_type":"task"},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("person, not people",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{A},"entity_type":"person"},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("unknown source",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":1,"entity_type":"people"},"target":{"id":{B},"entity_type":"people"}})",
        404);
    row("unknown target",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{A},"entity_type":"people"},"target":{"id":1,"entity_type":"people"}})",
        404);
    row("unknown user",
        R"({"custom_field_definition_id":{ACCOUNT_MANAGER},"source":{"id":{C},"entity_type":"company"},"target":{"id":1,"entity_type":"user"}})",
        404);
    row("same record",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{A},"entity_type":"people"},"target":{"id":{A},"entity_type":"people"}})",
        422);
    row("duplicate",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{LINKED_SOURCE},"entity_type":"people"},"target":{"id":{LINKED_TARGET},"entity_type":"people"}})",
        422);
    row("duplicate of the mirror",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{LINKED_TARGET},"entity_type":"people"},"target":{"id":{LINKED_SOURCE},"entity_type":"people"}})",
        422);
    row("no definition",
        R"({"source":{"id":{A},"entity_type":"people"},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("definition as text",
        R"({"custom_field_definition_id":"{REFERRED_BY}","source":{"id":{A},"entity_type":"people"},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("no target",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{A},"entity_type":"people"}})",
        422);
    row("id as text",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":"{A}","entity_type":"people"},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("no entity_type",
        R"({"custom_field_definition_id":{REFERRED_BY},"source":{"id":{A}},"target":{"id":{B},"entity_type":"people"}})",
        422);
    row("an array", R"([1,2])", 422);
    row("no body", "", 422);
    row("not JSON", R"({"custom_field_definition_id":)", 400);
}

void TestCopperConnectFields::createRefusals()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);

    const QJsonObject before = world().toJson();
    const SandboxReply reply
        = call("POST"_ba, Base + u"related_links"_s, resolve(QString::fromUtf8(body)).toUtf8());
    QVERIFY2(isCopperError(reply, status), reply.body.constData());
    if (status == 404)
        QCOMPARE(reply.json()["message"_L1].toString(), u"Resource not found"_s);
    QCOMPARE(world().toJson(), before);
}

void TestCopperConnectFields::listRefusals_data()
{
    QTest::addColumn<QString>("query"); // with {placeholders}
    QTest::addColumn<int>("status");

    QTest::newRow("no query") << u""_s << 422;
    QTest::newRow("no source_id") << u"source_type=people"_s << 422;
    QTest::newRow("no source_type") << u"source_id={A}"_s << 422;
    QTest::newRow("empty source_type") << u"source_type=&source_id={A}"_s << 422;
    QTest::newRow("person, not people") << u"source_type=person&source_id={A}"_s << 422;
    QTest::newRow("task") << u"source_type=task&source_id={T}"_s << 422;
    QTest::newRow("source_id not a number") << u"source_type=people&source_id=abc"_s << 422;
    QTest::newRow("unknown record") << u"source_type=people&source_id=1"_s << 404;
    QTest::newRow("a person's id as a company") << u"source_type=company&source_id={A}"_s << 404;
    QTest::newRow("unknown user") << u"source_type=user&source_id=1"_s << 404;
    QTest::newRow("unknown definition")
        << u"source_type=people&source_id={A}&custom_field_definition_id=999999"_s << 422;
    QTest::newRow("definition not a number")
        << u"source_type=people&source_id={A}&custom_field_definition_id=abc"_s << 422;
    QTest::newRow("definition not Connect")
        << u"source_type=company&source_id={C}&custom_field_definition_id={TIER}"_s << 422;
}

void TestCopperConnectFields::listRefusals()
{
    QFETCH(QString, query);
    QFETCH(int, status);

    const SandboxReply reply = copper("GET"_ba, u"related_links?"_s + resolve(query));
    QVERIFY2(isCopperError(reply, status), reply.body.constData());
}

void TestCopperConnectFields::deleteRefusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error"); // empty: a Copper error body

    QTest::newRow("unknown id") << "DELETE"_ba << u"related_links/1"_s << QString();
    QTest::newRow("id not a number") << "DELETE"_ba << u"related_links/abc"_s << QString();
    QTest::newRow("no id") << "DELETE"_ba << u"related_links"_s << u"not_found"_s;
    QTest::newRow("GET one link") << "GET"_ba << u"related_links/40001"_s << u"not_found"_s;
    QTest::newRow("PUT") << "PUT"_ba << u"related_links/40001"_s << u"not_found"_s;
    QTest::newRow("deeper") << "DELETE"_ba << u"related_links/40001/x"_s << u"not_found"_s;
}

void TestCopperConnectFields::deleteRefusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, error);

    const qsizetype before = world().linkCount();
    const SandboxReply reply = copper(method, path);
    QCOMPARE(reply.status, 404);
    if (error.isEmpty())
        QVERIFY(isCopperError(reply, 404));
    else
        QCOMPARE(reply.json()["error"_L1].toString(), error);
    QCOMPARE(world().linkCount(), before);
}

void TestCopperConnectFields::organizationIsCompany()
{
    // The seed says "organization" where current documents say "company": both name a company.
    const qint64 partner = definitionId(u"Partner"_s);
    qint64 company = 0;
    for (const auto &[id, record] : world().records(CopperEntity::Company)) {
        if (!world().links({CopperLinkType::Company, id}).isEmpty()) {
            company = id;
            break;
        }
    }
    QVERIFY(company != 0);
    const QJsonArray asCompany = links(u"company"_s, company);
    QVERIFY(!asCompany.isEmpty());
    QCOMPARE(links(u"organization"_s, company), asCompany);

    qint64 other = 0; // a company with no partner yet
    for (const auto &[id, record] : world().records(CopperEntity::Company)) {
        if (id != company && world().links({CopperLinkType::Company, id}, partner).isEmpty())
            other = id;
    }
    QVERIFY(other != 0);
    const SandboxReply created
        = copper("POST"_ba, u"related_links"_s,
                 linkBody(partner, end(company, u"organization"_s), end(other, u"organization"_s)));
    QCOMPARE(created.status, 200);
    QCOMPARE(created.json()["source"_L1]["entity_type"_L1].toString(), u"company"_s);
    QCOMPARE(created.json()["target"_L1]["entity_type"_L1].toString(), u"company"_s);
    QCOMPARE(links(u"organization"_s, other, partner).size(), 1);

    // Either spelling finds the duplicate.
    const SandboxReply again
        = copper("POST"_ba, u"related_links"_s,
                 linkBody(partner, end(company, u"company"_s), end(other, u"company"_s)));
    QVERIFY(isCopperError(again, 422));
}

void TestCopperConnectFields::rateLimitRollsOverAMinute()
{
    QCOMPARE(m_server->copper().rateLimit(), 180);
    SandboxClock &clock = m_server->clock();
    clock.freezeAt(1'767'225'600'000); // 2026-01-01T00:00:00Z

    for (int i = 0; i < 90; ++i)
        QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 200);
    clock.advance(30'000);
    for (int i = 0; i < 90; ++i)
        QCOMPARE(dispatch("POST"_ba, u"people/search"_s), 200);

    // The 181st request in the minute, over HTTP: 429, Copper's body, no Retry-After.
    const SandboxReply refused = copper("GET"_ba, u"users/me"_s);
    QVERIFY2(isCopperError(refused, 429), refused.body.constData());
    QVERIFY(!refused.headers.contains("retry-after"_ba));
    QCOMPARE(dispatch("GET"_ba, u"custom_field_definitions"_s), 429); // every route counts

    // One ms before the first ninety leave the window, still refused; then ninety are free.
    clock.advance(29'999);
    QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 429);
    clock.advance(1);
    for (int i = 0; i < 90; ++i)
        QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 200);
    QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 429);
    const SandboxReply stillRefused
        = copper("GET"_ba, u"related_links?source_type=people&source_id=1"_s);
    QVERIFY(isCopperError(stillRefused, 429));

    clock.advance(30'000); // the second ninety leave
    QCOMPARE(copper("GET"_ba, u"users/me"_s).status, 200);
}

void TestCopperConnectFields::rateLimitSkipsUnauthenticated()
{
    m_server->clock().freezeAt(1'767'225'600'000);
    Headers wrongKey = copperCredentials();
    wrongKey[0].second = "not-the-key"_ba;
    for (int i = 0; i < 50; ++i) // refused before they are counted
        QCOMPARE(dispatch("GET"_ba, u"users/me"_s, wrongKey), 401);
    for (int i = 0; i < 180; ++i)
        QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 200);
    QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 429);
    QCOMPARE(dispatch("GET"_ba, u"users/me"_s, wrongKey), 401); // auth first
}

void TestCopperConnectFields::rateLimitSetter()
{
    m_server->clock().freezeAt(1'767'225'600'000);
    m_server->copper().setRateLimit(3);
    QCOMPARE(m_server->copper().rateLimit(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 200);
    QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 429);

    m_server->copper().setRateLimit(0); // no limit
    for (int i = 0; i < 200; ++i)
        QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 200);

    m_server->copper().setRateLimit(CopperSandbox::RequestsPerMinute); // a fresh window
    for (int i = 0; i < CopperSandbox::RequestsPerMinute; ++i)
        QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 200);
    QCOMPARE(dispatch("GET"_ba, u"users/me"_s), 429);
}

QTEST_GUILESS_MAIN(TestCopperConnectFields)
#include "tst_copperconnectfields.moc"
