#include "connectors/copper/copperconnector.h"
#include "connectors/networkmanager.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"
#include "models/recorddrag.h"
#include "models/recordtreemodel.h"
#include "models/relatedlinksmodel.h"
#include "models/sourcesmodel.h"
#include "sandbox/sandboxserver.h"
#include "ui/linktodialog.h"
#include "ui/mainwindow.h"
#include "ui/recorddetailswidget.h"
#include "ui/relatedpanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

#include <functional>

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
namespace {

const RecordKey Ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
const RecordKey Acme{Vendor::Copper, u"demo"_s, u"company"_s, u"2"_s};
const RecordKey Grace{Vendor::Copper, u"demo"_s, u"person"_s, u"3"_s};

} // namespace

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
    void detailsShowFieldsAndVendorTextAsPlainText();
    void relatedPanelFollowsLinksBackAndForward();
    void sourcesDockCountsAndShowsTypes();
    void remembersExpandedRowsAndTheSelection();
    void copiesSelectedRecordsAsText();
    void searchFindsRecordsAndGoesToThem();
    void filtersByRecordTypeAndLinkType();
    void endingASearchShowsTheTreesRecordAgain();
    void droppingARecordAsksForTheLink();
    void pendingChangesCanBeRetriedOrDiscarded();
    void quittingWithUnsentChangesAsks();
    void removingLinksAsksAndNamesThem();
    void undoNeverReplaysARequest();
    void searchResultsDragAndTakeDrops();
    void linkToFindsTheTargetByKeyboard();

private:
    void addAccount(const QUrl &baseUrl, const QString &apiKey);
    /// The linking tests' account: Ada and Grace (people), Acme (a company) and Copper's
    /// related-items link type.
    void addLinkingData();

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
    m_sync->addConnector(new CopperConnector({Vendor::Copper,
                                              u"demo"_s,
                                              u"Demo CRM"_s,
                                              baseUrl,
                                              QString::fromLatin1(SandboxServer::CopperEmail),
                                              {}},
                                             apiKey, m_network.get()));
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
    // The account says it is offline, and why.
    const QModelIndex account = model->index(0, RecordTreeModel::StatusColumn);
    QCOMPARE(account.data().toString(), u"Offline"_s);
    QVERIFY(account.data(Qt::ToolTipRole).toString().contains(u"could not reach"_s));
    QVERIFY(m_sync->isOffline(Vendor::Copper, u"demo"_s));
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

void TestMainWindow::detailsShowFieldsAndVendorTextAsPlainText()
{
    const RecordKey key{Vendor::Copper, u"demo"_s, u"company"_s, u"7"_s};
    const QString title = u"<b>Bold</b> <img src=x> Ltd"_s;
    QVERIFY(m_repository
                ->upsertRecords({Record{key,
                                        title,
                                        {{u"E-mail"_s, u"info@bold.example"_s},
                                         {u"Archived"_s, false},
                                         {u"Due"_s, u"2025-03-14"_s},
                                         {u"Code"_s, u"2025-03-14x"_s}},
                                        {}}})
                .ok());
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.detailsWidget()->setRecord(key);

    // Rows added to a shown form become visible on the next event loop turn.
    auto visibleLabel = [&](const QString &text) -> const QLabel * {
        const auto labels = window.detailsWidget()->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (label->text() == text && label->isVisible())
                return label;
        }
        return nullptr;
    };
    const QLabel *titleLabel = visibleLabel(title);
    QVERIFY(titleLabel);
    QCOMPARE(titleLabel->textFormat(), Qt::PlainText);
    QTRY_VERIFY(visibleLabel(u"E-mail:"_s));
    const QLabel *fieldName = visibleLabel(u"E-mail:"_s);
    QTRY_VERIFY(fieldName->width() >= fieldName->fontMetrics().horizontalAdvance(u"E-mail:"_s));
    QVERIFY(visibleLabel(u"info@bold.example"_s));
    // Flags and dates read as words in the user's locale; other text stays as the vendor wrote it
    // (the record went through the workspace file and back).
    QVERIFY(visibleLabel(u"No"_s));
    QVERIFY(visibleLabel(QLocale().toString(QDate(2025, 3, 14), QLocale::LongFormat)));
    QVERIFY(visibleLabel(u"2025-03-14x"_s));
}

