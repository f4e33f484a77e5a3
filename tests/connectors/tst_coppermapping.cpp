#include "connectors/copper/coppermapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCopperMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeNames();
    void parseId_data();
    void parseId();
    void searchPage_data();
    void searchPage();
    void searchPageFields();
    void related_data();
    void related();
    void errorBody_data();
    void errorBody();
    void relateAnswer_data();
    void relateAnswer();
    void requestBodies();
    void connectEntityTypes();
    void connectDefinitions_data();
    void connectDefinitions();
    void connectLinks_data();
    void connectLinks();
    void oneRecord();
};

void TestCopperMapping::typeNames()
{
    const QStringList plurals{u"companies"_s, u"people"_s, u"opportunities"_s,
                              u"projects"_s,  u"tasks"_s,  u"leads"_s};
    QCOMPARE(Copper::recordTypes().size(), plurals.size());
    for (qsizetype i = 0; i < plurals.size(); ++i) {
        const QString singular = Copper::recordTypes().at(i);
        QCOMPARE(Copper::pluralType(singular), plurals.at(i));
        QCOMPARE(Copper::singularType(plurals.at(i)), singular);
    }
    QCOMPARE(Copper::singularType(u"person"), QString());
    QCOMPARE(Copper::pluralType(u"people"), QString());
    QCOMPARE(Copper::pluralType(u"user"), QString());
    QCOMPARE(Copper::pluralType(u""), QString());
}

void TestCopperMapping::parseId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // 0 = refused

    QTest::newRow("one") << u"1"_s << qint64(1);
    QTest::newRow("seed id") << u"13358412"_s << qint64(13358412);
    QTest::newRow("2^53") << u"9007199254740992"_s << (qint64(1) << 53);
    QTest::newRow("2^53 + 1") << u"9007199254740993"_s << qint64(0);
    QTest::newRow("17 digits") << u"10000000000000000"_s << qint64(0);
    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("leading zero") << u"012"_s << qint64(0);
    QTest::newRow("negative") << u"-5"_s << qint64(0);
    QTest::newRow("plus sign") << u"+5"_s << qint64(0);
    QTest::newRow("space") << u" 5"_s << qint64(0);
    QTest::newRow("letters") << u"5a"_s << qint64(0);
    QTest::newRow("path traversal") << u"../5"_s << qint64(0);
    QTest::newRow("full-width digit") << u"\uFF15"_s << qint64(0);
    QTest::newRow("empty") << QString() << qint64(0);
}

void TestCopperMapping::parseId()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto id = Copper::parseId(text);
    QCOMPARE(id.value_or(0), expected);
}

