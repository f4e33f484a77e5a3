#include "connectors/devrev/devrevmapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString Account = u"work"_s;

QString issueId(int n)
{
    return u"don:core:dvrv-us-1:devo/1:issue/%1"_s.arg(n);
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject summary(const QString &type, const QString &id, const QString &displayId,
                    const QString &titleKey = {}, const QString &title = {})
{
    QJsonObject o{{"type"_L1, type}, {"id"_L1, id}, {"display_id"_L1, displayId}};
    if (!titleKey.isEmpty())
        o.insert(titleKey, title);
    return o;
}

QJsonObject link(int n, const QString &linkType, const QJsonObject &source,
                 const QJsonObject &target)
{
    return {{"id"_L1, u"don:core:dvrv-us-1:devo/1:link/%1"_s.arg(n)},
            {"link_type"_L1, linkType},
            {"source"_L1, source},
            {"target"_L1, target}};
}

const QJsonObject Issue1 = summary(u"issue"_s, issueId(1), u"ISS-1"_s, u"title"_s, u"Crash"_s);
const QJsonObject Issue2 = summary(u"issue"_s, issueId(2), u"ISS-2"_s, u"title"_s, u"Slow"_s);
const QJsonObject Ticket1 = summary(u"ticket"_s, u"don:core:dvrv-us-1:devo/1:ticket/1"_s,
                                    u"TKT-1"_s, u"title"_s, u"Customer sees crash"_s);
const QString CustomTypeId = u"don:core:dvrv-us-1:devo/1:custom_link_type/3"_s;

} // namespace

class TestDevRevMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ids_data();
    void ids();
    void recordTypes();
    void recordPage_data();
    void recordPage();
    void recordFields();
    void work_data();
    void work();
    void linkPage_data();
    void linkPage();
    void linkPageRecordsAndCursor();
    void linkAnswer_data();
    void linkAnswer();
    void stockLinkTypes();
    void customLinkTypes_data();
    void customLinkTypes();
    void createLinkBody();
    void errorBody_data();
    void errorBody();
    void alreadyLinked_data();
    void alreadyLinked();
    void refusalReason_data();
    void refusalReason();
};

void TestDevRevMapping::ids_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("don");
    QTest::addColumn<bool>("type");

    QTest::newRow("don id") << issueId(12) << true << false;
    QTest::newRow("identity don") << u"don:identity:dvrv-us-1:devo/1:revu/3"_s << true << false;
    QTest::newRow("display id") << u"ISS-12"_s << false << false;
    QTest::newRow("empty") << QString() << false << false;
    QTest::newRow("don only") << u"don:"_s << false << false;
    QTest::newRow("query chars") << u"don:core:x&limit=1"_s << false << false;
    QTest::newRow("space") << u"don:core: x"_s << false << false;
    QTest::newRow("too long") << u"don:"_s + QString(600, u'a') << false << false;
    QTest::newRow("type") << u"rev_user"_s << false << true;
    QTest::newRow("type upper") << u"Issue"_s << false << false;
    QTest::newRow("type digit first") << u"1issue"_s << false << false;
    QTest::newRow("type long") << QString(65, u'a') << false << false;
}

void TestDevRevMapping::ids()
{
    QFETCH(QString, text);
    QFETCH(bool, don);
    QFETCH(bool, type);
    QCOMPARE(DevRev::isDonId(text), don);
    QCOMPARE(DevRev::isCustomLinkType(text), don);
    QCOMPARE(DevRev::isTypeName(text), type);
}

void TestDevRevMapping::recordTypes()
{
    QCOMPARE(DevRev::recordTypes(),
             QStringList({u"issue"_s, u"ticket"_s, u"task"_s, u"opportunity"_s, u"product"_s,
                          u"capability"_s, u"feature"_s, u"enhancement"_s, u"account"_s,
                          u"rev_user"_s, u"dev_user"_s}));
    QCOMPARE(DevRev::listEndpoint(u"task")->endpoint, u"works.list"_s);
    QCOMPARE(DevRev::listEndpoint(u"task")->typeFilter, u"task"_s);
    QCOMPARE(DevRev::listEndpoint(u"feature")->endpoint, u"parts.list"_s);
    QCOMPARE(DevRev::listEndpoint(u"feature")->arrayKey, u"parts"_s);
    QCOMPARE(DevRev::listEndpoint(u"account")->endpoint, u"accounts.list"_s);
    QCOMPARE(DevRev::listEndpoint(u"account")->typeFilter, QString());
    QCOMPARE(DevRev::listEndpoint(u"rev_user")->arrayKey, u"rev_users"_s);
    QCOMPARE(DevRev::listEndpoint(u"dev_user")->endpoint, u"dev-users.list"_s);
    QVERIFY(!DevRev::listEndpoint(u"code_change"));
    QVERIFY(DevRev::isWork(u"opportunity"));
    QVERIFY(!DevRev::isWork(u"product"));
}

