// Document snapshots: the visible text as UTF-8 plus the runs (tombstones included) with their
// origins, predicted from their neighbours so most runs cost two or three bytes; then zlib.
#include "crdt/document.h"

#include "crdt/bytes.h"
#include "crdt/oplog.h"
#include "crdt/pendingqueue.h"
#include "crdt/sequence.h"

#include <QSet>

#include <algorithm>

namespace collab::crdt {

using detail::LocalId;
using detail::Run;

namespace {

constexpr char kMagic[] = "CRDT";
constexpr quint8 kFormatVersion = 1;

constexpr quint8 kDeleted = 0x01;
constexpr quint8 kSameReplica = 0x02;     // same replica as the previous run
constexpr quint8 kContinuesCounter = 0x04; // counter == previous run's end
constexpr int kLeftShift = 3;              // 2 bits: LeftKind
constexpr int kRightShift = 5;             // 2 bits: RightKind
constexpr quint8 kRightForward = 0x80;     // right origin starts the run k >= 2 places after

// Origins mostly touch the run next to them or one a few runs away: name them by distance.
enum LeftKind : quint8 { LeftNone = 0, LeftNeighbour = 1, LeftBack = 2, LeftExplicit = 3 };
enum RightKind : quint8 { RightNone = 0, RightNeighbour = 1, RightAsPrevious = 2, RightExplicit = 3 };
constexpr size_t kSearchWindow = 64;

Error corrupt(const char *what)
{
    return makeError(ErrorCode::MalformedEncoding,
                     QStringLiteral("bad snapshot: ") + QLatin1String(what));
}

// True if the text holds a surrogate unit: an OR over the whole text (the compiler vectorises it).
bool hasSurrogate(const char16_t *text, qsizetype size)
{
    unsigned found = 0;
    for (qsizetype i = 0; i < size; ++i)
        found |= unsigned((text[i] & 0xf800) == 0xd800);
    return found != 0;
}

// The runs' indexes in (replica, counter) order: an LSD radix sort on 11-bit digits that skips
// the digits all keys share (a document of one replica sorts in two or three passes). A
// comparison sort of the tens of thousands of runs of a long note took longer than the rest of
// the load.
std::vector<quint32> sortById(const std::vector<Run> &runs)
{
    constexpr int kBits = 11;
    constexpr quint64 kMask = (1u << kBits) - 1;
    const size_t n = runs.size();
    std::vector<quint64> keys(n);
    quint64 all = 0;
    for (size_t i = 0; i < n; ++i) {
        keys[i] = (quint64(runs[i].replica) << 32) | runs[i].counter;
        all |= keys[i];
    }
    std::vector<quint32> order(n);
    for (size_t i = 0; i < n; ++i)
        order[i] = quint32(i);
    if (n < 2)
        return order;
    std::vector<quint32> scratch(n);
    std::vector<quint32> count(size_t(kMask) + 1);
    for (int shift = 0; shift < 64 && (all >> shift) != 0; shift += kBits) {
        std::fill(count.begin(), count.end(), 0);
        for (size_t i = 0; i < n; ++i)
            ++count[(keys[i] >> shift) & kMask];
        if (count[(keys[0] >> shift) & kMask] == n)
            continue; // every key has this digit
        quint32 sum = 0;
        for (quint32 &c : count) {
            const quint32 here = c;
            c = sum;
            sum += here;
        }
        for (quint32 i : order)
            scratch[count[(keys[i] >> shift) & kMask]++] = i;
        order.swap(scratch);
    }
    return order;
}

// Explicit origins: replica index, then the counter relative to the run's own.
void writeExplicit(detail::ByteWriter &out, LocalId id, quint32 counter)
{
    out.varint(id.replica);
    out.zigzag(qint64(id.counter) - qint64(counter));
}

} // namespace

QByteArray Document::encodeSnapshot() const
{
    return finishSnapshot(draftSnapshot());
}

QByteArray Document::finishSnapshot(const SnapshotDraft &draft, int compressionLevel)
{
    QByteArray raw = draft.head;
    detail::ByteWriter out(&raw);
    out.utf8(draft.text);
    raw.append(draft.tail);
    QByteArray bytes(kMagic, 4);
    bytes.append(char(kFormatVersion));
    bytes.append(qCompress(raw, compressionLevel));
    return bytes;
}

SnapshotDraft Document::draftSnapshot() const
{
    const detail::Sequence &sequence = *m_sequence;
    std::vector<Run> runs;
    runs.reserve(size_t(runCount()));
    for (const detail::Leaf *leaf = sequence.tree().firstLeaf(); leaf; leaf = leaf->next)
        runs.insert(runs.end(), leaf->runs, leaf->runs + leaf->count);

    // Three columns (flags and lengths, ids, origins) compress better than interleaved records.
    QByteArray metaColumn;
    QByteArray idColumn;
    QByteArray originColumn;
    detail::ByteWriter meta(&metaColumn);
    detail::ByteWriter ids(&idColumn);
    detail::ByteWriter origins(&originColumn);
    for (size_t i = 0; i < runs.size(); ++i) {
        const Run &run = runs[i];
        const Run *prev = i ? &runs[i - 1] : nullptr;
        quint8 flags = run.deleted ? kDeleted : 0;
        const bool sameReplica = prev && prev->replica == run.replica;
        if (sameReplica)
            flags |= kSameReplica | (prev->end() == run.counter ? kContinuesCounter : 0);
        if (!sameReplica)
            ids.varint(run.replica);
        if (!(flags & kContinuesCounter)) {
            if (sameReplica)
                ids.zigzag(qint64(run.counter) - qint64(prev->end()));
            else
                ids.varint(run.counter);
        }

        LeftKind left = LeftExplicit;
        size_t back = 0;
        if (run.originLeft.isNone()) {
            left = LeftNone;
        } else if (prev && run.originLeft == prev->lastId()) {
            left = LeftNeighbour;
        } else {
            for (size_t k = 2; k <= kSearchWindow && k <= i; ++k) {
                if (runs[i - k].lastId() == run.originLeft) {
                    left = LeftBack;
                    back = k;
                    break;
                }
            }
        }
        if (left == LeftBack)
            origins.varint(back - 2);
        else if (left == LeftExplicit)
            writeExplicit(origins, run.originLeft, run.counter);

        RightKind right = RightExplicit;
        size_t forward = 0;
        if (run.originRight.isNone()) {
            right = RightNone;
        } else if (i + 1 < runs.size() && run.originRight == runs[i + 1].idAt(0)) {
            right = RightNeighbour;
        } else if (prev && run.originRight == prev->originRight) {
            right = RightAsPrevious;
        } else {
            for (size_t k = 2; k <= kSearchWindow && i + k < runs.size(); ++k) {
                if (runs[i + k].idAt(0) == run.originRight) {
                    forward = k;
                    break;
                }
            }
        }
        if (forward) {
            flags |= kRightForward;
            origins.varint(forward - 2);
            right = RightNone;
        } else if (right == RightExplicit) {
            writeExplicit(origins, run.originRight, run.counter);
        }
        flags |= quint8(left << kLeftShift) | quint8(right << kRightShift);
        meta.u8(flags);
        meta.varint(quint64(run.length));
    }

    SnapshotDraft draft;
    detail::ByteWriter head(&draft.head);
    head.varint(quint64(sequence.replicaCount()));
    for (int i = 0; i < sequence.replicaCount(); ++i) {
        head.u64(sequence.replicaId(quint32(i)));
        head.varint(sequence.next(quint32(i)));
    }
    draft.text = sequence.text();
    detail::ByteWriter tail(&draft.tail);
    tail.varint(runs.size());
    tail.bytes(metaColumn);
    tail.bytes(idColumn);
    tail.bytes(originColumn);
    return draft;
}

Expected<Document> Document::decodeSnapshot(const QByteArray &bytes, ReplicaId replica)
{
    if (replica == 0)
        return makeError(ErrorCode::InvalidOperation, QStringLiteral("replica 0 is reserved"));
    if (bytes.size() < 9 || !bytes.startsWith(QByteArrayView(kMagic, 4))
        || quint8(bytes.at(4)) != kFormatVersion)
        return corrupt("header");
    // qCompress prefixes the uncompressed size (big endian): refuse absurd sizes before inflating.
    const quint32 rawSize = (quint32(quint8(bytes.at(5))) << 24) | (quint32(quint8(bytes.at(6))) << 16)
        | (quint32(quint8(bytes.at(7))) << 8) | quint32(quint8(bytes.at(8)));
    if (rawSize > quint32(limits::kMaxSnapshotBytes))
        return corrupt("too large");
    const QByteArray raw = qUncompress(reinterpret_cast<const uchar *>(bytes.constData()) + 5,
                                       bytes.size() - 5);
    if (raw.isEmpty() || quint32(raw.size()) != rawSize)
        return corrupt("compression");

    detail::ByteReader in(raw);
    const quint64 replicaCount = in.varint();
    if (!in.ok() || replicaCount > quint64(limits::kMaxReplicas) || replicaCount > quint64(raw.size()) / 9)
        return corrupt("replica count");
    std::vector<ReplicaId> replicas(replicaCount);
    std::vector<quint32> next(replicaCount);
    QSet<ReplicaId> seen;
    for (quint64 i = 0; i < replicaCount; ++i) {
        replicas[i] = in.u64();
        next[i] = in.varint32();
        if (replicas[i] == 0 || seen.contains(replicas[i]))
            return corrupt("replica id");
        seen.insert(replicas[i]);
    }
    QString text;
    if (!in.utf8(&text, raw.size()))
        return corrupt("text");
    // Most notes have no surrogate pair at all: one branch-free pass finds out, and then neither
    // the pair check nor the runs' surrogate flags need to look at the text again.
    const bool anySurrogate = hasSurrogate(reinterpret_cast<const char16_t *>(text.constData()), text.size());
    if (anySurrogate && !isWellFormedUtf16(text.constData(), text.size()))
        return corrupt("text");
    const quint64 runCount = in.varint();
    if (!in.ok() || runCount > quint64(raw.size()))
        return corrupt("run count");
    auto column = [&in, &raw](detail::ByteReader *reader) {
        const quint64 size = in.varint();
        if (!in.ok() || size > quint64(raw.size()))
            return false;
        const char *start = in.take(qsizetype(size));
        *reader = detail::ByteReader(start, qsizetype(size));
        return start != nullptr;
    };
    detail::ByteReader meta(nullptr, 0);
    detail::ByteReader ids(nullptr, 0);
    detail::ByteReader origins(nullptr, 0);
    if (!column(&meta) || !column(&ids) || !column(&origins) || !in.atEnd())
        return corrupt("columns");

    std::vector<Run> runs(runCount);
    std::vector<quint64> forwards(runCount); // right origin k runs ahead, resolved afterwards
    qint64 visible = 0;
    auto readExplicit = [&](LocalId *id, quint32 counter) {
        id->replica = origins.varint32();
        const qint64 value = qint64(counter) + origins.zigzag();
        id->counter = quint32(value);
        return origins.ok() && id->replica < replicaCount && value >= 0
            && value < qint64(next[id->replica]);
    };
    for (quint64 i = 0; i < runCount; ++i) {
        Run &run = runs[i];
        const Run *prev = i ? &runs[i - 1] : nullptr;
        const quint8 flags = meta.u8();
        const quint64 length = meta.varint();
        if (!meta.ok() || length == 0 || length > limits::kMaxCounter
            || (!prev && (flags & kSameReplica)) || ((flags & kContinuesCounter) && !(flags & kSameReplica)))
            return corrupt("run header");
        run.length = qint32(length);
        run.deleted = flags & kDeleted;
        run.replica = (flags & kSameReplica) ? prev->replica : ids.varint32();
        qint64 counter = 0;
        if (flags & kContinuesCounter)
            counter = prev->end();
        else if (flags & kSameReplica)
            counter = qint64(prev->end()) + ids.zigzag();
        else
            counter = ids.varint32();
        if (!ids.ok() || run.replica >= replicaCount || counter < 0
            || counter + qint64(length) > qint64(next[run.replica]))
            return corrupt("run id");
        run.counter = quint32(counter);

        switch ((flags >> kLeftShift) & 3) {
        case LeftNeighbour:
            if (!prev)
                return corrupt("left origin");
            run.originLeft = prev->lastId();
            break;
        case LeftBack: {
            const quint64 back = origins.varint() + 2;
            if (!origins.ok() || back > i)
                return corrupt("left origin");
            run.originLeft = runs[i - back].lastId();
            break;
        }
        case LeftExplicit:
            if (!readExplicit(&run.originLeft, run.counter))
                return corrupt("left origin");
            break;
        }
        const quint8 right = (flags >> kRightShift) & 3;
        if (flags & kRightForward) {
            forwards[i] = origins.varint() + 2;
            if (!origins.ok() || right != RightNone || forwards[i] >= runCount - i)
                return corrupt("right origin");
        } else if (right == RightNeighbour) {
            forwards[i] = 1;
            if (i + 1 == runCount)
                return corrupt("right origin");
        } else if (right == RightAsPrevious) {
            if (!prev)
                return corrupt("right origin");
            run.originRight = prev->originRight;
        } else if (right == RightExplicit && !readExplicit(&run.originRight, run.counter)) {
            return corrupt("right origin");
        }
        if (!run.deleted) {
            run.contentPos = quint32(visible);
            visible += run.length;
            if (visible > text.size())
                return corrupt("text shorter than runs");
            for (qint64 k = run.contentPos; anySurrogate && k < visible && !run.surrogates; ++k)
                run.surrogates = text.at(k).isSurrogate();
        }
    }
    if (!meta.atEnd() || !ids.atEnd() || !origins.atEnd() || visible != text.size())
        return corrupt("trailing bytes or text longer than runs");
    for (quint64 i = 0; i < runCount; ++i) {
        if (forwards[i])
            runs[i].originRight = runs[i + forwards[i]].idAt(0);
    }
    // Two runs claiming the same id would corrupt the id index, which is built from this order.
    const std::vector<quint32> byId = sortById(runs);
    for (size_t i = 1; i < byId.size(); ++i) {
        const Run &before = runs[byId[i - 1]];
        const Run &after = runs[byId[i]];
        if (before.replica == after.replica && before.end() > after.counter)
            return corrupt("overlapping runs");
    }

    Document doc(replica);
    doc.m_sequence->load(replicas, next, text, runs, byId);
    doc.m_self = doc.m_sequence->addReplica(replica);
    doc.m_historyBase = doc.version();
    return doc;
}

} // namespace collab::crdt
