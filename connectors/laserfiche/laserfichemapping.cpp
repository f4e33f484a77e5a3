#include "connectors/laserfiche/laserfichemapping.h"

#include "connectors/jsonread.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Laserfiche {
namespace {

constexpr qint64 MaxInt32 = 2147483647;
/// More items than this in one page is not an answer Linkloom trusts (the API's pages are at
/// most 1000 items).
constexpr qsizetype MaxPageItems = 10'000;
constexpr qsizetype MaxTextLength = 4096;

using JsonRead::typeName;

/// A JSON number that is a positive int32.
std::optional<qint32> jsonId(const QJsonValue &v)
{
    const auto id = JsonRead::positiveInteger(v, MaxInt32);
    return id ? std::optional(qint32(*id)) : std::nullopt;
}

/// A string value, trimmed and bounded; empty when it is not a string.
QString text(const QJsonValue &v)
{
    return v.isString() ? v.toString().left(MaxTextLength).trimmed() : QString();
}

using JsonRead::parseObject;

/// The items and next link of an OData collection page.
struct RawPage
{
    QJsonArray value;
    QUrl nextLink;
};

std::optional<RawPage> parsePage(const QByteArray &json, QString *problem)
{
    const auto object = parseObject(json, problem);
    if (!object)
        return std::nullopt;
    const QJsonValue value = object->value("value"_L1);
    if (!value.isArray()) {
        *problem = u"The page has no \"value\" array (it is %1)."_s.arg(typeName(value));
        return std::nullopt;
    }
    RawPage page{value.toArray(), {}};
    if (page.value.size() > MaxPageItems) {
        *problem
            = u"The page has %1 items, more than the %2 Linkloom accepts."_s.arg(page.value.size())
                  .arg(MaxPageItems);
        return std::nullopt;
    }
    const QJsonValue next = object->value("@odata.nextLink"_L1);
    if (next.isUndefined() || next.isNull() || (next.isString() && next.toString().isEmpty()))
        return page;
    if (!next.isString()) {
        *problem = u"\"@odata.nextLink\" is %1, not a URL."_s.arg(typeName(next));
        return std::nullopt;
    }
    const QUrl url(next.toString(), QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()
        || (url.scheme() != "https"_L1 && url.scheme() != "http"_L1)) {
        *problem = u"\"@odata.nextLink\" is not an absolute http(s) URL."_s;
        return std::nullopt;
    }
    page.nextLink = url;
    return page;
}

QString idProblem(qsizetype row, QLatin1StringView name, const QJsonValue &v)
{
    return u"Item %1 has no positive integer \"%2\" (it is %3)."_s.arg(row).arg(name).arg(
        typeName(v));
}

QString isoDay(const QJsonValue &v)
{
    const QString s = text(v);
    if (s.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(s, Qt::ISODate);
    if (time.isValid())
        return time.toUTC().date().toString(Qt::ISODate);
    const QDate day = QDate::fromString(s.left(10), Qt::ISODate); // e.g. 7 fractional digits
    return day.isValid() ? day.toString(Qt::ISODate) : QString();
}

/// An entry object as a record; `problem` set when it has no usable id.
std::optional<Record> entryRecord(const QJsonObject &o, const QString &account, qsizetype row,
                                  bool *container, QString *problem)
{
    const auto id = jsonId(o.value("id"_L1));
    if (!id) {
        *problem = idProblem(row, "id"_L1, o.value("id"_L1));
        return std::nullopt;
    }
    Record r;
    r.key = entryKey(*id, account);
    const QString path = text(o.value("fullPath"_L1));
    r.title = text(o.value("name"_L1)).simplified();
    if (r.title.isEmpty())
        r.title = nameFromPath(path);
    if (r.title.isEmpty())
        r.title = QCoreApplication::translate("Laserfiche", "(unnamed entry %1)").arg(*id);
    const QString type = text(o.value("entryType"_L1));
    const auto put = [&r](const QString &label, const QString &value) {
        if (!value.isEmpty())
            r.fields.insert(label, value);
    };
    put(pathField(), path);
    put(typeField(), type);
    put(templateField(), text(o.value("templateName"_L1)));
    put(creatorField(), text(o.value("creator"_L1)));
    put(createdField(), isoDay(o.value("creationTime"_L1)));
    put(modifiedField(), isoDay(o.value("lastModifiedTime"_L1)));
    const QJsonValue isContainer = o.value("isContainer"_L1);
    *container = isContainer.isBool() ? isContainer.toBool()
                                      : (type == "Folder"_L1 || type == "RecordSeries"_L1);
    return r;
}

QString describe(const LinkSpec &s)
{
    return u"definition %1 %2 entry %3"_s.arg(s.definitionId)
        .arg(s.isSource ? u"to"_s : u"from"_s)
        .arg(s.otherEntryId);
}

} // namespace

std::optional<qint32> parseId(QStringView id)
{
    if (id.isEmpty() || id.size() > 10 || id.front() == u'0')
        return std::nullopt;
    for (const QChar c : id) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 value = id.toLongLong();
    if (value <= 0 || value > MaxInt32)
        return std::nullopt;
    return qint32(value);
}

bool isValidRepositoryId(QStringView id)
{
    if (id.isEmpty() || id.size() > 128 || id == u"." || id == u"..")
        return false;
    for (const QChar c : id) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_' || c == u'.' || c == u'~';
        if (!ok)
            return false;
    }
    return true;
}

