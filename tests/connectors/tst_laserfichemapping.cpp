#include "connectors/laserfiche/laserfichemapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Laserfiche;

Q_DECLARE_METATYPE(Laserfiche::LinkSpec)

namespace {

/// A collection page around `items` (a JSON array's text), with `extra` members.
QByteArray page(const QByteArray &items, const QByteArray &extra = {})
{
    return R"({"@odata.context":"https://api.laserfiche.com/repository/v2/$metadata#x","value":)"_ba
        + items + (extra.isEmpty() ? QByteArray() : ","_ba + extra) + "}"_ba;
}

/// Seed 004's answer (built here: its sample has trailing commas, which JSON does not allow).
const QByteArray SeedLinks
    = QJsonDocument(
          QJsonObject{
              {"@odata.context"_L1,
               "https://api.laserfiche.com/repository/v2/$metadata#Collection(Laserfiche.Repository.Link)"_L1},
              {"value"_L1,
               QJsonArray{QJsonObject{
                   {"id"_L1, 5},
                   {"sourceId"_L1, 10},
                   {"sourceFullPath"_L1, "\\Email"_L1},
                   {"sourceLabel"_L1, "Email"_L1},
                   {"targetId"_L1, 15},
                   {"targetFullPath"_L1, "\\EmailAttachment"_L1},
                   {"targetLabel"_L1, "Attachment"_L1},
                   {"linkDefinitionId"_L1, 1},
                   {"linkDefinitionDescription"_L1, "Email Attachment"_L1},
                   {"sourceLink"_L1,
                    "https://api.laserfiche.com/repository/v2/Repositories/r-abc123/Entries/10"_L1},
                   {"targetLink"_L1,
                    "https://api.laserfiche.com/repository/v2/Repositories/r-abc123/Entries/15"_L1},
                   {"customProperties"_L1,
                    QJsonObject{{"custom_property_1"_L1, "value of custom property 1"_L1},
                                {"custom_property_2"_L1, "value of custom property 2"_L1},
                                {"custom_property_3"_L1, "value of custom property 3"_L1}}},
               }}},
          })
          .toJson();

QString linkTypeText(const LinkType &t)
{
    return u"%1|%2|%3|%4|%5"_s.arg(t.id, t.name, t.forwardLabel, t.backwardLabel)
        .arg(t.direction == LinkDirection::Directed ? u"directed"_s : u"undirected"_s);
}

} // namespace

class TestLaserficheMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseId_data();
    void parseId();
    void repositoryIds_data();
    void repositoryIds();
    void namesFromPaths();
    void nextLink_data();
    void nextLink();
    void repositories();
    void linkDefinitions_data();
    void linkDefinitions();
    void children_data();
    void children();
    void childrenFields();
    void entry_data();
    void entry();
    void seedLinks();
    void links_data();
    void links();
    void specs();
    void specsRefuseForeignOrConflictingLinks();
    void setLinksBodyKeepsEverything();
    void difference_data();
    void difference();
    void errorBody_data();
    void errorBody();
};

void TestLaserficheMapping::parseId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // 0 = refused

    QTest::newRow("one") << u"1"_s << 1;
    QTest::newRow("seed entry") << u"15"_s << 15;
    QTest::newRow("int32 max") << u"2147483647"_s << 2147483647;
    QTest::newRow("int32 max + 1") << u"2147483648"_s << 0;
    QTest::newRow("11 digits") << u"10000000000"_s << 0;
    QTest::newRow("zero") << u"0"_s << 0;
    QTest::newRow("leading zero") << u"012"_s << 0;
    QTest::newRow("negative") << u"-5"_s << 0;
    QTest::newRow("plus") << u"+5"_s << 0;
    QTest::newRow("space") << u" 5"_s << 0;
    QTest::newRow("path traversal") << u"../5"_s << 0;
    QTest::newRow("full-width digit") << u"\uFF15"_s << 0;
    QTest::newRow("empty") << QString() << 0;
}

