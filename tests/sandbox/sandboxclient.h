#pragma once

// One HTTP exchange with the sandbox over loopback, waited for with a signal spy: the shared
// plumbing of the sandbox's network tests.

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

    int status = 0; ///< 0: no answer within the time limit
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }

    /// Sends `method` to `url` with `body` (as JSON when not empty) and `headers` (a null
    /// value removes a header) and waits up to ten seconds for the answer.
    static SandboxReply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
                             const QByteArray &body = {}, const Headers &headers = {})
    {
        QNetworkRequest request(url);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value.isNull() ? QByteArray() : value);
        std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(request, method, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            return {};
        SandboxReply result{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                            reply->readAll(),
                            {}};
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        return result;
    }
};
