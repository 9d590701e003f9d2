#pragma once

#include "limits/addresscounts.h"
#include "transport/transport.h"
#include "transport/wslimits.h"

#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

class QSslSocket;
class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace collab::server {

class PortableConnection;

// The transport that runs wherever Qt runs (docs/transport.md, "Two transports"): one
// QTcpServer owns the port (with TLS its sockets are QSslSockets: Qt does the handshake, started
// once the first byte is a TLS record; plain HTTP there gets the engine's 400); the first request of
// every accepted socket is peeked at (never consumed) and classified as the engine does it
// (Handshake::sniff/validate): a valid "GET /ws" upgrade goes to a QWebSocketServer
// (handleConnection: Qt's own handshake and frames) and becomes a PortableConnection; a bad one
// gets the engine's 400; everything else moves to the HTTP thread, where SocketHttpConnections
// serves it with the project's HTTP parser. Lives in the hub thread.
class PortableTransport final : public Transport
{
    Q_OBJECT
public:
    // Sets `http`'s exchanges to SocketHttpConnections.
    PortableTransport(HttpFrontend &http, const WsLimits &limits, QObject *parent = nullptr);
    ~PortableTransport() override;

    void setTlsConfiguration(const QSslConfiguration &configuration) override;
    bool isTls() const override { return m_tls.has_value(); }
    bool listen(const QHostAddress &address, quint16 port) override;
    quint16 port() const override;
    QString errorString() const override { return m_error; }
    int connectionCount() const override { return int(m_connections.size()); }
    quint64 pendingRefused() const override { return m_pendingRefused; }
    std::unique_ptr<CourseFanout> createFanout() const override;

private:
    struct Pending
    {
        QHostAddress peer;
        qint64 deadlineMs = 0;
        qint64 firstByteMs = -1;
        bool counted = false;
    };

    void acceptPending();
    // Counts `peer`'s socket not classified yet, or refuses it (false) over maxPendingPerAddress.
    bool admit(QTcpSocket *socket, const QHostAddress &peer);
    void classify(QTcpSocket *socket);
    void sniffTls(QSslSocket *socket);
    void forget(QTcpSocket *socket);
    void toHttp(QTcpSocket *socket, qint64 firstByteMs);
    void rejectUpgrade(QTcpSocket *socket, const QByteArray &reason);
    void upgraded();
    void wakeEarlyFrames(QWebSocket *webSocket);
    void expireHandshakes();
    void heartbeat();

    HttpFrontend &m_http;
    WsLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    QTcpServer *m_server = nullptr;           // with TLS, one that makes QSslSockets
    QWebSocketServer *m_webSockets = nullptr; // Qt's handshake and frames, fed by handleConnection
    AddressCounts m_pendingPerAddress;
    quint64 m_pendingRefused = 0;
    std::unordered_map<QTcpSocket *, Pending> m_pending;
    std::unordered_set<PortableConnection *> m_connections;
    struct Upgrading
    {
        QPointer<QTcpSocket> socket; // handed to m_webSockets, not out of it yet
        QByteArray earlyData;        // the frames that came behind its head
    };
    std::vector<Upgrading> m_upgrading;
    QTimer m_handshakeTimer;
    QTimer m_heartbeatTimer;
    QString m_error;
    quint64 m_nextId = 1;
};

} // namespace collab::server
