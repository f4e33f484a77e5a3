#include "connectors/copper/coppermapping.h"
#include "connectors/networkjob.h"
#include "connectors/networkmanager.h"
#include "fakehttpserver.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using Kind = ConnectorError::Kind;

class TestNetworkJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // against the sandbox
    void sandboxSuccess();
    void sandboxUnauthorized();
    void sandboxNotFound();

    // against loopback servers
    void userAgentAndDeleteWithBody();
    void statusMapping_data();
    void statusMapping();
    void unreachable();
    void timeout();
    void tlsFailure();
    void malformedJsonReachesMapping();
    void detailsNeverContainSecrets();
    void rateLimitedWithRetryAfter();
    void tooLarge_data();
    void tooLarge();
    void abort();
    void crossOriginRedirectRefused();
    void sameOriginRedirectFollowed();

    // pure helpers
    void redactedUrl_data();
    void redactedUrl();
    void parseRetryAfter_data();
    void parseRetryAfter();

private:
    /// Runs `job` to its end; fails the test when finished() is not emitted exactly once.
    bool run(NetworkJob *job, int timeoutMs = 5000);
    NetworkJob *copperJob(const QByteArray &verb, const QString &path, const QByteArray &body,
                          const QString &apiKey = QString::fromLatin1(SandboxServer::CopperApiKey));

    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
};

void TestNetworkJob::init()
{
    m_network = std::make_unique<NetworkManager>();
}

void TestNetworkJob::cleanup()
{
    m_network.reset();
    m_sandbox.reset();
}

bool TestNetworkJob::run(NetworkJob *job, int timeoutMs)
{
    QSignalSpy finished(job, &NetworkJob::finished);
    job->start();
    if (!finished.wait(timeoutMs))
        return false;
    QTest::qWait(0); // a second emission would show up here
    return finished.size() == 1 && job->isFinished();
}

NetworkJob *TestNetworkJob::copperJob(const QByteArray &verb, const QString &path,
                                      const QByteArray &body, const QString &apiKey)
{
    if (!m_sandbox) {
        m_sandbox = std::make_unique<SandboxServer>();
        if (m_sandbox->start() == 0)
            return nullptr;
    }
    QUrl url = m_sandbox->baseUrl(Vendor::Copper);
    url.setPath(url.path() + path);
    QNetworkRequest request(url);
    request.setRawHeader("X-PW-AccessToken", apiKey.toUtf8());
    request.setRawHeader("X-PW-Application", "developer_api");
    request.setRawHeader("X-PW-UserEmail", SandboxServer::CopperEmail);
    request.setRawHeader("Content-Type", "application/json");
    auto *job = new NetworkJob(m_network.get(), verb, request, body, this);
    job->setContext(u"Copper CRM"_s, u"Sales"_s);
    job->setErrorBodyParser(&Copper::parseErrorBody);
    job->setSecrets({apiKey});
    return job;
}

void TestNetworkJob::sandboxSuccess()
{
    NetworkJob *job = copperJob("POST", u"/people/search"_s, R"({"page_size":5})"_ba);
    QVERIFY(job);
    QVERIFY(run(job));
    QCOMPARE(job->error().kind, Kind::None);
    QCOMPARE(job->httpStatus(), 200);
    QVERIFY(!job->header("x-pw-total").isEmpty()); // case-insensitive
    const QJsonDocument doc = QJsonDocument::fromJson(job->body());
    QVERIFY(doc.isArray());
    QCOMPARE(doc.array().size(), 5);
}

void TestNetworkJob::sandboxUnauthorized()
{
    const QString wrongKey = u"wrong-key-0123456789abcdef"_s;
    NetworkJob *job = copperJob("POST", u"/people/search"_s, "{}"_ba, wrongKey);
    QVERIFY(job);
    QVERIFY(run(job));
    const ConnectorError &e = job->error();
    QCOMPARE(e.kind, Kind::Unauthorized);
    QCOMPARE(e.httpStatus, 401);
    // The message names vendor and account and says what to do, quoting Copper's reason
    QVERIFY2(e.message.contains(u"Copper CRM"_s) && e.message.contains(u"“Sales”"_s),
             qPrintable(e.message));
    QVERIFY2(e.message.contains(u"account settings"_s), qPrintable(e.message));
    QVERIFY2(e.message.contains(u"Invalid API key"_s), qPrintable(e.message));
    QVERIFY2(e.details.contains(u"POST http://127.0.0.1"_s), qPrintable(e.details));
    QVERIFY(e.details.contains(u"HTTP 401"_s));
    QVERIFY(!e.details.contains(wrongKey) && !e.message.contains(wrongKey));
    QVERIFY(e.isError());
    QVERIFY(!e.toResult().ok());
    QCOMPARE(e.toResult().message(), e.message);
}

