// Course interactions across two nodes of one Redis (issue 14, part 9): a reaction, a reply, a
// pin and an endorsement made on node B reach node A's members live and its reads; a vote on node
// B is in the tally on node A (and the other way round), counts exact; an anonymous question
// asked on A reaches a classmate on B without its author; the office-hours queue is one queue for
// both nodes.
#include "interactiontesthelpers.h"
#include "testredis.h"

#include <QJsonArray>
#include <QTest>

using namespace interactiontest;

class TestRedisInteractions : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    TestServer m_a;
    TestServer m_b;
    std::unique_ptr<WsTestClient> m_prof;  // on A
    std::unique_ptr<WsTestClient> m_angie; // on A
    std::unique_ptr<WsTestClient> m_ben;   // on B
    std::unique_ptr<WsTestClient> m_carol; // on B
    QStringList m_carolFrames;

    void configure(TestServer &node)
    {
        node.setConfig(coursetest::config());
        node.setLimits(TestServer::unlimited());
        node.setRedis(m_redis.url(), 2000);
    }

    // Retries `message` on `c` while the node has not applied what it refers to yet (not_found).
    QJsonObject untilFound(WsTestClient &c, const QJsonObject &message)
    {
        QJsonObject answer;
        (void)QTest::qWaitFor([&] {
            answer = c.request(message);
            return code(answer) != QLatin1String("not_found");
        }, 5000);
        return answer;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_redis.start());
        configure(m_a);
        configure(m_b);
        QVERIFY2(m_a.start(), qPrintable(m_a.error()));
        QVERIFY2(m_b.start(), qPrintable(m_b.error()));
        m_prof = joinedAs(m_a.wsUrl(), QStringLiteral("prof.lee"));
        m_angie = joinedAs(m_a.wsUrl(), QStringLiteral("angie.nguyen"));
        m_ben = joinedAs(m_b.wsUrl(), QStringLiteral("ben.ortiz"));
        m_carol = std::make_unique<WsTestClient>();
        connect(&m_carol->socket(), &QWebSocket::textMessageReceived, this, [this](const QString &f) { m_carolFrames << f; });
        QVERIFY(m_carol->open(m_b.wsUrl()));
        QVERIFY(!m_carol->helloAndJoin(QStringLiteral("carol.diaz"), Course, JoinCode).isEmpty());
        QVERIFY(m_prof && m_angie && m_ben);
    }

    void aVoteOnOneNodeIsInTheTallyOnTheOther()
    {
        const QJsonObject created = m_prof->request(withCourse("poll.create", {{QStringLiteral("channel"), QStringLiteral("general")},
                                                                              {QStringLiteral("question"), QStringLiteral("Lab today?")},
                                                                              {QStringLiteral("options"), QJsonArray{QStringLiteral("yes"), QStringLiteral("no")}}}));
        QVERIFY2(isAck(created), json(created).constData());
        const double poll = created.value(QLatin1String("poll")).toDouble();
        QVERIFY(isAck(untilFound(*m_ben, withCourse("poll.vote", {{QStringLiteral("poll"), poll}, {QStringLiteral("options"), QJsonArray{1}}}))));
        QVERIFY(isAck(untilFound(*m_carol, withCourse("poll.vote", {{QStringLiteral("poll"), poll}, {QStringLiteral("options"), QJsonArray{1}}}))));
        QVERIFY(isAck(m_angie->request(withCourse("poll.vote", {{QStringLiteral("poll"), poll}, {QStringLiteral("options"), QJsonArray{0}}}))));
        // The tally on A holds B's votes once A has applied them (acks come after the writer's node applied).
        QTRY_COMPARE_WITH_TIMEOUT(m_prof->request(withCourse("poll", {{QStringLiteral("poll"), poll}})).value(QLatin1String("poll")).toObject()
                                      .value(QLatin1String("counts")).toArray(), (QJsonArray{1, 2}), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_ben->request(withCourse("poll", {{QStringLiteral("poll"), poll}})).value(QLatin1String("poll")).toObject()
                                      .value(QLatin1String("counts")).toArray(), (QJsonArray{1, 2}), 5000);
        // A second anonymous-free vote change on B shows on A too.
        QVERIFY(isAck(m_ben->request(withCourse("poll.vote", {{QStringLiteral("poll"), poll}, {QStringLiteral("options"), QJsonArray{0}}}))));
        QTRY_COMPARE_WITH_TIMEOUT(m_prof->request(withCourse("poll", {{QStringLiteral("poll"), poll}})).value(QLatin1String("poll")).toObject()
                                      .value(QLatin1String("counts")).toArray(), (QJsonArray{2, 1}), 5000);
    }

    void threadsReactionsAndPinsCrossNodes()
    {
        const QJsonObject asked = post(*m_angie, QStringLiteral("homework"), QStringLiteral("Why quorums?"), {{QStringLiteral("question"), true}});
        QVERIFY(isAck(asked));
        const double question = double(idOf(asked));
        const int from = m_angie->receivedCount();
        const QJsonObject reply = untilFound(*m_ben, msg("chat.send", {{QStringLiteral("course"), Course}, {QStringLiteral("channel"), QStringLiteral("homework")},
                                                                      {QStringLiteral("text"), QStringLiteral("Overlap.")}, {QStringLiteral("replyTo"), question},
                                                                      {QStringLiteral("clientMsgId"), QStringLiteral("ben-reply-1")}}));
        QVERIFY2(isAck(reply), json(reply).constData());
        QVERIFY(isAck(untilFound(*m_ben, withCourse("react", {{QStringLiteral("id"), question}, {QStringLiteral("emoji"), QStringLiteral("👍")}}))));
        const QJsonObject reacted = eventOf(*m_angie, QStringLiteral("message.reacted"), from);
        QCOMPARE(reacted.value(QLatin1String("data")).toObject().value(QLatin1String("user")).toString(), QStringLiteral("ben.ortiz"));
        QVERIFY(isAck(untilFound(*m_prof, withCourse("endorse", {{QStringLiteral("id"), double(idOf(reply))}}))));
        QVERIFY(isAck(m_prof->request(withCourse("pin", {{QStringLiteral("id"), question}}))));
        QTRY_VERIFY_WITH_TIMEOUT(m_ben->request(withCourse("pins", {{QStringLiteral("channel"), QStringLiteral("homework")}}))
                                     .value(QLatin1String("messages")).toArray().size() == 1, 5000);
        const QJsonObject thread = m_angie->request(withCourse("thread", {{QStringLiteral("id"), question}}));
        QCOMPARE(thread.value(QLatin1String("replies")).toArray().size(), 1);
        QCOMPARE(thread.value(QLatin1String("answers")).toArray().size(), 1);
        QCOMPARE(thread.value(QLatin1String("root")).toObject().value(QLatin1String("reactions")).toArray().size(), 1);
    }

    void anonymousOnNodeAReachesNodeBWithoutItsAuthor()
    {
        const QJsonObject asked = post(*m_angie, QStringLiteral("homework"), QStringLiteral("Embarrassing: what is a quorum?"),
                                       {{QStringLiteral("question"), true}, {QStringLiteral("anonymous"), true}});
        QVERIFY2(isAck(asked), json(asked).constData());
        const QJsonObject seen = m_carol->waitFor([&](const QJsonObject &o) {
            return type(o) == QLatin1String("event") && quint64(o.value(QLatin1String("seq")).toDouble()) == idOf(asked);
        });
        QVERIFY(!seen.isEmpty());
        QVERIFY(!seen.value(QLatin1String("data")).toObject().contains(QLatin1String("author")));
        for (const QString &frame : std::as_const(m_carolFrames))
            QVERIFY2(!(frame.contains(QStringLiteral("angie.nguyen")) && frame.contains(QStringLiteral("Embarrassing"))), qPrintable(frame.left(300)));
        // The moderator on node A sees who it was.
        const QJsonObject profSeen = m_prof->waitFor([&](const QJsonObject &o) {
            return type(o) == QLatin1String("event") && quint64(o.value(QLatin1String("seq")).toDouble()) == idOf(asked);
        });
        QCOMPARE(profSeen.value(QLatin1String("data")).toObject().value(QLatin1String("author")).toString(), QStringLiteral("angie.nguyen"));
    }

    void oneQueueForBothNodes()
    {
        QVERIFY(isAck(m_prof->request(withCourse("queue.open", {{QStringLiteral("channel"), QStringLiteral("general")}}))));
        QJsonObject joined; // retried while node B has not applied queue.opened yet (not a queue there)
        (void)QTest::qWaitFor([&] {
            joined = m_ben->request(withCourse("queue.join", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("topic"), QStringLiteral("lab 2")}}));
            return code(joined) != QLatin1String("invalid_value");
        }, 5000);
        QCOMPARE(joined.value(QLatin1String("position")).toInt(), 1);
        const int from = m_ben->receivedCount();
        QJsonObject taken; // retried while node A has not applied ben's queue.joined yet
        (void)QTest::qWaitFor([&] {
            taken = m_prof->request(withCourse("queue.action", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("action"), QStringLiteral("take")}}));
            return code(taken) != QLatin1String("not_found");
        }, 5000);
        QCOMPARE(taken.value(QLatin1String("user")).toString(), QStringLiteral("ben.ortiz"));
        const QJsonObject told = eventOf(*m_ben, QStringLiteral("queue.changed"), from);
        QCOMPARE(told.value(QLatin1String("data")).toObject().value(QLatin1String("action")).toString(), QStringLiteral("take"));
    }
};

QTEST_GUILESS_MAIN(TestRedisInteractions)
#include "tst_redis_interactions.moc"
