#include "sandbox/devrevworld.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using enum DevRevKind;

// Display prefixes as DevRev shows them (ISS-12, TKT-3, ...); DON types as in its ids. Code
// changes, tasks, opportunities and accounts are no link-endpoint-type of the public spec.
constexpr DevRevKindInfo KindInfo[] = {
    {Issue, "issue"_L1, "core"_L1, "issue"_L1, "ISS"_L1, true},
    {Ticket, "ticket"_L1, "core"_L1, "ticket"_L1, "TKT"_L1, true},
    {Task, "task"_L1, "core"_L1, "task"_L1, "TASK"_L1, false},
    {Opportunity, "opportunity"_L1, "core"_L1, "opportunity"_L1, "OPP"_L1, false},
    {Product, "product"_L1, "core"_L1, "product"_L1, "PROD"_L1, true},
    {Capability, "capability"_L1, "core"_L1, "capability"_L1, "CAPL"_L1, true},
    {Feature, "feature"_L1, "core"_L1, "feature"_L1, "FEAT"_L1, true},
    {Enhancement, "enhancement"_L1, "core"_L1, "enhancement"_L1, "ENH"_L1, true},
    {Account, "account"_L1, "identity"_L1, "account"_L1, "ACC"_L1, false},
    {RevOrg, "rev_org"_L1, "identity"_L1, "revo"_L1, "REV"_L1, true},
    {RevUser, "rev_user"_L1, "identity"_L1, "revu"_L1, "REVU"_L1, true},
    {DevUser, "dev_user"_L1, "identity"_L1, "devu"_L1, "DEVU"_L1, true},
    {CodeChange, "code_change"_L1, "core"_L1, "code_change"_L1, "CC"_L1, false},
};
static_assert(std::size(KindInfo) == DevRevKindCount);

constexpr DevRevKinds bits(std::initializer_list<DevRevKind> kinds)
{
    DevRevKinds result = 0;
    for (DevRevKind kind : kinds)
        result |= devRevBit(kind);
    return result;
}

// Which kinds each stock link type joins, source -> target. VENDORS.md fixes is_dependent_on;
// the rest is our reading of DevRev's documents (work hierarchy: issues break down into issues
// and tasks, tickets into tickets and tasks; duplicates and merges within one work type;
// is_part_of follows the part hierarchy; developed_with joins an issue to the parts it
// touches; "links can join works, parts, accounts and users" for is_related_to). serves and
// imports join dev parts (runnables, linkables), which the sandbox does not hold: every such
// request is refused with an empty allowed_types.
struct PairRule
{
    QLatin1StringView linkType;
    DevRevKinds sources;
    DevRevKinds targets;
};
constexpr DevRevKinds Related = DevRevWorks | DevRevParts | bits({Account, RevUser, DevUser});
constexpr PairRule AllowedPairs[] = {
    {"is_dependent_on"_L1, bits({Ticket}), bits({Issue})},
    {"is_dependent_on"_L1, bits({Issue}), bits({Issue, CodeChange})},
    {"is_parent_of"_L1, bits({Issue}), bits({Issue, Task})},
    {"is_parent_of"_L1, bits({Ticket}), bits({Ticket, Task})},
    {"is_parent_of"_L1, bits({Opportunity, Task}), bits({Task})},
    {"is_duplicate_of"_L1, bits({Issue}), bits({Issue})},
    {"is_duplicate_of"_L1, bits({Ticket}), bits({Ticket})},
    {"is_duplicate_of"_L1, bits({Task}), bits({Task})},
    {"is_merged_into"_L1, bits({Issue}), bits({Issue})},
    {"is_merged_into"_L1, bits({Ticket}), bits({Ticket})},
    {"is_follow_up_of"_L1, bits({Ticket}), bits({Ticket})},
    {"is_follow_up_of"_L1, bits({Issue}), bits({Issue})},
    {"is_converted_to"_L1, bits({Ticket}), bits({Issue, Opportunity})},
    {"is_analyzed_by"_L1, bits({Ticket, Issue}), bits({Issue})},
    {"is_part_of"_L1, bits({Capability}), bits({Product})},
    {"is_part_of"_L1, bits({Feature}), bits({Capability, Product})},
    {"is_part_of"_L1, bits({Enhancement}), bits({Product, Capability, Feature})},
    {"developed_with"_L1, bits({Issue}), DevRevParts},
    {"is_related_to"_L1, Related, Related},
    {"serves"_L1, 0, 0},
    {"imports"_L1, 0, 0},
};

