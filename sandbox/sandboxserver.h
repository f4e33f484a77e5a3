#pragma once

#include "models/vendor.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxfaults.h"
#include "sandbox/sandboxrequest.h"

#include <QUrl>
#include <QtHttpServer/QAbstractHttpServer>

#include <memory>

class CopperSandbox;
class DevRevSandbox;
class LaserficheSandbox;
class Pm415Sandbox;
class QFile;
class VendorSimulator;

/// A faithful local simulator of the vendors' link APIs, served over HTTP on 127.0.0.1 only.
/// One port serves every vendor under its own path prefix:
///   Copper      http://127.0.0.1:<port>/copper/developer_api/v1/...
///   DevRev      http://127.0.0.1:<port>/devrev/...            (api.devrev.ai)
///   pm415       http://127.0.0.1:<port>/pm415/api/...         (pm415.com/api)
///   Laserfiche  http://127.0.0.1:<port>/laserfiche/repository/v2/...   (the Repository API)
///               http://127.0.0.1:<port>/laserfiche/signin/oauth/...    (authorize and token)
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
    static constexpr auto DevRevToken = "sandbox-devrev-pat";
    static constexpr auto Pm415ApiKey = "sandbox-pm415-key";
    /// Laserfiche's demo OAuth client: a public client (no secret), PKCE S256 required.
    static constexpr auto LaserficheClientId = "linkloom-desktop";
    static constexpr qsizetype MaxRequestBodySize = 1024 * 1024;

    /// `seed` chooses the deterministic demo world; `scale` 0 is the demo's few hundred records
    /// per vendor, N > 0 a generated world of about N records per vendor (for benchmarks).
    explicit SandboxServer(QObject *parent = nullptr, quint32 seed = 415, int scale = 0);
    ~SandboxServer() override;

    /// Listens on 127.0.0.1 (never another interface). Port 0 picks a free port. Returns the
    /// port, or 0 when it could not listen.
    quint16 start(quint16 port = 0);
    quint16 port() const;
    /// Serves HTTPS with the PEM certificate and private key in these files instead of plain
    /// HTTP (the live vendors' transport, for benchmarks that measure it); base URLs then say
    /// https. Call before start(). False, with `error` set, when a file cannot be read or does
    /// not hold a certificate or an unencrypted key.
    bool setTls(const QString &certificateFile, const QString &keyFile, QString *error);
    /// The base URL a connector for `vendor` uses, e.g. .../copper/developer_api/v1; an invalid
    /// QUrl for a vendor the sandbox does not simulate yet, or before start().
    QUrl baseUrl(Vendor vendor) const;

    /// The sign-in base of Laserfiche's OAuth server: <it>/oauth/authorize, <it>/oauth/token.
    QUrl laserficheSigninUrl() const;

    CopperSandbox &copper();
    DevRevSandbox &devRev();
    Pm415Sandbox &pm415();
    LaserficheSandbox &laserfiche();
    /// "Now" for every simulator; tests freeze and advance it.
    SandboxClock &clock() { return m_clock; }

    /// Turns off (false) every vendor's rate limit (Copper 180 a minute, DevRev 1000 in 5
    /// minutes, Laserfiche 100 a minute), or back on at the vendors' values (true, the default:
    /// the simulators enforce them as the live services do). Benchmarks turn them off so that
    /// they measure Linkloom rather than the limits (`linkloom-sandbox --no-rate-limits`).
    void setRateLimitsEnabled(bool enabled);

    /// Appends every request and answer, one JSON object a line ({vendor, method, path, query,
    /// status, body}), to `path`; an empty path stops. The spec-validation test reads it.
    /// LINKLOOM_SANDBOX_EXCHANGE_LOG in the environment sets it at construction.
    bool setExchangeLog(const QString &path);

    /// Answers one request without a socket; `request.path` holds every segment of the URL's
    /// path, the vendor prefix included. For benchmarks and tests that skip HTTP. Faults that
    /// need a connection (latency, truncate, reset, trickle, drop) do not apply here.
    SandboxResponse dispatch(SandboxRequest request);

    /// Fault injection (rules and their grammar: sandboxfaults.h): makes a vendor misbehave on
    /// chosen requests, from tests or from `linkloom-sandbox --fault SPEC`.
    void addFault(const SandboxFault &fault) { m_faults.add(fault); }
    /// Adds a rule in its command-line form; false (and *error set) if it does not parse.
    bool addFault(QStringView spec, QString *error = nullptr) { return m_faults.add(spec, error); }
    void clearFaults() { m_faults.clear(); }
    /// The rules still in force, with their remaining counts.
    const SandboxFaults &faults() const { return m_faults; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route;
    struct Exchange
    {
        SandboxResponse response;
        std::optional<SandboxFault> fault;
    };
    /// Routes one request to its simulator, with the fault rules that hit it.
    Exchange exchange(SandboxRequest request, bool withConnection);
    void recordExchange(const QString &vendor, const SandboxRequest &request,
                        const SandboxResponse &response, const SandboxFault *fault);
    QUrl urlFor(const QString &path) const;

    quint16 m_port = 0;
    bool m_tls = false;
    SandboxClock m_clock;
    std::unique_ptr<CopperSandbox> m_copper;
    std::unique_ptr<DevRevSandbox> m_devRev;
    std::unique_ptr<Pm415Sandbox> m_pm415;
    std::unique_ptr<LaserficheSandbox> m_laserfiche;
    std::vector<Route> m_routes;
    std::unique_ptr<QFile> m_exchangeLog;
    SandboxFaults m_faults;
};
