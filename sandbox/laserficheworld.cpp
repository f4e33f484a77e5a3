#include "sandbox/laserficheworld.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using namespace Qt::StringLiterals;

namespace {

constexpr std::pair<LaserficheEntryType, QLatin1StringView> EntryTypeNames[] = {
    {LaserficheEntryType::Folder, "Folder"_L1},
    {LaserficheEntryType::RecordSeries, "RecordSeries"_L1},
    {LaserficheEntryType::Document, "Document"_L1},
    {LaserficheEntryType::Shortcut, "Shortcut"_L1},
};

constexpr qint32 RootId = 1;
constexpr int MaxDepth = 64; ///< bounds every walk up the parent chain

/// An integer that fits qint32 (ids) or qint64 (times, sizes); std::nullopt otherwise.
template<typename T>
std::optional<T> integer(const QJsonValue &value)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number
        || number < double(std::numeric_limits<T>::min())
        || number > double(std::min<qint64>(std::numeric_limits<T>::max(), 1LL << 52))) {
        return std::nullopt;
    }
    return T(value.toInteger());
}

QJsonObject propertiesJson(const QMap<QString, QString> &properties)
{
    QJsonObject result;
    for (auto it = properties.cbegin(); it != properties.cend(); ++it)
        result.insert(it.key(), it.value());
    return result;
}

std::optional<QMap<QString, QString>> propertiesFromJson(const QJsonValue &value)
{
    QMap<QString, QString> result;
    if (value.isUndefined() || value.isNull())
        return result;
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isString())
            return std::nullopt;
        result.insert(it.key(), it.value().toString());
    }
    return result;
}

} // namespace

QString laserficheEntryTypeName(LaserficheEntryType type)
{
    for (const auto &[value, name] : EntryTypeNames) {
        if (value == type)
            return name;
    }
    return {};
}

std::optional<LaserficheEntryType> laserficheEntryTypeFromName(QStringView name)
{
    for (const auto &[value, typeName] : EntryTypeNames) {
        if (typeName == name)
            return value;
    }
    return std::nullopt;
}

bool LaserficheWorld::addEntry(const LaserficheEntry &entry)
{
    if (m_entries.contains(entry.id) || entry.id <= 0)
        return false;
    const bool isRoot = entry.id == RootId && entry.parentId == 0;
    const LaserficheEntry *parent = isRoot ? nullptr : this->entry(entry.parentId);
    if (!isRoot && (!parent || parent->type != LaserficheEntryType::Folder))
        return false;
    m_entries.emplace(entry.id, entry);
    if (!isRoot)
        m_children[entry.parentId].append(entry.id);
    return true;
}

const LaserficheEntry *LaserficheWorld::entry(qint32 id) const
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

LaserficheEntry *LaserficheWorld::entry(qint32 id)
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

QList<const LaserficheEntry *> LaserficheWorld::children(qint32 id) const
{
    QList<const LaserficheEntry *> result;
    for (qint32 child : m_children.value(id))
        result.append(entry(child));
    return result;
}

QString LaserficheWorld::fullPath(qint32 id) const
{
    QStringList names;
    const LaserficheEntry *current = entry(id);
    for (int depth = 0; current && current->id != RootId && depth < MaxDepth; ++depth) {
        names.prepend(current->name); // a document's path carries no extension
        current = entry(current->parentId);
    }
    return u"\\"_s + names.join(u'\\');
}

QString LaserficheWorld::folderPath(qint32 id) const
{
    const LaserficheEntry *e = entry(id);
    return e && e->id != RootId ? fullPath(e->parentId) : QString();
}

void LaserficheWorld::addTemplate(const LaserficheTemplate &entryTemplate)
{
    m_templates[entryTemplate.id] = entryTemplate;
}

const LaserficheTemplate *LaserficheWorld::entryTemplate(qint32 id) const
{
    const auto it = m_templates.find(id);
    return it == m_templates.end() ? nullptr : &it->second;
}

