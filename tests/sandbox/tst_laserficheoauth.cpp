// Laserfiche's simulated sign-in server (authorization code + PKCE, refresh token rotation),
// spoken to over loopback HTTP the way a desktop app's OAuth flow speaks to it.

#include "sandbox/laserfichesandbox.h"
#include "sandbox/sandboxserver.h"
#include "tests/sandbox/sandboxclient.h"

#include <QCryptographicHash>
#include <QNetworkProxy>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Start = 1767225600000; // 2026-01-01T00:00:00Z
const QString Verifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s; // RFC 7636's example
const QString Redirect = u"http://127.0.0.1:53682/callback"_s;
const QString Scopes = u"repository.Read repository.Write"_s;

QString challengeOf(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

using Params = QList<QPair<QString, QString>>;

Params authorizeParams()
{
    return {{u"response_type"_s, u"code"_s},
            {u"client_id"_s, QString::fromLatin1(SandboxServer::LaserficheClientId)},
            {u"redirect_uri"_s, Redirect},
            {u"scope"_s, Scopes},
            {u"state"_s, u"xyz 123/+="_s},
            {u"code_challenge"_s, challengeOf(Verifier)},
            {u"code_challenge_method"_s, u"S256"_s}};
}

/// `params` with `name` replaced by `value`, or left out when `value` is null.
Params with(Params params, const QString &name, const QString &value)
{
    params.removeIf([&](const auto &p) { return p.first == name; });
    if (!value.isNull())
        params.append({name, value});
    return params;
}

QByteArray formEncode(const Params &params)
{
    QByteArray result;
    for (const auto &[name, value] : params) {
        if (!result.isEmpty())
            result += '&';
        result += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return result;
}

/// Where a redirect points; empty if it is none.
QUrl location(const SandboxReply &reply)
{
    return QUrl::fromEncoded(reply.header("Location"_ba));
}

} // namespace

class TestLaserficheOAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void authorizeRedirectsWithCodeAndState_data();
    void authorizeRedirectsWithCodeAndState();
    void authorizeShowsAPageForBadClientOrRedirect_data();
    void authorizeShowsAPageForBadClientOrRedirect();
    void authorizeRedirectsErrors_data();
    void authorizeRedirectsErrors();
    void codeExchangeGivesWorkingTokens();
    void codeExchangeRefusals_data();
    void codeExchangeRefusals();
    void codeIsSingleUseAndReuseRevokes();
    void codeExpiresAfterTenMinutes();
    void clientMayNameItselfWithBasic();
    void accessTokenExpires();
    void refreshRotates();
    void reusedRefreshTokenRevokesTheFamily();
    void refreshTokenExpiresAfterEightHours();
    void refreshScopes();
    void wrongMethods();
    void testTokensWork();

private:
    SandboxReply get(const QUrl &url);
    SandboxReply post(const QString &endpoint, const QByteArray &body,
                      const QByteArray &contentType = "application/x-www-form-urlencoded"_ba,
                      const QByteArray &authorization = {});
    SandboxReply authorize(const Params &params);
    QString authorizeCode(const Params &params = authorizeParams());
    SandboxReply redeem(const QString &code, const QString &verifier = Verifier,
                        const QString &redirect = Redirect);
    SandboxReply refresh(const QString &refreshToken, const QString &scope = {});
    int repositoriesStatus(const QString &accessToken);

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
};

void TestLaserficheOAuth::init()
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_server = std::make_unique<SandboxServer>();
    QVERIFY(m_server->start() != 0);
    m_server->clock().freezeAt(Start);
}

void TestLaserficheOAuth::cleanup()
{
    m_server.reset();
}

SandboxReply TestLaserficheOAuth::get(const QUrl &url)
{
    return SandboxReply::send(m_nam, "GET"_ba, url);
}

