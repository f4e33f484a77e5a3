#include "connectors/sync/accountsync.h"

#include "connectors/connector.h"
#include "models/linkrepository.h"

#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

AccountSync::AccountSync(Connector *connector, LinkRepository *repository, QObject *parent)
    : QObject(parent)
    , m_connector(connector)
    , m_repository(repository)
{ }

AccountSync::~AccountSync()
{
    for (ConnectorOperation *operation : std::as_const(m_operations))
        operation->disconnect(this);
    qDeleteAll(m_operations);
}

void AccountSync::start()
{
    if (m_running || m_finished)
        return;
    m_running = true;
    if (!m_connector || !m_repository) {
        QTimer::singleShot(0, this, [this] {
            finish(Result::failure(tr("The account or the workspace is gone.")));
        });
        return;
    }
    for (const RecordTypeInfo &type : m_connector->recordTypes())
        m_types.append(type.type);
    m_total = m_types.size() + 1; // the link types first
    QTimer::singleShot(0, this, &AccountSync::readLinkTypes);
}

void AccountSync::readLinkTypes()
{
    if (!m_running)
        return;
    ConnectorOperation *operation = m_connector->listLinkTypes(nullptr);
    track(operation);
    Q_EMIT progress(m_done, m_total, tr("Reading the link types…"));
    connect(operation, &ConnectorJob::finished, this, [this, operation] {
        m_operations.remove(operation);
        operation->deleteLater();
        if (operation->error().isError())
            return finish(operation->error().toResult());
        const AccountConfig &account = m_connector->account();
        if (const Result stored
            = m_repository->saveLinkTypes(account.vendor, account.id, operation->linkTypes());
            !stored) {
            return finish(stored);
        }
        ++m_done;
        nextType();
    });
}

void AccountSync::cancel()
{
    if (!m_running)
        return;
    for (ConnectorOperation *operation : std::as_const(m_operations))
        operation->disconnect(this);
    qDeleteAll(m_operations); // aborts their requests
    m_operations.clear();
    finish(Result::failure(tr("The sync was cancelled. What was read so far is kept.")));
}

QString AccountSync::summary() const
{
    const QLocale locale;
    QString text
        = tr("%1 records, %2 links").arg(locale.toString(m_records), locale.toString(m_links));
    if (m_errors > 0)
        text += tr(", %n error(s)", nullptr, int(m_errors));
    return text;
}

void AccountSync::track(ConnectorOperation *operation)
{
    m_operations.insert(operation);
}

void AccountSync::nextType()
{
    if (!m_running)
        return;
    if (m_types.isEmpty()) {
        nextLinks();
        return;
    }
    const QString type = m_types.takeFirst();
    ConnectorOperation *operation = m_connector->listRecords(type, nullptr);
    track(operation);
    Q_EMIT progress(m_done, m_total, tr("Reading %1…").arg(type));
    connect(operation, &ConnectorJob::finished, this, [this, operation, type] {
        m_operations.remove(operation);
        operation->deleteLater();
        if (operation->error().isError())
            return finish(operation->error().toResult());
        if (const Result stored = m_repository->upsertRecords(operation->records()); !stored)
            return finish(stored);
        const AccountConfig &account = m_connector->account();
        if (const Result marked = m_repository->markSynced(account.vendor, account.id, type,
                                                           QDateTime::currentDateTimeUtc());
            !marked) {
            return finish(marked);
        }
        for (const Record &record : operation->records())
            m_pending.append(record.key);
        m_records += operation->records().size();
        m_total += operation->records().size();
        ++m_done;
        nextType();
    });
}

void AccountSync::nextLinks()
{
    if (!m_running)
        return;
    while (!m_pending.isEmpty() && m_operations.size() < Parallel) {
        const RecordKey record = m_pending.takeFirst();
        ConnectorOperation *operation = m_connector->readLinks(record, nullptr);
        track(operation);
        connect(operation, &ConnectorJob::finished, this, [this, operation, record] {
            m_operations.remove(operation);
            operation->deleteLater();
            ++m_done;
            if (operation->error().isError()) {
                if (m_errors++ == 0)
                    m_firstError = operation->error().message;
                if (m_failures.size() < MaxListedFailures) {
                    m_failures.append(
                        tr("%1 %2: %3").arg(record.type, record.id, operation->error().message));
                }
            } else if (const Result stored
                       = m_repository->replaceLinksOf(record, QString(), operation->links());
                       !stored) {
                return finish(stored);
            } else {
                for (const Link &link : operation->links()) {
                    if (!m_seenLinks.contains(link.key())) {
                        m_seenLinks.insert(link.key());
                        ++m_links;
                    }
                }
            }
            Q_EMIT progress(m_done, m_total, tr("Reading links…"));
            nextLinks();
        });
    }
    if (m_pending.isEmpty() && m_operations.isEmpty()) {
        QString details = m_failures.join(u'\n');
        if (m_errors > m_failures.size())
            details += u'\n' + tr("… and %n more", nullptr, int(m_errors - m_failures.size()));
        finish(m_errors == 0 ? Result::success()
                             : Result::failure(
                                 tr("%n record(s) could not be read: %1", nullptr, int(m_errors))
                                     .arg(m_firstError),
                                 tr("The links of these records could not be read (the rest were "
                                    "stored; sync again to retry them):\n%1")
                                     .arg(details)));
    }
}

void AccountSync::finish(const Result &result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_running = false;
    m_result = result;
    Q_EMIT finished();
}
