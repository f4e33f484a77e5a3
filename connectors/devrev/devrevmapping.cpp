#include "connectors/devrev/devrevmapping.h"

#include "connectors/jsonread.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDevRevMapping, "linkloom.connectors.devrev")

namespace DevRev {
namespace {

struct TypeInfo
{
    QStringView type;
    QStringView endpoint;
    QStringView arrayKey;
    bool filtered; ///< the endpoint lists several types: filter by `type`
};

constexpr TypeInfo Types[] = {
    {u"issue", u"works.list", u"works", true},
    {u"ticket", u"works.list", u"works", true},
    {u"task", u"works.list", u"works", true},
    {u"opportunity", u"works.list", u"works", true},
    {u"product", u"parts.list", u"parts", true},
    {u"capability", u"parts.list", u"parts", true},
    {u"feature", u"parts.list", u"parts", true},
    {u"enhancement", u"parts.list", u"parts", true},
    {u"account", u"accounts.list", u"accounts", false},
    {u"rev_user", u"rev-users.list", u"rev_users", false},
    {u"dev_user", u"dev-users.list", u"dev_users", false},
};

/// Seed 002's link types with DevRev's words for both directions.
struct StockType
{
    QStringView id;
    const char *forward;
    const char *backward;
};

constexpr StockType StockTypes[] = {
    {u"is_parent_of", QT_TRANSLATE_NOOP("DevRev", "is parent of"),
     QT_TRANSLATE_NOOP("DevRev", "is child of")},
    {u"is_dependent_on", QT_TRANSLATE_NOOP("DevRev", "is dependent on"),
     QT_TRANSLATE_NOOP("DevRev", "is dependency of")},
    {u"is_duplicate_of", QT_TRANSLATE_NOOP("DevRev", "is duplicate of"),
     QT_TRANSLATE_NOOP("DevRev", "is duplicated by")},
    {u"is_merged_into", QT_TRANSLATE_NOOP("DevRev", "is merged into"),
     QT_TRANSLATE_NOOP("DevRev", "was merged from")},
    {u"is_related_to", QT_TRANSLATE_NOOP("DevRev", "is related to"),
     QT_TRANSLATE_NOOP("DevRev", "is related to")},
    {u"is_part_of", QT_TRANSLATE_NOOP("DevRev", "is part of"),
     QT_TRANSLATE_NOOP("DevRev", "has part")},
    {u"developed_with", QT_TRANSLATE_NOOP("DevRev", "developed with"),
     QT_TRANSLATE_NOOP("DevRev", "develops")},
    {u"is_analyzed_by", QT_TRANSLATE_NOOP("DevRev", "is analyzed by"),
     QT_TRANSLATE_NOOP("DevRev", "analyzes")},
    {u"is_converted_to", QT_TRANSLATE_NOOP("DevRev", "is converted to"),
     QT_TRANSLATE_NOOP("DevRev", "was converted from")},
    {u"is_follow_up_of", QT_TRANSLATE_NOOP("DevRev", "is follow-up of"),
     QT_TRANSLATE_NOOP("DevRev", "has follow-up")},
    {u"serves", QT_TRANSLATE_NOOP("DevRev", "serves"), QT_TRANSLATE_NOOP("DevRev", "is served by")},
    {u"imports", QT_TRANSLATE_NOOP("DevRev", "imports"),
     QT_TRANSLATE_NOOP("DevRev", "is imported by")},
};

/// A display field of an object: its JSON key, its label, and how to read it.
enum class Shape { Text, Name, Names };
struct FieldSpec
{
    QLatin1StringView key;
    const char *label;
    Shape shape;
};

const FieldSpec Fields[] = {
    {"display_id"_L1, QT_TRANSLATE_NOOP("DevRev", "Display ID"), Shape::Text},
    {"stage"_L1, QT_TRANSLATE_NOOP("DevRev", "Stage"), Shape::Name},
    {"priority"_L1, QT_TRANSLATE_NOOP("DevRev", "Priority"), Shape::Text},
    {"severity"_L1, QT_TRANSLATE_NOOP("DevRev", "Severity"), Shape::Text},
    {"owned_by"_L1, QT_TRANSLATE_NOOP("DevRev", "Owners"), Shape::Names},
    {"account"_L1, QT_TRANSLATE_NOOP("DevRev", "Account"), Shape::Name},
    {"rev_org"_L1, QT_TRANSLATE_NOOP("DevRev", "Customer"), Shape::Name},
    {"applies_to_part"_L1, QT_TRANSLATE_NOOP("DevRev", "Part"), Shape::Name},
    {"email"_L1, QT_TRANSLATE_NOOP("DevRev", "E-mail"), Shape::Text},
    {"tier"_L1, QT_TRANSLATE_NOOP("DevRev", "Tier"), Shape::Text},
};
constexpr qsizetype MaxOwnersShown = 10;

using JsonRead::typeName;

using JsonRead::parseObject;

/// The array under `key` of a list answer and its next_cursor; `problem` says what is wrong.
std::optional<QJsonArray> pageArray(const QJsonObject &o, const QString &key, QString *cursor,
                                    QString *problem)
{
    const QJsonValue items = o.value(key);
    if (!items.isArray()) {
        *problem = u"\"%1\" is %2, not an array."_s.arg(key, typeName(items));
        return std::nullopt;
    }
    const QJsonArray array = items.toArray();
    if (array.size() > MaxPageItems) {
        *problem = u"\"%1\" holds %2 items; Linkloom asked for %3 at most."_s.arg(key)
                       .arg(array.size())
                       .arg(PageSize);
        return std::nullopt;
    }
    const QJsonValue next = o.value("next_cursor"_L1);
    if (next.isString() && next.toString().size() <= MaxIdLength) {
        *cursor = next.toString();
    } else if (!next.isUndefined() && !next.isNull()) {
        *problem = u"\"next_cursor\" is %1, not a cursor."_s.arg(
            next.isString() ? u"a string too long"_s : typeName(next));
        return std::nullopt;
    }
    return array;
}

QString cleanText(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    QString text = v.toString().simplified();
    if (text.size() > MaxTitleLength)
        text = text.left(MaxTitleLength) + u'…';
    return text;
}

/// The best name of an object or summary: title (works, code changes), name (parts),
/// full_name (users), display_name (accounts, orgs, users); empty when it has none.
QString nameOf(const QJsonObject &o)
{
    for (const auto key : {"title"_L1, "name"_L1, "full_name"_L1, "display_name"_L1}) {
        if (const QString text = cleanText(o.value(key)); !text.isEmpty())
            return text;
    }
    return {};
}

QVariant fieldValue(const QJsonValue &v, Shape shape)
{
    switch (shape) {
    case Shape::Text:
        if (const QString text = cleanText(v); !text.isEmpty())
            return text;
        break;
    case Shape::Name:
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            QString text = nameOf(o);
            if (text.isEmpty())
                text = cleanText(o.value("display_id"_L1));
            if (!text.isEmpty())
                return text;
        } else if (const QString text = cleanText(v); !text.isEmpty()) {
            return text;
        }
        break;
    case Shape::Names: {
        QStringList names;
        const QJsonArray array = v.toArray();
        for (qsizetype i = 0; i < array.size() && names.size() < MaxOwnersShown; ++i) {
            const QVariant name = fieldValue(array.at(i), Shape::Name);
            if (name.isValid())
                names.append(name.toString());
        }
        if (array.size() > MaxOwnersShown)
            names.append(u"…"_s);
        if (!names.isEmpty())
            return names.join(u", "_s);
        break;
    }
    }
    return {};
}

/// The words a person reads for a DevRev type: "rev_user" -> "rev user".
QString typeWords(const QString &type)
{
    QString words = type.left(64);
    words.replace(u'_', u' ');
    return words;
}

} // namespace

