#pragma once

#include "models/result.h"

#include <QMainWindow>

class LinkRepository;
class QAction;
class QLabel;
class QProgressBar;
class QSplitter;
class QToolButton;
class QTreeView;
class RecordDetailsWidget;
class RecordSource;
class RecordTreeModel;

/// The explorer window: the record tree on the left, the selected record's details on the
/// right, sync state in the status bar. Remembers its geometry, splitter and column layout.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(LinkRepository *repository, RecordSource *source, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTreeView *recordTree() const { return m_tree; }
    RecordTreeModel *recordTreeModel() const { return m_model; }
    RecordDetailsWidget *detailsWidget() const { return m_details; }
    /// The text of the sync state in the status bar.
    QString syncStatusText() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void restoreLayout();
    void saveLayout() const;
    void updateSyncStatus();
    void reportFailure(const QString &what, const Result &result);
    void showErrorDetails();
    void refreshCurrent();
    void about();

    LinkRepository *m_repository;
    RecordSource *m_source;
    RecordTreeModel *m_model;
    QTreeView *m_tree;
    RecordDetailsWidget *m_details;
    QSplitter *m_splitter;
    QLabel *m_syncLabel;
    QProgressBar *m_busy;
    QToolButton *m_detailsButton;
    QAction *m_refreshAction = nullptr;
    QString m_lastError;
    QString m_lastErrorDetails;
};
