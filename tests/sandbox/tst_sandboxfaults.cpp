// Fault injection in the sandbox, seen the way a connector sees it: over loopback HTTP.

#include "sandbox/coppersandbox.h"
#include "sandbox/devrevsandbox.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/pm415sandbox.h"
#include "sandbox/sandboxserver.h"
#include "tests/sandbox/sandboxclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString Copper = u"/copper/developer_api/v1/"_s;

/// An exchange as these tests see it: also how long it took and in how many pieces it came.
struct Reply : SandboxReply
{
    bool finished = false; // false: no answer within the time limit
    qint64 elapsedMs = 0;
    int readyReads = 0;

    bool isJson() const
    {
        QJsonParseError parseError;
        QJsonDocument::fromJson(body, &parseError);
        return parseError.error == QJsonParseError::NoError;
    }
};

/// The credentials each vendor's simulator checks, by the path's prefix.
SandboxReply::Headers credentialsFor(const QString &path)
{
    if (path.startsWith(u"/copper/"))
        return copperCredentials();
    if (path.startsWith(u"/devrev/"))
        return {{"Authorization"_ba, "Bearer "_ba + SandboxServer::DevRevToken}};
    if (path.startsWith(u"/pm415/"))
        return {{"Authorization"_ba, "Bearer "_ba + SandboxServer::Pm415ApiKey}};
    return {};
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject jsonObject(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray rawRequest(const QByteArray &method, const QString &path)
{
    QByteArray request = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : credentialsFor(path))
        request += name + ": " + value + "\r\n";
    return request + "\r\n";
}

/// One HTTP/1.1 response read from a raw socket.
struct RawResponse
{
    int status = 0;
    qsizetype contentLength = -1;
    QByteArray body;
};

/// Runs the event loop (the server lives in this thread) until `socket` has more to read;
/// false if it closes or stalls first.
bool waitForMore(QTcpSocket &socket)
{
    if (socket.bytesAvailable() > 0)
        return true;
    if (socket.state() != QAbstractSocket::ConnectedState)
        return false;
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QIODevice::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QAbstractSocket::disconnected, &loop, &QEventLoop::quit);
    loop.exec();
    return socket.bytesAvailable() > 0;
}

/// Reads one whole response (Content-Length framed) from `socket`, keeping what follows it in
/// `buffer`; std::nullopt if the connection closes or stalls first.
std::optional<RawResponse> readResponse(QTcpSocket &socket, QByteArray &buffer)
{
    for (;;) {
        buffer += socket.readAll();
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            RawResponse response;
            const QList<QByteArray> lines = buffer.first(headEnd).split('\n');
            response.status = lines.first().split(' ').value(1).toInt();
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    response.contentLength = line.mid(15).trimmed().toLongLong();
            }
            const qsizetype end = headEnd + 4 + std::max<qsizetype>(0, response.contentLength);
            if (buffer.size() >= end) {
                response.body = buffer.sliced(headEnd + 4, end - headEnd - 4);
                buffer.remove(0, end);
                return response;
            }
        }
        if (!waitForMore(socket))
            return std::nullopt;
    }
}

} // namespace

class TestSandboxFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // The spec language.
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void pathPatterns_data();
    void pathPatterns();

    // Each kind, as the client sees it.
    void statusInVendorShape_data();
    void statusInVendorShape();
    void tooManyRequestsInVendorShape_data();
    void tooManyRequestsInVendorShape();
    void retryAfterOverride();
    void expiredTokenInVendorShape_data();
    void expiredTokenInVendorShape();
    void messageOverride();
    void latency();
    void latencyDoesNotBlockTheServer();
    void truncate();
    void resetMidBody();
    void trickle();
    void drop();
    void dropOnceIsResentByQt();
    void redirect_data();
    void redirect();

    // Before or after the simulator: is the write applied?
    void beforeOrAfter_data();
    void beforeOrAfter();

    // Selecting and counting.
    void countIsUsedUp();
    void vendorMethodAndPathSelect();
    void firstMatchingRuleWins();
    void clearFaults();
    void dispatchAppliesAnswerFaultsOnly();

    // The connection after a fault.
    void keepAliveAfterTruncate();
    void pipelinedAnswersStayInOrder();
    void normalRequestsStillWork();
    void exchangeLogNamesTheFault();

private:
    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body = {},
                         bool manualRedirect = false);
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
               bool manualRedirect = false);
    void addFault(const QString &spec);
    /// A person and an opportunity of the demo world that are not related yet.
    std::pair<qint64, qint64> unrelatedPair();
    bool related(qint64 person, qint64 opportunity);

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
    QString m_base; // http://127.0.0.1:<port>
};

void TestSandboxFaults::init()
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
    m_nam.clearConnectionCache();
    m_server = std::make_unique<SandboxServer>();
    const quint16 port = m_server->start();
    QVERIFY(port != 0);
    m_base = u"http://127.0.0.1:%1"_s.arg(port);
}

void TestSandboxFaults::cleanup()
{
    m_nam.clearConnectionCache();
    m_server.reset();
}

