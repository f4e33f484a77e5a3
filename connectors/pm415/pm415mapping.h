#pragma once

#include "connectors/parsed.h"
#include "models/link.h"
#include "models/linktype.h"
#include "models/record.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

/// Pure functions between pm415's JSON (seed 003 as the live server speaks it, see
/// sandbox/pm415sandbox.h) and Linkloom's values: no network, no state. Every function treats
/// its input as untrusted: it checks that the JSON parses, its shape and its types, and reports
/// what is wrong in Parsed::problem instead of asserting.
///
/// Record types are the live server's lower-case singular path segments: initiative, backlog,
/// item, bug. Ids are the tables' auto-increment ids, unique per type only, as decimal text.
namespace Pm415 {

/// Link::type (and LinkType::id) of pm415's one kind of link.
inline constexpr QLatin1StringView ConnectionType{"connection"};
/// The most records one list answer may hold (pm415 lists have no pages; NetworkJob's
/// maximum response size bounds the bytes, this the rows).
inline constexpr qsizetype MaxRecords = 200'000;
/// The most rows one connections answer may hold.
inline constexpr qsizetype MaxConnections = 100'000;

/// initiative, backlog, item, bug: the explorer's order.
const QStringList &recordTypes();
/// The live server's name for `name`: a live name itself, or one of the document's aliases
/// ("Bugs", "Initiatives", "Items", any plural, any case). Empty for anything else.
QString typeName(QStringView name);
/// "initiatives", "backlogs", "items", "bugs" for a live name: the key of the connections POST
/// body and of list answers. Empty for anything else.
QString pluralType(QStringView type);

/// A pm415 id as RecordKey::id holds it: a positive decimal integer without sign, spaces or
/// leading zeros that fits in 53 bits. std::nullopt otherwise.
std::optional<qint64> parseId(QStringView id);

/// An organization of GET /user/orgs, with the user's role in it (Admin, Member or Pending).
struct Organization
{
    qint64 id = 0;
    QString name;
    QString role;

    /// Whether its records can be listed: a Pending member is answered 403.
    bool isMember() const
    {
        return role.compare(QLatin1StringView("Pending"), Qt::CaseInsensitive) != 0;
    }
    friend bool operator==(const Organization &, const Organization &) = default;
};
/// GET /user/orgs: {success, organizations:[{orgId, name, role}]}.
Parsed<QList<Organization>> parseOrganizations(const QByteArray &json);

/// One GET of a record list: the path below the base URL and, for items, the table their
/// owners are in ("backlogs" or "initiatives": items are listed once per owner table).
struct ListRequest
{
    QString path;
    QString ownerTable;
    friend bool operator==(const ListRequest &, const ListRequest &) = default;
};
/// The GETs that list every record of `type` in `organization`, archived ones included
/// (showArchived "true": archived records keep their connections). Empty for an unknown type.
QList<ListRequest> listRequests(const QString &type, qint64 organization);

/// A list answer ({success, <plural>:[...], admin}) as records of `type`. Title from "title" (a
/// placeholder when empty); fields: status, archived, owner/reporter/assignee names, dates,
/// severity, points, what an item belongs to (`ownerTable` names its table when the rows do
/// not). A row that is not an object or has no positive integer id makes the whole answer a
/// problem; display fields of the wrong type are left out.
Parsed<QList<Record>> parseRecordList(const QByteArray &json, const QString &account,
                                      const QString &type, const QString &ownerTable = {});

/// What GET /connections/{ownerType}/{infoType}/{id} says about one record.
struct Connections
{
    /// Every connection of the record (all types, whatever infoType was), owner -> other end,
    /// undirected, type "connection", no vendor id; each pair once.
    QList<Link> links;
    /// The `info` rows: the connected records of infoType, with titles.
    QList<Record> records;
    /// Rows that hold the record alone (left by a same-type request on the live server):
    /// not links, counted for the log.
    qsizetype halfRows = 0;
};
Parsed<Connections> parseConnections(const QByteArray &json, const RecordKey &owner,
                                     const QString &infoType);

/// The body of POST /connections/{ownerType}/{id} that adds (remove false) or removes (true)
/// the connection with the record (`otherType`, `otherId`): exactly one id in that type's
/// array, the three others empty. A problem for an unknown type or a bad id; the result always
/// passes connectionBodyProblem().
Parsed<QByteArray> connectionBody(const QString &otherType, const QString &otherId, bool remove);

/// Why `body` must not be sent as a connections POST by Linkloom; empty when it may. Linkloom
/// only sends bodies with the five keys, "delete" a boolean, and exactly one positive id in
/// exactly one array: above all never four empty arrays, which make the live server delete
/// every connection of the record whatever "delete" says.
QString connectionBodyProblem(const QByteArray &body);

/// The answer to a connections POST: {"success":true}. A problem for anything else.
Parsed<bool> parseWriteAnswer(const QByteArray &json);

/// pm415's one kind of link: id "connection", undirected, "is connected to" both ways. The
/// rule that it joins records of different types only is the vendor rules' (models/linkrules):
/// source and target types stay empty.
LinkType connectionLinkType();

/// pm415's own message from an error body: express-boom's {statusCode, error, message, success}
/// (the message, else the error), or Express's HTML 404 page "Cannot GET /api/..." (said in
/// words, without HTML, with what to check). Empty when the body has none.
QString parseErrorBody(const QByteArray &body);

} // namespace Pm415
