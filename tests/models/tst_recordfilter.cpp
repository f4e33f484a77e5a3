#include "models/linkrepository.h"
#include "models/recordsearch.h"
#include "models/recordtreemodel.h"
#include "models/searchresultsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = RecordTreeModel::NodeKind;
using Links = RecordFilter::Links;

namespace {

const QString Acme = u"acme"_s;
const QString Dev = u"dev"_s;

/// Two accounts, as the explorer shows them; the test drives nothing else.
class FakeSource : public RecordSource
{
public:
    QList<AccountInfo> accounts() const override
    {
        return {AccountInfo{Vendor::Copper,
                            Acme,
                            u"Acme CRM"_s,
                            {{u"person"_s, u"People"_s}, {u"company"_s, u"Companies"_s}}},
                AccountInfo{Vendor::DevRev, Dev, u"Dev"_s, {{u"issue"_s, u"Issues"_s}}}};
    }
    void fetchRecords(Vendor, const QString &, const QString &) override { }
    void fetchLinks(const RecordKey &) override { }
    int activeRequests() const override { return 0; }
};

RecordKey person(const QString &id)
{
    return RecordKey{Vendor::Copper, Acme, u"person"_s, id};
}

RecordKey company(const QString &id)
{
    return RecordKey{Vendor::Copper, Acme, u"company"_s, id};
}

RecordKey issue(int n)
{
    return RecordKey{Vendor::DevRev, Dev, u"issue"_s,
                     u"don:core:dvrv-us-1:devo/1:issue/%1"_s.arg(n)};
}

Record record(const RecordKey &key, const QString &title)
{
    return Record{key, title, {}, {}};
}

Link link(const RecordKey &a, const RecordKey &b, const QString &type = u"related"_s)
{
    Link l;
    l.source = a;
    l.target = b;
    l.type = type;
    l.direction = type == u"related"_s ? LinkDirection::Undirected : LinkDirection::Directed;
    return l;
}

RecordFilter withText(const QString &text)
{
    RecordFilter filter;
    filter.text = text;
    return filter;
}

const QStringList AllTitles = {
    u"Café Noir"_s,           u"CAFE society"_s,
    u"Sales pipeline"_s,      u"Wholesale partners"_s,
    u"Crème Brûlée Straße"_s, u"Ada Lovelace"_s,
    u"Grace Hopper"_s,        u"Analytical Engines Ltd"_s,
    u"Salesforce Inc"_s,      u"Sync fails for sales"_s,
    u"Crash on start"_s,
};

} // namespace

class TestRecordFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void folding_data();
    void folding();
    void repositoryGivesTitlesAndLinkTypesCheaply();
    void matching_data();
    void matching();
    void typingOnGivesTheSameAsAFreshSearch_data();
    void typingOnGivesTheSameAsAFreshSearch();
    void manyLinkTypesStillFilterExactly();
    void recordsOfAccountsNotShownAreNotSearched();

    void emptyFilterShowsNothing();
    void resultsKeepTheAncestorsOfMatches();
    void recordRowsAnswerTheExplorersRoles();
    void aTypeShowsAPageAndFetchesMore();
    void newMatchingRecordAppearsInRankOrder();
    void recordInANewTypeAppearsUnderItsAccount();
    void titleChangeThatStopsMatchingRemovesTheRowAndEmptyAncestors();
    void titleChangeThatKeepsMatchingUpdatesTheRow();
    void linkChangesMoveRecordsInAndOutOfLinkFilters();
    void stubThatBecomesFullAppears();
    void manyChangesAtOnceReplaceTheTypesRows();
    void repositoryResetReappliesTheFilter();

