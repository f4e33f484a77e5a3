#include "ui/mainwindow.h"

#include "models/accountservice.h"
#include "models/intentsmodel.h"
#include "models/linkrepository.h"
#include "models/linktype.h"
#include "models/recordsearch.h"
#include "models/recordsource.h"
#include "models/recordtreemodel.h"
#include "models/relatedlinksmodel.h"
#include "models/searchresultsmodel.h"
#include "models/sourcesmodel.h"
#include "resources/icons.h"
#include "ui/accountsdialog.h"
#include "ui/linkcommand.h"
#include "ui/linktodialog.h"
#include "ui/recorddetailswidget.h"
#include "ui/recordtreedelegate.h"
#include "ui/relatedpanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QCursor>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDragMoveEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

/// Where the view state of one workspace is kept in the settings.
QString viewSettingsKey(const QString &workspacePath)
{
    return u"Views/"_s
        + QString::fromLatin1(
               QCryptographicHash::hash(workspacePath.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString typeId(const QModelIndex &index)
{
    return vendorId(index.data(RecordTreeModel::VendorRole).value<Vendor>()) + u'|'
        + index.data(RecordTreeModel::AccountRole).toString() + u'|'
        + index.data(RecordTreeModel::RecordTypeRole).toString();
}

} // namespace

MainWindow::MainWindow(LinkRepository *repository, RecordSource *source, AccountService *accounts,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_repository(repository)
    , m_source(source)
    , m_accounts(accounts)
{
    updateTitle();
    setWindowIcon(Icons::application());

    m_model = new RecordTreeModel(repository, source, this);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"recordTree"_s);
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new RecordTreeDelegate(m_tree));
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(RecordTreeModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(RecordTreeModel::TypeColumn, 160);
    m_tree->header()->resizeSection(RecordTreeModel::StatusColumn, 110);
    // Drag records onto a record to link them; the rules refuse what the vendor would refuse,
    // with the reason in a tooltip while hovering.
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setDragDropMode(QAbstractItemView::DragDrop);
    m_tree->setDefaultDropAction(Qt::LinkAction);
    m_tree->viewport()->installEventFilter(this);
    connect(m_model, &RecordTreeModel::linkRequested, this, &MainWindow::makeLinks);

    m_details = new RecordDetailsWidget(repository, this);
    m_details->setObjectName(u"recordDetails"_s);

    m_related = new RelatedPanel(repository, this);
    m_related->setObjectName(u"relatedPanel"_s);
    connect(m_related, &RelatedPanel::followRecord, this,
            [this](const RecordKey &key) { goToRecord(key); });

    // The Sources dock: accounts and record types with counts and sync times; a click shows the
    // type in the tree.
    m_sourcesModel = new SourcesModel(repository, source, this);
    m_sources = new QTreeView(this);
    m_sources->setObjectName(u"sourcesView"_s);
    m_sources->setModel(m_sourcesModel);
    m_sources->setItemDelegate(new RecordTreeDelegate(m_sources));
    m_sources->setUniformRowHeights(true);
    m_sources->setRootIsDecorated(true);
    m_sources->header()->setStretchLastSection(false);
    m_sources->header()->setSectionResizeMode(SourcesModel::NameColumn, QHeaderView::Stretch);
    m_sources->header()->setSectionResizeMode(SourcesModel::RecordsColumn,
                                              QHeaderView::ResizeToContents);
    m_sources->header()->setSectionResizeMode(SourcesModel::SyncedColumn,
                                              QHeaderView::ResizeToContents);
    m_sources->expandAll();
    connect(m_sourcesModel, &QAbstractItemModel::modelReset, m_sources, &QTreeView::expandAll);
    const auto showSource = [this](const QModelIndex &index) {
        const auto vendor = index.data(RecordTreeModel::VendorRole).value<Vendor>();
        const QString account = index.data(RecordTreeModel::AccountRole).toString();
        const QVariant type = index.data(RecordTreeModel::RecordTypeRole);
        QModelIndex target;
        if (type.isValid()) {
            target = m_model->indexOfType(vendor, account, type.toString());
        } else {
            for (int row = 0; row < m_model->rowCount() && !target.isValid(); ++row) {
                const QModelIndex candidate = m_model->index(row, 0);
                if (candidate.data(RecordTreeModel::VendorRole).value<Vendor>() == vendor
                    && candidate.data(RecordTreeModel::AccountRole).toString() == account)
                    target = candidate;
            }
        }
        if (!target.isValid())
            return;
        m_tree->setCurrentIndex(target);
        m_tree->expand(target);
        m_tree->scrollTo(target, QAbstractItemView::PositionAtTop);
    };
    connect(m_sources, &QTreeView::clicked, this, showSource);
    connect(m_sources, &QTreeView::activated, this, showSource);
    m_sourcesDock = new QDockWidget(tr("Sources"), this);
    m_sourcesDock->setObjectName(u"sourcesDock"_s);
    m_sourcesDock->setWidget(m_sources);
    addDockWidget(Qt::LeftDockWidgetArea, m_sourcesDock);

    // Pending Changes: link changes the vendors do not have yet, with Retry and Discard.
    m_intents = new IntentsModel(repository, this);
    m_pendingView = new QTreeView(this);
    m_pendingView->setObjectName(u"pendingView"_s);
    m_pendingView->setModel(m_intents);
    m_pendingView->setRootIsDecorated(false);
    m_pendingView->setUniformRowHeights(true);
    m_pendingView->setAllColumnsShowFocus(true);
    m_pendingView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_pendingView->header()->resizeSection(IntentsModel::ChangeColumn, 420);
    m_pendingView->header()->resizeSection(IntentsModel::StateColumn, 150);
    m_retryAction = new QAction(tr("&Retry"), this);
    m_retryAction->setObjectName(u"retryAction"_s);
    m_retryAction->setToolTip(tr("Send the selected failed changes again"));
    connect(m_retryAction, &QAction::triggered, this,
            [this] { moveSelectedIntents(Intent::State::Pending); });
    m_discardAction = new QAction(tr("&Discard"), this);
    m_discardAction->setObjectName(u"discardAction"_s);
    m_discardAction->setToolTip(tr("Drop the selected changes without sending them; their links "
                                   "go back to what the vendor has"));
    connect(m_discardAction, &QAction::triggered, this,
            [this] { moveSelectedIntents(Intent::State::Discarded); });
    m_pendingView->addActions({m_retryAction, m_discardAction});
    m_pendingView->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *retryButton = new QToolButton(this);
    retryButton->setDefaultAction(m_retryAction);
    auto *discardButton = new QToolButton(this);
    discardButton->setDefaultAction(m_discardAction);
    auto *pendingButtons = new QHBoxLayout;
    pendingButtons->setContentsMargins(0, 0, 0, 0);
    pendingButtons->addWidget(retryButton);
    pendingButtons->addWidget(discardButton);
    pendingButtons->addStretch(1);
    auto *pendingPane = new QWidget(this);
    auto *pendingLayout = new QVBoxLayout(pendingPane);
    pendingLayout->setContentsMargins(0, 0, 0, 0);
    pendingLayout->addWidget(m_pendingView, 1);
    pendingLayout->addLayout(pendingButtons);
    m_pendingDock = new QDockWidget(tr("Pending Changes"), this);
    m_pendingDock->setObjectName(u"pendingDock"_s);
    m_pendingDock->setWidget(pendingPane);
    addDockWidget(Qt::BottomDockWidgetArea, m_pendingDock);
    m_pendingDock->hide(); // shown from View, and when a change fails
    m_undoStack = new QUndoStack(this);
    auto *undoView = new QUndoView(m_undoStack, this);
    undoView->setObjectName(u"undoView"_s);
    undoView->setEmptyLabel(tr("<nothing changed yet>"));
    m_undoDock = new QDockWidget(tr("Undo History"), this);
    m_undoDock->setObjectName(u"undoDock"_s);
    m_undoDock->setWidget(undoView);
    addDockWidget(Qt::RightDockWidgetArea, m_undoDock);
    m_undoDock->hide();
    connect(m_pendingView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updatePendingActions);
    connect(repository, &LinkRepository::intentsChanged, this, [this] {
        updatePendingActions();
        updateTitle();
        const QList<Intent> open = m_repository->openIntents();
        const qsizetype failed = std::count_if(open.cbegin(), open.cend(), [](const Intent &i) {
            return i.state == Intent::State::Failed;
        });
        if (failed > m_failedIntents)
            m_pendingDock->show(); // a change failed: say so where it can be retried
        m_failedIntents = failed;
    });
    updatePendingActions();

    m_sideSplitter = new QSplitter(Qt::Vertical, this);
    m_sideSplitter->addWidget(m_details);
    m_sideSplitter->addWidget(m_related);
    m_sideSplitter->setChildrenCollapsible(false);

    // Search and filters: the results tree stands in for the explorer tree while they are set.
    m_recordSearch = new RecordSearch(repository, source, this);
    m_results = new SearchResultsModel(m_recordSearch, this);
    m_resultsView = new QTreeView(this);
    m_resultsView->setObjectName(u"resultsView"_s);
    m_resultsView->setModel(m_results);
    m_resultsView->setItemDelegate(new RecordTreeDelegate(m_resultsView));
    m_resultsView->setUniformRowHeights(true);
    m_resultsView->setAllColumnsShowFocus(true);
    m_resultsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Matches drag like records of the tree, and take drops (the tree is hidden meanwhile).
    m_resultsView->setDragEnabled(true);
    m_resultsView->setAcceptDrops(true);
    m_resultsView->setDropIndicatorShown(true);
    m_resultsView->setDragDropMode(QAbstractItemView::DragDrop);
    m_resultsView->setDefaultDropAction(Qt::LinkAction);
    m_resultsView->viewport()->installEventFilter(this);
    connect(m_results, &SearchResultsModel::linkRequested, this, &MainWindow::makeLinks);
    m_resultsView->header()->setStretchLastSection(false);
    m_resultsView->header()->setSectionResizeMode(RecordTreeModel::NameColumn,
                                                  QHeaderView::Stretch);
    connect(m_results, &QAbstractItemModel::modelReset, m_resultsView, [this] {
        m_resultsView->expandAll();
        const QModelIndex first = m_results->index(0, 0);
        if (first.isValid()) // the best match, under its account and type
            m_resultsView->setCurrentIndex(
                m_results->index(0, 0, m_results->index(0, 0, first)).isValid()
                    ? m_results->index(0, 0, m_results->index(0, 0, first))
                    : first);
    });
    connect(m_resultsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const QVariant key = current.data(RecordTreeModel::RecordKeyRole);
                // Hidden results (no search) say nothing: the explorer tree's row is shown.
                if (!key.isValid() || m_treeStack->currentWidget() != m_resultsView)
                    return;
                const auto record = key.value<RecordKey>();
                showRecord(record);
                const QModelIndex inTree = m_model->indexOfRecord(record);
                if (inTree.isValid() && m_model->canFetchMore(inTree))
                    m_model->fetchMore(inTree); // its links, for the Related panel
            });
    // Enter on a match shows it in the explorer, where its links can be followed.
    connect(m_resultsView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QVariant key = index.data(RecordTreeModel::RecordKeyRole);
        if (!key.isValid())
            return;
        clearFilters();
        goToRecord(key.value<RecordKey>());
        m_tree->setFocus();
    });
    connect(m_results, &SearchResultsModel::matchCountChanged, this, [this] { applyFilter(); });

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"searchField"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search titles and ids in every account (Ctrl+F)"));
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::applyFilter);
    // Down arrow moves from the search field into the results.
    m_search->installEventFilter(this);
    m_filterButton = new QToolButton(this);
    m_filterButton->setObjectName(u"filterButton"_s);
    m_filterButton->setText(tr("Filters"));
    m_filterButton->setPopupMode(QToolButton::InstantPopup);
    m_filterButton->setToolTip(tr("Show only some vendors, record types or link types, or only "
                                  "records with or without links"));
    auto *filters = new QMenu(m_filterButton);
    for (Vendor vendor : AllVendors) {
        QAction *action = filters->addAction(Icons::vendor(vendor), vendorDisplayName(vendor));
        action->setCheckable(true);
        action->setData(int(vendor));
        connect(action, &QAction::toggled, this, &MainWindow::applyFilter);
        m_vendorFilters.append(action);
    }
    filters->addSeparator();
    m_withLinks = filters->addAction(tr("Only Records &With Links"));
    m_withoutLinks = filters->addAction(tr("Only Records W&ithout Links"));
    for (QAction *action : {m_withLinks, m_withoutLinks}) {
        action->setCheckable(true);
        connect(action, &QAction::toggled, this, [this, action](bool on) {
            if (on) // one or the other
                (action == m_withLinks ? m_withoutLinks : m_withLinks)->setChecked(false);
            applyFilter();
        });
    }
    filters->addSeparator();
    m_recordTypeMenu = filters->addMenu(tr("Record &Types"));
    m_recordTypeMenu->setObjectName(u"recordTypeFilters"_s);
    m_linkTypeMenu = filters->addMenu(tr("&Link Types"));
    m_linkTypeMenu->setObjectName(u"linkTypeFilters"_s);
    // Built when shown: the accounts and their types change with syncs and the Accounts dialog.
    connect(filters, &QMenu::aboutToShow, this, &MainWindow::fillTypeFilters);
    fillTypeFilters();
    filters->addSeparator();
    QAction *clear = filters->addAction(tr("&Clear Filters"), this, &MainWindow::clearFilters);
    clear->setObjectName(u"clearFiltersAction"_s);
    m_filterButton->setMenu(filters);
    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(0, 0, 0, 0);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_filterButton);

    m_treeStack = new QStackedWidget(this);
    m_treeStack->addWidget(m_tree);
    m_treeStack->addWidget(m_resultsView);
    auto *treeSide = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treeSide);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->setSpacing(4);
    treeLayout->addLayout(searchRow);
    treeLayout->addWidget(m_treeStack, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(treeSide);
    m_splitter->addWidget(m_sideSplitter);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    // First run: sample data says so, with the way to a real account.
    m_demoBanner = new QFrame(this);
    m_demoBanner->setObjectName(u"demoBanner"_s);
    auto *bannerFrame = static_cast<QFrame *>(m_demoBanner);
    bannerFrame->setFrameShape(QFrame::StyledPanel);
    bannerFrame->setAutoFillBackground(true);
    QPalette bannerPalette = bannerFrame->palette();
    bannerPalette.setColor(QPalette::Window, bannerPalette.color(QPalette::Highlight).lighter(185));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x1d, 0x1d, 0x1f));
    bannerFrame->setPalette(bannerPalette);
    auto *bannerText = new QLabel(
        tr("This is sample data, served on this computer by Linkloom's built-in sandbox. Nothing "
           "you do here reaches a real Copper, DevRev, pm415 or Laserfiche account."),
        m_demoBanner);
    bannerText->setWordWrap(true);
    auto *addAccount = new QPushButton(tr("Add Your Account…"), m_demoBanner);
    addAccount->setObjectName(u"demoBannerAdd"_s);
    connect(addAccount, &QPushButton::clicked, this, &MainWindow::showAccounts);
    auto *closeBanner = new QToolButton(m_demoBanner);
    closeBanner->setAutoRaise(true);
    closeBanner->setText(u"✕"_s);
    closeBanner->setToolTip(tr("Hide this message"));
    connect(closeBanner, &QToolButton::clicked, this, [this] {
        m_demoBannerClosed = true;
        updateDemoBanner();
    });
    auto *bannerLayout = new QHBoxLayout(m_demoBanner);
    bannerLayout->setContentsMargins(10, 6, 6, 6);
    bannerLayout->addWidget(bannerText, 1);
    bannerLayout->addWidget(addAccount);
    bannerLayout->addWidget(closeBanner);

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(4);
    centralLayout->addWidget(m_demoBanner);
    centralLayout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    // The index is built once the window is up (about 0.1 s for 100,000 records).
    QTimer::singleShot(0, m_recordSearch, &RecordSearch::buildIndex);

    m_syncLabel = new QLabel(this);
    m_syncLabel->setTextFormat(Qt::PlainText); // it quotes vendor messages
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_detailsButton = new QToolButton(this);
    m_detailsButton->setText(tr("Details…"));
    m_detailsButton->setAutoRaise(true);
    m_detailsButton->setToolTip(tr("Show what went wrong in full"));
    connect(m_detailsButton, &QToolButton::clicked, this, &MainWindow::showErrorDetails);
    m_syncProgress = new QProgressBar(this);
    m_syncProgress->setObjectName(u"syncProgress"_s);
    m_syncProgress->setMaximumWidth(160);
    m_syncProgress->setVisible(false);
    m_cancelSync = new QToolButton(this);
    m_cancelSync->setObjectName(u"cancelSync"_s);
    m_cancelSync->setText(tr("Cancel"));
    m_cancelSync->setAutoRaise(true);
    m_cancelSync->setToolTip(tr("Stop the sync (what was read so far stays)"));
    m_cancelSync->setVisible(false);
    connect(m_cancelSync, &QToolButton::clicked, this, [this] {
        if (!m_syncs.isEmpty())
            m_syncs.last()->cancel();
    });
    statusBar()->addWidget(m_syncLabel, 1);
    statusBar()->addPermanentWidget(m_detailsButton);
    statusBar()->addPermanentWidget(m_syncProgress);
    statusBar()->addPermanentWidget(m_cancelSync);
    statusBar()->addPermanentWidget(m_busy);

    connect(
        m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            const QVariant key = current.data(RecordTreeModel::RecordKeyRole);
            const auto record
                = key.isValid() ? std::optional(key.value<RecordKey>()) : std::nullopt;
            showRecord(record);
            // The Related panel shows the record's links: read them if this run has not yet.
            if (record && m_model->canFetchMore(current.siblingAtColumn(0)))
                m_model->fetchMore(current.siblingAtColumn(0));
            if (record && !m_navigating) {
                m_history.resize(m_historyPos + 1); // a new step drops the forward ones
                if (m_history.isEmpty() || m_history.last() != *record)
                    m_history.append(*record);
                m_historyPos = m_history.size() - 1;
                updateNavigation();
            }
            m_refreshAction->setEnabled(
                m_model->canFetchMore(current.siblingAtColumn(0)) || key.isValid()
                || current.data(RecordTreeModel::NodeKindRole).value<RecordTreeModel::NodeKind>()
                    == RecordTreeModel::NodeKind::RecordType);
        });

    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        showContextMenu(m_tree, RecordTreeModel::RecordKeyRole, pos);
    });
    m_related->view()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_related->view(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) {
                showContextMenu(m_related->view(), RelatedLinksModel::RecordKeyRole, pos);
            });
    // Delete removes the selected links, in the vendor, after saying which.
    m_removeLinksAction = new QAction(tr("&Remove Link…"), this);
    m_removeLinksAction->setObjectName(u"removeLinksAction"_s);
    m_removeLinksAction->setShortcut(QKeySequence::Delete);
    m_removeLinksAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_removeLinksAction->setToolTip(tr("Remove the selected links in their vendor's system"));
    m_related->view()->addAction(m_removeLinksAction);
    // Related records drag onto records of the tree or the search results, to link them too.
    m_related->view()->setDragEnabled(true);
    m_related->view()->setDragDropMode(QAbstractItemView::DragOnly);
    connect(m_removeLinksAction, &QAction::triggered, this, &MainWindow::removeSelectedLinks);
    const auto updateRemove
        = [this] { m_removeLinksAction->setEnabled(!selectedConfirmedLinks().isEmpty()); };
    connect(m_related->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            updateRemove);
    connect(m_related->model(), &QAbstractItemModel::dataChanged, this, updateRemove);
    connect(m_related->model(), &QAbstractItemModel::modelReset, this, updateRemove);
    updateRemove();

    // Enter on a related record in the tree goes to the record itself.
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (index.data(RecordTreeModel::NodeKindRole).value<RecordTreeModel::NodeKind>()
            == RecordTreeModel::NodeKind::LinkedRecord) {
            goToRecord(index.data(RecordTreeModel::RecordKeyRole).value<RecordKey>());
        }
    });

    if (m_source) {
        connect(m_source, &RecordSource::activityChanged, this, &MainWindow::updateSyncStatus);
        connect(m_source, &RecordSource::recordsFetched, this,
                [this](Vendor, const QString &, const QString &type, const Result &result) {
                    reportFailure(tr("Could not load the %1 records.").arg(type), result);
                });
        connect(m_source, &RecordSource::linksFetched, this,
                [this](const RecordKey &key, const Result &result) {
                    const auto record = m_repository->record(key);
                    reportFailure(tr("Could not load the links of “%1”.")
                                      .arg(record ? record->displayTitle() : key.id),
                                  result);
                });
    }

    if (m_accounts) {
        connect(m_accounts, &AccountService::syncStarted, this,
                [this](Vendor vendor, const QString &id, AccountTask *task) {
                    QString name = id;
                    for (const AccountConfig &account : m_accounts->accounts()) {
                        if (account.vendor == vendor && account.id == id)
                            name = account.name();
                    }
                    trackSync(name, task);
                });
        connect(m_accounts, &AccountService::accountProblem, this,
                [this](Vendor, const QString &id, const Result &problem) {
                    reportFailure(tr("Account “%1”:").arg(id), problem);
                });
        connect(m_accounts, &AccountService::accountsChanged, this, &MainWindow::updateDemoBanner);
    }

    createActions();
    restoreLayout();
    // Show every account's record types right away; records load when a type is expanded. Then
    // the rows the user had open in this workspace last time, and the row they were on.
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_tree->expand(m_model->index(row, 0));
    m_tree->setFocus();
    if (m_model->rowCount() > 0)
        m_tree->setCurrentIndex(m_model->index(0, 0));
    restoreViewState(QSettings().value(viewSettingsKey(m_repository->path())).toStringList());
    updateSyncStatus();
    updateDemoBanner();
}

