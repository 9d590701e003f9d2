#include "rawwsclient.h"

#include <QHostAddress>
#include <QTest>
#include <QtEndian>

namespace rawws {

QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin, bool masked, quint8 rsv, qint64 declaredLength)
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

QByteArray closePayload(quint16 code, const QByteArray &reason)
{
    char be[2];
    qToBigEndian(code, be);
    return QByteArray(be, 2) + reason;
}

} // namespace rawws

QByteArray RawWsClient::upgradeRequest(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
}

bool RawWsClient::connectTo(quint16 port)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(5000);
}

bool RawWsClient::upgrade(quint16 port, const QByteArray &extra)
{
    if (!connectTo(port))
        return false;
    socket.write(upgradeRequest() + extra);
    if (!QTest::qWaitFor([this] { return readMore().contains("\r\n\r\n"); }, 5000))
        return false;
    const qsizetype end = buffer.indexOf("\r\n\r\n") + 4;
    const bool ok = buffer.startsWith("HTTP/1.1 101");
    buffer.remove(0, end);
    return ok;
}

QByteArray RawWsClient::readMore()
{
    buffer += socket.readAll();
    return buffer;
}

QPair<int, QByteArray> RawWsClient::takeFrame()
{
    readMore();
    if (buffer.size() < 2)
        return {-1, {}};
    const auto *p = reinterpret_cast<const uchar *>(buffer.constData());
    qsizetype header = 2;
    quint64 length = p[1] & 0x7F;
    if (length == 126) {
        header = 4;
        if (buffer.size() < header)
            return {-1, {}};
        length = qFromBigEndian<quint16>(p + 2);
    } else if (length == 127) {
        header = 10;
        if (buffer.size() < header)
            return {-1, {}};
        length = qFromBigEndian<quint64>(p + 2);
    }
    if (quint64(buffer.size() - header) < length)
        return {-1, {}};
    const QPair<int, QByteArray> frame{p[0] & 0x0F, buffer.mid(header, qsizetype(length))};
    buffer.remove(0, header + qsizetype(length));
    return frame;
}

QPair<int, QByteArray> RawWsClient::waitFrame()
{
    QPair<int, QByteArray> frame{-1, {}};
    [[maybe_unused]] const bool found = QTest::qWaitFor([this, &frame] {
        frame = takeFrame();
        return frame.first >= 0;
    }, 5000);
    return frame;
}

int RawWsClient::waitForCloseCode()
{
    int code = 0;
    [[maybe_unused]] const bool found = QTest::qWaitFor([this, &code] {
        for (auto frame = takeFrame(); frame.first >= 0; frame = takeFrame()) {
            if (frame.first == 0x8 && frame.second.size() >= 2) {
                code = qFromBigEndian<quint16>(frame.second.constData());
                return true;
            }
        }
        return false;
    }, 5000);
    return code;
}
