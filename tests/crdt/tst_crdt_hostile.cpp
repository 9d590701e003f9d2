// Malformed and hostile input: operations, their JSON and binary encodings, snapshots, and a
// flood of operations that can never be applied. Each is rejected with an error and the
// document stays exactly as it was.
#include "hostiledocuments.h"

#include "crdt/bytes.h"
#include "crdt/document.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace collab::crdt;
using namespace hostile;

Q_DECLARE_METATYPE(collab::crdt::Operation)
Q_DECLARE_METATYPE(collab::crdt::ErrorCode)

class TestCrdtHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectedOperations_data();
    void rejectedOperations();
    void forgedOrigins_data();
    void forgedOrigins();
    void malformedJson_data();
    void malformedJson();
    void malformedBinary_data();
    void malformedBinary();
    void codecsRoundTrip();
    void pendingQueueIsBounded();
    void corruptSnapshots_data();
    void corruptSnapshots();
    void snapshotFuzz();
    void randomGarbageOperations();
};

void TestCrdtHostile::rejectedOperations_data()
{
    QTest::addColumn<Operation>("op");
    QTest::addColumn<ErrorCode>("code");
    const ItemId b0{kB, 0};
    QTest::newRow("empty insert") << insertOp(b0, std::nullopt, std::nullopt, QString()) << ErrorCode::InvalidOperation;
    QTest::newRow("lone high surrogate") << insertOp(b0, std::nullopt, std::nullopt, QString(QChar(0xd800))) << ErrorCode::InvalidText;
    QTest::newRow("lone low surrogate") << insertOp(b0, std::nullopt, std::nullopt, QStringLiteral("x") + QChar(0xdc00)) << ErrorCode::InvalidText;
    QTest::newRow("text too long") << insertOp(b0, std::nullopt, std::nullopt, QString(limits::kMaxOpText + 1, QLatin1Char('x'))) << ErrorCode::InvalidText;
    QTest::newRow("huge counter") << insertOp(ItemId{kB, limits::kMaxCounter - 2}, std::nullopt, std::nullopt, QStringLiteral("abc")) << ErrorCode::CounterOverflow;
    QTest::newRow("replica zero") << insertOp(ItemId{0, 0}, std::nullopt, std::nullopt, QStringLiteral("x")) << ErrorCode::InvalidOperation;
    QTest::newRow("origin not older") << insertOp(ItemId{kB, 3}, ItemId{kB, 3}, std::nullopt, QStringLiteral("x")) << ErrorCode::InvalidOperation;
    QTest::newRow("origin replica zero") << insertOp(b0, ItemId{0, 1}, std::nullopt, QStringLiteral("x")) << ErrorCode::InvalidOperation;
    QTest::newRow("origin is a delete") << insertOp(b0, ItemId{kA, 6}, std::nullopt, QStringLiteral("x")) << ErrorCode::UnknownReference;
    QTest::newRow("inside pair (left)") << insertOp(b0, ItemId{kA, 2}, ItemId{kA, 3}, QStringLiteral("x")) << ErrorCode::SplitsSurrogatePair;
    QTest::newRow("inside pair (right)") << insertOp(b0, std::nullopt, ItemId{kA, 3}, QStringLiteral("x")) << ErrorCode::SplitsSurrogatePair;
    QTest::newRow("right origin before left (one run)") << insertOp(b0, ItemId{kA, 4}, ItemId{kA, 0}, QStringLiteral("x")) << ErrorCode::InvalidOperation;
    QTest::newRow("right origin before left (two runs)") << insertOp(b0, ItemId{kA, 5}, ItemId{kA, 1}, QStringLiteral("x")) << ErrorCode::InvalidOperation;
    QTest::newRow("same origins") << insertOp(b0, ItemId{kA, 0}, ItemId{kA, 0}, QStringLiteral("x")) << ErrorCode::InvalidOperation;
    QTest::newRow("delete nothing") << deleteOp(b0, {}) << ErrorCode::InvalidOperation;
    QTest::newRow("delete zero length") << deleteOp(b0, {IdRange{kA, 0, 0}}) << ErrorCode::InvalidOperation;
    QTest::newRow("delete a delete") << deleteOp(b0, {IdRange{kA, 6, 1}}) << ErrorCode::UnknownReference;
    QTest::newRow("delete across a delete") << deleteOp(b0, {IdRange{kA, 4, 3}}) << ErrorCode::UnknownReference;
    QTest::newRow("delete low half") << deleteOp(b0, {IdRange{kA, 3, 2}}) << ErrorCode::SplitsSurrogatePair;
    QTest::newRow("delete high half") << deleteOp(b0, {IdRange{kA, 1, 2}}) << ErrorCode::SplitsSurrogatePair;
    QTest::newRow("delete own future") << deleteOp(b0, {IdRange{kB, 0, 1}}) << ErrorCode::InvalidOperation;
    QTest::newRow("delete beyond limit") << deleteOp(b0, {IdRange{kA, limits::kMaxCounter, 1}}) << ErrorCode::CounterOverflow;
    QTest::newRow("delete after a valid range") << deleteOp(b0, {IdRange{kA, 0, 1}, IdRange{kA, 6, 1}}) << ErrorCode::UnknownReference;
}

