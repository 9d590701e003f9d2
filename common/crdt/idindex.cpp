#include "crdt/idindex.h"

#include <algorithm>

namespace collab::crdt::detail {

size_t IdIndex::chunkFor(const PerReplica &index, quint32 counter)
{
    const auto it = std::upper_bound(index.firsts.begin(), index.firsts.end(), counter);
    return it == index.firsts.begin() ? 0 : size_t(it - index.firsts.begin()) - 1;
}

void IdIndex::insert(quint32 replica, quint32 counter, Leaf *leaf)
{
    if (replica >= m_replicas.size())
        m_replicas.resize(replica + 1);
    PerReplica &index = m_replicas[replica];
    if (index.chunks.empty()) {
        index.firsts.push_back(counter);
        index.chunks.emplace_back().reserve(kChunkStart);
        index.chunks.back().push_back(Entry{counter, leaf});
        return;
    }
    const size_t k = chunkFor(index, counter);
    std::vector<Entry> &chunk = index.chunks[k];
    if (counter > chunk.back().counter) {
        chunk.push_back(Entry{counter, leaf}); // typing appends: the common case
    } else {
        const auto at = std::upper_bound(chunk.begin(), chunk.end(), counter,
                                         [](quint32 c, const Entry &e) { return c < e.counter; });
        chunk.insert(at, Entry{counter, leaf});
    }
    index.firsts[k] = chunk.front().counter;
    if (chunk.size() > kChunkMax) {
        std::vector<Entry> upper(chunk.begin() + kChunkMax / 2, chunk.end());
        chunk.resize(kChunkMax / 2);
        const quint32 first = upper.front().counter;
        index.chunks.insert(index.chunks.begin() + k + 1, std::move(upper));
        index.firsts.insert(index.firsts.begin() + k + 1, first);
    }
}

IdIndex::Entry *IdIndex::findExact(quint32 replica, quint32 counter)
{
    if (replica >= m_replicas.size() || m_replicas[replica].chunks.empty())
        return nullptr;
    PerReplica &index = m_replicas[replica];
    std::vector<Entry> &chunk = index.chunks[chunkFor(index, counter)];
    const auto it = std::lower_bound(chunk.begin(), chunk.end(), counter,
                                     [](const Entry &e, quint32 c) { return e.counter < c; });
    return it != chunk.end() && it->counter == counter ? &*it : nullptr;
}

void IdIndex::setLeaf(quint32 replica, quint32 counter, Leaf *leaf)
{
    if (Entry *entry = findExact(replica, counter))
        entry->leaf = leaf;
}

void IdIndex::rekey(quint32 replica, quint32 from, quint32 to)
{
    if (replica >= m_replicas.size() || m_replicas[replica].chunks.empty())
        return;
    PerReplica &index = m_replicas[replica];
    const size_t k = chunkFor(index, from);
    std::vector<Entry> &chunk = index.chunks[k];
    const auto it = std::lower_bound(chunk.begin(), chunk.end(), from,
                                     [](const Entry &e, quint32 c) { return e.counter < c; });
    if (it == chunk.end() || it->counter != from)
        return;
    it->counter = to;
    if (it == chunk.begin())
        index.firsts[k] = to;
}

void IdIndex::remove(quint32 replica, quint32 counter)
{
    if (replica >= m_replicas.size() || m_replicas[replica].chunks.empty())
        return;
    PerReplica &index = m_replicas[replica];
    const size_t k = chunkFor(index, counter);
    std::vector<Entry> &chunk = index.chunks[k];
    const auto it = std::lower_bound(chunk.begin(), chunk.end(), counter,
                                     [](const Entry &e, quint32 c) { return e.counter < c; });
    if (it == chunk.end() || it->counter != counter)
        return;
    chunk.erase(it);
    if (chunk.empty()) {
        index.chunks.erase(index.chunks.begin() + k);
        index.firsts.erase(index.firsts.begin() + k);
    } else {
        index.firsts[k] = chunk.front().counter;
    }
}

void IdIndex::build(const std::vector<Start> &sorted)
{
    constexpr size_t kFill = kChunkMax * 3 / 4; // room for later inserts without splitting
    m_replicas.clear();
    for (const Start &start : sorted) {
        if (start.replica >= m_replicas.size())
            m_replicas.resize(start.replica + 1);
        PerReplica &index = m_replicas[start.replica];
        if (index.chunks.empty() || index.chunks.back().size() == kFill) {
            index.chunks.emplace_back();
            index.firsts.push_back(start.counter);
        }
        index.chunks.back().push_back(Entry{start.counter, start.leaf});
    }
}

Leaf *IdIndex::find(quint32 replica, quint32 counter) const
{
    if (replica >= m_replicas.size() || m_replicas[replica].chunks.empty())
        return nullptr;
    const PerReplica &index = m_replicas[replica];
    const std::vector<Entry> &chunk = index.chunks[chunkFor(index, counter)];
    const auto it = std::upper_bound(chunk.begin(), chunk.end(), counter,
                                     [](quint32 c, const Entry &e) { return c < e.counter; });
    return it == chunk.begin() ? nullptr : std::prev(it)->leaf;
}

} // namespace collab::crdt::detail
