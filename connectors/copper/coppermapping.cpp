#include "connectors/copper/coppermapping.h"

#include "connectors/jsonread.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCopperMapping, "linkloom.connectors.copper")

namespace Copper {
namespace {

constexpr qint64 MaxJsonInteger = JsonRead::MaxExactInteger;

struct TypeNames
{
    QStringView singular;
    QStringView plural;
};

constexpr TypeNames Types[] = {
    {u"company", u"companies"}, {u"person", u"people"}, {u"opportunity", u"opportunities"},
    {u"project", u"projects"},  {u"task", u"tasks"},    {u"lead", u"leads"},
};

enum class Format { Text, Number, Date };

/// A display field: where it is in a record (object keys, "0" for an array's first element),
/// its label and how to show it.
struct FieldSpec
{
    QStringView type; ///< singular type, or empty for every type
    const char *label;
    QStringView path;
    Format format;
};

const FieldSpec Fields[] = {
    {u"person", QT_TRANSLATE_NOOP("Copper", "E-mail"), u"emails/0/email", Format::Text},
    {u"person", QT_TRANSLATE_NOOP("Copper", "Title"), u"title", Format::Text},
    {u"person", QT_TRANSLATE_NOOP("Copper", "Company"), u"company_name", Format::Text},
    {u"person", QT_TRANSLATE_NOOP("Copper", "Phone"), u"phone_numbers/0/number", Format::Text},
    {u"company", QT_TRANSLATE_NOOP("Copper", "E-mail domain"), u"email_domain", Format::Text},
    {u"company", QT_TRANSLATE_NOOP("Copper", "City"), u"address/city", Format::Text},
    {u"company", QT_TRANSLATE_NOOP("Copper", "Phone"), u"phone_numbers/0/number", Format::Text},
    {u"company", QT_TRANSLATE_NOOP("Copper", "Website"), u"websites/0/url", Format::Text},
    {u"opportunity", QT_TRANSLATE_NOOP("Copper", "Company"), u"company_name", Format::Text},
    {u"opportunity", QT_TRANSLATE_NOOP("Copper", "Status"), u"status", Format::Text},
    {u"opportunity", QT_TRANSLATE_NOOP("Copper", "Value"), u"monetary_value", Format::Number},
    {u"opportunity", QT_TRANSLATE_NOOP("Copper", "Close date"), u"close_date", Format::Text},
    {u"project", QT_TRANSLATE_NOOP("Copper", "Status"), u"status", Format::Text},
    {u"task", QT_TRANSLATE_NOOP("Copper", "Status"), u"status", Format::Text},
    {u"task", QT_TRANSLATE_NOOP("Copper", "Priority"), u"priority", Format::Text},
    {u"task", QT_TRANSLATE_NOOP("Copper", "Due date"), u"due_date", Format::Date},
    {u"lead", QT_TRANSLATE_NOOP("Copper", "E-mail"), u"email/email", Format::Text},
    {u"lead", QT_TRANSLATE_NOOP("Copper", "Title"), u"title", Format::Text},
    {u"lead", QT_TRANSLATE_NOOP("Copper", "Company"), u"company_name", Format::Text},
    {u"lead", QT_TRANSLATE_NOOP("Copper", "Status"), u"status", Format::Text},
    {u"lead", QT_TRANSLATE_NOOP("Copper", "Value"), u"monetary_value", Format::Number},
    {{}, QT_TRANSLATE_NOOP("Copper", "Created"), u"date_created", Format::Date},
};

using JsonRead::typeName;

std::optional<qint64> jsonId(const QJsonValue &v)
{
    return JsonRead::positiveInteger(v);
}

using JsonRead::parseArray;

QString idProblem(qsizetype row, const QJsonObject &o)
{
    return u"Item %1 has no positive integer \"id\" (it is %2)."_s.arg(row).arg(
        typeName(o.value("id"_L1)));
}

QJsonValue valueAt(QJsonValue v, QStringView path)
{
    for (const QStringView part : path.split(u'/')) {
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            v = a.isEmpty() ? QJsonValue(QJsonValue::Undefined) : a.first();
        } else if (v.isObject()) {
            v = v.toObject().value(part);
        } else {
            return QJsonValue::Undefined;
        }
    }
    return v;
}

QVariant displayValue(const QJsonValue &v, Format format)
{
    switch (format) {
    case Format::Text:
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed();
        break;
    case Format::Number:
        if (v.isDouble()) {
            const double d = v.toDouble();
            return d == double(qint64(d)) ? QVariant(qint64(d)) : QVariant(d);
        }
        break;
    case Format::Date:
        if (v.isDouble() && v.toDouble() > 0 && v.toDouble() < 253'402'300'800.0) // year 10000
            return QDateTime::fromSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC)
                .date()
                .toString(Qt::ISODate);
        break;
    }
    return {};
}

} // namespace

const QStringList &recordTypes()
{
    static const QStringList types = [] {
        QStringList list;
        for (const auto &t : Types)
            list << t.singular.toString();
        return list;
    }();
    return types;
}

