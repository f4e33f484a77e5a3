#include "sandbox/sandboxserver.h"

#include "sandbox/coppersandbox.h"
#include "sandbox/devrevsandbox.h"
#include "sandbox/laserfichesandbox.h"
#include "sandbox/pm415sandbox.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using enum QHttpServerRequest::Method;
    switch (method) {
    case Get:
        return "GET"_ba;
    case Put:
        return "PUT"_ba;
    case Delete:
        return "DELETE"_ba;
    case Post:
        return "POST"_ba;
    case Head:
        return "HEAD"_ba;
    case Options:
        return "OPTIONS"_ba;
    case Patch:
        return "PATCH"_ba;
    case Connect:
        return "CONNECT"_ba;
    case Trace:
        return "TRACE"_ba;
    default:
        return "UNKNOWN"_ba;
    }
}

SandboxResponse sandboxError(int status, QLatin1StringView error, const QString &message)
{
    return SandboxResponse::json(status, QJsonObject{{"error"_L1, error}, {"message"_L1, message}});
}

/// The path of the base URL a connector for `vendor` uses (baseUrl()).
QString basePath(Vendor vendor)
{
    switch (vendor) {
    case Vendor::Copper:
        return u"/copper/developer_api/v1"_s;
    case Vendor::DevRev:
        return u"/devrev"_s;
    case Vendor::Pm415:
        return u"/pm415/api"_s;
    case Vendor::Laserfiche:
        return u"/laserfiche/repository"_s;
    }
    return {};
}

} // namespace

/// A vendor's path prefix and the simulator that answers below it.
struct SandboxServer::Route
{
    QString vendor;
    QStringList prefix;
    VendorSimulator *simulator;
};

SandboxServer::SandboxServer(QObject *parent, quint32 seed, int scale)
    : QAbstractHttpServer(parent)
    , m_copper(std::make_unique<CopperSandbox>(m_clock, QByteArray(CopperApiKey),
                                               QByteArray(CopperEmail), seed, scale))
    , m_devRev(std::make_unique<DevRevSandbox>(m_clock, seed, scale))
    , m_pm415(std::make_unique<Pm415Sandbox>(m_clock, seed, scale))
    , m_laserfiche(std::make_unique<LaserficheSandbox>(m_clock, seed, scale))
{
    m_routes = {
        {u"copper"_s, {u"copper"_s, u"developer_api"_s, u"v1"_s}, m_copper.get()},
        {u"devrev"_s, {u"devrev"_s}, m_devRev.get()},
        {u"pm415"_s, {u"pm415"_s, u"api"_s}, m_pm415.get()},
        {u"laserfiche"_s, {u"laserfiche"_s}, m_laserfiche.get()},
    };
    if (const QString log = qEnvironmentVariable("LINKLOOM_SANDBOX_EXCHANGE_LOG"); !log.isEmpty())
        setExchangeLog(log);
}

SandboxServer::~SandboxServer() = default;

quint16 SandboxServer::start(quint16 port)
{
    if (m_port == 0)
        m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

bool SandboxServer::setTls(const QString &certificateFile, const QString &keyFile, QString *error)
{
    const auto readFile = [error](const QString &path) -> std::optional<QByteArray> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
            return std::nullopt;
        }
        return file.readAll();
    };
    const auto certificatePem = readFile(certificateFile);
    const auto keyPem = certificatePem ? readFile(keyFile) : std::nullopt;
    if (!keyPem)
        return false;
    const QSslCertificate certificate(*certificatePem, QSsl::Pem);
    if (certificate.isNull()) {
        *error = u"%1 holds no PEM certificate"_s.arg(certificateFile);
        return false;
    }
    QSslKey key(*keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(*keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = u"%1 holds no unencrypted PEM RSA or EC private key"_s.arg(keyFile);
        return false;
    }
    sslSetup(certificate, key);
    m_tls = true;
    return true;
}

quint16 SandboxServer::port() const
{
    return m_port;
}

QUrl SandboxServer::urlFor(const QString &path) const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(m_tls ? u"https"_s : u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setPath(path);
    return url;
}

QUrl SandboxServer::baseUrl(Vendor vendor) const
{
    return urlFor(basePath(vendor));
}

QUrl SandboxServer::laserficheSigninUrl() const
{
    return urlFor(u"/laserfiche/signin"_s);
}

CopperSandbox &SandboxServer::copper()
{
    return *m_copper;
}

DevRevSandbox &SandboxServer::devRev()
{
    return *m_devRev;
}

Pm415Sandbox &SandboxServer::pm415()
{
    return *m_pm415;
}