private:
    QStringList titles(const QList<RecordKey> &keys) const;
    QStringList shownTitles(const QModelIndex &parent) const;
    QModelIndex childNamed(const QModelIndex &parent, const QString &name) const;
    void makeModel();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<FakeSource> m_source;
    std::unique_ptr<RecordSearch> m_search;
    std::unique_ptr<SearchResultsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestRecordFilter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"filter.linkloom"_s)).ok());
    QVERIFY(m_repository
                ->upsertRecords({
                    record(person(u"1"_s), u"Café Noir"_s),
                    record(person(u"2"_s), u"CAFE society"_s),
                    record(person(u"3"_s), u"Sales pipeline"_s),
                    record(person(u"4"_s), u"Wholesale partners"_s),
                    record(person(u"5"_s), u"Crème Brûlée Straße"_s),
                    record(person(u"140000007"_s), u"Ada Lovelace"_s),
                    record(person(u"140000014"_s), u"Grace Hopper"_s),
                    record(company(u"9"_s), u"Analytical Engines Ltd"_s),
                    record(company(u"10"_s), u"Salesforce Inc"_s),
                    record(issue(12), u"Sync fails for sales"_s),
                    record(issue(120), u"Crash on start"_s),
                })
                .ok());
    QVERIFY(m_repository
                ->upsertLinks({link(person(u"1"_s), company(u"9"_s)),
                               link(person(u"3"_s), person(u"99"_s)), // a stub
                               link(issue(12), issue(120), u"is_parent_of"_s)})
                .ok());
    m_source = std::make_unique<FakeSource>();
    m_search = std::make_unique<RecordSearch>(m_repository.get(), m_source.get());
}

void TestRecordFilter::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_search.reset();
    m_source.reset();
    m_repository.reset();
    m_dir.reset();
}