MainWindow::~MainWindow() = default;

void MainWindow::applyFilter()
{
    RecordFilter filter = m_results->filter();
    const QString text = m_search->text().trimmed();
    filter.text = text;
    filter.vendors.clear();
    for (const QAction *action : std::as_const(m_vendorFilters)) {
        if (action->isChecked())
            filter.vendors.insert(Vendor(action->data().toInt()));
    }
    filter.recordTypes = m_recordTypeFilter;
    filter.linkTypes = m_linkTypeFilter;
    filter.links = m_withLinks->isChecked() ? RecordFilter::Links::WithLinks
        : m_withoutLinks->isChecked()       ? RecordFilter::Links::WithoutLinks
                                            : RecordFilter::Links::Any;
    const bool filtering = !filter.isEmpty();
    const int active
        = int(filter.vendors.size() + filter.recordTypes.size() + filter.linkTypes.size())
        + (filter.links != RecordFilter::Links::Any);
    m_filterButton->setText(active > 0 ? tr("Filters (%1)").arg(active) : tr("Filters"));
    // The results show before they are filled: their best match is then the record shown.
    const bool wasFiltering = m_treeStack->currentWidget() == m_resultsView;
    m_treeStack->setCurrentWidget(filtering ? static_cast<QWidget *>(m_resultsView) : m_tree);
    if (!(filter == m_results->filter()))
        m_results->setFilter(filter);
    if (wasFiltering && !filtering) {
        // Back to the explorer: its current record is the one shown.
        const QVariant key = m_tree->currentIndex().data(RecordTreeModel::RecordKeyRole);
        showRecord(key.isValid() ? std::optional(key.value<RecordKey>()) : std::nullopt);
    }
    if (filtering) {
        m_syncLabel->setText(tr("%n match(es)", nullptr, int(m_results->matchCount())));
        m_syncLabel->setToolTip({});
    } else {
        updateSyncStatus();
    }
}

