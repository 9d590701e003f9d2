#include "transport/wslistener.h"

#include "rest/httpdate.h"
#include "transport/handoffserver.h"
#include "transport/handshake.h"
#include "transport/tlsbridge.h"
#include "transport/wsconnection.h"
#include "transport/wscontext.h"
#include "transport/wslogging.h"

#include <QtCore/QDeadlineTimer>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fcntl.h>

namespace collab::server {

namespace {

constexpr int ReadBufferSize = 64 * 1024;
constexpr int SuspendBackoffMs = 5;

qint64 nowMs()
{
    return QDeadlineTimer::current().deadline();
}

QHostAddress peerOf(int fd)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    QHostAddress peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        peer.setAddress(reinterpret_cast<const sockaddr *>(&address));
    return peer;
}

// Best effort, for tiny responses on a fresh socket whose kernel buffer is empty.
void writeAndClose(int fd, const QByteArray &bytes)
{
    [[maybe_unused]] const ssize_t n = ::send(fd, bytes.constData(), size_t(bytes.size()),
                                              MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
}

} // namespace

WsListener::WsListener(HttpHandoff httpHandoff, const WsLimits &limits, QObject *parent)
    : QObject(parent), m_httpHandoff(std::move(httpHandoff)), m_context(std::make_unique<WsContext>()),
      m_pendingPerAddress(limits.maxPendingPerAddress)
{
    m_context->limits = limits;
    m_context->reactor = new Reactor(this);
    m_context->scheduler = new FlushScheduler(this);
    m_context->readBuffer = QByteArray(ReadBufferSize, Qt::Uninitialized);

    m_handshakeTimer.setInterval(1000);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &WsListener::expireHandshakes);
    if (limits.pingIntervalMs > 0) {
        m_heartbeatTimer.setInterval(limits.pingIntervalMs);
        connect(&m_heartbeatTimer, &QTimer::timeout, this, &WsListener::heartbeat);
        m_heartbeatTimer.start();
    }
}

WsListener::~WsListener()
{
    if (m_tcp) {
        m_tcp->detach();
        m_tcp->close();
    }
    // Connections use the context: delete them before it goes (QObject would do it later).
    const auto children = findChildren<WsConnection *>(Qt::FindDirectChildrenOnly);
    for (WsConnection *connection : children) {
        connection->abort(CloseCode::GoingAway, QByteArrayLiteral("server shutting down"));
        delete connection;
    }
    for (auto &entry : m_pending)
        ::close(entry.first->takeFd());
    // Their end of the handshake counts down m_pendingPerAddress: before it goes (QObject would
    // delete them after the members).
    qDeleteAll(findChildren<TlsBridge *>(Qt::FindDirectChildrenOnly));
}

bool WsListener::listen(const QHostAddress &address, quint16 port)
{
    if (!m_context->reactor->isValid()) {
        m_error = QStringLiteral("epoll is not available");
        return false;
    }
    if (m_tcp) {
        m_error = QStringLiteral("already listening");
        return false;
    }
    HandoffServer::Acceptor acceptor = [this](int fd) { accept(fd); };
    if (m_tls)
        acceptor = [this](int fd) { acceptTls(fd); };
    auto *tcp = new HandoffServer(std::move(acceptor), this);
    tcp->setListenBacklogSize(m_context->limits.listenBacklog);
    tcp->setMaxPendingConnections(m_context->limits.maxPendingConnections);
    if (!tcp->listen(address, port)) {
        m_error = tcp->errorString();
        delete tcp;
        return false;
    }
    m_tcp = tcp;
    // Qt pauses accepting for good on EMFILE/ENFILE: resume once descriptors may be free again.
    connect(tcp, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcWs) << "accept failed:" << error << "- retrying in 100 ms";
        QTimer::singleShot(100, this, [this] {
            if (m_tcp)
                m_tcp->resumeAccepting();
        });
    });
    qCInfo(lcWs) << "listening on" << address.toString() << tcp->serverPort() << (m_tls ? "(TLS)" : "");
    return true;
}

quint16 WsListener::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

const WsLimits &WsListener::limits() const
{
    return m_context->limits;
}

void WsListener::accept(int fd)
{
    // Qt accepts non-blocking already; make sure, the engine relies on it.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    // Frames are already coalesced per event-loop turn: Nagle would only add latency.
    const int noDelay = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    admit(fd, peerOf(fd));
}

// The handshake counts as a pending connection of the client's address; once it is over, the
// decrypted stream is counted again by admit() while it is classified.
void WsListener::acceptTls(int fd)
{
    const QHostAddress peer = peerOf(fd);
    if (!admitFrom(fd, peer))
        return;
    new TlsBridge(
        fd, *m_tls, m_context->limits.handshakeTimeoutMs,
        [this](int plaintextFd, const QHostAddress &tlsPeer) { admit(plaintextFd, tlsPeer); },
        [this, peer] { m_pendingPerAddress.release(peer); }, this);
}