void TestDevRevMapping::recordPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("problem"); ///< a part of it; empty: no problem
    QTest::addColumn<QStringList>("titles");
    QTest::addColumn<QString>("nextCursor");

    const auto page = [](const char *key, const QJsonArray &items, const QJsonValue &cursor = {}) {
        QJsonObject o{{QLatin1StringView(key), items}};
        if (!cursor.isNull())
            o.insert("next_cursor"_L1, cursor);
        return json(o);
    };
    QTest::newRow("works") << page("works", {Issue1, Issue2}, u"abc"_s) << u"issue"_s << QString()
                           << QStringList{u"Crash"_s, u"Slow"_s} << u"abc"_s;
    QTest::newRow("last page") << page("works", {Issue1}) << u"issue"_s << QString()
                               << QStringList{u"Crash"_s} << QString();
    QTest::newRow("empty") << page("works", {}) << u"issue"_s << QString() << QStringList()
                           << QString();
    QTest::newRow("duplicate item") << page("works", {Issue1, Issue1}) << u"issue"_s << QString()
                                    << QStringList{u"Crash"_s} << QString();
    QTest::newRow("part name") << page(
        "parts",
        {summary(u"feature"_s, u"don:core:dvrv-us-1:devo/1:feature/4"_s, u"FEAT-4"_s, u"name"_s,
                 u"Charts"_s)}) << u"feature"_s
                               << QString() << QStringList{u"Charts"_s} << QString();
    QTest::newRow("account display_name")
        << page("accounts",
                {summary(u"account"_s, u"don:identity:dvrv-us-1:devo/1:account/1"_s, u"ACC-1"_s,
                         u"display_name"_s, u"Acme"_s)})
        << u"account"_s << QString() << QStringList{u"Acme"_s} << QString();
    QJsonObject user = summary(u"rev_user"_s, u"don:identity:dvrv-us-1:devo/1:revu/1"_s,
                               u"REVU-1"_s, u"display_name"_s, u"alex.park"_s);
    QTest::newRow("user display_name") << page("rev_users", {user}) << u"rev_user"_s << QString()
                                       << QStringList{u"alex.park"_s} << QString();
    user.insert("full_name"_L1, u"Alex Park"_s);
    QTest::newRow("user full_name") << page("rev_users", {user}) << u"rev_user"_s << QString()
                                    << QStringList{u"Alex Park"_s} << QString();
    QTest::newRow("no title: display id")
        << page("works", {summary(u"issue"_s, issueId(5), u"ISS-5"_s)}) << u"issue"_s << QString()
        << QStringList{u"ISS-5"_s} << QString();
    QTest::newRow("other type skipped")
        << page("works", {Issue1, summary(u"widget"_s, issueId(9), u"W-9"_s)}) << u"issue"_s
        << QString() << QStringList{u"Crash"_s} << QString();

    QTest::newRow("not json") << "works: none"_ba << u"issue"_s << u"not JSON"_s << QStringList()
                              << QString();
    QTest::newRow("truncated") << page("works", {Issue1}).chopped(7) << u"issue"_s << u"not JSON"_s
                               << QStringList() << QString();
    QTest::newRow("array") << "[]"_ba << u"issue"_s << u"Expected a JSON object"_s << QStringList()
                           << QString();
    QTest::newRow("wrong key") << page("parts", {Issue1}) << u"issue"_s << u"\"works\" is missing"_s
                               << QStringList() << QString();
    QTest::newRow("works object") << R"({"works":{"id":1}})"_ba << u"issue"_s
                                  << u"\"works\" is an object"_s << QStringList() << QString();
    QTest::newRow("item not object") << page("works", {Issue1, 7}) << u"issue"_s
                                     << u"Item 1 is a number"_s << QStringList() << QString();
    QJsonObject noId = Issue1;
    noId.remove("id"_L1);
    QTest::newRow("missing id") << page("works", {noId}) << u"issue"_s
                                << u"Item 0: \"id\" is missing"_s << QStringList() << QString();
    QJsonObject numberId = Issue1;
    numberId.insert("id"_L1, 12);
    QTest::newRow("number id") << page("works", {numberId}) << u"issue"_s << u"\"id\" is a number"_s
                               << QStringList() << QString();
    QJsonObject displayId = Issue1;
    displayId.insert("id"_L1, u"ISS-1"_s);
    QTest::newRow("display id as id") << page("works", {displayId}) << u"issue"_s
                                      << u"not a DON id"_s << QStringList() << QString();
    QJsonObject noType = Issue1;
    noType.remove("type"_L1);
    QTest::newRow("missing type") << page("works", {noType}) << u"issue"_s
                                  << u"\"type\" is missing"_s << QStringList() << QString();
    QJsonObject badType = Issue1;
    badType.insert("type"_L1, u"Issue; drop"_s);
    QTest::newRow("bad type") << page("works", {badType}) << u"issue"_s << u"not a DevRev type"_s
                              << QStringList() << QString();
    QTest::newRow("cursor number")
        << page("works", {Issue1}, 5) << u"issue"_s << u"\"next_cursor\" is a number"_s
        << QStringList() << QString();
    QTest::newRow("cursor huge") << page("works", {Issue1}, QString(5000, u'c')) << u"issue"_s
                                 << u"too long"_s << QStringList() << QString();
    QJsonArray huge;
    for (int i = 0; i < 5000; ++i)
        huge.append(Issue1);
    QTest::newRow("huge array") << page("works", huge) << u"issue"_s << u"holds 5000 items"_s
                                << QStringList() << QString();
    QTest::newRow("unknown record type")
        << page("works", {Issue1}) << u"code_change"_s << u"Unknown DevRev record type"_s
        << QStringList() << QString();
}

