#include "transport/requestsizeguard.h"

#include <QtCore/QTimer>
#include <QtNetwork/QTcpSocket>

#include <sys/socket.h>

namespace collab::server {

namespace {

// The value of a header in a request head (case-insensitive name), or a null QByteArray. Runs
// twice per REST request: it walks the head in place instead of splitting it into lines.
QByteArray headerValue(const QByteArray &head, QByteArrayView name)
{
    qsizetype start = 0;
    while (start < head.size()) {
        qsizetype end = head.indexOf('\n', start);
        if (end < 0)
            end = head.size();
        const QByteArrayView line(head.constData() + start, end - start);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
        start = end + 1;
    }
    return {};
}

} // namespace

RequestSizeGuard::RequestSizeGuard(QTcpSocket *socket, qint64 maxBodyBytes)
    : QObject(socket), m_socket(socket), m_maxBody(maxBodyBytes)
{
    // Connected before QHttpServer connects (the socket is not handed over yet): this slot sees
    // every chunk of bytes before QHttpServer reads it.
    connect(socket, &QTcpSocket::readyRead, this, &RequestSizeGuard::onReadyRead);
}

void RequestSizeGuard::onReadyRead()
{
    if (m_rejected) {
        // Lingering close: the rest of the body is read and dropped (never buffered) for a moment,
        // so that closing does not reset the connection before the client has read the answer.
        m_drained += m_socket->readAll().size();
        if (m_drained > MaxDrainBytes)
            m_socket->abort();
        return;
    }
    consume(m_socket->peek(m_socket->bytesAvailable()));
}

void RequestSizeGuard::consume(const QByteArray &bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size() && !m_rejected) {
        if (m_bodyLeft > 0) {
            const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size() - pos);
            m_bodyLeft -= take;
            pos += take;
            continue;
        }
        const qsizetype before = m_head.size();
        m_head += bytes.mid(pos);
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_head.size() > MaxHeadBytes)
                reject(431, "Request Header Fields Too Large", "the request head is over 16 KiB");
            return;
        }
        pos += end + 4 - before; // the bytes after the head belong to its body (or the next request)
        const QByteArray head = m_head.left(end);
        m_head.clear();
        if (head.size() > MaxHeadBytes)
            return reject(431, "Request Header Fields Too Large", "the request head is over 16 KiB");
        if (headerValue(head, "transfer-encoding").toLower().contains("chunked"))
            return reject(411, "Length Required", "send the body with a Content-Length, not chunked");
        bool ok = true;
        const QByteArray length = headerValue(head, "content-length");
        m_bodyLeft = length.isNull() ? 0 : length.toLongLong(&ok);
        if (!ok || m_bodyLeft < 0)
            return reject(400, "Bad Request", "invalid Content-Length");
        if (m_bodyLeft > m_maxBody)
            return reject(413, "Payload Too Large", "the request body is over 64 KiB");
    }
}

void RequestSizeGuard::reject(int status, const char *reason, const char *message)
{
    m_rejected = true;
    const QByteArray body = QByteArray(R"({"error":{"code":")") + (status == 413 || status == 431 ? "too_large" : "bad_request")
                            + R"(","message":")" + message + R"("}})";
    m_socket->readAll(); // QHttpServer's slot, next, finds nothing to parse
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                    + "\r\nConnection: close\r\n\r\n" + body);
    m_socket->flush();
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR); // the answer, then FIN; reading goes on
    QTimer::singleShot(DrainMs, m_socket, [socket = m_socket] { socket->abort(); });
}

} // namespace collab::server
