#include "sandbox/sandboxserver.h"

#include "sandbox/coppersandbox.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace {

constexpr QLatin1StringView CopperPrefix[] = {"copper"_L1, "developer_api"_L1, "v1"_L1};

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

void writeResponse(QHttpServerResponder responder, const SandboxResponse &response, bool head)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length"_ba, QByteArray::number(response.body.size()));
    responder.writeBody(head ? QByteArray() : response.body);
}

} // namespace

SandboxServer::SandboxServer(QObject *parent, quint32 seed)
    : QAbstractHttpServer(parent)
    , m_copper(
          std::make_unique<CopperSandbox>(QByteArray(CopperApiKey), QByteArray(CopperEmail), seed))
{ }

SandboxServer::~SandboxServer() = default;

quint16 SandboxServer::start(quint16 port)
{
    if (m_port == 0)
        m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

quint16 SandboxServer::port() const
{
    return m_port;
}

QUrl SandboxServer::baseUrl(Vendor vendor) const
{
    if (m_port == 0 || vendor != Vendor::Copper)
        return {};
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setPath(u"/copper/developer_api/v1"_s);
    return url;
}

CopperSandbox &SandboxServer::copper()
{
    return *m_copper;
}

SandboxResponse SandboxServer::dispatch(SandboxRequest request)
{
    if (request.body.size() > MaxRequestBodySize) {
        return sandboxError(413, "payload_too_large"_L1,
                            u"Request bodies are limited to %1 bytes"_s.arg(MaxRequestBodySize));
    }
    const auto startsWith = [&request](const auto &prefix) {
        return request.path.size() >= qsizetype(std::size(prefix))
            && std::equal(std::begin(prefix), std::end(prefix), request.path.cbegin());
    };
    if (startsWith(CopperPrefix)) {
        request.path.remove(0, std::size(CopperPrefix));
        return m_copper->handle(request);
    }
    return sandboxError(404, "not_found"_L1,
                        u"No simulated vendor API at /%1"_s.arg(request.path.join(u'/')));
}

bool SandboxServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (!socket->isOpen())
        return true;
    const SandboxResponse response = dispatch({methodName(request.method()),
                                               request.url().path().split(u'/', Qt::SkipEmptyParts),
                                               request.query(), request.headers(), request.body()});
    writeResponse(makeResponder(request, socket), response,
                  request.method() == QHttpServerRequest::Method::Head);
    return true;
}

void SandboxServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (socket->isOpen()) {
        writeResponse(makeResponder(request, socket),
                      sandboxError(404, "not_found"_L1, u"Not found"_s), false);
    }
}