QNetworkReply *TestSandboxFaults::start(const QByteArray &method, const QString &path,
                                        const QByteArray &body, bool manualRedirect)
{
    QNetworkRequest request
        = SandboxReply::request(QUrl(m_base + path), body, credentialsFor(path));
    if (manualRedirect)
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
    return m_nam.sendCustomRequest(request, method, body);
}

Reply TestSandboxFaults::call(const QByteArray &method, const QString &path, const QByteArray &body,
                              bool manualRedirect)
{
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *started = start(method, path, body, manualRedirect);
    int readyReads = 0;
    QObject::connect(started, &QNetworkReply::readyRead, started, [&readyReads] { ++readyReads; });
    const SandboxReply reply = SandboxReply::finish(started, 20000);
    return {reply, reply.error != QNetworkReply::OperationCanceledError, timer.elapsed(),
            readyReads};
}

void TestSandboxFaults::addFault(const QString &spec)
{
    QString error;
    QVERIFY2(m_server->addFault(spec, &error), qPrintable(error));
}

std::pair<qint64, qint64> TestSandboxFaults::unrelatedPair()
{
    const auto firstIds = [this](const QString &entity) {
        QList<qint64> ids;
        const Reply reply = call("POST"_ba, Copper + entity + u"/search"_s,
                                 toJson({{"page_size"_L1, 20}, {"sort_by"_L1, "name"_L1}}));
        for (const QJsonValue &record : reply.array())
            ids.append(record["id"_L1].toInteger());
        return ids;
    };
    const QList<qint64> people = firstIds(u"people"_s);
    const QList<qint64> opportunities = firstIds(u"opportunities"_s);
    for (qint64 person : people) {
        for (qint64 opportunity : opportunities) {
            if (!related(person, opportunity))
                return {person, opportunity};
        }
    }
    return {0, 0};
}

bool TestSandboxFaults::related(qint64 person, qint64 opportunity)
{
    // Through dispatch(): reading the state must not meet an HTTP fault under test.
    const SandboxResponse response = m_server->dispatch(
        copperRequest("GET"_ba, u"people/%1/related/opportunities"_s.arg(person)));
    if (response.status != 200)
        qWarning() << "related failed:" << response.status << response.body;
    for (const QJsonValue &ref : QJsonDocument::fromJson(response.body).array()) {
        if (ref["id"_L1].toInteger() == opportunity)
            return true;
    }
    return false;
}

// --- The spec language ---------------------------------------------------------------------

void TestSandboxFaults::parseValid_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("brief example 1")
        << u"devrev:links.list:status=429:count=3"_s << u"devrev:links.list:status=429:count=3"_s;
    QTest::newRow("brief example 2")
        << u"laserfiche:GET:/v2/Repositories/*/Entries/*/Links:truncate=0.5"_s
        << u"laserfiche:GET:/v2/Repositories/*/Entries/*/Links:truncate=0.5"_s;
    QTest::newRow("any vendor, any path") << u"*:status=503"_s << u"*:status=503"_s;
    QTest::newRow("after") << u"copper:POST:status=503:after"_s
                           << u"copper:POST:status=503:after"_s;
    QTest::newRow("options in any order")
        << u"copper:count=2:after:status=500"_s << u"copper:status=500:after:count=2"_s;
    QTest::newRow("method case") << u"pm415:delete:status=502"_s << u"pm415:DELETE:status=502"_s;
    QTest::newRow("vendor case") << u"DevRev:expired"_s << u"devrev:expired"_s;
    QTest::newRow("expired, once") << u"pm415:expired:count=1"_s << u"pm415:expired:count=1"_s;
    QTest::newRow("drop after") << u"copper:drop:after"_s << u"copper:drop:after"_s;
    QTest::newRow("latency") << u"devrev:works.list:latency=250"_s
                             << u"devrev:works.list:latency=250"_s;
    QTest::newRow("truncate default") << u"copper:truncate"_s << u"copper:truncate=0.5"_s;
    QTest::newRow("truncate to nothing") << u"copper:truncate=0"_s << u"copper:truncate=0"_s;
    QTest::newRow("reset") << u"copper:reset=0.25"_s << u"copper:reset=0.25"_s;
    QTest::newRow("trickle") << u"copper:trickle=10:chunk=5"_s << u"copper:trickle=10:chunk=5"_s;
    QTest::newRow("trickle default chunk")
        << u"copper:trickle=10:chunk=64"_s << u"copper:trickle=10"_s;
    QTest::newRow("retry_after") << u"devrev:status=429:retry_after=0"_s
                                 << u"devrev:status=429:retry_after=0"_s;
    QTest::newRow("message with colons") << u"copper:status=500:message=Oops: it broke:count=1"_s
                                         << u"copper:status=500:count=1:message=Oops: it broke"_s;
    QTest::newRow("redirect, URL with port")
        << u"devrev:links.get:redirect=http://127.0.0.2:8415:count=1"_s
        << u"devrev:links.get:count=1:redirect=http://127.0.0.2:8415"_s;
    QTest::newRow("redirect with code first")
        << u"devrev:code=301:redirect=https://api.example.com/x"_s
        << u"devrev:code=301:redirect=https://api.example.com/x"_s;
    QTest::newRow("path with **") << u"laserfiche:/v2/**:status=503"_s
                                  << u"laserfiche:/v2/**:status=503"_s;
}

