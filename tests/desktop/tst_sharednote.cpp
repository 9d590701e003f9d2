// SharedNote without a server: two replicas and a stand-in server replica (a crdt::Document)
// exchange what the real protocol would carry (note.ops batches, note.state snapshots and ops).
#include "client/sharednote.h"

#include <QSignalSpy>
#include <QTest>

using collab::client::SharedNote;
using namespace collab;

namespace {

// Applies deltas the way an editor does, to check that they describe the change exactly.
QString applyDeltas(QString text, const QVector<crdt::TextDelta> &deltas)
{
    for (const crdt::TextDelta &d : deltas)
        text.replace(d.position, d.removed, d.inserted);
    return text;
}

// The server's side of the protocol, reduced to what SharedNote sees.
struct FakeServer
{
    crdt::Document doc{crdt::ReplicaId(1)};
    QList<SharedNote *> clients;

    // note.ops from `from`: applied, acknowledged, broadcast to the others as a note.ops event.
    void deliver(SharedNote *from, const QString &user)
    {
        while (from->unackedCount() > 0) {
            const QVector<crdt::Operation> batch = from->takeBatch();
            for (const crdt::Operation &op : batch)
                doc.apply(op);
            from->acknowledge();
            for (SharedNote *other : std::as_const(clients))
                if (other != from)
                    other->applyRemoteOps(batch, user);
        }
    }
    proto::NoteState snapshot() const
    {
        proto::NoteState s;
        s.course = QStringLiteral("CECS327");
        s.note = QStringLiteral("class-notes");
        s.version = doc.version().toJson();
        s.snapshot = doc.encodeSnapshot();
        return s;
    }
    proto::NoteState opsSince(const crdt::VersionVector &have) const
    {
        proto::NoteState s = snapshot();
        s.snapshot.clear();
        s.ops = crdt::operationsToJson(doc.operationsSince(have).value());
        return s;
    }
};

SharedNote *makeNote(QObject *parent, crdt::ReplicaId id)
{
    return new SharedNote(nullptr, QStringLiteral("CECS327"), QStringLiteral("class-notes"), id, parent);
}

} // namespace

