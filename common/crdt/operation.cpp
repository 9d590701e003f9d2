#include "crdt/operation.h"

#include "crdt/bytes.h"

#include <QJsonValue>

namespace collab::crdt {

namespace {

constexpr quint8 kTagKindMask = 0x03;
constexpr quint8 kTagHasLeft = 0x04;
constexpr quint8 kTagHasRight = 0x08;
constexpr quint8 kTagLeftSameReplica = 0x10;
constexpr quint8 kTagRightSameReplica = 0x20;
constexpr quint8 kTagKnownBits = 0x3f;

Error malformed(const QString &what)
{
    return makeError(ErrorCode::MalformedEncoding, what);
}

QJsonValue idToJson(const std::optional<ItemId> &id)
{
    if (!id)
        return QJsonValue(QJsonValue::Null);
    return QJsonArray{replicaToString(id->replica), double(id->counter)};
}

bool counterFromJson(const QJsonValue &value, quint32 *out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!(d >= 0 && d <= double(limits::kMaxCounter)) || d != double(quint32(d)))
        return false;
    *out = quint32(d);
    return true;
}

bool idFromJson(const QJsonValue &value, std::optional<ItemId> *out)
{
    if (value.isNull()) {
        out->reset();
        return true;
    }
    const QJsonArray pair = value.toArray();
    ItemId id;
    if (!value.isArray() || pair.size() != 2 || !replicaFromString(pair.at(0).toString(), &id.replica)
        || !counterFromJson(pair.at(1), &id.counter))
        return false;
    *out = id;
    return true;
}

void writeOrigin(detail::ByteWriter &out, const std::optional<ItemId> &origin, ReplicaId self)
{
    if (!origin)
        return;
    if (origin->replica != self)
        out.u64(origin->replica);
    out.varint(origin->counter);
}

std::optional<ItemId> readOrigin(detail::ByteReader &in, bool present, bool sameReplica,
                                 ReplicaId self)
{
    if (!present)
        return std::nullopt;
    ItemId id;
    id.replica = sameReplica ? self : in.u64();
    id.counter = in.varint32();
    return id;
}

void writeBinary(detail::ByteWriter &out, const Operation &op)
{
    quint8 tag = quint8(op.kind);
    if (op.originLeft)
        tag |= kTagHasLeft | (op.originLeft->replica == op.id.replica ? kTagLeftSameReplica : 0);
    if (op.originRight)
        tag |= kTagHasRight | (op.originRight->replica == op.id.replica ? kTagRightSameReplica : 0);
    out.u8(tag);
    out.u64(op.id.replica);
    out.varint(op.id.counter);
    if (op.isInsert()) {
        writeOrigin(out, op.originLeft, op.id.replica);
        writeOrigin(out, op.originRight, op.id.replica);
        out.utf8(op.text);
        return;
    }
    out.varint(quint64(op.targets.size()));
    for (const IdRange &range : op.targets) {
        const bool same = range.replica == op.id.replica;
        out.u8(same ? 1 : 0);
        if (!same)
            out.u64(range.replica);
        out.varint(range.counter);
        out.varint(range.length);
    }
}

Expected<Operation> readBinary(detail::ByteReader &in)
{
    Operation op;
    const quint8 tag = in.u8();
    if (!in.ok() || (tag & ~kTagKnownBits) || (tag & kTagKindMask) > 1)
        return malformed(QStringLiteral("bad operation tag"));
    op.kind = Operation::Kind(tag & kTagKindMask);
    op.id.replica = in.u64();
    op.id.counter = in.varint32();
    if (op.isInsert()) {
        op.originLeft = readOrigin(in, tag & kTagHasLeft, tag & kTagLeftSameReplica, op.id.replica);
        op.originRight =
            readOrigin(in, tag & kTagHasRight, tag & kTagRightSameReplica, op.id.replica);
        if (!in.utf8(&op.text, qsizetype(limits::kMaxOpText) * 3))
            return malformed(QStringLiteral("bad insert text"));
    } else {
        if (tag & (kTagHasLeft | kTagHasRight))
            return malformed(QStringLiteral("delete with origins"));
        const quint64 count = in.varint();
        if (!in.ok() || count == 0 || count > quint64(limits::kMaxDeleteRanges))
            return malformed(QStringLiteral("bad delete range count"));
        for (quint64 i = 0; i < count && in.ok(); ++i) {
            IdRange range;
            const quint8 same = in.u8();
            if (same > 1)
                return malformed(QStringLiteral("bad delete range flag"));
            range.replica = same ? op.id.replica : in.u64();
            range.counter = in.varint32();
            range.length = in.varint32();
            op.targets.append(range);
        }
    }
    if (!in.ok())
        return malformed(QStringLiteral("truncated or oversized operation"));
    if (auto error = op.validateShape())
        return *error;
    return op;
}

} // namespace

