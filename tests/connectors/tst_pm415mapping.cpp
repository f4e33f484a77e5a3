#include "connectors/pm415/pm415mapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Account = u"roadmap"_s;

RecordKey key(const QString &type, const QString &id)
{
    return {Vendor::Pm415, Account, type, id};
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// A connections POST body with the given arrays (JSON text) and delete value.
QByteArray body(const char *items, const char *backlogs, const char *initiatives, const char *bugs,
                const char *del = "false")
{
    return QByteArray("{\"items\":") + items + ",\"backlogs\":" + backlogs
        + ",\"initiatives\":" + initiatives + ",\"bugs\":" + bugs + ",\"delete\":" + del + '}';
}

} // namespace

class TestPm415Mapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeNames_data();
    void typeNames();
    void parseId_data();
    void parseId();
    void listRequests();
    void organizations();
    void organizationsBad_data();
    void organizationsBad();
    void recordLists();
    void recordListBad_data();
    void recordListBad();
    void recordListTooLong();
    void displayFieldsOfTheWrongTypeAreLeftOut();
    void connectionsOfTheSeedExample();
    void connectionsDeduplicatedAndHalfRows();
    void connectionsBad_data();
    void connectionsBad();
    void connectionBody_data();
    void connectionBody();
    void connectionBodyProblem_data();
    void connectionBodyProblem();
    void writeAnswer_data();
    void writeAnswer();
    void errorBody_data();
    void errorBody();
    void linkType();
};

void TestPm415Mapping::typeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("live");
    QTest::addColumn<QString>("plural");
    QTest::newRow("initiative") << u"initiative"_s << u"initiative"_s << u"initiatives"_s;
    QTest::newRow("backlog") << u"backlog"_s << u"backlog"_s << u"backlogs"_s;
    QTest::newRow("item") << u"item"_s << u"item"_s << u"items"_s;
    QTest::newRow("bug") << u"bug"_s << u"bug"_s << u"bugs"_s;
    QTest::newRow("seed's Bugs") << u"Bugs"_s << u"bug"_s << QString();
    QTest::newRow("seed's Initiatives") << u"Initiatives"_s << u"initiative"_s << QString();
    QTest::newRow("seed's Items") << u"Items"_s << u"item"_s << QString();
    QTest::newRow("plural") << u"backlogs"_s << u"backlog"_s << QString();
    QTest::newRow("upper case") << u"BUG"_s << u"bug"_s << QString();
    QTest::newRow("unknown") << u"epic"_s << QString() << QString();
    QTest::newRow("empty") << QString() << QString() << QString();
    QTest::newRow("near miss") << u"bugss"_s << QString() << QString();
    QTest::newRow("spaces") << u" bug"_s << QString() << QString();
}

void TestPm415Mapping::typeNames()
{
    QFETCH(QString, name);
    QFETCH(QString, live);
    QFETCH(QString, plural);
    QCOMPARE(Pm415::typeName(name), live);
    QCOMPARE(Pm415::pluralType(name), plural); // live names only
    QCOMPARE(Pm415::recordTypes(),
             QStringList({u"initiative"_s, u"backlog"_s, u"item"_s, u"bug"_s}));
}

void TestPm415Mapping::parseId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("id"); // 0: not an id
    QTest::newRow("one") << u"1"_s << qint64(1);
    QTest::newRow("typical") << u"52"_s << qint64(52);
    QTest::newRow("2^53") << u"9007199254740992"_s << (qint64(1) << 53);
    QTest::newRow("past 2^53") << u"9007199254740993"_s << qint64(0);
    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("leading zero") << u"012"_s << qint64(0);
    QTest::newRow("negative") << u"-3"_s << qint64(0);
    QTest::newRow("plus") << u"+3"_s << qint64(0);
    QTest::newRow("parseInt would take it") << u"12abc"_s << qint64(0);
    QTest::newRow("hex") << u"0x1A"_s << qint64(0);
    QTest::newRow("space") << u"12 "_s << qint64(0);
    QTest::newRow("path") << u"12/../x"_s << qint64(0);
    QTest::newRow("empty") << QString() << qint64(0);
    QTest::newRow("huge") << QString(40, u'9') << qint64(0);
}

