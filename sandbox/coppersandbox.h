#pragma once

#include "sandbox/copperworld.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/sandboxrequest.h"
#include "sandbox/vendorsimulator.h"

class SandboxClock;

/// Copper's developer API (v1) over a CopperWorld: authentication, record search, Related Items
/// (seed 001), custom field definitions and Connect Fields (seed 000), and the rate limit.
/// Paths are relative to /developer_api/v1.
///
/// Served: GET users/me, POST users/search, GET account, POST {entity}/search,
/// GET {entity}/{id}, GET {entity}/{id}/related[/{entity}], POST and DELETE {entity}/{id}/related,
/// GET custom_field_definitions[/{id}], GET and POST related_links, DELETE related_links/{id}.
/// Not served (404): create/update/delete of records and of field definitions, activities,
/// webhooks, bulk APIs.
///
/// Behaviour the seeds do not state, as chosen here:
/// - Credentials (token or user e-mail) missing or wrong: 401. X-PW-Application missing or not
///   "developer_api": 400. Auth is checked before routing, as a real gateway would.
/// - Error bodies: {"success":false,"status":N,"message":"..."} for requests the API understood
///   (auth, validation, an unknown record id: "Resource not found"); {"error":"not_found"} for
///   paths Copper has no route for (unknown entity, unknown endpoint, wrong method).
/// - A JSON body that does not parse: 400. A body or query of the wrong shape or value: 422.
/// - Rate limit: 180 requests in any rolling 60 s per API key, counted after authentication, for
///   every route (unknown ones too); refused requests do not count. Over it: 429 with the
///   {"success":false,...} body and no Retry-After (none is documented).
/// - Relating an already related pair: 200 {"added":true,...} with no change (idempotent).
///   Removing a pair that is not related: 200 {"removed":false,...}.
/// - A disallowed pair, or a limit that would be exceeded, in either direction: 422.
/// - GET {entity}/{id}/related/{other} for a disallowed pair: 422.
/// - Search: no body or an empty one means the defaults; unknown keys are ignored; "ids": []
///   matches nothing; default order is by id; ties always break by id ascending; X-PW-TOTAL is
///   the exact number of matches; results past 100,000 are not served.
/// - Custom field definitions: the documented fields (id, name, canonical_name, data_type,
///   available_on, is_filterable, options, currency); the documents do not say how a Connect
///   definition names what it connects to, so it carries "connected_entity_type" (a custom-field
///   type name such as "person", or "user") and available_on holds its one source type.
/// - related_links entity_type values are the seed's: "people", "lead", "opportunity",
///   "project", "user", and "company" (current documents) or "organization" (seed) for a
///   company: both are accepted, "company" is answered. "person" and "task" are refused (422).
/// - A link's source/target "name" is the record's (or user's) name; the seed's examples show
///   record ids as names, which we read as test records named so.
/// - Mirrors: creating A->B also creates B->A on the same definition with the next id (the seed's
///   delete answer lists two consecutive ids). Listing from B shows the mirror; deleting either
///   id deletes both and answers {"ids":[lower, higher],"is_deleted":true}. POST answers 200
///   with the new link (A->B).
/// - POST related_links checks, in order: body shape (422), definition known (422), definition
///   is Connect (422), source type is its available_on (422), target type is its
///   connected_entity_type (422; the mirror direction cannot be created directly), both records
///   exist (404), not the same record (422), not already connected on it either way (422).
/// - GET related_links: source_type and source_id are required (422); an unknown record is 404;
///   custom_field_definition_id, when given, must name a Connect definition (422). The list is
///   the links from that record in id order, unpaginated.
/// - Whether Copper really deletes the mirror with a link is unconfirmed (VENDORS.md: the
///   delete answer lists two ids, "probably" the link and its mirror). setDeleteKeepsMirror(true)
///   simulates the other reading: DELETE related_links/{id} then removes that link only, still
///   answering both ids; the other half stays listed from its source (keptMirrors()), is
///   deleted by its own id ({"ids":[id],...}) and makes its pair a duplicate for POST (422).
///   Kept halves are not part of world() nor of saveState(); restoreState() drops them.
class CopperSandbox : public VendorSimulator
{
public:
    static constexpr int MaxPageSize = 200;
    static constexpr int DefaultPageSize = 20;
    static constexpr int MaxSearchResults = 100'000;
    static constexpr int RequestsPerMinute = 180;

    /// `scale` 0: the demo account; N > 0: about N generated records (see populateCopperDemo).
    CopperSandbox(const SandboxClock &clock, QByteArray apiKey, QByteArray userEmail, quint32 seed,
                  int scale = 0);

    SandboxResponse handle(const SandboxRequest &request) override;
    SandboxResponse vendorError(int status, const QString &message) const override;
    /// The world (see CopperWorld::toJson); the rate-limit window is not part of it. Cached
    /// until the world changes, so an unchanged world is cheap to save and to compare.
    QJsonObject saveState() const override;
    bool restoreState(const QJsonObject &state, QString *error) override;

    /// Requests per rolling minute and API key; 0 or less: no limit. Clears the window.
    void setRateLimit(int requestsPerMinute);
    int rateLimit() const { return m_limiter.limit(); }

    /// See above: whether deleting a Connect link leaves its other half. Off by default.
    void setDeleteKeepsMirror(bool keep) { m_deleteKeepsMirror = keep; }
    /// The halves a deletion left (by id) while setDeleteKeepsMirror(true).
    const std::map<qint64, CopperLink> &keptMirrors() const { return m_keptMirrors; }

    CopperWorld &world()
    {
        m_state.reset(); // the caller may change it
        return m_world;
    }
    const CopperWorld &world() const { return m_world; }

private:
    SandboxResponse route(const SandboxRequest &request);
    SandboxResponse search(const SandboxRequest &request, CopperEntity entity) const;
    SandboxResponse listRelated(CopperRef ref, std::optional<CopperEntity> only) const;
    SandboxResponse changeRelated(const SandboxRequest &request, CopperRef ref, bool add);
    SandboxResponse searchUsers(const SandboxRequest &request) const;
    SandboxResponse fieldDefinitions(const QStringList &path) const;
    SandboxResponse listLinks(const QUrlQuery &query) const;
    SandboxResponse createLink(const SandboxRequest &request);
    SandboxResponse deleteLink(const QString &id);
    QJsonObject linkJson(const CopperLink &link) const;

    const SandboxClock &m_clock;
    QByteArray m_apiKey;
    QByteArray m_userEmail;
    CopperWorld m_world;
    RateLimiter m_limiter{RequestsPerMinute, 60'000};
    mutable std::optional<QJsonObject> m_state; // saveState() until the world changes
    bool m_deleteKeepsMirror = false;
    std::map<qint64, CopperLink> m_keptMirrors;
};
