#pragma once

#include "crdt/error.h"
#include "crdt/operation.h"
#include "crdt/run.h"
#include "crdt/types.h"

#include <QByteArray>
#include <QHash>
#include <QVector>

#include <string>
#include <vector>

namespace collab::crdt::detail {

// A range of ids named by index into the batch's replica table.
struct BatchRange
{
    quint32 replica = 0;
    quint32 counter = 0;
    quint32 length = 0;
};

// One operation of a batch, as plain data: replicas are indexes into Batch::replicas (origins use
// kNoReplica for "none"), text and delete targets live in the batch's shared arrays. Consecutive
// typing of one replica is one insert entry and consecutive deletes one delete entry, so a batch
// has far fewer entries than the keystrokes it holds.
struct BatchEntry
{
    quint32 replica = 0;
    quint32 counter = 0;
    quint32 length = 0; // counters consumed: text units of an insert, units targeted by a delete
    bool insert = true;
    LocalId left;       // insert
    LocalId right;      // insert
    quint32 textPos = 0;     // insert: first unit in Batch::text
    quint32 firstTarget = 0; // delete: its ranges in Batch::targets
    quint32 targetCount = 0;
};

// Many operations in the shape the compact encoding stores and the bulk merge reads: no QString
// and no Operation per keystroke.
struct Batch
{
    std::vector<ReplicaId> replicas;
    std::u16string text;
    std::vector<BatchEntry> entries;
    std::vector<BatchRange> targets;

    Operation operation(const BatchEntry &entry) const;
    QVector<Operation> operations() const;
};

// Builds a batch, merging what can be merged without changing what the operations mean: an
// insert that continues the previous entry's typing (same replica, next counter, left origin the
// previous unit, same right origin) grows it, a delete that follows the previous delete of its
// replica (next counter) appends its ranges to it, in order (a delete's k-th counter deletes its
// k-th targeted unit, which a partially known delete relies on).
class BatchBuilder
{
public:
    // Without mergeDeletes each delete stays an entry of its own: for operations that were not
    // checked as a whole (Document::applyAll), a refused delete must not take the previous one along.
    explicit BatchBuilder(Batch *batch, bool mergeDeletes = true) : m_batch(batch), m_mergeDeletes(mergeDeletes) {}

    quint32 replicaIndex(ReplicaId replica);
    void addInsert(ItemId id, const std::optional<ItemId> &left, const std::optional<ItemId> &right,
                   const char16_t *text, quint32 length);
    void addDelete(ItemId id, const IdRange *ranges, int count);
    void add(const Operation &op);

private:
    LocalId local(const std::optional<ItemId> &id);

    Batch *m_batch;
    bool m_mergeDeletes;
    QHash<ReplicaId, quint32> m_index;
    ReplicaId m_lastReplica = 0; // operations come in runs from one replica
    quint32 m_lastIndex = 0;
};

// The compact encoding (docs/notes-crdt.md, "Operation batch"): columns predicted from the
// previous entries, zlib-compressed when that pays. Decoding checks every bound before it
// allocates and every entry's shape (as Operation::validateShape), so a decoded batch holds only
// operations that could be sent one by one.
QByteArray encodeBatch(const Batch &batch);
Expected<Batch> decodeBatch(const QByteArray &bytes);

} // namespace collab::crdt::detail
