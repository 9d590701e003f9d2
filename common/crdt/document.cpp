#include "crdt/document.h"

#include "crdt/change.h"
#include "crdt/oplog.h"
#include "crdt/pendingqueue.h"
#include "crdt/sequence.h"

#include <algorithm>

namespace collab::crdt {

using detail::LocalId;
using detail::LocalRange;

Document::Document(ReplicaId replica)
    : m_replica(replica),
      m_sequence(std::make_unique<detail::Sequence>()),
      m_log(std::make_unique<detail::OpLog>()),
      m_pending(std::make_unique<detail::PendingQueue>())
{
    Q_ASSERT_X(replica != 0, "Document", "replica 0 is reserved");
    m_self = m_sequence->addReplica(replica);
}

Document::~Document() = default;
Document::Document(Document &&) noexcept = default;
Document &Document::operator=(Document &&) noexcept = default;

QString Document::text() const
{
    return m_sequence->text();
}

int Document::length() const
{
    return m_sequence->length();
}

int Document::pendingCount() const
{
    return m_pending->size();
}

quint32 Document::counterOf(ReplicaId replica) const
{
    return m_sequence->nextOf(replica);
}

quint32 Document::acceptedEnd(ReplicaId replica) const
{
    return std::max(m_sequence->nextOf(replica), m_pending->endOf(replica));
}

int Document::pendingCountOf(ReplicaId replica) const
{
    return m_pending->countOf(replica);
}

qint64 Document::contentSize() const
{
    return m_sequence->contentSize();
}

int Document::runCount() const
{
    return m_sequence->tree().runCount();
}

QVector<IdRange> Document::visibleIds() const
{
    QVector<IdRange> out;
    for (const detail::Leaf *leaf = m_sequence->tree().firstLeaf(); leaf; leaf = leaf->next) {
        for (int i = 0; i < leaf->count; ++i) {
            const detail::Run &run = leaf->runs[i];
            if (run.deleted || run.length == 0)
                continue;
            const ReplicaId replica = m_sequence->replicaId(run.replica);
            if (!out.isEmpty() && out.last().replica == replica && out.last().counter + out.last().length == run.counter)
                out.last().length += quint32(run.length);
            else
                out.append(IdRange{replica, run.counter, quint32(run.length)});
        }
    }
    return out;
}

std::optional<ItemId> Document::toItemId(const LocalId &id) const
{
    if (id.isNone())
        return std::nullopt;
    return ItemId{m_sequence->replicaId(id.replica), id.counter};
}

LocalId Document::toLocalId(const std::optional<ItemId> &id) const
{
    if (!id)
        return LocalId{};
    return LocalId{m_sequence->replicaIndex(id->replica), id->counter};
}

Expected<Operation> Document::localInsert(int position, const QString &text)
{
    if (position < 0 || position > length())
        return makeError(ErrorCode::InvalidPosition, QStringLiteral("insert position outside the text"));
    if (text.isEmpty() || text.size() > limits::kMaxOpText
        || !isWellFormedUtf16(text.constData(), text.size()))
        return makeError(ErrorCode::InvalidText, QStringLiteral("empty, too long or lone surrogate"));
    const quint32 counter = m_sequence->next(m_self);
    if (quint64(counter) + quint64(text.size()) > limits::kMaxCounter)
        return makeError(ErrorCode::CounterOverflow, QStringLiteral("replica counter exhausted"));

    const LocalId id{m_self, counter};
    const quint32 contentPos = m_sequence->contentSize();
    LocalId left;
    LocalId right;
    if (!m_sequence->insertLocal(position, id, text, &left, &right))
        return makeError(ErrorCode::SplitsSurrogatePair, QStringLiteral("insert inside a surrogate pair"));
    m_log->appendInsert(id, quint32(text.size()), left, right, contentPos);
    m_sequence->advance(m_self, quint32(text.size()));
    return Operation::makeInsert(ItemId{m_replica, counter}, toItemId(left), toItemId(right), text);
}

Expected<Operation> Document::localDelete(int position, int count)
{
    if (count <= 0 || position < 0 || position > length() - count)
        return makeError(ErrorCode::InvalidPosition, QStringLiteral("delete range outside the text"));
    const quint32 counter = m_sequence->next(m_self);
    if (quint64(counter) + quint64(count) > limits::kMaxCounter)
        return makeError(ErrorCode::CounterOverflow, QStringLiteral("replica counter exhausted"));

    QVarLengthArray<LocalRange, 1> ranges;
    if (!m_sequence->deleteLocal(position, count, &ranges))
        return makeError(ErrorCode::SplitsSurrogatePair, QStringLiteral("delete splits a surrogate pair"));
    m_log->appendDelete(LocalId{m_self, counter}, ranges.constData(), int(ranges.size()));
    m_sequence->advance(m_self, quint32(count));
    // Built in place: a copy of the targets (QVarLengthArray assignment) cost as much as the edit.
    Expected<Operation> out{Operation()};
    Operation &op = out.value();
    op.kind = Operation::Kind::Delete;
    op.id = ItemId{m_replica, counter};
    for (const LocalRange &range : ranges)
        op.targets.append(IdRange{m_sequence->replicaId(range.replica), range.counter, range.length});
    return out;
}

ApplyResult Document::apply(const Operation &op)
{
    ApplyResult result;
    if (auto error = op.validateShape()) {
        result.status = ApplyStatus::Rejected;
        result.error = error;
        return result;
    }
    result.status = applyOne(op, &result, &result.error);
    if (result.status == ApplyStatus::Applied)
        releaseWaiting(op.id.replica, &result);
    return result;
}

// Releases the operations that waited for counters of `replica`, and the ones those release in turn.
void Document::releaseWaiting(ReplicaId replica, ApplyResult *result)
{
    if (m_pending->size() == 0)
        return;
    std::vector<Operation> ready;
    m_pending->takeReady(replica, m_sequence->nextOf(replica), &ready);
    while (!ready.empty()) {
        const Operation next = std::move(ready.back());
        ready.pop_back();
        std::optional<Error> ignored;
        const ApplyStatus step = applyOne(next, result, &ignored);
        if (step == ApplyStatus::Applied)
            m_pending->takeReady(next.id.replica, m_sequence->nextOf(next.id.replica), &ready);
        else if (step == ApplyStatus::Rejected)
            result->droppedCount++;
    }
}

ApplyStatus Document::applyOne(const Operation &op, ApplyResult *result, std::optional<Error> *error)
{
    const quint32 have = m_sequence->nextOf(op.id.replica);
    if (quint64(op.id.counter) + op.span() <= have)
        return ApplyStatus::Duplicate;
    Operation sliced;
    const Operation *current = &op;
    if (have > op.id.counter) { // a prefix is already known
        sliced = op.sliceFrom(have - op.id.counter);
        if ((*error = sliced.validateShape()))
            return ApplyStatus::Rejected;
        current = &sliced;
    }
    if (const auto awaited = missingDependency(*current)) {
        if (!m_pending->hasRoomFor(*current)) {
            *error = makeError(ErrorCode::PendingQueueFull, QStringLiteral("too many waiting operations"));
            return ApplyStatus::Rejected;
        }
        m_pending->add(*awaited, *current);
        return ApplyStatus::Pending;
    }
    // Every id it names is known now: the operation in the document's own indexes.
    detail::Change change;
    change.insert = current->isInsert();
    change.replica = current->id.replica;
    change.counter = current->id.counter;
    change.length = quint32(current->span());
    QVarLengthArray<LocalRange, 1> ranges;
    if (change.insert) {
        change.left = toLocalId(current->originLeft);
        change.right = toLocalId(current->originRight);
        change.text = reinterpret_cast<const char16_t *>(current->text.constData());
        change.textString = &current->text;
    } else {
        for (const IdRange &target : current->targets)
            ranges.append(LocalRange{m_sequence->replicaIndex(target.replica), target.counter, target.length});
        change.ranges = ranges.constData();
        change.rangeCount = int(ranges.size());
    }
    if ((*error = checkReferences(change)))
        return ApplyStatus::Rejected;
    integrate(change, result, true);
    return ApplyStatus::Applied;
}

std::optional<ItemId> Document::missingDependency(const Operation &op) const
{
    if (op.id.counter > m_sequence->nextOf(op.id.replica))
        return ItemId{op.id.replica, op.id.counter - 1};
    for (const auto *origin : {&op.originLeft, &op.originRight}) {
        if (*origin && m_sequence->nextOf((*origin)->replica) <= (*origin)->counter)
            return **origin;
    }
    for (const IdRange &range : op.targets) {
        const quint32 last = range.counter + range.length - 1;
        if (m_sequence->nextOf(range.replica) <= last)
            return ItemId{range.replica, last};
    }
    return std::nullopt;
}

// Everything the operation names must be an inserted unit here, and it must not cut a pair.
std::optional<Error> Document::checkReferences(const detail::Change &change) const
{
    auto unknown = [] {
        return makeError(ErrorCode::UnknownReference, QStringLiteral("names an id that is not a unit"));
    };
    auto pairSplit = [] {
        return makeError(ErrorCode::SplitsSurrogatePair, QStringLiteral("cuts a surrogate pair"));
    };
    const detail::Sequence &sequence = *m_sequence;
    int offset = 0;
    if (sequence.replicaIndex(change.replica) == detail::kNoReplica
        && sequence.replicaCount() >= limits::kMaxReplicas)
        return makeError(ErrorCode::TooManyReplicas, QStringLiteral("too many replicas"));
    if (change.insert) {
        if (!change.left.isNone() && change.left == change.right)
            return makeError(ErrorCode::InvalidOperation, QStringLiteral("origins are the same unit"));
        switch (sequence.checkOrigins(change.left, change.right)) {
        case detail::Sequence::OriginCheck::Unknown:
            return unknown();
        case detail::Sequence::OriginCheck::SplitsPair:
            return pairSplit();
        case detail::Sequence::OriginCheck::Misordered:
            return makeError(ErrorCode::InvalidOperation, QStringLiteral("right origin is not after the left one"));
        case detail::Sequence::OriginCheck::Separated:
            return makeError(ErrorCode::InvalidOperation,
                             QStringLiteral("origins were never neighbours: an item they depend on lies between them"));
        case detail::Sequence::OriginCheck::Ok:
            break;
        }
        return std::nullopt;
    }
    for (int i = 0; i < change.rangeCount; ++i) {
        const LocalRange &range = change.ranges[i];
        const quint32 end = range.counter + range.length;
        for (quint32 counter = range.counter; counter < end;) {
            const detail::Cursor c = sequence.findById(LocalId{range.replica, counter}, &offset);
            if (c.isEnd())
                return unknown();
            if (counter == range.counter && sequence.pairUnitAt(c, offset).isLowSurrogate())
                return pairSplit();
            const quint32 runEnd = sequence.tree().run(c).end();
            if (runEnd >= end && sequence.pairUnitAt(c, offset + int(end - 1 - counter)).isHighSurrogate())
                return pairSplit();
            counter = runEnd;
        }
    }
    return std::nullopt;
}

void Document::integrate(const detail::Change &change, ApplyResult *result, bool withDeltas)
{
    detail::Sequence &sequence = *m_sequence;
    const LocalId id{sequence.addReplica(change.replica), change.counter};
    if (change.insert) {
        const quint32 contentPos = sequence.contentSize();
        const int position = sequence.integrate(id, change.left, change.right, change.text, int(change.length),
                                                withDeltas);
        m_log->appendInsert(id, change.length, change.left, change.right, contentPos);
        if (withDeltas) {
            // One reference count taken on the operation's text (atomic: it costs on every keystroke).
            TextDelta delta{position, 0,
                            change.textString ? *change.textString
                                              : QString(reinterpret_cast<const QChar *>(change.text), qsizetype(change.length))};
            if (result->deltas.isEmpty())
                result->deltas.reserve(1); // exact size: one allocation
            result->deltas.append(std::move(delta));
        }
    } else {
        detail::Sequence::RemovedSpans removed;
        for (int i = 0; i < change.rangeCount; ++i)
            sequence.deleteRange(change.ranges[i], withDeltas ? &removed : nullptr);
        m_log->appendDelete(id, change.ranges, change.rangeCount);
        QVector<TextDelta> &deltas = result->deltas;
        if (deltas.isEmpty() && !removed.isEmpty())
            deltas.reserve(removed.size());
        for (const auto &[position, count] : removed) {
            if (!deltas.isEmpty() && deltas.back().inserted.isEmpty() && deltas.back().position == position)
                deltas.back().removed += count;
            else
                deltas.append(TextDelta{position, count, QString()});
        }
    }
    sequence.advance(id.replica, change.length);
    result->appliedCount++;
}

VersionVector Document::version() const
{
    VersionVector out;
    for (int i = 0; i < m_sequence->replicaCount(); ++i)
        out.set(m_sequence->replicaId(quint32(i)), m_sequence->next(quint32(i)));
    return out;
}

Expected<QVector<Operation>> Document::operationsSince(const VersionVector &since) const
{
    if (!m_historyBase.isIncludedIn(since))
        return makeError(ErrorCode::HistoryUnavailable,
                         QStringLiteral("operations before the loaded snapshot are not kept"));
    const detail::Sequence &sequence = *m_sequence;
    QVector<Operation> out;
    for (const detail::OpLog::Entry &entry : m_log->entries()) {
        const ReplicaId replica = sequence.replicaId(entry.replica);
        const quint32 have = since.get(replica);
        if (have >= entry.counter + entry.length)
            continue;
        Operation op;
        if (entry.insert) {
            op = Operation::makeInsert(ItemId{replica, entry.counter}, toItemId(entry.originLeft),
                                       toItemId(entry.originRight),
                                       sequence.contentAt(entry.contentPos, entry.length));
        } else {
            QVarLengthArray<IdRange, 1> targets;
            for (quint32 i = 0; i < entry.targetCount; ++i) {
                const LocalRange &range = m_log->targets()[entry.firstTarget + i];
                targets.append(IdRange{sequence.replicaId(range.replica), range.counter, range.length});
            }
            op = Operation::makeDelete(ItemId{replica, entry.counter}, targets);
        }
        out.append(have > entry.counter ? op.sliceFrom(have - entry.counter) : op);
    }
    return out;
}

} // namespace collab::crdt
