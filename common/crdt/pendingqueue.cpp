#include "crdt/pendingqueue.h"

namespace collab::crdt::detail {

qint64 PendingQueue::weight(const Operation &op)
{
    // Deletes are charged per range: that is what they hold in memory.
    return op.isInsert() ? op.text.size() : op.targets.size();
}

bool PendingQueue::hasRoomFor(const Operation &op) const
{
    return m_waiting.size() < size_t(limits::kMaxPendingOps)
        && m_units + weight(op) <= limits::kMaxPendingUnits;
}

void PendingQueue::add(ItemId awaited, const Operation &op)
{
    m_units += weight(op);
    m_waiting.emplace(std::make_pair(awaited.replica, awaited.counter), op);
}

void PendingQueue::takeReady(ReplicaId replica, quint32 next, std::vector<Operation> *out)
{
    if (m_waiting.empty() || next == 0)
        return;
    const auto first = m_waiting.lower_bound({replica, 0});
    const auto last = m_waiting.lower_bound({replica, next});
    for (auto it = first; it != last; ++it) {
        m_units -= weight(it->second);
        out->push_back(std::move(it->second));
    }
    m_waiting.erase(first, last);
}

void PendingQueue::clear()
{
    m_waiting.clear();
    m_units = 0;
}

} // namespace collab::crdt::detail
