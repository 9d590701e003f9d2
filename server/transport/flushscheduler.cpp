#include "transport/flushscheduler.h"

#include "transport/sendring.h"
#include "transport/wsconnection.h"
#include "transport/wslogging.h"

#include <algorithm>

namespace collab::server {

FlushScheduler::FlushScheduler(QObject *parent) : QObject(parent)
{
    if (qEnvironmentVariable("COLLAB_IO_URING") != QLatin1String("0"))
        m_ring = SendRing::create();
    qCDebug(lcWs) << (m_ring ? "sending with io_uring" : "sending with sendmsg()");
}

FlushScheduler::~FlushScheduler() = default;

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
    if (m_ring) {
        flushThroughRing(dirty);
    } else {
        for (WsConnection *connection : dirty)
            connection->flushQueue();
    }
    if (m_dirty.empty()) {
        dirty.clear();
        m_dirty.swap(dirty); // keep the capacity for the next turn
    }
}

void FlushScheduler::flushThroughRing(const std::vector<WsConnection *> &dirty)
{
    for (WsConnection *connection : dirty) {
        if (connection->m_fd < 0 || connection->m_queue.isEmpty()) {
            connection->flushQueue(); // nothing to write, only the bookkeeping after a flush
            continue;
        }
        iovec iov[WsConnection::IovBatch];
        qsizetype bytes = 0;
        const int count = connection->gatherQueue(iov, WsConnection::IovBatch, bytes);
        bool added = m_ring->add(connection->m_fd, iov, count, m_inFlight.size());
        if (!added) { // the ring is full: send what it holds, then start the next batch
            submitRing();
            added = m_ring && m_ring->add(connection->m_fd, iov, count, m_inFlight.size());
        }
        if (added)
            m_inFlight.push_back({connection, bytes});
        else
            connection->flushQueue();
    }
    submitRing();
}

void FlushScheduler::submitRing()
{
    if (!m_ring || m_ring->pending() == 0)
        return;
    const bool ok = m_ring->submit([this](quint64 tag, long result) {
        WsConnection *connection = m_inFlight[size_t(tag)].connection;
        if (result == SendRing::NotAttempted) {
            connection->flushQueue();
            return;
        }
        connection->m_flushScheduled = false;
        // More than one batch queued (or a flush's bookkeeping left): the rest goes the plain way.
        if (connection->accountWrite(result, m_inFlight[size_t(tag)].bytes))
            connection->flushQueue();
    });
    m_inFlight.clear();
    if (!ok)
        m_ring.reset();
}

} // namespace collab::server
