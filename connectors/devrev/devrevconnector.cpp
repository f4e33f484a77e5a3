#include "connectors/devrev/devrevconnector.h"

#include "connectors/devrev/devrevmapping.h"
#include "connectors/networkjob.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDevRev, "linkloom.connectors.devrev")

using Kind = ConnectorError::Kind;

struct DevRevConnector::LinkList : DevRev::Links
{ };

namespace {

using Params = QList<std::pair<QString, QString>>;

/// `endpoint` below the base URL with `params`, every value percent-encoded (DON ids hold ':'
/// and '/', cursors are opaque).
QUrl endpointUrl(const VendorClient *client, const QString &endpoint, const Params &params)
{
    QUrl url = client->url(u'/' + endpoint);
    QString query;
    for (const auto &[name, value] : params) {
        if (!query.isEmpty())
            query += u'&';
        query += name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    if (!query.isEmpty())
        url.setQuery(query, QUrl::TolerantMode);
    return url;
}

QString who(const VendorClient *client)
{
    const AccountConfig &account = client->account();
    return QCoreApplication::translate("DevRevConnector", "%1 (account “%2”)")
        .arg(vendorDisplayName(account.vendor), account.name());
}

QString saidByDevRev(const QByteArray &body)
{
    const QString said = DevRev::parseErrorBody(body).left(300);
    return said.isEmpty()
        ? QString()
        : u' ' + QCoreApplication::translate("DevRevConnector", "DevRev said: “%1”").arg(said);
}

/// 401: the token is wrong, expired or revoked; say what to do about it.
ConnectorError tokenError(const VendorClient *client, const NetworkJob &job)
{
    ConnectorError e = job.error();
    e.message = QCoreApplication::translate(
                    "DevRevConnector",
                    "%1 did not accept the personal access token: it may be mistyped, expired or "
                    "revoked. Check the token, or create a new one in DevRev (Settings, Personal "
                    "access tokens), and enter it in the account settings.")
                    .arg(who(client))
        + saidByDevRev(job.body());
    return e;
}

/// A failure after which DevRev may or may not have done the write.
bool isUnclear(Kind kind)
{
    return kind == Kind::Server || kind == Kind::Timeout || kind == Kind::Unreachable
        || kind == Kind::BadResponse;
}

/// send() with DevRev's words for a refused token; `onFailure` sees failures first.
void sendTo(ConnectorOperation *op, const QByteArray &verb, const QUrl &url, const QByteArray &body,
            std::function<void(NetworkJob *)> onSuccess,
            ConnectorOperation::FailureHandler onFailure = {})
{
    op->send(verb, url, body, std::move(onSuccess),
             [op, onFailure = std::move(onFailure)](NetworkJob *job) {
                 if (onFailure && onFailure(job))
                     return true;
                 if (job->error().kind != Kind::Unauthorized || !op->client())
                     return false;
                 op->fail(tokenError(op->client(), *job));
                 return true;
             });
}

/// Reads every page of a list: `onPage` takes one answer (returns a problem, or empty and sets
/// the next cursor), `done` follows the last page.
using PageHandler = std::function<QString(NetworkJob *job, QString *nextCursor)>;
void readPages(ConnectorOperation *op, const QString &endpoint, const Params &params,
               PageHandler onPage, std::function<void()> done)
{
    struct Pager
    {
        int pages = 0;
        QString cursor;
        QSet<QString> cursors;
    };
    auto state = std::make_shared<Pager>();
    // Each page's handler holds the pager until the next page's handler does.
    auto requestPage = std::make_shared<std::function<void()>>();
    *requestPage = [op, endpoint, params, state, onPage = std::move(onPage), done = std::move(done),
                    weak = std::weak_ptr(requestPage)] {
        Params query = params;
        query.append({u"limit"_s, QString::number(DevRev::PageSize)});
        if (!state->cursor.isEmpty())
            query.append({u"cursor"_s, state->cursor});
        sendTo(op, "GET", endpointUrl(op->client(), endpoint, query), {},
               [op, state, onPage, done, pager = weak.lock()](NetworkJob *job) {
                   QString next;
                   if (const QString problem = onPage(job, &next); !problem.isEmpty())
                       return op->badResponse(*job, problem);
                   if (next.isEmpty())
                       return done();
                   if (++state->pages >= DevRevConnector::MaxPages)
                       return op->badResponse(
                           *job,
                           u"More than %1 pages of results."_s.arg(DevRevConnector::MaxPages));
                   if (state->cursors.contains(next))
                       return op->badResponse(*job, u"next_cursor repeats an earlier one."_s);
                   state->cursors.insert(next);
                   state->cursor = next;
                   (*pager)();
               });
    };
    (*requestPage)();
}

} // namespace

// --- DevRevClient ----------------------------------------------------------------------------

DevRevClient::DevRevClient(const AccountConfig &account, const QString &token,
                           NetworkManager *network, QObject *parent)
    : VendorClient(account, network, parent)
    , m_token(token)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_pacer.setSingleShot(true);
    connect(&m_pacer, &QTimer::timeout, this, &DevRevClient::checkPause);
}