void TestPm415Mapping::parseId()
{
    QFETCH(QString, text);
    QFETCH(qint64, id);
    QCOMPARE(Pm415::parseId(text).value_or(0), id);
}

void TestPm415Mapping::listRequests()
{
    using R = Pm415::ListRequest;
    QCOMPARE(Pm415::listRequests(u"initiative"_s, 17),
             QList<R>({{u"/initiatives/all/true/17"_s, {}}}));
    QCOMPARE(Pm415::listRequests(u"backlog"_s, 17), QList<R>({{u"/backlogs/true/17"_s, {}}}));
    QCOMPARE(Pm415::listRequests(u"bug"_s, 17), QList<R>({{u"/bugs/full/true/17/false"_s, {}}}));
    QCOMPARE(Pm415::listRequests(u"item"_s, 18),
             QList<R>({{u"/items/all/true/backlogs/18"_s, u"backlogs"_s},
                       {u"/items/all/true/initiatives/18"_s, u"initiatives"_s}}));
    QVERIFY(Pm415::listRequests(u"Bugs"_s, 17).isEmpty()); // live names only
    QVERIFY(Pm415::listRequests(u"epic"_s, 17).isEmpty());
}

void TestPm415Mapping::organizations()
{
    const auto parsed = Pm415::parseOrganizations(
        R"({"success":true,"organizations":[{"orgId":17,"name":"Northwind","role":"Admin"},
            {"orgId":24,"name":"Lumen","role":"Pending"},{"orgId":17,"name":"again","role":"Admin"},
            {"orgId":18,"name":"Labs","role":"Member"}]})");
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    QCOMPARE(parsed.value.size(), 3); // the repeated 17 once
    QCOMPARE(parsed.value.at(0), (Pm415::Organization{17, u"Northwind"_s, u"Admin"_s}));
    QVERIFY(parsed.value.at(0).isMember());
    QVERIFY(!parsed.value.at(1).isMember());
    QVERIFY(parsed.value.at(2).isMember());
    QVERIFY(Pm415::parseOrganizations(R"({"success":true,"organizations":[]})").value.isEmpty());
}

void TestPm415Mapping::organizationsBad_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << R"({"success":true,"organizations":[{"orgId":1)"_ba;
    QTest::newRow("array") << R"([{"orgId":1}])"_ba;
    QTest::newRow("no list") << R"({"success":true})"_ba;
    QTest::newRow("list is object") << R"({"organizations":{}})"_ba;
    QTest::newRow("id as text") << R"({"organizations":[{"orgId":"17"}]})"_ba;
    QTest::newRow("id zero") << R"({"organizations":[{"orgId":0}]})"_ba;
    QTest::newRow("id fraction") << R"({"organizations":[{"orgId":1.5}]})"_ba;
    QTest::newRow("row not object") << R"({"organizations":[17]})"_ba;
    QTest::newRow("success false") << R"({"success":false,"organizations":[]})"_ba;
    QTest::newRow("html") << "<!DOCTYPE html><html></html>"_ba;
}

void TestPm415Mapping::organizationsBad()
{
    QFETCH(QByteArray, json);
    const auto parsed = Pm415::parseOrganizations(json);
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.value.isEmpty());
}