const QStringList &recordTypes()
{
    static const QStringList types = [] {
        QStringList list;
        for (const TypeInfo &t : Types)
            list << t.type.toString();
        return list;
    }();
    return types;
}

std::optional<ListEndpoint> listEndpoint(QStringView type)
{
    for (const TypeInfo &t : Types) {
        if (t.type == type)
            return ListEndpoint{t.endpoint.toString(), t.arrayKey.toString(),
                                t.filtered ? t.type.toString() : QString()};
    }
    return std::nullopt;
}

bool isWork(QStringView type)
{
    const auto endpoint = listEndpoint(type);
    return endpoint && endpoint->endpoint == "works.list"_L1;
}

bool isDonId(QStringView id)
{
    if (!id.startsWith(u"don:") || id.size() > MaxIdLength || id.size() < 5)
        return false;
    for (const QChar c : id) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u':' || c == u'/' || c == u'.' || c == u'_'
            || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool isTypeName(QStringView type)
{
    if (type.isEmpty() || type.size() > 64 || type.front() < u'a' || type.front() > u'z')
        return false;
    for (const QChar c : type) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    }
    return true;
}

bool isCustomLinkType(QStringView linkType)
{
    return isDonId(linkType);
}

std::optional<Record> recordFromJson(const QJsonObject &o, const QString &account, QString *problem)
{
    const QJsonValue type = o.value("type"_L1);
    const QJsonValue id = o.value("id"_L1);
    if (!type.isString() || !isTypeName(type.toString())) {
        *problem = u"\"type\" is %1, not a DevRev type."_s.arg(
            type.isString() ? u"\"%1\""_s.arg(type.toString().left(40)) : typeName(type));
        return std::nullopt;
    }
    if (!id.isString() || !isDonId(id.toString())) {
        *problem = u"\"id\" is %1, not a DON id."_s.arg(
            id.isString() ? u"\"%1\""_s.arg(id.toString().left(80)) : typeName(id));
        return std::nullopt;
    }
    Record r;
    r.key = RecordKey{Vendor::DevRev, account, type.toString(), id.toString()};
    r.title = nameOf(o);
    if (r.title.isEmpty())
        r.title = cleanText(o.value("display_id"_L1));
    for (const FieldSpec &f : Fields) {
        const QVariant v = fieldValue(o.value(f.key), f.shape);
        if (v.isValid())
            r.fields.insert(QCoreApplication::translate("DevRev", f.label), v);
    }
    return r;
}

