#include "connectors/connector.h"

#include "connectors/networkjob.h"
#include "connectors/networkmanager.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

// --- VendorClient ----------------------------------------------------------------------------

VendorClient::VendorClient(AccountConfig account, NetworkManager *network, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_network(network)
{ }

NetworkManager *VendorClient::network() const
{
    return m_network;
}

QUrl VendorClient::url(const QString &pathAndQuery) const
{
    QUrl url = m_account.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    const qsizetype question = pathAndQuery.indexOf(u'?');
    url.setPath(basePath + pathAndQuery.left(question), QUrl::DecodedMode);
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1), QUrl::DecodedMode);
    return url;
}

bool VendorClient::isOwnOrigin(const QUrl &url) const
{
    const QUrl &base = m_account.baseUrl;
    return url.isValid() && url.scheme() == base.scheme()
        && url.host().compare(base.host(), Qt::CaseInsensitive) == 0
        && url.port(url.scheme() == "https"_L1 ? 443 : 80)
        == base.port(base.scheme() == "https"_L1 ? 443 : 80)
        && url.userInfo().isEmpty();
}

void VendorClient::observe(const NetworkJob &) { }

void VendorClient::setRequestRate(int perWindow, qint64 windowMs)
{
    m_ratePerWindow = perWindow;
    m_rateWindowMs = windowMs;
    m_sent.clear();
    m_clock.start();
}

int VendorClient::reserveSlot()
{
    if (m_ratePerWindow <= 0 || m_rateWindowMs <= 0)
        return 0;
    const qint64 now = m_clock.elapsed();
    while (!m_sent.empty() && m_sent.front() <= now - m_rateWindowMs)
        m_sent.pop_front();
    if (qsizetype(m_sent.size()) < m_ratePerWindow) {
        m_sent.push_back(now);
        return 0;
    }
    return int(m_sent.front() + m_rateWindowMs - now) + 1;
}

// --- ConnectorOperation ----------------------------------------------------------------------

ConnectorOperation::ConnectorOperation(VendorClient *client, QObject *parent)
    : ConnectorJob(parent)
    , m_client(client)
{ }

void ConnectorOperation::abort()
{
    if (m_current)
        m_current->abort(); // finishes this operation through send()'s handler
    if (!isFinished()) {
        ConnectorError e;
        e.kind = ConnectorError::Kind::Cancelled;
        const AccountConfig account = m_client ? m_client->account() : AccountConfig();
        e.message
            = NetworkJob::messageFor(e.kind, vendorDisplayName(account.vendor), account.name());
        finish(e);
    }
}

void ConnectorOperation::refuse(const QString &problem)
{
    if (m_refused || isFinished())
        return;
    m_refused = true;
    const AccountConfig account = m_client ? m_client->account() : AccountConfig();
    ConnectorError e;
    e.kind = ConnectorError::Kind::Rejected;
    e.message
        = QCoreApplication::translate("ConnectorOperation",
                                      "Linkloom cannot send this request to %1 (account “%2”): %3")
              .arg(vendorDisplayName(account.vendor), account.name(), problem);
    e.details = problem;
    finishLater(e);
}

void ConnectorOperation::badResponse(const NetworkJob &job, const QString &problem)
{
    const ConnectorError error = job.makeError(ConnectorError::Kind::BadResponse, problem);
    if (!(m_handling && retry(error)))
        finish(error);
}

void ConnectorOperation::send(const QByteArray &verb, const QString &pathAndQuery,
                              const QByteArray &body, std::function<void(NetworkJob *)> onSuccess,
                              FailureHandler onFailure)
{
    send(verb, m_client ? m_client->url(pathAndQuery) : QUrl(), body, std::move(onSuccess),
         std::move(onFailure));
}

void ConnectorOperation::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                              std::function<void(NetworkJob *)> onSuccess, FailureHandler onFailure)
{
    start({verb, url, body, std::move(onSuccess), std::move(onFailure), 1});
}

