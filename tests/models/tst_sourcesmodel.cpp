// SourcesModel: accounts, their record types, how many records the workspace holds of each and
// when each was last read in full; following the accounts, the records and the sync times.

#include "models/linkrepository.h"
#include "models/recordtreemodel.h"
#include "models/sourcesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

/// Accounts without a network.
class FixedSource : public RecordSource
{
public:
    QList<AccountInfo> list;
    QList<AccountInfo> accounts() const override { return list; }
    void fetchRecords(Vendor, const QString &, const QString &) override { }
    void fetchLinks(const RecordKey &) override { }
    int activeRequests() const override { return 0; }
    void setAccounts(const QList<AccountInfo> &accounts)
    {
        list = accounts;
        Q_EMIT accountsChanged();
    }
};

RecordKey person(const QString &id)
{
    return {Vendor::Copper, u"sales"_s, u"person"_s, id};
}

} // namespace

class TestSourcesModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void accountsTypesAndCounts();
    void followsRecordsAndSyncTimes();
    void followsAccounts();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repo;
    std::unique_ptr<FixedSource> m_source;
    std::unique_ptr<SourcesModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestSourcesModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repo = std::make_unique<LinkRepository>();
    QVERIFY(m_repo->open(m_dir->filePath(u"w.linkloom"_s)));
    m_source = std::make_unique<FixedSource>();
    m_source->list = {{Vendor::Copper,
                       u"sales"_s,
                       u"Sales"_s,
                       {{u"person"_s, u"People"_s}, {u"company"_s, u"Companies"_s}}},
                      {Vendor::Pm415, u"b"_s, u"Backlog"_s, {{u"bug"_s, u"Bugs"_s}}}};
    QVERIFY(m_repo->upsertRecords(
        {{person(u"1"_s), u"Ada"_s, {}, {}}, {person(u"2"_s), u"Bob"_s, {}, {}}}));
    m_model = std::make_unique<SourcesModel>(m_repo.get(), m_source.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestSourcesModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_source.reset();
    m_repo.reset();
    m_dir.reset();
}

void TestSourcesModel::accountsTypesAndCounts()
{
    QCOMPARE(m_model->rowCount(), 2);
    const QModelIndex sales = m_model->index(0, 0);
    QCOMPARE(sales.data().toString(), u"Sales"_s);
    QCOMPARE(sales.siblingAtColumn(SourcesModel::RecordsColumn).data().toString(), u"2"_s);
    QCOMPARE(sales.data(RecordTreeModel::NodeKindRole).value<RecordTreeModel::NodeKind>(),
             RecordTreeModel::NodeKind::Account);
    QCOMPARE(sales.data(RecordTreeModel::VendorRole).value<Vendor>(), Vendor::Copper);
    QCOMPARE(m_model->rowCount(sales), 2);
    const QModelIndex people = m_model->index(0, 0, sales);
    QCOMPARE(people.data().toString(), u"People"_s);
    QCOMPARE(people.data(RecordTreeModel::RecordTypeRole).toString(), u"person"_s);
    QCOMPARE(people.data(RecordTreeModel::AccountRole).toString(), u"sales"_s);
    QCOMPARE(people.siblingAtColumn(SourcesModel::RecordsColumn).data().toString(), u"2"_s);
    QCOMPARE(people.siblingAtColumn(SourcesModel::SyncedColumn).data().toString(), u"never"_s);
    QCOMPARE(m_model->index(1, 0, sales).siblingAtColumn(SourcesModel::RecordsColumn).data(),
             QVariant(u"0"_s));
}

void TestSourcesModel::followsRecordsAndSyncTimes()
{
    const QModelIndex people = m_model->index(0, 0, m_model->index(0, 0));
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_repo->upsertRecords({{person(u"3"_s), u"Cy"_s, {}, {}}}));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(people.siblingAtColumn(SourcesModel::RecordsColumn).data().toString(), u"3"_s);
    QCOMPARE(m_model->index(0, SourcesModel::RecordsColumn).data().toString(), u"3"_s);

    changed.clear();
    const QDateTime when = QDateTime::currentDateTimeUtc();
    QVERIFY(m_repo->markSynced(Vendor::Copper, u"sales"_s, u"person"_s, when));
    QVERIFY(!changed.isEmpty());
    // Today: the time only.
    QCOMPARE(people.siblingAtColumn(SourcesModel::SyncedColumn).data().toString(),
             QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat));

    // The time survives a reopen of the workspace.
    m_repo->close();
    QVERIFY(m_repo->open(m_dir->filePath(u"w.linkloom"_s)));
    QCOMPARE(m_repo->lastSynced(Vendor::Copper, u"sales"_s, u"person"_s).toMSecsSinceEpoch(),
             when.toMSecsSinceEpoch());
    QVERIFY(!m_repo->lastSynced(Vendor::Copper, u"sales"_s, u"company"_s).isValid());
}

void TestSourcesModel::followsAccounts()
{
    m_source->setAccounts({m_source->list.at(1)});
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, 0).data().toString(), u"Backlog"_s);
}

QTEST_GUILESS_MAIN(TestSourcesModel)
#include "tst_sourcesmodel.moc"
