#include "poller.h"

#include <sys/epoll.h>
#include <unistd.h>

namespace collab::bench {

Poller::Poller() : m_epoll(epoll_create1(EPOLL_CLOEXEC)) {}

Poller::~Poller()
{
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool Poller::add(int fd, std::uint32_t events, PollHandler *handler)
{
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = handler;
    return epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) == 0;
}

bool Poller::modify(int fd, std::uint32_t events, PollHandler *handler)
{
    epoll_event ev{};
    ev.events = events;
    ev.data.ptr = handler;
    return epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) == 0;
}

void Poller::remove(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

int Poller::poll(int timeoutMs)
{
    epoll_event events[512];
    const int n = epoll_wait(m_epoll, events, 512, timeoutMs);
    for (int i = 0; i < n; ++i)
        static_cast<PollHandler *>(events[i].data.ptr)->onPollEvent(events[i].events);
    return n < 0 ? 0 : n;
}

} // namespace collab::bench
