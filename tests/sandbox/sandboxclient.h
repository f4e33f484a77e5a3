#pragma once

// One HTTP exchange with the sandbox over loopback, waited for with a signal spy: the shared
// plumbing of the sandbox's network tests. Also the demo's Copper credentials, which several
// tests send over HTTP and straight to SandboxServer::dispatch().

#include "sandbox/sandboxrequest.h"
#include "sandbox/sandboxserver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

#include <memory>

struct SandboxReply
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    int status = 0; ///< 0: no HTTP answer (see error)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    /// Qt's error for the exchange (an HTTP error status counts as one);
    /// OperationCanceledError: no answer within the time limit.
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }

    /// The request send() makes: `body` marked as JSON when not empty, then `headers` (a null
    /// value removes a header; a Content-Type given here replaces the JSON one).
    static QNetworkRequest request(const QUrl &url, const QByteArray &body = {},
                                   const Headers &headers = {})
    {
        QNetworkRequest request(url);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        return request;
    }

    /// Waits up to `timeoutMs` for `started` (which it deletes) and reads its answer; aborts it
    /// when none came in time.
    static SandboxReply finish(QNetworkReply *started, int timeoutMs = 10000)
    {
        std::unique_ptr<QNetworkReply> reply(started);
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(timeoutMs))
            reply->abort();
        SandboxReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        result.error = reply->error();
        return result;
    }

    /// Sends `method` to `url` with `body` and `headers` (see request()) and waits up to ten
    /// seconds for the answer.
    static SandboxReply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
                             const QByteArray &body = {}, const Headers &headers = {})
    {
        return finish(nam.sendCustomRequest(request(url, body, headers), method, body));
    }
};

/// The demo's Copper credentials, the headers every Copper request carries.
inline SandboxReply::Headers copperCredentials()
{
    using namespace Qt::StringLiterals;
    return {{"X-PW-AccessToken"_ba, SandboxServer::CopperApiKey},
            {"X-PW-Application"_ba, "developer_api"_ba},
            {"X-PW-UserEmail"_ba, SandboxServer::CopperEmail}};
}

/// A Copper request for SandboxServer::dispatch(): `path` is below /copper/developer_api/v1/.
inline SandboxRequest copperRequest(const QByteArray &method, const QString &path,
                                    const QByteArray &body = {},
                                    const SandboxReply::Headers &headers = copperCredentials())
{
    using namespace Qt::StringLiterals;
    return {method,
            QString(u"copper/developer_api/v1/"_s + path).split(u'/', Qt::SkipEmptyParts),
            {},
            headers,
            body};
}