bool WsListener::admitFrom(int fd, const QHostAddress &peer)
{
    if (m_pendingPerAddress.tryAcquire(peer))
        return true;
    ++m_pendingRefused;
    qCDebug(lcWs) << "connection from" << peer.toString() << "closed: too many pending from that address";
    ::close(fd);
    return false;
}

void WsListener::admit(int fd, const QHostAddress &peer)
{
    if (!admitFrom(fd, peer))
        return;
    auto pending = std::make_unique<PendingUpgrade>(
        fd, peer, nowMs() + m_context->limits.handshakeTimeoutMs, m_context->limits,
        static_cast<PendingUpgrade::Owner *>(this));
    if (!m_context->reactor->add(fd, pending.get(), true, false)) {
        m_pendingPerAddress.release(peer);
        ::close(fd);
        return;
    }
    PendingUpgrade *raw = pending.get();
    m_pending.emplace(raw, std::move(pending));
    if (!m_handshakeTimer.isActive())
        m_handshakeTimer.start();
}

void WsListener::retire(PendingUpgrade *pending)
{
    auto it = m_pending.find(pending);
    if (it == m_pending.end())
        return;
    // The epoll batch being dispatched may still hold this pointer: delete after it.
    if (m_graveyard.empty()) {
        QMetaObject::invokeMethod(this, [this] { m_graveyard.clear(); }, Qt::QueuedConnection);
    }
    m_pendingPerAddress.release(pending->peer());
    m_graveyard.push_back(std::move(it->second));
    m_pending.erase(it);
    if (m_pending.empty())
        m_handshakeTimer.stop();
}

void WsListener::handOff(PendingUpgrade *pending)
{
    const QHostAddress peer = pending->peer();
    const qint64 firstByteMs = pending->firstByteMs();
    const int fd = pending->takeFd();
    m_context->reactor->remove(fd);
    retire(pending);
    if (m_httpHandoff) {
        m_httpHandoff(fd, peer, firstByteMs);
    } else {
        writeAndClose(fd, QByteArrayLiteral("HTTP/1.1 404 Not Found\r\nDate: ") + httpdate::now()
                              + QByteArrayLiteral("\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }
}

void WsListener::suspend(PendingUpgrade *pending)
{
    m_context->reactor->modify(pending->fd(), pending, false, false);
    if (m_suspended.empty())
        QTimer::singleShot(SuspendBackoffMs, this, &WsListener::resumeSuspended);
    m_suspended.push_back(pending);
}

void WsListener::resumeSuspended()
{
    std::vector<PendingUpgrade *> suspended;
    suspended.swap(m_suspended);
    for (PendingUpgrade *pending : suspended) {
        if (m_pending.count(pending) && pending->fd() >= 0)
            m_context->reactor->modify(pending->fd(), pending, true, false);
    }
}

void WsListener::reject(PendingUpgrade *pending, const QByteArray &reason)
{
    qCInfo(lcWs) << "upgrade from" << pending->peer().toString() << "refused:" << reason;
    const int fd = pending->takeFd();
    m_context->reactor->remove(fd);
    retire(pending);
    writeAndClose(fd, Handshake::badRequest(reason));
}

void WsListener::drop(PendingUpgrade *pending)
{
    const int fd = pending->takeFd();
    m_context->reactor->remove(fd);
    retire(pending);
    ::close(fd);
}

void WsListener::upgrade(PendingUpgrade *pending, const QByteArray &acceptKey,
                         const QByteArray &earlyData)
{
    const QHostAddress peer = pending->peer();
    const int fd = pending->takeFd();
    retire(pending);
    auto *connection = new WsConnection(fd, m_nextId++, peer, m_context.get(), this);
    m_context->reactor->modify(fd, connection, true, false);
    m_connections.insert(connection);
    connect(connection, &WsConnection::closed, this, [this, connection] {
        m_connections.erase(connection);
        connection->deleteLater();
    });
    // The 101 goes first, even if a newConnection slot sends or closes at once; the frames that came
    // right behind the head are decoded after newConnection, so they reach its connected slots.
    connection->acceptHandshake(Handshake::switchingProtocols(acceptKey));
    Q_EMIT newConnection(connection);
    connection->processEarlyData(earlyData);
}

void WsListener::expireHandshakes()
{
    const qint64 now = nowMs();
    std::vector<PendingUpgrade *> expired;
    for (const auto &entry : m_pending) {
        if (entry.first->deadlineMs() <= now)
            expired.push_back(entry.first);
    }
    for (PendingUpgrade *pending : expired)
        drop(pending);
}

void WsListener::heartbeat()
{
    for (WsConnection *connection : m_connections)
        connection->heartbeat();
}

} // namespace collab::server
