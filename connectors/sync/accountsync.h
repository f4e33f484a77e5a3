#pragma once

#include "models/link.h"
#include "models/result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

class Connector;
class ConnectorOperation;
class LinkRepository;

/// A full sync of one account: its link types, every record of every record type the connector
/// offers, then the links of every record, into the LinkRepository. Runs asynchronously; start()
/// once.
///
/// Records of each type are stored when the whole type arrived (one transaction); the links of
/// each record are stored as they arrive (replaceLinksOf for that record, every type), a few
/// records at a time. A failure of one record's links is counted and reported at the end, the
/// others go on; a failure listing records ends the sync (what was stored stays: it is correct,
/// only incomplete). cancel() stops it: finished() follows with a cancelled result.
class AccountSync : public QObject
{
    Q_OBJECT

public:
    /// Records whose links are read at the same time.
    static constexpr int Parallel = 4;
    /// Failed records listed by name in the result's details; the rest are counted.
    static constexpr int MaxListedFailures = 50;

    AccountSync(Connector *connector, LinkRepository *repository, QObject *parent = nullptr);
    ~AccountSync() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    qsizetype recordCount() const { return m_records; }
    qsizetype linkCount() const { return m_links; }
    /// Records whose links could not be read, with the first error's message.
    qsizetype errorCount() const { return m_errors; }
    /// The outcome, once finished(): success, or the error that ended it, or (when records'
    /// links failed) a failure saying how many and the first message.
    const Result &result() const { return m_result; }
    /// "312 records, 1,024 links, 2 errors".
    QString summary() const;

Q_SIGNALS:
    /// `done` of `total` steps (link types, record types, then records); total grows as types
    /// arrive.
    void progress(qsizetype done, qsizetype total, const QString &what);
    void finished();

private:
    void readLinkTypes();
    void nextType();
    void nextLinks();
    void finish(const Result &result);
    void track(ConnectorOperation *operation);

    QPointer<Connector> m_connector;
    QPointer<LinkRepository> m_repository;
    QStringList m_types;
    QList<RecordKey> m_pending; ///< records whose links are still to be read
    QSet<ConnectorOperation *> m_operations;
    qsizetype m_done = 0;
    qsizetype m_total = 0;
    qsizetype m_records = 0;
    qsizetype m_links = 0;
    qsizetype m_errors = 0;
    QString m_firstError;
    QStringList m_failures; ///< "<record>: <message>", the first MaxListedFailures
    QSet<LinkKey> m_seenLinks;
    Result m_result;
    bool m_running = false;
    bool m_finished = false;
};
