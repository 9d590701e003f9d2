#pragma once

#include <QtNetwork/QTcpServer>

#include <functional>

namespace collab::server {

// The QTcpServer bound to the QHttpServer. It does not wrap accepted sockets itself: each raw fd
// goes to the WsListener first, which either keeps it (WebSocket) or hands it back here. Only then
// does it become a QTcpSocket in the pending queue, where QHttpServer picks it up
// (pendingConnectionAvailable). The request bytes are still in the kernel at that point, so the
// QTcpSocket reports them with an ordinary readyRead after QHttpServer has connected to it.
class HandoffServer : public QTcpServer
{
    Q_OBJECT
public:
    using Acceptor = std::function<void(int fd)>;

    explicit HandoffServer(Acceptor acceptor, QObject *parent = nullptr);
    // Stops giving fds to the acceptor (its owner is going away); new connections are closed.
    void detach() { m_acceptor = nullptr; }
    // Wraps fd in a QTcpSocket for the HTTP server.
    void handOff(int fd);
    // The QTcpSocket (child of `parent`) for an HTTP connection, with the request size guard on
    // it; null (and fd closed) on failure.
    static QTcpSocket *wrapForHttp(int fd, QObject *parent);

protected:
    void incomingConnection(qintptr fd) override;

private:
    Acceptor m_acceptor;
};

} // namespace collab::server
