#include "transport/reactor.h"

#include "transport/wslogging.h"

#include <QtCore/QSocketNotifier>

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace collab::server {

namespace {

epoll_event makeEvent(Reactor::Handler *handler, bool read, bool write)
{
    epoll_event ev{};
    // Hang-ups and errors are reported through the read path: recv() then tells what happened.
    ev.events = (read ? EPOLLIN | EPOLLRDHUP : 0u) | (write ? EPOLLOUT : 0u);
    ev.data.ptr = handler;
    return ev;
}

} // namespace

Reactor::Reactor(QObject *parent) : QObject(parent), m_epoll(epoll_create1(EPOLL_CLOEXEC))
{
    if (m_epoll < 0) {
        qCCritical(lcWs) << "epoll_create1 failed:" << strerror(errno);
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &Reactor::dispatch);
}

Reactor::~Reactor()
{
    delete m_notifier;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool Reactor::add(int fd, Handler *handler, bool read, bool write)
{
    epoll_event ev = makeEvent(handler, read, write);
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) == 0)
        return true;
    qCWarning(lcWs) << "epoll add failed:" << strerror(errno);
    return false;
}

bool Reactor::modify(int fd, Handler *handler, bool read, bool write)
{
    epoll_event ev = makeEvent(handler, read, write);
    return epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) == 0;
}

void Reactor::remove(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void Reactor::dispatch()
{
    // One batch per activation: the epoll fd stays readable while more is ready, so other
    // event sources (timers, the HTTP server, posted flushes) get their turn in between.
    epoll_event events[256];
    const int n = epoll_wait(m_epoll, events, 256, 0);
    for (int i = 0; i < n; ++i) {
        auto *handler = static_cast<Handler *>(events[i].data.ptr);
        const uint32_t what = events[i].events;
        if (what & EPOLLOUT)
            handler->onWritable();
        if (what & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
            handler->onReadable();
    }
}

} // namespace collab::server
