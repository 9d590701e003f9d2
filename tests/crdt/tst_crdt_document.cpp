// Behaviour of one Document and small groups of replicas: local edits and their errors,
// concurrent typing without interleaving, out-of-order delivery, duplicates, history, snapshots.
#include "crdt/document.h"

#include <QRandomGenerator>
#include <QTest>

using namespace collab::crdt;

namespace {

const QString kEmoji = QString::fromUcs4(U"\U0001F600"); // one code point, two UTF-16 units

// Types `text` one unit (or surrogate pair) at a time, like a user, returning the operations.
QVector<Operation> type(Document &doc, int position, const QString &text)
{
    QVector<Operation> ops;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const int n = text.at(i).isHighSurrogate() ? 2 : 1;
        auto op = doc.localInsert(position, text.mid(i, n));
        if (!op.ok())
            qFatal("type: %s", qPrintable(op.error().message));
        ops.append(op.value());
        position += n;
        i += n - 1;
    }
    return ops;
}

void applyAll(Document &doc, const QVector<Operation> &ops)
{
    for (const Operation &op : ops) {
        const ApplyResult result = doc.apply(op);
        if (!result.ok())
            qFatal("apply: %s", qPrintable(result.error->message));
    }
}

} // namespace

class TestCrdtDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void localEdits();
    void localEditErrors_data();
    void localEditErrors();
    void concurrentTypingDoesNotInterleave_data();
    void concurrentTypingDoesNotInterleave();
    void concurrentInsertsOrderedByReplica();
    void concurrentDeletes();
    void manyConcurrentInsertsAtOnePlace();
    void outOfOrderAndDuplicates();
    void partialDuplicateIsTrimmed();
    void deltasPatchAMirror();
    void operationsSince();
    void snapshotRoundTrip();
    void snapshotHistoryUnavailable();
    void runsStayMerged();
    void authorshipFollowsTheUnits();
};

void TestCrdtDocument::localEdits()
{
    Document doc(1);
    QVERIFY(doc.localInsert(0, QStringLiteral("hello world")).ok());
    QVERIFY(doc.localInsert(5, QStringLiteral(",")).ok());
    QVERIFY(doc.localDelete(0, 1).ok());
    QVERIFY(doc.localInsert(0, QStringLiteral("H")).ok());
    QVERIFY(doc.localInsert(doc.length(), QStringLiteral("!\n") + kEmoji).ok());
    QCOMPARE(doc.text(), QStringLiteral("Hello, world!\n") + kEmoji);
    QCOMPARE(doc.length(), int(doc.text().size()));
    QVERIFY(doc.localDelete(doc.length() - 2, 2).ok());
    QCOMPARE(doc.text(), QStringLiteral("Hello, world!\n"));
    const VersionVector version = doc.version();
    QCOMPARE(version.size(), 1);
    // 11 + 1 + 1 (delete) + 1 + 4 + 2 (delete) counters.
    QCOMPARE(version.get(1), 20u);
}

void TestCrdtDocument::localEditErrors_data()
{
    QTest::addColumn<bool>("insert");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("code");
    const QString loneHigh(QChar(0xd83d));
    QTest::newRow("insert past end") << true << 6 << 0 << QStringLiteral("x") << int(ErrorCode::InvalidPosition);
    QTest::newRow("insert negative") << true << -1 << 0 << QStringLiteral("x") << int(ErrorCode::InvalidPosition);
    QTest::newRow("insert empty") << true << 0 << 0 << QString() << int(ErrorCode::InvalidText);
    QTest::newRow("insert lone surrogate") << true << 0 << 0 << loneHigh << int(ErrorCode::InvalidText);
    QTest::newRow("insert inside pair") << true << 3 << 0 << QStringLiteral("x") << int(ErrorCode::SplitsSurrogatePair);
    QTest::newRow("insert too long") << true << 0 << 0 << QString(limits::kMaxOpText + 1, QLatin1Char('x'))
                                     << int(ErrorCode::InvalidText);
    QTest::newRow("delete zero") << false << 0 << 0 << QString() << int(ErrorCode::InvalidPosition);
    QTest::newRow("delete negative length") << false << 1 << -1 << QString() << int(ErrorCode::InvalidPosition);
    QTest::newRow("delete past end") << false << 4 << 2 << QString() << int(ErrorCode::InvalidPosition);
    QTest::newRow("delete huge") << false << 1 << 0x7fffffff << QString() << int(ErrorCode::InvalidPosition);
    QTest::newRow("delete half pair (end)") << false << 1 << 2 << QString() << int(ErrorCode::SplitsSurrogatePair);
    QTest::newRow("delete half pair (start)") << false << 3 << 2 << QString() << int(ErrorCode::SplitsSurrogatePair);
}

