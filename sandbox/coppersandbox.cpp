#include "sandbox/coppersandbox.h"

#include "sandbox/copperdemo.h"
#include "sandbox/sandboxclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using enum CopperEntity;

SandboxResponse copperError(int status, const QString &message)
{
    return SandboxResponse::json(
        status, QJsonObject{{"success"_L1, false}, {"status"_L1, status}, {"message"_L1, message}});
}

/// What Copper answers for a path it has no route for.
SandboxResponse noRoute()
{
    return SandboxResponse::json(404, QJsonObject{{"error"_L1, "not_found"_L1}});
}

SandboxResponse resourceNotFound()
{
    return copperError(404, u"Resource not found"_s);
}

SandboxResponse invalidInput(const QString &detail)
{
    return copperError(422, u"Invalid input: "_s + detail);
}

std::optional<qint64> parseId(const QString &segment)
{
    bool ok = false;
    const qint64 id = segment.toLongLong(&ok);
    return ok && id > 0 ? std::optional(id) : std::nullopt;
}

/// A request body that must be a JSON object; an empty body stands for {}.
std::optional<SandboxResponse> parseBody(const QByteArray &body, QJsonObject *object)
{
    *object = {};
    if (body.trimmed().isEmpty())
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return copperError(
            400,
            u"Malformed JSON body: %1 at offset %2"_s.arg(error.errorString()).arg(error.offset));
    }
    if (!document.isObject())
        return invalidInput(u"the request body must be a JSON object"_s);
    *object = document.object();
    return std::nullopt;
}

struct Page
{
    qint64 number = 1;
    qint64 size = CopperSandbox::DefaultPageSize;
};

std::optional<SandboxResponse> parsePage(const QJsonObject &body, Page *page)
{
    const QJsonValue number = body.value("page_number"_L1);
    const QJsonValue size = body.value("page_size"_L1);
    if (!number.isUndefined() && !number.isNull()) {
        const auto value = copperInteger(number);
        if (!value || *value < 1)
            return invalidInput(u"page_number must be an integer of at least 1"_s);
        page->number = *value;
    }
    if (!size.isUndefined() && !size.isNull()) {
        const auto value = copperInteger(size);
        if (!value || *value < 1 || *value > CopperSandbox::MaxPageSize)
            return invalidInput(u"page_size must be an integer between 1 and 200"_s);
        page->size = *value;
    }
    return std::nullopt;
}

/// The slice of `all` that `page` selects, never beyond Copper's 100,000 results.
template<typename T>
QJsonArray pageOf(const QList<T> &all, const Page &page, auto toJson)
{
    QJsonArray result;
    if (page.number > CopperSandbox::MaxSearchResults)
        return result;
    const qint64 first = (page.number - 1) * page.size;
    const qint64 end
        = std::min<qint64>({all.size(), first + page.size, CopperSandbox::MaxSearchResults});
    for (qint64 i = first; i < end; ++i)
        result.append(toJson(all.at(i)));
    return result;
}

constexpr QLatin1StringView CommonSortFields[] = {"name"_L1, "date_created"_L1, "date_modified"_L1};
constexpr std::pair<CopperEntity, QLatin1StringView> EntitySortFields[] = {
    {Lead, "company_name"_L1},
    {Lead, "title"_L1},
    {Lead, "status"_L1},
    {Lead, "monetary_value"_L1},
    {Person, "first_name"_L1},
    {Person, "last_name"_L1},
    {Person, "title"_L1},
    {Person, "company_name"_L1},
    {Company, "email_domain"_L1},
    {Opportunity, "company_name"_L1},
    {Opportunity, "monetary_value"_L1},
    {Opportunity, "status"_L1},
    {Opportunity, "priority"_L1},
    {Opportunity, "win_probability"_L1},
    {Project, "status"_L1},
    {Task, "status"_L1},
    {Task, "priority"_L1},
    {Task, "due_date"_L1},
};

bool isSortField(CopperEntity entity, QStringView field)
{
    return std::ranges::any_of(CommonSortFields, [field](auto common) { return common == field; })
        || std::ranges::any_of(EntitySortFields, [entity, field](const auto &pair) {
               return pair.first == entity && pair.second == field;
           });
}

