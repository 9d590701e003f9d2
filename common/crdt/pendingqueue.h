#pragma once

#include "crdt/operation.h"

#include <map>
#include <vector>

namespace collab::crdt::detail {

// Operations that arrived before something they depend on. Each waits on one missing id
// (replica, counter) and is released when the document has applied that counter; then it is
// checked again and may wait on its next missing dependency. Bounded in count and text size.
class PendingQueue
{
public:
    bool hasRoomFor(const Operation &op) const;
    void add(ItemId awaited, const Operation &op);
    // Moves the operations waiting on counters of `replica` below `next` into `out`.
    void takeReady(ReplicaId replica, quint32 next, std::vector<Operation> *out);
    int size() const { return int(m_waiting.size()); }
    // Operations of `replica` waiting here, and the counter after the last one (0: none waits).
    int countOf(ReplicaId replica) const;
    quint32 endOf(ReplicaId replica) const;
    void clear();

private:
    static qint64 weight(const Operation &op);
    void forget(const Operation &op);

    std::multimap<std::pair<ReplicaId, quint32>, Operation> m_waiting;
    qint64 m_units = 0;
    // The waiting operations of each replica by the counter after them (end → how many), so that
    // a server can tell a sender's next counter and its share of the queue without a scan.
    std::map<ReplicaId, std::map<quint32, int>> m_ends;
};

} // namespace collab::crdt::detail