void TestDevRevMapping::recordPage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QString, problem);
    QFETCH(QStringList, titles);
    QFETCH(QString, nextCursor);

    const auto page = DevRev::parseRecordPage(body, Account, type);
    if (!problem.isEmpty()) {
        QVERIFY2(!page.ok(), "a broken page was accepted");
        QVERIFY2(page.problem.contains(problem), qPrintable(page.problem));
        QVERIFY(page.value.items.isEmpty());
        return;
    }
    QVERIFY2(page.ok(), qPrintable(page.problem));
    QStringList got;
    for (const Record &r : page.value.items) {
        QCOMPARE(r.key.vendor, Vendor::DevRev);
        QCOMPARE(r.key.account, Account);
        QCOMPARE(r.key.type, type);
        QVERIFY(DevRev::isDonId(r.key.id));
        got << r.title;
    }
    QCOMPARE(got, titles);
    QCOMPARE(page.value.nextCursor, nextCursor);
}

void TestDevRevMapping::recordFields()
{
    // Given an issue with the fields DevRev serves, and a ticket with an account and rev org
    QJsonObject issue = Issue1;
    issue.insert("title"_L1, QString(u"  A  very "_s + QString(3000, u'x')));
    issue.insert("stage"_L1, QJsonObject{{"name"_L1, u"triage"_s}});
    issue.insert("priority"_L1, u"p1"_s);
    issue.insert("owned_by"_L1,
                 QJsonArray{QJsonObject{{"type"_L1, u"dev_user"_s},
                                        {"id"_L1, u"don:identity:dvrv-us-1:devo/1:devu/1"_s},
                                        {"full_name"_L1, u"Ada Lovelace"_s}},
                            QJsonObject{{"display_name"_L1, u"grace.hopper"_s}}, 5});
    QJsonObject ticket = Ticket1;
    ticket.insert("severity"_L1, u"high"_s);
    ticket.insert("account"_L1, QJsonObject{{"display_name"_L1, u"Acme"_s}});
    ticket.insert("rev_org"_L1, QJsonObject{{"display_id"_L1, u"REV-4"_s}});
    ticket.insert("stage"_L1, u"not an object"_s);
    ticket.insert("priority"_L1, 3); // wrong type: left out

    const auto page = DevRev::parseRecordPage(json({{"works"_L1, QJsonArray{issue, ticket}}}),
                                              Account, u"issue"_s);
    QVERIFY2(page.ok(), qPrintable(page.problem));
    QCOMPARE(page.value.items.size(), 1); // the ticket is not an issue
    const Record &r = page.value.items.first();
    QVERIFY(r.title.startsWith(u"A very xxx"_s));
    QCOMPARE(r.title.size(), DevRev::MaxTitleLength + 1); // cut, with an ellipsis
    QCOMPARE(r.fields.value(u"Display ID"_s).toString(), u"ISS-1"_s);
    QCOMPARE(r.fields.value(u"Stage"_s).toString(), u"triage"_s);
    QCOMPARE(r.fields.value(u"Priority"_s).toString(), u"p1"_s);
    QCOMPARE(r.fields.value(u"Owners"_s).toString(), u"Ada Lovelace, grace.hopper"_s);

    const auto tickets
        = DevRev::parseRecordPage(json({{"works"_L1, QJsonArray{ticket}}}), Account, u"ticket"_s);
    QVERIFY2(tickets.ok(), qPrintable(tickets.problem));
    const Record &t = tickets.value.items.first();
    QCOMPARE(t.fields.value(u"Severity"_s).toString(), u"high"_s);
    QCOMPARE(t.fields.value(u"Account"_s).toString(), u"Acme"_s);
    QCOMPARE(t.fields.value(u"Customer"_s).toString(), u"REV-4"_s);
    QCOMPARE(t.fields.value(u"Stage"_s).toString(), u"not an object"_s);
    QVERIFY(!t.fields.contains(u"Priority"_s));
}

