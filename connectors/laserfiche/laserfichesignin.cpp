#include "connectors/laserfiche/laserfichesignin.h"

#include "connectors/jsonread.h"
#include "connectors/secretstore.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSignIn, "linkloom.connectors.laserfiche.signin")

namespace {

/// `bytes` random bytes from the system's generator, base64url without padding (RFC 7636 §4.1:
/// 32 bytes give a 43-character verifier).
QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QUrl below(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

} // namespace

LaserficheSignIn::LaserficheSignIn(const AccountConfig &account, SecretStore *secrets,
                                   QNetworkAccessManager *network, QObject *parent)
    : AccessTokenSource(parent)
    , m_account(account)
    , m_secrets(secrets)
    , m_network(network)
{ }

LaserficheSignIn::~LaserficheSignIn() = default;

QString LaserficheSignIn::refreshTokenKey(const QString &accountId)
{
    return u"laserfiche/"_s + accountId + u"/refresh_token"_s;
}

QUrl LaserficheSignIn::authorizeUrl() const
{
    const QString base = m_account.options.value(u"signInUrl"_s).toString();
    return below(QUrl(base.isEmpty() ? QString::fromLatin1(DefaultSignInUrl) : base),
                 u"/oauth/authorize"_s);
}

QUrl LaserficheSignIn::tokenUrl() const
{
    const QString base = m_account.options.value(u"signInUrl"_s).toString();
    return below(QUrl(base.isEmpty() ? QString::fromLatin1(DefaultSignInUrl) : base),
                 u"/oauth/token"_s);
}

ConnectorError LaserficheSignIn::failure(const QString &message) const
{
    ConnectorError error;
    error.kind = ConnectorError::Kind::Unauthorized;
    error.message = message;
    return error;
}

bool LaserficheSignIn::isSigningIn() const
{
    return m_flow != nullptr;
}

void LaserficheSignIn::signIn(int timeoutMs)
{
    if (m_flow)
        finishSignIn(tr("A new sign-in was started."));
    const QString clientId = m_account.options.value(u"clientId"_s).toString();
    m_flow = new QOAuth2AuthorizationCodeFlow(this);
    m_flow->setNetworkAccessManager(m_network);
    m_flow->setClientIdentifier(clientId.isEmpty() ? QString::fromLatin1(DefaultClientId)
                                                   : clientId);
    m_flow->setAuthorizationUrl(authorizeUrl());
    m_flow->setAccessTokenUrl(tokenUrl());
    m_flow->setScope(u"repository.Read repository.Write"_s);
    // A fresh state and PKCE verifier for every sign-in.
    m_flow->setState(QString::fromLatin1(randomToken(24)));
    m_verifier = randomToken(32);
    const QByteArray challenge
        = QCryptographicHash::hash(m_verifier, QCryptographicHash::Sha256)
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    m_flow->setModifyParametersFunction(
        [verifier = m_verifier, challenge](QAbstractOAuth::Stage stage,
                                           QMultiMap<QString, QVariant> *parameters) {
            if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
                parameters->insert(u"code_challenge"_s, QString::fromLatin1(challenge));
                parameters->insert(u"code_challenge_method"_s, u"S256"_s);
            } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
                parameters->insert(u"code_verifier"_s, QString::fromLatin1(verifier));
            }
        });

    // The redirect comes back to 127.0.0.1 only (RFC 8252 §7.3), on a free port.
    m_handler = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, this);
    if (!m_handler->isListening()) {
        finishSignIn(tr("Linkloom could not listen on 127.0.0.1 for the browser's answer. "
                        "Check that the loopback interface is up, then sign in again."));
        return;
    }
    m_handler->setCallbackText(tr("Linkloom is signed in to Laserfiche. You can close this "
                                  "page and go back to Linkloom."));
    m_flow->setReplyHandler(m_handler);

    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, &LaserficheSignIn::openBrowser);
    connect(m_flow, &QAbstractOAuth::granted, this, &LaserficheSignIn::onGranted);
    connect(
        m_flow, &QAbstractOAuth2::error, this,
        [this](const QString &error, const QString &description, const QUrl &) {
            finishSignIn(
                description.isEmpty()
                    ? tr("Laserfiche refused the sign-in (%1). Sign in again.").arg(error.left(80))
                    : tr("Laserfiche refused the sign-in: %1. Sign in again.")
                          .arg(description.left(300)));
        });
    // Qt 6.4 only logs an error redirect ("access_denied" when the user says no): read it from
    // the redirect itself, for this sign-in's state only.
    connect(
        m_handler, &QAbstractOAuthReplyHandler::callbackReceived, this,
        [this](const QVariantMap &values) {
            if (!m_flow || values.value(u"state"_s).toString() != m_flow->state())
                return;
            const QString error = values.value(u"error"_s).toString();
            if (error.isEmpty())
                return;
            const QString description = QUrl::fromPercentEncoding(
                values.value(u"error_description"_s).toString().replace(u'+', u' ').toUtf8());
            finishSignIn(
                description.isEmpty()
                    ? tr("Laserfiche refused the sign-in (%1). Sign in again.").arg(error.left(80))
                    : tr("Laserfiche refused the sign-in: %1. Sign in again.")
                          .arg(description.left(300)));
        });
    // Qt 6.4 reports neither a state mismatch nor a failed code exchange by a signal: a
    // sign-in that has not finished in time fails.
    m_signInTimer = new QTimer(this);
    m_signInTimer->setSingleShot(true);
    connect(m_signInTimer, &QTimer::timeout, this, [this] {
        finishSignIn(tr("The sign-in to Laserfiche did not finish. Sign in again, and allow "
                        "Linkloom on Laserfiche's page in your browser."));
    });
    m_signInTimer->start(timeoutMs);
    m_flow->grant();
}

