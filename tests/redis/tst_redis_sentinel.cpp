// Redis that fails over: a primary, two replicas and three sentinels (redis-server --sentinel),
// two collab-server nodes (child processes) that find the primary through the sentinels and
// acknowledge an event only once a replica has it (minReplicas 1: node A from the configuration
// file, node B from --redis and --redis-min-replicas), under a steady collab-bench load on each.
// The primary is SIGKILLed: the sentinels promote a replica, the nodes follow it, the loads ride
// out the outage with their retries (same clientMsgIds), and at the end each node holds every
// acknowledged message exactly once, both in the same order. The test prints the outage (how long
// writes were refused) and the p99 latencies before and after the failover.
#include "benchprocess.h"
#include "redistesthelpers.h"
#include "serverprocess.h"
#include "testredis.h"

#include "redis/redisendpoint.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <array>
#include <csignal>
#include <sys/prctl.h>

using namespace redistest;
using collab::server::RedisEndpoint;

namespace {

const QString Master = QStringLiteral("mymaster");

// The field/value lines redis-cli prints for SENTINEL MASTER (one per line, alternating).
QHash<QString, QString> pairs(const QByteArray &cliOutput)
{
    QHash<QString, QString> out;
    const QList<QByteArray> lines = cliOutput.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); i += 2)
        out.insert(QString::fromUtf8(lines[i].trimmed()), QString::fromUtf8(lines[i + 1].trimmed()));
    return out;
}

// "ack p99 / delivery p99" in ms.
QString p99(const QJsonObject &benchResult)
{
    const auto field = [&benchResult](const char *name) {
        return QString::number(benchResult.value(QLatin1String(name)).toObject().value(QLatin1String("p99")).toDouble(), 'f', 1);
    };
    return field("ack_ms") + QLatin1Char('/') + field("latency_ms");
}

} // namespace

class TestRedisSentinel : public QObject
{
    Q_OBJECT

private:
    TestRedis m_primary;
    std::array<TestRedis, 2> m_replicas;
    std::array<TestRedis, 3> m_sentinels;
    QTemporaryDir m_dir;
    QProcess m_a;
    QProcess m_b;
    QString m_httpA, m_httpB;

    QString url() const { return sentinelUrl({&m_sentinels[0], &m_sentinels[1], &m_sentinels[2]}, Master); }

    // Nodes are processes of their own, as in production. Their logs go to files in the test's
    // directory (printed when a check fails).
    QString startNode(QProcess &process, const QString &name, const QStringList &extra)
    {
        process.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        process.setArguments(QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                                         m_dir.filePath(name)}
                             + extra);
        process.setStandardErrorFile(m_dir.filePath(name + QStringLiteral(".log")));
        process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); }); // no node outlives a crashed test
        const quint16 port = startServerProcess(process, 20000);
        return port ? QStringLiteral("http://127.0.0.1:%1").arg(port) : QString();
    }
    QString nodeLogs() const
    {
        QString out;
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")}) {
            QFile log(m_dir.filePath(name + QStringLiteral(".log")));
            if (log.open(QIODevice::ReadOnly))
                out += QStringLiteral("--- node %1 (last lines)\n").arg(name) + QString::fromUtf8(log.readAll().right(3000));
        }
        return out;
    }
    static QUrl wsUrl(const QString &httpBase) { return QUrl(QString(httpBase + QStringLiteral("/ws")).replace(QLatin1String("http:"), QLatin1String("ws:"))); }
    static qint64 errorsSent(const QString &httpBase) { return metricValue(httpBase, QStringLiteral("collab_ws_errors_total")); }

    // What a sentinel says about the primary.
    QHash<QString, QString> masterInfo(const TestRedis &sentinel) const
    {
        return pairs(sentinel.command({QStringLiteral("SENTINEL"), QStringLiteral("MASTER"), Master}));
    }
    quint16 primaryPortSeenBy(const TestRedis &sentinel) const
    {
        const QList<QByteArray> lines =
            sentinel.command({QStringLiteral("SENTINEL"), QStringLiteral("GET-MASTER-ADDR-BY-NAME"), Master}).split('\n');
        return lines.size() == 2 ? quint16(lines[1].trimmed().toUInt()) : 0;
    }

    static QString writeConfig(const QString &path, const QJsonObject &redis)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        collab::server::ServerConfig c = TestServer::testConfig();
        c.limits = TestServer::unlimited(); // 40 msg/s per sender is over the default chat limit
        QJsonObject json = c.toJson();
        if (!redis.isEmpty())
            json.insert(QStringLiteral("redis"), redis);
        file.write(QJsonDocument(json).toJson());
        return path;
    }

    // A short load on both nodes; their results.
    std::pair<QJsonObject, QJsonObject> shortLoad(double seconds)
    {
        BenchProcess onA, onB;
        BenchProcess::Load load;
        load.connections = 25;
        load.senders = 3;
        load.rate = 40;
        load.duration = seconds;
        if (!onA.start(wsUrl(m_httpA), load) || !onB.start(wsUrl(m_httpB), load))
            return {};
        if (!QTest::qWaitFor([&] { return !onA.isRunning() && !onB.isRunning(); }, int(seconds * 1000) + 60000))
            return {};
        return {onA.result(), onB.result()};
    }

