#pragma once

#include "sandbox/sandboxrequest.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

class SandboxClock;

/// Laserfiche's sign-in server (signin.laserfiche.com/oauth) for one registered desktop app: a
/// public client (no secret) using the authorization code grant with PKCE (RFC 6749, 7636,
/// 8252). The simulated user is always signed in and consents at once, so the authorize
/// endpoint answers with the redirect straight away.
///
/// - GET authorize: response_type=code, client_id, redirect_uri, scope, state, code_challenge,
///   code_challenge_method=S256. An unknown client_id or a redirect URI that is not a loopback
///   one (http://localhost:<any port>/... or http://127.0.0.1:<any port>/...) answers a 400
///   HTML page (never a redirect, RFC 6749 §4.1.2.1); every other problem redirects with
///   error=invalid_request|unsupported_response_type|invalid_scope, error_description and
///   state. A missing code_challenge and code_challenge_method plain (or missing: plain is
///   RFC 7636's default) are invalid_request.
/// - POST token (application/x-www-form-urlencoded, JSON answers with Cache-Control: no-store):
///   grant_type authorization_code (code, redirect_uri, client_id, code_verifier) or
///   refresh_token (refresh_token, client_id, optional narrower scope). Errors per RFC 6749
///   §5.2: 400 {"error":"invalid_request|invalid_grant|unsupported_grant_type|invalid_scope",
///   "error_description":...}, 401 invalid_client.
///
/// Rules: a code lives 10 minutes, is single-use and bound to the client, the exact
/// redirect_uri and the challenge. Access tokens live 3600 s, refresh tokens 8 h from their own
/// issue. Every refresh rotates the refresh token; presenting a rotated (old) one, or a used
/// code again, revokes the whole family (every access and refresh token that descends from the
/// one authorization), the newest included.
///
/// Guesses (the documents are silent): tokens are opaque base64url strings, not JWTs (derived
/// from the seed and a counter: one seed hands out the same tokens in the same order); a code
/// is burnt by any redemption attempt, even one that fails its checks (as IdentityServer does);
/// a missing code_verifier is invalid_request, a wrong one invalid_grant; a missing scope is
/// invalid_scope (no default scope); scope names are case-sensitive; the client may name itself
/// with client_id in the body or with HTTP Basic (id and an empty password); '+' in a query or
/// form means a space.
class LaserficheOAuth
{
public:
    static constexpr qint64 CodeLifetimeMs = 10 * 60 * 1000;
    static constexpr qint64 AccessTokenLifetimeSeconds = 3600;
    static constexpr qint64 RefreshTokenLifetimeSeconds = 8 * 3600;
    static constexpr qsizetype MaxLiveGrants = 100'000; ///< codes + tokens; then 503
    static constexpr auto ReadScope = "repository.Read";
    static constexpr auto WriteScope = "repository.Write";

    struct Tokens
    {
        QString accessToken;
        QString refreshToken;
    };

    LaserficheOAuth(const SandboxClock &clock, QString clientId, quint32 seed);

    /// Answers `endpoint` ("authorize" or "token", below /signin/oauth).
    SandboxResponse handle(const SandboxRequest &request, QStringView endpoint);

    /// The scopes of a live access token, or std::nullopt (unknown, expired or revoked).
    std::optional<QStringList> accessTokenScopes(QStringView token) const;

    /// A new token family as if the demo user had signed in with `scopes`, for tests.
    Tokens issue(const QStringList &scopes);

    QJsonObject toJson() const;
    bool fromJson(const QJsonObject &json, QString *error);

private:
    enum class Kind : quint8 { Code, Access, Refresh };
    /// An authorization code, an access token or a refresh token.
    struct Grant
    {
        Kind kind = Kind::Code;
        qint64 family = 0; ///< codes: 0 until redeemed
        qint64 expiresMs = 0;
        QStringList scopes;
        bool used = false; ///< a redeemed code, a rotated refresh token
        // codes only
        QString redirectUri;
        QString challenge;
    };

    SandboxResponse authorize(const SandboxRequest &request);
    SandboxResponse token(const SandboxRequest &request);
    SandboxResponse redeemCode(const QHash<QString, QString> &form);
    SandboxResponse refresh(const QHash<QString, QString> &form);
    SandboxResponse issueResponse(qint64 family, const QStringList &scopes);
    QString newSecret();
    void revokeFamily(qint64 family);
    void purgeExpired();

    const SandboxClock &m_clock;
    QString m_clientId;
    quint32 m_seed;
    quint64 m_counter = 0;
    qint64 m_nextFamily = 1;
    QHash<QString, Grant> m_grants;
};
