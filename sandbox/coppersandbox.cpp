#include "sandbox/coppersandbox.h"

#include "sandbox/copperdemo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <cmath>

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

std::optional<qint64> toInteger(const QJsonValue &value)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number
        || std::abs(number) > 9e15) {
        return std::nullopt;
    }
    return value.toInteger();
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
        const auto value = toInteger(number);
        if (!value || *value < 1)
            return invalidInput(u"page_number must be an integer of at least 1"_s);
        page->number = *value;
    }
    if (!size.isUndefined() && !size.isNull()) {
        const auto value = toInteger(size);
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

} // namespace

CopperSandbox::CopperSandbox(QByteArray apiKey, QByteArray userEmail, quint32 seed)
    : m_apiKey(std::move(apiKey))
    , m_userEmail(std::move(userEmail))
{
    populateCopperDemo(m_world, seed, QString::fromUtf8(m_userEmail));
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
            const auto id = toInteger(value);
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
    const auto otherId = toInteger(resource.toObject().value("id"_L1));
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
        return SandboxResponse::json(
            200, QJsonObject{{"removed"_L1, removed}, {"resource"_L1, refJson(other)}});
    }
    switch (m_world.relate(ref, other)) {
    case CopperWorld::RelateResult::Added:
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

SandboxResponse CopperSandbox::vendorError(int status, const QString &message) const
{
    return copperError(status, message);
}

QJsonObject CopperSandbox::saveState() const
{
    return {}; // TODO(issue 3): the world as JSON
}

bool CopperSandbox::restoreState(const QJsonObject &state, QString *error)
{
    Q_UNUSED(state)
    *error = u"Copper state files are not supported yet"_s;
    return false;
}
