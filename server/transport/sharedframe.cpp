#include "transport/sharedframe.h"

#include <QtCore/QtEndian>

namespace collab::server {

namespace {
constexpr qsizetype MaxControlPayload = 125;
}

SharedFrame SharedFrame::encode(WsOpcode opcode, const char *payload, qsizetype size, bool fin)
{
    const qsizetype headerSize = size < 126 ? 2 : (size <= 0xFFFF ? 4 : 10);
    SharedFrame frame;
    frame.m_bytes.resize(headerSize + size);
    auto *out = reinterpret_cast<uchar *>(frame.m_bytes.data());
    out[0] = (fin ? 0x80 : 0x00) | quint8(opcode); // no RSV bits
    if (size < 126) {
        out[1] = uchar(size);
    } else if (size <= 0xFFFF) {
        out[1] = 126;
        qToBigEndian(quint16(size), out + 2);
    } else {
        out[1] = 127;
        qToBigEndian(quint64(size), out + 2);
    }
    if (size > 0)
        memcpy(out + headerSize, payload, size_t(size));
    return frame;
}

SharedFrame SharedFrame::text(const QByteArray &utf8Payload)
{
    return encode(WsOpcode::Text, utf8Payload.constData(), utf8Payload.size());
}

QByteArray SharedFrame::header(WsOpcode opcode, bool fin, qsizetype payloadSize)
{
    const qsizetype headerSize = payloadSize < 126 ? 2 : (payloadSize <= 0xFFFF ? 4 : 10);
    QByteArray bytes(headerSize, Qt::Uninitialized);
    auto *out = reinterpret_cast<uchar *>(bytes.data());
    out[0] = (fin ? 0x80 : 0x00) | quint8(opcode);
    if (payloadSize < 126) {
        out[1] = uchar(payloadSize);
    } else if (payloadSize <= 0xFFFF) {
        out[1] = 126;
        qToBigEndian(quint16(payloadSize), out + 2);
    } else {
        out[1] = 127;
        qToBigEndian(quint64(payloadSize), out + 2);
    }
    return bytes;
}

SharedFrame SharedFrame::fragment(WsOpcode opcode, bool fin, const char *payload, qsizetype size)
{
    return encode(opcode, payload, size, fin);
}

SharedFrame SharedFrame::close(quint16 code, const QByteArray &reasonUtf8)
{
    qsizetype reasonSize = qMin(reasonUtf8.size(), MaxControlPayload - 2);
    // Never cut a multi-byte character in half: the peer would fail us with 1007.
    while (reasonSize > 0 && reasonSize < reasonUtf8.size()
           && (uchar(reasonUtf8.at(reasonSize)) & 0xC0) == 0x80) {
        --reasonSize;
    }
    QByteArray payload(2 + reasonSize, Qt::Uninitialized);
    qToBigEndian(code, payload.data());
    memcpy(payload.data() + 2, reasonUtf8.constData(), size_t(reasonSize));
    return encode(WsOpcode::Close, payload.constData(), payload.size());
}

SharedFrame SharedFrame::ping(const QByteArray &payload)
{
    return encode(WsOpcode::Ping, payload.constData(), qMin(payload.size(), MaxControlPayload));
}

SharedFrame SharedFrame::pong(const QByteArray &payload)
{
    return encode(WsOpcode::Pong, payload.constData(), qMin(payload.size(), MaxControlPayload));
}

WsOpcode SharedFrame::opcode() const
{
    return m_bytes.isEmpty() ? WsOpcode::Continuation : WsOpcode(quint8(m_bytes.at(0)) & 0x0F);
}

} // namespace collab::server