void DevRevClient::setClock(Clock nowMs)
{
    if (nowMs)
        m_now = std::move(nowMs);
}

bool DevRevClient::isPaused() const
{
    return m_pausedUntilMs > m_now();
}

QDateTime DevRevClient::pausedUntil() const
{
    return isPaused() ? QDateTime::fromMSecsSinceEpoch(m_pausedUntilMs, Qt::UTC) : QDateTime();
}

void DevRevClient::authorize(QNetworkRequest request, QObject *context, Ready ready)
{
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    // Beta: tasks, opportunities, accounts, code changes and custom link types (see the class).
    request.setRawHeader("X-Devrev-Scope", "beta");
    if (!isPaused() && m_held.isEmpty()) {
        ready(request, {});
        return;
    }
    m_held.append({QPointer<QObject>(context), request, std::move(ready)});
    checkPause();
}

QString DevRevClient::parseErrorBody(const QByteArray &body) const
{
    return DevRev::parseErrorBody(body);
}

void DevRevClient::observe(const NetworkJob &job)
{
    bool ok = false;
    const qlonglong remaining = job.header("X-Ratelimit-Remaining").trimmed().toLongLong(&ok);
    if (!ok)
        return;
    if (remaining > 0) {
        if (m_pausedUntilMs != 0) {
            m_pausedUntilMs = 0;
            checkPause();
        }
        return;
    }
    const qint64 now = m_now();
    const qlonglong reset = job.header("X-Ratelimit-Reset").trimmed().toLongLong(&ok);
    qint64 until = 0;
    if (ok && reset >= 1'000'000'000) // epoch seconds, as documented
        until = reset * 1000;
    else if (ok && reset > 0) // seconds from now: another reading of "reset"
        until = now + reset * 1000;
    else if (const auto retryAfter = NetworkJob::parseRetryAfter(job.header("Retry-After")))
        until = now + qint64(*retryAfter) * 1000;
    else
        until = now + 60'000; // used up without saying until when: a minute
    until = std::min<qint64>(until, now + qint64(MaxPauseSeconds) * 1000);
    if (until <= now)
        return;
    const bool wasPaused = isPaused();
    m_pausedUntilMs = std::max(m_pausedUntilMs, until);
    if (!wasPaused) {
        qCInfo(lcDevRev) << "DevRev rate limit used up; holding requests for"
                         << (m_pausedUntilMs - now) / 1000 << "s";
        Q_EMIT paused(pausedUntil());
    }
}

void DevRevClient::checkPause()
{
    const qint64 now = m_now();
    if (m_pausedUntilMs > now) {
        if (!m_held.isEmpty() && !m_pacer.isActive())
            m_pacer.start(int(std::clamp<qint64>(m_pausedUntilMs - now, 1, m_checkMs)));
        return;
    }
    m_pausedUntilMs = 0;
    m_pacer.stop();
    release();
}

void DevRevClient::release()
{
    if (m_held.isEmpty())
        return;
    const QList<Held> held = std::exchange(m_held, {});
    Q_EMIT resumed();
    for (const Held &h : held) {
        if (h.context)
            h.ready(h.request, {});
    }
}

// --- DevRevConnector -------------------------------------------------------------------------

DevRevConnector::DevRevConnector(const AccountConfig &account, const QString &token,
                                 NetworkManager *network, QObject *parent)
    : Connector(new DevRevClient(account, token, network), parent)
{ }

DevRevClient *DevRevConnector::devRevClient() const
{
    return static_cast<DevRevClient *>(client());
}

QList<RecordTypeInfo> DevRevConnector::recordTypes() const
{
    return {
        {u"issue"_s, tr("Issues")},
        {u"ticket"_s, tr("Tickets")},
        {u"task"_s, tr("Tasks")},
        {u"opportunity"_s, tr("Opportunities")},
        {u"product"_s, tr("Products")},
        {u"capability"_s, tr("Capabilities")},
        {u"feature"_s, tr("Features")},
        {u"enhancement"_s, tr("Enhancements")},
        {u"account"_s, tr("Accounts")},
        {u"rev_user"_s, tr("Customer contacts")},
        {u"dev_user"_s, tr("Team members")},
    };
}

ConnectorOperation *DevRevConnector::checked(QObject *parent, std::initializer_list<RecordKey> keys)
{
    ConnectorOperation *op = operation(parent, keys);
    for (const RecordKey &key : keys) {
        if (op->isRefused())
            break;
        if (!DevRev::isTypeName(key.type))
            op->refuse(tr("“%1” is not a DevRev record type.").arg(key.type.left(40)));
        else if (!DevRev::isDonId(key.id))
            op->refuse(tr("“%1” is not a DevRev id.").arg(key.id.left(80)));
    }
    return op;
}

ConnectorOperation *DevRevConnector::listLinkTypes(QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    auto custom = std::make_shared<QList<LinkType>>();
    readPages(
        op, u"link-types.custom.list"_s, {},
        [custom](NetworkJob *job, QString *next) {
            auto page = DevRev::parseCustomLinkTypePage(job->body());
            if (!page.ok())
                return page.problem;
            for (const LinkType &type : std::as_const(page.value.items)) {
                if (std::ranges::find(*custom, type.id, &LinkType::id) == custom->end())
                    custom->append(type);
            }
            *next = page.value.nextCursor;
            return QString();
        },
        [op, custom] {
            op->linkTypes() = DevRev::stockLinkTypes() + *custom;
            op->succeed();
        });
    return op;
}

ConnectorOperation *DevRevConnector::listRecords(const QString &type, QObject *parent)
{
    ConnectorOperation *op = operation(parent);
    const auto endpoint = DevRev::listEndpoint(type);
    if (!endpoint) {
        op->refuse(tr("“%1” is not a DevRev record type Linkloom lists.").arg(type.left(40)));
        return op;
    }
    Params params;
    if (!endpoint->typeFilter.isEmpty())
        params.append({u"type"_s, endpoint->typeFilter});
    auto seen = std::make_shared<QSet<QString>>();
    readPages(
        op, endpoint->endpoint, params,
        [op, type, seen](NetworkJob *job, QString *next) {
            auto page = DevRev::parseRecordPage(job->body(), op->client()->account().id, type);
            if (!page.ok())
                return page.problem;
            for (Record &record : page.value.items) {
                if (!seen->contains(record.key.id)) {
                    seen->insert(record.key.id);
                    op->records().append(std::move(record));
                }
            }
            Q_EMIT op->progress(op->records().size(), -1);
            *next = page.value.nextCursor;
            return QString();
        },
        [op] { op->succeed(); });
    return op;
}

ConnectorOperation *DevRevConnector::readRecord(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    if (DevRev::isWork(key.type)) {
        sendTo(op, "GET", endpointUrl(client(), u"works.get"_s, {{u"id"_s, key.id}}), {},
               [op](NetworkJob *job) {
                   auto record = DevRev::parseWork(job->body(), op->client()->account().id);
                   if (!record.ok())
                       return op->badResponse(*job, record.problem);
                   op->records().append(record.value);
                   op->succeed();
               });
        return op;
    }
    const auto endpoint = DevRev::listEndpoint(key.type);
    if (!endpoint) {
        op->refuse(tr("Linkloom cannot read a DevRev %1 on its own.").arg(key.type));
        return op;
    }
    // DevRev offers no get endpoint Linkloom can use for parts, accounts and users (and the
    // sandbox serves none): page their list until the record turns up.
    Params params;
    if (!endpoint->typeFilter.isEmpty())
        params.append({u"type"_s, endpoint->typeFilter});
    auto last = std::make_shared<ConnectorError>();
    readPages(
        op, endpoint->endpoint, params,
        [op, key, last](NetworkJob *job, QString *next) {
            auto page = DevRev::parseRecordPage(job->body(), key.account, key.type);
            if (!page.ok())
                return page.problem;
            for (const Record &record : std::as_const(page.value.items)) {
                if (record.key.id == key.id) {
                    op->records() = {record};
                    return QString(); // no next cursor: done
                }
            }
            *next = page.value.nextCursor;
            if (next->isEmpty())
                *last = job->makeError(Kind::NotFound,
                                       u"No %1 with id %2 in the list."_s.arg(key.type, key.id));
            return QString();
        },
        [op, last] {
            if (op->records().isEmpty())
                return op->fail(*last);
            op->succeed();
        });
    return op;
}

void DevRevConnector::readAllLinks(ConnectorOperation *op, const QString &objectId,
                                   const QString &linkType,
                                   std::function<void(const LinkList &)> done)
{
    Params params{{u"object"_s, objectId}};
    if (!linkType.isEmpty())
        params.append(
            {u"link_type"_s,
             DevRev::isCustomLinkType(linkType) ? QString(DevRev::CustomLink) : linkType});
    auto result = std::make_shared<LinkList>();
    auto seenLinks = std::make_shared<QSet<QString>>();
    auto seenRecords = std::make_shared<QSet<RecordKey>>();
    readPages(
        op, u"links.list"_s, params,
        [op, result, seenLinks, seenRecords](NetworkJob *job, QString *next) {
            auto page = DevRev::parseLinkPage(job->body(), op->client()->account().id);
            if (!page.ok())
                return page.problem;
            for (const DevRev::Links &links : std::as_const(page.value.items)) {
                for (const Link &link : links.links) {
                    if (!seenLinks->contains(link.vendorLinkId)) {
                        seenLinks->insert(link.vendorLinkId);
                        result->links.append(link);
                    }
                }
                for (const Record &record : links.records) {
                    if (!seenRecords->contains(record.key)) {
                        seenRecords->insert(record.key);
                        result->records.append(record);
                    }
                }
            }
            Q_EMIT op->progress(result->links.size(), -1);
            *next = page.value.nextCursor;
            return QString();
        },
        [result, done = std::move(done)] { done(*result); });
}

ConnectorOperation *DevRevConnector::readLinks(const RecordKey &key, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {key});
    if (op->isRefused())
        return op;
    readAllLinks(op, key.id, {}, [op](const LinkList &found) {
        op->links() = found.links;
        op->records() = found.records;
        op->succeed();
    });
    return op;
}

