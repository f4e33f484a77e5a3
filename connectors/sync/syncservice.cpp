#include "connectors/sync/syncservice.h"

#include "connectors/connector.h"
#include "connectors/networkmanager.h"
#include "models/linkrepository.h"

#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

Result noRepository()
{
    return Result::failure(SyncService::tr("No workspace is open. Open or create a workspace, "
                                           "then refresh."));
}

/// At most this many records are read one by one for their titles after a record's links.
constexpr int MaxStubReads = 50;

} // namespace

SyncService::SyncService(LinkRepository *repository, NetworkManager *network, QObject *parent)
    : RecordSource(parent)
    , m_repository(repository)
    , m_network(network)
{ }

SyncService::~SyncService() = default;

void SyncService::addConnector(Connector *connector)
{
    const AccountConfig &config = connector->account();
    if (Connector *existing = this->connector(config.vendor, config.id)) {
        m_connectors.replace(m_connectors.indexOf(existing), connector);
        existing->deleteLater();
    } else {
        m_connectors.append(connector);
    }
    connector->setParent(this);
    Q_EMIT accountsChanged();
}

void SyncService::removeConnector(Vendor vendor, const QString &account)
{
    Connector *existing = connector(vendor, account);
    if (!existing)
        return;
    m_connectors.removeOne(existing);
    existing->deleteLater();
    Q_EMIT accountsChanged();
}

Connector *SyncService::connector(Vendor vendor, const QString &account) const
{
    for (Connector *c : m_connectors) {
        if (c->account().vendor == vendor && c->account().id == account)
            return c;
    }
    return nullptr;
}

QList<AccountInfo> SyncService::accounts() const
{
    QList<AccountInfo> list;
    for (const Connector *c : m_connectors) {
        const AccountConfig &config = c->account();
        list.append({config.vendor, config.id, config.name(), c->recordTypes()});
    }
    return list;
}

bool SyncService::isOffline(Vendor vendor, const QString &account) const
{
    return m_offline.contains(vendorId(vendor) + u'|' + account);
}

void SyncService::noteReachability(Vendor vendor, const QString &account,
                                   const ConnectorError &error)
{
    using Kind = ConnectorError::Kind;
    if (error.kind == Kind::Cancelled)
        return;
    const QString id = vendorId(vendor) + u'|' + account;
    const bool offline = error.kind == Kind::Unreachable || error.kind == Kind::Timeout;
    if (offline == m_offline.contains(id))
        return;
    if (offline)
        m_offline.insert(id);
    else
        m_offline.remove(id);
    Q_EMIT offlineChanged(vendor, account, offline);
}

int SyncService::activeRequests() const
{
    return int(m_running.size());
}

bool SyncService::begin(const QString &request)
{
    if (m_running.contains(request))
        return false;
    m_running.insert(request);
    Q_EMIT activityChanged(activeRequests());
    return true;
}

void SyncService::end(const QString &request)
{
    if (m_running.remove(request))
        Q_EMIT activityChanged(activeRequests());
}

Connector *SyncService::connectorFor(Vendor vendor, const QString &account,
                                     const std::function<void(const Result &)> &fail)
{
    Connector *found = connector(vendor, account);
    if (!found) {
        const Result result = Result::failure(
            tr("Linkloom has no %1 account “%2”. Add it in the account settings, then refresh.")
                .arg(vendorDisplayName(vendor), account));
        QTimer::singleShot(0, this, [fail, result] { fail(result); });
    }
    return found;
}

void SyncService::fetchRecords(Vendor vendor, const QString &account, const QString &type)
{
    const QString request = u"records|%1|%2|%3"_s.arg(vendorId(vendor), account, type);
    if (!begin(request))
        return;
    const auto done = [this, request, vendor, account, type](const Result &result) {
        end(request);
        Q_EMIT recordsFetched(vendor, account, type, result);
    };
    Connector *connector = connectorFor(vendor, account, done);
    if (!connector)
        return;

    ConnectorOperation *op = connector->listRecords(type, this);
    connect(op, &ConnectorJob::finished, this, [this, op, done, vendor, account, type] {
        op->deleteLater();
        noteReachability(vendor, account, op->error());
        if (op->error().isError())
            return done(op->error().toResult());
        if (!m_repository)
            return done(noRepository());
        Result stored = m_repository->upsertRecords(op->records());
        if (stored)
            stored
                = m_repository->markSynced(vendor, account, type, QDateTime::currentDateTimeUtc());
        done(stored);
    });
}

