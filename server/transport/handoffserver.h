#pragma once

#include <QtNetwork/QTcpServer>

#include <functional>

namespace collab::server {

// The listening QTcpServer of the port. It does not wrap accepted sockets: each raw fd goes to the
// acceptor (the WsListener), which either keeps it (WebSocket) or hands it to the HTTP frontend.
class HandoffServer : public QTcpServer
{
    Q_OBJECT
public:
    using Acceptor = std::function<void(int fd)>;

    explicit HandoffServer(Acceptor acceptor, QObject *parent = nullptr);
    // Stops giving fds to the acceptor (its owner is going away); new connections are closed.
    void detach() { m_acceptor = nullptr; }

protected:
    void incomingConnection(qintptr fd) override;

private:
    Acceptor m_acceptor;
};

} // namespace collab::server
