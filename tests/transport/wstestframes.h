#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QtEndian>

// Builds client->server frames by hand, including the broken ones QWebSocket never sends.
namespace wstest {

inline QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true,
                              bool masked = true, quint8 rsv = 0, qint64 declaredLength = -1)
{
    const quint64 length = declaredLength < 0 ? quint64(payload.size()) : quint64(declaredLength);
    QByteArray out;
    out.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (length < 126) {
        out.append(char(maskBit | char(length)));
    } else if (length <= 0xFFFF) {
        out.append(char(maskBit | 126));
        char len[2];
        qToBigEndian(quint16(length), len);
        out.append(len, 2);
    } else {
        out.append(char(maskBit | 127));
        char len[8];
        qToBigEndian(length, len);
        out.append(len, 8);
    }
    if (!masked)
        return out + payload;
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    out.append(key, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(char(payload.at(i) ^ key[i & 3]));
    return out;
}

inline QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    char be[2];
    qToBigEndian(code, be);
    return QByteArray(be, 2) + reason;
}

} // namespace wstest
