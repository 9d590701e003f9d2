#include "transport/wsconnection.h"

#include "transport/wscontext.h"
#include "transport/wslimits.h"
#include "transport/wslogging.h"

#include <QtCore/QTimer>

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>

namespace collab::server {

namespace {
constexpr int ReadRounds = 4;  // recv() calls per readiness event, so one client cannot hog the loop
} // namespace

WsConnection::WsConnection(int fd, quint64 id, const QHostAddress &peer, WsContext *context,
                           QObject *parent)
    : TransportConnection(parent),
      m_fd(fd),
      m_id(id),
      m_context(context),
      m_peer(peer),
      m_decoder(FrameDecoder::Limits{context->limits.maxFrameSize, context->limits.maxMessageSize})
{
}

WsConnection::~WsConnection()
{
    if (m_flushScheduled)
        m_context->scheduler->cancel(this);
    if (m_fd >= 0) {
        m_context->reactor->remove(m_fd);
        ::close(m_fd);
    }
}

void WsConnection::acceptHandshake(const QByteArray &handshakeResponse) { enqueue(handshakeResponse); }

void WsConnection::processEarlyData(const QByteArray &earlyData)
{
    if (!earlyData.isEmpty())
        process(earlyData);
}

void WsConnection::send(const SharedFrame &frame, Delivery delivery)
{
    if (m_state != State::Open || frame.isNull())
        return;
    if (frame.opcode() != WsOpcode::Text) {
        qCWarning(lcWs) << "send() takes text frames only; use close() to close";
        return;
    }
    const WsLimits &limits = m_context->limits;
    const qint64 queued = m_queuedBytes + m_deferredBytes;
    if (delivery == Delivery::Droppable && queued > limits.sendQueueSoftLimit) {
        ++m_dropped;
        return;
    }
    // An empty queue takes any one frame (a big join snapshot must not kill a healthy client), so
    // a connection holds at most the hard limit plus one frame.
    if (queued > 0 && queued + frame.size() > limits.sendQueueHardLimit) {
        qCInfo(lcWs) << "connection" << m_id << "closed: send queue over" << limits.sendQueueHardLimit
                     << "bytes";
        abort(CloseCode::SlowConsumer, QByteArrayLiteral("send queue overflow: client too slow"));
        return;
    }
    if (m_bulkActive) { // a fragmented message is going out: nothing may come between its fragments
        m_deferred.append(Deferred{frame.bytes(), {}, false});
        m_deferredBytes += frame.size();
        return;
    }
    enqueue(frame.bytes());
}

void WsConnection::sendText(const QByteArray &utf8)
{
    sendTextParts({utf8});
}

void WsConnection::sendTextParts(const QByteArrayList &parts)
{
    qsizetype size = 0;
    for (const QByteArray &part : parts)
        size += part.size();
    if (size > m_context->limits.bulkFragmentSize)
        sendBulk(parts);
    else
        send(SharedFrame::text(parts.size() == 1 ? parts.first() : parts.join()));
}

void WsConnection::sendBulk(const QByteArrayList &parts)
{
    if (m_state != State::Open || parts.isEmpty())
        return;
    if (m_bulkActive) {
        if (m_deferredBulks >= m_context->limits.maxBulkReplies) {
            qCInfo(lcWs) << "connection" << m_id << "closed: more than" << m_context->limits.maxBulkReplies
                         << "large replies waiting";
            abort(CloseCode::SlowConsumer, QByteArrayLiteral("too many large replies waiting: client too slow"));
            return;
        }
        m_deferred.append(Deferred{{}, parts, true});
        ++m_deferredBulks;
        return;
    }
    startBulk(parts);
    if (m_queue.isEmpty())
        pumpBulk();
    // Otherwise the flush that empties the queue queues the first fragment.
}

void WsConnection::startBulk(QByteArrayList parts)
{
    m_bulk = std::move(parts);
    m_bulkSize = 0;
    for (const QByteArray &part : std::as_const(m_bulk))
        m_bulkSize += part.size();
    m_bulkOffset = 0;
    m_bulkActive = true;
}

bool WsConnection::pumpBulk()
{
    if (!m_bulkActive || m_state != State::Open || m_fd < 0)
        return false;
    auto byteAt = [this](qsizetype at) {
        for (const QByteArray &part : std::as_const(m_bulk)) {
            if (at < part.size())
                return uchar(part.at(at));
            at -= part.size();
        }
        return uchar(0);
    };
    qsizetype size = std::min<qsizetype>(m_context->limits.bulkFragmentSize, m_bulkSize - m_bulkOffset);
    const bool last = m_bulkOffset + size == m_bulkSize;
    // Fragments end on a character boundary, so that each one is valid UTF-8 on its own.
    while (!last && size > 1 && (byteAt(m_bulkOffset + size) & 0xC0) == 0x80)
        --size;
    const WsOpcode opcode = m_bulkOffset == 0 ? WsOpcode::Text : WsOpcode::Continuation;
    QByteArray frame = SharedFrame::header(opcode, last, size); // then the payload, copied once
    frame.reserve(frame.size() + size);
    const qsizetype end = frame.size() + size;
    qsizetype skip = m_bulkOffset;
    for (const QByteArray &part : std::as_const(m_bulk)) {
        if (frame.size() == end)
            break;
        if (skip >= part.size()) {
            skip -= part.size();
            continue;
        }
        const qsizetype take = std::min(part.size() - skip, end - frame.size());
        frame.append(part.constData() + skip, take);
        skip = 0;
    }
    enqueue(frame);
    m_bulkOffset += size;
    if (last)
        releaseDeferred();
    return true;
}

void WsConnection::releaseDeferred()
{
    m_bulk = QByteArrayList();
    m_bulkSize = 0;
    m_bulkOffset = 0;
    m_bulkActive = false;
    while (!m_deferred.isEmpty()) {
        Deferred next = m_deferred.takeFirst();
        if (next.bulk) {
            --m_deferredBulks;
            startBulk(std::move(next.parts));
            return; // its first fragment goes once the queue is empty again
        }
        m_deferredBytes -= next.frame.size();
        enqueue(next.frame);
    }
}

void WsConnection::dropBulk()
{
    m_bulk = QByteArrayList();
    m_bulkSize = 0;
    m_bulkOffset = 0;
    m_bulkActive = false;
    m_deferred = QList<Deferred>();
    m_deferredBytes = 0;
    m_deferredBulks = 0;
}

void WsConnection::close(quint16 code, const QString &reason)
{
    if (m_state != State::Open)
        return;
    // 1005, 1006 and 1015 must never appear on the wire, nor codes outside the registered ranges.
    const bool sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
    if (!sendable) {
        qCWarning(lcWs) << "close code" << code << "cannot be sent; using 1000";
        code = CloseCode::Normal;
    }
    m_state = State::Closing;
    m_closeCode = code;
    enqueue(SharedFrame::close(code, reason.toUtf8()).bytes());
    QTimer::singleShot(m_context->limits.closeTimeoutMs, this, &WsConnection::finish);
}

void WsConnection::heartbeat()
{
    if (m_state != State::Open)
        return;
    if (m_sawTraffic) {
        m_sawTraffic = false;
        return;
    }
    if (m_pingOutstanding) {
        qCInfo(lcWs) << "connection" << m_id << "closed: no answer to ping";
        abort(CloseCode::GoingAway, QByteArrayLiteral("ping timeout"));
        return;
    }
    m_pingOutstanding = true;
    enqueue(SharedFrame::ping().bytes());
}

void WsConnection::onReadable()
{
    QByteArray &buffer = m_context->readBuffer;
    for (int round = 0; round < ReadRounds && m_fd >= 0; ++round) {
        const ssize_t n = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0);
        if (n > 0) {
            m_sawTraffic = true;
            m_pingOutstanding = false;
            if (!m_discardInput)
                process(QByteArrayView(buffer.constData(), n));
            if (n < buffer.size())
                return; // the socket is most likely drained
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        finish(); // EOF or a socket error
        return;
    }
}

void WsConnection::onWritable()
{
    flushQueue();
}

void WsConnection::process(QByteArrayView data)
{
    const FrameDecoder::Error error = m_decoder.feed(
        data, [this](FrameDecoder::Event &&event) { return handleEvent(std::move(event)); });
    if (error) {
        qCInfo(lcWs) << "connection" << m_id << "failed:" << error.closeCode << error.reason;
        fail(error.closeCode, error.reason);
    }
}

bool WsConnection::handleEvent(FrameDecoder::Event &&event)
{
    switch (event.opcode) {
    case WsOpcode::Text:
        if (m_state == State::Open)
            Q_EMIT textReceived(event.payload);
        break;
    case WsOpcode::Ping:
        if (m_state == State::Open)
            enqueue(SharedFrame::pong(event.payload).bytes());
        break;
    case WsOpcode::Close:
        if (m_state == State::Open) {
            // Echo the peer's code (RFC 6455 5.5.1), then close the TCP connection ourselves.
            m_state = State::Closing;
            m_closeCode = event.closeCode;
            const quint16 echo = event.closeCode == CloseCode::NoStatus ? CloseCode::Normal : event.closeCode;
            enqueue(SharedFrame::close(echo).bytes());
            QTimer::singleShot(m_context->limits.closeTimeoutMs, this, &WsConnection::finish);
        }
        m_discardInput = true;
        m_finishAfterFlush = true;
        if (m_queue.isEmpty())
            finish();
        return false;
    default:
        break; // pong: the traffic flag is all we need
    }
    return m_fd >= 0 && !m_discardInput;
}

void WsConnection::enqueue(const QByteArray &bytes)
{
    m_queue.append(bytes);
    m_queuedBytes += bytes.size();
    // While waiting for EPOLLOUT the write event flushes; otherwise once at the end of this turn.
    if (!m_flushScheduled && !m_wantWrite && m_fd >= 0) {
        m_flushScheduled = true;
        m_context->scheduler->schedule(this);
    }
}

int WsConnection::gatherQueue(iovec *iov, int max, qsizetype &bytes) const
{
    int count = 0;
    bytes = 0;
    for (const QByteArray &frame : m_queue) {
        const qsizetype skip = count == 0 ? m_headOffset : 0;
        iov[count].iov_base = const_cast<char *>(frame.constData() + skip);
        iov[count].iov_len = size_t(frame.size() - skip);
        bytes += frame.size() - skip;
        if (++count == max)
            break;
    }
    return count;
}

bool WsConnection::accountWrite(ssize_t result, qsizetype attempted)
{
    if (result < 0) {
        if (result == -EINTR)
            return true;
        if (result == -EAGAIN || result == -EWOULDBLOCK)
            setWantWrite(true);
        else
            finish(); // EPIPE, ECONNRESET: the peer is gone
        return false;
    }
    m_queuedBytes -= result;
    qsizetype left = result + m_headOffset;
    qsizetype done = 0;
    while (done < m_queue.size() && left >= m_queue.at(done).size())
        left -= m_queue.at(done++).size();
    m_queue.remove(0, done);
    m_headOffset = left;
    if (result < attempted) {
        setWantWrite(true); // the kernel buffer is full
        return false;
    }
    return true;
}

void WsConnection::flushQueue()
{
    m_flushScheduled = false;
    while (m_fd >= 0 && !m_queue.isEmpty()) {
        iovec iov[IovBatch];
        qsizetype bytes = 0;
        msghdr message{};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(gatherQueue(iov, IovBatch, bytes));
        const ssize_t written = ::sendmsg(m_fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (!accountWrite(written < 0 ? -errno : written, bytes))
            return;
    }
    if (m_fd < 0)
        return;
    // Keep a small array for the next frame (saves a malloc/free per delivery); a big one, grown
    // by a burst, is released so that idle connections stay small.
    if (m_queue.capacity() > 8)
        m_queue = QList<QByteArray>();
    else
        m_queue.clear();
    m_headOffset = 0;
    setWantWrite(false);
    // The kernel took everything: the next fragment of a bulk reply is queued now and written on
    // the NEXT turn (enqueue schedules that flush), not in a loop here. A client that reads fast
    // would otherwise get a whole multi-MB reply in one turn (loopback even runs the receiver's
    // side of TCP on this thread), and ten fresh loads of a big note would hold the thread that
    // serves every course for tens of ms; one fragment per connection per turn lets other
    // clients' requests be read in between.
    if (pumpBulk())
        return; // closing waits until the bulk reply is out (fail() drops it instead)
    if (m_finishAfterFlush) {
        finish();
    } else if (m_shutdownAfterFlush) {
        // Our close frame is out; the peer answers and closes. Keep reading until EOF so that
        // closing with unread data does not turn into a RST that destroys the close frame.
        m_shutdownAfterFlush = false;
        ::shutdown(m_fd, SHUT_WR);
    }
}

void WsConnection::setWantWrite(bool want)
{
    if (m_wantWrite == want || m_fd < 0)
        return;
    m_wantWrite = want;
    m_context->reactor->modify(m_fd, this, true, want);
}

void WsConnection::fail(quint16 code, const QByteArray &reason)
{
    if (m_state == State::Closed)
        return;
    m_discardInput = true;
    if (m_state == State::Open) {
        m_state = State::Closing;
        m_closeCode = code;
        // The connection is broken: what was queued no longer matters, except the rest of a frame
        // already partly written (cutting it would garble our close frame).
        if (m_headOffset > 0) {
            const QByteArray head = m_queue.first();
            m_queue = {head};
            m_queuedBytes = head.size() - m_headOffset;
        } else {
            m_queue = QList<QByteArray>();
            m_queuedBytes = 0;
        }
        dropBulk();
        m_shutdownAfterFlush = true;
        enqueue(SharedFrame::close(code, reason).bytes());
        QTimer::singleShot(m_context->limits.closeTimeoutMs, this, &WsConnection::finish);
    }
}

void WsConnection::abort(quint16 code, const QByteArray &reason)
{
    if (m_fd < 0)
        return;
    // Best effort: the close frame only gets through if the kernel buffer has room (and the queue
    // does not hold a partly written frame, which would corrupt the stream). Only one close frame
    // per connection: none if the closing handshake already started.
    if (m_state == State::Open)
        m_closeCode = code;
    if (m_state == State::Open && m_headOffset == 0) {
        const QByteArray frame = SharedFrame::close(code, reason).bytes();
        [[maybe_unused]] const ssize_t n = ::send(m_fd, frame.constData(), size_t(frame.size()),
                                                  MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    finish();
}

void WsConnection::finish()
{
    if (m_fd < 0)
        return;
    m_context->reactor->remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
    m_state = State::Closed;
    m_queue = QList<QByteArray>();
    m_queuedBytes = 0;
    dropBulk();
    m_headOffset = 0;
    // The decoder is left alone: finish() can run inside its feed() (a slot hits the hard limit);
    // its buffers go with the connection, which is deleted right after closed().
    if (m_flushScheduled) {
        m_context->scheduler->cancel(this);
        m_flushScheduled = false;
    }
    // Queued so that a slot never runs inside send() or a broadcast loop of the caller.
    QMetaObject::invokeMethod(this, &WsConnection::closed, Qt::QueuedConnection);
}

} // namespace collab::server
