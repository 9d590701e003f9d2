#pragma once

#include "crdt/idindex.h"
#include "crdt/runtree.h"
#include "crdt/types.h"

#include <QHash>
#include <QString>
#include <QVarLengthArray>

#include <string>
#include <unordered_map>
#include <optional>
#include <vector>

namespace collab::crdt::detail {

struct LocalRange
{
    quint32 replica = 0;
    quint32 counter = 0;
    quint32 length = 0;
};

// The merged list of runs with its text: edits by position (local) and by id (remote, placed
// with the YATA rules). It trusts its caller: Document validates every operation first.
class Sequence
{
public:
    Sequence();
    static constexpr size_t kTypicalReplicas = 8;
    Sequence(const Sequence &) = delete;
    Sequence &operator=(const Sequence &) = delete;

    int length() const { return m_tree.length(); }
    QString text() const;
    quint32 contentSize() const { return quint32(m_content.size()); }
    const char16_t *contentData(quint32 pos) const { return m_content.data() + pos; }
    QString contentAt(quint32 pos, quint32 length) const
    {
        return QString(reinterpret_cast<const QChar *>(m_content.data() + pos), qsizetype(length));
    }
    const RunTree &tree() const { return m_tree; }
    // Position lookups that move the tree's search caches (hence not const).
    Cursor findVisible(int pos, int *offset) { return m_tree.findVisible(pos, offset); }
    int positionOf(Cursor c) { return m_tree.positionOf(c); }

    // Replica table: ids are stored in runs as small indexes.
    quint32 replicaIndex(ReplicaId replica) const
    {
        if (replica != m_lastReplica) { // operations come in runs from one replica
            const quint32 index = m_replicaIndex.value(replica, kNoReplica);
            if (index == kNoReplica)
                return index;
            m_lastReplica = replica;
            m_lastReplicaIndex = index;
        }
        return m_lastReplicaIndex;
    }
    quint32 addReplica(ReplicaId replica);
    ReplicaId replicaId(quint32 index) const { return m_replicas[index]; }
    int replicaCount() const { return int(m_replicas.size()); }
    // Counters of the replica applied so far (0 for an unknown replica).
    quint32 next(quint32 index) const { return index < m_next.size() ? m_next[index] : 0; }
    quint32 nextOf(ReplicaId replica) const { return next(replicaIndex(replica)); }
    void advance(quint32 index, quint32 units) { m_next[index] += units; }

    // Guesses kept by findById: left origins and delete targets name the run the previous
    // operation touched, right origins the run after it; the origins' own origins (checked for
    // forged inserts) have a slot of their own so that they do not spoil the other two.
    enum Guess { NearGuess = 0, RightGuess = 1, OriginGuess = 2 };
    // The run holding the unit `id` if it is an inserted unit, and its offset.
    Cursor findById(LocalId id, int *offset, Guess guess = NearGuess) const;
    // The unit if it may be half of a surrogate pair; QChar() if not, or if it is a tombstone
    // of unknown content (loaded from a snapshot).
    QChar pairUnitAt(Cursor c, int offset) const
    {
        const Run &run = m_tree.run(c);
        if (!run.surrogates || run.contentPos == kNoContent)
            return QChar();
        return QChar(m_content[run.contentPos + quint32(offset)]);
    }

    // Inserts at visible position `pos` and sets the origins the new units got; false (and
    // nothing changed) if `pos` is inside a surrogate pair.
    bool insertLocal(int pos, LocalId id, const QString &text, LocalId *left, LocalId *right);
    // Deletes visible [pos, pos + count) and appends the ids it turned into tombstones; false
    // (and nothing changed) if the range cuts a surrogate pair.
    bool deleteLocal(int pos, int count, QVarLengthArray<LocalRange, 1> *targets);
    // Checks that the origins of a remote insert are units it may go between.
    enum class OriginCheck { Ok, Unknown, SplitsPair, Misordered, Separated };
    OriginCheck checkOrigins(LocalId originLeft, LocalId originRight) const;
    // Places a checked remote insert between its origins; returns its visible position, or -1
    // without `wantPosition` (the bulk merge without deltas skips that walk up the tree).
    int integrate(LocalId id, LocalId originLeft, LocalId originRight, const char16_t *text, int length,
                  bool wantPosition = true);
    int integrate(LocalId id, LocalId originLeft, LocalId originRight, const QString &text)
    {
        return integrate(id, originLeft, originRight, reinterpret_cast<const char16_t *>(text.constData()),
                         int(text.size()));
    }
    // Deletes the units of a remote range; appends each visible span removed (position, length)
    // unless `removed` is null.
    using RemovedSpans = QVarLengthArray<std::pair<int, int>, 2>;
    void deleteRange(LocalRange range, RemovedSpans *removed);

    // Snapshot support: replaces everything.
    void load(const std::vector<ReplicaId> &replicas, const std::vector<quint32> &next,
              const QString &content, const std::vector<Run> &runs, const std::vector<quint32> &byId);

private:
    quint32 appendContent(const QString &text);
    quint32 appendContent(const char16_t *text, int length);
    bool unitBefore(Cursor a, int aOffset, Cursor b, int bOffset) const;
    bool adjacent(Cursor left, int leftOffset, Cursor right, int rightOffset) const;
    bool separatedByDependency(Cursor left, int leftOffset, LocalId originLeft, Cursor right, int rightOffset,
                               LocalId originRight) const;
    Cursor scanConflicts(Cursor left, Cursor right, LocalId id, LocalId originLeft,
                         LocalId originRight);

    struct Scanned
    {
        const Run *run;
        quint32 replica;
        quint32 counter;
        quint32 end;
    };
    size_t scannedIndexOf(LocalId id);

    IdIndex m_index;
    RunTree m_tree{&m_index};
    std::u16string m_content; // every unit ever inserted here, in arrival order
    std::vector<ReplicaId> m_replicas;
    QHash<ReplicaId, quint32> m_replicaIndex;
    std::vector<quint32> m_next;
    std::vector<Scanned> m_scanned; // reused by scanConflicts
    std::unordered_map<const Run *, size_t> m_scannedByRun; // for long scans only
    mutable Cursor m_guess[3]; // findById's guesses (a cache): runs are rarely far from the last ones
    mutable ReplicaId m_lastReplica = 0;
    mutable quint32 m_lastReplicaIndex = kNoReplica;
};

} // namespace collab::crdt::detail