SandboxReply TestLaserficheOAuth::post(const QString &endpoint, const QByteArray &body,
                                       const QByteArray &contentType,
                                       const QByteArray &authorization)
{
    QUrl url = m_server->laserficheSigninUrl();
    url.setPath(url.path() + u"/oauth/"_s + endpoint);
    SandboxReply::Headers headers{{"Content-Type"_ba, contentType}};
    if (!authorization.isEmpty())
        headers.append({"Authorization"_ba, authorization});
    return SandboxReply::send(m_nam, "POST"_ba, url, body, headers);
}

SandboxReply TestLaserficheOAuth::authorize(const Params &params)
{
    QUrl url = m_server->laserficheSigninUrl();
    url.setPath(url.path() + u"/oauth/authorize"_s);
    url.setQuery(QString::fromLatin1(formEncode(params)));
    return get(url);
}

QString TestLaserficheOAuth::authorizeCode(const Params &params)
{
    const SandboxReply reply = authorize(params);
    if (reply.status != 302)
        qWarning() << "authorize failed" << reply.status << reply.body << location(reply);
    return QUrlQuery(location(reply)).queryItemValue(u"code"_s, QUrl::FullyDecoded);
}

SandboxReply TestLaserficheOAuth::redeem(const QString &code, const QString &verifier,
                                         const QString &redirect)
{
    Params form{{u"grant_type"_s, u"authorization_code"_s},
                {u"code"_s, code},
                {u"redirect_uri"_s, redirect},
                {u"client_id"_s, QString::fromLatin1(SandboxServer::LaserficheClientId)}};
    if (!verifier.isNull())
        form.append({u"code_verifier"_s, verifier});
    return post(u"token"_s, formEncode(form));
}

SandboxReply TestLaserficheOAuth::refresh(const QString &refreshToken, const QString &scope)
{
    Params form{{u"grant_type"_s, u"refresh_token"_s},
                {u"refresh_token"_s, refreshToken},
                {u"client_id"_s, QString::fromLatin1(SandboxServer::LaserficheClientId)}};
    if (!scope.isEmpty())
        form.append({u"scope"_s, scope});
    return post(u"token"_s, formEncode(form));
}

int TestLaserficheOAuth::repositoriesStatus(const QString &accessToken)
{
    QUrl url = m_server->baseUrl(Vendor::Laserfiche);
    url.setPath(url.path() + u"/v2/Repositories"_s);
    return SandboxReply::send(m_nam, "GET"_ba, url, {},
                              {{"Authorization"_ba, "Bearer "_ba + accessToken.toLatin1()}})
        .status;
}

void TestLaserficheOAuth::authorizeRedirectsWithCodeAndState_data()
{
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QString>("state");

    QTest::newRow("127.0.0.1") << u"http://127.0.0.1:53682/callback"_s << u"abc"_s;
    QTest::newRow("localhost, other port") << u"http://localhost:8400/"_s << u"xyz 123/+="_s;
    QTest::newRow("redirect with a query") << u"http://localhost:1234/cb?app=linkloom"_s << u"s"_s;
    QTest::newRow("no state") << u"http://127.0.0.1:9/"_s << QString();
}

void TestLaserficheOAuth::authorizeRedirectsWithCodeAndState()
{
    QFETCH(QString, redirect);
    QFETCH(QString, state);

    const SandboxReply reply
        = authorize(with(with(authorizeParams(), u"redirect_uri"_s, redirect), u"state"_s, state));
    QCOMPARE(reply.status, 302);
    const QUrl expected(redirect);
    QCOMPARE(location(reply).adjusted(QUrl::RemoveQuery), expected.adjusted(QUrl::RemoveQuery));
    const QUrlQuery query(location(reply));
    QVERIFY(query.queryItemValue(u"code"_s).size() >= 32);
    QCOMPARE(query.hasQueryItem(u"state"_s), !state.isNull());
    QCOMPARE(query.queryItemValue(u"state"_s, QUrl::FullyDecoded), state);
    QVERIFY(!query.hasQueryItem(u"error"_s));
    if (expected.hasQuery()) // the redirect's own query stays
        QCOMPARE(query.queryItemValue(u"app"_s), u"linkloom"_s);

    // Two sign-ins never share a code.
    QVERIFY(authorizeCode() != query.queryItemValue(u"code"_s));
}

