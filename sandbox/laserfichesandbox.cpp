#include "sandbox/laserfichesandbox.h"

#include "sandbox/laserfichedemo.h"
#include "sandbox/sandboxclock.h"
#include "sandbox/sandboxserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

using namespace Qt::StringLiterals;

namespace {

using enum LaserficheEntryType;

constexpr auto Account = "northwind-analytics"_L1; ///< the one account: the rate-limit subject
constexpr auto VolumeName = "NORTHWIND-VOL0"_L1;

/// Properties a client may $select or $orderby, per type.
const QStringList EntryProperties = {
    u"id"_s,           u"name"_s,
    u"parentId"_s,     u"fullPath"_s,
    u"folderPath"_s,   u"creator"_s,
    u"creationTime"_s, u"lastModifiedTime"_s,
    u"entryType"_s,    u"isContainer"_s,
    u"isLeaf"_s,       u"templateName"_s,
    u"templateId"_s,   u"templateFieldNames"_s,
    u"volumeName"_s,   u"rowNumber"_s,
    u"fields"_s,
};
const QStringList EntrySubtypeProperties = {
    u"electronicDocumentSize"_s,
    u"extension"_s,
    u"isElectronicDocument"_s,
    u"isRecord"_s,
    u"mimeType"_s,
    u"pageCount"_s,
    u"isCheckedOut"_s,
    u"isUnderVersionControl"_s,
    u"isRecordFolder"_s,
    u"isUnderRecordSeries"_s,
    u"targetId"_s,
    u"targetType"_s,
};
const QStringList LinkProperties = {
    u"id"_s,
    u"description"_s,
    u"sourceId"_s,
    u"sourceFullPath"_s,
    u"sourceLabel"_s,
    u"sourceLink"_s,
    u"targetId"_s,
    u"targetFullPath"_s,
    u"targetLabel"_s,
    u"targetLink"_s,
    u"linkDefinitionId"_s,
    u"linkDefinitionDescription"_s,
    u"customProperties"_s,
};
const QStringList LinkDefinitionProperties
    = {u"id"_s, u"sourceLabel"_s, u"targetLabel"_s, u"description"_s};

/// The field definitions behind the demo templates: name -> (id, fieldType).
struct FieldDefinition
{
    QStringView name;
    int id;
    QLatin1StringView type;
};
constexpr FieldDefinition FieldDefinitions[] = {
    {u"Customer", 1, "String"_L1},       {u"Contract Number", 2, "String"_L1},
    {u"Effective Date", 3, "Date"_L1},   {u"Contract Value", 4, "Number"_L1},
    {u"Invoice Number", 5, "String"_L1}, {u"Invoice Date", 6, "Date"_L1},
    {u"Amount", 7, "Number"_L1},         {u"Currency", 8, "List"_L1},
    {u"From", 9, "String"_L1},           {u"Subject", 10, "String"_L1},
};

/// The title of a status, as ASP.NET Core's ProblemDetails gives it, and its RFC section.
struct StatusInfo
{
    int status;
    QLatin1StringView title;
    QLatin1StringView type;
};
constexpr StatusInfo Statuses[] = {
    {400, "Bad Request"_L1, "https://tools.ietf.org/html/rfc7231#section-6.5.1"_L1},
    {401, "Unauthorized"_L1, "https://tools.ietf.org/html/rfc7235#section-3.1"_L1},
    {403, "Forbidden"_L1, "https://tools.ietf.org/html/rfc7231#section-6.5.3"_L1},
    {404, "Not Found"_L1, "https://tools.ietf.org/html/rfc7231#section-6.5.4"_L1},
    {405, "Method Not Allowed"_L1, "https://tools.ietf.org/html/rfc7231#section-6.5.5"_L1},
    {413, "Payload Too Large"_L1, "https://tools.ietf.org/html/rfc7231#section-6.5.11"_L1},
    {415, "Unsupported Media Type"_L1, "https://tools.ietf.org/html/rfc7231#section-6.5.13"_L1},
    {423, "Locked"_L1, "https://tools.ietf.org/html/rfc4918#section-11.3"_L1},
    {429, "Too Many Requests"_L1, "https://tools.ietf.org/html/rfc6585#section-4"_L1},
    {500, "Internal Server Error"_L1, "https://tools.ietf.org/html/rfc7231#section-6.6.1"_L1},
    {503, "Service Unavailable"_L1, "https://tools.ietf.org/html/rfc7231#section-6.6.4"_L1},
};

const StatusInfo *statusInfo(int status)
{
    const auto it = std::ranges::find(Statuses, status, &StatusInfo::status);
    return it == std::end(Statuses) ? nullptr : it;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool segmentIs(const QString &segment, QLatin1StringView name)
{
    return segment.compare(name, Qt::CaseInsensitive) == 0;
}

/// A whole number in [min, max] from text, or std::nullopt.
std::optional<qint64> parseInteger(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok && value >= min && value <= max ? std::optional(value) : std::nullopt;
}

/// A JSON number that is a whole int32, or std::nullopt.
std::optional<qint32> jsonInt32(const QJsonValue &value)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::trunc(number) != number || number < -2147483648.0
        || number > 2147483647.0) {
        return std::nullopt;
    }
    return qint32(value.toInteger());
}

