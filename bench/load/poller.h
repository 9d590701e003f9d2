#pragma once

#include <cstdint>

// A thin epoll wrapper: the generator's only event loop (one thread, level-triggered).
namespace collab::bench {

class PollHandler
{
public:
    virtual void onPollEvent(std::uint32_t events) = 0;

protected:
    ~PollHandler() = default;
};

class Poller
{
public:
    Poller();
    ~Poller();
    Poller(const Poller &) = delete;
    Poller &operator=(const Poller &) = delete;

    bool add(int fd, std::uint32_t events, PollHandler *handler);
    bool modify(int fd, std::uint32_t events, PollHandler *handler);
    void remove(int fd);

    // Waits up to timeoutMs (0: do not block) and dispatches the ready handlers. Returns how
    // many were dispatched.
    int poll(int timeoutMs);

    // The epoll descriptor: readable while a handler is ready, so another event loop (a Qt
    // QSocketNotifier, bench/lecture) can drive this one.
    int fd() const { return m_epoll; }

private:
    int m_epoll = -1;
};

} // namespace collab::bench
