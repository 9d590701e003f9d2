#pragma once

#include <QtGlobal>
#include <QString>

namespace collab::crdt {

// A replica is one editing session (a desktop app run, a server node). Random 64-bit ids make
// collisions between the sessions of one document practically impossible.
using ReplicaId = quint64;

// Every UTF-16 unit inserted and every unit deleted consumes one counter of its replica, so the
// operations of a replica are numbered without gaps: (replica, counter) names one unit of one op.
struct ItemId
{
    ReplicaId replica = 0;
    quint32 counter = 0;

    friend bool operator==(const ItemId &a, const ItemId &b)
    {
        return a.replica == b.replica && a.counter == b.counter;
    }
    friend bool operator!=(const ItemId &a, const ItemId &b) { return !(a == b); }
};

// A range of consecutive ids of one replica: [counter, counter + length).
struct IdRange
{
    ReplicaId replica = 0;
    quint32 counter = 0;
    quint32 length = 0;

    friend bool operator==(const IdRange &a, const IdRange &b)
    {
        return a.replica == b.replica && a.counter == b.counter && a.length == b.length;
    }
};

// Bounds that keep a hostile or broken peer from exhausting memory. Named here so the server and
// the protocol documentation can quote them.
namespace limits {
inline constexpr int kMaxOpText = 1 << 20;            // UTF-16 units inserted by one operation
inline constexpr int kMaxDeleteRanges = 1 << 16;      // id ranges targeted by one delete
inline constexpr quint32 kMaxCounter = 0x7fffffffu;   // counters (and counter + length) stay below
inline constexpr int kMaxPendingOps = 10000;          // operations waiting for their dependencies
inline constexpr qint64 kMaxPendingUnits = 1 << 22;   // total UTF-16 units held by waiting ops
inline constexpr int kMaxReplicas = 1 << 20;          // distinct replicas in one document
inline constexpr int kMaxSnapshotBytes = 256 << 20;   // decoded (uncompressed) snapshot size
} // namespace limits

QString replicaToString(ReplicaId replica);          // 16 lowercase hex digits
bool replicaFromString(const QString &text, ReplicaId *replica);

} // namespace collab::crdt
