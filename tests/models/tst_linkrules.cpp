// The vendors' link rules, table-driven: for two records, the link types offered (with their
// direction) or the reason none is.

#include "models/linkrepository.h"
#include "models/linkrules.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

RecordKey key(Vendor vendor, const QString &type, const QString &id)
{
    return {vendor, u"acct"_s, type, id};
}

LinkType directed(const QString &id, const QStringList &sources = {},
                  const QStringList &targets = {}, bool deprecated = false)
{
    return {id, id, id, u"~"_s + id, LinkDirection::Directed, sources, targets, deprecated};
}

LinkType undirected(const QString &id, const QStringList &sources = {},
                    const QStringList &targets = {})
{
    return {id, id, id, id, LinkDirection::Undirected, sources, targets, false};
}

const QList<LinkType> CopperTypes{undirected(u"related"_s),
                                  undirected(u"169"_s, {u"person"_s}, {u"person"_s}),
                                  undirected(u"170"_s, {u"opportunity"_s}, {u"company"_s})};
const QList<LinkType> DevRevTypes{directed(u"is_dependent_on"_s), directed(u"is_parent_of"_s),
                                  directed(u"is_merged_into"_s),
                                  directed(u"don:custom/1"_s, {u"issue"_s}, {u"opportunity"_s}),
                                  directed(u"don:custom/2"_s, {u"issue"_s}, {u"account"_s}, true)};

} // namespace

class TestLinkRules : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void choices_data();
    void choices();
    void choiceMakesTheLink();
    void symmetricTypesAreOfferedOnce();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_links;
};

void TestLinkRules::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_links = std::make_unique<LinkRepository>();
    QVERIFY(m_links->open(m_dir->filePath(u"w.linkloom"_s)));
    const auto c = [](const char *type, const char *id) {
        return key(Vendor::Copper, QString::fromLatin1(type), QString::fromLatin1(id));
    };
    const auto d = [](const char *type, const char *id) {
        return key(Vendor::DevRev, QString::fromLatin1(type), QString::fromLatin1(id));
    };
    const auto link = [](RecordKey a, RecordKey b, const char *type, LinkDirection direction) {
        return Link{a, b, QString::fromLatin1(type), direction, {}, LinkState::Confirmed, {}};
    };
    constexpr auto U = LinkDirection::Undirected;
    constexpr auto D = LinkDirection::Directed;
    QVERIFY(m_links->upsertLinks({
        link(c("person", "employed"), c("company", "acme"), "related", U),
        link(c("task", "busy"), c("lead", "l1"), "related", U),
        link(c("person", "p1"), c("person", "p2"), "169", U),
        link(d("issue", "root"), d("issue", "child"), "is_parent_of", D),
        link(d("issue", "child"), d("issue", "grandchild"), "is_parent_of", D),
        link(d("ticket", "merged"), d("ticket", "into"), "is_merged_into", D),
    }));
}

void TestLinkRules::choices_data()
{
    QTest::addColumn<RecordKey>("first");
    QTest::addColumn<RecordKey>("second");
    QTest::addColumn<QStringList>("expected"); // "type" or "type<" (reversed)
    QTest::addColumn<QString>("reason"); // part of the reason when nothing is offered
    const auto c = [](const char *type, const char *id) {
        return key(Vendor::Copper, QString::fromLatin1(type), QString::fromLatin1(id));
    };
    const auto d = [](const char *type, const char *id) {
        return key(Vendor::DevRev, QString::fromLatin1(type), QString::fromLatin1(id));
    };
    const auto p = [](const char *type, const char *id) {
        return key(Vendor::Pm415, QString::fromLatin1(type), QString::fromLatin1(id));
    };
    const auto l = [](const char *id) {
        return key(Vendor::Laserfiche, u"entry"_s, QString::fromLatin1(id));
    };

    QTest::newRow("other account")
        << c("person", "1") << RecordKey{Vendor::Copper, u"other"_s, u"company"_s, u"2"_s}
        << QStringList() << u"one account"_s;
    QTest::newRow("other vendor") << c("person", "1") << d("issue", "2") << QStringList()
                                  << u"one account"_s;
    QTest::newRow("itself") << c("person", "1") << c("person", "1") << QStringList() << u"itself"_s;

    QTest::newRow("copper person-company")
        << c("person", "new") << c("company", "acme") << QStringList{u"related"_s} << QString();
    QTest::newRow("copper lead-person")
        << c("lead", "l") << c("person", "x") << QStringList()
        << u"does not relate these kinds of record (lead and person)"_s;
    QTest::newRow("copper two companies")
        << c("company", "a") << c("company", "b") << QStringList() << u"(company and company)"_s;
    QTest::newRow("copper person has a company")
        << c("person", "employed") << c("company", "other") << QStringList() << u"one company"_s;
    QTest::newRow("copper company side of the limit")
        << c("company", "other") << c("person", "employed") << QStringList() << u"one company"_s;
    QTest::newRow("copper task has its one record")
        << c("task", "busy") << c("person", "x") << QStringList() << u"one record"_s;
    QTest::newRow("copper already related")
        << c("company", "acme") << c("person", "employed") << QStringList() << u"already"_s;
    QTest::newRow("copper connect and related") << c("opportunity", "o") << c("company", "x")
                                                << QStringList{u"related"_s, u"170"_s} << QString();
    QTest::newRow("copper connect from the other end")
        << c("company", "x") << c("opportunity", "o") << QStringList{u"related"_s, u"170<"_s}
        << QString();
    QTest::newRow("copper connect person-person")
        << c("person", "p3") << c("person", "p4") << QStringList{u"169"_s} << QString();
    QTest::newRow("copper connect once")
        << c("person", "p2") << c("person", "p1") << QStringList() << u"already"_s;

    QTest::newRow("devrev ticket->issue")
        << d("ticket", "t") << d("issue", "i")
        << QStringList{u"is_dependent_on"_s, u"is_parent_of"_s, u"is_parent_of<"_s,
                       u"is_merged_into"_s, u"is_merged_into<"_s}
        << QString();
    QTest::newRow("devrev issue->ticket: dependency only the other way")
        << d("issue", "i") << d("ticket", "t")
        << QStringList{u"is_dependent_on<"_s, u"is_parent_of"_s, u"is_parent_of<"_s,
                       u"is_merged_into"_s, u"is_merged_into<"_s}
        << QString();
    QTest::newRow("devrev custom type")
        << d("issue", "i") << d("opportunity", "o")
        << QStringList{u"is_parent_of"_s, u"is_parent_of<"_s, u"is_merged_into"_s,
                       u"is_merged_into<"_s, u"don:custom/1"_s}
        << QString();
    QTest::newRow("devrev second parent")
        << d("issue", "other") << d("issue", "child")
        << QStringList{u"is_dependent_on"_s, u"is_dependent_on<"_s, u"is_parent_of<"_s,
                       u"is_merged_into"_s, u"is_merged_into<"_s}
        << QString();
    QTest::newRow("devrev too deep and cyclic")
        << d("issue", "grandchild") << d("issue", "root")
        << QStringList{u"is_dependent_on"_s, u"is_dependent_on<"_s, u"is_merged_into"_s,
                       u"is_merged_into<"_s}
        << QString();
    QTest::newRow("devrev merged once")
        << d("ticket", "merged") << d("ticket", "other")
        << QStringList{u"is_parent_of"_s, u"is_parent_of<"_s, u"is_merged_into<"_s} << QString();

    QTest::newRow("pm415 bug-item")
        << p("bug", "1") << p("item", "2") << QStringList{u"connection"_s} << QString();
    QTest::newRow("pm415 bug-bug")
        << p("bug", "1") << p("bug", "2") << QStringList() << u"different types only"_s;
    QTest::newRow("laserfiche") << l("1") << l("2") << QStringList{u"1"_s, u"2"_s} << QString();
}