void TestCrdtDocument::localEditErrors()
{
    QFETCH(bool, insert);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(QString, text);
    QFETCH(int, code);
    Document doc(1);
    QVERIFY(doc.localInsert(0, QStringLiteral("ab") + kEmoji + QStringLiteral("c")).ok());
    const QString before = doc.text();
    const VersionVector version = doc.version();
    const auto op = insert ? doc.localInsert(position, text) : doc.localDelete(position, length);
    QVERIFY(!op.ok());
    QCOMPARE(int(op.error().code), code);
    QCOMPARE(doc.text(), before);
    QCOMPARE(doc.version(), version);
}

void TestCrdtDocument::concurrentTypingDoesNotInterleave_data()
{
    QTest::addColumn<quint64>("replicaA");
    QTest::addColumn<quint64>("replicaB");
    QTest::newRow("a < b") << quint64(10) << quint64(20);
    QTest::newRow("a > b") << quint64(20) << quint64(10);
}

// Two users type a word each at the same place at the same time: each word stays whole.
void TestCrdtDocument::concurrentTypingDoesNotInterleave()
{
    QFETCH(quint64, replicaA);
    QFETCH(quint64, replicaB);
    Document a(replicaA);
    Document b(replicaB);
    applyAll(b, type(a, 0, QStringLiteral("[]")));
    const QVector<Operation> fromA = type(a, 1, QStringLiteral("hello") + kEmoji);
    const QVector<Operation> fromB = type(b, 1, QStringLiteral("world"));
    applyAll(a, fromB);
    applyAll(b, fromA);
    QCOMPARE(a.text(), b.text());
    const QString ab = QStringLiteral("[hello") + kEmoji + QStringLiteral("world]");
    const QString ba = QStringLiteral("[worldhello") + kEmoji + QStringLiteral("]");
    QVERIFY2(a.text() == ab || a.text() == ba, qPrintable(a.text()));
    // Both keep typing after their own word, concurrently again: still no mixing.
    const int endA = int(a.text().indexOf(kEmoji)) + 2;
    const int endB = int(b.text().indexOf(QStringLiteral("world"))) + 5;
    const QVector<Operation> moreA = type(a, endA, QStringLiteral("!!"));
    const QVector<Operation> moreB = type(b, endB, QStringLiteral("??"));
    applyAll(a, moreB);
    applyAll(b, moreA);
    QCOMPARE(a.text(), b.text());
    QVERIFY2(a.text().contains(QStringLiteral("hello") + kEmoji + QStringLiteral("!!")), qPrintable(a.text()));
    QVERIFY2(a.text().contains(QStringLiteral("world??")), qPrintable(a.text()));
}

void TestCrdtDocument::concurrentInsertsOrderedByReplica()
{
    Document a(5);
    Document b(7);
    Document c(6);
    const Operation x = a.localInsert(0, QStringLiteral("x")).value();
    const Operation y = b.localInsert(0, QStringLiteral("y")).value();
    const Operation z = c.localInsert(0, QStringLiteral("z")).value();
    applyAll(a, {z, y});
    applyAll(b, {x, z});
    applyAll(c, {y, x});
    QCOMPARE(a.text(), QStringLiteral("xzy"));
    QCOMPARE(b.text(), a.text());
    QCOMPARE(c.text(), a.text());
}

void TestCrdtDocument::concurrentDeletes()
{
    Document a(1);
    Document b(2);
    applyAll(b, {a.localInsert(0, QStringLiteral("abcdefgh")).value()});
    const Operation da = a.localDelete(2, 4).value(); // cdef
    const Operation db = b.localDelete(4, 3).value(); // efg
    const Operation ib = b.localInsert(2, QStringLiteral("X")).value();
    applyAll(a, {db, ib});
    const ApplyResult result = b.apply(da);
    QCOMPARE(result.status, ApplyStatus::Applied);
    QCOMPARE(a.text(), QStringLiteral("abXh"));
    QCOMPARE(b.text(), a.text());
    // b had deleted e and f already: only c and d disappear, in one delta after the X.
    QCOMPARE(result.deltas.size(), 1);
    QCOMPARE(result.deltas.front(), (TextDelta{3, 2, QString()}));
}