void LaserficheSignIn::onGranted()
{
    if (!m_flow)
        return;
    const QString access = m_flow->token();
    const QString refresh = m_flow->refreshToken();
    const QDateTime expires = m_flow->expirationAt();
    if (access.isEmpty() || refresh.isEmpty()) {
        finishSignIn(tr("Laserfiche's answer to the sign-in had no tokens. Sign in again."));
        return;
    }
    if (!m_secrets) {
        finishSignIn(tr("Linkloom cannot keep the sign-in: no secret store."));
        return;
    }
    // The refresh token is stored before the access token is used.
    m_secrets->write(refreshTokenKey(m_account.id), refresh.toUtf8(), this,
                     [this, access, refresh, expires](const SecretResult &result) {
                         if (!result.ok) {
                             finishSignIn(result.error);
                             return;
                         }
                         m_refreshToken = refresh;
                         m_accessToken = access;
                         m_expiresAt = expires.isValid()
                             ? expires
                             : QDateTime::currentDateTimeUtc().addSecs(3600);
                         finishSignIn({});
                     });
}

void LaserficheSignIn::finishSignIn(const QString &error)
{
    if (m_signInTimer) {
        m_signInTimer->stop();
        m_signInTimer->deleteLater();
        m_signInTimer = nullptr;
    }
    if (m_handler) {
        m_handler->close();
        m_handler->deleteLater();
        m_handler = nullptr;
    }
    if (m_flow) {
        m_flow->disconnect(this);
        m_flow->deleteLater();
        m_flow = nullptr;
    }
    m_verifier.clear();
    if (error.isEmpty()) {
        Q_EMIT signedIn();
        // Callers that waited for a token get this one.
        if (!m_waiters.isEmpty())
            answerWaiters(m_accessToken, {});
    } else {
        Q_EMIT signInFailed(error);
    }
}

void LaserficheSignIn::accessToken(QObject *context, Done done)
{
    if (!m_accessToken.isEmpty()
        && QDateTime::currentDateTimeUtc().secsTo(m_expiresAt) > ExpiryMarginSeconds) {
        QMetaObject::invokeMethod(
            context ? context : this, [done, token = m_accessToken] { done(token, {}); },
            Qt::QueuedConnection);
        return;
    }
    m_waiters.append({context, context != nullptr, std::move(done)});
    if (m_refreshing)
        return; // the refresh under way answers this caller too
    m_refreshing = true;
    // The stored refresh token is read before every refresh: another Linkloom process (the
    // command line beside the app) may have rotated it since.
    if (!m_secrets) {
        m_refreshing = false;
        answerWaiters({}, failure(tr("Linkloom has no secret store for the Laserfiche sign-in.")));
        return;
    }
    m_secrets->read(refreshTokenKey(m_account.id), this, [this](const SecretResult &result) {
        if (!result.ok) {
            m_refreshing = false;
            answerWaiters({}, failure(result.error));
            return;
        }
        m_refreshToken = QString::fromUtf8(result.value);
        startRefresh();
    });
}

