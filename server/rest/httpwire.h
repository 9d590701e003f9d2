#pragma once

#include <QByteArray>

#include <utility>
#include <vector>

namespace collab::server {

struct HttpResponse;

// The bytes of HTTP answers: the only writer of status lines and headers on the HTTP side.
namespace httpwire {

// "Created" for 201: the reason phrase of every status the server answers ("Unknown" otherwise).
const char *reasonPhrase(int status);

struct Framing
{
    bool close = false;     // add "Connection: close" (the connection ends after this answer)
    bool keepAlive = false; // add "Connection: keep-alive" (to an HTTP/1.0 client that asked for it)
    bool headOnly = false; // an answer to HEAD: the headers (Content-Length included), no body
};

// The whole answer: status line, Date, Content-Type, Content-Length, the response's own headers,
// the body (a JSON answer is encoded here). What QHttpServer 6.4 wrote before (tst_rest compares
// them), plus the Date every answer carries (RFC 9110 6.6.1) and "Connection: close" when asked.
QByteArray encode(const HttpResponse &response, Framing framing = {});

// A JSON error answer {"error":{"code","message"}} with "Connection: close", for a request (or a
// connection) refused before it was routed; `headers` go before Connection.
QByteArray refusal(int status, const char *message, std::vector<std::pair<QByteArray, QByteArray>> headers = {});

// The interim answer to "Expect: 100-continue".
inline QByteArray continue100() { return QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"); }

} // namespace httpwire

} // namespace collab::server
