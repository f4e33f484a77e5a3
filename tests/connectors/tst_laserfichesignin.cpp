// LaserficheSignIn against the sandbox's sign-in server: the browser sign-in with PKCE and a
// fresh state, the refresh token kept in the secret store before any token is used, exactly
// one refresh for many callers, rotation, revocation, and a refused token renewed once.

#include "connectors/laserfiche/laserficheconnector.h"
#include "connectors/laserfiche/laserfichesignin.h"
#include "connectors/networkmanager.h"
#include "connectors/secretstore.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/sandboxserver.h"

#include <QFile>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

/// A store whose writes wait until release() (a slow keychain), or fail.
class SlowSecretStore : public MemorySecretStore
{
public:
    bool failWrites = false;
    bool holdWrites = false;
    QList<std::function<void()>> held;

    void write(const QString &key, const QByteArray &value, QObject *context,
               Callback done) override
    {
        if (failWrites) {
            deliver(context, std::move(done),
                    {false, false, {}, u"The keychain is locked: unlock it and try again."_s});
            return;
        }
        if (holdWrites) {
            held.append([this, key, value, context, done = std::move(done)] {
                MemorySecretStore::write(key, value, context, done);
            });
            return;
        }
        MemorySecretStore::write(key, value, context, std::move(done));
    }
    void release()
    {
        holdWrites = false;
        for (const auto &write : std::exchange(held, {}))
            write();
    }
};

} // namespace

class TestLaserficheSignIn : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void signInKeepsTheRefreshToken();
    void everySignInHasItsOwnStateAndChallenge();
    void aDeniedSignInSaysSo();
    void aWrongStateIsNotAccepted();
    void twentyCallersRefreshOnce();
    void theRotatedTokenIsStoredBeforeUse();
    void anUnkeptTokenIsNotUsed();
    void aRevokedSignInAsksToSignInAgain();
    void withoutASignInSaysSo();
    void aRefusedTokenIsRenewedOnceForAGet();

private:
    AccountConfig account() const;
    /// Follows `url` as a browser would (redirects included); the last URL reached.
    QUrl browse(const QUrl &url);
    /// A store holding a fresh refresh token of the demo user, as after an earlier sign-in.
    void storeIssuedRefreshToken();
    int tokenRequests() const;
    QByteArray stored();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<QNetworkAccessManager> m_browser;
    std::unique_ptr<SlowSecretStore> m_secrets;
    std::unique_ptr<LaserficheSignIn> m_signIn;
};

void TestLaserficheSignIn::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->start() != 0);
    QVERIFY(m_sandbox->setExchangeLog(m_dir->filePath(u"exchanges.jsonl"_s)));
    m_sandbox->laserfiche().rateLimiter().setLimit(0);
    m_network = std::make_unique<NetworkManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_browser = std::make_unique<QNetworkAccessManager>();
    m_browser->setProxy(QNetworkProxy::NoProxy);
    m_secrets = std::make_unique<SlowSecretStore>();
    m_signIn = std::make_unique<LaserficheSignIn>(account(), m_secrets.get(), m_network.get());
}

void TestLaserficheSignIn::cleanup()
{
    m_signIn.reset();
    m_secrets.reset();
    m_browser.reset();
    m_network.reset();
    m_sandbox.reset();
    m_dir.reset();
}

AccountConfig TestLaserficheSignIn::account() const
{
    return {Vendor::Laserfiche,
            u"docs"_s,
            u"Contracts"_s,
            m_sandbox->baseUrl(Vendor::Laserfiche),
            {},
            {{u"signInUrl"_s, m_sandbox->laserficheSigninUrl().toString()},
             {u"clientId"_s, QString::fromLatin1(SandboxServer::LaserficheClientId)}}};
}

QUrl TestLaserficheSignIn::browse(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_browser->get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10'000);
    reply->deleteLater();
    return reply->url();
}

void TestLaserficheSignIn::storeIssuedRefreshToken()
{
    const auto tokens
        = m_sandbox->laserfiche().oauth().issue({u"repository.Read"_s, u"repository.Write"_s});
    bool written = false;
    m_secrets->write(LaserficheSignIn::refreshTokenKey(u"docs"_s), tokens.refreshToken.toUtf8(),
                     this, [&](const SecretResult &r) { written = r.ok; });
    QTRY_VERIFY(written);
}

int TestLaserficheSignIn::tokenRequests() const
{
    QFile log(m_dir->filePath(u"exchanges.jsonl"_s));
    if (!log.open(QIODevice::ReadOnly))
        return -1;
    int count = 0;
    while (!log.atEnd()) {
        if (log.readLine().contains("/signin/oauth/token"))
            ++count;
    }
    return count;
}

