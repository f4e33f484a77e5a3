#pragma once

#include "models/account.h"
#include "models/result.h"

#include <QList>
#include <QObject>

#include <functional>
#include <optional>

/// One slow thing done for an account (a connection test, a full sync, a sign-in), as the UI
/// sees it: progress while it runs, then finished() exactly once. The task deletes itself
/// later after finished().
class AccountTask : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// Stops the task; finished() follows with a failure saying it was cancelled. Does nothing
    /// once finished.
    virtual void cancel() = 0;
    virtual bool isFinished() const = 0;

Q_SIGNALS:
    /// `done` of `total` steps (total 0: not known yet); `what` says what is going on now.
    void progress(qsizetype done, qsizetype total, const QString &what);
    /// `result` says what failed and what to do; `summary` says what was done, e.g.
    /// "Reached the server · signed in · 5 record types, 12 link types" or
    /// "312 records, 1,024 links, 2 errors".
    void finished(const Result &result, const QString &summary);
};

/// What the UI asks about accounts without knowing about the network or the keychain (models/
/// links QtCore and QtSql only). Implemented in connectors/ (AccountManager).
class AccountService : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// How an account proves who it is.
    enum class Credential {
        Secret, ///< an API key or token the user types
        SignIn, ///< a sign-in in the browser (OAuth)
    };

    virtual QList<AccountConfig> accounts() const = 0;
    static Credential credentialOf(Vendor vendor)
    {
        return vendor == Vendor::Laserfiche ? Credential::SignIn : Credential::Secret;
    }
    /// A demo account served by the built-in sandbox (its credential is not the user's).
    virtual bool isDemo(Vendor vendor, const QString &id) const = 0;
    /// Whether the account has a credential (a typed secret, or a sign-in's refresh token).
    /// Answers through `done`, later, unless `context` is gone.
    virtual void hasCredential(const AccountConfig &account, QObject *context,
                               std::function<void(bool)> done)
        = 0;
    /// Whether credentials survive a restart (system keychain) or only live while Linkloom
    /// runs; credentialStorageChanged() tells when that changes.
    virtual bool credentialsPersist() const = 0;

    /// Saves `account` in the workspace and, when `secret` is given, its secret in the
    /// keychain; the account's connection is made afresh. `done` gets the outcome.
    virtual void saveAccount(const AccountConfig &account, const std::optional<QString> &secret,
                             QObject *context, std::function<void(const Result &)> done)
        = 0;
    /// Forgets the account and its credential (its records stay in the workspace).
    virtual Result removeAccount(Vendor vendor, const QString &id) = 0;

    /// Checks `account` with `secret` (or the stored credential when not given) step by step:
    /// the server answers, the credential is accepted, the link types can be read.
    virtual AccountTask *testConnection(const AccountConfig &account,
                                        const std::optional<QString> &secret)
        = 0;
    /// Signs in to `account` in the system browser (Credential::SignIn accounts).
    virtual AccountTask *signIn(const AccountConfig &account) = 0;
    /// A full sync of a saved account (the running one when it is already syncing).
    virtual AccountTask *syncAccount(Vendor vendor, const QString &id) = 0;

Q_SIGNALS:
    void accountsChanged();
    /// `reason` is a sentence for the user when credentials stopped persisting.
    void credentialStorageChanged(bool persistent, const QString &reason);
    /// Something keeps a saved account from working (no credential, a setting Linkloom cannot
    /// use): `problem` says what to do.
    void accountProblem(Vendor vendor, const QString &id, const Result &problem);
    /// A sign-in wants `url` (the vendor's consent page) shown in the system browser.
    void openBrowser(const QUrl &url);
    /// A full sync started (from any window or the command that asked for it).
    void syncStarted(Vendor vendor, const QString &id, AccountTask *task);
};
