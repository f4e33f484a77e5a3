#include "sandbox/responsewriter.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr std::pair<int, QLatin1StringView> ReasonPhrases[] = {
    {200, "OK"_L1},
    {201, "Created"_L1},
    {202, "Accepted"_L1},
    {204, "No Content"_L1},
    {301, "Moved Permanently"_L1},
    {302, "Found"_L1},
    {303, "See Other"_L1},
    {304, "Not Modified"_L1},
    {307, "Temporary Redirect"_L1},
    {308, "Permanent Redirect"_L1},
    {400, "Bad Request"_L1},
    {401, "Unauthorized"_L1},
    {403, "Forbidden"_L1},
    {404, "Not Found"_L1},
    {405, "Method Not Allowed"_L1},
    {406, "Not Acceptable"_L1},
    {408, "Request Timeout"_L1},
    {409, "Conflict"_L1},
    {410, "Gone"_L1},
    {411, "Length Required"_L1},
    {412, "Precondition Failed"_L1},
    {413, "Payload Too Large"_L1},
    {415, "Unsupported Media Type"_L1},
    {422, "Unprocessable Entity"_L1},
    {423, "Locked"_L1},
    {428, "Precondition Required"_L1},
    {429, "Too Many Requests"_L1},
    {500, "Internal Server Error"_L1},
    {501, "Not Implemented"_L1},
    {502, "Bad Gateway"_L1},
    {503, "Service Unavailable"_L1},
    {504, "Gateway Timeout"_L1},
};

/// RFC 9110 15.3.5/15.4.5: these carry no body and no Content-Length.
bool hasNoContent(int status)
{
    return status == 204 || status == 304 || (status >= 100 && status < 200);
}

QByteArray responseHead(const SandboxResponse &response, qsizetype contentLength)
{
    const QLatin1StringView reason = httpReasonPhrase(response.status);
    QByteArray head = "HTTP/1.1 "_ba;
    head.append(QByteArray::number(response.status))
        .append(' ')
        .append(reason.data(), reason.size());
    head.append("\r\n");
    for (const auto &[name, value] : response.headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            head.append(name).append(": ").append(value).append("\r\n");
    }
    if (!hasNoContent(response.status))
        head.append("Content-Length: ").append(QByteArray::number(contentLength)).append("\r\n");
    return head.append("\r\n");
}

} // namespace

QLatin1StringView httpReasonPhrase(int status)
{
    const auto *found
        = std::ranges::find(ReasonPhrases, status, &std::pair<int, QLatin1StringView>::first);
    return found == std::end(ReasonPhrases) ? QLatin1StringView() : found->second;
}

ResponseWriter::ResponseWriter(QTcpSocket *socket)
    : QObject(socket)
    , m_socket(socket)
{ }

bool ResponseWriter::connected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void ResponseWriter::send(QTcpSocket *socket, const SandboxResponse &response, bool head,
                          const ResponseDelivery &delivery)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    auto *writer = socket->findChild<ResponseWriter *>(QString(), Qt::FindDirectChildrenOnly);
    if (!writer)
        writer = new ResponseWriter(socket);

    const qsizetype whole = response.body.size();
    const qsizetype kept = std::clamp<qsizetype>(
        qsizetype(std::floor(double(whole) * delivery.bodyFraction)), 0, whole);
    Pending pending{{}, {}, 0, delivery};
    if (delivery.answer) {
        pending.head = responseHead(response, delivery.announceWholeBody ? whole : kept);
        if (!head && !hasNoContent(response.status))
            pending.body = response.body.first(kept);
    }
    writer->m_queue.push_back(std::move(pending));
    writer->pump();
}

void ResponseWriter::pump()
{
    while (!m_waiting && !m_queue.empty()) {
        if (!connected()) {
            m_queue.clear();
            return;
        }
        Pending &next = m_queue.front();
        ResponseDelivery &delivery = next.delivery;
        if (delivery.delayMs > 0)
            return wait(std::exchange(delivery.delayMs, 0));
        const bool trickle = delivery.chunkBytes > 0;
        if (!next.head.isEmpty()) {
            m_socket->write(std::exchange(next.head, {}));
            if (trickle && !next.body.isEmpty())
                return wait(delivery.chunkDelayMs);
        }
        if (next.written < next.body.size()) {
            const qsizetype left = next.body.size() - next.written;
            const qsizetype size = trickle ? std::min(delivery.chunkBytes, left) : left;
            m_socket->write(next.body.constData() + next.written, size);
            next.written += size;
            if (next.written < next.body.size())
                return wait(delivery.chunkDelayMs);
        }
        const bool abort = delivery.abort;
        m_queue.pop_front();
        if (abort)
            return abortWhenWritten();
    }
}

void ResponseWriter::wait(int ms)
{
    m_waiting = true;
    QTimer::singleShot(ms, this, [this] {
        m_waiting = false;
        pump();
    });
}

void ResponseWriter::abortWhenWritten()
{
    // Nothing more is written on this connection; abort() drops unwritten bytes, so it waits
    // until the kernel has taken all of them.
    m_waiting = true;
    m_queue.clear();
    m_socket->flush();
    if (m_socket->bytesToWrite() == 0) {
        m_socket->abort();
        return;
    }
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_socket->bytesToWrite() == 0)
            QMetaObject::invokeMethod(m_socket, &QAbstractSocket::abort, Qt::QueuedConnection);
    });
}
