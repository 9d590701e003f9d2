#pragma once

#include "crdt/error.h"
#include "crdt/types.h"

#include <QByteArray>
#include <QJsonObject>

#include <utility>
#include <vector>

namespace collab::crdt {

// For each replica, how many of its counters a document has applied. Because a replica's
// operations are applied in counter order, this one number per replica describes the state.
class VersionVector
{
public:
    quint32 get(ReplicaId replica) const;
    void set(ReplicaId replica, quint32 next); // next == 0 removes the entry
    bool includes(ItemId id) const { return id.counter < get(id.replica); }
    // True if every counter known here is known to `other` too.
    bool isIncludedIn(const VersionVector &other) const;
    int size() const { return int(m_entries.size()); }
    const std::vector<std::pair<ReplicaId, quint32>> &entries() const { return m_entries; }

    QJsonObject toJson() const; // {"replicaHex": next, ...}
    static Expected<VersionVector> fromJson(const QJsonObject &json);
    QByteArray toBinary() const;
    static Expected<VersionVector> fromBinary(const QByteArray &bytes);

    friend bool operator==(const VersionVector &a, const VersionVector &b)
    {
        return a.m_entries == b.m_entries;
    }
    friend bool operator!=(const VersionVector &a, const VersionVector &b) { return !(a == b); }

private:
    std::vector<std::pair<ReplicaId, quint32>> m_entries; // sorted by replica, next > 0
};

} // namespace collab::crdt
