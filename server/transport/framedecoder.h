#pragma once

#include "transport/sharedframe.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>

#include <functional>

namespace collab::server {

// Turns the client->server byte stream into complete messages and control frames (RFC 6455).
// Every limit is checked on the frame HEADER, before any payload byte is buffered, so a peer
// cannot make us hold more than maxFrameSize + 14 bytes of a frame or maxMessageSize of a message.
// Idle decoders hold no heap memory.
class FrameDecoder
{
public:
    struct Limits
    {
        qint64 maxFrameSize = 64 * 1024;
        qint64 maxMessageSize = 64 * 1024;
    };

    struct Event
    {
        WsOpcode opcode = WsOpcode::Text; // Text, Ping, Pong or Close
        QByteArray payload;               // text: the message; close: the reason (UTF-8)
        quint16 closeCode = 0;            // close only; 1005 when the frame carried no code
    };

    struct Error
    {
        quint16 closeCode = 0; // 0: no error
        QByteArray reason;
        explicit operator bool() const { return closeCode != 0; }
    };

    // Returns false to stop decoding (e.g. the connection closed while handling the event).
    using EventHandler = std::function<bool(Event &&)>;

    explicit FrameDecoder(const Limits &limits) : m_limits(limits) {}

    // Decodes everything complete in `data` (after any earlier partial frame) and keeps the rest.
    // The first protocol violation is returned; the decoder must not be fed after an error.
    Error feed(QByteArrayView data, const EventHandler &onEvent);

    // Bytes held for an incomplete frame or message (0 when idle).
    qsizetype bufferedBytes() const { return m_partial.size() + m_message.size(); }

private:
    enum class Step { NeedMore, Consumed, Stop };
    Step decodeOne(const uchar *p, qsizetype available, qsizetype *consumed, Error *error,
                   const EventHandler &onEvent);

    Limits m_limits;
    QByteArray m_partial;  // start of a frame that has not fully arrived
    QByteArray m_message;  // text fragments received so far
    bool m_inMessage = false;
};

} // namespace collab::server