void TestSandboxFaults::parseValid()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    QString error;
    const auto fault = SandboxFault::parse(spec, &error);
    QVERIFY2(fault, qPrintable(error));
    QCOMPARE(fault->toString(), canonical);
    const auto again = SandboxFault::parse(canonical, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toString(), canonical);
}

void TestSandboxFaults::parseInvalid_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const QString &spec, const QString &what) {
        QTest::newRow(name) << spec << u"fault \"%1\": %2"_s.arg(spec, what);
    };
    row("empty", u""_s, u"unknown vendor \"\" (copper, devrev, pm415, laserfiche or *)"_s);
    row("unknown vendor", u"salesforce:status=503"_s,
        u"unknown vendor \"salesforce\" (copper, devrev, pm415, laserfiche or *)"_s);
    row("no fault", u"devrev:links.list"_s,
        u"no fault given (status=N, expired, redirect=URL, drop, latency=MS, truncate, reset or "
        u"trickle=MS)"_s);
    row("only options", u"devrev:count=3"_s,
        u"no fault given (status=N, expired, redirect=URL, drop, latency=MS, truncate, reset or "
        u"trickle=MS)"_s);
    row("two faults", u"devrev:status=429:latency=10"_s,
        u"more than one fault: status and latency"_s);
    row("twice", u"devrev:status=429:count=1:count=2"_s, u"count given twice"_s);
    row("unknown item", u"devrev:status=429:often"_s,
        u"unknown fault or option \"often\" (the method and the path come first)"_s);
    row("path after fault", u"devrev:status=429:links.list"_s,
        u"unknown fault or option \"links.list\" (the method and the path come first)"_s);
    row("two paths", u"devrev:links.list:links.get:status=429"_s,
        u"unexpected \"links.get\": a rule has one method and one path, before the fault"_s);
    row("empty field", u"devrev::status=429"_s, u"empty field 2"_s);
    row("status too low", u"copper:status=200"_s,
        u"status takes an integer from 400 to 599, not \"200\""_s);
    row("status not a number", u"copper:status=busy"_s,
        u"status takes an integer from 400 to 599, not \"busy\""_s);
    row("status without value", u"copper:status"_s, u"status needs a value"_s);
    row("status empty value", u"copper:status="_s, u"status needs a value"_s);
    row("count zero", u"copper:status=503:count=0"_s,
        u"count takes an integer from 1 to 1000000, not \"0\""_s);
    row("negative latency", u"copper:latency=-5"_s,
        u"latency takes an integer from 1 to 600000, not \"-5\""_s);
    row("huge latency", u"copper:latency=600001"_s,
        u"latency takes an integer from 1 to 600000, not \"600001\""_s);
    row("trickle without interval", u"copper:trickle"_s, u"trickle needs a value"_s);
    row("chunk zero", u"copper:trickle=5:chunk=0"_s,
        u"chunk takes an integer from 1 to 1048576, not \"0\""_s);
    row("truncate whole", u"copper:truncate=1"_s,
        u"truncate takes a share of the body from 0 to below 1, not \"1\""_s);
    row("reset negative", u"copper:reset=-0.1"_s,
        u"reset takes a share of the body from 0 to below 1, not \"-0.1\""_s);
    row("reset not a number", u"copper:reset=half"_s,
        u"reset takes a share of the body from 0 to below 1, not \"half\""_s);
    row("expired with value", u"copper:expired=yes"_s, u"expired takes no value"_s);
    row("after with value", u"copper:status=503:after=1"_s, u"after takes no value"_s);
    row("after on latency", u"copper:latency=5:after"_s,
        u"after applies to status and drop only"_s);
    row("after on expired", u"copper:expired:after"_s, u"after applies to status and drop only"_s);
    row("chunk without trickle", u"copper:latency=5:chunk=3"_s, u"chunk applies to trickle only"_s);
    row("retry_after on drop", u"copper:drop:retry_after=1"_s,
        u"retry_after applies to status only"_s);
    row("code without redirect", u"copper:status=503:code=301"_s,
        u"code applies to redirect only"_s);
    row("message on drop", u"copper:drop:message=x"_s,
        u"message applies to status and expired only"_s);
    row("relative redirect", u"copper:redirect=/elsewhere"_s,
        u"redirect takes an absolute http(s) URL, not \"/elsewhere\""_s);
    row("ftp redirect", u"copper:redirect=ftp://example.com/"_s,
        u"redirect takes an absolute http(s) URL, not \"ftp://example.com/\""_s);
    row("bad code", u"copper:redirect=http://example.com:code=304"_s,
        u"code takes 301, 302, 303, 307 or 308, not \"304\""_s);
}

void TestSandboxFaults::parseInvalid()
{
    QFETCH(QString, spec);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!SandboxFault::parse(spec, &actual));
    QCOMPARE(actual, error);
    // The server refuses it the same way and keeps no rule.
    QString serverError;
    QVERIFY(!m_server->addFault(spec, &serverError));
    QCOMPARE(serverError, error);
    QVERIFY(m_server->faults().isEmpty());
}