void SyncService::fetchLinks(const RecordKey &record)
{
    const QString request = u"links|"_s + record.toString();
    if (!begin(request))
        return;
    const auto done = [this, request, record](const Result &result) {
        end(request);
        Q_EMIT linksFetched(record, result);
    };
    Connector *connector = connectorFor(record.vendor, record.account, done);
    if (!connector)
        return;

    fetchLinkTypesOnce(connector);
    ConnectorOperation *op = connector->readLinks(record, this);
    connect(op, &ConnectorJob::finished, this, [this, op, done, record, request, connector] {
        op->deleteLater();
        noteReachability(record.vendor, record.account, op->error());
        if (op->error().isError())
            return done(op->error().toResult());
        if (!m_repository)
            return done(noRepository());
        // What the answers said about the other ends, where the workspace knows less.
        QList<Record> known;
        for (const Record &other : op->records()) {
            const auto stored = m_repository->record(other.key);
            if (!other.title.isEmpty() && (!stored || stored->title.isEmpty()))
                known.append(other);
        }
        if (!known.isEmpty()) {
            if (const Result stored = m_repository->upsertRecords(known); !stored)
                return done(stored);
        }
        const Result stored = m_repository->replaceLinksOf(record, QString(), op->links());
        if (!stored)
            return done(stored);
        fetchStubs(record, request, connector, op->links());
    });
}

void SyncService::fetchLinkTypesOnce(Connector *connector)
{
    const AccountConfig &account = connector->account();
    const QString request = u"linktypes|"_s + vendorId(account.vendor) + u'|' + account.id;
    if (m_linkTypesRead.contains(request))
        return;
    m_linkTypesRead.insert(request); // in the background: not counted in activeRequests()
    ConnectorOperation *op = connector->listLinkTypes(this);
    connect(op, &ConnectorJob::finished, this, [this, op, request, account] {
        op->deleteLater();
        if (op->error().isError()) {
            // Not fatal: links show with their type ids until the labels are known.
            m_linkTypesRead.remove(request);
            return;
        }
        if (m_repository)
            m_repository->saveLinkTypes(account.vendor, account.id, op->linkTypes());
    });
}

void SyncService::fetchStubs(const RecordKey &record, const QString &request, Connector *connector,
                             const QList<Link> &links)
{
    QList<RecordKey> stubs; // records without a title yet
    for (const Link &link : links) {
        const RecordKey other = link.otherEnd(record);
        const auto known = m_repository->record(other);
        if ((!known || known->title.isEmpty()) && !stubs.contains(other)
            && stubs.size() < MaxStubReads) {
            stubs.append(other);
        }
    }

    struct Pending
    {
        qsizetype operations = 0;
        QList<Record> records;
        Result result;
    };
    const auto pending = std::make_shared<Pending>();
    pending->operations = stubs.size();
    // Titles that arrived are stored even when another read failed; the first failure is
    // reported (the links themselves are stored already).
    const auto done = [this, request, record, pending] {
        Result stored;
        if (!pending->records.isEmpty())
            stored = m_repository ? m_repository->upsertRecords(pending->records) : noRepository();
        end(request);
        Q_EMIT linksFetched(record, pending->result ? stored : pending->result);
    };
    if (stubs.isEmpty())
        return done();

    for (const RecordKey &stub : std::as_const(stubs)) {
        ConnectorOperation *op = connector->readRecord(stub, this);
        connect(op, &ConnectorJob::finished, this, [op, pending, done] {
            op->deleteLater();
            if (!op->error().isError())
                pending->records += op->records();
            else if (pending->result && op->error().kind != ConnectorError::Kind::NotFound)
                pending->result = op->error().toResult();
            if (--pending->operations == 0)
                done();
        });
    }
}
