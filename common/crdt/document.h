#pragma once

#include "crdt/error.h"
#include "crdt/operation.h"
#include "crdt/types.h"
#include "crdt/versionvector.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <memory>

namespace collab::crdt {

namespace detail {
class Sequence;
class OpLog;
class PendingQueue;
struct LocalId;
struct Change;
struct Batch;
} // namespace detail

// What a remote operation did to the visible text, in UTF-16 units: remove `removed` units at
// `position`, then insert `inserted` there. Deltas apply in order, each to the text left by the
// previous one, so an editor can patch a QTextDocument without touching its own cursor.
struct TextDelta
{
    int position = 0;
    int removed = 0;
    QString inserted;

    friend bool operator==(const TextDelta &a, const TextDelta &b)
    {
        return a.position == b.position && a.removed == b.removed && a.inserted == b.inserted;
    }
};

// A snapshot before its slow steps (see Document::draftSnapshot).
struct SnapshotDraft
{
    QByteArray head; // replica table
    QString text;    // the visible text (implicitly shared: cheap to hand to another thread)
    QByteArray tail; // the runs
};

enum class ApplyStatus {
    Applied,   // applied (and maybe released waiting operations)
    Duplicate, // already known: nothing changed
    Pending,   // waits for operations it depends on; applied when they arrive
    Rejected,  // invalid: nothing changed, see error
};

// Visible units [position, position + length) typed by one replica with consecutive counters,
// the first one's id being `first` (authorship, issue 12).
struct AuthorSpan
{
    int position = 0;
    int length = 0;
    ItemId first;
};

struct ApplyResult
{
    ApplyStatus status = ApplyStatus::Applied;
    std::optional<Error> error;
    QVector<TextDelta> deltas; // includes the effect of released waiting operations
    int appliedCount = 0;      // this operation and the waiting ones it released
    int droppedCount = 0;      // released waiting operations that turned out invalid

    bool ok() const { return status != ApplyStatus::Rejected; }
};

// One replica of a shared text: a YATA sequence CRDT with run-length encoded items in a B-tree.
// Local edits return the operation to broadcast; remote operations merge in any order.
// Not thread-safe; movable, not copyable (copy through a snapshot).
class Document
{
public:
    explicit Document(ReplicaId replica);
    ~Document();
    Document(Document &&) noexcept;
    Document &operator=(Document &&) noexcept;

    ReplicaId replica() const { return m_replica; }
    QString text() const;
    int length() const;

    // Positions and lengths are UTF-16 units; a boundary inside a surrogate pair is an error.
    Expected<Operation> localInsert(int position, const QString &text);
    Expected<Operation> localDelete(int position, int length);

    ApplyResult apply(const Operation &op);
    int pendingCount() const;

    // What a server checks before it takes a peer's operation (docs/notes-crdt.md, "At the door").
    // Counters of `replica` applied so far (0: unknown replica).
    quint32 counterOf(ReplicaId replica) const;
    // The counter a replica's next operation must start at (or below): after everything of it
    // that was applied or waits here. An operation starting beyond it has a gap no one can fill.
    quint32 acceptedEnd(ReplicaId replica) const;
    // Operations of `replica` waiting for their dependencies.
    int pendingCountOf(ReplicaId replica) const;
    // UTF-16 units ever inserted, tombstones included: what the document holds in memory.
    qint64 contentSize() const;

    // Bulk merge (docs/notes-crdt.md, "Bulk merge"): many operations at once, e.g. a whole
    // history or an offline day. Same document as apply() of each operation in order, much
    // faster: keystrokes are merged into runs first, and every run whose dependencies are here
    // is checked and placed directly, with no Operation or QString per keystroke; the others go
    // through apply() (waiting, partial duplicates). Without deltas (Deltas::Skip) nothing walks
    // the tree for positions: for a replica whose editor shows text() afresh afterwards.
    // The result sums the operations': Applied if any applied, else Pending if any waits, else
    // Duplicate; droppedCount and error count and name refused ones (the others still apply).
    // A batch that does not decode is Rejected and changes nothing.
    enum class Deltas { Report, Skip };
    ApplyResult applyBatch(const QByteArray &encodedBatch, Deltas deltas = Deltas::Report);
    ApplyResult applyAll(const QVector<Operation> &ops, Deltas deltas = Deltas::Report);

    VersionVector version() const;
    // The operations a peer at `since` misses, in a causal order. HistoryUnavailable if some of
    // them predate the snapshot this document was loaded from: send a snapshot instead.
    Expected<QVector<Operation>> operationsSince(const VersionVector &since) const;
    // The same operations as one compact batch (encodeOperationBatch's format), straight from the
    // log: what a peer or the server sends to bring a replica up to date.
    Expected<QByteArray> encodeHistory(const VersionVector &since) const;

    // Text plus run metadata (no history, no pending operations), zlib-compressed.
    QByteArray encodeSnapshot() const;
    // The same in two steps: what needs the document (a copy of the text, the runs' metadata:
    // quick), then the slow part, which does not (UTF-8, compression: a server runs it on a
    // worker thread while the document changes on).
    SnapshotDraft draftSnapshot() const;
    // zlib level: 9 (smallest) by default; a server answering fresh clients trades size for time.
    static QByteArray finishSnapshot(const SnapshotDraft &draft, int compressionLevel = 9);
    // Loads a snapshot as replica `replica` (which may be one already in the snapshot).
    static Expected<Document> decodeSnapshot(const QByteArray &bytes, ReplicaId replica);

    int runCount() const; // runs in the tree, tombstones included: for tests and benchmarks
    // The ids of the visible text, in text order: each range is that many consecutive units of
    // one replica (adjacent runs of one replica merged). Who wrote which text (note history).
    QVector<IdRange> visibleIds() const;

    // Authorship (authorship.cpp): who typed each visible unit, and where units are now, by id.
    // The visible text in [from, to) as spans of one replica's consecutive units, in text order.
    QVector<AuthorSpan> authorSpans(int from, int to) const;
    // Where the still visible units of `range` are now: (position, length) spans in text order.
    QVector<std::pair<int, int>> visibleSpansOf(const IdRange &range) const;
    // The visible position of unit `id` now; for a deleted unit, where it would be. -1 if the
    // unit is not in this document.
    int positionOfId(ItemId id) const;
    // The visible text [position, position + length) without building the whole text.
    QString slice(int position, int length) const;

private:
    ApplyStatus applyOne(const Operation &op, ApplyResult *result, std::optional<Error> *error);
    void releaseWaiting(ReplicaId replica, ApplyResult *result);
    std::optional<ItemId> missingDependency(const Operation &op) const;
    std::optional<Error> checkReferences(const detail::Change &change) const;
    void integrate(const detail::Change &change, ApplyResult *result, bool deltas);
    ApplyResult merge(const detail::Batch &batch, Deltas deltas);
    std::optional<ItemId> toItemId(const detail::LocalId &id) const;
    detail::LocalId toLocalId(const std::optional<ItemId> &id) const;

    ReplicaId m_replica;
    quint32 m_self = 0; // m_replica's index in the sequence's replica table
    std::unique_ptr<detail::Sequence> m_sequence;
    std::unique_ptr<detail::OpLog> m_log;
    std::unique_ptr<detail::PendingQueue> m_pending;
    VersionVector m_historyBase; // operations below this were not kept (snapshot load)
};

} // namespace collab::crdt
