#pragma once
// What the hostile-input suites (tst_crdt_hostile, tst_crdt_hostile_batches) start from: a few
// replicas, a small document with a surrogate pair and a deletion, and a way to say "unchanged".
#include "crdt/document.h"

#include <QString>

namespace hostile {

using namespace collab::crdt;

constexpr ReplicaId kA = 0xa;
constexpr ReplicaId kB = 0xb;
constexpr ReplicaId kC = 0xc;
constexpr ReplicaId kD = 0xd;
inline const QString kEmoji = QString::fromUcs4(U"\U0001F600");

// "ab" + emoji + "c": counters a=0 b=1 high=2 low=3 c=4 d=5; counter 6 deleted the d.
inline Document makeBase()
{
    Document doc(kA);
    doc.localInsert(0, QStringLiteral("ab") + kEmoji + QStringLiteral("cd")).value();
    doc.localDelete(5, 1).value();
    return doc;
}

struct State
{
    QString text;
    VersionVector version;
    int pending;
    QByteArray snapshot;
    bool operator==(const State &o) const
    {
        return text == o.text && version == o.version && pending == o.pending && snapshot == o.snapshot;
    }
};

inline State stateOf(const Document &doc)
{
    return State{doc.text(), doc.version(), doc.pendingCount(), doc.encodeSnapshot()};
}

inline Operation insertOp(ItemId id, std::optional<ItemId> left, std::optional<ItemId> right, const QString &text)
{
    return Operation::makeInsert(id, left, right, text);
}

inline Operation deleteOp(ItemId id, QVarLengthArray<IdRange, 1> targets)
{
    return Operation::makeDelete(id, targets);
}

inline QString r(ReplicaId id)
{
    return replicaToString(id);
}

} // namespace hostile
