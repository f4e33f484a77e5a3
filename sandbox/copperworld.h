#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <compare>
#include <map>
#include <optional>
#include <set>

/// The six Copper record kinds that take part in Related Items.
enum class CopperEntity : quint8 { Lead, Person, Company, Opportunity, Project, Task };
inline constexpr std::array AllCopperEntities
    = {CopperEntity::Lead,        CopperEntity::Person,  CopperEntity::Company,
       CopperEntity::Opportunity, CopperEntity::Project, CopperEntity::Task};

/// Path name ("people") and related-item type name ("person") of an entity, and their inverses.
QString copperPlural(CopperEntity entity);
QString copperTypeName(CopperEntity entity);
std::optional<CopperEntity> copperEntityFromPlural(QStringView plural);
std::optional<CopperEntity> copperEntityFromTypeName(QStringView type);

/// A record's identity. Copper ids are unique per entity type only, so the type is part of it.
struct CopperRef
{
    CopperEntity type = CopperEntity::Lead;
    qint64 id = 0;
    auto operator<=>(const CopperRef &) const = default;
};

/// The state of the simulated Copper account: records as Copper's JSON, and the related-items
/// graph with the rules of seed 001. No HTTP here; CopperSandbox maps it to the API.
///
/// Rules (seed 001): the allowed pairs are symmetric and never join two records of one type.
/// Limits: a person has at most one related company; a task has at most one related record in
/// total, of any type (our reading of "limit 1 total": it matches the single `related_resource`
/// field of a task). Both sides' limits are checked, whichever side the request names.
/// Derived fields follow the graph: a person's company_id/company_name and a task's
/// related_resource.
class CopperWorld
{
public:
    enum class RelateResult { Added, AlreadyRelated, NotAllowed, UnknownRecord, LimitReached };

    static bool canRelate(CopperEntity a, CopperEntity b);
    /// How many records of type `other` a record of type `of` may have, or std::nullopt.
    /// A task's limit counts all its related records, whatever their type.
    static std::optional<int> limit(CopperEntity of, CopperEntity other);

    /// Adds or replaces a record; its "id" field is the key.
    void insert(CopperEntity type, const QJsonObject &record);
    bool contains(CopperRef ref) const;
    /// The record with its derived fields, or an empty object.
    QJsonObject record(CopperRef ref) const;
    const std::map<qint64, QJsonObject> &records(CopperEntity type) const;

    /// The account's users (assignees), in id order; the first is the API key's owner.
    void addUser(const QJsonObject &user) { m_users.append(user); }
    const QList<QJsonObject> &users() const { return m_users; }

    /// Everything related to `ref`, sorted by id and then type (as in seed 001's example).
    QList<CopperRef> related(CopperRef ref) const;
    bool isRelated(CopperRef a, CopperRef b) const;
    /// Checks the pair, both records and both limits; on Added both sides see the relation.
    RelateResult relate(CopperRef a, CopperRef b);
    /// Removes the relation; false if there was none.
    bool unrelate(CopperRef a, CopperRef b);

    /// The whole world as JSON (records and relations), for determinism checks and dumps.
    QJsonObject toJson() const;

private:
    void updateDerivedFields(CopperRef ref);

    std::array<std::map<qint64, QJsonObject>, AllCopperEntities.size()> m_records;
    std::map<CopperRef, std::set<CopperRef>> m_related;
    QList<QJsonObject> m_users;
};
