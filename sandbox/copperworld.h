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

/// A JSON number that is a whole number within JSON's exact range, or std::nullopt.
std::optional<qint64> copperInteger(const QJsonValue &value);

/// What a Connect field joins (seed 000): a record of five kinds (not a task: related_links has
/// no task source) or a user of the account.
enum class CopperLinkType : quint8 { Lead, Person, Company, Opportunity, Project, User };

/// related_links' entity_type of a type ("lead", "people", "company", "opportunity", "project",
/// "user") and its inverse, which also takes the seed's "organization" for "company".
QString copperLinkTypeName(CopperLinkType type);
std::optional<CopperLinkType> copperLinkTypeFromName(QStringView name);
/// The custom-field name of a type, as in available_on and connected_entity_type ("person").
QString copperFieldTypeName(CopperLinkType type);
std::optional<CopperLinkType> copperLinkTypeFromFieldName(QStringView name);
/// The record kind of a link type; std::nullopt for a user.
std::optional<CopperEntity> copperEntityOf(CopperLinkType type);

/// One end of a Connect-field link.
struct CopperLinkEnd
{
    CopperLinkType type = CopperLinkType::Lead;
    qint64 id = 0;
    auto operator<=>(const CopperLinkEnd &) const = default;
};

/// One Connect-field link as related_links lists it; every link has a mirror, from its target
/// back to its source on the same definition, with an id of its own.
struct CopperLink
{
    qint64 id = 0;
    qint64 mirrorId = 0;
    qint64 definitionId = 0;
    CopperLinkEnd source;
    CopperLinkEnd target;
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
///
/// Connect fields (seed 000): typed by a custom field definition whose data_type is "Connect",
/// available_on one source type and connected_entity_type the target type. Connecting A to B
/// also adds the mirror B to A (next id); removing either removes both. A pair is connected at
/// most once per definition (in either direction); a record is never connected to itself.
class CopperWorld
{
public:
    enum class RelateResult { Added, AlreadyRelated, NotAllowed, UnknownRecord, LimitReached };
    enum class ConnectResult {
        Added,
        UnknownDefinition,
        NotConnectField,
        WrongSourceType,
        WrongTargetType,
        UnknownRecord,
        SameRecord,
        Duplicate,
    };
    static constexpr qint64 FirstLinkId = 40001;

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

    /// Custom field definitions as Copper's JSON, by id; "id" is the key.
    void addFieldDefinition(const QJsonObject &definition);
    const std::map<qint64, QJsonObject> &fieldDefinitions() const { return m_definitions; }

    bool contains(CopperLinkEnd end) const;
    /// The name of a record or user, or an empty string.
    QString name(CopperLinkEnd end) const;

    /// The links from `source`, in id order, on one definition or on all.
    QList<CopperLink> links(CopperLinkEnd source, std::optional<qint64> definitionId = {}) const;
    const CopperLink *link(qint64 id) const;
    qsizetype linkCount() const { return qsizetype(m_links.size()); }
    /// Checks in the order of ConnectResult; on Added, *created (if given) is the new link.
    ConnectResult connect(qint64 definitionId, CopperLinkEnd source, CopperLinkEnd target,
                          CopperLink *created = nullptr);
    /// Removes a link and its mirror: both ids, ascending; empty if there is no such link.
    QList<qint64> disconnect(qint64 linkId);

    /// The whole world as JSON (users, records, relations, field definitions, Connect links),
    /// for state files, determinism checks and dumps.
    QJsonObject toJson() const;
    /// The world toJson() wrote, checked against every rule; std::nullopt and *error for
    /// anything else.
    static std::optional<CopperWorld> fromJson(const QJsonObject &json, QString *error);

private:
    void updateDerivedFields(CopperRef ref);
    ConnectResult addLink(qint64 definitionId, CopperLinkEnd source, CopperLinkEnd target,
                          qint64 id, qint64 mirrorId);

    std::array<std::map<qint64, QJsonObject>, AllCopperEntities.size()> m_records;
    std::map<CopperRef, std::set<CopperRef>> m_related;
    QList<QJsonObject> m_users;
    std::map<qint64, QJsonObject> m_definitions;
    std::map<qint64, CopperLink> m_links;
    std::map<CopperLinkEnd, std::set<qint64>> m_linksFrom;
    qint64 m_nextLinkId = FirstLinkId;
};