void TestLaserficheOAuth::authorizeShowsAPageForBadClientOrRedirect_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");

    QTest::newRow("unknown client") << u"client_id"_s << u"someone-else"_s;
    QTest::newRow("no client") << u"client_id"_s << QString();
    QTest::newRow("no redirect") << u"redirect_uri"_s << QString();
    QTest::newRow("https redirect") << u"redirect_uri"_s << u"https://127.0.0.1:8400/"_s;
    QTest::newRow("remote host") << u"redirect_uri"_s << u"http://example.com:8400/cb"_s;
    QTest::newRow("look-alike host") << u"redirect_uri"_s << u"http://localhost.evil.example/"_s;
    QTest::newRow("user info") << u"redirect_uri"_s << u"http://me@localhost:8400/"_s;
    QTest::newRow("fragment") << u"redirect_uri"_s << u"http://localhost:8400/#x"_s;
    QTest::newRow("custom scheme") << u"redirect_uri"_s << u"linkloom://callback"_s;
}

void TestLaserficheOAuth::authorizeShowsAPageForBadClientOrRedirect()
{
    QFETCH(QString, name);
    QFETCH(QString, value);

    // RFC 6749 §4.1.2.1: never redirect to an unverified URI; tell the user instead.
    const SandboxReply reply = authorize(with(authorizeParams(), name, value));
    QCOMPARE(reply.status, 400);
    QVERIFY(location(reply).isEmpty());
    QVERIFY(reply.header("Content-Type"_ba).startsWith("text/html"));
    QVERIFY(reply.body.contains("Sign-in error"));
}

void TestLaserficheOAuth::authorizeRedirectsErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");

    QTest::newRow("no challenge") << u"code_challenge"_s << QString() << u"invalid_request"_s;
    QTest::newRow("plain method") << u"code_challenge_method"_s << u"plain"_s
                                  << u"invalid_request"_s;
    QTest::newRow("no method (plain by default)")
        << u"code_challenge_method"_s << QString() << u"invalid_request"_s;
    QTest::newRow("method in lower case")
        << u"code_challenge_method"_s << u"s256"_s << u"invalid_request"_s;
    QTest::newRow("challenge too short") << u"code_challenge"_s << u"abc"_s << u"invalid_request"_s;
    QTest::newRow("implicit grant")
        << u"response_type"_s << u"token"_s << u"unsupported_response_type"_s;
    QTest::newRow("no response type")
        << u"response_type"_s << QString() << u"unsupported_response_type"_s;
    QTest::newRow("unknown scope")
        << u"scope"_s << u"repository.Read repository.Admin"_s << u"invalid_scope"_s;
    QTest::newRow("scope in wrong case")
        << u"scope"_s << u"repository.read"_s << u"invalid_scope"_s;
    QTest::newRow("no scope") << u"scope"_s << QString() << u"invalid_scope"_s;
}

void TestLaserficheOAuth::authorizeRedirectsErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, error);

    const SandboxReply reply = authorize(with(authorizeParams(), name, value));
    QCOMPARE(reply.status, 302);
    QCOMPARE(location(reply).adjusted(QUrl::RemoveQuery), QUrl(Redirect));
    const QUrlQuery query(location(reply));
    QCOMPARE(query.queryItemValue(u"error"_s), error);
    QVERIFY(!query.queryItemValue(u"error_description"_s).isEmpty());
    QCOMPARE(query.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"xyz 123/+="_s);
    QVERIFY(!query.hasQueryItem(u"code"_s));
}

