#pragma once

#include "connectors/parsed.h"
#include "models/link.h"
#include "models/linktype.h"
#include "models/record.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// Pure functions between DevRev's JSON (seed 002, devrev-beta.openapi.yaml as the beta scope
/// serves it) and Linkloom's values: no network, no state. Every function treats its input as
/// untrusted: it checks that the JSON parses, its shape, types and sizes, and reports what is
/// wrong in Parsed::problem instead of asserting.
///
/// RecordKey::type is DevRev's own `type` ("issue", "rev_user", "code_change"); RecordKey::id
/// is the DON id (don:core:dvrv-us-1:devo/1:issue/12), never the display id (ISS-12), which
/// is a field. Link::type is the link_type ("is_parent_of"), or for a custom_link the custom
/// link type's DON id; every DevRev link is directed and has an id (Link::vendorLinkId).
namespace DevRev {

/// Answers hold at most this many items per page (Linkloom asks for PageSize): more is refused
/// as a broken answer rather than held in memory.
inline constexpr int PageSize = 100;
inline constexpr qsizetype MaxPageItems = 10 * PageSize;
/// Ids, types and cursors longer than this are refused; titles are cut to MaxTitleLength.
inline constexpr qsizetype MaxIdLength = 512;
inline constexpr qsizetype MaxTitleLength = 1000;

/// link_type of a link whose kind is a custom link type (custom_link_type holds its id).
inline constexpr QLatin1StringView CustomLink{"custom_link"};

/// Where the records of one type are listed: the endpoint, the key of its array and the value
/// of its `type` filter (empty: the endpoint lists only that type).
struct ListEndpoint
{
    QString endpoint; ///< "works.list"
    QString arrayKey; ///< "works"
    QString typeFilter; ///< "issue", or empty
};

/// The record types the explorer shows, in its order: issue, ticket, task, opportunity (works);
/// product, capability, feature, enhancement (parts); account; rev_user; dev_user.
const QStringList &recordTypes();
/// Where `type` is listed; std::nullopt for a type Linkloom does not list (code_change, ...).
std::optional<ListEndpoint> listEndpoint(QStringView type);
/// Whether `type` is a work (works.get serves it).
bool isWork(QStringView type);

/// A DON id as RecordKey::id holds it: "don:", then only letters, digits and ":/._-", at most
/// MaxIdLength characters. Display ids (ISS-12) and anything else are not.
bool isDonId(QStringView id);
/// A DevRev `type` value: lower-case letters, digits and '_', starting with a letter, at most
/// 64 characters.
bool isTypeName(QStringView type);
/// Whether Link::type names a custom link type (a DON id) rather than a stock link_type.
bool isCustomLinkType(QStringView linkType);

/// One page of a list and where the next one starts (empty: this was the last page).
template<typename T>
struct Page
{
    QList<T> items;
    QString nextCursor;
};

/// One page of works.list, parts.list, accounts.list, rev-users.list or dev-users.list for
/// records of `type`: {<arrayKey>: [...], next_cursor?}. Items of another `type` are skipped
/// (logged); an item that is not an object, or has no usable `id` or `type`, makes the page a
/// problem naming the item.
Parsed<Page<Record>> parseRecordPage(const QByteArray &json, const QString &account,
                                     const QString &type);
/// works.get: {"work": {...}}.
Parsed<Record> parseWork(const QByteArray &json, const QString &account);

/// One object as a Record: key from `type` and `id`, title from title (works), name (parts),
/// display_name (accounts, orgs) or full_name, else display_name (users), else the display id;
/// fields: display id, stage, priority, severity, owners, account, customer (rev org), e-mail,
/// tier. std::nullopt (and *problem) when `type` or `id` is unusable.
std::optional<Record> recordFromJson(const QJsonObject &object, const QString &account,
                                     QString *problem);

/// Links and what their answers said about the records at their ends.
struct Links
{
    QList<Link> links;
    QList<Record> records; ///< the ends, titled from their summaries, each once
};
/// One page of links.list: {links: [...], next_cursor?}.
Parsed<Page<Links>> parseLinkPage(const QByteArray &json, const QString &account);
/// links.create: {"link": {...}}, one link.
Parsed<Links> parseLinkAnswer(const QByteArray &json, const QString &account);

/// The stock link types of seed 002 (every link_type but custom_link), directed, with DevRev's
/// words for both directions; source and target types only where seed 002 / VENDORS.md fix
/// them (is_dependent_on).
QList<LinkType> stockLinkTypes();
/// One page of beta link-types.custom.list: {result: [...], next_cursor?}; id = the type's DON
/// id, labels forward_name / backward_name (else the name), types from source_types /
/// target_types leaf_type, deprecated from is_deprecated.
Parsed<Page<LinkType>> parseCustomLinkTypePage(const QByteArray &json);

/// The body of links.create for `link`: link_type, source, target and, for a custom link type,
/// link_type custom_link with custom_link_type.
QByteArray createLinkBody(const Link &link);
/// {"id": id}, the body of links.delete.
QByteArray idBody(const QString &id);

/// DevRev's error body {type, message, detail?, ...}, what Linkloom uses of it.
struct ErrorBody
{
    QString type;
    QString message;
    QString detail;
    QString fieldName; ///< field_name
    QStringList allowedTypes; ///< allowed_types (unexpected_id_type)
    QString existingParent; ///< existing_parent (artifact_already_attached_to_a_parent)
    std::optional<bool> isSame; ///< is_same (artifact_already_attached_to_a_parent)
};
/// std::nullopt when `body` is no JSON object with a string `type` or `message`.
std::optional<ErrorBody> parseError(const QByteArray &body);
/// The vendor message for NetworkJob: "message (type)"; the detail when there is no message;
/// empty when the body is not DevRev's error shape.
QString parseErrorBody(const QByteArray &body);
/// Whether DevRev refused links.create because the very link exists already: bad_request
/// "The link already exists", or artifact_already_attached_to_a_parent with is_same true.
bool isAlreadyLinked(const ErrorBody &error);
/// Why DevRev refused to create `link`, in words a person understands (translated, one clause
/// ending with a full stop: "links of type “is dependent on” cannot start from a task; they can
/// start from: ticket, issue."), for unexpected_id_type, artifact_already_attached_to_a_parent,
/// bad_request, invalid_id and missing_required_field; empty for anything else.
QString refusalReason(const ErrorBody &error, const Link &link);

} // namespace DevRev
