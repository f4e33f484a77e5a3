#pragma once

#include "models/account.h"

#include <QDialog>
#include <QPointer>

class AccountService;
class AccountTask;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

/// Adds or edits one account: its name, id (new accounts only: record keys use it), the
/// server's address, the vendor's own settings, and its credential (typed and kept in the
/// keychain, or a browser sign-in for Laserfiche). Test Connection says step by step what worked
/// and what failed; Save checks the settings first and keeps the dialog open on a problem.
class AccountEditDialog : public QDialog
{
    Q_OBJECT

public:
    /// A new account of `account.vendor` when `isNew`, else the saved `account`.
    AccountEditDialog(AccountService *service, const AccountConfig &account, bool isNew,
                      QWidget *parent = nullptr);
    ~AccountEditDialog() override;

    /// The account as the fields now describe it.
    AccountConfig account() const;
    /// The credential typed, or std::nullopt when the field was left alone.
    std::optional<QString> secret() const;
    /// The text of the last test, save or sign-in outcome.
    QString statusText() const;
    /// Runs Test Connection (what the button does).
    void testConnection();
    /// Saves (what the Save button does); the dialog is accepted once it worked.
    void save();

private:
    void signIn();
    void showStatus(const QString &text, bool failed);
    void setBusy(bool busy);
    void track(AccountTask *task, const QString &doing);

    QPointer<AccountService> m_service;
    AccountConfig m_original;
    bool m_isNew;
    bool m_idEdited = false;
    QLineEdit *m_name;
    QLineEdit *m_id;
    QLineEdit *m_url;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_option = nullptr; ///< pm415 organization, Laserfiche repository
    QString m_optionKey;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_test;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPointer<AccountTask> m_task;
};
