// Redis SIGKILLed under a steady load from collab-bench on two nodes (collab-server child
// processes, one collab-bench child process per node, --retry), then restarted on the same port
// and appendonly directory: writes during the outage are refused with the retryable
// `unavailable` and resent with the same clientMsgIds; at the end each node holds every
// acknowledged message exactly once, both in the same order.
#include "benchprocess.h"
#include "redistesthelpers.h"
#include "serverprocess.h"
#include "testredis.h"

#include <QTemporaryDir>

#include <csignal>
#include <sys/prctl.h>

using namespace redistest;

class TestRedisFaultsUnderLoad : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    QTemporaryDir m_dir;
    QProcess m_a;
    QProcess m_b;
    QString m_httpA, m_httpB;

    // Nodes are processes of their own, as in production: in-process nodes would share the test's
    // event loop, which its waits turn only every 10 ms.
    QString startNode(QProcess &process, const QString &name)
    {
        process.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        process.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), m_dir.filePath(name),
                              QStringLiteral("--config"), m_dir.filePath(QStringLiteral("config.json")), QStringLiteral("--redis"),
                              m_redis.url()});
        process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); }); // no node outlives a crashed test
        const quint16 port = startServerProcess(process);
        return port ? QStringLiteral("http://127.0.0.1:%1").arg(port) : QString();
    }
    static QUrl wsUrl(const QString &httpBase) { return QUrl(QString(httpBase + QStringLiteral("/ws")).replace(QLatin1String("http:"), QLatin1String("ws:"))); }
    static qint64 errorsSent(const QString &httpBase) { return metricValue(httpBase, QStringLiteral("collab_ws_errors_total")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(BenchProcess::program()), qPrintable(BenchProcess::program()));
        QVERIFY(m_dir.isValid());
        QFile config(m_dir.filePath(QStringLiteral("config.json")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        collab::server::ServerConfig c = TestServer::testConfig();
        c.limits = TestServer::unlimited(); // 40 msg/s per sender is over the default chat limit
        config.write(QJsonDocument(c.toJson()).toJson());
        config.close();
        QVERIFY(m_redis.start());
        m_httpA = startNode(m_a, QStringLiteral("a"));
        m_httpB = startNode(m_b, QStringLiteral("b"));
        QVERIFY(!m_httpA.isEmpty() && !m_httpB.isEmpty());
    }

    void cleanupTestCase()
    {
        for (QProcess *node : {&m_a, &m_b}) {
            node->terminate();
            node->waitForFinished(5000);
        }
        m_redis.stop();
    }

    void redisKilledAndRestartedUnderLoad()
    {
        // 50 connections, 6 senders x 40 msg/s, half of it on each node.
        BenchProcess onA, onB;
        BenchProcess::Load load;
        load.connections = 25;
        load.senders = 3;
        load.rate = 40;
        QVERIFY(onA.start(wsUrl(m_httpA), load));
        QVERIFY(onB.start(wsUrl(m_httpB), load));
        QTRY_VERIFY2_WITH_TIMEOUT(onA.ackedCount() >= 150 && onB.ackedCount() >= 150, qPrintable(onA.log() + onB.log()), 30000);

        // SIGKILL: both nodes lose Redis; every write is refused (an error reply on WebSocket:
        // nothing else in this run makes one) until it is back.
        const qint64 errorsBeforeA = errorsSent(m_httpA), errorsBeforeB = errorsSent(m_httpB);
        m_redis.kill();
        QTRY_VERIFY2_WITH_TIMEOUT(errorsSent(m_httpA) >= errorsBeforeA + 50 && errorsSent(m_httpB) >= errorsBeforeB + 50, qPrintable(onA.log() + onB.log()), 15000);
        QVERIFY(onA.isRunning() && onB.isRunning());
        const int ackedA = onA.ackedCount(), ackedB = onB.ackedCount();

        // Back on the same port with its appendonly file: the nodes reconnect and the loads go on.
        QVERIFY(m_redis.start());
        QTRY_VERIFY2_WITH_TIMEOUT(onA.ackedCount() > ackedA + 50 && onB.ackedCount() > ackedB + 50,
                                  qPrintable(onA.log() + onB.log()), 30000);

        QTRY_VERIFY_WITH_TIMEOUT(!onA.isRunning() && !onB.isRunning(), 90000);
        const FinishedLoads loads = finishedLoads({&onA, &onB});
        QVERIFY2(loads.problem.isEmpty(), qPrintable(loads.problem));
        QVERIFY(loads.resends > 0);

        // Each node's view: every acknowledged message exactly once, the same order on both (the
        // nodes' projections may trail the last acks by a moment).
        QTRY_VERIFY_WITH_TIMEOUT(storedMessages(m_httpA) == storedMessages(m_httpB), 10000);
        const QString problems = exactlyOnceOnEveryNode({m_httpA, m_httpB}, loads);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        qInfo("acked before the kill %d, in all %d; %d resends", ackedA + ackedB, int(loads.acked.size()), loads.resends);
    }
};

QTEST_GUILESS_MAIN(TestRedisFaultsUnderLoad)
#include "tst_redis_faults_under_load.moc"