void TestMainWindow::relatedPanelFollowsLinksBackAndForward()
{
    // The vendor is not reachable: everything below comes from the workspace.
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    const RecordKey ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
    const RecordKey acme{Vendor::Copper, u"demo"_s, u"company"_s, u"2"_s};
    const RecordKey deal{Vendor::Copper, u"demo"_s, u"opportunity"_s, u"3"_s};
    QVERIFY(m_repository->upsertRecords(
        {{ada, u"Ada"_s, {}, {}}, {acme, u"Acme"_s, {}, {}}, {deal, u"Big deal"_s, {}, {}}}));
    const auto related = [](const RecordKey &a, const RecordKey &b) {
        return Link{a, b, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}};
    };
    QVERIFY(m_repository->upsertLinks({related(ada, acme), related(acme, deal)}));
    QVERIFY(m_repository->saveLinkTypes(Vendor::Copper, u"demo"_s,
                                        {{u"related"_s,
                                          u"Related items"_s,
                                          u"is related to"_s,
                                          u"is related to"_s,
                                          LinkDirection::Undirected,
                                          {},
                                          {},
                                          false}}));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *tree = window.recordTree();
    auto *back = window.findChild<QAction *>(u"backAction"_s);
    auto *forward = window.findChild<QAction *>(u"forwardAction"_s);
    QVERIFY(back && forward);
    QVERIFY(!back->isEnabled() && !forward->isEnabled());

    // Going to Ada selects her row under People and shows her links, grouped with the label.
    window.goToRecord(ada);
    QCOMPARE(tree->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), ada);
    QCOMPARE(tree->currentIndex().parent().data().toString(), u"People"_s);
    QTreeView *relatedView = window.relatedPanel()->view();
    const QAbstractItemModel *model = relatedView->model();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), u"is related to (1)"_s);
    const QModelIndex acmeRow = model->index(0, 0, model->index(0, 0));
    QCOMPARE(acmeRow.data().toString(), u"Acme"_s);

    // Enter on the related record follows it: the tree selects Acme under Companies.
    relatedView->setFocus();
    relatedView->setCurrentIndex(acmeRow);
    QTest::keyClick(relatedView, Qt::Key_Return);
    QCOMPARE(tree->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), acme);
    QCOMPARE(window.detailsWidget()->record(), std::optional(acme));
    QCOMPARE(window.relatedPanel()->model()->linkCount(), 2);
    QVERIFY(back->isEnabled());
    QVERIFY(!forward->isEnabled());

    // Back and forward, like a browser (Alt+Left, Alt+Right).
    back->trigger();
    QCOMPARE(tree->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), ada);
    QVERIFY(forward->isEnabled());
    forward->trigger();
    QCOMPARE(tree->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), acme);
    QVERIFY(!forward->isEnabled());

    // Selecting another record by hand starts a new branch: forward is gone.
    back->trigger();
    tree->setCurrentIndex(window.recordTreeModel()->indexOfRecord(deal));
    QVERIFY(!forward->isEnabled());
    back->trigger();
    QCOMPARE(tree->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), ada);

    // Enter on a related record in the tree goes to the record itself.
    const QModelIndex adaRow = tree->currentIndex();
    tree->expand(adaRow);
    QTRY_VERIFY(tree->model()->rowCount(adaRow) == 1);
    tree->setFocus();
    tree->setCurrentIndex(tree->model()->index(0, 0, adaRow));
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(tree->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), acme);
    QCOMPARE(tree->currentIndex().parent().data().toString(), u"Companies"_s);
}

void TestMainWindow::sourcesDockCountsAndShowsTypes()
{
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    QVERIFY(m_repository->upsertRecords(
        {{{Vendor::Copper, u"demo"_s, u"company"_s, u"1"_s}, u"Acme"_s, {}, {}},
         {{Vendor::Copper, u"demo"_s, u"company"_s, u"2"_s}, u"Initech"_s, {}, {}}}));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *sources = window.sourcesView();
    QVERIFY(sources->isVisible());
    const QAbstractItemModel *model = sources->model();
    const QModelIndex account = model->index(0, 0);
    QCOMPARE(account.data().toString(), u"Demo CRM"_s);
    const QModelIndex companies = childNamed(model, account, u"Companies"_s);
    QVERIFY(companies.isValid());
    QCOMPARE(companies.siblingAtColumn(SourcesModel::RecordsColumn).data().toString(), u"2"_s);
    QCOMPARE(companies.siblingAtColumn(SourcesModel::SyncedColumn).data().toString(), u"never"_s);

    // Activating a type shows it in the tree, expanded.
    sources->setFocus();
    sources->setCurrentIndex(companies);
    QTest::keyClick(sources, Qt::Key_Return);
    const QModelIndex current = window.recordTree()->currentIndex();
    QCOMPARE(current.data().toString(), u"Companies"_s);
    QVERIFY(window.recordTree()->isExpanded(current));
}