// Far more concurrent runs between the same origins than the conflict scan handles by linear
// search, each followed by a continuation anchored inside the scanned span: every delivery
// order gives the same text, and each replica's word stays whole.
void TestCrdtDocument::manyConcurrentInsertsAtOnePlace()
{
    Document origin(1);
    const Operation base = origin.localInsert(0, QStringLiteral("<>")).value();
    QVector<Operation> ops;
    for (int i = 0; i < 120; ++i) {
        Document peer(ReplicaId(1000 + (i * 7919) % 4001)); // replica ids not in sending order
        peer.apply(base);
        const QString word = QStringLiteral("w%1").arg(i);
        ops.append(peer.localInsert(1, word.left(1)).value());
        ops.append(peer.localInsert(2, word.mid(1) + QStringLiteral(".")).value());
    }
    QString expected;
    for (int round = 0; round < 4; ++round) {
        QVector<Operation> shuffled = ops;
        QRandomGenerator random(quint32(round + 1));
        for (qsizetype i = shuffled.size() - 1; i > 0 && round > 0; --i)
            shuffled.swapItemsAt(i, qsizetype(random.bounded(int(i + 1))));
        Document doc(2);
        doc.apply(base);
        for (const Operation &op : shuffled)
            QVERIFY(doc.apply(op).ok());
        QCOMPARE(doc.pendingCount(), 0);
        if (round == 0)
            expected = doc.text();
        QCOMPARE(doc.text(), expected);
    }
    for (int i = 0; i < 120; ++i)
        QVERIFY(expected.contains(QStringLiteral("w%1.").arg(i)));
}

void TestCrdtDocument::outOfOrderAndDuplicates()
{
    Document a(1);
    QVector<Operation> ops = type(a, 0, QStringLiteral("abc"));
    ops.append(a.localDelete(1, 1).value());
    ops.append(a.localInsert(1, QStringLiteral("XY")).value());
    Document b(2);
    for (qsizetype i = ops.size() - 1; i > 0; --i) {
        const ApplyResult result = b.apply(ops[i]);
        QCOMPARE(result.status, ApplyStatus::Pending);
        QVERIFY(result.deltas.isEmpty());
    }
    QCOMPARE(b.pendingCount(), int(ops.size()) - 1);
    QCOMPARE(b.text(), QString());
    const ApplyResult released = b.apply(ops.front());
    QCOMPARE(released.status, ApplyStatus::Applied);
    QCOMPARE(released.appliedCount, int(ops.size()));
    QCOMPARE(b.pendingCount(), 0);
    QCOMPARE(b.text(), QStringLiteral("aXYc"));
    QString mirror;
    for (const TextDelta &delta : released.deltas)
        mirror.replace(delta.position, delta.removed, delta.inserted);
    QCOMPARE(mirror, b.text());
    for (const Operation &op : ops)
        QCOMPARE(b.apply(op).status, ApplyStatus::Duplicate);
    QCOMPARE(b.text(), a.text());
    QCOMPARE(b.version(), a.version());
}

void TestCrdtDocument::partialDuplicateIsTrimmed()
{
    Document a(1);
    const Operation whole = a.localInsert(0, QStringLiteral("abcdef")).value();
    Document b(2);
    const Operation prefix = Operation::makeInsert(whole.id, std::nullopt, std::nullopt, QStringLiteral("abc"));
    QCOMPARE(b.apply(prefix).status, ApplyStatus::Applied);
    const ApplyResult rest = b.apply(whole);
    QCOMPARE(rest.status, ApplyStatus::Applied);
    QCOMPARE(rest.deltas.size(), 1);
    QCOMPARE(rest.deltas.front(), (TextDelta{3, 0, QStringLiteral("def")}));
    QCOMPARE(b.text(), QStringLiteral("abcdef"));
}

