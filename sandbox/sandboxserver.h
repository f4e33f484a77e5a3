#pragma once

#include "models/vendor.h"
#include "sandbox/sandboxrequest.h"

#include <QUrl>
#include <QtHttpServer/QAbstractHttpServer>

#include <memory>

class CopperSandbox;

/// A faithful local simulator of the vendors' link APIs, served over HTTP on 127.0.0.1 only.
/// One port serves every vendor under its own path prefix:
///   Copper   http://127.0.0.1:<port>/copper/developer_api/v1/...
/// The data is a deterministic, seeded demo world, kept in memory.
///
/// Every path outside a vendor prefix answers 404 {"error":"not_found","message":...}; a request
/// body over MaxRequestBodySize answers 413 {"error":"payload_too_large",...} before any vendor
/// sees it (Qt 6.4 has already read the body by then: the limit protects the simulators, not
/// the memory).
class SandboxServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    /// The demo account's credentials, printed by linkloom-sandbox at start.
    static constexpr auto CopperEmail = "demo@linkloom.example";
    static constexpr auto CopperApiKey = "sandbox-copper-key";
    static constexpr qsizetype MaxRequestBodySize = 1024 * 1024;

    explicit SandboxServer(QObject *parent = nullptr, quint32 seed = 415);
    ~SandboxServer() override;

    /// Listens on 127.0.0.1 (never another interface). Port 0 picks a free port. Returns the
    /// port, or 0 when it could not listen.
    quint16 start(quint16 port = 0);
    quint16 port() const;
    /// The base URL a connector for `vendor` uses, e.g. .../copper/developer_api/v1; an invalid
    /// QUrl for a vendor the sandbox does not simulate yet, or before start().
    QUrl baseUrl(Vendor vendor) const;

    CopperSandbox &copper();

    /// Answers one request without a socket; `request.path` holds every segment of the URL's
    /// path, the vendor prefix included. For benchmarks and tests that skip HTTP.
    SandboxResponse dispatch(SandboxRequest request);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    quint16 m_port = 0;
    std::unique_ptr<CopperSandbox> m_copper;
};
