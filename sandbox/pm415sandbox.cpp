#include "sandbox/pm415sandbox.h"

#include "sandbox/pm415demo.h"
#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

using enum Pm415Type;

/// Node's http.STATUS_CODES, which Boom copies into "error".
constexpr std::pair<int, QLatin1StringView> ReasonPhrases[] = {
    {400, "Bad Request"_L1},
    {401, "Unauthorized"_L1},
    {402, "Payment Required"_L1},
    {403, "Forbidden"_L1},
    {404, "Not Found"_L1},
    {405, "Method Not Allowed"_L1},
    {408, "Request Timeout"_L1},
    {409, "Conflict"_L1},
    {413, "Payload Too Large"_L1},
    {415, "Unsupported Media Type"_L1},
    {422, "Unprocessable Entity"_L1},
    {423, "Locked"_L1},
    {429, "Too Many Requests"_L1},
    {500, "Internal Server Error"_L1},
    {501, "Not Implemented"_L1},
    {502, "Bad Gateway"_L1},
    {503, "Service Unavailable"_L1},
    {504, "Gateway Timeout"_L1},
};

/// res.boom.<method>(..., {success: false, message}) as express-boom 2 sends it.
SandboxResponse boom(int status, const QString &message)
{
    const auto phrase
        = std::ranges::find(ReasonPhrases, status, &std::pair<int, QLatin1StringView>::first);
    return SandboxResponse::json(
        status,
        QJsonObject{{"statusCode"_L1, status},
                    {"error"_L1, phrase == std::end(ReasonPhrases) ? "Unknown"_L1 : phrase->second},
                    {"message"_L1, message},
                    {"success"_L1, false}});
}

SandboxResponse unauthorized()
{
    return boom(401, u"Authentication required"_s);
}

/// What MySQL answers when a NaN from parseInt reaches a WHERE clause.
SandboxResponse nanInQuery()
{
    return boom(500, u"ER_BAD_FIELD_ERROR: Unknown column 'NaN' in 'where clause'"_s);
}

SandboxResponse html(int status, const QString &page)
{
    return {status, {{"Content-Type"_ba, "text/html; charset=utf-8"_ba}}, page.toUtf8()};
}

/// Express's answer for a method and path no route takes: the single-page app's fallback for
/// GET/HEAD requests that accept HTML, finalhandler's 404 page otherwise.
SandboxResponse unrouted(const SandboxRequest &request)
{
    const QByteArray accept = request.header("Accept");
    if ((request.method == "GET" || request.method == "HEAD")
        && (accept.contains("text/html") || accept.contains("*/*"))) {
        return html(200,
                    u"<!DOCTYPE html><html><head><meta name=viewport "
                    "content=\"width=device-width,initial-scale=1\" charset=utf-8>"
                    "<title>pm415</title></head><body><div id=app></div></body></html>"_s);
    }
    const QString path = QString::fromLatin1(
        QUrl::toPercentEncoding(u"/api/"_s + request.path.join(u'/'), "/"_ba));
    return html(404,
                u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>Error</title>\n</head>\n<body>\n<pre>Cannot %1 %2</pre>\n</body>\n"
                "</html>\n"_s.arg(QString::fromLatin1(request.method), path.toHtmlEscaped()));
}

/// JavaScript's parseInt(text): leading blanks, a sign, then as many decimal digits as there
/// are (hexadecimal after "0x"); std::nullopt for NaN. Values past 2^53 saturate there: no
/// record has such an id.
std::optional<qint64> parseInt(QStringView text)
{
    text = text.trimmed();
    const bool negative = text.startsWith(u'-');
    if (negative || text.startsWith(u'+'))
        text = text.sliced(1);
    int base = 10;
    if (text.size() > 2 && text.first(2).compare(u"0x", Qt::CaseInsensitive) == 0) {
        base = 16;
        text = text.sliced(2);
    }
    constexpr qint64 Max = qint64(1) << 53;
    qint64 value = 0;
    qsizetype digits = 0;
    for (QChar c : text) {
        const int digit = c.isDigit() ? c.digitValue()
            : base == 16 && c.toLower() >= u'a' && c.toLower() <= u'f'
            ? c.toLower().unicode() - u'a' + 10
            : -1;
        if (digit < 0 || c.unicode() > 127)
            break;
        value = std::min(Max, value * base + digit);
        ++digits;
    }
    if (digits == 0)
        return std::nullopt;
    return negative ? -value : value;
}

