#pragma once

#include "sandbox/laserficheoauth.h"
#include "sandbox/laserficheworld.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/sandboxrequest.h"
#include "sandbox/vendorsimulator.h"

class SandboxClock;

/// Laserfiche Cloud as the sandbox simulates it: the Repository API v2 (below /repository) over
/// a LaserficheWorld, and the OAuth sign-in server (below /signin/oauth, see LaserficheOAuth).
/// Spec: shared/specs/laserfiche-repository-v2.openapi.json; seed 004; VENDORS.md.
///
/// Served (paths below /repository, matched case-insensitively as ASP.NET routes are):
///   GET v2/Repositories
///   GET v2/Repositories/{repositoryId}/LinkDefinitions[/{linkDefinitionId}]
///   GET v2/Repositories/{repositoryId}/Entries/{entryId}
///   GET v2/Repositories/{repositoryId}/Entries/{entryId}/Folder/Children
///   GET and PUT v2/Repositories/{repositoryId}/Entries/{entryId}/Links
/// Not served: every other operation of the spec (404 ProblemDetails, like an unknown path);
/// a served path with another method answers 405 ProblemDetails with Allow.
///
/// Every call needs Authorization: Bearer <access token>; a missing, unknown or expired token
/// answers 401 (ProblemDetails, WWW-Authenticate: Bearer ...). GETs need the repository.Read
/// scope, PUT repository.Write: 403 otherwise. 100 calls a minute per account (rolling window,
/// every authenticated call counts, errors included): 429 ProblemDetails.
///
/// OData: collections take $select, $orderby (up to 5 "property [asc|desc]"), $top, $skip,
/// $count and the Prefer header's maxpagesize (or odata.maxpagesize); the page size used is
/// echoed in Preference-Applied, and @odata.nextLink (present while more remains) repeats the
/// query with a $skiptoken. Single entities take $select. Other system query options ($filter,
/// $expand, $search, ...) answer 400, as options an endpoint does not allow do. Children also
/// take groupByEntryType and fields (at most 10 names; first value only); formatFieldValues
/// and culture are accepted and ignored.
///
/// Behaviour the documents do not state, as chosen here:
/// - Error bodies are ProblemDetails {type, title, status, detail, instance, operationId,
///   errorSource, errorCode, traceId} with Content-Type application/problem+json (ASP.NET
///   Core's); body validation errors add {"errors": {"<json path>": ["..."]}} with the title
///   "One or more validation errors occurred." (ASP.NET's ValidationProblemDetails).
/// - 429 carries Retry-After (whole seconds until a slot frees): VENDORS.md says it is
///   unconfirmed on the live service, so clients must back off even without it.
/// - @odata.context is on every success (as in seed 004's example); GET Entry adds @odata.type
///   and the subtype's properties (Document, Folder, Shortcut); listings give the base Entry.
///   Null properties are left out.
/// - Absolute URLs (@odata.nextLink, sourceLink, targetLink) are built from the request's Host
///   header, as ASP.NET does; an invalid Host answers 400.
/// - Default orders: children by name (case-insensitive) then id; links and link definitions
///   by id; ties of $orderby keep that order. $skiptoken is the number of items already served
///   (opaque to clients). maxpagesize above 1000, or not a positive integer, is capped/ignored.
/// - Links are listed for both ends (source and target). PUT .../Links replaces every link of
///   the entry by the list sent (no body "links", or null, is the empty list: every link is
///   deleted); a link that stays (same definition, source and target) keeps its id and takes
///   the customProperties sent (none sent: none kept). The answer is every link of the entry,
///   unpaged. Refusals: no body or not JSON 400; Content-Type not JSON 415; a link without
///   linkDefinitionId or otherEntryId, a value of the wrong type, a link to the entry itself,
///   or the same link twice 400; an unknown otherEntryId or linkDefinitionId 404; more than
///   1000 links 413; the entry, or an entry whose link would be added or removed, locked 423.
///   Entries' lastModifiedTime does not change.
/// - Folder/Children of a document or shortcut: 400. Ids that are not integers: 400; unknown
///   repository or entry: 404 (the repository id is matched exactly). repository.Write does
///   not imply repository.Read. Custom property values are strings (the spec's type); keys
///   must not be blank. The one account is the rate limit's subject, whatever the token.
/// - vendorError() (fault injection) gives a trace id that depends on its arguments only.
/// - Every '+' in a system query option reads as a space ("$orderby=name+desc").
class LaserficheSandbox : public VendorSimulator
{
public:
    static constexpr int RateLimitPerMinute = 100;
    static constexpr int DefaultLinksPageSize = 100;
    static constexpr int DefaultChildrenPageSize = 150;
    static constexpr int DefaultDefinitionsPageSize = 100;
    static constexpr int MaxPageSize = 1000;
    static constexpr int MaxLinksPerRequest = 1000;
    static constexpr int MaxFieldNames = 10;
    static constexpr auto RepositoryId = "r-4e6f7274";
    static constexpr auto RepositoryName = "Northwind";

    LaserficheSandbox(const SandboxClock &clock, quint32 seed, int scale);
    ~LaserficheSandbox() override;

    SandboxResponse handle(const SandboxRequest &request) override;
    SandboxResponse vendorError(int status, const QString &message) const override;
    QJsonObject saveState() const override;
    bool restoreState(const QJsonObject &state, QString *error) override;

    /// A live access token of the demo user (both scopes unless told), without the browser
    /// dance; for tests of code that needs to call the Repository API.
    QString issueAccessTokenForTesting(const QStringList &scopes
                                       = {QLatin1StringView(LaserficheOAuth::ReadScope),
                                          QLatin1StringView(LaserficheOAuth::WriteScope)});

    LaserficheWorld &world() { return m_world; }
    const LaserficheWorld &world() const { return m_world; }
    LaserficheOAuth &oauth() { return m_oauth; }
    RateLimiter &rateLimiter() { return m_limiter; }

private:
    struct Call;
    struct Query;
    SandboxResponse repositoryApi(const SandboxRequest &request);
    SandboxResponse route(Call &call, const QStringList &path);
    SandboxResponse listRepositories(const Call &call) const;
    SandboxResponse listLinkDefinitions(const Call &call) const;
    SandboxResponse getLinkDefinition(const Call &call, const QString &id) const;
    SandboxResponse getEntry(const Call &call, const LaserficheEntry &entry) const;
    SandboxResponse listChildren(const Call &call, const LaserficheEntry &folder) const;
    SandboxResponse listLinks(const Call &call, const LaserficheEntry &entry) const;
    SandboxResponse setLinks(const Call &call, const LaserficheEntry &entry);
    SandboxResponse collection(const Call &call, QList<QJsonObject> items, const Query &query,
                               int defaultPageSize, QLatin1StringView type) const;
    QJsonObject entryJson(const LaserficheEntry &entry, bool subtype) const;
    QJsonObject linkJson(const Call &call, const LaserficheLink &link) const;
    SandboxResponse problem(int status, const QString &title, const QString &detail,
                            const QString &instance = {}) const;

    const SandboxClock &m_clock;
    quint32 m_seed;
    LaserficheWorld m_world;
    LaserficheOAuth m_oauth;
    RateLimiter m_limiter;
    mutable quint64 m_problemCount = 0; ///< makes trace ids distinct and deterministic
};
