#include "rest/httpconnection.h"

#include "rest/httpresponse.h"
#include "rest/httpwire.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace collab::server {

namespace {

constexpr qsizetype KeptOutputCapacity = 4 * 1024;

} // namespace

HttpConnection::HttpConnection(int fd, Host &host, qint64 firstByteMs)
    : m_fd(fd), m_host(host), m_lastActivityMs(host.nowMs()), m_requestStartMs(firstByteMs)
{
}

HttpConnection::~HttpConnection()
{
    if (m_fd >= 0) {
        m_host.reactor().remove(m_fd);
        ::close(m_fd);
    }
}

void HttpConnection::onReadable()
{
    if (m_phase == Phase::Lingering)
        return drain();
    if (m_readInterest && m_phase == Phase::Open)
        return readRequests();
    // Not reading (back-pressure, or closing): epoll still reports a reset (EPOLLHUP/EPOLLERR),
    // level-triggered, so find out now instead of being woken again and again until the answers.
    char byte;
    if (::recv(m_fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        finish();
}

void HttpConnection::readRequests()
{
    QByteArray &buffer = m_host.readBuffer();
    const ssize_t n = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            finish();
        return;
    }
    if (n == 0) { // the client will send nothing more: answer what it sent, then close
        m_peerDone = true;
        if (m_slots.empty() && m_out.isEmpty())
            return finish();
        return updateInterest();
    }
    const qint64 now = m_host.nowMs();
    m_lastActivityMs = now;
    if (m_requestStartMs < 0)
        m_requestStartMs = now;
    if (m_in.isEmpty()) {
        process(QByteArrayView(buffer.constData(), n), false); // the common case: no copy of partial bytes
    } else {
        m_in.append(buffer.constData(), n);
        process(m_in, true);
    }
}

// Parses and dispatches every complete request of `input` (the bytes of the current request on),
// as long as the connection accepts more; keeps the rest in m_in.
void HttpConnection::process(QByteArrayView input, bool inBuffer)
{
    m_processing = true;
    qsizetype at = 0;
    while (accepting()) {
        const HttpRequestParser::Status status = m_parser.parse(input.sliced(at));
        if (status == HttpRequestParser::Status::Incomplete)
            break;
        if (status == HttpRequestParser::Status::Refused) {
            queueRefusal(httpwire::refusal(m_parser.refusalStatus(), m_parser.refusalMessage()));
            break;
        }
        at += m_parser.consumed();
        HttpRequest request = m_parser.takeRequest();
        m_parser.reset();
        m_continueSent = false;
        const httpwire::Framing framing{!request.keepAlive, request.keepAlive && request.minorVersion == 0,
                                        request.method == HttpMethod::Head};
        m_slots.push_back(Slot{m_host.open(this), framing, std::nullopt});
        if (!request.keepAlive)
            m_phase = Phase::Closing; // what follows is never read
        m_requestStartMs = at < input.size() ? m_host.nowMs() : -1;
        m_host.dispatch(m_slots.back().id, std::move(request));
    }
    m_processing = false;
    if (m_phase == Phase::Finished)
        return;
    m_heldBack = m_phase == Phase::Open && !accepting();
    if (m_phase != Phase::Open || at == input.size())
        m_in.clear(); // releases it: an idle connection keeps no buffer
    else if (inBuffer)
        m_in.remove(0, at);
    else
        m_in = input.sliced(at).toByteArray();
    writeAnswered();
    sendContinueIfAwaited();
    flush();
    afterWrite();
}

bool HttpConnection::accepting() const
{
    return m_phase == Phase::Open && m_slots.size() < size_t(HttpLimits::MaxUnanswered)
           && m_out.size() - m_outSent <= HttpLimits::MaxUnsentBytes;
}

void HttpConnection::queueRefusal(QByteArray answer)
{
    m_slots.push_back(Slot{0, {true, false, false}, std::move(answer)});
    m_phase = Phase::Closing;
    writeAnswered();
}

void HttpConnection::refuse(QByteArray answer)
{
    queueRefusal(std::move(answer));
    flush();
    afterWrite();
}

// "Expect: 100-continue": the client waits for this before it sends the body. Sent only once
// the answers of the requests before it are out, so that it comes in its place.
void HttpConnection::sendContinueIfAwaited()
{
    if (m_phase != Phase::Open || m_continueSent || !m_slots.empty() || !m_parser.awaitingBody() || !m_parser.expectsContinue())
        return;
    m_continueSent = true;
    m_out += httpwire::continue100();
}

void HttpConnection::answer(quint64 id, const HttpResponse &response)
{
    for (Slot &slot : m_slots) {
        if (slot.id != id || slot.wire)
            continue;
        slot.wire = httpwire::encode(response, slot.framing);
        if (&slot == &m_slots.front() && !m_processing) {
            writeAnswered();
            flush();
            afterWrite();
        }
        return;
    }
}

// Moves the answers that are next in order to the output.
void HttpConnection::writeAnswered()
{
    while (!m_slots.empty() && m_slots.front().wire) {
        m_out += *m_slots.front().wire;
        m_slots.pop_front();
    }
}

void HttpConnection::onWritable()
{
    flush();
    afterWrite();
}

void HttpConnection::flush()
{
    while (m_outSent < m_out.size() && m_phase != Phase::Finished) {
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outSent, size_t(m_out.size() - m_outSent), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                finish();
            return;
        }
        m_outSent += n;
        m_lastActivityMs = m_host.nowMs();
    }
    if (m_outSent == m_out.size()) {
        // Keeps a small allocation for the next answers; a big one (a history page) goes.
        if (m_out.capacity() > KeptOutputCapacity)
            m_out.clear();
        else
            m_out.resize(0);
        m_outSent = 0;
    }
}

