#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <algorithm>
#include <array>
#include <compare>
#include <map>
#include <optional>
#include <set>

/// The four pm415 record kinds that connections join.
enum class Pm415Type : quint8 { Initiative, Backlog, Item, Bug };
inline constexpr std::array AllPm415Types
    = {Pm415Type::Initiative, Pm415Type::Backlog, Pm415Type::Item, Pm415Type::Bug};

/// "initiative": the live server's path segment, and the prefix of its connections column
/// (initiative_id, serialized as initiativeId).
QString pm415TypeName(Pm415Type type);
/// "initiatives": the table, the key of the connections POST body, the word in "not found
/// initiatives." and the items' ownerTable value.
QString pm415Plural(Pm415Type type);
/// Only the live server's lower-case singular names; the document's "Bugs" and the plural are
/// not names of a type.
std::optional<Pm415Type> pm415TypeFromName(QStringView name);

struct Pm415Ref
{
    Pm415Type type = Pm415Type::Initiative;
    qint64 id = 0;
    auto operator<=>(const Pm415Ref &) const = default;
};

/// One row of an initiatives, backlogs, items or bugs table; each kind uses its own columns
/// (see the Row shape in pm415world.cpp). A null QString is SQL NULL.
struct Pm415Record
{
    qint64 id = 0;
    qint64 organizationId = 0;
    QString title;
    QString description;
    qint64 statusId = 0;
    qint64 createdBy = 0;
    std::optional<qint64> assignee; // backlogs: never empty (NOT NULL)
    qint64 archived = 0; // TINYINT 0 or 1
    QString mailers; // "!a@example.com!!b@example.com!"
    qint64 orderIndex = 0;
    // Backlogs and items.
    QString points; // backlogs: VARCHAR
    std::optional<qint64> storyPoints; // items: MEDIUMINT, also serialized as "points"
    qint64 deleted = 0; // backlogs
    std::optional<QDateTime> forecastedRelease;
    std::optional<QDateTime> actualRelease;
    std::optional<QDateTime> plannedOn;
    // Items: the backlog or initiative the item belongs to.
    qint64 ownerId = 0;
    QString ownerTable; // "backlogs" or "initiatives"
    // Initiatives.
    std::optional<QDateTime> horizon;
    qint64 popularity = 0; // the sum of its votes (another table on the real server)
    // Bugs.
    QString severity; // "P0".."P3"
    std::optional<qint64> reportedBy;
};

/// The columns a query returns: Row is the whole row as the Bookshelf models serialize it
/// (connections' "info", a bug's "items"/"initiatives"); List the list endpoints' columns;
/// FullSelect the bugs list with fullSelect=true (the same as List for the other kinds).
/// createdAt/updatedAt never appear: the server's serializer strips them from every answer.
enum class Pm415Shape : quint8 { Row, List, FullSelect };
QJsonObject pm415RecordJson(Pm415Type type, const Pm415Record &record, Pm415Shape shape);

struct Pm415User
{
    qint64 id = 0;
    QString email;
    QString firstName;
    QString lastName;
};

/// An organization the API key's user belongs to, with that user's role in it.
struct Pm415Organization
{
    qint64 id = 0;
    QString name;
    QString role; // "Admin", "Member" or "Pending"
};

/// One row of the live server's connections table: a column per type, normally two of them set
/// (an undirected connection), but the server also stores rows with one column set (see
/// Pm415Sandbox on same-type requests).
struct Pm415Connection
{
    qint64 id = 0;
    std::array<std::optional<qint64>, AllPm415Types.size()> ids;

    std::optional<qint64> operator[](Pm415Type type) const { return ids[qToUnderlying(type)]; }
    QJsonObject toJson() const;
};

/// The state of the simulated pm415 server: the API key's user, its organizations, the four
/// record tables (ids unique per table only) and the connections table with its
/// auto-increment counter. No HTTP and no rules here: Pm415Sandbox applies the server's
/// handlers to it, statement by statement.
class Pm415World
{
public:
    using Columns = std::array<std::optional<qint64>, AllPm415Types.size()>;

    void insert(Pm415Type type, const Pm415Record &record);
    const Pm415Record *find(Pm415Type type, qint64 id) const;
    const Pm415Record *find(Pm415Ref ref) const { return find(ref.type, ref.id); }
    const std::map<qint64, Pm415Record> &records(Pm415Type type) const;

    void addUser(const Pm415User &user) { m_users.insert(user.id, user); }
    const Pm415User *user(std::optional<qint64> id) const;
    void addOrganization(const Pm415Organization &organization);
    /// In id order, as the server lists them.
    const QList<Pm415Organization> &organizations() const { return m_organizations; }
    const Pm415Organization *organization(qint64 id) const;

    const std::map<qint64, Pm415Connection> &connections() const { return m_connections; }
    /// SELECT * FROM connections WHERE <type>_id = id, in row id order.
    QList<const Pm415Connection *> connectionsOf(Pm415Type type, qint64 id) const;
    /// INSERT: the row gets the next auto-increment id, which is returned.
    qint64 insertConnection(const Columns &columns);
    /// DELETE ... WHERE <ownerType>_id = ownerId; returns the number of rows deleted.
    qsizetype deleteConnections(Pm415Type ownerType, qint64 ownerId);
    /// DELETE ... WHERE <ownerType>_id = ownerId AND <column>_id IN (ids).
    qsizetype deleteConnections(Pm415Type ownerType, qint64 ownerId, Pm415Type column,
                                const QSet<qint64> &ids);
    /// Moves the auto-increment counter forward to `id` (never backward).
    void setNextConnectionId(qint64 id) { m_nextConnectionId = std::max(m_nextConnectionId, id); }
    /// One row joining `a` and `b` (for the demo generators).
    qint64 connect(Pm415Ref a, Pm415Ref b);
    /// The records `ref` is connected to, of every type, sorted (rows with one column ignored).
    QList<Pm415Ref> connected(Pm415Ref ref) const;

    /// The whole state (records as full rows), for saveState, determinism checks and dumps.
    QJsonObject toJson() const;
    /// The inverse of toJson(); std::nullopt and *error for anything malformed or inconsistent
    /// (duplicate ids, a connection to a record that does not exist, a counter behind a row).
    static std::optional<Pm415World> fromJson(const QJsonObject &json, QString *error);

private:
    void erase(std::map<qint64, Pm415Connection>::iterator row);

    std::array<std::map<qint64, Pm415Record>, AllPm415Types.size()> m_records;
    QHash<qint64, Pm415User> m_users;
    QList<Pm415Organization> m_organizations;
    std::map<qint64, Pm415Connection> m_connections;
    /// Per column: record id -> ids of the rows holding it (the table's indexes).
    std::array<std::map<qint64, std::set<qint64>>, AllPm415Types.size()> m_index;
    qint64 m_nextConnectionId = 1;
};
