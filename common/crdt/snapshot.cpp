// Document snapshots: the visible text as UTF-8 plus the runs (tombstones included) with their
// origins, predicted from their neighbours so most runs cost two or three bytes; then zlib.
#include "crdt/document.h"

#include "crdt/bytes.h"
#include "crdt/oplog.h"
#include "crdt/pendingqueue.h"
#include "crdt/sequence.h"

#include <algorithm>

namespace collab::crdt {

using detail::LocalId;
using detail::Run;

namespace {

constexpr char kMagic[] = "CRDT";
constexpr quint8 kFormatVersion = 1;

constexpr quint8 kDeleted = 0x01;
constexpr quint8 kSameReplica = 0x02;
constexpr quint8 kContinuesCounter = 0x04;
constexpr int kLeftShift = 3;  // 2 bits: OriginKind
constexpr int kRightShift = 5; // 2 bits: OriginKind
constexpr quint8 kKnownFlags = 0x7f;

// Left origin: 1 = last unit of the previous run. Right origin: 1 = first unit of the next run,
// 2 = the previous run's right origin. 3 = explicit (replica index, counter) for both.
enum OriginKind : quint8 { None = 0, Neighbour = 1, Predicted = 2, Explicit = 3 };

Error corrupt(const char *what)
{
    return makeError(ErrorCode::MalformedEncoding,
                     QStringLiteral("bad snapshot: ") + QLatin1String(what));
}

void writeExplicit(detail::ByteWriter &out, LocalId id)
{
    out.varint(id.replica);
    out.varint(id.counter);
}

} // namespace

QByteArray Document::encodeSnapshot() const
{
    const detail::Sequence &sequence = *m_sequence;
    std::vector<Run> runs;
    runs.reserve(size_t(runCount()));
    for (const detail::Leaf *leaf = sequence.tree().firstLeaf(); leaf; leaf = leaf->next)
        runs.insert(runs.end(), leaf->runs, leaf->runs + leaf->count);

    QByteArray raw;
    detail::ByteWriter out(&raw);
    out.varint(quint64(sequence.replicaCount()));
    for (int i = 0; i < sequence.replicaCount(); ++i) {
        out.u64(sequence.replicaId(quint32(i)));
        out.varint(sequence.next(quint32(i)));
    }
    out.utf8(sequence.text());
    out.varint(runs.size());
    for (size_t i = 0; i < runs.size(); ++i) {
        const Run &run = runs[i];
        const Run *prev = i ? &runs[i - 1] : nullptr;
        const Run *next = i + 1 < runs.size() ? &runs[i + 1] : nullptr;
        quint8 flags = run.deleted ? kDeleted : 0;
        const bool sameReplica = prev && prev->replica == run.replica;
        if (sameReplica)
            flags |= kSameReplica | (prev->end() == run.counter ? kContinuesCounter : 0);
        OriginKind left = Explicit;
        if (run.originLeft.isNone())
            left = None;
        else if (prev && run.originLeft == prev->lastId())
            left = Neighbour;
        else if (run.originLeft.replica == run.replica && run.originLeft.counter < run.counter)
            left = Predicted;
        OriginKind right = Explicit;
        if (run.originRight.isNone())
            right = None;
        else if (next && run.originRight == next->idAt(0))
            right = Neighbour;
        else if (prev && run.originRight == prev->originRight)
            right = Predicted;
        flags |= quint8(left << kLeftShift) | quint8(right << kRightShift);

        out.u8(flags);
        out.varint(quint64(run.length));
        if (!sameReplica)
            out.varint(run.replica);
        if (!(flags & kContinuesCounter)) {
            if (sameReplica)
                out.zigzag(qint64(run.counter) - qint64(prev->end()));
            else
                out.varint(run.counter);
        }
        if (left == Predicted)
            out.varint(run.counter - 1 - run.originLeft.counter);
        else if (left == Explicit)
            writeExplicit(out, run.originLeft);
        if (right == Explicit)
            writeExplicit(out, run.originRight);
    }
    QByteArray bytes(kMagic, 4);
    bytes.append(char(kFormatVersion));
    bytes.append(qCompress(raw));
    return bytes;
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
    if (!in.utf8(&text, raw.size()) || !isWellFormedUtf16(text.constData(), text.size()))
        return corrupt("text");
    const quint64 runCount = in.varint();
    if (!in.ok() || runCount > quint64(raw.size()))
        return corrupt("run count");

    std::vector<Run> runs(runCount);
    std::vector<quint8> rightKinds(runCount);
    qint64 visible = 0;
    auto readExplicit = [&](LocalId *id) {
        id->replica = in.varint32();
        id->counter = in.varint32();
        return in.ok() && id->replica < replicaCount && id->counter < next[id->replica];
    };
    for (quint64 i = 0; i < runCount; ++i) {
        Run &run = runs[i];
        const Run *prev = i ? &runs[i - 1] : nullptr;
        const quint8 flags = in.u8();
        const quint64 length = in.varint();
        if (!in.ok() || (flags & ~kKnownFlags) || length == 0 || length > limits::kMaxCounter
            || (!prev && (flags & kSameReplica)) || ((flags & kContinuesCounter) && !(flags & kSameReplica)))
            return corrupt("run header");
        run.length = qint32(length);
        run.deleted = flags & kDeleted;
        run.replica = (flags & kSameReplica) ? prev->replica : in.varint32();
        qint64 counter = 0;
        if (flags & kContinuesCounter)
            counter = prev->end();
        else if (flags & kSameReplica)
            counter = qint64(prev->end()) + in.zigzag();
        else
            counter = in.varint32();
        if (!in.ok() || run.replica >= replicaCount || counter < 0
            || counter + qint64(length) > qint64(next[run.replica]))
            return corrupt("run id");
        run.counter = quint32(counter);
        const quint8 left = (flags >> kLeftShift) & 3;
        if (left == Neighbour) {
            if (!prev)
                return corrupt("left origin");
            run.originLeft = prev->lastId();
        } else if (left == Predicted) {
            const quint64 back = in.varint();
            if (!in.ok() || back >= run.counter)
                return corrupt("left origin");
            run.originLeft = LocalId{run.replica, quint32(run.counter - 1 - back)};
        } else if (left == Explicit && !readExplicit(&run.originLeft)) {
            return corrupt("left origin");
        }
        rightKinds[i] = (flags >> kRightShift) & 3;
        if (rightKinds[i] == Predicted) {
            if (!prev)
                return corrupt("right origin");
            run.originRight = prev->originRight;
        } else if (rightKinds[i] == Explicit && !readExplicit(&run.originRight)) {
            return corrupt("right origin");
        }
        if (!run.deleted) {
            run.contentPos = quint32(visible);
            visible += run.length;
            if (visible > text.size())
                return corrupt("text shorter than runs");
        }
    }
    if (!in.atEnd() || visible != text.size())
        return corrupt("trailing bytes or text longer than runs");
    for (quint64 i = 0; i < runCount; ++i) {
        if (rightKinds[i] == Neighbour) {
            if (i + 1 == runCount)
                return corrupt("right origin");
            runs[i].originRight = runs[i + 1].idAt(0);
        }
    }
    // Two runs claiming the same id would corrupt the id index.
    std::vector<std::pair<quint64, quint32>> ranges;
    ranges.reserve(runCount);
    for (const Run &run : runs)
        ranges.emplace_back((quint64(run.replica) << 32) | run.counter, quint32(run.length));
    std::sort(ranges.begin(), ranges.end());
    for (size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i - 1].first + ranges[i - 1].second > ranges[i].first)
            return corrupt("overlapping runs");
    }

    Document doc(replica);
    doc.m_sequence->load(replicas, next, text, runs);
    doc.m_self = doc.m_sequence->addReplica(replica);
    doc.m_historyBase = doc.version();
    return doc;
}

} // namespace collab::crdt