void TestCrdtDocument::deltasPatchAMirror()
{
    Document a(1);
    Document b(2);
    QString mirror;
    auto send = [&](const Operation &op) {
        for (const TextDelta &delta : b.apply(op).deltas)
            mirror.replace(delta.position, delta.removed, delta.inserted);
    };
    send(a.localInsert(0, QStringLiteral("line one\nline two\n")).value());
    b.localInsert(0, QStringLiteral(">> ")).value(); // b's own edit, mirrored by hand
    mirror.insert(0, QStringLiteral(">> "));
    send(a.localDelete(5, 4).value());
    send(a.localInsert(5, kEmoji).value());
    send(a.localDelete(0, a.length()).value());
    QCOMPARE(mirror, b.text());
    QCOMPARE(b.text(), QStringLiteral(">> "));
}

void TestCrdtDocument::operationsSince()
{
    Document a(1);
    Document b(2);
    applyAll(b, type(a, 0, QStringLiteral("shared ")));
    const VersionVector bAt = b.version();
    type(a, a.length(), QStringLiteral("notes"));
    a.localDelete(0, 1).value();
    const auto missing = a.operationsSince(bAt);
    QVERIFY(missing.ok());
    QCOMPARE(missing.value().size(), 2); // the typed run is one operation again, then the delete
    QCOMPARE(missing.value().front().text, QStringLiteral("notes"));
    applyAll(b, missing.value());
    QCOMPARE(b.text(), QStringLiteral("hared notes"));
    QVERIFY(a.operationsSince(a.version()).value().isEmpty());
    // A version in the middle of a merged run gets just the rest of it.
    VersionVector middle;
    middle.set(1, 8);
    const auto tail = a.operationsSince(middle);
    QVERIFY(tail.ok());
    QCOMPARE(tail.value().front().text, QStringLiteral("otes"));
}

void TestCrdtDocument::snapshotRoundTrip()
{
    Document a(1);
    Document b(2);
    applyAll(b, type(a, 0, QStringLiteral("The quick brown fox ") + kEmoji));
    applyAll(a, type(b, 4, QStringLiteral("very ")));
    applyAll(b, {a.localDelete(10, 6).value()});
    const QByteArray snapshot = b.encodeSnapshot();
    auto loaded = Document::decodeSnapshot(snapshot, 3);
    QVERIFY(loaded.ok());
    Document &c = loaded.value();
    QCOMPARE(c.text(), b.text());
    QCOMPARE(c.version(), b.version());
    QCOMPARE(c.runCount(), b.runCount());
    // Loaded as a replica already in it, a snapshot encodes to the same bytes again.
    QCOMPARE(Document::decodeSnapshot(snapshot, 2).value().encodeSnapshot(), snapshot);

    // All three edit concurrently, including inside deleted text and at the same spot.
    const QVector<Operation> fromA = type(a, 10, QStringLiteral("red "));
    const QVector<Operation> fromB = {b.localDelete(0, 4).value()};
    const QVector<Operation> fromC = type(c, 10, QStringLiteral("lazy "));
    applyAll(a, fromB); applyAll(a, fromC);
    applyAll(b, fromC); applyAll(b, fromA);
    applyAll(c, fromA); applyAll(c, fromB);
    QCOMPARE(a.text(), b.text());
    QCOMPARE(c.text(), b.text());
    QVERIFY(c.text().contains(QStringLiteral("lazy ")));
    // Reloading as a replica already in the snapshot continues its counters.
    auto again = Document::decodeSnapshot(c.encodeSnapshot(), 2);
    QVERIFY(again.ok());
    const Operation next = again.value().localInsert(0, QStringLiteral("!")).value();
    QCOMPARE(next.id.counter, b.version().get(2));
}

void TestCrdtDocument::snapshotHistoryUnavailable()
{
    Document a(1);
    type(a, 0, QStringLiteral("abc"));
    auto loaded = Document::decodeSnapshot(a.encodeSnapshot(), 2);
    QVERIFY(loaded.ok());
    Document &b = loaded.value();
    const auto old = b.operationsSince(VersionVector());
    QVERIFY(!old.ok());
    QCOMPARE(old.error().code, ErrorCode::HistoryUnavailable);
    const VersionVector at = b.version();
    b.localInsert(3, QStringLiteral("d")).value();
    const auto fresh = b.operationsSince(at);
    QVERIFY(fresh.ok());
    QCOMPARE(fresh.value().size(), 1);
    applyAll(a, fresh.value());
    QCOMPARE(a.text(), QStringLiteral("abcd"));
}

