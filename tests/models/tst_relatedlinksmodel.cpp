// RelatedLinksModel: a record's links grouped by link type and the direction they read from the
// record, with the vendor's labels, following the repository as it changes.

#include "models/linkrepository.h"
#include "models/relatedlinksmodel.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

RecordKey work(const QString &type, const QString &id)
{
    return {Vendor::DevRev, u"d"_s, type, id};
}

Link directed(const RecordKey &source, const RecordKey &target, const QString &type)
{
    return {source, target, type, LinkDirection::Directed, {}, LinkState::Confirmed, {}};
}

} // namespace

class TestRelatedLinksModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void groupsByTypeAndDirection();
    void unknownTypesShowTheirId();
    void followsTheRepository();
    void emptyWithoutARecord();

private:
    /// "label (n): title, title | label (n): ..." of the model's rows.
    QString shape() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repo;
    std::unique_ptr<RelatedLinksModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const RecordKey m_issue = work(u"issue"_s, u"ISS-1"_s);
};

void TestRelatedLinksModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repo = std::make_unique<LinkRepository>();
    QVERIFY(m_repo->open(m_dir->filePath(u"w.linkloom"_s)));
    QVERIFY(m_repo->saveLinkTypes(Vendor::DevRev, u"d"_s,
                                  {{u"is_parent_of"_s,
                                    u"Parent"_s,
                                    u"is parent of"_s,
                                    u"is child of"_s,
                                    LinkDirection::Directed,
                                    {},
                                    {},
                                    false},
                                   {u"is_related_to"_s,
                                    u"Related"_s,
                                    u"is related to"_s,
                                    u"is related to"_s,
                                    LinkDirection::Undirected,
                                    {},
                                    {},
                                    false}}));
    QVERIFY(m_repo->upsertRecords({
        {m_issue, u"Checkout fails"_s, {}, {}},
        {work(u"issue"_s, u"ISS-2"_s), u"beta"_s, {}, {}},
        {work(u"issue"_s, u"ISS-3"_s), u"Alpha"_s, {}, {}},
        {work(u"ticket"_s, u"TKT-1"_s), u"Customer cannot pay"_s, {}, {}},
    }));
    m_model = std::make_unique<RelatedLinksModel>(m_repo.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestRelatedLinksModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_repo.reset();
    m_dir.reset();
}

QString TestRelatedLinksModel::shape() const
{
    QStringList groups;
    for (int g = 0; g < m_model->rowCount(); ++g) {
        const QModelIndex group = m_model->index(g, 0);
        QStringList rows;
        for (int r = 0; r < m_model->rowCount(group); ++r)
            rows.append(m_model->index(r, 0, group).data().toString());
        groups.append(group.data().toString() + u": "_s + rows.join(u", "_s));
    }
    return groups.join(u" | "_s);
}

