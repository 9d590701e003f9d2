#pragma once

#include "crdt/run.h"
#include "crdt/sequence.h"

#include <vector>

namespace collab::crdt::detail {

// Every operation applied to the document, in application order (a causal order), so a peer can
// be sent what it misses. Entries are plain data pointing into the content arena; consecutive
// typing by one replica merges into one entry, as runs do.
class OpLog
{
public:
    struct Entry
    {
        quint32 replica = 0;
        quint32 counter = 0;
        quint32 length = 0; // counters consumed
        bool insert = true;
        LocalId originLeft;
        LocalId originRight;
        quint32 contentPos = 0;   // insert: first unit in the content arena
        quint32 firstTarget = 0;  // delete: ranges in targets()
        quint32 targetCount = 0;
    };

    void appendInsert(LocalId id, quint32 length, LocalId left, LocalId right, quint32 contentPos);
    void appendDelete(LocalId id, const LocalRange *ranges, int count);
    void clear();

    const std::vector<Entry> &entries() const { return m_entries; }
    const std::vector<LocalRange> &targets() const { return m_targets; }

private:
    std::vector<Entry> m_entries;
    std::vector<LocalRange> m_targets;
};

} // namespace collab::crdt::detail