void TestPm415Mapping::recordLists()
{
    // Given each list endpoint's shape, as the live server selects its columns
    const QByteArray initiatives = R"({"success":true,"admin":true,"initiatives":[
        {"id":21,"title":" Faster   onboarding ","archived":0,"description":"Why",
         "horizon":"2025-03-14T00:00:00.000Z","createdBy":13,"statusId":2,"order_index":1,
         "organizationId":17,"popularity":4,"email":"p@x.example","firstName":"Priya",
         "lastName":"Raman"},
        {"id":22,"title":"","archived":1,"description":null,"horizon":null,"createdBy":99,
         "statusId":99,"order_index":2,"organizationId":17,"popularity":0,"email":null,
         "firstName":null,"lastName":null}]})";
    const QByteArray bugs = R"({"success":true,"admin":false,"bugs":[
        {"id":6,"title":"Crash","description":"d","statusId":3,"createdBy":13,"severity":"P1",
         "assignee":null,"archived":0,
         "reportedByData":{"email":"p@x.example","firstName":"Priya","lastName":"Raman"},
         "assigneeData":{"email":null,"firstName":null,"lastName":null}}]})";
    const QByteArray items = R"({"success":true,"admin":true,"items":[
        {"description":"","id":52,"title":"abc","statusId":3,"archived":0,"createdBy":13,
         "ownerId":19,"order_index":2,"email":"only@x.example","firstName":null,"lastName":null}]})";

    // When they are parsed
    const auto i = Pm415::parseRecordList(initiatives, Account, u"initiative"_s);
    const auto b = Pm415::parseRecordList(bugs, Account, u"bug"_s);
    const auto it = Pm415::parseRecordList(items, Account, u"item"_s, u"backlogs"_s);

    // Then every row is a record with its key, title and display fields
    QVERIFY2(i.ok(), qPrintable(i.problem));
    QVERIFY2(b.ok(), qPrintable(b.problem));
    QVERIFY2(it.ok(), qPrintable(it.problem));
    QCOMPARE(i.value.size(), 2);
    const Record &first = i.value.at(0);
    QCOMPARE(first.key, key(u"initiative"_s, u"21"_s));
    QCOMPARE(first.title, u"Faster onboarding"_s);
    QCOMPARE(first.fields.value(u"Status"_s), QVariant(u"Planned"_s)); // seeded status 2
    QCOMPARE(first.fields.value(u"Archived"_s), QVariant(false));
    QCOMPARE(first.fields.value(u"Horizon"_s), QVariant(u"2025-03-14"_s));
    QCOMPARE(first.fields.value(u"Popularity"_s), QVariant(qint64(4)));
    QCOMPARE(first.fields.value(u"Organization"_s), QVariant(qint64(17)));
    QCOMPARE(first.fields.value(u"Created by"_s), QVariant(u"Priya Raman"_s));
    QCOMPARE(first.fields.value(u"Description"_s), QVariant(u"Why"_s));
    const Record &archived = i.value.at(1);
    QCOMPARE(archived.title, u"(untitled initiative 22)"_s);
    QCOMPARE(archived.fields.value(u"Archived"_s), QVariant(true));
    QCOMPARE(archived.fields.value(u"Status"_s), QVariant(qint64(99))); // not a seeded status
    QVERIFY(!archived.fields.contains(u"Horizon"_s));
    QVERIFY(!archived.fields.contains(u"Created by"_s));
    QVERIFY(!archived.fields.contains(u"Description"_s));

    QCOMPARE(b.value.size(), 1);
    QCOMPARE(b.value.at(0).key, key(u"bug"_s, u"6"_s));
    QCOMPARE(b.value.at(0).fields.value(u"Severity"_s), QVariant(u"P1"_s));
    QCOMPARE(b.value.at(0).fields.value(u"Reported by"_s), QVariant(u"Priya Raman"_s));
    QVERIFY(!b.value.at(0).fields.contains(u"Assignee"_s));

    QCOMPARE(it.value.at(0).fields.value(u"Belongs to"_s), QVariant(u"backlog 19"_s));
    QCOMPARE(it.value.at(0).fields.value(u"Created by"_s), QVariant(u"only@x.example"_s));

    // An empty list is no records, not a problem
    QVERIFY(Pm415::parseRecordList(R"({"success":true,"backlogs":[],"admin":false})", Account,
                                   u"backlog"_s)
                .value.isEmpty());
}