void TestLaserficheMapping::parseId()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    QCOMPARE(Laserfiche::parseId(text).value_or(0), expected);
}

void TestLaserficheMapping::repositoryIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::newRow("seed") << u"r-abc123"_s << true;
    QTest::newRow("sandbox") << u"r-4e6f7274"_s << true;
    QTest::newRow("dots and tilde") << u"repo.v2~x_y"_s << true;
    QTest::newRow("slash") << u"r/../x"_s << false;
    QTest::newRow("dot dot") << u".."_s << false;
    QTest::newRow("query") << u"r?x=1"_s << false;
    QTest::newRow("percent") << u"r%2F"_s << false;
    QTest::newRow("space") << u"r 1"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("too long") << QString(129, u'r') << false;
}

void TestLaserficheMapping::repositoryIds()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(isValidRepositoryId(id), valid);
}

void TestLaserficheMapping::namesFromPaths()
{
    QCOMPARE(nameFromPath(u"\\Customers\\Lumen Labs"), u"Lumen Labs"_s);
    QCOMPARE(nameFromPath(u"\\Email"), u"Email"_s);
    QCOMPARE(nameFromPath(u"\\"), QString());
    QCOMPARE(nameFromPath(u""), QString());
    QCOMPARE(nameFromPath(u"\\a\\b\\"), u"b"_s);
}

void TestLaserficheMapping::nextLink_data()
{
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<QString>("next"); // "!" = a problem

    QTest::newRow("absent") << QByteArray() << QString();
    QTest::newRow("null") << R"("@odata.nextLink":null)"_ba << QString();
    QTest::newRow("empty") << R"("@odata.nextLink":"")"_ba << QString();
    QTest::newRow("absolute")
        << R"("@odata.nextLink":"https://api.laserfiche.com/repository/v2/Repositories/r/LinkDefinitions?$skiptoken=100")"_ba
        << u"https://api.laserfiche.com/repository/v2/Repositories/r/LinkDefinitions?$skiptoken=100"_s;
    // Followed or not is send()'s decision (same origin only), not the parser's.
    QTest::newRow("another host") << R"("@odata.nextLink":"https://evil.example/steal?x=1")"_ba
                                  << u"https://evil.example/steal?x=1"_s;
    QTest::newRow("relative") << R"("@odata.nextLink":"/v2/Repositories?$skiptoken=1")"_ba
                              << u"!"_s;
    QTest::newRow("ftp") << R"("@odata.nextLink":"ftp://api.laserfiche.com/x")"_ba << u"!"_s;
    QTest::newRow("number") << R"("@odata.nextLink":2)"_ba << u"!"_s;
    QTest::newRow("object") << R"("@odata.nextLink":{"href":"https://x"})"_ba << u"!"_s;
    QTest::newRow("garbage") << R"("@odata.nextLink":"http://[::1")"_ba << u"!"_s;
}

void TestLaserficheMapping::nextLink()
{
    QFETCH(QByteArray, extra);
    QFETCH(QString, next);
    const QByteArray json = page(R"([{"id":1,"sourceLabel":"a","targetLabel":"b"}])", extra);
    const auto types = parseLinkDefinitions(json);
    const auto links = parseLinks(page("[]", extra));
    const auto entries = parseChildren(page("[]", extra), u"acc"_s);
    const auto repositories = parseRepositories(page("[]", extra));
    if (next == "!"_L1) {
        QVERIFY(!types.ok());
        QVERIFY2(types.problem.contains(u"@odata.nextLink"_s), qPrintable(types.problem));
        QVERIFY(!links.ok());
        QVERIFY(!entries.ok());
        QVERIFY(!repositories.ok());
        return;
    }
    QVERIFY2(types.ok(), qPrintable(types.problem));
    QCOMPARE(types.value.nextLink.toString(), next);
    QCOMPARE(types.value.linkTypes.size(), 1);
    QCOMPARE(links.value.nextLink.toString(), next);
    QCOMPARE(entries.value.nextLink.toString(), next);
    QCOMPARE(repositories.value.nextLink.toString(), next);
}

