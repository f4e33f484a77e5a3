#pragma once

#include <QHash>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <vector>

/// The kinds of DevRev objects the sandbox holds: works, parts, customers, users, code changes.
enum class DevRevKind : quint8 {
    Issue,
    Ticket,
    Task,
    Opportunity,
    Product,
    Capability,
    Feature,
    Enhancement,
    Account,
    RevOrg,
    RevUser,
    DevUser,
    CodeChange,
};
inline constexpr int DevRevKindCount = int(DevRevKind::CodeChange) + 1;

/// A set of kinds, one bit each.
using DevRevKinds = quint32;
constexpr DevRevKinds devRevBit(DevRevKind kind)
{
    return DevRevKinds(1) << unsigned(kind);
}

/// How a kind is named and numbered: `type` in JSON ("rev_org"), its DON ids
/// (don:<partition>:dvrv-us-1:devo/1:<donType>/<n>) and display ids (<prefix>-<n>).
struct DevRevKindInfo
{
    DevRevKind kind;
    QLatin1StringView type;
    QLatin1StringView partition;
    QLatin1StringView donType;
    QLatin1StringView displayPrefix;
    /// The public API knows this kind as a link endpoint (link-endpoint-type) and, for works,
    /// as a work type; the others are served with X-Devrev-Scope: beta only.
    bool isPublic;
};
const DevRevKindInfo &devRevKindInfo(DevRevKind kind);
std::optional<DevRevKind> devRevKindFromType(QStringView type);
/// The kinds as their `type` names, in the order of DevRevKind.
QStringList devRevTypeNames(DevRevKinds kinds);

inline constexpr DevRevKinds DevRevWorks = devRevBit(DevRevKind::Issue)
    | devRevBit(DevRevKind::Ticket) | devRevBit(DevRevKind::Task)
    | devRevBit(DevRevKind::Opportunity);
inline constexpr DevRevKinds DevRevParts = devRevBit(DevRevKind::Product)
    | devRevBit(DevRevKind::Capability) | devRevBit(DevRevKind::Feature)
    | devRevBit(DevRevKind::Enhancement);
/// The kinds visible to a caller of the public API, or of the beta API.
DevRevKinds devRevVisibleKinds(bool beta);

/// One object: its kind, number (ISS-<number>), place in creation order (the order of every
/// list) and JSON as the API serves it (`json` in lists and gets, `summary` where another
/// object or a link refers to it).
struct DevRevObject
{
    DevRevKind kind;
    qint64 number;
    qint64 sequence;
    QString id;
    QString displayId;
    QJsonObject json;
    QJsonObject summary;
};

/// A custom link type (beta link-types.custom.*): never deleted, possibly deprecated.
struct DevRevCustomLinkType
{
    qint64 number;
    QString id;
    QString name;
    QString forwardName;
    QString backwardName;
    QString tooltip;
    DevRevKinds sourceKinds;
    DevRevKinds targetKinds;
    bool deprecated;
    qint64 createdMs;
};

struct DevRevLink
{
    qint64 number;
    QString id;
    QString source; ///< object ids
    QString target;
    QString linkType;
    QString customLinkType; ///< id; empty unless linkType is custom_link
    QString createdBy; ///< dev user id
    qint64 createdMs;
};

/// Why a link was refused, as the DevRev error body's `type`, `message` and extra fields
/// (artifact_already_attached_to_a_parent: existing_parent and is_same, ...). Always a 400.
struct DevRevRefusal
{
    QLatin1StringView type;
    QString message;
    QJsonObject fields;
};

/// The state of the simulated DevRev organization (devo/1): objects, links and custom link
/// types, and the link rules of seed 002 and VENDORS.md. No HTTP here; DevRevSandbox maps it to
/// the API.
///
/// Link rules, checked in this order by checkLink():
/// - the pair of kinds must be allowed for the link type (AllowedPairs in devrevworld.cpp:
///   is_dependent_on only ticket->issue, issue->issue, issue->code_change; the other pairs are
///   our reading of DevRev's documents, see there), and both kinds visible to the caller:
///   unexpected_id_type naming the field, the id and the allowed types;
/// - no link from an object to itself: bad_request;
/// - custom_link needs custom_link_type (missing_required_field), a known one (invalid_id), not
///   deprecated (bad_request: deprecated types keep their links but take no new ones) and kinds
///   its source_types/target_types allow (unexpected_id_type); custom_link_type with another
///   link type: bad_request;
/// - is_parent_of: a target has at most one parent (artifact_already_attached_to_a_parent with
///   existing_parent and is_same, also when the same link is created twice); no cycles;
///   depth 2, i.e. at most two is_parent_of links from a root down to any descendant
///   (parent, child, grandchild): bad_request;
/// - is_merged_into: one outgoing link per source, and no cycle: bad_request;
/// - no duplicate (same source, target, link type and custom link type; is_related_to is
///   symmetric, so B->A duplicates A->B): bad_request.
class DevRevWorld
{
public:
    static constexpr QLatin1StringView DonPrefix{"don:%1:dvrv-us-1:devo/1:%2/%3"};
    /// Seed 002's link_type values, sorted.
    static const QStringList &linkTypes();