constexpr int MaxParentDepth = 2;
constexpr int WalkLimit = 64; // bounds every walk along parents or merges

QJsonObject pick(const QJsonObject &from, std::initializer_list<QLatin1StringView> keys)
{
    QJsonObject result;
    for (QLatin1StringView key : keys) {
        if (const QJsonValue value = from.value(key); !value.isUndefined())
            result.insert(key, value);
    }
    return result;
}

/// What DevRev embeds when one object refers to another (the *-summary schemas).
QJsonObject summaryOf(DevRevKind kind, const QJsonObject &json)
{
    QJsonObject result = pick(json, {"type"_L1, "id"_L1, "display_id"_L1});
    QJsonObject extra;
    if (DevRevWorks & devRevBit(kind)) {
        extra = pick(
            json,
            {"title"_L1, "owned_by"_L1, "priority"_L1, "severity"_L1, "state_display_name"_L1});
        if (json.contains("stage"_L1))
            extra.insert("stage"_L1, pick(json.value("stage"_L1).toObject(), {"name"_L1}));
    } else if (DevRevParts & devRevBit(kind)) {
        extra = pick(json, {"name"_L1, "owned_by"_L1});
    } else if (kind == RevUser || kind == DevUser) {
        extra = pick(json, {"display_name"_L1, "email"_L1, "full_name"_L1, "state"_L1});
    } else if (kind == Account || kind == RevOrg) {
        extra = pick(json, {"display_name"_L1});
    }
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        result.insert(it.key(), it.value());
    return result;
}

QJsonArray descriptors(DevRevKinds kinds)
{
    QJsonArray result;
    for (const QString &type : devRevTypeNames(kinds))
        result.append(QJsonObject{{"leaf_type"_L1, type}});
    return result;
}

DevRevRefusal refusal(QLatin1StringView type, const QString &message, QJsonObject fields = {})
{
    return {type, message, std::move(fields)};
}

DevRevRefusal unexpectedType(QLatin1StringView field, const QString &id, DevRevKinds allowed,
                             const QString &message)
{
    return refusal("unexpected_id_type"_L1, message,
                   {{"field_name"_L1, field},
                    {"value"_L1, id},
                    {"allowed_types"_L1, QJsonArray::fromStringList(devRevTypeNames(allowed))}});
}

} // namespace

const DevRevKindInfo &devRevKindInfo(DevRevKind kind)
{
    return KindInfo[qToUnderlying(kind)];
}

std::optional<DevRevKind> devRevKindFromType(QStringView type)
{
    for (const DevRevKindInfo &info : KindInfo) {
        if (info.type == type)
            return info.kind;
    }
    return std::nullopt;
}

QStringList devRevTypeNames(DevRevKinds kinds)
{
    QStringList result;
    for (const DevRevKindInfo &info : KindInfo) {
        if (kinds & devRevBit(info.kind))
            result.append(info.type);
    }
    return result;
}

DevRevKinds devRevVisibleKinds(bool beta)
{
    DevRevKinds result = 0;
    for (const DevRevKindInfo &info : KindInfo) {
        if (beta || info.isPublic)
            result |= devRevBit(info.kind);
    }
    return result;
}

