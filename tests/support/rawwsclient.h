#pragma once

// THE raw WebSocket client of the suites: bytes on a plain QTcpSocket, handshakes and frames
// written by hand (including the broken ones QWebSocket never sends), replies read raw. For the
// protocol itself (JSON frames, hello/join, replies by ref) use WsTestClient; for HTTP,
// RawHttpClient.
#include <QByteArray>
#include <QPair>
#include <QTcpSocket>

// Client->server frames built by hand.
namespace rawws {

// One frame: masked unless told otherwise; rsv sets the RSV bits; declaredLength (>= 0) puts
// another length in the header than the payload's.
QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true, bool masked = true,
                       quint8 rsv = 0, qint64 declaredLength = -1);
// The payload of a close frame: the code, big-endian, then the reason.
QByteArray closePayload(quint16 code, const QByteArray &reason = {});

} // namespace rawws

class RawWsClient
{
public:
    // A valid upgrade request for `path` (fixed key).
    static QByteArray upgradeRequest(const QByteArray &path = "/ws");

    // Connected to 127.0.0.1:port within 5 s.
    bool connectTo(quint16 port);
    // Connects, sends the upgrade (plus `extra` in the same write) and waits for the response head:
    // true if it was 101. What followed the head stays in `buffer`.
    bool upgrade(quint16 port, const QByteArray &extra = {});

    // Appends what arrived to `buffer` and returns it.
    QByteArray readMore();
    // Pops one complete server frame from the buffer: {opcode, payload}; opcode -1 if incomplete.
    QPair<int, QByteArray> takeFrame();
    // Waits up to 5 s for the next complete server frame ({-1, {}} if none came).
    QPair<int, QByteArray> waitFrame();
    // Waits up to 5 s for the server's close frame and returns its code (0 if none came).
    int waitForCloseCode();

    QTcpSocket socket;
    QByteArray buffer; // received, not taken yet
};
