#include "connectors/accountmanager.h"

#include "connectors/connector.h"
#include "connectors/connectorfactory.h"
#include "connectors/laserfiche/laserfichesignin.h"
#include "connectors/networkmanager.h"
#include "connectors/secretstore.h"
#include "connectors/sync/accountsync.h"
#include "connectors/sync/syncservice.h"
#include "models/linkrepository.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAccounts, "linkloom.accounts")

namespace {

/// An AccountTask driven by lambdas: finish() once, cancel() runs the canceller first.
class SimpleTask : public AccountTask
{
public:
    using AccountTask::AccountTask;

    void setCanceller(std::function<void()> canceller) { m_canceller = std::move(canceller); }
    void cancel() override
    {
        if (m_finished)
            return;
        if (m_canceller)
            m_canceller();
        finish(Result::failure(AccountManager::tr("Cancelled.")), {});
    }
    bool isFinished() const override { return m_finished; }
    void finish(const Result &result, const QString &summary)
    {
        if (m_finished)
            return;
        m_finished = true;
        Q_EMIT finished(result, summary);
        deleteLater();
    }
    /// finish() from the event loop (never inside the call that made the task).
    void finishLater(const Result &result, const QString &summary = {})
    {
        QMetaObject::invokeMethod(
            this, [this, result, summary] { finish(result, summary); }, Qt::QueuedConnection);
    }

private:
    std::function<void()> m_canceller;
    bool m_finished = false;
};

/// The steps of a connection test as lines for the user, from what `error` says.
QString describeTest(const AccountConfig &account, const ConnectorError &error, int linkTypes)
{
    const QString host = account.baseUrl.host();
    const QString ok = u"✓ "_s;
    const QString no = u"✗ "_s;
    using Kind = ConnectorError::Kind;
    switch (error.kind) {
    case Kind::None:
        return ok + AccountManager::tr("Reached %1").arg(host) + u'\n' + ok
            + AccountManager::tr("Credential accepted") + u'\n' + ok
            + AccountManager::tr("%n link type(s) available", nullptr, linkTypes);
    case Kind::Unreachable:
    case Kind::Timeout:
    case Kind::Tls:
    case Kind::Redirect:
        return no + AccountManager::tr("Could not reach %1").arg(host);
    case Kind::Unauthorized:
    case Kind::Forbidden:
        return ok + AccountManager::tr("Reached %1").arg(host) + u'\n' + no
            + AccountManager::tr("Credential refused");
    case Kind::NotFound:
    case Kind::BadResponse:
        return ok + AccountManager::tr("Reached %1").arg(host) + u'\n' + no
            + AccountManager::tr("No %1 API at this address")
                  .arg(vendorDisplayName(account.vendor));
    case Kind::Rejected:
    case Kind::RateLimited:
    case Kind::Server:
    case Kind::Cancelled:
        break;
    }
    return ok + AccountManager::tr("Reached %1").arg(host) + u'\n' + no
        + AccountManager::tr("The server refused the request");
}

} // namespace

AccountManager::AccountManager(LinkRepository *repository, SyncService *sync, SecretStore *secrets,
                               QObject *parent)
    : AccountService(parent)
    , m_repository(repository)
    , m_sync(sync)
    , m_secrets(secrets)
    , m_demoStore(new MemorySecretStore(this))
{
    connect(repository, &LinkRepository::accountsChanged, this, &AccountService::accountsChanged);
    connect(secrets, &SecretStore::persistenceChanged, this,
            &AccountService::credentialStorageChanged);
}

AccountManager::~AccountManager() = default;

QString AccountManager::secretKey(Vendor vendor, const QString &id)
{
    return vendorId(vendor) + u'/' + id + u"/secret"_s;
}

SecretStore *AccountManager::storeFor(Vendor vendor, const QString &id) const
{
    return isDemo(vendor, id) ? static_cast<SecretStore *>(m_demoStore) : m_secrets.data();
}

LaserficheSignIn *AccountManager::signInOf(const AccountConfig &account)
{
    const QString key = secretKey(account.vendor, account.id);
    LaserficheSignIn *&signIn = m_signIns[key];
    if (!signIn) {
        signIn = new LaserficheSignIn(account, storeFor(account.vendor, account.id),
                                      m_sync->network(), this);
        connect(signIn, &LaserficheSignIn::openBrowser, this, &AccountService::openBrowser);
    }
    return signIn;
}

void AccountManager::connectSavedAccounts()
{
    for (const AccountConfig &account : m_repository->accounts()) {
        if (isDemo(account.vendor, account.id))
            continue;
        readSecret(account, this, [this, account](const QString &secret, const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT accountProblem(account.vendor, account.id, Result::failure(error));
                return;
            }
            if (const Result connected = connectAccount(account, secret); !connected) {
                Q_EMIT accountProblem(account.vendor, account.id, connected);
            } else if (secret.isEmpty() && account.vendor == Vendor::Laserfiche) {
                Q_EMIT accountProblem(account.vendor, account.id,
                                      Result::failure(tr("Sign in to Laserfiche for “%1”: File › "
                                                         "Accounts, Edit, Sign In.")
                                                          .arg(account.name())));
            }
        });
    }
}