QString pathField()
{
    return QCoreApplication::translate("Laserfiche", "Path");
}

QString typeField()
{
    return QCoreApplication::translate("Laserfiche", "Entry type");
}

QString templateField()
{
    return QCoreApplication::translate("Laserfiche", "Template");
}

QString createdField()
{
    return QCoreApplication::translate("Laserfiche", "Created");
}

QString modifiedField()
{
    return QCoreApplication::translate("Laserfiche", "Modified");
}

QString creatorField()
{
    return QCoreApplication::translate("Laserfiche", "Creator");
}

QString nameFromPath(QStringView fullPath)
{
    const QList<QStringView> parts = fullPath.split(u'\\', Qt::SkipEmptyParts);
    return parts.isEmpty() ? QString() : parts.last().trimmed().toString();
}

RecordKey entryKey(qint32 id, const QString &account)
{
    return RecordKey{Vendor::Laserfiche, account, QString(EntryType), QString::number(id)};
}

Parsed<RepositoryPage> parseRepositories(const QByteArray &json)
{
    QString problem;
    const auto page = parsePage(json, &problem);
    if (!page)
        return Parsed<RepositoryPage>::failure(problem);
    RepositoryPage result{{}, page->nextLink};
    for (qsizetype row = 0; row < page->value.size(); ++row) {
        const QJsonObject o = page->value.at(row).toObject();
        const QString id = text(o.value("id"_L1));
        if (!isValidRepositoryId(id))
            return Parsed<RepositoryPage>::failure(
                u"Repository %1 has no usable \"id\"."_s.arg(row));
        QString name = text(o.value("name"_L1)).simplified();
        result.repositories.append({id, name.isEmpty() ? id : name});
    }
    return {result, {}};
}

Parsed<LinkTypePage> parseLinkDefinitions(const QByteArray &json)
{
    QString problem;
    const auto page = parsePage(json, &problem);
    if (!page)
        return Parsed<LinkTypePage>::failure(problem);
    LinkTypePage result{{}, page->nextLink};
    for (qsizetype row = 0; row < page->value.size(); ++row) {
        const QJsonValue value = page->value.at(row);
        if (!value.isObject())
            return Parsed<LinkTypePage>::failure(
                u"Item %1 is %2, not a link definition."_s.arg(row).arg(typeName(value)));
        const QJsonObject o = value.toObject();
        const auto id = jsonId(o.value("id"_L1));
        if (!id)
            return Parsed<LinkTypePage>::failure(idProblem(row, "id"_L1, o.value("id"_L1)));
        const QString sourceLabel = text(o.value("sourceLabel"_L1)).simplified();
        const QString targetLabel = text(o.value("targetLabel"_L1)).simplified();
        QString name = text(o.value("description"_L1)).simplified();
        if (name.isEmpty() && !sourceLabel.isEmpty() && !targetLabel.isEmpty())
            name = sourceLabel + u" / "_s + targetLabel;
        if (name.isEmpty())
            name = QCoreApplication::translate("Laserfiche", "Link type %1").arg(*id);
        LinkType type;
        type.id = QString::number(*id);
        type.name = name;
        type.forwardLabel = targetLabel.isEmpty() ? name : targetLabel;
        type.backwardLabel = sourceLabel.isEmpty() ? name : sourceLabel;
        type.direction = LinkDirection::Directed;
        type.sourceTypes = type.targetTypes = QStringList{QString(EntryType)};
        result.linkTypes.append(type);
    }
    return {result, {}};
}

