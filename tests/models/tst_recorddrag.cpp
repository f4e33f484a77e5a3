// Records dragged onto records: the MIME data (keys only), what a drop accepts (hand-made MIME
// data: valid, damaged, newer, too many, mixed vendors, stale keys), and the record tree's drag
// and drop side under QAbstractItemModelTester.

#include "models/linkrepository.h"
#include "models/recorddrag.h"
#include "models/recordtreemodel.h"
#include "models/relatedlinksmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

RecordKey pm(const QString &type, const QString &id)
{
    return {Vendor::Pm415, u"demo"_s, type, id};
}

const RecordKey Bug = pm(u"bug"_s, u"1"_s);
const RecordKey OtherBug = pm(u"bug"_s, u"2"_s);
const RecordKey Item = pm(u"item"_s, u"3"_s);
const RecordKey Initiative = pm(u"initiative"_s, u"4"_s);
const RecordKey Person{Vendor::Copper, u"demo"_s, u"person"_s, u"5"_s};

/// MIME data as another program (or an older or newer Linkloom) might make it.
std::unique_ptr<QMimeData> handMade(const QByteArray &document)
{
    auto data = std::make_unique<QMimeData>();
    data->setData(QString(RecordDrag::MimeType), document);
    return data;
}

QByteArray document(const QJsonValue &version, const QJsonValue &keys)
{
    return QJsonDocument(QJsonObject{{u"version"_s, version}, {u"keys"_s, keys}}).toJson();
}

class NoSource : public RecordSource
{
public:
    QList<AccountInfo> accounts() const override
    {
        return {{Vendor::Pm415, u"demo"_s, u"Backlog"_s, {{u"bug"_s, u"Bugs"_s}}}};
    }
    void fetchRecords(Vendor, const QString &, const QString &) override { }
    void fetchLinks(const RecordKey &) override { }
    int activeRequests() const override { return 0; }
};

} // namespace

class TestRecordDrag : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void mimeDataCarriesKeysOnly();
    void decode_data();
    void decode();
    void check_data();
    void check();
    void multipleRecordsShareTheirChoices();
    void treeDragsAndTakesDrops();
    void relatedRecordsDrag();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LinkRepository> m_repository;
};

void TestRecordDrag::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"w.linkloom"_s)));
    QVERIFY(m_repository->upsertRecords({{Bug, u"Login fails"_s, {}, {}},
                                         {OtherBug, u"Crash on save"_s, {}, {}},
                                         {Item, u"Sign-in page"_s, {}, {}},
                                         {Initiative, u"Accounts"_s, {}, {}},
                                         {Person, u"Ada"_s, {}, {}}}));
    LinkType connection;
    connection.id = u"connection"_s;
    connection.name = u"Connection"_s;
    connection.forwardLabel = connection.backwardLabel = u"is connected to"_s;
    QVERIFY(m_repository->saveLinkTypes(Vendor::Pm415, u"demo"_s, {connection}));
}

void TestRecordDrag::mimeDataCarriesKeysOnly()
{
    QVERIFY(!RecordDrag::mimeData({}));
    std::unique_ptr<QMimeData> data(RecordDrag::mimeData({Bug, Item, Bug}));
    QVERIFY(data);
    const QJsonObject object
        = QJsonDocument::fromJson(data->data(QString(RecordDrag::MimeType))).object();
    QCOMPARE(object.value(u"version"_s).toInt(), RecordDrag::Version);
    QCOMPARE(object.value(u"keys"_s).toArray(),
             QJsonArray({Bug.toString(), Item.toString()})); // once each, in order
    QCOMPARE(object.keys(), QStringList({u"keys"_s, u"version"_s})); // no titles, no fields
    QCOMPARE(data->text(), Bug.toString() + u'\n' + Item.toString());
    QVERIFY(!data->text().contains(u"Login"_s));

    const RecordDrag::Decoded decoded = RecordDrag::decode(data.get());
    QVERIFY2(decoded.ok(), qPrintable(decoded.problem));
    QCOMPARE(decoded.keys, QList<RecordKey>({Bug, Item}));
}