void TestSandboxFaults::pathPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("base");
    QTest::addColumn<bool>("matches");

    const QStringList none;
    const QStringList lf{u"repository"_s};
    QTest::newRow("exact") << u"links.list"_s << u"links.list"_s << none << true;
    QTest::newRow("leading slash") << u"/links.list"_s << u"links.list"_s << none << true;
    QTest::newRow("other endpoint") << u"links.list"_s << u"links.get"_s << none << false;
    QTest::newRow("case-insensitive") << u"Links.List"_s << u"links.list"_s << none << true;
    QTest::newRow("star segment") << u"*"_s << u"links.list"_s << none << true;
    QTest::newRow("star is one segment") << u"*"_s << u"people/1"_s << none << false;
    QTest::newRow("star within segment") << u"links.*"_s << u"links.create"_s << none << true;
    QTest::newRow("star within, no match") << u"links.*"_s << u"works.list"_s << none << false;
    QTest::newRow("stars per segment")
        << u"*/*/related"_s << u"people/12/related"_s << none << true;
    QTest::newRow("too short") << u"*/*/related"_s << u"people/12/related/tasks"_s << none << false;
    QTest::newRow("double star") << u"people/**"_s << u"people/12/related/tasks"_s << none << true;
    QTest::newRow("double star, zero segments") << u"people/**"_s << u"people"_s << none << true;
    QTest::newRow("double star in the middle")
        << u"**/related"_s << u"people/12/related"_s << none << true;
    QTest::newRow("double star, wrong end") << u"**/related"_s << u"people/12"_s << none << false;
    QTest::newRow("root only") << u"/"_s << u""_s << none << true;
    QTest::newRow("root, not below") << u"/"_s << u"users/me"_s << none << false;
    QTest::newRow("laserfiche below base")
        << u"/v2/Repositories/*/Entries/*/Links"_s
        << u"repository/v2/Repositories/r1/Entries/7/Links"_s << lf << true;
    QTest::newRow("laserfiche below prefix")
        << u"/repository/v2/Repositories/*/Entries/*/Links"_s
        << u"repository/v2/Repositories/r1/Entries/7/Links"_s << lf << true;
    QTest::newRow("laserfiche signin")
        << u"/signin/oauth/token"_s << u"signin/oauth/token"_s << lf << true;
    QTest::newRow("laserfiche base only for repository")
        << u"/oauth/token"_s << u"signin/oauth/token"_s << lf << false;
    QTest::newRow("no base elsewhere")
        << u"/v2/Repositories"_s << u"repository/v2/Repositories"_s << none << false;
}

void TestSandboxFaults::pathPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(QStringList, base);
    QFETCH(bool, matches);
    SandboxFault fault;
    fault.path = pattern;
    const QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    QCOMPARE(fault.matches(u"devrev", "GET", segments, base), matches);
}

// --- Each kind, as the client sees it --------------------------------------------------------

void TestSandboxFaults::statusInVendorShape_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    const std::pair<const char *, const char *> vendors[] = {
        {"copper", "/copper/developer_api/v1/users/me"},
        {"devrev", "/devrev/dev-users.self"},
        {"pm415", "/pm415/api/user/orgs"},
        {"laserfiche", "/laserfiche/repository/v2/Repositories"},
    };
    const std::pair<int, const char *> statuses[] = {
        {500, "Internal Server Error"},
        {502, "Bad Gateway"},
        {503, "Service Unavailable"},
        {504, "Gateway Timeout"},
    };
    for (const auto &[vendor, path] : vendors) {
        for (const auto &[status, message] : statuses) {
            QTest::addRow("%s %d", vendor, status)
                << QString::fromLatin1(vendor) << QString::fromLatin1(path) << status
                << QString::fromLatin1(message);
        }
    }
}

void TestSandboxFaults::statusInVendorShape()
{
    QFETCH(QString, vendor);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, message);
    addFault(u"%1:status=%2"_s.arg(vendor).arg(status));

    const Reply reply = call("GET"_ba, path);
    QCOMPARE(reply.status, status);
    const SandboxResponse expected = vendor == "copper"_L1
        ? m_server->copper().vendorError(status, message)
        : vendor == "devrev"_L1 ? m_server->devRev().vendorError(status, message)
        : vendor == "pm415"_L1  ? m_server->pm415().vendorError(status, message)
                                : m_server->laserfiche().vendorError(status, message);
    QCOMPARE(reply.json(), jsonObject(expected.body));
    QVERIFY(reply.body.contains(message.toUtf8()));
    QCOMPARE(reply.header("Content-Type"), expected.header("Content-Type"));
    QVERIFY(reply.header("Retry-After").isNull());
}

void TestSandboxFaults::tooManyRequestsInVendorShape_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("retryAfter"); // null: no Retry-After
    QTest::addColumn<bool>("retryAfterInBody");

    QTest::newRow("copper") << u"copper"_s << u"/copper/developer_api/v1/users/me"_s << QByteArray()
                            << false;
    QTest::newRow("devrev") << u"devrev"_s << u"/devrev/links.list"_s << "1"_ba << true;
    QTest::newRow("pm415") << u"pm415"_s << u"/pm415/api/user/orgs"_s << QByteArray() << false;
    QTest::newRow("laserfiche") << u"laserfiche"_s << u"/laserfiche/repository/v2/Repositories"_s
                                << QByteArray() << false;
}

