// Operation batches: the builder that merges keystrokes into runs, and the compact encoding.
#include "crdt/batch.h"

#include "crdt/bytes.h"

#include <QSet>

namespace collab::crdt::detail {

namespace {

constexpr char kMagic[] = "CROP";
constexpr quint8 kFormatVersion = 1;
constexpr quint8 kStored = 0; // the columns follow as they are
constexpr quint8 kZlib = 1;   // qCompress of the columns (4-byte big-endian size, zlib)
// Below this the columns go uncompressed: zlib costs more than it saves on a few keystrokes.
constexpr qsizetype kCompressFrom = 192;

// Entry flags (meta column).
constexpr quint8 kDelete = 0x01;
constexpr quint8 kSameReplica = 0x02;       // replica of the previous entry
constexpr quint8 kPredictedCounter = 0x04;  // counter == where this replica's previous entry ended
constexpr int kLeftShift = 3;               // 2 bits, OriginKind
constexpr int kRightShift = 5;              // 2 bits, OriginKind
constexpr quint8 kInsertBits = 0x7f;
constexpr quint8 kDeleteBits = 0x07;

// How an origin is stored in the origins column.
enum OriginKind : quint8 {
    OriginNone = 0,
    OriginOwnReplica = 1, // zigzag(counter - entry's counter)
    OriginOther = 2,      // varint replica index, varint counter
    OriginAsBefore = 3,   // left: last unit of the previous insert; right: its right origin
};

// Delete ranges (targets column): varint (length << 1 | other replica), [varint replica index],
// zigzag(counter - start of the previous range of that replica, or 0).
constexpr quint64 kRangeOtherReplica = 1;

Error malformed(const char *what)
{
    return makeError(ErrorCode::MalformedEncoding, QStringLiteral("bad operation batch: ") + QLatin1String(what));
}

Error invalid(const char *what)
{
    return makeError(ErrorCode::InvalidOperation, QStringLiteral("bad operation batch: ") + QLatin1String(what));
}

} // namespace

// ---- Batch / BatchBuilder -----------------------------------------------------------------------

Operation Batch::operation(const BatchEntry &entry) const
{
    const auto item = [this](LocalId id) -> std::optional<ItemId> {
        if (id.isNone())
            return std::nullopt;
        return ItemId{replicas[id.replica], id.counter};
    };
    const ItemId id{replicas[entry.replica], entry.counter};
    if (entry.insert) {
        return Operation::makeInsert(id, item(entry.left), item(entry.right),
                                     QString(reinterpret_cast<const QChar *>(text.data() + entry.textPos),
                                             qsizetype(entry.length)));
    }
    QVarLengthArray<IdRange, 1> ranges;
    for (quint32 i = 0; i < entry.targetCount; ++i) {
        const BatchRange &range = targets[entry.firstTarget + i];
        ranges.append(IdRange{replicas[range.replica], range.counter, range.length});
    }
    return Operation::makeDelete(id, ranges);
}

QVector<Operation> Batch::operations() const
{
    QVector<Operation> out;
    out.reserve(qsizetype(entries.size()));
    for (const BatchEntry &entry : entries)
        out.append(operation(entry));
    return out;
}

quint32 BatchBuilder::replicaIndex(ReplicaId replica)
{
    if (replica == m_lastReplica && replica != 0)
        return m_lastIndex;
    const auto it = m_index.constFind(replica);
    quint32 index = 0;
    if (it != m_index.constEnd()) {
        index = it.value();
    } else {
        index = quint32(m_batch->replicas.size());
        m_batch->replicas.push_back(replica);
        m_index.insert(replica, index);
    }
    m_lastReplica = replica;
    m_lastIndex = index;
    return index;
}

LocalId BatchBuilder::local(const std::optional<ItemId> &id)
{
    if (!id)
        return LocalId{};
    return LocalId{replicaIndex(id->replica), id->counter};
}

void BatchBuilder::addInsert(ItemId id, const std::optional<ItemId> &left,
                             const std::optional<ItemId> &right, const char16_t *text, quint32 length)
{
    const quint32 replica = replicaIndex(id.replica);
    const LocalId l = local(left);
    const LocalId r = local(right);
    std::vector<BatchEntry> &entries = m_batch->entries;
    const quint32 textPos = quint32(m_batch->text.size());
    m_batch->text.append(text, length);
    if (!entries.empty()) {
        BatchEntry &last = entries.back();
        if (last.insert && last.replica == replica && last.counter + last.length == id.counter
            && l == LocalId{replica, id.counter - 1} && last.right == r
            && last.textPos + last.length == textPos
            && quint64(last.length) + length <= quint64(limits::kMaxOpText)) {
            last.length += length;
            return;
        }
    }
    BatchEntry entry;
    entry.replica = replica;
    entry.counter = id.counter;
    entry.length = length;
    entry.insert = true;
    entry.left = l;
    entry.right = r;
    entry.textPos = textPos;
    entries.push_back(entry);
}

void BatchBuilder::addDelete(ItemId id, const IdRange *ranges, int count)
{
    const quint32 replica = replicaIndex(id.replica);
    std::vector<BatchEntry> &entries = m_batch->entries;
    std::vector<BatchRange> &targets = m_batch->targets;
    bool merge = false;
    if (m_mergeDeletes && !entries.empty()) {
        const BatchEntry &last = entries.back();
        merge = !last.insert && last.replica == replica && last.counter + last.length == id.counter
            && last.firstTarget + last.targetCount == targets.size()
            && last.targetCount + quint32(count) <= quint32(limits::kMaxDeleteRanges);
    }
    if (!merge) {
        BatchEntry entry;
        entry.replica = replica;
        entry.counter = id.counter;
        entry.insert = false;
        entry.firstTarget = quint32(targets.size());
        entries.push_back(entry);
    }
    BatchEntry &entry = entries.back();
    for (int i = 0; i < count; ++i) {
        const BatchRange range{replicaIndex(ranges[i].replica), ranges[i].counter, ranges[i].length};
        entry.length += range.length;
        // A range that continues the previous one (forward delete) joins it: same units, same order.
        if (entry.targetCount > 0) {
            BatchRange &previous = targets.back();
            if (previous.replica == range.replica && previous.counter + previous.length == range.counter) {
                previous.length += range.length;
                continue;
            }
        }
        targets.push_back(range);
        entry.targetCount++;
    }
}

void BatchBuilder::add(const Operation &op)
{
    if (op.isInsert())
        addInsert(op.id, op.originLeft, op.originRight, reinterpret_cast<const char16_t *>(op.text.constData()),
                  quint32(op.text.size()));
    else
        addDelete(op.id, op.targets.constData(), int(op.targets.size()));
}

// ---- encoding ------------------------------------------------------------------------------------

QByteArray encodeBatch(const Batch &batch)
{
    QByteArray metaColumn;
    QByteArray idColumn;
    QByteArray originColumn;
    QByteArray targetColumn;
    ByteWriter meta(&metaColumn);
    ByteWriter ids(&idColumn);
    ByteWriter origins(&originColumn);
    ByteWriter targets(&targetColumn);
    std::vector<quint32> ends(batch.replicas.size(), 0);          // where each replica's last entry ended
    std::vector<quint32> rangeStarts(batch.replicas.size(), 0);   // start of each replica's last range
    const BatchEntry *previous = nullptr;
    const BatchEntry *previousInsert = nullptr;

    auto writeOrigin = [&](LocalId origin, const BatchEntry &entry, bool isLeft) -> quint8 {
        if (origin.isNone())
            return OriginNone;
        if (previousInsert) {
            const LocalId asBefore = isLeft ? LocalId{previousInsert->replica, previousInsert->counter + previousInsert->length - 1}
                                            : previousInsert->right;
            if (origin == asBefore)
                return OriginAsBefore;
        }
        if (origin.replica == entry.replica) {
            origins.zigzag(qint64(origin.counter) - qint64(entry.counter));
            return OriginOwnReplica;
        }
        origins.varint(origin.replica);
        origins.varint(origin.counter);
        return OriginOther;
    };

    for (const BatchEntry &entry : batch.entries) {
        quint8 flags = entry.insert ? 0 : kDelete;
        if (previous && previous->replica == entry.replica)
            flags |= kSameReplica;
        else
            ids.varint(entry.replica);
        if (entry.counter == ends[entry.replica])
            flags |= kPredictedCounter;
        else
            ids.zigzag(qint64(entry.counter) - qint64(ends[entry.replica]));
        ends[entry.replica] = entry.counter + entry.length;
        if (entry.insert) {
            flags |= quint8(writeOrigin(entry.left, entry, true) << kLeftShift);
            flags |= quint8(writeOrigin(entry.right, entry, false) << kRightShift);
            meta.u8(flags);
            meta.varint(entry.length);
            previousInsert = &entry;
        } else {
            meta.u8(flags);
            meta.varint(entry.targetCount);
            for (quint32 i = 0; i < entry.targetCount; ++i) {
                const BatchRange &range = batch.targets[entry.firstTarget + i];
                const bool other = range.replica != entry.replica;
                targets.varint((quint64(range.length) << 1) | (other ? kRangeOtherReplica : 0));
                if (other)
                    targets.varint(range.replica);
                targets.zigzag(qint64(range.counter) - qint64(rangeStarts[range.replica]));
                rangeStarts[range.replica] = range.counter;
            }
        }
        previous = &entry;
    }

    QByteArray raw;
    ByteWriter out(&raw);
    out.varint(batch.replicas.size());
    for (ReplicaId replica : batch.replicas)
        out.u64(replica);
    out.varint(batch.entries.size());
    out.varint(batch.targets.size());
    out.utf8(QString(reinterpret_cast<const QChar *>(batch.text.data()), qsizetype(batch.text.size())));
    out.bytes(metaColumn);
    out.bytes(idColumn);
    out.bytes(originColumn);
    out.bytes(targetColumn);

    QByteArray bytes(kMagic, 4);
    bytes.append(char(kFormatVersion));
    if (raw.size() < kCompressFrom) {
        bytes.append(char(kStored));
        bytes.append(raw);
    } else {
        bytes.append(char(kZlib));
        bytes.append(qCompress(raw, 9));
    }
    return bytes;
}

// ---- decoding ------------------------------------------------------------------------------------

namespace {

struct Columns
{
    ByteReader meta{nullptr, 0};
    ByteReader ids{nullptr, 0};
    ByteReader origins{nullptr, 0};
    ByteReader targets{nullptr, 0};
};

bool readColumn(ByteReader &in, qsizetype limit, ByteReader *column)
{
    const quint64 size = in.varint();
    if (!in.ok() || size > quint64(limit))
        return false;
    const char *start = in.take(qsizetype(size));
    *column = ByteReader(start, qsizetype(size));
    return start != nullptr;
}

// The body after the header: replicas, counts, text, columns.
Expected<Batch> decodeRaw(const char *data, qsizetype size)
{
    ByteReader in(data, size);
    Batch batch;
    const quint64 replicaCount = in.varint();
    if (!in.ok() || replicaCount > quint64(limits::kMaxReplicas) || replicaCount > quint64(size) / 8)
        return malformed("replica count");
    batch.replicas.resize(replicaCount);
    QSet<ReplicaId> seen;
    for (ReplicaId &replica : batch.replicas) {
        replica = in.u64();
        if (!in.ok() || replica == 0 || seen.contains(replica))
            return malformed("replica id");
        seen.insert(replica);
    }
    const quint64 entryCount = in.varint();
    const quint64 targetCount = in.varint();
    // Every entry takes at least two bytes of its column and every range one: counts beyond
    // that are lies, not allocations.
    if (!in.ok() || entryCount > quint64(size) / 2 || targetCount > quint64(size))
        return malformed("counts");
    QString text;
    if (!in.utf8(&text, size))
        return malformed("text is not UTF-8");
    batch.text.assign(reinterpret_cast<const char16_t *>(text.constData()), size_t(text.size()));
    // Without a single surrogate unit (most batches) no insert needs its pairs checked.
    unsigned surrogates = 0;
    for (char16_t unit : batch.text)
        surrogates |= unsigned((unit & 0xf800) == 0xd800);
    Columns c;
    if (!readColumn(in, size, &c.meta) || !readColumn(in, size, &c.ids) || !readColumn(in, size, &c.origins)
        || !readColumn(in, size, &c.targets) || !in.atEnd())
        return malformed("columns");

    batch.entries.resize(entryCount);
    batch.targets.reserve(targetCount);
    std::vector<quint32> ends(replicaCount, 0);
    std::vector<quint32> rangeStarts(replicaCount, 0);
    const BatchEntry *previous = nullptr;
    const BatchEntry *previousInsert = nullptr;
    quint64 textUsed = 0;

    auto readOrigin = [&](quint8 kind, const BatchEntry &entry, bool isLeft, LocalId *origin) {
        switch (kind) {
        case OriginNone:
            *origin = LocalId{};
            return true;
        case OriginOwnReplica: {
            const qint64 counter = qint64(entry.counter) + c.origins.zigzag();
            *origin = LocalId{entry.replica, quint32(counter)};
            return c.origins.ok() && counter >= 0 && counter < qint64(entry.counter);
        }
        case OriginOther: {
            const quint64 replica = c.origins.varint();
            const quint64 counter = c.origins.varint();
            *origin = LocalId{quint32(replica), quint32(counter)};
            return c.origins.ok() && replica < replicaCount && replica != entry.replica
                && counter <= limits::kMaxCounter;
        }
        default: // OriginAsBefore
            if (!previousInsert)
                return false;
            *origin = isLeft ? LocalId{previousInsert->replica, previousInsert->counter + previousInsert->length - 1}
                             : previousInsert->right;
            // Same checks as the explicit forms: an origin older than the insert if it is of its replica.
            return !origin->isNone() && (origin->replica != entry.replica || origin->counter < entry.counter);
        }
    };

    for (quint64 i = 0; i < entryCount; ++i) {
        BatchEntry &entry = batch.entries[i];
        const quint8 flags = c.meta.u8();
        const quint64 count = c.meta.varint();
        if (!c.meta.ok())
            return malformed("entry header");
        entry.insert = !(flags & kDelete);
        if (flags & ~(entry.insert ? kInsertBits : kDeleteBits))
            return malformed("entry flags");
        if (flags & kSameReplica) {
            if (!previous)
                return malformed("no previous entry");
            entry.replica = previous->replica;
        } else {
            const quint64 replica = c.ids.varint();
            if (!c.ids.ok() || replica >= replicaCount)
                return malformed("entry replica");
            entry.replica = quint32(replica);
        }
        qint64 counter = ends[entry.replica];
        if (!(flags & kPredictedCounter))
            counter += c.ids.zigzag();
        if (!c.ids.ok() || counter < 0 || counter > qint64(limits::kMaxCounter))
            return malformed("entry counter");
        entry.counter = quint32(counter);

        if (entry.insert) {
            if (count == 0 || count > quint64(limits::kMaxOpText))
                return invalid("insert length");
            if (textUsed + count > batch.text.size())
                return malformed("text shorter than the inserts");
            entry.length = quint32(count);
            entry.textPos = quint32(textUsed);
            textUsed += count;
            if (surrogates
                && !isWellFormedUtf16(reinterpret_cast<const QChar *>(batch.text.data() + entry.textPos),
                                      qsizetype(entry.length)))
                return makeError(ErrorCode::InvalidText, QStringLiteral("bad operation batch: lone surrogate in an insert"));
            if (!readOrigin((flags >> kLeftShift) & 3, entry, true, &entry.left)
                || !readOrigin((flags >> kRightShift) & 3, entry, false, &entry.right))
                return malformed("origin");
            previousInsert = &entry;
        } else {
            if (count == 0 || count > quint64(limits::kMaxDeleteRanges) || count > quint64(c.targets.remaining()))
                return invalid("delete range count");
            entry.firstTarget = quint32(batch.targets.size());
            entry.targetCount = quint32(count);
            quint64 span = 0;
            for (quint64 k = 0; k < count; ++k) {
                const quint64 header = c.targets.varint();
                const quint64 length = header >> 1;
                BatchRange range;
                range.replica = entry.replica;
                if (header & kRangeOtherReplica) {
                    const quint64 replica = c.targets.varint();
                    if (replica >= replicaCount || replica == entry.replica)
                        return malformed("delete range replica");
                    range.replica = quint32(replica);
                }
                const qint64 start = qint64(rangeStarts[range.replica]) + c.targets.zigzag();
                if (!c.targets.ok() || length == 0 || start < 0
                    || quint64(start) + length > quint64(limits::kMaxCounter))
                    return invalid("delete range");
                if (range.replica == entry.replica && quint64(start) + length > entry.counter)
                    return invalid("delete targets its own future");
                range.counter = quint32(start);
                range.length = quint32(length);
                rangeStarts[range.replica] = range.counter;
                span += length;
                if (batch.targets.size() >= targetCount)
                    return malformed("more ranges than announced");
                batch.targets.push_back(range);
            }
            if (span > quint64(limits::kMaxCounter))
                return makeError(ErrorCode::CounterOverflow, QStringLiteral("bad operation batch: delete beyond the limit"));
            entry.length = quint32(span);
        }
        if (quint64(entry.counter) + entry.length > quint64(limits::kMaxCounter))
            return makeError(ErrorCode::CounterOverflow, QStringLiteral("bad operation batch: counter beyond the limit"));
        ends[entry.replica] = entry.counter + entry.length;
        previous = &entry;
    }
    if (!c.meta.atEnd() || !c.ids.atEnd() || !c.origins.atEnd() || !c.targets.atEnd()
        || textUsed != batch.text.size() || batch.targets.size() != targetCount)
        return malformed("trailing bytes or text");
    return Expected<Batch>(std::move(batch));
}

} // namespace

Expected<Batch> decodeBatch(const QByteArray &bytes)
{
    if (bytes.size() < 6 || !bytes.startsWith(QByteArrayView(kMagic, 4)) || quint8(bytes.at(4)) != kFormatVersion)
        return malformed("header");
    const quint8 compression = quint8(bytes.at(5));
    if (compression == kStored)
        return decodeRaw(bytes.constData() + 6, bytes.size() - 6);
    if (compression != kZlib || bytes.size() < 10)
        return malformed("compression");
    // qCompress prefixes the uncompressed size (big endian): refuse absurd sizes before inflating.
    const quint32 rawSize = (quint32(quint8(bytes.at(6))) << 24) | (quint32(quint8(bytes.at(7))) << 16)
        | (quint32(quint8(bytes.at(8))) << 8) | quint32(quint8(bytes.at(9)));
    if (rawSize > quint32(limits::kMaxSnapshotBytes))
        return malformed("too large");
    const QByteArray raw = qUncompress(reinterpret_cast<const uchar *>(bytes.constData()) + 6, bytes.size() - 6);
    if (raw.isEmpty() || quint32(raw.size()) != rawSize)
        return malformed("compression");
    return decodeRaw(raw.constData(), raw.size());
}

} // namespace collab::crdt::detail
