#include "transport/tlsbridge.h"

#include "rest/httpdate.h"
#include "transport/wslogging.h"

#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace collab::server {

namespace {

constexpr qint64 BufferBytes = 64 * 1024;    // per direction: read buffer and the write backlog we allow
constexpr qint64 ChunkBytes = 16 * 1024;     // one TLS record
constexpr char TlsHandshakeRecord = 0x16;    // the first byte of every ClientHello

} // namespace

TlsBridge::TlsBridge(int fd, const QSslConfiguration &configuration, int handshakeTimeoutMs, Deliver deliver,
                     HandshakeOver handshakeOver, QObject *parent)
    : QObject(parent), m_tls(new QSslSocket(this)), m_deliver(std::move(deliver)),
      m_handshakeOver(std::move(handshakeOver))
{
    if (!m_tls->setSocketDescriptor(fd)) {
        ::close(fd);
        fail(QStringLiteral("cannot wrap the socket: ") + m_tls->errorString());
        return;
    }
    m_peer = m_tls->peerAddress();
    m_tls->setSslConfiguration(configuration);
    m_tls->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_tls->setReadBufferSize(BufferBytes);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { fail(QStringLiteral("TLS handshake timed out")); });
    m_deadline.start(handshakeTimeoutMs);

    connect(m_tls, &QSslSocket::readyRead, this, [this] {
        if (!m_sniffed)
            sniff();
        else if (m_plain)
            pump(m_tls, m_plain);
    });
    connect(m_tls, &QSslSocket::encrypted, this, &TlsBridge::onEncrypted);
    connect(m_tls, &QSslSocket::encryptedBytesWritten, this, [this] {
        if (m_plain)
            pump(m_plain, m_tls);
    });
    connect(m_tls, &QSslSocket::errorOccurred, this, [this] {
        if (isHandshaking())
            fail(m_tls->errorString());
    });
    connect(m_tls, &QSslSocket::disconnected, this, &TlsBridge::onTlsClosed);
}

TlsBridge::~TlsBridge()
{
    endHandshake();
    // No slot of a half-destroyed bridge may run from the sockets' last signals.
    m_tls->disconnect(this);
    if (m_plain) {
        m_plain->disconnect(this);
        m_plain->abort();
    }
    m_tls->abort();
}

void TlsBridge::sniff()
{
    // Before startServerEncryption() the socket is in unencrypted mode, where peek() leaves the
    // bytes for the TLS engine.
    char first = 0;
    if (m_tls->peek(&first, 1) != 1)
        return;
    m_sniffed = true;
    if (first == TlsHandshakeRecord)
        m_tls->startServerEncryption();
    else if (first >= 'A' && first <= 'Z')
        refusePlainHttp();
    else
        fail(QStringLiteral("not a TLS handshake"));
}

void TlsBridge::refusePlainHttp()
{
    qCInfo(lcWs) << "plain HTTP from" << m_peer.toString() << "on the TLS port: refused";
    m_deadline.stop();
    endHandshake();
    m_tls->readAll(); // closing with unread input would reset the connection and lose the answer
    const QByteArray body = QByteArrayLiteral(
        R"({"error":{"code":"bad_request","message":"this port speaks TLS: use https:// or wss://"}})");
    m_tls->write("HTTP/1.1 400 Bad Request\r\nDate: " + httpdate::now() + "\r\nContent-Type: application/json\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    m_tls->disconnectFromHost();
}

void TlsBridge::onEncrypted()
{
    m_deadline.stop();
    endHandshake();
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0) {
        fail(QStringLiteral("socketpair failed: ") + QString::fromLocal8Bit(strerror(errno)));
        return;
    }
    m_plain = new QTcpSocket(this);
    if (!m_plain->setSocketDescriptor(fds[0])) {
        ::close(fds[0]);
        ::close(fds[1]);
        fail(QStringLiteral("cannot wrap the socketpair: ") + m_plain->errorString());
        return;
    }
    m_plain->setReadBufferSize(BufferBytes);
    connect(m_plain, &QTcpSocket::readyRead, this, [this] { pump(m_plain, m_tls); });
    connect(m_plain, &QTcpSocket::bytesWritten, this, [this] { pump(m_tls, m_plain); });
    connect(m_plain, &QTcpSocket::disconnected, this, &TlsBridge::onPlainClosed);
    m_deliver(fds[1], m_peer);
    pump(m_tls, m_plain); // the request may have come with the end of the handshake
}

void TlsBridge::fail(const QString &why)
{
    if (m_done)
        return;
    qCInfo(lcWs) << "TLS connection from" << m_peer.toString() << "dropped:" << why;
    m_deadline.stop();
    m_done = true;
    endHandshake();
    if (m_plain)
        m_plain->abort();
    m_tls->abort();
    deleteLater();
}

void TlsBridge::pump(QAbstractSocket *from, QAbstractSocket *to, bool closing)
{
    while (from->bytesAvailable() > 0 && (closing || backlog(to) < BufferBytes)) {
        const QByteArray chunk = from->read(ChunkBytes);
        if (chunk.isEmpty())
            break;
        to->write(chunk);
    }
}

qint64 TlsBridge::backlog(QAbstractSocket *to) const
{
    return to == m_tls ? m_tls->bytesToWrite() + m_tls->encryptedBytesToWrite() : to->bytesToWrite();
}

void TlsBridge::onTlsClosed()
{
    m_deadline.stop();
    if (m_plain) {
        pump(m_tls, m_plain, true);
        m_plain->disconnectFromHost(); // the server side sees EOF once the rest is written
    }
    finishIfDone();
}

void TlsBridge::onPlainClosed()
{
    pump(m_plain, m_tls, true);
    m_tls->disconnectFromHost(); // close_notify after the rest of the server's bytes
    finishIfDone();
}

void TlsBridge::endHandshake()
{
    if (!m_handshakeOver)
        return;
    const HandshakeOver over = std::move(m_handshakeOver);
    m_handshakeOver = nullptr;
    over();
}

void TlsBridge::finishIfDone()
{
    const bool tlsGone = m_tls->state() == QAbstractSocket::UnconnectedState;
    const bool plainGone = !m_plain || m_plain->state() == QAbstractSocket::UnconnectedState;
    if (tlsGone && plainGone && !m_done) {
        m_done = true;
        deleteLater();
    }
}

} // namespace collab::server