void AccountManager::addDemoAccount(const AccountConfig &account, const QString &secret)
{
    m_demoSecrets.insert(secretKey(account.vendor, account.id), secret);
    if (account.vendor == Vendor::Laserfiche) // the sandbox's refresh token, in memory
        m_demoStore->write(LaserficheSignIn::refreshTokenKey(account.id), secret.toUtf8(), this,
                           [](const SecretResult &) {});
    if (const Result saved = m_repository->saveAccount(account); !saved)
        Q_EMIT accountProblem(account.vendor, account.id, saved);
    if (const Result connected = connectAccount(account, secret); !connected)
        Q_EMIT accountProblem(account.vendor, account.id, connected);
}

QList<AccountConfig> AccountManager::accounts() const
{
    return m_repository ? m_repository->accounts() : QList<AccountConfig>();
}

bool AccountManager::isDemo(Vendor vendor, const QString &id) const
{
    return m_demoSecrets.contains(secretKey(vendor, id));
}

bool AccountManager::credentialsPersist() const
{
    return m_secrets && m_secrets->isPersistent();
}

void AccountManager::readSecret(
    const AccountConfig &account, QObject *context,
    std::function<void(const QString &secret, const QString &error)> done)
{
    const QString key = secretKey(account.vendor, account.id);
    if (account.vendor == Vendor::Laserfiche) {
        // The credential is the sign-in's refresh token.
        storeFor(account.vendor, account.id)
            ->read(LaserficheSignIn::refreshTokenKey(account.id), context,
                   [done](const SecretResult &result) {
                       done(result.ok ? QString::fromUtf8(result.value) : QString(), result.error);
                   });
        return;
    }
    if (const auto demo = m_demoSecrets.constFind(key); demo != m_demoSecrets.cend()) {
        QMetaObject::invokeMethod(
            context, [done, secret = *demo] { done(secret, {}); }, Qt::QueuedConnection);
        return;
    }
    m_secrets->read(key, context, [done](const SecretResult &result) {
        done(result.ok ? QString::fromUtf8(result.value) : QString(), result.error);
    });
}

void AccountManager::hasCredential(const AccountConfig &account, QObject *context,
                                   std::function<void(bool)> done)
{
    readSecret(account, context,
               [done](const QString &secret, const QString &) { done(!secret.isEmpty()); });
}

Result AccountManager::connectAccount(const AccountConfig &account, const QString &secret)
{
    QString error;
    Connector *connector
        = makeConnector(account, secret, m_sync->network(), &error,
                        account.vendor == Vendor::Laserfiche ? signInOf(account) : nullptr);
    if (!connector) {
        m_sync->removeConnector(account.vendor, account.id);
        return Result::failure(error);
    }
    m_sync->addConnector(connector);
    return Result::success();
}

void AccountManager::saveAccount(const AccountConfig &account, const std::optional<QString> &secret,
                                 QObject *context, std::function<void(const Result &)> done)
{
    const auto answer = [context, done](const Result &result) {
        QMetaObject::invokeMethod(
            context, [done, result] { done(result); }, Qt::QueuedConnection);
    };
    if (const QString problem = ::accountProblem(account); !problem.isEmpty())
        return answer(Result::failure(problem));
    const auto store = [this, account, context, done](const QString &credential) {
        if (const Result saved = m_repository->saveAccount(account); !saved)
            return done(saved);
        if (credential.isEmpty() && account.vendor != Vendor::Laserfiche) {
            m_sync->removeConnector(account.vendor, account.id);
            return done(Result::success());
        }
        done(connectAccount(account, credential));
        Q_UNUSED(context)
    };
    const QString key = secretKey(account.vendor, account.id);
    if (!secret) {
        readSecret(account, context, [store](const QString &stored, const QString &error) {
            Q_UNUSED(error) // a keychain that cannot be read: saved without a connection
            store(stored);
        });
        return;
    }
    if (isDemo(account.vendor, account.id)) {
        m_demoSecrets.insert(key, *secret);
        QMetaObject::invokeMethod(
            context, [store, value = *secret] { store(value); }, Qt::QueuedConnection);
        return;
    }
    const auto written = [store, done, value = *secret](const SecretResult &result) {
        if (!result.ok)
            return done(Result::failure(result.error));
        store(value);
    };
    if (secret->isEmpty())
        m_secrets->remove(key, context, written);
    else
        m_secrets->write(key, secret->toUtf8(), context, written);
}