    /// Adds an object of `kind`, numbered after the last of its kind; `fields` become its JSON
    /// beside id, display_id and type. `createdMs`: created_date and modified_date.
    const DevRevObject &addObject(DevRevKind kind, QJsonObject fields, qint64 createdMs,
                                  const QString &createdBy = {});
    /// By DON id or display id (ISS-12); nullptr when there is none.
    const DevRevObject *object(QStringView idOrDisplayId) const;
    /// Every object, in creation order.
    const std::vector<DevRevObject> &objects() const { return m_objects; }
    /// A reference to `id` as DevRev embeds it ({type, id, display_id, ...}); {} if unknown.
    QJsonObject summary(const QString &id) const;

    const DevRevCustomLinkType &addCustomLinkType(DevRevCustomLinkType type);
    bool setCustomLinkTypeDeprecated(const QString &id, bool deprecated);
    const DevRevCustomLinkType *customLinkType(QStringView id) const;
    const std::vector<DevRevCustomLinkType> &customLinkTypes() const { return m_customLinkTypes; }
    QJsonObject customLinkTypeJson(const DevRevCustomLinkType &type) const;

    struct LinkRequest
    {
        QString linkType;
        QString source; ///< object ids (DON)
        QString target;
        QString customLinkType;
    };
    /// The first rule `request` breaks, or std::nullopt. `visible`: the kinds the caller may
    /// link; `replacing`: a link number to disregard (links.replace).
    std::optional<DevRevRefusal> checkLink(const LinkRequest &request, DevRevKinds visible,
                                           qint64 replacing = 0) const;
    /// Adds the link after checkLink(); nullptr and *refusal set when a rule refuses it.
    const DevRevLink *createLink(const LinkRequest &request, DevRevKinds visible,
                                 const QString &createdBy, qint64 nowMs, DevRevRefusal *refusal,
                                 qint64 replacing = 0);
    bool deleteLink(qint64 number);
    const DevRevLink *link(QStringView id) const;
    const std::map<qint64, DevRevLink> &links() const { return m_links; }
    /// Numbers of the links whose source or target is `objectId`, ascending.
    const std::set<qint64> &linksOf(const QString &objectId) const;
    QJsonObject linkJson(const DevRevLink &link) const;

    /// The kinds a link of `linkType` may start from; and may go to from a `source`.
    static DevRevKinds allowedSources(QStringView linkType);
    static DevRevKinds allowedTargets(QStringView linkType, DevRevKind source);

    /// The whole world as JSON (objects in creation order, custom link types, links), and back:
    /// restoreStateJson() rebuilds it, checks that every object and type gets its id back,
    /// replays every link through the rules and refuses (false, *error set, world unchanged)
    /// anything malformed.
    QJsonObject stateJson() const;
    bool restoreStateJson(const QJsonObject &state, QString *error);

    static QString timestamp(qint64 ms);

private:
    /// The other end of the first `type` link leaving (`outgoing`) or reaching `objectId`,
    /// link `skip` disregarded; empty when there is none.
    QString linked(const QString &objectId, QLatin1StringView type, bool outgoing,
                   qint64 skip) const;
    /// is_parent_of links above `objectId`, and the longest chain below it.
    int depthOf(const QString &objectId, qint64 skip) const;
    int heightOf(const QString &objectId, qint64 skip) const;
    void insertLink(DevRevLink link);

    std::vector<DevRevObject> m_objects;
    QHash<QString, qsizetype> m_objectIndex; ///< DON id and display id -> m_objects index
    std::array<qint64, DevRevKindCount> m_lastNumber = {};
    std::vector<DevRevCustomLinkType> m_customLinkTypes;
    std::map<qint64, DevRevLink> m_links;
    QHash<QString, std::set<qint64>> m_linksByObject;
    qint64 m_lastLink = 0;
};
