// What goes wrong between nodes and Redis: Redis killed in the middle of a stream of sends and
// restarted, pub/sub messages lost on the way, and the inbox for other systems.
#include "redistesthelpers.h"
#include "testredis.h"

#include "redis/redisconnection.h"
#include "redis/redisfeed.h"
#include "redis/redisnode.h"

#include <QSet>

using namespace redistest;

class TestRedisFailures : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    TestServer m_a;
    TestServer m_b;

    static collab::server::RedisNode &redisOf(TestServer &s) { return *s.instance()->redisNode(); }

    static int copiesOf(const QJsonArray &messages, const QString &clientMsgId)
    {
        int n = 0;
        for (const QJsonValue &m : messages)
            n += m.toObject().value(QLatin1String("clientMsgId")).toString() == clientMsgId ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_redis.start());
        m_a.setRedis(m_redis.url());
        m_b.setRedis(m_redis.url());
        m_a.setLimits(TestServer::unlimited()); // streams of sends: no rate limit in the way
        m_b.setLimits(TestServer::unlimited());
        QVERIFY(m_a.start());
        QVERIFY(m_b.start());
    }

    void cleanupTestCase()
    {
        m_a.stop();
        m_b.stop();
        m_redis.stop();
    }

    void redisKilledMidStreamLosesNothing()
    {
        WsTestClient sender, watcher;
        QVERIFY(joinAs(sender, m_a.wsUrl(), QStringLiteral("ann")));
        QVERIFY(joinAs(watcher, m_b.wsUrl(), QStringLiteral("bob")));
        const int watcherStart = int(events(watcher).size());

        // A stream of sends, at most 8 unanswered at a time; Redis is SIGKILLed the moment the 30th
        // ack arrives, so the kill lands in the middle of the stream.
        const int total = 400;
        const int window = 8;
        int acks = 0, sent = 0;
        const auto sendNext = [&] {
            QJsonObject m = chatSend(QStringLiteral("m%1").arg(sent), QStringLiteral("k-%1").arg(sent));
            m.insert(QStringLiteral("ref"), 1000 + sent);
            sender.sendJson(m);
            ++sent;
        };
        connect(&sender.socket(), &QWebSocket::textMessageReceived, this, [&](const QString &text) {
            const bool ack = text.contains(QLatin1String("\"type\":\"ack\""));
            if (!ack && !text.contains(QLatin1String("\"type\":\"error\"")))
                return;
            if (ack && ++acks == 30)
                m_redis.kill();
            if (sent < total)
                sendNext();
        });
        while (sent < window)
            sendNext();

        // Once Redis is gone, sends are refused with `unavailable`; then Redis comes back on the same
        // port and directory (appendonly) and the nodes reconnect. Writes Redis had answered but whose
        // events had not reached the node's projection yet are acknowledged after the reconnect.
        QTRY_VERIFY_WITH_TIMEOUT(sent == total, 20000);
        QVERIFY(!m_redis.isRunning());
        QVERIFY(m_redis.start());
        QTRY_VERIFY_WITH_TIMEOUT(redisOf(m_a).commands().isConnected() && redisOf(m_b).commands().isConnected(), 10000);

        // Every send is answered: an ack, or `unavailable` (retryable).
        const auto answered = [&] {
            QSet<int> refs;
            for (const QJsonObject &o : sender.received())
                if (o.contains(QLatin1String("ref")))
                    refs.insert(o.value(QLatin1String("ref")).toInt());
            return refs;
        };
        QTRY_COMPARE_WITH_TIMEOUT(int(answered().size()), total + 2, 20000); // + hello and join
        QSet<QString> acked;
        QStringList toResend;
        for (const QJsonObject &o : sender.received()) {
            const int ref = o.value(QLatin1String("ref")).toInt();
            if (ref < 1000)
                continue;
            if (o.value(QLatin1String("type")).toString() == QLatin1String("ack")) {
                acked.insert(QStringLiteral("k-%1").arg(ref - 1000));
            } else {
                QCOMPARE(o.value(QLatin1String("code")).toString(), QStringLiteral("unavailable"));
                QVERIFY(o.value(QLatin1String("retryable")).toBool());
                toResend << QString::number(ref - 1000);
            }
        }
        QVERIFY(acked.size() >= 30);
        QVERIFY2(!toResend.isEmpty(), "the kill came too late to refuse anything");

        // The outbox resends what was refused, with the same clientMsgIds.
        const int before = sender.receivedCount();
        for (const QString &i : std::as_const(toResend)) {
            QJsonObject m = chatSend(QStringLiteral("m%1").arg(i), QStringLiteral("k-%1").arg(i));
            m.insert(QStringLiteral("ref"), 100000 + i.toInt());
            sender.sendJson(m);
        }
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            int n = 0;
            for (int j = before; j < sender.receivedCount(); ++j)
                n += sender.received()[j].value(QLatin1String("type")).toString() == QLatin1String("ack") ? 1 : 0;
            return n == toResend.size();
        }(), 20000);

        // Every message exactly once on both nodes, in one order, ids without holes.
        QJsonArray onA, onB;
        QTRY_VERIFY_WITH_TIMEOUT((onA = allMessages(m_a.httpUrl({}).toString()), onA.size() >= total), 10000);
        QTRY_COMPARE_WITH_TIMEOUT((onB = allMessages(m_b.httpUrl({}).toString())), onA, 10000);
        for (int i = 0; i < total; ++i)
            QVERIFY2(copiesOf(onA, QStringLiteral("k-%1").arg(i)) == 1, qPrintable(QStringLiteral("k-%1").arg(i)));
        for (const QString &k : std::as_const(acked))
            QCOMPARE(copiesOf(onA, k), 1);

        // The watcher on the other node saw each event once, in seq order, none missing.
        QTRY_VERIFY_WITH_TIMEOUT(postedTexts(watcher).size() >= total, 10000);
        const QList<qint64> s = seqs(watcher).mid(watcherStart);
        for (int i = 1; i < s.size(); ++i)
            QCOMPARE(s[i], s[i - 1] + 1);
        qInfo("acked before the kill: %d; refused and resent: %d", int(acked.size()), int(toResend.size()));
    }

    void lostPubSubMessagesAreFetched()
    {
        WsTestClient watcher;
        QVERIFY(joinAs(watcher, m_b.wsUrl(), QStringLiteral("cat")));
        const QUrl post = m_a.httpUrl(QStringLiteral("/api/v1/courses/CECS327/channels/general/messages"));
        collab::server::RedisFeed &feed = redisOf(m_b).feed();
        const quint64 repairs = feed.gapRepairs();

        // Node B loses three messages in the middle: the fourth shows the gap.
        feed.dropIncoming(3);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(rest(post, "POST", {{QStringLiteral("text"), QStringLiteral("gap %1").arg(i)}}).first, 201);
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(watcher).mid(postedTexts(watcher).size() - 5),
                                  (QStringList{QStringLiteral("gap 0"), QStringLiteral("gap 1"), QStringLiteral("gap 2"),
                                               QStringLiteral("gap 3"), QStringLiteral("gap 4")}),
                                  5000);
        QVERIFY(feed.gapRepairs() > repairs);

        // Losing the last message: nothing follows to show the gap; the head check finds it.
        feed.dropIncoming(1);
        QCOMPARE(rest(post, "POST", {{QStringLiteral("text"), QStringLiteral("the last one")}}).first, 201);
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(watcher).last(), QStringLiteral("the last one"), 5000);

        const QList<qint64> s = seqs(watcher);
        for (int i = 1; i < s.size(); ++i)
            QCOMPARE(s[i], s[i - 1] + 1);

        // A stray message with a made-up seq far ahead is checked against the log and ignored.
        m_redis.command({QStringLiteral("PUBLISH"), QStringLiteral("collab:course:CECS327"),
                         QStringLiteral(R"({"course":"CECS327","seq":999999,"kind":"chat.posted","ts":1,"data":{"channel":"general","author":"x","text":"fake"}})")});
        QCOMPARE(rest(post, "POST", {{QStringLiteral("text"), QStringLiteral("after the stray")}}).first, 201);
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(watcher).last(), QStringLiteral("after the stray"), 5000);
        QVERIFY(!postedTexts(watcher).contains(QStringLiteral("fake")));
    }

    void inboxPostsValidMessagesOnce()
    {
        WsTestClient watcher;
        QVERIFY(joinAs(watcher, m_b.wsUrl(), QStringLiteral("dee")));
        const QString inbox = QStringLiteral("collab:inbox:CECS327");
        const QStringList bad = {
            QStringLiteral("not json"),
            QStringLiteral(R"({"channel":"nope","author":"cron","text":"unknown channel"})"),
            QStringLiteral(R"({"channel":"general","text":"no author"})"),
            QStringLiteral(R"({"channel":"general","author":"cron","text":"   "})"),
            QStringLiteral(R"({"channel":"general","author":"bad name!","text":"bad author"})"),
        };
        for (const QString &b : bad)
            m_redis.command({QStringLiteral("LPUSH"), inbox, b});
        m_redis.command({QStringLiteral("LPUSH"), inbox,
                         QStringLiteral(R"({"channel":"general","author":"cron","text":"inbox one","clientMsgId":"cron-1"})")});
        m_redis.command({QStringLiteral("LPUSH"), inbox, QStringLiteral(R"({"channel":"general","author":"cron","text":"inbox two"})")});
        // The same clientMsgId again: a retry by the publisher, stored once.
        m_redis.command({QStringLiteral("LPUSH"), inbox,
                         QStringLiteral(R"({"channel":"general","author":"cron","text":"inbox one","clientMsgId":"cron-1"})")});

        QTRY_VERIFY_WITH_TIMEOUT(postedTexts(watcher).contains(QStringLiteral("inbox two")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_redis.command({QStringLiteral("LLEN"), inbox}), QByteArray("0"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(postedTexts(watcher).contains(QStringLiteral("inbox one")), 5000);
        QCOMPARE(postedTexts(watcher).count(QStringLiteral("inbox one")), 1);
        QCOMPARE(postedTexts(watcher).count(QStringLiteral("inbox two")), 1);
        for (const QString &text : {QStringLiteral("unknown channel"), QStringLiteral("no author"), QStringLiteral("bad author")})
            QVERIFY(!postedTexts(watcher).contains(text));
        const QJsonObject posted = events(watcher, QStringLiteral("chat.posted")).last().value(QLatin1String("data")).toObject();
        QCOMPARE(posted.value(QLatin1String("author")).toString(), QStringLiteral("cron"));
    }
};

QTEST_GUILESS_MAIN(TestRedisFailures)
#include "tst_redis_failures.moc"