/// Orders JSON scalars: missing and null first, then numbers, then strings (case-insensitive).
int compareValues(const QJsonValue &a, const QJsonValue &b)
{
    const auto rank = [](const QJsonValue &v) { return v.isDouble() ? 1 : v.isString() ? 2 : 0; };
    if (rank(a) != rank(b))
        return rank(a) - rank(b);
    if (a.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
    if (a.isString()) {
        const int folded = a.toString().compare(b.toString(), Qt::CaseInsensitive);
        return folded != 0 ? folded : a.toString().compare(b.toString());
    }
    return 0;
}

QJsonObject refJson(CopperRef ref)
{
    return {{"id"_L1, ref.id}, {"type"_L1, copperTypeName(ref.type)}};
}

QString notAllowedMessage(CopperEntity a, CopperEntity b)
{
    return u"Cannot relate a %1 to a %2"_s.arg(copperTypeName(a), copperTypeName(b));
}

/// A related_links end from an entity_type and an id (of a body or of the query), or
/// std::nullopt for an unknown type or an id that is not a positive integer.
std::optional<CopperLinkEnd> linkEnd(const QJsonValue &type, const QJsonValue &id)
{
    const auto linkType = copperLinkTypeFromName(type.toString());
    const auto linkId = copperInteger(id);
    if (!type.isString() || !linkType || !linkId || *linkId <= 0)
        return std::nullopt;
    return CopperLinkEnd{*linkType, *linkId};
}

constexpr auto LinkEndShape
    = "must be {\"id\":<integer>,\"entity_type\":\"<people|lead|opportunity|company|"
      "organization|project|user>\"}"_L1;

} // namespace

CopperSandbox::CopperSandbox(const SandboxClock &clock, QByteArray apiKey, QByteArray userEmail,
                             quint32 seed, int scale)
    : m_clock(clock)
    , m_apiKey(std::move(apiKey))
    , m_userEmail(std::move(userEmail))
{
    populateCopperDemo(m_world, seed, QString::fromUtf8(m_userEmail), scale);
}

void CopperSandbox::setRateLimit(int requestsPerMinute)
{
    m_limiter.setLimit(requestsPerMinute);
    m_limiter.reset();
}

SandboxResponse CopperSandbox::handle(const SandboxRequest &request)
{
    const QByteArray token = request.header("X-PW-AccessToken");
    const QByteArray email = request.header("X-PW-UserEmail");
    if (token.isEmpty() || email.isEmpty())
        return copperError(401, u"X-PW-AccessToken and X-PW-UserEmail headers are required"_s);
    if (token != m_apiKey || email.compare(m_userEmail, Qt::CaseInsensitive) != 0)
        return copperError(401, u"Invalid API key or user email"_s);
    if (request.header("X-PW-Application") != "developer_api")
        return copperError(400, u"X-PW-Application header must be developer_api"_s);
    if (!m_limiter.take(QString::fromUtf8(token), m_clock.nowMs()).allowed) {
        return copperError(
            429, u"Rate limit exceeded: at most %1 requests per minute"_s.arg(m_limiter.limit()));
    }
    return route(request);
}

SandboxResponse CopperSandbox::route(const SandboxRequest &request)
{
    const QStringList &path = request.path;
    const QByteArray &method = request.method;
    if (path == QStringList{u"users"_s, u"me"_s} && method == "GET")
        return SandboxResponse::json(200, m_world.users().value(0));
    if (path == QStringList{u"users"_s, u"search"_s} && method == "POST")
        return searchUsers(request);
    if (path == QStringList{u"account"_s} && method == "GET") {
        return SandboxResponse::json(
            200, QJsonObject{{"id"_L1, 281394}, {"name"_L1, "Linkloom Demo Workspace"_L1}});
    }
    if (!path.isEmpty() && path.first() == "custom_field_definitions"_L1 && path.size() <= 2)
        return method == "GET" ? fieldDefinitions(path) : noRoute();
    if (path == QStringList{u"related_links"_s}) {
        if (method == "GET")
            return listLinks(request.query);
        return method == "POST" ? createLink(request) : noRoute();
    }
    if (path.size() == 2 && path.first() == "related_links"_L1)
        return method == "DELETE" ? deleteLink(path.at(1)) : noRoute();

    const auto entity = path.isEmpty() ? std::nullopt : copperEntityFromPlural(path.first());
    if (!entity || path.size() < 2 || path.size() > 4)
        return noRoute();
    if (path.size() == 2 && path.at(1) == "search"_L1)
        return method == "POST" ? search(request, *entity) : noRoute();

    // {entity}/{id}, {entity}/{id}/related, {entity}/{id}/related/{other}
    const bool related = path.size() >= 3;
    if (related && path.at(2) != "related"_L1)
        return noRoute();
    std::optional<CopperEntity> only;
    if (path.size() == 4 && !(only = copperEntityFromPlural(path.at(3))))
        return noRoute();
    const bool writable = path.size() == 3 && (method == "POST" || method == "DELETE");
    if (method != "GET" && !writable)
        return noRoute();

    const auto id = parseId(path.at(1));
    const CopperRef ref{*entity, id.value_or(0)};
    if (!id || !m_world.contains(ref))
        return resourceNotFound();
    if (!related)
        return SandboxResponse::json(200, m_world.record(ref));
    if (method == "GET")
        return listRelated(ref, only);
    return changeRelated(request, ref, method == "POST");
}

