#pragma once

#include <QByteArray>

class QTcpSocket;

namespace collab::server {

struct HttpResponse;

// An answer written to its socket in one piece, without QHttpServerResponder. Why: the responder
// writes into QTcpSocket's buffer, which arms the socket's write notifier and disarms it after
// the flush; with the glib event dispatcher each of the two wakes the HTTP thread's own event loop
// (an eventfd write), two syscalls and a poll more per answer. One send() on an idle socket needs
// none of that. The bytes are the ones QHttpServerResponder 6.4 writes (tst_rest compares them).
namespace httpwire {

// The whole answer (status line, headers, body), or empty for a status this encoder does not know
// the reason phrase of: such answers are rare (errors) and go through the responder.
QByteArray encode(const HttpResponse &response, const QByteArray &body);

// Sends `bytes` on the socket's descriptor now if nothing is queued in front of it; what the
// kernel does not take (or everything, if data is queued) goes through QTcpSocket's buffer.
// The caller keeps the requests' order: HttpExchanges calls it only for a connection's oldest
// unanswered request.
void write(QTcpSocket &socket, const QByteArray &bytes);

} // namespace httpwire

} // namespace collab::server
