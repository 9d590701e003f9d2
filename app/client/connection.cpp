#include "client/connection.h"

#include "client/clientlogging.h"
#include "client/servertrust.h"

#include <QNetworkRequest>
#include <QWebSocket>

namespace collab::client {

Connection::Connection(QObject *parent) : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        drop(tr("no connection within %1 ms").arg(m_connectTimeoutMs));
    });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Connection::attempt);
}

Connection::~Connection()
{
    // Abort rather than close: no signal of ours may fire while we are being destroyed.
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void Connection::open()
{
    m_wanted = true;
    if (m_state != State::Closed || m_reconnectTimer.isActive())
        return;
    attempt();
}

void Connection::close()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_connectTimer.stop();
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        disconnect(socket, nullptr, this, nullptr);
        socket->close();
        socket->flush(); // hand the close frame to the kernel before the socket is deleted
        socket->deleteLater();
    }
    if (m_state != State::Closed) {
        m_lastError = tr("closed by the client");
        setState(State::Closed);
        Q_EMIT closed(m_lastError);
    }
}

void Connection::drop(const QString &reason)
{
    if (!m_socket)
        return;
    discardSocket();
    onSocketGone(reason);
}

bool Connection::sendText(const QByteArray &utf8)
{
    if (m_state != State::Open || !m_socket)
        return false;
    return m_socket->sendTextMessage(QString::fromUtf8(utf8)) == utf8.size();
}

bool Connection::reconnectPending() const { return m_reconnectTimer.isActive(); }

void Connection::attempt()
{
    if (!m_wanted || m_socket)
        return;
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::connected, this, &Connection::onConnected);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (socket != m_socket)
            return;
        // A refused connection also ends here, sometimes before error(): say why.
        if (!socket->closeReason().isEmpty())
            drop(socket->closeReason());
        else if (socket->error() != QAbstractSocket::UnknownSocketError)
            drop(socket->errorString());
        else
            drop(tr("the server closed the connection"));
    });
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this, socket] {
        if (socket == m_socket)
            drop(socket->errorString());
    });
    // Not ignored: the handshake fails; this says why in one line before the error() above would.
    connect(socket, &QWebSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
        if (socket == m_socket)
            drop(describeSslErrors(errors));
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        if (socket == m_socket)
            Q_EMIT frameReceived(text.toUtf8());
    });
    // Binary frames are not part of the protocol: ignored.
    qCDebug(lcClientWs) << "connecting to" << m_url.toString();
    setState(State::Connecting);
    m_connectTimer.start(m_connectTimeoutMs);
    if (m_url.scheme() == QLatin1String("wss"))
        socket->setSslConfiguration(m_ssl);
    socket->open(QNetworkRequest(m_url));
}

void Connection::onConnected()
{
    m_connectTimer.stop();
    qCDebug(lcClientWs) << "connected to" << m_url.toString();
    setState(State::Open);
    Q_EMIT opened();
}

void Connection::onSocketGone(const QString &reason)
{
    m_connectTimer.stop();
    m_lastError = reason;
    qCDebug(lcClientWs) << "connection gone:" << reason;
    if (m_wanted && m_autoReconnect) {
        const int delay = m_backoff.next();
        m_reconnectTimer.start(delay);
        Q_EMIT reconnectScheduled(delay);
    }
    setState(State::Closed);
    Q_EMIT closed(reason);
}

void Connection::discardSocket()
{
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    if (!socket)
        return;
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater(); // we may be inside one of its signals
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace collab::client