void TestLaserficheMapping::repositories()
{
    const auto two = parseRepositories(
        page(R"([{"id":"r-1","name":" Northwind ","webClientUrl":"x"},{"id":"r-2"}])"));
    QVERIFY2(two.ok(), qPrintable(two.problem));
    QCOMPARE(two.value.repositories.size(), 2);
    QCOMPARE(two.value.repositories.at(0).id, u"r-1"_s);
    QCOMPARE(two.value.repositories.at(0).name, u"Northwind"_s);
    QCOMPARE(two.value.repositories.at(1).name, u"r-2"_s); // no name: the id
    QVERIFY(!parseRepositories(page(R"([{"id":"../x"}])")).ok());
    QVERIFY(!parseRepositories(page(R"([{"id":7}])")).ok());
    QVERIFY(!parseRepositories(page(R"([1])")).ok());
    QVERIFY(!parseRepositories(R"([{"id":"r-1"}])").ok()); // not a page
}

void TestLaserficheMapping::linkDefinitions_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected"); // linkTypeText() each; empty = a problem
    QTest::addColumn<QString>("problem");

    QTest::newRow("seed's default type")
        << page(
               R"([{"id":1,"sourceLabel":"Message","targetLabel":"Attachment","description":"Email Attachment"}])")
        << QStringList{u"1|Email Attachment|Attachment|Message|directed"_s} << QString();
    QTest::newRow("no description")
        << page(R"([{"id":4,"sourceLabel":"Amends","targetLabel":"Amended By"}])")
        << QStringList{u"4|Amends / Amended By|Amended By|Amends|directed"_s} << QString();
    QTest::newRow("nothing but an id")
        << page(R"([{"id":9,"sourceLabel":null,"targetLabel":7}])")
        << QStringList{u"9|Link type 9|Link type 9|Link type 9|directed"_s} << QString();
    QTest::newRow("two") << page(R"([{"id":1,"description":"a"},{"id":2,"description":"b"}])")
                         << QStringList{u"1|a|a|a|directed"_s, u"2|b|b|b|directed"_s} << QString();
    QTest::newRow("empty") << page("[]") << QStringList{} << QString();
    QTest::newRow("id as string") << page(R"([{"id":"1","description":"a"}])") << QStringList{}
                                  << u"Item 0 has no positive integer \"id\" (it is a string)."_s;
    QTest::newRow("id zero") << page(R"([{"id":0}])") << QStringList{}
                             << u"Item 0 has no positive integer \"id\" (it is a number)."_s;
    QTest::newRow("id fraction") << page(R"([{"id":1.5}])") << QStringList{} << u"Item 0"_s;
    QTest::newRow("id huge") << page(R"([{"id":1e300}])") << QStringList{} << u"Item 0"_s;
    QTest::newRow("item not object") << page(R"([{"id":1},[2]])") << QStringList{}
                                     << u"Item 1 is an array, not a link definition."_s;
    QTest::newRow("value missing") << R"({"@odata.context":"x"})"_ba << QStringList{}
                                   << u"no \"value\" array (it is missing)"_s;
    QTest::newRow("value object") << R"({"value":{}})"_ba << QStringList{}
                                  << u"(it is an object)"_s;
    QTest::newRow("array") << R"([{"id":1}])"_ba << QStringList{} << u"got an array"_s;
    QTest::newRow("not JSON") << "<html>Bad gateway</html>"_ba << QStringList{} << u"not JSON"_s;
    QTest::newRow("truncated") << page(R"([{"id":1,"descr)").left(40) << QStringList{}
                               << u"not JSON"_s;
    QTest::newRow("empty body") << QByteArray() << QStringList{} << u"not JSON"_s;
}

