#pragma once

#include "limits/addresscounts.h"
#include "transport/fdlimit.h"
#include "transport/pendingupgrade.h"
#include "transport/wslimits.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslConfiguration>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace collab::server {

class HandoffServer;
class WsConnection;
struct WsContext;

// Owns the listening socket of the whole port. The first request of every accepted connection is
// classified: "GET /ws ..." upgrades become WsConnections (a bad upgrade gets 400); every other
// connection goes to the HTTP handoff untouched (its bytes are only peeked at, never consumed).
// A WebSocket upgrade must be the first request on its TCP connection, as every client does it.
// With TLS on, every accepted socket goes through a TlsBridge first; the decrypted stream then
// takes the same path as a plain connection.
class WsListener : public QObject, private PendingUpgrade::Owner
{
    Q_OBJECT
public:
    // Non-WebSocket connections go to `httpHandoff` (HttpFrontend::handOff: the HTTP thread) with
    // their client's address (the TCP peer; with TLS, the peer of the encrypted socket, not the
    // socketpair's) and the time its first byte came (QDeadlineTimer's clock, ms): the HTTP
    // request timeout counts from there, not from the hand-off. It may be empty: then
    // non-WebSocket requests get a 404 and are closed.
    using HttpHandoff = std::function<void(int fd, const QHostAddress &peer, qint64 firstByteMs)>;
    explicit WsListener(HttpHandoff httpHandoff, const WsLimits &limits = {}, QObject *parent = nullptr);
    // Closes every connection (best-effort 1001 frame) and deletes them; stops listening.
    ~WsListener() override;

    // Call before listen(): every connection must then speak TLS (https and wss on the port).
    // The configuration holds the server's certificate chain and key (TlsCredentials::load).
    void setTlsConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool isTls() const { return m_tls.has_value(); }

    // Port 0 picks an ephemeral port.
    bool listen(const QHostAddress &address = QHostAddress::Any, quint16 port = 0);
    quint16 port() const;
    QString errorString() const { return m_error; }
    const WsLimits &limits() const;

    // WebSocket connections accepted whose closed() has not been emitted yet.
    int connectionCount() const { return int(m_connections.size()); }
    // Accepted sockets still being classified or upgraded.
    int pendingCount() const { return int(m_pending.size()); }
    // Accepted sockets closed at once because their address held maxPendingPerAddress already.
    quint64 pendingRefused() const { return m_pendingRefused; }

Q_SIGNALS:
    // The listener owns the connection and deletes it (deleteLater) after its closed() signal.
    void newConnection(collab::server::WsConnection *connection);

private:
    void accept(int fd);
    void acceptTls(int fd);
    // Counts `peer`'s pending connection, or closes `fd` if it holds maxPendingPerAddress already.
    bool admitFrom(int fd, const QHostAddress &peer);
    // Decrypted connections come here with their TCP peer (their fd is a socketpair end).
    void admit(int fd, const QHostAddress &peer);
    void handOff(PendingUpgrade *pending) override;
    void suspend(PendingUpgrade *pending) override;
    void reject(PendingUpgrade *pending, const QByteArray &reason) override;
    void drop(PendingUpgrade *pending) override;
    void upgrade(PendingUpgrade *pending, const QByteArray &acceptKey,
                 const QByteArray &earlyData) override;
    // Removes `pending` from the reactor's view; deleted once the current epoll batch is done.
    void retire(PendingUpgrade *pending);
    void resumeSuspended();
    void expireHandshakes();
    void heartbeat();

    HttpHandoff m_httpHandoff;
    QPointer<HandoffServer> m_tcp;
    std::unique_ptr<WsContext> m_context;
    std::optional<QSslConfiguration> m_tls;
    AddressCounts m_pendingPerAddress; // m_pending and the TlsBridges still in their handshake
    quint64 m_pendingRefused = 0;
    std::unordered_map<PendingUpgrade *, std::unique_ptr<PendingUpgrade>> m_pending;
    std::vector<std::unique_ptr<PendingUpgrade>> m_graveyard;
    std::vector<PendingUpgrade *> m_suspended;
    std::unordered_set<WsConnection *> m_connections;
    QTimer m_handshakeTimer;
    QTimer m_heartbeatTimer;
    QString m_error;
    quint64 m_nextId = 1;
};

} // namespace collab::server
