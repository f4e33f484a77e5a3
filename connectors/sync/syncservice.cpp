#include "connectors/sync/syncservice.h"

#include "connectors/copper/copperconnector.h"
#include "connectors/copper/coppermapping.h"
#include "connectors/networkmanager.h"
#include "models/linkrepository.h"

#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const auto RelatedLinkType = u"related"_s;

QString copperTypeLabel(const QString &type)
{
    static const QHash<QString, const char *> labels{
        {u"company"_s, QT_TRANSLATE_NOOP("SyncService", "Companies")},
        {u"person"_s, QT_TRANSLATE_NOOP("SyncService", "People")},
        {u"opportunity"_s, QT_TRANSLATE_NOOP("SyncService", "Opportunities")},
        {u"project"_s, QT_TRANSLATE_NOOP("SyncService", "Projects")},
        {u"task"_s, QT_TRANSLATE_NOOP("SyncService", "Tasks")},
        {u"lead"_s, QT_TRANSLATE_NOOP("SyncService", "Leads")},
    };
    return SyncService::tr(labels.value(type, ""));
}

Result noRepository()
{
    return Result::failure(SyncService::tr("No workspace is open. Open or create a workspace, "
                                           "then refresh."));
}

} // namespace

SyncService::SyncService(LinkRepository *repository, NetworkManager *network, QObject *parent)
    : RecordSource(parent)
    , m_repository(repository)
    , m_network(network)
{ }

SyncService::~SyncService() = default;

void SyncService::addCopperAccount(const CopperAccount &account)
{
    if (CopperConnector *existing = copperConnector(account.id))
        existing->setAccount(account);
    else
        m_copper.append(new CopperConnector(account, m_network, this));
    Q_EMIT accountsChanged();
}

CopperConnector *SyncService::copperConnector(const QString &account) const
{
    for (CopperConnector *c : m_copper) {
        if (c->account().id == account)
            return c;
    }
    return nullptr;
}

QList<AccountInfo> SyncService::accounts() const
{
    QList<AccountInfo> list;
    for (const CopperConnector *c : m_copper) {
        AccountInfo info{Vendor::Copper, c->account().id, c->account().displayName, {}};
        for (const QString &type : Copper::recordTypes())
            info.recordTypes.append({type, copperTypeLabel(type)});
        list.append(info);
    }
    return list;
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

CopperConnector *SyncService::connectorFor(Vendor vendor, const QString &account,
                                           const std::function<void(const Result &)> &fail)
{
    CopperConnector *connector = vendor == Vendor::Copper ? copperConnector(account) : nullptr;
    if (!connector) {
        const Result result = Result::failure(
            tr("Linkloom has no %1 account “%2”. Add it in the account settings, then refresh.")
                .arg(vendorDisplayName(vendor), account));
        QTimer::singleShot(0, this, [fail, result] { fail(result); });
    }
    return connector;
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
    CopperConnector *connector = connectorFor(vendor, account, done);
    if (!connector)
        return;

    CopperListJob *job = connector->listRecords(type, {}, this);
    connect(job, &ConnectorJob::finished, this, [this, job, done] {
        job->deleteLater();
        if (job->error().isError())
            done(job->error().toResult());
        else
            done(m_repository ? m_repository->upsertRecords(job->records()) : noRepository());
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
    CopperConnector *connector = connectorFor(record.vendor, record.account, done);
    if (!connector)
        return;

    CopperRelatedJob *job = connector->related(record, this);
    connect(job, &ConnectorJob::finished, this, [this, job, done, record, request, connector] {
        job->deleteLater();
        if (job->error().isError())
            return done(job->error().toResult());
        if (!m_repository)
            return done(noRepository());
        QList<Link> links;
        for (const RecordKey &other : job->related())
            links.append(Link{record,
                              other,
                              RelatedLinkType,
                              LinkDirection::Undirected,
                              {},
                              LinkState::Confirmed,
                              {}});
        const Result stored = m_repository->replaceLinksOf(record, RelatedLinkType, links);
        if (!stored)
            return done(stored);
        fetchStubs(record, request, connector, job->related());
    });
}

void SyncService::fetchStubs(const RecordKey &record, const QString &request,
                             CopperConnector *connector, const QList<RecordKey> &related)
{
    QHash<QString, QStringList> stubIds; // type -> ids of records without a title yet
    for (const RecordKey &key : related) {
        const auto known = m_repository->record(key);
        if (!known || known->title.isEmpty())
            stubIds[key.type].append(key.id);
    }

    struct Pending
    {
        qsizetype jobs = 0;
        QList<Record> records;
        Result result;
    };
    const auto pending = std::make_shared<Pending>();
    pending->jobs = stubIds.size();
    // Titles that arrived are stored even when another type failed; the first failure is
    // reported (the links themselves are stored already).
    const auto done = [this, request, record, pending] {
        Result stored;
        if (!pending->records.isEmpty())
            stored = m_repository ? m_repository->upsertRecords(pending->records) : noRepository();
        end(request);
        Q_EMIT linksFetched(record, pending->result ? stored : pending->result);
    };
    if (stubIds.isEmpty())
        return done();

    for (auto it = stubIds.cbegin(); it != stubIds.cend(); ++it) {
        CopperListJob *job = connector->listRecords(it.key(), it.value(), this);
        connect(job, &ConnectorJob::finished, this, [job, pending, done] {
            job->deleteLater();
            if (!job->error().isError())
                pending->records += job->records();
            else if (pending->result)
                pending->result = job->error().toResult();
            if (--pending->jobs == 0)
                done();
        });
    }
}