void TestRecordFilter::makeModel()
{
    m_model = std::make_unique<SearchResultsModel>(m_search.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

QStringList TestRecordFilter::titles(const QList<RecordKey> &keys) const
{
    QStringList result;
    for (const RecordKey &key : keys)
        result.append(m_repository->title(key));
    return result;
}

QStringList TestRecordFilter::shownTitles(const QModelIndex &parent) const
{
    QStringList result;
    for (int row = 0; row < m_model->rowCount(parent); ++row)
        result.append(m_model->index(row, 0, parent).data().toString());
    return result;
}

QModelIndex TestRecordFilter::childNamed(const QModelIndex &parent, const QString &name) const
{
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex index = m_model->index(row, 0, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

// --- the index and its matching ---------------------------------------------------------------

void TestRecordFilter::folding_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("folded");
    QTest::newRow("ascii") << u"Sales Q3"_s << "sales q3"_ba;
    QTest::newRow("accents") << u"Café Crème"_s << "cafe creme"_ba;
    QTest::newRow("capital accents") << u"ÉCOLE"_s << "ecole"_ba;
    QTest::newRow("sharp s") << u"Straße"_s << "strasse"_ba;
    QTest::newRow("ligatures") << u"Æsir Œuvre ﬁle"_s << "aesir oeuvre file"_ba;
    QTest::newRow("stroked letters") << u"Łódź Øre"_s << "lodz ore"_ba;
    QTest::newRow("dotted capital i") << u"İstanbul"_s << "istanbul"_ba;
    QTest::newRow("white space") << u"  a \t\n  b  "_s << "a b"_ba;
    QTest::newRow("no-break space, soft hyphen") << u"Ca\u00adfé\u00a0Noir"_s << "cafe noir"_ba;
    QTest::newRow("mixed fast and slow paths") << u"Ærø Ωmega"_s << "aero ωmega"_ba;
    QTest::newRow("non-latin kept, lower case") << u"Ωμέγα"_s << "ωμεγα"_ba;
    QTest::newRow("compatibility forms") << u"𝒜² ＡＢＣ"_s << "a2 abc"_ba;
    QTest::newRow("outside the BMP") << u"Note 😀"_s << QByteArray("note ") + u"😀"_s.toUtf8();
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestRecordFilter::folding()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, folded);
    QCOMPARE(RecordSearch::fold(text), folded);
}

void TestRecordFilter::repositoryGivesTitlesAndLinkTypesCheaply()
{
    QCOMPARE(m_repository->title(person(u"1"_s)), u"Café Noir"_s);
    QCOMPARE(m_repository->title(person(u"99"_s)), QString()); // a stub
    QCOMPARE(m_repository->title(person(u"404"_s)), QString());
    QCOMPARE(m_repository->titlesOfType(Vendor::Copper, Acme, u"company"_s),
             (QStringList{u"Analytical Engines Ltd"_s, u"Salesforce Inc"_s}));
    QCOMPARE(m_repository->titlesOfType(Vendor::Copper, Acme, u"task"_s), QStringList());
    QCOMPARE(m_repository->linkTypesOf(issue(12)), QStringList{u"is_parent_of"_s});
    QCOMPARE(m_repository->linkTypesOf(person(u"2"_s)), QStringList());
    QVERIFY(m_repository->upsertLinks({link(person(u"1"_s), issue(12), u"mentions"_s)}).ok());
    QCOMPARE(m_repository->linkTypesOf(person(u"1"_s)), (QStringList{u"related"_s, u"mentions"_s}));
}

void TestRecordFilter::matching_data()
{
    QTest::addColumn<RecordFilter>("filter");
    QTest::addColumn<QStringList>("expected"); // group by group, best first

    QTest::newRow("empty: everything") << RecordFilter() << AllTitles;
    QTest::newRow("white space only: everything") << withText(u"   "_s) << AllTitles;
    QTest::newRow("any case") << withText(u"cafe"_s)
                              << QStringList{u"Café Noir"_s, u"CAFE society"_s};
    QTest::newRow("accents in the text")
        << withText(u"CAFÉ"_s) << QStringList{u"Café Noir"_s, u"CAFE society"_s};
    QTest::newRow("accents in the title")
        << withText(u"creme brulee strasse"_s) << QStringList{u"Crème Brûlée Straße"_s};
    QTest::newRow("white space runs")
        << withText(u" café   noir "_s) << QStringList{u"Café Noir"_s};
    QTest::newRow("ranked: start, inside; then word start")
        << withText(u"sale"_s)
        << QStringList{u"Sales pipeline"_s, u"Wholesale partners"_s, u"Salesforce Inc"_s,
                       u"Sync fails for sales"_s};
    QTest::newRow("longer text, fewer matches")
        << withText(u"sales"_s)
        << QStringList{u"Sales pipeline"_s, u"Salesforce Inc"_s, u"Sync fails for sales"_s};
    // Ids and key strings start with neither "s" nor "c" here; only a text with ':' is tried as
    // the start of a key string, so "c" does not match every Copper record.
    QTest::newRow("ranked: start, word start, inside")
        << withText(u"s"_s)
        << QStringList{u"Sales pipeline"_s,       u"CAFE society"_s,   u"Crème Brûlée Straße"_s,
                       u"Wholesale partners"_s,   u"Salesforce Inc"_s, u"Analytical Engines Ltd"_s,
                       u"Sync fails for sales"_s, u"Crash on start"_s};
    QTest::newRow("start of a vendor name is no key")
        << withText(u"c"_s)
        << QStringList{u"Café Noir"_s,      u"CAFE society"_s,   u"Crème Brûlée Straße"_s,
                       u"Ada Lovelace"_s,   u"Grace Hopper"_s,   u"Analytical Engines Ltd"_s,
                       u"Salesforce Inc"_s, u"Crash on start"_s, u"Sync fails for sales"_s};
    QTest::newRow("id, exactly") << withText(u"140000007"_s) << QStringList{u"Ada Lovelace"_s};
    QTest::newRow("id, start") << withText(u"1400000"_s)
                               << QStringList{u"Ada Lovelace"_s, u"Grace Hopper"_s};
    QTest::newRow("last part of an id")
        << withText(u"12"_s) << QStringList{u"Sync fails for sales"_s, u"Crash on start"_s};
    QTest::newRow("whole DevRev id")
        << withText(u"DON:core:dvrv-us-1:devo/1:issue/120"_s) << QStringList{u"Crash on start"_s};
    QTest::newRow("key string") << withText(u"copper:acme:person:140000007"_s)
                                << QStringList{u"Ada Lovelace"_s};
    QTest::newRow("start of key strings")
        << withText(u"devrev:dev:issue:"_s)
        << QStringList{u"Sync fails for sales"_s, u"Crash on start"_s};
    QTest::newRow("encoded key string, exact first")
        << withText(u"devrev:dev:issue:don%3Acore%3Advrv-us-1%3Adevo%2F1%3Aissue%2F12"_s)
        << QStringList{u"Sync fails for sales"_s, u"Crash on start"_s};
    QTest::newRow("no match") << withText(u"zzz"_s) << QStringList{};

    RecordFilter devRev;
    devRev.vendors = {Vendor::DevRev};
    QTest::newRow("vendor") << devRev
                            << QStringList{u"Sync fails for sales"_s, u"Crash on start"_s};
    RecordFilter companies;
    companies.recordTypes = {VendorRecordType{Vendor::Copper, u"company"_s}};
    QTest::newRow("record type") << companies
                                 << QStringList{u"Analytical Engines Ltd"_s, u"Salesforce Inc"_s};
    RecordFilter parents;
    parents.linkTypes = {u"is_parent_of"_s};
    QTest::newRow("link type") << parents
                               << QStringList{u"Sync fails for sales"_s, u"Crash on start"_s};
    RecordFilter related;
    related.linkTypes = {u"related"_s};
    QTest::newRow("link type, one end a stub")
        << related << QStringList{u"Café Noir"_s, u"Sales pipeline"_s, u"Analytical Engines Ltd"_s};
    RecordFilter unknownType;
    unknownType.linkTypes = {u"no_such_type"_s};
    QTest::newRow("unknown link type") << unknownType << QStringList{};
    RecordFilter withLinks;
    withLinks.links = Links::WithLinks;
    QTest::newRow("with links") << withLinks
                                << QStringList{u"Café Noir"_s, u"Sales pipeline"_s,
                                               u"Analytical Engines Ltd"_s,
                                               u"Sync fails for sales"_s, u"Crash on start"_s};
    RecordFilter withoutLinks;
    withoutLinks.links = Links::WithoutLinks;
    QTest::newRow("without links")
        << withoutLinks
        << QStringList{u"CAFE society"_s, u"Wholesale partners"_s, u"Crème Brûlée Straße"_s,
                       u"Ada Lovelace"_s, u"Grace Hopper"_s,       u"Salesforce Inc"_s};

    RecordFilter saleWithLinks = withLinks;
    saleWithLinks.text = u"sale"_s;
    QTest::newRow("text and with links")
        << saleWithLinks << QStringList{u"Sales pipeline"_s, u"Sync fails for sales"_s};
    RecordFilter saleAtCopper;
    saleAtCopper.text = u"sale"_s;
    saleAtCopper.vendors = {Vendor::Copper};
    QTest::newRow("text and vendor")
        << saleAtCopper
        << QStringList{u"Sales pipeline"_s, u"Wholesale partners"_s, u"Salesforce Inc"_s};
    RecordFilter lonelySalePeople = withoutLinks;
    lonelySalePeople.text = u"sale"_s;
    lonelySalePeople.recordTypes = {VendorRecordType{Vendor::Copper, u"person"_s}};
    QTest::newRow("text, record type and without links")
        << lonelySalePeople << QStringList{u"Wholesale partners"_s};
    RecordFilter contradiction = withoutLinks;
    contradiction.linkTypes = {u"related"_s};
    QTest::newRow("link type and without links") << contradiction << QStringList{};
    RecordFilter twoVendors;
    twoVendors.vendors = {Vendor::DevRev, Vendor::Pm415};
    twoVendors.text = u"crash"_s;
    QTest::newRow("text and vendors") << twoVendors << QStringList{u"Crash on start"_s};
}

void TestRecordFilter::matching()
{
    QFETCH(RecordFilter, filter);
    QFETCH(QStringList, expected);
    QCOMPARE(titles(m_search->find(filter)), expected);
    // One entry at a time (as live updates test them) agrees with the full scan.
    const RecordSearch::Query query = m_search->prepare(filter);
    QStringList one;
    for (const QList<quint32> &group : m_search->match(query)) {
        for (quint32 hit : group) {
            QCOMPARE(m_search->hit(query, RecordSearch::entryOf(hit)), qint64(hit));
            one.append(m_repository->title(m_search->recordKey(RecordSearch::entryOf(hit))));
        }
    }
    QCOMPARE(one, expected);
    QCOMPARE(titles(m_search->find(filter, 1)), expected.mid(0, 1));
}

void TestRecordFilter::typingOnGivesTheSameAsAFreshSearch_data()
{
    QTest::addColumn<QStringList>("keystrokes");
    QTest::newRow("a word") << QStringList{u"s"_s, u"sa"_s, u"sal"_s, u"sale"_s, u"sales"_s};
    QTest::newRow("an id") << QStringList{u"1"_s, u"14"_s, u"1400"_s, u"140000007"_s};
    QTest::newRow("into a key") << QStringList{u"d"_s, u"devrev"_s, u"devrev:"_s,
                                               u"devrev:dev:issue:don%3Acore"_s};
    QTest::newRow("back and forth") << QStringList{u"cafe"_s, u"caf"_s, u"cafe "_s, u"cafe n"_s};
}

void TestRecordFilter::typingOnGivesTheSameAsAFreshSearch()
{
    QFETCH(QStringList, keystrokes);
    RecordFilter filter;
    filter.links = Links::Any;
    RecordSearch::Query previous = m_search->prepare(filter);
    RecordSearch::Hits hits = m_search->match(previous);
    for (const QString &text : keystrokes) {
        filter.text = text;
        const RecordSearch::Query query = m_search->prepare(filter);
        hits = m_search->refine(query, previous, hits);
        QCOMPARE(hits, m_search->match(query));
        previous = query;
    }
    RecordFilter other = filter;
    other.vendors = {Vendor::DevRev};
    QVERIFY(!RecordSearch::narrows(m_search->prepare(other), previous));
    other = filter;
    other.text = u"x"_s + filter.text;
    QVERIFY(!RecordSearch::narrows(m_search->prepare(other), previous));
}

void TestRecordFilter::manyLinkTypesStillFilterExactly()
{
    // Types from the 64th on share one bit of the index: they are checked one by one.
    QList<Link> links;
    for (int t = 0; t < 70; ++t)
        links.append(link(issue(12), issue(1000 + t), u"kind_%1"_s.arg(t)));
    links.append(link(person(u"2"_s), person(u"4"_s), u"kind_68"_s));
    QVERIFY(m_repository->upsertLinks(links).ok());
    RecordFilter filter;
    filter.linkTypes = {u"kind_68"_s};
    QCOMPARE(titles(m_search->find(filter)),
             (QStringList{u"CAFE society"_s, u"Wholesale partners"_s, u"Sync fails for sales"_s}));
    filter.linkTypes = {u"kind_69"_s};
    QCOMPARE(titles(m_search->find(filter)), QStringList{u"Sync fails for sales"_s});
    filter.linkTypes = {u"kind_3"_s};
    QCOMPARE(titles(m_search->find(filter)), QStringList{u"Sync fails for sales"_s});
}

void TestRecordFilter::recordsOfAccountsNotShownAreNotSearched()
{
    const RecordKey other{Vendor::Pm415, u"elsewhere"_s, u"task"_s, u"1"_s};
    QVERIFY(m_repository->upsertRecords({record(other, u"Sales call"_s)}).ok());
    QCOMPARE(titles(m_search->find(withText(u"sales call"_s))), QStringList());
    QCOMPARE(m_search->findEntry(other), RecordSearch::NoEntry);
    QCOMPARE(m_search->entryCount(), AllTitles.size());
    QVERIFY(m_search->memoryUse() > 0);
}

// --- the results model ------------------------------------------------------------------------

void TestRecordFilter::emptyFilterShowsNothing()
{
    makeModel();
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->isActive());
    m_model->setFilter(withText(u"cafe"_s));
    QVERIFY(m_model->isActive());
    QCOMPARE(m_model->rowCount(), 1);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setFilter(withText(u"  "_s));
    QCOMPARE(reset.size(), 1);
    QVERIFY(!m_model->isActive());
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->matchCount(), 0);
}