void TestCrdtHostile::rejectedOperations()
{
    QFETCH(Operation, op);
    QFETCH(ErrorCode, code);
    Document doc = makeBase();
    const State before = stateOf(doc);
    const ApplyResult result = doc.apply(op);
    QCOMPARE(result.status, ApplyStatus::Rejected);
    QVERIFY(result.error);
    QCOMPARE(result.error->code, code);
    QVERIFY(result.deltas.isEmpty());
    QVERIFY(stateOf(doc) == before);
    // A valid operation still applies afterwards.
    QCOMPARE(doc.apply(insertOp(ItemId{kB, 0}, ItemId{kA, 1}, ItemId{kA, 2}, QStringLiteral("ok"))).status,
             ApplyStatus::Applied);
    QCOMPARE(doc.text(), QStringLiteral("abok") + kEmoji + QStringLiteral("c"));

    // The bulk paths refuse it the same way and change nothing either.
    Document bulk = makeBase();
    const ApplyResult all = bulk.applyAll({op});
    QCOMPARE(all.status, ApplyStatus::Rejected);
    QVERIFY(all.error);
    QCOMPARE(all.error->code, code);
    QCOMPARE(all.droppedCount, 1);
    QVERIFY(stateOf(bulk) == before);
    // Through the compact encoding, unless it cannot carry the operation as it is: UTF-8 has no
    // lone surrogates (they become U+FFFD, as in the binary encoding).
    const QByteArray encoded = encodeOperationBatch({op});
    const auto decoded = decodeOperationBatch(encoded);
    if (decoded.ok() && decoded.value() != QVector<Operation>{op})
        return;
    const ApplyResult batch = bulk.applyBatch(encoded);
    QCOMPARE(batch.status, ApplyStatus::Rejected);
    QVERIFY(batch.error);
    QVERIFY(stateOf(bulk) == before);
}

// A types "a", then "bc" after it, then "XY" after the a. D, who had only the "a", types "Q"
// after it; C, who had everything of A, types "Z" after the c: aXYbcZQ.
// Ids: a=a0 b=a1 c=a2 (origins a0, none) X=a3 Y=a4 (origins a0, a1) Z=c0 (a2, none) Q=d0 (a0, none).
Document makeTyped()
{
    Document doc(kA);
    const Operation a = doc.localInsert(0, QStringLiteral("a")).value();
    doc.localInsert(1, QStringLiteral("bc")).value();
    doc.localInsert(1, QStringLiteral("XY")).value();
    Document d(kD);
    d.apply(a);
    const Operation q = d.localInsert(1, QStringLiteral("Q")).value();
    Document c(kC);
    for (const Operation &op : doc.operationsSince({}).value())
        c.apply(op);
    const Operation z = c.localInsert(5, QStringLiteral("Z")).value();
    doc.apply(z);
    doc.apply(q);
    return doc;
}

