#include "transport/framedecoder.h"

#include "transport/utf8.h"
#include "transport/wslimits.h"

#include <QtCore/QtEndian>

#include <cstring>

namespace collab::server {

namespace {

// Unmasks `size` bytes from `in` into `out`; 8 bytes per step on the hot path.
void unmask(uchar *out, const uchar *in, qsizetype size, const uchar key[4])
{
    qsizetype i = 0;
    if (size >= 8) {
        quint64 key64;
        uchar k8[8] = {key[0], key[1], key[2], key[3], key[0], key[1], key[2], key[3]};
        std::memcpy(&key64, k8, 8);
        for (; i + 8 <= size; i += 8) {
            quint64 word;
            std::memcpy(&word, in + i, 8);
            word ^= key64;
            std::memcpy(out + i, &word, 8);
        }
    }
    for (; i < size; ++i)
        out[i] = in[i] ^ key[i & 3];
}

bool isValidCloseCode(quint16 code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    switch (code) {
    case 1000: case 1001: case 1002: case 1003:
    case 1007: case 1008: case 1009: case 1010: case 1011: case 1012: case 1013: case 1014:
        return true;
    default:
        return false;
    }
}

FrameDecoder::Error protocolError(const char *reason)
{
    return {CloseCode::ProtocolError, QByteArray(reason)};
}

} // namespace

FrameDecoder::Error FrameDecoder::feed(QByteArrayView data, const EventHandler &onEvent)
{
    Error error;
    const bool usePartial = !m_partial.isEmpty();
    if (usePartial)
        m_partial.append(data.data(), data.size());
    const auto *base = reinterpret_cast<const uchar *>(usePartial ? m_partial.constData() : data.data());
    const qsizetype total = usePartial ? m_partial.size() : data.size();

    qsizetype offset = 0;
    while (offset < total) {
        qsizetype consumed = 0;
        const Step step = decodeOne(base + offset, total - offset, &consumed, &error, onEvent);
        if (error) {
            m_partial.clear();
            m_message.clear();
            return error;
        }
        offset += consumed;
        if (step == Step::NeedMore)
            break;
        if (step == Step::Stop) {
            // The owner is done with this stream (e.g. it closed); drop what is left.
            m_partial.clear();
            return error;
        }
    }

    if (offset == total) {
        m_partial.clear(); // releases the buffer: idle connections hold nothing
    } else if (usePartial) {
        m_partial.remove(0, offset);
    } else {
        m_partial = QByteArray(reinterpret_cast<const char *>(base + offset), total - offset);
    }
    return error;
}

FrameDecoder::Step FrameDecoder::decodeOne(const uchar *p, qsizetype available, qsizetype *consumed,
                                           Error *error, const EventHandler &onEvent)
{
    if (available < 2)
        return Step::NeedMore;
    const bool fin = p[0] & 0x80;
    const auto opcode = WsOpcode(p[0] & 0x0F);
    const bool masked = p[1] & 0x80;
    const quint8 len7 = p[1] & 0x7F;

    if (p[0] & 0x70) {
        *error = protocolError("reserved bits set");
        return Step::Stop;
    }
    if (!masked) {
        *error = protocolError("client frames must be masked");
        return Step::Stop;
    }
    const bool control = quint8(opcode) & 0x8;
    switch (opcode) {
    case WsOpcode::Continuation:
        if (!m_inMessage) {
            *error = protocolError("continuation without a message");
            return Step::Stop;
        }
        break;
    case WsOpcode::Text:
        if (m_inMessage) {
            *error = protocolError("new message inside a fragmented message");
            return Step::Stop;
        }
        break;
    case WsOpcode::Binary:
        *error = {CloseCode::UnsupportedData, QByteArrayLiteral("binary frames are not supported")};
        return Step::Stop;
    case WsOpcode::Close:
    case WsOpcode::Ping:
    case WsOpcode::Pong:
        if (!fin || len7 > 125) {
            *error = protocolError("fragmented or oversized control frame");
            return Step::Stop;
        }
        break;
    default:
        *error = protocolError("unknown opcode");
        return Step::Stop;
    }

    qsizetype headerSize = 2 + 4;
    quint64 length = len7;
    if (len7 == 126) {
        headerSize += 2;
        if (available < headerSize)
            return Step::NeedMore;
        length = qFromBigEndian<quint16>(p + 2);
    } else if (len7 == 127) {
        headerSize += 8;
        if (available < headerSize)
            return Step::NeedMore;
        length = qFromBigEndian<quint64>(p + 2);
        if (length >> 63) {
            *error = protocolError("payload length has its top bit set");
            return Step::Stop;
        }
    }
    // Limits before buffering a single payload byte.
    if (length > quint64(m_limits.maxFrameSize)) {
        *error = {CloseCode::MessageTooBig, QByteArrayLiteral("frame too big")};
        return Step::Stop;
    }
    if (!control && quint64(m_message.size()) + length > quint64(m_limits.maxMessageSize)) {
        *error = {CloseCode::MessageTooBig, QByteArrayLiteral("message too big")};
        return Step::Stop;
    }
    if (available < headerSize)
        return Step::NeedMore;
    if (quint64(available - headerSize) < length)
        return Step::NeedMore;

    const uchar *key = p + headerSize - 4;
    const uchar *payload = p + headerSize;
    const auto size = qsizetype(length);
    *consumed = headerSize + size;

    if (!control) {
        const qsizetype old = m_message.size();
        m_message.resize(old + size);
        unmask(reinterpret_cast<uchar *>(m_message.data()) + old, payload, size, key);
        m_inMessage = !fin;
        if (!fin)
            return Step::Consumed;
        if (!isValidUtf8(m_message)) {
            *error = {CloseCode::InvalidPayload, QByteArrayLiteral("text is not valid UTF-8")};
            return Step::Stop;
        }
        Event event{WsOpcode::Text, std::move(m_message), 0};
        m_message = QByteArray();
        return onEvent(std::move(event)) ? Step::Consumed : Step::Stop;
    }

    QByteArray body(size, Qt::Uninitialized);
    unmask(reinterpret_cast<uchar *>(body.data()), payload, size, key);
    Event event{opcode, QByteArray(), 0};
    if (opcode == WsOpcode::Close) {
        if (size == 1) {
            *error = protocolError("close payload of one byte");
            return Step::Stop;
        }
        event.closeCode = CloseCode::NoStatus;
        if (size >= 2) {
            event.closeCode = qFromBigEndian<quint16>(body.constData());
            if (!isValidCloseCode(event.closeCode)) {
                *error = protocolError("invalid close code");
                return Step::Stop;
            }
            event.payload = body.mid(2);
            if (!isValidUtf8(event.payload)) {
                *error = {CloseCode::InvalidPayload, QByteArrayLiteral("close reason is not valid UTF-8")};
                return Step::Stop;
            }
        }
    } else {
        event.payload = std::move(body);
    }
    return onEvent(std::move(event)) ? Step::Consumed : Step::Stop;
}

} // namespace collab::server
