#include "connectors/pm415/pm415mapping.h"

#include "connectors/jsonread.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPm415Mapping, "linkloom.connectors.pm415")

namespace Pm415 {
namespace {

constexpr qint64 MaxJsonInteger = JsonRead::MaxExactInteger;
constexpr qsizetype MaxTitleLength = 500;
constexpr qsizetype MaxTextLength = 2000;

struct TypeNames
{
    QStringView singular;
    QStringView plural;
    QLatin1StringView column; ///< the connections row key
};
constexpr TypeNames Types[] = {
    {u"initiative", u"initiatives", "initiativeId"_L1},
    {u"backlog", u"backlogs", "backlogId"_L1},
    {u"item", u"items", "itemId"_L1},
    {u"bug", u"bugs", "bugId"_L1},
};

const TypeNames *find(QStringView type)
{
    for (const TypeNames &names : Types) {
        if (names.singular == type)
            return &names;
    }
    return nullptr;
}

const auto typeOf = JsonRead::typeName;

std::optional<qint64> jsonId(const QJsonValue &v)
{
    return JsonRead::positiveInteger(v);
}

/// A JSON number that is an integer (of either sign) within 53 bits.
std::optional<qint64> jsonInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(std::abs(d) <= double(MaxJsonInteger)) || d != std::trunc(d))
        return std::nullopt;
    return qint64(d);
}

/// `json` parsed as an object, or std::nullopt with *problem set. An HTML page (the web app
/// where the API was expected) is said so.
std::optional<QJsonObject> parseObject(const QByteArray &json, QString *problem)
{
    if (json.trimmed().startsWith('<')) {
        *problem = u"The answer is an HTML page, not JSON: the account's address may name pm415's "
                   "web app instead of its API (…/api)."_s;
        return std::nullopt;
    }
    const auto parsed = JsonRead::parseObject(json, problem);
    if (!parsed)
        return std::nullopt;
    const QJsonObject &object = *parsed;
    if (const QJsonValue success = object.value("success"_L1);
        !success.isUndefined() && success != QJsonValue(true)) {
        *problem = u"\"success\" is %1, not true."_s.arg(success.isBool() ? u"false"_s
                                                                          : typeOf(success));
        return std::nullopt;
    }
    return object;
}

enum class Format { Text, Integer, Date, Flag, Points, Status };

/// The statuses pm415's migrations seed (its statuses table, one group per owner table). A
/// server whose administrator added statuses has ids past 16: they show as numbers. Guess (the
/// documents are silent): the seeded ids are the same on every server.
QVariant statusName(qint64 id)
{
    static const char *const Names[] = {
        QT_TRANSLATE_NOOP("Pm415", "Unplanned"),  QT_TRANSLATE_NOOP("Pm415", "Planned"),
        QT_TRANSLATE_NOOP("Pm415", "Doing"),      QT_TRANSLATE_NOOP("Pm415", "Done"),
        QT_TRANSLATE_NOOP("Pm415", "Unplanned"),  QT_TRANSLATE_NOOP("Pm415", "Planned"),
        QT_TRANSLATE_NOOP("Pm415", "Doing"),      QT_TRANSLATE_NOOP("Pm415", "Done"),
        QT_TRANSLATE_NOOP("Pm415", "Must have"),  QT_TRANSLATE_NOOP("Pm415", "Should have"),
        QT_TRANSLATE_NOOP("Pm415", "Could have"), QT_TRANSLATE_NOOP("Pm415", "Won't have"),
        QT_TRANSLATE_NOOP("Pm415", "Will fix"),   QT_TRANSLATE_NOOP("Pm415", "Won't fix"),
        QT_TRANSLATE_NOOP("Pm415", "Fixing"),     QT_TRANSLATE_NOOP("Pm415", "Fixed"),
    };
    if (id >= 1 && id <= qint64(std::size(Names)))
        return QCoreApplication::translate("Pm415", Names[id - 1]);
    return id;
}

struct FieldSpec
{
    QStringView type; ///< empty: every type
    const char *label;
    QLatin1StringView key;
    Format format;
};