/// The id an element of a connections array stands for when MySQL compares it with an id
/// column: an integer, or a string of digits; std::nullopt for anything that matches no row.
std::optional<qint64> elementId(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::isfinite(number) && std::trunc(number) == number && std::abs(number) < 9e15)
            return qint64(number);
        return std::nullopt;
    }
    static const QRegularExpression digits(u"^\\s*[+-]?\\d{1,15}\\s*$"_s);
    if (value.isString() && digits.match(value.toString()).hasMatch())
        return value.toString().trimmed().toLongLong();
    return std::nullopt;
}

/// Node 10's JSON.parse message for an unexpected character at `position` (or none after it).
QString jsonErrorMessage(const QByteArray &body, qsizetype position)
{
    position = std::max<qsizetype>(position, 0);
    while (position < body.size() && QChar::isSpace(uchar(body.at(position))))
        ++position;
    if (position >= body.size())
        return u"Unexpected end of JSON input"_s;
    const char c = body.at(position);
    const QString what = c == '"'            ? u"string"_s
        : (c >= '0' && c <= '9') || c == '-' ? u"number"_s
                                             : u"token "_s + QChar::fromLatin1(c);
    return u"Unexpected %1 in JSON at position %2"_s.arg(what).arg(position);
}

/// The same for Qt's parse error, whose offset is mostly one past the culprit; past the end it
/// is the end of the input unless a closing bracket there was out of place.
QString jsonErrorMessage(const QByteArray &body, const QJsonParseError &error)
{
    const bool atEnd = error.offset >= body.size() && !body.endsWith('}') && !body.endsWith(']');
    if (error.error == QJsonParseError::UnterminatedString || atEnd)
        return jsonErrorMessage(body, body.size());
    return jsonErrorMessage(
        body, error.error == QJsonParseError::GarbageAtEnd ? error.offset : error.offset - 1);
}

/// body-parser's json() and urlencoded(): `*body` becomes what Express calls req.body ({} when
/// no parser takes the request); an error response when parsing fails.
std::optional<SandboxResponse> parseBody(const SandboxRequest &request, QJsonValue *body)
{
    *body = QJsonObject();
    const QByteArray type = request.header("Content-Type").split(';').first().trimmed().toLower();
    const bool json = type == "application/json";
    if (request.body.isEmpty() || !(json || type == "application/x-www-form-urlencoded"))
        return std::nullopt;
    if (request.body.size() > Pm415Sandbox::MaxBodySize)
        return boom(500, u"request entity too large"_s);

    if (!json) {
        QUrlQuery form(QString::fromUtf8(request.body).replace(u'+', u' '));
        QJsonObject object;
        for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded)) {
            const QJsonValue previous = object.value(key);
            if (previous.isUndefined())
                object.insert(key, value);
            else if (previous.isArray())
                object.insert(key, QJsonArray(previous.toArray()) << value);
            else
                object.insert(key, QJsonArray{previous, value});
        }
        *body = object;
        return std::nullopt;
    }

    const QByteArray trimmed = request.body.trimmed();
    if (trimmed.isEmpty() || (trimmed.at(0) != '{' && trimmed.at(0) != '['))
        return boom(500, jsonErrorMessage(request.body, 0)); // body-parser's strict mode
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return boom(500, jsonErrorMessage(request.body, error));
    *body = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    return std::nullopt;
}

/// express-bearer-token: the last of query, body and header that carries a token.
QJsonValue bearerToken(const SandboxRequest &request, const QJsonValue &body)
{
    QJsonValue token;
    const QStringList fromQuery
        = request.query.allQueryItemValues(u"access_token"_s, QUrl::FullyDecoded);
    if (fromQuery.size() == 1 && !fromQuery.first().isEmpty())
        token = fromQuery.first();
    else if (fromQuery.size() > 1)
        token = QJsonArray::fromStringList(fromQuery);
    const QJsonValue fromBody = body.toObject().value("access_token"_L1);
    if (fromBody.toBool() || fromBody.isObject() || fromBody.isArray()
        || (fromBody.isDouble() && fromBody.toDouble() != 0) || !fromBody.toString().isEmpty()) {
        token = fromBody;
    }
    const QList<QByteArray> parts = request.header("Authorization").split(' ');
    if (parts.size() == 2 && parts.first() == "Bearer")
        token = QString::fromUtf8(parts.last());
    return token;
}