void TestLaserficheOAuth::codeExchangeGivesWorkingTokens()
{
    const QString code = authorizeCode();
    QVERIFY(!code.isEmpty());
    const SandboxReply reply = redeem(code);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type"_ba).startsWith("application/json"));
    QCOMPARE(reply.header("Cache-Control"_ba), "no-store"_ba);
    const QJsonObject json = reply.json();
    QCOMPARE(json.value("token_type"_L1).toString(), u"Bearer"_s);
    QCOMPARE(json.value("expires_in"_L1).toInt(), 3600);
    QCOMPARE(json.value("scope"_L1).toString(), Scopes);
    const QString access = json.value("access_token"_L1).toString();
    const QString refreshToken = json.value("refresh_token"_L1).toString();
    QVERIFY(access.size() >= 32);
    QVERIFY(refreshToken.size() >= 32 && refreshToken != access);
    QCOMPARE(repositoriesStatus(access), 200);
    QCOMPARE(repositoriesStatus(refreshToken), 401); // a refresh token is not an access token
    QCOMPARE(repositoriesStatus(code), 401);
}

void TestLaserficheOAuth::codeExchangeRefusals_data()
{
    QTest::addColumn<QByteArray>("body"); // %CODE% is replaced by a fresh code
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QByteArray client = "&client_id="_ba + SandboxServer::LaserficheClientId;
    const QByteArray good = "grant_type=authorization_code&code=%CODE%&redirect_uri="_ba
        + QUrl::toPercentEncoding(Redirect) + "&code_verifier="_ba + Verifier.toLatin1();
    const QByteArray form = "application/x-www-form-urlencoded"_ba;

    QTest::newRow("wrong verifier") << QByteArray(good.left(good.size() - 1) + "X" + client) << form
                                    << 400 << u"invalid_grant"_s;
    QTest::newRow("verifier too short")
        << QByteArray(good.left(good.indexOf("&code_verifier=")) + "&code_verifier=abc" + client)
        << form << 400 << u"invalid_grant"_s;
    QTest::newRow("no verifier") << QByteArray(good.left(good.indexOf("&code_verifier=")) + client)
                                 << form << 400 << u"invalid_request"_s;
    QTest::newRow("other redirect")
        << QByteArray("grant_type=authorization_code&code=%CODE%&redirect_uri="
                      "http%3A%2F%2F127.0.0.1%3A53683%2Fcallback&code_verifier="
                      + Verifier.toLatin1() + client)
        << form << 400 << u"invalid_grant"_s;
    QTest::newRow("unknown code") << QByteArray(QByteArray(good).replace("%CODE%", "nope") + client)
                                  << form << 400 << u"invalid_grant"_s;
    QTest::newRow("no code") << QByteArray(QByteArray(good).replace("code=%CODE%&", "") + client)
                             << form << 400 << u"invalid_request"_s;
    QTest::newRow("no client") << good << form << 401 << u"invalid_client"_s;
    QTest::newRow("other client") << QByteArray(good + "&client_id=other") << form << 401
                                  << u"invalid_client"_s;
    QTest::newRow("unknown grant")
        << QByteArray(QByteArray(good).replace("authorization_code", "password") + client) << form
        << 400 << u"unsupported_grant_type"_s;
    QTest::newRow("no grant") << QByteArray(QByteArray(good).replace("grant_type=", "x=") + client)
                              << form << 400 << u"invalid_request"_s;
    QTest::newRow("repeated parameter")
        << QByteArray(good + client + client) << form << 400 << u"invalid_request"_s;
    QTest::newRow("JSON body") << QByteArray(good + client) << "application/json"_ba << 400
                               << u"invalid_request"_s;
}

void TestLaserficheOAuth::codeExchangeRefusals()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, error);

    const QString code = authorizeCode();
    const SandboxReply reply = post(
        u"token"_s, QByteArray(body).replace("%CODE%", QUrl::toPercentEncoding(code)), contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.json().value("error"_L1).toString(), error);
    QVERIFY(!reply.json().value("error_description"_L1).toString().isEmpty());
    QVERIFY(!reply.json().contains("access_token"_L1));
    QCOMPARE(reply.header("Cache-Control"_ba), "no-store"_ba);
}

