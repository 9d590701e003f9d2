// Note replica ids belong to one member on every node sharing a Redis: a forged replica id is
// refused on any node and stored nowhere, the victim's edits stay intact on every replica, two
// members using one fresh replica id at once on two nodes cannot both win, and with minReplicas a
// claim counts only once a replica has it.
#include "redistesthelpers.h"
#include "redisnodes.h"

#include "hub/hub.h"
#include "wsnoteeditor.h"
#include "store/eventlog.h"
#include "testredis.h"

using namespace redistest;
using collab::crdt::Document;
using collab::crdt::Operation;

namespace {
QString codeOf(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }
QString typeOf(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
QString messageOf(const QJsonObject &o) { return o.value(QLatin1String("message")).toString(); }
} // namespace

class TestRedisNoteTrust : public QObject
{
    Q_OBJECT

private:
    RedisNodes m_cluster;

    TestServer &node(int i) { return m_cluster.node(i); }

    QString noteText(int i)
    {
        const auto doc = node(i).instance()->hub().noteDocument(Course, QStringLiteral("class-notes"));
        return doc ? doc.value()->text() : QStringLiteral("<unavailable>");
    }
    quint64 lastSeq(int i) { return node(i).instance()->hub().log().lastSeq(Course); }

    std::unique_ptr<WsNoteEditor> editor(int i, const QString &user, quint64 replica = QRandomGenerator::global()->generate64() | 1)
    {
        auto e = std::make_unique<WsNoteEditor>(replica);
        if (!joinAs(e->ws, node(i).wsUrl(), user) || !e->syncFresh())
            return nullptr;
        return e;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cluster.start(2)); }
    void cleanupTestCase() { m_cluster.stop(); }

