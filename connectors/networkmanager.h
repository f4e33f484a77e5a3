#pragma once

#include <QNetworkAccessManager>

/// The application's one QNetworkAccessManager. Every request made through it gets, in one
/// place: the transfer timeout (a transfer that makes no progress for that long is aborted),
/// the redirect policy (only same-origin redirects are followed, so credentials never reach
/// another host), HTTP/2 where the server offers it, and the "Linkloom/<version>" user agent.
/// TLS certificate checks are never relaxed: nothing here or in the jobs ignores SSL errors.
///
/// Created once by the composition root (app/main.cpp) and handed to the connectors; there is
/// no global getter. Use it from the thread that created it.
class NetworkManager : public QNetworkAccessManager
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMs = 30'000;

    explicit NetworkManager(QObject *parent = nullptr);

    /// Milliseconds without progress after which a transfer is aborted (ConnectorError::Timeout).
    int timeoutMs() const { return transferTimeout(); }
    void setTimeoutMs(int milliseconds);

    /// "Linkloom/<version>".
    static QByteArray userAgent();
    /// The HTTP method of a request as createRequest() receives it ("GET", … or the custom verb).
    static QByteArray verbOf(Operation op, const QNetworkRequest &request);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;
};