void TestRecordFilter::resultsKeepTheAncestorsOfMatches()
{
    makeModel();
    QSignalSpy count(m_model.get(), &SearchResultsModel::matchCountChanged);
    m_model->setFilter(withText(u"cafe"_s));
    QCOMPARE(count.size(), 1);
    QCOMPARE(count.last().at(0).value<qsizetype>(), 2);
    QCOMPARE(shownTitles({}), QStringList{u"Acme CRM"_s}); // Dev has no match
    const QModelIndex acme = m_model->index(0, 0);
    QCOMPARE(shownTitles(acme), QStringList{u"People"_s}); // nor do Companies
    QCOMPARE(shownTitles(m_model->index(0, 0, acme)),
             (QStringList{u"Café Noir"_s, u"CAFE society"_s}));

    m_model->setFilter(withText(u"sale"_s));
    QCOMPARE(m_model->matchCount(), 4);
    QCOMPARE(shownTitles({}), (QStringList{u"Acme CRM"_s, u"Dev"_s}));
    const QModelIndex acme2 = m_model->index(0, 0);
    QCOMPARE(shownTitles(acme2), (QStringList{u"People"_s, u"Companies"_s}));
    const QModelIndex people = m_model->index(0, 0, acme2);
    QCOMPARE(shownTitles(people), (QStringList{u"Sales pipeline"_s, u"Wholesale partners"_s}));
    QVERIFY(people.siblingAtColumn(RecordTreeModel::TypeColumn)
                .data()
                .toString()
                .startsWith(u"2 match"_s));
    QCOMPARE(shownTitles(m_model->index(0, 0, m_model->index(1, 0))),
             QStringList{u"Sync fails for sales"_s});
}