SandboxResponse CopperSandbox::search(const SandboxRequest &request, CopperEntity entity) const
{
    QJsonObject body;
    if (auto refused = parseBody(request.body, &body))
        return *refused;
    Page page;
    if (auto refused = parsePage(body, &page))
        return *refused;

    const QJsonValue sortBy = body.value("sort_by"_L1);
    const QJsonValue direction = body.value("sort_direction"_L1);
    const QJsonValue ids = body.value("ids"_L1);
    const QJsonValue name = body.value("name"_L1);
    if (!sortBy.isUndefined() && !(sortBy.isString() && isSortField(entity, sortBy.toString())))
        return invalidInput(u"unsupported sort_by for %1"_s.arg(copperPlural(entity)));
    const QString directionText = direction.toString().toLower();
    if (!direction.isUndefined() && directionText != "asc"_L1 && directionText != "desc"_L1)
        return invalidInput(u"sort_direction must be asc or desc"_s);
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return invalidInput(u"name must be a string"_s);

    std::optional<QSet<qint64>> idFilter;
    if (!ids.isUndefined() && !ids.isNull()) {
        if (!ids.isArray())
            return invalidInput(u"ids must be an array of integers"_s);
        idFilter.emplace();
        for (const QJsonValue &value : ids.toArray()) {
            const auto id = copperInteger(value);
            if (!id)
                return invalidInput(u"ids must be an array of integers"_s);
            idFilter->insert(*id);
        }
    }

    QList<const QJsonObject *> matches;
    for (const auto &[id, record] : m_world.records(entity)) {
        if (idFilter && !idFilter->contains(id))
            continue;
        if (name.isString()
            && !record.value("name"_L1).toString().contains(name.toString(), Qt::CaseInsensitive)) {
            continue;
        }
        matches.append(&record);
    }

    // The map is in id order; sorting on a field breaks ties by id, ascending, so pages are stable.
    const bool descending = directionText == "desc"_L1;
    if (sortBy.isString()) {
        const QString field = sortBy.toString();
        std::ranges::sort(matches, [&](const QJsonObject *a, const QJsonObject *b) {
            const int order = compareValues(a->value(field), b->value(field));
            if (order != 0)
                return descending ? order > 0 : order < 0;
            return a->value("id"_L1).toInteger() < b->value("id"_L1).toInteger();
        });
    } else if (descending) {
        std::ranges::reverse(matches);
    }

    return SandboxResponse::json(200,
                                 pageOf(matches, page, [](const QJsonObject *r) { return *r; }))
        .withHeader("X-PW-TOTAL"_ba, QByteArray::number(matches.size()));
}

SandboxResponse CopperSandbox::searchUsers(const SandboxRequest &request) const
{
    QJsonObject body;
    if (auto refused = parseBody(request.body, &body))
        return *refused;
    Page page;
    if (auto refused = parsePage(body, &page))
        return *refused;
    const QList<QJsonObject> &users = m_world.users();
    return SandboxResponse::json(200, pageOf(users, page, [](const QJsonObject &u) { return u; }))
        .withHeader("X-PW-TOTAL"_ba, QByteArray::number(users.size()));
}

SandboxResponse CopperSandbox::listRelated(CopperRef ref, std::optional<CopperEntity> only) const
{
    if (only && !CopperWorld::canRelate(ref.type, *only))
        return copperError(422, notAllowedMessage(ref.type, *only));
    QJsonArray result;
    for (const CopperRef &other : m_world.related(ref)) {
        if (!only || other.type == *only)
            result.append(refJson(other));
    }
    return SandboxResponse::json(200, result);
}

