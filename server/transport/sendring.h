#pragma once

#include <QtCore/QtGlobal>

#include <functional>
#include <memory>
#include <vector>

#include <sys/uio.h>

namespace collab::server {

// Many non-blocking sendmsg() calls on different sockets submitted with ONE io_uring_enter():
// a broadcast to 1,000 receivers costs one syscall instead of 1,000 (each syscall is expensive in
// a VM). The sends run inline during the submit, so the results are known when submit() returns,
// exactly as with a loop of sendmsg(). Linux ≥ 5.5 with liburing; create() answers nullptr where
// io_uring is missing or forbidden (seccomp, kernel.io_uring_disabled), and callers then use
// plain sendmsg().
class SendRing
{
public:
    // The ring takes at most `entries` sends and `maxIovecs` buffers per submit().
    static std::unique_ptr<SendRing> create(unsigned entries = 1024, unsigned maxIovecs = 8192);
    ~SendRing();
    SendRing(const SendRing &) = delete;
    SendRing &operator=(const SendRing &) = delete;

    // Queues one sendmsg(fd, iov[0..count), MSG_DONTWAIT | MSG_NOSIGNAL). The iovecs are copied;
    // the bytes they point to must stay valid until submit() returns. False when the ring is full:
    // submit() first.
    bool add(int fd, const iovec *iov, int count, quint64 tag);
    int pending() const { return m_pending; }

    // Sends everything added; calls done(tag, result) once per add(), in add() order, with
    // result = bytes written or -errno. Returns false if the ring failed: sends the kernel never
    // saw are then reported as NotAttempted (write them yourself) and the ring must not be used again.
    using Completion = std::function<void(quint64 tag, long result)>;
    bool submit(const Completion &done);

    static constexpr long NotAttempted = -(1L << 40);

private:
    struct Ring;
    explicit SendRing(std::unique_ptr<Ring> ring, unsigned entries, unsigned maxIovecs);

    std::unique_ptr<Ring> m_ring;
    std::vector<quint64> m_tags;   // tag of each pending send, in add() order
    std::vector<long> m_results;   // result of each pending send, by add() index
    std::vector<iovec> m_iovecs;   // copied buffer lists of the pending sends
    unsigned m_entries;
    int m_pending = 0;
    unsigned m_iovecsUsed = 0;
};

} // namespace collab::server
