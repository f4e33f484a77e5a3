// The Pending Changes list over the workspace's open intents, under QAbstractItemModelTester:
// rows follow intents as they are added, moved on and closed, in words a person reads.

#include "models/intentsmodel.h"
#include "models/linkrepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using State = Intent::State;

namespace {

const RecordKey Ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
const RecordKey Acme{Vendor::Copper, u"demo"_s, u"company"_s, u"2"_s};
const RecordKey Globex{Vendor::Copper, u"demo"_s, u"company"_s, u"3"_s};

Link related(const RecordKey &a, const RecordKey &b)
{
    return {a, b, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}};
}

} // namespace

class TestIntentsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void rowsFollowTheIntents();
    void followsAReopenedWorkspace();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<IntentsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestIntentsModel::init()
{
    m_tester.reset();
    m_model.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"w.linkloom"_s)));
    QVERIFY(m_repository->upsertRecords({{Ada, u"Ada Lovelace"_s, {}, {}},
                                         {Acme, u"Acme Corp"_s, {}, {}},
                                         {Globex, u"Globex"_s, {}, {}}}));
    LinkType type;
    type.id = u"related"_s;
    type.name = u"Related Items"_s;
    type.forwardLabel = type.backwardLabel = u"is related to"_s;
    QVERIFY(m_repository->saveLinkTypes(Vendor::Copper, u"demo"_s, {type}));
    QVERIFY(m_repository->upsertLinks({related(Ada, Globex)}));
    m_model = std::make_unique<IntentsModel>(m_repository.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestIntentsModel::rowsFollowTheIntents()
{
    QCOMPARE(m_model->rowCount(), 0);
    Intent add;
    add.link = related(Ada, Acme);
    QVERIFY(m_repository->addIntent(add));
    Intent remove;
    remove.kind = Intent::Kind::RemoveLink;
    remove.link = related(Ada, Globex);
    QVERIFY(m_repository->addIntent(remove));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(0, IntentsModel::ChangeColumn).data().toString(),
             u"Link “Ada Lovelace” and “Acme Corp” (is related to)"_s);
    QCOMPARE(m_model->index(1, IntentsModel::ChangeColumn).data().toString(),
             u"Remove the link between “Globex” and “Ada Lovelace” (is related to)"_s);
    QCOMPARE(m_model->index(0, IntentsModel::StateColumn).data().toString(), u"Waiting"_s);
    QCOMPARE(m_model->index(1, 0).data(IntentsModel::IntentIdRole).toLongLong(), remove.id);

    // Moved on in place: the row (and a selection on it) stays.
    const QPersistentModelIndex second = m_model->index(1, 0);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_repository->setIntentState(remove.id, State::Sending));
    QVERIFY(m_repository->setIntentState(remove.id, State::Failed, u"Copper: 422 locked"_s));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(second.row(), 1);
    QCOMPARE(m_model->index(1, IntentsModel::StateColumn).data().toString(), u"Failed"_s);
    QCOMPARE(m_model->index(1, IntentsModel::MessageColumn).data().toString(),
             u"Copper: 422 locked"_s);
    QCOMPARE(m_model->index(1, 0).data(IntentsModel::IntentStateRole).value<State>(),
             State::Failed);
    QVERIFY(m_model->index(1, 0).data(Qt::ToolTipRole).toString().contains(u"sent 1 time"_s));

    // Closed: the row goes; the other one moves up.
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_repository->setIntentState(add.id, State::Confirmed));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(second.row(), 0);
    QCOMPARE(m_model->intentAt(m_model->index(0, 0))->id, remove.id);
    QVERIFY(!m_model->intentAt({}));

    // A record's new title shows.
    QVERIFY(m_repository->upsertRecords({{Globex, u"Globex Corporation"_s, {}, {}}}));
    QVERIFY(m_model->index(0, 0).data().toString().contains(u"Globex Corporation"_s));
}

void TestIntentsModel::followsAReopenedWorkspace()
{
    Intent add;
    add.link = related(Ada, Acme);
    QVERIFY(m_repository->addIntent(add));
    const QString path = m_repository->path();
    QVERIFY(m_repository->open(path)); // reopened: a reset
    QCOMPARE(m_model->rowCount(), 1);
    m_repository->close();
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestIntentsModel)
#include "tst_intentsmodel.moc"