SandboxResponse CopperSandbox::changeRelated(const SandboxRequest &request, CopperRef ref, bool add)
{
    QJsonObject body;
    if (auto refused = parseBody(request.body, &body))
        return *refused;
    const QJsonValue resource = body.value("resource"_L1);
    const auto otherId = copperInteger(resource.toObject().value("id"_L1));
    const QJsonValue typeValue = resource.toObject().value("type"_L1);
    if (!resource.isObject() || !otherId || !typeValue.isString())
        return invalidInput(u"expected {\"resource\":{\"id\":<integer>,\"type\":\"<type>\"}}"_s);
    const auto otherType = copperEntityFromTypeName(typeValue.toString());
    if (!otherType)
        return invalidInput(u"unknown resource type %1"_s.arg(typeValue.toString()));

    const CopperRef other{*otherType, *otherId};
    if (!CopperWorld::canRelate(ref.type, other.type))
        return copperError(422, notAllowedMessage(ref.type, other.type));
    if (!m_world.contains(other))
        return resourceNotFound();

    if (!add) {
        const bool removed = m_world.unrelate(ref, other);
        if (removed)
            m_state.reset();
        return SandboxResponse::json(
            200, QJsonObject{{"removed"_L1, removed}, {"resource"_L1, refJson(other)}});
    }
    switch (m_world.relate(ref, other)) {
    case CopperWorld::RelateResult::Added:
        m_state.reset();
        [[fallthrough]];
    case CopperWorld::RelateResult::AlreadyRelated:
        return SandboxResponse::json(
            200, QJsonObject{{"added"_L1, true}, {"resource"_L1, refJson(other)}});
    case CopperWorld::RelateResult::LimitReached:
        return copperError(422,
                           ref.type == Task || other.type == Task
                               ? u"A task can be related to only one record"_s
                               : u"A person can be related to only one company"_s);
    case CopperWorld::RelateResult::NotAllowed:
        return copperError(422, notAllowedMessage(ref.type, other.type));
    case CopperWorld::RelateResult::UnknownRecord:
        break;
    }
    return resourceNotFound();
}

SandboxResponse CopperSandbox::fieldDefinitions(const QStringList &path) const
{
    const std::map<qint64, QJsonObject> &all = m_world.fieldDefinitions();
    if (path.size() == 2) {
        const auto id = parseId(path.at(1));
        const auto it = id ? all.find(*id) : all.end();
        return it == all.end() ? resourceNotFound() : SandboxResponse::json(200, it->second);
    }
    QJsonArray result;
    for (const auto &[id, definition] : all)
        result.append(definition);
    return SandboxResponse::json(200, result);
}

QJsonObject CopperSandbox::linkJson(const CopperLink &link) const
{
    const auto end = [this](CopperLinkEnd e) {
        return QJsonObject{{"id"_L1, e.id},
                           {"entity_type"_L1, copperLinkTypeName(e.type)},
                           {"name"_L1, m_world.name(e)}};
    };
    return {{"id"_L1, link.id},
            {"custom_field_definition_id"_L1, link.definitionId},
            {"source"_L1, end(link.source)},
            {"target"_L1, end(link.target)}};
}

SandboxResponse CopperSandbox::listLinks(const QUrlQuery &query) const
{
    const auto value
        = [&query](const QString &key) { return query.queryItemValue(key, QUrl::FullyDecoded); };
    const QString sourceType = value(u"source_type"_s);
    const auto sourceId = parseId(value(u"source_id"_s));
    if (sourceType.isEmpty() || !sourceId)
        return invalidInput(u"source_type and a numeric source_id are required"_s);
    const auto source = linkEnd(sourceType, double(*sourceId));
    if (!source)
        return invalidInput(u"unsupported source_type %1"_s.arg(sourceType));

    std::optional<qint64> definitionId;
    if (query.hasQueryItem(u"custom_field_definition_id"_s)) {
        const QString text = value(u"custom_field_definition_id"_s);
        definitionId = parseId(text);
        const auto definition = m_world.fieldDefinitions().find(definitionId.value_or(0));
        if (definition == m_world.fieldDefinitions().end())
            return invalidInput(u"unknown custom_field_definition_id %1"_s.arg(text));
        if (definition->second.value("data_type"_L1).toString() != "Connect"_L1)
            return invalidInput(u"custom field definition %1 is not a Connect field"_s.arg(text));
    }
    if (!m_world.contains(*source))
        return resourceNotFound();

    QList<CopperLink> links = m_world.links(*source, definitionId);
    for (const auto &[id, kept] : m_keptMirrors) {
        if (kept.source == *source && (!definitionId || kept.definitionId == *definitionId))
            links.append(kept);
    }
    std::ranges::sort(links, {}, &CopperLink::id);
    QJsonArray result;
    for (const CopperLink &link : std::as_const(links))
        result.append(linkJson(link));
    return SandboxResponse::json(200, result);
}