bool isWellFormedUtf16(const QChar *text, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t u = text[i].unicode();
        if (QChar::isHighSurrogate(u)) {
            if (i + 1 >= size || !QChar::isLowSurrogate(text[i + 1].unicode()))
                return false;
            ++i;
        } else if (QChar::isLowSurrogate(u)) {
            return false;
        }
    }
    return true;
}

Operation Operation::makeInsert(ItemId id, std::optional<ItemId> left, std::optional<ItemId> right,
                                const QString &text)
{
    Operation op;
    op.kind = Kind::Insert;
    op.id = id;
    op.originLeft = left;
    op.originRight = right;
    op.text = text;
    return op;
}

Operation Operation::makeDelete(ItemId id, const QVarLengthArray<IdRange, 1> &targets)
{
    Operation op;
    op.kind = Kind::Delete;
    op.id = id;
    op.targets = targets;
    return op;
}

quint64 Operation::span() const
{
    if (isInsert())
        return quint64(text.size());
    quint64 total = 0;
    for (const IdRange &range : targets)
        total += range.length;
    return total;
}

Operation Operation::sliceFrom(quint32 skip) const
{
    Operation out;
    out.kind = kind;
    out.id = ItemId{id.replica, id.counter + skip};
    if (isInsert()) {
        out.originLeft = ItemId{id.replica, id.counter + skip - 1};
        out.originRight = originRight;
        out.text = text.mid(skip);
        return out;
    }
    quint32 toSkip = skip;
    for (const IdRange &range : targets) {
        if (toSkip >= range.length) {
            toSkip -= range.length;
            continue;
        }
        out.targets.append(IdRange{range.replica, range.counter + toSkip, range.length - toSkip});
        toSkip = 0;
    }
    return out;
}

std::optional<Error> Operation::validateShape() const
{
    auto invalid = [](const QString &what) {
        return std::optional<Error>(makeError(ErrorCode::InvalidOperation, what));
    };
    if (id.replica == 0)
        return invalid(QStringLiteral("replica 0 is reserved"));
    const quint64 counters = span();
    if (counters == 0)
        return invalid(QStringLiteral("empty operation"));
    if (quint64(id.counter) + counters > limits::kMaxCounter)
        return makeError(ErrorCode::CounterOverflow, QStringLiteral("counter beyond the limit"));
    if (isInsert()) {
        if (!targets.isEmpty())
            return invalid(QStringLiteral("insert with delete targets"));
        if (text.size() > limits::kMaxOpText)
            return makeError(ErrorCode::InvalidText, QStringLiteral("insert text too long"));
        if (!isWellFormedUtf16(text.constData(), text.size()))
            return makeError(ErrorCode::InvalidText, QStringLiteral("lone surrogate in text"));
        for (const auto *origin : {&originLeft, &originRight}) {
            if (!*origin)
                continue;
            if ((*origin)->replica == 0)
                return invalid(QStringLiteral("origin names replica 0"));
            if ((*origin)->replica == id.replica && (*origin)->counter >= id.counter)
                return invalid(QStringLiteral("origin is not older than the insert"));
        }
        return std::nullopt;
    }
    if (!text.isEmpty() || originLeft || originRight)
        return invalid(QStringLiteral("delete with text or origins"));
    if (targets.size() > limits::kMaxDeleteRanges)
        return invalid(QStringLiteral("too many delete ranges"));
    for (const IdRange &range : targets) {
        if (range.replica == 0 || range.length == 0)
            return invalid(QStringLiteral("empty delete range or replica 0"));
        if (quint64(range.counter) + range.length > limits::kMaxCounter)
            return makeError(ErrorCode::CounterOverflow, QStringLiteral("target beyond the limit"));
        if (range.replica == id.replica && range.counter + range.length > id.counter)
            return invalid(QStringLiteral("delete targets its own future"));
    }
    return std::nullopt;
}

