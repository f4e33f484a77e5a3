#include "connectors/networkmanager.h"

#include <QNetworkRequest>

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
