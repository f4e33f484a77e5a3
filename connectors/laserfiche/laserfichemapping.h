#pragma once

#include "connectors/parsed.h"
#include "models/linktype.h"
#include "models/record.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QUrl>

#include <optional>

/// Pure functions between the Laserfiche Repository API v2's JSON and Linkloom's values (no
/// network, no state). Every function treats its input as untrusted: it checks the JSON parses,
/// the shape and the types, and reports what is wrong in Parsed::problem instead of asserting.
///
/// Collections are OData pages `{"value":[...], "@odata.nextLink":"..."}`: each page parser
/// returns the items and the next page's URL (empty at the end). The URL is only parsed here
/// (an absolute http(s) URL, else a problem); whether it may be followed (same origin) is for
/// ConnectorOperation::send() to decide.
///
/// Link labels: a link definition's sourceLabel names the role of a link's *source* entry and
/// its targetLabel the role of the *target* (seed 004: the e-mail, source of the link, is
/// labelled "Email"; the attachment, its target, "Attachment"). Seen from the source, the other
/// end is its target, shown with targetLabel; so LinkType::forwardLabel (read from the source)
/// is targetLabel and backwardLabel (read from the target) is sourceLabel.
namespace Laserfiche {

/// RecordKey::type of every Laserfiche record: documents, folders and shortcuts alike (their
/// entryType is in the record's fields).
inline constexpr QLatin1StringView EntryType{"entry"};
/// The root folder of every repository.
inline constexpr qint32 RootFolderId = 1;

/// An entry, link or link definition id as RecordKey::id / Link::type / Link::vendorLinkId hold
/// it: a positive decimal int32 without sign, spaces or leading zeros. nullopt otherwise.
std::optional<qint32> parseId(QStringView id);
/// Whether `id` can be a repository id in a URL path (letters, digits, '-', '_', '.', '~'; at
/// most 128 characters; not "." or "..").
bool isValidRepositoryId(QStringView id);

/// The display labels of Record::fields, translated (context "Laserfiche").
QString pathField();
QString typeField(); ///< the entryType: Document, Folder, RecordSeries, Shortcut
QString templateField();
QString createdField(); ///< yyyy-MM-dd (UTC)
QString modifiedField();
QString creatorField();

/// The last component of a Laserfiche path ("\Customers\Lumen Labs" -> "Lumen Labs").
QString nameFromPath(QStringView fullPath);

/// One repository of GET /v2/Repositories.
struct RepositoryInfo
{
    QString id;
    QString name;
};
struct RepositoryPage
{
    QList<RepositoryInfo> repositories;
    QUrl nextLink;
};
/// GET /v2/Repositories: RepositoryInfo items with a string id that isValidRepositoryId().
Parsed<RepositoryPage> parseRepositories(const QByteArray &json);

struct LinkTypePage
{
    QList<LinkType> linkTypes;
    QUrl nextLink;
};
/// One page of GET .../LinkDefinitions: directed LinkTypes, id = the definition id, name = its
/// description (else "source / target" labels, else "Link type N"), forwardLabel = targetLabel
/// and backwardLabel = sourceLabel (each falling back on the name). A definition without a
/// positive integer id is a problem; labels of the wrong type are left out.
Parsed<LinkTypePage> parseLinkDefinitions(const QByteArray &json);

/// An entry as a record of `account`: title = name (else the last component of fullPath, else
/// "(unnamed entry N)"), fields: path, type, template, creator, created, modified.
struct EntryPage
{
    QList<Record> records;
    QList<qint32> folders; ///< the ids of the page's containers (Folder, RecordSeries), in order
    QUrl nextLink;
};
/// One page of GET .../Entries/{id}/Folder/Children. An item that is not an object or has no
/// positive integer id is a problem for the whole page.
Parsed<EntryPage> parseChildren(const QByteArray &json, const QString &account);
/// GET .../Entries/{id}: one entry object.
Parsed<Record> parseEntry(const QByteArray &json, const QString &account);

/// One link as GET .../Entries/{id}/Links lists it.
struct EntryLink
{
    qint32 id = 0;
    qint32 definitionId = 0;
    qint32 sourceId = 0;
    qint32 targetId = 0;
    QString sourcePath;
    QString targetPath;
    /// String values only: the API's type, and what PUT .../Links takes back.
    QMap<QString, QString> customProperties;

    friend bool operator==(const EntryLink &a, const EntryLink &b) = default;
};
struct LinkPage
{
    QList<EntryLink> links;
    QUrl nextLink;
};
/// One page of GET .../Entries/{id}/Links. A link without positive integer id, sourceId,
/// targetId or linkDefinitionId, or with customProperties that are not an object of strings
/// (Linkloom could not give them back unchanged when it rewrites the entry's links), is a
/// problem for the whole page.
Parsed<LinkPage> parseLinks(const QByteArray &json);

/// The Link of `link` in `account`: directed source -> target, type = definition id,
/// vendorLinkId = link id. Its custom properties are not in Link (see customPropertiesOf).
Link toLink(const EntryLink &link, const QString &account);
/// The entries at both ends of `links` (each once, in order of appearance, except `except`),
/// titled with the last component of their full paths, with the path in the fields.
QList<Record> endRecords(const QList<EntryLink> &links, const QString &account, qint32 except = 0);
RecordKey entryKey(qint32 id, const QString &account);

/// One link as PUT .../Entries/{entryId}/Links takes it, seen from that entry.
struct LinkSpec
{
    qint32 definitionId = 0;
    qint32 otherEntryId = 0;
    bool isSource = true; ///< whether the entry of the URL is the link's source
    QMap<QString, QString> customProperties;

    friend bool operator==(const LinkSpec &a, const LinkSpec &b) = default;
};
/// `link` seen from `entryId`; nullopt when the link does not touch the entry. A link from an
/// entry to itself is seen as its source.
std::optional<LinkSpec> toSpec(const EntryLink &link, qint32 entryId);
/// Every link of `links` seen from `entryId`, custom properties included; a problem when one
/// does not touch the entry or the same link (definition, ends) is listed twice (with
/// different content: an identical repeat, as a page boundary may give, is kept once).
Parsed<QList<LinkSpec>> toSpecs(const QList<EntryLink> &links, qint32 entryId);
/// Whether two specs are the same link (definition, other end, direction), whatever their
/// custom properties.
bool sameLink(const LinkSpec &a, const LinkSpec &b);
/// The body of PUT .../Links: {"links":[{linkDefinitionId, otherEntryId, isSource,
/// customProperties}, ...]} (customProperties always present, {} when there are none).
QByteArray setLinksBody(const QList<LinkSpec> &links);
/// Why `actual` (the entry's links as read back) is not exactly `intended` (the same links,
/// each with the same custom properties, none more, none fewer); empty when it is.
QString linkSetDifference(const QList<LinkSpec> &intended, const QList<LinkSpec> &actual);

/// Laserfiche's own message from a ProblemDetails body: `detail`, else the first message of a
/// validation problem's `errors`, else `title`. Empty when the body has none of them.
QString parseErrorBody(const QByteArray &body);

} // namespace Laserfiche