void TestRecordFilter::recordRowsAnswerTheExplorersRoles()
{
    makeModel();
    m_model->setFilter(withText(u"sync"_s));
    const QModelIndex dev = m_model->index(0, 0);
    QCOMPARE(dev.data(RecordTreeModel::NodeKindRole).value<Kind>(), Kind::Account);
    QCOMPARE(dev.data(RecordTreeModel::VendorRole).value<Vendor>(), Vendor::DevRev);
    QCOMPARE(dev.data(RecordTreeModel::AccountRole).toString(), Dev);
    QCOMPARE(dev.siblingAtColumn(RecordTreeModel::TypeColumn).data().toString(),
             vendorDisplayName(Vendor::DevRev));
    const QModelIndex issues = m_model->index(0, 0, dev);
    QCOMPARE(issues.data().toString(), u"Issues"_s);
    QCOMPARE(issues.data(RecordTreeModel::NodeKindRole).value<Kind>(), Kind::RecordType);
    QCOMPARE(issues.data(RecordTreeModel::RecordTypeRole).toString(), u"issue"_s);
    const QModelIndex sync = m_model->index(0, 0, issues);
    QCOMPARE(sync.data(RecordTreeModel::NodeKindRole).value<Kind>(), Kind::Record);
    QCOMPARE(sync.data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), issue(12));
    QCOMPARE(sync.data(RecordTreeModel::VendorRole).value<Vendor>(), Vendor::DevRev);
    QCOMPARE(sync.data(RecordTreeModel::AccountRole).toString(), Dev);
    QCOMPARE(sync.data(RecordTreeModel::RecordTypeRole).toString(), u"issue"_s);
    QCOMPARE(sync.siblingAtColumn(RecordTreeModel::TypeColumn).data().toString(), u"issue"_s);
    QVERIFY(!m_model->hasChildren(sync));
    QCOMPARE(m_model->parent(sync), issues);
    QCOMPARE(m_model->indexOfRecord(issue(12)), sync);
    QVERIFY(!m_model->indexOfRecord(issue(120)).isValid());
}

