#pragma once

// A loopback HTTP/1.1 server for network tests: answers each request with what `responder`
// returns (a whole raw response), or never answers (`silent`), and records what it received.

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

class FakeHttpServer
{
public:
    using Responder = std::function<QByteArray(const QByteArray &request)>;

    FakeHttpServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [this, socket] { onReadyRead(socket); });
            }
        });
    }

    static QByteArray response(int status, const QByteArray &body,
                               const QList<QByteArray> &headers = {}, bool contentLength = true)
    {
        QByteArray raw
            = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\nConnection: close\r\n";
        if (contentLength)
            raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        for (const QByteArray &h : headers)
            raw += h + "\r\n";
        return raw + "\r\n" + body;
    }

    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &pathAndQuery = QString()) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()) + pathAndQuery);
    }

    Responder responder = [](const QByteArray &) { return response(200, "[]"); };
    bool silent = false; ///< accept connections and never answer
    bool answerAtOnce = false; ///< answer the first bytes received (not HTTP, e.g. a TLS hello)
    QList<QByteArray> requests;
    int connections = 0;

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (silent)
            return;
        if (!answerAtOnce) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < headerEnd + 4 + length)
                return;
        }
        requests.append(buffer);
        socket->write(responder(buffer));
        socket->disconnectFromHost();
        m_buffers.remove(socket);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