void TestMainWindow::remembersExpandedRowsAndTheSelection()
{
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    const RecordKey ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
    const RecordKey acme{Vendor::Copper, u"demo"_s, u"company"_s, u"2"_s};
    QVERIFY(m_repository->upsertRecords({{ada, u"Ada"_s, {}, {}}, {acme, u"Acme"_s, {}, {}}}));
    QVERIFY(m_repository->upsertLinks(
        {{ada, acme, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}}}));
    {
        MainWindow window(m_repository.get(), m_sync.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTreeView *tree = window.recordTree();
        RecordTreeModel *model = window.recordTreeModel();
        tree->expand(model->indexOfType(Vendor::Copper, u"demo"_s, u"company"_s));
        tree->expand(model->indexOfRecord(acme));
        window.goToRecord(ada);
        window.close();
    }
    MainWindow again(m_repository.get(), m_sync.get());
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    RecordTreeModel *model = again.recordTreeModel();
    QTreeView *tree = again.recordTree();
    QVERIFY(tree->isExpanded(model->indexOfType(Vendor::Copper, u"demo"_s, u"company"_s)));
    QVERIFY(tree->isExpanded(model->indexOfRecord(acme)));
    QVERIFY(tree->isExpanded(model->indexOfType(Vendor::Copper, u"demo"_s, u"person"_s)));
    QCOMPARE(tree->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), ada);
    QCOMPARE(again.detailsWidget()->record(), std::optional(ada));

    // Another workspace has its own view.
    QTemporaryDir other;
    LinkRepository otherRepository;
    QVERIFY(otherRepository.open(other.filePath(u"other.linkloom"_s)));
    MainWindow fresh(&otherRepository, m_sync.get());
    QVERIFY(!fresh.recordTree()->currentIndex().data(RecordTreeModel::RecordKeyRole).isValid());
}