void TestDevRevMapping::work_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    QTest::newRow("work") << json({{"work"_L1, Ticket1}}) << QString();
    QTest::newRow("not json") << "<html>"_ba << u"not JSON"_s;
    QTest::newRow("no work") << json({{"works"_L1, QJsonArray{Ticket1}}})
                             << u"\"work\" is missing"_s;
    QTest::newRow("work string") << R"({"work":"TKT-1"})"_ba << u"\"work\" is a string"_s;
    QTest::newRow("work without id")
        << json({{"work"_L1, QJsonObject{{"type"_L1, u"ticket"_s}}}}) << u"\"id\" is missing"_s;
}

void TestDevRevMapping::work()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    const auto work = DevRev::parseWork(body, Account);
    if (!problem.isEmpty()) {
        QVERIFY2(work.problem.contains(problem), qPrintable(work.problem));
        return;
    }
    QVERIFY2(work.ok(), qPrintable(work.problem));
    QCOMPARE(work.value.key.type, u"ticket"_s);
    QCOMPARE(work.value.title, u"Customer sees crash"_s);
}

void TestDevRevMapping::linkPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QStringList>("types"); ///< Link::type of each link

    const auto page = [](const QJsonArray &links) { return json({{"links"_L1, links}}); };
    QTest::newRow("stock") << page({link(1, u"is_dependent_on"_s, Ticket1, Issue1)}) << QString()
                           << QStringList{u"is_dependent_on"_s};
    QJsonObject custom = link(2, u"custom_link"_s, Issue1, Issue2);
    custom.insert("custom_link_type"_L1, QJsonObject{{"id"_L1, CustomTypeId}});
    QTest::newRow("custom") << page({custom}) << QString() << QStringList{CustomTypeId};
    QTest::newRow("unknown link type kept") << page({link(3, u"is_blocked_by"_s, Issue1, Issue2)})
                                            << QString() << QStringList{u"is_blocked_by"_s};
    QTest::newRow("duplicate link once") << page(
        {link(1, u"is_parent_of"_s, Issue1, Issue2), link(1, u"is_parent_of"_s, Issue1, Issue2)})
                                         << QString() << QStringList{u"is_parent_of"_s};
    QTest::newRow("empty") << page({}) << QString() << QStringList();

    QTest::newRow("not json") << "{\"links\":["_ba << u"not JSON"_s << QStringList();
    QTest::newRow("links missing") << "{}"_ba << u"\"links\" is missing"_s << QStringList();
    QTest::newRow("link not object")
        << page({u"link"_s}) << u"Link 0 is a string"_s << QStringList();
    QJsonObject noCustomType = link(2, u"custom_link"_s, Issue1, Issue2);
    QTest::newRow("custom without custom_link_type")
        << page({noCustomType}) << u"custom_link without a custom_link_type object"_s
        << QStringList();
    QJsonObject customString = noCustomType;
    customString.insert("custom_link_type"_L1, CustomTypeId);
    QTest::newRow("custom_link_type a string")
        << page({customString}) << u"custom_link without a custom_link_type object"_s
        << QStringList();
    QJsonObject customNoId = noCustomType;
    customNoId.insert("custom_link_type"_L1, QJsonObject{{"name"_L1, u"x"_s}});
    QTest::newRow("custom_link_type without id")
        << page({customNoId}) << u"custom_link without"_s << QStringList();
    QJsonObject noId = link(1, u"is_parent_of"_s, Issue1, Issue2);
    noId.remove("id"_L1);
    QTest::newRow("link without id") << page({noId}) << u"has no link id"_s << QStringList();
    QJsonObject numberType = link(1, u"x"_s, Issue1, Issue2);
    numberType.insert("link_type"_L1, 4);
    QTest::newRow("link_type number")
        << page({numberType}) << u"no usable \"link_type\""_s << QStringList();
    QJsonObject noSource = link(1, u"is_parent_of"_s, Issue1, Issue2);
    noSource.remove("source"_L1);
    QTest::newRow("no source") << page({noSource}) << u"has no source object"_s << QStringList();
    QJsonObject badTarget
        = link(1, u"is_parent_of"_s, Issue1, summary(u"issue"_s, u"ISS-2"_s, u"ISS-2"_s));
    QTest::newRow("target display id") << page({badTarget}) << u"target: \"id\""_s << QStringList();
    QJsonArray huge;
    for (int i = 0; i < 3000; ++i)
        huge.append(link(i + 1, u"is_related_to"_s, Issue1, Issue2));
    QTest::newRow("huge array") << page(huge) << u"holds 3000 items"_s << QStringList();
}

