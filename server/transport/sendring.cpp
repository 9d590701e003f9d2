#include "transport/sendring.h"

#include "transport/wslogging.h"

#include <liburing.h>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace collab::server {

struct SendRing::Ring
{
    io_uring ring{};
    std::vector<msghdr> headers; // read by the kernel during submit (IORING_FEAT_SUBMIT_STABLE)
    bool live = false;

    ~Ring()
    {
        if (live)
            io_uring_queue_exit(&ring);
    }
};

std::unique_ptr<SendRing> SendRing::create(unsigned entries, unsigned maxIovecs)
{
    auto ring = std::make_unique<Ring>();
    // Only this thread submits, and it always waits for its own completions: the kernel can then
    // skip waking us with task work (DEFER_TASKRUN, 6.1+). Older kernels get a plain ring.
    const unsigned flagSets[] = {IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN, 0u};
    int error = 0;
    for (unsigned flags : flagSets) {
        io_uring_params params{};
        params.flags = flags;
        error = io_uring_queue_init_params(entries, &ring->ring, &params);
        if (error == 0) {
            if (!(params.features & IORING_FEAT_SUBMIT_STABLE)) {
                io_uring_queue_exit(&ring->ring); // the msghdrs must be consumed during submit
                error = -EOPNOTSUPP;
                break;
            }
            ring->live = true;
            break;
        }
    }
    if (!ring->live) {
        qCInfo(lcWs) << "io_uring unavailable (" << strerror(-error) << "): one sendmsg() per connection";
        return nullptr;
    }
    ring->headers.resize(entries);
    return std::unique_ptr<SendRing>(new SendRing(std::move(ring), entries, maxIovecs));
}

SendRing::SendRing(std::unique_ptr<Ring> ring, unsigned entries, unsigned maxIovecs)
    : m_ring(std::move(ring)), m_iovecs(maxIovecs), m_entries(entries)
{
    m_tags.reserve(entries);
    m_results.reserve(entries);
}

SendRing::~SendRing() = default;

bool SendRing::add(int fd, const iovec *iov, int count, quint64 tag)
{
    if (!m_ring || unsigned(m_pending) == m_entries || m_iovecsUsed + unsigned(count) > m_iovecs.size())
        return false;
    io_uring_sqe *sqe = io_uring_get_sqe(&m_ring->ring);
    if (!sqe)
        return false;
    // MSG_DONTWAIT: a full socket buffer completes with -EAGAIN at once instead of being polled by
    // the kernel; the connection then waits for EPOLLOUT as with a plain sendmsg().
    constexpr int Flags = MSG_NOSIGNAL | MSG_DONTWAIT;
    if (count == 1) {
        // The usual case (one new frame per receiver): a plain send, no msghdr to copy in.
        io_uring_prep_send(sqe, fd, iov->iov_base, iov->iov_len, Flags);
    } else {
        iovec *copy = m_iovecs.data() + m_iovecsUsed;
        std::copy(iov, iov + count, copy);
        m_iovecsUsed += unsigned(count);
        msghdr &header = m_ring->headers[size_t(m_pending)];
        header = msghdr{};
        header.msg_iov = copy;
        header.msg_iovlen = size_t(count);
        io_uring_prep_sendmsg(sqe, fd, &header, Flags);
    }
    io_uring_sqe_set_data64(sqe, quint64(m_pending));
    m_tags.push_back(tag);
    m_results.push_back(NotAttempted);
    ++m_pending;
    return true;
}

bool SendRing::submit(const Completion &done)
{
    io_uring *ring = &m_ring->ring;
    bool ok = true;
    int submitted = 0;
    while (submitted < m_pending) {
        // Submit and wait for every completion in one syscall: non-blocking sends complete inline.
        const int n = io_uring_submit_and_wait(ring, unsigned(m_pending - submitted));
        if (n == -EINTR)
            continue;
        if (n <= 0) {
            qCWarning(lcWs) << "io_uring submit failed (" << strerror(-n) << "): back to sendmsg()";
            ok = false;
            break;
        }
        submitted += n;
    }
    int completed = 0;
    while (completed < submitted) {
        io_uring_cqe *cqe = nullptr;
        const int error = io_uring_wait_cqe(ring, &cqe); // returns at once: they are all there
        if (error == -EINTR)
            continue;
        if (error < 0) {
            qCWarning(lcWs) << "io_uring wait failed:" << strerror(-error);
            ok = false;
            break;
        }
        unsigned head = 0;
        unsigned seen = 0;
        io_uring_for_each_cqe(ring, head, cqe)
        {
            const quint64 index = io_uring_cqe_get_data64(cqe);
            if (index < m_results.size())
                m_results[index] = cqe->res;
            ++seen;
        }
        io_uring_cq_advance(ring, seen);
        completed += int(seen);
    }
    if (!ok) {
        // A send the kernel took but did not report may or may not have been written: the stream
        // position is unknown, so that connection fails. Unsubmitted entries must never reach the
        // kernel later: the ring goes.
        for (int i = 0; i < submitted; ++i) {
            if (m_results[size_t(i)] == NotAttempted)
                m_results[size_t(i)] = -EIO;
        }
        m_ring.reset();
    }
    for (size_t i = 0; i < m_tags.size(); ++i)
        done(m_tags[i], m_results[i]);
    m_tags.clear();
    m_results.clear();
    m_pending = 0;
    m_iovecsUsed = 0;
    return ok;
}

} // namespace collab::server
