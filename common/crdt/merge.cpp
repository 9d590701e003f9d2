// The bulk paths: a batch of operations merged at once, and the history encoded as one batch.
#include "crdt/document.h"

#include "crdt/batch.h"
#include "crdt/change.h"
#include "crdt/oplog.h"
#include "crdt/pendingqueue.h"
#include "crdt/sequence.h"

namespace collab::crdt {

using detail::Batch;
using detail::BatchEntry;
using detail::LocalId;
using detail::LocalRange;
using detail::kNoReplica;

ApplyResult Document::applyBatch(const QByteArray &encodedBatch, Deltas deltas)
{
    Expected<Batch> batch = detail::decodeBatch(encodedBatch);
    if (!batch.ok()) {
        ApplyResult result;
        result.status = ApplyStatus::Rejected;
        result.error = batch.error();
        return result;
    }
    return merge(batch.value(), deltas);
}

ApplyResult Document::applyAll(const QVector<Operation> &ops, Deltas deltas)
{
    Batch batch;
    detail::BatchBuilder builder(&batch, false);
    int refused = 0;
    std::optional<Error> firstError;
    for (const Operation &op : ops) {
        if (auto error = op.validateShape()) { // refused alone, as apply() would
            ++refused;
            if (!firstError)
                firstError = error;
            continue;
        }
        builder.add(op);
    }
    ApplyResult result = merge(batch, deltas);
    result.droppedCount += refused;
    if (firstError && !result.error)
        result.error = firstError;
    if (refused > 0 && result.appliedCount == 0 && result.status == ApplyStatus::Duplicate && batch.entries.empty())
        result.status = ApplyStatus::Rejected;
    return result;
}

// Each entry whose dependencies are all here (the usual case: a history arrives in causal
// order) is checked and integrated straight from the batch's arrays, exactly as apply() would do
// with the same operation (Document::checkReferences and Document::integrate are shared). Only
// entries that must wait or are partly known become Operations and take apply()'s path.
ApplyResult Document::merge(const Batch &batch, Deltas deltas)
{
    ApplyResult result;
    const bool withDeltas = deltas == Deltas::Report;
    detail::Sequence &sequence = *m_sequence;
    std::vector<quint32> local(batch.replicas.size(), kNoReplica); // batch index → document index
    const auto localIndex = [&](quint32 index) {
        quint32 &cached = local[index];
        if (cached == kNoReplica)
            cached = sequence.replicaIndex(batch.replicas[index]);
        return cached;
    };
    const auto toLocal = [&](LocalId id) {
        return id.isNone() ? id : LocalId{localIndex(id.replica), id.counter};
    };
    // True if the unit (batch indexes) is applied here, or is none.
    const auto applied = [&](LocalId id) {
        if (id.isNone())
            return true;
        const quint32 index = localIndex(id.replica);
        return index != kNoReplica && sequence.next(index) > id.counter;
    };
    int duplicates = 0;
    int pending = 0;
    const auto refuse = [&](std::optional<Error> error) {
        ++result.droppedCount;
        if (!result.error)
            result.error = std::move(error);
    };
    QVarLengthArray<LocalRange, 16> ranges;

    for (const BatchEntry &entry : batch.entries) {
        const quint32 self = localIndex(entry.replica);
        const quint32 have = self == kNoReplica ? 0 : sequence.next(self);
        if (quint64(entry.counter) + entry.length <= have) {
            ++duplicates;
            continue;
        }
        detail::Change change;
        change.insert = entry.insert;
        change.replica = batch.replicas[entry.replica];
        change.counter = entry.counter;
        change.length = entry.length;
        bool ready = entry.counter == have;
        if (ready && entry.insert) {
            ready = applied(entry.left) && applied(entry.right);
            change.left = toLocal(entry.left);
            change.right = toLocal(entry.right);
            change.text = batch.text.data() + entry.textPos;
        } else if (ready) {
            ranges.clear();
            for (quint32 i = 0; i < entry.targetCount && ready; ++i) {
                const detail::BatchRange &range = batch.targets[entry.firstTarget + i];
                ready = applied(LocalId{range.replica, range.counter + range.length - 1});
                ranges.append(LocalRange{localIndex(range.replica), range.counter, range.length});
            }
            change.ranges = ranges.constData();
            change.rangeCount = int(ranges.size());
        }
        if (!ready) { // waits, or a prefix is known: apply()'s path
            const Operation op = batch.operation(entry);
            std::optional<Error> error = op.validateShape();
            const ApplyStatus status = error ? ApplyStatus::Rejected : applyOne(op, &result, &error);
            if (status == ApplyStatus::Applied)
                releaseWaiting(op.id.replica, &result);
            else if (status == ApplyStatus::Pending)
                ++pending;
            else if (status == ApplyStatus::Duplicate)
                ++duplicates;
            else
                refuse(std::move(error));
            continue;
        }
        if (auto error = checkReferences(change)) {
            refuse(std::move(error));
            continue;
        }
        integrate(change, &result, withDeltas);
        releaseWaiting(change.replica, &result);
    }

    if (result.appliedCount > 0)
        result.status = ApplyStatus::Applied;
    else if (pending > 0)
        result.status = ApplyStatus::Pending;
    else if (duplicates > 0 || batch.entries.empty())
        result.status = ApplyStatus::Duplicate;
    else
        result.status = ApplyStatus::Rejected;
    return result;
}

Expected<QByteArray> Document::encodeHistory(const VersionVector &since) const
{
    if (!m_historyBase.isIncludedIn(since))
        return makeError(ErrorCode::HistoryUnavailable,
                         QStringLiteral("operations before the loaded snapshot are not kept"));
    const detail::Sequence &sequence = *m_sequence;
    Batch batch;
    detail::BatchBuilder builder(&batch);
    QVarLengthArray<IdRange, 16> targets;
    for (const detail::OpLog::Entry &entry : m_log->entries()) {
        const ReplicaId replica = sequence.replicaId(entry.replica);
        const quint32 have = since.get(replica);
        if (have >= entry.counter + entry.length)
            continue;
        quint32 skip = have > entry.counter ? have - entry.counter : 0; // a peer with a prefix: as sliceFrom()
        const ItemId id{replica, entry.counter + skip};
        if (entry.insert) {
            const std::optional<ItemId> left = skip ? std::optional<ItemId>(ItemId{replica, id.counter - 1})
                                                    : toItemId(entry.originLeft);
            builder.addInsert(id, left, toItemId(entry.originRight), sequence.contentData(entry.contentPos + skip),
                              entry.length - skip);
            continue;
        }
        targets.clear();
        for (quint32 i = 0; i < entry.targetCount; ++i) {
            const LocalRange &range = m_log->targets()[entry.firstTarget + i];
            if (skip >= range.length) {
                skip -= range.length;
                continue;
            }
            targets.append(IdRange{sequence.replicaId(range.replica), range.counter + skip, range.length - skip});
            skip = 0;
        }
        builder.addDelete(id, targets.constData(), int(targets.size()));
    }
    return detail::encodeBatch(batch);
}

QByteArray encodeOperationBatch(const QVector<Operation> &ops)
{
    Batch batch;
    detail::BatchBuilder builder(&batch);
    for (const Operation &op : ops)
        builder.add(op);
    return detail::encodeBatch(batch);
}

Expected<QVector<Operation>> decodeOperationBatch(const QByteArray &bytes)
{
    Expected<Batch> batch = detail::decodeBatch(bytes);
    if (!batch.ok())
        return batch.error();
    return batch.value().operations();
}

} // namespace collab::crdt
