#pragma once

#include <QtCore/QObject>
#include <QtCore/QtGlobal>

#include <memory>
#include <vector>

namespace collab::server {

class SendRing;
class WsConnection;

// Collects the connections that queued frames during this event-loop turn and flushes each of
// them ONCE, from one posted call: a burst of broadcasts costs one write per receiver. Where
// io_uring works, the writes of one turn go to the kernel together (SendRing: one syscall per
// up to 1,024 connections); otherwise each connection does its own sendmsg().
class FlushScheduler : public QObject
{
    Q_OBJECT
public:
    // COLLAB_IO_URING=0 in the environment turns io_uring off (plain sendmsg()).
    explicit FlushScheduler(QObject *parent = nullptr);
    ~FlushScheduler() override;

    void schedule(WsConnection *connection);
    void cancel(WsConnection *connection);
    bool usesIoUring() const { return m_ring != nullptr; }

private:
    struct InFlight
    {
        WsConnection *connection;
        qsizetype bytes;
    };

    void run();
    void flushThroughRing(const std::vector<WsConnection *> &dirty);
    void submitRing();

    std::vector<WsConnection *> m_dirty;
    std::vector<InFlight> m_inFlight; // the ring's pending sends, by tag
    std::unique_ptr<SendRing> m_ring;
    bool m_armed = false;
};

} // namespace collab::server
