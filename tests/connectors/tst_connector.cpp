// The shared connector plumbing: URLs on the account's base, the origin check for server-given
// URLs, refusal of foreign record keys, and the retry policy for reads (and never for writes),
// against a loopback server that answers what each test scripts.

#include "connectors/connector.h"
#include "connectors/networkjob.h"
#include "connectors/networkmanager.h"
#include "tests/connectors/fakehttpserver.h"

#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

/// A client with a fixed bearer token and {"message": ...} error bodies.
class TestClient : public VendorClient
{
public:
    using VendorClient::VendorClient;

    void authorize(QNetworkRequest request, QObject *context, Ready ready) override
    {
        if (failAuthorization) {
            ConnectorError error;
            error.kind = ConnectorError::Kind::Unauthorized;
            error.message = u"No token"_s;
            QTimer::singleShot(0, context, [ready, request, error] { ready(request, error); });
            return;
        }
        request.setRawHeader("Authorization", "Bearer secret-token");
        ready(request, {});
    }
    QString parseErrorBody(const QByteArray &body) const override
    {
        return QString::fromUtf8(body).left(80);
    }
    QList<QString> secrets() const override { return {u"secret-token"_s}; }
    void observe(const NetworkJob &job) override { statuses.append(job.httpStatus()); }

    bool failAuthorization = false;
    QList<int> statuses;
};

class TestConnector : public Connector
{
public:
    using Connector::Connector;
    using Connector::operation;

    QList<RecordTypeInfo> recordTypes() const override { return {}; }
    ConnectorOperation *listLinkTypes(QObject *parent) override { return operation(parent); }
    ConnectorOperation *listRecords(const QString &, QObject *parent) override
    {
        return operation(parent);
    }
    ConnectorOperation *readRecord(const RecordKey &key, QObject *parent) override
    {
        return operation(parent, {key});
    }
    ConnectorOperation *readLinks(const RecordKey &key, QObject *parent) override
    {
        return operation(parent, {key});
    }
    ConnectorOperation *createLink(const Link &link, QObject *parent) override
    {
        return operation(parent, {link.source, link.target});
    }
    ConnectorOperation *deleteLink(const Link &link, QObject *parent) override
    {
        return operation(parent, {link.source, link.target});
    }
};

bool waitFor(ConnectorOperation *operation)
{
    QSignalSpy finished(operation, &ConnectorJob::finished);
    return operation->isFinished() || finished.wait(15000);
}

} // namespace

class TestConnectorBase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void urlsOnTheBase_data();
    void urlsOnTheBase();
    void ownOrigin_data();
    void ownOrigin();
    void foreignKeysAreRefusedWithoutARequest();
    void anotherOriginIsNeverContacted();
    void readsAreRetriedAfterPassingFailures_data();
    void readsAreRetriedAfterPassingFailures();
    void retryAfterIsHonoured();
    void tooLongRetryAfterFailsAtOnce();
    void writesAreNeverRepeated();
    void aCutAnswerIsReadAgain();
    void retriesStopAtTheLimit();
    void authorizationFailureEndsTheOperation();

private:
    AccountConfig config(const QUrl &base) const
    {
        return {Vendor::DevRev, u"acme"_s, u"Acme"_s, base, {}, {}};
    }

    std::unique_ptr<NetworkManager> m_network;
    std::unique_ptr<FakeHttpServer> m_server;
    TestClient *m_client = nullptr;
    std::unique_ptr<TestConnector> m_connector;
};

void TestConnectorBase::init()
{
    m_network = std::make_unique<NetworkManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_server = std::make_unique<FakeHttpServer>();
    m_client = new TestClient(config(m_server->url(u"/api/"_s)), m_network.get());
    m_client->setRetryPolicy({4, 10, 40, 2});
    m_connector = std::make_unique<TestConnector>(m_client);
}

void TestConnectorBase::cleanup()
{
    m_connector.reset();
    m_server.reset();
    m_network.reset();
}

