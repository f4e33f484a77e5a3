#include "sandbox/pm415world.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <span>
#include <variant>

using namespace Qt::StringLiterals;

namespace {

using enum Pm415Type;

struct Names
{
    QStringView name;
    QStringView plural;
};
constexpr Names TypeNames[] = {
    {u"initiative", u"initiatives"},
    {u"backlog", u"backlogs"},
    {u"item", u"items"},
    {u"bug", u"bugs"},
};

using Field = std::variant<qint64 Pm415Record::*, std::optional<qint64> Pm415Record::*,
                           QString Pm415Record::*, std::optional<QDateTime> Pm415Record::*>;
struct Column
{
    QLatin1StringView name;
    Field field;
};
using R = Pm415Record;

// The tables' columns as the Bookshelf models serialize them (camelCase; created_at and
// updated_at stripped), from the server's migrations.
constexpr Column InitiativeRow[] = {
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"description"_L1, &R::description},
    {"horizon"_L1, &R::horizon},
    {"createdBy"_L1, &R::createdBy},
    {"organizationId"_L1, &R::organizationId},
    {"mailers"_L1, &R::mailers},
    {"orderIndex"_L1, &R::orderIndex},
    {"archived"_L1, &R::archived},
    {"statusId"_L1, &R::statusId},
};
constexpr Column BacklogRow[] = {
    {"assignee"_L1, &R::assignee},
    {"organizationId"_L1, &R::organizationId},
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"description"_L1, &R::description},
    {"statusId"_L1, &R::statusId},
    {"points"_L1, &R::points},
    {"deleted"_L1, &R::deleted},
    {"createdBy"_L1, &R::createdBy},
    {"forecastedRelease"_L1, &R::forecastedRelease},
    {"actualRelease"_L1, &R::actualRelease},
    {"plannedOn"_L1, &R::plannedOn},
    {"archived"_L1, &R::archived},
};
constexpr Column ItemRow[] = {
    {"assignee"_L1, &R::assignee},
    {"organizationId"_L1, &R::organizationId},
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"description"_L1, &R::description},
    {"statusId"_L1, &R::statusId},
    {"points"_L1, &R::storyPoints},
    {"createdBy"_L1, &R::createdBy},
    {"forecastedRelease"_L1, &R::forecastedRelease},
    {"actualRelease"_L1, &R::actualRelease},
    {"plannedOn"_L1, &R::plannedOn},
    {"ownerId"_L1, &R::ownerId},
    {"ownerTable"_L1, &R::ownerTable},
    {"mailers"_L1, &R::mailers},
    {"orderIndex"_L1, &R::orderIndex},
    {"archived"_L1, &R::archived},
};
constexpr Column BugRow[] = {
    {"id"_L1, &R::id},
    {"assignee"_L1, &R::assignee},
    {"organizationId"_L1, &R::organizationId},
    {"mailers"_L1, &R::mailers},
    {"title"_L1, &R::title},
    {"description"_L1, &R::description},
    {"statusId"_L1, &R::statusId},
    {"severity"_L1, &R::severity},
    {"createdBy"_L1, &R::createdBy},
    {"reportedBy"_L1, &R::reportedBy},
    {"archived"_L1, &R::archived},
};

// The list endpoints' knex selects (fieldsToShow); un-aliased columns keep their snake_case
// name (order_index). The joined user columns are added by Pm415Sandbox.
constexpr Column InitiativeList[] = {
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"archived"_L1, &R::archived},
    {"description"_L1, &R::description},
    {"horizon"_L1, &R::horizon},
    {"createdBy"_L1, &R::createdBy},
    {"statusId"_L1, &R::statusId},
    {"order_index"_L1, &R::orderIndex},
    {"organizationId"_L1, &R::organizationId},
    {"popularity"_L1, &R::popularity},
};
constexpr Column BacklogList[] = {
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"description"_L1, &R::description},
    {"archived"_L1, &R::archived},
    {"statusId"_L1, &R::statusId},
    {"createdBy"_L1, &R::createdBy},
};
constexpr Column ItemList[] = {
    {"description"_L1, &R::description},
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"statusId"_L1, &R::statusId},
    {"archived"_L1, &R::archived},
    {"createdBy"_L1, &R::createdBy},
    {"ownerId"_L1, &R::ownerId},
    {"order_index"_L1, &R::orderIndex},
};
constexpr Column BugList[] = {
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"description"_L1, &R::description},
    {"statusId"_L1, &R::statusId},
    {"createdBy"_L1, &R::createdBy},
    {"severity"_L1, &R::severity},
    {"assignee"_L1, &R::assignee},
    {"archived"_L1, &R::archived},
};
constexpr Column BugFullSelect[] = {
    {"assignee"_L1, &R::assignee},
    {"archived"_L1, &R::archived},
    {"id"_L1, &R::id},
    {"title"_L1, &R::title},
    {"description"_L1, &R::description},
    {"statusId"_L1, &R::statusId},
    {"createdBy"_L1, &R::createdBy},
    {"reportedBy"_L1, &R::reportedBy},
    {"severity"_L1, &R::severity},
};

