#include "crdt/oplog.h"

namespace collab::crdt::detail {

void OpLog::appendInsert(LocalId id, quint32 length, LocalId left, LocalId right,
                         quint32 contentPos)
{
    if (!m_entries.empty()) {
        Entry &last = m_entries.back();
        if (last.insert && last.replica == id.replica && last.counter + last.length == id.counter
            && left == LocalId{id.replica, id.counter - 1} && last.originRight == right
            && last.contentPos + last.length == contentPos) {
            last.length += length;
            return;
        }
    }
    Entry entry;
    entry.replica = id.replica;
    entry.counter = id.counter;
    entry.length = length;
    entry.originLeft = left;
    entry.originRight = right;
    entry.contentPos = contentPos;
    m_entries.push_back(entry);
}

void OpLog::appendDelete(LocalId id, const LocalRange *ranges, int count)
{
    Entry entry;
    entry.replica = id.replica;
    entry.counter = id.counter;
    entry.insert = false;
    entry.firstTarget = quint32(m_targets.size());
    entry.targetCount = quint32(count);
    for (int i = 0; i < count; ++i) {
        entry.length += ranges[i].length;
        m_targets.push_back(ranges[i]);
    }
    m_entries.push_back(entry);
}

void OpLog::clear()
{
    m_entries.clear();
    m_targets.clear();
}

} // namespace collab::crdt::detail