void LaserficheSignIn::startRefresh()
{
    if (m_refreshToken.isEmpty()) {
        m_refreshing = false;
        answerWaiters({},
                      failure(tr("Linkloom is not signed in to Laserfiche account “%1”. "
                                 "Sign in from the account settings (File › Accounts).")
                                  .arg(m_account.name())));
        return;
    }
    if (!m_network) {
        m_refreshing = false;
        answerWaiters({}, failure(tr("Linkloom is shutting down.")));
        return;
    }
    ++m_refreshes;
    const QString clientId = m_account.options.value(u"clientId"_s).toString();
    // application/x-www-form-urlencoded, every value percent-encoded ('+' included).
    const QByteArray body = "grant_type=refresh_token&refresh_token="_ba
        + QUrl::toPercentEncoding(m_refreshToken) + "&client_id="_ba
        + QUrl::toPercentEncoding(clientId.isEmpty() ? QString::fromLatin1(DefaultClientId)
                                                     : clientId);
    QNetworkRequest request(tokenUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy); // the token goes nowhere else
    request.setTransferTimeout(30'000);
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->read(1024 * 1024);
        QString problem;
        const auto json = JsonRead::parseObject(answer, &problem);
        if (status == 400 && json && json->value("error"_L1).toString() == "invalid_grant"_L1) {
            // The refresh token expired or was revoked: it is of no use any more.
            m_refreshToken.clear();
            m_accessToken.clear();
            if (m_secrets)
                m_secrets->remove(refreshTokenKey(m_account.id), this, [](const SecretResult &) {});
            m_refreshing = false;
            answerWaiters({},
                          failure(tr("The Laserfiche sign-in of account “%1” has expired or "
                                     "was revoked. Sign in again from the account settings "
                                     "(File › Accounts).")
                                      .arg(m_account.name())));
            return;
        }
        const QString access = json ? json->value("access_token"_L1).toString() : QString();
        const QString refresh = json ? json->value("refresh_token"_L1).toString() : QString();
        if (reply->error() != QNetworkReply::NoError || status != 200 || access.isEmpty()) {
            qCInfo(lcSignIn) << "Token refresh failed with HTTP status" << status;
            m_refreshing = false;
            ConnectorError error = failure(
                tr("Linkloom could not renew the Laserfiche sign-in of account “%1” (%2). "
                   "Check the network connection and try again.")
                    .arg(m_account.name(),
                         status > 0 ? u"HTTP %1"_s.arg(status) : reply->errorString().left(200)));
            error.kind = status >= 500 || status == 0 ? ConnectorError::Kind::Unreachable
                                                      : ConnectorError::Kind::Unauthorized;
            answerWaiters({}, error);
            return;
        }
        const qint64 expiresIn
            = JsonRead::positiveInteger(json->value("expires_in"_L1), 86'400).value_or(3600);
        const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
        // Laserfiche rotates the refresh token: keep the new one before using the access token.
        const QString next = refresh.isEmpty() ? m_refreshToken : refresh;
        const auto use = [this, access, next, expires] {
            m_refreshToken = next;
            m_accessToken = access;
            m_expiresAt = expires;
            m_refreshing = false;
            answerWaiters(access, {});
        };
        if (refresh.isEmpty() || !m_secrets) {
            use();
            return;
        }
        m_secrets->write(refreshTokenKey(m_account.id), next.toUtf8(), this,
                         [this, use](const SecretResult &result) {
                             if (!result.ok) {
                                 // Unkept, the new token would be lost at the next start and
                                 // the old one is revoked: use neither, sign in again.
                                 m_refreshToken.clear();
                                 m_accessToken.clear();
                                 m_refreshing = false;
                                 answerWaiters({}, failure(result.error));
                                 return;
                             }
                             use();
                         });
    });
}

void LaserficheSignIn::answerWaiters(const QString &token, const ConnectorError &error)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.hadContext && !waiter.context)
            continue; // the caller is gone
        waiter.done(token, error);
    }
}

void LaserficheSignIn::tokenRejected(const QString &token)
{
    if (!token.isEmpty() && token == m_accessToken)
        m_accessToken.clear(); // the next accessToken() refreshes
}