const FieldSpec Fields[] = {
    {{}, QT_TRANSLATE_NOOP("Pm415", "Status"), "statusId"_L1, Format::Status},
    {{}, QT_TRANSLATE_NOOP("Pm415", "Archived"), "archived"_L1, Format::Flag},
    {u"bug", QT_TRANSLATE_NOOP("Pm415", "Severity"), "severity"_L1, Format::Text},
    {u"initiative", QT_TRANSLATE_NOOP("Pm415", "Horizon"), "horizon"_L1, Format::Date},
    {u"initiative", QT_TRANSLATE_NOOP("Pm415", "Popularity"), "popularity"_L1, Format::Integer},
    {{}, QT_TRANSLATE_NOOP("Pm415", "Points"), "points"_L1, Format::Points},
    {{}, QT_TRANSLATE_NOOP("Pm415", "Planned on"), "plannedOn"_L1, Format::Date},
    {{}, QT_TRANSLATE_NOOP("Pm415", "Forecasted release"), "forecastedRelease"_L1, Format::Date},
    {{}, QT_TRANSLATE_NOOP("Pm415", "Actual release"), "actualRelease"_L1, Format::Date},
    {{}, QT_TRANSLATE_NOOP("Pm415", "Organization"), "organizationId"_L1, Format::Integer},
    {{}, QT_TRANSLATE_NOOP("Pm415", "Description"), "description"_L1, Format::Text},
};

QVariant displayValue(const QJsonValue &v, Format format)
{
    switch (format) {
    case Format::Text:
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed().left(MaxTextLength);
        break;
    case Format::Integer:
        if (const auto n = jsonInteger(v))
            return *n;
        break;
    case Format::Status:
        if (const auto n = jsonInteger(v))
            return statusName(*n);
        break;
    case Format::Date:
        if (v.isString()) {
            const QDateTime time = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
            if (time.isValid())
                return time.toUTC().date().toString(Qt::ISODate);
        }
        break;
    case Format::Flag:
        if (v.isBool())
            return v.toBool();
        if (const auto n = jsonInteger(v); n && (*n == 0 || *n == 1))
            return *n == 1;
        break;
    case Format::Points:
        if (const auto n = jsonInteger(v))
            return *n;
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed().left(40);
        break;
    }
    return {};
}

/// "First Last", else the e-mail, of a joined user's columns; empty when all are null.
QString personName(const QJsonObject &o)
{
    const QString name
        = QString(o.value("firstName"_L1).toString() + u' ' + o.value("lastName"_L1).toString())
              .simplified();
    if (!name.isEmpty())
        return name.left(MaxTitleLength);
    return o.value("email"_L1).toString().simplified().left(MaxTitleLength);
}

QString label(const char *text)
{
    return QCoreApplication::translate("Pm415", text);
}

/// One row (of a list, of connections' info) as a record of `type`; nullopt and *problem for a
/// row without a usable id.
std::optional<Record> parseRow(const QJsonValue &value, qsizetype row, const QString &account,
                               const QString &type, const QString &ownerTable, QString *problem)
{
    if (!value.isObject()) {
        *problem = u"Row %1 is %2, not a record object."_s.arg(row).arg(typeOf(value));
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    const auto id = jsonId(o.value("id"_L1));
    if (!id) {
        *problem = u"Row %1 has no positive integer \"id\" (it is %2)."_s.arg(row).arg(
            typeOf(o.value("id"_L1)));
        return std::nullopt;
    }
    Record r;
    r.key = RecordKey{Vendor::Pm415, account, type, QString::number(*id)};
    r.title = o.value("title"_L1).toString().simplified().left(MaxTitleLength);
    if (r.title.isEmpty())
        r.title = QCoreApplication::translate("Pm415", "(untitled %1 %2)").arg(type, r.key.id);

    for (const FieldSpec &f : Fields) {
        if (!f.type.isEmpty() && f.type != type)
            continue;
        const QVariant v = displayValue(o.value(f.key), f.format);
        if (v.isValid())
            r.fields.insert(label(f.label), v);
    }
    // List rows join the creator's columns (bugs: the reporter's and the assignee's objects).
    if (const QString creator = personName(o); !creator.isEmpty())
        r.fields.insert(label(QT_TRANSLATE_NOOP("Pm415", "Created by")), creator);
    if (const QString reporter = personName(o.value("reportedByData"_L1).toObject());
        !reporter.isEmpty()) {
        r.fields.insert(label(QT_TRANSLATE_NOOP("Pm415", "Reported by")), reporter);
    }
    if (const QString assignee = personName(o.value("assigneeData"_L1).toObject());
        !assignee.isEmpty()) {
        r.fields.insert(label(QT_TRANSLATE_NOOP("Pm415", "Assignee")), assignee);
    }
    if (type == "item"_L1) {
        const QString table = o.value("ownerTable"_L1).isString()
            ? o.value("ownerTable"_L1).toString().toLower()
            : ownerTable.toLower();
        const QString ownerType = typeName(table);
        const auto ownerId = jsonId(o.value("ownerId"_L1));
        if (ownerId && (ownerType == "backlog"_L1 || ownerType == "initiative"_L1)) {
            r.fields.insert(label(QT_TRANSLATE_NOOP("Pm415", "Belongs to")),
                            u"%1 %2"_s.arg(ownerType).arg(*ownerId));
        }
    }
    return r;
}

} // namespace