bool isLiteral(QStringView segment, QLatin1StringView literal)
{
    return segment.compare(literal, Qt::CaseInsensitive) == 0;
}

/// A joined user's columns (a LEFT JOIN: nulls when there is no such user).
QJsonObject userColumns(const Pm415User *user)
{
    const QJsonValue null(QJsonValue::Null);
    return {{"email"_L1, user ? QJsonValue(user->email) : null},
            {"firstName"_L1, user ? QJsonValue(user->firstName) : null},
            {"lastName"_L1, user ? QJsonValue(user->lastName) : null}};
}

QJsonObject merged(QJsonObject target, const QJsonObject &more)
{
    for (auto it = more.begin(); it != more.end(); ++it)
        target.insert(it.key(), it.value());
    return target;
}

/// The Joi schema of POST /connections: every key required, no others.
constexpr QLatin1StringView ConnectionKeys[]
    = {"items"_L1, "backlogs"_L1, "initiatives"_L1, "bugs"_L1, "delete"_L1};

std::optional<SandboxResponse> validateConnectionsBody(const QJsonValue &body)
{
    if (!body.isObject())
        return boom(400, u"\"value\" must be an object"_s);
    const QJsonObject object = body.toObject();
    for (QLatin1StringView key : ConnectionKeys) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return boom(400, u"\"%1\" is required"_s.arg(key));
        const QString text = value.toString().toLower();
        if (key == "delete"_L1 && !value.isBool() && text != "true"_L1 && text != "false"_L1)
            return boom(400, u"\"delete\" must be a boolean"_s);
        if (key != "delete"_L1 && !value.isArray())
            return boom(400, u"\"%1\" must be an array"_s.arg(key));
    }
    for (const QString &key : object.keys()) {
        if (std::ranges::find(ConnectionKeys, key) == std::end(ConnectionKeys))
            return boom(400, u"\"%1\" is not allowed"_s.arg(key));
    }
    return std::nullopt;
}

/// Connection.connectionsList(id, owner, needInfo): the whole rows of the `info` records that
/// the rows holding (owner, id) name, by id.
QJsonArray connectedRows(const Pm415World &world, Pm415Ref owner, Pm415Type info)
{
    std::set<qint64> ids;
    for (const Pm415Connection *row : world.connectionsOf(owner.type, owner.id)) {
        if (const auto id = (*row)[info])
            ids.insert(*id);
    }
    QJsonArray result;
    for (qint64 id : ids) {
        if (const Pm415Record *record = world.find(info, id))
            result.append(pm415RecordJson(info, *record, Pm415Shape::Row));
    }
    return result;
}

} // namespace

Pm415Sandbox::Pm415Sandbox(const SandboxClock &clock, quint32 seed, int scale)
    : m_apiKey(SandboxServer::Pm415ApiKey)
{
    Q_UNUSED(clock) // pm415 has no rate limit, no token expiry and no timestamps we serve
    populatePm415Demo(m_world, seed, scale);
}

SandboxResponse Pm415Sandbox::handle(const SandboxRequest &request)
{
    QJsonValue body;
    if (auto refused = parseBody(request, &body))
        return *refused;
    const QJsonValue token = bearerToken(request, body);
    const bool signedIn = token.isString() && !token.toString().isEmpty()
        && token.toString().compare(QString::fromLatin1(m_apiKey), Qt::CaseInsensitive) == 0;
    return route(request, body, signedIn);
}