// An insert's origins must have been neighbours somewhere: an item they depend on (the left
// origin's right origin, the right origin's left origin) may not lie between them. Concurrent
// items between them are fine.
void TestCrdtHostile::forgedOrigins_data()
{
    QTest::addColumn<Operation>("op");
    QTest::addColumn<QString>("text"); // empty: refused
    const auto row = [](const char *name, std::optional<ItemId> left, std::optional<ItemId> right, const char *text) {
        QTest::newRow(name) << insertOp(ItemId{kB, 0}, left, right, QStringLiteral("_")) << QString::fromLatin1(text);
    };
    row("skips the unit before its right origin", ItemId{kA, 0}, ItemId{kA, 2}, "");
    row("skips the right origin's left origin", ItemId{kA, 0}, ItemId{kC, 0}, "");
    row("skips the left origin's right origin", ItemId{kA, 3}, ItemId{kD, 0}, "");
    row("from the start past the right origin's left origin", std::nullopt, ItemId{kA, 3}, "");
    row("to the end past the left origin's right origin", ItemId{kA, 4}, std::nullopt, "");
    row("neighbours", ItemId{kA, 4}, ItemId{kA, 1}, "aXY_bcZQ");
    row("concurrent with XY", ItemId{kA, 0}, ItemId{kA, 1}, "aXY_bcZQ");
    row("concurrent with Y", ItemId{kA, 3}, ItemId{kA, 1}, "aXY_bcZQ");
    row("concurrent with Z and Q", ItemId{kA, 2}, std::nullopt, "aXYbc_ZQ");
    row("concurrent with all but the a", ItemId{kA, 0}, std::nullopt, "aXYbcZ_Q");
    row("concurrent with everything", std::nullopt, std::nullopt, "aXYbcZQ_");
}

void TestCrdtHostile::forgedOrigins()
{
    QFETCH(Operation, op);
    QFETCH(QString, text);
    Document doc = makeTyped();
    QCOMPARE(doc.text(), QStringLiteral("aXYbcZQ"));
    const State before = stateOf(doc);
    const ApplyResult result = doc.apply(op);
    if (!text.isEmpty()) {
        QCOMPARE(result.status, ApplyStatus::Applied);
        QCOMPARE(doc.text(), text);
        Document bulk = makeTyped();
        QCOMPARE(bulk.applyBatch(encodeOperationBatch({op})).status, ApplyStatus::Applied);
        QCOMPARE(bulk.text(), text);
        return;
    }
    QCOMPARE(result.status, ApplyStatus::Rejected);
    QVERIFY(result.error);
    QCOMPARE(result.error->code, ErrorCode::InvalidOperation);
    QVERIFY(stateOf(doc) == before);
    Document bulk = makeTyped();
    const ApplyResult batch = bulk.applyBatch(encodeOperationBatch({op}));
    QCOMPARE(batch.status, ApplyStatus::Rejected);
    QCOMPARE(batch.error->code, ErrorCode::InvalidOperation);
    QVERIFY(stateOf(bulk) == before);
}

