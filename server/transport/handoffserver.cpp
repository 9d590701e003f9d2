#include "transport/handoffserver.h"

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

} // namespace collab::server
