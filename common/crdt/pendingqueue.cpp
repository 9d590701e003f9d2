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
    ++m_ends[op.id.replica][quint32(op.id.counter + op.span())];
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
        forget(it->second);
        out->push_back(std::move(it->second));
    }
    m_waiting.erase(first, last);
}

void PendingQueue::clear()
{
    m_waiting.clear();
    m_ends.clear();
    m_units = 0;
}

void PendingQueue::forget(const Operation &op)
{
    const auto replica = m_ends.find(op.id.replica);
    if (replica == m_ends.end())
        return;
    const auto end = replica->second.find(quint32(op.id.counter + op.span()));
    if (end != replica->second.end() && --end->second == 0)
        replica->second.erase(end);
    if (replica->second.empty())
        m_ends.erase(replica);
}

int PendingQueue::countOf(ReplicaId replica) const
{
    const auto it = m_ends.find(replica);
    if (it == m_ends.end())
        return 0;
    int count = 0;
    for (const auto &[end, n] : it->second)
        count += n;
    return count;
}

quint32 PendingQueue::endOf(ReplicaId replica) const
{
    const auto it = m_ends.find(replica);
    return it == m_ends.end() || it->second.empty() ? 0 : it->second.rbegin()->first;
}

} // namespace collab::crdt::detail
