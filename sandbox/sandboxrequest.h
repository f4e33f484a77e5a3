#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrlQuery>

/// One HTTP request as a vendor simulator sees it: no socket, no server, just values, so a
/// vendor class can be exercised without the network.
struct SandboxRequest
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    QByteArray method; ///< upper case: "GET", "POST", "DELETE", ...
    QStringList path; ///< decoded segments below the vendor's prefix, empty ones dropped
    QUrlQuery query;
    Headers headers;
    QByteArray body;

    /// The first header called `name` (compared case-insensitively), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
};

/// The simulator's answer. The server adds Content-Length; Content-Type is set by json().
struct SandboxResponse
{
    int status = 200;
    SandboxRequest::Headers headers;
    QByteArray body;

    /// A response carrying `value` as compact JSON (application/json; charset=utf-8).
    static SandboxResponse json(int status, const QJsonValue &value);
    SandboxResponse &withHeader(const QByteArray &name, const QByteArray &value);
    /// The value of header `name` (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
};