void TestMainWindow::copiesSelectedRecordsAsText()
{
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    const RecordKey ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
    const RecordKey bob{Vendor::Copper, u"demo"_s, u"person"_s, u"2"_s};
    QVERIFY(m_repository->upsertRecords(
        {{ada, u"Ada\nLovelace"_s, {}, QUrl(u"https://app.copper.com/people/1"_s)},
         {bob, u"Bob"_s, {}, {}}}));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *tree = window.recordTree();
    RecordTreeModel *model = window.recordTreeModel();
    tree->expand(model->indexOfType(Vendor::Copper, u"demo"_s, u"person"_s));
    tree->setFocus();
    // Both selected (picked in the other order): copied in the order they are shown, one line
    // each, with the key and the web address where there is one.
    tree->selectionModel()->select(model->indexOfRecord(bob),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    tree->selectionModel()->select(model->indexOfRecord(ada),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QString expected
        = u"Ada Lovelace\tcopper:demo:person:1\thttps://app.copper.com/people/1\n"
          "Bob\tcopper:demo:person:2"_s;
    QCOMPARE(window.selectedRecordsText(), expected);
    window.findChild<QAction *>(u"copyAction"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
}

void TestMainWindow::searchFindsRecordsAndGoesToThem()
{
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    const RecordKey ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
    const RecordKey acme{Vendor::Copper, u"demo"_s, u"company"_s, u"2"_s};
    const RecordKey cafe{Vendor::Copper, u"demo"_s, u"company"_s, u"3"_s};
    QVERIFY(m_repository->upsertRecords({{ada, u"Ada Lovelace"_s, {}, {}},
                                         {acme, u"Acme Corp"_s, {}, {}},
                                         {cafe, u"Café Lovelace"_s, {}, {}}}));
    QVERIFY(m_repository->upsertLinks(
        {{ada, acme, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}}}));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *results = window.resultsView();
    QVERIFY(!results->isVisible());

    // Ctrl+F, then typing: the results stand in for the tree, best match first.
    window.findChild<QAction *>(u"findAction"_s)->trigger();
    QVERIFY(window.searchField()->hasFocus());
    QTest::keyClicks(window.searchField(), u"lovel"_s);
    QTRY_VERIFY(results->isVisible());
    QVERIFY(!window.recordTree()->isVisible());
    QCOMPARE(window.syncStatusText(), u"2 match(es)"_s);
    // Accents do not matter: "cafe" finds "Café".
    window.searchField()->setText(u"cafe"_s);
    QCOMPARE(window.syncStatusText(), u"1 match(es)"_s);
    QCOMPARE(results->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), cafe);
    QCOMPARE(window.detailsWidget()->record(), std::optional(cafe));

    // Only records with links: Ada is kept, Café goes.
    window.searchField()->setText(u"lovelace"_s);
    auto *filters = window.findChild<QToolButton *>(u"filterButton"_s);
    const auto actions = filters->menu()->actions();
    QAction *withLinks = *std::find_if(actions.cbegin(), actions.cend(), [](QAction *a) {
        return a->text().contains(u"With Links"_s);
    });
    withLinks->trigger();
    QTRY_COMPARE(window.syncStatusText(), u"1 match(es)"_s);
    QCOMPARE(filters->text(), u"Filters (1)"_s);
    QCOMPARE(results->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(), ada);

    // Enter goes to the match in the explorer, and the search is done.
    window.searchField()->setFocus();
    QTest::keyClick(window.searchField(), Qt::Key_Return);
    QTRY_VERIFY(window.recordTree()->isVisible());
    QVERIFY(window.searchField()->text().isEmpty());
    QCOMPARE(filters->text(), u"Filters"_s);
    QCOMPARE(
        window.recordTree()->currentIndex().data(RecordTreeModel::RecordKeyRole).value<RecordKey>(),
        ada);
}

void TestMainWindow::filtersByRecordTypeAndLinkType()
{
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    const RecordKey ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
    const RecordKey bob{Vendor::Copper, u"demo"_s, u"person"_s, u"4"_s};
    const RecordKey acme{Vendor::Copper, u"demo"_s, u"company"_s, u"2"_s};
    const RecordKey cafe{Vendor::Copper, u"demo"_s, u"company"_s, u"3"_s};
    QVERIFY(m_repository->upsertRecords({{ada, u"Ada Lovelace"_s, {}, {}},
                                         {bob, u"Bob Babbage"_s, {}, {}},
                                         {acme, u"Acme Corp"_s, {}, {}},
                                         {cafe, u"Café Noir"_s, {}, {}}}));
    QVERIFY(m_repository->upsertLinks(
        {{ada, acme, u"related"_s, LinkDirection::Undirected, {}, LinkState::Confirmed, {}},
         {bob, cafe, u"cf_42"_s, LinkDirection::Directed, {}, LinkState::Confirmed, {}}}));
    LinkType related;
    related.id = u"related"_s;
    related.name = u"Related Items"_s;
    LinkType partnerType;
    partnerType.id = u"cf_42"_s;
    partnerType.name = u"Partner"_s;
    partnerType.direction = LinkDirection::Directed;
    QVERIFY(m_repository->saveLinkTypes(Vendor::Copper, u"demo"_s, {related, partnerType}));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *filters = window.findChild<QToolButton *>(u"filterButton"_s);
    auto *recordTypes = window.findChild<QMenu *>(u"recordTypeFilters"_s);
    auto *linkTypes = window.findChild<QMenu *>(u"linkTypeFilters"_s);
    QVERIFY(recordTypes && linkTypes);
    emit filters->menu()->aboutToShow(); // filled as the menu opens

    const auto find = [](QMenu *menu, auto matches) -> QAction * {
        const auto actions = menu->actions();
        const auto it = std::find_if(actions.cbegin(), actions.cend(), matches);
        return it == actions.cend() ? nullptr : *it;
    };
    // Every record type the account offers, named as the tree names it, with its vendor.
    QAction *people = find(recordTypes, [](QAction *a) {
        return a->data().value<VendorRecordType>() == VendorRecordType{Vendor::Copper, u"person"_s};
    });
    QVERIFY(people);
    QCOMPARE(people->text(), u"People (Copper CRM)"_s);
    QAction *partner
        = find(linkTypes, [](QAction *a) { return a->data().toString() == u"cf_42"_s; });
    QVERIFY(partner);
    QCOMPARE(partner->text(), u"Partner (Copper CRM)"_s);
    QCOMPARE(linkTypes->actions().size(), 2);

    // A type alone filters, without any text: the results stand in for the tree.
    people->trigger();
    QTRY_VERIFY(window.resultsView()->isVisible());
    QCOMPARE(window.syncStatusText(), u"2 match(es)"_s); // Ada and Bob
    QCOMPARE(filters->text(), u"Filters (1)"_s);
    // With a link type too: only people with a Partner link.
    partner->trigger();
    QCOMPARE(window.syncStatusText(), u"1 match(es)"_s);
    QCOMPARE(filters->text(), u"Filters (2)"_s);
    QCOMPARE(window.resultsView()
                 ->currentIndex()
                 .data(RecordTreeModel::RecordKeyRole)
                 .value<RecordKey>(),
             bob);
    // Reopened, the menu keeps what is checked.
    emit filters->menu()->aboutToShow();
    people = find(recordTypes, [](QAction *a) {
        return a->data().value<VendorRecordType>() == VendorRecordType{Vendor::Copper, u"person"_s};
    });
    QVERIFY(people && people->isChecked());
    // Text narrows further: nobody named "ada" has a Partner link.
    window.searchField()->setText(u"ada"_s);
    QCOMPARE(window.syncStatusText(), u"0 match(es)"_s);

    window.findChild<QAction *>(u"clearFiltersAction"_s)->trigger();
    QTRY_VERIFY(window.recordTree()->isVisible());
    QVERIFY(window.searchField()->text().isEmpty());
    QCOMPARE(filters->text(), u"Filters"_s);
    emit filters->menu()->aboutToShow();
    for (QAction *action : recordTypes->actions() + linkTypes->actions())
        QVERIFY2(!action->isChecked(), qPrintable(action->text()));
}

void TestMainWindow::endingASearchShowsTheTreesRecordAgain()
{
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    const RecordKey ada{Vendor::Copper, u"demo"_s, u"person"_s, u"1"_s};
    const RecordKey cafe{Vendor::Copper, u"demo"_s, u"company"_s, u"3"_s};
    QVERIFY(m_repository->upsertRecords(
        {{ada, u"Ada Lovelace"_s, {}, {}}, {cafe, u"Café Noir"_s, {}, {}}}));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.recordTree()->setCurrentIndex(window.recordTreeModel()->indexOfRecord(ada));
    QCOMPARE(window.detailsWidget()->record(), std::optional(ada));
    window.searchField()->setText(u"cafe"_s);
    QCOMPARE(window.detailsWidget()->record(), std::optional(cafe));
    // Escape (or clearing the field) ends the search: the tree's record is shown again, not
    // whatever the hidden results list has.
    window.searchField()->setFocus();
    QTest::keyClick(window.searchField(), Qt::Key_Escape);
    QVERIFY(window.recordTree()->isVisible());
    QCOMPARE(window.detailsWidget()->record(), std::optional(ada));
    QCOMPARE(window.relatedPanel()->model()->linkCount(), 0);
}

void TestMainWindow::addLinkingData()
{
    addAccount(QUrl(u"http://127.0.0.1:1/"_s), u"key"_s);
    QVERIFY(m_repository->upsertRecords({{Ada, u"Ada Lovelace"_s, {}, {}},
                                         {Acme, u"Acme Corp"_s, {}, {}},
                                         {Grace, u"Grace Hopper"_s, {}, {}}}));
    LinkType related;
    related.id = u"related"_s;
    related.name = u"Related Items"_s;
    related.forwardLabel = related.backwardLabel = u"is related to"_s;
    QVERIFY(m_repository->saveLinkTypes(Vendor::Copper, u"demo"_s, {related}));
}

void TestMainWindow::droppingARecordAsksForTheLink()
{
    addLinkingData();
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.recordTree()->dragEnabled());
    QVERIFY(window.recordTree()->acceptDrops());
    RecordTreeModel *model = window.recordTreeModel();
    const QModelIndex company = model->indexOfRecord(Acme);
    QVERIFY(company.isValid());

    // Ada dropped on Acme: one way fits, so the link is asked for at once, pending.
    std::unique_ptr<QMimeData> data(RecordDrag::mimeData({Ada}));
    QVERIFY(model->canDropMimeData(data.get(), Qt::LinkAction, -1, -1, company));
    QVERIFY(model->dropMimeData(data.get(), Qt::LinkAction, -1, -1, company));
    const QList<Intent> intents = m_repository->openIntents();
    QCOMPARE(intents.size(), 1);
    QCOMPARE(intents.first().kind, Intent::Kind::AddLink);
    const LinkKey made = Link{Ada, Acme, u"related"_s, LinkDirection::Undirected, {}, {}, {}}.key();
    QCOMPARE(intents.first().link.key(), made);
    QCOMPARE(m_repository->link(made)->state, LinkState::Pending);
    QVERIFY2(window.syncStatusText().contains(u"“Acme Corp” on the way to Copper CRM"_s),
             qPrintable(window.syncStatusText()));

    // The same drop again is refused before anything is written: the link is there.
    QVERIFY(!model->canDropMimeData(data.get(), Qt::LinkAction, -1, -1, company));
    QVERIFY(!model->dropMimeData(data.get(), Qt::LinkAction, -1, -1, company));
    QCOMPARE(m_repository->openIntents().size(), 1);
    // A person on a person: Copper's rule says why.
    QVERIFY(!model->dropMimeData(data.get(), Qt::LinkAction, -1, -1, model->indexOfRecord(Grace)));
    QVERIFY(
        model->dropVerdict(data.get(), model->indexOfRecord(Grace)).reason.contains(u"person"_s));
    QCOMPARE(m_repository->openIntents().size(), 1);
}