void TestLaserficheOAuth::codeIsSingleUseAndReuseRevokes()
{
    const QString code = authorizeCode();
    const SandboxReply first = redeem(code);
    QCOMPARE(first.status, 200);
    const QString access = first.json().value("access_token"_L1).toString();
    const QString refreshToken = first.json().value("refresh_token"_L1).toString();
    QCOMPARE(repositoriesStatus(access), 200);

    const SandboxReply second = redeem(code);
    QCOMPARE(second.status, 400);
    QCOMPARE(second.json().value("error"_L1).toString(), u"invalid_grant"_s);
    // RFC 6749 §10.5: the tokens issued for the code are revoked.
    QCOMPARE(repositoriesStatus(access), 401);
    QCOMPARE(refresh(refreshToken).json().value("error"_L1).toString(), u"invalid_grant"_s);

    // A failed attempt burns the code too: the right verifier comes too late.
    const QString other = authorizeCode();
    QCOMPARE(redeem(other, Verifier + u"x"_s).status, 400);
    QCOMPARE(redeem(other).json().value("error"_L1).toString(), u"invalid_grant"_s);
}

void TestLaserficheOAuth::codeExpiresAfterTenMinutes()
{
    const QString early = authorizeCode();
    const QString late = authorizeCode();
    m_server->clock().advance(LaserficheOAuth::CodeLifetimeMs - 1000);
    QCOMPARE(redeem(early).status, 200);
    m_server->clock().advance(1000);
    const SandboxReply reply = redeem(late);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value("error"_L1).toString(), u"invalid_grant"_s);
}

void TestLaserficheOAuth::clientMayNameItselfWithBasic()
{
    const QString code = authorizeCode();
    const QByteArray body = "grant_type=authorization_code&code="_ba + QUrl::toPercentEncoding(code)
        + "&redirect_uri="_ba + QUrl::toPercentEncoding(Redirect) + "&code_verifier="_ba
        + Verifier.toLatin1();
    const QByteArray basic
        = "Basic "_ba + QByteArray(SandboxServer::LaserficheClientId + ":"_ba).toBase64();
    QCOMPARE(post(u"token"_s, body, "application/x-www-form-urlencoded"_ba, basic).status, 200);

    const QByteArray otherBasic = "Basic "_ba + "intruder:"_ba.toBase64();
    const SandboxReply refused
        = post(u"token"_s, body, "application/x-www-form-urlencoded"_ba, otherBasic);
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.json().value("error"_L1).toString(), u"invalid_client"_s);
}

void TestLaserficheOAuth::accessTokenExpires()
{
    const QString access = redeem(authorizeCode()).json().value("access_token"_L1).toString();
    m_server->clock().advance(3599 * 1000);
    QCOMPARE(repositoriesStatus(access), 200);
    m_server->clock().advance(1000);
    QCOMPARE(repositoriesStatus(access), 401);
}

void TestLaserficheOAuth::refreshRotates()
{
    const QJsonObject first = redeem(authorizeCode()).json();
    m_server->clock().advance(3000 * 1000);
    const SandboxReply reply = refresh(first.value("refresh_token"_L1).toString());
    QCOMPARE(reply.status, 200);
    const QJsonObject second = reply.json();
    const QString access = second.value("access_token"_L1).toString();
    const QString refreshToken = second.value("refresh_token"_L1).toString();
    QVERIFY(!access.isEmpty() && access != first.value("access_token"_L1).toString());
    QVERIFY(!refreshToken.isEmpty() && refreshToken != first.value("refresh_token"_L1).toString());
    QCOMPARE(second.value("expires_in"_L1).toInt(), 3600);
    QCOMPARE(second.value("scope"_L1).toString(), Scopes);

    // The new access token lives a full hour from the refresh; the old one keeps its own end.
    m_server->clock().advance(601 * 1000);
    QCOMPARE(repositoriesStatus(first.value("access_token"_L1).toString()), 401);
    QCOMPARE(repositoriesStatus(access), 200);

    // Each new refresh token is good once more.
    const SandboxReply third = refresh(refreshToken);
    QCOMPARE(third.status, 200);
    QCOMPARE(repositoriesStatus(third.json().value("access_token"_L1).toString()), 200);
}