void TestLinkRules::choices()
{
    QFETCH(RecordKey, first);
    QFETCH(RecordKey, second);
    QFETCH(QStringList, expected);
    QFETCH(QString, reason);
    QList<LinkType> types;
    switch (first.vendor) {
    case Vendor::Copper:
        types = CopperTypes;
        break;
    case Vendor::DevRev:
        types = DevRevTypes;
        break;
    case Vendor::Pm415:
        types = {undirected(u"connection"_s)};
        break;
    case Vendor::Laserfiche:
        types = {directed(u"1"_s), directed(u"2"_s), directed(u"3"_s, {}, {}, true)};
        break;
    }
    const LinkVerdict verdict = LinkRules::check(first, second, types, m_links.get());
    QStringList got;
    for (const LinkChoice &choice : verdict.choices)
        got << choice.type.id + (choice.reversed ? u"<"_s : QString());
    QCOMPARE(got, expected);
    QCOMPARE(verdict.allowed(), !expected.isEmpty());
    if (expected.isEmpty())
        QVERIFY2(verdict.reason.contains(reason), qPrintable(verdict.reason));
    else
        QVERIFY(verdict.reason.isEmpty());
}

void TestLinkRules::choiceMakesTheLink()
{
    const RecordKey issue = key(Vendor::DevRev, u"issue"_s, u"i"_s);
    const RecordKey ticket = key(Vendor::DevRev, u"ticket"_s, u"t"_s);
    const LinkVerdict verdict = LinkRules::check(issue, ticket, DevRevTypes, nullptr);
    QVERIFY(verdict.allowed());
    const LinkChoice &dependency = verdict.choices.first();
    QCOMPARE(dependency.type.id, u"is_dependent_on"_s);
    QVERIFY(dependency.reversed);
    const Link link = dependency.link(issue, ticket);
    QCOMPARE(link.source, ticket);
    QCOMPARE(link.target, issue);
    QCOMPARE(link.state, LinkState::Pending);
    QCOMPARE(dependency.label(), u"~is_dependent_on"_s); // read from the issue
}

void TestLinkRules::symmetricTypesAreOfferedOnce()
{
    // DevRev's is_related_to reads the same from both ends: one choice, and a link either way
    // is the link.
    const LinkType related{u"is_related_to"_s,
                           u"Related"_s,
                           u"is related to"_s,
                           u"is related to"_s,
                           LinkDirection::Directed,
                           {},
                           {},
                           false};
    const RecordKey a = key(Vendor::DevRev, u"issue"_s, u"a"_s);
    const RecordKey b = key(Vendor::DevRev, u"ticket"_s, u"b"_s);
    LinkVerdict verdict = LinkRules::check(a, b, {related}, m_links.get());
    QCOMPARE(verdict.choices.size(), 1);
    QVERIFY(!verdict.choices.first().reversed);
    QVERIFY(m_links->upsertLinks(
        {{b, a, u"is_related_to"_s, LinkDirection::Directed, {}, LinkState::Confirmed, {}}}));
    verdict = LinkRules::check(a, b, {related}, m_links.get());
    QVERIFY(!verdict.allowed());
    QVERIFY2(verdict.reason.contains(u"already"_s), qPrintable(verdict.reason));
}

QTEST_GUILESS_MAIN(TestLinkRules)
#include "tst_linkrules.moc"