Parsed<Page<Record>> parseRecordPage(const QByteArray &json, const QString &account,
                                     const QString &type)
{
    using Result = Parsed<Page<Record>>;
    const auto endpoint = listEndpoint(type);
    if (!endpoint)
        return Result::failure(u"Unknown DevRev record type \"%1\"."_s.arg(type.left(40)));
    QString problem;
    const auto o = parseObject(json, &problem);
    if (!o)
        return Result::failure(problem);
    Page<Record> page;
    const auto array = pageArray(*o, endpoint->arrayKey, &page.nextCursor, &problem);
    if (!array)
        return Result::failure(problem);
    QSet<QString> seen;
    for (qsizetype row = 0; row < array->size(); ++row) {
        const QJsonValue value = array->at(row);
        if (!value.isObject())
            return Result::failure(
                u"Item %1 is %2, not an object."_s.arg(row).arg(typeName(value)));
        auto record = recordFromJson(value.toObject(), account, &problem);
        if (!record)
            return Result::failure(u"Item %1: %2"_s.arg(row).arg(problem));
        if (record->key.type != type) {
            qCInfo(lcDevRevMapping) << "Skipping a" << record->key.type << "in a list of" << type;
            continue;
        }
        if (seen.contains(record->key.id))
            continue;
        seen.insert(record->key.id);
        page.items.append(std::move(*record));
    }
    return {page, {}};
}

Parsed<Record> parseWork(const QByteArray &json, const QString &account)
{
    QString problem;
    const auto o = parseObject(json, &problem);
    if (!o)
        return Parsed<Record>::failure(problem);
    const QJsonValue work = o->value("work"_L1);
    if (!work.isObject())
        return Parsed<Record>::failure(u"\"work\" is %1, not an object."_s.arg(typeName(work)));
    auto record = recordFromJson(work.toObject(), account, &problem);
    if (!record)
        return Parsed<Record>::failure(u"The work: %1"_s.arg(problem));
    return {*record, {}};
}

