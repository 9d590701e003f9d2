#pragma once

#include <QtCore/QObject>

#include <vector>

namespace collab::server {

class WsConnection;

// Collects the connections that queued frames during this event-loop turn and flushes each of
// them ONCE, from one posted call: a burst of broadcasts costs one sendmsg() per receiver.
class FlushScheduler : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void schedule(WsConnection *connection);
    void cancel(WsConnection *connection);

private:
    void run();

    std::vector<WsConnection *> m_dirty;
    bool m_armed = false;
};

} // namespace collab::server