void TestCopperMapping::searchPage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("titles"); // for good pages
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("problem"); // a part of Parsed::problem for bad pages

    // Good pages.
    QTest::newRow("empty array") << "[]"_ba << u"person"_s << QStringList() << QStringList()
                                 << QString();
    QTest::newRow("two people")
        << R"([{"id":1,"name":"Ada Lovelace"},{"id":208105,"name":" Bob  Stone "}])"_ba
        << u"person"_s << QStringList{u"Ada Lovelace"_s, u"Bob Stone"_s}
        << QStringList{u"1"_s, u"208105"_s} << QString();
    QTest::newRow("no name gets a placeholder")
        << R"([{"id":7,"name":""},{"id":8}])"_ba << u"task"_s
        << QStringList{u"(unnamed task 7)"_s, u"(unnamed task 8)"_s} << QStringList{u"7"_s, u"8"_s}
        << QString();
    QTest::newRow("display fields of the wrong type are left out")
        << R"([{"id":3,"name":42,"emails":"x","title":["a"],"date_created":"yesterday"}])"_ba
        << u"person"_s << QStringList{u"(unnamed person 3)"_s} << QStringList{u"3"_s} << QString();
    QTest::newRow("integral double id")
        << R"([{"id":5.0,"name":"Five"}])"_ba << u"lead"_s << QStringList{u"Five"_s}
        << QStringList{u"5"_s} << QString();

    // Bad pages: the whole page is refused and the problem says why.
    const QStringList none;
    QTest::newRow("malformed JSON")
        << R"([{"id":1,)"_ba << u"person"_s << none << none << u"not JSON"_s;
    QTest::newRow("empty body") << QByteArray() << u"person"_s << none << none << u"not JSON"_s;
    QTest::newRow("HTML error page")
        << "<html>502 Bad Gateway</html>"_ba << u"person"_s << none << none << u"not JSON"_s;
    QTest::newRow("object, not array") << R"({"id":1,"name":"x"})"_ba << u"person"_s << none << none
                                       << u"Expected a JSON array, got an object"_s;
    QTest::newRow("vendor error body 422")
        << R"({"success":false,"status":422,"message":"Invalid input"})"_ba << u"person"_s << none
        << none << u"Expected a JSON array, got an object"_s;
    QTest::newRow("vendor error body not_found")
        << R"({"error":"not_found"})"_ba << u"company"_s << none << none << u"got an object"_s;
    QTest::newRow("scalar") << "42"_ba << u"person"_s << none << none << u"The answer is"_s;
    QTest::newRow("row is a number")
        << "[1]"_ba << u"person"_s << none << none << u"Item 0 is a number"_s;
    QTest::newRow("row is null") << "[null]"_ba << u"person"_s << none << none
                                 << u"Item 0 is null"_s;
    QTest::newRow("missing id") << R"([{"name":"x"}])"_ba << u"person"_s << none << none
                                << u"Item 0 has no positive integer \"id\" (it is missing)"_s;
    QTest::newRow("string id") << R"([{"id":"12","name":"x"}])"_ba << u"person"_s << none << none
                               << u"(it is a string)"_s;
    QTest::newRow("null id") << R"([{"id":1},{"id":null}])"_ba << u"person"_s << none << none
                             << u"Item 1 has no positive integer \"id\" (it is null)"_s;
    QTest::newRow("fractional id")
        << R"([{"id":1.5}])"_ba << u"person"_s << none << none << u"(it is a number)"_s;
    QTest::newRow("negative id") << R"([{"id":-3}])"_ba << u"person"_s << none << none
                                 << u"Item 0 has no positive integer"_s;
    QTest::newRow("huge id") << R"([{"id":1e300}])"_ba << u"person"_s << none << none
                             << u"Item 0 has no positive integer"_s;
    QTest::newRow("unknown type") << "[]"_ba << u"user"_s << none << none
                                  << u"Unknown Copper record type \"user\""_s;
}

void TestCopperMapping::searchPage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, type);
    QFETCH(QStringList, titles);
    QFETCH(QStringList, ids);
    QFETCH(QString, problem);

    const auto page = Copper::parseSearchPage(json, u"acc"_s, type);
    if (!problem.isEmpty()) {
        QVERIFY2(page.problem.contains(problem), qPrintable(page.problem));
        QVERIFY(page.value.isEmpty());
        return;
    }
    QVERIFY2(page.ok(), qPrintable(page.problem));
    QStringList gotTitles, gotIds;
    for (const Record &r : page.value) {
        QCOMPARE(r.key.vendor, Vendor::Copper);
        QCOMPARE(r.key.account, u"acc"_s);
        QCOMPARE(r.key.type, type);
        gotTitles << r.title;
        gotIds << r.key.id;
    }
    QCOMPARE(gotTitles, titles);
    QCOMPARE(gotIds, ids);
}

