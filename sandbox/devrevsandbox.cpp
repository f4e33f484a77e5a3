#include "sandbox/devrevsandbox.h"

#include "sandbox/devrevdemo.h"
#include "sandbox/sandboxclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

/// A DevRev error body: {type, message, ...fields}.
SandboxResponse devRevError(int status, QLatin1StringView type, const QString &message,
                            const QJsonObject &fields = {})
{
    QJsonObject body = fields;
    body.insert("type"_L1, type);
    body.insert("message"_L1, message);
    return SandboxResponse::json(status, body);
}

SandboxResponse badRequest(QLatin1StringView type, const QString &message,
                           const QJsonObject &fields = {})
{
    return devRevError(400, type, message, fields);
}

SandboxResponse notFound(const QString &message)
{
    return devRevError(404, "not_found"_L1, message);
}

SandboxResponse missingField(QLatin1StringView field)
{
    return badRequest("missing_required_field"_L1, u"Missing required field: %1"_s.arg(field),
                      {{"field_name"_L1, field}});
}

SandboxResponse invalidField(QLatin1StringView field, const QString &message)
{
    return badRequest("invalid_field"_L1, message, {{"field_name"_L1, field}});
}

SandboxResponse invalidEnum(QLatin1StringView field, const QString &value,
                            const QStringList &allowed)
{
    return badRequest("invalid_enum_value"_L1, u"Invalid value for %1: %2"_s.arg(field, value),
                      {{"field_name"_L1, field},
                       {"value"_L1, value},
                       {"allowed_values"_L1, QJsonArray::fromStringList(allowed)}});
}

/// How a request parameter is typed: in a query string every value is text and arrays repeat
/// the name or separate values with commas; in a JSON body the value has its JSON type.
enum class ParamKind : quint8 { Text, Texts, Integer, Boolean };

struct Param
{
    QLatin1StringView name;
    ParamKind kind;
};

QLatin1StringView jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return "bool"_L1;
    case QJsonValue::Double:
        return "number"_L1;
    case QJsonValue::String:
        return "string"_L1;
    case QJsonValue::Array:
        return "array"_L1;
    case QJsonValue::Object:
        return "object"_L1;
    default:
        return "null"_L1;
    }
}

SandboxResponse unexpectedJsonType(QLatin1StringView field, QLatin1StringView expected,
                                   const QJsonValue &actual)
{
    return badRequest(
        "unexpected_json_type"_L1, u"%1 must be of type %2"_s.arg(field, expected),
        {{"field_name"_L1, field}, {"expected"_L1, expected}, {"actual"_L1, jsonTypeName(actual)}});
}

/// Reads `param` from a query string into its JSON form; std::nullopt when absent.
std::variant<std::monostate, QJsonValue, SandboxResponse> fromQuery(const QUrlQuery &query,
                                                                    const Param &param)
{
    const QStringList values = query.allQueryItemValues(param.name, QUrl::FullyDecoded);
    if (values.isEmpty())
        return std::monostate();
    const QString &last = values.constLast();
    switch (param.kind) {
    case ParamKind::Text:
        return QJsonValue(last);
    case ParamKind::Texts: {
        QJsonArray items;
        for (const QString &value : values) {
            for (const QString &item : value.split(u',', Qt::SkipEmptyParts))
                items.append(item);
        }
        return QJsonValue(items);
    }
    case ParamKind::Integer: {
        bool ok = false;
        const int number = last.toInt(&ok);
        if (!ok)
            return invalidField(param.name, u"%1 must be a whole number"_s.arg(param.name));
        return QJsonValue(number);
    }
    case ParamKind::Boolean:
        if (last != "true"_L1 && last != "false"_L1)
            return invalidField(param.name, u"%1 must be true or false"_s.arg(param.name));
        return QJsonValue(last == "true"_L1);
    }
    return std::monostate();
}

/// Checks `value` of a JSON body against `param`; std::nullopt when it fits.
std::optional<SandboxResponse> checkJsonType(const Param &param, const QJsonValue &value)
{
    switch (param.kind) {
    case ParamKind::Text:
        if (!value.isString())
            return unexpectedJsonType(param.name, "string"_L1, value);
        break;
    case ParamKind::Texts: {
        if (!value.isArray())
            return unexpectedJsonType(param.name, "array"_L1, value);
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return unexpectedJsonType(param.name, "string"_L1, item);
        }
        break;
    }
    case ParamKind::Integer: {
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble())
            return unexpectedJsonType(param.name, "number"_L1, value);
        if (std::trunc(number) != number || number < -2147483648.0 || number > 2147483647.0)
            return invalidField(param.name, u"%1 must be a whole number"_s.arg(param.name));
        break;
    }
    case ParamKind::Boolean:
        if (!value.isBool())
            return unexpectedJsonType(param.name, "bool"_L1, value);
        break;
    }
    return std::nullopt;
}

