#include "connectors/secretstore.h"

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{ }

void SecretStore::deliver(QObject *context, Callback done, SecretResult result)
{
    // A queued call on `context`: Qt drops it when `context` is destroyed before it runs.
    QMetaObject::invokeMethod(
        context ? context : this,
        [done = std::move(done), result = std::move(result)] {
            if (done)
                done(result);
        },
        Qt::QueuedConnection);
}

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{ }

void MemorySecretStore::read(const QString &key, QObject *context, Callback done)
{
    SecretResult result;
    result.ok = true;
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.cend())
        result.notFound = true;
    else
        result.value = *it;
    deliver(context, std::move(done), std::move(result));
}

void MemorySecretStore::write(const QString &key, const QByteArray &value, QObject *context,
                              Callback done)
{
    m_secrets.insert(key, value);
    SecretResult result;
    result.ok = true;
    deliver(context, std::move(done), std::move(result));
}

void MemorySecretStore::remove(const QString &key, QObject *context, Callback done)
{
    SecretResult result;
    result.ok = true;
    result.notFound = m_secrets.remove(key) == 0;
    deliver(context, std::move(done), std::move(result));
}
