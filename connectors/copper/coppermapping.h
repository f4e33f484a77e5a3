#pragma once

#include "connectors/parsed.h"
#include "models/linktype.h"
#include "models/record.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

/// Pure functions between Copper's JSON and Linkloom's values (no network, no state). Every
/// function treats its input as untrusted: it checks the JSON parses, the shape and the types,
/// and reports what is wrong in Parsed::problem instead of asserting or throwing.
namespace Copper {

/// The six record types with related items, singular as in RecordKey::type and related-item
/// `type` values: company, person, opportunity, project, task, lead (in the explorer's order).
const QStringList &recordTypes();
/// "people" <-> "person", "companies" <-> "company", ...; an empty string for anything else.
QString pluralType(QStringView singular);
QString singularType(QStringView plural);

/// A Copper id as RecordKey::id holds it: a positive decimal integer without sign, spaces or
/// leading zeros that fits in 53 bits (JSON numbers). nullopt otherwise.
std::optional<qint64> parseId(QStringView id);

/// The body of POST /{plural}/search, sorted by date_created ascending (then id) so pages stay
/// stable. `ids` restricts the search to those records.
QByteArray searchBody(int pageNumber, int pageSize, const QList<qint64> &ids = {});

/// One page of POST /{plural}/search: a JSON array of record objects of `type` (singular).
/// Title from `name` (a placeholder when empty), a few display fields per type (e-mail, title,
/// company, status, value, dates as yyyy-MM-dd). A row that is not an object or has no positive
/// integer `id` makes the whole page a problem (it says which row and why); display fields of
/// the wrong type are left out.
Parsed<QList<Record>> parseSearchPage(const QByteArray &json, const QString &account,
                                      const QString &type);

/// GET /{plural}/{id}/related: `[{"id":1,"type":"person"}, ...]`. Items of a type Linkloom does
/// not know (a newer Copper) are skipped and logged; a malformed item is a problem.
Parsed<QList<RecordKey>> parseRelated(const QByteArray &json, const QString &account);

/// The body of POST and DELETE /{plural}/{id}/related: {"resource":{"id":..,"type":".."}}.
QByteArray relatedResourceBody(qint64 id, const QString &type);

/// The answer to relate (`field` "added") or unrelate ("removed"): an object whose `field`, when
/// present, is a boolean. The value says whether Copper reports a change (true when it does not
/// say).
Parsed<bool> parseRelateAnswer(const QByteArray &json, QStringView field);

/// GET /{plural}/{id}: one record object, as one row of parseSearchPage().
Parsed<Record> parseRecord(const QByteArray &json, const QString &account, const QString &type);

/// Link::type of Copper's related items.
inline constexpr QLatin1StringView RelatedType{"related"};
/// The related-item kind as a LinkType (undirected, "is related to").
LinkType relatedLinkType();

/// related_links' entity_type for a record type ("person" -> "people", "company" -> "company",
/// "user" -> "user", ...), and back ("organization" is read as "company"); empty for a type
/// Connect Fields do not join (task).
QString connectEntityType(QStringView recordType);
QString recordTypeOfEntity(QStringView entityType);

/// GET /custom_field_definitions: the definitions of data_type "Connect" as undirected
/// LinkTypes (id = definition id, name and both labels = the field's name, sourceTypes = its
/// available_on, targetTypes = its connected_entity_type). Other definitions are skipped; a
/// Connect definition without a usable id, name or types is a problem.
Parsed<QList<LinkType>> parseConnectDefinitions(const QByteArray &json);

/// Connect-field links and what they say about the records at both ends.
struct ConnectLinks
{
    QList<Link> links; ///< undirected, type = definition id, vendorLinkId = the link's id
    QList<Record> records; ///< both ends, titled with the names Copper gives
};
/// GET /related_links (an array) or the answer to POST /related_links (one object).
Parsed<ConnectLinks> parseConnectLinks(const QByteArray &json, const QString &account);

/// The body of POST /related_links joining `source` to `target` on `definition`.
QByteArray connectLinkBody(qint64 definition, const RecordKey &source, const RecordKey &target);

/// Copper's own message from an error body: `{"success":false,"status":422,"message":".."}`
/// or `{"error":"not_found"}` ("not found"). Empty when the body has neither.
QString parseErrorBody(const QByteArray &body);

} // namespace Copper