bool ConnectorOperation::retry(const ConnectorError &error)
{
    using Kind = ConnectorError::Kind;
    if (!m_client || m_last.verb != "GET" || isFinished())
        return false;
    if (error.kind == Kind::Unauthorized && m_client->renewsCredentials() && !m_last.renewed) {
        // The token was refused and has been dropped: authorize() gets a fresh one.
        Request again = m_last;
        again.renewed = true;
        Q_EMIT retrying(error, 0);
        QTimer::singleShot(0, this, [this, again = std::move(again)]() mutable {
            if (!isFinished())
                start(std::move(again));
        });
        return true;
    }
    const bool passing = error.kind == Kind::RateLimited || error.kind == Kind::Server
        || error.kind == Kind::Timeout || error.kind == Kind::BadResponse
        || error.kind == Kind::Unreachable;
    const VendorClient::RetryPolicy &policy = m_client->retryPolicy();
    if (!passing || m_last.attempt >= policy.maxAttempts)
        return false;
    int delayMs = 0;
    if (error.retryAfterSeconds) {
        if (*error.retryAfterSeconds > policy.maxRetryAfterSeconds)
            return false;
        delayMs = *error.retryAfterSeconds * 1000;
    } else {
        const int exponential
            = std::min(policy.maxDelayMs, policy.baseDelayMs << std::min(m_last.attempt - 1, 16));
        const int jitter = exponential / 4;
        delayMs = exponential - jitter
            + (jitter > 0 ? int(QRandomGenerator::global()->bounded(2 * jitter + 1)) : 0);
    }
    Request again = m_last;
    ++again.attempt;
    Q_EMIT retrying(error, delayMs);
    QTimer::singleShot(delayMs, this, [this, again = std::move(again)]() mutable {
        if (!isFinished())
            start(std::move(again));
    });
    return true;
}

void ConnectorOperation::start(Request next)
{
    if (isFinished() || m_refused)
        return;
    VendorClient *client = m_client;
    if (!client || !client->network()) {
        refuse(u"the account was removed while the request was waiting."_s);
        return;
    }
    if (const int waitMs = client->reserveSlot(); waitMs > 0) {
        // The account's request rate is used up: this request goes when a slot is free.
        QTimer::singleShot(waitMs, this,
                           [this, next = std::move(next)]() mutable { start(std::move(next)); });
        return;
    }
    const AccountConfig &account = client->account();
    const QUrl &url = next.url;
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != "https"_L1 && scheme != "http"_L1)) {
        ConnectorError e;
        e.kind = ConnectorError::Kind::Unreachable;
        e.message = QCoreApplication::translate(
                        "ConnectorOperation",
                        "The address of %1 account “%2” is not an http(s) URL. Correct it in "
                        "the account settings.")
                        .arg(vendorDisplayName(account.vendor), account.name());
        e.details = NetworkJob::redactedUrl(url);
        finishLater(e);
        return;
    }
    if (!client->isOwnOrigin(url)) {
        ConnectorError e;
        e.kind = ConnectorError::Kind::Redirect;
        e.message = QCoreApplication::translate(
                        "ConnectorOperation",
                        "%1 (account “%2”) pointed Linkloom to another server. Linkloom does not "
                        "send your credentials there; check the account's address.")
                        .arg(vendorDisplayName(account.vendor), account.name());
        e.details = NetworkJob::redactedUrl(url);
        finishLater(e);
        return;
    }

    QNetworkRequest request(url);
    m_last = std::move(next); // `url` refers into `next`: used above, not below
    request.setRawHeader("Accept", "application/json");
    client->authorize(
        request, this, [this](const QNetworkRequest &authorized, const ConnectorError &error) {
            if (isFinished())
                return;
            if (error.isError()) {
                finish(error);
                return;
            }
            VendorClient *vendor = m_client;
            if (!vendor || !vendor->network()) {
                refuse(u"the account was removed while the request was waiting."_s);
                return;
            }
            auto *job
                = new NetworkJob(vendor->network(), m_last.verb, authorized, m_last.body, this);
            job->setContext(vendorDisplayName(vendor->account().vendor), vendor->account().name());
            job->setErrorBodyParser([vendor = QPointer(vendor)](const QByteArray &answer) {
                return vendor ? vendor->parseErrorBody(answer) : QString();
            });
            job->setSecrets(vendor->secrets());
            m_current = job;
            connect(job, &NetworkJob::finished, this, [this, job] {
                job->deleteLater();
                m_current = nullptr;
                if (m_client)
                    m_client->observe(*job);
                if (job->error().isError()) {
                    if (retry(job->error()))
                        return;
                    const auto onFailure = m_last.onFailure;
                    if (!onFailure || !onFailure(job))
                        finish(job->error());
                    return;
                }
                const auto onSuccess = m_last.onSuccess; // it may send() again
                m_handling = true;
                onSuccess(job);
                m_handling = false;
            });
            job->start();
        });
}

