#pragma once

#include <QtCore/QByteArray>

namespace collab::server {

// WebSocket opcodes (RFC 6455 section 5.2).
enum class WsOpcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// One encoded server->client frame: header and payload in ONE implicitly shared QByteArray.
// Server frames are unmasked, so the same bytes go to every receiver: encode an event once,
// then send() it to any number of connections; each queue only holds a reference.
class SharedFrame
{
public:
    SharedFrame() = default;

    // The payload must be valid UTF-8 (the protocol layer produces it with QJsonDocument).
    static SharedFrame text(const QByteArray &utf8Payload);
    // The reason is cut at a character boundary to fit the 125-byte control frame limit.
    static SharedFrame close(quint16 code, const QByteArray &reasonUtf8 = {});
    static SharedFrame ping(const QByteArray &payload = {});
    static SharedFrame pong(const QByteArray &payload = {});
    // One fragment of a fragmented message (RFC 6455 5.4): Text first, then Continuation; the
    // last one has FIN set.
    static SharedFrame fragment(WsOpcode opcode, bool fin, const char *payload, qsizetype size);
    // The header alone of such a frame, for a caller that appends the payload itself.
    static QByteArray header(WsOpcode opcode, bool fin, qsizetype payloadSize);

    bool isNull() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }
    WsOpcode opcode() const;
    // The complete encoded frame (header + payload).
    const QByteArray &bytes() const { return m_bytes; }

private:
    static SharedFrame encode(WsOpcode opcode, const char *payload, qsizetype size, bool fin = true);
    QByteArray m_bytes;
};

} // namespace collab::server