/// Orders JSON scalars: null/missing first, then booleans, numbers, strings (case-insensitive).
int compareJson(const QJsonValue &a, const QJsonValue &b)
{
    const auto rank = [](const QJsonValue &v) {
        return v.isBool() ? 1 : v.isDouble() ? 2 : v.isString() ? 3 : 0;
    };
    if (rank(a) != rank(b))
        return rank(a) - rank(b);
    if (a.isBool())
        return int(a.toBool()) - int(b.toBool());
    if (a.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
    if (a.isString())
        return a.toString().compare(b.toString(), Qt::CaseInsensitive);
    return 0;
}

QJsonObject project(const QJsonObject &item, const QStringList &select)
{
    if (select.isEmpty())
        return item;
    QJsonObject result;
    for (auto it = item.constBegin(); it != item.constEnd(); ++it) {
        if (it.key().startsWith(u'@') || select.contains(it.key()))
            result.insert(it.key(), it.value());
    }
    return result;
}

/// A Host header as RFC 7230 allows it (name or IPv4 or [IPv6], optional port), or empty.
QString validHost(const QByteArray &host)
{
    static const QRegularExpression pattern(
        u"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?$"_s);
    const QString text = QString::fromLatin1(host);
    return pattern.match(text).hasMatch() ? text : QString();
}

} // namespace

/// What every handler of one Repository API call needs.
struct LaserficheSandbox::Call
{
    const SandboxRequest &request;
    QString origin; ///< http://host:port
    QString instance; ///< the request's path, for ProblemDetails
    QStringList scopes;

    QString apiBase() const { return origin + u"/laserfiche/repository"_s; }
    QString entryUrl(qint32 id) const
    {
        return apiBase()
            + u"/v2/Repositories/%1/Entries/%2"_s.arg(QLatin1StringView(RepositoryId)).arg(id);
    }
    QString context(QLatin1StringView fragment) const
    {
        return apiBase() + u"/v2/$metadata#"_s + fragment;
    }
};

/// Parsed OData query options.
struct LaserficheSandbox::Query
{
    QStringList select;
    QList<std::pair<QString, bool>> orderBy; ///< property, descending
    qint64 top = -1;
    qint64 skip = 0;
    qint64 skipToken = 0;
    bool count = false;
};

namespace {

enum class Options { None, Select, Collection };

/// Parses the system query options `allowed` for items with `properties`; a refusal otherwise.
std::optional<QString> parseQuery(const QUrlQuery &urlQuery, Options allowed,
                                  const QStringList &properties, auto *query)
{
    const auto checkProperty = [&](const QString &name) -> std::optional<QString> {
        if (properties.contains(name))
            return std::nullopt;
        return u"Could not find a property named '%1' on type 'Laserfiche.Repository'."_s.arg(name);
    };
    const QList<QPair<QString, QString>> items = urlQuery.queryItems(QUrl::FullyDecoded);
    QSet<QString> seen;
    for (const auto &[name, encodedValue] : items) {
        if (!name.startsWith(u'$'))
            continue;
        // '+' is a space in a query (as ASP.NET reads it): "$orderby=name+desc".
        const QString value = QString(encodedValue).replace(u'+', u' ');
        const QString option = name.mid(1).toLower();
        if (seen.contains(option))
            return u"Query option '%1' was specified more than once, but it must be specified at most once."_s
                .arg(name);
        seen.insert(option);
        const bool collection = allowed == Options::Collection;
        if (option == "select"_L1 && allowed != Options::None) {
            for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
                const QString property = part.trimmed();
                if (property == "*"_L1) {
                    query->select.clear();
                    break;
                }
                if (auto refused = checkProperty(property))
                    return refused;
                query->select.append(property);
            }
        } else if (option == "orderby"_L1 && collection) {
            const QStringList parts = value.split(u',', Qt::SkipEmptyParts);
            if (parts.size() > 5)
                return u"The number of clauses in $orderby query option exceeded the maximum number 5 allowed."_s;
            for (const QString &part : parts) {
                const QStringList words = part.simplified().split(u' ');
                const bool descending = words.size() == 2 && words.at(1) == "desc"_L1;
                if (words.size() > 2
                    || (words.size() == 2 && !descending && words.at(1) != "asc"_L1))
                    return u"Syntax error in $orderby: '%1'."_s.arg(part);
                if (auto refused = checkProperty(words.first()))
                    return refused;
                query->orderBy.append({words.first(), descending});
            }
        } else if ((option == "top"_L1 || option == "skip"_L1 || option == "skiptoken"_L1)
                   && collection) {
            const auto number = parseInteger(value, 0, std::numeric_limits<qint32>::max());
            if (!number)
                return u"Invalid value '%1' for %2 query option found. The %2 query option requires a non-negative integer value."_s
                    .arg(value, name);
            (option == "top"_L1        ? query->top
                 : option == "skip"_L1 ? query->skip
                                       : query->skipToken)
                = *number;
        } else if (option == "count"_L1 && collection) {
            if (value != "true"_L1 && value != "false"_L1)
                return u"'%1' is not a valid count option."_s.arg(value);
            query->count = value == "true"_L1;
        } else {
            return u"Query option '%1' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings."_s
                .arg(name.mid(1));
        }
    }
    return std::nullopt;
}

