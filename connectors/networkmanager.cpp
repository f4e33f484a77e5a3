#include "connectors/networkmanager.h"

#include <QNetworkRequest>

using namespace Qt::StringLiterals;

NetworkManager::NetworkManager(QObject *parent)
    : QNetworkAccessManager(parent)
{
    setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    setTransferTimeout(DefaultTimeoutMs);
    setStrictTransportSecurityEnabled(true);
}

void NetworkManager::setTimeoutMs(int milliseconds)
{
    setTransferTimeout(qMax(1, milliseconds));
}

QByteArray NetworkManager::userAgent()
{
    return QByteArrayLiteral("Linkloom/" LINKLOOM_VERSION);
}

QByteArray NetworkManager::verbOf(Operation op, const QNetworkRequest &request)
{
    switch (op) {
    case GetOperation:
        return "GET"_ba;
    case PostOperation:
        return "POST"_ba;
    case PutOperation:
        return "PUT"_ba;
    case DeleteOperation:
        return "DELETE"_ba;
    case HeadOperation:
        return "HEAD"_ba;
    default:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    }
}

QNetworkReply *NetworkManager::createRequest(Operation op, const QNetworkRequest &request,
                                             QIODevice *outgoingData)
{
    QNetworkRequest r(request);
    r.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    // A job may handle redirects itself (ManualRedirectPolicy); anything laxer than same-origin
    // is refused here, whatever the caller asked for.
    const auto policy = r.attribute(QNetworkRequest::RedirectPolicyAttribute);
    if (!policy.isValid() || policy.toInt() != QNetworkRequest::ManualRedirectPolicy)
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::SameOriginRedirectPolicy);
    if (r.transferTimeout() <= 0)
        r.setTransferTimeout(transferTimeout());
    return QNetworkAccessManager::createRequest(op, r, outgoingData);
}
