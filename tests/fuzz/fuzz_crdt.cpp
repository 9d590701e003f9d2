// fuzz_crdt: the sequence CRDT (common/crdt/) on arbitrary bytes. The first byte picks a mode:
//   0       operation JSON: the rest is parsed as JSON and decoded as one operation and as a batch
//   1       operation binary: the rest is decoded as one operation, as a batch and as a compact
//           batch (encodeOperationBatch's format, also merged in bulk with Document::applyBatch)
//   2       snapshot: the rest is given to Document::decodeSnapshot
//   3..255  a script of at most 8 steps for three replicas (below); the mode's bits pick which of
//           the heavier checks follow the convergence one (ScriptChecks)
// Properties: decoded operations re-encode to the same operation (JSON and binary); any operation
// applied to a document either changes it consistently (its deltas turn the old text into the
// new one, its id the version) or, when Rejected or Duplicate, changes nothing (text, version,
// pending queue); a compact batch merged in bulk leaves the document exactly as its operations
// applied one by one, and a batch that does not decode changes nothing; local edits do what they
// say and, when they fail, change nothing; after the script every document has every operation
// and they all show the same text and version, as do a fresh replica fed operationsSince({}) (half
// the scripts), one fed the history as one compact batch (bulk merge, a quarter) and a snapshot
// round trip (one in 32).
// Speed (docs/security.md, "Fuzzing"): small scripts (the fuzzing build gives the CRDT's B-tree
// tiny nodes, so they still split and merge), texts and versions tracked instead of rebuilt per
// step, the heavier checks on a share of the scripts each, and nothing set up per input beyond
// the documents themselves.
#include "checkedreplica.h"
#include "fuzzsupport.h"

#include "crdt/document.h"
#include "crdt/operation.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QVarLengthArray>
#include <QtCore/QVector>

#include <algorithm>
#include <array>
#include <optional>

