#include "rest/httpintake.h"

#include "transport/handoffserver.h"

#include <QMetaMethod>
#include <QTcpSocket>

namespace collab::server {

void HttpIntake::take(int fd)
{
    QTcpSocket *socket = HandoffServer::wrapForHttp(fd, this);
    if (!socket)
        return;
    m_queue.push_back(socket);
    // The signal QHttpServer waits for; only QTcpServer itself may emit it directly.
    static const QMetaMethod available = QMetaMethod::fromSignal(&QTcpServer::pendingConnectionAvailable);
    available.invoke(this, Qt::DirectConnection);
}

QTcpSocket *HttpIntake::nextPendingConnection()
{
    if (m_queue.empty())
        return nullptr;
    QTcpSocket *socket = m_queue.front();
    m_queue.pop_front();
    return socket;
}

} // namespace collab::server
