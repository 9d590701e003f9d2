#include "rest/httpconnection.h"

#include "rest/httpresponse.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace collab::server {

namespace {

constexpr qsizetype KeptOutputCapacity = 4 * 1024;

} // namespace

HttpConnection::HttpConnection(int fd, Host &host, qint64 firstByteMs)
    : m_fd(fd), m_host(host), m_pipeline(*this, host.limits(), host.nowMs(), firstByteMs)
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
    if (m_pipeline.phase() == HttpPipeline::Phase::Lingering)
        return drain();
    if (m_readInterest && m_pipeline.isOpen())
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
        m_pipeline.peerDone();
        if (!m_pipeline.hasUnanswered() && m_out.isEmpty())
            return finish();
        return updateInterest();
    }
    m_pipeline.received();
    if (m_in.isEmpty()) {
        process(QByteArrayView(buffer.constData(), n), false); // the common case: no copy of partial bytes
    } else {
        m_in.append(buffer.constData(), n);
        process(m_in, true);
    }
}

// Hands `input` (the bytes of the current request on) to the pipeline; keeps what it left in m_in.
void HttpConnection::process(QByteArrayView input, bool inBuffer)
{
    const qsizetype at = m_pipeline.take(input);
    if (m_pipeline.isFinished())
        return;
    if (!m_pipeline.isOpen() || at == input.size())
        m_in.clear(); // releases it: an idle connection keeps no buffer
    else if (inBuffer)
        m_in.remove(0, at);
    else
        m_in = input.sliced(at).toByteArray();
    flush();
    afterWrite();
}

void HttpConnection::refuse(QByteArray answer)
{
    m_pipeline.refuse(std::move(answer));
    flush();
    afterWrite();
}

void HttpConnection::answer(quint64 id, const HttpResponse &response)
{
    if (!m_pipeline.answer(id, response))
        return;
    flush();
    afterWrite();
}

void HttpConnection::onWritable()
{
    flush();
    afterWrite();
}

void HttpConnection::flush()
{
    while (m_outSent < m_out.size() && !m_pipeline.isFinished()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outSent, size_t(m_out.size() - m_outSent), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                finish();
            return;
        }
        m_outSent += n;
        m_pipeline.wrote();
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
    if (m_pipeline.isFinished() || m_pipeline.isTaking())
        return;
    // A streamed answer's next pieces, for as long as the kernel takes them at once; when it stops
    // taking them, write interest brings us back here.
    while (m_outSent == m_out.size() && m_pipeline.pump())
        flush();
    const bool allOut = !m_pipeline.hasUnanswered() && m_out.isEmpty();
    if (allOut && (m_pipeline.phase() == HttpPipeline::Phase::Closing || m_pipeline.isPeerDone())) {
        if (m_pipeline.isPeerDone())
            return finish();
        ::shutdown(m_fd, SHUT_WR); // the answers, then FIN; reading goes on until EOF or the deadline
        m_pipeline.startLingering();
        return updateInterest();
    }
    if (m_pipeline.takeHeldBack())
        return process(m_in, true);
    m_pipeline.sendContinueIfAwaited();
    if (!m_out.isEmpty())
        flush();
    updateInterest();
}

void HttpConnection::updateInterest()
{
    if (m_pipeline.isFinished())
        return;
    const bool read = m_pipeline.phase() == HttpPipeline::Phase::Lingering
                      || (m_pipeline.isOpen() && !m_pipeline.isPeerDone() && m_pipeline.accepting());
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
        if (n <= 0 || !m_pipeline.drained(n))
            return finish();
    }
}

void HttpConnection::sweep(qint64 now)
{
    if (m_pipeline.timedOut(now, m_host.limits()))
        finish();
}

void HttpConnection::finish()
{
    if (m_pipeline.isFinished())
        return;
    m_pipeline.finish();
    m_host.reactor().remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
    m_host.finished(this);
}

} // namespace collab::server
