// fuzz_ws_frames: the WebSocket transport's byte parsers (server/transport/) on arbitrary bytes.
// The first byte picks what is fuzzed:
//   odd   the upgrade request: Handshake::sniff, headEnd and validate on the rest
//   even  the frame decoder: the next byte picks the limits, the next 1 + (n % 8) bytes how the
//         stream is cut into reads; the rest is the client->server byte stream
// Properties: the decoder gives the same messages and the same close code however the stream is
// cut; it never holds more than the limits allow; every text message is strict UTF-8 and within
// the message limit, every control payload within 125 bytes. An upgrade that validates was
// sniffed as ours, has no second Host, Sec-WebSocket-Key or Sec-WebSocket-Version line, and gets
// a 28-character accept key.
#include "fuzzsupport.h"

#include "transport/framedecoder.h"
#include "transport/handshake.h"
#include "transport/utf8.h"

#include <QtCore/QList>
#include <QtCore/QString>

namespace collab::fuzz {

namespace {

using server::FrameDecoder;
using server::Handshake;
using server::WsOpcode;

struct Decoded
{
    QList<FrameDecoder::Event> events;
    quint16 closeCode = 0;
};

bool sameEvents(const QList<FrameDecoder::Event> &a, const QList<FrameDecoder::Event> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].opcode != b[i].opcode || a[i].payload != b[i].payload || a[i].closeCode != b[i].closeCode)
            return false;
    }
    return true;
}

// Strict UTF-8 as Qt's decoder sees it: decoding replaces nothing, so encoding gives the bytes back.
bool qtSaysUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

Decoded decode(const FrameDecoder::Limits &limits, QByteArrayView stream, const QList<int> &cuts)
{
    FrameDecoder decoder(limits);
    Decoded out;
    const auto onEvent = [&](FrameDecoder::Event &&event) {
        out.events.append(std::move(event));
        return true;
    };
    qsizetype offset = 0;
    for (qsizetype i = 0; offset < stream.size(); ++i) {
        const qsizetype n = cuts.isEmpty() ? stream.size() : qMin<qsizetype>(cuts[i % cuts.size()], stream.size() - offset);
        const FrameDecoder::Error error = decoder.feed(stream.sliced(offset, n), onEvent);
        offset += n;
        if (error) {
            FUZZ_CHECK(error.closeCode >= 1000 && error.closeCode < 5000, error.reason);
            out.closeCode = error.closeCode;
            return out; // must not be fed after an error
        }
        FUZZ_CHECK(decoder.bufferedBytes() <= limits.maxFrameSize + 14 + limits.maxMessageSize,
                   QByteArray::number(decoder.bufferedBytes()));
    }
    return out;
}

void frames(ByteReader &in)
{
    static constexpr qint64 sizes[] = {0, 1, 125, 126, 1024, 65535, 65536, 64 * 1024 + 1};
    const quint8 pick = in.byte();
    FrameDecoder::Limits limits;
    limits.maxFrameSize = sizes[pick & 7];
    limits.maxMessageSize = sizes[(pick >> 3) & 7];
    QList<int> cuts;
    const int cutCount = 1 + in.below(8);
    for (int i = 0; i < cutCount; ++i)
        cuts.append(1 + in.byte());
    const QByteArrayView stream = in.rest();

    const Decoded whole = decode(limits, stream, {});
    for (const FrameDecoder::Event &e : whole.events) {
        switch (e.opcode) {
        case WsOpcode::Text:
            FUZZ_CHECK(e.payload.size() <= limits.maxMessageSize, QByteArray::number(e.payload.size()));
            FUZZ_CHECK(server::isValidUtf8(e.payload), e.payload.toHex());
            break;
        case WsOpcode::Close:
        case WsOpcode::Ping:
        case WsOpcode::Pong:
            FUZZ_CHECK(e.payload.size() <= 125, e.payload.toHex());
            break;
        default:
            FUZZ_CHECK(false, QByteArray::number(int(e.opcode)));
        }
    }
    const Decoded cut = decode(limits, stream, cuts);
    FUZZ_CHECK(cut.closeCode == whole.closeCode,
               QByteArray::number(cut.closeCode) + " cut vs " + QByteArray::number(whole.closeCode) + " whole");
    FUZZ_CHECK(sameEvents(cut.events, whole.events), "cutting the stream changed the messages");

    // The owner stops after the first event (it closed the connection): nothing more is delivered.
    FrameDecoder decoder(limits);
    int seen = 0;
    decoder.feed(stream, [&](FrameDecoder::Event &&) { return ++seen < 1; });
    FUZZ_CHECK(seen <= 1, QByteArray::number(seen));
}

void handshake(ByteReader &in)
{
    const QByteArrayView bytes = in.rest();
    const Handshake::Sniff sniff = Handshake::sniff(bytes.first(qMin(bytes.size(), Handshake::SniffBytes)));
    if (bytes.size() >= Handshake::SniffBytes)
        FUZZ_CHECK(sniff != Handshake::Sniff::Undecided, bytes.toByteArray());
    // Deciding never changes as more bytes arrive.
    for (qsizetype n = 0; n <= qMin(bytes.size(), Handshake::SniffBytes); ++n) {
        const Handshake::Sniff early = Handshake::sniff(bytes.first(n));
        FUZZ_CHECK(early == Handshake::Sniff::Undecided || early == sniff, bytes.toByteArray());
    }

    const qsizetype end = Handshake::headEnd(bytes);
    if (end < 0)
        return;
    FUZZ_CHECK(end >= 4 && end <= bytes.size() && bytes.sliced(end - 4, 4) == "\r\n\r\n", bytes.toByteArray());
    const Handshake::Result result = Handshake::validate(bytes.first(end), "/ws");
    if (!result.ok) {
        FUZZ_CHECK(!result.error.isEmpty(), bytes.toByteArray());
        const QByteArray reply = Handshake::badRequest(result.error);
        FUZZ_CHECK(reply.startsWith("HTTP/1.1 400 "), reply);
        return;
    }
    FUZZ_CHECK(sniff == Handshake::Sniff::Ours, bytes.toByteArray());
    FUZZ_CHECK(result.acceptKey.size() == 28, result.acceptKey);
    // The fields that must come once did not come twice (a second Sec-WebSocket-Key is refused).
    const QByteArray lowerHead = bytes.first(end).toByteArray().toLower();
    for (const char *single : {"\r\nsec-websocket-key:", "\r\nsec-websocket-version:", "\r\nhost:"})
        FUZZ_CHECK(lowerHead.count(single) <= 1, bytes.toByteArray());
    const QByteArray reply = Handshake::switchingProtocols(result.acceptKey);
    FUZZ_CHECK(reply.startsWith("HTTP/1.1 101 ") && reply.endsWith("\r\n\r\n") && reply.count("\r\n\r\n") == 1, reply);
}

} // namespace

void wsFrames(QByteArrayView input)
{
    ByteReader in(input);
    if (in.byte() & 1)
        handshake(in);
    else
        frames(in);
    // The decoder's UTF-8 check agrees with Qt's on the raw input too.
    const QByteArray raw = input.toByteArray();
    FUZZ_CHECK(server::isValidUtf8(raw) == qtSaysUtf8(raw), raw.toHex());
}

} // namespace collab::fuzz

COLLAB_FUZZ_TARGET(collab::fuzz::wsFrames)