void TestDevRevMapping::linkPage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    QFETCH(QStringList, types);

    const auto page = DevRev::parseLinkPage(body, Account);
    if (!problem.isEmpty()) {
        QVERIFY2(!page.ok(), "a broken page was accepted");
        QVERIFY2(page.problem.contains(problem), qPrintable(page.problem));
        return;
    }
    QVERIFY2(page.ok(), qPrintable(page.problem));
    QCOMPARE(page.value.items.size(), 1);
    QStringList got;
    for (const Link &l : page.value.items.first().links) {
        QCOMPARE(l.direction, LinkDirection::Directed);
        QVERIFY(l.vendorLinkId.startsWith(u"don:core:dvrv-us-1:devo/1:link/"_s));
        QCOMPARE(l.source.vendor, Vendor::DevRev);
        QCOMPARE(l.source.account, Account);
        got << l.type;
    }
    QCOMPARE(got, types);
}

void TestDevRevMapping::linkPageRecordsAndCursor()
{
    const QJsonObject o{{"links"_L1,
                         QJsonArray{link(1, u"is_dependent_on"_s, Ticket1, Issue1),
                                    link(2, u"is_parent_of"_s, Issue1, Issue2)}},
                        {"next_cursor"_L1, u"djE6Mg"_s}};
    const auto page = DevRev::parseLinkPage(json(o), Account);
    QVERIFY2(page.ok(), qPrintable(page.problem));
    QCOMPARE(page.value.nextCursor, u"djE6Mg"_s);
    const DevRev::Links &links = page.value.items.first();
    QCOMPARE(links.links.size(), 2);
    const Link &first = links.links.first();
    QCOMPARE(first.source.type, u"ticket"_s);
    QCOMPARE(first.source.id, u"don:core:dvrv-us-1:devo/1:ticket/1"_s);
    QCOMPARE(first.target.id, issueId(1));
    QCOMPARE(first.vendorLinkId, u"don:core:dvrv-us-1:devo/1:link/1"_s);
    QCOMPARE(first.state, LinkState::Confirmed);
    // Each end once, titled from its summary
    QStringList titles;
    for (const Record &r : links.records)
        titles << r.title;
    QCOMPARE(titles, QStringList({u"Customer sees crash"_s, u"Crash"_s, u"Slow"_s}));
}