Parsed<EntryPage> parseChildren(const QByteArray &json, const QString &account)
{
    QString problem;
    const auto page = parsePage(json, &problem);
    if (!page)
        return Parsed<EntryPage>::failure(problem);
    EntryPage result{{}, {}, page->nextLink};
    result.records.reserve(page->value.size());
    for (qsizetype row = 0; row < page->value.size(); ++row) {
        const QJsonValue value = page->value.at(row);
        if (!value.isObject())
            return Parsed<EntryPage>::failure(
                u"Item %1 is %2, not an entry."_s.arg(row).arg(typeName(value)));
        bool container = false;
        auto record = entryRecord(value.toObject(), account, row, &container, &problem);
        if (!record)
            return Parsed<EntryPage>::failure(problem);
        if (container)
            result.folders.append(*parseId(record->key.id));
        result.records.append(std::move(*record));
    }
    return {result, {}};
}

Parsed<Record> parseEntry(const QByteArray &json, const QString &account)
{
    QString problem;
    const auto object = parseObject(json, &problem);
    if (!object)
        return Parsed<Record>::failure(problem);
    bool container = false;
    auto record = entryRecord(*object, account, 0, &container, &problem);
    if (!record)
        return Parsed<Record>::failure(problem);
    return {*record, {}};
}

Parsed<LinkPage> parseLinks(const QByteArray &json)
{
    QString problem;
    const auto page = parsePage(json, &problem);
    if (!page)
        return Parsed<LinkPage>::failure(problem);
    LinkPage result{{}, page->nextLink};
    result.links.reserve(page->value.size());
    for (qsizetype row = 0; row < page->value.size(); ++row) {
        const QJsonValue value = page->value.at(row);
        if (!value.isObject())
            return Parsed<LinkPage>::failure(
                u"Item %1 is %2, not a link."_s.arg(row).arg(typeName(value)));
        const QJsonObject o = value.toObject();
        EntryLink link;
        for (const auto &[name, target] :
             {std::pair{"id"_L1, &link.id}, std::pair{"linkDefinitionId"_L1, &link.definitionId},
              std::pair{"sourceId"_L1, &link.sourceId}, std::pair{"targetId"_L1, &link.targetId}}) {
            const auto id = jsonId(o.value(name));
            if (!id)
                return Parsed<LinkPage>::failure(idProblem(row, name, o.value(name)));
            *target = *id;
        }
        link.sourcePath = text(o.value("sourceFullPath"_L1));
        link.targetPath = text(o.value("targetFullPath"_L1));
        const QJsonValue properties = o.value("customProperties"_L1);
        if (!properties.isUndefined() && !properties.isNull() && !properties.isObject())
            return Parsed<LinkPage>::failure(
                u"Link %1 has customProperties that are %2, not an object."_s.arg(link.id).arg(
                    typeName(properties)));
        const QJsonObject map = properties.toObject();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            if (!it.value().isString() || it.key().trimmed().isEmpty())
                return Parsed<LinkPage>::failure(
                    u"Link %1 has a custom property that is not a named string; Linkloom "
                    "could not keep it when it rewrites the entry's links."_s.arg(link.id));
            link.customProperties.insert(it.key(), it.value().toString());
        }
        result.links.append(std::move(link));
    }
    return {result, {}};
}

Link toLink(const EntryLink &link, const QString &account)
{
    return Link{entryKey(link.sourceId, account),
                entryKey(link.targetId, account),
                QString::number(link.definitionId),
                LinkDirection::Directed,
                QString::number(link.id),
                LinkState::Confirmed,
                {}};
}

QList<Record> endRecords(const QList<EntryLink> &links, const QString &account, qint32 except)
{
    QList<Record> records;
    QSet<qint32> seen{except};
    const auto add = [&](qint32 id, const QString &path) {
        if (seen.contains(id))
            return;
        seen.insert(id);
        Record r;
        r.key = entryKey(id, account);
        r.title = nameFromPath(path);
        if (r.title.isEmpty())
            r.title = QCoreApplication::translate("Laserfiche", "(unnamed entry %1)").arg(id);
        if (!path.isEmpty())
            r.fields.insert(pathField(), path);
        records.append(std::move(r));
    };
    for (const EntryLink &link : links) {
        add(link.sourceId, link.sourcePath);
        add(link.targetId, link.targetPath);
    }
    return records;
}

