// Malformed and hostile compact batches (docs/notes-crdt.md, "Batches"): truncated, corrupted
// and bit-flipped encodings are rejected whole, and whatever still decodes applies exactly as its
// operations one by one would.
#include "hostiledocuments.h"

#include "crdt/batch.h"
#include "crdt/bytes.h"
#include "crdt/document.h"

#include <QTest>

using namespace collab::crdt;
using namespace hostile;

Q_DECLARE_METATYPE(collab::crdt::ErrorCode)

class TestCrdtHostileBatches : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corruptBatches_data();
    void corruptBatches();
    void batchFuzz();
};

namespace {

// A stored (uncompressed) batch around a hand-written body: replicas, counts, text, columns
// (see batch.cpp).
QByteArray storedBatch(const QByteArray &body)
{
    return QByteArray("CROP\x01\x00", 6) + body;
}

struct BatchBody
{
    std::vector<ReplicaId> replicas{kA, kB};
    quint64 entries = 1;
    quint64 targets = 0;
    QByteArray text = "hi";
    QByteArray meta;
    QByteArray ids;
    QByteArray origins;
    QByteArray ranges;

    QByteArray bytes() const
    {
        QByteArray raw;
        detail::ByteWriter out(&raw);
        out.varint(replicas.size());
        for (ReplicaId replica : replicas)
            out.u64(replica);
        out.varint(entries);
        out.varint(targets);
        out.bytes(text);
        out.bytes(meta);
        out.bytes(ids);
        out.bytes(origins);
        out.bytes(ranges);
        return storedBatch(raw);
    }
};

QByteArray varints(std::initializer_list<quint64> values)
{
    QByteArray out;
    for (quint64 v : values)
        detail::ByteWriter(&out).varint(v);
    return out;
}

} // namespace

