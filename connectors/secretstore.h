#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

/// The outcome of one SecretStore operation.
struct SecretResult
{
    /// The operation worked. A read of a key without a secret also counts as working.
    bool ok = false;
    /// The key had no secret: always said by read(); by remove() when the store knows (a
    /// keychain may not tell).
    bool notFound = false;
    /// The secret, after a read that found one.
    QByteArray value;
    /// When !ok: one translated sentence a person can act on. Never contains a secret.
    QString error;
};

/// Where account credentials live: API keys, tokens, OAuth refresh and access tokens. A secret
/// is a QByteArray under a key "<vendor>/<account id>/<name>", e.g.
/// "laserfiche/acme/refresh_token".
///
/// Every operation is asynchronous. `done` is called exactly once, always later from the event
/// loop (never inside the call), in the thread of `context`; when `context` is destroyed first
/// it is never called (a null context stands for the store itself). Operations on one key
/// complete in the order they were made and each sees the effect of the ones before it, so a
/// read right after a write returns the written value. Secrets never appear in error messages
/// and are never logged.
///
/// Use a store from the thread it lives in. Not supported: listing or enumerating keys.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult &result)>;

    explicit SecretStore(QObject *parent = nullptr);

    virtual void read(const QString &key, QObject *context, Callback done) = 0;
    /// Replaces any secret already under `key`.
    virtual void write(const QString &key, const QByteArray &value, QObject *context, Callback done)
        = 0;
    virtual void remove(const QString &key, QObject *context, Callback done) = 0;

    /// Whether a secret written now is still there after Linkloom quits.
    virtual bool isPersistent() const = 0;

Q_SIGNALS:
    /// The store started (or stopped) keeping secrets beyond the end of the run; `reason` is a
    /// translated sentence to show to the user.
    void persistenceChanged(bool persistent, const QString &reason);

protected:
    /// Calls `done(result)` from the event loop unless `context` (the store when null) is
    /// destroyed first.
    void deliver(QObject *context, Callback done, SecretResult result);
};

/// Secrets in this process only, gone when it ends: for tests, and the fallback of
/// KeychainSecretStore where no keychain is available. Never persistent.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(QObject *parent = nullptr);

    void read(const QString &key, QObject *context, Callback done) override;
    void write(const QString &key, const QByteArray &value, QObject *context,
               Callback done) override;
    void remove(const QString &key, QObject *context, Callback done) override;
    bool isPersistent() const override { return false; }

private:
    QHash<QString, QByteArray> m_secrets;
};
