#include "models/linkrepository.h"
#include "models/recordtreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = RecordTreeModel::NodeKind;
using FetchState = RecordTreeModel::FetchState;

namespace {

/// A RecordSource the test drives by hand: it records requests and answers when told to.
class FakeSource : public RecordSource
{
public:
    QList<AccountInfo> accounts() const override
    {
        return {AccountInfo{Vendor::Copper,
                            u"acme"_s,
                            u"Acme CRM"_s,
                            {{u"person"_s, u"People"_s}, {u"company"_s, u"Companies"_s}}}};
    }
    void fetchRecords(Vendor, const QString &, const QString &type) override
    {
        recordRequests.append(type);
    }
    void fetchLinks(const RecordKey &record) override { linkRequests.append(record); }
    int activeRequests() const override { return 0; }

    QStringList recordRequests;
    QList<RecordKey> linkRequests;
};

RecordKey key(const QString &type, const QString &id)
{
    return RecordKey{Vendor::Copper, u"acme"_s, type, id};
}

Record record(const QString &type, const QString &id, const QString &title)
{
    return Record{key(type, id), title, {}, {}};
}

Link related(const RecordKey &a, const RecordKey &b, LinkState state = LinkState::Confirmed)
{
    Link link;
    link.source = a;
    link.target = b;
    link.type = u"related"_s;
    link.state = state;
    return link;
}

} // namespace

class TestRecordTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void showsAccountsAndRecordTypes();
    void fetchMoreAsksTheSourceOnceAndShowsLoading();
    void newRecordsAppendUnderTheirPopulatedType();
    void cachedRecordsShowBeforeAnyFetch();
    void failedFetchShowsTheErrorAndRefreshRetries();
    void linkAddedAppearsUnderBothEnds();
    void linkStateChangeUpdatesTheRow();
    void linkRemovedDisappearsEverywhereIncludingNestedCopies();
    void stubGetsItsTitleWhenTheRecordArrives();
    void fetchedRecordWithoutLinksHasNoChildren();
    void closingTheRepositoryResetsTheModel();

private:
    void attachTester();
    QModelIndex typeIndex(const QString &label) const;
    QModelIndex childWithTitle(const QModelIndex &parent, const QString &title) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<FakeSource> m_source;
    std::unique_ptr<RecordTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestRecordTreeModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"tree.linkloom"_s)).ok());
    m_source = std::make_unique<FakeSource>();
    m_model = std::make_unique<RecordTreeModel>(m_repository.get(), m_source.get());
}

// The tester walks the whole tree when attached, calling fetchMore() on every node that can
// fetch more, like a view expanding everything. Tests of lazy loading attach it after checking
// what happens before anything was fetched; all others attach it first.
void TestRecordTreeModel::attachTester()
{
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestRecordTreeModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_source.reset();
    m_repository.reset();
    m_dir.reset();
}

QModelIndex TestRecordTreeModel::typeIndex(const QString &label) const
{
    const QModelIndex account = m_model->index(0, 0);
    for (int row = 0; row < m_model->rowCount(account); ++row) {
        const QModelIndex index = m_model->index(row, 0, account);
        if (index.data().toString() == label)
            return index;
    }
    return {};
}

QModelIndex TestRecordTreeModel::childWithTitle(const QModelIndex &parent,
                                                const QString &title) const
{
    for (int row = 0; row < m_model->rowCount(parent); ++row) {
        const QModelIndex index = m_model->index(row, 0, parent);
        if (index.data().toString() == title)
            return index;
    }
    return {};
}

