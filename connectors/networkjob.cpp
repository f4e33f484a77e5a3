#include "connectors/networkjob.h"

#include "connectors/networkmanager.h"

#include <QLocale>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype BodyExcerptLength = 500;
constexpr qsizetype VendorMessageLength = 300;

using Kind = ConnectorError::Kind;

Kind kindForStatus(int status)
{
    switch (status) {
    case 401:
        return Kind::Unauthorized;
    case 403:
        return Kind::Forbidden;
    case 404:
    case 410:
        return Kind::NotFound;
    case 429:
        return Kind::RateLimited;
    default:
        return status >= 500 ? Kind::Server : Kind::Rejected;
    }
}

Kind kindForNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts the reply
        return Kind::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return Kind::Tls;
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::TooManyRedirectsError:
        return Kind::Redirect;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::UnknownContentError:
        return Kind::BadResponse;
    default:
        if (error >= QNetworkReply::ContentAccessDenied
            && error < QNetworkReply::ProtocolUnknownError)
            return Kind::Rejected;
        if (error >= QNetworkReply::InternalServerError)
            return Kind::Server;
        return Kind::Unreachable;
    }
}

bool looksLikeSecretName(const QString &name)
{
    static const QRegularExpression re(
        u"token|key|secret|pass|auth|code|sig|session|credential|verifier"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

bool looksLikeToken(const QString &value)
{
    static const QRegularExpression re(u"^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9._~+/=-]{20,}$"_s);
    return re.match(value).hasMatch();
}

QString oneLine(const QString &text, qsizetype maxLength)
{
    QString s = text.simplified();
    if (s.size() > maxLength)
        s = s.left(maxLength) + u'…';
    return s;
}

} // namespace

NetworkJob::NetworkJob(NetworkManager *manager, const QByteArray &verb,
                       const QNetworkRequest &request, const QByteArray &body, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_verb(verb.toUpper())
    , m_request(request)
    , m_requestBody(body)
{
    if (!body.isEmpty() && !m_request.header(QNetworkRequest::ContentTypeHeader).isValid())
        m_request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
}

NetworkJob::~NetworkJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void NetworkJob::setContext(const QString &vendorName, const QString &accountName)
{
    m_vendorName = vendorName;
    m_accountName = accountName;
}

void NetworkJob::setErrorBodyParser(ErrorBodyParser parser)
{
    m_errorBodyParser = std::move(parser);
}

void NetworkJob::setSecrets(const QList<QString> &secrets)
{
    m_secrets = secrets;
    m_secrets.removeAll(QString());
}

void NetworkJob::setMaxResponseSize(qint64 bytes)
{
    m_maxResponseSize = qMax<qint64>(0, bytes);
}

void NetworkJob::setTimeoutMs(int milliseconds)
{
    m_request.setTransferTimeout(qMax(1, milliseconds));
}

void NetworkJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (!m_manager) {
        QTimer::singleShot(0, this, [this] { finish(makeError(Kind::Unreachable)); });
        return;
    }

    if (m_verb == "GET")
        m_reply = m_manager->get(m_request);
    else if (m_verb == "HEAD")
        m_reply = m_manager->head(m_request);
    else if (m_verb == "POST")
        m_reply = m_manager->post(m_request, m_requestBody);
    else if (m_verb == "PUT")
        m_reply = m_manager->put(m_request, m_requestBody);
    else if (m_verb == "DELETE" && m_requestBody.isEmpty())
        m_reply = m_manager->deleteResource(m_request);
    else
        m_reply = m_manager->sendCustomRequest(m_request, m_verb, m_requestBody);
    m_reply->setParent(this);

    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        const auto length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_maxResponseSize) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &NetworkJob::readAvailable);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &NetworkJob::downloadProgress);
    connect(m_reply, &QNetworkReply::finished, this, &NetworkJob::onReplyFinished);
}

void NetworkJob::abort()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort(); // emits finished() -> onReplyFinished()
    else
        finish(makeError(Kind::Cancelled));
}