void TestCopperMapping::searchPageFields()
{
    // Given a person, a task and an opportunity as Copper returns them
    const auto person = Copper::parseSearchPage(
        R"([{"id":1,"name":"Ada","title":"CTO","company_name":"Analytical Engines",
             "emails":[{"email":"ada@example.com","category":"work"}],
             "phone_numbers":[],"date_created":1735689600}])"_ba,
        u"acc"_s, u"person"_s);
    const auto task = Copper::parseSearchPage(
        R"([{"id":2,"name":"Call back","status":"Open","priority":"High","due_date":1700000000},
            {"id":3,"name":"No due date","due_date":null}])"_ba,
        u"acc"_s, u"task"_s);
    const auto deal = Copper::parseSearchPage(
        R"([{"id":4,"name":"Big deal","monetary_value":12500,"status":"Won"},
            {"id":5,"name":"Odd deal","monetary_value":99.5}])"_ba,
        u"acc"_s, u"opportunity"_s);
    QVERIFY(person.ok() && task.ok() && deal.ok());

    // Then the display fields are picked per type and dates are yyyy-MM-dd (UTC)
    const QVariantMap p = person.value.first().fields;
    QCOMPARE(p.value(u"E-mail"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(p.value(u"Title"_s).toString(), u"CTO"_s);
    QCOMPARE(p.value(u"Company"_s).toString(), u"Analytical Engines"_s);
    QCOMPARE(p.value(u"Created"_s).toString(), u"2025-01-01"_s);
    QVERIFY(!p.contains(u"Phone"_s)); // empty array
    QCOMPARE(task.value.at(0).fields.value(u"Due date"_s).toString(), u"2023-11-14"_s);
    QCOMPARE(task.value.at(0).fields.value(u"Priority"_s).toString(), u"High"_s);
    QVERIFY(!task.value.at(1).fields.contains(u"Due date"_s));
    QCOMPARE(deal.value.at(0).fields.value(u"Value"_s).toLongLong(), 12500);
    QCOMPARE(deal.value.at(0).fields.value(u"Status"_s).toString(), u"Won"_s);
    QCOMPARE(deal.value.at(1).fields.value(u"Value"_s).toDouble(), 99.5);
}

void TestCopperMapping::related_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("keys"); // "type:id"
    QTest::addColumn<QString>("problem");

    QTest::newRow("seed 001 example")
        << R"([{"id":208105,"type":"project"},{"id":4417020,"type":"opportunity"},
              {"id":4418567,"type":"opportunity"},{"id":13358412,"type":"company"}])"_ba
        << QStringList{u"project:208105"_s, u"opportunity:4417020"_s, u"opportunity:4418567"_s,
                       u"company:13358412"_s}
        << QString();
    QTest::newRow("empty") << "[]"_ba << QStringList() << QString();
    QTest::newRow("unknown type is skipped")
        << R"([{"id":1,"type":"user"},{"id":2,"type":"person"}])"_ba << QStringList{u"person:2"_s}
        << QString();
    QTest::newRow("duplicates collapse")
        << R"([{"id":2,"type":"person"},{"id":2,"type":"person"},{"id":2,"type":"lead"}])"_ba
        << QStringList{u"person:2"_s, u"lead:2"_s} << QString();

    QTest::newRow("malformed JSON") << "[{"_ba << QStringList() << u"not JSON"_s;
    QTest::newRow("not an array") << R"({"error":"not_found"})"_ba << QStringList()
                                  << u"got an object"_s;
    QTest::newRow("item not an object")
        << R"(["person:2"])"_ba << QStringList() << u"Item 0 is a string"_s;
    QTest::newRow("string id") << R"([{"id":"2","type":"person"}])"_ba << QStringList()
                               << u"(it is a string)"_s;
    QTest::newRow("missing id") << R"([{"type":"person"}])"_ba << QStringList()
                                << u"(it is missing)"_s;
    QTest::newRow("missing type") << R"([{"id":2}])"_ba << QStringList()
                                  << u"no string \"type\" (it is missing)"_s;
    QTest::newRow("numeric type") << R"([{"id":2,"type":3}])"_ba << QStringList()
                                  << u"no string \"type\" (it is a number)"_s;
}

void TestCopperMapping::related()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, keys);
    QFETCH(QString, problem);

    const auto related = Copper::parseRelated(json, u"acc"_s);
    if (!problem.isEmpty()) {
        QVERIFY2(related.problem.contains(problem), qPrintable(related.problem));
        return;
    }
    QVERIFY2(related.ok(), qPrintable(related.problem));
    QStringList got;
    for (const RecordKey &k : related.value) {
        QCOMPARE(k.vendor, Vendor::Copper);
        QCOMPARE(k.account, u"acc"_s);
        got << k.type + u':' + k.id;
    }
    QCOMPARE(got, keys);
}

