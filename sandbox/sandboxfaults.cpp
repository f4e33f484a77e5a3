#include "sandbox/sandboxfaults.h"

#include "sandbox/vendorsimulator.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <span>

using namespace Qt::StringLiterals;

namespace {

using Kind = SandboxFault::Kind;

/// How each vendor's real server decorates the errors that faults imitate, beyond
/// VendorSimulator::vendorError(). Guesses are listed in the report of issue 3.
struct VendorShape
{
    QLatin1StringView vendor;
    /// What the server says for an expired (or revoked) credential.
    QLatin1StringView expiredMessage;
    /// DevRev's error "type" for it (error-unauthorized-token-expired in its OpenAPI spec).
    QLatin1StringView expiredType;
    /// WWW-Authenticate of the 401 (RFC 6750 3.1), as ASP.NET's JWT bearer handler sends it.
    QLatin1StringView expiredChallenge;
    bool retryAfterHeader; ///< its 429 carries Retry-After
    bool retryAfterBody; ///< ... and retry_after in the body
};

constexpr VendorShape VendorShapes[] = {
    // API keys do not expire; a revoked one is answered like a wrong one.
    {"copper"_L1, "Invalid API key or user email"_L1, {}, {}, false, false},
    {"devrev"_L1, "Token has expired"_L1, "token_expired"_L1, {}, true, true},
    // pm415 (mreider/pm415 server/auth.js): a JWT that fails verification leaves the request
    // anonymous, and LoginRequired answers 401 "Authentication required".
    {"pm415"_L1, "Authentication required"_L1, {}, {}, false, false},
    // The Repository API's documented 401: "Access token is invalid or expired."
    {"laserfiche"_L1,
     "Access token is invalid or expired."_L1,
     {},
     R"(Bearer error="invalid_token", error_description="The token expired")"_L1,
     false,
     false},
};

constexpr QLatin1StringView Methods[]
    = {"GET"_L1, "HEAD"_L1, "POST"_L1, "PUT"_L1, "PATCH"_L1, "DELETE"_L1, "OPTIONS"_L1};
constexpr int DefaultRetryAfterSeconds = 1;
constexpr int DefaultRedirectStatus = 302;
constexpr int DefaultChunkBytes = 64;

/// Redirect's status: `status` when it is a redirect, 302 otherwise (503 is the struct's default).
int redirectStatus(const SandboxFault &fault)
{
    return fault.status >= 300 && fault.status < 400 ? fault.status : DefaultRedirectStatus;
}

const VendorShape *shapeOf(QStringView vendor)
{
    const auto *found = std::ranges::find_if(
        VendorShapes, [vendor](const VendorShape &shape) { return shape.vendor == vendor; });
    return found == std::end(VendorShapes) ? nullptr : found;
}

/// The items of a spec after its selectors: the fault kinds and their options.
enum class Value { None, Optional, Required, Rest };
struct Item
{
    QLatin1StringView name;
    Value value;
    std::optional<Kind> kind; ///< set for the kinds, empty for options
    QList<Kind> appliesTo; ///< options: the kinds they belong to; empty: every kind
};

const Item Items[] = {
    {"status"_L1, Value::Required, Kind::Status, {}},
    {"expired"_L1, Value::None, Kind::ExpiredToken, {}},
    {"redirect"_L1, Value::Rest, Kind::Redirect, {}},
    {"drop"_L1, Value::None, Kind::Drop, {}},
    {"latency"_L1, Value::Required, Kind::Latency, {}},
    {"truncate"_L1, Value::Optional, Kind::Truncate, {}},
    {"reset"_L1, Value::Optional, Kind::Reset, {}},
    {"trickle"_L1, Value::Required, Kind::Trickle, {}},
    {"count"_L1, Value::Required, {}, {}},
    {"after"_L1, Value::None, {}, {Kind::Status, Kind::Drop}},
    {"chunk"_L1, Value::Required, {}, {Kind::Trickle}},
    {"retry_after"_L1, Value::Required, {}, {Kind::Status}},
    {"code"_L1, Value::Required, {}, {Kind::Redirect}},
    {"message"_L1, Value::Rest, {}, {Kind::Status, Kind::ExpiredToken}},
};

const Item *itemOf(QStringView token)
{
    const QStringView name = token.left(token.indexOf(u'='));
    const auto *found
        = std::ranges::find_if(Items, [name](const Item &item) { return item.name == name; });
    return found == std::end(Items) ? nullptr : found;
}

QLatin1StringView kindName(Kind kind)
{
    return std::ranges::find(Items, std::optional(kind), &Item::kind)->name;
}

/// Classic wildcard matching with one kind of star, linear in space: `isStar` elements of
/// `pattern` match any run of elements of `text`, the others one element each by `equal`.
template<typename Pattern, typename Text, typename IsStar, typename Equal>
bool wildcardMatch(const Pattern &pattern, const Text &text, IsStar isStar, Equal equal)
{
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype star = -1;
    qsizetype resume = 0;
    while (t < qsizetype(text.size())) {
        if (p < qsizetype(pattern.size()) && isStar(pattern[p])) {
            star = p++;
            resume = t;
        } else if (p < qsizetype(pattern.size()) && equal(pattern[p], text[t])) {
            ++p;
            ++t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < qsizetype(pattern.size()) && isStar(pattern[p]))
        ++p;
    return p == qsizetype(pattern.size());
}

bool segmentMatches(QStringView pattern, QStringView segment)
{
    return wildcardMatch(
        pattern, segment, [](QChar c) { return c == u'*'; },
        [](QChar a, QChar b) { return a.toCaseFolded() == b.toCaseFolded(); });
}

bool pathMatches(const QList<QStringView> &pattern, std::span<const QString> path)
{
    return wildcardMatch(
        pattern, path, [](QStringView segment) { return segment == u"**"; }, segmentMatches);
}

void setHeader(SandboxResponse &response, const QByteArray &name, const QByteArray &value)
{
    auto &headers = response.headers;
    headers.removeIf([&name](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

/// Sets `fields` in a JSON object body; any other body is left as it is.
void patchBody(SandboxResponse &response, const QJsonObject &fields)
{
    QJsonDocument document = QJsonDocument::fromJson(response.body);
    if (!document.isObject())
        return;
    QJsonObject object = document.object();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        object.insert(it.key(), it.value());
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString defaultMessage(int status)
{
    const QLatin1StringView reason = httpReasonPhrase(status);
    return reason.isEmpty() ? u"Simulated fault"_s : QString(reason);
}

/// Parses one spec; errors are reported through fail(), which returns std::nullopt.
class SpecParser
{
public:
    SpecParser(QStringView spec, QString *error)
        : m_spec(spec)
        , m_error(error)
    { }

    std::optional<SandboxFault> parse();

private:
    std::nullopt_t fail(const QString &what) const
    {
        if (m_error)
            *m_error = u"fault \"%1\": %2"_s.arg(m_spec, what);
        return std::nullopt;
    }
    std::optional<int> integer(QLatin1StringView name, QStringView text, int min, int max) const;
    bool apply(const Item &item, QStringView value, SandboxFault &fault) const;

    QStringView m_spec;
    QString *m_error;
};

std::optional<int> SpecParser::integer(QLatin1StringView name, QStringView text, int min,
                                       int max) const
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (ok && value >= min && value <= max)
        return value;
    fail(u"%1 takes an integer from %2 to %3, not \"%4\""_s.arg(name).arg(min).arg(max).arg(text));
    return std::nullopt;
}

bool SpecParser::apply(const Item &item, QStringView value, SandboxFault &fault) const
{
    const QLatin1StringView name = item.name;
    const auto set = [&](int &field, int min, int max) {
        const auto parsed = integer(name, value, min, max);
        field = parsed.value_or(field);
        return parsed.has_value();
    };
    if (item.kind)
        fault.kind = *item.kind;
    if (name == "status"_L1)
        return set(fault.status, 400, 599);
    if (name == "latency"_L1)
        return set(fault.delayMs, 1, 600'000);
    if (name == "trickle"_L1)
        return set(fault.delayMs, 1, 60'000);
    if (name == "count"_L1)
        return set(fault.count, 1, 1'000'000);
    if (name == "chunk"_L1)
        return set(fault.chunkBytes, 1, 1024 * 1024);
    if (name == "retry_after"_L1)
        return set(fault.retryAfterSeconds, 0, 86'400);
    if (name == "after"_L1)
        fault.after = true;
    if (name == "message"_L1)
        fault.message = value.toString();
    if ((name == "truncate"_L1 || name == "reset"_L1) && !value.isNull()) {
        bool ok = false;
        fault.fraction = value.toDouble(&ok);
        if (!ok || !(fault.fraction >= 0 && fault.fraction < 1)) {
            fail(u"%1 takes a share of the body from 0 to below 1, not \"%2\""_s.arg(name, value));
            return false;
        }
    }
    if (name == "redirect"_L1) {
        fault.location = QUrl(value.toString(), QUrl::StrictMode);
        const QString scheme = fault.location.scheme();
        if (!fault.location.isValid() || fault.location.host().isEmpty()
            || (scheme != "http"_L1 && scheme != "https"_L1)) {
            fail(u"redirect takes an absolute http(s) URL, not \"%1\""_s.arg(value));
            return false;
        }
    }
    if (name == "code"_L1) {
        constexpr int Redirects[] = {301, 302, 303, 307, 308};
        bool ok = false;
        const int code = value.toInt(&ok);
        if (!ok || std::ranges::find(Redirects, code) == std::end(Redirects)) {
            fail(u"code takes 301, 302, 303, 307 or 308, not \"%1\""_s.arg(value));
            return false;
        }
        fault.status = code;
    }
    return true;
}

std::optional<SandboxFault> SpecParser::parse()
{
    const QList<QStringView> tokens = m_spec.split(u':');
    SandboxFault fault;
    const QString vendor = tokens.first().toString().toLower();
    if (vendor != "*"_L1 && !shapeOf(vendor)) {
        return fail(u"unknown vendor \"%1\" (copper, devrev, pm415, laserfiche or *)"_s.arg(
            tokens.first()));
    }
    fault.vendor = vendor;

    // Selectors: an optional method, then an optional path, before the first item.
    qsizetype i = 1;
    for (; i < tokens.size() && !itemOf(tokens.at(i)); ++i) {
        const QStringView token = tokens.at(i);
        const QString upper = token.toString().toUpper();
        if (token.isEmpty())
            return fail(u"empty field %1"_s.arg(i + 1));
        if (fault.method.isEmpty() && fault.path.isEmpty()
            && std::ranges::find(Methods, upper) != std::end(Methods)) {
            fault.method = upper.toLatin1();
        } else if (fault.path.isEmpty()) {
            fault.path = token.toString();
        } else {
            return fail(u"unexpected \"%1\": a rule has one method and one path, before the "
                        u"fault"_s.arg(token));
        }
    }

    QList<const Item *> seen;
    for (; i < tokens.size(); ++i) {
        const QStringView token = tokens.at(i);
        const Item *item = itemOf(token);
        if (!item) {
            return fail(
                u"unknown fault or option \"%1\" (the method and the path come first)"_s.arg(
                    token));
        }
        if (seen.contains(item))
            return fail(u"%1 given twice"_s.arg(item->name));
        if (item->kind) {
            const auto other
                = std::ranges::find_if(seen, [](const Item *s) { return s->kind.has_value(); });
            if (other != seen.end()) {
                return fail(u"more than one fault: %1 and %2"_s.arg((*other)->name, item->name));
            }
        }
        seen.append(item);
        const qsizetype equals = token.indexOf(u'=');
        QStringView value = equals < 0 ? QStringView() : token.mid(equals + 1);
        if (item->value == Value::None && equals >= 0)
            return fail(u"%1 takes no value"_s.arg(item->name));
        if ((item->value == Value::Required || item->value == Value::Rest) && value.isEmpty())
            return fail(u"%1 needs a value"_s.arg(item->name));
        if (item->value == Value::Rest) {
            // A URL or a message may hold colons: it runs up to the next item.
            while (i + 1 < tokens.size() && !itemOf(tokens.at(i + 1)))
                ++i;
            value = QStringView(value.begin(), tokens.at(i).end());
        }
        if (!apply(*item, value, fault))
            return std::nullopt;
    }

    const auto kind = std::ranges::find_if(seen, [](const Item *s) { return s->kind.has_value(); });
    if (kind == seen.end()) {
        return fail(u"no fault given (status=N, expired, redirect=URL, drop, latency=MS, "
                    u"truncate, reset or trickle=MS)"_s);
    }
    for (const Item *option : std::as_const(seen)) {
        if (!option->appliesTo.isEmpty() && !option->appliesTo.contains(fault.kind)) {
            QStringList kinds;
            for (Kind k : option->appliesTo)
                kinds.append(kindName(k));
            return fail(u"%1 applies to %2 only"_s.arg(option->name, kinds.join(" and "_L1)));
        }
    }
    return fault;
}

} // namespace

std::optional<SandboxFault> SandboxFault::parse(QStringView spec, QString *error)
{
    return SpecParser(spec, error).parse();
}

QString SandboxFault::toString() const
{
    QStringList parts{vendor};
    if (!method.isEmpty())
        parts.append(QString::fromLatin1(method));
    if (!path.isEmpty())
        parts.append(path);
    const QString name = kindName(kind);
    switch (kind) {
    case Kind::Status:
        parts.append(u"%1=%2"_s.arg(name).arg(status));
        break;
    case Kind::ExpiredToken:
    case Kind::Drop:
        parts.append(name);
        break;
    case Kind::Redirect:
        break;
    case Kind::Latency:
    case Kind::Trickle:
        parts.append(u"%1=%2"_s.arg(name).arg(delayMs));
        break;
    case Kind::Truncate:
    case Kind::Reset:
        parts.append(u"%1=%2"_s.arg(name).arg(fraction));
        break;
    }
    if (after && (kind == Kind::Status || kind == Kind::Drop))
        parts.append(u"after"_s);
    if (kind == Kind::Trickle && chunkBytes != DefaultChunkBytes)
        parts.append(u"chunk=%1"_s.arg(chunkBytes));
    if (kind == Kind::Status && retryAfterSeconds >= 0)
        parts.append(u"retry_after=%1"_s.arg(retryAfterSeconds));
    if (kind == Kind::Redirect && redirectStatus(*this) != DefaultRedirectStatus)
        parts.append(u"code=%1"_s.arg(status));
    if (count >= 0)
        parts.append(u"count=%1"_s.arg(count));
    if (!message.isEmpty() && (kind == Kind::Status || kind == Kind::ExpiredToken))
        parts.append(u"message="_s + message);
    if (kind == Kind::Redirect) // last: the URL's colons would swallow what follows
        parts.append(name + u'=' + location.toString());
    return parts.join(u':');
}

bool SandboxFault::strikesBeforeSimulator() const
{
    switch (kind) {
    case Kind::Status:
    case Kind::Drop:
        return !after;
    case Kind::ExpiredToken:
    case Kind::Redirect:
        return true;
    case Kind::Latency:
    case Kind::Truncate:
    case Kind::Reset:
    case Kind::Trickle:
        break;
    }
    return false;
}

bool SandboxFault::needsConnection() const
{
    return !(kind == Kind::Status || kind == Kind::ExpiredToken || kind == Kind::Redirect);
}

bool SandboxFault::matches(QStringView requestVendor, QByteArrayView requestMethod,
                           const QStringList &requestPath, const QStringList &basePath) const
{
    if (vendor != u"*" && vendor != requestVendor)
        return false;
    if (!method.isEmpty() && method != requestMethod)
        return false;
    if (path.isEmpty())
        return true;
    const QList<QStringView> pattern = QStringView(path).split(u'/', Qt::SkipEmptyParts);
    if (pathMatches(pattern, requestPath))
        return true;
    const qsizetype depth = basePath.size();
    return depth > 0 && requestPath.size() >= depth
        && std::equal(basePath.cbegin(), basePath.cend(), requestPath.cbegin())
        && pathMatches(pattern, std::span(requestPath).subspan(depth));
}

ResponseDelivery SandboxFault::delivery() const
{
    ResponseDelivery delivery;
    switch (kind) {
    case Kind::Status:
    case Kind::ExpiredToken:
    case Kind::Redirect:
        break;
    case Kind::Drop:
        delivery.answer = false;
        delivery.abort = true;
        break;
    case Kind::Latency:
        delivery.delayMs = delayMs;
        break;
    case Kind::Truncate:
        delivery.bodyFraction = fraction;
        delivery.announceWholeBody = false;
        break;
    case Kind::Reset:
        delivery.bodyFraction = fraction;
        delivery.abort = true;
        break;
    case Kind::Trickle:
        delivery.chunkBytes = chunkBytes;
        delivery.chunkDelayMs = delayMs;
        break;
    }
    return delivery;
}

bool SandboxFaults::add(QStringView spec, QString *error)
{
    const auto fault = SandboxFault::parse(spec, error);
    if (fault)
        add(*fault);
    return fault.has_value();
}

std::optional<SandboxFault> SandboxFaults::take(QStringView vendor, QByteArrayView method,
                                                const QStringList &path,
                                                const QStringList &basePath, bool withConnection)
{
    for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
        if (it->count == 0 || (!withConnection && it->needsConnection())
            || !it->matches(vendor, method, path, basePath)) {
            continue;
        }
        const SandboxFault hit = *it;
        if (it->count > 0 && --it->count == 0)
            m_rules.erase(it);
        return hit;
    }
    return std::nullopt;
}

SandboxResponse SandboxFaults::answer(const SandboxFault &fault, const VendorSimulator &simulator,
                                      QStringView vendor, const QString &requestPath,
                                      const QUrlQuery &query)
{
    const VendorShape *shape = shapeOf(vendor);
    switch (fault.kind) {
    case Kind::Status: {
        SandboxResponse response = simulator.vendorError(
            fault.status, fault.message.isEmpty() ? defaultMessage(fault.status) : fault.message);
        const bool limited = fault.status == 429 && shape;
        int retryAfter = fault.retryAfterSeconds;
        if (retryAfter < 0 && limited && shape->retryAfterHeader)
            retryAfter = DefaultRetryAfterSeconds;
        if (retryAfter >= 0)
            setHeader(response, "Retry-After"_ba, QByteArray::number(retryAfter));
        if (limited && shape->retryAfterBody)
            patchBody(response, {{"retry_after"_L1, retryAfter}});
        return response;
    }
    case Kind::ExpiredToken: {
        SandboxResponse response
            = simulator.vendorError(401,
                                    !fault.message.isEmpty() ? fault.message
                                        : shape              ? QString(shape->expiredMessage)
                                                             : defaultMessage(401));
        if (shape && !shape->expiredType.isEmpty())
            patchBody(response, {{"type"_L1, shape->expiredType}});
        if (shape && !shape->expiredChallenge.isEmpty()) {
            setHeader(response, "WWW-Authenticate"_ba,
                      QByteArray(shape->expiredChallenge.data(), shape->expiredChallenge.size()));
        }
        return response;
    }
    case Kind::Redirect: {
        QUrl location = fault.location;
        if (location.path().isEmpty() || location.path() == u"/") {
            location.setPath(requestPath);
            location.setQuery(query);
        }
        return {redirectStatus(fault), {{"Location"_ba, location.toEncoded()}}, {}};
    }
    case Kind::Drop:
        return {0, {}, {}};
    case Kind::Latency:
    case Kind::Truncate:
    case Kind::Reset:
    case Kind::Trickle:
        break;
    }
    return {};
}

QString SandboxFaults::specHelp()
{
    return uR"(Faults (--fault SPEC, repeatable): the first rule that matches a request applies.
SPEC is VENDOR[:METHOD][:PATH]:FAULT[:OPTION]...
  VENDOR   copper, devrev, pm415, laserfiche or *
  METHOD   GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (default: any)
  PATH     below the vendor prefix, e.g. links.list or /v2/Repositories/*/Entries/*/Links;
           * is any text within a segment, ** any number of segments (default: any path)
  FAULT before the simulator runs (its state does not change):
    status=N       N (400..599) in the vendor's error shape (:after: once the simulator ran)
    expired        401 as the vendor answers an expired token
    redirect=URL   302 (:code=301|303|307|308) to URL, plus the request's path if URL has none
    drop           close the connection without an answer (:after: once the simulator ran)
  FAULT after the simulator did the work (the client does not learn it):
    latency=MS     the answer, MS milliseconds late
    truncate[=F]   a complete answer whose body is cut to its first F (0 <= F < 1; 0.5)
    reset[=F]      the whole Content-Length but F of the body, then the connection is aborted
    trickle=MS     the body in pieces of 64 bytes (:chunk=N), one every MS milliseconds
  OPTION
    count=N        only the next N matching requests (default: every one)
    retry_after=S  Retry-After: S on a status answer (DevRev's 429s: also retry_after; 1)
    message=TEXT   the error message of status and expired
Examples: devrev:links.list:status=429:count=3
          laserfiche:GET:/v2/Repositories/*/Entries/*/Links:truncate=0.5
          copper:POST:*/*/related:status=503:after:count=1)"_s;
}
