#include "portable/portabletransport.h"

#include "portable/portableconnection.h"
#include "portable/sockethttpconnections.h"
#include "rest/httpfrontend.h"
#include "transport/handshake.h"
#include "transport/wslogging.h"
#include "ws/coursefanout.h"

#include <QtCore/QDeadlineTimer>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <vector>

namespace collab::server {

namespace {

qint64 nowMs() { return QDeadlineTimer::current().deadline(); }

} // namespace

PortableTransport::PortableTransport(HttpFrontend &http, const WsLimits &limits, QObject *parent)
    : Transport(parent), m_http(http), m_limits(limits), m_pendingPerAddress(limits.maxPendingPerAddress)
{
    http.setExchangesFactory(SocketHttpConnections::factory());
    m_webSockets = new QWebSocketServer(QStringLiteral("CourseCollab"), QWebSocketServer::NonSecureMode, this);
    m_webSockets->setMaxPendingConnections(limits.maxPendingConnections);
    m_webSockets->setHandshakeTimeout(limits.handshakeTimeoutMs);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &PortableTransport::upgraded);

    m_handshakeTimer.setInterval(qBound(10, limits.handshakeTimeoutMs / 4, 1000));
    connect(&m_handshakeTimer, &QTimer::timeout, this, &PortableTransport::expireHandshakes);
    if (limits.pingIntervalMs > 0) {
        m_heartbeatTimer.setInterval(limits.pingIntervalMs);
        connect(&m_heartbeatTimer, &QTimer::timeout, this, &PortableTransport::heartbeat);
    }
}

PortableTransport::~PortableTransport()
{
    if (m_server)
        m_server->close();
    for (PortableConnection *connection : m_connections)
        connection->shutDown();
    const std::vector<PortableConnection *> connections(m_connections.begin(), m_connections.end());
    m_connections.clear();
    qDeleteAll(connections);
    for (auto &entry : m_pending) {
        entry.first->disconnect(this);
        entry.first->abort();
        delete entry.first;
    }
    m_pending.clear();
}

void PortableTransport::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
    if (auto *ssl = qobject_cast<QSslServer *>(m_server)) // a reload: new connections use it
        ssl->setSslConfiguration(configuration);
}

bool PortableTransport::listen(const QHostAddress &address, quint16 port)
{
    if (m_tls) {
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(*m_tls);
        ssl->setHandshakeTimeout(m_limits.handshakeTimeoutMs);
        // A TLS handshake in progress counts as a socket not classified yet (maxPendingPerAddress).
        connect(ssl, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *socket) {
            if (!admit(socket, socket->peerAddress()))
                return;
            connect(socket, &QObject::destroyed, this, [this, socket] { forget(socket); });
        });
        m_server = ssl;
    } else {
        m_server = new QTcpServer(this);
    }
    m_server->setMaxPendingConnections(m_limits.maxPendingConnections);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &PortableTransport::acceptPending);
    if (!m_server->listen(address, port)) {
        m_error = m_server->errorString();
        return false;
    }
    m_handshakeTimer.start();
    if (m_limits.pingIntervalMs > 0)
        m_heartbeatTimer.start();
    return true;
}

quint16 PortableTransport::port() const { return m_server ? m_server->serverPort() : 0; }

std::unique_ptr<CourseFanout> PortableTransport::createFanout() const
{
    return std::make_unique<CourseFanoutOf<PortableConnection>>();
}