void TestNetworkJob::sandboxNotFound()
{
    NetworkJob *job = copperJob("GET", u"/people/999999999/related"_s, {});
    QVERIFY(job);
    QVERIFY(run(job));
    QCOMPARE(job->error().kind, Kind::NotFound);
    QCOMPARE(job->httpStatus(), 404);
    QVERIFY2(job->error().message.contains(u"Resource not found"_s),
             qPrintable(job->error().message));
}

void TestNetworkJob::userAgentAndDeleteWithBody()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &) {
        return FakeHttpServer::response(200, R"({"removed":true})"_ba);
    };
    const QByteArray body = R"({"resource":{"id":1,"type":"person"}})"_ba;
    NetworkJob job(m_network.get(), "delete", QNetworkRequest(server.url(u"/x/related"_s)), body);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::None);
    QCOMPARE(job.verb(), "DELETE"_ba);
    QCOMPARE(server.requests.size(), 1);
    const QByteArray request = server.requests.first();
    QVERIFY2(request.startsWith("DELETE /x/related HTTP/1.1\r\n"), request.constData());
    QVERIFY(request.contains("User-Agent: Linkloom/" LINKLOOM_VERSION "\r\n"));
    QVERIFY(request.endsWith(body));
}

void TestNetworkJob::statusMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("quoted"); // Copper's message, quoted in ours

    const QByteArray notFound = R"({"error":"not_found"})"_ba;
    const QByteArray invalid = R"({"success":false,"status":422,"message":"Invalid input"})"_ba;
    QTest::newRow("400") << 400 << invalid << Kind::Rejected << u"Invalid input"_s;
    QTest::newRow("403") << 403 << "{}"_ba << Kind::Forbidden << QString();
    QTest::newRow("404 route") << 404 << notFound << Kind::NotFound << u"not found"_s;
    QTest::newRow("409") << 409 << invalid << Kind::Rejected << u"Invalid input"_s;
    QTest::newRow("410") << 410 << QByteArray() << Kind::NotFound << QString();
    QTest::newRow("413") << 413 << "<html/>"_ba << Kind::Rejected << QString();
    QTest::newRow("422") << 422 << invalid << Kind::Rejected << u"Invalid input"_s;
    QTest::newRow("423") << 423 << QByteArray() << Kind::Rejected << QString();
    QTest::newRow("500") << 500 << invalid << Kind::Server << u"Invalid input"_s;
    QTest::newRow("503") << 503 << QByteArray() << Kind::Server << QString();
    QTest::newRow("304 not followed") << 304 << QByteArray() << Kind::Redirect << QString();
}

void TestNetworkJob::statusMapping()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, quoted);

    FakeHttpServer server;
    server.responder = [&](const QByteArray &) { return FakeHttpServer::response(status, body); };
    NetworkJob job(m_network.get(), "POST", QNetworkRequest(server.url(u"/p"_s)), "{}");
    job.setContext(u"Copper CRM"_s, u"Sales"_s);
    job.setErrorBodyParser(&Copper::parseErrorBody);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, kind);
    QCOMPARE(job.httpStatus(), status);
    QVERIFY(job.error().message.contains(u"“Sales”"_s));
    if (!quoted.isEmpty())
        QVERIFY2(job.error().message.contains(u"Copper CRM said: “"_s + quoted + u"”"_s),
                 qPrintable(job.error().message));
    else
        QVERIFY2(!job.error().message.contains(u"said"_s), qPrintable(job.error().message));
}

void TestNetworkJob::unreachable()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        port = closed.serverPort();
    }
    NetworkJob job(m_network.get(), "GET",
                   QNetworkRequest(QUrl(u"http://127.0.0.1:%1/x"_s.arg(port))));
    job.setContext(u"Copper CRM"_s, u"Sales"_s);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::Unreachable);
    QCOMPARE(job.httpStatus(), 0);
    QVERIFY2(job.error().message.contains(u"could not reach Copper CRM (account “Sales”)"_s),
             qPrintable(job.error().message));
    QVERIFY(job.error().details.contains(u"GET http://127.0.0.1:%1/x"_s.arg(port)));
}