void TestCrdtHostile::malformedJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    const QByteArray a = r(kA).toLatin1();
    const auto row = [](const char *name, const QByteArray &json, ErrorCode code) {
        QTest::newRow(name) << json << code;
    };
    row("not an array", "{\"i\":1}", ErrorCode::MalformedEncoding);
    row("empty array", "[]", ErrorCode::MalformedEncoding);
    row("unknown kind", "[\"x\",\"" + a + "\",0,null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("short replica", "[\"i\",\"abc\",0,null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("replica zero", "[\"i\",\"0000000000000000\",0,null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("replica not hex", "[\"i\",\"000000000000000g\",0,null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("negative counter", "[\"i\",\"" + a + "\",-1,null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("fractional counter", "[\"i\",\"" + a + "\",1.5,null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("huge counter", "[\"i\",\"" + a + "\",4294967296,null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("counter as string", "[\"i\",\"" + a + "\",\"0\",null,null,\"t\"]", ErrorCode::MalformedEncoding);
    row("text not a string", "[\"i\",\"" + a + "\",0,null,null,5]", ErrorCode::MalformedEncoding);
    row("origin too short", "[\"i\",\"" + a + "\",9,[\"" + a + "\"],null,\"t\"]", ErrorCode::MalformedEncoding);
    row("missing fields", "[\"i\",\"" + a + "\",0]", ErrorCode::MalformedEncoding);
    row("extra field", "[\"i\",\"" + a + "\",0,null,null,\"t\",1]", ErrorCode::MalformedEncoding);
    row("lone surrogate", "[\"i\",\"" + a + "\",0,null,null,\"\\ud800\"]", ErrorCode::InvalidText);
    row("negative delete length", "[\"d\",\"" + a + "\",9,[[\"" + a + "\",0,-3]]]", ErrorCode::MalformedEncoding);
    row("delete ranges not array", "[\"d\",\"" + a + "\",9,5]", ErrorCode::MalformedEncoding);
    row("delete range too short", "[\"d\",\"" + a + "\",9,[[\"" + a + "\",0]]]", ErrorCode::MalformedEncoding);
    row("delete no ranges", "[\"d\",\"" + a + "\",9,[]]", ErrorCode::InvalidOperation);
}

void TestCrdtHostile::malformedJson()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonValue value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const auto op = Operation::fromJson(value);
    QVERIFY(!op.ok());
    QCOMPARE(op.error().code, code);
}

void TestCrdtHostile::malformedBinary_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray valid = insertOp(ItemId{kB, 1}, ItemId{kA, 0}, ItemId{kB, 0}, QStringLiteral("hi")).toBinary();
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("bad tag") << QByteArray("\xff", 1) + valid.mid(1);
    QTest::newRow("delete kind with origins") << QByteArray(1, char(valid.at(0) | 1)) + valid.mid(1);
    QTest::newRow("truncated") << valid.left(valid.size() - 1);
    QTest::newRow("trailing byte") << valid + QByteArray(1, '\0');
    QByteArray badUtf8 = valid;
    badUtf8[badUtf8.size() - 1] = char(0xff);
    QTest::newRow("invalid utf-8") << badUtf8;
    QByteArray overlong = valid.left(9);
    overlong += QByteArray(11, char(0x80));
    QTest::newRow("overlong varint") << overlong;
    QByteArray hugeText = valid.left(valid.size() - 3);
    hugeText += QByteArray("\xff\xff\xff\xff\x0f", 5);
    QTest::newRow("text length beyond input") << hugeText;
    QByteArray deleteMany = deleteOp(ItemId{kB, 1}, {IdRange{kA, 0, 1}}).toBinary();
    QTest::newRow("delete range count lies") << deleteMany.left(10) + QByteArray("\xff\xff\x03", 3) + deleteMany.mid(11);
    QTest::newRow("delete zero ranges") << deleteMany.left(10) + QByteArray(1, '\0');
}

void TestCrdtHostile::malformedBinary()
{
    QFETCH(QByteArray, bytes);
    const auto op = Operation::fromBinary(bytes);
    QVERIFY(!op.ok());
    QVERIFY(op.error().code == ErrorCode::MalformedEncoding || op.error().code == ErrorCode::InvalidOperation);
    // The same bytes inside a batch fail the batch, whatever the claimed count.
    QByteArray batch;
    detail::ByteWriter(&batch).varint(1u << 30);
    QVERIFY(!decodeOperations(batch + bytes).ok());
}

void TestCrdtHostile::codecsRoundTrip()
{
    const QVector<Operation> ops = {
        insertOp(ItemId{kB, 7}, ItemId{kA, 3}, std::nullopt, QStringLiteral("x\ny") + kEmoji),
        insertOp(ItemId{kB, 9}, std::nullopt, ItemId{kB, 2}, QStringLiteral("\u00e9")),
        deleteOp(ItemId{kA, 0xfffff}, {IdRange{kB, 1, 5}, IdRange{kA, 7, 1}, IdRange{0xffffffffffffffffull, 0, 3}}),
    };
    for (const Operation &op : ops) {
        const auto fromBinary = Operation::fromBinary(op.toBinary());
        QVERIFY(fromBinary.ok());
        QVERIFY(fromBinary.value() == op);
        const QByteArray json = QJsonDocument(op.toJson()).toJson(QJsonDocument::Compact);
        const auto fromJson = Operation::fromJson(QJsonDocument::fromJson(json).array());
        QVERIFY2(fromJson.ok(), json.constData());
        QVERIFY(fromJson.value() == op);
    }
    const auto batch = decodeOperations(encodeOperations(ops));
    QVERIFY(batch.ok());
    QVERIFY(batch.value() == ops);
    QCOMPARE(QJsonDocument(ops.front().toJson()).toJson(QJsonDocument::Compact),
             QByteArray("[\"i\",\"000000000000000b\",7,[\"000000000000000a\",3],null,\"x\\ny\xf0\x9f\x98\x80\"]"));
    VersionVector version;
    version.set(kA, 3);
    version.set(kB, 0xffff);
    QCOMPARE(VersionVector::fromBinary(version.toBinary()).value(), version);
    QCOMPARE(VersionVector::fromJson(version.toJson()).value(), version);
    QVERIFY(!VersionVector::fromBinary(QByteArray("\x05", 1)).ok());
}

void TestCrdtHostile::pendingQueueIsBounded()
{
    Document doc = makeBase();
    // Operations from a replica whose first operation never arrives.
    constexpr ReplicaId kGhost = 0x6405;
    for (int i = 0; i < limits::kMaxPendingOps; ++i) {
        const Operation op = insertOp(ItemId{kGhost, quint32(i + 1)}, ItemId{kGhost, 0}, std::nullopt, QStringLiteral("x"));
        QCOMPARE(doc.apply(op).status, ApplyStatus::Pending);
    }
    const State before = stateOf(doc);
    const ApplyResult full = doc.apply(insertOp(ItemId{kGhost, 1}, std::nullopt, std::nullopt, QStringLiteral("y")));
    QCOMPARE(full.status, ApplyStatus::Rejected);
    QCOMPARE(full.error->code, ErrorCode::PendingQueueFull);
    QVERIFY(stateOf(doc) == before);
    QCOMPARE(doc.text(), QStringLiteral("ab") + kEmoji + QStringLiteral("c"));

    // The text held by waiting operations is bounded too.
    Document other = makeBase();
    const QString big(limits::kMaxOpText, QLatin1Char('z'));
    int accepted = 0;
    ApplyResult last;
    for (quint32 i = 1; i < 100 && (last = other.apply(insertOp(ItemId{kGhost, i * quint32(big.size())}, std::nullopt, std::nullopt, big))).status == ApplyStatus::Pending; ++i)
        ++accepted;
    QCOMPARE(last.status, ApplyStatus::Rejected);
    QCOMPARE(last.error->code, ErrorCode::PendingQueueFull);
    QCOMPARE(qint64(accepted) * big.size(), limits::kMaxPendingUnits);
}

void TestCrdtHostile::corruptSnapshots_data()
{
    QTest::addColumn<QByteArray>("raw");
    // Raw payloads written by hand: replicas (id, next), UTF-8 text, run count, then three
    // columns (see snapshot.cpp): flags + lengths, replicas + counters, origins.
    struct RunFields
    {
        quint8 flags;
        quint64 length;
        std::vector<quint64> ids;
        std::vector<quint64> origins;
    };
    auto payload = [](quint64 next, const QByteArray &text, const std::vector<RunFields> &runs) {
        QByteArray meta;
        QByteArray ids;
        QByteArray origins;
        for (const RunFields &run : runs) {
            detail::ByteWriter(&meta).u8(run.flags);
            detail::ByteWriter(&meta).varint(run.length);
            for (quint64 v : run.ids)
                detail::ByteWriter(&ids).varint(v);
            for (quint64 v : run.origins)
                detail::ByteWriter(&origins).varint(v);
        }
        QByteArray raw;
        detail::ByteWriter out(&raw);
        out.varint(1);
        out.u64(kA);
        out.varint(next);
        out.bytes(text);
        out.varint(runs.size());
        out.bytes(meta);
        out.bytes(ids);
        out.bytes(origins);
        return raw;
    };
    const quint8 sameReplica = 0x02;
    const quint8 leftNeighbour = 1 << 3;
    const quint8 leftBack = 2 << 3;
    const quint8 rightNeighbour = 1 << 5;
    const quint8 rightForward = 0x80;
    QTest::newRow("valid (control)") << payload(6, "abcdef", {{0, 3, {0, 0}, {}}, {sameReplica | leftNeighbour, 3, {0}, {}}});
    QTest::newRow("zero length run") << payload(3, "abc", {{0, 0, {0, 0}, {}}});
    QTest::newRow("replica out of range") << payload(3, "abc", {{0, 3, {1, 0}, {}}});
    QTest::newRow("counter beyond version") << payload(3, "abc", {{0, 3, {0, 1}, {}}});
    QTest::newRow("text longer than runs") << payload(3, "abcd", {{0, 3, {0, 0}, {}}});
    QTest::newRow("text shorter than runs") << payload(3, "ab", {{0, 3, {0, 0}, {}}});
    QTest::newRow("overlapping runs") << payload(6, "abcdef", {{0, 3, {0, 0}, {}}, {sameReplica, 3, {0, 1}, {}}});
    QTest::newRow("same replica on first run") << payload(3, "abc", {{sameReplica, 3, {}, {}}});
    QTest::newRow("left neighbour on first run") << payload(3, "abc", {{leftNeighbour, 3, {0, 0}, {}}});
    QTest::newRow("left back beyond start") << payload(6, "abcdef", {{0, 3, {0, 0}, {}}, {sameReplica | leftBack, 3, {0}, {0}}});
    QTest::newRow("right neighbour on last run") << payload(3, "abc", {{rightNeighbour, 3, {0, 0}, {}}});
    QTest::newRow("right forward beyond end") << payload(6, "abcdef", {{rightForward, 3, {0, 0}, {0}}, {sameReplica, 3, {0}, {}}});
    QTest::newRow("right forward with kind") << payload(9, "abcdefghi", {{rightForward | rightNeighbour, 3, {0, 0}, {0}}, {sameReplica, 3, {0}, {}}, {sameReplica, 3, {0}, {}}});
    QTest::newRow("lone surrogate text") << payload(3, "ab\xed\xa0\x80", {{0, 3, {0, 0}, {}}});
    QTest::newRow("trailing bytes") << payload(3, "abc", {{0, 3, {0, 0}, {}}}) + "x";
    QTest::newRow("truncated") << payload(3, "abc", {{0, 3, {0, 0}, {}}}).chopped(1);
}

void TestCrdtHostile::corruptSnapshots()
{
    QFETCH(QByteArray, raw);
    QByteArray bytes("CRDT\x01", 5);
    bytes += qCompress(raw);
    const auto doc = Document::decodeSnapshot(bytes, kB);
    if (QByteArray(QTest::currentDataTag()).startsWith("valid")) {
        QVERIFY(doc.ok()); // the builder itself is right: the other rows fail for their reason
        QCOMPARE(doc.value().text(), QStringLiteral("abcdef"));
        return;
    }
    QVERIFY(!doc.ok());
    QCOMPARE(doc.error().code, ErrorCode::MalformedEncoding);
}

// Every truncation of a real snapshot is an error, and every single-byte change of its
// (uncompressed) payload decodes to an error or to a consistent document, never to a crash.
void TestCrdtHostile::snapshotFuzz()
{
    Document a(kA);
    Document b(kB);
    a.localInsert(0, QStringLiteral("shared notes ") + kEmoji).value();
    for (const Operation &op : a.operationsSince(VersionVector()).value())
        b.apply(op);
    b.localInsert(7, QStringLiteral("class ")).value();
    b.localDelete(0, 3).value();
    a.localInsert(2, QStringLiteral("\n")).value();
    b.apply(a.operationsSince(b.version()).value().front());
    const QByteArray snapshot = b.encodeSnapshot();
    QVERIFY(Document::decodeSnapshot(snapshot, 0xc).ok());
    QVERIFY(!Document::decodeSnapshot(snapshot, 0).ok());

    // qUncompress warns about what it cannot inflate: expected here.
    static QtMessageHandler previous = nullptr;
    previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        if (!message.startsWith(QLatin1String("qUncompress")))
            previous(type, context, message);
    });
    for (qsizetype n = 0; n < snapshot.size(); ++n)
        QVERIFY(!Document::decodeSnapshot(snapshot.left(n), 0xc).ok());
    qInstallMessageHandler(previous);

    const QByteArray raw = qUncompress(snapshot.mid(5));
    QVERIFY(!raw.isEmpty());
    int decoded = 0;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        for (const char flip : {char(0x01), char(0x02), char(0x80), char(0xff)}) {
            QByteArray bad = raw;
            bad[i] = char(bad[i] ^ flip);
            auto doc = Document::decodeSnapshot(snapshot.left(5) + qCompress(bad), 0xc);
            if (!doc.ok())
                continue;
            ++decoded;
            Document &loaded = doc.value();
            QCOMPARE(loaded.length(), int(loaded.text().size()));
            // Whatever it decoded to must still take edits.
            QVERIFY(loaded.localInsert(loaded.length(), QStringLiteral("x")).ok());
        }
    }
    QVERIFY(decoded < raw.size() * 4); // most changes are caught
}

// Random operations, mostly nonsense (ids near the known ones, wrong origins, lone surrogates,
// overlapping deletes), applied in the same order to two replicas: each must stay consistent
// and both must accept and reject exactly the same ones.
void TestCrdtHostile::randomGarbageOperations()
{
    QRandomGenerator random(20261124);
    Document a(0x51);
    Document b(0x52);
    const ReplicaId replicas[] = {kA, kB, 0x53};
    auto randomId = [&] {
        const ReplicaId replica = replicas[random.bounded(3)];
        const quint32 known = a.version().get(replica);
        return ItemId{replica, quint32(random.bounded(int(known) + 3))};
    };
    const QString alphabet = QStringLiteral("xyz\n") + kEmoji + QChar(0xd800) + QChar(0xdc00);
    int applied = 0;
    for (int i = 0; i < 20000; ++i) {
        Operation op;
        const ReplicaId replica = replicas[random.bounded(3)];
        op.id = ItemId{replica, a.version().get(replica) + quint32(random.bounded(3)) - (random.bounded(4) == 0 ? 1 : 0)};
        if (random.bounded(3)) {
            op.kind = Operation::Kind::Insert;
            if (random.bounded(4))
                op.originLeft = randomId();
            if (random.bounded(3))
                op.originRight = randomId();
            for (int n = 1 + int(random.bounded(4)); n > 0; --n)
                op.text += alphabet.at(int(random.bounded(int(alphabet.size()))));
        } else {
            op.kind = Operation::Kind::Delete;
            for (int n = 1 + int(random.bounded(2)); n > 0; --n) {
                const ItemId at = randomId();
                op.targets.append(IdRange{at.replica, at.counter, quint32(random.bounded(4))});
            }
        }
        const ApplyResult ra = a.apply(op);
        const ApplyResult rb = b.apply(op);
        QCOMPARE(ra.status, rb.status);
        QCOMPARE(ra.appliedCount, rb.appliedCount);
        applied += ra.appliedCount;
        if (i % 1000 == 0) {
            QCOMPARE(a.text(), b.text());
            QCOMPARE(a.length(), int(a.text().size()));
            QVERIFY(isWellFormedUtf16(a.text().constData(), a.text().size()));
        }
    }
    QCOMPARE(a.text(), b.text());
    QCOMPARE(a.version(), b.version());
    QVERIFY(isWellFormedUtf16(a.text().constData(), a.text().size()));
    QVERIFY2(applied > 1000, "the generator should also produce valid operations");
    // What was accepted replays on a fresh replica, and the snapshot loads.
    Document c(0x54);
    for (const Operation &op : a.operationsSince(VersionVector()).value())
        QCOMPARE(c.apply(op).status, ApplyStatus::Applied);
    QCOMPARE(c.text(), a.text());
    QCOMPARE(Document::decodeSnapshot(a.encodeSnapshot(), 0x55).value().text(), a.text());
}

QTEST_GUILESS_MAIN(TestCrdtHostile)
#include "tst_crdt_hostile.moc"
