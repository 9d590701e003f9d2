// Two and three nodes sharing one Redis: chat, REST, notes, typing, presence and idempotent
// retries reach every node, in one order.
#include "redistesthelpers.h"
#include "redisnodes.h"

#include "hub/hub.h"
#include "redis/redisnode.h"

#include <QRegularExpression>

using namespace redistest;

class TestRedisNodes : public QObject
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

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_cluster.start(3)); }

    void cleanupTestCase() { m_cluster.stop(); }

    void chatReachesEveryNodeInOneOrder()
    {
        WsTestClient a, b, c;
        QVERIFY(joinAs(a, node(0).wsUrl(), QStringLiteral("ann")));
        QVERIFY(joinAs(b, node(1).wsUrl(), QStringLiteral("bob")));
        QVERIFY(joinAs(c, node(2).wsUrl(), QStringLiteral("cat")));

        // Interleaved sends from three nodes, without waiting for acks.
        const int perNode = 40;
        for (int i = 0; i < perNode; ++i) {
            a.sendJson(chatSend(QStringLiteral("a%1").arg(i), QStringLiteral("a-%1").arg(i)));
            b.sendJson(chatSend(QStringLiteral("b%1").arg(i), QStringLiteral("b-%1").arg(i)));
            c.sendJson(chatSend(QStringLiteral("c%1").arg(i), QStringLiteral("c-%1").arg(i)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(a).size(), 3 * perNode, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(b).size(), 3 * perNode, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(c).size(), 3 * perNode, 15000);
        QCOMPARE(postedTexts(a), postedTexts(b));
        QCOMPARE(postedTexts(a), postedTexts(c));
        const QString posted = QStringLiteral("chat.posted");
        QCOMPARE(seqs(a, posted), seqs(b, posted));
        QCOMPARE(seqs(a, posted), seqs(c, posted));
        // Each client saw every event after its join once, in seq order, without holes.
        for (const WsTestClient *client : {&a, &b, &c}) {
            const QList<qint64> s = seqs(*client);
            for (int i = 1; i < s.size(); ++i)
                QCOMPARE(s[i], s[i - 1] + 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.receivedOfType(QStringLiteral("ack")).size(), perNode, 5000);

        // Every node's REST history has the same messages.
        const QJsonArray h0 = allMessages(node(0).httpUrl({}).toString());
        QCOMPARE(allMessages(node(1).httpUrl({}).toString()), h0);
        QCOMPARE(allMessages(node(2).httpUrl({}).toString()), h0);
    }

    void restOnOneNodeReachesWebSocketsOnAnother()
    {
        WsTestClient b;
        QVERIFY(joinAs(b, node(1).wsUrl(), QStringLiteral("bob")));
        const auto [status, body] = rest(node(0).httpUrl(QStringLiteral("/api/v1/courses/CECS327/channels/general/messages")), "POST",
                                         {{QStringLiteral("author"), QStringLiteral("lms")}, {QStringLiteral("text"), QStringLiteral("from REST on node 0")}});
        QCOMPARE(status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(postedTexts(b).contains(QStringLiteral("from REST on node 0")), 5000);
        const QJsonObject e = events(b, QStringLiteral("chat.posted")).last();
        QCOMPARE(qint64(e.value(QLatin1String("seq")).toDouble()), qint64(body.value(QLatin1String("seq")).toDouble()));
    }

    void retryOnAnotherNodeIsStoredOnce()
    {
        WsTestClient a, b;
        a.setTokenScope(m_cluster.redis().url()); // one name on two nodes: it brings the token its claim got
        b.setTokenScope(m_cluster.redis().url());
        QVERIFY(joinAs(a, node(0).wsUrl(), QStringLiteral("dan")));
        QVERIFY(joinAs(b, node(1).wsUrl(), QStringLiteral("dan")));
        // The same message to two nodes at once: one stores it, the other answers with its id.
        QJsonObject m1 = chatSend(QStringLiteral("only once"), QStringLiteral("once-1"));
        QJsonObject m2 = m1;
        m1.insert(QStringLiteral("ref"), 7001);
        m2.insert(QStringLiteral("ref"), 7002);
        a.sendJson(m1);
        b.sendJson(m2);
        const QJsonObject ackA = a.waitFor([](const QJsonObject &o) { return o.value(QLatin1String("ref")).toInt() == 7001; });
        const QJsonObject ackB = b.waitFor([](const QJsonObject &o) { return o.value(QLatin1String("ref")).toInt() == 7002; });
        QCOMPARE(ackA.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QCOMPARE(ackB.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QCOMPARE(ackA.value(QLatin1String("id")), ackB.value(QLatin1String("id")));
        QVERIFY(ackA.value(QLatin1String("duplicate")).toBool() != ackB.value(QLatin1String("duplicate")).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(postedTexts(a).contains(QStringLiteral("only once")), 5000);
        QCOMPARE(postedTexts(a).count(QStringLiteral("only once")), 1);
        int copies = 0;
        for (const QJsonValue &m : allMessages(node(2).httpUrl({}).toString()))
            copies += m.toObject().value(QLatin1String("clientMsgId")).toString() == QLatin1String("once-1") ? 1 : 0;
        QCOMPARE(copies, 1);
    }

    void noteEditsConvergeOnEveryNode()
    {
        WsTestClient c;
        QVERIFY(joinAs(c, node(2).wsUrl(), QStringLiteral("cat")));
        const QUrl edits0 = node(0).httpUrl(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes/edits"));
        const QUrl edits1 = node(1).httpUrl(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes/edits"));
        QCOMPARE(rest(edits0, "POST", {{QStringLiteral("op"), QStringLiteral("append")}, {QStringLiteral("text"), QStringLiteral("Week 1: ")}}).first, 200);
        QTRY_COMPARE_WITH_TIMEOUT(noteText(1), QStringLiteral("Week 1: "), 5000);
        QCOMPARE(rest(edits1, "POST", {{QStringLiteral("op"), QStringLiteral("append")}, {QStringLiteral("text"), QStringLiteral("clocks")}}).first, 200);
        const QJsonObject action = c.request({{QStringLiteral("type"), QStringLiteral("edit")}, {QStringLiteral("course"), Course},
                                              {QStringLiteral("note"), QStringLiteral("class-notes")},
                                              {QStringLiteral("action"), QStringLiteral("insert_line")},
                                              {QStringLiteral("text"), QStringLiteral("Lamport")}});
        QCOMPARE(action.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        const QString expected = QStringLiteral("Week 1: clocks\nLamport");
        QTRY_COMPARE_WITH_TIMEOUT(noteText(0), expected, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(noteText(1), expected, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(noteText(2), expected, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(events(c, QStringLiteral("note.ops")).size() >= 3, 5000);
        const auto [status, note] = rest(node(0).httpUrl(QStringLiteral("/api/v1/courses/CECS327/notes/class-notes")), "GET");
        QCOMPARE(status, 200);
        QCOMPARE(note.value(QLatin1String("text")).toString(), expected);
    }

    void typingAndPresenceCrossNodes()
    {
        WsTestClient a;
        QVERIFY(joinAs(a, node(0).wsUrl(), QStringLiteral("eve")));
        WsTestClient b;
        QVERIFY(joinAs(b, node(1).wsUrl(), QStringLiteral("fay")));
        // eve (node 0) sees fay (node 1) come online, and fay saw eve in joined.members.
        a.waitFor([](const QJsonObject &o) {
            return o.value(QLatin1String("type")).toString() == QLatin1String("presence")
                   && o.value(QLatin1String("user")).toString() == QLatin1String("fay")
                   && o.value(QLatin1String("online")).toBool();
        });
        QVERIFY(!a.waitFor([](const QJsonObject &o) {
                      return o.value(QLatin1String("type")).toString() == QLatin1String("presence")
                             && o.value(QLatin1String("user")).toString() == QLatin1String("fay");
                  }).isEmpty());

        b.sendJson({{QStringLiteral("type"), QStringLiteral("typing")}, {QStringLiteral("course"), Course},
                    {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("active"), true}});
        QVERIFY(!a.waitFor([](const QJsonObject &o) {
                      return o.value(QLatin1String("type")).toString() == QLatin1String("typing")
                             && o.value(QLatin1String("user")).toString() == QLatin1String("fay");
                  }).isEmpty());

        // REST presence on node 2 (where neither is connected) lists both online.
        const auto online = [this](const QString &user) {
            const auto [status, body] = rest(node(2).httpUrl(QStringLiteral("/api/v1/courses/CECS327/presence")), "GET");
            for (const QJsonValue &m : body.value(QLatin1String("members")).toArray())
                if (m.toObject().value(QLatin1String("user")).toString() == user)
                    return m.toObject().value(QLatin1String("online")).toBool();
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(online(QStringLiteral("eve")) && online(QStringLiteral("fay")), 5000);

        // fay leaves: eve hears it, node 2 agrees.
        const int from = a.receivedCount();
        b.close();
        QVERIFY(!a.waitFor([](const QJsonObject &o) {
                      return o.value(QLatin1String("type")).toString() == QLatin1String("presence")
                             && o.value(QLatin1String("user")).toString() == QLatin1String("fay")
                             && !o.value(QLatin1String("online")).toBool();
                  }, 5000, from).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!online(QStringLiteral("fay")), 5000);
        QVERIFY(online(QStringLiteral("eve")));
    }

    void passwordProtectedRedis()
    {
        TestRedis secured;
        secured.setPassword(QStringLiteral("s3cret-pass"));
        QVERIFY(secured.start());
        TestServer wrong;
        wrong.setRedis(secured.urlWithPassword(QStringLiteral("not-it")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("AUTH failed")));
        QVERIFY(!wrong.start()); // refused at start, with the reason

        TestServer right;
        right.setRedis(secured.urlWithPassword(QStringLiteral("s3cret-pass")));
        QVERIFY(right.start());
        WsTestClient client;
        QVERIFY(joinAs(client, right.wsUrl(), QStringLiteral("ida")));
        const QJsonObject ack = client.request(chatSend(QStringLiteral("behind a password"), QStringLiteral("pw-1")));
        QCOMPARE(ack.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QCOMPARE(secured.command({QStringLiteral("GET"), QStringLiteral("collab:course:CECS327:seq")}), QByteArray("2"));
    }

    void joinedMembersShowOtherNodes()
    {
        WsTestClient a;
        QVERIFY(joinAs(a, node(0).wsUrl(), QStringLiteral("gus")));
        WsTestClient b;
        QVERIFY(b.open(node(1).wsUrl()));
        QJsonObject joined;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            // The directory is refreshed through Redis: a join right after may not see gus yet.
            WsTestClient probe;
            if (!probe.open(node(1).wsUrl()))
                return false;
            joined = probe.helloAndJoin(QStringLiteral("hal"), Course, QString::fromLatin1(TestServer::JoinCode));
            for (const QJsonValue &m : joined.value(QLatin1String("members")).toArray())
                if (m.toObject().value(QLatin1String("user")).toString() == QLatin1String("gus"))
                    return m.toObject().value(QLatin1String("online")).toBool();
            return false;
        }(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestRedisNodes)
#include "tst_redis_nodes.moc"