QJsonArray Operation::toJson() const
{
    QJsonArray out;
    out.append(isInsert() ? QStringLiteral("i") : QStringLiteral("d"));
    out.append(replicaToString(id.replica));
    out.append(double(id.counter));
    if (isInsert()) {
        out.append(idToJson(originLeft));
        out.append(idToJson(originRight));
        out.append(text);
        return out;
    }
    QJsonArray ranges;
    for (const IdRange &range : targets)
        ranges.append(QJsonArray{replicaToString(range.replica), double(range.counter),
                                 double(range.length)});
    out.append(ranges);
    return out;
}

Expected<Operation> Operation::fromJson(const QJsonValue &json)
{
    if (!json.isArray())
        return malformed(QStringLiteral("operation is not an array"));
    const QJsonArray array = json.toArray();
    const QString kind = array.at(0).toString();
    Operation op;
    if (array.size() < 4 || !replicaFromString(array.at(1).toString(), &op.id.replica)
        || !counterFromJson(array.at(2), &op.id.counter))
        return malformed(QStringLiteral("bad operation header"));
    if (kind == QLatin1String("i")) {
        op.kind = Kind::Insert;
        if (array.size() != 6 || !idFromJson(array.at(3), &op.originLeft)
            || !idFromJson(array.at(4), &op.originRight) || !array.at(5).isString())
            return malformed(QStringLiteral("bad insert"));
        op.text = array.at(5).toString();
    } else if (kind == QLatin1String("d")) {
        op.kind = Kind::Delete;
        const QJsonArray ranges = array.at(3).toArray();
        if (array.size() != 4 || !array.at(3).isArray() || ranges.size() > limits::kMaxDeleteRanges)
            return malformed(QStringLiteral("bad delete"));
        for (const QJsonValue &value : ranges) {
            const QJsonArray triple = value.toArray();
            IdRange range;
            if (triple.size() != 3 || !replicaFromString(triple.at(0).toString(), &range.replica)
                || !counterFromJson(triple.at(1), &range.counter)
                || !counterFromJson(triple.at(2), &range.length))
                return malformed(QStringLiteral("bad delete range"));
            op.targets.append(range);
        }
    } else {
        return malformed(QStringLiteral("unknown operation kind"));
    }
    if (auto error = op.validateShape())
        return *error;
    return op;
}

QByteArray Operation::toBinary() const
{
    QByteArray out;
    detail::ByteWriter writer(&out);
    writeBinary(writer, *this);
    return out;
}

Expected<Operation> Operation::fromBinary(const QByteArray &bytes)
{
    detail::ByteReader in(bytes);
    Expected<Operation> op = readBinary(in);
    if (op.ok() && !in.atEnd())
        return malformed(QStringLiteral("trailing bytes after operation"));
    return op;
}

bool operator==(const Operation &a, const Operation &b)
{
    return a.kind == b.kind && a.id == b.id && a.originLeft == b.originLeft
        && a.originRight == b.originRight && a.text == b.text && a.targets == b.targets;
}

QByteArray encodeOperations(const QVector<Operation> &ops)
{
    QByteArray out;
    detail::ByteWriter writer(&out);
    writer.varint(quint64(ops.size()));
    for (const Operation &op : ops)
        writeBinary(writer, op);
    return out;
}

Expected<QVector<Operation>> decodeOperations(const QByteArray &bytes)
{
    detail::ByteReader in(bytes);
    const quint64 count = in.varint();
    // Each operation takes at least 10 bytes: a count beyond that is a lie, not an allocation.
    if (!in.ok() || count > quint64(bytes.size()) / 10 + 1)
        return malformed(QStringLiteral("bad operation count"));
    QVector<Operation> ops;
    ops.reserve(qsizetype(count));
    for (quint64 i = 0; i < count; ++i) {
        Expected<Operation> op = readBinary(in);
        if (!op.ok())
            return op.error();
        ops.append(std::move(op).value());
    }
    if (!in.atEnd())
        return malformed(QStringLiteral("trailing bytes after operations"));
    return ops;
}

QJsonArray operationsToJson(const QVector<Operation> &ops)
{
    QJsonArray out;
    for (const Operation &op : ops)
        out.append(op.toJson());
    return out;
}

Expected<QVector<Operation>> operationsFromJson(const QJsonArray &json)
{
    QVector<Operation> ops;
    ops.reserve(json.size());
    for (const QJsonValue &value : json) {
        Expected<Operation> op = Operation::fromJson(value);
        if (!op.ok())
            return op.error();
        ops.append(std::move(op).value());
    }
    return ops;
}

} // namespace collab::crdt