QByteArray NetworkJob::header(QByteArrayView name) const
{
    for (const auto &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void NetworkJob::readAvailable()
{
    if (!m_reply || m_tooLarge || !m_reply->isReadable())
        return;
    // QIODevice::read(n) allocates n bytes before reading: ask for what has arrived, not for
    // the whole allowance (32 MiB by default, for every chunk of every answer).
    m_body += m_reply->read(qMin(m_reply->bytesAvailable(), m_maxResponseSize + 1 - m_body.size()));
    if (m_body.size() > m_maxResponseSize) {
        m_tooLarge = true;
        m_body.clear();
        m_reply->abort();
    }
}

void NetworkJob::onReplyFinished()
{
    if (!m_reply || m_finished)
        return;
    readAvailable();
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_headers = m_reply->rawHeaderPairs();
    m_networkError = m_reply->error();
    m_networkErrorString = m_reply->errorString();
    m_reply->disconnect(this);
    m_reply->deleteLater();
    m_reply = nullptr;

    const Kind kind = classify();
    if (kind == Kind::None) {
        finish({});
        return;
    }
    const QString vendorMessage = (m_status >= 400 && m_errorBodyParser)
        ? oneLine(m_errorBodyParser(m_body), VendorMessageLength)
        : QString();
    finish(makeError(kind, {}, vendorMessage));
}

ConnectorError::Kind NetworkJob::classify() const
{
    if (m_tooLarge)
        return Kind::BadResponse;
    if (m_cancelled)
        return Kind::Cancelled;
    if (m_status >= 400)
        return kindForStatus(m_status);
    if (m_networkError != QNetworkReply::NoError)
        return kindForNetworkError(QNetworkReply::NetworkError(m_networkError));
    if (m_status >= 300)
        return Kind::Redirect; // a redirect the policy did not follow
    return Kind::None;
}

void NetworkJob::finish(ConnectorError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    Q_EMIT finished();
}

ConnectorError NetworkJob::makeError(ConnectorError::Kind kind, const QString &problem,
                                     const QString &vendorMessage) const
{
    ConnectorError e;
    e.kind = kind;
    e.httpStatus = m_status;
    if (kind == Kind::RateLimited || m_status == 503)
        e.retryAfterSeconds = parseRetryAfter(header("Retry-After"));

    const QString vendor = m_vendorName.isEmpty() ? m_request.url().host() : m_vendorName;
    e.message = messageFor(kind, vendor, m_accountName, vendorMessage, e.retryAfterSeconds);

    const QString url = redactedUrl(m_request.url());
    QStringList lines{QString::fromLatin1(m_verb) + u' ' + url};
    if (m_status > 0)
        lines << u"HTTP %1"_s.arg(m_status);
    // Qt's text adds nothing to an HTTP status and may quote the URL: only for network errors.
    if (m_networkError != QNetworkReply::NoError && m_status < 400 && !m_tooLarge)
        lines << u"Network error %1: %2"_s.arg(m_networkError).arg(m_networkErrorString);
    if (m_tooLarge)
        lines << u"The answer is larger than %1 bytes."_s.arg(m_maxResponseSize);
    if (!problem.isEmpty())
        lines << problem;
    if (!m_body.isEmpty())
        lines << u"Response: "_s
                + oneLine(QString::fromUtf8(m_body.left(BodyExcerptLength * 4)), BodyExcerptLength);
    QString details = lines.join(u'\n');
    // Qt's error strings quote the full URL; the redacted one is all that may be shown.
    details.replace(m_request.url().toString(), url);
    for (const QString &secret : m_secrets)
        details.replace(secret, u"[redacted]"_s);
    e.details = details;
    return e;
}

QString NetworkJob::redactedUrl(const QUrl &url)
{
    QUrl u = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    if (u.hasQuery()) {
        QUrlQuery query(u);
        auto items = query.queryItems(QUrl::FullyDecoded);
        for (auto &[name, value] : items) {
            if (looksLikeSecretName(name) || looksLikeToken(value))
                value = u"redacted"_s;
        }
        query.setQueryItems(items);
        u.setQuery(query);
    }
    return u.toString();
}

std::optional<int> NetworkJob::parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArray text = value.trimmed().toByteArray();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qlonglong seconds = text.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt
                           : std::optional<int>(int(qMin<qlonglong>(seconds, 86'400)));
    // An HTTP date (RFC 9110 IMF-fixdate), always in GMT.
    QString http = QString::fromLatin1(text);
    if (http.endsWith(" GMT"_L1))
        http.chop(4);
    QDateTime date = QLocale::c().toDateTime(http, u"ddd, dd MMM yyyy HH:mm:ss"_s);
    date.setTimeSpec(Qt::UTC);
    if (!date.isValid())
        return std::nullopt;
    return int(std::clamp<qint64>(now.secsTo(date), 0, 86'400));
}

QString NetworkJob::messageFor(ConnectorError::Kind kind, const QString &vendorName,
                               const QString &accountName, const QString &vendorMessage,
                               std::optional<int> retryAfterSeconds)
{
    const QString who
        = accountName.isEmpty() ? vendorName : tr("%1 (account “%2”)").arg(vendorName, accountName);
    QString text;
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Unreachable:
        text = tr("Linkloom could not reach %1. Check the network connection and the account's "
                  "server address, then try again.")
                   .arg(who);
        break;
    case Kind::Timeout:
        text = tr("%1 did not answer in time. Try again later; if it keeps happening, check the "
                  "network connection.")
                   .arg(who);
        break;
    case Kind::Tls:
        text = tr("The secure connection to %1 could not be verified. Check the server address "
                  "and, behind a proxy, that its certificate is trusted by this computer.")
                   .arg(who);
        break;
    case Kind::Unauthorized:
        text = tr("%1 did not accept the account's credentials. Check the API key or token in "
                  "the account settings (for Copper also the e-mail of the key's owner), then "
                  "try again.")
                   .arg(who);
        break;
    case Kind::Forbidden:
        text = tr("%1 does not allow this account to do that. Ask the account's administrator "
                  "for access.")
                   .arg(who);
        break;
    case Kind::NotFound:
        text = tr("%1 could not find what was asked for; it may have been deleted. Refresh and "
                  "try again.")
                   .arg(who);
        break;
    case Kind::Rejected:
        text = tr("%1 refused the request. Check the change and try again.").arg(who);
        break;
    case Kind::RateLimited:
        text = retryAfterSeconds
            ? tr("%1 is limiting requests. Wait %n second(s) and try again.", nullptr,
                 *retryAfterSeconds)
                  .arg(who)
            : tr("%1 is limiting requests. Wait a minute and try again.").arg(who);
        break;
    case Kind::Server:
        text = tr("%1 had an internal problem. Try again later.").arg(who);
        break;
    case Kind::BadResponse:
        text = tr("%1 sent an answer Linkloom does not understand. Try again later; if it keeps "
                  "happening, report it with the details.")
                   .arg(who);
        break;
    case Kind::Redirect:
        text = tr("%1 redirected the request to another address, which Linkloom does not "
                  "follow. Check the account's server address.")
                   .arg(who);
        break;
    case Kind::Cancelled:
        text = tr("The request to %1 was cancelled.").arg(who);
        break;
    }
    if (!vendorMessage.isEmpty())
        text += u' ' + tr("%1 said: “%2”").arg(vendorName, vendorMessage);
    return text;
}
