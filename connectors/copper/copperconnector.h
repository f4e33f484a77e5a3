#pragma once

#include "connectors/connectorjob.h"
#include "connectors/copper/copperaccount.h"
#include "models/record.h"

#include <QList>
#include <QPointer>
#include <QSet>

#include <functional>

class NetworkJob;
class NetworkManager;

/// A Copper operation for one account: sends Copper's headers (X-PW-AccessToken,
/// X-PW-Application, X-PW-UserEmail, Content-Type) on every request, turns Copper's error bodies
/// into the error message, and checks record keys (vendor, account, type, integer id) before
/// any URL is built: a bad key finishes the job with Kind::Rejected without a request.
class CopperJob : public ConnectorJob
{
    Q_OBJECT

public:
    void abort() override;

protected:
    CopperJob(const CopperAccount &account, NetworkManager *network, QObject *parent);

    const CopperAccount &account() const { return m_account; }
    /// Sends `verb` to baseUrl + `path`; `onSuccess` gets the finished request, a failure
    /// finishes this job with the request's error.
    void send(const QByteArray &verb, const QString &path, const QByteArray &body,
              std::function<void(NetworkJob *)> onSuccess);
    /// The Copper id of `key` when it is a Copper record of this account of a known type;
    /// otherwise finishes the job (later) and returns nullopt.
    std::optional<qint64> checkKey(const RecordKey &key);
    /// Finishes the job (later) because Linkloom refuses to send the request.
    void refuse(const QString &problem);

private:
    CopperAccount m_account;
    QPointer<NetworkManager> m_network;
    QPointer<NetworkJob> m_current;
};

/// Every record of one type (or only those with the given ids), through all pages of
/// POST /{plural}/search, 200 per page, sorted by date_created. Stops at the first page shorter
/// than a full page.
class CopperListJob : public CopperJob
{
    Q_OBJECT

public:
    static constexpr int PageSize = 200;
    /// Copper returns at most 100,000 results; more pages than this is a BadResponse.
    static constexpr int MaxPages = 100'000 / PageSize + 1;

    CopperListJob(const CopperAccount &account, NetworkManager *network, const QString &type,
                  const QStringList &ids, QObject *parent);

    QString type() const { return m_type; }
    /// The records received, in Copper's order, without duplicates. Complete once finished()
    /// came without error.
    const QList<Record> &records() const { return m_records; }
    /// Copper's X-PW-TOTAL (an upper bound), -1 when it did not say.
    qint64 total() const { return m_total; }

Q_SIGNALS:
    void progress(qsizetype received, qint64 total);

private:
    void requestPage();

    QString m_type;
    QList<QList<qint64>> m_idChunks; ///< one empty chunk for "all records"
    int m_page = 1;
    QList<Record> m_records;
    QSet<QString> m_seen;
    qint64 m_total = -1;
};

/// GET /{plural}/{id}/related: the keys of every record related to one record.
class CopperRelatedJob : public CopperJob
{
    Q_OBJECT

public:
    CopperRelatedJob(const CopperAccount &account, NetworkManager *network, const RecordKey &record,
                     QObject *parent);

    RecordKey record() const { return m_record; }
    const QList<RecordKey> &related() const { return m_related; }

private:
    RecordKey m_record;
    QList<RecordKey> m_related;
};

/// POST (relate) or DELETE (unrelate) /{plural}/{id}/related {"resource":{id,type}}.
class CopperRelateJob : public CopperJob
{
    Q_OBJECT

public:
    enum class Action { Relate, Unrelate };

    CopperRelateJob(const CopperAccount &account, NetworkManager *network, Action action,
                    const RecordKey &record, const RecordKey &other, QObject *parent);

    Action action() const { return m_action; }
    /// Whether Copper reported a change ("added"/"removed" true).
    bool changed() const { return m_changed; }

private:
    Action m_action;
    bool m_changed = false;
};

/// Copper's Related Items API for one account. Each call returns a running job, owned by
/// `parent` (the connector when null): delete it once it finished.
class CopperConnector : public QObject
{
    Q_OBJECT

public:
    CopperConnector(const CopperAccount &account, NetworkManager *network,
                    QObject *parent = nullptr);

    const CopperAccount &account() const { return m_account; }
    /// New credentials or address for the same account; jobs already running keep the old ones.
    void setAccount(const CopperAccount &account) { m_account = account; }

    /// Every record of `type` (singular), or only those whose ids are given.
    CopperListJob *listRecords(const QString &type, const QStringList &ids = {},
                               QObject *parent = nullptr);
    CopperRelatedJob *related(const RecordKey &record, QObject *parent = nullptr);
    CopperRelateJob *relate(const RecordKey &record, const RecordKey &other,
                            QObject *parent = nullptr);
    CopperRelateJob *unrelate(const RecordKey &record, const RecordKey &other,
                              QObject *parent = nullptr);

private:
    QObject *owner(QObject *parent) { return parent ? parent : this; }

    CopperAccount m_account;
    QPointer<NetworkManager> m_network;
};
