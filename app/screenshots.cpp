// linkloom-screenshots: renders the README's pictures of the explorer and the account settings
// from the demo workspace (the built-in sandbox, a throw-away workspace and settings), so they
// can be refreshed whenever the UI changes: scripts/screenshots runs it under Xvfb.

#include "app/demoworkspace.h"
#include "connectors/accountmanager.h"
#include "connectors/networkmanager.h"
#include "connectors/outbox.h"
#include "connectors/secretstore.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"
#include "models/recorddrag.h"
#include "models/recordfilter.h"
#include "models/recordsearch.h"
#include "models/recordtreemodel.h"
#include "models/relatedlinksmodel.h"
#include "sandbox/sandboxserver.h"
#include "ui/accounteditdialog.h"
#include "ui/linktodialog.h"
#include "ui/mainwindow.h"
#include "ui/relatedpanel.h"

#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

/// Runs the event loop until `done` (true) or 20 s (false).
bool waitFor(const std::function<bool()> &done)
{
    const QDeadlineTimer deadline(20'000);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

/// The pictures show the usual case, a system keychain keeping the credentials (the demo's are
/// never stored anyway).
class PictureSecretStore : public MemorySecretStore
{
public:
    bool isPersistent() const override { return true; }
};

void clearFilters(QWidget &window)
{
    if (auto *clear = window.findChild<QAction *>(u"clearFiltersAction"_s))
        clear->trigger();
}

bool save(QWidget *widget, const QString &path)
{
    QCoreApplication::processEvents();
    if (!widget->grab().save(path)) {
        std::fprintf(stderr, "Could not write %s\n", qPrintable(path));
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the user's settings stay untouched
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QTranslator plurals;
    if (plurals.load(u"linkloom_en"_s, QStringLiteral(LINKLOOM_QM_DIR)))
        QApplication::installTranslator(&plurals);
    QApplication::setOrganizationName(u"LinkloomScreenshots"_s);
    QApplication::setApplicationName(u"Linkloom"_s);
    if (argc != 2) {
        std::fprintf(stderr, "Usage: linkloom-screenshots OUTPUT_DIRECTORY\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    if (!QDir().mkpath(out.path())) {
        std::fprintf(stderr, "Cannot create %s\n", argv[1]);
        return 1;
    }

    SandboxServer sandbox;
    QTemporaryDir dir;
    LinkRepository repository;
    if (sandbox.start() == 0 || !dir.isValid()
        || !repository.open(dir.filePath(u"demo.linkloom"_s))) {
        std::fprintf(stderr, "Cannot start the sandbox or open a workspace\n");
        return 1;
    }
    NetworkManager network;
    SyncService sync(&repository, &network);
    PictureSecretStore secrets;
    AccountManager accounts(&repository, &sync, &secrets);
    addDemoAccounts(accounts, repository, sandbox);

    // The explorer on a pm415 bug with links across its initiative, backlog and items.
    MainWindow window(&repository, &sync, &accounts);
    window.setWorkspaceTitle(u"demo — Linkloom"_s);
    window.resize(1280, 760);
    window.show();
    RecordTreeModel *model = window.recordTreeModel();
    QTreeView *tree = window.recordTree();
    tree->expand(model->indexOfType(Vendor::Pm415, u"demo"_s, u"bug"_s));
    if (!waitFor([&] {
            return sync.activeRequests() == 0
                && model->rowCount(model->indexOfType(Vendor::Pm415, u"demo"_s, u"bug"_s)) > 3;
        })) {
        std::fprintf(stderr, "The demo bugs did not load\n");
        return 1;
    }
    const QModelIndex bugs = model->indexOfType(Vendor::Pm415, u"demo"_s, u"bug"_s);
    // The bug with the most links among the first ones.
    QModelIndex best;
    int mostLinks = -1;
    for (int row = 0; row < qMin(12, model->rowCount(bugs)); ++row) {
        const QModelIndex bug = model->index(row, 0, bugs);
        tree->setCurrentIndex(bug);
        if (!waitFor([&] { return sync.activeRequests() == 0; }))
            return 1;
        const int links = window.relatedPanel()->model()->linkCount();
        if (links > mostLinks) {
            mostLinks = links;
            best = bug;
        }
    }
    tree->collapseAll();
    for (int row = 0; row < model->rowCount(); ++row)
        tree->expand(model->index(row, 0));
    tree->expand(bugs);
    tree->setCurrentIndex(best);
    tree->expand(best);
    waitFor([&] { return sync.activeRequests() == 0; });
    tree->scrollTo(best, QAbstractItemView::PositionAtCenter);
    if (!save(&window, out.filePath(u"explorer.png"_s)))
        return 1;

    // Search: pm415 synced in full, a word of that bug's title typed, only bugs and initiatives.
    AccountTask *task = accounts.syncAccount(Vendor::Pm415, u"demo"_s);
    bool synced = false;
    QObject::connect(task, &AccountTask::finished, &window, [&synced] { synced = true; });
    if (!waitFor([&] { return synced; })) {
        std::fprintf(stderr, "The pm415 demo account did not sync\n");
        return 1;
    }
    QString word;
    for (const QString &candidate : best.data().toString().split(u' ', Qt::SkipEmptyParts)) {
        if (candidate.size() >= 5 && candidate.front().isLetter()) {
            word = candidate.left(5);
            break;
        }
    }
    auto *filters = window.findChild<QToolButton *>(u"filterButton"_s);
    auto *recordTypes = window.findChild<QMenu *>(u"recordTypeFilters"_s);
    Q_EMIT filters->menu()->aboutToShow();
    for (QAction *action : recordTypes->actions()) {
        const auto type = action->data().value<VendorRecordType>();
        if (type.vendor == Vendor::Pm415 && (type.type == u"bug"_s || type.type == u"initiative"_s))
            action->trigger();
    }
    window.searchField()->setFocus();
    window.searchField()->setText(word);
    waitFor([&] { return sync.activeRequests() == 0; });
    if (!save(&window, out.filePath(u"search.png"_s)))
        return 1;
    window.searchField()->clear();
    clearFilters(window);

    // Linking: the bug dropped on an item, its change on its way to a slow pm415.
    Outbox outbox(&repository, [&sync](Vendor vendor, const QString &account) {
        return sync.connector(vendor, account);
    });
    outbox.start();
    sandbox.addFault(u"pm415:POST:connections/**:latency=60000"_s);
    const RecordKey bug = best.data(RecordTreeModel::RecordKeyRole).value<RecordKey>();
    const QModelIndex items = model->indexOfType(Vendor::Pm415, u"demo"_s, u"item"_s);
    tree->expand(items);
    waitFor([&] { return sync.activeRequests() == 0; });
    std::unique_ptr<QMimeData> dragged(RecordDrag::mimeData({bug}));
    QModelIndex target;
    for (int row = 0; row < model->rowCount(items) && !target.isValid(); ++row) {
        if (model->canDropMimeData(dragged.get(), Qt::LinkAction, -1, -1,
                                   model->index(row, 0, items)))
            target = model->index(row, 0, items);
    }
    if (!target.isValid() || !model->dropMimeData(dragged.get(), Qt::LinkAction, -1, -1, target)
        || !waitFor([&] {
               const QList<Intent> open = repository.openIntents();
               return !open.isEmpty() && open.first().state == Intent::State::Sending;
           })) {
        std::fprintf(stderr, "The demo link was not sent\n");
        return 1;
    }
    window.findChild<QDockWidget *>(u"pendingDock"_s)->show();
    tree->setCurrentIndex(best);
    tree->scrollTo(best, QAbstractItemView::PositionAtCenter);
    if (!save(&window, out.filePath(u"linking.png"_s)))
        return 1;

    // Link to… from the keyboard: the bug, to an initiative found by typing.
    {
        LinkToDialog linkTo(&repository, window.findChild<RecordSearch *>(), {bug}, &window);
        linkTo.show();
        QString typed;
        const QModelIndex initiatives
            = model->indexOfType(Vendor::Pm415, u"demo"_s, u"initiative"_s);
        tree->expand(initiatives);
        waitFor([&] { return sync.activeRequests() == 0; });
        for (int row = 0; row < model->rowCount(initiatives) && typed.isEmpty(); ++row) {
            const QString title = model->index(row, 0, initiatives).data().toString();
            if (!repository.linksOf(bug).isEmpty() && title.size() > 6)
                typed = title.left(6);
        }
        linkTo.searchField()->setText(typed);
        if (!save(&linkTo, out.filePath(u"linkto.png"_s)))
            return 1;
    }

    // The account settings after Test Connection.
    const auto devrev = repository.account(Vendor::DevRev, u"demo"_s);
    AccountEditDialog dialog(&accounts, *devrev, false, &window);
    dialog.show();
    dialog.testConnection();
    if (!waitFor([&] { return dialog.statusText().contains(u"✓ Credential accepted"_s); })) {
        std::fprintf(stderr, "Test Connection did not succeed: %s\n",
                     qPrintable(dialog.statusText()));
        return 1;
    }
    return save(&dialog, out.filePath(u"account.png"_s)) ? 0 : 1;
}