void TestSandboxFaults::tooManyRequestsInVendorShape()
{
    QFETCH(QString, vendor);
    QFETCH(QString, path);
    QFETCH(QByteArray, retryAfter);
    QFETCH(bool, retryAfterInBody);
    addFault(vendor + u":status=429:count=3"_s);

    const VendorSimulator &simulator = vendor == "copper"_L1
        ? static_cast<const VendorSimulator &>(m_server->copper())
        : vendor == "devrev"_L1 ? static_cast<const VendorSimulator &>(m_server->devRev())
        : vendor == "pm415"_L1  ? static_cast<const VendorSimulator &>(m_server->pm415())
                                : static_cast<const VendorSimulator &>(m_server->laserfiche());
    QJsonObject expected = jsonObject(simulator.vendorError(429, u"Too Many Requests"_s).body);
    if (retryAfterInBody)
        expected.insert("retry_after"_L1, 1);

    for (int i = 0; i < 3; ++i) {
        const Reply reply = call("GET"_ba, path);
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.error, QNetworkReply::UnknownContentError);
        QCOMPARE(reply.header("Retry-After"), retryAfter);
        QCOMPARE(reply.json(), expected);
        QCOMPARE(reply.json().contains("retry_after"_L1), retryAfterInBody);
    }
    QVERIFY(call("GET"_ba, path).status != 429);
}

void TestSandboxFaults::retryAfterOverride()
{
    addFault(u"devrev:status=429:retry_after=7:count=1"_s);
    addFault(u"copper:status=503:retry_after=30:count=1"_s);

    const Reply devRev = call("POST"_ba, u"/devrev/links.create"_s, "{}"_ba);
    QCOMPARE(devRev.status, 429);
    QCOMPARE(devRev.header("Retry-After"), "7"_ba);
    QCOMPARE(devRev.json().value("retry_after"_L1).toInt(), 7);
    QVERIFY(!devRev.header("Retry-After").contains(',')); // replaced, not added twice ("7, 7")

    const Reply copper = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(copper.status, 503);
    QCOMPARE(copper.header("Retry-After"), "30"_ba);
    QVERIFY(!copper.json().contains("retry_after"_L1)); // only DevRev's body has it
}

void TestSandboxFaults::expiredTokenInVendorShape_data()
{
    QTest::addColumn<QString>("vendor");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("type"); // DevRev's error type; empty: the vendor's own
    QTest::addColumn<QByteArray>("challenge"); // WWW-Authenticate; null: none

    // Written out again here so that the test does not trust the table under test.
    QTest::newRow("copper") << u"copper"_s << u"/copper/developer_api/v1/users/me"_s
                            << u"Invalid API key or user email"_s << QString() << QByteArray();
    QTest::newRow("devrev") << u"devrev"_s << u"/devrev/links.list"_s << u"Token has expired"_s
                            << u"token_expired"_s << QByteArray();
    QTest::newRow("pm415") << u"pm415"_s << u"/pm415/api/user/orgs"_s
                           << u"Authentication required"_s << QString() << QByteArray();
    QTest::newRow("laserfiche")
        << u"laserfiche"_s << u"/laserfiche/repository/v2/Repositories"_s
        << u"Access token is invalid or expired."_s << QString()
        << R"(Bearer error="invalid_token", error_description="The token expired")"_ba;
}

void TestSandboxFaults::expiredTokenInVendorShape()
{
    QFETCH(QString, vendor);
    QFETCH(QString, path);
    QFETCH(QString, message);
    QFETCH(QString, type);
    QFETCH(QByteArray, challenge);
    addFault(vendor + u":expired"_s);

    const Reply reply = call("GET"_ba, path);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.error, QNetworkReply::AuthenticationRequiredError);
    QVERIFY2(reply.body.contains(message.toUtf8()), reply.body.constData());
    QCOMPARE(reply.header("WWW-Authenticate"), challenge);
    const VendorSimulator &simulator = vendor == "copper"_L1
        ? static_cast<const VendorSimulator &>(m_server->copper())
        : vendor == "devrev"_L1 ? static_cast<const VendorSimulator &>(m_server->devRev())
        : vendor == "pm415"_L1  ? static_cast<const VendorSimulator &>(m_server->pm415())
                                : static_cast<const VendorSimulator &>(m_server->laserfiche());
    QJsonObject expected = jsonObject(simulator.vendorError(401, message).body);
    if (!type.isEmpty())
        expected.insert("type"_L1, type);
    QCOMPARE(reply.json(), expected);
}

void TestSandboxFaults::messageOverride()
{
    addFault(u"copper:status=500:message=Database: on fire:count=1"_s);
    const Reply reply = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(reply.status, 500);
    QCOMPARE(reply.json(),
             jsonObject(m_server->copper().vendorError(500, u"Database: on fire"_s).body));
}