void TestPm415Mapping::recordListBad_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("problem"); // a part of it
    const QString bug = u"bug"_s;
    QTest::newRow("not JSON") << "not json"_ba << bug << u"not JSON"_s;
    QTest::newRow("truncated") << R"({"success":true,"bugs":[{"id":6,"ti)"_ba << bug
                               << u"not JSON"_s;
    QTest::newRow("web app page") << "<!DOCTYPE html><html><body><div id=app>"_ba << bug
                                  << u"HTML page"_s;
    QTest::newRow("array") << "[]"_ba << bug << u"object"_s;
    QTest::newRow("wrong key") << R"({"success":true,"items":[]})"_ba << bug << u"\"bugs\""_s;
    QTest::newRow("list not array") << R"({"bugs":{"id":6}})"_ba << bug << u"\"bugs\""_s;
    QTest::newRow("success false") << R"({"success":false,"bugs":[]})"_ba << bug << u"success"_s;
    QTest::newRow("row not object") << R"({"bugs":[6]})"_ba << bug << u"Row 0"_s;
    QTest::newRow("no id") << R"({"bugs":[{"title":"x"}]})"_ba << bug << u"\"id\""_s;
    QTest::newRow("id text") << R"({"bugs":[{"id":6},{"id":"7"}]})"_ba << bug << u"Row 1"_s;
    QTest::newRow("id zero") << R"({"bugs":[{"id":0}]})"_ba << bug << u"\"id\""_s;
    QTest::newRow("id negative") << R"({"bugs":[{"id":-4}]})"_ba << bug << u"\"id\""_s;
    QTest::newRow("id fraction") << R"({"bugs":[{"id":4.5}]})"_ba << bug << u"\"id\""_s;
    QTest::newRow("id huge") << R"({"bugs":[{"id":1e300}]})"_ba << bug << u"\"id\""_s;
    QTest::newRow("unknown type") << R"({"epics":[]})"_ba << u"epic"_s << u"Unknown"_s;
}

void TestPm415Mapping::recordListBad()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, type);
    QFETCH(QString, problem);
    const auto parsed = Pm415::parseRecordList(json, Account, type);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.problem.contains(problem), qPrintable(parsed.problem));
    QVERIFY(parsed.value.isEmpty());
}

void TestPm415Mapping::recordListTooLong()
{
    QByteArray json = R"({"success":true,"items":[)";
    for (qsizetype i = 1; i <= Pm415::MaxRecords + 1; ++i)
        json += "{\"id\":" + QByteArray::number(i) + "},";
    json.chop(1);
    json += "]}";
    const auto parsed = Pm415::parseRecordList(json, Account, u"item"_s);
    QVERIFY(!parsed.ok());
    QVERIFY(parsed.problem.contains(u"More than"_s));
}

void TestPm415Mapping::displayFieldsOfTheWrongTypeAreLeftOut()
{
    const auto parsed = Pm415::parseRecordList(
        R"({"backlogs":[{"id":11,"title":["x"],"statusId":"2","archived":7,"points":{},
            "plannedOn":"not a date","organizationId":1.5,"firstName":{},"description":42}]})",
        Account, u"backlog"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    const Record &r = parsed.value.first();
    QCOMPARE(r.title, u"(untitled backlog 11)"_s);
    QVERIFY2(r.fields.isEmpty(), qPrintable(r.fields.keys().join(u',')));
}