LaserficheSandbox &SandboxServer::laserfiche()
{
    return *m_laserfiche;
}

void SandboxServer::setRateLimitsEnabled(bool enabled)
{
    m_copper->setRateLimit(enabled ? CopperSandbox::RequestsPerMinute : 0);
    m_devRev->setRateLimit(enabled ? DevRevSandbox::DefaultRateLimit : 0);
    m_laserfiche->rateLimiter().setLimit(enabled ? LaserficheSandbox::RateLimitPerMinute : 0);
    m_laserfiche->rateLimiter().reset();
}

bool SandboxServer::setExchangeLog(const QString &path)
{
    m_exchangeLog.reset();
    if (path.isEmpty())
        return true;
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        return false;
    m_exchangeLog = std::move(file);
    return true;
}

void SandboxServer::recordExchange(const QString &vendor, const SandboxRequest &request,
                                   const SandboxResponse &response, const SandboxFault *fault)
{
    if (!m_exchangeLog)
        return;
    QJsonObject line{
        {"vendor"_L1, vendor},
        {"method"_L1, QString::fromLatin1(request.method)},
        {"path"_L1, QString(u"/"_s + request.path.join(u'/'))},
        {"query"_L1, request.query.toString(QUrl::FullyDecoded)},
        {"status"_L1, response.status},
        {"contentType"_L1, QString::fromLatin1(response.header("Content-Type"))},
        {"body"_L1, QString::fromUtf8(response.body)},
    };
    // Request headers that choose how the vendor answers (never credentials): the validator
    // picks the spec by them (DevRev's beta scope).
    QJsonObject headers;
    for (const auto name : {"x-devrev-scope"_L1, "prefer"_L1}) {
        if (const QByteArray value = request.header(QByteArrayView(name.data(), name.size()));
            !value.isNull()) {
            headers.insert(name, QString::fromLatin1(value));
        }
    }
    if (!headers.isEmpty())
        line.insert("requestHeaders"_L1, headers);
    if (fault) // what the simulator (or the fault) answered, before the wire faults
        line.insert("fault"_L1, fault->toString());
    m_exchangeLog->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    m_exchangeLog->flush();
}

SandboxServer::Exchange SandboxServer::exchange(SandboxRequest request, bool withConnection)
{
    if (request.body.size() > MaxRequestBodySize) {
        return {sandboxError(413, "payload_too_large"_L1,
                             u"Request bodies are limited to %1 bytes"_s.arg(MaxRequestBodySize)),
                {}};
    }
    for (const Route &route : m_routes) {
        if (request.path.size() < route.prefix.size()
            || !std::equal(route.prefix.cbegin(), route.prefix.cend(), request.path.cbegin())) {
            continue;
        }
        Exchange result;
        const QString fullPath = u'/' + request.path.join(u'/');
        request.path.remove(0, route.prefix.size());
        if (!m_faults.isEmpty()) {
            const auto vendor = vendorFromId(route.vendor);
            const QStringList base = vendor
                ? basePath(*vendor).split(u'/', Qt::SkipEmptyParts).mid(route.prefix.size())
                : QStringList();
            result.fault
                = m_faults.take(route.vendor, request.method, request.path, base, withConnection);
        }
        const SandboxFault *fault = result.fault ? &*result.fault : nullptr;
        const auto faultAnswer = [&] {
            return SandboxFaults::answer(*fault, *route.simulator, route.vendor, fullPath,
                                         request.query);
        };
        if (fault && fault->strikesBeforeSimulator()) {
            result.response = faultAnswer();
        } else {
            result.response = route.simulator->handle(request);
            if (fault && fault->kind == SandboxFault::Kind::Status) // after
                result.response = faultAnswer();
        }
        recordExchange(route.vendor, request, result.response, fault);
        return result;
    }
    return {sandboxError(404, "not_found"_L1,
                         u"No simulated vendor API at /%1"_s.arg(request.path.join(u'/'))),
            {}};
}

SandboxResponse SandboxServer::dispatch(SandboxRequest request)
{
    return exchange(std::move(request), false).response;
}

bool SandboxServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (!socket->isOpen())
        return true;
    const Exchange result = exchange({methodName(request.method()),
                                      request.url().path().split(u'/', Qt::SkipEmptyParts),
                                      request.query(), request.headers(), request.body()},
                                     true);
    ResponseWriter::send(socket, result.response,
                         request.method() == QHttpServerRequest::Method::Head,
                         result.fault ? result.fault->delivery() : ResponseDelivery());
    return true;
}

void SandboxServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request)
    ResponseWriter::send(socket, sandboxError(404, "not_found"_L1, u"Not found"_s), false);
}