void MainWindow::fillTypeFilters()
{
    m_recordTypeMenu->clear();
    m_linkTypeMenu->clear();
    // One entry per vendor and type (accounts of one vendor share their types), then one per
    // link type id, named as its vendors name it.
    struct Entry
    {
        QString label;
        QVariant data;
        bool checked = false;
    };
    QList<Entry> recordTypes;
    QSet<VendorRecordType> seenRecordTypes;
    QMap<QString, QStringList> linkTypeNames; // id → "name (Vendor)"
    const QList<AccountInfo> accounts = m_source->accounts();
    for (const AccountInfo &account : accounts) {
        for (const RecordTypeInfo &info : account.recordTypes) {
            const VendorRecordType type{account.vendor, info.type};
            if (seenRecordTypes.contains(type))
                continue;
            seenRecordTypes.insert(type);
            recordTypes.append({tr("%1 (%2)").arg(info.label.isEmpty() ? info.type : info.label,
                                                  vendorDisplayName(account.vendor)),
                                QVariant::fromValue(type), m_recordTypeFilter.contains(type)});
        }
        for (const LinkType &type : m_repository->linkTypes(account.vendor, account.account)) {
            const QString label = tr("%1 (%2)").arg(type.name.isEmpty() ? type.id : type.name,
                                                    vendorDisplayName(account.vendor));
            QStringList &names = linkTypeNames[type.id];
            if (!names.contains(label))
                names.append(label);
        }
    }
    QList<Entry> linkTypes;
    for (auto it = linkTypeNames.cbegin(); it != linkTypeNames.cend(); ++it)
        linkTypes.append({it.value().join(u", "_s), it.key(), m_linkTypeFilter.contains(it.key())});
    // A filter set before its type went away stays listed, so that it can be turned off.
    for (const VendorRecordType &type : std::as_const(m_recordTypeFilter)) {
        if (!seenRecordTypes.contains(type))
            recordTypes.append({tr("%1 (%2)").arg(type.type, vendorDisplayName(type.vendor)),
                                QVariant::fromValue(type), true});
    }
    for (const QString &id : std::as_const(m_linkTypeFilter)) {
        if (!linkTypeNames.contains(id))
            linkTypes.append({id, id, true});
    }
    const auto byLabel = [](const Entry &a, const Entry &b) {
        return QString::localeAwareCompare(a.label, b.label) < 0;
    };
    std::sort(recordTypes.begin(), recordTypes.end(), byLabel);
    std::sort(linkTypes.begin(), linkTypes.end(), byLabel);

    const auto fill = [this](QMenu *menu, const QList<Entry> &entries, auto toggle) {
        if (entries.isEmpty()) {
            menu->addAction(tr("None yet: sync an account"))->setEnabled(false);
            return;
        }
        for (const Entry &entry : entries) {
            QAction *action = menu->addAction(entry.label);
            action->setCheckable(true);
            action->setChecked(entry.checked);
            action->setData(entry.data);
            connect(action, &QAction::toggled, this, [this, action, toggle](bool on) {
                toggle(action->data(), on);
                applyFilter();
            });
        }
    };
    fill(m_recordTypeMenu, recordTypes, [this](const QVariant &value, bool on) {
        const auto type = value.value<VendorRecordType>();
        if (on)
            m_recordTypeFilter.insert(type);
        else
            m_recordTypeFilter.remove(type);
    });
    fill(m_linkTypeMenu, linkTypes, [this](const QVariant &value, bool on) {
        if (on)
            m_linkTypeFilter.insert(value.toString());
        else
            m_linkTypeFilter.remove(value.toString());
    });
}

