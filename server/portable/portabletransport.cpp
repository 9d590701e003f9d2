#include "portable/portabletransport.h"

#include "portable/portableconnection.h"
#include "portable/sockethttpconnections.h"
#include "rest/httpfrontend.h"
#include "rest/httpwire.h"
#include "transport/handshake.h"
#include "transport/wslogging.h"
#include "ws/coursefanout.h"

#include <QtCore/QDeadlineTimer>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <vector>

namespace collab::server {

namespace {

qint64 nowMs() { return QDeadlineTimer::current().deadline(); }

constexpr char TlsHandshakeRecord = 0x16;

// With TLS: every accepted socket is a QSslSocket in server mode, its handshake started only once
// its first byte says it is one (QSslServer would start it at once, and a plain HTTP request
// could then not get the engine's 400 "use https://").
class SslSocketServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (socket->setSocketDescriptor(descriptor))
            addPendingConnection(socket);
        else
            delete socket;
    }
};

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
    m_tls = configuration; // a reload: connections whose handshake starts from now on use it
}

bool PortableTransport::listen(const QHostAddress &address, quint16 port)
{
    m_server = m_tls ? new SslSocketServer(this) : new QTcpServer(this);
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
        // Counted from here until classified; a TLS handshake in progress counts too.
        if (!admit(socket, socket->peerAddress()))
            continue;
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
    if (auto *tls = qobject_cast<QSslSocket *>(socket); tls && !tls->isEncrypted()) {
        if (tls->mode() == QSslSocket::UnencryptedMode)
            sniffTls(tls);
        return; // the handshake is in progress: readyRead comes with the first decrypted bytes
    }
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
    // Frames sent right behind the head (hello and join in the same write) are taken out and put
    // back once the QWebSocket is ours (wakeEarlyFrames): Qt 6.4 decodes buffered frames while
    // it upgrades, before newConnection, where nobody would receive them. ungetChar() puts the
    // head back in front of the socket's buffer, byte by byte, for QWebSocketServer to read.
    const QByteArray all = socket->readAll();
    for (qsizetype i = end - 1; i >= 0; --i)
        socket->ungetChar(all.at(i));
    m_upgrading.push_back(Upgrading{socket, all.mid(end)});
    m_webSockets->handleConnection(socket);
}

// Before its handshake the socket is in unencrypted mode, where peek() leaves the bytes for TLS.
void PortableTransport::sniffTls(QSslSocket *socket)
{
    char first = 0;
    if (socket->peek(&first, 1) != 1)
        return;
    if (first == TlsHandshakeRecord) {
        socket->setSslConfiguration(*m_tls);
        socket->startServerEncryption();
        return;
    }
    if (first >= 'A' && first <= 'Z') { // plain HTTP on the TLS port: the engine's answer
        qCInfo(lcWs) << "plain HTTP from" << socket->peerAddress().toString() << "on the TLS port: refused";
        forget(socket);
        socket->disconnect(this);
        socket->readAll(); // closing with unread input would reset the connection and lose the answer
        socket->write(httpwire::refusal(400, "this port speaks TLS: use https:// or wss://"));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    qCInfo(lcWs) << "connection from" << socket->peerAddress().toString() << "refused: not a TLS handshake";
    forget(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
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
        wakeEarlyFrames(socket);
    }
}

// The early frames of classify() go back into the TCP socket's buffer once the session has
// connected to the new connection, and its readyRead() makes the QWebSocket read them. The socket
// is found by its peer (the QWebSocket does not expose it).
void PortableTransport::wakeEarlyFrames(QWebSocket *webSocket)
{
    for (auto it = m_upgrading.begin(); it != m_upgrading.end();) {
        QTcpSocket *tcp = it->socket.data();
        if (!tcp) {
            it = m_upgrading.erase(it);
            continue;
        }
        if (tcp->peerPort() == webSocket->peerPort() && tcp->peerAddress() == webSocket->peerAddress()) {
            const QByteArray early = it->earlyData;
            m_upgrading.erase(it);
            if (early.isEmpty())
                return;
            for (qsizetype i = early.size() - 1; i >= 0; --i)
                tcp->ungetChar(early.at(i));
            QMetaObject::invokeMethod(tcp, &QTcpSocket::readyRead, Qt::QueuedConnection);
            return;
        }
        ++it;
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