void TestSandboxFaults::latency()
{
    const Reply normal = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(normal.status, 200);

    addFault(u"copper:GET:users/me:latency=300"_s);
    const Reply late = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(late.status, 200);
    QCOMPARE(late.body, normal.body);
    QVERIFY2(late.elapsedMs >= 300, qPrintable(QString::number(late.elapsedMs)));
}

void TestSandboxFaults::latencyDoesNotBlockTheServer()
{
    // A minute of latency on one request: another one is answered meanwhile, so the server's
    // event loop is free; the slow one is still pending, and aborting it harms nothing.
    addFault(u"copper:GET:users/me:latency=60000"_s);
    std::unique_ptr<QNetworkReply> slow(start("GET"_ba, Copper + u"users/me"_s));
    const Reply other = call("GET"_ba, Copper + u"account"_s);
    QCOMPARE(other.status, 200);
    QVERIFY(!slow->isFinished());
    slow->abort();
    m_server->clearFaults();
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 200);
}

void TestSandboxFaults::truncate()
{
    const Reply normal = call("GET"_ba, Copper + u"users/me"_s);
    QVERIFY(normal.isJson());
    QVERIFY(normal.body.size() > 20);

    addFault(u"copper:users/me:truncate=0.5:count=1"_s);
    const Reply cut = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(cut.error, QNetworkReply::NoError); // a complete HTTP response ...
    QCOMPARE(cut.status, 200);
    const qsizetype kept = normal.body.size() / 2;
    QCOMPARE(cut.header("Content-Length"), QByteArray::number(kept));
    QCOMPARE(cut.body, normal.body.first(kept));
    QVERIFY(!cut.isJson()); // ... with malformed JSON
}

void TestSandboxFaults::resetMidBody()
{
    const Reply normal = call("GET"_ba, Copper + u"users/me"_s);
    addFault(u"copper:users/me:reset=0.5:count=1"_s);

    const Reply reset = call("GET"_ba, Copper + u"users/me"_s);
    QVERIFY(reset.finished);
    QCOMPARE(reset.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(reset.status, 200); // the head arrived ...
    QCOMPARE(reset.header("Content-Length"), QByteArray::number(normal.body.size()));
    QVERIFY(reset.body.size() < normal.body.size()); // ... not all of the body
    QVERIFY(normal.body.startsWith(reset.body));

    // The same bytes on a raw connection: the whole head, half the body, then the end.
    addFault(u"copper:users/me:reset=0.5:count=1"_s);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write(rawRequest("GET"_ba, Copper + u"users/me"_s));
    QByteArray received;
    while (waitForMore(socket))
        received += socket.readAll();
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    QVERIFY(headEnd > 0);
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(received.first(headEnd).contains(
        QByteArray("Content-Length: " + QByteArray::number(normal.body.size()))));
    QCOMPARE(received.sliced(headEnd + 4), normal.body.first(normal.body.size() / 2));
}

void TestSandboxFaults::trickle()
{
    const Reply normal = call("GET"_ba, Copper + u"users/me"_s);
    const qsizetype chunk = std::max<qsizetype>(1, normal.body.size() / 4);
    const int interval = 30;
    const qsizetype pieces = (normal.body.size() + chunk - 1) / chunk;
    QVERIFY(pieces >= 4);

    addFault(u"copper:users/me:trickle=%1:chunk=%2"_s.arg(interval).arg(chunk));
    const Reply slow = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(slow.error, QNetworkReply::NoError);
    QCOMPARE(slow.status, 200);
    QCOMPARE(slow.body, normal.body);
    QVERIFY2(slow.elapsedMs >= pieces * interval, qPrintable(QString::number(slow.elapsedMs)));
    QVERIFY2(slow.readyReads >= 2, qPrintable(QString::number(slow.readyReads)));
}

void TestSandboxFaults::drop()
{
    // On a raw connection: not a byte, then the end.
    addFault(u"copper:users/me:drop:count=1"_s);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write(rawRequest("GET"_ba, Copper + u"users/me"_s));
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    QVERIFY(disconnected.wait(10000));
    QCOMPARE(socket.readAll(), QByteArray());

    // A Qt client gives up after its own resends.
    addFault(u"copper:users/me:drop"_s);
    const Reply dropped = call("GET"_ba, Copper + u"users/me"_s);
    QVERIFY(dropped.finished);
    QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(dropped.status, 0);
}

void TestSandboxFaults::dropOnceIsResentByQt()
{
    // Documented in sandboxfaults.h: QNetworkAccessManager resends a request whose connection
    // closed before any answer, so one drop:after can apply a write twice. A test that wants a
    // Qt client to see the drop needs count >= 3.
    const auto [person, opportunity] = unrelatedPair();
    QVERIFY(person != 0);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 200); // a connection to reuse
    addFault(u"copper:POST:people/*/related:drop:after:count=1"_s);
    const QByteArray body = toJson(
        {{"resource"_L1, QJsonObject{{"id"_L1, opportunity}, {"type"_L1, "opportunity"_L1}}}});
    const Reply reply = call("POST"_ba, Copper + u"people/%1/related"_s.arg(person), body);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.status, 200);
    QVERIFY(m_server->faults().isEmpty());
    QVERIFY(related(person, opportunity));
}

