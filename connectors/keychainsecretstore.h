#pragma once

#include "connectors/secretstore.h"

#include <QPointer>

#include <deque>

namespace QKeychain {
class Job;
} // namespace QKeychain

/// Secrets in the operating system's keychain through qtkeychain: the Secret Service
/// (GNOME Keyring, KeePassXC) or KWallet on Linux, the Keychain on macOS, the Credential Store
/// on Windows. Entries are filed under `service` with the key as their name. Never falls back
/// to storing secrets in a file.
///
/// Where no keychain can be reached (no D-Bus session bus, no Secret Service, no backend) the
/// store switches, for the rest of the run, to an in-memory store: persistenceChanged(false,
/// reason) is emitted once, the operation that found out and every later one complete from
/// memory, and isPersistent() becomes false. A keychain that is there but refuses (locked,
/// access denied by the user) is not a reason to switch: the operation fails with a message.
///
/// isPersistent() is true until the keychain proved unavailable. Destroying the store drops
/// the callbacks of operations still under way (the keychain may still carry them out).
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("Linkloom"),
                                 QObject *parent = nullptr);

    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QByteArray &value, QObject *context,
               Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    bool isPersistent() const override { return !m_inMemory; }

    QString service() const { return m_service; }

private:
    enum class Operation { Read, Write, Remove };
    struct Pending
    {
        Operation operation = Operation::Read;
        QByteArray value;
        QPointer<QObject> context;
        bool hadContext = false;
        Callback done;
    };

    void enqueue(const QString &key, Operation operation, const QByteArray &value, QObject *context,
                 Callback done);
    /// Starts the first operation queued for `key` (completing from memory while in memory).
    void startNext(const QString &key);
    void onJobFinished(const QString &key, QKeychain::Job *job);
    void runInMemory(const QString &key, Pending pending);
    /// Tells, once, that secrets are kept in memory from now on.
    void announceMemoryOnly(const QString &backendMessage);
    void complete(Pending &pending, SecretResult result);

    QString m_service;
    MemorySecretStore *m_memory = nullptr;
    bool m_inMemory = false;
    /// Per key, the operations not completed yet; the front one is running.
    QHash<QString, std::deque<Pending>> m_queues;
};