void TestNetworkJob::timeout()
{
    FakeHttpServer server;
    server.silent = true;
    m_network->setTimeoutMs(300);
    NetworkJob job(m_network.get(), "GET", QNetworkRequest(server.url(u"/slow"_s)));
    job.setContext(u"Copper CRM"_s, u"Sales"_s);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::Timeout);
    QVERIFY2(job.error().message.contains(u"did not answer in time"_s),
             qPrintable(job.error().message));
    QCOMPARE(server.connections, 1);

    // A per-job timeout overrides the manager's
    m_network->setTimeoutMs(60'000);
    NetworkJob quick(m_network.get(), "GET", QNetworkRequest(server.url(u"/slow"_s)));
    quick.setTimeoutMs(200);
    QVERIFY(run(&quick, 3000));
    QCOMPARE(quick.error().kind, Kind::Timeout);
}

void TestNetworkJob::tlsFailure()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("No TLS backend");
    FakeHttpServer server; // speaks plain HTTP where TLS is expected
    server.answerAtOnce = true;
    server.responder = [](const QByteArray &) { return FakeHttpServer::response(200, "[]"); };
    NetworkJob job(m_network.get(), "GET",
                   QNetworkRequest(QUrl(u"https://127.0.0.1:%1/x"_s.arg(server.port()))));
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::Tls);
}

void TestNetworkJob::malformedJsonReachesMapping()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &) {
        return FakeHttpServer::response(200, R"([{"id":1,"name":"A"},{"id":)"_ba);
    };
    NetworkJob job(m_network.get(), "POST", QNetworkRequest(server.url(u"/people/search"_s)), "{}");
    job.setContext(u"Copper CRM"_s, u"Sales"_s);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::None); // HTTP-wise all is well

    const auto page = Copper::parseSearchPage(job.body(), u"sales"_s, u"person"_s);
    QVERIFY(!page.ok());
    const ConnectorError e = job.makeError(Kind::BadResponse, page.problem);
    QCOMPARE(e.kind, Kind::BadResponse);
    QVERIFY2(e.message.contains(u"does not understand"_s), qPrintable(e.message));
    QVERIFY(e.details.contains(u"HTTP 200"_s));
    QVERIFY2(e.details.contains(u"not JSON"_s), qPrintable(e.details));
    QVERIFY(e.details.contains(uR"(Response: [{"id":1,"name":"A"},{"id":)"_s));
}

void TestNetworkJob::detailsNeverContainSecrets()
{
    const QString secret = u"s3cr3t-API-key-0123456789"_s;
    FakeHttpServer server; // a careless server echoing what it got
    server.responder = [&](const QByteArray &request) {
        return FakeHttpServer::response(500, "You sent: " + request);
    };
    QUrl url = server.url(u"/x?page=2&access_token=%1&q=ok"_s.arg(secret));
    url.setUserInfo(u"user:password"_s);
    QNetworkRequest request(url);
    request.setRawHeader("X-PW-AccessToken", secret.toUtf8());
    NetworkJob job(m_network.get(), "GET", request);
    job.setSecrets({secret});
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::Server);
    const QString details = job.error().details;
    QVERIFY2(!details.contains(secret), qPrintable(details));
    QVERIFY(!details.contains(u"password"_s));
    QVERIFY2(details.contains(u"access_token=redacted"_s), qPrintable(details));
    QVERIFY(details.contains(u"page=2"_s) && details.contains(u"q=ok"_s));
    QVERIFY(!job.error().message.contains(secret));

    // Without being told the secret, a token in the query is still blanked out
    server.responder = [](const QByteArray &) { return FakeHttpServer::response(401, {}); };
    NetworkJob unnamed(m_network.get(), "GET", QNetworkRequest(url));
    QVERIFY(run(&unnamed));
    QCOMPARE(unnamed.error().kind, Kind::Unauthorized);
    QVERIFY2(!unnamed.error().details.contains(secret), qPrintable(unnamed.error().details));
}

void TestNetworkJob::rateLimitedWithRetryAfter()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &) {
        return FakeHttpServer::response(429, R"({"message":"Too many requests"})"_ba,
                                        {"Retry-After: 7"_ba});
    };
    NetworkJob job(m_network.get(), "GET", QNetworkRequest(server.url(u"/x"_s)));
    job.setContext(u"Copper CRM"_s, u"Sales"_s);
    job.setErrorBodyParser(&Copper::parseErrorBody);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::RateLimited);
    QCOMPARE(job.error().retryAfterSeconds, std::optional<int>(7));
    QVERIFY2(job.error().message.contains(u"Wait 7 second"_s), qPrintable(job.error().message));
}

void TestNetworkJob::tooLarge_data()
{
    QTest::addColumn<bool>("contentLength");
    QTest::newRow("announced") << true;
    QTest::newRow("streamed") << false;
}