void TestMainWindow::pendingChangesCanBeRetriedOrDiscarded()
{
    addLinkingData();
    MainWindow window(m_repository.get(), m_sync.get());
    window.setWorkspaceTitle(u"w — Linkloom"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *pending = window.pendingView();
    QVERIFY(!pending->isVisible()); // nothing to show yet
    auto *retry = window.findChild<QAction *>(u"retryAction"_s);
    auto *discard = window.findChild<QAction *>(u"discardAction"_s);

    Intent intent;
    intent.link = {Ada, Acme, u"related"_s, LinkDirection::Undirected, {}, {}, {}};
    QVERIFY(m_repository->addIntent(intent));
    QCOMPARE(window.windowTitle(), u"w — Linkloom — 1 unsent change(s)"_s);
    QCOMPARE(pending->model()->rowCount(), 1);
    QVERIFY(m_repository->setIntentState(intent.id, Intent::State::Sending));
    QVERIFY(m_repository->setIntentState(intent.id, Intent::State::Failed, u"Copper: 422"_s));
    QTRY_VERIFY(pending->isVisible()); // a failure shows where it can be retried

    pending->selectionModel()->select(pending->model()->index(0, 0),
                                      QItemSelectionModel::ClearAndSelect
                                          | QItemSelectionModel::Rows);
    QVERIFY(retry->isEnabled());
    QVERIFY(discard->isEnabled());
    retry->trigger();
    QCOMPARE(m_repository->intent(intent.id)->state, Intent::State::Pending);
    QCOMPARE(m_repository->link(intent.link.key())->state, LinkState::Pending);
    QVERIFY(!retry->isEnabled()); // only failed changes are retried

    QVERIFY(m_repository->setIntentState(intent.id, Intent::State::Sending));
    QVERIFY(!discard->isEnabled()); // not while it is on its way
    QVERIFY(m_repository->setIntentState(intent.id, Intent::State::Failed, u"again"_s));
    QVERIFY(discard->isEnabled());
    discard->trigger();
    QVERIFY(m_repository->openIntents().isEmpty());
    QVERIFY(!m_repository->link(intent.link.key())); // never made
    QCOMPARE(pending->model()->rowCount(), 0);
    QCOMPARE(window.windowTitle(), u"w — Linkloom"_s);
}

void TestMainWindow::quittingWithUnsentChangesAsks()
{
    addLinkingData();
    Intent intent;
    intent.link = {Ada, Acme, u"related"_s, LinkDirection::Undirected, {}, {}, {}};
    QVERIFY(m_repository->addIntent(intent));
    MainWindow window(m_repository.get(), m_sync.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QString question;
    QTimer::singleShot(0, &window, [&] {
        auto *box = window.findChild<QMessageBox *>(u"unsentChangesQuestion"_s);
        QVERIFY(box);
        question = box->text() + u' ' + box->informativeText();
        box->button(QMessageBox::Cancel)->click();
    });
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QVERIFY2(question.contains(u"1 change(s) have not reached"_s), qPrintable(question));
    QVERIFY(question.contains(u"sent the next time"_s));

    QTimer::singleShot(0, &window, [&] {
        auto *box = window.findChild<QMessageBox *>(u"unsentChangesQuestion"_s);
        QVERIFY(box);
        box->defaultButton()->click(); // Quit
    });
    QVERIFY(window.close());
    QCOMPARE(m_repository->openIntents().size(), 1); // kept for the next start
}

void TestMainWindow::removingLinksAsksAndNamesThem()
{
    addLinkingData();
    const Link link{Ada, Acme, u"related"_s, LinkDirection::Undirected, {}, {}, {}};
    QVERIFY(m_repository->upsertLinks({link}));
    MainWindow window(m_repository.get(), m_sync.get());
    window.setAskBeforeClosingWithUnsent(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.recordTree()->setCurrentIndex(window.recordTreeModel()->indexOfRecord(Ada));
    QTreeView *relatedView = window.relatedPanel()->view();
    const QModelIndex group = relatedView->model()->index(0, 0);
    const QModelIndex row = relatedView->model()->index(0, 0, group);
    QVERIFY(row.isValid());
    auto *remove = window.findChild<QAction *>(u"removeLinksAction"_s);
    QVERIFY(!remove->isEnabled()); // nothing selected
    relatedView->selectionModel()->select(
        row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(remove->isEnabled());

    // The question names the vendor and the link; Cancel changes nothing.
    QString question;
    const auto answer = [&](QMessageBox::ButtonRole role) {
        QTimer::singleShot(0, &window, [&, role] {
            auto *box = window.findChild<QMessageBox *>(u"removeLinksQuestion"_s);
            QVERIFY(box);
            question = box->text() + u' ' + box->informativeText();
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == role)
                    button->click();
            }
        });
    };
    answer(QMessageBox::RejectRole);
    remove->trigger();
    QVERIFY2(question.contains(u"Remove 1 link(s) in Copper CRM?"_s), qPrintable(question));
    QVERIFY2(question.contains(u"“Acme Corp” is related to “Ada Lovelace”"_s)
                 || question.contains(u"“Ada Lovelace” is related to “Acme Corp”"_s),
             qPrintable(question));
    QVERIFY(question.contains(u"in Copper CRM itself"_s));
    QVERIFY(m_repository->openIntents().isEmpty());

    answer(QMessageBox::DestructiveRole);
    remove->trigger();
    const QList<Intent> intents = m_repository->openIntents();
    QCOMPARE(intents.size(), 1);
    QCOMPARE(intents.first().kind, Intent::Kind::RemoveLink);
    QCOMPARE(intents.first().link.key(), link.key());
    QCOMPARE(m_repository->link(link.key())->state, LinkState::Pending);
    QVERIFY(!remove->isEnabled()); // on its way: not removed twice
}

void TestMainWindow::undoNeverReplaysARequest()
{
    addLinkingData();
    MainWindow window(m_repository.get(), m_sync.get());
    window.setAskBeforeClosingWithUnsent(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *undo = window.findChild<QAction *>(u"undoAction"_s);
    auto *redo = window.findChild<QAction *>(u"redoAction"_s);
    QVERIFY(undo && redo && !undo->isEnabled());
    QCOMPARE(undo->shortcut(), QKeySequence(QKeySequence::Undo));
    QCOMPARE(redo->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));

    std::unique_ptr<QMimeData> data(RecordDrag::mimeData({Ada}));
    QVERIFY(window.recordTreeModel()->dropMimeData(data.get(), Qt::LinkAction, -1, -1,
                                                   window.recordTreeModel()->indexOfRecord(Acme)));
    const LinkKey key = Link{Ada, Acme, u"related"_s, LinkDirection::Undirected, {}, {}, {}}.key();
    QCOMPARE(undo->text(), u"&Undo Link “Ada Lovelace” to “Acme Corp”"_s);
    const qint64 first = m_repository->openIntentFor(key)->id;

    // Not sent yet: undo drops the change, nothing goes to the vendor.
    undo->trigger();
    QVERIFY(m_repository->openIntents().isEmpty());
    QVERIFY(!m_repository->link(key));
    // Redo asks for it again: a new change.
    redo->trigger();
    const Intent again = *m_repository->openIntentFor(key);
    QVERIFY(again.id > first);
    QCOMPARE(again.kind, Intent::Kind::AddLink);

    // The vendor confirms it; undo is now a new removal, never the old request replayed.
    QVERIFY(m_repository->setIntentState(again.id, Intent::State::Sending));
    QVERIFY(m_repository->setIntentState(again.id, Intent::State::Confirmed));
    undo->trigger();
    const Intent inverse = *m_repository->openIntentFor(key);
    QCOMPARE(inverse.kind, Intent::Kind::RemoveLink);
    QCOMPARE(m_repository->link(key)->state, LinkState::Pending);
    // Redo before the removal went out: the removal is dropped, the link stays confirmed.
    redo->trigger();
    QVERIFY(m_repository->openIntents().isEmpty());
    QCOMPARE(m_repository->link(key)->state, LinkState::Confirmed);

    // On its way, a change cannot be taken back: the user is told, the stack drops it.
    undo->trigger(); // a new removal
    const Intent sending = *m_repository->openIntentFor(key);
    QVERIFY(m_repository->setIntentState(sending.id, Intent::State::Sending));
    redo->trigger();
    QCOMPARE(m_repository->intent(sending.id)->state, Intent::State::Sending); // untouched
    QVERIFY2(window.syncStatusText().contains(u"is being sent"_s),
             qPrintable(window.syncStatusText()));
    QCOMPARE(window.undoStack()->count(), 0);
}

void TestMainWindow::searchResultsDragAndTakeDrops()
{
    addLinkingData();
    MainWindow window(m_repository.get(), m_sync.get());
    window.setAskBeforeClosingWithUnsent(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.resultsView()->dragEnabled() && window.resultsView()->acceptDrops());
    QVERIFY(window.relatedPanel()->view()->dragEnabled());

    // Ada, found by search, dragged onto Acme, found by search too.
    window.searchField()->setText(u"a"_s);
    QAbstractItemModel *results = window.resultsView()->model();
    QModelIndex adaRow;
    QModelIndex acmeRow;
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < results->rowCount(parent); ++row) {
            const QModelIndex index = results->index(row, 0, parent);
            const QVariant key = index.data(RecordTreeModel::RecordKeyRole);
            if (key.isValid() && key.value<RecordKey>() == Ada)
                adaRow = index;
            if (key.isValid() && key.value<RecordKey>() == Acme)
                acmeRow = index;
            walk(index);
        }
    };
    walk({});
    QVERIFY(adaRow.isValid() && acmeRow.isValid());
    QVERIFY(results->flags(adaRow) & Qt::ItemIsDragEnabled);
    std::unique_ptr<QMimeData> data(results->mimeData({adaRow}));
    QVERIFY(results->canDropMimeData(data.get(), Qt::LinkAction, -1, -1, acmeRow));
    QVERIFY(!results->canDropMimeData(data.get(), Qt::LinkAction, -1, -1, adaRow)); // itself
    QVERIFY(results->dropMimeData(data.get(), Qt::LinkAction, -1, -1, acmeRow));
    QCOMPARE(m_repository->openIntents().size(), 1);
    QCOMPARE(m_repository->openIntents().first().link.key(),
             (Link{Ada, Acme, u"related"_s, LinkDirection::Undirected, {}, {}, {}}.key()));
}

