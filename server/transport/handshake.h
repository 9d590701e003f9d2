#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>

namespace collab::server {

// The opening handshake of RFC 6455 section 4.2: decides from the first bytes of a connection
// whether it is ours, validates the request head and builds the responses.
class Handshake
{
public:
    enum class Sniff { Ours, NotOurs, Undecided };
    // Looks at the first bytes of a connection: "GET /ws" followed by ' ' or '?' is ours.
    // Everything else belongs to the HTTP server. Needs at most 8 bytes to decide.
    static Sniff sniff(QByteArrayView firstBytes);
    static constexpr qsizetype SniffBytes = 8;

    // Index just past the "\r\n\r\n" that ends the request head, or -1.
    static qsizetype headEnd(QByteArrayView buffer);

    struct Result
    {
        bool ok = false;
        QByteArray error;      // why the upgrade was refused (goes into the 400 body)
        QByteArray acceptKey;  // Sec-WebSocket-Accept value when ok
    };
    // Validates a complete request head (request line + headers, without the body).
    static Result validate(QByteArrayView head, QByteArrayView path);

    static QByteArray acceptKey(QByteArrayView secWebSocketKey);
    static QByteArray switchingProtocols(const QByteArray &acceptKey);
    static QByteArray badRequest(const QByteArray &reason);
};

} // namespace collab::server