void TestRecordFilter::aTypeShowsAPageAndFetchesMore()
{
    QList<Record> more;
    for (int i = 0; i < 7; ++i)
        more.append(record(company(u"c%1"_s.arg(i)), u"Salt mine %1"_s.arg(i)));
    QVERIFY(m_repository->upsertRecords(more).ok());
    m_model = std::make_unique<SearchResultsModel>(m_search.get());
    m_model->setPageSize(3);
    m_model->setFilter(withText(u"salt"_s));
    const QModelIndex companies = m_model->index(0, 0, m_model->index(0, 0));
    QCOMPARE(m_model->rowCount(companies), 3);
    QCOMPARE(m_model->matchCount(), 7);
    QVERIFY(m_model->canFetchMore(companies));
    QCOMPARE(companies.siblingAtColumn(RecordTreeModel::StatusColumn).data().toString(),
             u"3 shown"_s);
    QVERIFY(!companies.data(Qt::ToolTipRole).toString().isEmpty());
    m_model->fetchMore(companies);
    QCOMPARE(m_model->rowCount(companies), 6);
    m_model->fetchMore(companies);
    QCOMPARE(m_model->rowCount(companies), 7);
    QVERIFY(!m_model->canFetchMore(companies));
    QVERIFY(companies.siblingAtColumn(RecordTreeModel::StatusColumn).data().toString().isEmpty());

    // The tester fetches everything it can, as a view expanding every row would.
    m_model->setFilter(withText(u"sal"_s));
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex salt = m_model->index(1, 0, m_model->index(0, 0));
    while (m_model->canFetchMore(salt))
        m_model->fetchMore(salt);
    QCOMPARE(m_model->rowCount(salt), 8);
}

