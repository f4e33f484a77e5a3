#include "sandbox/laserficheoauth.h"

#include "sandbox/sandboxclock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxParameters = 32;
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

/// application/x-www-form-urlencoded: '&'-separated name=value, '+' for a space. Repeated names
/// land in `*repeated`; at most MaxParameters pairs are read.
QHash<QString, QString> parseForm(QByteArrayView encoded, bool *repeated)
{
    QHash<QString, QString> result;
    *repeated = false;
    const auto decode = [](QByteArrayView part) {
        QByteArray bytes = part.toByteArray();
        bytes.replace('+', ' ');
        return QUrl::fromPercentEncoding(bytes);
    };
    qsizetype count = 0;
    for (const QByteArrayView pair :
         QByteArray::fromRawData(encoded.data(), encoded.size()).split('&')) {
        if (pair.isEmpty())
            continue;
        if (++count > MaxParameters) {
            *repeated = true; // as good as malformed
            break;
        }
        const qsizetype equals = pair.indexOf('=');
        const QString name = decode(pair.first(equals < 0 ? pair.size() : equals));
        const QString value = equals < 0 ? QString() : decode(pair.sliced(equals + 1));
        if (result.contains(name))
            *repeated = true;
        result.insert(name, value);
    }
    return result;
}

/// RFC 7636 §4.1: 43..128 characters of [A-Za-z0-9-._~] (verifiers and S256 challenges alike).
bool isPkceString(const QString &text)
{
    return text.size() >= 43 && text.size() <= 128 && std::ranges::all_of(text, [](QChar c) {
               return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
                   || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.' || c == u'_' || c == u'~';
           });
}

/// A loopback redirect URI for a native app (RFC 8252 §7.3): http, localhost or 127.0.0.1, any
/// port, no user info, no fragment.
bool isLoopbackRedirect(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && url.scheme() == "http"_L1 && url.userInfo().isEmpty()
        && !url.hasFragment() && (url.host() == "localhost"_L1 || url.host() == "127.0.0.1"_L1);
}

const QStringList &knownScopes()
{
    static const QStringList scopes = {QLatin1StringView(LaserficheOAuth::ReadScope),
                                       QLatin1StringView(LaserficheOAuth::WriteScope)};
    return scopes;
}

/// The scopes of a space-separated list, each once; std::nullopt if one is unknown.
std::optional<QStringList> parseScopes(const QString &text)
{
    QStringList scopes;
    for (const QString &scope : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!knownScopes().contains(scope))
            return std::nullopt;
        if (!scopes.contains(scope))
            scopes.append(scope);
    }
    return scopes;
}

SandboxResponse oauthError(int status, QLatin1StringView error, const QString &description)
{
    return SandboxResponse::json(
               status, QJsonObject{{"error"_L1, error}, {"error_description"_L1, description}})
        .withHeader("Cache-Control"_ba, "no-store"_ba)
        .withHeader("Pragma"_ba, "no-cache"_ba);
}

/// The page a browser shows when the server must not redirect back to the app.
SandboxResponse errorPage(const QString &message)
{
    const QString html
        = u"<!DOCTYPE html>\n<html><head><title>Laserfiche Sign-in</title></head>"
          "<body><h1>Sign-in error</h1><p>%1</p></body></html>\n"_s.arg(message.toHtmlEscaped());
    return {400, {{"Content-Type"_ba, "text/html; charset=utf-8"_ba}}, html.toUtf8()};
}

SandboxResponse redirect(const QString &redirectUri, const QList<QPair<QString, QString>> &items)
{
    QByteArray location = QUrl(redirectUri).toEncoded();
    char separator = location.contains('?') ? '&' : '?';
    for (const auto &[name, value] : items) {
        if (value.isNull())
            continue;
        location += separator + name.toLatin1() + '=' + QUrl::toPercentEncoding(value);
        separator = '&';
    }
    return {302, {{"Location"_ba, location}, {"Cache-Control"_ba, "no-store"_ba}}, QByteArray()};
}

std::optional<qint64> integer(const QJsonValue &value)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > 9e15)
        return std::nullopt;
    return value.toInteger();
}

constexpr std::pair<QLatin1StringView, int> KindNames[]
    = {{"code"_L1, 0}, {"access"_L1, 1}, {"refresh"_L1, 2}};

} // namespace