void TestRecordTreeModel::showsAccountsAndRecordTypes()
{
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex account = m_model->index(0, 0);
    QCOMPARE(account.data().toString(), u"Acme CRM"_s);
    QCOMPARE(account.siblingAtColumn(RecordTreeModel::TypeColumn).data().toString(),
             vendorDisplayName(Vendor::Copper));
    QCOMPARE(account.data(RecordTreeModel::NodeKindRole).value<Kind>(), Kind::Account);
    QCOMPARE(m_model->rowCount(account), 2);
    const QModelIndex people = typeIndex(u"People"_s);
    QVERIFY(people.isValid());
    QCOMPARE(people.data(RecordTreeModel::NodeKindRole).value<Kind>(), Kind::RecordType);
    QCOMPARE(people.data(RecordTreeModel::RecordTypeRole).toString(), u"person"_s);
    QVERIFY(m_model->hasChildren(people));
    QVERIFY(m_model->canFetchMore(people));
    QVERIFY(!m_model->canFetchMore(account));
    attachTester();
}

void TestRecordTreeModel::fetchMoreAsksTheSourceOnceAndShowsLoading()
{
    const QModelIndex people = typeIndex(u"People"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->fetchMore(people);
    QCOMPARE(m_source->recordRequests, QStringList{u"person"_s});
    QCOMPARE(people.data(RecordTreeModel::FetchStateRole).value<FetchState>(),
             FetchState::Fetching);
    QVERIFY(!people.siblingAtColumn(RecordTreeModel::StatusColumn).data().toString().isEmpty());
    QVERIFY(!changed.isEmpty());
    QVERIFY(!m_model->canFetchMore(people));
    m_model->fetchMore(people);
    QCOMPARE(m_source->recordRequests.size(), 1);

    Q_EMIT m_source->recordsFetched(Vendor::Copper, u"acme"_s, u"person"_s, Result::success());
    QCOMPARE(people.data(RecordTreeModel::FetchStateRole).value<FetchState>(), FetchState::Fetched);
    QVERIFY(people.siblingAtColumn(RecordTreeModel::StatusColumn).data().toString().isEmpty());
    QVERIFY(!m_model->canFetchMore(people));
    attachTester();
}

void TestRecordTreeModel::newRecordsAppendUnderTheirPopulatedType()
{
    attachTester();
    const QModelIndex people = typeIndex(u"People"_s);
    QCOMPARE(m_model->rowCount(people), 0);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(m_repository
                ->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s),
                                 record(u"person"_s, u"2"_s, u"Grace Hopper"_s),
                                 record(u"company"_s, u"9"_s, u"Analytical Engines"_s)})
                .ok());
    QCOMPARE(inserted.size(), 2); // one batch per type shown
    const int peopleBatch = inserted.at(0).at(0).toModelIndex() == people ? 0 : 1;
    QCOMPARE(inserted.at(peopleBatch).at(0).toModelIndex(), people);
    QCOMPARE(inserted.at(peopleBatch).at(1).toInt(), 0);
    QCOMPARE(inserted.at(peopleBatch).at(2).toInt(), 1);
    QCOMPARE(inserted.at(1 - peopleBatch).at(0).toModelIndex(), typeIndex(u"Companies"_s));
    QCOMPARE(m_model->rowCount(people), 2);
    const QModelIndex grace = m_model->index(1, 0, people);
    QCOMPARE(grace.data().toString(), u"Grace Hopper"_s);
    QCOMPARE(grace.data(RecordTreeModel::RecordKeyRole).value<RecordKey>(),
             key(u"person"_s, u"2"_s));
    QCOMPARE(m_model->parent(grace), people);

    QVERIFY(m_repository->upsertRecords({record(u"person"_s, u"2"_s, u"Grace B. Hopper"_s)}).ok());
    QCOMPARE(grace.data().toString(), u"Grace B. Hopper"_s);
    QCOMPARE(m_model->rowCount(people), 2);
}

void TestRecordTreeModel::cachedRecordsShowBeforeAnyFetch()
{
    QVERIFY(
        m_repository->upsertRecords({record(u"company"_s, u"9"_s, u"Analytical Engines"_s)}).ok());
    const QModelIndex companies = typeIndex(u"Companies"_s);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(m_repository->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s)}).ok());
    QVERIFY(inserted.isEmpty()); // nobody looked at People yet: no rows to announce
    QCOMPARE(m_model->rowCount(companies), 1);
    QCOMPARE(m_model->rowCount(typeIndex(u"People"_s)), 1);
    QVERIFY(m_model->canFetchMore(companies)); // still refreshed once from the vendor
    attachTester();
}

