#pragma once

#include "sandbox/copperworld.h"
#include "sandbox/sandboxrequest.h"
#include "sandbox/vendorsimulator.h"

/// Copper's developer API (v1) over a CopperWorld: authentication, record search and Related
/// Items (seed 001). Paths are relative to /developer_api/v1.
///
/// Served: GET users/me, POST users/search, GET account, POST {entity}/search,
/// GET {entity}/{id}, GET {entity}/{id}/related[/{entity}], POST and DELETE {entity}/{id}/related.
/// Not served (404): create/update/delete of records, activities, custom fields, Connect Fields
/// (related_links), webhooks, rate limits.
///
/// Behaviour the seeds do not state, as chosen here:
/// - Credentials (token or user e-mail) missing or wrong: 401. X-PW-Application missing or not
///   "developer_api": 400. Auth is checked before routing, as a real gateway would.
/// - Error bodies: {"success":false,"status":N,"message":"..."} for requests the API understood
///   (auth, validation, an unknown record id: "Resource not found"); {"error":"not_found"} for
///   paths Copper has no route for (unknown entity, unknown endpoint, wrong method).
/// - A JSON body that does not parse: 400. A body of the wrong shape or value: 422.
/// - Relating an already related pair: 200 {"added":true,...} with no change (idempotent).
///   Removing a pair that is not related: 200 {"removed":false,...}.
/// - A disallowed pair, or a limit that would be exceeded, in either direction: 422.
/// - GET {entity}/{id}/related/{other} for a disallowed pair: 422.
/// - Search: no body or an empty one means the defaults; unknown keys are ignored; "ids": []
///   matches nothing; default order is by id; ties always break by id ascending; X-PW-TOTAL is
///   the exact number of matches; results past 100,000 are not served.
class CopperSandbox : public VendorSimulator
{
public:
    static constexpr int MaxPageSize = 200;
    static constexpr int DefaultPageSize = 20;
    static constexpr int MaxSearchResults = 100'000;

    CopperSandbox(QByteArray apiKey, QByteArray userEmail, quint32 seed);

    SandboxResponse handle(const SandboxRequest &request) override;
    SandboxResponse vendorError(int status, const QString &message) const override;
    QJsonObject saveState() const override;
    bool restoreState(const QJsonObject &state, QString *error) override;

    CopperWorld &world() { return m_world; }
    const CopperWorld &world() const { return m_world; }

private:
    SandboxResponse search(const SandboxRequest &request, CopperEntity entity) const;
    SandboxResponse listRelated(CopperRef ref, std::optional<CopperEntity> only) const;
    SandboxResponse changeRelated(const SandboxRequest &request, CopperRef ref, bool add);
    SandboxResponse searchUsers(const SandboxRequest &request) const;

    QByteArray m_apiKey;
    QByteArray m_userEmail;
    CopperWorld m_world;
};