void TestDevRevMapping::linkAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    QTest::newRow("link") << json({{"link"_L1, link(7, u"is_parent_of"_s, Issue1, Issue2)}})
                          << QString();
    QTest::newRow("empty object") << "{}"_ba << u"The link is missing"_s;
    QTest::newRow("links array") << json(
        {{"link"_L1, QJsonArray{link(7, u"is_parent_of"_s, Issue1, Issue2)}}})
                                 << u"The link is an array"_s;
    QTest::newRow("truncated")
        << json({{"link"_L1, link(7, u"is_parent_of"_s, Issue1, Issue2)}}).left(40)
        << u"not JSON"_s;
}

void TestDevRevMapping::linkAnswer()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    const auto answer = DevRev::parseLinkAnswer(body, Account);
    if (!problem.isEmpty()) {
        QVERIFY2(answer.problem.contains(problem), qPrintable(answer.problem));
        return;
    }
    QVERIFY2(answer.ok(), qPrintable(answer.problem));
    QCOMPARE(answer.value.links.size(), 1);
    QCOMPARE(answer.value.links.first().vendorLinkId, u"don:core:dvrv-us-1:devo/1:link/7"_s);
    QCOMPARE(answer.value.records.size(), 2);
}

void TestDevRevMapping::stockLinkTypes()
{
    const QList<LinkType> types = DevRev::stockLinkTypes();
    QStringList ids;
    for (const LinkType &t : types) {
        ids << t.id;
        QCOMPARE(t.direction, LinkDirection::Directed);
        QVERIFY(!t.name.isEmpty());
        QVERIFY(!t.deprecated);
    }
    QStringList sorted = ids;
    sorted.sort();
    // Seed 002's link_type values, custom_link aside
    QCOMPARE(sorted,
             QStringList({u"developed_with"_s, u"imports"_s, u"is_analyzed_by"_s,
                          u"is_converted_to"_s, u"is_dependent_on"_s, u"is_duplicate_of"_s,
                          u"is_follow_up_of"_s, u"is_merged_into"_s, u"is_parent_of"_s,
                          u"is_part_of"_s, u"is_related_to"_s, u"serves"_s}));
    const auto find
        = [&](const QString &id) { return *std::ranges::find(types, id, &LinkType::id); };
    QCOMPARE(find(u"is_parent_of"_s).forwardLabel, u"is parent of"_s);
    QCOMPARE(find(u"is_parent_of"_s).backwardLabel, u"is child of"_s);
    QCOMPARE(find(u"is_merged_into"_s).backwardLabel, u"was merged from"_s);
    QCOMPARE(find(u"is_related_to"_s).forwardLabel, find(u"is_related_to"_s).backwardLabel);
    QCOMPARE(find(u"is_follow_up_of"_s).backwardLabel, u"has follow-up"_s);
    QCOMPARE(find(u"imports"_s).backwardLabel, u"is imported by"_s);
    const LinkType dependent = find(u"is_dependent_on"_s);
    QCOMPARE(dependent.forwardLabel, u"is dependent on"_s);
    QCOMPARE(dependent.backwardLabel, u"is dependency of"_s);
    QCOMPARE(dependent.sourceTypes, QStringList({u"ticket"_s, u"issue"_s}));
    QCOMPARE(dependent.targetTypes, QStringList({u"issue"_s, u"code_change"_s}));
    QVERIFY(find(u"is_parent_of"_s).sourceTypes.isEmpty()); // not fixed by the seed
}

