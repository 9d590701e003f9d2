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
    // Parented like QTcpServer's own sockets; QHttpServer deletes it when the peer disconnects.
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(fd)) {
        qCWarning(lcWs) << "cannot hand a socket to the HTTP server:" << socket->errorString();
        delete socket;
        ::close(fd);
        return;
    }
    new RequestSizeGuard(socket, m_maxBodyBytes);
    addPendingConnection(socket);
}

} // namespace collab::server