constexpr Param CursorParams[] = {
    {"cursor"_L1, ParamKind::Text},
    {"limit"_L1, ParamKind::Integer},
    {"mode"_L1, ParamKind::Text},
};

/// One page of a list in creation order: the positions [begin, end) of `count` items and the
/// cursors around it. A cursor is the opaque form of a position: mode "after" lists the items
/// after it, "before" those before it.
struct Page
{
    qsizetype begin = 0;
    qsizetype end = 0;
    QJsonObject cursors; ///< next_cursor and prev_cursor where they apply

    static QString cursorFor(qint64 key)
    {
        return QString::fromLatin1(
            QByteArray("v1:" + QByteArray::number(key))
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    static std::optional<qint64> keyOf(const QString &cursor)
    {
        const QByteArray text = QByteArray::fromBase64(
            cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        bool ok = false;
        const qint64 key = text.startsWith("v1:") ? text.mid(3).toLongLong(&ok) : 0;
        return ok ? std::optional(key) : std::nullopt;
    }
};

/// Pages `keys` (ascending) as `params` asks; a refusal for a bad cursor, limit or mode.
std::variant<Page, SandboxResponse> paginate(const std::vector<qint64> &keys,
                                             const QJsonObject &params)
{
    const QString mode = params.value("mode"_L1).toString(u"after"_s);
    if (mode != "after"_L1 && mode != "before"_L1)
        return invalidEnum("mode"_L1, mode, {u"after"_s, u"before"_s});
    const int limit = params.value("limit"_L1).toInt(DevRevSandbox::DefaultPageSize);
    if (limit < 1)
        return invalidField("limit"_L1, u"limit must be at least 1"_s);
    const qsizetype size = std::min(limit, DevRevSandbox::MaxPageSize);
    const qsizetype count = qsizetype(keys.size());

    Page page;
    const QJsonValue cursor = params.value("cursor"_L1);
    std::optional<qint64> key;
    if (cursor.isString() && !cursor.toString().isEmpty()) {
        key = Page::keyOf(cursor.toString());
        if (!key)
            return invalidField("cursor"_L1, u"The cursor is not one this API gave"_s);
    }
    if (mode == "after"_L1) {
        page.begin = key ? std::upper_bound(keys.begin(), keys.end(), *key) - keys.begin() : 0;
        page.end = std::min(count, page.begin + size);
    } else {
        page.end = key ? std::lower_bound(keys.begin(), keys.end(), *key) - keys.begin() : count;
        page.begin = std::max<qsizetype>(0, page.end - size);
    }
    if (page.end < count && page.end > page.begin)
        page.cursors.insert("next_cursor"_L1, Page::cursorFor(keys[size_t(page.end - 1)]));
    if (page.begin > 0 && page.end > page.begin)
        page.cursors.insert("prev_cursor"_L1, Page::cursorFor(keys[size_t(page.begin)]));
    return page;
}

QJsonObject withCursors(QJsonObject body, const Page &page)
{
    for (auto it = page.cursors.constBegin(); it != page.cursors.constEnd(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

/// A DON id or a display id (ISS-12) as far as its shape goes.
bool looksLikeId(const QString &text)
{
    static const QRegularExpression pattern(
        uR"(^(don:[a-z_]+:[a-z0-9-]+:devo/[A-Za-z0-9]+:[a-z_]+/\d+|[A-Z]+-\d+)$)"_s);
    return pattern.match(text).hasMatch();
}

} // namespace

struct DevRevSandbox::Call
{
    const SandboxRequest &request;
    QJsonObject params;
    bool beta;
    DevRevKinds visible; ///< the kinds this scope serves as link ends and works
    const Endpoint &endpoint;
};

struct DevRevSandbox::Endpoint
{
    QLatin1StringView name;
    bool get; ///< also served by GET with query parameters; POST always
    bool betaOnly;
    bool paged; ///< takes cursor, limit and mode
    std::initializer_list<Param> params;
    SandboxResponse (DevRevSandbox::*handler)(const Call &);
    DevRevKinds kinds = 0; ///< listObjects(): what is listed ...
    QLatin1StringView listKey = {}; ///< ... under which key
    QLatin1StringView filterField = {}; ///< a Texts param filtering by type, or by rev_org

    /// `params`, after cursor, limit and mode when the endpoint is paged.
    QList<Param> allParams() const
    {
        QList<Param> result;
        if (paged)
            result = QList<Param>(std::begin(CursorParams), std::end(CursorParams));
        for (const Param &param : params)
            result.append(param);
        return result;
    }
};

namespace {

using enum DevRevKind;

constexpr DevRevKinds bit(DevRevKind kind)
{
    return devRevBit(kind);
}

const DevRevSandbox::Endpoint Endpoints[] = {
    {"dev-users.self"_L1, true, false, false, {}, &DevRevSandbox::self},
    {"dev-users.list"_L1,
     true,
     false,
     true,
     {{"email"_L1, ParamKind::Texts}},
     &DevRevSandbox::listObjects,
     bit(DevUser),
     "dev_users"_L1,
     "email"_L1},
    {"rev-users.list"_L1,
     true,
     false,
     true,
     {{"rev_org"_L1, ParamKind::Texts}},
     &DevRevSandbox::listObjects,
     bit(RevUser),
     "rev_users"_L1,
     "rev_org"_L1},
    {"rev-orgs.list"_L1,
     true,
     false,
     true,
     {},
     &DevRevSandbox::listObjects,
     bit(RevOrg),
     "rev_orgs"_L1},
    {"accounts.list"_L1,
     true,
     false,
     true,
     {},
     &DevRevSandbox::listObjects,
     bit(Account),
     "accounts"_L1},
    {"parts.list"_L1,
     true,
     false,
     true,
     {{"type"_L1, ParamKind::Texts}},
     &DevRevSandbox::listObjects,
     DevRevParts,
     "parts"_L1,
     "type"_L1},
    {"works.list"_L1,
     true,
     false,
     true,
     {{"type"_L1, ParamKind::Texts}},
     &DevRevSandbox::listObjects,
     DevRevWorks,
     "works"_L1,
     "type"_L1},
    {"works.get"_L1, true, false, false, {{"id"_L1, ParamKind::Text}}, &DevRevSandbox::getWork},
    {"links.create"_L1,
     false,
     false,
     false,
     {{"source"_L1, ParamKind::Text},
      {"target"_L1, ParamKind::Text},
      {"link_type"_L1, ParamKind::Text},
      {"custom_link_type"_L1, ParamKind::Text}},
     &DevRevSandbox::createLink},
    {"links.get"_L1, true, false, false, {{"id"_L1, ParamKind::Text}}, &DevRevSandbox::getLink},
    {"links.list"_L1,
     true,
     false,
     true,
     {{"object"_L1, ParamKind::Text},
      {"direction"_L1, ParamKind::Text},
      {"link_type"_L1, ParamKind::Texts},
      {"types"_L1, ParamKind::Texts},
      {"object_types"_L1, ParamKind::Texts}},
     &DevRevSandbox::listLinks},
    {"links.delete"_L1,
     false,
     false,
     false,
     {{"id"_L1, ParamKind::Text}},
     &DevRevSandbox::deleteLink},
    {"links.replace"_L1,
     false,
     false,
     false,
     {{"id"_L1, ParamKind::Text},
      {"source"_L1, ParamKind::Text},
      {"target"_L1, ParamKind::Text},
      {"link_type"_L1, ParamKind::Text},
      {"custom_link_type"_L1, ParamKind::Text}},
     &DevRevSandbox::replaceLink},
    {"link-types.custom.list"_L1,
     true,
     true,
     true,
     {{"is_deprecated"_L1, ParamKind::Boolean},
      {"deprecated"_L1, ParamKind::Boolean},
      {"name"_L1, ParamKind::Texts}},
     &DevRevSandbox::listCustomLinkTypes},
};

} // namespace

DevRevSandbox::DevRevSandbox(const SandboxClock &clock, quint32 seed, int scale, QByteArray token)
    : m_clock(clock)
    , m_token(std::move(token))
    , m_limiter(DefaultRateLimit, RateWindowMs)
{
    populateDevRevDemo(m_world, seed, scale);
}

const DevRevObject &DevRevSandbox::owner() const
{
    const auto &objects = m_world.objects();
    const auto it = std::ranges::find(objects, DevUser, &DevRevObject::kind);
    Q_ASSERT(it != objects.end()); // the demo always has dev users
    return *it;
}

void DevRevSandbox::setRateLimit(int perWindow)
{
    m_limiter.setLimit(perWindow);
}

SandboxResponse DevRevSandbox::handle(const SandboxRequest &request)
{
    QByteArray token = request.header("Authorization").trimmed();
    if (token.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        token = token.mid(7).trimmed();
    if (token.isEmpty() || token != m_token) {
        return devRevError(401, "unauthenticated"_L1,
                           token.isEmpty() ? u"Missing authorization token"_s
                                           : u"Invalid authorization token"_s);
    }

    const RateLimiter::Decision decision = m_limiter.take(owner().id, m_clock.nowMs());
    SandboxResponse response;
    if (!decision.allowed) {
        response
            = devRevError(429, "too_many_requests"_L1,
                          u"Rate limit exceeded: %1 requests per 5 minutes"_s.arg(decision.limit),
                          {{"retry_after"_L1, decision.retryAfterSeconds}});
        response.withHeader("Retry-After"_ba, QByteArray::number(decision.retryAfterSeconds));
    } else {
        response = route(request);
    }
    if (m_limiter.limit() > 0) {
        response.withHeader("X-Ratelimit-Limit"_ba, QByteArray::number(decision.limit))
            .withHeader("X-Ratelimit-Remaining"_ba, QByteArray::number(decision.remaining))
            .withHeader("X-Ratelimit-Reset"_ba,
                        QByteArray::number((decision.resetMs + 999) / 1000));
    }
    return response;
}

SandboxResponse DevRevSandbox::route(const SandboxRequest &request)
{
    const QString name = request.path.size() == 1 ? request.path.constFirst() : QString();
    const auto endpoint = std::ranges::find(Endpoints, name, &Endpoint::name);
    if (endpoint == std::end(Endpoints))
        return notFound(u"Unknown endpoint /%1"_s.arg(request.path.join(u'/')));
    const bool post = request.method == "POST";
    if (!post && !(endpoint->get && request.method == "GET")) {
        return badRequest(
            "bad_request"_L1,
            u"/%1 takes %2"_s.arg(name, endpoint->get ? u"GET or POST"_s : u"POST"_s));
    }

    const QByteArray scope = request.header("X-Devrev-Scope").trimmed().toLower();
    if (!scope.isNull() && scope != "beta" && scope != "public") {
        return badRequest("invalid_api_version"_L1, u"Unknown API scope"_s,
                          {{"value"_L1, QString::fromLatin1(request.header("X-Devrev-Scope"))}});
    }
    const bool beta = scope == "beta";
    if (endpoint->betaOnly && !beta) {
        return badRequest("invalid_api_version"_L1,
                          u"/%1 is a beta endpoint: send X-Devrev-Scope: beta"_s.arg(name),
                          {{"value"_L1, u"public"_s}});
    }

    QJsonObject params;
    if (post) {
        if (request.body.size() > MaxBodySize) {
            return devRevError(413, "request_entity_too_large"_L1,
                               u"Request bodies are limited to %1 bytes"_s.arg(MaxBodySize),
                               {{"max_bytes"_L1, MaxBodySize}});
        }
        const QByteArray type = request.header("Content-Type");
        if (!type.isNull() && !type.split(';').constFirst().trimmed().toLower().endsWith("json")) {
            return badRequest("invalid_content_type"_L1, u"Send a JSON body"_s,
                              {{"value"_L1, QString::fromLatin1(type)}});
        }
        QJsonParseError error;
        const QJsonDocument document = request.body.trimmed().isEmpty()
            ? QJsonDocument(QJsonObject())
            : QJsonDocument::fromJson(request.body, &error);
        if (document.isNull() || !document.isObject()) {
            return badRequest("parse_error"_L1,
                              document.isNull()
                                  ? u"The body is not JSON: %1"_s.arg(error.errorString())
                                  : u"The body must be a JSON object"_s);
        }
        params = document.object();
        for (const Param &param : endpoint->allParams()) {
            if (const QJsonValue value = params.value(param.name); !value.isUndefined()) {
                if (auto refused = checkJsonType(param, value))
                    return *refused;
            }
        }
    } else {
        for (const Param &param : endpoint->allParams()) {
            auto value = fromQuery(request.query, param);
            if (auto *refused = std::get_if<SandboxResponse>(&value))
                return *refused;
            if (auto *found = std::get_if<QJsonValue>(&value))
                params.insert(param.name, *found);
        }
    }
    const Call call{request, params, beta, devRevVisibleKinds(beta), *endpoint};
    return (this->*endpoint->handler)(call);
}

SandboxResponse DevRevSandbox::self(const Call &)
{
    return SandboxResponse::json(200, QJsonObject{{"dev_user"_L1, owner().json}});
}

SandboxResponse DevRevSandbox::listObjects(const Call &call)
{
    const Endpoint &endpoint = call.endpoint;
    DevRevKinds kinds = endpoint.kinds;
    if (kinds & DevRevWorks)
        kinds &= call.visible; // the public API knows works of type issue and ticket only
    const QJsonValue filter = call.params.value(endpoint.filterField);
    QStringList wanted;
    for (const QJsonValue &value : filter.toArray())
        wanted.append(value.toString());
    if (endpoint.filterField == "type"_L1 && !wanted.isEmpty()) {
        DevRevKinds chosen = 0;
        for (const QString &type : std::as_const(wanted)) {
            const auto kind = devRevKindFromType(type);
            if (!kind || !(kinds & bit(*kind)))
                return invalidEnum("type"_L1, type, devRevTypeNames(kinds));
            chosen |= bit(*kind);
        }
        kinds = chosen;
        wanted.clear();
    }
    // rev_org filters by the summary's id or display id; email by the user's address.
    const QLatin1StringView field = endpoint.filterField;
    const auto matches = [&](const DevRevObject &object) {
        if (wanted.isEmpty())
            return true;
        const QJsonValue value = object.json.value(field);
        if (value.isObject()) {
            const QJsonObject ref = value.toObject();
            return wanted.contains(ref.value("id"_L1).toString())
                || wanted.contains(ref.value("display_id"_L1).toString());
        }
        return wanted.contains(value.toString(), Qt::CaseInsensitive);
    };

    std::vector<qint64> keys;
    std::vector<const DevRevObject *> found;
    for (const DevRevObject &object : m_world.objects()) {
        if ((kinds & bit(object.kind)) && matches(object)) {
            keys.push_back(object.sequence);
            found.push_back(&object);
        }
    }
    auto paged = paginate(keys, call.params);
    if (auto *refused = std::get_if<SandboxResponse>(&paged))
        return *refused;
    const Page &page = std::get<Page>(paged);
    QJsonArray items;
    for (qsizetype i = page.begin; i < page.end; ++i)
        items.append(found[size_t(i)]->json);
    return SandboxResponse::json(200, withCursors({{endpoint.listKey, items}}, page));
}

SandboxResponse DevRevSandbox::getWork(const Call &call)
{
    const QString id = call.params.value("id"_L1).toString();
    if (id.isEmpty())
        return missingField("id"_L1);
    if (!looksLikeId(id))
        return badRequest("invalid_id"_L1, u"Not an id: %1"_s.arg(id),
                          {{"field_name"_L1, "id"_L1}});
    const DevRevObject *work = m_world.object(id);
    if (!work || !(DevRevWorks & call.visible & bit(work->kind)))
        return notFound(u"No work %1"_s.arg(id));
    return SandboxResponse::json(200, QJsonObject{{"work"_L1, work->json}});
}

/// The link in `call`'s "id", or an answer refusing it: 400 for what is no link id, 404 for an
/// unknown link or one whose ends the caller's scope does not serve.
std::variant<const DevRevLink *, SandboxResponse> DevRevSandbox::findLink(const Call &call) const
{
    const QString id = call.params.value("id"_L1).toString();
    if (id.isEmpty())
        return missingField("id"_L1);
    if (!looksLikeId(id) || !id.contains(":link/"_L1))
        return badRequest("invalid_id"_L1, u"Not a link id: %1"_s.arg(id),
                          {{"field_name"_L1, "id"_L1}});
    const DevRevLink *link = m_world.link(id);
    if (!link || !isVisible(*link, call.visible))
        return notFound(u"No link %1"_s.arg(id));
    return link;
}

bool DevRevSandbox::isVisible(const DevRevLink &link, DevRevKinds visible) const
{
    const DevRevObject *source = m_world.object(link.source);
    const DevRevObject *target = m_world.object(link.target);
    return source && target && (visible & bit(source->kind)) && (visible & bit(target->kind));
}

std::variant<DevRevWorld::LinkRequest, SandboxResponse>
DevRevSandbox::linkRequest(const Call &call) const
{
    DevRevWorld::LinkRequest request;
    for (const auto &[field, target] :
         {std::pair{"source"_L1, &request.source}, std::pair{"target"_L1, &request.target},
          std::pair{"link_type"_L1, &request.linkType}}) {
        *target = call.params.value(field).toString();
        if (target->isEmpty())
            return missingField(field);
    }
    if (!DevRevWorld::linkTypes().contains(request.linkType))
        return invalidEnum("link_type"_L1, request.linkType, DevRevWorld::linkTypes());
    request.customLinkType = call.params.value("custom_link_type"_L1).toString();
    for (const auto &[field, id] :
         {std::pair{"source"_L1, &request.source}, std::pair{"target"_L1, &request.target}}) {
        const DevRevObject *object = m_world.object(*id);
        if (!object) {
            return badRequest("invalid_id"_L1,
                              looksLikeId(*id) ? u"No object %1"_s.arg(*id)
                                               : u"Not an id: %1"_s.arg(*id),
                              {{"field_name"_L1, field}});
        }
        *id = object->id;
    }
    return request;
}

SandboxResponse DevRevSandbox::writeLink(const Call &call, qint64 replacing)
{
    auto parsed = linkRequest(call);
    if (auto *refused = std::get_if<SandboxResponse>(&parsed))
        return *refused;
    DevRevRefusal refusal;
    const DevRevLink *link
        = m_world.createLink(std::get<DevRevWorld::LinkRequest>(parsed), call.visible, owner().id,
                             m_clock.nowMs(), &refusal, replacing);
    if (!link)
        return badRequest(refusal.type, refusal.message, refusal.fields);
    return SandboxResponse::json(201, QJsonObject{{"link"_L1, m_world.linkJson(*link)}});
}

SandboxResponse DevRevSandbox::createLink(const Call &call)
{
    return writeLink(call, 0);
}

SandboxResponse DevRevSandbox::replaceLink(const Call &call)
{
    const QString id = call.params.value("id"_L1).toString();
    if (id.isEmpty())
        return missingField("id"_L1);
    const DevRevLink *link = m_world.link(id);
    if (!link || !isVisible(*link, call.visible)) // the spec lists no 404 for links.replace
        return badRequest("invalid_id"_L1, u"No link %1"_s.arg(id), {{"field_name"_L1, "id"_L1}});
    return writeLink(call, link->number);
}

SandboxResponse DevRevSandbox::getLink(const Call &call)
{
    auto found = findLink(call);
    if (auto *refused = std::get_if<SandboxResponse>(&found))
        return *refused;
    return SandboxResponse::json(
        200, QJsonObject{{"link"_L1, m_world.linkJson(*std::get<const DevRevLink *>(found))}});
}

SandboxResponse DevRevSandbox::deleteLink(const Call &call)
{
    auto found = findLink(call);
    if (auto *refused = std::get_if<SandboxResponse>(&found))
        return *refused;
    m_world.deleteLink(std::get<const DevRevLink *>(found)->number);
    return SandboxResponse::json(200, QJsonObject());
}

SandboxResponse DevRevSandbox::listLinks(const Call &call)
{
    const QString objectId = call.params.value("object"_L1).toString();
    if (objectId.isEmpty())
        return missingField("object"_L1);
    if (!looksLikeId(objectId)) {
        return badRequest("invalid_id"_L1, u"Not an id: %1"_s.arg(objectId),
                          {{"field_name"_L1, "object"_L1}});
    }
    const QString direction = call.params.value("direction"_L1).toString();
    if (!direction.isEmpty() && direction != "is_source"_L1 && direction != "is_target"_L1)
        return invalidEnum("direction"_L1, direction, {u"is_source"_s, u"is_target"_s});
    QStringList linkTypes;
    for (const auto field : {"link_type"_L1, "types"_L1}) {
        for (const QJsonValue &value : call.params.value(field).toArray()) {
            if (!DevRevWorld::linkTypes().contains(value.toString()))
                return invalidEnum(field, value.toString(), DevRevWorld::linkTypes());
            linkTypes.append(value.toString());
        }
    }
    DevRevKinds otherKinds = 0;
    for (const QJsonValue &value : call.params.value("object_types"_L1).toArray()) {
        const auto kind = devRevKindFromType(value.toString());
        if (!kind || !(call.visible & bit(*kind))) {
            return invalidEnum("object_types"_L1, value.toString(), devRevTypeNames(call.visible));
        }
        otherKinds |= bit(*kind);
    }

    std::vector<qint64> keys;
    const DevRevObject *object = m_world.object(objectId);
    if (object && (call.visible & bit(object->kind))) {
        for (qint64 number : m_world.linksOf(object->id)) {
            const DevRevLink &link = m_world.links().at(number);
            const bool outgoing = link.source == object->id;
            const QString &other = outgoing ? link.target : link.source;
            const DevRevObject *otherObject = m_world.object(other);
            if ((direction == "is_source"_L1 && !outgoing)
                || (direction == "is_target"_L1 && outgoing)
                || (!linkTypes.isEmpty() && !linkTypes.contains(link.linkType))
                || !isVisible(link, call.visible)
                || (otherKinds && !(otherKinds & bit(otherObject->kind)))) {
                continue;
            }
            keys.push_back(number);
        }
    }
    auto paged = paginate(keys, call.params);
    if (auto *refused = std::get_if<SandboxResponse>(&paged))
        return *refused;
    const Page &page = std::get<Page>(paged);
    QJsonArray links;
    for (qsizetype i = page.begin; i < page.end; ++i)
        links.append(m_world.linkJson(m_world.links().at(keys[size_t(i)])));
    return SandboxResponse::json(200, withCursors({{"links"_L1, links}}, page));
}

SandboxResponse DevRevSandbox::listCustomLinkTypes(const Call &call)
{
    const QJsonValue deprecated = call.params.contains("is_deprecated"_L1)
        ? call.params.value("is_deprecated"_L1)
        : call.params.value("deprecated"_L1);
    QStringList names;
    for (const QJsonValue &value : call.params.value("name"_L1).toArray())
        names.append(value.toString());
    std::vector<qint64> keys;
    std::vector<const DevRevCustomLinkType *> found;
    for (const DevRevCustomLinkType &type : m_world.customLinkTypes()) {
        if ((deprecated.isBool() && type.deprecated != deprecated.toBool())
            || (!names.isEmpty() && !names.contains(type.name))) {
            continue;
        }
        keys.push_back(type.number);
        found.push_back(&type);
    }
    auto paged = paginate(keys, call.params);
    if (auto *refused = std::get_if<SandboxResponse>(&paged))
        return *refused;
    const Page &page = std::get<Page>(paged);
    QJsonArray result;
    for (qsizetype i = page.begin; i < page.end; ++i)
        result.append(m_world.customLinkTypeJson(*found[size_t(i)]));
    return SandboxResponse::json(200, withCursors({{"result"_L1, result}}, page));
}

SandboxResponse DevRevSandbox::vendorError(int status, const QString &message) const
{
    static constexpr std::pair<int, QLatin1StringView> Types[] = {
        {400, "bad_request"_L1},
        {401, "unauthenticated"_L1},
        {403, "forbidden"_L1},
        {404, "not_found"_L1},
        {413, "request_entity_too_large"_L1},
        {429, "too_many_requests"_L1},
        {500, "internal_error"_L1},
        {503, "service_unavailable"_L1},
    };
    const auto it = std::ranges::find(Types, status, &std::pair<int, QLatin1StringView>::first);
    const QLatin1StringView type = it != std::end(Types) ? it->second
        : status >= 500                                  ? "internal_error"_L1
                                                         : "bad_request"_L1;
    QJsonObject fields;
    if (type == "internal_error"_L1) // DevRev names the incident behind a 500
        fields.insert("reference_id"_L1, u"sandbox-%1"_s.arg(status));
    if (type == "request_entity_too_large"_L1)
        fields.insert("max_bytes"_L1, MaxBodySize);
    return devRevError(status, type, message, fields);
}

QJsonObject DevRevSandbox::saveState() const
{
    return m_world.stateJson();
}

bool DevRevSandbox::restoreState(const QJsonObject &state, QString *error)
{
    return m_world.restoreStateJson(state, error);
}