QString pluralType(QStringView singular)
{
    for (const auto &t : Types) {
        if (t.singular == singular)
            return t.plural.toString();
    }
    return {};
}

QString singularType(QStringView plural)
{
    for (const auto &t : Types) {
        if (t.plural == plural)
            return t.singular.toString();
    }
    return {};
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

QByteArray searchBody(int pageNumber, int pageSize, const QList<qint64> &ids)
{
    QJsonObject o{
        {"page_number"_L1, pageNumber},
        {"page_size"_L1, pageSize},
        {"sort_by"_L1, "date_created"_L1},
        {"sort_direction"_L1, "asc"_L1},
    };
    if (!ids.isEmpty()) {
        QJsonArray a;
        for (qint64 id : ids)
            a.append(id);
        o.insert("ids"_L1, a);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Parsed<QList<Record>> parseSearchPage(const QByteArray &json, const QString &account,
                                      const QString &type)
{
    if (pluralType(type).isEmpty())
        return Parsed<QList<Record>>::failure(u"Unknown Copper record type \"%1\"."_s.arg(type));
    QString problem;
    const auto array = parseArray(json, &problem);
    if (!array)
        return Parsed<QList<Record>>::failure(problem);

    QList<Record> records;
    records.reserve(array->size());
    for (qsizetype row = 0; row < array->size(); ++row) {
        const QJsonValue value = array->at(row);
        if (!value.isObject())
            return Parsed<QList<Record>>::failure(
                u"Item %1 is %2, not a record object."_s.arg(row).arg(typeName(value)));
        const QJsonObject o = value.toObject();
        const auto id = jsonId(o.value("id"_L1));
        if (!id)
            return Parsed<QList<Record>>::failure(idProblem(row, o));

        Record r;
        r.key = RecordKey{Vendor::Copper, account, type, QString::number(*id)};
        r.title = o.value("name"_L1).toString().simplified();
        if (r.title.isEmpty())
            r.title = QCoreApplication::translate("Copper", "(unnamed %1 %2)").arg(type, r.key.id);
        for (const FieldSpec &f : Fields) {
            if (!f.type.isEmpty() && f.type != type)
                continue;
            const QVariant v = displayValue(valueAt(o, f.path), f.format);
            if (v.isValid())
                r.fields.insert(QCoreApplication::translate("Copper", f.label), v);
        }
        records.append(std::move(r));
    }
    return {records, {}};
}

Parsed<QList<RecordKey>> parseRelated(const QByteArray &json, const QString &account)
{
    QString problem;
    const auto array = parseArray(json, &problem);
    if (!array)
        return Parsed<QList<RecordKey>>::failure(problem);

    QList<RecordKey> keys;
    for (qsizetype row = 0; row < array->size(); ++row) {
        const QJsonValue value = array->at(row);
        if (!value.isObject())
            return Parsed<QList<RecordKey>>::failure(
                u"Item %1 is %2, not a related item object."_s.arg(row).arg(typeName(value)));
        const QJsonObject o = value.toObject();
        const auto id = jsonId(o.value("id"_L1));
        if (!id)
            return Parsed<QList<RecordKey>>::failure(idProblem(row, o));
        const QJsonValue type = o.value("type"_L1);
        if (!type.isString())
            return Parsed<QList<RecordKey>>::failure(
                u"Item %1 has no string \"type\" (it is %2)."_s.arg(row).arg(typeName(type)));
        if (pluralType(type.toString()).isEmpty()) {
            qCInfo(lcCopperMapping)
                << "Skipping a related item of unknown type" << type.toString().left(40);
            continue;
        }
        RecordKey key{Vendor::Copper, account, type.toString(), QString::number(*id)};
        if (!keys.contains(key))
            keys.append(std::move(key));
    }
    return {keys, {}};
}

Parsed<Record> parseRecord(const QByteArray &json, const QString &account, const QString &type)
{
    const QByteArray trimmed = json.trimmed();
    if (!trimmed.startsWith('{'))
        return Parsed<Record>::failure(u"Expected a JSON object for one %1."_s.arg(type));
    auto page = parseSearchPage('[' + trimmed + ']', account, type);
    if (!page.ok() || page.value.size() != 1)
        return Parsed<Record>::failure(page.problem);
    return {page.value.first(), {}};
}

LinkType relatedLinkType()
{
    const QString label = QCoreApplication::translate("Copper", "is related to");
    return {RelatedType,
            QCoreApplication::translate("Copper", "Related items"),
            label,
            label,
            LinkDirection::Undirected,
            {},
            {},
            false};
}

namespace {

struct EntityName
{
    QStringView recordType;
    QStringView entityType;
};
constexpr EntityName EntityNames[] = {
    {u"person", u"people"},           {u"company", u"company"}, {u"lead", u"lead"},
    {u"opportunity", u"opportunity"}, {u"project", u"project"}, {u"user", u"user"},
};

} // namespace

QString connectEntityType(QStringView recordType)
{
    for (const EntityName &name : EntityNames) {
        if (name.recordType == recordType)
            return name.entityType.toString();
    }
    return {};
}

QString recordTypeOfEntity(QStringView entityType)
{
    if (entityType == u"organization")
        return u"company"_s;
    for (const EntityName &name : EntityNames) {
        if (name.entityType == entityType)
            return name.recordType.toString();
    }
    return {};
}

Parsed<QList<LinkType>> parseConnectDefinitions(const QByteArray &json)
{
    QString problem;
    const auto array = parseArray(json, &problem);
    if (!array)
        return Parsed<QList<LinkType>>::failure(problem);
    QList<LinkType> types;
    for (qsizetype row = 0; row < array->size(); ++row) {
        const QJsonObject o = array->at(row).toObject();
        if (o.value("data_type"_L1).toString() != "Connect"_L1)
            continue;
        const auto id = jsonId(o.value("id"_L1));
        const QString name = o.value("name"_L1).toString().simplified();
        QStringList sources;
        for (const QJsonValue &type : o.value("available_on"_L1).toArray())
            sources.append(type.toString());
        const QString target = o.value("connected_entity_type"_L1).toString();
        if (!id || name.isEmpty() || sources.isEmpty() || target.isEmpty())
            return Parsed<QList<LinkType>>::failure(
                u"Connect field definition %1 lacks an id, a name or its record types."_s.arg(row));
        types.append({QString::number(*id),
                      name,
                      name,
                      name,
                      LinkDirection::Undirected,
                      sources,
                      {target},
                      false});
    }
    return {types, {}};
}

Parsed<ConnectLinks> parseConnectLinks(const QByteArray &json, const QString &account)
{
    const QByteArray trimmed = json.trimmed();
    QString problem;
    const auto array = parseArray(trimmed.startsWith('{') ? '[' + trimmed + ']' : json, &problem);
    if (!array)
        return Parsed<ConnectLinks>::failure(problem);
    ConnectLinks result;
    for (qsizetype row = 0; row < array->size(); ++row) {
        const QJsonObject o = array->at(row).toObject();
        const auto id = jsonId(o.value("id"_L1));
        const auto definition = jsonId(o.value("custom_field_definition_id"_L1));
        if (!id || !definition)
            return Parsed<ConnectLinks>::failure(
                u"Connection %1 lacks an id or custom_field_definition_id."_s.arg(row));
        Record ends[2];
        for (int end = 0; end < 2; ++end) {
            const QJsonObject ref = o.value(end ? "target"_L1 : "source"_L1).toObject();
            const auto refId = jsonId(ref.value("id"_L1));
            const QString type = recordTypeOfEntity(ref.value("entity_type"_L1).toString());
            if (!refId || type.isEmpty())
                return Parsed<ConnectLinks>::failure(
                    u"Connection %1 has an unusable %2."_s.arg(row).arg(end ? u"target"_s
                                                                            : u"source"_s));
            ends[end].key = {Vendor::Copper, account, type, QString::number(*refId)};
            ends[end].title = ref.value("name"_L1).toString().simplified();
        }
        result.links.append({ends[0].key,
                             ends[1].key,
                             QString::number(*definition),
                             LinkDirection::Undirected,
                             QString::number(*id),
                             LinkState::Confirmed,
                             {}});
        for (Record &end : ends) {
            if (!end.title.isEmpty())
                result.records.append(std::move(end));
        }
    }
    return {result, {}};
}

QByteArray connectLinkBody(qint64 definition, const RecordKey &source, const RecordKey &target)
{
    const auto end = [](const RecordKey &key) {
        return QJsonObject{{"id"_L1, parseId(key.id).value_or(0)},
                           {"entity_type"_L1, connectEntityType(key.type)}};
    };
    return QJsonDocument(QJsonObject{{"custom_field_definition_id"_L1, definition},
                                     {"source"_L1, end(source)},
                                     {"target"_L1, end(target)}})
        .toJson(QJsonDocument::Compact);
}

QByteArray relatedResourceBody(qint64 id, const QString &type)
{
    const QJsonObject resource{{"id"_L1, id}, {"type"_L1, type}};
    return QJsonDocument(QJsonObject{{"resource"_L1, resource}}).toJson(QJsonDocument::Compact);
}

Parsed<bool> parseRelateAnswer(const QByteArray &json, QStringView field)
{
    QString problem;
    const auto object = JsonRead::parseObject(json, &problem);
    if (!object)
        return Parsed<bool>::failure(problem);
    const QJsonValue v = object->value(field);
    if (v.isUndefined())
        return {true, {}};
    if (!v.isBool())
        return Parsed<bool>::failure(
            u"\"%1\" is %2, not a boolean."_s.arg(field.toString(), typeName(v)));
    return {v.toBool(), {}};
}

QString parseErrorBody(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (const QJsonValue m = o.value("message"_L1); m.isString() && !m.toString().isEmpty())
        return m.toString().simplified();
    if (const QJsonValue e = o.value("error"_L1); e.isString() && !e.toString().isEmpty()) {
        QString text = e.toString().simplified();
        text.replace(u'_', u' ');
        return text;
    }
    return {};
}

} // namespace Copper