SandboxResponse Pm415Sandbox::route(const SandboxRequest &request, const QJsonValue &body,
                                    bool signedIn)
{
    const QStringList &path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    const auto at = [&path](qsizetype i) { return QStringView(path.at(i)); };
    const auto size = path.size();

    if (size == 0 && get)
        return html(200, u"Wanna something?"_s);
    if (size == 0)
        return unrouted(request);
    const QStringView resource = at(0);

    if (isLiteral(resource, "user"_L1)) {
        if (!signedIn)
            return unauthorized();
        if (get && size == 2 && isLiteral(at(1), "orgs"_L1))
            return listOrganizations();
        return unrouted(request);
    }

    // The routes below each start with LoginRequired, so a request that matches one of them
    // is refused without a key; one that matches none falls through to Express's 404.
    std::function<SandboxResponse()> handler;
    if (get && isLiteral(resource, "initiatives"_L1) && size == 4 && isLiteral(at(1), "all"_L1)) {
        handler = [=, this] { return listRecords(Initiative, at(2), at(3), Pm415Shape::List); };
    } else if (get && isLiteral(resource, "bugs"_L1) && size == 5 && isLiteral(at(1), "full"_L1)) {
        handler = [=, this] {
            return listRecords(Bug, at(2), at(3),
                               at(4) == u"true" ? Pm415Shape::FullSelect : Pm415Shape::List);
        };
    } else if (get && isLiteral(resource, "backlogs"_L1) && size == 3) {
        handler = [=, this] { return listRecords(Backlog, at(1), at(2), Pm415Shape::List); };
    } else if (get && isLiteral(resource, "items"_L1) && size == 5) {
        handler = isLiteral(at(1), "all"_L1)
            ? std::function(
                [=, this] { return listRecords(Item, at(2), at(4), Pm415Shape::List, at(3)); })
            : std::function([=, this] {
                  return listRecords(Item, at(1), at(3), Pm415Shape::List, at(2), at(4));
              });
    } else if (get && isLiteral(resource, "connections"_L1) && size == 4) {
        handler = [=, this] { return getConnections(at(1), at(2), at(3)); };
    } else if (post && isLiteral(resource, "connections"_L1) && size == 3) {
        handler = [=, this] { return postConnections(at(1), at(2), body); };
    }
    if (!handler)
        return unrouted(request);
    return signedIn ? handler() : unauthorized();
}

SandboxResponse Pm415Sandbox::listOrganizations() const
{
    QJsonArray organizations;
    for (const Pm415Organization &organization : m_world.organizations()) {
        organizations.append(QJsonObject{{"orgId"_L1, organization.id},
                                         {"name"_L1, organization.name},
                                         {"role"_L1, organization.role}});
    }
    return SandboxResponse::json(
        200, QJsonObject{{"success"_L1, true}, {"organizations"_L1, organizations}});
}

SandboxResponse Pm415Sandbox::listRecords(Pm415Type type, QStringView showArchived,
                                          QStringView orgId, Pm415Shape shape,
                                          QStringView ownerTable, QStringView ownerId) const
{
    const auto org = parseInt(orgId);
    const auto owner = ownerId.isNull() ? std::optional<qint64>() : parseInt(ownerId);
    if (!org || (!ownerId.isNull() && !owner))
        return nanInQuery();

    QList<const Pm415Record *> rows;
    for (const auto &[id, record] : m_world.records(type)) {
        if (record.organizationId == *org && (showArchived != u"false" || record.archived == 0)
            && (type != Item || record.ownerTable.compare(ownerTable, Qt::CaseInsensitive) == 0)
            && (!owner || record.ownerId == *owner)) {
            rows.append(&record);
        }
    }
    // MySQL returns the rows in primary-key order: (created_by, organization_id, id) for every
    // table but initiatives, which has none and comes in insertion (id) order.
    if (type != Initiative) {
        std::ranges::stable_sort(rows, {}, [](const Pm415Record *r) { return r->createdBy; });
    }

    const Pm415Organization *organization = m_world.organization(*org);
    if (!organization || organization->role == "Pending"_L1)
        return boom(403, u"Organization privileges required"_s);

    QJsonArray result;
    for (const Pm415Record *record : rows) {
        QJsonObject row = pm415RecordJson(type, *record, shape);
        if (owner) // the one-owner items query does not select the description
            row.remove("description"_L1);
        const Pm415User *creator = m_world.user(record->createdBy);
        if (type != Bug) {
            row = merged(row, userColumns(creator));
        } else {
            row.insert("reportedByData"_L1, userColumns(creator));
            row.insert("assigneeData"_L1, userColumns(m_world.user(record->assignee)));
        }
        if (type == Bug && shape == Pm415Shape::FullSelect) {
            row.insert("items"_L1, connectedRows(m_world, {Bug, record->id}, Item));
            row.insert("initiatives"_L1, connectedRows(m_world, {Bug, record->id}, Initiative));
            row.insert("comments"_L1, QJsonArray());
        }
        result.append(row);
    }
    return SandboxResponse::json(200,
                                 QJsonObject{{"success"_L1, true},
                                             {pm415Plural(type), result},
                                             {"admin"_L1, organization->role == "Admin"_L1}});
}

