#include "sandbox/sandboxrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

static QByteArray findHeader(const SandboxRequest::Headers &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.isNull() ? ""_ba : value;
    }
    return {};
}

QByteArray SandboxRequest::header(QByteArrayView name) const
{
    return findHeader(headers, name);
}

SandboxResponse SandboxResponse::json(int status, const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isArray())
        document.setArray(value.toArray());
    else
        document.setObject(value.toObject());
    return {status,
            {{"Content-Type"_ba, "application/json; charset=utf-8"_ba}},
            document.toJson(QJsonDocument::Compact)};
}

SandboxResponse &SandboxResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray SandboxResponse::header(QByteArrayView name) const
{
    return findHeader(headers, name);
}