    void forgedReplicaIdsAreRefusedOnEveryNode()
    {
        auto angie = editor(0, QStringLiteral("angie.nguyen"));
        auto mallory = editor(1, QStringLiteral("mallory"));
        auto ben = editor(1, QStringLiteral("ben.ortiz"));
        QVERIFY(angie && mallory && ben);
        QCOMPARE(typeOf(angie->insert(0, QStringLiteral("Angie on node 0. "))), QStringLiteral("ack"));
        QTRY_VERIFY_WITH_TIMEOUT((mallory->absorb(), mallory->doc.text() == angie->doc.text()), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(lastSeq(1), lastSeq(0), 5000);
        const quint64 seq = lastSeq(0);

        Document forger = Document::decodeSnapshot(mallory->doc.encodeSnapshot(), angie->doc.replica()).value();
        const QJsonObject r = mallory->send({forger.localInsert(0, QStringLiteral("FORGED ")).value()});
        QCOMPARE(codeOf(r), QStringLiteral("forbidden"));
        QCOMPARE(lastSeq(1), seq);
        QCOMPARE(lastSeq(0), seq);

        QCOMPARE(typeOf(angie->insert(angie->doc.length(), QStringLiteral("Exam on Friday."))), QStringLiteral("ack"));
        QTRY_COMPARE_WITH_TIMEOUT(noteText(1), angie->doc.text(), 5000);
        QCOMPARE(noteText(0), angie->doc.text());
        QTRY_VERIFY_WITH_TIMEOUT((ben->absorb(), ben->doc.text() == angie->doc.text()), 5000);
        QVERIFY(!noteText(1).contains(QLatin1String("FORGED")));

        // Node 1 restarts (its memory of the claims is gone): Redis still knows the owner.
        const quint64 angieReplica = angie->doc.replica();
        mallory.reset();
        ben.reset();
        QVERIFY(node(1).start());
        auto mallory2 = editor(1, QStringLiteral("mallory"));
        QVERIFY(mallory2);
        Document forger2 = Document::decodeSnapshot(mallory2->doc.encodeSnapshot(), angieReplica).value();
        QCOMPARE(codeOf(mallory2->send({forger2.localInsert(0, QStringLiteral("X")).value()})), QStringLiteral("forbidden"));
        QCOMPARE(typeOf(angie->insert(0, QStringLiteral("Still mine: "))), QStringLiteral("ack"));
        QTRY_COMPARE_WITH_TIMEOUT(noteText(1), angie->doc.text(), 5000);
    }

    // Two members send their first operation under the same fresh replica id, one on each node,
    // at once: exactly one wins, and both nodes hold the same text.
    void oneFreshReplicaIdHasOneOwner()
    {
        auto eve = editor(0, QStringLiteral("eve"));
        auto oscar = editor(1, QStringLiteral("oscar"));
        QVERIFY(eve && oscar);
        QTRY_COMPARE_WITH_TIMEOUT(lastSeq(1), lastSeq(0), 5000);
        const quint64 shared = QRandomGenerator::global()->generate64() | 1;
        Document e = Document::decodeSnapshot(eve->doc.encodeSnapshot(), shared).value();
        Document o = Document::decodeSnapshot(oscar->doc.encodeSnapshot(), shared).value();
        const Operation fromEve = e.localInsert(0, QStringLiteral("EVE ")).value();
        const Operation fromOscar = o.localInsert(0, QStringLiteral("OSCAR ")).value();
        QCOMPARE(fromEve.id, fromOscar.id);
        const int eveFrom = eve->ws.receivedCount();
        const int oscarFrom = oscar->ws.receivedCount();
        eve->ws.sendJson(eve->opsMessage({fromEve}));
        oscar->ws.sendJson(oscar->opsMessage({fromOscar}));
        auto reply = [](WsNoteEditor &ed, int from) {
            return ed.ws.waitFor([](const QJsonObject &m) {
                const QString t = m.value(QLatin1String("type")).toString();
                return t == QLatin1String("ack") || t == QLatin1String("error");
            }, 5000, from);
        };
        const QJsonObject eveReply = reply(*eve, eveFrom);
        const QJsonObject oscarReply = reply(*oscar, oscarFrom);
        QVERIFY(!eveReply.isEmpty() && !oscarReply.isEmpty());
        QCOMPARE(int(typeOf(eveReply) == QLatin1String("ack")) + int(typeOf(oscarReply) == QLatin1String("ack")), 1);
        const QJsonObject &refused = typeOf(eveReply) == QLatin1String("ack") ? oscarReply : eveReply;
        QCOMPARE(codeOf(refused), QStringLiteral("forbidden"));
        QTRY_COMPARE_WITH_TIMEOUT(lastSeq(1), lastSeq(0), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(noteText(1), noteText(0), 5000);
        QCOMPARE(noteText(0).count(QLatin1String("EVE ")) + noteText(0).count(QLatin1String("OSCAR ")), 1);
    }

    // With --redis-min-replicas 1 a replica claim is trusted only once WAIT counted a replica that
    // has it (as an event is): a failover could otherwise lose the claim and let someone else take
    // the replica id. With the replica down, a member's first operation under a fresh replica id
    // is refused (`unavailable`, at the claim, before anything is stored); once the replica is
    // back, the same operation goes through.
    void replicaClaimsWaitForReplicas()
    {
        TestRedis primary;
        QVERIFY(primary.start());
        TestRedis replica;
        replica.setReplicaOf(primary.port());
        QVERIFY(replica.start());
        const auto replicas = [&primary] { return primary.command({QStringLiteral("INFO"), QStringLiteral("replication")}); };
        // Online: past the initial sync, so that WAIT counts it.
        QTRY_VERIFY_WITH_TIMEOUT(replicas().contains("state=online"), 30000);
        TestServer server;
        server.setRedis(primary.url());
        server.setRedisMinReplicas(1);
        QVERIFY2(server.start(), qPrintable(server.error()));
        const auto seq = [&server] { return server.instance()->hub().log().lastSeq(Course); };

        auto make = [&server](const QString &user) {
            auto e = std::make_unique<WsNoteEditor>();
            return joinAs(e->ws, server.wsUrl(), user) && e->syncFresh() ? std::move(e) : nullptr;
        };
        auto angie = make(QStringLiteral("angie.nguyen"));
        auto ben = make(QStringLiteral("Ben.Ortiz")); // joined while the replica is up (names wait too)
        QVERIFY(angie && ben);
        QCOMPARE(typeOf(angie->insert(0, QStringLiteral("replicated "))), QStringLiteral("ack"));
        QTRY_VERIFY_WITH_TIMEOUT((ben->absorb(), ben->doc.text() == angie->doc.text()), 5000);

        replica.kill();
        QTRY_VERIFY_WITH_TIMEOUT(replicas().contains("connected_slaves:0"), 10000);
        const quint64 before = seq();
        const Operation first = ben->doc.localInsert(0, QStringLiteral("ben: ")).value();
        const QJsonObject refused = ben->send({first}, 15000);
        QCOMPARE(codeOf(refused), QStringLiteral("unavailable"));
        QVERIFY(refused.value(QLatin1String("retryable")).toBool());
        QVERIFY2(messageOf(refused).contains(QLatin1String("replica ids")), qPrintable(messageOf(refused)));
        QCOMPARE(seq(), before);

        replica.setReplicaOf(primary.port());
        QVERIFY(replica.start());
        QTRY_VERIFY_WITH_TIMEOUT(replicas().contains("state=online"), 30000);
        QJsonObject ack;
        QTRY_VERIFY_WITH_TIMEOUT(typeOf(ack = ben->send({first}, 15000)) == QLatin1String("ack"), 30000);
        // Applied now, or by an earlier retry that the claim let through and the event log then
        // refused (WAIT before the replica caught up): stored once either way, as the texts show.
        QCOMPARE(ack.value(QLatin1String("applied")).toInt() + ack.value(QLatin1String("duplicates")).toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT((angie->absorb(), angie->doc.text() == ben->doc.text()), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(server.instance()->hub().noteDocument(Course, QStringLiteral("class-notes")).value()->text(),
                                  ben->doc.text(), 5000);
        QCOMPARE(ben->doc.text(), QStringLiteral("ben: replicated "));
        // The claim is Ben's in Redis, by his normalized name.
        const QByteArray owner = primary.command({QStringLiteral("HGET"), QStringLiteral("collab:course:CECS327:replicas"),
                                                  collab::crdt::replicaToString(ben->doc.replica())});
        QCOMPARE(owner, QByteArray("ben.ortiz"));
    }
};

QTEST_GUILESS_MAIN(TestRedisNoteTrust)
#include "tst_redis_note_trust.moc"
