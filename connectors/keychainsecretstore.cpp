#include "connectors/keychainsecretstore.h"

#include <QDBusConnection>
#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcSecrets, "linkloom.secrets")

/// Whether a failed job means there is no keychain to talk to, rather than a keychain that
/// refused. With no session bus qtkeychain 0.13 (libsecret backend) reports OtherError with
/// GLib's text: "Cannot autolaunch D-Bus without X11 $DISPLAY" (no bus, no display), "Failed
/// to execute child process “dbus-launch” ..." (display but no dbus-x11), "Could not connect:
/// ..." (a stale bus address), "The name org.freedesktop.secrets was not provided by any
/// .service files" (a bus without a Secret Service). GLib translates these texts, so a
/// session bus that cannot be reached counts too, whatever the text.
bool isUnavailable(QKeychain::Error error, const QString &message)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return true;
    case QKeychain::OtherError:
    case QKeychain::AccessDenied:
        break;
    default:
        return false;
    }
    static const QLatin1String markers[] = {
        "autolaunch"_L1,
        "dbus-launch"_L1,
        "Could not connect"_L1,
        "not provided by any .service files"_L1,
        "org.freedesktop.DBus.Error.ServiceUnknown"_L1,
        "org.freedesktop.DBus.Error.NoServer"_L1,
        "Not connected to D-Bus"_L1,
    };
    for (QLatin1String marker : markers) {
        if (message.contains(marker, Qt::CaseInsensitive))
            return true;
    }
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    return !QDBusConnection::sessionBus().isConnected();
#else
    return false;
#endif
}

/// The keychain's own message, with the secret blanked out should a backend ever echo it.
QString backendMessage(const QKeychain::Job *job, const QByteArray &secret)
{
    QString message = job->errorString().trimmed();
    if (message.endsWith(u'.'))
        message.chop(1);
    if (secret.size() >= 4)
        message.replace(QString::fromUtf8(secret), u"…"_s);
    return message;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
    , m_memory(new MemorySecretStore(this))
{ }

void KeychainSecretStore::read(const QString &key, QObject *context, Callback done)
{
    enqueue(key, Operation::Read, {}, context, std::move(done));
}

void KeychainSecretStore::write(const QString &key, const QByteArray &value, QObject *context,
                                Callback done)
{
    enqueue(key, Operation::Write, value, context, std::move(done));
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Callback done)
{
    enqueue(key, Operation::Remove, {}, context, std::move(done));
}

void KeychainSecretStore::enqueue(const QString &key, Operation operation, const QByteArray &value,
                                  QObject *context, Callback done)
{
    std::deque<Pending> &queue = m_queues[key];
    queue.push_back({operation, value, context, context != nullptr, std::move(done)});
    if (queue.size() == 1)
        startNext(key);
}

void KeychainSecretStore::startNext(const QString &key)
{
    auto it = m_queues.find(key);
    while (it != m_queues.end() && !it->empty() && m_inMemory) {
        Pending pending = std::move(it->front());
        it->pop_front();
        runInMemory(key, std::move(pending));
    }
    if (it == m_queues.end())
        return;
    if (it->empty()) {
        m_queues.erase(it);
        return;
    }

    const Pending &pending = it->front();
    QKeychain::Job *job = nullptr;
    switch (pending.operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto *writeJob = new QKeychain::WritePasswordJob(m_service);
        writeJob->setBinaryData(pending.value);
        job = writeJob;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // Not a child of the store: a backend may still call into a job after the store is gone,
    // so the job deletes itself once finished.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [this, key](QKeychain::Job *finished) { onJobFinished(key, finished); });
    job->start();
}

void KeychainSecretStore::onJobFinished(const QString &key, QKeychain::Job *job)
{
    auto it = m_queues.find(key);
    if (it == m_queues.end() || it->empty())
        return;
    Pending pending = std::move(it->front());
    it->pop_front();

    const QKeychain::Error error = job->error();
    SecretResult result;
    if (error == QKeychain::NoError) {
        result.ok = true;
        if (pending.operation == Operation::Read) {
            if (const auto *readJob = qobject_cast<const QKeychain::ReadPasswordJob *>(job))
                result.value = readJob->binaryData();
        }
    } else if (error == QKeychain::EntryNotFound) {
        result.ok = true;
        result.notFound = true;
    } else if (isUnavailable(error, job->errorString())) {
        // The operation completes from memory before anyone hears of the switch, so a caller
        // reacting to persistenceChanged() cannot overtake it.
        const QString message = backendMessage(job, pending.value);
        const bool switching = !m_inMemory;
        m_inMemory = true;
        runInMemory(key, std::move(pending));
        if (switching)
            announceMemoryOnly(message);
        startNext(key);
        return;
    } else {
        const QString detail = backendMessage(job, pending.value);
        switch (error) {
        case QKeychain::AccessDeniedByUser:
            result.error = tr("Access to the system keychain was refused for “%1”. Allow "
                              "Linkloom to use the keychain when asked, then try again.")
                               .arg(key);
            break;
        case QKeychain::AccessDenied:
            result.error = tr("The system keychain denied access to “%1”: %2. Unlock the "
                              "keychain, then try again.")
                               .arg(key, detail);
            break;
        case QKeychain::CouldNotDeleteEntry:
            result.error = tr("The system keychain could not remove “%1”: %2. Remove it with "
                              "the keychain's own tool (for example Passwords and Keys).")
                               .arg(key, detail);
            break;
        default:
            result.error = tr("The system keychain is locked or not running (%1), so “%2” "
                              "could not be used. Unlock the keychain (for example in Passwords "
                              "and Keys), then try again.")
                               .arg(detail, key);
            break;
        }
    }
    complete(pending, std::move(result));
    startNext(key);
}

void KeychainSecretStore::runInMemory(const QString &key, Pending pending)
{
    // A caller that is gone still gets its write or removal carried out, just no callback.
    QObject *context = pending.context.data();
    Callback done = context || !pending.hadContext ? std::move(pending.done) : Callback();
    switch (pending.operation) {
    case Operation::Read:
        m_memory->read(key, context ? context : this, std::move(done));
        break;
    case Operation::Write:
        m_memory->write(key, pending.value, context ? context : this, std::move(done));
        break;
    case Operation::Remove:
        m_memory->remove(key, context ? context : this, std::move(done));
        break;
    }
}

void KeychainSecretStore::announceMemoryOnly(const QString &backendMessage)
{
    const QString reason
        = tr("The system keychain is not available (%1). Account credentials are kept only "
             "until Linkloom quits: enter them again after restarting, or start a keychain "
             "such as GNOME Keyring or KWallet.")
              .arg(backendMessage);
    qCWarning(lcSecrets).noquote() << "Keeping credentials in memory only:" << backendMessage;
    Q_EMIT persistenceChanged(false, reason);
}

void KeychainSecretStore::complete(Pending &pending, SecretResult result)
{
    if (pending.hadContext && !pending.context)
        return;
    deliver(pending.context.data(), std::move(pending.done), std::move(result));
}