void TestConnectorBase::urlsOnTheBase_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("slash") << u"https://api.example/v1/"_s << u"/people/search"_s
                           << u"https://api.example/v1/people/search"_s;
    QTest::newRow("no slash") << u"https://api.example/v1"_s << u"/links.list?object=ISS-1"_s
                              << u"https://api.example/v1/links.list?object=ISS-1"_s;
    QTest::newRow("root") << u"https://api.devrev.ai"_s << u"/dev-users.self"_s
                          << u"https://api.devrev.ai/dev-users.self"_s;
}

void TestConnectorBase::urlsOnTheBase()
{
    QFETCH(QString, base);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    TestClient client(config(QUrl(base)), m_network.get());
    QCOMPARE(client.url(path).toString(), expected);
}

void TestConnectorBase::ownOrigin_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("own");
    QTest::newRow("same") << u"https://api.example/v1/next?page=2"_s << true;
    QTest::newRow("explicit default port") << u"https://api.example:443/v1/x"_s << true;
    QTest::newRow("host case") << u"https://API.example/v1/x"_s << true;
    QTest::newRow("other host") << u"https://evil.example/v1/x"_s << false;
    QTest::newRow("sub-domain") << u"https://api.example.evil.example/v1"_s << false;
    QTest::newRow("other port") << u"https://api.example:8443/v1/x"_s << false;
    QTest::newRow("downgrade") << u"http://api.example/v1/x"_s << false;
    QTest::newRow("user info") << u"https://me@api.example/v1/x"_s << false;
}

void TestConnectorBase::ownOrigin()
{
    QFETCH(QString, url);
    QFETCH(bool, own);
    TestClient client(config(QUrl(u"https://api.example/v1"_s)), m_network.get());
    QCOMPARE(client.isOwnOrigin(QUrl(url)), own);
}

void TestConnectorBase::foreignKeysAreRefusedWithoutARequest()
{
    const RecordKey foreign{Vendor::DevRev, u"other-account"_s, u"issue"_s, u"1"_s};
    std::unique_ptr<ConnectorOperation> operation(m_connector->readLinks(foreign, nullptr));
    QVERIFY(operation->isRefused());
    QVERIFY(!operation->isFinished()); // it fails later, never inside the call
    QVERIFY(waitFor(operation.get()));
    QCOMPARE(operation->error().kind, ConnectorError::Kind::Rejected);
    QVERIFY(operation->error().message.contains(foreign.toString()));
    operation->send("GET"_ba, u"/x"_s, {}, [](NetworkJob *) { QFAIL("sent"); });
    QCOMPARE(m_server->connections, 0);
}

void TestConnectorBase::anotherOriginIsNeverContacted()
{
    FakeHttpServer other;
    std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
    operation->send("GET"_ba, other.url(u"/api/next"_s), {},
                    [](NetworkJob *) { QFAIL("followed"); });
    QVERIFY(waitFor(operation.get()));
    QCOMPARE(operation->error().kind, ConnectorError::Kind::Redirect);
    QCOMPARE(other.connections, 0);
    QVERIFY(!operation->error().details.contains("secret"_L1));
}

void TestConnectorBase::readsAreRetriedAfterPassingFailures_data()
{
    QTest::addColumn<QByteArray>("failure");
    QTest::newRow("429") << FakeHttpServer::response(429, "slow down");
    QTest::newRow("503") << FakeHttpServer::response(503, "maintenance");
    QTest::newRow("500") << FakeHttpServer::response(500, "oops");
    QTest::newRow("cut off") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\"");
}

void TestConnectorBase::readsAreRetriedAfterPassingFailures()
{
    QFETCH(QByteArray, failure);
    int answered = 0;
    m_server->responder = [&](const QByteArray &) {
        return ++answered < 3 ? failure : FakeHttpServer::response(200, "{\"ok\":true}");
    };
    std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
    QSignalSpy retrying(operation.get(), &ConnectorOperation::retrying);
    QByteArray received;
    operation->send("GET"_ba, u"/things"_s, {}, [&](NetworkJob *job) {
        received = job->body();
        operation->succeed();
    });
    QVERIFY(waitFor(operation.get()));
    QVERIFY2(!operation->error().isError(), qPrintable(operation->error().message));
    QCOMPARE(received, "{\"ok\":true}"_ba);
    QCOMPARE(retrying.count(), 2);
    QCOMPARE(m_server->requests.size(), 3);
    for (const QByteArray &request : std::as_const(m_server->requests))
        QVERIFY(request.startsWith("GET /api/things "));
}

