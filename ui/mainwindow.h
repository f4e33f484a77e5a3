#pragma once

#include "models/intent.h"
#include "models/linkrules.h"
#include "models/recordfilter.h"
#include "models/recordkey.h"
#include "models/result.h"

#include <QMainWindow>
#include <QSet>

class AccountService;
class AccountTask;
class IntentsModel;
class LinkRepository;
class QAbstractItemView;
class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;
class QSplitter;
class QToolButton;
class QTreeView;
class QUndoStack;
class RecordDetailsWidget;
class RelatedPanel;
class SourcesModel;
class RecordSearch;
class SearchResultsModel;
class QLineEdit;
class QStackedWidget;
class RecordSource;
class RecordTreeModel;

/// The explorer window: the record tree on the left, the selected record's details on the
/// right, sync state in the status bar. Remembers its geometry, splitter and column layout.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// `accounts` may be null (no account management, e.g. in tests of the explorer alone).
    MainWindow(LinkRepository *repository, RecordSource *source, AccountService *accounts = nullptr,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    QTreeView *recordTree() const { return m_tree; }
    RecordTreeModel *recordTreeModel() const { return m_model; }
    RecordDetailsWidget *detailsWidget() const { return m_details; }
    RelatedPanel *relatedPanel() const { return m_related; }
    QTreeView *sourcesView() const { return m_sources; }
    /// Search as you type (Ctrl+F): while it has text or a filter, the results tree shows the
    /// matches under their accounts and types in place of the explorer tree.
    QLineEdit *searchField() const { return m_search; }
    QTreeView *resultsView() const { return m_resultsView; }
    /// The "this is sample data" banner, shown while every account is a demo account.
    QWidget *demoBanner() const { return m_demoBanner; }
    /// Selects `record` in the tree (under its account and type) and shows it; with
    /// `remember`, it becomes the newest step of the back/forward history.
    void goToRecord(const RecordKey &record, bool remember = true);
    /// Back and forward through the records shown (Alt+Left, Alt+Right).
    void goBack();
    void goForward();
    /// The selected records of the focused view (tree or Related panel) as text, one per line:
    /// title, record key and web address, tab-separated. What Edit > Copy puts on the clipboard.
    QString selectedRecordsText() const;
    /// The text of the sync state in the status bar.
    QString syncStatusText() const;
    /// The window's title: `title` (e.g. "demo — Linkloom"), then how many changes are unsent.
    void setWorkspaceTitle(const QString &title);
    /// Closing with unsent changes asks first (tests turn it off).
    void setAskBeforeClosingWithUnsent(bool ask) { m_askBeforeClosingWithUnsent = ask; }
    QTreeView *pendingView() const { return m_pendingView; }
    QUndoStack *undoStack() const { return m_undoStack; }
    /// Opens the Accounts dialog (File > Accounts…).
    void showAccounts();
    /// Starts a full sync of the account of the current tree row (Sync Account).
    void syncCurrentAccount();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void restoreLayout();
    void saveLayout() const;
    /// The tree's expanded rows and current row as strings ("t|copper|sales|person",
    /// "r|<record key>"; accounts are expanded unless "-a|<vendor>|<account>"), and back.
    QStringList viewState() const;
    void restoreViewState(const QStringList &state);
    void updateSyncStatus();
    void reportFailure(const QString &what, const Result &result);
    void showErrorDetails();
    void refreshCurrent();
    void about();
    void trackSync(const QString &account, AccountTask *task);
    void showRecord(const std::optional<RecordKey> &record);
    void updateNavigation();
    void updateDemoBanner();
    void applyFilter();
    /// Fills the Record Types and Link Types submenus of Filters with what the accounts offer.
    void fillTypeFilters();
    /// Unchecks every filter and empties the search field.
    void clearFilters();
    QList<RecordKey> selectedRecords(const QAbstractItemView *view, int keyRole) const;
    void showContextMenu(QAbstractItemView *view, int keyRole, const QPoint &pos);
    void openInVendor(const RecordKey &record);
    void updateTitle();
    /// The Related panel's selected links that the vendor has (confirmed ones).
    QList<Link> selectedConfirmedLinks() const;
    /// Asks, naming them, then removes the selected links (as intents the outbox sends).
    void removeSelectedLinks();
    QList<Intent> selectedIntents() const;
    void updatePendingActions();
    void moveSelectedIntents(Intent::State state);
    /// Writes the links of a drop as intents (the outbox sends them), after asking which way
    /// when more than one fits.
    void makeLinks(const QList<RecordKey> &dragged, const RecordKey &target,
                   const QList<LinkChoice> &choices);
    /// Puts the links of `dragged` to `target` made as `choice` on the undo stack (as intents).
    void commitLinks(const QList<RecordKey> &dragged, const RecordKey &target,
                     const LinkChoice &choice);
    /// Link to… (Ctrl+L): the selected records to a record found in a searchable picker.
    void linkSelectedTo();

    LinkRepository *m_repository;
    RecordSource *m_source;
    AccountService *m_accounts;
    RecordTreeModel *m_model;
    QTreeView *m_tree;
    RecordDetailsWidget *m_details;
    RelatedPanel *m_related;
    SourcesModel *m_sourcesModel;
    QTreeView *m_sources;
    QDockWidget *m_sourcesDock;
    IntentsModel *m_intents = nullptr;
    QTreeView *m_pendingView = nullptr;
    QDockWidget *m_pendingDock = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_discardAction = nullptr;
    QAction *m_removeLinksAction = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QDockWidget *m_undoDock = nullptr;
    qsizetype m_failedIntents = 0;
    QString m_workspaceTitle;
    bool m_askBeforeClosingWithUnsent = true;
    QWidget *m_demoBanner;
    QLineEdit *m_search;
    QToolButton *m_filterButton;
    QList<QAction *> m_vendorFilters;
    QAction *m_withLinks = nullptr;
    QAction *m_withoutLinks = nullptr;
    QMenu *m_recordTypeMenu = nullptr;
    QMenu *m_linkTypeMenu = nullptr;
    QSet<VendorRecordType> m_recordTypeFilter;
    QSet<QString> m_linkTypeFilter; ///< Link::type ids
    RecordSearch *m_recordSearch;
    SearchResultsModel *m_results;
    QTreeView *m_resultsView = nullptr;
    QStackedWidget *m_treeStack;
    bool m_demoBannerClosed = false;
    QSplitter *m_splitter;
    QSplitter *m_sideSplitter;
    QAction *m_copyAction = nullptr;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    QList<RecordKey> m_history; ///< records shown, oldest first
    qsizetype m_historyPos = -1; ///< the one shown now
    bool m_navigating = false; ///< a selection change made by goToRecord()
    QLabel *m_syncLabel;
    QProgressBar *m_busy;
    QToolButton *m_detailsButton;
    QAction *m_refreshAction = nullptr;
    QAction *m_syncAction = nullptr;
    QProgressBar *m_syncProgress;
    QToolButton *m_cancelSync;
    QList<AccountTask *> m_syncs; ///< running full syncs, the status bar shows the last
    QString m_lastError;
    QString m_lastErrorDetails;
};
