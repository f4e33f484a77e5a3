#pragma once

#include "sandbox/responsewriter.h"
#include "sandbox/sandboxrequest.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

class VendorSimulator;

/// One fault rule of the sandbox: which requests it hits, what happens to them, how many times.
///
/// A rule hits a request when the vendor matches ("*": any), the method matches (empty: any)
/// and the path matches (empty: any). The path is a pattern of '/'-separated segments below the
/// vendor's prefix (/copper/developer_api/v1, /devrev, /pm415/api, /laserfiche), compared with
/// the request's decoded segments, case-insensitively: `*` in a segment stands for any run of
/// characters within that segment, a segment `**` for any number of segments. For Laserfiche,
/// whose prefix holds two servers, a pattern may also start below the connector's base URL
/// /laserfiche/repository: "/v2/Repositories/*/Entries/*/Links" and
/// "/repository/v2/Repositories/*/Entries/*/Links" are the same rule; "/signin/oauth/token"
/// is the sign-in server's token endpoint.
///
/// Whether a fault strikes before the simulator sees the request (its state is unchanged) or
/// after (it did the work, but the client does not learn of it: the case in which a retried
/// write could duplicate a link) is part of each kind:
///
///   kind          when                spec            what the client sees
///   Status        before, or after    status=N[:after]    N (400..599) in the vendor's error shape
///   ExpiredToken  before              expired         401 as the vendor answers an expired token
///   Redirect      before              redirect=URL    `status` (3xx) with Location: URL
///   Drop          before, or after    drop[:after]    the connection closes without any answer
///   Latency       after               latency=MS      the normal answer, MS ms late
///   Truncate      after               truncate[=F]    a complete response whose body is cut to
///                                                     the first F (0 <= F < 1, default 0.5) of
///                                                     it, Content-Length the cut size: malformed
///                                                     JSON
///   Reset         after               reset[=F]       status line, headers with the whole
///                                                     Content-Length, F of the body (default
///                                                     0.5), then the connection is aborted
///   Trickle       after               trickle=MS      the normal answer, its body in pieces of
///                                                     `chunkBytes` (chunk=N, default 64), one
///                                                     every MS ms
///
/// Note that QNetworkAccessManager silently resends a request once when a reused connection
/// closes before any byte of the answer (Drop): a single dropped request can thus go unnoticed
/// by a Qt client, or (with drop:after) make the simulator apply a write twice. Drop with a
/// count of 3 or more (or none) reaches a Qt client as RemoteHostClosedError.
///
/// Vendor shapes: Status, ExpiredToken and the 429s come from VendorSimulator::vendorError(),
/// decorated as each vendor's real server does (see sandboxfaults.cpp, VendorShapes): DevRev's
/// 429 carries Retry-After and the body's retry_after (1 s unless retryAfterSeconds says), and
/// its expired token the type token_expired; Copper's and pm415's 429s carry no Retry-After
/// (Copper documents none; pm415 has no rate limit), nor Laserfiche's (unconfirmed: clients must
/// back off regardless); retryAfterSeconds >= 0 adds one to any Status answer.
struct SandboxFault
{
    enum class Kind { Status, ExpiredToken, Redirect, Drop, Latency, Truncate, Reset, Trickle };

    Kind kind = Kind::Status;
    QString vendor = QStringLiteral("*"); ///< copper, devrev, pm415, laserfiche or *
    QByteArray method; ///< upper case ("GET"); empty: any method
    QString path; ///< the pattern described above; empty: any path
    int count = -1; ///< requests it still hits; -1: every matching request, until cleared
    bool after = false; ///< Status and Drop: strike after the simulator ran
    int status = 503; ///< Status: 400..599; Redirect: 301, 302, 303, 307 or 308
    int delayMs = 0; ///< Latency: before the answer; Trickle: between pieces of the body
    int chunkBytes = 64; ///< Trickle
    double fraction = 0.5; ///< Truncate and Reset: share of the body written, 0 <= F < 1
    int retryAfterSeconds = -1; ///< Status: Retry-After (and DevRev's retry_after); -1: default
    QString message; ///< Status and ExpiredToken: replaces the default message
    /// Redirect: the Location; when it has no path, the request's own path and query are added
    /// to it (the same resource on another host).
    QUrl location;

    /// A rule from its command-line form, `linkloom-sandbox --fault SPEC` (grammar in
    /// SandboxFaults::specHelp()), or std::nullopt with *error set.
    static std::optional<SandboxFault> parse(QStringView spec, QString *error = nullptr);
    /// The command-line form; parse(toString()) gives the same rule back.
    QString toString() const;

    bool strikesBeforeSimulator() const;
    /// Latency, Truncate, Reset, Trickle and Drop need a connection: dispatch() ignores them.
    bool needsConnection() const;
    /// Whether this rule's selectors (not its count) cover a request. `basePath`: the segments of
    /// the connector's base URL below the vendor prefix (["repository"] for Laserfiche).
    bool matches(QStringView vendor, QByteArrayView method, const QStringList &path,
                 const QStringList &basePath = {}) const;
    /// How the answer travels on the connection under this fault.
    ResponseDelivery delivery() const;
};

/// The fault rules of one SandboxServer, in the order they were added: the first rule that
/// hits a request applies, once (one fault per request), and uses up one of its count; a rule
/// whose count reaches 0 is removed.
class SandboxFaults
{
public:
    void add(const SandboxFault &fault) { m_rules.append(fault); }
    /// Adds SandboxFault::parse(spec); false (and *error set) if it does not parse.
    bool add(QStringView spec, QString *error = nullptr);
    void clear() { m_rules.clear(); }
    bool isEmpty() const { return m_rules.isEmpty(); }
    const QList<SandboxFault> &rules() const { return m_rules; }

    /// The rule that hits this request, its count taken; std::nullopt when none does.
    /// Without a connection, rules that need one are skipped (and keep their count).
    std::optional<SandboxFault> take(QStringView vendor, QByteArrayView method,
                                     const QStringList &path, const QStringList &basePath,
                                     bool withConnection);

    /// The answer of a fault that replaces the simulator's (Status, ExpiredToken, Redirect) in
    /// `vendor`'s shape; for a Drop before the simulator, status 0 and no body (nothing is
    /// written). `requestPath` is the full path of the request (with the vendor prefix).
    static SandboxResponse answer(const SandboxFault &fault, const VendorSimulator &simulator,
                                  QStringView vendor, const QString &requestPath,
                                  const QUrlQuery &query);

    /// The SPEC grammar, for linkloom-sandbox --help.
    static QString specHelp();

private:
    QList<SandboxFault> m_rules;
};
