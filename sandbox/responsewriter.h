#pragma once

#include "sandbox/sandboxrequest.h"

#include <QObject>

#include <deque>

class QTcpSocket;

/// The standard reason phrase of an HTTP status ("Not Found"), or an empty string.
QLatin1StringView httpReasonPhrase(int status);

/// How one answer travels. The default: all of it, at once, connection kept open.
struct ResponseDelivery
{
    bool answer = true; ///< false: nothing at all is written (drop)
    int delayMs = 0; ///< before the first byte
    double bodyFraction = 1.0; ///< share of the body written (rounded down)
    /// Content-Length announces the whole body even when less of it is written (reset);
    /// false: it announces the bytes written, a complete but cut response (truncate).
    bool announceWholeBody = true;
    qsizetype chunkBytes = 0; ///< > 0: the body in pieces of this size ...
    int chunkDelayMs = 0; ///< ... each one written this long after the one before
    bool abort = false; ///< close the connection once the bytes are out, without an end
};

/// Writes the sandbox's HTTP/1.1 answers on one connection, in the order of its requests, at
/// once or later. Qt 6.4's QHttpServerResponder writes only synchronously, inside
/// handleRequest(); this class writes the raw bytes itself so that an answer can also come late,
/// slowly, cut short or cut off (fault injection, see sandboxfaults.h).
///
/// A writer is a child of its socket: when the client goes away, QAbstractHttpServer deletes
/// the socket, and the writer with its pending answers and timers goes with it. A later answer
/// never overtakes an earlier one on the same connection (pipelined requests stay in order), and
/// a connection answered normally stays open for the next request (keep-alive).
class ResponseWriter : public QObject
{
    Q_OBJECT

public:
    /// Queues `response` on `socket` behind the answers still travelling there; when nothing is
    /// queued and nothing is delayed, it is written before send() returns. `head`: the request
    /// was a HEAD (Content-Length of the body, no body). Does nothing on a closed socket.
    static void send(QTcpSocket *socket, const SandboxResponse &response, bool head,
                     const ResponseDelivery &delivery = {});

private:
    struct Pending
    {
        QByteArray head; ///< status line and headers; empty when there is no answer
        QByteArray body; ///< the body bytes to write
        qsizetype written = 0; ///< of `body`
        ResponseDelivery delivery;
    };

    explicit ResponseWriter(QTcpSocket *socket);
    bool connected() const;
    /// Writes what can be written now; waits on a timer otherwise.
    void pump();
    void wait(int ms);
    void abortWhenWritten();

    QTcpSocket *m_socket;
    std::deque<Pending> m_queue;
    bool m_waiting = false;
};