void TestCopperMapping::errorBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::newRow("success false shape")
        << R"({"success":false,"status":422,"message":"Cannot relate a lead to a person"})"_ba
        << u"Cannot relate a lead to a person"_s;
    QTest::newRow("error shape") << R"({"error":"not_found"})"_ba << u"not found"_s;
    QTest::newRow("message wins") << R"({"error":"bad","message":"Readable"})"_ba << u"Readable"_s;
    QTest::newRow("message not a string") << R"({"message":5})"_ba << QString();
    QTest::newRow("empty object") << "{}"_ba << QString();
    QTest::newRow("array") << R"(["message"])"_ba << QString();
    QTest::newRow("malformed") << R"({"message":"x)"_ba << QString();
    QTest::newRow("html") << "<h1>Bad gateway</h1>"_ba << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestCopperMapping::errorBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(Copper::parseErrorBody(body), message);
}

void TestCopperMapping::relateAnswer_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("changed");
    QTest::addColumn<QString>("problem");

    QTest::newRow("added") << R"({"added":true,"resource":{"id":2827700,"type":"opportunity"}})"_ba
                           << u"added"_s << true << QString();
    QTest::newRow("not removed") << R"({"removed":false})"_ba << u"removed"_s << false << QString();
    QTest::newRow("silent") << "{}"_ba << u"added"_s << true << QString();
    QTest::newRow("wrong type") << R"({"added":"yes"})"_ba << u"added"_s << false
                                << u"\"added\" is a string"_s;
    QTest::newRow("array") << "[]"_ba << u"added"_s << false << u"got an array"_s;
    QTest::newRow("malformed") << "{"_ba << u"added"_s << false << u"not JSON"_s;
}

void TestCopperMapping::relateAnswer()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(bool, changed);
    QFETCH(QString, problem);

    const auto answer = Copper::parseRelateAnswer(json, field);
    QVERIFY2(problem.isEmpty() ? answer.ok() : answer.problem.contains(problem),
             qPrintable(answer.problem));
    if (answer.ok())
        QCOMPARE(answer.value, changed);
}

void TestCopperMapping::requestBodies()
{
    // The relate body is exactly the seed's example
    QCOMPARE(Copper::relatedResourceBody(2827700, u"opportunity"_s),
             R"({"resource":{"id":2827700,"type":"opportunity"}})"_ba);

    const QJsonObject all = QJsonDocument::fromJson(Copper::searchBody(3, 200)).object();
    QCOMPARE(all.value("page_number"_L1).toInt(), 3);
    QCOMPARE(all.value("page_size"_L1).toInt(), 200);
    QCOMPARE(all.value("sort_by"_L1).toString(), u"date_created"_s);
    QCOMPARE(all.value("sort_direction"_L1).toString(), u"asc"_s);
    QVERIFY(!all.contains("ids"_L1));

    const QJsonObject some
        = QJsonDocument::fromJson(Copper::searchBody(1, 200, {4, 9007199254740992})).object();
    const QJsonArray ids = some.value("ids"_L1).toArray();
    QCOMPARE(ids.size(), 2);
    QCOMPARE(ids.at(0).toInteger(), 4);
    QCOMPARE(ids.at(1).toInteger(), qint64(1) << 53);
}

void TestCopperMapping::connectEntityTypes()
{
    QCOMPARE(Copper::connectEntityType(u"person"), u"people"_s);
    QCOMPARE(Copper::connectEntityType(u"company"), u"company"_s);
    QCOMPARE(Copper::connectEntityType(u"task"), QString()); // Connect Fields skip tasks
    QCOMPARE(Copper::recordTypeOfEntity(u"people"), u"person"_s);
    QCOMPARE(Copper::recordTypeOfEntity(u"organization"), u"company"_s); // the seed's name
    QCOMPARE(Copper::recordTypeOfEntity(u"user"), u"user"_s);
    QCOMPARE(Copper::recordTypeOfEntity(u"persons"), QString());
}

void TestCopperMapping::connectDefinitions_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("ids"); // empty with `bad`: a problem
    QTest::addColumn<bool>("bad");
    QTest::newRow("connect among others")
        << R"([{"id":1,"name":"Colour","data_type":"String","available_on":["person"]},
              {"id":169,"name":"Referred by","data_type":"Connect","available_on":["person"],
               "connected_entity_type":"person"},
              {"id":170,"name":"Reseller","data_type":"Connect","available_on":["opportunity"],
               "connected_entity_type":"company"}])"_ba
        << QStringList{u"169"_s, u"170"_s} << false;
    QTest::newRow("none") << "[]"_ba << QStringList() << false;
    QTest::newRow("not JSON") << "[{"_ba << QStringList() << true;
    QTest::newRow("an object") << R"({"id":1})"_ba << QStringList() << true;
    QTest::newRow("connect without target")
        << R"([{"id":9,"name":"X","data_type":"Connect","available_on":["lead"]}])"_ba
        << QStringList() << true;
    QTest::newRow("connect with a string id")
        << R"([{"id":"9","name":"X","data_type":"Connect","available_on":["lead"],
               "connected_entity_type":"lead"}])"_ba
        << QStringList() << true;
}