void TestDevRevMapping::customLinkTypes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    const QJsonObject good{
        {"id"_L1, CustomTypeId},
        {"name"_L1, u"blocks_deal"_s},
        {"forward_name"_L1, u"blocks deal"_s},
        {"backward_name"_L1, u"is blocked by issue"_s},
        {"is_deprecated"_L1, true},
        {"source_types"_L1, QJsonArray{QJsonObject{{"leaf_type"_L1, u"issue"_s}}}},
        {"target_types"_L1,
         QJsonArray{QJsonObject{{"leaf_type"_L1, u"opportunity"_s}},
                    QJsonObject{{"leaf_type"_L1, u"opportunity"_s}, {"subtype"_L1, u"x"_s}}}},
    };
    const auto page = [](const QJsonArray &items) { return json({{"result"_L1, items}}); };
    QTest::newRow("good") << page({good}) << QString();
    QJsonObject noId = good;
    noId.remove("id"_L1);
    QTest::newRow("no id") << page({noId}) << u"no usable \"id\""_s;
    QJsonObject noNames = good;
    noNames.remove("name"_L1);
    noNames.remove("forward_name"_L1);
    QTest::newRow("no names") << page({noNames}) << u"neither a name nor a forward_name"_s;
    QJsonObject sourcesObject = good;
    sourcesObject.insert("source_types"_L1, QJsonObject{{"leaf_type"_L1, u"issue"_s}});
    QTest::newRow("source_types object") << page({sourcesObject}) << u"not an array"_s;
    QJsonObject noLeaf = good;
    noLeaf.insert("target_types"_L1, QJsonArray{QJsonObject{}});
    QTest::newRow("no leaf_type") << page({noLeaf}) << u"has no leaf_type"_s;
    QTest::newRow("result missing")
        << json({{"custom_link_types"_L1, QJsonArray{good}}}) << u"\"result\" is missing"_s;
    QTest::newRow("not json") << "nope"_ba << u"not JSON"_s;
}

void TestDevRevMapping::customLinkTypes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);
    const auto page = DevRev::parseCustomLinkTypePage(body);
    if (!problem.isEmpty()) {
        QVERIFY2(page.problem.contains(problem), qPrintable(page.problem));
        return;
    }
    QVERIFY2(page.ok(), qPrintable(page.problem));
    QCOMPARE(page.value.items.size(), 1);
    const LinkType &t = page.value.items.first();
    QCOMPARE(t.id, CustomTypeId);
    QCOMPARE(t.name, u"blocks_deal"_s);
    QCOMPARE(t.forwardLabel, u"blocks deal"_s);
    QCOMPARE(t.backwardLabel, u"is blocked by issue"_s);
    QCOMPARE(t.direction, LinkDirection::Directed);
    QCOMPARE(t.sourceTypes, QStringList{u"issue"_s});
    QCOMPARE(t.targetTypes, QStringList{u"opportunity"_s});
    QVERIFY(t.deprecated);
}

void TestDevRevMapping::createLinkBody()
{
    const RecordKey ticket{Vendor::DevRev, Account, u"ticket"_s,
                           u"don:core:dvrv-us-1:devo/1:ticket/1"_s};
    const RecordKey issue{Vendor::DevRev, Account, u"issue"_s, issueId(1)};
    const Link stock{ticket, issue, u"is_dependent_on"_s, LinkDirection::Directed, {}, {}, {}};
    QCOMPARE(QJsonDocument::fromJson(DevRev::createLinkBody(stock)).object(),
             QJsonObject({{"link_type"_L1, u"is_dependent_on"_s},
                          {"source"_L1, ticket.id},
                          {"target"_L1, issue.id}}));
    const Link custom{issue, ticket, CustomTypeId, LinkDirection::Directed, {}, {}, {}};
    QCOMPARE(QJsonDocument::fromJson(DevRev::createLinkBody(custom)).object(),
             QJsonObject({{"link_type"_L1, u"custom_link"_s},
                          {"custom_link_type"_L1, CustomTypeId},
                          {"source"_L1, issue.id},
                          {"target"_L1, ticket.id}}));
    QCOMPARE(DevRev::idBody(u"don:core:dvrv-us-1:devo/1:link/4"_s),
             R"({"id":"don:core:dvrv-us-1:devo/1:link/4"})"_ba);
}

void TestDevRevMapping::errorBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("said");

    QTest::newRow("full") << R"({"type":"bad_request","message":"Nope","detail":"more"})"_ba
                          << u"Nope (bad_request)"_s;
    QTest::newRow("detail only") << R"({"type":"forbidden","detail":"No access"})"_ba
                                 << u"No access (forbidden)"_s;
    QTest::newRow("type only") << R"({"type":"service_unavailable"})"_ba
                               << u"service_unavailable"_s;
    QTest::newRow("message only") << R"({"message":"Token has expired"})"_ba
                                  << u"Token has expired"_s;
    QTest::newRow("not json") << "<html>502</html>"_ba << QString();
    QTest::newRow("array") << R"([{"type":"x"}])"_ba << QString();
    QTest::newRow("wrong types") << R"({"type":5,"message":["a"]})"_ba << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestDevRevMapping::errorBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, said);
    QCOMPARE(DevRev::parseErrorBody(body), said);
}

