#include "connectors/connectorjob.h"

#include <QTimer>

void ConnectorJob::finish(const ConnectorError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

void ConnectorJob::finishLater(const ConnectorError &error)
{
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}