namespace collab::fuzz {

namespace {

using namespace crdtcheck;
using crdt::ApplyResult;
using crdt::ApplyStatus;
using crdt::Document;
using crdt::Operation;
using crdt::SnapshotDraft;

// Encoders and decoders agree on an operation the decoders (or a local edit) produced.
void checkRoundTrip(const Operation &op)
{
    const crdt::Expected<Operation> fromJson = Operation::fromJson(op.toJson());
    FUZZ_CHECK(fromJson.ok() && fromJson.value() == op, "JSON round trip: " + show(op));
    const crdt::Expected<Operation> fromBinary = Operation::fromBinary(op.toBinary());
    FUZZ_CHECK(fromBinary.ok() && fromBinary.value() == op, "binary round trip: " + show(op));
}

// A document with a little history from two replicas, for decoded operations to land on: the
// history is made once, each input gets a fresh document that applies it.
const QVector<Operation> &seedHistory()
{
    static const QVector<Operation> history = [] {
        Document a(1);
        Document b(2);
        QVector<Operation> ops{a.localInsert(0, QStringLiteral("hello world")).value(), a.localDelete(5, 1).value()};
        for (const Operation &op : ops)
            b.apply(op);
        ops.append(b.localInsert(0, QStringLiteral("\U0001F600 ")).value());
        return ops;
    }();
    return history;
}

Document seededDocument()
{
    Document d(2);
    for (const Operation &op : seedHistory())
        FUZZ_CHECK(d.apply(op).status == ApplyStatus::Applied, show(op));
    return d;
}

void applyDecoded(const QVector<Operation> &ops)
{
    Replica replica(seededDocument());
    for (const Operation &op : ops) {
        checkRoundTrip(op);
        applyChecked(replica, op);
    }
    checkState(replica, "the text is not what the results of apply() said", nullptr);
}

void jsonOperations(QByteArrayView bytes)
{
    const QJsonDocument json = QJsonDocument::fromJson(bytes.toByteArray());
    if (!json.isArray())
        return;
    const crdt::Expected<Operation> one = Operation::fromJson(json.array());
    if (one.ok())
        applyDecoded({one.value()});
    const crdt::Expected<QVector<Operation>> batch = crdt::operationsFromJson(json.array());
    if (batch.ok()) {
        applyDecoded(batch.value());
        const crdt::Expected<QVector<Operation>> again = crdt::operationsFromJson(crdt::operationsToJson(batch.value()));
        FUZZ_CHECK(again.ok() && again.value() == batch.value(), bytes.toByteArray());
    }
}

// The bulk merge of a compact batch must do to a document exactly what apply() of its operations,
// one by one, does to an identical one; a batch that does not decode changes nothing. A batch
// the script encoded holds its log's operations, whose wire forms were checked on delivery: only
// decoded fuzzer bytes are round-tripped one by one (JSON allocates more than applying them).
// Decoded fuzzer bytes land on the seeded document (ids they may name); a script's log on an empty
// one, where all of it applies (on the seeded one its replicas' first counters were duplicates of
// the seed's), and which costs no seed history to build.
enum class RoundTrip { EachOperation, Skip };

Document startingDocument(RoundTrip roundTrip)
{
    return roundTrip == RoundTrip::EachOperation ? seededDocument() : Document(9);
}

void compactBatch(const QByteArray &data, RoundTrip roundTrip)
{
    const crdt::Expected<QVector<Operation>> ops = crdt::decodeOperationBatch(data);
    Replica bulk(startingDocument(roundTrip));
    const ApplyResult result = bulk.doc.applyBatch(data);
    if (!ops.ok()) {
        FUZZ_CHECK(result.status == ApplyStatus::Rejected && result.error, "an undecodable batch was taken: " + data.toHex());
        FUZZ_CHECK(bulk.doc.version() == bulk.version && bulk.doc.text() == bulk.text, "an undecodable batch changed the document");
        return;
    }
    Replica one(startingDocument(roundTrip));
    for (const Operation &op : ops.value()) {
        if (roundTrip == RoundTrip::EachOperation)
            checkRoundTrip(op);
        applyChecked(one, op);
    }
    for (const crdt::TextDelta &d : result.deltas) {
        FUZZ_CHECK(d.position >= 0 && d.removed >= 0 && d.position + d.removed <= bulk.text.size(), "bulk delta out of range");
        bulk.text.replace(d.position, d.removed, d.inserted);
    }
    FUZZ_CHECK(bulk.doc.text() == one.doc.text() && bulk.text == bulk.doc.text(), "bulk merge differs from apply(): " + data.toHex());
    FUZZ_CHECK(bulk.doc.version() == one.doc.version() && bulk.doc.pendingCount() == one.doc.pendingCount(),
               "bulk merge differs from apply() (version or waiting operations): " + data.toHex());
    const crdt::Expected<QVector<Operation>> again = crdt::decodeOperationBatch(crdt::encodeOperationBatch(ops.value()));
    FUZZ_CHECK(again.ok(), "a decoded batch does not re-encode: " + data.toHex());
}

void binaryOperations(QByteArrayView bytes)
{
    const QByteArray data = bytes.toByteArray();
    compactBatch(data, RoundTrip::EachOperation);
    const crdt::Expected<Operation> one = Operation::fromBinary(data);
    // Not byte-canonical: an overlong varint (0xff 0x00 for 127) decodes too, so only the value
    // round-trips (regressions/fuzz_crdt/binary-overlong-varint).
    if (one.ok())
        applyDecoded({one.value()});
    const crdt::Expected<QVector<Operation>> batch = crdt::decodeOperations(data);
    if (batch.ok()) {
        applyDecoded(batch.value());
        const crdt::Expected<QVector<Operation>> again = crdt::decodeOperations(crdt::encodeOperations(batch.value()));
        FUZZ_CHECK(again.ok() && again.value() == batch.value(), data.toHex());
    }
}

void checkSnapshotRoundTrip(const Document &doc)
{
    const crdt::Expected<Document> copy = Document::decodeSnapshot(doc.encodeSnapshot(), 77);
    FUZZ_CHECK(copy.ok(), "a snapshot of a document does not decode");
    FUZZ_CHECK(copy.value().text() == doc.text(), "snapshot round trip changed the text");
    FUZZ_CHECK(copy.value().version() == doc.version(), "snapshot round trip changed the version");
}

void snapshot(QByteArrayView bytes)
{
    crdt::Expected<Document> doc = Document::decodeSnapshot(bytes.toByteArray(), 7);
    if (!doc.ok())
        return;
    Document &d = doc.value();
    FUZZ_CHECK(d.text().size() == d.length(), bytes.toByteArray().toHex());
    checkSnapshotRoundTrip(d);
    // The loaded document stays usable: local edits at both ends.
    const crdt::Expected<Operation> insert = d.localInsert(d.length(), QStringLiteral("z"));
    FUZZ_CHECK(insert.ok(), bytes.toByteArray().toHex());
    const crdt::Expected<Operation> remove = d.localDelete(0, 1);
    FUZZ_CHECK(remove.ok() || remove.error().code == crdt::ErrorCode::SplitsSurrogatePair, bytes.toByteArray().toHex());
}

// ---- the script ------------------------------------------------------------------------------

// Text for a local insert: 1-8 units from a small alphabet with spaces, newlines, a two-unit
// character and, rarely, a lone surrogate (which must be refused).
QString scriptText(ByteReader &in)
{
    QString text;
    const int n = 1 + in.below(8);
    text.reserve(2 * n);
    for (int i = 0; i < n; ++i) {
        const quint8 c = in.byte();
        if (c < 200)
            text += QChar(u'a' + c % 26);
        else if (c < 220)
            text += QLatin1Char(' ');
        else if (c < 235)
            text += QLatin1Char('\n');
        else if (c < 250)
            text += QStringLiteral("\U0001F600");
        else if (c < 253)
            text += QChar(0xe9);
        else
            text += QChar(c == 253 ? 0xd83d : 0xde00);
    }
    return text;
}

// Three replicas that must converge, whatever forged operations they are sent (an insert whose
// origins were never neighbours is refused by every replica alike: docs/security.md, "Fuzzing").
struct Script
{
    // Small documents: most CRDT bugs need a handful of operations on a few replicas (the forged
    // insert that split replicas took four), and every step costs more as the texts grow (the
    // target ran ~500 inputs/s with up to 2,000 steps; 8 instead of 16 nearly doubled the rate,
    // and the fuzzing build's 4-entry B-tree nodes still split leaves and inner nodes).
    static constexpr int MaxSteps = 8;
    Script() { log.reserve(MaxSteps); } // a step adds at most one operation
    // Three replicas that all edit and receive, each in its own order. A fourth that only
    // received cost a quarter more per input (and no campaign found anything with it).
    std::array<Replica, 3> replicas{Replica(Document(1)), Replica(Document(2)), Replica(Document(3))};
    static constexpr quint32 Editors = 3;
    QVector<Operation> log; // every operation a replica produced or the script forged and some document took
    quint32 hostileNext = 0;
};

void localEdit(Script &s, ByteReader &in, bool insert)
{
    Replica &r = s.replicas[in.below(Script::Editors)];
    const int position = int(in.below(quint32(r.doc.length()) + 1));
    const QString text = insert ? scriptText(in) : QString();
    const int count = insert ? 0 : int(1 + in.below(6));
    crdt::Expected<Operation> op = insert ? r.doc.localInsert(position, text) : r.doc.localDelete(position, count);
    if (!op.ok()) {
        // (and its version: checked with the next full comparison)
        FUZZ_CHECK(r.doc.length() == r.text.size(), "a failed local edit changed the document");
        return;
    }
    const Operation &made = op.value();
    FUZZ_CHECK(made.id.replica == r.doc.replica() && made.id.counter == r.version.get(made.id.replica)
                   && made.span() == quint64(insert ? text.size() : count),
               "a local edit's id is not the replica's next counters: " + show(made));
    r.version.set(made.id.replica, quint32(made.id.counter + made.span()));
    if (insert)
        r.text.insert(position, text);
    else
        r.text.remove(position, count);
    FUZZ_CHECK(r.doc.length() == r.text.size(), show(made));
    countOperation(r, made);
    // Its wire forms are checked when it is delivered through them (sent()).
    FUZZ_CHECK(r.doc.apply(op.value()).status == ApplyStatus::Duplicate, "a replica took its own edit twice");
    s.log.append(op.value());
}

// The operation as a peer sends it. Built by construction, never by assignment: Qt 6.4.2's
// QVarLengthArray move assignment leaks the target's heap buffer (Operation::targets).
Operation sent(const Operation &op, ByteReader &in, quint8 how)
{
    // JSON in one delivery of eight: its encoder and decoder allocate more than applying the
    // operation, and mode 0 fuzzes them directly.
    switch (how % 8) {
    case 1: { // through the JSON wire form
        const crdt::Expected<Operation> fromJson = Operation::fromJson(op.toJson());
        FUZZ_CHECK(fromJson.ok() && fromJson.value() == op, "JSON round trip: " + show(op));
        return fromJson.value();
    }
    case 2: case 6: { // through the binary form
        const crdt::Expected<Operation> fromBinary = Operation::fromBinary(op.toBinary());
        FUZZ_CHECK(fromBinary.ok() && fromBinary.value() == op, "binary round trip: " + show(op));
        return fromBinary.value();
    }
    case 3: case 7: // only a suffix, as a peer that already had the prefix would send it
        if (op.span() > 1)
            return op.sliceFrom(1 + in.below(quint32(op.span() - 1)));
        return op;
    default:
        return op;
    }
}

void deliver(Script &s, ByteReader &in, quint8 how)
{
    if (s.log.isEmpty())
        return;
    Replica &r = s.replicas[in.below(quint32(s.replicas.size()))];
    const Operation &op = s.log[int(in.below(quint32(s.log.size())))];
    applyChecked(r, sent(op, in, how));
}

// A forged operation, derived from a real one. Three kinds:
//  - same id as an operation the target already has, different content: must be a Duplicate;
//  - shapes that can never be right (replica 0, empty text, zero-length range, ...): Rejected;
//  - a forged replica's next counter with arbitrary origins/targets/text: an operation like any
//    other once a document took it, so it joins the log and every replica gets it.
void forge(Script &s, ByteReader &in)
{
    Replica &target = s.replicas[in.below(quint32(s.replicas.size()))];
    const auto anyId = [&]() -> std::optional<crdt::ItemId> {
        const quint8 pick = in.byte();
        if (pick < 32 || s.log.isEmpty())
            return std::nullopt;
        const Operation &from = s.log[int(in.below(quint32(s.log.size())))];
        crdt::ItemId id{from.id.replica, from.id.counter + in.below(quint32(from.span()) + 1)};
        if (pick > 240)
            id.counter += in.byte(); // probably beyond anything known
        if (pick > 250)
            id.replica = HostileReplica;
        return id;
    };
    Operation op;
    const quint8 kind = in.byte();
    if (kind & 1) {
        op.kind = Operation::Kind::Insert;
        op.originLeft = anyId();
        op.originRight = anyId();
        op.text = scriptText(in);
    } else {
        op.kind = Operation::Kind::Delete;
        const int ranges = 1 + in.below(3);
        for (int i = 0; i < ranges; ++i) {
            const std::optional<crdt::ItemId> at = anyId();
            if (at)
                op.targets.append(crdt::IdRange{at->replica, at->counter, 1 + in.below(4)});
        }
        if (op.targets.isEmpty())
            return;
    }

    switch ((kind >> 1) % 4) {
    case 0: { // an id the document already has
        if (s.log.isEmpty())
            return;
        const Operation &known = s.log[int(in.below(quint32(s.log.size())))];
        if (target.version.get(known.id.replica) < quint64(known.id.counter) + op.span())
            return;
        op.id = known.id;
        if (op.validateShape())
            return;
        const ApplyResult result = applyChecked(target, op);
        FUZZ_CHECK(result.status == ApplyStatus::Duplicate, "a forged copy of a known id was taken: " + show(op));
        return;
    }
    case 1: { // breaks a shape rule
        op.id = {HostileReplica, s.hostileNext};
        switch (in.byte() % 4) {
        case 0: op.id.replica = 0; break;
        case 1:
            if (op.isInsert())
                op.text.clear();
            else
                op.targets[0].length = 0;
            break;
        case 2: op.id.counter = crdt::limits::kMaxCounter; break;
        case 3:
            if (op.isInsert())
                op.originLeft = op.id; // names itself
            else
                op.targets[0] = {op.id.replica, op.id.counter, 1};
            break;
        }
        if (!op.validateShape())
            return; // the mutation happened to be harmless
        const ApplyResult result = applyChecked(target, op);
        FUZZ_CHECK(result.status == ApplyStatus::Rejected, "a malformed operation was taken: " + show(op));
        return;
    }
    default: { // a forged replica's next operation
        op.id = {HostileReplica, s.hostileNext};
        if (op.validateShape())
            return;
        // Through a wire form as often as real operations are (sent()), whole (the log keeps it
        // whole: a suffix would leave its prefix to no one).
        const quint8 how = in.byte() % 8;
        const ApplyResult result = applyChecked(target, sent(op, in, how == 3 || how == 7 ? 0 : how));
        if (result.status == ApplyStatus::Rejected)
            return; // no replica has it: its counters can be used again
        s.hostileNext += quint32(op.span());
        s.log.append(op);
        return;
    }
    }
}

// The mode byte also picks the checks after the convergence one that every script has, each on a
// fraction of the scripts (all of them ran on every script, which cost twice the script itself):
// a late joiner that catches up from one replica's history (half), the same history merged in
// bulk from a compact batch (a quarter), the log as a binary batch (a quarter), a snapshot round
// trip (one in 32: zlib allocates and clears ~270 KB per compression, more than a whole script
// costs; on an eighth of the scripts it was a fifth of the fuzzer's time).
// Decided by the input, not by a counter, so a failing input fails again when replayed alone, and
// the fuzzer keeps inputs for each check because each has coverage of its own.
struct ScriptChecks
{
    explicit ScriptChecks(quint8 mode)
        : history(mode & 0x02), bulk((mode & 0x06) == 0x06), batch((mode & 0x09) == 0x09),
          snapshot((mode & 0xf1) == 0xf1)
    {
    }
    bool history;  // a late joiner fed operationsSince({}) of one replica
    bool bulk;     // and a document fed encodeHistory({}) through applyBatch: the same runs
    bool batch;    // the log through encodeOperations and the compact batch
    bool snapshot; // one replica's snapshot round trip
};

void script(ByteReader &in, quint8 mode)
{
    const ScriptChecks checks(mode);
    Script s;
    int steps = 0;
    while (!in.atEnd() && steps++ < Script::MaxSteps) {
        const quint8 command = in.byte();
        switch (command % 8) {
        case 0: case 1: case 2: localEdit(s, in, true); break;
        case 3: localEdit(s, in, false); break;
        case 4: case 5: case 6: deliver(s, in, command >> 3); break;
        case 7: forge(s, in); break;
        }
    }

    // Everyone gets everything, in log order (duplicates included: every replica has some of the
    // log already; deliveries in the script send duplicates, and suffixes of known operations).
    for (Replica &r : s.replicas)
        for (const Operation &op : s.log)
            applyChecked(r, op);
    for (const Replica &r : s.replicas)
        checkState(r, "the text is not what the results of apply() and the local edits said", nullptr);
    const QString &text = s.replicas[0].text;
    const Counters &version = s.replicas[0].version; // each replica's is its document's now
    const auto ops = [&s] { // the log as JSON lines, built only for a failure's report
        QByteArray lines;
        for (const Operation &op : s.log)
            lines += show(op) + '\n';
        return lines;
    };
    for (size_t i = 1; i < s.replicas.size(); ++i) {
        const Replica &r = s.replicas[i];
        FUZZ_CHECK(r.text == text, "replicas diverged:\n" + text.toUtf8() + "\n" + r.text.toUtf8() + "\n" + ops());
        FUZZ_CHECK(r.version == version, "versions diverged\n" + ops());
    }

    if (checks.history) { // a late joiner catching up from one replica's history
        Replica late(Document(9));
        const crdt::Expected<QVector<Operation>> history = s.replicas[1].doc.operationsSince({});
        FUZZ_CHECK(history.ok(), "no history without a snapshot");
        for (const Operation &op : history.value())
            FUZZ_CHECK(applyChecked(late, op).status == ApplyStatus::Applied, "history is not in causal order\n" + ops());
        checkState(late, "the late joiner's text is not what apply() said", nullptr);
        FUZZ_CHECK(late.text == text, "the late joiner diverged\n" + ops());
        FUZZ_CHECK(late.version == version, "the late joiner's version differs\n" + ops());
        if (checks.bulk) { // the same history as one compact batch, merged in bulk: the same document
            Document bulk(9);
            const ApplyResult merged = bulk.applyBatch(s.replicas[1].doc.encodeHistory({}).value(), Document::Deltas::Skip);
            FUZZ_CHECK(merged.droppedCount == 0 && bulk.pendingCount() == 0, "the bulk merge refused part of a history\n" + ops());
            FUZZ_CHECK(bulk.text() == text && bulk.version() == version, "the bulk merge diverged\n" + ops());
            // The snapshot's content before zlib: the same runs (compressing both cost more than the merge).
            const SnapshotDraft fromBulk = bulk.draftSnapshot();
            const SnapshotDraft fromApply = late.doc.draftSnapshot();
            FUZZ_CHECK(fromBulk.head == fromApply.head && fromBulk.text == fromApply.text && fromBulk.tail == fromApply.tail,
                       "the bulk merge built other runs than apply()\n" + ops());
        }
    }
    if (checks.snapshot)
        checkSnapshotRoundTrip(s.replicas[2].doc);
    if (checks.batch) {
        const crdt::Expected<QVector<Operation>> batch = crdt::decodeOperations(crdt::encodeOperations(s.log));
        FUZZ_CHECK(batch.ok() && batch.value() == s.log, "batch round trip\n" + ops());
        compactBatch(crdt::encodeOperationBatch(s.log), RoundTrip::Skip);
    }
}

} // namespace

void crdt(QByteArrayView input)
{
    ByteReader in(input);
    const quint8 mode = in.byte();
    switch (mode) {
    case 0: jsonOperations(in.rest()); break;
    case 1: binaryOperations(in.rest()); break;
    case 2: snapshot(in.rest()); break;
    default: script(in, mode); break;
    }
}

} // namespace collab::fuzz

COLLAB_FUZZ_TARGET(collab::fuzz::crdt)

#ifndef COLLAB_FUZZ_REPLAY
#include <malloc.h>

// Once per process, before the first input. Without ASan (the throughput build, docs/security.md
// "Fuzzing") glibc's malloc gave the heap's top back to the system after every snapshot round
// trip (zlib's ~270 KB of state): a brk() and a TLB flush on both cores each time, 10-15% of the
// fuzzer's time. ASan's allocator ignores these settings.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    return 0;
}
#endif
