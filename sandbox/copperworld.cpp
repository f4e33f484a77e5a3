#include "sandbox/copperworld.h"

#include <QJsonArray>

#include <algorithm>

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
    return result;
}