std::optional<LinkSpec> toSpec(const EntryLink &link, qint32 entryId)
{
    if (link.sourceId == entryId)
        return LinkSpec{link.definitionId, link.targetId, true, link.customProperties};
    if (link.targetId == entryId)
        return LinkSpec{link.definitionId, link.sourceId, false, link.customProperties};
    return std::nullopt;
}

bool sameLink(const LinkSpec &a, const LinkSpec &b)
{
    return a.definitionId == b.definitionId && a.otherEntryId == b.otherEntryId
        && a.isSource == b.isSource;
}

Parsed<QList<LinkSpec>> toSpecs(const QList<EntryLink> &links, qint32 entryId)
{
    QList<LinkSpec> specs;
    specs.reserve(links.size());
    for (const EntryLink &link : links) {
        const auto spec = toSpec(link, entryId);
        if (!spec)
            return Parsed<QList<LinkSpec>>::failure(
                u"Link %1 (entry %2 to entry %3) is listed for entry %4, which it does not join."_s
                    .arg(link.id)
                    .arg(link.sourceId)
                    .arg(link.targetId)
                    .arg(entryId));
        const auto same = std::ranges::find_if(
            specs, [&spec](const LinkSpec &other) { return sameLink(other, *spec); });
        if (same != specs.end()) {
            if (*same == *spec)
                continue; // the same link on two pages: once is enough
            return Parsed<QList<LinkSpec>>::failure(
                u"The link of %1 is listed twice with different custom properties."_s.arg(
                    describe(*spec)));
        }
        specs.append(*spec);
    }
    return {specs, {}};
}

QByteArray setLinksBody(const QList<LinkSpec> &links)
{
    QJsonArray array;
    for (const LinkSpec &spec : links) {
        QJsonObject properties;
        for (auto it = spec.customProperties.cbegin(); it != spec.customProperties.cend(); ++it)
            properties.insert(it.key(), it.value());
        array.append(QJsonObject{
            {"linkDefinitionId"_L1, spec.definitionId},
            {"otherEntryId"_L1, spec.otherEntryId},
            {"isSource"_L1, spec.isSource},
            {"customProperties"_L1, properties},
        });
    }
    return QJsonDocument(QJsonObject{{"links"_L1, array}}).toJson(QJsonDocument::Compact);
}

QString linkSetDifference(const QList<LinkSpec> &intended, const QList<LinkSpec> &actual)
{
    QStringList differences;
    for (const LinkSpec &want : intended) {
        const auto found = std::ranges::find_if(
            actual, [&want](const LinkSpec &have) { return sameLink(have, want); });
        if (found == actual.end())
            differences << u"the link of %1 is missing"_s.arg(describe(want));
        else if (found->customProperties != want.customProperties)
            differences << u"the link of %1 has other custom properties"_s.arg(describe(want));
    }
    for (const LinkSpec &have : actual) {
        const bool expected = std::ranges::any_of(
            intended, [&have](const LinkSpec &want) { return sameLink(have, want); });
        if (!expected)
            differences << u"there is an unexpected link of %1"_s.arg(describe(have));
    }
    if (differences.isEmpty() && intended.size() != actual.size())
        differences
            << u"%1 links were expected, %2 were read"_s.arg(intended.size()).arg(actual.size());
    if (differences.size() > 5) {
        const qsizetype more = differences.size() - 5;
        differences = differences.mid(0, 5);
        differences << u"%1 more"_s.arg(more);
    }
    return differences.join(u"; "_s);
}

QString parseErrorBody(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (const QString detail = text(o.value("detail"_L1)).simplified(); !detail.isEmpty())
        return detail;
    const QJsonObject errors = o.value("errors"_L1).toObject();
    for (auto it = errors.constBegin(); it != errors.constEnd(); ++it) {
        const QJsonArray messages = it.value().toArray();
        if (!messages.isEmpty() && !text(messages.first()).isEmpty())
            return text(messages.first()).simplified();
    }
    return text(o.value("title"_L1)).simplified();
}

} // namespace Laserfiche
