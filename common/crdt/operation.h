#pragma once

#include "crdt/error.h"
#include "crdt/types.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <QVarLengthArray>
#include <QVector>

#include <optional>

namespace collab::crdt {

// One CRDT operation as it travels between replicas. An insert is a run of text typed by one
// replica: its units get ids id.counter, id.counter + 1, ...; each unit's left origin is the unit
// before it in the run, the first one's is originLeft; all share originRight (YATA / Yjs).
// A delete consumes span() counters of its replica and turns the target units into tombstones.
struct Operation
{
    enum class Kind : quint8 { Insert = 0, Delete = 1 };

    Kind kind = Kind::Insert;
    ItemId id;
    std::optional<ItemId> originLeft;  // none: inserted at the start of the document
    std::optional<ItemId> originRight; // none: nothing was to the right
    QString text;                      // insert only
    QVarLengthArray<IdRange, 1> targets; // delete only

    static Operation makeInsert(ItemId id, std::optional<ItemId> left, std::optional<ItemId> right,
                                const QString &text);
    static Operation makeDelete(ItemId id, const QVarLengthArray<IdRange, 1> &targets);

    bool isInsert() const { return kind == Kind::Insert; }
    // Counters consumed: text length for an insert, units targeted for a delete.
    quint64 span() const;
    // The same operation without its first `skip` counters (0 < skip < span()); used when a peer
    // already has a prefix of it.
    Operation sliceFrom(quint32 skip) const;
    // Checks that need no document: lengths, bounds, UTF-16 well-formedness, self references.
    std::optional<Error> validateShape() const;

    // Compact JSON for the wire:
    //   ["i", replicaHex, counter, [replicaHex, counter] | null, [replicaHex, counter] | null, text]
    //   ["d", replicaHex, counter, [[replicaHex, counter, length], ...]]
    QJsonArray toJson() const;
    static Expected<Operation> fromJson(const QJsonValue &json);

    // Compact binary encoding (see docs/notes-crdt.md).
    QByteArray toBinary() const;
    static Expected<Operation> fromBinary(const QByteArray &bytes);

    friend bool operator==(const Operation &a, const Operation &b);
    friend bool operator!=(const Operation &a, const Operation &b) { return !(a == b); }
};

// Batches: a varint count followed by the binary operations.
QByteArray encodeOperations(const QVector<Operation> &ops);
Expected<QVector<Operation>> decodeOperations(const QByteArray &bytes);
// Compact batches (docs/notes-crdt.md, "Operation batch"): consecutive typing and deleting merged
// into runs, columns predicted from the previous entries, zlib when that pays. A whole history
// costs about what its text compresses to. Document::applyBatch() merges one in bulk.
QByteArray encodeOperationBatch(const QVector<Operation> &ops);
Expected<QVector<Operation>> decodeOperationBatch(const QByteArray &bytes);
QJsonArray operationsToJson(const QVector<Operation> &ops);
Expected<QVector<Operation>> operationsFromJson(const QJsonArray &json);

// True if `text` has no lone surrogate.
bool isWellFormedUtf16(const QChar *text, qsizetype size);

} // namespace collab::crdt
