#pragma once

#include "connectors/laserfiche/accesstokensource.h"
#include "models/account.h"

#include <QDateTime>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;
class SecretStore;

/// The Laserfiche sign-in of one account: OAuth 2.0 authorization code with PKCE (S256) for a
/// desktop app, and the access tokens that follow from it.
///
/// - signIn(): QtNetworkAuth's QOAuth2AuthorizationCodeFlow with a QOAuthHttpServerReplyHandler
///   listening on 127.0.0.1 (a free port) for the redirect, a fresh random `state` and PKCE
///   verifier for every sign-in (Qt 6.4 has no PKCE: the challenge and the verifier are added
///   through the flow's modify-parameters hook). openBrowser() asks the app to show the consent
///   page in the system browser. The refresh token is written to the SecretStore before the
///   first access token is handed out.
/// - accessToken(): the current access token while it has more than a minute to live; else a
///   refresh with the stored refresh token. Exactly one refresh runs at a time: every caller
///   waiting meanwhile gets its result. Laserfiche rotates refresh tokens (reusing an old one
///   revokes the new one too), so the rotated token is stored, and the store has confirmed it,
///   before the new access token is handed out; a store that cannot keep it fails the callers
///   and nothing is used. A refused refresh (invalid_grant) forgets the stored token and says to
///   sign in again. The stored token is read again before each refresh (another Linkloom
///   process may have rotated it). Use one LaserficheSignIn per account in a process.
///
/// The refresh is a plain form POST rather than QOAuth2AuthorizationCodeFlow::refreshAccessToken():
/// Qt 6.4's flow hands the new token out (tokenChanged) the moment it arrives and keeps the
/// rotated refresh token only in memory, which is what the rotation rule forbids; here the
/// callers wait until the store confirmed the write.
///
/// Sign-in URLs: account.options["signInUrl"] (default https://signin.laserfiche.com), with
/// /oauth/authorize and /oauth/token below it; the client id is options["clientId"] (default
/// Linkloom's registered desktop app). Tokens are never logged or put in a message.
class LaserficheSignIn : public AccessTokenSource
{
    Q_OBJECT

public:
    static constexpr auto DefaultSignInUrl = "https://signin.laserfiche.com";
    static constexpr auto DefaultClientId = "linkloom-desktop";
    /// An access token is refreshed when it has less than this left.
    static constexpr qint64 ExpiryMarginSeconds = 60;

    LaserficheSignIn(const AccountConfig &account, SecretStore *secrets,
                     QNetworkAccessManager *network, QObject *parent = nullptr);
    ~LaserficheSignIn() override;

    /// The key of the account's refresh token in the SecretStore.
    static QString refreshTokenKey(const QString &accountId);
    QUrl authorizeUrl() const;
    QUrl tokenUrl() const;

    /// Starts a browser sign-in (a running one is abandoned); signedIn() or signInFailed()
    /// follow. `timeoutMs`: how long to wait for the browser's answer.
    void signIn(int timeoutMs = 5 * 60 * 1000);
    bool isSigningIn() const;

    void accessToken(QObject *context, Done done) override;
    void tokenRejected(const QString &token) override;

    /// How many refreshes were sent (for tests and diagnostics).
    int refreshCount() const { return m_refreshes; }

Q_SIGNALS:
    /// Show `url` (the vendor's consent page) in the system browser.
    void openBrowser(const QUrl &url);
    void signedIn();
    /// `reason`: a sentence saying what went wrong and what to do.
    void signInFailed(const QString &reason);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hadContext = false;
        Done done;
    };
    void finishSignIn(const QString &error);
    void onGranted();
    void startRefresh();
    void answerWaiters(const QString &token, const ConnectorError &error);
    ConnectorError failure(const QString &message) const;

    AccountConfig m_account;
    QPointer<SecretStore> m_secrets;
    QPointer<QNetworkAccessManager> m_network;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QOAuthHttpServerReplyHandler *m_handler = nullptr;
    QByteArray m_verifier;
    QString m_accessToken;
    QDateTime m_expiresAt;
    QString m_refreshToken;
    bool m_refreshing = false;
    int m_refreshes = 0;
    QList<Waiter> m_waiters;
    class QTimer *m_signInTimer = nullptr;
};