LaserficheOAuth::LaserficheOAuth(const SandboxClock &clock, QString clientId, quint32 seed)
    : m_clock(clock)
    , m_clientId(std::move(clientId))
    , m_seed(seed)
{ }

SandboxResponse LaserficheOAuth::handle(const SandboxRequest &request, QStringView endpoint)
{
    if (endpoint.compare("authorize"_L1, Qt::CaseInsensitive) == 0) {
        if (request.method != "GET")
            return errorPage(u"The authorization endpoint accepts GET requests only."_s);
        return authorize(request);
    }
    if (endpoint.compare("token"_L1, Qt::CaseInsensitive) == 0) {
        if (request.method != "POST")
            return oauthError(405, "invalid_request"_L1, u"The token endpoint accepts POST only."_s)
                .withHeader("Allow"_ba, "POST"_ba);
        return token(request);
    }
    SandboxResponse notFound = errorPage(u"Page not found."_s);
    notFound.status = 404;
    return notFound;
}

QString LaserficheOAuth::newSecret()
{
    // Deterministic for a seed (tests and demos repeat), distinct for every grant.
    const QByteArray material
        = "laserfiche/"_ba + QByteArray::number(m_seed) + '/' + QByteArray::number(++m_counter);
    return QString::fromLatin1(
        QCryptographicHash::hash(material, QCryptographicHash::Sha256).toBase64(Base64Url));
}

void LaserficheOAuth::purgeExpired()
{
    const qint64 now = m_clock.nowMs();
    m_grants.removeIf([now](const auto &it) { return it.value().expiresMs <= now; });
}

void LaserficheOAuth::revokeFamily(qint64 family)
{
    if (family != 0)
        m_grants.removeIf([family](const auto &it) { return it.value().family == family; });
}

SandboxResponse LaserficheOAuth::authorize(const SandboxRequest &request)
{
    bool repeated = false;
    const QHash<QString, QString> query
        = parseForm(request.query.query(QUrl::FullyEncoded).toLatin1(), &repeated);
    const QString clientId = query.value(u"client_id"_s);
    const QString redirectUri = query.value(u"redirect_uri"_s);
    if (clientId != m_clientId)
        return errorPage(u"The client application is unknown (client_id)."_s);
    if (!isLoopbackRedirect(redirectUri)) {
        return errorPage(u"The redirect URI is not registered for this application; use "
                         "http://localhost:<port>/ or http://127.0.0.1:<port>/."_s);
    }
    const QString state = query.value(u"state"_s); // null if absent: not echoed
    const auto fail = [&](QLatin1StringView error, const QString &description) {
        return redirect(redirectUri,
                        {{u"error"_s, QString(error)},
                         {u"error_description"_s, description},
                         {u"state"_s, state}});
    };
    if (repeated)
        return fail("invalid_request"_L1, u"A parameter is repeated."_s);
    if (query.value(u"response_type"_s) != "code"_L1)
        return fail("unsupported_response_type"_L1, u"Only response_type=code is supported."_s);
    const auto scopes = parseScopes(query.value(u"scope"_s));
    if (!scopes || scopes->isEmpty()) {
        return fail("invalid_scope"_L1,
                    u"Request repository.Read and/or repository.Write; nothing else exists."_s);
    }
    const QString challenge = query.value(u"code_challenge"_s);
    if (challenge.isEmpty())
        return fail("invalid_request"_L1, u"code challenge required"_s);
    if (query.value(u"code_challenge_method"_s) != "S256"_L1)
        return fail("invalid_request"_L1, u"transform algorithm not supported"_s);
    if (!isPkceString(challenge) || challenge.size() != 43)
        return fail("invalid_request"_L1, u"code_challenge is not a base64url SHA-256 digest"_s);

    purgeExpired();
    if (m_grants.size() >= MaxLiveGrants)
        return fail("temporarily_unavailable"_L1, u"Too many pending sign-ins."_s);
    const QString code = newSecret();
    m_grants.insert(
        code,
        {Kind::Code, 0, m_clock.nowMs() + CodeLifetimeMs, *scopes, false, redirectUri, challenge});
    return redirect(redirectUri, {{u"code"_s, code}, {u"state"_s, state}});
}