std::span<const Column> columns(Pm415Type type, Pm415Shape shape)
{
    switch (type) {
    case Initiative:
        return shape == Pm415Shape::Row ? std::span<const Column>(InitiativeRow) : InitiativeList;
    case Backlog:
        return shape == Pm415Shape::Row ? std::span<const Column>(BacklogRow) : BacklogList;
    case Item:
        return shape == Pm415Shape::Row ? std::span<const Column>(ItemRow) : ItemList;
    case Bug:
        break;
    }
    return shape == Pm415Shape::Row ? std::span<const Column>(BugRow)
        : shape == Pm415Shape::List ? std::span<const Column>(BugList)
                                    : BugFullSelect;
}

const QJsonValue Null(QJsonValue::Null);

QJsonValue toJson(qint64 value)
{
    return value;
}
QJsonValue toJson(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : Null;
}
QJsonValue toJson(const QString &value)
{
    return value.isNull() ? Null : QJsonValue(value);
}
/// DATETIME columns reach JSON as JavaScript Dates: "2025-03-14T00:00:00.000Z".
QJsonValue toJson(const std::optional<QDateTime> &value)
{
    if (!value)
        return Null;
    // Hand-formatted: QDateTime::toString() dominates saving a large world.
    const QDateTime utc = value->timeSpec() == Qt::UTC ? *value : value->toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    return QString::asprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year(), date.month(),
                             date.day(), time.hour(), time.minute(), time.second(), time.msec());
}

std::optional<qint64> jsonInteger(const QJsonValue &value)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number
        || std::abs(number) > 9e15) {
        return std::nullopt;
    }
    return value.toInteger();
}

bool fromJson(const QJsonValue &value, qint64 &out)
{
    const auto number = jsonInteger(value);
    out = number.value_or(0);
    return number.has_value();
}
bool fromJson(const QJsonValue &value, std::optional<qint64> &out)
{
    out = jsonInteger(value);
    return value.isNull() || out;
}
bool fromJson(const QJsonValue &value, QString &out)
{
    out = value.isString() && value.toString().isNull() ? u""_s : value.toString();
    return value.isNull() || value.isString();
}
bool fromJson(const QJsonValue &value, std::optional<QDateTime> &out)
{
    out.reset();
    if (value.isNull())
        return true;
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (time.isValid())
        out = time.toUTC();
    return out.has_value();
}

QString columnName(Pm415Type type)
{
    return pm415TypeName(type) + u"Id"_s;
}

/// The record of `type` in `json` (a Row plus an initiative's popularity), or std::nullopt.
std::optional<Pm415Record> recordFromJson(Pm415Type type, const QJsonValue &json, QString *error)
{
    Pm415Record record;
    const QJsonObject object = json.toObject();
    for (const Column &column : columns(type, Pm415Shape::Row)) {
        const QJsonValue value = object.value(column.name);
        const bool ok = std::visit(
            [&](auto member) { return !value.isUndefined() && fromJson(value, record.*member); },
            column.field);
        if (!ok) {
            *error = u"%1: bad or missing \"%2\" in the record with id %3"_s.arg(
                pm415Plural(type), column.name, object.value("id"_L1).toVariant().toString());
            return std::nullopt;
        }
    }
    if (type == Initiative && !fromJson(object.value("popularity"_L1), record.popularity)) {
        *error = u"initiatives: bad or missing \"popularity\""_s;
        return std::nullopt;
    }
    if (record.archived != 0 && record.archived != 1) {
        *error = u"%1: archived must be 0 or 1"_s.arg(pm415Plural(type));
        return std::nullopt;
    }
    return record;
}

} // namespace

QString pm415TypeName(Pm415Type type)
{
    return TypeNames[qToUnderlying(type)].name.toString();
}

QString pm415Plural(Pm415Type type)
{
    return TypeNames[qToUnderlying(type)].plural.toString();
}