namespace {

/// One link object into `out`; a problem (naming `what`) when it is unusable.
QString appendLink(const QJsonValue &value, const QString &account, const QString &what, Links *out,
                   QSet<QString> *seenLinks, QSet<RecordKey> *seenRecords)
{
    if (!value.isObject())
        return u"%1 is %2, not an object."_s.arg(what, typeName(value));
    const QJsonObject o = value.toObject();
    const QJsonValue id = o.value("id"_L1);
    if (!id.isString() || !isDonId(id.toString()))
        return u"%1 has no link id (\"id\" is %2)."_s.arg(what, typeName(id));
    const QJsonValue linkType = o.value("link_type"_L1);
    if (!linkType.isString() || !isTypeName(linkType.toString()))
        return u"%1 has no usable \"link_type\" (it is %2)."_s.arg(what, typeName(linkType));
    QString type = linkType.toString();
    if (type == CustomLink) {
        const QJsonValue custom = o.value("custom_link_type"_L1);
        const QJsonValue customId = custom.toObject().value("id"_L1);
        if (!custom.isObject() || !customId.isString() || !isDonId(customId.toString()))
            return u"%1 is a custom_link without a custom_link_type object with an id (it is "
                   "%2)."_s.arg(what, typeName(custom));
        type = customId.toString();
    } else if (std::ranges::find(StockTypes, QStringView(type), &StockType::id)
               == std::end(StockTypes)) {
        qCInfo(lcDevRevMapping) << "A link of a link_type Linkloom does not know:" << type;
    }
    Record ends[2];
    for (int end = 0; end < 2; ++end) {
        const QLatin1StringView key = end ? "target"_L1 : "source"_L1;
        const QJsonValue summary = o.value(key);
        if (!summary.isObject())
            return u"%1 has no %2 object (it is %3)."_s.arg(what, key, typeName(summary));
        QString problem;
        auto record = recordFromJson(summary.toObject(), account, &problem);
        if (!record)
            return u"%1's %2: %3"_s.arg(what, key, problem);
        ends[end] = std::move(*record);
    }
    if (seenLinks->contains(id.toString()))
        return {};
    seenLinks->insert(id.toString());
    out->links.append({ends[0].key,
                       ends[1].key,
                       type,
                       LinkDirection::Directed,
                       id.toString(),
                       LinkState::Confirmed,
                       {}});
    for (Record &end : ends) {
        if (!end.title.isEmpty() && !seenRecords->contains(end.key)) {
            seenRecords->insert(end.key);
            out->records.append(std::move(end));
        }
    }
    return {};
}

} // namespace

Parsed<Page<Links>> parseLinkPage(const QByteArray &json, const QString &account)
{
    using Result = Parsed<Page<Links>>;
    QString problem;
    const auto o = parseObject(json, &problem);
    if (!o)
        return Result::failure(problem);
    Page<Links> page;
    const auto array = pageArray(*o, u"links"_s, &page.nextCursor, &problem);
    if (!array)
        return Result::failure(problem);
    Links links;
    QSet<QString> seenLinks;
    QSet<RecordKey> seenRecords;
    for (qsizetype row = 0; row < array->size(); ++row) {
        problem = appendLink(array->at(row), account, u"Link %1"_s.arg(row), &links, &seenLinks,
                             &seenRecords);
        if (!problem.isEmpty())
            return Result::failure(problem);
    }
    page.items.append(std::move(links));
    return {page, {}};
}

Parsed<Links> parseLinkAnswer(const QByteArray &json, const QString &account)
{
    QString problem;
    const auto o = parseObject(json, &problem);
    if (!o)
        return Parsed<Links>::failure(problem);
    Links links;
    QSet<QString> seenLinks;
    QSet<RecordKey> seenRecords;
    problem
        = appendLink(o->value("link"_L1), account, u"The link"_s, &links, &seenLinks, &seenRecords);
    if (!problem.isEmpty())
        return Parsed<Links>::failure(problem);
    return {links, {}};
}

QList<LinkType> stockLinkTypes()
{
    QList<LinkType> types;
    for (const StockType &stock : StockTypes) {
        LinkType type{stock.id.toString(),
                      {},
                      QCoreApplication::translate("DevRev", stock.forward),
                      QCoreApplication::translate("DevRev", stock.backward),
                      LinkDirection::Directed,
                      {},
                      {},
                      false};
        type.name = type.forwardLabel.left(1).toUpper() + type.forwardLabel.mid(1);
        if (stock.id == u"is_dependent_on") { // VENDORS.md: ticket->issue, issue->issue/code_change
            type.sourceTypes = {u"ticket"_s, u"issue"_s};
            type.targetTypes = {u"issue"_s, u"code_change"_s};
        }
        types.append(std::move(type));
    }
    return types;
}