void TestSandboxFaults::redirect_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");

    QTest::newRow("another host, same path")
        << u"copper:redirect=http://127.0.0.2:9"_s << 302
        << "http://127.0.0.2:9/copper/developer_api/v1/users/me?page=2"_ba;
    QTest::newRow("given path, 301") << u"copper:code=301:redirect=https://evil.example/steal"_s
                                     << 301 << "https://evil.example/steal"_ba;
    QTest::newRow("307") << u"copper:redirect=http://localhost:1/:code=307"_s << 307
                         << "http://localhost:1/copper/developer_api/v1/users/me?page=2"_ba;
}

void TestSandboxFaults::redirect()
{
    QFETCH(QString, spec);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    addFault(spec);
    const Reply reply = call("GET"_ba, Copper + u"users/me?page=2"_s, {}, true);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("Location"), location);
    QVERIFY(reply.body.isEmpty());
}

// --- Before or after the simulator ----------------------------------------------------------

void TestSandboxFaults::beforeOrAfter_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<bool>("applied");
    QTest::addColumn<int>("status"); // what the client sees; 0: no HTTP status
    QTest::addColumn<bool>("networkError");

    QTest::newRow("status=503") << u"status=503"_s << false << 503 << true;
    QTest::newRow("status=503:after") << u"status=503:after"_s << true << 503 << true;
    QTest::newRow("status=429") << u"status=429"_s << false << 429 << true;
    QTest::newRow("expired") << u"expired"_s << false << 401 << true;
    QTest::newRow("redirect") << u"redirect=http://127.0.0.2:9"_s << false << 302 << false;
    QTest::newRow("drop") << u"drop"_s << false << 0 << true;
    QTest::newRow("drop:after") << u"drop:after"_s << true << 0 << true;
    QTest::newRow("latency") << u"latency=50"_s << true << 200 << false;
    QTest::newRow("truncate") << u"truncate=0.3"_s << true << 200 << false;
    QTest::newRow("reset") << u"reset=0.3"_s << true << 200 << true;
    QTest::newRow("trickle") << u"trickle=5:chunk=8"_s << true << 200 << false;
}

void TestSandboxFaults::beforeOrAfter()
{
    QFETCH(QString, fault);
    QFETCH(bool, applied);
    QFETCH(int, status);
    QFETCH(bool, networkError);

    const auto [person, opportunity] = unrelatedPair();
    QVERIFY(person != 0);
    addFault(u"copper:POST:people/*/related:"_s + fault);
    const QByteArray body = toJson(
        {{"resource"_L1, QJsonObject{{"id"_L1, opportunity}, {"type"_L1, "opportunity"_L1}}}});
    const Reply reply = call("POST"_ba, Copper + u"people/%1/related"_s.arg(person), body, true);
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.error != QNetworkReply::NoError, networkError);
    QCOMPARE(related(person, opportunity), applied);
}

// --- Selecting and counting -----------------------------------------------------------------

void TestSandboxFaults::countIsUsedUp()
{
    addFault(u"copper:users/me:status=429:count=2"_s);
    QCOMPARE(m_server->faults().rules().size(), 1);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 429);
    QCOMPARE(m_server->faults().rules().first().count, 1);
    // A request the rule does not match leaves its count alone.
    QCOMPARE(call("GET"_ba, Copper + u"account"_s).status, 200);
    QCOMPARE(m_server->faults().rules().first().count, 1);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 429);
    QVERIFY(m_server->faults().isEmpty());
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 200);

    // Without a count, it goes on until cleared.
    addFault(u"copper:users/me:status=503"_s);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 503);
    QCOMPARE(m_server->faults().rules().first().count, -1);
}

void TestSandboxFaults::vendorMethodAndPathSelect()
{
    addFault(u"devrev:status=503"_s);
    addFault(u"copper:POST:users/search:status=502"_s);
    addFault(u"copper:GET:people/*:status=504"_s);

    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 200); // other vendor's rule
    QCOMPARE(call("POST"_ba, Copper + u"users/search"_s, "{}"_ba).status, 502);
    QCOMPARE(call("GET"_ba, Copper + u"people/1"_s).status, 504);
    QVERIFY(call("GET"_ba, Copper + u"people/1/related"_s).status != 504); // one segment only
    QVERIFY(call("POST"_ba, Copper + u"people/search"_s, "{}"_ba).status != 504); // GET only
    QCOMPARE(call("POST"_ba, u"/devrev/links.list"_s, "{}"_ba).status, 503);
    QVERIFY(call("GET"_ba, u"/pm415/api/user/orgs"_s).status != 503);

    m_server->clearFaults();
    addFault(u"*:GET:status=500"_s);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 500);
    QCOMPARE(call("GET"_ba, u"/pm415/api/user/orgs"_s).status, 500);
    QCOMPARE(call("GET"_ba, u"/laserfiche/repository/v2/Repositories"_s).status, 500);
    QVERIFY(call("POST"_ba, Copper + u"users/search"_s, "{}"_ba).status != 500);
    // Outside every vendor's prefix, no rule applies.
    QCOMPARE(call("GET"_ba, u"/nowhere"_s).status, 404);

    // A C++ rule, no spec involved.
    m_server->clearFaults();
    SandboxFault fault;
    fault.vendor = u"laserfiche"_s;
    fault.method = "GET"_ba;
    fault.path = u"/v2/Repositories/*/Entries/*/Links"_s;
    fault.status = 502;
    fault.count = 1;
    m_server->addFault(fault);
    QCOMPARE(call("GET"_ba, u"/laserfiche/repository/v2/Repositories/r1/Entries/1/Links"_s).status,
             502);
    QVERIFY(m_server->faults().isEmpty());
}