void TestRecordFilter::newMatchingRecordAppearsInRankOrder()
{
    makeModel();
    m_model->setFilter(withText(u"sale"_s));
    const QModelIndex people = m_model->index(0, 0, m_model->index(0, 0));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QVERIFY(m_repository
                ->upsertRecords({record(person(u"6"_s), u"Sale of the century"_s),
                                 record(person(u"7"_s), u"Nothing to see"_s)})
                .ok());
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(0).toModelIndex(), people);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1); // after "Sales pipeline", before "Wholesale…"
    QCOMPARE(shownTitles(people),
             (QStringList{u"Sales pipeline"_s, u"Sale of the century"_s, u"Wholesale partners"_s}));
    QVERIFY(people.siblingAtColumn(RecordTreeModel::TypeColumn)
                .data()
                .toString()
                .startsWith(u"3 match"_s));
    QCOMPARE(m_model->matchCount(), 5);
}

void TestRecordFilter::recordInANewTypeAppearsUnderItsAccount()
{
    makeModel();
    m_model->setFilter(withText(u"crash"_s));
    QCOMPARE(shownTitles({}), QStringList{u"Dev"_s});
    QVERIFY(m_repository
                ->upsertRecords({record(RecordKey{Vendor::Copper, Acme, u"opportunity"_s, u"77"_s},
                                        u"Crash course deal"_s),
                                 record(RecordKey{Vendor::DevRev, Dev, u"ticket"_s, u"t1"_s},
                                        u"Crash in checkout"_s)})
                .ok());
    QCOMPARE(shownTitles({}), (QStringList{u"Acme CRM"_s, u"Dev"_s}));
    QCOMPARE(shownTitles(m_model->index(0, 0)), QStringList{u"opportunity"_s});
    QCOMPARE(shownTitles(m_model->index(1, 0)), (QStringList{u"Issues"_s, u"ticket"_s}));
    QCOMPARE(shownTitles(m_model->index(1, 0, m_model->index(1, 0))),
             QStringList{u"Crash in checkout"_s});
}

void TestRecordFilter::titleChangeThatStopsMatchingRemovesTheRowAndEmptyAncestors()
{
    makeModel();
    m_model->setFilter(withText(u"sale"_s));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_repository->upsertRecords({record(person(u"3"_s), u"Pipeline review"_s)}).ok());
    QCOMPARE(removed.size(), 1);
    const QModelIndex acme = m_model->index(0, 0);
    QCOMPARE(shownTitles(m_model->index(0, 0, acme)), QStringList{u"Wholesale partners"_s});

    // The last match of a type takes the type with it; the last of an account, the account.
    QVERIFY(m_repository->upsertRecords({record(company(u"10"_s), u"Force Inc"_s)}).ok());
    QCOMPARE(shownTitles(acme), QStringList{u"People"_s});
    QVERIFY(m_repository->upsertRecords({record(issue(12), u"Sync fails"_s)}).ok());
    QCOMPARE(shownTitles({}), QStringList{u"Acme CRM"_s});
    QCOMPARE(m_model->matchCount(), 1);
}

void TestRecordFilter::titleChangeThatKeepsMatchingUpdatesTheRow()
{
    makeModel();
    m_model->setFilter(withText(u"cafe"_s));
    const QModelIndex people = m_model->index(0, 0, m_model->index(0, 0));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    // Same rank (the title still starts with the text): the row stays and shows the new title.
    QVERIFY(m_repository->upsertRecords({record(person(u"2"_s), u"Café Society"_s)}).ok());
    QCOMPARE(removed.size(), 0);
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
        return args.at(0).toModelIndex() == m_model->index(1, 0, people);
    }));
    QCOMPARE(shownTitles(people), (QStringList{u"Café Noir"_s, u"Café Society"_s}));
    // A better rank moves it up.
    QVERIFY(m_repository->upsertRecords({record(person(u"2"_s), u"Cafe"_s)}).ok());
    QCOMPARE(shownTitles(people), (QStringList{u"Cafe"_s, u"Café Noir"_s}));
}