void TestLaserficheMapping::linkDefinitions()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    QFETCH(QString, problem);
    const auto parsed = parseLinkDefinitions(json);
    if (!problem.isEmpty()) {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.problem.contains(problem), qPrintable(parsed.problem));
        return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    QStringList actual;
    for (const LinkType &t : parsed.value.linkTypes) {
        actual << linkTypeText(t);
        QCOMPARE(t.sourceTypes, QStringList{u"entry"_s});
        QCOMPARE(t.labelFrom(true), t.forwardLabel);
    }
    QCOMPARE(actual, expected);
}

void TestLaserficheMapping::children_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("records"); // "id:title:entryType" each
    QTest::addColumn<QList<qint32>>("folders");
    QTest::addColumn<QString>("problem");

    QTest::newRow("mixed") << page(R"([
            {"id":3,"name":"Northwind Analytics","fullPath":"\\Northwind Analytics","entryType":"Folder","isContainer":true},
            {"id":7,"name":"Terms","fullPath":"\\Terms","entryType":"Document","isContainer":false},
            {"id":8,"name":"Link to terms","entryType":"Shortcut","isContainer":false},
            {"id":9,"name":"Series","entryType":"RecordSeries"}
           ])")
                           << QStringList{u"3:Northwind Analytics:Folder"_s, u"7:Terms:Document"_s,
                                          u"8:Link to terms:Shortcut"_s, u"9:Series:RecordSeries"_s}
                           << QList<qint32>{3, 9} << QString();
    QTest::newRow("no name: from the path")
        << page(R"([{"id":12,"fullPath":"\\A\\B c","entryType":"Document"}])")
        << QStringList{u"12:B c:Document"_s} << QList<qint32>{} << QString();
    QTest::newRow("nothing: placeholder")
        << page(R"([{"id":12,"name":"  ","entryType":7}])")
        << QStringList{u"12:(unnamed entry 12):"_s} << QList<qint32>{} << QString();
    QTest::newRow("wrong types left out") << page(
        R"([{"id":5,"name":"x","templateName":3,"creationTime":"yesterday","fullPath":[]}])")
                                          << QStringList{u"5:x:"_s} << QList<qint32>{} << QString();
    QTest::newRow("no id") << page(R"([{"id":1,"name":"a"},{"name":"b"}])") << QStringList{}
                           << QList<qint32>{}
                           << u"Item 1 has no positive integer \"id\" (it is missing)."_s;
    QTest::newRow("negative id") << page(R"([{"id":-3}])") << QStringList{} << QList<qint32>{}
                                 << u"Item 0"_s;
    QTest::newRow("string item") << page(R"(["a"])") << QStringList{} << QList<qint32>{}
                                 << u"Item 0 is a string, not an entry."_s;
}

void TestLaserficheMapping::children()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, records);
    QFETCH(QList<qint32>, folders);
    QFETCH(QString, problem);
    const auto parsed = parseChildren(json, u"lf"_s);
    if (!problem.isEmpty()) {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.problem.contains(problem), qPrintable(parsed.problem));
        return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    QStringList actual;
    for (const Record &r : parsed.value.records) {
        QCOMPARE(r.key.vendor, Vendor::Laserfiche);
        QCOMPARE(r.key.account, u"lf"_s);
        QCOMPARE(r.key.type, u"entry"_s);
        actual << u"%1:%2:%3"_s.arg(r.key.id, r.title, r.fields.value(typeField()).toString());
    }
    QCOMPARE(actual, records);
    QCOMPARE(parsed.value.folders, folders);
}

