#pragma once

class QTcpSocket;

namespace collab::server {

// Shuts down the sending side of a plain TCP socket (FIN) and keeps it readable: the half-close
// of a lingering HTTP close, which QTcpSocket has no call for. BSD sockets' shutdown() on POSIX
// systems, Winsock's on Windows. False when it cannot (a QSslSocket: TLS has no half-close).
bool shutdownSending(QTcpSocket *socket);

} // namespace collab::server
