#include "crdt/oplog.h"

namespace collab::crdt::detail {

void OpLog::appendInsert(LocalId id, quint32 length, LocalId left, LocalId right,
                         quint32 contentPos)
{
    if (!m_entries.empty()) {
        Entry &last = m_entries.back();
        if (last.insert && last.replica == id.replica && last.counter + last.length == id.counter
            && left == LocalId{id.replica, id.counter - 1} && last.originRight == right
            && last.contentPos + last.length == contentPos
            && quint64(last.length) + length <= quint64(limits::kMaxOpText)) { // stays one sendable operation
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
    // A delete that continues its replica's previous one (a held backspace) joins it, its ranges
    // in order (its k-th counter deletes its k-th unit), as batches merge them (crdt/batch.h).
    bool merge = false;
    if (!m_entries.empty()) {
        const Entry &last = m_entries.back();
        merge = !last.insert && last.replica == id.replica && last.counter + last.length == id.counter
            && last.firstTarget + last.targetCount == m_targets.size()
            && last.targetCount + quint32(count) <= quint32(limits::kMaxDeleteRanges);
    }
    if (!merge) {
        Entry entry;
        entry.replica = id.replica;
        entry.counter = id.counter;
        entry.insert = false;
        entry.firstTarget = quint32(m_targets.size());
        m_entries.push_back(entry);
    }
    Entry &entry = m_entries.back();
    for (int i = 0; i < count; ++i) {
        entry.length += ranges[i].length;
        if (entry.targetCount > 0) {
            LocalRange &previous = m_targets.back();
            if (previous.replica == ranges[i].replica && previous.counter + previous.length == ranges[i].counter) {
                previous.length += ranges[i].length;
                continue;
            }
        }
        m_targets.push_back(ranges[i]);
        entry.targetCount++;
    }
}

void OpLog::clear()
{
    m_entries.clear();
    m_targets.clear();
}

} // namespace collab::crdt::detail