void TestRecordDrag::decode_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<int>("keys");
    QTest::addColumn<QString>("problem");

    QJsonArray tooMany;
    for (int i = 0; i <= RecordDrag::MaxRecords; ++i)
        tooMany.append(pm(u"bug"_s, QString::number(i)).toString());

    QTest::newRow("valid") << document(1, QJsonArray{Bug.toString(), Item.toString()}) << 2
                           << QString();
    QTest::newRow("duplicates") << document(1, QJsonArray{Bug.toString(), Bug.toString()}) << 1
                                << QString();
    QTest::newRow("not JSON") << "{keys: nope"_ba << 0 << u"could not be read"_s;
    QTest::newRow("an array") << "[]"_ba << 0 << u"could not be read"_s;
    QTest::newRow("no version") << QJsonDocument(QJsonObject{{u"keys"_s, QJsonArray{}}}).toJson()
                                << 0 << u"could not be read"_s;
    QTest::newRow("newer") << document(2, QJsonArray{Bug.toString()}) << 0 << u"newer Linkloom"_s;
    QTest::newRow("no keys") << document(1, QJsonArray{}) << 0 << u"could not be read"_s;
    QTest::newRow("keys not a list") << document(1, Bug.toString()) << 0 << u"could not be read"_s;
    QTest::newRow("a number for a key")
        << document(1, QJsonArray{7}) << 0 << u"could not be read"_s;
    QTest::newRow("a bad key") << document(1, QJsonArray{Bug.toString(), u"nonsense"_s}) << 0
                               << u"could not be read"_s;
    QTest::newRow("unknown vendor")
        << document(1, QJsonArray{u"acme:demo:bug:1"_s}) << 0 << u"could not be read"_s;
    QTest::newRow("too many") << document(1, tooMany) << 0 << u"At most 500 records"_s;
    QTest::newRow("huge") << QByteArray(600 * 1024, ' ') << 0 << u"could not be read"_s;
}

void TestRecordDrag::decode()
{
    QFETCH(QByteArray, document);
    QFETCH(int, keys);
    QFETCH(QString, problem);
    const auto data = handMade(document);
    const RecordDrag::Decoded decoded = RecordDrag::decode(data.get());
    QCOMPARE(decoded.keys.size(), keys);
    if (problem.isEmpty())
        QVERIFY2(decoded.ok(), qPrintable(decoded.problem));
    else
        QVERIFY2(decoded.problem.contains(problem), qPrintable(decoded.problem));
}

void TestRecordDrag::check_data()
{
    QTest::addColumn<QList<RecordKey>>("dragged");
    QTest::addColumn<RecordKey>("target");
    QTest::addColumn<QString>("reason"); // empty: allowed

    QTest::newRow("bug on item") << QList<RecordKey>{Bug} << Item << QString();
    QTest::newRow("bug and initiative on item")
        << QList<RecordKey>{Bug, Initiative} << Item << QString();
    QTest::newRow("bug on bug") << QList<RecordKey>{Bug} << OtherBug << u"different types only"_s;
    QTest::newRow("one of two breaks the rule")
        << QList<RecordKey>{Item, OtherBug} << Bug << u"“Crash on save” cannot be linked"_s;
    QTest::newRow("on itself") << QList<RecordKey>{Bug} << Bug << u"itself"_s;
    QTest::newRow("mixed vendors") << QList<RecordKey>{Person} << Item << u"account"_s;
    QTest::newRow("stale dragged record")
        << QList<RecordKey>{pm(u"bug"_s, u"99"_s)} << Item << u"not in the workspace any more"_s;
    QTest::newRow("stale target") << QList<RecordKey>{Bug} << pm(u"item"_s, u"98"_s)
                                  << u"not in the workspace any more"_s;
    QTest::newRow("nothing") << QList<RecordKey>{} << Item << u"nothing to link"_s;
}

void TestRecordDrag::check()
{
    QFETCH(QList<RecordKey>, dragged);
    QFETCH(RecordKey, target);
    QFETCH(QString, reason);
    const LinkVerdict verdict = RecordDrag::check(dragged, target, m_repository.get());
    if (reason.isEmpty()) {
        QVERIFY2(verdict.allowed(), qPrintable(verdict.reason));
        QCOMPARE(verdict.choices.size(), 1);
        QCOMPARE(verdict.choices.first().type.id, u"connection"_s);
    } else {
        QVERIFY(!verdict.allowed());
        QVERIFY2(verdict.reason.contains(reason), qPrintable(verdict.reason));
    }
}