void MainWindow::clearFilters()
{
    const QSignalBlocker blocker(m_search);
    m_search->clear();
    for (QAction *action : std::as_const(m_vendorFilters)) {
        const QSignalBlocker actionBlocker(action);
        action->setChecked(false);
    }
    for (QAction *action : {m_withLinks, m_withoutLinks}) {
        const QSignalBlocker actionBlocker(action);
        action->setChecked(false);
    }
    m_recordTypeFilter.clear();
    m_linkTypeFilter.clear();
    fillTypeFilters();
    applyFilter();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    QTreeView *dropView = watched == m_tree->viewport()         ? m_tree
        : m_resultsView && watched == m_resultsView->viewport() ? m_resultsView
                                                                : nullptr;
    if (dropView && event->type() == QEvent::DragMove) {
        const auto *move = static_cast<QDragMoveEvent *>(event);
        const QModelIndex target = dropView->indexAt(move->position().toPoint()).siblingAtColumn(0);
        const LinkVerdict verdict = dropView == m_tree
            ? m_model->dropVerdict(move->mimeData(), target)
            : m_results->dropVerdict(move->mimeData(), target);
        QStringList ways;
        for (const LinkChoice &choice : verdict.choices)
            ways.append(choice.label());
        const QString tip = verdict.allowed()
            ? tr("Link to “%1”: %2").arg(target.data().toString(), ways.join(tr(" or ")))
            : verdict.reason;
        QToolTip::showText(dropView->viewport()->mapToGlobal(move->position().toPoint()), tip,
                           dropView->viewport());
    } else if (dropView && (event->type() == QEvent::DragLeave || event->type() == QEvent::Drop)) {
        QToolTip::hideText();
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            QTreeView *view
                = m_treeStack->currentWidget() == m_resultsView ? m_resultsView : m_tree;
            view->setFocus();
            if (key != Qt::Key_Down && view->currentIndex().isValid())
                Q_EMIT view->activated(view->currentIndex());
            return true;
        }
        if (key == Qt::Key_Escape) {
            m_search->clear();
            m_tree->setFocus();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::updateDemoBanner()
{
    bool onlyDemos = false;
    if (m_accounts && !m_demoBannerClosed) {
        const QList<AccountConfig> accounts = m_accounts->accounts();
        onlyDemos = !accounts.isEmpty()
            && std::all_of(accounts.cbegin(), accounts.cend(), [this](const AccountConfig &a) {
                   return m_accounts->isDemo(a.vendor, a.id);
               });
    }
    m_demoBanner->setVisible(onlyDemos);
}

QStringList MainWindow::viewState() const
{
    QStringList state;
    for (int a = 0; a < m_model->rowCount(); ++a) {
        const QModelIndex account = m_model->index(a, 0);
        if (!m_tree->isExpanded(account)) {
            state.append(u"-a|"_s
                         + vendorId(account.data(RecordTreeModel::VendorRole).value<Vendor>())
                         + u'|' + account.data(RecordTreeModel::AccountRole).toString());
            continue;
        }
        for (int t = 0; t < m_model->rowCount(account); ++t) {
            const QModelIndex type = m_model->index(t, 0, account);
            if (!m_tree->isExpanded(type))
                continue;
            state.append(u"t|"_s + typeId(type));
            for (int r = 0; r < m_model->rowCount(type); ++r) {
                const QModelIndex record = m_model->index(r, 0, type);
                if (m_tree->isExpanded(record)) {
                    state.append(u"r|"_s
                                 + record.data(RecordTreeModel::RecordKeyRole)
                                       .value<RecordKey>()
                                       .toString());
                }
            }
        }
    }
    const QModelIndex current = m_tree->currentIndex();
    const QVariant key = current.data(RecordTreeModel::RecordKeyRole);
    if (key.isValid())
        state.append(u"current|r|"_s + key.value<RecordKey>().toString());
    else if (current.data(RecordTreeModel::RecordTypeRole).isValid())
        state.append(u"current|t|"_s + typeId(current));
    return state;
}

void MainWindow::restoreViewState(const QStringList &state)
{
    const auto typeIndex = [this](QStringView id) {
        const auto parts = id.split(u'|');
        const auto vendor = parts.size() == 3 ? vendorFromId(parts.at(0)) : std::nullopt;
        return vendor
            ? m_model->indexOfType(*vendor, parts.at(1).toString(), parts.at(2).toString())
            : QModelIndex();
    };
    for (const QString &item : state) {
        const QStringView view(item);
        if (view.startsWith(u"-a|")) {
            const auto parts = view.mid(3).split(u'|');
            const auto vendor = parts.size() == 2 ? vendorFromId(parts.at(0)) : std::nullopt;
            for (int row = 0; vendor && row < m_model->rowCount(); ++row) {
                const QModelIndex account = m_model->index(row, 0);
                if (account.data(RecordTreeModel::VendorRole).value<Vendor>() == *vendor
                    && account.data(RecordTreeModel::AccountRole).toString() == parts.at(1))
                    m_tree->collapse(account);
            }
        } else if (view.startsWith(u"t|")) {
            if (const QModelIndex type = typeIndex(view.mid(2)); type.isValid())
                m_tree->expand(type);
        } else if (view.startsWith(u"r|")) {
            if (const auto key = RecordKey::fromString(item.mid(2)))
                m_tree->expand(m_model->indexOfRecord(*key));
        } else if (view.startsWith(u"current|r|")) {
            if (const auto key = RecordKey::fromString(item.mid(10)))
                goToRecord(*key);
        } else if (view.startsWith(u"current|t|")) {
            if (const QModelIndex type = typeIndex(view.mid(10)); type.isValid())
                m_tree->setCurrentIndex(type);
        }
    }
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    if (m_accounts) {
        QAction *accounts = file->addAction(tr("&Accounts…"), this, &MainWindow::showAccounts);
        accounts->setObjectName(u"accountsAction"_s);
        accounts->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        accounts->setToolTip(tr("Add, edit or remove the accounts this workspace connects to"));
        m_syncAction = file->addAction(tr("&Sync Account"), this, &MainWindow::syncCurrentAccount);
        m_syncAction->setObjectName(u"syncAction"_s);
        m_syncAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        m_syncAction->setToolTip(tr("Read every record and link of the selected account"));
        file->addSeparator();
    }
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Undo and redo of link changes: never a replayed request (ui/linkcommand.h).
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(u"undoAction"_s);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(u"redoAction"_s);
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *linkTo = edit->addAction(tr("&Link to…"), this, &MainWindow::linkSelectedTo);
    linkTo->setObjectName(u"linkToAction"_s);
    linkTo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    linkTo->setToolTip(tr("Link the selected records to a record you search for"));
    QAction *find = edit->addAction(tr("&Find…"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setObjectName(u"findAction"_s);
    find->setShortcut(QKeySequence::Find);
    edit->addSeparator();
    m_copyAction = edit->addAction(tr("&Copy"), this, [this] {
        if (const QString text = selectedRecordsText(); !text.isEmpty())
            QGuiApplication::clipboard()->setText(text);
    });
    m_copyAction->setObjectName(u"copyAction"_s);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setToolTip(tr("Copy the selected records as text: title, key and address"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_refreshAction = view->addAction(tr("&Refresh"), this, &MainWindow::refreshCurrent);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Read the selected record type or record from its vendor "
                                   "again"));
    view->addSeparator();
    view->addAction(tr("&Collapse All"), m_tree, &QTreeView::collapseAll);

    view->addSeparator();
    QAction *sources = m_sourcesDock->toggleViewAction();
    sources->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));
    view->addAction(sources);
    QAction *pending = m_pendingDock->toggleViewAction();
    pending->setShortcut(QKeySequence(Qt::ALT | Qt::Key_2));
    view->addAction(pending);
    QAction *history = m_undoDock->toggleViewAction();
    history->setShortcut(QKeySequence(Qt::ALT | Qt::Key_3));
    view->addAction(history);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    m_backAction = go->addAction(tr("&Back"), this, &MainWindow::goBack);
    m_backAction->setObjectName(u"backAction"_s);
    m_backAction->setShortcut(QKeySequence::Back);
    m_forwardAction = go->addAction(tr("&Forward"), this, &MainWindow::goForward);
    m_forwardAction->setObjectName(u"forwardAction"_s);
    m_forwardAction->setShortcut(QKeySequence::Forward);
    updateNavigation();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(tr("&About Linkloom"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    if (!restoreGeometry(settings.value(u"geometry"_s).toByteArray())) {
        // First start: most of the screen, at most 1400 × 900.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        resize(qMin(1400, available.width() * 9 / 10), qMin(900, available.height() * 9 / 10));
    }
    if (!restoreState(settings.value(u"state"_s).toByteArray()))
        resizeDocks({m_sourcesDock}, {qMax(300, width() / 4)}, Qt::Horizontal);
    if (!m_splitter->restoreState(settings.value(u"splitter"_s).toByteArray()))
        m_splitter->setSizes({width() * 3 / 5, width() * 2 / 5});
    if (!m_sideSplitter->restoreState(settings.value(u"sideSplitter"_s).toByteArray()))
        m_sideSplitter->setSizes({height() / 2, height() / 2});
    m_related->view()->header()->restoreState(settings.value(u"relatedHeader"_s).toByteArray());
    m_tree->header()->restoreState(settings.value(u"treeHeader"_s).toByteArray());
    m_sources->header()->restoreState(settings.value(u"sourcesHeader"_s).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState());
    settings.setValue(u"splitter"_s, m_splitter->saveState());
    settings.setValue(u"sideSplitter"_s, m_sideSplitter->saveState());
    settings.setValue(u"relatedHeader"_s, m_related->view()->header()->saveState());
    settings.setValue(u"treeHeader"_s, m_tree->header()->saveState());
    settings.setValue(u"sourcesHeader"_s, m_sources->header()->saveState());
    settings.endGroup();
    settings.setValue(viewSettingsKey(m_repository->path()), viewState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const qsizetype unsent = m_repository->openIntents().size();
    if (unsent > 0 && m_askBeforeClosingWithUnsent) {
        QMessageBox box(
            QMessageBox::Question, tr("Linkloom"),
            tr("%n change(s) have not reached their vendors yet.", nullptr, int(unsent)),
            QMessageBox::NoButton, this);
        box.setObjectName(u"unsentChangesQuestion"_s);
        box.setInformativeText(tr("They are kept in the workspace and sent the next time you "
                                  "open it. Quit anyway?"));
        QPushButton *quit = box.addButton(tr("&Quit"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(quit);
        box.exec();
        if (box.clickedButton() != quit) {
            event->ignore();
            return;
        }
    }
    saveLayout();
    event->accept();
}

void MainWindow::setWorkspaceTitle(const QString &title)
{
    m_workspaceTitle = title;
    updateTitle();
}

void MainWindow::updateTitle()
{
    const int unsent = int(m_repository->openIntents().size());
    const QString base = m_workspaceTitle.isEmpty() ? tr("Linkloom") : m_workspaceTitle;
    setWindowTitle(unsent > 0 ? tr("%1 — %n unsent change(s)", nullptr, unsent).arg(base) : base);
}

QList<Intent> MainWindow::selectedIntents() const
{
    QList<Intent> intents;
    for (const QModelIndex &row : m_pendingView->selectionModel()->selectedRows()) {
        if (const auto intent = m_intents->intentAt(row))
            intents.append(*intent);
    }
    return intents;
}

void MainWindow::updatePendingActions()
{
    const QList<Intent> selected = selectedIntents();
    const auto all = [&selected](auto test) {
        return !selected.isEmpty() && std::all_of(selected.cbegin(), selected.cend(), test);
    };
    m_retryAction->setEnabled(
        all([](const Intent &i) { return i.state == Intent::State::Failed; }));
    m_discardAction->setEnabled(
        all([](const Intent &i) { return i.state != Intent::State::Sending; }));
}

void MainWindow::moveSelectedIntents(Intent::State state)
{
    for (const Intent &intent : selectedIntents()) {
        if (const Result moved = m_repository->setIntentState(intent.id, state); !moved) {
            reportFailure(tr("The change could not be updated:"), moved);
            return;
        }
    }
}

QString MainWindow::syncStatusText() const
{
    return m_syncLabel->text();
}

void MainWindow::updateSyncStatus()
{
    if (!m_syncs.isEmpty())
        return; // the running full sync's progress owns the label
    const int active = m_source ? m_source->activeRequests() : 0;
    m_busy->setVisible(active > 0);
    m_detailsButton->setVisible(active == 0 && !m_lastError.isEmpty());
    if (active > 0) {
        m_syncLabel->setText(tr("Syncing… %n request(s) running", nullptr, active));
        m_syncLabel->setToolTip({});
    } else if (!m_lastError.isEmpty()) {
        m_syncLabel->setText(m_lastError);
        m_syncLabel->setToolTip(m_lastErrorDetails);
    } else {
        m_syncLabel->setText(tr("Ready · %n record(s) in this workspace", nullptr,
                                int(m_repository->recordCount())));
        m_syncLabel->setToolTip(m_repository->path());
    }
}

void MainWindow::makeLinks(const QList<RecordKey> &dragged, const RecordKey &target,
                           const QList<LinkChoice> &choices)
{
    if (choices.isEmpty() || dragged.isEmpty())
        return;
    const QString targetName
        = m_repository->title(target).isEmpty() ? target.toString() : m_repository->title(target);
    // More than one way: a chooser at the pointer, the last way chosen for this vendor first.
    LinkChoice choice = choices.first();
    if (choices.size() > 1) {
        QSettings settings;
        const QString remembered
            = settings.value(u"Linking/lastChoice/"_s + vendorId(target.vendor)).toString();
        QList<LinkChoice> ordered = choices;
        std::stable_partition(ordered.begin(), ordered.end(), [&](const LinkChoice &c) {
            return c.type.id + (c.reversed ? u"<"_s : u">"_s) == remembered;
        });
        QMenu menu(this);
        menu.setObjectName(u"linkTypeChooser"_s);
        menu.addSection(tr("Link to “%1” as", nullptr).arg(targetName));
        for (qsizetype i = 0; i < ordered.size(); ++i) {
            const LinkChoice &c = ordered.at(i);
            QAction *action = menu.addAction(c.type.name.isEmpty() || c.type.name == c.label()
                                                 ? c.label()
                                                 : tr("%1 (%2)").arg(c.label(), c.type.name));
            action->setData(int(i));
        }
        QAction *chosen = menu.exec(QCursor::pos(), menu.actions().value(1));
        if (!chosen)
            return;
        choice = ordered.at(chosen->data().toInt());
        settings.setValue(u"Linking/lastChoice/"_s + vendorId(target.vendor),
                          QString(choice.type.id + (choice.reversed ? u"<"_s : u">"_s)));
    }
    commitLinks(dragged, target, choice);
}

void MainWindow::commitLinks(const QList<RecordKey> &dragged, const RecordKey &target,
                             const LinkChoice &choice)
{
    const QString targetName
        = m_repository->title(target).isEmpty() ? target.toString() : m_repository->title(target);
    QList<Link> links;
    for (const RecordKey &key : dragged)
        links.append(choice.link(key, target));
    const QString text = dragged.size() == 1
        ? tr("Link “%1” to “%2”").arg(m_repository->title(dragged.first()), targetName)
        : tr("Link %n records to “%1”", nullptr, int(dragged.size())).arg(targetName);
    const qsizetype before = m_repository->openIntents().size();
    m_undoStack->push(new LinkCommand(
        m_repository, Intent::Kind::AddLink, links, text,
        [this](const QString &what, const Result &result) { reportFailure(what, result); }));
    const int asked = int(m_repository->openIntents().size() - before);
    if (asked > 0) {
        m_syncLabel->setText(tr("%n link(s) to “%1” on the way to %2", nullptr, asked)
                                 .arg(targetName, vendorDisplayName(target.vendor)));
    }
}

void MainWindow::linkSelectedTo()
{
    QList<RecordKey> records = m_treeStack->currentWidget() == m_resultsView
        ? selectedRecords(m_resultsView, RecordTreeModel::RecordKeyRole)
        : selectedRecords(m_tree, RecordTreeModel::RecordKeyRole);
    if (records.isEmpty())
        return;
    LinkToDialog dialog(m_repository, m_recordSearch, records, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.target())
        return;
    commitLinks(records, *dialog.target(), *dialog.choice());
}

QList<Link> MainWindow::selectedConfirmedLinks() const
{
    QList<Link> links;
    for (const QModelIndex &row : m_related->view()->selectionModel()->selectedRows()) {
        const QVariant key = row.data(RelatedLinksModel::LinkKeyRole);
        if (!key.isValid())
            continue;
        const auto link = m_repository->link(key.value<LinkKey>());
        if (link && link->state == LinkState::Confirmed && !links.contains(*link))
            links.append(*link);
    }
    return links;
}

void MainWindow::removeSelectedLinks()
{
    const QList<Link> links = selectedConfirmedLinks();
    if (links.isEmpty())
        return;
    const Vendor vendor = links.first().source.vendor;
    const auto name = [this](const RecordKey &key) {
        const QString title = m_repository->title(key);
        return title.isEmpty() ? key.toString() : title;
    };
    QStringList lines;
    for (const Link &link : links.first(qMin<qsizetype>(links.size(), 10))) {
        const auto type
            = m_repository->linkType(link.source.vendor, link.source.account, link.type);
        const QString how = type && !type->forwardLabel.isEmpty() ? type->forwardLabel : link.type;
        lines.append(tr("• “%1” %2 “%3”").arg(name(link.source), how, name(link.target)));
    }
    if (links.size() > lines.size())
        lines.append(tr("… and %n more", nullptr, int(links.size() - lines.size())));
    QMessageBox box(
        QMessageBox::Question, tr("Remove Links"),
        tr("Remove %n link(s) in %1?", nullptr, int(links.size())).arg(vendorDisplayName(vendor)),
        QMessageBox::NoButton, this);
    box.setObjectName(u"removeLinksQuestion"_s);
    box.setInformativeText(tr("They are removed in %1 itself, not only in Linkloom:\n%2")
                               .arg(vendorDisplayName(vendor), lines.join(u'\n')));
    QPushButton *remove = box.addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(box.addButton(QMessageBox::Cancel));
    box.exec();
    if (box.clickedButton() != remove)
        return;
    const qsizetype before = m_repository->openIntents().size();
    m_undoStack->push(new LinkCommand(
        m_repository, Intent::Kind::RemoveLink, links,
        tr("Remove %n link(s) in %1", nullptr, int(links.size())).arg(vendorDisplayName(vendor)),
        [this](const QString &what, const Result &result) { reportFailure(what, result); }));
    const int asked = int(m_repository->openIntents().size() - before);
    if (asked > 0) {
        m_syncLabel->setText(
            tr("%n link(s) being removed in %1", nullptr, asked).arg(vendorDisplayName(vendor)));
    }
}

void MainWindow::reportFailure(const QString &what, const Result &result)
{
    if (result.ok()) {
        m_lastError.clear();
        m_lastErrorDetails.clear();
    } else {
        m_lastError = what + u' ' + result.message();
        m_lastErrorDetails = result.details();
    }
    updateSyncStatus();
}

void MainWindow::showErrorDetails()
{
    QMessageBox box(QMessageBox::Warning, tr("Linkloom"), m_lastError, QMessageBox::Close, this);
    box.setTextFormat(Qt::PlainText);
    box.setDetailedText(m_lastErrorDetails);
    box.exec();
}

void MainWindow::refreshCurrent()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    m_model->refresh(current.siblingAtColumn(0));
    m_tree->expand(current.siblingAtColumn(0));
}

QList<RecordKey> MainWindow::selectedRecords(const QAbstractItemView *view, int keyRole) const
{
    QList<RecordKey> keys;
    QModelIndexList rows = view->selectionModel()->selectedRows();
    if (rows.isEmpty() && view->currentIndex().isValid())
        rows.append(view->currentIndex().siblingAtColumn(0));
    std::sort(rows.begin(), rows.end(), [view](const QModelIndex &a, const QModelIndex &b) {
        return view->visualRect(a).top() < view->visualRect(b).top();
    });
    for (const QModelIndex &row : std::as_const(rows)) {
        const QVariant key = row.data(keyRole);
        if (key.isValid() && !keys.contains(key.value<RecordKey>()))
            keys.append(key.value<RecordKey>());
    }
    return keys;
}

QString MainWindow::selectedRecordsText() const
{
    const bool related = m_related->view()->hasFocus();
    const QList<RecordKey> keys = related
        ? selectedRecords(m_related->view(), RelatedLinksModel::RecordKeyRole)
        : selectedRecords(m_tree, RecordTreeModel::RecordKeyRole);
    QStringList lines;
    for (const RecordKey &key : keys) {
        const auto record = m_repository->record(key);
        QStringList fields{record ? record->displayTitle() : key.id, key.toString()};
        if (record && record->webUrl.isValid())
            fields.append(record->webUrl.toString());
        // A title is vendor text: keep each record on one line.
        lines.append(fields.join(u'\t').replace(u'\n', u' '));
    }
    return lines.join(u'\n');
}

void MainWindow::openInVendor(const RecordKey &record)
{
    const auto stored = m_repository->record(record);
    if (stored && stored->webUrl.isValid())
        QDesktopServices::openUrl(stored->webUrl);
}

void MainWindow::showContextMenu(QAbstractItemView *view, int keyRole, const QPoint &pos)
{
    const QModelIndex index = view->indexAt(pos);
    QMenu menu(this);
    const QVariant key = index.data(keyRole);
    if (key.isValid()) {
        const auto record = key.value<RecordKey>();
        const bool isLinkedRow = view != m_tree
            || index.data(RecordTreeModel::NodeKindRole).value<RecordTreeModel::NodeKind>()
                == RecordTreeModel::NodeKind::LinkedRecord;
        if (isLinkedRow)
            menu.addAction(tr("&Go to Record"), this, [this, record] { goToRecord(record); });
        const auto stored = m_repository->record(record);
        if (stored && stored->webUrl.isValid()) {
            menu.addAction(tr("&Open in %1").arg(vendorDisplayName(record.vendor)), this,
                           [this, record] { openInVendor(record); });
        }
    }
    if (view == m_tree && index.isValid())
        menu.addAction(m_refreshAction);
    if (view == m_tree && m_syncAction && index.isValid())
        menu.addAction(m_syncAction);
    if (key.isValid()) {
        menu.addSeparator();
        menu.addAction(m_copyAction);
    }
    if (view == m_related->view() && key.isValid())
        menu.addAction(m_removeLinksAction);
    if (!menu.isEmpty())
        menu.exec(view->viewport()->mapToGlobal(pos));
}

void MainWindow::showRecord(const std::optional<RecordKey> &record)
{
    m_details->setRecord(record);
    m_related->setRecord(record);
}

void MainWindow::goToRecord(const RecordKey &record, bool remember)
{
    const QModelIndex index = m_model->indexOfRecord(record);
    if (remember) {
        m_history.resize(m_historyPos + 1);
        if (m_history.isEmpty() || m_history.last() != record)
            m_history.append(record);
        m_historyPos = m_history.size() - 1;
    }
    m_navigating = true;
    if (index.isValid()) {
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            m_tree->expand(parent);
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    } else {
        // Not in the tree yet (its type was never read): show it without a tree row.
        m_tree->selectionModel()->clearCurrentIndex();
        showRecord(record);
    }
    m_navigating = false;
    updateNavigation();
}

void MainWindow::goBack()
{
    if (m_historyPos <= 0)
        return;
    --m_historyPos;
    goToRecord(m_history.at(m_historyPos), false);
}

void MainWindow::goForward()
{
    if (m_historyPos + 1 >= m_history.size())
        return;
    ++m_historyPos;
    goToRecord(m_history.at(m_historyPos), false);
}

void MainWindow::updateNavigation()
{
    if (m_backAction)
        m_backAction->setEnabled(m_historyPos > 0);
    if (m_forwardAction)
        m_forwardAction->setEnabled(m_historyPos + 1 < m_history.size());
}

void MainWindow::showAccounts()
{
    if (!m_accounts)
        return;
    AccountsDialog dialog(m_accounts, this);
    dialog.exec();
}

void MainWindow::syncCurrentAccount()
{
    if (!m_accounts)
        return;
    QModelIndex index = m_tree->currentIndex();
    if (!index.isValid() && m_model->rowCount() > 0)
        index = m_model->index(0, 0);
    if (!index.isValid())
        return showAccounts();
    m_accounts->syncAccount(index.data(RecordTreeModel::VendorRole).value<Vendor>(),
                            index.data(RecordTreeModel::AccountRole).toString());
}

void MainWindow::trackSync(const QString &account, AccountTask *task)
{
    m_syncs.append(task);
    const auto show = [this, account](qsizetype done, qsizetype total, const QString &what) {
        m_syncProgress->setRange(0, int(qMin<qsizetype>(total, INT_MAX)));
        m_syncProgress->setValue(int(qMin<qsizetype>(done, INT_MAX)));
        m_syncProgress->setVisible(true);
        m_cancelSync->setVisible(true);
        m_syncLabel->setText(tr("Syncing %1: %2").arg(account, what));
    };
    show(0, 0, tr("starting…"));
    connect(task, &AccountTask::progress, this, show);
    connect(task, &AccountTask::finished, this,
            [this, task, account](const Result &result, const QString &summary) {
                m_syncs.removeOne(task);
                m_syncProgress->setVisible(!m_syncs.isEmpty());
                m_cancelSync->setVisible(!m_syncs.isEmpty());
                m_lastError.clear();
                m_lastErrorDetails.clear();
                if (!result.ok()) {
                    m_lastError
                        = tr("Sync of %1: %2").arg(account, summary) + u' ' + result.message();
                    m_lastErrorDetails = result.details();
                }
                updateSyncStatus();
                if (result.ok())
                    m_syncLabel->setText(tr("Synced %1: %2").arg(account, summary));
            });
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Linkloom"),
        tr("<h3>Linkloom %1</h3>"
           "<p>Browse and link records across Copper CRM, DevRev, pm415 and "
           "Laserfiche.</p><p>Workspace: %2</p>")
            .arg(QCoreApplication::applicationVersion(), m_repository->path().toHtmlEscaped()));
}
