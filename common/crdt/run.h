#pragma once

#include <QtGlobal>

namespace collab::crdt::detail {

inline constexpr quint32 kNoReplica = 0xffffffffu;
inline constexpr quint32 kNoContent = 0xffffffffu;

// An id inside one document: the replica is an index into the document's replica table, which
// keeps runs small and comparisons cheap.
struct LocalId
{
    quint32 replica = kNoReplica;
    quint32 counter = 0;

    bool isNone() const { return replica == kNoReplica; }
    friend bool operator==(LocalId a, LocalId b)
    {
        return a.replica == b.replica && a.counter == b.counter;
    }
    friend bool operator!=(LocalId a, LocalId b) { return !(a == b); }
};

// A run of units inserted by one replica with consecutive counters, each unit's left origin being
// the unit before it and all sharing one right origin. The run is split only when something is
// inserted inside it or part of it is deleted.
struct Run
{
    quint32 replica = 0;
    quint32 counter = 0;
    qint32 length = 0;                // UTF-16 units
    quint32 contentPos = kNoContent;  // first unit in the content arena; kNoContent: unknown tombstone
    LocalId originLeft;               // of the first unit
    LocalId originRight;
    bool deleted = false;
    bool surrogates = false;          // its text may hold surrogate pairs (checks skip it if not)

    int visible() const { return deleted ? 0 : length; }
    quint32 end() const { return counter + quint32(length); }
    LocalId idAt(int offset) const { return LocalId{replica, counter + quint32(offset)}; }
    LocalId lastId() const { return idAt(length - 1); }
    bool contains(quint32 r, quint32 c) const { return r == replica && c >= counter && c < end(); }
};

// True if `b` continues `a` so that the two can be stored as one run.
inline bool canAppend(const Run &a, const Run &b)
{
    if (a.replica != b.replica || a.end() != b.counter || a.deleted != b.deleted
        || a.originRight != b.originRight || b.originLeft != a.lastId())
        return false;
    if (a.contentPos == kNoContent || b.contentPos == kNoContent)
        return a.contentPos == b.contentPos;
    return a.contentPos + quint32(a.length) == b.contentPos;
}

} // namespace collab::crdt::detail
