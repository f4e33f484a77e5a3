#pragma once

#include "models/accountservice.h"

#include <QHash>
#include <QPointer>

class AccountSync;
class Connector;
class LaserficheSignIn;
class LinkRepository;
class MemorySecretStore;
class SecretStore;
class SyncService;

/// The accounts of a workspace, wired up: keeps their settings in the LinkRepository and their
/// credentials in a SecretStore (the system keychain), makes each account's Connector and hands
/// it to the SyncService, tests connections and runs full syncs (AccountSync).
///
/// Credentials are stored under "<vendor>/<account id>/secret"; a Laserfiche account's under
/// LaserficheSignIn::refreshTokenKey() (one LaserficheSignIn per account serves its connector,
/// its connection tests and its sign-ins). Demo accounts (addDemoAccount) are served by the
/// built-in sandbox with its published demo credentials, which are kept in memory only and
/// never written to the keychain.
class AccountManager : public AccountService
{
    Q_OBJECT

public:
    AccountManager(LinkRepository *repository, SyncService *sync, SecretStore *secrets,
                   QObject *parent = nullptr);
    ~AccountManager() override;

    /// Connects every account of the workspace whose credential is in the store (later, as the
    /// store answers). Accounts without one are reported through accountProblem().
    void connectSavedAccounts();
    /// Saves (or updates: its base URL changes with the sandbox's port) a demo account and
    /// connects it with `secret` (for Laserfiche: a refresh token).
    void addDemoAccount(const AccountConfig &account, const QString &secret);

    /// The key of an account's credential in the SecretStore.
    static QString secretKey(Vendor vendor, const QString &id);

    QList<AccountConfig> accounts() const override;
    bool isDemo(Vendor vendor, const QString &id) const override;
    void hasCredential(const AccountConfig &account, QObject *context,
                       std::function<void(bool)> done) override;
    bool credentialsPersist() const override;
    void saveAccount(const AccountConfig &account, const std::optional<QString> &secret,
                     QObject *context, std::function<void(const Result &)> done) override;
    Result removeAccount(Vendor vendor, const QString &id) override;
    AccountTask *testConnection(const AccountConfig &account,
                                const std::optional<QString> &secret) override;
    AccountTask *signIn(const AccountConfig &account) override;
    AccountTask *syncAccount(Vendor vendor, const QString &id) override;

private:
    /// The credential of `account` (the demo one, or the stored one) through `done`: empty when
    /// there is none; `error` set when the store failed.
    void readSecret(const AccountConfig &account, QObject *context,
                    std::function<void(const QString &secret, const QString &error)> done);
    /// Makes the account's connector and gives it to the SyncService.
    Result connectAccount(const AccountConfig &account, const QString &secret);
    /// The secret store of an account: the keychain, or memory for demo accounts.
    SecretStore *storeFor(Vendor vendor, const QString &id) const;
    /// The one LaserficheSignIn of a Laserfiche account (made on first use).
    LaserficheSignIn *signInOf(const AccountConfig &account);

    QPointer<LinkRepository> m_repository;
    QPointer<SyncService> m_sync;
    QPointer<SecretStore> m_secrets;
    QHash<QString, QString> m_demoSecrets; ///< by secretKey()
    QHash<QString, QPointer<AccountTask>> m_syncs; ///< running full syncs, by secretKey()
    MemorySecretStore *m_demoStore; ///< the demo accounts' Laserfiche tokens
    QHash<QString, LaserficheSignIn *> m_signIns; ///< by secretKey()
};
