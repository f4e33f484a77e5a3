#include "sandbox/copperworld.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

using enum CopperEntity;

struct Names
{
    CopperEntity entity;
    QStringView plural;
    QStringView type;
};
constexpr Names EntityNames[] = {
    {Lead, u"leads", u"lead"},           {Person, u"people", u"person"},
    {Company, u"companies", u"company"}, {Opportunity, u"opportunities", u"opportunity"},
    {Project, u"projects", u"project"},  {Task, u"tasks", u"task"},
};

// Seed 001, "the allowed relationships between Copper resources"; relations are bidirectional,
// so each unordered pair appears once.
constexpr std::pair<CopperEntity, CopperEntity> AllowedPairs[] = {
    {Lead, Task},        {Person, Company},      {Person, Opportunity}, {Person, Task},
    {Person, Project},   {Company, Opportunity}, {Company, Task},       {Company, Project},
    {Opportunity, Task}, {Opportunity, Project}, {Project, Task},
};

// Seed 001's limits: "People: Companies (limit 1)" and "Tasks: ... (limit 1 total)".
struct Limit
{
    CopperEntity of;
    std::optional<CopperEntity> other; // std::nullopt: counts related records of every type
    int max;
};
constexpr Limit Limits[] = {
    {Person, Company, 1},
    {Task, std::nullopt, 1},
};

// Seed 000 names the related_links types; current documents say "company" where the seed says
// "organization", so both are read and "company" is written.
struct LinkNames
{
    CopperLinkType type;
    QStringView entityType;
    QStringView fieldName;
    std::optional<CopperEntity> entity;
};
constexpr LinkNames LinkTypeNames[] = {
    {CopperLinkType::Lead, u"lead", u"lead", Lead},
    {CopperLinkType::Person, u"people", u"person", Person},
    {CopperLinkType::Company, u"company", u"company", Company},
    {CopperLinkType::Opportunity, u"opportunity", u"opportunity", Opportunity},
    {CopperLinkType::Project, u"project", u"project", Project},
    {CopperLinkType::User, u"user", u"user", std::nullopt},
};
constexpr std::pair<QStringView, CopperLinkType> LinkTypeAliases[] = {
    {u"organization", CopperLinkType::Company},
};

const Limit *findLimit(CopperEntity of, CopperEntity other)
{
    const auto it = std::ranges::find_if(Limits, [of, other](const Limit &rule) {
        return rule.of == of && (!rule.other || *rule.other == other);
    });
    return it == std::end(Limits) ? nullptr : it;
}

} // namespace

QString copperPlural(CopperEntity entity)
{
    return EntityNames[qToUnderlying(entity)].plural.toString();
}

QString copperTypeName(CopperEntity entity)
{
    return EntityNames[qToUnderlying(entity)].type.toString();
}

std::optional<CopperEntity> copperEntityFromPlural(QStringView plural)
{
    for (const Names &names : EntityNames) {
        if (names.plural == plural)
            return names.entity;
    }
    return std::nullopt;
}

std::optional<CopperEntity> copperEntityFromTypeName(QStringView type)
{
    for (const Names &names : EntityNames) {
        if (names.type == type)
            return names.entity;
    }
    return std::nullopt;
}

std::optional<qint64> copperInteger(const QJsonValue &value)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number
        || std::abs(number) > 9e15) {
        return std::nullopt;
    }
    return value.toInteger();
}

QString copperLinkTypeName(CopperLinkType type)
{
    return LinkTypeNames[qToUnderlying(type)].entityType.toString();
}

std::optional<CopperLinkType> copperLinkTypeFromName(QStringView name)
{
    for (const LinkNames &names : LinkTypeNames) {
        if (names.entityType == name)
            return names.type;
    }
    for (const auto &[alias, type] : LinkTypeAliases) {
        if (alias == name)
            return type;
    }
    return std::nullopt;
}

QString copperFieldTypeName(CopperLinkType type)
{
    return LinkTypeNames[qToUnderlying(type)].fieldName.toString();
}

std::optional<CopperLinkType> copperLinkTypeFromFieldName(QStringView name)
{
    for (const LinkNames &names : LinkTypeNames) {
        if (names.fieldName == name)
            return names.type;
    }
    return std::nullopt;
}

std::optional<CopperEntity> copperEntityOf(CopperLinkType type)
{
    return LinkTypeNames[qToUnderlying(type)].entity;
}

bool CopperWorld::canRelate(CopperEntity a, CopperEntity b)
{
    return std::ranges::any_of(AllowedPairs, [a, b](const auto &pair) {
        return pair == std::pair{a, b} || pair == std::pair{b, a};
    });
}

