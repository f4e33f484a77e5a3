#pragma once

#include "sandbox/pm415world.h"
#include "sandbox/sandboxrequest.h"
#include "sandbox/vendorsimulator.h"

class SandboxClock;

/// pm415's API (seed 003, VENDORS.md) over a Pm415World, as the *live* server answers: an
/// Express 4 app (express-boom errors, Joi 13 validation, body-parser, express-bearer-token,
/// MySQL through knex/Bookshelf). Paths are relative to /api. Where seed 003 and VENDORS.md
/// say nothing, the behaviour below is read from the server's published source
/// (github.com/mreider/pm415: routes/connections-router.js, middlewares.js, validation.js,
/// server.js, the migrations) and what its libraries do; what is still a guess says so.
///
/// Served (GET also answers HEAD):
///   GET  /user/orgs                                   {success, organizations:[{orgId,name,role}]}
///   GET  /initiatives/all/{showArchived}/{orgId}       {success, initiatives, admin}
///   GET  /bugs/full/{showArchived}/{orgId}/{fullSelect}  {success, bugs, admin}
///   GET  /backlogs/{showArchived}/{orgId}              {success, backlogs, admin}
///   GET  /items/all/{showArchived}/{ownerTable}/{orgId}          {success, items, admin}
///   GET  /items/{showArchived}/{ownerTable}/{orgId}/{ownerId}    one owner's (no description)
///   GET  /connections/{ownerType}/{infoType}/{id}     {success, connections, info}
///   POST /connections/{ownerType}/{id}                {success:true}
///   GET  /                                            "Wanna something?" (text)
/// Not served: creating, editing or deleting records, single-record GETs, comments, votes,
/// search, subscribers, account and login routes (JWT tokens), CORS preflight.
///
/// Authentication (express-bearer-token, then a lookup of users.api_key):
/// - The token is the query's access_token, replaced by a body's access_token, replaced by an
///   "Authorization: Bearer <token>" header (exactly two space-separated parts, "Bearer" in
///   that case); the last one found wins, so a wrong header beats a right query parameter.
///   A repeated access_token parameter is an array and never matches.
/// - The key is compared case-insensitively (MySQL's default _ci collation on api_key).
/// - Checked per route (LoginRequired), not before routing: a path with no route answers
///   the same with or without a key; every /user/... path needs one.
/// - No key or an unknown one: 401 {"statusCode":401,"error":"Unauthorized",
///   "message":"Authentication required","success":false}.
///
/// Errors (express-boom 2 over Boom 3): {statusCode, error: Node's reason phrase, message,
/// success:false}; the handler's own message replaces Boom's.
/// - No route for the method and path: Express's 404 text/html page "Cannot GET /api/...",
///   except GET/HEAD with an Accept header naming text/html or */* (curl, browsers), which the
///   single-page-app fallback answers 200 text/html with the web app's index page.
/// - A JSON body that does not parse, or whose first character is not { or [: 500 with the
///   parser's message ("Unexpected token } in JSON at position 9", approximated from Qt's parse
///   error; the error handler turns every error into a 500). JSON or form bodies over 100 KiB:
///   500 "request entity too large" (body-parser's limit). A body without
///   Content-Type: application/json (or a form type) is ignored, i.e. {}.
/// - Path ids and org ids go through JavaScript's parseInt ("12abc" is 12, "0x1A" is 26); one
///   that is NaN reaches MySQL and fails: 500 "ER_BAD_FIELD_ERROR: Unknown column 'NaN' in
///   'where clause'".
///
/// Record lists: no pagination, no rate limit.
/// - showArchived: exactly "false" leaves archived records out; any other value lists all.
/// - orgId: an organization the user is not in, or is only Pending in: 403 "Organization
///   privileges required". `admin` says whether the user is an Admin of it.
/// - fullSelect (bugs): exactly "true" adds each bug's connected "items" and "initiatives"
///   (whole rows, as in connections' info; never backlogs) and "comments" (always [] here), and
///   selects assignee, reportedBy and severity columns; any other value gives the short form.
///   Both carry reportedByData (filled from the bug's *creator*, as the server does) and
///   assigneeData ({email, firstName, lastName}, nulls when unassigned).
/// - ownerTable (items): the table the items belong to, "backlogs" or "initiatives", compared
///   case-insensitively; another value lists nothing (200, empty).
/// - Shapes: see Pm415Shape. Dates are ISO strings at midnight UTC; archived is 0 or 1; the
///   list endpoints say order_index, whole rows orderIndex; createdAt never appears. Lists are
///   in primary-key order: initiatives by id; backlogs, items and bugs by (createdBy, id).
///
/// Connections (undirected rows of the connections table: id, initiativeId, backlogId, itemId,
/// bugId, normally two set):
/// - Type names are lower-case singular only. GET with another name (seed 003's "Bugs",
///   "Items", "Initiatives", or a plural) in either position: 404 "not found this
///   connections."; POST with another owner name: 404 "not found this Bugs." (after the body
///   has been validated).
/// - GET lists every row holding the record (all types, row id order) in "connections", and
///   in "info" the whole rows of the infoType records those rows name, by id. The record is not
///   looked up: an unknown id answers 200 with two empty lists. With infoType == ownerType the
///   info is the record itself (when it has any row). Records of any organization.
/// - POST validates the body first (Joi, abortEarly, keys in the order items, backlogs,
///   initiatives, bugs, delete): not an object: 400 "\"value\" must be an object"; a missing
///   key: 400 "\"items\" is required"; not an array: "\"items\" must be an array"; delete not a
///   boolean or "true"/"false": "\"delete\" must be a boolean"; an extra key (access_token
///   included): "\"foo\" is not allowed" (the alphabetically first, where JavaScript would name
///   the first sent). Then the owner record must exist (any organization, archived or not):
///   else 404 "not found this bug.".
/// - All four arrays empty: every row holding the record is deleted, whatever "delete" says,
///   and the answer is {success:true}. This is the live server's dangerous corner.
/// - Otherwise the arrays are applied one type at a time, in the order items, bugs, backlogs,
///   initiatives, each in two statements: delete the record's rows with those ids, then, only
///   when "delete" is the JSON value false, insert one new row per id (so re-adding a
///   connection gives it a new row id, and delete:"false" as a string deletes). Ids must all
///   exist (any organization, archived included): the first type with an unknown id, a
///   duplicate id, or an element that is not an integer or a string of digits, answers 404
///   "not found bugs." and leaves the earlier types applied (no transaction); that type and
///   the later ones are untouched.
/// - Same-type requests are not refused: the new row's column is overwritten by the target,
///   so POST /connections/bug/6 {"bugs":[7],...,"delete":false} answers 200 and stores a row
///   holding only bug 7 (a half connection that GET then lists), and a list that contains the
///   owner's own id deletes every row of the owner first (both as the live server does).
class Pm415Sandbox : public VendorSimulator
{
public:
    /// body-parser's default limit for JSON and form bodies.
    static constexpr qsizetype MaxBodySize = 100 * 1024;

    Pm415Sandbox(const SandboxClock &clock, quint32 seed, int scale);

    SandboxResponse handle(const SandboxRequest &request) override;
    SandboxResponse vendorError(int status, const QString &message) const override;
    QJsonObject saveState() const override;
    bool restoreState(const QJsonObject &state, QString *error) override;

    Pm415World &world() { return m_world; }
    const Pm415World &world() const { return m_world; }

private:
    SandboxResponse route(const SandboxRequest &request, const QJsonValue &body, bool signedIn);
    SandboxResponse listOrganizations() const;
    SandboxResponse listRecords(Pm415Type type, QStringView showArchived, QStringView orgId,
                                Pm415Shape shape, QStringView ownerTable = {},
                                QStringView ownerId = {}) const;
    SandboxResponse getConnections(QStringView owner, QStringView info, QStringView id) const;
    SandboxResponse postConnections(QStringView owner, QStringView id, const QJsonValue &body);

    QByteArray m_apiKey;
    Pm415World m_world;
};
