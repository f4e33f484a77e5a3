#pragma once

#include "sandbox/devrevworld.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/vendorsimulator.h"

#include <variant>

class SandboxClock;

/// DevRev's REST API (api.devrev.ai) over a DevRevWorld: every path is one segment below the
/// vendor prefix, e.g. POST /devrev/links.create. Seed 002, VENDORS.md and the OpenAPI documents
/// devrev-public.openapi.yaml / devrev-beta.openapi.yaml are the authority; every answer
/// validates against them (tests/sandbox/validate_exchanges.py).
///
/// Served (GET with query parameters and POST with a JSON body wherever the spec has both):
/// dev-users.self, dev-users.list, rev-users.list (filter rev_org), rev-orgs.list,
/// accounts.list, parts.list (filter type), works.list (filter type), works.get; POST
/// links.create (201 {link}), links.get (also GET), links.list (also GET), links.delete (200 {}),
/// links.replace (201 {link}); beta link-types.custom.list (filters is_deprecated, deprecated,
/// name). Anything else: 404 not_found; a known endpoint with the wrong method: 400 bad_request
/// (the specs document no 405).
///
/// Always: `Authorization: Bearer <token>` (401 unauthenticated otherwise), then the rate limit:
/// DefaultRateLimit requests per user in any 5-minute window; every answer carries
/// X-Ratelimit-Limit, X-Ratelimit-Remaining and X-Ratelimit-Reset (epoch seconds when the
/// oldest counted request leaves the window); beyond it 429 with Retry-After (seconds) and
/// {"type":"too_many_requests","message":...,"retry_after":N}.
/// Errors are {type, message, detail?, ...} with the spec's types and status codes: 400 for
/// every refusal of a request (the spec's links.create/links.replace/links.list list no 404 or
/// 409), 404 not_found from works.get, links.get and links.delete.
///
/// Behaviour the documents leave open, as chosen here:
/// - A request without a valid token is answered 401 before it is counted, and without
///   X-Ratelimit headers (there is no user to count it against). Every other answer, errors
///   included, is counted.
/// - A POST body over MaxBodySize: 413 request_entity_too_large with max_bytes (only the beta
///   spec documents 413; the public API is assumed to behave the same).
/// - State files (--state) hold the whole world: objects, custom link types and links.
/// - The token may also come without the "Bearer " prefix (DevRev's own examples send it bare).
/// - X-Devrev-Scope: beta selects the beta API; absent (or "public") the public one; any other
///   value: 400 invalid_api_version. A beta-only endpoint without it: 400 invalid_api_version
///   {"value":"public"}. The public API serves only what its spec knows: works of type issue
///   and ticket (works.list type=task: 400 invalid_enum_value; works.get of a task: 404), and
///   links between kinds its link-endpoint-type lists (no task, opportunity, account or
///   code_change end): other links are left out of links.list, links.get says 404, links.create
///   refuses them as unexpected_id_type. A client that needs them sends the beta scope.
/// - Ids: DON ids (don:core:dvrv-us-1:devo/1:issue/12) or display ids (ISS-12) wherever an
///   object id is taken; link ids are DON ids only. Not an id at all: 400 invalid_id; an
///   unknown object in links.create/links.replace: 400 invalid_id; in links.list: 200 and no
///   links; links.replace of an unknown link: 400 invalid_id (field "id").
/// - Missing required fields: missing_required_field (link_type too, as the spec requires it);
///   a JSON value of the wrong type: unexpected_json_type; a body that is not JSON:
///   parse_error; a value outside an enum: invalid_enum_value; a bad limit or cursor:
///   invalid_field. A POST whose Content-Type is present and not JSON: invalid_content_type.
///   Unknown parameters are ignored. Array query parameters may repeat or be comma-separated.
/// - Link rules and their error types: see DevRevWorld. A duplicate link: bad_request.
/// - links.replace checks the new link as if the old one were gone, then deletes the old one
///   and creates the new one with a new id (201 {link}); the spec lists no custom_link_type for
///   it, but one is accepted.
/// - Lists: creation order (links by number), `limit` default 50, at most 100 (more is
///   clamped, below 1 refused); `next_cursor` absent at the end; `mode` after (default) or
///   before; `prev_cursor` when items precede the page. Cursors are opaque.
/// - custom link types are never deleted; a deprecated one keeps its links and refuses new
///   ones; is_deprecated=true lists only deprecated types, false only the others.
/// - No 301: ids never change in the sandbox.
class DevRevSandbox : public VendorSimulator
{
public:
    static constexpr int DefaultRateLimit = 1000;
    static constexpr qint64 RateWindowMs = 5 * 60 * 1000;
    static constexpr int DefaultPageSize = 50;
    static constexpr int MaxPageSize = 100;
    /// Request bodies above this answer 413 request_entity_too_large with max_bytes.
    static constexpr int MaxBodySize = 256 * 1024;
    static constexpr auto DefaultToken = "sandbox-devrev-pat"; ///< SandboxServer::DevRevToken

    /// `token`: the only valid personal access token, owned by the first dev user.
    DevRevSandbox(const SandboxClock &clock, quint32 seed, int scale,
                  QByteArray token = QByteArray(DefaultToken));

    SandboxResponse handle(const SandboxRequest &request) override;
    SandboxResponse vendorError(int status, const QString &message) const override;
    QJsonObject saveState() const override;
    bool restoreState(const QJsonObject &state, QString *error) override;

    /// Requests per user and 5-minute window; 0 or less: no limit (and no X-Ratelimit headers).
    void setRateLimit(int perWindow);
    int rateLimit() const { return m_limiter.limit(); }

    DevRevWorld &world() { return m_world; }
    const DevRevWorld &world() const { return m_world; }
    /// The dev user who owns the token (dev-users.self).
    const DevRevObject &owner() const;

    struct Call;
    struct Endpoint;

    // The endpoints (public so that the table in the .cpp can name them).
    SandboxResponse self(const Call &call);
    SandboxResponse listObjects(const Call &call);
    SandboxResponse getWork(const Call &call);
    SandboxResponse createLink(const Call &call);
    SandboxResponse listLinks(const Call &call);
    SandboxResponse getLink(const Call &call);
    SandboxResponse deleteLink(const Call &call);
    SandboxResponse replaceLink(const Call &call);
    SandboxResponse listCustomLinkTypes(const Call &call);

private:
    SandboxResponse route(const SandboxRequest &request);
    std::variant<const DevRevLink *, SandboxResponse> findLink(const Call &call) const;
    std::variant<DevRevWorld::LinkRequest, SandboxResponse> linkRequest(const Call &call) const;
    SandboxResponse writeLink(const Call &call, qint64 replacing);
    bool isVisible(const DevRevLink &link, DevRevKinds visible) const;

    const SandboxClock &m_clock;
    QByteArray m_token;
    RateLimiter m_limiter;
    DevRevWorld m_world;
};