std::optional<int> CopperWorld::limit(CopperEntity of, CopperEntity other)
{
    const Limit *rule = findLimit(of, other);
    return rule ? std::optional(rule->max) : std::nullopt;
}

void CopperWorld::insert(CopperEntity type, const QJsonObject &record)
{
    const qint64 id = record.value("id"_L1).toInteger();
    m_records[qToUnderlying(type)][id] = record;
    updateDerivedFields({type, id});
}

bool CopperWorld::contains(CopperRef ref) const
{
    return records(ref.type).contains(ref.id);
}

QJsonObject CopperWorld::record(CopperRef ref) const
{
    const auto &all = records(ref.type);
    const auto it = all.find(ref.id);
    return it == all.end() ? QJsonObject() : it->second;
}

const std::map<qint64, QJsonObject> &CopperWorld::records(CopperEntity type) const
{
    return m_records[qToUnderlying(type)];
}

QList<CopperRef> CopperWorld::related(CopperRef ref) const
{
    const auto it = m_related.find(ref);
    if (it == m_related.end())
        return {};
    QList<CopperRef> result(it->second.begin(), it->second.end());
    std::ranges::sort(result, [](CopperRef a, CopperRef b) {
        return std::tie(a.id, a.type) < std::tie(b.id, b.type);
    });
    return result;
}

bool CopperWorld::isRelated(CopperRef a, CopperRef b) const
{
    const auto it = m_related.find(a);
    return it != m_related.end() && it->second.contains(b);
}

CopperWorld::RelateResult CopperWorld::relate(CopperRef a, CopperRef b)
{
    if (!canRelate(a.type, b.type))
        return RelateResult::NotAllowed;
    if (!contains(a) || !contains(b))
        return RelateResult::UnknownRecord;
    if (isRelated(a, b))
        return RelateResult::AlreadyRelated;

    const auto full = [this](CopperRef side, CopperEntity otherType) {
        const Limit *rule = findLimit(side.type, otherType);
        if (!rule)
            return false;
        const QList<CopperRef> current = related(side);
        const auto count = rule->other ? std::ranges::count(current, otherType, &CopperRef::type)
                                       : current.size();
        return count >= rule->max;
    };
    if (full(a, b.type) || full(b, a.type))
        return RelateResult::LimitReached;

    m_related[a].insert(b);
    m_related[b].insert(a);
    updateDerivedFields(a);
    updateDerivedFields(b);
    return RelateResult::Added;
}

bool CopperWorld::unrelate(CopperRef a, CopperRef b)
{
    if (!isRelated(a, b))
        return false;
    m_related[a].erase(b);
    m_related[b].erase(a);
    updateDerivedFields(a);
    updateDerivedFields(b);
    return true;
}

void CopperWorld::updateDerivedFields(CopperRef ref)
{
    if (ref.type != Person && ref.type != Task)
        return;
    auto &all = m_records[qToUnderlying(ref.type)];
    const auto it = all.find(ref.id);
    if (it == all.end())
        return;
    QJsonObject &record = it->second;
    const QList<CopperRef> others = related(ref);

    if (ref.type == Person) {
        const auto company = std::ranges::find(others, Company, &CopperRef::type);
        if (company == others.end()) {
            record.insert("company_id"_L1, QJsonValue::Null);
            record.insert("company_name"_L1, QJsonValue::Null);
        } else {
            record.insert("company_id"_L1, company->id);
            record.insert("company_name"_L1, this->record(*company).value("name"_L1));
        }
    } else if (ref.type == Task) {
        if (others.isEmpty()) {
            record.insert("related_resource"_L1, QJsonValue::Null);
        } else {
            record.insert("related_resource"_L1,
                          QJsonObject{{"id"_L1, others.first().id},
                                      {"type"_L1, copperTypeName(others.first().type)}});
        }
    }
}

void CopperWorld::addFieldDefinition(const QJsonObject &definition)
{
    m_definitions[definition.value("id"_L1).toInteger()] = definition;
}

bool CopperWorld::contains(CopperLinkEnd end) const
{
    if (const auto entity = copperEntityOf(end.type))
        return contains(CopperRef{*entity, end.id});
    return std::ranges::any_of(m_users, [&end](const QJsonObject &user) {
        return user.value("id"_L1).toInteger() == end.id;
    });
}