class TestSharedNote : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void localEditsQueueOperations()
    {
        QObject owner;
        SharedNote *a = makeNote(&owner, 100);
        QSignalSpy count(a, &SharedNote::unackedCountChanged);
        QVERIFY(a->insert(0, QStringLiteral("hello")));
        QVERIFY(a->insert(5, QStringLiteral(" world")));
        QVERIFY(a->remove(0, 1));
        QCOMPARE(a->text(), QStringLiteral("ello world"));
        QCOMPARE(a->unackedCount(), 3);
        QCOMPARE(count.count(), 3);
        QVERIFY(!a->insert(99, QStringLiteral("x")));
        QVERIFY(!a->remove(5, 100));
        QCOMPARE(a->unackedCount(), 3);

        const QVector<crdt::Operation> batch = a->takeBatch();
        QCOMPARE(batch.size(), 3);
        a->requeue();
        QCOMPARE(a->takeBatch().size(), 3);
        a->acknowledge();
        QCOMPARE(a->unackedCount(), 0);
    }

    void twoReplicasConverge()
    {
        QObject owner;
        FakeServer server;
        SharedNote *a = makeNote(&owner, 100);
        SharedNote *b = makeNote(&owner, 200);
        server.clients = {a, b};
        QString bView; // what B's editor shows, patched only through the signals
        connect(b, &SharedNote::remoteChange, &owner,
                [&bView](const QVector<crdt::TextDelta> &d, const QString &) { bView = applyDeltas(bView, d); });

        a->insert(0, QStringLiteral("Week 1: intro\n"));
        server.deliver(a, QStringLiteral("angie.nguyen"));
        QCOMPARE(b->text(), QStringLiteral("Week 1: intro\n"));
        QCOMPARE(bView, b->text());

        // Concurrent edits at the same spot.
        a->insert(14, QStringLiteral("Week 2: clocks\n"));
        b->insert(14, QStringLiteral("Week 2: RPC\n"));
        bView = b->text();
        b->remove(0, 5);
        bView = b->text();
        server.deliver(a, QStringLiteral("angie.nguyen"));
        server.deliver(b, QStringLiteral("ben.ortiz"));
        QCOMPARE(a->text(), b->text());
        QCOMPARE(a->text(), server.doc.text());
        QCOMPARE(bView, b->text());
        QVERIFY(a->text().contains(QStringLiteral("clocks")));
        QVERIFY(a->text().contains(QStringLiteral("RPC")));
    }

    void snapshotKeepsOfflineEdits()
    {
        QObject owner;
        FakeServer server;
        SharedNote *a = makeNote(&owner, 100);
        server.clients = {a};
        a->insert(0, QStringLiteral("shared text"));
        server.deliver(a, QStringLiteral("angie.nguyen"));

        // C edited before it ever synced (offline start), then gets the snapshot.
        SharedNote *c = makeNote(&owner, 300);
        c->insert(0, QStringLiteral("offline "));
        QSignalSpy reset(c, &SharedNote::textReset);
        QSignalSpy synced(c, &SharedNote::syncedChanged);
        c->applyState(server.snapshot());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(synced.count(), 1);
        QVERIFY(c->isSynced());
        QCOMPARE(c->unackedCount(), 1);
        QCOMPARE(reset.at(0).at(0).toString(), c->text());
        QVERIFY(c->text().contains(QStringLiteral("offline ")));
        QVERIFY(c->text().contains(QStringLiteral("shared text")));

        server.clients = {a, c};
        server.deliver(c, QStringLiteral("cara.diaz"));
        QCOMPARE(a->text(), c->text());
        QCOMPARE(server.doc.text(), c->text());

        // Local typing continues with fresh counters after the snapshot.
        c->insert(c->length(), QStringLiteral("!"));
        server.deliver(c, QStringLiteral("cara.diaz"));
        QCOMPARE(a->text(), c->text());
    }

    void opsStateCatchesUpBothWays()
    {
        QObject owner;
        FakeServer server;
        SharedNote *a = makeNote(&owner, 100);
        SharedNote *b = makeNote(&owner, 200);
        server.clients = {a, b};
        a->insert(0, QStringLiteral("abc"));
        server.deliver(a, QStringLiteral("a"));

        // B goes offline: A keeps editing, B edits too.
        server.clients = {a};
        a->insert(3, QStringLiteral("def"));
        server.deliver(a, QStringLiteral("a"));
        b->insert(0, QStringLiteral(">"));
        b->takeBatch(); // in flight when the connection dropped
        b->requeue();

        // Reconnect: note.sync {have} → ops, then B's outbox goes out.
        QSignalSpy changes(b, &SharedNote::remoteChange);
        b->applyState(server.opsSince(b->version()));
        QCOMPARE(changes.count(), 1);
        server.clients = {a, b};
        server.deliver(b, QStringLiteral("b"));
        QCOMPARE(a->text(), QStringLiteral(">abcdef"));
        QCOMPARE(b->text(), a->text());

        // A resend of operations the server has is harmless.
        const QVector<crdt::Operation> again = a->document().operationsSince(crdt::VersionVector()).value();
        b->applyRemoteOps(again, QStringLiteral("a"));
        QCOMPARE(b->text(), a->text());
    }

    void largeEditsAreCutToFitFrames()
    {
        QObject owner;
        SharedNote *a = makeNote(&owner, 100);
        const QString big(20000, QLatin1Char('x'));
        QVERIFY(a->insert(0, big));
        QVERIFY(a->unackedCount() >= 5);
        QVERIFY(a->remove(10, 5000));
        QCOMPARE(a->length(), 15000);
        int batches = 0;
        while (a->unackedCount() > 0) {
            const QVector<crdt::Operation> batch = a->takeBatch(8 * 1024);
            QVERIFY(!batch.isEmpty());
            QVERIFY(crdt::operationsToJson(batch).size() > 0);
            a->acknowledge();
            ++batches;
        }
        QVERIFY(batches >= 3);
    }

    void surrogatePairsStayWhole()
    {
        QObject owner;
        SharedNote *a = makeNote(&owner, 100);
        QString text(4095, QLatin1Char('a'));
        text += QString::fromUtf8("\xF0\x9F\x98\x80"); // one emoji across the 4096-unit cut
        text += QStringLiteral("tail");
        QVERIFY(a->insert(0, text));
        QCOMPARE(a->text(), text);
        QVERIFY(!a->remove(4096, 1)); // would split the pair
        QCOMPARE(a->text(), text);
    }
};

QTEST_GUILESS_MAIN(TestSharedNote)
#include "tst_sharednote.moc"
