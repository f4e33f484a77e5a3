#include "ui/mainwindow.h"

#include "models/linkrepository.h"
#include "models/recordsource.h"
#include "models/recordtreemodel.h"
#include "resources/icons.h"
#include "ui/recorddetailswidget.h"
#include "ui/recordtreedelegate.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(LinkRepository *repository, RecordSource *source, QWidget *parent)
    : QMainWindow(parent)
    , m_repository(repository)
    , m_source(source)
{
    setWindowTitle(tr("Linkloom"));
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

    m_details = new RecordDetailsWidget(repository, this);
    m_details->setObjectName(u"recordDetails"_s);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

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
    statusBar()->addWidget(m_syncLabel, 1);
    statusBar()->addPermanentWidget(m_detailsButton);
    statusBar()->addPermanentWidget(m_busy);

    connect(
        m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            const QVariant key = current.data(RecordTreeModel::RecordKeyRole);
            m_details->setRecord(key.isValid() ? std::optional(key.value<RecordKey>())
                                               : std::nullopt);
            m_refreshAction->setEnabled(
                m_model->canFetchMore(current.siblingAtColumn(0)) || key.isValid()
                || current.data(RecordTreeModel::NodeKindRole).value<RecordTreeModel::NodeKind>()
                    == RecordTreeModel::NodeKind::RecordType);
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

    createActions();
    restoreLayout();
    // Show every account's record types right away; records load when a type is expanded.
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_tree->expand(m_model->index(row, 0));
    m_tree->setFocus();
    if (m_model->rowCount() > 0)
        m_tree->setCurrentIndex(m_model->index(0, 0));
    updateSyncStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_refreshAction = view->addAction(tr("&Refresh"), this, &MainWindow::refreshCurrent);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Read the selected record type or record from its vendor "
                                   "again"));
    view->addSeparator();
    view->addAction(tr("&Collapse All"), m_tree, &QTreeView::collapseAll);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = help->addAction(tr("&About Linkloom"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    if (!restoreGeometry(settings.value(u"geometry"_s).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(u"state"_s).toByteArray());
    if (!m_splitter->restoreState(settings.value(u"splitter"_s).toByteArray()))
        m_splitter->setSizes({width() * 3 / 5, width() * 2 / 5});
    m_tree->header()->restoreState(settings.value(u"treeHeader"_s).toByteArray());
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(u"MainWindow"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState());
    settings.setValue(u"splitter"_s, m_splitter->saveState());
    settings.setValue(u"treeHeader"_s, m_tree->header()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

QString MainWindow::syncStatusText() const
{
    return m_syncLabel->text();
}

void MainWindow::updateSyncStatus()
{
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

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Linkloom"),
        tr("<h3>Linkloom %1</h3>"
           "<p>Browse and link records across Copper CRM, DevRev, pm415 and "
           "Laserfiche.</p><p>Workspace: %2</p>")
            .arg(QCoreApplication::applicationVersion(), m_repository->path().toHtmlEscaped()));
}