void TestRecordFilter::linkChangesMoveRecordsInAndOutOfLinkFilters()
{
    makeModel();
    RecordFilter filter;
    filter.links = Links::WithLinks;
    filter.text = u"a"_s;
    m_model->setFilter(filter);
    const QModelIndex acme = m_model->index(0, 0);
    const QModelIndex people = childNamed(acme, u"People"_s);
    QCOMPARE(shownTitles(people), (QStringList{u"Café Noir"_s, u"Sales pipeline"_s}));

    const Link added = link(person(u"2"_s), person(u"140000014"_s));
    QVERIFY(m_repository->upsertLinks({added}).ok());
    QCOMPARE(
        shownTitles(people),
        (QStringList{u"Café Noir"_s, u"CAFE society"_s, u"Sales pipeline"_s, u"Grace Hopper"_s}));
    QVERIFY(m_repository->removeLinks({added.key()}).ok());
    QCOMPARE(shownTitles(people), (QStringList{u"Café Noir"_s, u"Sales pipeline"_s}));

    // Removing one of two links of a type keeps the record; removing the last one does not.
    filter = RecordFilter();
    filter.linkTypes = {u"related"_s};
    m_model->setFilter(filter);
    QVERIFY(m_repository->upsertLinks({link(person(u"1"_s), company(u"10"_s))}).ok());
    QCOMPARE(shownTitles(childNamed(m_model->index(0, 0), u"Companies"_s)),
             (QStringList{u"Analytical Engines Ltd"_s, u"Salesforce Inc"_s}));
    QVERIFY(m_repository->removeLinks({link(person(u"1"_s), company(u"9"_s)).key()}).ok());
    QCOMPARE(shownTitles(childNamed(m_model->index(0, 0), u"Companies"_s)),
             QStringList{u"Salesforce Inc"_s});
    QCOMPARE(shownTitles(childNamed(m_model->index(0, 0), u"People"_s)),
             (QStringList{u"Café Noir"_s, u"Sales pipeline"_s}));
}

void TestRecordFilter::stubThatBecomesFullAppears()
{
    makeModel();
    RecordFilter filter = withText(u"salesman"_s);
    filter.links = Links::WithLinks;
    m_model->setFilter(filter);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_repository->upsertRecords({record(person(u"99"_s), u"Salesman of the year"_s)}).ok());
    QCOMPARE(m_model->matchCount(), 1); // with the link it had as a stub
    QCOMPARE(shownTitles(m_model->index(0, 0, m_model->index(0, 0))),
             QStringList{u"Salesman of the year"_s});
}

void TestRecordFilter::manyChangesAtOnceReplaceTheTypesRows()
{
    makeModel();
    m_model->setPageSize(10);
    m_model->setFilter(withText(u"bulk"_s));
    QVERIFY(m_repository->upsertRecords({record(person(u"b0"_s), u"A bulk order"_s)}).ok());
    const QModelIndex people = m_model->index(0, 0, m_model->index(0, 0));
    QCOMPARE(shownTitles(people), QStringList{u"A bulk order"_s});

    QList<Record> many;
    for (int i = 1; i <= 40; ++i)
        many.append(record(person(u"b%1"_s.arg(i)), u"Bulk %1"_s.arg(i)));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(m_repository->upsertRecords(many).ok());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->rowCount(people), 10);
    QCOMPARE(people.data().toString(), u"People"_s);
    QCOMPARE(m_model->index(0, 0, people).data().toString(), u"Bulk 1"_s); // better rank first
    QCOMPARE(m_model->matchCount(), 41);
    QVERIFY(m_model->canFetchMore(people));

    // Matches past the shown rows change nothing a view shows but the count.
    removed.clear();
    inserted.clear();
    QVERIFY(m_repository->upsertRecords({record(person(u"b99"_s), u"Some bulk"_s)}).ok());
    QCOMPARE(removed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(m_model->matchCount(), 42);
}

void TestRecordFilter::repositoryResetReappliesTheFilter()
{
    makeModel();
    m_model->setFilter(withText(u"cafe"_s));
    QCOMPARE(m_model->matchCount(), 2);
    const QString path = m_repository->path();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_repository->close();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_model->isActive()); // the filter stays, with nothing to show
    QVERIFY(m_repository->open(path).ok());
    QCOMPARE(reset.size(), 2);
    QCOMPARE(m_model->matchCount(), 2);
    QCOMPARE(shownTitles(m_model->index(0, 0, m_model->index(0, 0))),
             (QStringList{u"Café Noir"_s, u"CAFE society"_s}));
    // Live updates keep working on the rebuilt index.
    QVERIFY(m_repository->upsertRecords({record(person(u"8"_s), u"Cafeteria"_s)}).ok());
    QCOMPARE(m_model->matchCount(), 3);
}

QTEST_GUILESS_MAIN(TestRecordFilter)
#include "tst_recordfilter.moc"