/// The page size a Prefer header asks for: (preference name as sent, size), or std::nullopt.
std::optional<std::pair<QString, int>> preferredPageSize(const QByteArray &prefer)
{
    for (const QByteArray &part : prefer.split(',')) {
        const qsizetype equals = part.indexOf('=');
        if (equals < 0)
            continue;
        const QString name = QString::fromLatin1(part.left(equals).trimmed());
        QByteArray value = part.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        if (name.compare("odata.maxpagesize"_L1, Qt::CaseInsensitive) != 0
            && name.compare("maxpagesize"_L1, Qt::CaseInsensitive) != 0) {
            continue;
        }
        const auto size
            = parseInteger(QString::fromLatin1(value), 1, std::numeric_limits<qint32>::max());
        if (size)
            return std::pair{name, int(std::min<qint64>(*size, LaserficheSandbox::MaxPageSize))};
    }
    return std::nullopt;
}

} // namespace

LaserficheSandbox::LaserficheSandbox(const SandboxClock &clock, quint32 seed, int scale)
    : m_clock(clock)
    , m_seed(seed)
    , m_oauth(clock, QString::fromLatin1(SandboxServer::LaserficheClientId), seed)
    , m_limiter(RateLimitPerMinute, 60'000)
{
    populateLaserficheDemo(m_world, seed, scale);
}

LaserficheSandbox::~LaserficheSandbox() = default;

QString LaserficheSandbox::issueAccessTokenForTesting(const QStringList &scopes)
{
    return m_oauth.issue(scopes).accessToken;
}

SandboxResponse LaserficheSandbox::handle(const SandboxRequest &request)
{
    const QStringList &path = request.path;
    if (path.size() == 3 && path.at(0) == "signin"_L1 && segmentIs(path.at(1), "oauth"_L1))
        return m_oauth.handle(request, path.at(2));
    if (path.size() >= 2 && path.at(0) == "repository"_L1 && segmentIs(path.at(1), "v2"_L1))
        return repositoryApi(request);
    return problem(404, u"Not Found"_s, u"No Laserfiche API at this path."_s,
                   u"/laserfiche/"_s + path.join(u'/'));
}

SandboxResponse LaserficheSandbox::problem(int status, const QString &title, const QString &detail,
                                           const QString &instance) const
{
    const StatusInfo *info = statusInfo(status);
    // A request's answer gets a trace id of its own; vendorError()'s depends on its arguments
    // only, so that one injected fault always reads the same.
    const QByteArray material = instance.isEmpty()
        ? QByteArray("lf-fault/"_ba + QByteArray::number(status) + '/' + detail.toUtf8())
        : QByteArray("lf-trace/"_ba + QByteArray::number(m_seed) + '/'
                     + QByteArray::number(++m_problemCount));
    const QByteArray hash = QCryptographicHash::hash(material, QCryptographicHash::Sha512).toHex();
    const QByteArray traceId = "00-"_ba + hash.mid(32, 32) + '-' + hash.mid(64, 16) + "-00"_ba;
    QJsonObject body{
        {"type"_L1, info ? QJsonValue(info->type) : QJsonValue(QJsonValue::Null)},
        {"title"_L1, title},
        {"status"_L1, status},
        {"detail"_L1, detail},
        {"operationId"_L1, QString::fromLatin1(hash.left(32))},
        {"errorSource"_L1, "Api"_L1},
        {"errorCode"_L1, 0},
        {"traceId"_L1, QString::fromLatin1(traceId)},
    };
    if (!instance.isEmpty())
        body.insert("instance"_L1, instance);
    SandboxResponse response = SandboxResponse::json(status, body);
    response.headers = {{"Content-Type"_ba, "application/problem+json; charset=utf-8"_ba}};
    return response;
}

SandboxResponse LaserficheSandbox::vendorError(int status, const QString &message) const
{
    const StatusInfo *info = statusInfo(status);
    return problem(status, info ? QString(info->title) : u"Error"_s, message);
}

SandboxResponse LaserficheSandbox::repositoryApi(const SandboxRequest &request)
{
    const QString instance = u"/laserfiche/"_s + request.path.join(u'/');
    const QByteArray hostHeader = request.header("Host");
    const QString host = hostHeader.isNull() ? u"127.0.0.1"_s : validHost(hostHeader);
    if (host.isEmpty())
        return problem(400, u"Bad Request"_s, u"Invalid Host header."_s, instance);

    const QByteArray authorization = request.header("Authorization");
    const bool bearer = authorization.size() > 7
        && authorization.first(7).compare("Bearer ", Qt::CaseInsensitive) == 0;
    const auto scopes = bearer
        ? m_oauth.accessTokenScopes(QString::fromLatin1(authorization.mid(7).trimmed()))
        : std::nullopt;
    if (!scopes) {
        return problem(401, u"Access token is invalid or expired."_s,
                       bearer ? u"The access token is unknown, revoked or expired."_s
                              : u"An Authorization: Bearer <access token> header is required."_s,
                       instance)
            .withHeader("WWW-Authenticate"_ba,
                        bearer ? "Bearer error=\"invalid_token\", error_description=\"The access "
                                 "token is invalid or expired\""_ba
                               : "Bearer"_ba);
    }

    const RateLimiter::Decision decision = m_limiter.take(Account, m_clock.nowMs());
    if (!decision.allowed) {
        return problem(429, u"Rate limit is reached."_s,
                       u"At most %1 calls a minute are allowed; try again in %2 seconds."_s
                           .arg(decision.limit)
                           .arg(decision.retryAfterSeconds),
                       instance)
            .withHeader("Retry-After"_ba, QByteArray::number(decision.retryAfterSeconds));
    }

    Call call{request, u"http://"_s + host, instance, *scopes};
    return route(call, request.path.mid(2));
}

SandboxResponse LaserficheSandbox::route(Call &call, const QStringList &path)
{
    const QByteArray &method = call.request.method;
    // The served routes: how many segments, what each literal one is, which methods.
    struct Route
    {
        QList<QLatin1StringView> pattern; // empty: a parameter
        bool put;
    };
    static const Route Routes[] = {
        {{"Repositories"_L1}, false},
        {{"Repositories"_L1, {}, "LinkDefinitions"_L1}, false},
        {{"Repositories"_L1, {}, "LinkDefinitions"_L1, {}}, false},
        {{"Repositories"_L1, {}, "Entries"_L1, {}}, false},
        {{"Repositories"_L1, {}, "Entries"_L1, {}, "Folder"_L1, "Children"_L1}, false},
        {{"Repositories"_L1, {}, "Entries"_L1, {}, "Links"_L1}, true},
    };
    const auto matched = std::ranges::find_if(Routes, [&path](const Route &r) {
        if (r.pattern.size() != path.size())
            return false;
        for (qsizetype i = 0; i < path.size(); ++i) {
            if (!r.pattern.at(i).isEmpty() && !segmentIs(path.at(i), r.pattern.at(i)))
                return false;
        }
        return true;
    });
    if (matched == std::end(Routes))
        return problem(404, u"Not Found"_s, u"No such operation."_s, call.instance);
    if (method != "GET" && !(matched->put && method == "PUT")) {
        return problem(405, u"Method Not Allowed"_s,
                       u"%1 is not allowed here."_s.arg(QString::fromLatin1(method)), call.instance)
            .withHeader("Allow"_ba, matched->put ? "GET, PUT"_ba : "GET"_ba);
    }
    const QLatin1StringView scope(method == "PUT" ? LaserficheOAuth::WriteScope
                                                  : LaserficheOAuth::ReadScope);
    if (!call.scopes.contains(scope)) {
        return problem(403, u"Access denied for the operation."_s,
                       u"The access token lacks the %1 scope."_s.arg(scope), call.instance);
    }
    if (path.size() == 1)
        return listRepositories(call);
    if (path.at(1) != QLatin1StringView(RepositoryId)) {
        return problem(404, u"Repository not found."_s,
                       u"No repository with id %1."_s.arg(path.at(1)), call.instance);
    }
    if (segmentIs(path.at(2), "LinkDefinitions"_L1)) {
        return path.size() == 3 ? listLinkDefinitions(call) : getLinkDefinition(call, path.at(3));
    }
    const auto id = parseInteger(path.at(3), std::numeric_limits<qint32>::min(),
                                 std::numeric_limits<qint32>::max());
    if (!id) {
        return problem(400, u"Bad Request"_s,
                       u"The value '%1' is not valid for entryId."_s.arg(path.at(3)),
                       call.instance);
    }
    const LaserficheEntry *entry = m_world.entry(qint32(*id));
    if (!entry) {
        return problem(404, u"Entry not found."_s, u"No entry with id %1."_s.arg(*id),
                       call.instance);
    }
    if (path.size() == 4)
        return getEntry(call, *entry);
    if (path.size() == 6)
        return listChildren(call, *entry);
    return method == "PUT" ? setLinks(call, *entry) : listLinks(call, *entry);
}

SandboxResponse LaserficheSandbox::listRepositories(const Call &call) const
{
    const QJsonObject repository{
        {"id"_L1, QLatin1StringView(RepositoryId)},
        {"name"_L1, QLatin1StringView(RepositoryName)},
        {"webClientUrl"_L1,
         QString(call.origin + u"/laserfiche/app/laserfiche/?repo="_s
                 + QLatin1StringView(RepositoryId))},
    };
    return SandboxResponse::json(
        200,
        QJsonObject{{"@odata.context"_L1,
                     call.context("Collection(Laserfiche.Repository.RepositoryInfo)"_L1)},
                    {"value"_L1, QJsonArray{repository}}});
}

SandboxResponse LaserficheSandbox::collection(const Call &call, QList<QJsonObject> items,
                                              const Query &query, int defaultPageSize,
                                              QLatin1StringView type) const
{
    if (!query.orderBy.isEmpty()) {
        std::ranges::stable_sort(items, [&query](const QJsonObject &a, const QJsonObject &b) {
            for (const auto &[property, descending] : query.orderBy) {
                const int order = compareJson(a.value(property), b.value(property));
                if (order != 0)
                    return descending ? order > 0 : order < 0;
            }
            return false;
        });
    }
    const qint64 total = items.size();
    const qint64 windowStart = std::min(query.skip, total);
    const qint64 windowEnd = query.top < 0 ? total : std::min(total, windowStart + query.top);
    const auto preferred = preferredPageSize(call.request.header("Prefer"));
    const qint64 pageSize = preferred ? preferred->second : defaultPageSize;
    const qint64 first = std::min(windowStart + query.skipToken, windowEnd);
    const qint64 end = std::min(first + pageSize, windowEnd);

    QJsonArray value;
    for (qint64 i = first; i < end; ++i)
        value.append(project(items.at(i), query.select));
    QJsonObject body{{"@odata.context"_L1, call.context(type)}};
    if (query.count)
        body.insert("@odata.count"_L1, total);
    body.insert("value"_L1, value);
    if (end < windowEnd) {
        QUrlQuery next = call.request.query;
        next.removeAllQueryItems(u"$skiptoken"_s);
        next.addQueryItem(u"$skiptoken"_s, QString::number(end - windowStart));
        QUrl url(call.origin + call.instance);
        url.setQuery(next);
        body.insert("@odata.nextLink"_L1, QString::fromLatin1(url.toEncoded()));
    }
    SandboxResponse response = SandboxResponse::json(200, body);
    if (preferred) {
        response.withHeader("Preference-Applied"_ba,
                            preferred->first.toLatin1() + '=' + QByteArray::number(pageSize));
    }
    return response;
}

SandboxResponse LaserficheSandbox::listLinkDefinitions(const Call &call) const
{
    Query query;
    if (auto refused
        = parseQuery(call.request.query, Options::Collection, LinkDefinitionProperties, &query)) {
        return problem(400, u"Bad Request"_s, *refused, call.instance);
    }
    QList<QJsonObject> items;
    for (const auto &[id, d] : m_world.linkDefinitions()) {
        items.append({{"id"_L1, id},
                      {"sourceLabel"_L1, d.sourceLabel},
                      {"targetLabel"_L1, d.targetLabel},
                      {"description"_L1, d.description}});
    }
    return collection(call, items, query, DefaultDefinitionsPageSize,
                      "Collection(Laserfiche.Repository.LinkDefinition)"_L1);
}

SandboxResponse LaserficheSandbox::getLinkDefinition(const Call &call, const QString &id) const
{
    Query query;
    if (auto refused
        = parseQuery(call.request.query, Options::Select, LinkDefinitionProperties, &query)) {
        return problem(400, u"Bad Request"_s, *refused, call.instance);
    }
    const auto number
        = parseInteger(id, std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max());
    if (!number) {
        return problem(400, u"Bad Request"_s,
                       u"The value '%1' is not valid for linkDefinitionId."_s.arg(id),
                       call.instance);
    }
    const LaserficheLinkDefinition *d = m_world.linkDefinition(qint32(*number));
    if (!d) {
        return problem(404, u"Link definition not found."_s,
                       u"No link definition with id %1."_s.arg(*number), call.instance);
    }
    return SandboxResponse::json(
        200,
        project({{"@odata.context"_L1, call.context("Laserfiche.Repository.LinkDefinition"_L1)},
                 {"id"_L1, d->id},
                 {"sourceLabel"_L1, d->sourceLabel},
                 {"targetLabel"_L1, d->targetLabel},
                 {"description"_L1, d->description}},
                query.select));
}

QJsonObject LaserficheSandbox::entryJson(const LaserficheEntry &e, bool subtype) const
{
    QJsonObject json{
        {"id"_L1, e.id},
        {"name"_L1, e.name},
        {"fullPath"_L1, m_world.fullPath(e.id)},
        {"creator"_L1, e.creator},
        {"creationTime"_L1, isoTime(e.createdMs)},
        {"lastModifiedTime"_L1, isoTime(e.modifiedMs)},
        {"entryType"_L1, laserficheEntryTypeName(e.type)},
        {"isContainer"_L1, e.type == Folder || e.type == RecordSeries},
        {"isLeaf"_L1, e.type == Document || e.type == Shortcut},
        {"templateId"_L1, e.templateId},
        {"volumeName"_L1, VolumeName},
    };
    if (e.parentId != 0) {
        json.insert("parentId"_L1, e.parentId);
        json.insert("folderPath"_L1, m_world.folderPath(e.id));
    }
    if (const LaserficheTemplate *t = m_world.entryTemplate(e.templateId)) {
        json.insert("templateName"_L1, t->name);
        json.insert("templateFieldNames"_L1, QJsonArray::fromStringList(t->fieldNames));
    }
    if (!subtype)
        return json;
    json.insert("@odata.type"_L1,
                u"#Laserfiche.Repository.%1"_s.arg(laserficheEntryTypeName(e.type)));
    switch (e.type) {
    case Document:
        json.insert("electronicDocumentSize"_L1, e.size);
        json.insert("extension"_L1, e.extension);
        json.insert("isElectronicDocument"_L1, !e.extension.isEmpty());
        json.insert("isRecord"_L1, e.isRecord);
        json.insert("mimeType"_L1, e.mimeType);
        json.insert("pageCount"_L1, e.pageCount);
        json.insert("isCheckedOut"_L1, e.isCheckedOut);
        json.insert("isUnderVersionControl"_L1, false);
        break;
    case Folder:
    case RecordSeries:
        json.insert("isRecordFolder"_L1, false);
        json.insert("isUnderRecordSeries"_L1, false);
        break;
    case Shortcut:
        json.insert("targetId"_L1, e.targetId);
        json.insert("extension"_L1, e.extension);
        if (const LaserficheEntry *target = m_world.entry(e.targetId))
            json.insert("targetType"_L1, laserficheEntryTypeName(target->type));
        break;
    }
    return json;
}

SandboxResponse LaserficheSandbox::getEntry(const Call &call, const LaserficheEntry &entry) const
{
    Query query;
    if (auto refused = parseQuery(call.request.query, Options::Select,
                                  EntryProperties + EntrySubtypeProperties, &query)) {
        return problem(400, u"Bad Request"_s, *refused, call.instance);
    }
    QJsonObject json = entryJson(entry, true);
    json.insert("@odata.context"_L1, call.context("Laserfiche.Repository.Entry"_L1));
    return SandboxResponse::json(200, project(json, query.select));
}

SandboxResponse LaserficheSandbox::listChildren(const Call &call,
                                                const LaserficheEntry &folder) const
{
    Query query;
    if (auto refused
        = parseQuery(call.request.query, Options::Collection, EntryProperties, &query)) {
        return problem(400, u"Bad Request"_s, *refused, call.instance);
    }
    const QString group = call.request.query.queryItemValue(u"groupByEntryType"_s);
    if (!group.isEmpty() && group.compare("true"_L1, Qt::CaseInsensitive) != 0
        && group.compare("false"_L1, Qt::CaseInsensitive) != 0) {
        return problem(400, u"Bad Request"_s,
                       u"The value '%1' is not valid for groupByEntryType."_s.arg(group),
                       call.instance);
    }
    QStringList fieldNames;
    for (const QString &value :
         call.request.query.allQueryItemValues(u"fields"_s, QUrl::FullyDecoded)) {
        for (const QString &name : value.split(u',', Qt::SkipEmptyParts))
            fieldNames.append(name.trimmed());
    }
    if (fieldNames.size() > MaxFieldNames) {
        return problem(400, u"Bad Request"_s,
                       u"At most %1 field names may be requested."_s.arg(MaxFieldNames),
                       call.instance);
    }
    if (folder.type != Folder && folder.type != RecordSeries) {
        return problem(400, u"Entry is not a folder."_s,
                       u"Entry %1 is a %2; only folders have children."_s.arg(folder.id).arg(
                           laserficheEntryTypeName(folder.type)),
                       call.instance);
    }

    QList<const LaserficheEntry *> children = m_world.children(folder.id);
    std::ranges::stable_sort(children, [](const LaserficheEntry *a, const LaserficheEntry *b) {
        const int order = a->name.compare(b->name, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a->id < b->id;
    });
    if (group.compare("true"_L1, Qt::CaseInsensitive) == 0)
        std::ranges::stable_sort(children, {}, [](const LaserficheEntry *e) { return e->type; });

    QList<QJsonObject> items;
    items.reserve(children.size());
    for (const LaserficheEntry *child : children) {
        QJsonObject json = entryJson(*child, false);
        if (!fieldNames.isEmpty()) {
            QJsonArray fields;
            for (const LaserficheFieldValue &field : child->fields) {
                if (!fieldNames.contains(field.name))
                    continue;
                const auto definition
                    = std::ranges::find(FieldDefinitions, field.name, &FieldDefinition::name);
                const bool known = definition != std::end(FieldDefinitions);
                fields.append(QJsonObject{
                    {"name"_L1, field.name},
                    {"fieldType"_L1, known ? definition->type : "String"_L1},
                    {"id"_L1, known ? definition->id : 0},
                    {"isMultiValue"_L1, false},
                    {"isRequired"_L1, false},
                    {"hasMoreValues"_L1, false},
                    {"values"_L1, QJsonArray{field.value}},
                });
            }
            json.insert("fields"_L1, fields);
        }
        items.append(json);
    }
    return collection(call, items, query, DefaultChildrenPageSize,
                      "Collection(Laserfiche.Repository.Entry)"_L1);
}

QJsonObject LaserficheSandbox::linkJson(const Call &call, const LaserficheLink &link) const
{
    const LaserficheLinkDefinition *d = m_world.linkDefinition(link.definitionId);
    QJsonObject properties;
    for (auto it = link.properties.cbegin(); it != link.properties.cend(); ++it)
        properties.insert(it.key(), it.value());
    return {
        {"id"_L1, link.id},
        {"sourceId"_L1, link.sourceId},
        {"sourceFullPath"_L1, m_world.fullPath(link.sourceId)},
        {"sourceLabel"_L1, d ? d->sourceLabel : QString()},
        {"targetId"_L1, link.targetId},
        {"targetFullPath"_L1, m_world.fullPath(link.targetId)},
        {"targetLabel"_L1, d ? d->targetLabel : QString()},
        {"linkDefinitionId"_L1, link.definitionId},
        {"linkDefinitionDescription"_L1, d ? d->description : QString()},
        {"sourceLink"_L1, call.entryUrl(link.sourceId)},
        {"targetLink"_L1, call.entryUrl(link.targetId)},
        {"customProperties"_L1, properties},
    };
}

SandboxResponse LaserficheSandbox::listLinks(const Call &call, const LaserficheEntry &entry) const
{
    Query query;
    if (auto refused
        = parseQuery(call.request.query, Options::Collection, LinkProperties, &query)) {
        return problem(400, u"Bad Request"_s, *refused, call.instance);
    }
    QList<QJsonObject> items;
    for (const LaserficheLink *link : m_world.linksOf(entry.id))
        items.append(linkJson(call, *link));
    return collection(call, items, query, DefaultLinksPageSize,
                      "Collection(Laserfiche.Repository.Link)"_L1);
}

SandboxResponse LaserficheSandbox::setLinks(const Call &call, const LaserficheEntry &entry)
{
    const auto validationProblem = [&](const QString &key, const QString &message) {
        SandboxResponse response
            = problem(400, u"One or more validation errors occurred."_s, message, call.instance);
        QJsonObject body = QJsonDocument::fromJson(response.body).object();
        body.insert("errors"_L1, QJsonObject{{key, QJsonArray{message}}});
        response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return response;
    };
    const QByteArray contentType = call.request.header("Content-Type").trimmed().toLower();
    if (!call.request.body.trimmed().isEmpty() && !contentType.startsWith("application/json")
        && !contentType.startsWith("text/json") && !contentType.contains("+json")) {
        return problem(415, u"Unsupported Media Type"_s,
                       u"The request body must be application/json."_s, call.instance);
    }
    if (call.request.body.trimmed().isEmpty())
        return validationProblem(QString(), u"A non-empty request body is required."_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return validationProblem(u"$"_s,
                                 u"The JSON value could not be converted: %1 at offset %2."_s
                                     .arg(parseError.errorString())
                                     .arg(parseError.offset));
    }
    if (!document.isObject())
        return validationProblem(u"$"_s, u"The request body must be a JSON object."_s);
    const QJsonValue linksValue = document.object().value("links"_L1);
    if (!linksValue.isUndefined() && !linksValue.isNull() && !linksValue.isArray())
        return validationProblem(u"$.links"_s, u"links must be an array."_s);
    const QJsonArray array = linksValue.toArray();
    if (array.size() > MaxLinksPerRequest) {
        return problem(413, u"Request is too large."_s,
                       u"At most %1 links can be assigned to an entry."_s.arg(MaxLinksPerRequest),
                       call.instance);
    }

    QList<LaserficheLinkSpec> links;
    std::set<std::tuple<qint32, qint32, bool>> keys;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = u"$.links[%1]"_s.arg(i);
        if (!array.at(i).isObject())
            return validationProblem(where, u"A link must be a JSON object."_s);
        const QJsonObject item = array.at(i).toObject();
        LaserficheLinkSpec spec;
        for (const auto &[name, target] : {std::pair{"linkDefinitionId"_L1, &spec.definitionId},
                                           std::pair{"otherEntryId"_L1, &spec.otherEntryId}}) {
            const QJsonValue value = item.value(name);
            if (value.isUndefined() || value.isNull())
                return validationProblem(where + u'.' + name,
                                         u"The %1 field is required."_s.arg(name));
            const auto number = jsonInt32(value);
            if (!number) {
                return validationProblem(
                    where + u'.' + name,
                    u"The JSON value could not be converted to System.Int32."_s);
            }
            *target = *number;
        }
        const QJsonValue isSource = item.value("isSource"_L1);
        if (!isSource.isUndefined() && !isSource.isBool()) {
            return validationProblem(where + u".isSource"_s,
                                     u"The JSON value could not be converted to System.Boolean."_s);
        }
        spec.isSource = isSource.toBool(true);
        const QJsonValue properties = item.value("customProperties"_L1);
        if (!properties.isUndefined() && !properties.isNull() && !properties.isObject()) {
            return validationProblem(where + u".customProperties"_s,
                                     u"customProperties must be an object of strings."_s);
        }
        const QJsonObject object = properties.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!it.value().isString() || it.key().trimmed().isEmpty()) {
                return validationProblem(
                    where + u".customProperties"_s,
                    u"Every custom property needs a non-empty key and a string value."_s);
            }
            spec.properties.insert(it.key(), it.value().toString());
        }
        if (spec.otherEntryId == entry.id)
            return validationProblem(where + u".otherEntryId"_s,
                                     u"An entry cannot be linked to itself."_s);
        if (!keys.insert({spec.definitionId, spec.otherEntryId, spec.isSource}).second) {
            return validationProblem(where, u"The same link is listed more than once."_s);
        }
        links.append(spec);
    }
    for (const LaserficheLinkSpec &spec : links) {
        if (!m_world.linkDefinition(spec.definitionId)) {
            return problem(404, u"Link definition not found."_s,
                           u"No link definition with id %1."_s.arg(spec.definitionId),
                           call.instance);
        }
        if (!m_world.entry(spec.otherEntryId)) {
            return problem(404, u"Entry not found."_s,
                           u"No entry with id %1."_s.arg(spec.otherEntryId), call.instance);
        }
    }
    QList<qint32> locked;
    if (entry.locked)
        locked.append(entry.id);
    for (qint32 other : m_world.entriesTouchedBySetLinks(entry.id, links)) {
        if (m_world.entry(other)->locked && !locked.contains(other))
            locked.append(other);
    }
    if (!locked.isEmpty()) {
        return problem(
            423, u"Entry is locked."_s,
            u"Entry %1 is locked (checked out or in use); its links cannot change."_s.arg(
                locked.first()),
            call.instance);
    }

    m_world.setLinks(entry.id, links);
    QJsonArray value;
    for (const LaserficheLink *link : m_world.linksOf(entry.id))
        value.append(linkJson(call, *link));
    return SandboxResponse::json(
        200,
        QJsonObject{
            {"@odata.context"_L1, call.context("Collection(Laserfiche.Repository.Link)"_L1)},
            {"value"_L1, value}});
}

QJsonObject LaserficheSandbox::saveState() const
{
    return {{"version"_L1, 1}, {"repository"_L1, m_world.toJson()}, {"oauth"_L1, m_oauth.toJson()}};
}

bool LaserficheSandbox::restoreState(const QJsonObject &state, QString *error)
{
    if (state.value("version"_L1).toInt() != 1) {
        *error = u"laserfiche: unknown state version"_s;
        return false;
    }
    LaserficheWorld world;
    if (!world.fromJson(state.value("repository"_L1).toObject(), error)
        || !m_oauth.fromJson(state.value("oauth"_L1).toObject(), error)) {
        return false; // each fromJson() changes nothing when it fails
    }
    m_world = std::move(world);
    m_limiter.reset();
    return true;
}