void TestSandboxFaults::firstMatchingRuleWins()
{
    addFault(u"copper:users/me:status=429:count=1"_s);
    addFault(u"copper:status=503:count=2"_s);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 429);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 503);
    QCOMPARE(call("GET"_ba, Copper + u"account"_s).status, 503);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 200);
}

void TestSandboxFaults::clearFaults()
{
    addFault(u"copper:status=503"_s);
    addFault(u"copper:latency=5"_s);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 503);
    m_server->clearFaults();
    QVERIFY(m_server->faults().isEmpty());
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 200);
}

void TestSandboxFaults::dispatchAppliesAnswerFaultsOnly()
{
    const SandboxRequest request = copperRequest("GET"_ba, u"users/me"_s);
    addFault(u"copper:latency=100:count=1"_s);
    addFault(u"copper:status=503:count=1"_s);
    QCOMPARE(m_server->dispatch(request).status, 503); // the latency rule is skipped ...
    QCOMPARE(m_server->dispatch(request).status, 200);
    QCOMPARE(m_server->faults().rules().size(), 1); // ... and keeps its count
    QCOMPARE(m_server->faults().rules().first().kind, SandboxFault::Kind::Latency);
}

// --- The connection after a fault -----------------------------------------------------------

void TestSandboxFaults::keepAliveAfterTruncate()
{
    const Reply normal = call("GET"_ba, Copper + u"users/me"_s);
    addFault(u"copper:users/me:truncate=0.5:count=1"_s);

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(10000));
    QByteArray buffer;
    socket.write(rawRequest("GET"_ba, Copper + u"users/me"_s));
    const auto cut = readResponse(socket, buffer);
    QVERIFY(cut);
    QCOMPARE(cut->status, 200);
    QCOMPARE(cut->body, normal.body.first(normal.body.size() / 2));

    // The same connection answers the next request in full.
    socket.write(rawRequest("GET"_ba, Copper + u"users/me"_s));
    const auto whole = readResponse(socket, buffer);
    QVERIFY(whole);
    QCOMPARE(whole->status, 200);
    QCOMPARE(whole->body, normal.body);
    QVERIFY(buffer.isEmpty());
}

void TestSandboxFaults::pipelinedAnswersStayInOrder()
{
    const Reply me = call("GET"_ba, Copper + u"users/me"_s);
    const Reply account = call("GET"_ba, Copper + u"account"_s);
    QVERIFY(me.body != account.body);
    addFault(u"copper:users/me:latency=200:count=1"_s);

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(10000));
    socket.write(rawRequest("GET"_ba, Copper + u"users/me"_s)
                 + rawRequest("GET"_ba, Copper + u"account"_s));
    QByteArray buffer;
    const auto first = readResponse(socket, buffer);
    const auto second = readResponse(socket, buffer);
    QVERIFY(first && second);
    QCOMPARE(first->body, me.body);
    QCOMPARE(second->body, account.body);
}

void TestSandboxFaults::normalRequestsStillWork()
{
    const Reply before = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(before.status, 200);

    // Faults on one path leave the others alone, before and after they strike.
    addFault(u"copper:account:reset=0.5"_s);
    addFault(u"copper:users/search:truncate=0.1"_s);
    QCOMPARE(call("GET"_ba, Copper + u"account"_s).error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).body, before.body);
    QVERIFY(!call("POST"_ba, Copper + u"users/search"_s, "{}"_ba).isJson());
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).body, before.body);
    QCOMPARE(call("GET"_ba, Copper + u"account"_s).error, QNetworkReply::RemoteHostClosedError);
    const Reply after = call("GET"_ba, Copper + u"users/me"_s);
    QCOMPARE(after.error, QNetworkReply::NoError);
    QCOMPARE(after.body, before.body);
}

void TestSandboxFaults::exchangeLogNamesTheFault()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"exchanges.jsonl"_s);
    QVERIFY(m_server->setExchangeLog(path));
    addFault(u"copper:users/me:status=503:after:count=1"_s);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 503);
    QCOMPARE(call("GET"_ba, Copper + u"users/me"_s).status, 200);
    m_server->setExchangeLog({});

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(jsonObject(lines.at(0)).value("fault"_L1).toString(),
             u"copper:users/me:status=503:after:count=1"_s);
    QCOMPARE(jsonObject(lines.at(0)).value("status"_L1).toInt(), 503);
    QVERIFY(!jsonObject(lines.at(1)).contains("fault"_L1));
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandboxfaults.moc"