void LaserficheWorld::addLinkDefinition(const LaserficheLinkDefinition &definition)
{
    m_definitions[definition.id] = definition;
}

const LaserficheLinkDefinition *LaserficheWorld::linkDefinition(qint32 id) const
{
    const auto it = m_definitions.find(id);
    return it == m_definitions.end() ? nullptr : &it->second;
}

bool LaserficheWorld::addLink(qint32 definitionId, qint32 sourceId, qint32 targetId,
                              const QMap<QString, QString> &properties)
{
    if (!linkDefinition(definitionId) || !entry(sourceId) || !entry(targetId)
        || sourceId == targetId || m_linkByKey.contains({definitionId, sourceId, targetId})) {
        return false;
    }
    insertLink({m_nextLinkId++, definitionId, sourceId, targetId, properties});
    return true;
}

void LaserficheWorld::insertLink(const LaserficheLink &link)
{
    m_links[link.id] = link;
    m_linkByKey[{link.definitionId, link.sourceId, link.targetId}] = link.id;
    m_linksByEntry[link.sourceId].append(link.id);
    m_linksByEntry[link.targetId].append(link.id);
    m_nextLinkId = std::max(m_nextLinkId, link.id + 1);
}

void LaserficheWorld::removeLink(qint32 linkId)
{
    const auto it = m_links.find(linkId);
    if (it == m_links.end())
        return;
    const LaserficheLink &link = it->second;
    m_linkByKey.erase({link.definitionId, link.sourceId, link.targetId});
    m_linksByEntry[link.sourceId].removeOne(linkId);
    m_linksByEntry[link.targetId].removeOne(linkId);
    m_links.erase(it);
}

QList<const LaserficheLink *> LaserficheWorld::linksOf(qint32 entryId) const
{
    QList<qint32> ids = m_linksByEntry.value(entryId);
    std::ranges::sort(ids);
    QList<const LaserficheLink *> result;
    result.reserve(ids.size());
    for (qint32 id : ids)
        result.append(&m_links.at(id));
    return result;
}

LaserficheWorld::LinkKey LaserficheWorld::keyOf(qint32 entryId, const LaserficheLinkSpec &spec)
{
    return spec.isSource ? LinkKey{spec.definitionId, entryId, spec.otherEntryId}
                         : LinkKey{spec.definitionId, spec.otherEntryId, entryId};
}

QList<qint32>
LaserficheWorld::entriesTouchedBySetLinks(qint32 entryId,
                                          const QList<LaserficheLinkSpec> &links) const
{
    std::set<LinkKey> wanted;
    QList<qint32> touched;
    for (const LaserficheLinkSpec &spec : links) {
        wanted.insert(keyOf(entryId, spec));
        if (!m_linkByKey.contains(keyOf(entryId, spec)))
            touched.append(spec.otherEntryId);
    }
    for (const LaserficheLink *link : linksOf(entryId)) {
        if (!wanted.contains({link->definitionId, link->sourceId, link->targetId}))
            touched.append(link->sourceId == entryId ? link->targetId : link->sourceId);
    }
    return touched;
}

void LaserficheWorld::setLinks(qint32 entryId, const QList<LaserficheLinkSpec> &links)
{
    std::set<LinkKey> wanted;
    for (const LaserficheLinkSpec &spec : links)
        wanted.insert(keyOf(entryId, spec));
    for (const LaserficheLink *link : linksOf(entryId)) {
        if (!wanted.contains({link->definitionId, link->sourceId, link->targetId}))
            removeLink(link->id);
    }
    for (const LaserficheLinkSpec &spec : links) {
        const LinkKey key = keyOf(entryId, spec);
        if (const auto it = m_linkByKey.find(key); it != m_linkByKey.end())
            m_links[it->second].properties = spec.properties;
        else
            insertLink(
                {m_nextLinkId, key.definitionId, key.sourceId, key.targetId, spec.properties});
    }
}

