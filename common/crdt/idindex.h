#pragma once

#include <QtGlobal>

#include <vector>

namespace collab::crdt::detail {

struct Leaf;

// Finds the tree leaf holding a unit from its id, for remote operations that name their origins
// and targets by id. Maps each run's first counter to its leaf, per replica, in sorted chunks of
// at most kChunkMax entries: inserts and removals move at most one chunk, lookups are two binary
// searches. The tree reports every run start it creates, moves to another leaf, or merges away.
class IdIndex
{
public:
    IdIndex() { m_replicas.reserve(kTypicalReplicas); }
    void insert(quint32 replica, quint32 counter, Leaf *leaf);
    void setLeaf(quint32 replica, quint32 counter, Leaf *leaf);
    void remove(quint32 replica, quint32 counter);
    // A run's first counter moved to `to` without passing another run start of the replica.
    void rekey(quint32 replica, quint32 from, quint32 to);
    // The leaf of the run with the greatest first counter <= counter, or nullptr.
    Leaf *find(quint32 replica, quint32 counter) const;
    void clear() { m_replicas.clear(); }
    // Replaces the content by runs given in (replica, counter) order, without overlaps: chunks
    // are filled to three quarters directly (snapshot loading).
    struct Start
    {
        quint32 replica;
        quint32 counter;
        Leaf *leaf;
    };
    void build(const std::vector<Start> &sorted);

private:
#ifdef COLLAB_FUZZ_SMALL_NODES
    static constexpr size_t kChunkMax = 4; // as RunTree's nodes: chunks split in small fuzz scripts
#else
    static constexpr size_t kChunkMax = 64;
#endif
    // A new chunk's first capacity: a chunk of a few runs, as most replicas have, in one allocation.
    static constexpr size_t kChunkStart = kChunkMax + 1 < 8 ? kChunkMax + 1 : 8;
    static constexpr size_t kTypicalReplicas = 8;

    struct Entry
    {
        quint32 counter;
        Leaf *leaf;
    };
    struct PerReplica
    {
        std::vector<quint32> firsts;              // first counter of each chunk
        std::vector<std::vector<Entry>> chunks;
    };

    static size_t chunkFor(const PerReplica &index, quint32 counter);
    Entry *findExact(quint32 replica, quint32 counter);

    std::vector<PerReplica> m_replicas;
};

} // namespace collab::crdt::detail