void TestMainWindow::linkToFindsTheTargetByKeyboard()
{
    addLinkingData();
    MainWindow window(m_repository.get(), m_sync.get());
    window.setAskBeforeClosingWithUnsent(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.recordTree()->setCurrentIndex(window.recordTreeModel()->indexOfRecord(Ada));
    auto *linkTo = window.findChild<QAction *>(u"linkToAction"_s);
    QCOMPARE(linkTo->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));

    QStringList verdicts;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = window.findChild<LinkToDialog *>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->searchField(), u"grace"_s);
        verdicts.append(dialog->verdictText()); // a person on a person: Copper's rule
        dialog->searchField()->clear();
        QTest::keyClicks(dialog->searchField(), u"acme"_s);
        verdicts.append(dialog->verdictText());
        QTest::keyClick(dialog->searchField(), Qt::Key_Return); // links
    });
    linkTo->trigger();
    QCOMPARE(verdicts.size(), 2);
    QVERIFY2(verdicts.at(0).contains(u"person"_s), qPrintable(verdicts.at(0)));
    QCOMPARE(verdicts.at(1), u"Link to “Acme Corp”."_s);
    const QList<Intent> intents = m_repository->openIntents();
    QCOMPARE(intents.size(), 1);
    QCOMPARE(intents.first().link.key(),
             (Link{Ada, Acme, u"related"_s, LinkDirection::Undirected, {}, {}, {}}.key()));
    QVERIFY(window.undoStack()->canUndo());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