void TestPm415Mapping::connectionsOfTheSeedExample()
{
    // Given seed 003's example answer (bug 6 connected to initiative 28 and item 52)
    const QByteArray json = R"({"success":true,"connections":[
        {"id":7,"initiativeId":28,"backlogId":null,"itemId":null,"bugId":6},
        {"id":8,"initiativeId":null,"backlogId":null,"itemId":52,"bugId":6}],
      "info":[{"assignee":null,"organizationId":17,"id":52,"title":"abc",
        "description":"Description","statusId":3,"points":0,"createdBy":13,
        "forecastedRelease":null,"actualRelease":null,"plannedOn":"2025-01-02T00:00:00.000Z",
        "ownerId":19,"ownerTable":"backlogs","mailers":"!h@e.example!","orderIndex":2,
        "archived":0}]})";

    // When it is read for bug 6 with info about items
    const auto parsed = Pm415::parseConnections(json, key(u"bug"_s, u"6"_s), u"item"_s);

    // Then both connections are undirected links from the bug, and the item has its title
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    const Link expected{key(u"bug"_s, u"6"_s),
                        key(u"initiative"_s, u"28"_s),
                        u"connection"_s,
                        LinkDirection::Undirected,
                        {},
                        LinkState::Confirmed,
                        {}};
    QCOMPARE(parsed.value.links.size(), 2);
    QCOMPARE(parsed.value.links.at(0), expected);
    QCOMPARE(parsed.value.links.at(1).target, key(u"item"_s, u"52"_s));
    QCOMPARE(parsed.value.records.size(), 1);
    const Record &item = parsed.value.records.first();
    QCOMPARE(item.key, key(u"item"_s, u"52"_s));
    QCOMPARE(item.title, u"abc"_s);
    QCOMPARE(item.fields.value(u"Belongs to"_s), QVariant(u"backlog 19"_s));
    QCOMPARE(item.fields.value(u"Planned on"_s), QVariant(u"2025-01-02"_s));
    QCOMPARE(item.fields.value(u"Points"_s), QVariant(qint64(0)));
    QCOMPARE(parsed.value.halfRows, 0);
}

void TestPm415Mapping::connectionsDeduplicatedAndHalfRows()
{
    // Two rows for one pair (a re-added connection) and a row holding the owner alone
    const auto parsed = Pm415::parseConnections(
        R"({"success":true,"connections":[
            {"id":9,"initiativeId":null,"backlogId":3,"itemId":null,"bugId":null},
            {"id":10,"initiativeId":null,"backlogId":3,"itemId":40,"bugId":null},
            {"id":12,"initiativeId":null,"backlogId":3,"itemId":40,"bugId":null},
            {"id":13,"initiativeId":21,"backlogId":3,"itemId":null,"bugId":null}],"info":[]})",
        key(u"backlog"_s, u"3"_s), u"initiative"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    QCOMPARE(parsed.value.links.size(), 2);
    QCOMPARE(parsed.value.links.at(0).target, key(u"item"_s, u"40"_s));
    QCOMPARE(parsed.value.links.at(1).target, key(u"initiative"_s, u"21"_s));
    QCOMPARE(parsed.value.halfRows, 1);
    QVERIFY(parsed.value.records.isEmpty());

    const auto none = Pm415::parseConnections(R"({"success":true,"connections":[],"info":[]})",
                                              key(u"item"_s, u"99999"_s), u"bug"_s);
    QVERIFY(none.ok());
    QVERIFY(none.value.links.isEmpty());
}

void TestPm415Mapping::connectionsBad_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    QTest::newRow("truncated") << R"({"success":true,"connections":[{"id":7,"initiat)"_ba
                               << u"not JSON"_s;
    QTest::newRow("no info") << R"({"success":true,"connections":[]})"_ba << u"\"info\""_s;
    QTest::newRow("no connections") << R"({"success":true,"info":[]})"_ba << u"arrays"_s;
    QTest::newRow("row not object") << R"({"connections":[7],"info":[]})"_ba << u"Connection 0"_s;
    QTest::newRow("column text")
        << R"({"connections":[{"id":1,"bugId":6,"itemId":"52"}],"info":[]})"_ba << u"itemId"_s;
    QTest::newRow("column fraction")
        << R"({"connections":[{"id":1,"bugId":6,"itemId":5.2}],"info":[]})"_ba << u"itemId"_s;
    QTest::newRow("another record's row")
        << R"({"connections":[{"id":1,"bugId":7,"itemId":52}],"info":[]})"_ba << u"does not hold"_s;
    QTest::newRow("row without the owner")
        << R"({"connections":[{"id":1,"bugId":null,"itemId":52}],"info":[]})"_ba
        << u"does not hold"_s;
    QTest::newRow("info row bad") << R"({"connections":[],"info":[{"title":"x"}]})"_ba << u"info"_s;
    QTest::newRow("success false")
        << R"({"success":false,"connections":[],"info":[]})"_ba << u"success"_s;
}