void TestRecordTreeModel::failedFetchShowsTheErrorAndRefreshRetries()
{
    attachTester();
    const QModelIndex people = typeIndex(u"People"_s);
    m_model->fetchMore(people);
    Q_EMIT m_source->recordsFetched(Vendor::Copper, u"acme"_s, u"person"_s,
                                    Result::failure(u"Copper could not be reached."_s));
    QCOMPARE(people.data(RecordTreeModel::FetchStateRole).value<FetchState>(), FetchState::Failed);
    QCOMPARE(people.data(Qt::ToolTipRole).toString(), u"Copper could not be reached."_s);
    QVERIFY(!m_model->canFetchMore(people)); // no automatic retry loop from the view
    const auto before = m_source->recordRequests.count(u"person"_s);
    m_model->refresh(people);
    QCOMPARE(m_source->recordRequests.count(u"person"_s), before + 1);
    QCOMPARE(people.data(RecordTreeModel::FetchStateRole).value<FetchState>(),
             FetchState::Fetching);
}

void TestRecordTreeModel::linkAddedAppearsUnderBothEnds()
{
    QVERIFY(m_repository
                ->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s),
                                 record(u"company"_s, u"9"_s, u"Analytical Engines"_s)})
                .ok());
    const QModelIndex ada = childWithTitle(typeIndex(u"People"_s), u"Ada Lovelace"_s);
    const QModelIndex engines = childWithTitle(typeIndex(u"Companies"_s), u"Analytical Engines"_s);
    QVERIFY(ada.isValid() && engines.isValid());
    QCOMPARE(m_model->rowCount(ada), 0);
    QCOMPARE(m_model->rowCount(engines), 0);
    QVERIFY(m_model->canFetchMore(ada));
    m_model->fetchMore(ada);
    QCOMPARE(m_source->linkRequests, QList<RecordKey>{key(u"person"_s, u"1"_s)});
    attachTester();

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(
        m_repository->upsertLinks({related(key(u"person"_s, u"1"_s), key(u"company"_s, u"9"_s))})
            .ok());
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(m_model->rowCount(ada), 1);
    QCOMPARE(m_model->rowCount(engines), 1);
    const QModelIndex linked = m_model->index(0, 0, ada);
    QCOMPARE(linked.data().toString(), u"Analytical Engines"_s);
    QCOMPARE(linked.data(RecordTreeModel::NodeKindRole).value<Kind>(), Kind::LinkedRecord);
    QCOMPARE(linked.data(RecordTreeModel::LinkStateRole).value<LinkState>(), LinkState::Confirmed);
    QCOMPARE(m_model->index(0, 0, engines).data().toString(), u"Ada Lovelace"_s);
}

void TestRecordTreeModel::linkStateChangeUpdatesTheRow()
{
    attachTester();
    QVERIFY(m_repository->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s)}).ok());
    const RecordKey ada = key(u"person"_s, u"1"_s);
    const RecordKey engines = key(u"company"_s, u"9"_s);
    QVERIFY(m_repository->upsertLinks({related(ada, engines, LinkState::Pending)}).ok());
    const QModelIndex adaIndex = childWithTitle(typeIndex(u"People"_s), u"Ada Lovelace"_s);
    const QModelIndex linked = m_model->index(0, 0, adaIndex);
    QCOMPARE(linked.data(RecordTreeModel::LinkStateRole).value<LinkState>(), LinkState::Pending);
    QCOMPARE(linked.siblingAtColumn(RecordTreeModel::StatusColumn).data().toString(), u"Pending"_s);

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    Link failed = related(ada, engines, LinkState::Failed);
    failed.error = u"A person can have only one company."_s;
    QVERIFY(m_repository->upsertLinks({failed}).ok());
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).toModelIndex().row(), linked.row());
    QCOMPARE(linked.data(RecordTreeModel::LinkStateRole).value<LinkState>(), LinkState::Failed);
    QCOMPARE(linked.data(Qt::ToolTipRole).toString(), failed.error);
}