const QStringList &DevRevWorld::linkTypes()
{
    static const QStringList types = {
        u"custom_link"_s,     u"developed_with"_s,  u"imports"_s,         u"is_analyzed_by"_s,
        u"is_converted_to"_s, u"is_dependent_on"_s, u"is_duplicate_of"_s, u"is_follow_up_of"_s,
        u"is_merged_into"_s,  u"is_parent_of"_s,    u"is_part_of"_s,      u"is_related_to"_s,
        u"serves"_s,
    };
    return types;
}

QString DevRevWorld::timestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

const DevRevObject &DevRevWorld::addObject(DevRevKind kind, QJsonObject fields, qint64 createdMs,
                                           const QString &createdBy)
{
    const DevRevKindInfo &info = devRevKindInfo(kind);
    const qint64 number = ++m_lastNumber[qToUnderlying(kind)];
    DevRevObject object{kind,
                        number,
                        qint64(m_objects.size()) + 1,
                        QString(DonPrefix).arg(info.partition, info.donType).arg(number),
                        u"%1-%2"_s.arg(info.displayPrefix).arg(number),
                        {},
                        {}};
    fields.insert("type"_L1, info.type);
    fields.insert("id"_L1, object.id);
    fields.insert("display_id"_L1, object.displayId);
    fields.insert("created_date"_L1, timestamp(createdMs));
    fields.insert("modified_date"_L1, timestamp(createdMs));
    if (const QJsonObject creator = createdBy == object.id ? QJsonObject() : summary(createdBy);
        !creator.isEmpty()) {
        fields.insert("created_by"_L1, creator);
        fields.insert("modified_by"_L1, creator);
    }
    object.json = fields;
    object.summary = summaryOf(kind, fields);
    m_objectIndex.insert(object.id, qsizetype(m_objects.size()));
    m_objectIndex.insert(object.displayId, qsizetype(m_objects.size()));
    m_objects.push_back(std::move(object));
    return m_objects.back();
}

const DevRevObject *DevRevWorld::object(QStringView idOrDisplayId) const
{
    const auto it = m_objectIndex.constFind(idOrDisplayId.toString());
    return it == m_objectIndex.constEnd() ? nullptr : &m_objects[size_t(*it)];
}

QJsonObject DevRevWorld::summary(const QString &id) const
{
    const DevRevObject *found = object(id);
    return found ? found->summary : QJsonObject();
}

const DevRevCustomLinkType &DevRevWorld::addCustomLinkType(DevRevCustomLinkType type)
{
    type.number = qint64(m_customLinkTypes.size()) + 1;
    type.id = QString(DonPrefix).arg("core"_L1, "custom_link_type"_L1).arg(type.number);
    m_customLinkTypes.push_back(std::move(type));
    return m_customLinkTypes.back();
}

bool DevRevWorld::setCustomLinkTypeDeprecated(const QString &id, bool deprecated)
{
    for (DevRevCustomLinkType &type : m_customLinkTypes) {
        if (type.id == id) {
            type.deprecated = deprecated;
            return true;
        }
    }
    return false;
}

const DevRevCustomLinkType *DevRevWorld::customLinkType(QStringView id) const
{
    const auto it = std::ranges::find(m_customLinkTypes, id, &DevRevCustomLinkType::id);
    return it == m_customLinkTypes.end() ? nullptr : &*it;
}

QJsonObject DevRevWorld::customLinkTypeJson(const DevRevCustomLinkType &type) const
{
    return {
        {"id"_L1, type.id},
        {"name"_L1, type.name},
        {"forward_name"_L1, type.forwardName},
        {"backward_name"_L1, type.backwardName},
        {"tooltip"_L1, type.tooltip},
        {"is_deprecated"_L1, type.deprecated},
        {"source_types"_L1, descriptors(type.sourceKinds)},
        {"target_types"_L1, descriptors(type.targetKinds)},
        {"created_date"_L1, timestamp(type.createdMs)},
        {"modified_date"_L1, timestamp(type.createdMs)},
    };
}

