#include "transport/flushscheduler.h"

#include "transport/wsconnection.h"

#include <algorithm>

namespace collab::server {

void FlushScheduler::schedule(WsConnection *connection)
{
    m_dirty.push_back(connection);
    if (!m_armed) {
        m_armed = true;
        QMetaObject::invokeMethod(this, &FlushScheduler::run, Qt::QueuedConnection);
    }
}

void FlushScheduler::cancel(WsConnection *connection)
{
    m_dirty.erase(std::remove(m_dirty.begin(), m_dirty.end(), connection), m_dirty.end());
}

void FlushScheduler::run()
{
    m_armed = false;
    std::vector<WsConnection *> dirty;
    dirty.swap(m_dirty);
    // A connection that closes here is only deleted later (deleteLater), so the list stays valid.
    for (WsConnection *connection : dirty)
        connection->flushQueue();
    if (m_dirty.empty()) {
        dirty.clear();
        m_dirty.swap(dirty); // keep the capacity for the next turn
    }
}

} // namespace collab::server