void TestNetworkJob::tooLarge()
{
    QFETCH(bool, contentLength);
    FakeHttpServer server;
    server.responder = [&](const QByteArray &) {
        return FakeHttpServer::response(200, QByteArray(5000, 'x'), {}, contentLength);
    };
    NetworkJob job(m_network.get(), "GET", QNetworkRequest(server.url(u"/big"_s)));
    job.setMaxResponseSize(1000);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::BadResponse);
    QVERIFY2(job.error().details.contains(u"larger than 1000 bytes"_s),
             qPrintable(job.error().details));
    QVERIFY(job.body().size() <= 1000);
}

void TestNetworkJob::abort()
{
    FakeHttpServer server;
    server.silent = true;
    NetworkJob job(m_network.get(), "GET", QNetworkRequest(server.url(u"/slow"_s)));
    QSignalSpy finished(&job, &NetworkJob::finished);
    job.start();
    QTRY_COMPARE(server.connections, 1);
    job.abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job.error().kind, Kind::Cancelled);
    job.abort();
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);

    NetworkJob never(m_network.get(), "GET", QNetworkRequest(server.url(u"/slow"_s)));
    QSignalSpy neverFinished(&never, &NetworkJob::finished);
    never.abort();
    QCOMPARE(neverFinished.size(), 1);
    QCOMPARE(never.error().kind, Kind::Cancelled);
    never.start(); // does nothing after the end
    QTest::qWait(50);
    QCOMPARE(neverFinished.size(), 1);
    QCOMPARE(server.connections, 1);
}

void TestNetworkJob::crossOriginRedirectRefused()
{
    FakeHttpServer other;
    FakeHttpServer server;
    server.responder = [&](const QByteArray &) {
        return FakeHttpServer::response(302, {},
                                        {"Location: " + other.url(u"/steal"_s).toEncoded()});
    };
    QNetworkRequest request(server.url(u"/x"_s));
    request.setRawHeader("X-PW-AccessToken", "secret");
    // Even a caller asking for a laxer policy gets same-origin only
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    NetworkJob job(m_network.get(), "GET", request);
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::Redirect);
    QTest::qWait(50);
    QCOMPARE(other.connections, 0);
}

void TestNetworkJob::sameOriginRedirectFollowed()
{
    FakeHttpServer server;
    server.responder = [](const QByteArray &request) {
        if (request.startsWith("GET /old "))
            return FakeHttpServer::response(301, {}, {"Location: /new"_ba});
        return FakeHttpServer::response(200, "[1]");
    };
    NetworkJob job(m_network.get(), "GET", QNetworkRequest(server.url(u"/old"_s)));
    QVERIFY(run(&job));
    QCOMPARE(job.error().kind, Kind::None);
    QCOMPARE(job.body(), "[1]"_ba);
    QCOMPARE(server.requests.size(), 2);
}

void TestNetworkJob::redactedUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"https://api.copper.com/developer_api/v1/people/1/related"_s
                           << u"https://api.copper.com/developer_api/v1/people/1/related"_s;
    QTest::newRow("user info and fragment")
        << u"https://me:pw@example.com/a#frag"_s << u"https://example.com/a"_s;
    QTest::newRow("token names")
        << u"https://e.com/a?access_token=abc&api_key=k&page=2"_s
        << u"https://e.com/a?access_token=redacted&api_key=redacted&page=2"_s;
    QTest::newRow("token-like value") << u"https://e.com/a?x=AbCdEf0123456789GhIjKl&y=short"_s
                                      << u"https://e.com/a?x=redacted&y=short"_s;
    QTest::newRow("OAuth code") << u"http://localhost:8080/cb?code=xyz&state=s"_s
                                << u"http://localhost:8080/cb?code=redacted&state=s"_s;
}

void TestNetworkJob::redactedUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(NetworkJob::redactedUrl(QUrl(url)), expected);
}

void TestNetworkJob::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected"); // -1 = none

    QTest::newRow("seconds") << "120"_ba << 120;
    QTest::newRow("spaces") << " 5 "_ba << 5;
    QTest::newRow("zero") << "0"_ba << 0;
    QTest::newRow("huge is capped") << "99999999999"_ba << 86400;
    QTest::newRow("negative") << "-1"_ba << -1;
    QTest::newRow("garbage") << "soon"_ba << -1;
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("http date") << "Wed, 21 Oct 2015 07:28:30 GMT"_ba << 30;
    QTest::newRow("date in the past") << "Wed, 21 Oct 2015 07:27:00 GMT"_ba << 0;
}

void TestNetworkJob::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const QDateTime now(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC);
    QCOMPARE(NetworkJob::parseRetryAfter(value, now).value_or(-1), expected);
}

QTEST_GUILESS_MAIN(TestNetworkJob)
#include "tst_networkjob.moc"