SandboxResponse LaserficheOAuth::token(const SandboxRequest &request)
{
    if (!request.header("Content-Type")
             .trimmed()
             .toLower()
             .startsWith("application/x-www-form-urlencoded")) {
        return oauthError(400, "invalid_request"_L1,
                          u"The body must be application/x-www-form-urlencoded."_s);
    }
    bool repeated = false;
    QHash<QString, QString> form = parseForm(request.body, &repeated);
    if (repeated)
        return oauthError(400, "invalid_request"_L1, u"A parameter is repeated."_s);

    // A public client names itself: client_id in the body, or Basic with an empty password.
    const QByteArray authorization = request.header("Authorization");
    if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const QString basicId = QUrl::fromPercentEncoding(decoded.left(decoded.indexOf(':')));
        if (form.contains(u"client_id"_s) && form.value(u"client_id"_s) != basicId)
            return oauthError(400, "invalid_request"_L1, u"Two different client ids."_s);
        form.insert(u"client_id"_s, basicId);
    }
    if (form.value(u"client_id"_s) != m_clientId)
        return oauthError(401, "invalid_client"_L1, u"Unknown or missing client_id."_s);

    const QString grantType = form.value(u"grant_type"_s);
    if (grantType.isEmpty())
        return oauthError(400, "invalid_request"_L1, u"grant_type is required."_s);
    if (grantType == "authorization_code"_L1)
        return redeemCode(form);
    if (grantType == "refresh_token"_L1)
        return refresh(form);
    return oauthError(400, "unsupported_grant_type"_L1,
                      u"grant_type must be authorization_code or refresh_token."_s);
}

SandboxResponse LaserficheOAuth::redeemCode(const QHash<QString, QString> &form)
{
    const QString code = form.value(u"code"_s);
    const QString verifier = form.value(u"code_verifier"_s);
    if (code.isEmpty())
        return oauthError(400, "invalid_request"_L1, u"code is required."_s);
    const auto it = m_grants.find(code);
    if (it == m_grants.end() || it->kind != Kind::Code || it->expiresMs <= m_clock.nowMs())
        return oauthError(400, "invalid_grant"_L1, u"The code is invalid or expired."_s);
    if (it->used) {
        revokeFamily(it->family); // RFC 6749 §10.5; the code itself goes with its family
        m_grants.remove(code);
        return oauthError(400, "invalid_grant"_L1,
                          u"The code was already used; its tokens are revoked."_s);
    }
    it->used = true; // burnt by this attempt, whatever its outcome
    if (form.value(u"redirect_uri"_s) != it->redirectUri)
        return oauthError(400, "invalid_grant"_L1, u"redirect_uri does not match."_s);
    if (verifier.isEmpty())
        return oauthError(400, "invalid_request"_L1, u"code_verifier is required."_s);
    const QByteArray digest
        = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
              .toBase64(Base64Url);
    if (!isPkceString(verifier) || QString::fromLatin1(digest) != it->challenge)
        return oauthError(400, "invalid_grant"_L1, u"code_verifier does not match."_s);

    it->family = m_nextFamily++;
    return issueResponse(it->family, it->scopes);
}

SandboxResponse LaserficheOAuth::refresh(const QHash<QString, QString> &form)
{
    const QString refreshToken = form.value(u"refresh_token"_s);
    if (refreshToken.isEmpty())
        return oauthError(400, "invalid_request"_L1, u"refresh_token is required."_s);
    const auto it = m_grants.find(refreshToken);
    if (it == m_grants.end() || it->kind != Kind::Refresh || it->expiresMs <= m_clock.nowMs()) {
        return oauthError(400, "invalid_grant"_L1,
                          u"The refresh token is invalid, expired or revoked."_s);
    }
    if (it->used) {
        revokeFamily(it->family);
        return oauthError(400, "invalid_grant"_L1,
                          u"The refresh token was already used; the session is revoked."_s);
    }
    QStringList scopes = it->scopes;
    if (form.contains(u"scope"_s)) {
        const auto asked = parseScopes(form.value(u"scope"_s));
        if (!asked || asked->isEmpty()
            || !std::ranges::all_of(*asked, [&](const QString &s) { return scopes.contains(s); })) {
            return oauthError(400, "invalid_scope"_L1, u"The scope exceeds what was granted."_s);
        }
        scopes = *asked;
    }
    it->used = true;
    // The used token stays (until it expires) so that a second use is recognised.
    return issueResponse(it->family, scopes);
}

