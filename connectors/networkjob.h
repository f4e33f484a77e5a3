#pragma once

#include "connectors/connectorerror.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <functional>

class NetworkManager;
class QNetworkReply;

/// One HTTP request and its answer (qBittorrent DownloadHandler / Nextcloud AbstractNetworkJob
/// style). The job owns its QNetworkReply: deleting the job aborts the transfer. finished() is
/// emitted exactly once, whether the request succeeded, failed or was aborted; afterwards the
/// status, headers, body and error() stay available until the job is deleted.
///
/// Every failure is mapped to one ConnectorError: network errors (Unreachable, Timeout, Tls,
/// Redirect), HTTP statuses (401 Unauthorized, 403 Forbidden, 404/410 NotFound, 429 RateLimited,
/// 5xx Server, other 4xx Rejected), an answer larger than maxResponseSize() (BadResponse) and
/// abort() (Cancelled). The message names the vendor and account given by setContext() and says
/// what to do; the vendor's own message (from the error-body parser) is quoted in it. Details
/// hold the method, the URL without user info or token-like query values, the status and an
/// excerpt of the body, with every value given to setSecrets() blanked out.
///
/// Owned by its parent: delete it (deleteLater()) once finished() was handled. Not supported:
/// streaming bodies, uploads from a QIODevice, authentication challenges (401 is an error).
class NetworkJob : public QObject
{
    Q_OBJECT

public:
    /// Extracts the vendor's own message from an error body; an empty string when it has none.
    /// Gets untrusted bytes: must not assume anything about them.
    using ErrorBodyParser = std::function<QString(const QByteArray &body)>;
    using Header = QPair<QByteArray, QByteArray>;

    static constexpr qint64 DefaultMaxResponseSize = 32 * 1024 * 1024;

    /// A request with any verb ("GET", "POST", "DELETE" with a body, ...). A body without a
    /// Content-Type is sent as application/json. Call start() to send.
    NetworkJob(NetworkManager *manager, const QByteArray &verb, const QNetworkRequest &request,
               const QByteArray &body = {}, QObject *parent = nullptr);
    ~NetworkJob() override;

    /// Names for the error messages, e.g. vendorDisplayName() and the account's display name.
    void setContext(const QString &vendorName, const QString &accountName);
    void setErrorBodyParser(ErrorBodyParser parser);
    /// Credentials that must never appear in error details (they are blanked out if echoed).
    void setSecrets(const QList<QString> &secrets);
    void setMaxResponseSize(qint64 bytes);
    qint64 maxResponseSize() const { return m_maxResponseSize; }
    /// Overrides the manager's transfer timeout for this request.
    void setTimeoutMs(int milliseconds);

    void start();
    /// Stops the request; finished() follows at once with ConnectorError::Kind::Cancelled.
    void abort();
    bool isFinished() const { return m_finished; }

    QByteArray verb() const { return m_verb; }
    QUrl url() const { return m_request.url(); }
    /// The HTTP status, 0 when no answer arrived.
    int httpStatus() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    const QList<Header> &headers() const { return m_headers; }
    /// The value of a response header (case-insensitive name), empty when absent.
    QByteArray header(QByteArrayView name) const;
    const ConnectorError &error() const { return m_error; }

    /// An error about this request found by the caller after the transfer (typically a body
    /// the mapping refused: kind BadResponse, `problem` says why), with the same message and
    /// details as the job's own errors.
    ConnectorError makeError(ConnectorError::Kind kind, const QString &problem = {},
                             const QString &vendorMessage = {}) const;

    /// The URL as it may be shown: no user info, no fragment, token-like query values replaced.
    static QString redactedUrl(const QUrl &url);
    /// Retry-After as delta-seconds or an HTTP date; nullopt when absent or unreadable.
    static std::optional<int>
    parseRetryAfter(QByteArrayView value, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// The translated sentence for `kind`, naming vendor and account.
    static QString messageFor(ConnectorError::Kind kind, const QString &vendorName,
                              const QString &accountName, const QString &vendorMessage = {},
                              std::optional<int> retryAfterSeconds = {});

Q_SIGNALS:
    void finished();
    /// Bytes received so far and the expected total (-1 when unknown).
    void downloadProgress(qint64 received, qint64 total);

private:
    void readAvailable();
    void onReplyFinished();
    void finish(ConnectorError error);
    ConnectorError::Kind classify() const;

    QPointer<NetworkManager> m_manager;
    QByteArray m_verb;
    QNetworkRequest m_request;
    QByteArray m_requestBody;
    QNetworkReply *m_reply = nullptr;

    QString m_vendorName;
    QString m_accountName;
    ErrorBodyParser m_errorBodyParser;
    QList<QString> m_secrets;
    qint64 m_maxResponseSize = DefaultMaxResponseSize;

    int m_status = 0;
    int m_networkError = 0;
    QString m_networkErrorString;
    QByteArray m_body;
    QList<Header> m_headers;
    ConnectorError m_error;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_tooLarge = false;
};