void TestPm415Mapping::connectionsBad()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    const auto parsed = Pm415::parseConnections(json, key(u"bug"_s, u"6"_s), u"item"_s);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.problem.contains(problem), qPrintable(parsed.problem));
    QVERIFY(parsed.value.links.isEmpty());
    // Not a record of pm415: refused before reading
    QVERIFY(!Pm415::parseConnections(R"({"connections":[],"info":[]})", key(u"epic"_s, u"6"_s),
                                     u"item"_s)
                 .ok());
    QVERIFY(!Pm415::parseConnections(R"({"connections":[],"info":[]})", key(u"bug"_s, u"06"_s),
                                     u"item"_s)
                 .ok());
}

void TestPm415Mapping::connectionBody_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("remove");
    QTest::addColumn<QByteArray>("body"); // empty: refused
    QTest::newRow("add an item")
        << u"item"_s << u"52"_s << false
        << R"({"backlogs":[],"bugs":[],"delete":false,"initiatives":[],"items":[52]})"_ba;
    QTest::newRow("remove an initiative")
        << u"initiative"_s << u"28"_s << true
        << R"({"backlogs":[],"bugs":[],"delete":true,"initiatives":[28],"items":[]})"_ba;
    QTest::newRow("add a backlog")
        << u"backlog"_s << u"11"_s << false
        << R"({"backlogs":[11],"bugs":[],"delete":false,"initiatives":[],"items":[]})"_ba;
    QTest::newRow("add a bug")
        << u"bug"_s << u"6"_s << false
        << R"({"backlogs":[],"bugs":[6],"delete":false,"initiatives":[],"items":[]})"_ba;
    // Whatever maps to no array is refused: never four empty arrays
    QTest::newRow("unknown type") << u"epic"_s << u"6"_s << false << QByteArray();
    QTest::newRow("empty type") << QString() << u"6"_s << true << QByteArray();
    QTest::newRow("alias is not a live name") << u"Bugs"_s << u"6"_s << false << QByteArray();
    QTest::newRow("empty id") << u"bug"_s << QString() << false << QByteArray();
    QTest::newRow("zero id") << u"bug"_s << u"0"_s << false << QByteArray();
    QTest::newRow("text id") << u"bug"_s << u"six"_s << true << QByteArray();
}

void TestPm415Mapping::connectionBody()
{
    QFETCH(QString, type);
    QFETCH(QString, id);
    QFETCH(bool, remove);
    QFETCH(QByteArray, body);
    const auto made = Pm415::connectionBody(type, id, remove);
    QCOMPARE(made.ok(), !body.isEmpty());
    QCOMPARE(made.value, body);
    if (made.ok())
        QVERIFY(Pm415::connectionBodyProblem(made.value).isEmpty());
}

void TestPm415Mapping::connectionBodyProblem_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("safe");
    QTest::newRow("one item") << body("[52]", "[]", "[]", "[]") << true;
    QTest::newRow("one bug, delete") << body("[]", "[]", "[]", "[6]", "true") << true;
    QTest::newRow("four empty, add") << body("[]", "[]", "[]", "[]") << false;
    QTest::newRow("four empty, delete") << body("[]", "[]", "[]", "[]", "true") << false;
    QTest::newRow("four empty, spaced")
        << "{ \"items\" : [ ], \"backlogs\":[],\"initiatives\":[],\"bugs\":[],\"delete\":true}"_ba
        << false;
    QTest::newRow("two types") << body("[1]", "[2]", "[]", "[]") << false;
    QTest::newRow("two ids") << body("[1,2]", "[]", "[]", "[]") << false;
    QTest::newRow("id as text") << body("[\"1\"]", "[]", "[]", "[]") << false;
    QTest::newRow("id zero") << body("[0]", "[]", "[]", "[]") << false;
    QTest::newRow("id null") << body("[null]", "[]", "[]", "[]") << false;
    QTest::newRow("delete as text") << body("[1]", "[]", "[]", "[]", "\"false\"") << false;
    QTest::newRow("array missing")
        << R"({"items":[1],"backlogs":[],"bugs":[],"delete":false})"_ba << false;
    QTest::newRow("array null") << body("[1]", "null", "[]", "[]") << false;
    QTest::newRow("extra key")
        << R"({"items":[1],"backlogs":[],"initiatives":[],"bugs":[],"delete":false,"x":1})"_ba
        << false;
    QTest::newRow("empty object") << "{}"_ba << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("array") << "[]"_ba << false;
    QTest::newRow("truncated") << body("[1]", "[]", "[]", "[]").chopped(3) << false;
}

