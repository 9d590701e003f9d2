#pragma once

#include "transport/transportconnection.h"
#include "transport/wslimits.h"

#include <QtCore/QPointer>
#include <QtCore/QString>

#include <deque>

class QWebSocket;

namespace collab::server {

// One WebSocket client of the portable transport: a QWebSocket (Qt's own RFC 6455 code, over a
// QTcpSocket or a QSslSocket) under the same rules as the engine's WsConnection:
// - incoming frame and message sizes are capped (1009), binary frames are refused (1003);
// - sending never blocks: QWebSocket queues in its socket's write buffer, which Qt flushes from
//   the event loop; Droppable frames are dropped while more than the soft limit waits there, and
//   a Reliable frame that would take a non-empty queue over the hard limit closes (4008);
// - a reply bigger than bulkFragmentSize is not counted against the hard limit while it drains
//   (QWebSocket cannot pace it fragment by fragment as the engine does: it is queued whole, up to
//   maxBulkReplies of them);
// - a silent peer gets a ping each ping interval and is closed (1001) after two.
// Owned by the PortableTransport (QObject child), which deletes it after closed().
class PortableConnection final : public TransportConnection
{
    Q_OBJECT
public:
    PortableConnection(QWebSocket *socket, quint64 id, const WsLimits &limits, QObject *parent);
    ~PortableConnection() override;

    // CourseFanoutOf<PortableConnection>: QWebSocket takes text as a QString, converted once per
    // broadcast.
    using BroadcastFrame = QString;
    static QString encodeBroadcast(const QByteArray &utf8) { return QString::fromUtf8(utf8); }
    void send(const QString &text, Delivery delivery = Delivery::Reliable);

    void sendText(const QByteArray &utf8) override;
    void sendTextParts(const QByteArrayList &parts) override;
    void close(quint16 code, const QString &reason) override;
    quint64 id() const override { return m_id; }
    QHostAddress peerAddress() const override { return m_peer; }
    quint64 droppedFrames() const override { return m_dropped; }
    quint16 closeCode() const override { return m_closeCode; }
    bool isOpen() const { return m_state == State::Open; }
    // Bytes waiting in the socket for the client to read them.
    qint64 queuedBytes() const;

    // Called by the transport every pingIntervalMs.
    void heartbeat();
    // Server shutdown: a best-effort 1001, then the socket goes.
    void shutDown();

private:
    enum class State { Open, Closing, Closed };
    void sendBulk(const QString &text, qint64 size);
    void onBytesWritten(qint64 bytes);
    void fail(quint16 code, const QString &reason);
    void finish();

    QPointer<QWebSocket> m_socket;
    quint64 m_id;
    const WsLimits &m_limits;
    QHostAddress m_peer;
    State m_state = State::Open;
    quint16 m_closeCode = 0;
    quint64 m_dropped = 0;
    bool m_sawTraffic = false;
    bool m_pingOutstanding = false;
    bool m_closedEmitted = false;
    std::deque<qint64> m_bulk; // sizes of the big replies still draining, oldest first
    qint64 m_bulkBytes = 0;    // their sum: not counted against the hard limit
};

} // namespace collab::server