Result AccountManager::removeAccount(Vendor vendor, const QString &id)
{
    if (const auto running = m_syncs.value(secretKey(vendor, id)))
        running->cancel();
    m_sync->removeConnector(vendor, id);
    const QString key = secretKey(vendor, id);
    if (LaserficheSignIn *signIn = m_signIns.take(key))
        signIn->deleteLater();
    const QString stored
        = vendor == Vendor::Laserfiche ? LaserficheSignIn::refreshTokenKey(id) : key;
    if (!m_demoSecrets.remove(key)) {
        m_secrets->remove(stored, this, [vendor, id](const SecretResult &result) {
            if (!result.ok)
                qCWarning(lcAccounts) << "The credential of" << vendorId(vendor) << id
                                      << "could not be removed from the keychain:" << result.error;
        });
    }
    return m_repository->removeAccount(vendor, id);
}

AccountTask *AccountManager::testConnection(const AccountConfig &account,
                                            const std::optional<QString> &secret)
{
    auto *task = new SimpleTask(this);
    if (const QString problem = ::accountProblem(account); !problem.isEmpty()) {
        task->finishLater(Result::failure(problem));
        return task;
    }
    const auto run = [this, task, account](const QString &credential, const QString &error) {
        if (!error.isEmpty())
            return task->finish(Result::failure(error), {});
        if (credential.isEmpty()) {
            return task->finish(
                Result::failure(AccountService::credentialOf(account.vendor)
                                        == AccountService::Credential::SignIn
                                    ? tr("Sign in first.")
                                    : tr("Enter the credential (API key or token) first.")),
                {});
        }
        QString problem;
        Connector *connector
            = makeConnector(account, credential, m_sync->network(), &problem,
                            account.vendor == Vendor::Laserfiche ? signInOf(account) : nullptr);
        if (!connector)
            return task->finish(Result::failure(problem), {});
        connector->setParent(task);
        Q_EMIT task->progress(0, 0, tr("Connecting to %1…").arg(account.baseUrl.host()));
        ConnectorOperation *op = connector->checkConnection(task);
        task->setCanceller([op] { op->abort(); });
        connect(op, &ConnectorJob::finished, task, [task, op, account] {
            const ConnectorError &failure = op->error();
            if (failure.kind == ConnectorError::Kind::Cancelled)
                return;
            const QString steps = describeTest(account, failure, int(op->linkTypes().size()));
            task->finish(failure.isError() ? Result::failure(failure.message, failure.details)
                                           : Result::success(),
                         steps);
        });
    };
    if (secret && !secret->isEmpty())
        QMetaObject::invokeMethod(
            task, [run, value = *secret] { run(value, {}); }, Qt::QueuedConnection);
    else
        readSecret(account, task, run);
    return task;
}

AccountTask *AccountManager::signIn(const AccountConfig &account)
{
    auto *task = new SimpleTask(this);
    if (AccountService::credentialOf(account.vendor) != Credential::SignIn) {
        task->finishLater(Result::failure(tr("%1 accounts use an API key or token, not a sign-in.")
                                              .arg(vendorDisplayName(account.vendor))));
        return task;
    }
    if (const QString problem = ::accountProblem(account); !problem.isEmpty()) {
        task->finishLater(Result::failure(problem));
        return task;
    }
    LaserficheSignIn *signIn = signInOf(account);
    connect(signIn, &LaserficheSignIn::signedIn, task,
            [task] { task->finish(Result::success(), tr("✓ Signed in to Laserfiche")); });
    connect(signIn, &LaserficheSignIn::signInFailed, task,
            [task](const QString &reason) { task->finish(Result::failure(reason), {}); });
    Q_EMIT task->progress(0, 0, tr("Waiting for the sign-in in your web browser…"));
    QMetaObject::invokeMethod(
        signIn, [signIn] { signIn->signIn(); }, Qt::QueuedConnection);
    return task;
}

AccountTask *AccountManager::syncAccount(Vendor vendor, const QString &id)
{
    const QString key = secretKey(vendor, id);
    if (AccountTask *running = m_syncs.value(key))
        return running;
    auto *task = new SimpleTask(this);
    Connector *connector = m_sync->connector(vendor, id);
    if (!connector) {
        const auto account = m_repository->account(vendor, id);
        task->finishLater(Result::failure(
            account ? tr("“%1” is not connected: open Accounts and enter its credential.")
                          .arg(account->name())
                    : tr("The workspace has no such account.")));
        return task;
    }
    auto *sync = new AccountSync(connector, m_repository, task);
    task->setCanceller([sync] { sync->cancel(); });
    connect(sync, &AccountSync::progress, task, &AccountTask::progress);
    connect(sync, &AccountSync::finished, task,
            [task, sync] { task->finish(sync->result(), sync->summary()); });
    m_syncs.insert(key, task);
    connect(task, &AccountTask::finished, this, [this, key] { m_syncs.remove(key); });
    Q_EMIT syncStarted(vendor, id, task);
    sync->start();
    return task;
}