void TestLaserficheMapping::childrenFields()
{
    const auto parsed = parseChildren(
        page(R"([{"id":7,"name":"Terms","fullPath":"\\Legal\\Terms","entryType":"Document",
                  "templateName":"Contract","creator":"Dana","creationTime":"2023-02-01T10:00:00.1234567Z",
                  "lastModifiedTime":"2024-05-06T23:30:00-02:00"}])"),
        u"lf"_s);
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    const QVariantMap fields = parsed.value.records.first().fields;
    QCOMPARE(fields.value(pathField()).toString(), u"\\Legal\\Terms"_s);
    QCOMPARE(fields.value(templateField()).toString(), u"Contract"_s);
    QCOMPARE(fields.value(creatorField()).toString(), u"Dana"_s);
    QCOMPARE(fields.value(createdField()).toString(), u"2023-02-01"_s);
    QCOMPARE(fields.value(modifiedField()).toString(), u"2024-05-07"_s); // in UTC
}

void TestLaserficheMapping::entry_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("title"); // empty: a problem

    QTest::newRow("document")
        << R"({"@odata.type":"#Laserfiche.Repository.Document","id":5,"name":"Terms","entryType":"Document","pageCount":3})"_ba
        << u"Terms"_s;
    QTest::newRow("root") << R"({"id":1,"name":"","fullPath":"\\","entryType":"Folder"})"_ba
                          << u"(unnamed entry 1)"_s;
    QTest::newRow("array") << R"([{"id":5}])"_ba << QString();
    QTest::newRow("no id") << R"({"name":"x"})"_ba << QString();
    QTest::newRow("not JSON") << "nope"_ba << QString();
}

void TestLaserficheMapping::entry()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, title);
    const auto parsed = parseEntry(json, u"lf"_s);
    QCOMPARE(parsed.ok(), !title.isEmpty());
    if (parsed.ok())
        QCOMPARE(parsed.value.title, title);
}

void TestLaserficheMapping::seedLinks()
{
    const auto parsed = parseLinks(SeedLinks);
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    QVERIFY(parsed.value.nextLink.isEmpty());
    QCOMPARE(parsed.value.links.size(), 1);
    const EntryLink &l = parsed.value.links.first();
    QCOMPARE(l.id, 5);
    QCOMPARE(l.definitionId, 1);
    QCOMPARE(l.sourceId, 10);
    QCOMPARE(l.targetId, 15);
    QCOMPARE(l.customProperties.size(), 3);
    QCOMPARE(l.customProperties.value(u"custom_property_2"_s), u"value of custom property 2"_s);

    const Link link = toLink(l, u"lf"_s);
    QCOMPARE(link.source, entryKey(10, u"lf"_s));
    QCOMPARE(link.target, entryKey(15, u"lf"_s));
    QCOMPARE(link.type, u"1"_s);
    QCOMPARE(link.vendorLinkId, u"5"_s);
    QCOMPARE(link.direction, LinkDirection::Directed);

    const QList<Record> ends = endRecords(parsed.value.links, u"lf"_s, 10);
    QCOMPARE(ends.size(), 1);
    QCOMPARE(ends.first().key.id, u"15"_s);
    QCOMPARE(ends.first().title, u"EmailAttachment"_s);
    QCOMPARE(endRecords(parsed.value.links, u"lf"_s).size(), 2);

    // As PUT takes it back from the e-mail's side (seed's request), properties included.
    const auto spec = toSpec(l, 10);
    QVERIFY(spec);
    QCOMPARE(*spec, (LinkSpec{1, 15, true, l.customProperties}));
    QCOMPARE(*toSpec(l, 15), (LinkSpec{1, 10, false, l.customProperties}));
    QVERIFY(!toSpec(l, 11));
}