const QStringList &recordTypes()
{
    static const QStringList types = [] {
        QStringList list;
        for (const TypeNames &t : Types)
            list << t.singular.toString();
        return list;
    }();
    return types;
}

QString typeName(QStringView name)
{
    for (const TypeNames &t : Types) {
        if (name.compare(t.singular, Qt::CaseInsensitive) == 0
            || name.compare(t.plural, Qt::CaseInsensitive) == 0) {
            return t.singular.toString();
        }
    }
    return {};
}

QString pluralType(QStringView type)
{
    const TypeNames *names = find(type);
    return names ? names->plural.toString() : QString();
}

std::optional<qint64> parseId(QStringView id)
{
    if (id.isEmpty() || id.size() > 16 || id.front() == u'0')
        return std::nullopt;
    for (const QChar c : id) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 value = id.toLongLong();
    if (value <= 0 || value > MaxJsonInteger)
        return std::nullopt;
    return value;
}

Parsed<QList<Organization>> parseOrganizations(const QByteArray &json)
{
    using Result = Parsed<QList<Organization>>;
    QString problem;
    const auto object = parseObject(json, &problem);
    if (!object)
        return Result::failure(problem);
    const QJsonValue list = object->value("organizations"_L1);
    if (!list.isArray())
        return Result::failure(u"\"organizations\" is %1, not an array."_s.arg(typeOf(list)));
    const QJsonArray array = list.toArray();
    if (array.size() > 10'000)
        return Result::failure(u"More than 10000 organizations."_s);
    QList<Organization> result;
    for (qsizetype row = 0; row < array.size(); ++row) {
        const QJsonObject o = array.at(row).toObject();
        const auto id = jsonId(o.value("orgId"_L1));
        if (!id)
            return Result::failure(
                u"Organization %1 has no positive integer \"orgId\" (it is %2)."_s.arg(row).arg(
                    typeOf(o.value("orgId"_L1))));
        if (std::ranges::find(result, *id, &Organization::id) != result.end())
            continue;
        result.append({*id, o.value("name"_L1).toString().simplified().left(MaxTitleLength),
                       o.value("role"_L1).toString().simplified().left(40)});
    }
    return {result, {}};
}

QList<ListRequest> listRequests(const QString &type, qint64 organization)
{
    const QString org = QString::number(organization);
    if (type == "initiative"_L1)
        return {{u"/initiatives/all/true/"_s + org, {}}};
    if (type == "backlog"_L1)
        return {{u"/backlogs/true/"_s + org, {}}};
    if (type == "bug"_L1)
        return {{u"/bugs/full/true/%1/false"_s.arg(org), {}}};
    if (type == "item"_L1) {
        return {{u"/items/all/true/backlogs/"_s + org, u"backlogs"_s},
                {u"/items/all/true/initiatives/"_s + org, u"initiatives"_s}};
    }
    return {};
}

Parsed<QList<Record>> parseRecordList(const QByteArray &json, const QString &account,
                                      const QString &type, const QString &ownerTable)
{
    using Result = Parsed<QList<Record>>;
    const QString plural = pluralType(type);
    if (plural.isEmpty())
        return Result::failure(u"Unknown pm415 record type \"%1\"."_s.arg(type.left(40)));
    QString problem;
    const auto object = parseObject(json, &problem);
    if (!object)
        return Result::failure(problem);
    const QJsonValue list = object->value(plural);
    if (!list.isArray())
        return Result::failure(u"\"%1\" is %2, not an array."_s.arg(plural, typeOf(list)));
    const QJsonArray array = list.toArray();
    if (array.size() > MaxRecords)
        return Result::failure(u"More than %1 records in one answer."_s.arg(MaxRecords));
    QList<Record> records;
    records.reserve(array.size());
    for (qsizetype row = 0; row < array.size(); ++row) {
        auto record = parseRow(array.at(row), row, account, type, ownerTable, &problem);
        if (!record)
            return Result::failure(problem);
        records.append(std::move(*record));
    }
    return {records, {}};
}

Parsed<Connections> parseConnections(const QByteArray &json, const RecordKey &owner,
                                     const QString &infoType)
{
    using Result = Parsed<Connections>;
    const TypeNames *ownerNames = find(owner.type);
    const auto ownerId = parseId(owner.id);
    if (!ownerNames || !ownerId || !find(infoType))
        return Result::failure(
            u"Not a pm415 record or type: %1, %2."_s.arg(owner.toString(), infoType.left(40)));
    QString problem;
    const auto object = parseObject(json, &problem);
    if (!object)
        return Result::failure(problem);
    const QJsonValue rows = object->value("connections"_L1);
    const QJsonValue info = object->value("info"_L1);
    if (!rows.isArray() || !info.isArray())
        return Result::failure(u"\"connections\" is %1 and \"info\" %2; both must be arrays."_s.arg(
            typeOf(rows), typeOf(info)));
    if (rows.toArray().size() > MaxConnections || info.toArray().size() > MaxConnections)
        return Result::failure(u"More than %1 connections in one answer."_s.arg(MaxConnections));

    Connections result;
    QSet<RecordKey> seen;
    const QJsonArray array = rows.toArray();
    for (qsizetype row = 0; row < array.size(); ++row) {
        if (!array.at(row).isObject())
            return Result::failure(
                u"Connection %1 is %2, not an object."_s.arg(row).arg(typeOf(array.at(row))));
        const QJsonObject o = array.at(row).toObject();
        QList<RecordKey> others;
        for (const TypeNames &t : Types) {
            const QJsonValue column = o.value(t.column);
            if (column.isNull() || column.isUndefined())
                continue;
            const auto id = jsonId(column);
            if (!id)
                return Result::failure(
                    u"Connection %1 has \"%2\" %3, not an id or null."_s.arg(row).arg(
                        t.column, typeOf(column)));
            if (&t == ownerNames) {
                if (*id != *ownerId)
                    return Result::failure(
                        u"Connection %1 does not hold %2 %3 (it has %2 %4)."_s.arg(row)
                            .arg(owner.type, owner.id)
                            .arg(*id));
                continue;
            }
            others.append(
                {Vendor::Pm415, owner.account, t.singular.toString(), QString::number(*id)});
        }
        if (o.value(ownerNames->column).isNull() || o.value(ownerNames->column).isUndefined())
            return Result::failure(
                u"Connection %1 does not hold %2 %3."_s.arg(row).arg(owner.type, owner.id));
        if (others.isEmpty()) {
            ++result.halfRows;
            continue;
        }
        for (const RecordKey &other : std::as_const(others)) {
            if (seen.contains(other))
                continue;
            seen.insert(other);
            result.links.append({owner,
                                 other,
                                 QString(ConnectionType),
                                 LinkDirection::Undirected,
                                 {},
                                 LinkState::Confirmed,
                                 {}});
        }
    }
    if (result.halfRows > 0) {
        qCInfo(lcPm415Mapping) << "Ignoring" << result.halfRows << "connection row(s) holding only"
                               << owner.type << owner.id;
    }

    const QJsonArray infoRows = info.toArray();
    for (qsizetype row = 0; row < infoRows.size(); ++row) {
        auto record = parseRow(infoRows.at(row), row, owner.account, infoType, {}, &problem);
        if (!record)
            return Result::failure(u"In \"info\": "_s + problem);
        result.records.append(std::move(*record));
    }
    return {result, {}};
}

Parsed<QByteArray> connectionBody(const QString &otherType, const QString &otherId, bool remove)
{
    const TypeNames *names = find(otherType);
    if (!names)
        return Parsed<QByteArray>::failure(
            u"\"%1\" is not a pm415 record type."_s.arg(otherType.left(40)));
    const auto id = parseId(otherId);
    if (!id)
        return Parsed<QByteArray>::failure(u"\"%1\" is not a pm415 id."_s.arg(otherId.left(40)));
    QJsonObject body{{"delete"_L1, remove}};
    for (const TypeNames &t : Types)
        body.insert(t.plural, &t == names ? QJsonArray{*id} : QJsonArray());
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (const QString problem = connectionBodyProblem(bytes); !problem.isEmpty())
        return Parsed<QByteArray>::failure(problem);
    return {bytes, {}};
}

QString connectionBodyProblem(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return u"The body is not a JSON object."_s;
    const QJsonObject o = doc.object();
    if (o.size() != 5 || !o.value("delete"_L1).isBool())
        return u"The body must have exactly items, backlogs, initiatives, bugs and a boolean "
               "delete."_s;
    qsizetype nonEmpty = 0;
    for (const TypeNames &t : Types) {
        const QJsonValue list = o.value(t.plural);
        if (!list.isArray())
            return u"\"%1\" is %2, not an array."_s.arg(t.plural.toString(), typeOf(list));
        const QJsonArray ids = list.toArray();
        if (ids.isEmpty())
            continue;
        ++nonEmpty;
        if (ids.size() != 1 || !jsonId(ids.first()))
            return u"\"%1\" must hold exactly one positive integer id."_s.arg(t.plural);
    }
    if (nonEmpty == 0)
        return u"All four arrays are empty: pm415 would delete every connection of the record."_s;
    if (nonEmpty != 1)
        return u"%1 arrays are not empty: Linkloom changes one type at a time."_s.arg(nonEmpty);
    return {};
}

Parsed<bool> parseWriteAnswer(const QByteArray &json)
{
    QString problem;
    const auto object = parseObject(json, &problem);
    if (!object)
        return Parsed<bool>::failure(problem);
    if (object->value("success"_L1) != QJsonValue(true))
        return Parsed<bool>::failure(u"The answer has no \"success\": true."_s);
    return {true, {}};
}

LinkType connectionLinkType()
{
    const QString connected = QCoreApplication::translate("Pm415", "is connected to");
    return {ConnectionType,
            QCoreApplication::translate("Pm415", "Connection"),
            connected,
            connected,
            LinkDirection::Undirected,
            {},
            {},
            false};
}

QString parseErrorBody(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{')) {
        const QJsonObject o = QJsonDocument::fromJson(trimmed).object();
        if (const QJsonValue m = o.value("message"_L1); m.isString() && !m.toString().isEmpty())
            return m.toString().simplified().left(300);
        if (const QJsonValue e = o.value("error"_L1); e.isString() && !e.toString().isEmpty())
            return e.toString().simplified().left(300);
        return {};
    }
    if (!trimmed.startsWith('<'))
        return {};
    // Express's finalhandler page: <pre>Cannot GET /api/...</pre>, HTML-escaped.
    static const QRegularExpression pre(u"<pre>(.*?)</pre>"_s,
                                        QRegularExpression::DotMatchesEverythingOption
                                            | QRegularExpression::CaseInsensitiveOption);
    const auto match = pre.match(QString::fromUtf8(trimmed.left(64 * 1024)));
    QString said = match.hasMatch() ? match.captured(1) : QString();
    static const QRegularExpression tags(u"<[^>]*>"_s);
    said.remove(tags);
    said.replace("&lt;"_L1, "<"_L1)
        .replace("&gt;"_L1, ">"_L1)
        .replace("&quot;"_L1, "\""_L1)
        .replace("&#39;"_L1, "'"_L1)
        .replace("&amp;"_L1, "&"_L1);
    said = said.simplified().left(300);
    if (said.isEmpty()) {
        return QCoreApplication::translate(
            "Pm415",
            "The server answered with a web page, not pm415's API. Check that the account's "
            "server address is pm415's API address (it ends in /api).");
    }
    return QCoreApplication::translate(
               "Pm415",
               "%1: the server has no such API address. Check that the account's server address "
               "is pm415's API address (it ends in /api).")
        .arg(said);
}

} // namespace Pm415
