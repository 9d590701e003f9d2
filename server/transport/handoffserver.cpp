#include "transport/handoffserver.h"

#include "transport/wslogging.h"

#include "transport/requestsizeguard.h"

#include <QtNetwork/QTcpSocket>

#include <unistd.h>

namespace collab::server {

HandoffServer::HandoffServer(Acceptor acceptor, QObject *parent)
    : QTcpServer(parent), m_acceptor(std::move(acceptor))
{
}

void HandoffServer::incomingConnection(qintptr fd)
{
    if (m_acceptor)
        m_acceptor(int(fd));
    else
        ::close(int(fd));
}

void HandoffServer::handOff(int fd)
{
    if (QTcpSocket *socket = wrapForHttp(fd, this))
        addPendingConnection(socket);
}

QTcpSocket *HandoffServer::wrapForHttp(int fd, QObject *parent)
{
    constexpr qint64 MaxBodyBytes = 64 * 1024; // REST bodies; larger ones get 413 before they are read
    // Parented like QTcpServer's own sockets; QHttpServer deletes it when the peer disconnects.
    auto *socket = new QTcpSocket(parent);
    if (!socket->setSocketDescriptor(fd)) {
        qCWarning(lcWs) << "cannot hand a socket to the HTTP server:" << socket->errorString();
        delete socket;
        ::close(fd);
        return nullptr;
    }
    new RequestSizeGuard(socket, MaxBodyBytes);
    return socket;
}

} // namespace collab::server