void TestLaserficheMapping::links_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count"); // -1: a problem
    QTest::addColumn<QString>("problem");

    const QByteArray ok = R"({"id":1,"linkDefinitionId":2,"sourceId":3,"targetId":4)"_ba;
    QTest::newRow("no properties") << page('[' + ok + "}]") << 1 << QString();
    QTest::newRow("null properties")
        << page('[' + ok + R"(,"customProperties":null}])") << 1 << QString();
    QTest::newRow("empty properties")
        << page('[' + ok + R"(,"customProperties":{}}])") << 1 << QString();
    QTest::newRow("number property")
        << page('[' + ok + R"(,"customProperties":{"a":1}}])") << -1
        << u"Link 1 has a custom property that is not a named string"_s;
    QTest::newRow("blank key") << page('[' + ok + R"(,"customProperties":{" ":"x"}}])") << -1
                               << u"not a named string"_s;
    QTest::newRow("properties array") << page('[' + ok + R"(,"customProperties":["a"]}])") << -1
                                      << u"customProperties that are an array"_s;
    QTest::newRow("no sourceId") << page(R"([{"id":1,"linkDefinitionId":2,"targetId":4}])") << -1
                                 << u"Item 0 has no positive integer \"sourceId\""_s;
    QTest::newRow("string definition")
        << page(R"([{"id":1,"linkDefinitionId":"2","sourceId":3,"targetId":4}])") << -1
        << u"\"linkDefinitionId\" (it is a string)"_s;
    QTest::newRow("no id") << page(R"([{"linkDefinitionId":2,"sourceId":3,"targetId":4}])") << -1
                           << u"\"id\""_s;
    QTest::newRow("null item") << page(R"([null])") << -1 << u"Item 0 is null"_s;
    QTest::newRow("truncated") << SeedLinks.left(SeedLinks.size() / 2) << -1 << u"not JSON"_s;
}

void TestLaserficheMapping::links()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(QString, problem);
    const auto parsed = parseLinks(json);
    if (count < 0) {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.problem.contains(problem), qPrintable(parsed.problem));
        return;
    }
    QVERIFY2(parsed.ok(), qPrintable(parsed.problem));
    QCOMPARE(parsed.value.links.size(), count);
}

void TestLaserficheMapping::specs()
{
    const QMap<QString, QString> p{{u"k"_s, u"v"_s}};
    const QList<EntryLink> links{
        {1, 7, 10, 20, u"\\a"_s, u"\\b"_s, p},
        {2, 7, 30, 10, u"\\c"_s, u"\\a"_s, {}},
        {1, 7, 10, 20, u"\\a"_s, u"\\b"_s, p}, // repeated on the next page
    };
    const auto specs = toSpecs(links, 10);
    QVERIFY2(specs.ok(), qPrintable(specs.problem));
    QCOMPARE(specs.value, (QList<LinkSpec>{{7, 20, true, p}, {7, 30, false, {}}}));
    QVERIFY(sameLink({7, 20, true, p}, {7, 20, true, {}}));
    QVERIFY(!sameLink({7, 20, true, {}}, {7, 20, false, {}}));
    QVERIFY(!sameLink({7, 20, true, {}}, {8, 20, true, {}}));
}

void TestLaserficheMapping::specsRefuseForeignOrConflictingLinks()
{
    const auto foreign = toSpecs({{1, 7, 10, 20, {}, {}, {}}, {2, 7, 30, 40, {}, {}, {}}}, 10);
    QVERIFY(!foreign.ok());
    QVERIFY2(foreign.problem.contains(u"Link 2 (entry 30 to entry 40)"_s),
             qPrintable(foreign.problem));
    const auto conflicting = toSpecs(
        {{1, 7, 10, 20, {}, {}, {{u"a"_s, u"1"_s}}}, {1, 7, 10, 20, {}, {}, {{u"a"_s, u"2"_s}}}},
        10);
    QVERIFY(!conflicting.ok());
    QVERIFY2(conflicting.problem.contains(u"listed twice"_s), qPrintable(conflicting.problem));
}

