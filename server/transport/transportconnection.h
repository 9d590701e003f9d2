#pragma once

#include <QtCore/QByteArrayList>
#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>

namespace collab::server {

// How important a frame is when the client is slow.
enum class Delivery {
    Reliable,  // queued up to the hard limit (an empty queue takes any one frame); over it: closed, 4008
    Droppable, // dropped while more than the soft limit is queued (typing, presence)
};

// One accepted WebSocket client, as the gateway (ClientSession) sees it, whichever transport
// carries it: the Linux engine's WsConnection or the portable PortableConnection. The transport
// owns it and deletes it (deleteLater) after closed(); keep a QPointer beyond that.
// Replies go through these virtual calls (one per reply); broadcasts do not: they go through the
// transport's own CourseFanoutOf<Connection>, which calls the concrete class directly, so the
// engine's fan-out loop is what it was before the seam (docs/architecture.md, "Two transports").
class TransportConnection : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // A reply to this client (UTF-8 JSON); a big one goes out paced where the transport can.
    virtual void sendText(const QByteArray &utf8) = 0;
    // The same for a message given in pieces (sent as one message).
    virtual void sendTextParts(const QByteArrayList &parts) = 0;
    // Starts the closing handshake; closed() follows.
    virtual void close(quint16 code, const QString &reason) = 0;

    virtual quint64 id() const = 0;
    virtual QHostAddress peerAddress() const = 0;
    virtual quint64 droppedFrames() const = 0;
    // Close code we sent or the peer sent first (0 while open).
    virtual quint16 closeCode() const = 0;

Q_SIGNALS:
    // A complete, UTF-8-validated text message (fragments reassembled).
    void textReceived(const QByteArray &utf8);
    // Emitted exactly once, always from the event loop (never from inside a send or close).
    void closed();
};

} // namespace collab::server
