#pragma once

#include "transport/reactor.h"

#include <QtCore/QByteArray>
#include <QtNetwork/QHostAddress>

namespace collab::server {

struct WsLimits;

// An accepted socket whose first request has not been classified yet. It PEEKS (MSG_PEEK) at
// the first bytes, so a request for the HTTP server stays in the kernel untouched; only when the
// request line is "GET /ws" does it consume and validate the head of the upgrade.
class PendingUpgrade final : public Reactor::Handler
{
public:
    class Owner
    {
    public:
        virtual void handOff(PendingUpgrade *pending) = 0;   // not ours: give the fd to HTTP
        virtual void suspend(PendingUpgrade *pending) = 0;   // undecided: poll again a bit later
        virtual void reject(PendingUpgrade *pending, const QByteArray &reason) = 0; // 400 + close
        virtual void drop(PendingUpgrade *pending) = 0;      // EOF or error: close silently
        virtual void upgrade(PendingUpgrade *pending, const QByteArray &acceptKey,
                             const QByteArray &earlyData) = 0;

    protected:
        ~Owner() = default;
    };

    PendingUpgrade(int fd, const QHostAddress &peer, qint64 deadlineMs, const WsLimits &limits,
                   Owner *owner);

    int fd() const { return m_fd; }
    // The fd leaves this object (to a QTcpSocket or a WsConnection); later events are ignored.
    int takeFd();
    const QHostAddress &peer() const { return m_peer; }
    qint64 deadlineMs() const { return m_deadlineMs; }
    // When the first byte of the request was seen (QDeadlineTimer's clock, ms), or -1. A request
    // line trickled in undecided ("GET /w...") spends time here that counts against its timeout.
    qint64 firstByteMs() const { return m_firstByteMs; }

    void onReadable() override;
    void onWritable() override {}

private:
    void sniff();
    void readHead();

    int m_fd;
    bool m_ours = false;
    qint64 m_deadlineMs;
    qint64 m_firstByteMs = -1;
    const WsLimits &m_limits;
    Owner *m_owner;
    QHostAddress m_peer;
    QByteArray m_head;
};

} // namespace collab::server