void TestCopperMapping::connectDefinitions()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, ids);
    QFETCH(bool, bad);
    const auto parsed = Copper::parseConnectDefinitions(json);
    QCOMPARE(parsed.ok(), !bad);
    QStringList got;
    for (const LinkType &type : parsed.value) {
        got << type.id;
        QCOMPARE(type.direction, LinkDirection::Undirected);
        QVERIFY(!type.name.isEmpty() && type.forwardLabel == type.name);
    }
    QCOMPARE(got, ids);
    if (!ids.isEmpty()) {
        QCOMPARE(parsed.value.last().sourceTypes, QStringList{u"opportunity"_s});
        QCOMPARE(parsed.value.last().targetTypes, QStringList{u"company"_s});
    }
}

void TestCopperMapping::connectLinks_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // "source>target type id | titles", or "bad"
    QTest::newRow("list") << R"([{"id":2103,"custom_field_definition_id":169,
        "source":{"id":1001,"entity_type":"lead","name":"Ann"},
        "target":{"id":7,"entity_type":"organization","name":"Acme"}}])"_ba
                          << u"lead:1001>company:7 169 2103 | Ann, Acme"_s;
    QTest::newRow("one (POST answer)") << R"({"id":5,"custom_field_definition_id":3,
        "source":{"id":1,"entity_type":"people"},"target":{"id":2,"entity_type":"user"}})"_ba
                                       << u"person:1>user:2 3 5 | "_s;
    QTest::newRow("empty") << "[]"_ba << QString();
    QTest::newRow("unknown entity") << R"([{"id":5,"custom_field_definition_id":3,
        "source":{"id":1,"entity_type":"task"},"target":{"id":2,"entity_type":"lead"}}])"_ba
                                    << u"bad"_s;
    QTest::newRow("no definition") << R"([{"id":5,
        "source":{"id":1,"entity_type":"lead"},"target":{"id":2,"entity_type":"lead"}}])"_ba
                                   << u"bad"_s;
    QTest::newRow("truncated") << R"([{"id":5,"custom_field_)"_ba << u"bad"_s;
}

void TestCopperMapping::connectLinks()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto parsed = Copper::parseConnectLinks(json, u"acct"_s);
    if (expected == "bad"_L1) {
        QVERIFY(!parsed.ok());
        return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    QStringList got;
    for (const Link &link : parsed.value.links) {
        QCOMPARE(link.source.account, u"acct"_s);
        got << u"%1:%2>%3:%4 %5 %6"_s.arg(link.source.type, link.source.id, link.target.type,
                                          link.target.id, link.type, link.vendorLinkId);
    }
    QStringList titles;
    for (const Record &record : parsed.value.records)
        titles << record.title;
    QCOMPARE(got.isEmpty() ? QString() : got.join(u';') + u" | "_s + titles.join(u", "_s),
             expected);
}

void TestCopperMapping::oneRecord()
{
    const auto parsed
        = Copper::parseRecord(R"({"id":12,"name":" Acme  Inc "})"_ba, u"a"_s, u"company"_s);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value.key, (RecordKey{Vendor::Copper, u"a"_s, u"company"_s, u"12"_s}));
    QCOMPARE(parsed.value.title, u"Acme Inc"_s);
    QVERIFY(!Copper::parseRecord("[]"_ba, u"a"_s, u"company"_s).ok());
    QVERIFY(!Copper::parseRecord(R"({"name":"no id"})"_ba, u"a"_s, u"company"_s).ok());
    QVERIFY(!Copper::parseRecord(R"({"id":1})"_ba, u"a"_s, u"planet"_s).ok());
}

QTEST_GUILESS_MAIN(TestCopperMapping)
#include "tst_coppermapping.moc"