private Q_SLOTS:
    void sentinelUrlsAreParsed_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("sentinels"); // empty: refused
        QTest::addColumn<QString>("master");
        QTest::addColumn<int>("db");
        QTest::newRow("two, ports") << "redis-sentinel://h1:26379,h2:26380/mymaster" << "h1:26379,h2:26380" << "mymaster" << 0;
        QTest::newRow("default port, db") << "redis-sentinel://10.0.0.1,10.0.0.2:5000/main/3" << "10.0.0.1:26379,10.0.0.2:5000" << "main" << 3;
        QTest::newRow("ipv6") << "redis-sentinel://[::1]:26379/m" << "[::1]:26379" << "m" << 0;
        QTest::newRow("password") << "redis-sentinel://:pw@h1:1/m" << "h1:1" << "m" << 0;
        QTest::newRow("no master") << "redis-sentinel://h1:26379" << "" << "" << 0;
        QTest::newRow("empty master") << "redis-sentinel://h1:26379/" << "" << "" << 0;
        QTest::newRow("bad port") << "redis-sentinel://h1:99999/m" << "" << "" << 0;
        QTest::newRow("empty host") << "redis-sentinel://h1:1,/m" << "" << "" << 0;
        QTest::newRow("bad name") << "redis-sentinel://h1:1/my master" << "" << "" << 0;
        QTest::newRow("bad db") << "redis-sentinel://h1:1/m/x" << "" << "" << 0;
        QTest::newRow("other scheme") << "sentinel://h1:1/m" << "" << "" << 0;
    }

    void sentinelUrlsAreParsed()
    {
        QFETCH(QString, url);
        QFETCH(QString, sentinels);
        QFETCH(QString, master);
        QFETCH(int, db);
        QString error;
        const std::optional<RedisEndpoint> e = RedisEndpoint::parse(url, &error);
        if (sentinels.isEmpty()) {
            QVERIFY(!e);
            QVERIFY2(!error.isEmpty(), qPrintable(url));
            return;
        }
        QVERIFY2(e, qPrintable(error));
        QVERIFY(e->viaSentinel());
        QStringList list;
        for (const RedisEndpoint::Address &a : e->sentinels)
            list << a.toString();
        QCOMPARE(list.join(QLatin1Char(',')), sentinels);
        QCOMPARE(QString::fromUtf8(e->masterName), master);
        QCOMPARE(e->db, db);
        QVERIFY(!e->toString().contains(QLatin1String("pw")));
    }

    void badMinReplicasIsRefused()
    {
        QProcess node;
        node.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        node.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), m_dir.filePath(QStringLiteral("refused")),
                           QStringLiteral("--redis"), QStringLiteral("redis-sentinel://127.0.0.1:1/m"), QStringLiteral("--redis-min-replicas"),
                           QStringLiteral("-1")});
        node.start();
        QVERIFY(node.waitForFinished(10000));
        QCOMPARE(node.exitCode(), 2);
        QVERIFY2(node.readAllStandardError().contains("--redis-min-replicas wants a number"), "the error names the flag");
    }

    void initTestCase()
    {
        QVERIFY2(QFile::exists(BenchProcess::program()), qPrintable(BenchProcess::program()));
        QVERIFY(m_dir.isValid());
        QVERIFY(m_primary.start());
        for (TestRedis &replica : m_replicas) {
            replica.setReplicaOf(m_primary.port());
            QVERIFY(replica.start());
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_primary.command({QStringLiteral("INFO"), QStringLiteral("replication")}).contains("connected_slaves:2"), 30000);
        for (TestRedis &sentinel : m_sentinels) {
            TestRedis::Sentinel s;
            s.masterName = Master;
            s.primaryPort = m_primary.port();
            s.quorum = 2;
            s.downAfterMs = 1000;
            s.failoverTimeoutMs = 3000;
            sentinel.setSentinelOf(s);
            QVERIFY(sentinel.start());
        }
        // Every sentinel knows both replicas and the two other sentinels (they find each other
        // through the primary's hello channel, every 2 s): only then can they agree on a failover.
        for (const TestRedis &sentinel : m_sentinels)
            QTRY_VERIFY_WITH_TIMEOUT(masterInfo(sentinel).value(QStringLiteral("num-slaves")) == QLatin1String("2")
                                         && masterInfo(sentinel).value(QStringLiteral("num-other-sentinels")) == QLatin1String("2"),
                                     30000);

        // Node A from the configuration file alone, node B from the command line.
        const QString configA = writeConfig(m_dir.filePath(QStringLiteral("config-a.json")),
                                            {{QStringLiteral("url"), url()}, {QStringLiteral("minReplicas"), 1}});
        const QString configB = writeConfig(m_dir.filePath(QStringLiteral("config-b.json")), {});
        QVERIFY(!configA.isEmpty() && !configB.isEmpty());
        m_httpA = startNode(m_a, QStringLiteral("a"), {QStringLiteral("--config"), configA});
        m_httpB = startNode(m_b, QStringLiteral("b"),
                            {QStringLiteral("--config"), configB, QStringLiteral("--redis"), url(), QStringLiteral("--redis-min-replicas"),
                             QStringLiteral("1")});
        QVERIFY2(!m_httpA.isEmpty() && !m_httpB.isEmpty(), qPrintable(nodeLogs()));
    }

    void cleanupTestCase()
    {
        for (QProcess *node : {&m_a, &m_b}) {
            node->terminate();
            node->waitForFinished(5000);
        }
        for (TestRedis &sentinel : m_sentinels)
            sentinel.stop();
        for (TestRedis &replica : m_replicas)
            replica.stop();
        m_primary.stop();
    }

    void primaryKilledUnderLoad()
    {
        const auto [beforeA, beforeB] = shortLoad(6);
        QVERIFY2(!beforeA.isEmpty() && !beforeB.isEmpty(), qPrintable(nodeLogs()));
        QCOMPARE(beforeA.value(QLatin1String("unacked")).toInt() + beforeB.value(QLatin1String("unacked")).toInt(), 0);

        // 50 connections, 6 senders x 40 msg/s, half of it on each node.
        BenchProcess onA, onB;
        BenchProcess::Load load;
        load.connections = 25;
        load.senders = 3;
        load.rate = 40;
        load.duration = 25;
        load.drain = 60;
        QVERIFY(onA.start(wsUrl(m_httpA), load));
        QVERIFY(onB.start(wsUrl(m_httpB), load));
        QTRY_VERIFY2_WITH_TIMEOUT(onA.ackedCount() >= 150 && onB.ackedCount() >= 150, qPrintable(onA.log() + onB.log() + nodeLogs()), 30000);

        // SIGKILL the primary, then watch: when the sentinels name another one, when the nodes
        // refuse writes (an error reply on WebSocket: nothing else in this run makes one), and when
        // both acknowledge again.
        const quint16 oldPrimary = m_primary.port();
        const qint64 errorsBeforeA = errorsSent(m_httpA), errorsBeforeB = errorsSent(m_httpB);
        QElapsedTimer sinceKill;
        m_primary.kill();
        sinceKill.start();
        const int ackedAtKillA = onA.ackedCount(), ackedAtKillB = onB.ackedCount();
        qint64 switchedMs = -1, firstRefusalMs = -1, lastRefusalMs = -1, resumedMs = -1;
        qint64 errorsA = errorsBeforeA, errorsB = errorsBeforeB;
        int ackedAtRefusalA = -1, ackedAtRefusalB = -1;
        const bool recovered = QTest::qWaitFor([&] {
            const qint64 now = sinceKill.elapsed();
            if (switchedMs < 0 && primaryPortSeenBy(m_sentinels[0]) != oldPrimary)
                switchedMs = now;
            const qint64 eA = errorsSent(m_httpA), eB = errorsSent(m_httpB);
            if (eA > errorsA || eB > errorsB) {
                if (firstRefusalMs < 0) {
                    firstRefusalMs = now;
                    ackedAtRefusalA = onA.ackedCount();
                    ackedAtRefusalB = onB.ackedCount();
                }
                lastRefusalMs = now;
            }
            errorsA = qMax(errorsA, eA);
            errorsB = qMax(errorsB, eB);
            // Acknowledged again on both nodes: 20 acks past what both had when refusals began.
            if (resumedMs < 0 && ackedAtRefusalA >= 0 && onA.ackedCount() >= ackedAtRefusalA + 20
                && onB.ackedCount() >= ackedAtRefusalB + 20)
                resumedMs = now;
            return switchedMs >= 0 && resumedMs >= 0;
        }, 60000);
        QVERIFY2(recovered, qPrintable(QStringLiteral("switched %1 ms, refusals from %2 ms, resumed %3 ms\n")
                                           .arg(switchedMs).arg(firstRefusalMs).arg(resumedMs)
                                       + onA.log() + onB.log() + nodeLogs()));
        QVERIFY2(firstRefusalMs >= 0, "writes were refused (unavailable) during the failover");
        QVERIFY(onA.ackedCount() > ackedAtKillA && onB.ackedCount() > ackedAtKillB);
        QVERIFY(onA.isRunning() && onB.isRunning());

        QTRY_VERIFY_WITH_TIMEOUT(!onA.isRunning() && !onB.isRunning(), 120000);
        const FinishedLoads loads = finishedLoads({&onA, &onB});
        QVERIFY2(loads.problem.isEmpty(), qPrintable(loads.problem));
        QVERIFY(loads.resends > 0);

        // Each node's view: every acknowledged message exactly once, the same order on both.
        QTRY_VERIFY_WITH_TIMEOUT(storedMessages(m_httpA) == storedMessages(m_httpB), 15000);
        const QString problems = exactlyOnceOnEveryNode({m_httpA, m_httpB}, loads);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        // The new primary, as the nodes and the sentinels see it, is one of the replicas.
        const quint16 newPrimary = primaryPortSeenBy(m_sentinels[1]);
        QVERIFY(newPrimary == m_replicas[0].port() || newPrimary == m_replicas[1].port());
        const auto [afterA, afterB] = shortLoad(6);
        QVERIFY2(!afterA.isEmpty() && !afterB.isEmpty(), qPrintable(nodeLogs()));
        QCOMPARE(afterA.value(QLatin1String("unacked")).toInt() + afterB.value(QLatin1String("unacked")).toInt(), 0);

        qInfo("failover (busy machine: a measurement, not a target): sentinels named a new primary %lld ms after the "
              "SIGKILL; writes refused (unavailable) from %lld to %lld ms; acknowledged again on both nodes at %lld ms; "
              "%d acknowledged in all, %d resends",
              switchedMs, firstRefusalMs, lastRefusalMs, resumedMs, int(loads.acked.size()), loads.resends);
        qInfo("p99 ms (ack/delivery), node A and node B: before the failover %s and %s, after it %s and %s", qPrintable(p99(beforeA)),
              qPrintable(p99(beforeB)), qPrintable(p99(afterA)), qPrintable(p99(afterB)));
    }

    // After the failover: the new primary and one replica. With that replica gone, WAIT counts no
    // replica: a post is refused with the retryable `unavailable`, no node shows it, and once a
    // replica is back the retry with the same clientMsgId is stored once.
    void tooFewReplicasRefusesWrites()
    {
        const quint16 primary = primaryPortSeenBy(m_sentinels[0]);
        TestRedis *replica = nullptr;
        for (TestRedis &r : m_replicas)
            if (r.port() != primary)
                replica = &r;
        QVERIFY(replica && primary != m_primary.port());
        const auto primaryInfo = [&] {
            for (TestRedis &r : m_replicas)
                if (r.port() == primary)
                    return r.command({QStringLiteral("INFO"), QStringLiteral("replication")});
            return QByteArray();
        };
        QTRY_VERIFY_WITH_TIMEOUT(primaryInfo().contains("connected_slaves:1"), 30000); // the sentinels moved it over

        WsTestClient client;
        QVERIFY(joinAs(client, wsUrl(m_httpA), QStringLiteral("wait.tester")));
        const auto post = [&client](const QString &clientMsgId) {
            return client.request(chatSend(QStringLiteral("text of ") + clientMsgId, clientMsgId), 15000);
        };
        QCOMPARE(post(QStringLiteral("w-1")).value(QLatin1String("type")).toString(), QStringLiteral("ack"));

        replica->kill();
        QTRY_VERIFY_WITH_TIMEOUT(primaryInfo().contains("connected_slaves:0"), 10000);
        const QJsonObject refused = post(QStringLiteral("w-2"));
        QCOMPARE(refused.value(QLatin1String("code")).toString(), QStringLiteral("unavailable"));
        QVERIFY(refused.value(QLatin1String("retryable")).toBool());
        const auto copies = [](const QString &node, const QString &clientMsgId) {
            int n = 0;
            for (const QJsonValue &m : storedMessages(node))
                n += m.toObject().value(QLatin1String("clientMsgId")).toString() == clientMsgId ? 1 : 0;
            return n;
        };
        QCOMPARE(copies(m_httpA, QStringLiteral("w-1")), 1);
        QCOMPARE(copies(m_httpA, QStringLiteral("w-2")), 0); // written on the primary, not visible
        QCOMPARE(copies(m_httpB, QStringLiteral("w-2")), 0);

        // The replica comes back (following the new primary); the client's retry is stored once.
        replica->setReplicaOf(primary);
        QVERIFY(replica->start());
        QTRY_VERIFY_WITH_TIMEOUT(primaryInfo().contains("connected_slaves:1"), 30000);
        QJsonObject answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer = post(QStringLiteral("w-2"))).value(QLatin1String("type")).toString() == QLatin1String("ack"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(copies(m_httpA, QStringLiteral("w-2")), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(copies(m_httpB, QStringLiteral("w-2")), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(storedMessages(m_httpA) == storedMessages(m_httpB), 10000);
    }
};

QTEST_GUILESS_MAIN(TestRedisSentinel)
#include "tst_redis_sentinel.moc"