void TestCrdtHostileBatches::corruptBatches_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ErrorCode>("code");
    const ErrorCode malformed = ErrorCode::MalformedEncoding;
    // Control: replica 1 (kB) types "hi" at the start of the document: flags 0, length 2,
    // replica index 1, counter predicted (0x04).
    BatchBody valid;
    valid.meta = QByteArray(1, char(0x04)) + varints({2});
    valid.ids = varints({1});
    QTest::newRow("valid (control)") << valid.bytes() << ErrorCode::InvalidPosition;

    QTest::newRow("empty") << QByteArray() << malformed;
    QTest::newRow("bad magic") << QByteArray("CRDT") + valid.bytes().mid(4) << malformed;
    QTest::newRow("bad version") << QByteArray("CROP\x02") + valid.bytes().mid(5) << malformed;
    QTest::newRow("unknown compression") << QByteArray("CROP\x01\x07") + valid.bytes().mid(6) << malformed;
    QTest::newRow("zlib size lie") << QByteArray("CROP\x01\x01\x7f\xff\xff\xff") + QByteArray(16, 'x') << malformed;
    QTest::newRow("zlib garbage") << QByteArray("CROP\x01\x01\x00\x00\x00\x10") + QByteArray(16, 'x') << malformed;
    QTest::newRow("truncated") << valid.bytes().chopped(1) << malformed;
    QTest::newRow("trailing byte") << valid.bytes() + "x" << malformed;
    BatchBody b = valid;
    b.replicas = {kA, kA};
    QTest::newRow("duplicate replica") << b.bytes() << malformed;
    b = valid;
    b.replicas = {kA, 0};
    QTest::newRow("replica zero") << b.bytes() << malformed;
    b = valid;
    b.entries = 1u << 30;
    QTest::newRow("entry count lies") << b.bytes() << malformed;
    b = valid;
    b.targets = 1u << 30;
    QTest::newRow("target count lies") << b.bytes() << malformed;
    b = valid;
    b.text = "h\xff";
    QTest::newRow("text not UTF-8") << b.bytes() << malformed;
    b = valid;
    b.text = "h\xed\xa0\x80";
    b.meta = QByteArray(1, char(0x04)) + varints({2});
    QTest::newRow("lone surrogate") << b.bytes() << malformed;
    b = valid;
    b.text = "hi!";
    QTest::newRow("text longer than the inserts") << b.bytes() << malformed;
    b = valid;
    b.meta = QByteArray(1, char(0x04)) + varints({3});
    QTest::newRow("text shorter than the inserts") << b.bytes() << malformed;
    b = valid;
    b.meta = QByteArray(1, char(0x04)) + varints({0});
    QTest::newRow("empty insert") << b.bytes() << ErrorCode::InvalidOperation;
    b = valid;
    b.meta = QByteArray(1, char(0x06)) + varints({2});
    b.ids.clear();
    QTest::newRow("same replica on the first entry") << b.bytes() << malformed;
    b = valid;
    b.ids = varints({2});
    QTest::newRow("replica out of range") << b.bytes() << malformed;
    b = valid;
    b.meta = QByteArray(1, char(0x00)) + varints({2});
    b.ids = varints({1}) + varints({quint64(limits::kMaxCounter) * 2});
    QTest::newRow("counter beyond the limit") << b.bytes() << ErrorCode::CounterOverflow;
    b = valid;
    b.meta = QByteArray(1, char(0x04 | (1 << 3))) + varints({2});
    b.origins = varints({0}); // zigzag 0: its own counter
    QTest::newRow("origin not older") << b.bytes() << malformed;
    b = valid;
    b.meta = QByteArray(1, char(0x04 | (2 << 3))) + varints({2});
    b.origins = varints({1, 0}); // its own replica as "other"
    QTest::newRow("other origin of its own replica") << b.bytes() << malformed;
    b = valid;
    b.meta = QByteArray(1, char(0x04 | (3 << 3))) + varints({2});
    QTest::newRow("origin as before on the first insert") << b.bytes() << malformed;
    b = valid;
    b.meta = QByteArray(1, char(0x04 | 0x80)) + varints({2});
    QTest::newRow("unknown insert flag") << b.bytes() << malformed;
    // Deletes: replica 1 deletes units of replica 0 (kA).
    BatchBody d = valid;
    d.text.clear();
    d.targets = 1;
    d.meta = QByteArray(1, char(0x05)) + varints({1});
    d.ranges = varints({(1 << 1) | 1, 0, 12}); // kA's counter 6 (zigzag 12): it deleted the d
    QTest::newRow("valid delete (control)") << d.bytes() << ErrorCode::UnknownReference;
    b = d;
    b.meta = QByteArray(1, char(0x05 | 0x08)) + varints({1});
    QTest::newRow("delete with origin flags") << b.bytes() << malformed;
    b = d;
    b.meta = QByteArray(1, char(0x05)) + varints({0});
    b.targets = 0;
    b.ranges.clear();
    QTest::newRow("delete nothing") << b.bytes() << ErrorCode::InvalidOperation;
    b = d;
    b.ranges = varints({(0 << 1) | 1, 0, 0});
    QTest::newRow("zero length range") << b.bytes() << ErrorCode::InvalidOperation;
    b = d;
    b.ranges = varints({(1 << 1) | 0, 0});
    QTest::newRow("delete own future") << b.bytes() << ErrorCode::InvalidOperation;
    b = d;
    b.ranges = varints({(1 << 1) | 1, 5, 0});
    QTest::newRow("range replica out of range") << b.bytes() << malformed;
    b = d;
    b.meta = QByteArray(1, char(0x05)) + varints({2});
    b.ranges = varints({(1 << 1) | 1, 0, 0, (1 << 1) | 1, 0, 2});
    QTest::newRow("more ranges than announced") << b.bytes() << malformed;
    b = d;
    b.meta = QByteArray(1, char(0x05)) + varints({quint64(limits::kMaxDeleteRanges) + 1});
    QTest::newRow("too many ranges") << b.bytes() << ErrorCode::InvalidOperation;
}