void PortableTransport::acceptPending()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        const QHostAddress peer = socket->peerAddress();
        auto counted = m_pending.find(socket); // TLS: counted when its handshake started
        if (counted == m_pending.end()) {
            if (!admit(socket, peer))
                continue;
        } else {
            socket->disconnect(this); // the destroyed() watch of the handshake
        }
        Pending &pending = m_pending[socket];
        pending.deadlineMs = nowMs() + m_limits.handshakeTimeoutMs;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { classify(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            forget(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            classify(socket);
    }
}

bool PortableTransport::admit(QTcpSocket *socket, const QHostAddress &peer)
{
    if (!m_pendingPerAddress.tryAcquire(peer)) {
        ++m_pendingRefused;
        qCInfo(lcWs) << "connection from" << peer.toString() << "refused: too many not classified yet";
        socket->disconnect(this);
        socket->abort();
        if (qobject_cast<QSslSocket *>(socket) && socket->parent() != this)
            return false; // QSslServer's own (handshake in progress): it deletes it
        socket->deleteLater();
        return false;
    }
    m_pending.emplace(socket, Pending{peer, nowMs() + m_limits.handshakeTimeoutMs, -1, true});
    return true;
}

void PortableTransport::forget(QTcpSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    if (it->second.counted)
        m_pendingPerAddress.release(it->second.peer);
    m_pending.erase(it);
}

void PortableTransport::classify(QTcpSocket *socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    if (it->second.firstByteMs < 0)
        it->second.firstByteMs = nowMs();
    const QByteArray head = socket->peek(m_limits.maxHandshakeSize + 1);
    switch (Handshake::sniff(head)) {
    case Handshake::Sniff::NotOurs:
        return toHttp(socket, it->second.firstByteMs);
    case Handshake::Sniff::Undecided:
        return;
    case Handshake::Sniff::Ours:
        break;
    }
    const qsizetype end = Handshake::headEnd(head);
    if (end < 0) {
        if (head.size() > m_limits.maxHandshakeSize)
            rejectUpgrade(socket, QByteArrayLiteral("request head too large"));
        return;
    }
    const Handshake::Result result = Handshake::validate(QByteArrayView(head).first(end), "/ws");
    if (!result.ok)
        return rejectUpgrade(socket, result.error);
    // Valid: QWebSocketServer reads the same head again and answers 101.
    forget(socket);
    socket->disconnect(this);
    m_webSockets->handleConnection(socket);
}

void PortableTransport::rejectUpgrade(QTcpSocket *socket, const QByteArray &reason)
{
    qCInfo(lcWs) << "upgrade from" << socket->peerAddress().toString() << "refused:" << reason;
    forget(socket);
    socket->disconnect(this);
    socket->write(Handshake::badRequest(reason));
    socket->disconnectFromHost(); // after the answer is written
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

// Not a WebSocket upgrade: the socket (its first bytes unread) moves to the HTTP thread.
void PortableTransport::toHttp(QTcpSocket *socket, qint64 firstByteMs)
{
    const QHostAddress peer = m_pending.at(socket).peer;
    forget(socket);
    socket->disconnect(this);
    socket->setParent(nullptr);
    socket->moveToThread(m_http.thread());
    const bool posted = m_http.post([socket, peer, firstByteMs](HttpExchanges &exchanges) {
        static_cast<SocketHttpConnections &>(exchanges).take(socket, peer, firstByteMs);
    });
    if (!posted) // not started: nobody serves HTTP (the socket is in a thread that does not run)
        QMetaObject::invokeMethod(socket, [socket] { delete socket; }, Qt::QueuedConnection);
}

void PortableTransport::upgraded()
{
    while (QWebSocket *socket = m_webSockets->nextPendingConnection()) {
        auto *connection = new PortableConnection(socket, m_nextId++, m_limits, this);
        m_connections.insert(connection);
        connect(connection, &TransportConnection::closed, this, [this, connection] {
            m_connections.erase(connection);
            connection->deleteLater();
        });
        Q_EMIT newConnection(connection);
    }
}

void PortableTransport::expireHandshakes()
{
    const qint64 now = nowMs();
    std::vector<QTcpSocket *> expired;
    for (const auto &entry : m_pending)
        if (entry.second.deadlineMs <= now && entry.first->parent() == this)
            expired.push_back(entry.first);
    for (QTcpSocket *socket : expired) {
        forget(socket);
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void PortableTransport::heartbeat()
{
    for (PortableConnection *connection : m_connections)
        connection->heartbeat();
}

} // namespace collab::server