Parsed<Page<LinkType>> parseCustomLinkTypePage(const QByteArray &json)
{
    using Result = Parsed<Page<LinkType>>;
    QString problem;
    const auto o = parseObject(json, &problem);
    if (!o)
        return Result::failure(problem);
    Page<LinkType> page;
    const auto array = pageArray(*o, u"result"_s, &page.nextCursor, &problem);
    if (!array)
        return Result::failure(problem);
    for (qsizetype row = 0; row < array->size(); ++row) {
        const QJsonObject t = array->at(row).toObject();
        const QJsonValue id = t.value("id"_L1);
        if (!id.isString() || !isDonId(id.toString()))
            return Result::failure(
                u"Custom link type %1 has no usable \"id\" (it is %2)."_s.arg(row).arg(
                    typeName(id)));
        const QString name = cleanText(t.value("name"_L1));
        QString forward = cleanText(t.value("forward_name"_L1));
        QString backward = cleanText(t.value("backward_name"_L1));
        if (name.isEmpty() && forward.isEmpty())
            return Result::failure(
                u"Custom link type %1 has neither a name nor a forward_name."_s.arg(row));
        if (forward.isEmpty())
            forward = name;
        if (backward.isEmpty())
            backward = forward;
        QStringList ends[2];
        for (int end = 0; end < 2; ++end) {
            const QLatin1StringView key = end ? "target_types"_L1 : "source_types"_L1;
            const QJsonValue descriptors = t.value(key);
            if (!descriptors.isArray() && !descriptors.isUndefined())
                return Result::failure(
                    u"Custom link type %1: \"%2\" is %3, not an array."_s.arg(row).arg(
                        key, typeName(descriptors)));
            const QJsonArray items = descriptors.toArray();
            if (items.size() > MaxPageItems)
                return Result::failure(
                    u"Custom link type %1: \"%2\" is too long."_s.arg(row).arg(key));
            for (const QJsonValue &descriptor : items) {
                const QString leaf = descriptor.toObject().value("leaf_type"_L1).toString();
                if (!isTypeName(leaf))
                    return Result::failure(
                        u"Custom link type %1: an item of \"%2\" has no leaf_type."_s.arg(row).arg(
                            key));
                if (!ends[end].contains(leaf))
                    ends[end].append(leaf);
            }
        }
        const QJsonValue deprecated = t.value("is_deprecated"_L1);
        page.items.append({id.toString(), name.isEmpty() ? forward : name, forward, backward,
                           LinkDirection::Directed, ends[0], ends[1],
                           deprecated.isBool() && deprecated.toBool()});
    }
    return {page, {}};
}