std::optional<Pm415Type> pm415TypeFromName(QStringView name)
{
    for (Pm415Type type : AllPm415Types) {
        if (TypeNames[qToUnderlying(type)].name == name)
            return type;
    }
    return std::nullopt;
}

QJsonObject pm415RecordJson(Pm415Type type, const Pm415Record &record, Pm415Shape shape)
{
    QJsonObject result;
    for (const Column &column : columns(type, shape)) {
        result.insert(
            column.name,
            std::visit([&](auto member) { return toJson(record.*member); }, column.field));
    }
    return result;
}

QJsonObject Pm415Connection::toJson() const
{
    QJsonObject result{{"id"_L1, id}};
    for (Pm415Type type : AllPm415Types)
        result.insert(columnName(type), ::toJson((*this)[type]));
    return result;
}

void Pm415World::insert(Pm415Type type, const Pm415Record &record)
{
    m_records[qToUnderlying(type)][record.id] = record;
}

const Pm415Record *Pm415World::find(Pm415Type type, qint64 id) const
{
    const auto &all = records(type);
    const auto it = all.find(id);
    return it == all.end() ? nullptr : &it->second;
}

const std::map<qint64, Pm415Record> &Pm415World::records(Pm415Type type) const
{
    return m_records[qToUnderlying(type)];
}

const Pm415User *Pm415World::user(std::optional<qint64> id) const
{
    const auto it = id ? m_users.constFind(*id) : m_users.cend();
    return it == m_users.cend() ? nullptr : &*it;
}

void Pm415World::addOrganization(const Pm415Organization &organization)
{
    const auto at = std::ranges::lower_bound(m_organizations, organization.id, std::less<>(),
                                             &Pm415Organization::id);
    if (at != m_organizations.end() && at->id == organization.id)
        *at = organization;
    else
        m_organizations.insert(at, organization);
}

const Pm415Organization *Pm415World::organization(qint64 id) const
{
    const auto it = std::ranges::find(m_organizations, id, &Pm415Organization::id);
    return it == m_organizations.end() ? nullptr : &*it;
}

QList<const Pm415Connection *> Pm415World::connectionsOf(Pm415Type type, qint64 id) const
{
    QList<const Pm415Connection *> result;
    const auto &index = m_index[qToUnderlying(type)];
    if (const auto rows = index.find(id); rows != index.end()) {
        for (qint64 row : rows->second)
            result.append(&m_connections.at(row));
    }
    return result;
}

qint64 Pm415World::insertConnection(const Columns &columns)
{
    const qint64 id = m_nextConnectionId++;
    m_connections[id] = {id, columns};
    for (Pm415Type type : AllPm415Types) {
        if (const auto value = columns[qToUnderlying(type)])
            m_index[qToUnderlying(type)][*value].insert(id);
    }
    return id;
}

void Pm415World::erase(std::map<qint64, Pm415Connection>::iterator row)
{
    for (Pm415Type type : AllPm415Types) {
        const auto value = row->second[type];
        if (!value)
            continue;
        auto &index = m_index[qToUnderlying(type)];
        const auto entry = index.find(*value);
        entry->second.erase(row->first);
        if (entry->second.empty())
            index.erase(entry);
    }
    m_connections.erase(row);
}

qsizetype Pm415World::deleteConnections(Pm415Type ownerType, qint64 ownerId)
{
    const QList<const Pm415Connection *> rows = connectionsOf(ownerType, ownerId);
    for (const Pm415Connection *row : rows)
        erase(m_connections.find(row->id));
    return rows.size();
}

qsizetype Pm415World::deleteConnections(Pm415Type ownerType, qint64 ownerId, Pm415Type column,
                                        const QSet<qint64> &ids)
{
    qsizetype count = 0;
    for (const Pm415Connection *row : connectionsOf(ownerType, ownerId)) {
        if (const auto value = (*row)[column]; value && ids.contains(*value)) {
            erase(m_connections.find(row->id));
            ++count;
        }
    }
    return count;
}

qint64 Pm415World::connect(Pm415Ref a, Pm415Ref b)
{
    Columns columns;
    columns[qToUnderlying(a.type)] = a.id;
    columns[qToUnderlying(b.type)] = b.id;
    return insertConnection(columns);
}