namespace {

/// Whether `existing` (as DevRev holds it) is the link `wanted` asks for. is_related_to is
/// symmetric in DevRev: B->A is the same link as A->B.
bool isSameLink(const Link &existing, const Link &wanted)
{
    if (existing.type != wanted.type)
        return false;
    if (existing.source == wanted.source && existing.target == wanted.target)
        return true;
    return wanted.type == "is_related_to"_L1 && existing.source == wanted.target
        && existing.target == wanted.source;
}

/// The ends of `link` among `records`.
QList<Record> endsOf(const Link &link, const QList<Record> &records)
{
    QList<Record> ends;
    for (const Record &record : records) {
        if (link.touches(record.key))
            ends.append(record);
    }
    return ends;
}

} // namespace

void DevRevConnector::resolveExisting(ConnectorOperation *op, const Link &link,
                                      ConnectorError error)
{
    readAllLinks(op, link.source.id, link.type,
                 [op, link, error = std::move(error)](const LinkList &found) {
                     for (const Link &existing : found.links) {
                         if (isSameLink(existing, link)) {
                             op->links() = {existing};
                             op->records() = endsOf(existing, found.records);
                             return op->succeed();
                         }
                     }
                     ConnectorError e = error;
                     e.details += u"\nlinks.list of the source shows no such link."_s;
                     op->fail(e);
                 });
}

