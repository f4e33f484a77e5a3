#include "connectors/networkmanager.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"
#include "models/recordtreemodel.h"
#include "sandbox/sandboxserver.h"
#include "ui/mainwindow.h"
#include "ui/recorddetailswidget.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

QModelIndex childNamed(const QAbstractItemModel *model, const QModelIndex &parent,
                       const QString &text)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data().toString() == text)
            return index;
    }
    return {};
}

} // namespace

/// Smoke tests of the explorer window, offscreen, against the sandbox on loopback.
class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsSandboxRecordsAndTheirRelatedItems();
    void unreachableVendorShowsAMessageAndKeepsTheWorkspace();
    void remembersGeometryAndColumns();

private:
    void addAccount(const QUrl &baseUrl, const QString &apiKey);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<LinkRepository> m_repository;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SyncService> m_sync;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LinkloomTests"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    m_repository = std::make_unique<LinkRepository>();
    QVERIFY(m_repository->open(m_dir->filePath(u"ui.linkloom"_s)).ok());
    m_network = std::make_unique<NetworkManager>();
    m_sync = std::make_unique<SyncService>(m_repository.get(), m_network.get());
}

void TestMainWindow::cleanup()
{
    m_sync.reset();
    m_network.reset();
    m_repository.reset();
    m_sandbox.reset();
    m_dir.reset();
}

void TestMainWindow::addAccount(const QUrl &baseUrl, const QString &apiKey)
{
    m_sync->addCopperAccount(CopperAccount{u"demo"_s, u"Demo CRM"_s, baseUrl,
                                           QString::fromLatin1(SandboxServer::CopperEmail),
                                           apiKey});
}

void TestMainWindow::showsSandboxRecordsAndTheirRelatedItems()
{
    addAccount(m_sandbox->baseUrl(Vendor::Copper),
               QString::fromLatin1(SandboxServer::CopperApiKey));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTreeView *tree = window.recordTree();
    const QAbstractItemModel *model = tree->model();
    const QModelIndex account = model->index(0, 0);
    QCOMPARE(account.data().toString(), u"Demo CRM"_s);
    QVERIFY(tree->isExpanded(account));

    // Expanding "People" loads the people from the sandbox, asynchronously.
    const QModelIndex people = childNamed(model, account, u"People"_s);
    QVERIFY(people.isValid());
    tree->expand(people);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(people) > 0, 10000);
    QTRY_COMPARE(m_sync->activeRequests(), 0);
    QVERIFY(window.syncStatusText().startsWith(u"Ready"_s));

    // Selecting a person shows it in the details pane.
    const QModelIndex person = model->index(0, 0, people);
    const QString name = person.data().toString();
    QVERIFY(!name.isEmpty());
    tree->setCurrentIndex(person);
    QVERIFY(window.detailsWidget()->record().has_value());
    QCOMPARE(window.detailsWidget()->record()->id,
             person.data(RecordTreeModel::RecordKeyRole).value<RecordKey>().id);
    const auto labels = window.detailsWidget()->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
                        [&](const QLabel *l) { return l->text() == name && l->isVisible(); }));

    // Expanding the person loads its related items; each has a title, not just an id.
    tree->expand(person);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(person) > 0, 10000);
    QTRY_COMPARE(m_sync->activeRequests(), 0);
    for (int row = 0; row < model->rowCount(person); ++row) {
        const QModelIndex linked = model->index(row, 0, person);
        const auto key = linked.data(RecordTreeModel::RecordKeyRole).value<RecordKey>();
        QTRY_VERIFY(!m_repository->record(key)->title.isEmpty());
        QCOMPARE(linked.data().toString(), m_repository->record(key)->title);
    }
}

void TestMainWindow::unreachableVendorShowsAMessageAndKeepsTheWorkspace()
{
    QVERIFY(m_repository
                ->upsertRecords({Record{RecordKey{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s},
                                        u"Kept Person"_s,
                                        {},
                                        {}}})
                .ok());
    QUrl closed = m_sandbox->baseUrl(Vendor::Copper);
    m_sandbox.reset(); // nothing listens there any more
    addAccount(closed, QString::fromLatin1(SandboxServer::CopperApiKey));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();

    QTreeView *tree = window.recordTree();
    const QAbstractItemModel *model = tree->model();
    const QModelIndex people = childNamed(model, model->index(0, 0), u"People"_s);
    tree->expand(people);
    QTRY_COMPARE_WITH_TIMEOUT(
        people.data(RecordTreeModel::FetchStateRole).value<RecordTreeModel::FetchState>(),
        RecordTreeModel::FetchState::Failed, 10000);
    QVERIFY2(window.syncStatusText().contains(u"Could not load"_s),
             qPrintable(window.syncStatusText()));
    QCOMPARE(model->rowCount(people), 1);
    QCOMPARE(model->index(0, 0, people).data().toString(), u"Kept Person"_s);
    QCOMPARE(m_repository->recordCount(), 1);
}

void TestMainWindow::remembersGeometryAndColumns()
{
    addAccount(m_sandbox->baseUrl(Vendor::Copper),
               QString::fromLatin1(SandboxServer::CopperApiKey));
    {
        MainWindow window(m_repository.get(), m_sync.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(900, 640);
        window.recordTree()->header()->resizeSection(RecordTreeModel::TypeColumn, 222);
        window.close();
    }
    MainWindow again(m_repository.get(), m_sync.get());
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.size(), QSize(900, 640));
    QCOMPARE(again.recordTree()->header()->sectionSize(RecordTreeModel::TypeColumn), 222);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