void TestDevRevMapping::alreadyLinked_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("already");

    QTest::newRow("exists")
        << R"({"type":"bad_request","message":"The link already exists: don:core:x:link/3"})"_ba
        << true;
    QTest::newRow("same parent")
        << R"({"type":"artifact_already_attached_to_a_parent","message":"m","existing_parent":"don:core:a:issue/1","is_same":true})"_ba
        << true;
    QTest::newRow("other parent")
        << R"({"type":"artifact_already_attached_to_a_parent","message":"m","existing_parent":"don:core:a:issue/1","is_same":false})"_ba
        << false;
    QTest::newRow("parent without is_same")
        << R"({"type":"artifact_already_attached_to_a_parent","message":"m"})"_ba << false;
    QTest::newRow("other bad request") << R"({"type":"bad_request","message":"cycle"})"_ba << false;
}

void TestDevRevMapping::alreadyLinked()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, already);
    const auto error = DevRev::parseError(body);
    QVERIFY(error);
    QCOMPARE(DevRev::isAlreadyLinked(*error), already);
}

void TestDevRevMapping::refusalReason_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("linkType");
    QTest::addColumn<QString>("reason"); ///< a part of it; empty: no reason

    QTest::newRow("source type")
        << R"({"type":"unexpected_id_type","message":"m","field_name":"source","allowed_types":["ticket","issue"]})"_ba
        << u"is_dependent_on"_s
        << u"links of type “is dependent on” cannot start from a task; they can start from: "
           "ticket, issue."_s;
    QTest::newRow("target type")
        << R"({"type":"unexpected_id_type","message":"m","field_name":"target","allowed_types":["issue","code_change"]})"_ba
        << u"is_dependent_on"_s << u"from a task they can go to: issue, code change."_s;
    QTest::newRow("nothing allowed")
        << R"({"type":"unexpected_id_type","message":"m","field_name":"target","allowed_types":[]})"_ba
        << CustomTypeId << u"links of this custom link type cannot go from a task to a rev user."_s;
    QTest::newRow("other parent")
        << R"({"type":"artifact_already_attached_to_a_parent","message":"m","existing_parent":"don:core:a:issue/9","is_same":false})"_ba
        << u"is_parent_of"_s << u"already has a parent in DevRev (don:core:a:issue/9)"_s;
    QTest::newRow("deprecated")
        << R"({"type":"bad_request","message":"Custom link type on_roadmap is deprecated"})"_ba
        << CustomTypeId << u"deprecated"_s;
    QTest::newRow("cycle") << R"({"type":"bad_request","message":"no cycle please"})"_ba
                           << u"is_parent_of"_s << u"cycle"_s;
    QTest::newRow("invalid id") << R"({"type":"invalid_id","field_name":"target"})"_ba
                                << u"is_parent_of"_s << u"may have been deleted"_s;
    QTest::newRow("unknown type") << R"({"type":"forbidden","message":"m"})"_ba << u"is_parent_of"_s
                                  << QString();
}

void TestDevRevMapping::refusalReason()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, linkType);
    QFETCH(QString, reason);
    const auto error = DevRev::parseError(body);
    QVERIFY(error);
    const Link link{
        {Vendor::DevRev, Account, u"task"_s, u"don:core:dvrv-us-1:devo/1:task/1"_s},
        {Vendor::DevRev, Account, u"rev_user"_s, u"don:identity:dvrv-us-1:devo/1:revu/1"_s},
        linkType,
        LinkDirection::Directed,
        {},
        {},
        {}};
    const QString got = DevRev::refusalReason(*error, link);
    if (reason.isEmpty())
        QVERIFY2(got.isEmpty(), qPrintable(got));
    else
        QVERIFY2(got.contains(reason), qPrintable(got));
}

QTEST_GUILESS_MAIN(TestDevRevMapping)
#include "tst_devrevmapping.moc"