QJsonObject LaserficheWorld::toJson() const
{
    QJsonArray entries;
    for (const auto &[id, e] : m_entries) {
        QJsonArray fields;
        for (const LaserficheFieldValue &field : e.fields)
            fields.append(QJsonArray{field.name, field.value});
        QJsonObject json{
            {"id"_L1, id},
            {"parentId"_L1, e.parentId},
            {"name"_L1, e.name},
            {"type"_L1, laserficheEntryTypeName(e.type)},
            {"creator"_L1, e.creator},
            {"createdMs"_L1, e.createdMs},
            {"modifiedMs"_L1, e.modifiedMs},
        };
        const auto put = [&json](QLatin1StringView key, const QJsonValue &value, bool keep) {
            if (keep)
                json.insert(key, value);
        };
        put("extension"_L1, e.extension, !e.extension.isEmpty());
        put("mimeType"_L1, e.mimeType, !e.mimeType.isEmpty());
        put("size"_L1, e.size, e.size != 0);
        put("pageCount"_L1, e.pageCount, e.pageCount != 0);
        put("isRecord"_L1, e.isRecord, e.isRecord);
        put("isCheckedOut"_L1, e.isCheckedOut, e.isCheckedOut);
        put("targetId"_L1, e.targetId, e.targetId != 0);
        put("templateId"_L1, e.templateId, e.templateId != 0);
        put("fields"_L1, fields, !fields.isEmpty());
        put("locked"_L1, e.locked, e.locked);
        entries.append(json);
    }
    QJsonArray templates;
    for (const auto &[id, t] : m_templates) {
        templates.append(QJsonObject{{"id"_L1, id},
                                     {"name"_L1, t.name},
                                     {"fieldNames"_L1, QJsonArray::fromStringList(t.fieldNames)}});
    }
    QJsonArray definitions;
    for (const auto &[id, d] : m_definitions) {
        definitions.append(QJsonObject{{"id"_L1, id},
                                       {"sourceLabel"_L1, d.sourceLabel},
                                       {"targetLabel"_L1, d.targetLabel},
                                       {"description"_L1, d.description}});
    }
    QJsonArray links;
    for (const auto &[id, l] : m_links) {
        QJsonObject json{{"id"_L1, id},
                         {"definitionId"_L1, l.definitionId},
                         {"sourceId"_L1, l.sourceId},
                         {"targetId"_L1, l.targetId}};
        if (!l.properties.isEmpty())
            json.insert("properties"_L1, propertiesJson(l.properties));
        links.append(json);
    }
    return {{"entries"_L1, entries},
            {"templates"_L1, templates},
            {"linkDefinitions"_L1, definitions},
            {"links"_L1, links},
            {"nextLinkId"_L1, m_nextLinkId}};
}