SandboxResponse CopperSandbox::createLink(const SandboxRequest &request)
{
    QJsonObject body;
    if (auto refused = parseBody(request.body, &body))
        return *refused;
    const auto definitionId = copperInteger(body.value("custom_field_definition_id"_L1));
    if (!definitionId)
        return invalidInput(u"custom_field_definition_id must be an integer"_s);
    std::optional<CopperLinkEnd> ends[2];
    for (int i = 0; i < 2; ++i) {
        const QLatin1StringView key = i == 0 ? "source"_L1 : "target"_L1;
        const QJsonValue end = body.value(key);
        ends[i] = linkEnd(end["entity_type"_L1], end["id"_L1]);
        if (!end.isObject() || !ends[i])
            return invalidInput(u"%1 %2"_s.arg(key, LinkEndShape));
    }

    const bool keptPair = std::ranges::any_of(m_keptMirrors, [&](const auto &entry) {
        const CopperLink &kept = entry.second;
        return kept.definitionId == *definitionId
            && ((kept.source == *ends[0] && kept.target == *ends[1])
                || (kept.source == *ends[1] && kept.target == *ends[0]));
    });
    if (keptPair)
        return invalidInput(u"these records are already connected by this field"_s);

    CopperLink created;
    const QString definition = QString::number(*definitionId);
    using enum CopperWorld::ConnectResult;
    switch (m_world.connect(*definitionId, *ends[0], *ends[1], &created)) {
    case Added:
        m_state.reset();
        return SandboxResponse::json(200, linkJson(created));
    case UnknownDefinition:
        return invalidInput(u"unknown custom_field_definition_id %1"_s.arg(definition));
    case NotConnectField:
        return invalidInput(u"custom field definition %1 is not a Connect field"_s.arg(definition));
    case WrongSourceType:
        return invalidInput(u"custom field definition %1 is not available on %2"_s.arg(
            definition, copperLinkTypeName(ends[0]->type)));
    case WrongTargetType:
        return invalidInput(u"custom field definition %1 does not connect to %2"_s.arg(
            definition, copperLinkTypeName(ends[1]->type)));
    case UnknownRecord:
        return resourceNotFound();
    case SameRecord:
        return invalidInput(u"a record cannot be connected to itself"_s);
    case Duplicate:
        return invalidInput(u"these records are already connected by this field"_s);
    }
    return resourceNotFound();
}

SandboxResponse CopperSandbox::deleteLink(const QString &id)
{
    const qint64 linkId = parseId(id).value_or(0);
    if (m_keptMirrors.erase(linkId) > 0) {
        return SandboxResponse::json(
            200, QJsonObject{{"ids"_L1, QJsonArray{linkId}}, {"is_deleted"_L1, true}});
    }
    const CopperLink *found = m_world.link(linkId);
    const CopperLink *mirror = found ? m_world.link(found->mirrorId) : nullptr;
    if (m_deleteKeepsMirror && mirror)
        m_keptMirrors[mirror->id] = *mirror;
    const QList<qint64> removed = m_world.disconnect(linkId);
    if (removed.isEmpty())
        return resourceNotFound();
    m_state.reset();
    return SandboxResponse::json(
        200,
        QJsonObject{{"ids"_L1, QJsonArray{removed.first(), removed.last()}},
                    {"is_deleted"_L1, true}});
}

SandboxResponse CopperSandbox::vendorError(int status, const QString &message) const
{
    return copperError(status, message);
}

QJsonObject CopperSandbox::saveState() const
{
    if (!m_state)
        m_state = m_world.toJson();
    return *m_state;
}

bool CopperSandbox::restoreState(const QJsonObject &state, QString *error)
{
    QString problem;
    std::optional<CopperWorld> world = CopperWorld::fromJson(state, &problem);
    if (!world) {
        if (error)
            *error = u"Copper: "_s + problem;
        return false;
    }
    m_world = std::move(*world);
    m_keptMirrors.clear();
    m_state.reset();
    return true;
}