SandboxResponse Pm415Sandbox::getConnections(QStringView owner, QStringView info,
                                             QStringView id) const
{
    const auto ownerType = pm415TypeFromName(owner);
    const auto infoType = pm415TypeFromName(info);
    if (!ownerType || !infoType)
        return boom(404, u"not found this connections."_s);
    const auto ownerId = parseInt(id);
    if (!ownerId)
        return nanInQuery();

    QJsonArray connections;
    for (const Pm415Connection *row : m_world.connectionsOf(*ownerType, *ownerId))
        connections.append(row->toJson());
    return SandboxResponse::json(
        200,
        QJsonObject{{"success"_L1, true},
                    {"connections"_L1, connections},
                    {"info"_L1, connectedRows(m_world, {*ownerType, *ownerId}, *infoType)}});
}

SandboxResponse Pm415Sandbox::postConnections(QStringView owner, QStringView id,
                                              const QJsonValue &body)
{
    if (auto refused = validateConnectionsBody(body))
        return *refused;
    const auto ownerType = pm415TypeFromName(owner);
    if (!ownerType)
        return boom(404, u"not found this %1."_s.arg(owner));
    const auto ownerId = parseInt(id);
    if (!ownerId)
        return nanInQuery();
    if (!m_world.find(*ownerType, *ownerId))
        return boom(404, u"not found this %1."_s.arg(owner));

    const QJsonObject object = body.toObject();
    const bool insert = object.value("delete"_L1) == QJsonValue(false);
    if (std::ranges::all_of(AllPm415Types, [&](Pm415Type type) {
            return object.value(pm415Plural(type)).toArray().isEmpty();
        })) {
        m_world.deleteConnections(*ownerType, *ownerId);
    }

    // The handler's order; each type is checked, then deleted, then (re)inserted.
    for (Pm415Type type : {Item, Bug, Backlog, Initiative}) {
        const QJsonArray elements = object.value(pm415Plural(type)).toArray();
        if (elements.isEmpty())
            continue;
        QList<qint64> ids;
        QSet<qint64> found;
        for (const QJsonValue &element : elements) {
            const auto target = elementId(element);
            ids.append(target.value_or(0));
            if (target && m_world.find(type, *target))
                found.insert(*target);
        }
        if (found.size() != elements.size())
            return boom(404, u"not found %1."_s.arg(pm415Plural(type)));
        m_world.deleteConnections(*ownerType, *ownerId, type, found);
        if (!insert)
            continue;
        for (qint64 target : std::as_const(ids)) {
            Pm415World::Columns columns;
            columns[qToUnderlying(*ownerType)] = *ownerId;
            columns[qToUnderlying(type)] = target; // overwrites the owner's for a same-type id
            m_world.insertConnection(columns);
        }
    }
    return SandboxResponse::json(200, QJsonObject{{"success"_L1, true}});
}

SandboxResponse Pm415Sandbox::vendorError(int status, const QString &message) const
{
    return boom(status, message);
}

QJsonObject Pm415Sandbox::saveState() const
{
    return m_world.toJson();
}

bool Pm415Sandbox::restoreState(const QJsonObject &state, QString *error)
{
    QString reason;
    auto world = Pm415World::fromJson(state, &reason);
    if (!world) {
        if (error)
            *error = u"pm415 state: "_s + reason;
        return false;
    }
    m_world = std::move(*world);
    return true;
}