QString CopperWorld::name(CopperLinkEnd end) const
{
    if (const auto entity = copperEntityOf(end.type))
        return record({*entity, end.id}).value("name"_L1).toString();
    const auto user = std::ranges::find_if(m_users, [&end](const QJsonObject &candidate) {
        return candidate.value("id"_L1).toInteger() == end.id;
    });
    return user == m_users.end() ? QString() : user->value("name"_L1).toString();
}

QList<CopperLink> CopperWorld::links(CopperLinkEnd source, std::optional<qint64> definitionId) const
{
    QList<CopperLink> result;
    const auto from = m_linksFrom.find(source);
    if (from == m_linksFrom.end())
        return result;
    for (qint64 id : from->second) {
        const CopperLink &link = m_links.at(id);
        if (!definitionId || link.definitionId == *definitionId)
            result.append(link);
    }
    return result;
}

const CopperLink *CopperWorld::link(qint64 id) const
{
    const auto it = m_links.find(id);
    return it == m_links.end() ? nullptr : &it->second;
}

CopperWorld::ConnectResult CopperWorld::connect(qint64 definitionId, CopperLinkEnd source,
                                                CopperLinkEnd target, CopperLink *created)
{
    const ConnectResult result
        = addLink(definitionId, source, target, m_nextLinkId, m_nextLinkId + 1);
    if (result == ConnectResult::Added) {
        if (created)
            *created = m_links.at(m_nextLinkId);
        m_nextLinkId += 2;
    }
    return result;
}

CopperWorld::ConnectResult CopperWorld::addLink(qint64 definitionId, CopperLinkEnd source,
                                                CopperLinkEnd target, qint64 id, qint64 mirrorId)
{
    using enum ConnectResult;
    const auto definition = m_definitions.find(definitionId);
    if (definition == m_definitions.end())
        return UnknownDefinition;
    const QJsonObject &field = definition->second;
    if (field.value("data_type"_L1).toString() != "Connect"_L1)
        return NotConnectField;
    if (!field.value("available_on"_L1).toArray().contains(copperFieldTypeName(source.type)))
        return WrongSourceType;
    if (field.value("connected_entity_type"_L1).toString() != copperFieldTypeName(target.type))
        return WrongTargetType;
    if (!contains(source) || !contains(target))
        return UnknownRecord;
    if (source == target)
        return SameRecord;
    // The mirror makes B->A a duplicate of A->B too.
    const QList<CopperLink> existing = links(source, definitionId);
    if (std::ranges::any_of(existing,
                            [&target](const CopperLink &l) { return l.target == target; }))
        return Duplicate;

    m_links[id] = {id, mirrorId, definitionId, source, target};
    m_links[mirrorId] = {mirrorId, id, definitionId, target, source};
    m_linksFrom[source].insert(id);
    m_linksFrom[target].insert(mirrorId);
    return Added;
}

QList<qint64> CopperWorld::disconnect(qint64 linkId)
{
    const CopperLink *found = link(linkId);
    if (!found)
        return {};
    const CopperLink removed = *found;
    for (const auto &[id, from] :
         {std::pair{removed.id, removed.source}, std::pair{removed.mirrorId, removed.target}}) {
        m_links.erase(id);
        const auto ids = m_linksFrom.find(from);
        ids->second.erase(id);
        if (ids->second.empty())
            m_linksFrom.erase(ids);
    }
    return {std::min(removed.id, removed.mirrorId), std::max(removed.id, removed.mirrorId)};
}

QJsonObject CopperWorld::toJson() const
{
    QJsonObject result;
    for (CopperEntity type : AllCopperEntities) {
        QJsonArray list;
        for (const auto &[id, record] : records(type))
            list.append(record);
        result.insert(copperPlural(type), list);
    }
    QJsonArray relations;
    for (const auto &[from, others] : m_related) {
        for (const CopperRef &to : others) {
            if (from < to) {
                relations.append(
                    QJsonArray{copperTypeName(from.type), from.id, copperTypeName(to.type), to.id});
            }
        }
    }
    result.insert("related"_L1, relations);
    QJsonArray users;
    for (const QJsonObject &user : m_users)
        users.append(user);
    result.insert("users"_L1, users);
    QJsonArray definitions;
    for (const auto &[id, definition] : m_definitions)
        definitions.append(definition);
    result.insert("custom_field_definitions"_L1, definitions);
    const auto endJson = [](CopperLinkEnd end) {
        return QJsonObject{{"entity_type"_L1, copperLinkTypeName(end.type)}, {"id"_L1, end.id}};
    };
    QJsonArray links; // each pair once, under its lower id
    for (const auto &[id, link] : m_links) {
        if (id < link.mirrorId) {
            links.append(QJsonObject{{"id"_L1, id},
                                     {"mirror_id"_L1, link.mirrorId},
                                     {"custom_field_definition_id"_L1, link.definitionId},
                                     {"source"_L1, endJson(link.source)},
                                     {"target"_L1, endJson(link.target)}});
        }
    }
    result.insert("related_links"_L1, links);
    result.insert("next_link_id"_L1, m_nextLinkId);
    return result;
}

