#include "connectors/copper/copperconnector.h"

#include "connectors/copper/coppermapping.h"
#include "connectors/networkjob.h"
#include "connectors/networkmanager.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

QString accountName(const CopperAccount &account)
{
    return account.displayName.isEmpty() ? account.id : account.displayName;
}

} // namespace

// --- CopperJob -------------------------------------------------------------------------------

CopperJob::CopperJob(const CopperAccount &account, NetworkManager *network, QObject *parent)
    : ConnectorJob(parent)
    , m_account(account)
    , m_network(network)
{ }

void CopperJob::abort()
{
    if (m_current)
        m_current->abort(); // finishes this job through send()'s handler
    if (!isFinished()) {
        ConnectorError e;
        e.kind = ConnectorError::Kind::Cancelled;
        e.message = NetworkJob::messageFor(e.kind, vendorDisplayName(Vendor::Copper),
                                           accountName(m_account));
        finish(e);
    }
}

void CopperJob::refuse(const QString &problem)
{
    ConnectorError e;
    e.kind = ConnectorError::Kind::Rejected;
    e.message = QCoreApplication::translate(
                    "CopperJob",
                    "Linkloom cannot send this request to %1 (account “%2”): a record in it is "
                    "not a record of this account. Refresh the records and try again.")
                    .arg(vendorDisplayName(Vendor::Copper), accountName(m_account));
    e.details = problem;
    finishLater(e);
}

std::optional<qint64> CopperJob::checkKey(const RecordKey &key)
{
    const auto id = Copper::parseId(key.id);
    if (key.vendor != Vendor::Copper || key.account != m_account.id)
        refuse(
            u"Record %1 does not belong to Copper account %2."_s.arg(key.toString(), m_account.id));
    else if (Copper::pluralType(key.type).isEmpty())
        refuse(u"\"%1\" is not a Copper record type with related items."_s.arg(key.type));
    else if (!id)
        refuse(u"\"%1\" is not a Copper id (a positive integer)."_s.arg(key.id.left(40)));
    else
        return id;
    return std::nullopt;
}

void CopperJob::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                     std::function<void(NetworkJob *)> onSuccess)
{
    QUrl url = m_account.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);

    QNetworkRequest request(url);
    request.setRawHeader("X-PW-AccessToken", m_account.apiKey.toUtf8());
    request.setRawHeader("X-PW-Application", "developer_api");
    request.setRawHeader("X-PW-UserEmail", m_account.email.toUtf8());
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json");

    auto *job = new NetworkJob(m_network, verb, request, body, this);
    job->setContext(vendorDisplayName(Vendor::Copper), accountName(m_account));
    job->setErrorBodyParser(&Copper::parseErrorBody);
    job->setSecrets({m_account.apiKey});
    m_current = job;
    connect(job, &NetworkJob::finished, this, [this, job, onSuccess = std::move(onSuccess)] {
        job->deleteLater();
        m_current = nullptr;
        if (job->error().isError())
            finish(job->error());
        else
            onSuccess(job);
    });

    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != "https"_L1 && scheme != "http"_L1)) {
        finishLater(job->makeError(ConnectorError::Kind::Unreachable,
                                   u"The account's address is not an http(s) URL."_s));
        return;
    }
    job->start();
}

// --- CopperListJob ---------------------------------------------------------------------------

CopperListJob::CopperListJob(const CopperAccount &account, NetworkManager *network,
                             const QString &type, const QStringList &ids, QObject *parent)
    : CopperJob(account, network, parent)
    , m_type(type)
{
    if (Copper::pluralType(type).isEmpty()) {
        refuse(u"\"%1\" is not a Copper record type."_s.arg(type));
        return;
    }
    QList<qint64> chunk;
    for (const QString &id : ids) {
        const auto value = Copper::parseId(id);
        if (!value) {
            refuse(u"\"%1\" is not a Copper id (a positive integer)."_s.arg(id.left(40)));
            return;
        }
        chunk.append(*value);
        if (chunk.size() == PageSize)
            m_idChunks.append(std::exchange(chunk, {}));
    }
    if (!chunk.isEmpty() || m_idChunks.isEmpty())
        m_idChunks.append(chunk);
    requestPage();
}