ConnectorOperation *DevRevConnector::createLink(const Link &link, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {link.source, link.target});
    if (op->isRefused())
        return op;
    if (link.type == DevRev::CustomLink
        || !(DevRev::isTypeName(link.type) || DevRev::isCustomLinkType(link.type))) {
        op->refuse(tr("“%1” is not a DevRev link type.").arg(link.type.left(80)));
        return op;
    }
    sendTo(
        op, "POST", endpointUrl(client(), u"links.create"_s, {}), DevRev::createLinkBody(link),
        [this, op, link](NetworkJob *job) {
            auto made = DevRev::parseLinkAnswer(job->body(), op->client()->account().id);
            if (!made.ok() || made.value.links.size() != 1) {
                // Created, probably, but unreadable: what DevRev holds is the answer.
                return resolveExisting(op, link, job->makeError(Kind::BadResponse, made.problem));
            }
            op->links() = made.value.links;
            op->records() = made.value.records;
            op->succeed();
        },
        [this, op, link](NetworkJob *job) {
            const ConnectorError &error = job->error();
            if (isUnclear(error.kind)) {
                qCInfo(lcDevRev) << "links.create failed unclearly; reading the source's links";
                resolveExisting(op, link, error);
                return true;
            }
            if (error.kind != Kind::Rejected)
                return false;
            const auto refusal = DevRev::parseError(job->body());
            if (!refusal)
                return false;
            if (DevRev::isAlreadyLinked(*refusal)) {
                resolveExisting(op, link, error);
                return true;
            }
            const QString reason = DevRev::refusalReason(*refusal, link);
            if (reason.isEmpty())
                return false;
            ConnectorError e = error;
            e.message = tr("%1 refused the link: %2").arg(who(op->client()), reason)
                + saidByDevRev(job->body());
            op->fail(e);
            return true;
        });
    return op;
}