DevRevKinds DevRevWorld::allowedSources(QStringView linkType)
{
    DevRevKinds result = 0;
    for (const PairRule &rule : AllowedPairs) {
        if (rule.linkType == linkType)
            result |= rule.sources;
    }
    return result;
}

DevRevKinds DevRevWorld::allowedTargets(QStringView linkType, DevRevKind source)
{
    DevRevKinds result = 0;
    for (const PairRule &rule : AllowedPairs) {
        if (rule.linkType == linkType && (rule.sources & devRevBit(source)))
            result |= rule.targets;
    }
    return result;
}

const std::set<qint64> &DevRevWorld::linksOf(const QString &objectId) const
{
    static const std::set<qint64> none;
    const auto it = m_linksByObject.constFind(objectId);
    return it == m_linksByObject.constEnd() ? none : *it;
}

QString DevRevWorld::linked(const QString &objectId, QLatin1StringView type, bool outgoing,
                            qint64 skip) const
{
    for (qint64 number : linksOf(objectId)) {
        const DevRevLink &link = m_links.at(number);
        if (number != skip && link.linkType == type
            && (outgoing ? link.source : link.target) == objectId) {
            return outgoing ? link.target : link.source;
        }
    }
    return {};
}

int DevRevWorld::depthOf(const QString &objectId, qint64 skip) const
{
    int depth = 0;
    for (QString at = linked(objectId, "is_parent_of"_L1, false, skip);
         !at.isEmpty() && depth < WalkLimit; at = linked(at, "is_parent_of"_L1, false, skip)) {
        ++depth;
    }
    return depth;
}

int DevRevWorld::heightOf(const QString &objectId, qint64 skip) const
{
    // Breadth-first over is_parent_of links, level by level, bounded.
    QStringList level{objectId};
    int height = 0;
    while (height < WalkLimit) {
        QStringList next;
        for (const QString &at : std::as_const(level)) {
            for (qint64 number : linksOf(at)) {
                const DevRevLink &link = m_links.at(number);
                if (number != skip && link.linkType == "is_parent_of"_L1 && link.source == at)
                    next.append(link.target);
            }
        }
        if (next.isEmpty())
            break;
        level = std::move(next);
        ++height;
    }
    return height;
}