void TestRelatedLinksModel::groupsByTypeAndDirection()
{
    QVERIFY(m_repo->upsertLinks({
        directed(m_issue, work(u"issue"_s, u"ISS-2"_s), u"is_parent_of"_s),
        directed(m_issue, work(u"issue"_s, u"ISS-3"_s), u"is_parent_of"_s),
        directed(work(u"ticket"_s, u"TKT-1"_s), m_issue, u"is_parent_of"_s),
        {work(u"ticket"_s, u"TKT-1"_s),
         m_issue,
         u"is_related_to"_s,
         LinkDirection::Undirected,
         {},
         LinkState::Pending,
         {}},
    }));
    m_model->setRecord(m_issue);
    // Groups by label, records by title (case-insensitive); each direction its own label; an
    // undirected type reads the same from both ends.
    QCOMPARE(shape(),
             u"is child of (1): Customer cannot pay | "
             "is parent of (2): Alpha, beta | "
             "is related to (1): Customer cannot pay"_s);
    QCOMPARE(m_model->linkCount(), 4);

    const QModelIndex related = m_model->index(2, 0);
    QCOMPARE(related.data(RelatedLinksModel::IsGroupRole).toBool(), true);
    QCOMPARE(related.data(RelatedLinksModel::LinkTypeRole).toString(), u"is_related_to"_s);
    const QModelIndex row = m_model->index(0, 0, related);
    QCOMPARE(row.data(RelatedLinksModel::RecordKeyRole).value<RecordKey>(),
             work(u"ticket"_s, u"TKT-1"_s));
    QCOMPARE(row.data(RelatedLinksModel::LinkStateRole).value<LinkState>(), LinkState::Pending);
    QCOMPARE(row.siblingAtColumn(RelatedLinksModel::StateColumn).data().toString(), u"Pending"_s);
    QCOMPARE(row.siblingAtColumn(RelatedLinksModel::TypeColumn).data().toString(), u"ticket"_s);
    QCOMPARE(row.data(RelatedLinksModel::IsGroupRole).toBool(), false);

    // From the other end the same link reads the other way.
    m_model->setRecord(work(u"issue"_s, u"ISS-2"_s));
    QCOMPARE(shape(), u"is child of (1): Checkout fails"_s);
}

void TestRelatedLinksModel::unknownTypesShowTheirId()
{
    // A link of a type the account's list does not have (yet), to a record known only by key.
    QVERIFY(m_repo->upsertLinks({directed(m_issue, work(u"task"_s, u"TSK-9"_s), u"custom/3"_s)}));
    m_model->setRecord(m_issue);
    QCOMPARE(shape(), u"custom/3 (1): task TSK-9"_s);
    // Once the types are read, the label shows.
    auto types = m_repo->linkTypes(Vendor::DevRev, u"d"_s);
    types.append({u"custom/3"_s,
                  u"Blocks"_s,
                  u"blocks"_s,
                  u"is blocked by"_s,
                  LinkDirection::Directed,
                  {},
                  {},
                  false});
    QVERIFY(m_repo->saveLinkTypes(Vendor::DevRev, u"d"_s, types));
    QCOMPARE(shape(), u"blocks (1): task TSK-9"_s);
}

void TestRelatedLinksModel::followsTheRepository()
{
    m_model->setRecord(m_issue);
    QCOMPARE(m_model->rowCount(), 0);
    const Link child = directed(m_issue, work(u"issue"_s, u"ISS-2"_s), u"is_parent_of"_s);
    QVERIFY(m_repo->upsertLinks({child}));
    QCOMPARE(shape(), u"is parent of (1): beta"_s);
    // A title change of a record shown.
    QVERIFY(m_repo->upsertRecords({{work(u"issue"_s, u"ISS-2"_s), u"Beta, renamed"_s, {}, {}}}));
    QCOMPARE(shape(), u"is parent of (1): Beta, renamed"_s);
    // Links of other records change nothing here.
    QVERIFY(m_repo->upsertLinks({directed(work(u"issue"_s, u"ISS-3"_s),
                                          work(u"ticket"_s, u"TKT-1"_s), u"is_parent_of"_s)}));
    QCOMPARE(shape(), u"is parent of (1): Beta, renamed"_s);
    QVERIFY(m_repo->removeLinks({child.key()}));
    QCOMPARE(m_model->rowCount(), 0);
}

void TestRelatedLinksModel::emptyWithoutARecord()
{
    QVERIFY(
        m_repo->upsertLinks({directed(m_issue, work(u"issue"_s, u"ISS-2"_s), u"is_parent_of"_s)}));
    m_model->setRecord(m_issue);
    QCOMPARE(m_model->rowCount(), 1);
    m_model->setRecord(std::nullopt);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->record());
    QCOMPARE(m_model->headerData(0, Qt::Horizontal).toString(), u"Related record"_s);
}

QTEST_GUILESS_MAIN(TestRelatedLinksModel)
#include "tst_relatedlinksmodel.moc"
