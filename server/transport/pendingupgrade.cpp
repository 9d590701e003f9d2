#include "transport/pendingupgrade.h"

#include "transport/handshake.h"
#include "transport/wslimits.h"

#include <QtCore/QDeadlineTimer>

#include <sys/socket.h>

#include <cerrno>

namespace collab::server {

PendingUpgrade::PendingUpgrade(int fd, const QHostAddress &peer, qint64 deadlineMs,
                               const WsLimits &limits, Owner *owner)
    : m_fd(fd), m_deadlineMs(deadlineMs), m_limits(limits), m_owner(owner), m_peer(peer)
{
}

int PendingUpgrade::takeFd()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

void PendingUpgrade::onReadable()
{
    if (m_fd < 0)
        return;
    if (m_ours)
        readHead();
    else
        sniff();
}

void PendingUpgrade::sniff()
{
    char first[Handshake::SniffBytes];
    const ssize_t n = ::recv(m_fd, first, sizeof first, MSG_PEEK);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0) {
        m_owner->drop(this);
        return;
    }
    if (m_firstByteMs < 0)
        m_firstByteMs = QDeadlineTimer::current().deadline();
    switch (Handshake::sniff(QByteArrayView(first, n))) {
    case Handshake::Sniff::NotOurs:
        m_owner->handOff(this);
        return;
    case Handshake::Sniff::Undecided:
        // Level-triggered epoll would report the same bytes again at once: back off instead.
        m_owner->suspend(this);
        return;
    case Handshake::Sniff::Ours:
        m_ours = true;
        readHead();
        return;
    }
}

void PendingUpgrade::readHead()
{
    char chunk[4096];
    for (;;) {
        const qsizetype room = m_limits.maxHandshakeSize - m_head.size();
        if (room <= 0) {
            m_owner->reject(this, QByteArrayLiteral("request head too large"));
            return;
        }
        const ssize_t n = ::recv(m_fd, chunk, size_t(qMin<qsizetype>(room, sizeof chunk)), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0) {
            m_owner->drop(this);
            return;
        }
        // Search only the new bytes (and the 3 before them) for the end of the head.
        const qsizetype from = qMax<qsizetype>(0, m_head.size() - 3);
        m_head.append(chunk, n);
        const qsizetype end = Handshake::headEnd(QByteArrayView(m_head).sliced(from));
        if (end < 0)
            continue;
        const qsizetype headSize = from + end;
        const Handshake::Result result =
            Handshake::validate(QByteArrayView(m_head).first(headSize), "/ws");
        if (!result.ok) {
            m_owner->reject(this, result.error);
            return;
        }
        m_owner->upgrade(this, result.acceptKey, m_head.mid(headSize));
        return;
    }
}

} // namespace collab::server