QByteArray TestLaserficheSignIn::stored()
{
    std::optional<SecretResult> result;
    m_secrets->read(LaserficheSignIn::refreshTokenKey(u"docs"_s), this,
                    [&](const SecretResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000))
        return "<no answer>";
    return result->value;
}

void TestLaserficheSignIn::signInKeepsTheRefreshToken()
{
    QUrl consent;
    connect(m_signIn.get(), &LaserficheSignIn::openBrowser, this, [&](const QUrl &url) {
        consent = url;
        browse(url); // the sandbox's user approves at once and is sent back to Linkloom
    });
    QSignalSpy signedIn(m_signIn.get(), &LaserficheSignIn::signedIn);
    QSignalSpy failed(m_signIn.get(), &LaserficheSignIn::signInFailed);
    m_signIn->signIn();
    QVERIFY(signedIn.wait(15'000));
    QVERIFY(failed.isEmpty());
    QVERIFY(!m_signIn->isSigningIn());

    // PKCE S256, Linkloom's client, both scopes, a loopback redirect to 127.0.0.1.
    const QUrlQuery query(consent);
    QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(query.queryItemValue(u"code_challenge"_s).size(), 43);
    QCOMPARE(query.queryItemValue(u"client_id"_s),
             QString::fromLatin1(SandboxServer::LaserficheClientId));
    QVERIFY(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded)
                .startsWith(u"http://127.0.0.1:"_s));
    QVERIFY(!query.queryItemValue(u"state"_s).isEmpty());

    // The refresh token is in the store; the access token works at the Repository API.
    QVERIFY(!stored().isEmpty());
    QString token;
    m_signIn->accessToken(this, [&](const QString &t, const ConnectorError &) { token = t; });
    QTRY_VERIFY(!token.isEmpty());
    QVERIFY(m_sandbox->laserfiche().oauth().accessTokenScopes(token));
    QCOMPARE(m_signIn->refreshCount(), 0);
}

void TestLaserficheSignIn::everySignInHasItsOwnStateAndChallenge()
{
    QList<QUrlQuery> asked;
    connect(m_signIn.get(), &LaserficheSignIn::openBrowser, this, [&](const QUrl &url) {
        asked.append(QUrlQuery(url));
        browse(url);
    });
    QSignalSpy signedIn(m_signIn.get(), &LaserficheSignIn::signedIn);
    m_signIn->signIn();
    QVERIFY(signedIn.wait(15'000));
    m_signIn->signIn();
    QVERIFY(signedIn.wait(15'000));
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.at(0).queryItemValue(u"state"_s) != asked.at(1).queryItemValue(u"state"_s));
    QVERIFY(asked.at(0).queryItemValue(u"code_challenge"_s)
            != asked.at(1).queryItemValue(u"code_challenge"_s));
}

void TestLaserficheSignIn::aDeniedSignInSaysSo()
{
    // The user says no: Laserfiche sends the browser back with an error.
    connect(m_signIn.get(), &LaserficheSignIn::openBrowser, this, [&](const QUrl &url) {
        const QUrlQuery query(url);
        QUrl back(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
        back.setQuery(u"error=access_denied&error_description=The%20user%20said%20no&state="_s
                      + query.queryItemValue(u"state"_s, QUrl::FullyEncoded));
        browse(back);
    });
    QSignalSpy failed(m_signIn.get(), &LaserficheSignIn::signInFailed);
    m_signIn->signIn();
    QVERIFY(!failed.isEmpty() || failed.wait(15'000)); // the browser may have answered already
    QVERIFY2(failed.first().first().toString().contains(u"The user said no"_s),
             qPrintable(failed.first().first().toString()));
    QVERIFY(stored().isEmpty());
}

void TestLaserficheSignIn::aWrongStateIsNotAccepted()
{
    // A redirect that does not carry this sign-in's state (a forged one) is ignored; the
    // sign-in then times out with a message, and nothing is stored.
    connect(m_signIn.get(), &LaserficheSignIn::openBrowser, this, [&](const QUrl &url) {
        const QUrlQuery query(url);
        QUrl back(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
        back.setQuery(u"code=forged&state=not-the-one"_s);
        browse(back);
    });
    QSignalSpy signedIn(m_signIn.get(), &LaserficheSignIn::signedIn);
    QSignalSpy failed(m_signIn.get(), &LaserficheSignIn::signInFailed);
    m_signIn->signIn(1500);
    QVERIFY(failed.wait(15'000));
    QVERIFY(signedIn.isEmpty());
    QVERIFY(failed.first().first().toString().contains(u"did not finish"_s));
    QVERIFY(stored().isEmpty());
    QCOMPARE(tokenRequests(), 0); // the forged code was never redeemed
}

void TestLaserficheSignIn::twentyCallersRefreshOnce()
{
    storeIssuedRefreshToken();
    const QByteArray before = stored();
    QStringList tokens;
    for (int i = 0; i < 20; ++i) {
        m_signIn->accessToken(this, [&](const QString &t, const ConnectorError &e) {
            tokens.append(e.isError() ? u"error: "_s + e.message : t);
        });
    }
    QTRY_COMPARE(tokens.size(), 20);
    QCOMPARE(tokens.count(tokens.first()), 20); // all the same token
    QVERIFY(!tokens.first().startsWith(u"error"_s));
    QVERIFY(m_sandbox->laserfiche().oauth().accessTokenScopes(tokens.first()));
    QCOMPARE(m_signIn->refreshCount(), 1);
    QCOMPARE(tokenRequests(), 1); // as the sandbox saw it
    // The rotated refresh token replaced the old one in the store.
    const QByteArray after = stored();
    QVERIFY(!after.isEmpty() && after != before);
    // While it lives, the token is handed out without asking again.
    bool answered = false;
    m_signIn->accessToken(
        this, [&](const QString &t, const ConnectorError &) { answered = t == tokens.first(); });
    QTRY_VERIFY(answered);
    QCOMPARE(tokenRequests(), 1);
}

void TestLaserficheSignIn::theRotatedTokenIsStoredBeforeUse()
{
    storeIssuedRefreshToken();
    m_secrets->holdWrites = true;
    QString token;
    m_signIn->accessToken(this, [&](const QString &t, const ConnectorError &) { token = t; });
    QTRY_COMPARE(m_secrets->held.size(), 1); // the refresh came back; its token is being kept
    QTest::qWait(100); // the store takes its time: nothing may use the new token meanwhile
    QVERIFY(token.isEmpty());
    m_secrets->release();
    QTRY_VERIFY(!token.isEmpty());
}

void TestLaserficheSignIn::anUnkeptTokenIsNotUsed()
{
    storeIssuedRefreshToken();
    m_secrets->failWrites = true;
    ConnectorError error;
    QString token = u"unset"_s;
    m_signIn->accessToken(this, [&](const QString &t, const ConnectorError &e) {
        token = t;
        error = e;
    });
    QTRY_VERIFY(error.isError());
    QVERIFY(token.isEmpty());
    QVERIFY(error.message.contains(u"unlock"_s));
}

void TestLaserficheSignIn::aRevokedSignInAsksToSignInAgain()
{
    storeIssuedRefreshToken();
    const QByteArray old = stored();
    // A first refresh rotates the token; presenting the old one again revokes the family.
    QString token;
    m_signIn->accessToken(this, [&](const QString &t, const ConnectorError &) { token = t; });
    QTRY_VERIFY(!token.isEmpty());
    bool written = false;
    m_secrets->write(LaserficheSignIn::refreshTokenKey(u"docs"_s), old, this,
                     [&](const SecretResult &r) { written = r.ok; });
    QTRY_VERIFY(written);
    LaserficheSignIn again(account(), m_secrets.get(), m_network.get());
    ConnectorError error;
    again.accessToken(this, [&](const QString &, const ConnectorError &e) { error = e; });
    QTRY_VERIFY(error.isError());
    QVERIFY2(error.message.contains(u"Sign in again"_s), qPrintable(error.message));
    QVERIFY(!error.message.contains(QString::fromUtf8(old)));
    QTRY_VERIFY(stored().isEmpty()); // of no use any more
}

void TestLaserficheSignIn::withoutASignInSaysSo()
{
    ConnectorError error;
    m_signIn->accessToken(this, [&](const QString &, const ConnectorError &e) { error = e; });
    QTRY_VERIFY(error.isError());
    QVERIFY(error.message.contains(u"not signed in"_s));
    QCOMPARE(tokenRequests(), 0);
}

void TestLaserficheSignIn::aRefusedTokenIsRenewedOnceForAGet()
{
    storeIssuedRefreshToken();
    LaserficheConnector connector(account(), m_signIn.get(), m_network.get());
    connector.client()->setRequestRate(0, 0);
    // The first link-definitions read is answered as with an expired token.
    QVERIFY(m_sandbox->addFault(
        u"laserfiche:GET:/v2/Repositories/*/LinkDefinitions:expired:count=1"_s));
    std::unique_ptr<ConnectorOperation> op(connector.listLinkTypes(nullptr));
    QSignalSpy finished(op.get(), &ConnectorJob::finished);
    QVERIFY(finished.wait(15'000));
    QVERIFY2(!op->error().isError(), qPrintable(op->error().message));
    QVERIFY(!op->linkTypes().isEmpty());
    // One refresh to start with, one after the refusal.
    QCOMPARE(m_signIn->refreshCount(), 2);
}

QTEST_GUILESS_MAIN(TestLaserficheSignIn)
#include "tst_laserfichesignin.moc"
