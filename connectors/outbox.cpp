#include "connectors/outbox.h"

#include "connectors/connector.h"
#include "models/linkrepository.h"
#include "models/vendor.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcOutbox, "linkloom.outbox")

using Kind = ConnectorError::Kind;

/// The vendor could not answer now (unreachable, timed out, overloaded, rate-limited): the
/// change waits and is tried again.
bool isTransient(const ConnectorError &error)
{
    return error.kind == Kind::Unreachable || error.kind == Kind::Timeout
        || error.kind == Kind::Server || error.kind == Kind::RateLimited
        || error.kind == Kind::Cancelled;
}

bool holds(const QList<Link> &links, const LinkKey &key)
{
    return std::any_of(links.cbegin(), links.cend(),
                       [&key](const Link &link) { return link.key() == key; });
}

} // namespace

Outbox::Outbox(LinkRepository *repository, ConnectorLookup connectors, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_connectors(std::move(connectors))
{
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setTimerType(Qt::PreciseTimer); // never before the pause is over
    connect(&m_retryTimer, &QTimer::timeout, this, &Outbox::pump);
    connect(m_repository, &LinkRepository::intentsChanged, this, [this] {
        Q_EMIT unsentChanged(unsentCount());
        // A new or retried intent goes out once the current change is recorded.
        QMetaObject::invokeMethod(this, &Outbox::pump, Qt::QueuedConnection);
    });
    connect(m_repository, &LinkRepository::resetDone, this, [this] {
        m_reconciled.clear();
        QMetaObject::invokeMethod(this, &Outbox::pump, Qt::QueuedConnection);
    });
}

Outbox::~Outbox() = default;

void Outbox::start()
{
    m_running = true;
    pump();
}

void Outbox::stop()
{
    m_running = false;
    m_retryTimer.stop();
}

Result Outbox::addLink(const Link &link, qint64 reverses, qint64 *id)
{
    return enqueue(Intent::Kind::AddLink, link, reverses, id);
}

Result Outbox::removeLink(const Link &link, qint64 reverses, qint64 *id)
{
    return enqueue(Intent::Kind::RemoveLink, link, reverses, id);
}

Result Outbox::enqueue(Intent::Kind kind, const Link &link, qint64 reverses, qint64 *id)
{
    Intent intent;
    intent.kind = kind;
    intent.link = link;
    intent.reverses = reverses;
    const Result result = m_repository->addIntent(intent);
    if (result && id)
        *id = intent.id;
    return result;
}

Result Outbox::retry(qint64 id)
{
    if (const auto intent = m_repository->intent(id))
        m_backoff.remove(accountOf(*intent)); // the user asks now: no more waiting
    return m_repository->setIntentState(id, Intent::State::Pending);
}

Result Outbox::discard(qint64 id)
{
    return m_repository->setIntentState(id, Intent::State::Discarded);
}

int Outbox::unsentCount() const
{
    return int(m_repository->openIntents().size());
}

void Outbox::setRetryDelays(int firstMs, int maxMs)
{
    m_firstRetryMs = qMax(1, firstMs);
    m_maxRetryMs = qMax(m_firstRetryMs, maxMs);
}

QString Outbox::accountOf(const Intent &intent)
{
    return vendorId(intent.link.source.vendor) + u'/' + intent.link.source.account;
}

void Outbox::pump()
{
    if (!m_running || m_pumping || !m_repository->isOpen())
        return;
    m_pumping = true; // the repository's signals come back here while states are written
    QSet<QString> busy;
    for (const QString &account : std::as_const(m_inFlight))
        busy.insert(account);
    bool waiting = false;
    qint64 wakeInMs = -1; // the end of the shortest pause of an account that waits
    for (const Intent &intent : m_repository->openIntents()) {
        const QString account = accountOf(intent);
        if (m_inFlight.contains(intent.id) || intent.state == Intent::State::Failed)
            continue;
        if (busy.contains(account)) {
            waiting = true;
            continue;
        }
        if (const auto backoff = m_backoff.constFind(account);
            backoff != m_backoff.cend() && !backoff->until.hasExpired()) {
            waiting = true; // the retry timer comes back for it
            const qint64 remaining = backoff->until.remainingTime();
            wakeInMs = wakeInMs < 0 ? remaining : qMin(wakeInMs, remaining);
            continue;
        }
        Connector *connector = m_connectors(intent.link.source.vendor, intent.link.source.account);
        if (!connector)
            continue; // not connected: it waits for the account
        busy.insert(account);
        if (intent.state == Intent::State::Sending && !m_reconciled.contains(intent.id))
            reconcile(intent, connector);
        else
            send(intent, connector);
    }
    m_pumping = false;
    if (wakeInMs >= 0 && (!m_retryTimer.isActive() || m_retryTimer.remainingTime() > wakeInMs))
        m_retryTimer.start(int(wakeInMs) + 1); // just past the deadline
    if (m_inFlight.isEmpty() && !waiting)
        Q_EMIT idle();
}

void Outbox::send(const Intent &intent, Connector *connector)
{
    if (intent.state != Intent::State::Sending) {
        // Written before the request leaves: a crash from here on is settled by reading.
        if (const Result marked = m_repository->setIntentState(intent.id, Intent::State::Sending);
            !marked) {
            qCWarning(lcOutbox) << "intent" << intent.id << marked.message() << marked.details();
            return;
        }
    }
    m_reconciled.insert(intent.id);
    const bool adding = intent.kind == Intent::Kind::AddLink;
    ConnectorOperation *operation = adding ? connector->createLink(intent.link, this)
                                           : connector->deleteLink(intent.link, this);
    m_inFlight.insert(intent.id, accountOf(intent));
    connect(operation, &ConnectorJob::finished, this, [this, operation, intent, adding] {
        operation->deleteLater();
        m_inFlight.remove(intent.id);
        const ConnectorError &error = operation->error();
        if (!error.isError()) {
            m_backoff.remove(accountOf(intent));
            const QString vendorLinkId = adding && !operation->links().isEmpty()
                ? operation->links().first().vendorLinkId
                : QString();
            settle(intent.id, Intent::State::Confirmed, {}, vendorLinkId);
        } else if (isTransient(error) && intent.attempts + 1 < MaxAutomaticAttempts) {
            // Not known to have arrived: read before sending again (the connector's writes
            // are safe to repeat, and the read proves it).
            m_reconciled.remove(intent.id);
            waitAndRetry(accountOf(intent));
        } else if (isTransient(error)) {
            settle(intent.id, Intent::State::Failed,
                   tr("%1 Linkloom tried %n time(s); retry when %2 is reachable again.", nullptr,
                      MaxAutomaticAttempts)
                       .arg(error.message, vendorDisplayName(intent.link.source.vendor)));
        } else {
            settle(intent.id, Intent::State::Failed, error.message);
        }
        pump();
    });
}

void Outbox::reconcile(const Intent &intent, Connector *connector)
{
    ConnectorOperation *operation = connector->readLinks(intent.link.source, this);
    m_inFlight.insert(intent.id, accountOf(intent));
    connect(operation, &ConnectorJob::finished, this, [this, operation, intent] {
        operation->deleteLater();
        m_inFlight.remove(intent.id);
        const ConnectorError &error = operation->error();
        if (error.isError()) {
            if (isTransient(error)) {
                waitAndRetry(accountOf(intent));
            } else {
                settle(intent.id, Intent::State::Failed,
                       tr("Linkloom could not find out whether this change reached %1: %2")
                           .arg(vendorDisplayName(intent.link.source.vendor), error.message));
            }
            pump();
            return;
        }
        m_backoff.remove(accountOf(intent));
        m_reconciled.insert(intent.id);
        const bool present = holds(operation->links(), intent.link.key());
        const bool adding = intent.kind == Intent::Kind::AddLink;
        if (present == adding) {
            qCInfo(lcOutbox) << "intent" << intent.id << "had reached the vendor";
            const QString vendorLinkId = [&] {
                for (const Link &link : operation->links()) {
                    if (link.key() == intent.link.key())
                        return link.vendorLinkId;
                }
                return QString();
            }();
            settle(intent.id, Intent::State::Confirmed,
                   tr("%1 already had this change when Linkloom checked; it was not sent again.")
                       .arg(vendorDisplayName(intent.link.source.vendor)),
                   adding ? vendorLinkId : QString());
        } else if (const Result again
                   = m_repository->setIntentState(intent.id, Intent::State::Pending);
                   !again) {
            qCWarning(lcOutbox) << "intent" << intent.id << again.message() << again.details();
        }
        pump();
    });
}

void Outbox::waitAndRetry(const QString &account)
{
    Backoff &backoff = m_backoff[account];
    backoff.nextMs = backoff.nextMs == 0 ? m_firstRetryMs : qMin(backoff.nextMs * 2, m_maxRetryMs);
    backoff.until = QDeadlineTimer(backoff.nextMs);
    qCInfo(lcOutbox) << account << "is unreachable; its changes are tried again in"
                     << backoff.nextMs << "ms";
    // pump(), which follows, sets the retry timer for the end of the pause.
}

void Outbox::settle(qint64 id, Intent::State state, const QString &message,
                    const QString &vendorLinkId)
{
    if (const Result written = m_repository->setIntentState(id, state, message, vendorLinkId);
        !written) {
        qCWarning(lcOutbox) << "intent" << id << written.message() << written.details();
        return;
    }
    Q_EMIT intentSettled(id, state == Intent::State::Confirmed, message);
}