// Typing and backspacing keep runs merged: the tree holds runs, not characters.
void TestCrdtDocument::runsStayMerged()
{
    Document doc(1);
    type(doc, 0, QString(1000, QLatin1Char('a')));
    QCOMPARE(doc.runCount(), 1);
    for (int i = 0; i < 500; ++i)
        doc.localDelete(doc.length() - 1, 1).value();
    QCOMPARE(doc.runCount(), 2); // visible head, one tombstone run
    Document remote(2);
    applyAll(remote, doc.operationsSince(VersionVector()).value());
    QCOMPARE(remote.runCount(), 2);
    QCOMPARE(remote.text(), doc.text());
}

// Who typed what, and where units are by id (the desktop's tints and selective undo): spans
// follow each replica's units through concurrent edits, deletes and a snapshot load.
void TestCrdtDocument::authorshipFollowsTheUnits()
{
    Document a(1);
    Document b(2);
    applyAll(b, type(a, 0, QStringLiteral("hello world")));
    const QVector<Operation> mine = type(b, 5, QStringLiteral(" big"));
    applyAll(a, mine);
    QCOMPARE(a.text(), QStringLiteral("hello big world"));
    QVector<AuthorSpan> spans = a.authorSpans(0, a.length());
    QCOMPARE(spans.size(), 3);
    QCOMPARE(spans.at(0).position, 0);
    QCOMPARE(spans.at(0).length, 5);
    QCOMPARE(spans.at(0).first.replica, ReplicaId(1));
    QCOMPARE(spans.at(1).position, 5);
    QCOMPARE(spans.at(1).length, 4);
    QCOMPARE(spans.at(1).first.replica, ReplicaId(2));
    QCOMPARE(spans.at(1).first.counter, mine.first().id.counter);
    QCOMPARE(spans.at(2).first.replica, ReplicaId(1));
    QCOMPARE(spans.at(2).first.counter, quint32(5)); // " world" goes on with counter 5
    // A window of the text: cut to it.
    spans = a.authorSpans(3, 7);
    QCOMPARE(spans.size(), 2);
    QCOMPARE(spans.at(0).position, 3);
    QCOMPARE(spans.at(0).length, 2);
    QCOMPARE(spans.at(1).length, 2);

    // b's units by id, after a types before them and deletes one of them.
    const IdRange big{2, mine.first().id.counter, 4};
    applyAll(b, type(a, 0, QStringLiteral(">> ")));
    const auto del = a.localDelete(10, 1); // the "i" of " big"
    QVERIFY(del.ok());
    QCOMPARE(a.text(), QStringLiteral(">> hello bg world"));
    const QVector<std::pair<int, int>> where = a.visibleSpansOf(big);
    QCOMPARE(where.size(), 1); // " b" and "g" are next to each other now: one span
    QCOMPARE(where.at(0), std::make_pair(8, 3));
    // Someone else's text between them splits it.
    Document c(3);
    applyAll(c, a.operationsSince(VersionVector()).value());
    QCOMPARE(c.text(), a.text());
    const auto wedge = c.localInsert(10, QStringLiteral("-"));
    QVERIFY(wedge.ok());
    QCOMPARE(c.visibleSpansOf(big), (QVector<std::pair<int, int>>{{8, 2}, {11, 1}}));
    QCOMPARE(a.positionOfId(ItemId{2, big.counter + 2}), 10); // deleted: where it was
    QCOMPARE(a.positionOfId(ItemId{2, big.counter + 3}), 10);
    QCOMPARE(a.positionOfId(ItemId{9, 0}), -1);
    QCOMPARE(a.slice(3, 5), QStringLiteral("hello"));
    QCOMPARE(a.slice(8, 100), QStringLiteral(" bg world"));

    // The same from a snapshot.
    const auto loaded = Document::decodeSnapshot(a.encodeSnapshot(), 3);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().visibleSpansOf(big), where);
    QCOMPARE(loaded.value().authorSpans(0, a.length()).size(), a.authorSpans(0, a.length()).size());
}

QTEST_GUILESS_MAIN(TestCrdtDocument)
#include "tst_crdt_document.moc"