bool LaserficheWorld::fromJson(const QJsonObject &json, QString *error)
{
    LaserficheWorld world;
    const auto fail = [error](const QString &message) {
        *error = message;
        return false;
    };
    for (const QJsonValue &value : json.value("templates"_L1).toArray()) {
        const QJsonObject t = value.toObject();
        const auto id = integer<qint32>(t.value("id"_L1));
        if (!id || !t.value("name"_L1).isString() || !t.value("fieldNames"_L1).isArray())
            return fail(u"malformed template"_s);
        world.addTemplate({*id, t.value("name"_L1).toString(),
                           t.value("fieldNames"_L1).toVariant().toStringList()});
    }
    for (const QJsonValue &value : json.value("linkDefinitions"_L1).toArray()) {
        const QJsonObject d = value.toObject();
        const auto id = integer<qint32>(d.value("id"_L1));
        if (!id || *id <= 0 || !d.value("sourceLabel"_L1).isString()
            || !d.value("targetLabel"_L1).isString() || !d.value("description"_L1).isString()) {
            return fail(u"malformed link definition"_s);
        }
        world.addLinkDefinition({*id, d.value("sourceLabel"_L1).toString(),
                                 d.value("targetLabel"_L1).toString(),
                                 d.value("description"_L1).toString()});
    }
    const QJsonArray entries = json.value("entries"_L1).toArray();
    if (entries.isEmpty())
        return fail(u"no entries"_s);
    for (const QJsonValue &value : entries) {
        const QJsonObject e = value.toObject();
        LaserficheEntry entry;
        const auto id = integer<qint32>(e.value("id"_L1));
        const auto parentId = integer<qint32>(e.value("parentId"_L1));
        const auto type = laserficheEntryTypeFromName(e.value("type"_L1).toString());
        const auto created = integer<qint64>(e.value("createdMs"_L1));
        const auto modified = integer<qint64>(e.value("modifiedMs"_L1));
        const QJsonValue optionalInts[] = {e.value("size"_L1), e.value("pageCount"_L1),
                                           e.value("targetId"_L1), e.value("templateId"_L1)};
        const bool intsOk = std::ranges::all_of(optionalInts, [](const QJsonValue &v) {
            return v.isUndefined() || integer<qint64>(v).has_value();
        });
        if (!id || !parentId || !type || !created || !modified || !intsOk
            || !e.value("name"_L1).isString() || !e.value("creator"_L1).isString()) {
            return fail(u"malformed entry %1"_s.arg(e.value("id"_L1).toInteger()));
        }
        entry.id = *id;
        entry.parentId = *parentId;
        entry.name = e.value("name"_L1).toString();
        entry.type = *type;
        entry.creator = e.value("creator"_L1).toString();
        entry.createdMs = *created;
        entry.modifiedMs = *modified;
        entry.extension = e.value("extension"_L1).toString();
        entry.mimeType = e.value("mimeType"_L1).toString();
        entry.size = e.value("size"_L1).toInteger();
        entry.pageCount = qint32(std::clamp<qint64>(e.value("pageCount"_L1).toInteger(), 0,
                                                    std::numeric_limits<qint32>::max()));
        entry.isRecord = e.value("isRecord"_L1).toBool();
        entry.isCheckedOut = e.value("isCheckedOut"_L1).toBool();
        entry.targetId = integer<qint32>(e.value("targetId"_L1)).value_or(0);
        entry.templateId = integer<qint32>(e.value("templateId"_L1)).value_or(0);
        entry.locked = e.value("locked"_L1).toBool();
        for (const QJsonValue &field : e.value("fields"_L1).toArray()) {
            const QJsonArray pair = field.toArray();
            if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
                return fail(u"malformed field of entry %1"_s.arg(entry.id));
            entry.fields.append({pair.at(0).toString(), pair.at(1).toString()});
        }
        if (!world.addEntry(entry))
            return fail(u"entry %1: duplicate id or unknown parent folder"_s.arg(entry.id));
    }
    if (!world.entry(RootId))
        return fail(u"no root folder (entry 1)"_s);
    for (const QJsonValue &value : json.value("links"_L1).toArray()) {
        const QJsonObject l = value.toObject();
        const auto id = integer<qint32>(l.value("id"_L1));
        const auto definition = integer<qint32>(l.value("definitionId"_L1));
        const auto source = integer<qint32>(l.value("sourceId"_L1));
        const auto target = integer<qint32>(l.value("targetId"_L1));
        const auto properties = propertiesFromJson(l.value("properties"_L1));
        if (!id || *id <= 0 || !definition || !source || !target || !properties)
            return fail(u"malformed link"_s);
        if (world.m_links.contains(*id) || !world.linkDefinition(*definition)
            || !world.entry(*source) || !world.entry(*target) || *source == *target
            || world.m_linkByKey.contains({*definition, *source, *target})) {
            return fail(u"link %1: duplicate, or unknown entry or definition"_s.arg(*id));
        }
        world.insertLink({*id, *definition, *source, *target, *properties});
    }
    const auto next = integer<qint32>(json.value("nextLinkId"_L1));
    if (!next || *next < world.m_nextLinkId)
        return fail(u"nextLinkId missing or below an existing link id"_s);
    world.m_nextLinkId = *next;
    *this = std::move(world);
    return true;
}