void TestRecordDrag::multipleRecordsShareTheirChoices()
{
    // An existing link is not offered again: with the bug already connected to the item, a drag
    // of the bug and the initiative has no way that suits both.
    QVERIFY(m_repository->upsertLinks(
        {{Bug, Item, u"connection"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}}}));
    const LinkVerdict both = RecordDrag::check({Initiative, Bug}, Item, m_repository.get());
    QVERIFY(!both.allowed());
    QVERIFY2(both.reason.contains(u"“Login fails” cannot be linked to “Sign-in page”"_s),
             qPrintable(both.reason));
    QVERIFY(RecordDrag::check({Initiative}, Item, m_repository.get()).allowed());
}

void TestRecordDrag::treeDragsAndTakesDrops()
{
    NoSource source;
    RecordTreeModel model(m_repository.get(), &source);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex bugs = model.indexOfType(Vendor::Pm415, u"demo"_s, u"bug"_s);
    QVERIFY(bugs.isValid());
    QCOMPARE(model.rowCount(bugs), 2);
    const QModelIndex bug = model.indexOfRecord(Bug);
    const QModelIndex otherBug = model.indexOfRecord(OtherBug);
    QVERIFY(bug.isValid() && otherBug.isValid());

    // Records drag; accounts and types neither drag nor take drops.
    QVERIFY(model.flags(bug) & Qt::ItemIsDragEnabled);
    QVERIFY(model.flags(bug) & Qt::ItemIsDropEnabled);
    QVERIFY(!(model.flags(bugs) & Qt::ItemIsDragEnabled));
    QVERIFY(!(model.flags(bugs) & Qt::ItemIsDropEnabled));
    QCOMPARE(model.mimeTypes(), QStringList{QString(RecordDrag::MimeType)});
    QVERIFY(model.supportedDropActions() & Qt::LinkAction);

    // Both columns of a selected row make one key.
    std::unique_ptr<QMimeData> data(
        model.mimeData({bug, bug.siblingAtColumn(RecordTreeModel::TypeColumn), bugs}));
    QVERIFY(data);
    QCOMPARE(RecordDrag::decode(data.get()).keys, QList<RecordKey>{Bug});

    // A bug on a bug is refused, with pm415's rule; on a type row, with where to drop.
    QVERIFY(!model.canDropMimeData(data.get(), Qt::LinkAction, -1, -1, otherBug));
    QVERIFY(model.dropVerdict(data.get(), otherBug).reason.contains(u"different types"_s));
    QVERIFY(!model.canDropMimeData(data.get(), Qt::LinkAction, -1, -1, bugs));
    QVERIFY(model.dropVerdict(data.get(), bugs).reason.contains(u"on a record"_s));
    // Between rows, or as a move, is not a link.
    QVERIFY(!model.canDropMimeData(data.get(), Qt::LinkAction, 0, 0, bugs));

    // An item dropped on a bug: a link pm415 allows, made as a link, not a move.
    std::unique_ptr<QMimeData> another(RecordDrag::mimeData({Item}));
    QVERIFY(model.canDropMimeData(another.get(), Qt::LinkAction, -1, -1, bug));
    QVERIFY(!model.canDropMimeData(another.get(), Qt::MoveAction, -1, -1, bug));
    // Data from elsewhere is refused with a reason.
    QMimeData text;
    text.setText(Item.toString());
    QVERIFY(!model.canDropMimeData(&text, Qt::LinkAction, -1, -1, bug));
    QVERIFY(model.dropVerdict(&text, bug).reason.contains(u"dragged from Linkloom"_s));
}

void TestRecordDrag::relatedRecordsDrag()
{
    QVERIFY(m_repository->upsertLinks(
        {{Bug, Item, u"connection"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}}}));
    RelatedLinksModel model(m_repository.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecord(Bug);
    const QModelIndex group = model.index(0, 0);
    const QModelIndex item = model.index(0, 0, group);
    QVERIFY(!(model.flags(group) & Qt::ItemIsDragEnabled));
    QVERIFY(model.flags(item) & Qt::ItemIsDragEnabled);
    QVERIFY(!(model.flags(item) & Qt::ItemIsDropEnabled));
    std::unique_ptr<QMimeData> data(model.mimeData({item, group}));
    QCOMPARE(RecordDrag::decode(data.get()).keys, QList<RecordKey>{Item});
}

QTEST_GUILESS_MAIN(TestRecordDrag)
#include "tst_recorddrag.moc"