// After answers went out: end the connection, or take the requests held back by back-pressure.
void HttpConnection::afterWrite()
{
    if (m_phase == Phase::Finished || m_processing)
        return;
    const bool allOut = m_slots.empty() && m_out.isEmpty();
    if (allOut && (m_phase == Phase::Closing || m_peerDone)) {
        if (m_peerDone)
            return finish();
        ::shutdown(m_fd, SHUT_WR); // the answers, then FIN; reading goes on until EOF or the deadline
        m_phase = Phase::Lingering;
        m_lingerStartMs = m_host.nowMs();
        return updateInterest();
    }
    if (m_heldBack && accepting()) {
        m_heldBack = false;
        return process(m_in, true);
    }
    sendContinueIfAwaited();
    if (!m_out.isEmpty())
        flush();
    updateInterest();
}

void HttpConnection::updateInterest()
{
    if (m_phase == Phase::Finished)
        return;
    const bool read = m_phase == Phase::Lingering || (m_phase == Phase::Open && !m_peerDone && accepting());
    const bool write = m_outSent < m_out.size();
    if (read == m_readInterest && write == m_writeInterest)
        return;
    m_readInterest = read;
    m_writeInterest = write;
    m_host.reactor().modify(m_fd, this, read, write);
}

void HttpConnection::drain()
{
    QByteArray &buffer = m_host.readBuffer();
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer.data(), size_t(buffer.size()), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0)
            return finish();
        m_drained += n;
        if (m_drained > HttpLimits::MaxDrainBytes)
            return finish();
    }
}

void HttpConnection::sweep(qint64 now)
{
    const HttpLimits &limits = m_host.limits();
    if (m_phase == Phase::Lingering) {
        if (now - m_lingerStartMs >= limits.lingerMs)
            finish();
    } else if (!m_slots.empty()) {
        return; // waiting for the hub's answers: not the client's fault
    } else if (!m_out.isEmpty() || m_requestStartMs < 0) {
        if (now - m_lastActivityMs >= limits.idleTimeoutMs) // idle, or not reading its answers
            finish();
    } else if (now - m_requestStartMs >= limits.requestTimeoutMs) {
        finish(); // a request that does not come whole (slowloris)
    }
}

void HttpConnection::finish()
{
    if (m_phase == Phase::Finished)
        return;
    m_phase = Phase::Finished;
    m_host.reactor().remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
    m_host.finished(this);
}

} // namespace collab::server