void TestLaserficheOAuth::reusedRefreshTokenRevokesTheFamily()
{
    const QJsonObject first = redeem(authorizeCode()).json();
    const QJsonObject other = redeem(authorizeCode()).json(); // another sign-in: unaffected
    const QString oldRefresh = first.value("refresh_token"_L1).toString();
    const QJsonObject second = refresh(oldRefresh).json();
    const QString newAccess = second.value("access_token"_L1).toString();
    const QString newRefresh = second.value("refresh_token"_L1).toString();
    QCOMPARE(repositoriesStatus(newAccess), 200);

    // Two refreshes at once: the second presents the old token.
    const SandboxReply reuse = refresh(oldRefresh);
    QCOMPARE(reuse.status, 400);
    QCOMPARE(reuse.json().value("error"_L1).toString(), u"invalid_grant"_s);

    // Everything of that sign-in is gone, the newest tokens included.
    QCOMPARE(repositoriesStatus(newAccess), 401);
    QCOMPARE(repositoriesStatus(first.value("access_token"_L1).toString()), 401);
    QCOMPARE(refresh(newRefresh).json().value("error"_L1).toString(), u"invalid_grant"_s);

    QCOMPARE(repositoriesStatus(other.value("access_token"_L1).toString()), 200);
    QCOMPARE(refresh(other.value("refresh_token"_L1).toString()).status, 200);
}

void TestLaserficheOAuth::refreshTokenExpiresAfterEightHours()
{
    const QJsonObject first = redeem(authorizeCode()).json();
    const QJsonObject second = redeem(authorizeCode()).json();
    m_server->clock().advance(8 * 3600 * 1000 - 1000);
    QCOMPARE(refresh(first.value("refresh_token"_L1).toString()).status, 200);
    m_server->clock().advance(1000);
    const SandboxReply reply = refresh(second.value("refresh_token"_L1).toString());
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value("error"_L1).toString(), u"invalid_grant"_s);
}

void TestLaserficheOAuth::refreshScopes()
{
    const QString code = authorizeCode(with(authorizeParams(), u"scope"_s, u"repository.Read"_s));
    const QJsonObject readOnly = redeem(code).json();
    QCOMPARE(readOnly.value("scope"_L1).toString(), u"repository.Read"_s);

    // Asking for more than was granted is refused, and does not use the token up.
    const QString refreshToken = readOnly.value("refresh_token"_L1).toString();
    const SandboxReply wider = refresh(refreshToken, Scopes);
    QCOMPARE(wider.status, 400);
    QCOMPARE(wider.json().value("error"_L1).toString(), u"invalid_scope"_s);
    const SandboxReply same = refresh(refreshToken, u"repository.Read"_s);
    QCOMPARE(same.status, 200);
    QCOMPARE(same.json().value("scope"_L1).toString(), u"repository.Read"_s);
}

void TestLaserficheOAuth::wrongMethods()
{
    QUrl token = m_server->laserficheSigninUrl();
    token.setPath(token.path() + u"/oauth/token"_s);
    const SandboxReply getToken = get(token);
    QCOMPARE(getToken.status, 405);
    QCOMPARE(getToken.json().value("error"_L1).toString(), u"invalid_request"_s);

    const SandboxReply postAuthorize = post(u"authorize"_s, formEncode(authorizeParams()));
    QCOMPARE(postAuthorize.status, 400);
    QVERIFY(location(postAuthorize).isEmpty());

    QCOMPARE(post(u"revoke"_s, {}).status, 404);
}

void TestLaserficheOAuth::testTokensWork()
{
    LaserficheSandbox &laserfiche = m_server->laserfiche();
    const QString access = laserfiche.issueAccessTokenForTesting();
    QCOMPARE(repositoriesStatus(access), 200);
    QVERIFY(laserfiche.issueAccessTokenForTesting() != access);
    m_server->clock().advance(3600 * 1000);
    QCOMPARE(repositoriesStatus(access), 401);
}

QTEST_GUILESS_MAIN(TestLaserficheOAuth)
#include "tst_laserficheoauth.moc"
