#include "portable/portableconnection.h"

#include "transport/wslogging.h"

#include <QtCore/QTimer>
#include <QtWebSockets/QWebSocket>

namespace collab::server {

PortableConnection::PortableConnection(QWebSocket *socket, quint64 id, const WsLimits &limits, QObject *parent)
    : TransportConnection(parent), m_socket(socket), m_id(id), m_limits(limits), m_peer(socket->peerAddress())
{
    socket->setParent(this);
    socket->setMaxAllowedIncomingFrameSize(quint64(limits.maxFrameSize));
    socket->setMaxAllowedIncomingMessageSize(quint64(limits.maxMessageSize));
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_sawTraffic = true;
        if (m_state == State::Open)
            Q_EMIT textReceived(text.toUtf8());
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &) {
        m_sawTraffic = true;
        fail(CloseCode::UnsupportedData, QStringLiteral("binary frames are not supported"));
    });
    connect(socket, &QWebSocket::pong, this, [this] {
        m_sawTraffic = true;
        m_pingOutstanding = false;
    });
    connect(socket, &QWebSocket::bytesWritten, this, &PortableConnection::onBytesWritten);
    connect(socket, &QWebSocket::disconnected, this, &PortableConnection::finish);
    if (socket->state() != QAbstractSocket::ConnectedState) // gone before we were made
        QMetaObject::invokeMethod(this, &PortableConnection::finish, Qt::QueuedConnection);
}

PortableConnection::~PortableConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

qint64 PortableConnection::queuedBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void PortableConnection::send(const QString &text, Delivery delivery)
{
    if (m_state != State::Open || !m_socket)
        return;
    const qint64 queued = m_socket->bytesToWrite() - m_bulkBytes;
    if (delivery == Delivery::Droppable && queued > m_limits.sendQueueSoftLimit) {
        ++m_dropped;
        return;
    }
    // UTF-16 length as a lower bound of the UTF-8 size: no conversion just to check.
    if (queued > 0 && queued + text.size() > m_limits.sendQueueHardLimit) {
        qCInfo(lcWs) << "portable connection" << m_id << "closed: send queue over" << m_limits.sendQueueHardLimit << "bytes";
        fail(CloseCode::SlowConsumer, QStringLiteral("send queue overflow: client too slow"));
        return;
    }
    m_socket->sendTextMessage(text);
}

void PortableConnection::sendText(const QByteArray &utf8)
{
    if (utf8.size() > m_limits.bulkFragmentSize)
        return sendBulk(QString::fromUtf8(utf8), utf8.size());
    send(QString::fromUtf8(utf8));
}

void PortableConnection::sendTextParts(const QByteArrayList &parts)
{
    qsizetype size = 0;
    for (const QByteArray &part : parts)
        size += part.size();
    QString text;
    text.reserve(size);
    for (const QByteArray &part : parts)
        text += QString::fromUtf8(part);
    if (size > m_limits.bulkFragmentSize)
        return sendBulk(text, size);
    send(text);
}

void PortableConnection::sendBulk(const QString &text, qint64 size)
{
    if (m_state != State::Open || !m_socket)
        return;
    if (int(m_bulk.size()) >= m_limits.maxBulkReplies) {
        qCInfo(lcWs) << "portable connection" << m_id << "closed: more than" << m_limits.maxBulkReplies << "large replies waiting";
        fail(CloseCode::SlowConsumer, QStringLiteral("too many large replies waiting: client too slow"));
        return;
    }
    m_bulk.push_back(size);
    m_bulkBytes += size;
    m_socket->sendTextMessage(text);
}

// Bytes written are counted against the big replies first (they were queued whole): a slow
// reader still falls over the hard limit with what it does not read after them.
void PortableConnection::onBytesWritten(qint64 bytes)
{
    m_sawTraffic = true;
    while (bytes > 0 && !m_bulk.empty()) {
        const qint64 take = qMin(bytes, m_bulk.front());
        m_bulk.front() -= take;
        m_bulkBytes -= take;
        bytes -= take;
        if (m_bulk.front() == 0)
            m_bulk.pop_front();
    }
    if (m_socket && m_socket->bytesToWrite() == 0) {
        m_bulk.clear();
        m_bulkBytes = 0;
    }
}

void PortableConnection::close(quint16 code, const QString &reason)
{
    if (m_state != State::Open || !m_socket)
        return;
    m_state = State::Closing;
    m_closeCode = code;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    // The peer has closeTimeoutMs to answer our close frame.
    QTimer::singleShot(m_limits.closeTimeoutMs, this, [socket = m_socket] {
        if (socket)
            socket->abort();
    });
}

void PortableConnection::fail(quint16 code, const QString &reason)
{
    close(code, reason);
}

void PortableConnection::heartbeat()
{
    if (m_state != State::Open || !m_socket)
        return;
    if (m_sawTraffic) {
        m_sawTraffic = false;
        m_pingOutstanding = false;
        return;
    }
    if (m_pingOutstanding) {
        fail(CloseCode::GoingAway, QStringLiteral("no answer to ping"));
        return;
    }
    m_pingOutstanding = true;
    m_socket->ping();
}

void PortableConnection::shutDown()
{
    if (m_socket) {
        if (m_state == State::Open)
            m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
        m_socket->flush();
    }
}

void PortableConnection::finish()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    if (m_closeCode == 0 && m_socket)
        m_closeCode = quint16(m_socket->closeCode());
    m_state = State::Closed;
    // Always from the event loop, never from inside a send or a close (as the engine's closed()).
    QMetaObject::invokeMethod(this, [this] { Q_EMIT closed(); }, Qt::QueuedConnection);
}

} // namespace collab::server