void TestRecordTreeModel::linkRemovedDisappearsEverywhereIncludingNestedCopies()
{
    attachTester();
    QVERIFY(m_repository
                ->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s),
                                 record(u"company"_s, u"9"_s, u"Analytical Engines"_s)})
                .ok());
    const RecordKey ada = key(u"person"_s, u"1"_s);
    const RecordKey engines = key(u"company"_s, u"9"_s);
    const RecordKey other = key(u"company"_s, u"10"_s);
    QVERIFY(m_repository->upsertLinks({related(ada, engines), related(ada, other)}).ok());

    // Ada > Analytical Engines > Ada > Analytical Engines: the same link shown at three depths.
    const QModelIndex adaIndex = childWithTitle(typeIndex(u"People"_s), u"Ada Lovelace"_s);
    const QModelIndex level1 = childWithTitle(adaIndex, u"Analytical Engines"_s);
    const QModelIndex level2 = childWithTitle(level1, u"Ada Lovelace"_s);
    const QModelIndex level3 = childWithTitle(level2, u"Analytical Engines"_s);
    QVERIFY(level3.isValid());
    QCOMPARE(m_model->rowCount(level2), 2);

    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_repository->removeLinks({related(ada, engines).key()}).ok());
    QVERIFY(!removed.isEmpty());
    QCOMPARE(m_model->rowCount(adaIndex), 1);
    QCOMPARE(m_model->index(0, 0, adaIndex).data(RecordTreeModel::RecordKeyRole).value<RecordKey>(),
             other);
}

void TestRecordTreeModel::stubGetsItsTitleWhenTheRecordArrives()
{
    attachTester();
    QVERIFY(m_repository->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s)}).ok());
    QVERIFY(m_repository->upsertLinks({related(key(u"person"_s, u"1"_s), key(u"task"_s, u"55"_s))})
                .ok());
    const QModelIndex ada = childWithTitle(typeIndex(u"People"_s), u"Ada Lovelace"_s);
    const QModelIndex task = m_model->index(0, 0, ada);
    QCOMPARE(task.data().toString(), u"task 55"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_repository->upsertRecords({record(u"task"_s, u"55"_s, u"Send the proposal"_s)}).ok());
    QVERIFY(!changed.isEmpty());
    QCOMPARE(task.data().toString(), u"Send the proposal"_s);
}

void TestRecordTreeModel::fetchedRecordWithoutLinksHasNoChildren()
{
    QVERIFY(m_repository->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s)}).ok());
    const QModelIndex ada = childWithTitle(typeIndex(u"People"_s), u"Ada Lovelace"_s);
    QVERIFY(m_model->hasChildren(ada)); // unknown until asked
    m_model->fetchMore(ada);
    Q_EMIT m_source->linksFetched(key(u"person"_s, u"1"_s), Result::success());
    QVERIFY(!m_model->hasChildren(ada));
    QVERIFY(!m_model->canFetchMore(ada));
    attachTester();
}

void TestRecordTreeModel::closingTheRepositoryResetsTheModel()
{
    attachTester();
    QVERIFY(m_repository->upsertRecords({record(u"person"_s, u"1"_s, u"Ada Lovelace"_s)}).ok());
    const QModelIndex people = typeIndex(u"People"_s);
    QCOMPARE(m_model->rowCount(people), 1);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_repository->close();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(typeIndex(u"People"_s)), 0);
}

QTEST_GUILESS_MAIN(TestRecordTreeModel)
#include "tst_recordtreemodel.moc"