std::optional<DevRevRefusal> DevRevWorld::checkLink(const LinkRequest &request, DevRevKinds visible,
                                                    qint64 replacing) const
{
    const DevRevObject *source = object(request.source);
    const DevRevObject *target = object(request.target);
    if (!source || !target)
        return refusal("invalid_id"_L1, u"No such object"_s,
                       {{"field_name"_L1, source ? "target"_L1 : "source"_L1}});
    const QString &type = request.linkType;
    const bool custom = type == "custom_link"_L1;
    const DevRevCustomLinkType *customType = nullptr;
    if (custom) {
        if (request.customLinkType.isEmpty()) {
            return refusal("missing_required_field"_L1,
                           u"custom_link links need custom_link_type"_s,
                           {{"field_name"_L1, "custom_link_type"_L1}});
        }
        customType = customLinkType(request.customLinkType);
        if (!customType) {
            return refusal("invalid_id"_L1, u"No custom link type %1"_s.arg(request.customLinkType),
                           {{"field_name"_L1, "custom_link_type"_L1}});
        }
    } else if (!request.customLinkType.isEmpty()) {
        return refusal("bad_request"_L1,
                       u"custom_link_type is only allowed with link_type custom_link"_s);
    }

    const DevRevKinds sources = visible & (custom ? customType->sourceKinds : allowedSources(type));
    const QString sourceType = devRevKindInfo(source->kind).type;
    const QString targetType = devRevKindInfo(target->kind).type;
    if (!(sources & devRevBit(source->kind))) {
        return unexpectedType(
            "source"_L1, source->id, sources,
            u"%1 links cannot start from %2 %3"_s.arg(type, sourceType, source->displayId));
    }
    const DevRevKinds targets
        = visible & (custom ? customType->targetKinds : allowedTargets(type, source->kind));
    if (!(targets & devRevBit(target->kind))) {
        return unexpectedType(
            "target"_L1, target->id, targets,
            u"%1 links from %2 %3 cannot go to %4 %5"_s.arg(type, sourceType, source->displayId,
                                                            targetType, target->displayId));
    }
    if (source == target)
        return refusal("bad_request"_L1, u"An object cannot be linked to itself"_s);
    if (customType && customType->deprecated) {
        return refusal("bad_request"_L1,
                       u"Custom link type %1 is deprecated: it keeps its links but takes no new "
                       "ones"_s.arg(customType->name));
    }

    // links.replace judges the new link as if the replaced one were gone.
    const auto ignoring = [this, replacing](const QString &objectId) {
        QList<const DevRevLink *> result;
        for (qint64 number : linksOf(objectId)) {
            if (number != replacing)
                result.append(&m_links.at(number));
        }
        return result;
    };
    if (type == "is_parent_of"_L1) {
        for (const DevRevLink *link : ignoring(target->id)) {
            if (link->linkType == type && link->target == target->id) {
                return refusal("artifact_already_attached_to_a_parent"_L1,
                               u"%1 already has a parent"_s.arg(target->displayId),
                               {{"existing_parent"_L1, link->source},
                                {"is_same"_L1, link->source == source->id}});
            }
        }
        int steps = 0;
        for (QString at = source->id; !at.isEmpty() && steps < WalkLimit;
             at = linked(at, "is_parent_of"_L1, false, replacing), ++steps) {
            if (at == target->id)
                return refusal("bad_request"_L1, u"is_parent_of links cannot form a cycle"_s);
        }
        if (depthOf(source->id, replacing) + 1 + heightOf(target->id, replacing) > MaxParentDepth) {
            return refusal(
                "bad_request"_L1,
                u"is_parent_of hierarchies are at most %1 levels deep"_s.arg(MaxParentDepth));
        }
    } else if (type == "is_merged_into"_L1) {
        for (const DevRevLink *link : ignoring(source->id)) {
            if (link->linkType == type && link->source == source->id) {
                return refusal("bad_request"_L1,
                               u"%1 is already merged into %2"_s.arg(
                                   source->displayId,
                                   summary(link->target).value("display_id"_L1).toString()));
            }
        }
        int steps = 0;
        for (QString at = target->id; !at.isEmpty() && steps < WalkLimit;
             at = linked(at, "is_merged_into"_L1, true, replacing), ++steps) {
            if (at == source->id)
                return refusal("bad_request"_L1, u"is_merged_into links cannot form a cycle"_s);
        }
    }
    const bool symmetric = type == "is_related_to"_L1;
    for (const DevRevLink *link : ignoring(source->id)) {
        const bool same = link->source == source->id && link->target == target->id;
        const bool mirrored = link->source == target->id && link->target == source->id;
        if (link->linkType == type && link->customLinkType == request.customLinkType
            && (same || (symmetric && mirrored))) {
            return refusal("bad_request"_L1, u"The link already exists: %1"_s.arg(link->id));
        }
    }
    return std::nullopt;
}

void DevRevWorld::insertLink(DevRevLink link)
{
    m_lastLink = std::max(m_lastLink, link.number);
    m_linksByObject[link.source].insert(link.number);
    m_linksByObject[link.target].insert(link.number);
    m_links.emplace(link.number, std::move(link));
}