void DevRevConnector::removeById(ConnectorOperation *op, const Link &link, const QString &id)
{
    sendTo(
        op, "POST", endpointUrl(client(), u"links.delete"_s, {}), DevRev::idBody(id),
        [op](NetworkJob *) { op->succeed(); },
        [this, op, link, id](NetworkJob *job) {
            const ConnectorError &error = job->error();
            if (error.kind == Kind::NotFound) {
                op->succeed(); // already gone, which is what was asked
                return true;
            }
            if (!isUnclear(error.kind))
                return false;
            // Deleted or not? What DevRev holds says.
            readAllLinks(op, link.source.id, {}, [op, id, error](const LinkList &found) {
                const bool there = std::ranges::any_of(
                    found.links, [&id](const Link &l) { return l.vendorLinkId == id; });
                if (there)
                    return op->fail(error);
                op->succeed();
            });
            return true;
        });
}

ConnectorOperation *DevRevConnector::deleteLink(const Link &link, QObject *parent)
{
    ConnectorOperation *op = checked(parent, {link.source, link.target});
    if (op->isRefused())
        return op;
    if (DevRev::isDonId(link.vendorLinkId)) {
        removeById(op, link, link.vendorLinkId);
        return op;
    }
    if (!(DevRev::isTypeName(link.type) || DevRev::isCustomLinkType(link.type))) {
        op->refuse(tr("“%1” is not a DevRev link type.").arg(link.type.left(80)));
        return op;
    }
    readAllLinks(op, link.source.id, link.type, [this, op, link](const LinkList &found) {
        for (const Link &existing : found.links) {
            if (isSameLink(existing, link))
                return removeById(op, existing, existing.vendorLinkId);
        }
        op->succeed(); // not there: nothing to delete
    });
    return op;
}
