// A node (a real collab-server process) SIGKILLed while its clients are connected: they reconnect
// to another node and resume from the last seq they saw, exactly; the dead node's users go offline
// when their presence expires; a node restarted on the same data shows no ghosts.
#include "redistesthelpers.h"
#include "testredis.h"

#include "serverprocess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace redistest;

class TestRedisNodeKill : public QObject
{
    Q_OBJECT

private:
    static constexpr int PresenceTtlMs = 1500;
    TestRedis m_redis;
    TestServer m_survivor;
    QTemporaryDir m_dir;
    QString m_configPath;

    // Starts collab-server with --redis on a free port; returns the port it printed (0 on failure).
    quint16 startNode(QProcess &process, int presenceTtlMs = PresenceTtlMs)
    {
        process.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        process.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                              m_dir.filePath(QStringLiteral("node")), QStringLiteral("--config"), m_configPath,
                              QStringLiteral("--redis"), m_redis.url(), QStringLiteral("--presence-ttl"),
                              QString::number(presenceTtlMs)});
        return startServerProcess(process);
    }

    QJsonObject presenceOf(const WsTestClient &client, const QString &user, bool online, int from)
    {
        for (int i = from; i < client.receivedCount(); ++i) {
            const QJsonObject &o = client.received()[i];
            if (o.value(QLatin1String("type")).toString() == QLatin1String("presence")
                && o.value(QLatin1String("user")).toString() == user && o.value(QLatin1String("online")).toBool() == online)
                return o;
        }
        return {};
    }

    bool onlineOnSurvivor(const QString &user)
    {
        const auto [status, body] = rest(m_survivor.httpUrl(QStringLiteral("/api/v1/courses/CECS327/presence")), "GET");
        for (const QJsonValue &m : body.value(QLatin1String("members")).toArray())
            if (m.toObject().value(QLatin1String("user")).toString() == user)
                return m.toObject().value(QLatin1String("online")).toBool();
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_configPath = m_dir.filePath(QStringLiteral("config.json"));
        QFile config(m_configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(TestServer::testConfig().toJson()).toJson());
        config.close();
        QVERIFY(m_redis.start());
        m_survivor.setRedis(m_redis.url(), PresenceTtlMs);
        QVERIFY(m_survivor.start());
    }

    void cleanupTestCase()
    {
        m_survivor.stop();
        m_redis.stop();
    }

    void clientsOfAKilledNodeResumeElsewhere()
    {
        QProcess doomed;
        const quint16 port = startNode(doomed);
        QVERIFY(port != 0);
        const QUrl doomedUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));

        WsTestClient watcher; // on the survivor, for presence
        QVERIFY(joinAs(watcher, m_survivor.wsUrl(), QStringLiteral("watcher")));
        WsTestClient victim;
        victim.setTokenScope(QStringLiteral("the shared claims")); // it fails over with its token
        QVERIFY(joinAs(victim, doomedUrl, QStringLiteral("victim")));
        QVERIFY(!watcher.waitFor([&](const QJsonObject &) { return !presenceOf(watcher, QStringLiteral("victim"), true, 0).isEmpty(); }).isEmpty());

        // Traffic from both nodes; the victim sees it through its node.
        const QUrl post = m_survivor.httpUrl(QStringLiteral("/api/v1/courses/CECS327/channels/general/messages"));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(rest(post, "POST", {{QStringLiteral("text"), QStringLiteral("before %1").arg(i)}}).first, 201);
        QVERIFY(victim.request(chatSend(QStringLiteral("victim says hi"), QStringLiteral("v-1"))).value(QLatin1String("type")) == QLatin1String("ack"));
        QTRY_VERIFY_WITH_TIMEOUT(postedTexts(victim).contains(QStringLiteral("victim says hi")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(postedTexts(victim).contains(QStringLiteral("before 9")), 5000);
        const qint64 lastSeen = seqs(victim).last();

        // SIGKILL the node; the course goes on without it.
        const int watcherFrom = watcher.receivedCount();
        doomed.kill();
        QVERIFY(doomed.waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!victim.isConnected(), 5000);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(rest(post, "POST", {{QStringLiteral("text"), QStringLiteral("after %1").arg(i)}}).first, 201);

        // The dead node's user goes offline for everyone once its presence expires (how soon after
        // the kill is a measurement: collab-bench-resilience prints it, docs/benchmarks.md).
        QTRY_VERIFY_WITH_TIMEOUT(!presenceOf(watcher, QStringLiteral("victim"), false, watcherFrom).isEmpty(), 15000);
        QVERIFY(!onlineOnSurvivor(QStringLiteral("victim")));

        // The victim reconnects to the survivor and resumes exactly after what it saw.
        WsTestClient resumed;
        resumed.setTokenScope(QStringLiteral("the shared claims"));
        QVERIFY(resumed.open(m_survivor.wsUrl()));
        const QJsonObject joined = resumed.helloAndJoin(QStringLiteral("victim"), Course, QString::fromLatin1(TestServer::JoinCode), lastSeen);
        QVERIFY(joined.value(QLatin1String("recovered")).toBool());
        QCOMPARE(joined.value(QLatin1String("replayed")).toInt(), 10);
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(resumed).size(), 10, 5000);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(postedTexts(resumed)[i], QStringLiteral("after %1").arg(i));
        QCOMPARE(seqs(resumed).first(), lastSeen + 1);
        // A resend of its last message (the ack might have been lost with the node) is a duplicate.
        const QJsonObject again = resumed.request(chatSend(QStringLiteral("victim says hi"), QStringLiteral("v-1")));
        QVERIFY(again.value(QLatin1String("duplicate")).toBool());
    }

    void restartedNodeShowsNoGhosts()
    {
        // A node with a user online is killed and restarted at once on the same data directory:
        // its old entry is removed at start, long before the (here one minute) TTL would.
        QProcess first;
        const quint16 port = startNode(first, 60000);
        QVERIFY(port != 0);
        WsTestClient ghost;
        QVERIFY(joinAs(ghost, QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)), QStringLiteral("ghost")));
        QTRY_VERIFY_WITH_TIMEOUT(onlineOnSurvivor(QStringLiteral("ghost")), 5000);
        first.kill();
        QVERIFY(first.waitForFinished(5000));

        QVERIFY(onlineOnSurvivor(QStringLiteral("ghost"))); // its entry is good for a minute
        // While it is down the course goes on; at start it catches up from the log before it listens.
        const QUrl post = m_survivor.httpUrl(QStringLiteral("/api/v1/courses/CECS327/channels/general/messages"));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(rest(post, "POST", {{QStringLiteral("text"), QStringLiteral("while down %1").arg(i)}}).first, 201);

        QProcess second;
        const quint16 port2 = startNode(second, 60000);
        QVERIFY(port2 != 0);
        QTRY_VERIFY_WITH_TIMEOUT(!onlineOnSurvivor(QStringLiteral("ghost")), 2000);
        const QJsonArray onRestarted = allMessages(QStringLiteral("http://127.0.0.1:%1").arg(port2));
        QCOMPARE(onRestarted, allMessages(m_survivor.httpUrl({}).toString()));
        QCOMPARE(onRestarted.last().toObject().value(QLatin1String("text")).toString(), QStringLiteral("while down 2"));
        second.terminate();
        QVERIFY(second.waitForFinished(5000));
    }
};

QTEST_GUILESS_MAIN(TestRedisNodeKill)
#include "tst_redis_nodekill.moc"