const DevRevLink *DevRevWorld::createLink(const LinkRequest &request, DevRevKinds visible,
                                          const QString &createdBy, qint64 nowMs,
                                          DevRevRefusal *refused, qint64 replacing)
{
    if (auto problem = checkLink(request, visible, replacing)) {
        *refused = *problem;
        return nullptr;
    }
    if (replacing)
        deleteLink(replacing);
    const qint64 number = m_lastLink + 1;
    // Stored by DON id, whatever form (display id) the request used.
    insertLink({number, QString(DonPrefix).arg("core"_L1, "link"_L1).arg(number),
                object(request.source)->id, object(request.target)->id, request.linkType,
                request.linkType == "custom_link"_L1 ? request.customLinkType : QString(),
                createdBy, nowMs});
    return &m_links.at(number);
}

bool DevRevWorld::deleteLink(qint64 number)
{
    const auto it = m_links.find(number);
    if (it == m_links.end())
        return false;
    for (const QString &end : {it->second.source, it->second.target}) {
        auto &set = m_linksByObject[end];
        set.erase(number);
        if (set.empty())
            m_linksByObject.remove(end);
    }
    m_links.erase(it);
    return true;
}

const DevRevLink *DevRevWorld::link(QStringView id) const
{
    const QString prefix = QString(DonPrefix).arg("core"_L1, "link"_L1, QString());
    if (!id.startsWith(prefix))
        return nullptr;
    bool ok = false;
    const qint64 number = id.mid(prefix.size()).toLongLong(&ok);
    const auto it = ok ? m_links.find(number) : m_links.end();
    return it == m_links.end() ? nullptr : &it->second;
}

QJsonObject DevRevWorld::linkJson(const DevRevLink &link) const
{
    QJsonObject json{
        {"id"_L1, link.id},
        {"link_type"_L1, link.linkType},
        {"source"_L1, summary(link.source)},
        {"target"_L1, summary(link.target)},
        {"created_date"_L1, timestamp(link.createdMs)},
        {"modified_date"_L1, timestamp(link.createdMs)},
    };
    if (const QJsonObject creator = summary(link.createdBy); !creator.isEmpty()) {
        json.insert("created_by"_L1, creator);
        json.insert("modified_by"_L1, creator);
    }
    if (!link.customLinkType.isEmpty())
        json.insert("custom_link_type"_L1, QJsonObject{{"id"_L1, link.customLinkType}});
    return json;
}

QJsonObject DevRevWorld::stateJson() const
{
    QJsonArray objects;
    for (const DevRevObject &object : m_objects)
        objects.append(object.json);
    QJsonArray customTypes;
    for (const DevRevCustomLinkType &type : m_customLinkTypes)
        customTypes.append(customLinkTypeJson(type));
    QJsonArray links;
    for (const auto &[number, link] : m_links) {
        QJsonObject entry{{"number"_L1, number},
                          {"source"_L1, link.source},
                          {"target"_L1, link.target},
                          {"link_type"_L1, link.linkType},
                          {"created_by"_L1, link.createdBy},
                          {"created_ms"_L1, link.createdMs}};
        if (!link.customLinkType.isEmpty())
            entry.insert("custom_link_type"_L1, link.customLinkType);
        links.append(entry);
    }
    return {{"objects"_L1, objects},
            {"custom_link_types"_L1, customTypes},
            {"links"_L1, links},
            {"last_link"_L1, m_lastLink}};
}

namespace {

std::optional<qint64> parseTimestamp(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? std::optional(time.toMSecsSinceEpoch()) : std::nullopt;
}

std::optional<DevRevKinds> kindsOf(const QJsonValue &descriptors)
{
    DevRevKinds result = 0;
    for (const QJsonValue &descriptor : descriptors.toArray()) {
        const auto kind
            = devRevKindFromType(descriptor.toObject().value("leaf_type"_L1).toString());
        if (!kind)
            return std::nullopt;
        result |= devRevBit(*kind);
    }
    return descriptors.isArray() ? std::optional(result) : std::nullopt;
}

} // namespace

