#pragma once

#include "transport/framedecoder.h"
#include "transport/reactor.h"
#include "transport/sharedframe.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>

#include <sys/types.h>

struct iovec;

namespace collab::server {

struct WsContext;

// How important a frame is when the client is slow.
enum class Delivery {
    Reliable,  // queued up to the hard limit (an empty queue takes any one frame); over it: closed, 4008
    Droppable, // dropped while more than the soft limit is queued (typing, presence)
};

// One accepted WebSocket client on a raw non-blocking fd driven by the listener's epoll Reactor.
// Created only by WsListener, which owns it (QObject child): after closed() the listener calls
// deleteLater(). Keep a QPointer if you hold it beyond closed(); never delete it yourself.
// Sending never blocks and never writes immediately: frames are queued by reference and every
// connection that got frames in this event-loop turn is flushed once, with one sendmsg().
class WsConnection : public QObject, private Reactor::Handler
{
    Q_OBJECT
public:
    ~WsConnection() override;

    void send(const SharedFrame &frame, Delivery delivery = Delivery::Reliable);
    void sendText(const QByteArray &utf8);
    // Starts the closing handshake; closed() follows when the peer answers (or after closeTimeoutMs).
    void close(quint16 code, const QString &reason);

    quint64 id() const { return m_id; }
    QHostAddress peerAddress() const { return m_peer; }
    qint64 queuedBytes() const { return m_queuedBytes; }
    bool isOpen() const { return m_state == State::Open; }
    quint64 droppedFrames() const { return m_dropped; }
    // Close code we sent or the peer sent first (0 while open).
    quint16 closeCode() const { return m_closeCode; }

Q_SIGNALS:
    // A complete, UTF-8-validated text message (fragments reassembled).
    void textReceived(const QByteArray &utf8);
    // Emitted exactly once, always from the event loop (never from inside send()/close()).
    void closed();

private:
    friend class WsListener;
    friend class FlushScheduler;
    enum class State : quint8 { Open, Closing, Closed };
    static constexpr int IovBatch = 256; // frames per write; more stay queued for the next round

    WsConnection(int fd, quint64 id, const QHostAddress &peer, WsContext *context, QObject *parent);
    // Queues the 101 response: before anything a newConnection slot may send.
    void acceptHandshake(const QByteArray &handshakeResponse);
    // Decodes the bytes that arrived right behind the request head.
    void processEarlyData(const QByteArray &earlyData);
    // Called by the listener every pingIntervalMs.
    void heartbeat();

    void onReadable() override;
    void onWritable() override;
    void process(QByteArrayView data);
    bool handleEvent(FrameDecoder::Event &&event);

    void enqueue(const QByteArray &bytes);
    // Writes the queue with sendmsg() until it is empty or the kernel buffer is full.
    void flushQueue();
    // The next write of the queue as an iovec list (at most `max` frames); `bytes` gets its size.
    int gatherQueue(iovec *iov, int max, qsizetype &bytes) const;
    // Accounts the result of one write of `attempted` bytes (bytes written or -errno). True when
    // everything was taken and the rest of the queue may be written now.
    bool accountWrite(ssize_t result, qsizetype attempted);
    void setWantWrite(bool want);
    void fail(quint16 code, const QByteArray &reason);
    void abort(quint16 code, const QByteArray &reason);
    void finish();

    int m_fd;
    State m_state = State::Open;
    bool m_flushScheduled = false;
    bool m_wantWrite = false;
    bool m_discardInput = false;      // after a protocol error: read and drop until EOF
    bool m_shutdownAfterFlush = false;
    bool m_finishAfterFlush = false;
    bool m_sawTraffic = false;
    bool m_pingOutstanding = false;
    quint16 m_closeCode = 0;
    quint64 m_id;
    quint64 m_dropped = 0;
    qint64 m_queuedBytes = 0;
    qsizetype m_headOffset = 0;       // bytes of m_queue.first() already written
    QList<QByteArray> m_queue;        // references to shared encoded frames
    WsContext *m_context;
    QHostAddress m_peer;
    FrameDecoder m_decoder;
};

} // namespace collab::server