QByteArray createLinkBody(const Link &link)
{
    QJsonObject body{{"source"_L1, link.source.id}, {"target"_L1, link.target.id}};
    if (isCustomLinkType(link.type)) {
        body.insert("link_type"_L1, CustomLink);
        body.insert("custom_link_type"_L1, link.type);
    } else {
        body.insert("link_type"_L1, link.type);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray idBody(const QString &id)
{
    return QJsonDocument(QJsonObject{{"id"_L1, id}}).toJson(QJsonDocument::Compact);
}

std::optional<ErrorBody> parseError(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    ErrorBody e;
    e.type = cleanText(o.value("type"_L1)).left(80);
    e.message = cleanText(o.value("message"_L1));
    e.detail = cleanText(o.value("detail"_L1));
    if (e.type.isEmpty() && e.message.isEmpty())
        return std::nullopt;
    e.fieldName = cleanText(o.value("field_name"_L1)).left(80);
    const QJsonArray allowed = o.value("allowed_types"_L1).toArray();
    for (qsizetype i = 0; i < allowed.size() && i < 50; ++i) {
        if (const QString type = allowed.at(i).toString(); isTypeName(type))
            e.allowedTypes.append(type);
    }
    if (const QString parent = cleanText(o.value("existing_parent"_L1));
        parent.size() <= MaxIdLength)
        e.existingParent = parent;
    if (const QJsonValue same = o.value("is_same"_L1); same.isBool())
        e.isSame = same.toBool();
    return e;
}

QString parseErrorBody(const QByteArray &body)
{
    const auto e = parseError(body);
    if (!e)
        return {};
    const QString text = e->message.isEmpty() ? e->detail : e->message;
    if (text.isEmpty())
        return e->type;
    return e->type.isEmpty() ? text : u"%1 (%2)"_s.arg(text, e->type);
}

bool isAlreadyLinked(const ErrorBody &error)
{
    if (error.type == "artifact_already_attached_to_a_parent"_L1)
        return error.isSame.value_or(false);
    return error.type == "bad_request"_L1
        && error.message.contains("link already exists"_L1, Qt::CaseInsensitive);
}

QString refusalReason(const ErrorBody &error, const Link &link)
{
    QString label;
    for (const StockType &stock : StockTypes) {
        if (stock.id == link.type)
            label = QCoreApplication::translate("DevRev", stock.forward);
    }
    const QString kind = label.isEmpty()
        ? QCoreApplication::translate("DevRev", "links of this custom link type")
        : QCoreApplication::translate("DevRev", "links of type “%1”").arg(label);
    const QString source = typeWords(link.source.type);
    const QString target = typeWords(link.target.type);
    QStringList allowed;
    for (const QString &type : error.allowedTypes)
        allowed.append(typeWords(type));

    if (error.type == "unexpected_id_type"_L1) {
        if (error.fieldName == "source"_L1) {
            return allowed.isEmpty()
                ? QCoreApplication::translate("DevRev", "%1 cannot start from a %2.")
                      .arg(kind, source)
                : QCoreApplication::translate("DevRev",
                                              "%1 cannot start from a %2; they can start from: %3.")
                      .arg(kind, source, allowed.join(u", "_s));
        }
        return allowed.isEmpty()
            ? QCoreApplication::translate("DevRev", "%1 cannot go from a %2 to a %3.")
                  .arg(kind, source, target)
            : QCoreApplication::translate(
                  "DevRev", "%1 cannot go from a %2 to a %3; from a %2 they can go to: %4.")
                  .arg(kind, source, target, allowed.join(u", "_s));
    }
    if (error.type == "artifact_already_attached_to_a_parent"_L1) {
        return QCoreApplication::translate(
                   "DevRev",
                   "this %1 already has a parent in DevRev (%2), and an item has only one "
                   "parent. Remove that link first.")
            .arg(target,
                 error.existingParent.isEmpty()
                     ? QCoreApplication::translate("DevRev", "another item")
                     : error.existingParent);
    }
    if (error.type == "invalid_id"_L1) {
        return error.fieldName == "custom_link_type"_L1
            ? QCoreApplication::translate(
                "DevRev",
                "DevRev does not know this custom link type. Refresh the link types and try "
                "again.")
            : QCoreApplication::translate(
                "DevRev",
                "DevRev does not know one of these records; it may have been deleted. Refresh "
                "and try again.");
    }
    if (error.type == "missing_required_field"_L1)
        return QCoreApplication::translate("DevRev", "the request lacked %1.")
            .arg(error.fieldName.isEmpty() ? QCoreApplication::translate("DevRev", "a field")
                                           : error.fieldName);
    if (error.type == "bad_request"_L1) {
        const QString &m = error.message;
        if (m.contains("deprecated"_L1, Qt::CaseInsensitive))
            return QCoreApplication::translate(
                "DevRev",
                "this custom link type is deprecated: it keeps its links but takes no new "
                "ones.");
        if (m.contains("cycle"_L1, Qt::CaseInsensitive))
            return QCoreApplication::translate(
                "DevRev", "the link would make a cycle, which DevRev does not allow.");
        if (m.contains("levels deep"_L1, Qt::CaseInsensitive)
            || m.contains("depth"_L1, Qt::CaseInsensitive))
            return QCoreApplication::translate(
                "DevRev", "DevRev allows two levels of children below an item at most.");
        if (m.contains("already merged"_L1, Qt::CaseInsensitive))
            return QCoreApplication::translate(
                       "DevRev",
                       "this %1 is already merged into another item, and an item is merged "
                       "into one item only.")
                .arg(source);
        if (m.contains("itself"_L1, Qt::CaseInsensitive))
            return QCoreApplication::translate("DevRev", "a record cannot be linked to itself.");
        return QCoreApplication::translate("DevRev", "DevRev does not take this link.");
    }
    return {};
}

} // namespace DevRev