SandboxResponse LaserficheOAuth::issueResponse(qint64 family, const QStringList &scopes)
{
    purgeExpired();
    if (m_grants.size() >= MaxLiveGrants)
        return oauthError(503, "temporarily_unavailable"_L1, u"Too many live tokens."_s);
    const qint64 now = m_clock.nowMs();
    const QString access = newSecret();
    const QString refreshToken = newSecret();
    m_grants.insert(
        access,
        {Kind::Access, family, now + AccessTokenLifetimeSeconds * 1000, scopes, false, {}, {}});
    m_grants.insert(
        refreshToken,
        {Kind::Refresh, family, now + RefreshTokenLifetimeSeconds * 1000, scopes, false, {}, {}});
    return SandboxResponse::json(200,
                                 QJsonObject{{"access_token"_L1, access},
                                             {"token_type"_L1, "Bearer"_L1},
                                             {"expires_in"_L1, AccessTokenLifetimeSeconds},
                                             {"refresh_token"_L1, refreshToken},
                                             {"scope"_L1, scopes.join(u' ')}})
        .withHeader("Cache-Control"_ba, "no-store"_ba)
        .withHeader("Pragma"_ba, "no-cache"_ba);
}

std::optional<QStringList> LaserficheOAuth::accessTokenScopes(QStringView token) const
{
    const auto it = m_grants.constFind(token.toString());
    if (it == m_grants.cend() || it->kind != Kind::Access || it->expiresMs <= m_clock.nowMs())
        return std::nullopt;
    return it->scopes;
}

LaserficheOAuth::Tokens LaserficheOAuth::issue(const QStringList &scopes)
{
    const QJsonObject answer
        = QJsonDocument::fromJson(issueResponse(m_nextFamily++, scopes).body).object();
    return {answer.value("access_token"_L1).toString(),
            answer.value("refresh_token"_L1).toString()};
}

QJsonObject LaserficheOAuth::toJson() const
{
    QJsonArray grants;
    QStringList keys = m_grants.keys();
    keys.sort(); // stable output
    for (const QString &key : keys) {
        const Grant &g = m_grants[key];
        QJsonObject json{{"secret"_L1, key},
                         {"kind"_L1, KindNames[int(g.kind)].first},
                         {"family"_L1, g.family},
                         {"expiresMs"_L1, g.expiresMs},
                         {"scopes"_L1, QJsonArray::fromStringList(g.scopes)},
                         {"used"_L1, g.used}};
        if (g.kind == Kind::Code) {
            json.insert("redirectUri"_L1, g.redirectUri);
            json.insert("challenge"_L1, g.challenge);
        }
        grants.append(json);
    }
    return {
        {"counter"_L1, qint64(m_counter)}, {"nextFamily"_L1, m_nextFamily}, {"grants"_L1, grants}};
}

bool LaserficheOAuth::fromJson(const QJsonObject &json, QString *error)
{
    const auto counter = integer(json.value("counter"_L1));
    const auto nextFamily = integer(json.value("nextFamily"_L1));
    if (!counter || *counter < 0 || !nextFamily || *nextFamily < 1
        || !json.value("grants"_L1).isArray()) {
        *error = u"oauth: counter, nextFamily or grants missing"_s;
        return false;
    }
    QHash<QString, Grant> grants;
    for (const QJsonValue &value : json.value("grants"_L1).toArray()) {
        const QJsonObject g = value.toObject();
        const QString secret = g.value("secret"_L1).toString();
        const auto kind = std::ranges::find(KindNames, g.value("kind"_L1).toString(),
                                            [](const auto &pair) { return QString(pair.first); });
        const auto family = integer(g.value("family"_L1));
        const auto expires = integer(g.value("expiresMs"_L1));
        const auto scopes = parseScopes(g.value("scopes"_L1).toVariant().toStringList().join(u' '));
        if (secret.isEmpty() || grants.contains(secret) || kind == std::end(KindNames) || !family
            || !expires || !scopes || !g.value("scopes"_L1).isArray()) {
            *error = u"oauth: malformed grant"_s;
            return false;
        }
        grants.insert(secret,
                      {Kind(kind->second), *family, *expires, *scopes, g.value("used"_L1).toBool(),
                       g.value("redirectUri"_L1).toString(), g.value("challenge"_L1).toString()});
    }
    m_counter = quint64(*counter);
    m_nextFamily = *nextFamily;
    m_grants = std::move(grants);
    return true;
}