std::optional<CopperWorld> CopperWorld::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::optional<CopperWorld>();
    };
    const auto array = [&json](const QString &key, QJsonArray *out) {
        const QJsonValue value = json.value(key);
        *out = value.toArray();
        return value.isArray();
    };
    const auto positive = [](const QJsonValue &value) {
        const auto id = copperInteger(value);
        return id && *id > 0 ? id : std::nullopt;
    };
    const auto end = [&positive](const QJsonValue &value) -> std::optional<CopperLinkEnd> {
        const auto type = copperLinkTypeFromName(value["entity_type"_L1].toString());
        const auto id = positive(value["id"_L1]);
        return type && id ? std::optional(CopperLinkEnd{*type, *id}) : std::nullopt;
    };

    CopperWorld world;
    QJsonArray list;
    if (!array(u"users"_s, &list) || list.isEmpty())
        return fail(u"users must be a non-empty array"_s);
    for (const QJsonValue &user : std::as_const(list)) {
        if (!positive(user["id"_L1]) || !user["name"_L1].isString() || !user["email"_L1].isString())
            return fail(u"every user needs an integer id, a name and an email"_s);
        world.addUser(user.toObject());
    }

    for (CopperEntity type : AllCopperEntities) {
        const QString plural = copperPlural(type);
        if (!array(plural, &list))
            return fail(plural + u" must be an array"_s);
        for (const QJsonValue &record : std::as_const(list)) {
            const auto id = positive(record["id"_L1]);
            if (!record.isObject() || !id || world.contains(CopperRef{type, *id}))
                return fail(u"every record of %1 needs a unique positive integer id"_s.arg(plural));
            world.insert(type, record.toObject());
        }
    }

    if (!array(u"related"_s, &list))
        return fail(u"related must be an array"_s);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonArray pair = list.at(i).toArray();
        const auto a = copperEntityFromTypeName(pair.at(0).toString());
        const auto b = copperEntityFromTypeName(pair.at(2).toString());
        const auto aId = positive(pair.at(1));
        const auto bId = positive(pair.at(3));
        if (pair.size() != 4 || !a || !b || !aId || !bId
            || world.relate({*a, *aId}, {*b, *bId}) != RelateResult::Added) {
            return fail(
                u"related item %1 is not a new, allowed relation of known records"_s.arg(i));
        }
    }

    if (!array(u"custom_field_definitions"_s, &list))
        return fail(u"custom_field_definitions must be an array"_s);
    for (const QJsonValue &definition : std::as_const(list)) {
        const auto id = positive(definition["id"_L1]);
        if (!id || world.m_definitions.contains(*id) || !definition["name"_L1].isString()
            || !definition["data_type"_L1].isString() || !definition["available_on"_L1].isArray()) {
            return fail(u"every custom field definition needs a unique id, a name, a data_type "
                        "and available_on"_s);
        }
        world.addFieldDefinition(definition.toObject());
    }

    if (!array(u"related_links"_s, &list))
        return fail(u"related_links must be an array"_s);
    qint64 lastId = FirstLinkId - 1;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonValue link = list.at(i);
        const auto id = positive(link["id"_L1]);
        const auto mirrorId = positive(link["mirror_id"_L1]);
        const auto definitionId = positive(link["custom_field_definition_id"_L1]);
        const auto source = end(link["source"_L1]);
        const auto target = end(link["target"_L1]);
        if (!id || !mirrorId || *id >= *mirrorId || world.link(*id) || world.link(*mirrorId)
            || !definitionId || !source || !target
            || world.addLink(*definitionId, *source, *target, *id, *mirrorId)
                != ConnectResult::Added) {
            return fail(u"related link %1 is not a new, valid Connect-field link"_s.arg(i));
        }
        lastId = std::max(lastId, *mirrorId);
    }
    const auto next = positive(json.value("next_link_id"_L1));
    if (!next || *next <= lastId)
        return fail(u"next_link_id must be an integer above every link id"_s);
    world.m_nextLinkId = *next;
    return world;
}