void TestPm415Mapping::connectionBodyProblem()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, safe);
    const QString problem = Pm415::connectionBodyProblem(body);
    QVERIFY2(problem.isEmpty() == safe, qPrintable(problem));
}

void TestPm415Mapping::writeAnswer_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::newRow("success") << R"({"success":true})"_ba << true;
    QTest::newRow("false") << R"({"success":false})"_ba << false;
    QTest::newRow("missing") << R"({})"_ba << false;
    QTest::newRow("text") << R"({"success":"true"})"_ba << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("truncated") << R"({"succ)"_ba << false;
}

void TestPm415Mapping::writeAnswer()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QCOMPARE(Pm415::parseWriteAnswer(json).ok(), ok);
}

void TestPm415Mapping::errorBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("boom") << compact({{"statusCode"_L1, 404},
                                      {"error"_L1, "Not Found"_L1},
                                      {"message"_L1, "not found this bug."_L1},
                                      {"success"_L1, false}})
                          << u"not found this bug."_s;
    QTest::newRow("unauthorized")
        << R"({"statusCode":401,"error":"Unauthorized","message":"Authentication required","success":false})"_ba
        << u"Authentication required"_s;
    QTest::newRow("error only") << R"({"statusCode":500,"error":"Internal Server Error"})"_ba
                                << u"Internal Server Error"_s;
    QTest::newRow("message not text")
        << R"({"message":{"a":1},"error":"Bad Request"})"_ba << u"Bad Request"_s;
    QTest::newRow("neither") << R"({"statusCode":500})"_ba << QString();
    QTest::newRow("array") << "[1]"_ba << QString();
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("text") << "Bad Gateway"_ba << QString();
    QTest::newRow("truncated json") << R"({"message":"not fo)"_ba << QString();
}

void TestPm415Mapping::errorBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(Pm415::parseErrorBody(body), message);
}

void TestPm415Mapping::linkType()
{
    const LinkType type = Pm415::connectionLinkType();
    QCOMPARE(type.id, u"connection"_s);
    QCOMPARE(type.forwardLabel, u"is connected to"_s);
    QCOMPARE(type.backwardLabel, type.forwardLabel);
    QCOMPARE(type.direction, LinkDirection::Undirected);
    QVERIFY(type.sourceTypes.isEmpty() && type.targetTypes.isEmpty());
    QVERIFY(!type.deprecated);
    QVERIFY(!type.name.isEmpty());

    // Express's 404 page is said in words, without HTML
    const QString html = Pm415::parseErrorBody(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error"
        "</title>\n</head>\n<body>\n<pre>Cannot GET /api/v1/user/orgs&amp;x</pre>\n</body>\n"
        "</html>\n");
    QVERIFY2(html.startsWith(u"Cannot GET /api/v1/user/orgs&x: "_s), qPrintable(html));
    QVERIFY(html.contains(u"/api"_s));
    QVERIFY(!html.contains(u'<'));
    const QString page = Pm415::parseErrorBody("<html><body><div id=app></div></body></html>");
    QVERIFY(page.contains(u"web page"_s));
    QVERIFY(!page.contains(u'<'));
}

QTEST_GUILESS_MAIN(TestPm415Mapping)
#include "tst_pm415mapping.moc"