void TestConnectorBase::retryAfterIsHonoured()
{
    int answered = 0;
    m_server->responder = [&](const QByteArray &) {
        return ++answered == 1 ? FakeHttpServer::response(429, "{}", {"Retry-After: 1"})
                               : FakeHttpServer::response(200, "{}");
    };
    std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
    QSignalSpy retrying(operation.get(), &ConnectorOperation::retrying);
    operation->send("GET"_ba, u"/things"_s, {}, [&](NetworkJob *) { operation->succeed(); });
    QVERIFY(waitFor(operation.get()));
    QVERIFY(!operation->error().isError());
    QCOMPARE(retrying.count(), 1);
    QCOMPARE(retrying.first().at(1).toInt(), 1000); // the vendor's wait, not the back-off's
}

void TestConnectorBase::tooLongRetryAfterFailsAtOnce()
{
    m_server->responder = [](const QByteArray &) {
        return FakeHttpServer::response(429, "{}", {"Retry-After: 3600"});
    };
    std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
    operation->send("GET"_ba, u"/things"_s, {}, [&](NetworkJob *) { QFAIL("succeeded"); });
    QVERIFY(waitFor(operation.get()));
    QCOMPARE(operation->error().kind, ConnectorError::Kind::RateLimited);
    QCOMPARE(operation->error().retryAfterSeconds, std::optional<int>(3600));
    QCOMPARE(m_server->requests.size(), 1);
}

void TestConnectorBase::writesAreNeverRepeated()
{
    m_server->responder = [](const QByteArray &) { return FakeHttpServer::response(503, "{}"); };
    for (const QByteArray &verb : {"POST"_ba, "PUT"_ba, "DELETE"_ba}) {
        m_server->requests.clear();
        std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
        operation->send(verb, u"/links"_s, "{}"_ba, [&](NetworkJob *) { QFAIL("succeeded"); });
        QVERIFY(waitFor(operation.get()));
        QVERIFY2(operation->error().kind == ConnectorError::Kind::Server,
                 qPrintable(operation->error().details));
        QCOMPARE(m_server->requests.size(), 1);
    }
}

void TestConnectorBase::aCutAnswerIsReadAgain()
{
    // A complete answer whose body the mapping cannot read (truncated JSON) is read again.
    int answered = 0;
    m_server->responder = [&](const QByteArray &) {
        return FakeHttpServer::response(200, ++answered == 1 ? "{\"links\":[" : "{\"links\":[]}");
    };
    std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
    operation->send("GET"_ba, u"/links"_s, {}, [&](NetworkJob *job) {
        if (job->body().endsWith('['))
            operation->badResponse(*job, u"The body is not JSON."_s);
        else
            operation->succeed();
    });
    QVERIFY(waitFor(operation.get()));
    QVERIFY(!operation->error().isError());
    QCOMPARE(answered, 2);
}

void TestConnectorBase::retriesStopAtTheLimit()
{
    m_server->responder = [](const QByteArray &) { return FakeHttpServer::response(502, "{}"); };
    std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
    operation->send("GET"_ba, u"/things"_s, {}, [&](NetworkJob *) { QFAIL("succeeded"); });
    QVERIFY(waitFor(operation.get()));
    QCOMPARE(operation->error().kind, ConnectorError::Kind::Server);
    QCOMPARE(m_server->requests.size(), m_client->retryPolicy().maxAttempts);
    QCOMPARE(m_client->statuses, QList<int>(4, 502)); // observe() saw every answer
}

void TestConnectorBase::authorizationFailureEndsTheOperation()
{
    m_client->failAuthorization = true;
    std::unique_ptr<ConnectorOperation> operation(m_connector->listLinkTypes(nullptr));
    operation->send("GET"_ba, u"/things"_s, {}, [&](NetworkJob *) { QFAIL("sent"); });
    QVERIFY(waitFor(operation.get()));
    QCOMPARE(operation->error().kind, ConnectorError::Kind::Unauthorized);
    QCOMPARE(m_server->connections, 0);
}

QTEST_GUILESS_MAIN(TestConnectorBase)
#include "tst_connector.moc"