// --- Connector -------------------------------------------------------------------------------

Connector::Connector(VendorClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    if (client && !client->parent())
        client->setParent(this);
}

ConnectorOperation *Connector::operation(QObject *parent, std::initializer_list<RecordKey> keys)
{
    auto *op = new ConnectorOperation(m_client, owner(parent));
    const AccountConfig &config = account();
    for (const RecordKey &key : keys) {
        if (key.vendor != config.vendor || key.account != config.id || !key.isValid()) {
            op->refuse(QCoreApplication::translate(
                           "Connector",
                           "record %1 is not a record of this account. Refresh the "
                           "records and try again.")
                           .arg(key.toString()));
            break;
        }
    }
    return op;
}

std::optional<RecordKey> Connector::sharedEnd(const Link &a, const Link &b)
{
    const bool source = a.source == b.source || a.source == b.target;
    const bool target = a.target == b.source || a.target == b.target;
    if (source == target) // none, or both (the same two records)
        return std::nullopt;
    return source ? a.source : a.target;
}

ConnectorOperation *Connector::moveLink(const Link &from, const Link &to, QObject *parent)
{
    ConnectorOperation *op = operation(parent, {from.source, from.target, to.source, to.target});
    if (op->isRefused())
        return op;
    const std::optional<RecordKey> shared = sharedEnd(from, to);
    if (!shared) {
        op->refuse(tr("a link is moved to another link of one of its records; these two links "
                      "share no record, or both."));
        return op;
    }
    // A step still running when the move is aborted is aborted too.
    const auto abortWith = [op](ConnectorOperation *step) {
        connect(op, &ConnectorJob::finished, step, [step] {
            if (!step->isFinished())
                step->abort();
        });
    };
    ConnectorOperation *add = createLink(to, op);
    abortWith(add);
    connect(add, &ConnectorJob::finished, op, [this, op, add, from, to, shared, abortWith] {
        add->deleteLater();
        if (op->isFinished())
            return;
        if (add->error().isError())
            return op->fail(add->error()); // nothing changed
        op->links() = add->links();
        ConnectorOperation *remove = deleteLink(from, op);
        abortWith(remove);
        connect(remove, &ConnectorJob::finished, op, [op, remove, from, to, shared] {
            remove->deleteLater();
            if (op->isFinished())
                return;
            if (!remove->error().isError())
                return op->succeed();
            const auto name
                = [](const RecordKey &key) -> QString { return key.type + u' ' + key.id; };
            ConnectorError error = remove->error();
            error.message
                = tr("%1 is now linked to %2, but its link to %3 could not be removed, so both "
                     "may be there: %4 Remove the link to %3 again.")
                      .arg(name(*shared), name(to.otherEnd(*shared)), name(from.otherEnd(*shared)),
                           remove->error().message);
            op->fail(error);
        });
    });
    return op;
}