void TestLaserficheMapping::setLinksBodyKeepsEverything()
{
    const QList<LinkSpec> specs{
        {1, 15, true, {{u"custom_property_1"_s, u"value 1"_s}, {u"x"_s, u"\"quoted\" ü"_s}}},
        {3, 2, false, {}},
    };
    const QJsonObject body = QJsonDocument::fromJson(setLinksBody(specs)).object();
    const QJsonArray links = body.value("links"_L1).toArray();
    QCOMPARE(body.size(), 1);
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(0).toObject(),
             (QJsonObject{{"linkDefinitionId"_L1, 1},
                          {"otherEntryId"_L1, 15},
                          {"isSource"_L1, true},
                          {"customProperties"_L1,
                           QJsonObject{{"custom_property_1"_L1, "value 1"_L1},
                                       {"x"_L1, u"\"quoted\" ü"_s}}}}));
    QCOMPARE(links.at(1).toObject(),
             (QJsonObject{{"linkDefinitionId"_L1, 3},
                          {"otherEntryId"_L1, 2},
                          {"isSource"_L1, false},
                          {"customProperties"_L1, QJsonObject{}}}));
    QCOMPARE(QJsonDocument::fromJson(setLinksBody({})).object(),
             (QJsonObject{{"links"_L1, QJsonArray{}}}));
}

void TestLaserficheMapping::difference_data()
{
    QTest::addColumn<QList<LinkSpec>>("intended");
    QTest::addColumn<QList<LinkSpec>>("actual");
    QTest::addColumn<QString>("difference"); // empty: the same

    const QMap<QString, QString> p{{u"k"_s, u"v"_s}};
    const LinkSpec a{1, 20, true, p}, b{2, 30, false, {}}, c{1, 40, true, {}};
    QTest::newRow("same") << QList{a, b} << QList{b, a} << QString();
    QTest::newRow("both empty") << QList<LinkSpec>{} << QList<LinkSpec>{} << QString();
    QTest::newRow("missing") << QList{a, b} << QList{a}
                             << u"the link of definition 2 from entry 30 is missing"_s;
    QTest::newRow("extra") << QList{a} << QList{a, c}
                           << u"there is an unexpected link of definition 1 to entry 40"_s;
    QTest::newRow("properties lost")
        << QList{a} << QList{LinkSpec{1, 20, true, {}}}
        << u"the link of definition 1 to entry 20 has other custom properties"_s;
    QTest::newRow("direction") << QList{a} << QList{LinkSpec{1, 20, false, p}}
                               << u"missing; there is an unexpected link"_s;
}

void TestLaserficheMapping::difference()
{
    QFETCH(QList<LinkSpec>, intended);
    QFETCH(QList<LinkSpec>, actual);
    QFETCH(QString, difference);
    const QString found = linkSetDifference(intended, actual);
    if (difference.isEmpty())
        QCOMPARE(found, QString());
    else
        QVERIFY2(found.contains(difference), qPrintable(found));
}

void TestLaserficheMapping::errorBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::newRow("problem details")
        << R"({"type":"https://tools.ietf.org/html/rfc4918#section-11.3","title":"Entry is locked.","status":423,"detail":"Entry 12 is locked.","traceId":"00-1"})"_ba
        << u"Entry 12 is locked."_s;
    QTest::newRow("validation")
        << R"({"title":"One or more validation errors occurred.","status":400,"errors":{"$.links[0]":["An entry cannot be linked to itself."]}})"_ba
        << u"An entry cannot be linked to itself."_s;
    QTest::newRow("title only") << R"({"title":"Rate limit is reached.","status":429})"_ba
                                << u"Rate limit is reached."_s;
    QTest::newRow("blank detail") << R"({"title":"Forbidden","detail":"  "})"_ba << u"Forbidden"_s;
    QTest::newRow("detail not a string") << R"({"title":"T","detail":5})"_ba << u"T"_s;
    QTest::newRow("sandbox 404") << R"({"error":"not_found","message":"x"})"_ba << QString();
    QTest::newRow("html") << "<h1>502</h1>"_ba << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestLaserficheMapping::errorBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(parseErrorBody(body), message);
}

QTEST_GUILESS_MAIN(TestLaserficheMapping)
#include "tst_laserfichemapping.moc"
