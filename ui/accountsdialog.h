#pragma once

#include <QDialog>
#include <QPointer>

class AccountService;
class QListWidget;
class QPushButton;

/// The workspace's accounts: add one of any vendor, edit or remove one, start a full sync.
/// Demo accounts (served by the built-in sandbox) are listed and marked as such.
class AccountsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AccountsDialog(AccountService *service, QWidget *parent = nullptr);

    QListWidget *accountList() const { return m_list; }

private:
    void reload();
    void updateButtons();
    void addAccount(int vendor);
    void editCurrent();
    void removeCurrent();
    void syncCurrent();

    QPointer<AccountService> m_service;
    QListWidget *m_list;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_sync;
};