bool DevRevWorld::restoreStateJson(const QJsonObject &state, QString *error)
{
    const QJsonValue objects = state.value("objects"_L1);
    const QJsonValue customTypes = state.value("custom_link_types"_L1);
    const QJsonValue links = state.value("links"_L1);
    const QJsonValue lastLink = state.value("last_link"_L1);
    if (!objects.isArray() || !customTypes.isArray() || !links.isArray() || !lastLink.isDouble()) {
        *error = u"DevRev state needs objects, custom_link_types, links and last_link"_s;
        return false;
    }
    // Objects in creation order: each must get back the id it had.
    DevRevWorld next;
    for (const QJsonValue &value : objects.toArray()) {
        QJsonObject fields = value.toObject();
        const auto kind = devRevKindFromType(fields.value("type"_L1).toString());
        const auto created = parseTimestamp(fields.value("created_date"_L1));
        const QString id = fields.value("id"_L1).toString();
        const QString creator = fields.value("created_by"_L1).toObject().value("id"_L1).toString();
        for (const auto key : {"created_by"_L1, "modified_by"_L1})
            fields.remove(key);
        if (!kind || !created || next.addObject(*kind, fields, *created, creator).id != id) {
            *error = u"DevRev state: object %1 is malformed or out of order"_s.arg(id);
            return false;
        }
    }
    std::vector<QString> deprecated;
    for (const QJsonValue &value : customTypes.toArray()) {
        const QJsonObject type = value.toObject();
        const auto sources = kindsOf(type.value("source_types"_L1));
        const auto targets = kindsOf(type.value("target_types"_L1));
        const auto created = parseTimestamp(type.value("created_date"_L1));
        const QString id = type.value("id"_L1).toString();
        if (!sources || !targets || !created
            || next.addCustomLinkType({0,
                                       {},
                                       type.value("name"_L1).toString(),
                                       type.value("forward_name"_L1).toString(),
                                       type.value("backward_name"_L1).toString(),
                                       type.value("tooltip"_L1).toString(),
                                       *sources,
                                       *targets,
                                       false,
                                       *created})
                    .id
                != id) {
            *error = u"DevRev state: custom link type %1 is malformed or out of order"_s.arg(id);
            return false;
        }
        if (type.value("is_deprecated"_L1).toBool())
            deprecated.push_back(id); // deprecated types keep their links: replay them first
    }
    qint64 previous = 0;
    for (const QJsonValue &value : links.toArray()) {
        const QJsonObject entry = value.toObject();
        const qint64 number = entry.value("number"_L1).toInteger();
        const LinkRequest request{
            entry.value("link_type"_L1).toString(), entry.value("source"_L1).toString(),
            entry.value("target"_L1).toString(), entry.value("custom_link_type"_L1).toString()};
        const qint64 createdMs = entry.value("created_ms"_L1).toInteger(-1);
        const DevRevObject *creator = next.object(entry.value("created_by"_L1).toString());
        if (number <= previous || !linkTypes().contains(request.linkType) || createdMs < 0
            || !creator || creator->kind != DevUser) {
            *error = u"DevRev state: malformed link entry %1"_s.arg(number);
            return false;
        }
        if (auto problem = next.checkLink(request, devRevVisibleKinds(true))) {
            *error = u"DevRev state: link %1 is refused: %2"_s.arg(number).arg(problem->message);
            return false;
        }
        const DevRevObject *source = next.object(request.source);
        const DevRevObject *target = next.object(request.target);
        next.insertLink({number, QString(DonPrefix).arg("core"_L1, "link"_L1).arg(number),
                         source->id, target->id, request.linkType, request.customLinkType,
                         creator->id, createdMs});
        previous = number;
    }
    if (lastLink.toInteger() < next.m_lastLink) {
        *error = u"DevRev state: last_link is below a link's number"_s;
        return false;
    }
    next.m_lastLink = lastLink.toInteger();
    for (const QString &id : deprecated)
        next.setCustomLinkTypeDeprecated(id, true);
    *this = std::move(next);
    return true;
}