QList<Pm415Ref> Pm415World::connected(Pm415Ref ref) const
{
    QList<Pm415Ref> result;
    for (const Pm415Connection *row : connectionsOf(ref.type, ref.id)) {
        for (Pm415Type type : AllPm415Types) {
            if (type != ref.type && (*row)[type])
                result.append({type, *(*row)[type]});
        }
    }
    std::ranges::sort(result);
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

QJsonObject Pm415World::toJson() const
{
    QJsonObject result;
    QJsonArray organizations;
    for (const Pm415Organization &organization : m_organizations) {
        organizations.append(QJsonObject{{"id"_L1, organization.id},
                                         {"name"_L1, organization.name},
                                         {"role"_L1, organization.role}});
    }
    result.insert("organizations"_L1, organizations);

    QList<qint64> userIds = m_users.keys();
    std::ranges::sort(userIds);
    QJsonArray users;
    for (qint64 id : userIds) {
        const Pm415User user = m_users.value(id);
        users.append(QJsonObject{{"id"_L1, user.id},
                                 {"email"_L1, user.email},
                                 {"firstName"_L1, user.firstName},
                                 {"lastName"_L1, user.lastName}});
    }
    result.insert("users"_L1, users);

    for (Pm415Type type : AllPm415Types) {
        QJsonArray rows;
        for (const auto &[id, record] : records(type)) {
            QJsonObject row = pm415RecordJson(type, record, Pm415Shape::Row);
            if (type == Initiative)
                row.insert("popularity"_L1, record.popularity);
            rows.append(row);
        }
        result.insert(pm415Plural(type), rows);
    }

    QJsonArray connections;
    for (const auto &[id, row] : m_connections)
        connections.append(row.toJson());
    result.insert("connections"_L1, connections);
    result.insert("nextConnectionId"_L1, m_nextConnectionId);
    return result;
}

std::optional<Pm415World> Pm415World::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) {
        *error = message;
        return std::optional<Pm415World>();
    };
    Pm415World world;

    for (const QJsonValue &value : json.value("organizations"_L1).toArray()) {
        const QJsonObject object = value.toObject();
        const auto id = jsonInteger(object.value("id"_L1));
        const QString role = object.value("role"_L1).toString();
        if (!id || world.organization(*id) || !object.value("name"_L1).isString()
            || (role != "Admin"_L1 && role != "Member"_L1 && role != "Pending"_L1)) {
            return fail(u"organizations: each needs a unique integer id, a name and a role "
                        "(Admin, Member or Pending)"_s);
        }
        world.addOrganization({*id, object.value("name"_L1).toString(), role});
    }

    for (const QJsonValue &value : json.value("users"_L1).toArray()) {
        const QJsonObject object = value.toObject();
        const auto id = jsonInteger(object.value("id"_L1));
        if (!id || world.m_users.contains(*id))
            return fail(u"users: each needs a unique integer id"_s);
        world.addUser({*id, object.value("email"_L1).toString(),
                       object.value("firstName"_L1).toString(),
                       object.value("lastName"_L1).toString()});
    }

    for (Pm415Type type : AllPm415Types) {
        const QJsonValue rows = json.value(pm415Plural(type));
        if (!rows.isArray())
            return fail(u"%1: missing or not an array"_s.arg(pm415Plural(type)));
        for (const QJsonValue &row : rows.toArray()) {
            auto record = recordFromJson(type, row, error);
            if (!record)
                return std::nullopt;
            if (world.find(type, record->id))
                return fail(u"%1: duplicate id %2"_s.arg(pm415Plural(type)).arg(record->id));
            world.insert(type, *record);
        }
    }

    const QJsonValue connections = json.value("connections"_L1);
    const auto next = jsonInteger(json.value("nextConnectionId"_L1));
    if (!connections.isArray() || !next)
        return fail(u"connections and nextConnectionId are required"_s);
    for (const QJsonValue &value : connections.toArray()) {
        const QJsonObject object = value.toObject();
        const auto id = jsonInteger(object.value("id"_L1));
        if (!id || *id < 1 || *id >= *next || world.m_connections.contains(*id))
            return fail(u"connections: each needs a unique id below nextConnectionId"_s);
        Columns columns;
        for (Pm415Type type : AllPm415Types) {
            const QJsonValue column = object.value(columnName(type));
            auto &target = columns[qToUnderlying(type)];
            if (!::fromJson(column, target) || column.isUndefined())
                return fail(u"connections: %1 must be null or an integer"_s.arg(columnName(type)));
            if (target && !world.find(type, *target)) {
                return fail(u"connections: row %1 refers to the missing %2 %3"_s.arg(*id).arg(
                    pm415TypeName(type), QString::number(*target)));
            }
        }
        world.m_nextConnectionId = *id;
        world.insertConnection(columns);
    }
    world.m_nextConnectionId = *next;
    return world;
}
