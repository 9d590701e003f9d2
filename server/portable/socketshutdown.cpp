#include "portable/socketshutdown.h"

#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>

#if defined(Q_OS_WIN)
#include <winsock2.h>
#else
#include <sys/socket.h> // POSIX (Linux, macOS, BSD): shutdown()
#endif

namespace collab::server {

bool shutdownSending(QTcpSocket *socket)
{
    if (qobject_cast<QSslSocket *>(socket) || socket->socketDescriptor() < 0)
        return false;
#if defined(Q_OS_WIN)
    return ::shutdown(SOCKET(socket->socketDescriptor()), SD_SEND) == 0;
#else
    return ::shutdown(int(socket->socketDescriptor()), SHUT_WR) == 0;
#endif
}

} // namespace collab::server