void CopperListJob::requestPage()
{
    const QByteArray body = Copper::searchBody(m_page, PageSize, m_idChunks.first());
    send("POST", u'/' + Copper::pluralType(m_type) + u"/search"_s, body, [this](NetworkJob *job) {
        const auto page = Copper::parseSearchPage(job->body(), account().id, m_type);
        if (!page.ok()) {
            finish(job->makeError(ConnectorError::Kind::BadResponse, page.problem));
            return;
        }
        bool totalOk = false;
        const qint64 total = job->header("X-PW-TOTAL").trimmed().toLongLong(&totalOk);
        if (totalOk && total >= 0 && m_idChunks.size() == 1 && m_idChunks.first().isEmpty())
            m_total = total;
        for (const Record &r : page.value) {
            if (!m_seen.contains(r.key.id)) {
                m_seen.insert(r.key.id);
                m_records.append(r);
            }
        }
        Q_EMIT progress(m_records.size(), m_total);

        if (page.value.size() < PageSize) {
            m_idChunks.removeFirst();
            m_page = 1;
            if (m_idChunks.isEmpty()) {
                finish();
                return;
            }
        } else if (++m_page > MaxPages) {
            finish(job->makeError(ConnectorError::Kind::BadResponse,
                                  u"More than %1 full pages of results."_s.arg(MaxPages)));
            return;
        }
        requestPage();
    });
}

// --- CopperRelatedJob ------------------------------------------------------------------------

CopperRelatedJob::CopperRelatedJob(const CopperAccount &account, NetworkManager *network,
                                   const RecordKey &record, QObject *parent)
    : CopperJob(account, network, parent)
    , m_record(record)
{
    const auto id = checkKey(record);
    if (!id)
        return;
    const QString path = u"/%1/%2/related"_s.arg(Copper::pluralType(record.type)).arg(*id);
    send("GET", path, {}, [this](NetworkJob *job) {
        auto related = Copper::parseRelated(job->body(), this->account().id);
        if (!related.ok()) {
            finish(job->makeError(ConnectorError::Kind::BadResponse, related.problem));
            return;
        }
        m_related = std::move(related.value);
        finish();
    });
}

// --- CopperRelateJob -------------------------------------------------------------------------

CopperRelateJob::CopperRelateJob(const CopperAccount &account, NetworkManager *network,
                                 Action action, const RecordKey &record, const RecordKey &other,
                                 QObject *parent)
    : CopperJob(account, network, parent)
    , m_action(action)
{
    const auto id = checkKey(record);
    const auto otherId = id ? checkKey(other) : std::nullopt;
    if (!id || !otherId)
        return;
    const bool relate = action == Action::Relate;
    const QString path = u"/%1/%2/related"_s.arg(Copper::pluralType(record.type)).arg(*id);
    send(relate ? "POST" : "DELETE", path, Copper::relatedResourceBody(*otherId, other.type),
         [this, relate](NetworkJob *job) {
             const auto answer
                 = Copper::parseRelateAnswer(job->body(), relate ? u"added" : u"removed");
             if (!answer.ok()) {
                 finish(job->makeError(ConnectorError::Kind::BadResponse, answer.problem));
                 return;
             }
             m_changed = answer.value;
             finish();
         });
}

// --- CopperConnector -------------------------------------------------------------------------

CopperConnector::CopperConnector(const CopperAccount &account, NetworkManager *network,
                                 QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_network(network)
{ }

CopperListJob *CopperConnector::listRecords(const QString &type, const QStringList &ids,
                                            QObject *parent)
{
    return new CopperListJob(m_account, m_network, type, ids, owner(parent));
}

CopperRelatedJob *CopperConnector::related(const RecordKey &record, QObject *parent)
{
    return new CopperRelatedJob(m_account, m_network, record, owner(parent));
}

CopperRelateJob *CopperConnector::relate(const RecordKey &record, const RecordKey &other,
                                         QObject *parent)
{
    return new CopperRelateJob(m_account, m_network, CopperRelateJob::Action::Relate, record, other,
                               owner(parent));
}

CopperRelateJob *CopperConnector::unrelate(const RecordKey &record, const RecordKey &other,
                                           QObject *parent)
{
    return new CopperRelateJob(m_account, m_network, CopperRelateJob::Action::Unrelate, record,
                               other, owner(parent));
}