// Hand-written batches: each is refused whole with its error and the document is unchanged; the
// controls decode, and apply with what the document makes of them.
void TestCrdtHostileBatches::corruptBatches()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, code);
    Document doc = makeBase();
    const State before = stateOf(doc);
    // qUncompress warns about what it cannot inflate: expected here.
    static QtMessageHandler previous = nullptr;
    previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        if (!message.startsWith(QLatin1String("qUncompress")))
            previous(type, context, message);
    });
    const auto decoded = decodeOperationBatch(bytes);
    const ApplyResult result = doc.applyBatch(bytes);
    qInstallMessageHandler(previous);
    if (QByteArray(QTest::currentDataTag()).startsWith("valid")) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        if (code == ErrorCode::InvalidPosition) { // the insert applies
            QCOMPARE(result.status, ApplyStatus::Applied);
            QCOMPARE(doc.text(), QStringLiteral("ab") + kEmoji + QStringLiteral("chi")); // no origins: the end
        } else { // the delete names a counter that deleted something: refused by the document
            QCOMPARE(result.status, ApplyStatus::Rejected);
            QCOMPARE(result.error->code, code);
            QVERIFY(stateOf(doc) == before);
        }
        return;
    }
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, code);
    QCOMPARE(result.status, ApplyStatus::Rejected);
    QVERIFY(result.error);
    QCOMPARE(result.error->code, code);
    QVERIFY(!result.error->message.isEmpty());
    QVERIFY(stateOf(doc) == before);
}

// Every truncation of a real batch is an error; every single-byte change of its payload is an
// error or a batch that the bulk merge applies exactly as apply() applies its operations one by
// one, on two identical documents.
void TestCrdtHostileBatches::batchFuzz()
{
    Document a(kA);
    Document b(kB);
    a.localInsert(0, QStringLiteral("shared notes ") + kEmoji).value();
    for (const Operation &op : a.operationsSince(VersionVector()).value())
        b.apply(op);
    b.localInsert(7, QStringLiteral("class ")).value();
    b.localDelete(0, 3).value();
    b.localDelete(0, 1).value();
    a.localInsert(2, QStringLiteral("\n")).value();
    a.localDelete(5, 2).value();
    b.apply(a.operationsSince(b.version()).value().front());
    const QByteArray batch = b.encodeHistory(VersionVector()).value();
    QVERIFY(batch.size() < 192); // stored: the payload is what the flips below change
    QCOMPARE(quint8(batch.at(5)), quint8(0));
    {
        Document check(0xc);
        QCOMPARE(check.applyBatch(batch).status, ApplyStatus::Applied);
        QCOMPARE(check.text(), b.text());
    }
    for (qsizetype n = 0; n < batch.size(); ++n)
        QVERIFY(!decodeOperationBatch(batch.left(n)).ok());

    int decoded = 0;
    for (qsizetype i = 6; i < batch.size(); ++i) {
        for (const char flip : {char(0x01), char(0x02), char(0x80), char(0xff)}) {
            QByteArray bad = batch;
            bad[i] = char(bad[i] ^ flip);
            const auto ops = decodeOperationBatch(bad);
            Document bulk = makeBase();
            const State before = stateOf(bulk);
            const ApplyResult result = bulk.applyBatch(bad);
            if (!ops.ok()) {
                QCOMPARE(result.status, ApplyStatus::Rejected);
                QVERIFY(stateOf(bulk) == before);
                continue;
            }
            ++decoded;
            Document one = makeBase();
            int dropped = 0;
            for (const Operation &op : ops.value()) {
                const ApplyResult step = one.apply(op);
                dropped += (step.status == ApplyStatus::Rejected ? 1 : 0) + step.droppedCount;
            }
            QCOMPARE(bulk.text(), one.text());
            QCOMPARE(bulk.version(), one.version());
            QCOMPARE(bulk.pendingCount(), one.pendingCount());
            QCOMPARE(result.droppedCount, dropped);
            QCOMPARE(bulk.length(), int(bulk.text().size()));
        }
    }
    QVERIFY(decoded > 0);                    // some changes are still batches (other counters, text)
    QVERIFY(decoded < (batch.size() - 6) * 4); // most are caught
}

QTEST_GUILESS_MAIN(TestCrdtHostileBatches)
#include "tst_crdt_hostile_batches.moc"
