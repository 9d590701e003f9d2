// Replays real editing traces (josephg/editing-traces) through the CRDT: as local edits, as
// remote operations on a fresh replica (binary and JSON wire), and through a snapshot.
#include "crdt/document.h"
#include "tracereader.h"

#include <QTest>

using namespace collab::crdt;

class TestCrdtTraces : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data();
    void replay();
};

void TestCrdtTraces::replay_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("automerge-paper") << QStringLiteral("automerge-paper.json.gz");
    QTest::newRow("seph-blog1") << QStringLiteral("seph-blog1.json.gz");
}

void TestCrdtTraces::replay()
{
    QFETCH(QString, file);
    QString error;
    const auto trace = traces::loadTrace(traces::sharedTracePath(file), &error);
    QVERIFY2(trace, qPrintable(error));
    QVERIFY(!trace->patches.empty());

    Document local(0xa11ce);
    QVector<Operation> ops;
    for (const traces::Patch &patch : trace->patches) {
        if (patch.removed > 0) {
            auto op = local.localDelete(patch.position, patch.removed);
            QVERIFY2(op.ok(), qPrintable(op.ok() ? QString() : op.error().message));
            ops.append(op.value());
        }
        if (!patch.inserted.isEmpty()) {
            auto op = local.localInsert(patch.position, patch.inserted);
            QVERIFY2(op.ok(), qPrintable(op.ok() ? QString() : op.error().message));
            ops.append(op.value());
        }
    }
    QCOMPARE(local.length(), int(trace->endContent.size()));
    QVERIFY(local.text() == trace->endContent);

    // Remote: the binary wire, every op applied in order on a fresh replica.
    const auto decoded = decodeOperations(encodeOperations(ops));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value().size(), ops.size());
    Document remote(0xb0b);
    QString mirror; // patched only through the deltas apply() reports
    for (const Operation &op : decoded.value()) {
        const ApplyResult result = remote.apply(op);
        QCOMPARE(result.status, ApplyStatus::Applied);
        for (const TextDelta &delta : result.deltas)
            mirror.replace(delta.position, delta.removed, delta.inserted);
    }
    QVERIFY(remote.text() == trace->endContent);
    QVERIFY(mirror == trace->endContent);
    QCOMPARE(remote.version(), local.version());

    // Remote again, from the compact log the document keeps (JSON wire this time).
    const auto since = local.operationsSince(VersionVector());
    QVERIFY(since.ok());
    QVERIFY(since.value().size() <= ops.size());
    const auto fromJson = operationsFromJson(operationsToJson(since.value()));
    QVERIFY(fromJson.ok());
    Document viaLog(0xc0de);
    for (const Operation &op : fromJson.value())
        QCOMPARE(viaLog.apply(op).status, ApplyStatus::Applied);
    QVERIFY(viaLog.text() == trace->endContent);

    // Snapshot round trip, then the loaded replica keeps merging with the original.
    const QByteArray snapshot = local.encodeSnapshot();
    auto loaded = Document::decodeSnapshot(snapshot, 0xd00d);
    QVERIFY(loaded.ok());
    Document &copy = loaded.value();
    QVERIFY(copy.text() == trace->endContent);
    QCOMPARE(copy.version(), local.version());
    const auto mine = copy.localInsert(copy.length() / 2, QStringLiteral("[copy]"));
    const auto theirs = local.localDelete(0, 10);
    QVERIFY(mine.ok() && theirs.ok());
    QCOMPARE(local.apply(mine.value()).status, ApplyStatus::Applied);
    QCOMPARE(copy.apply(theirs.value()).status, ApplyStatus::Applied);
    QVERIFY(copy.text() == local.text());
    QVERIFY(local.text().contains(QStringLiteral("[copy]")));
}

QTEST_GUILESS_MAIN(TestCrdtTraces)
#include "tst_crdt_traces.moc"
