#pragma once

#include "transport/framedecoder.h"
#include "transport/reactor.h"
#include "transport/sharedframe.h"
#include "transport/transportconnection.h"

#include <QtCore/QByteArrayList>
#include <QtCore/QList>
#include <QtNetwork/QHostAddress>

#include <sys/types.h>

struct iovec;

namespace collab::server {

struct WsContext;

// One accepted WebSocket client on a raw non-blocking fd driven by the listener's epoll Reactor.
// Created only by WsListener, which owns it (QObject child): after closed() the listener calls
// deleteLater(). Keep a QPointer if you hold it beyond closed(); never delete it yourself.
// Sending never blocks and never writes immediately: frames are queued by reference and every
// connection that got frames in this event-loop turn is flushed once, with one sendmsg().
// The engine's side of the transport seam (TransportConnection): the class is final, so the
// fan-out (CourseFanoutOf<WsConnection>) calls send() directly, with no virtual call per receiver.
class WsConnection final : public TransportConnection, private Reactor::Handler
{
    Q_OBJECT
public:
    ~WsConnection() override;

    // CourseFanoutOf<WsConnection>: a broadcast is encoded once, as one shared frame.
    using BroadcastFrame = SharedFrame;
    static SharedFrame encodeBroadcast(const QByteArray &utf8) { return SharedFrame::text(utf8); }

    void send(const SharedFrame &frame, Delivery delivery = Delivery::Reliable);
    // A reply to this client: a big one (over WsLimits::bulkFragmentSize) goes out paced, as a
    // fragmented message that the slow-consumer rule does not count (see sendBulk).
    void sendText(const QByteArray &utf8) override;
    // The same for a message given in pieces (sent as one message; a big shared piece is not
    // copied into a buffer of its own).
    void sendTextParts(const QByteArrayList &parts) override;
    // Sends the pieces as one text message in fragments, the next queued only when the queue has
    // drained; frames sent until its last fragment is out wait behind it, in order.
    void sendBulk(const QByteArrayList &parts);
    // Starts the closing handshake; closed() follows when the peer answers (or after closeTimeoutMs).
    void close(quint16 code, const QString &reason) override;

    quint64 id() const override { return m_id; }
    QHostAddress peerAddress() const override { return m_peer; }
    qint64 queuedBytes() const { return m_queuedBytes + m_deferredBytes; }
    bool isOpen() const { return m_state == State::Open; }
    quint64 droppedFrames() const override { return m_dropped; }
    // Close code we sent or the peer sent first (0 while open).
    quint16 closeCode() const override { return m_closeCode; }
    // textReceived() and closed() are TransportConnection's signals.

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
    // Queues the next fragment of the bulk message being sent; false if there is none.
    bool pumpBulk();
    // The bulk message is out: what waited behind it is queued, up to the next bulk message.
    void releaseDeferred();
    void dropBulk();
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
    // Paced sending (sendBulk): the message being sent and how much of it is queued already, then
    // what was sent after it, in order (bulk messages among them, marked).
    struct Deferred
    {
        QByteArray frame;     // an encoded frame, or
        QByteArrayList parts; // a bulk message's pieces
        bool bulk = false;
    };
    void startBulk(QByteArrayList parts);
    QByteArrayList m_bulk;           // the pieces of the message being sent
    qsizetype m_bulkSize = 0;
    qsizetype m_bulkOffset = 0;      // bytes of it already queued
    bool m_bulkActive = false;
    QList<Deferred> m_deferred;
    qint64 m_deferredBytes = 0;       // encoded frames in m_deferred (bulk payloads not counted)
    int m_deferredBulks = 0;
    WsContext *m_context;
    QHostAddress m_peer;
    FrameDecoder m_decoder;
};

} // namespace collab::server
