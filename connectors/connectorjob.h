#pragma once

#include "connectors/connectorerror.h"

#include <QObject>

/// Base of the typed jobs the connectors return (one vendor operation, possibly several HTTP
/// requests). finished() is emitted exactly once, with error() set, never from inside the call
/// that created the job (abort() is the one exception: it finishes at once); the subclass then
/// holds the typed result.
///
/// Owned by its parent (the connector unless the caller passes one): delete it (deleteLater())
/// once finished() was handled. Deleting a running job aborts its requests.
class ConnectorJob : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    bool isFinished() const { return m_finished; }
    const ConnectorError &error() const { return m_error; }
    /// Stops the operation; finished() follows with ConnectorError::Kind::Cancelled.
    virtual void abort() = 0;

Q_SIGNALS:
    void finished();

protected:
    /// Ends the job: sets error() and emits finished() (ignored after the first call).
    void finish(const ConnectorError &error = {});
    /// The same from the event loop, for failures found before any request was sent.
    void finishLater(const ConnectorError &error);

private:
    ConnectorError m_error;
    bool m_finished = false;
};
