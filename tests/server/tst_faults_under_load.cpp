// Faults under a steady load from collab-bench (a child process: 50 connections, 5 senders x 50
// msg/s, --retry): the server SIGKILLed and restarted on the same data and port; the data disk
// full (a file-size limit set with prlimit, raised again on the running server). The load
// reconnects and resends its unacknowledged messages with the same clientMsgIds, and each test
// ends by checking that every acknowledged message is stored exactly once.
#include "benchprocess.h"
#include "serverprocess.h"
#include "storedhistory.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestFaultsUnderLoad : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_configPath;

    static QString httpBase(quint16 port) { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
    static QUrl wsUrl(quint16 port) { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)); }

    // Starts collab-server on `port` (0: a free one) over `dataDir`, under prlimit when
    // fileSizeLimit > 0; returns the port it listens on, 0 on failure.
    quint16 startServer(QProcess &process, const QString &dataDir, quint16 port, qint64 fileSizeLimit = 0)
    {
        setCommandWithFileSizeLimit(process,
                                    {QStringLiteral(COLLAB_SERVER_BIN), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                                     QStringLiteral("--data"), dataDir, QStringLiteral("--config"), m_configPath},
                                    fileSizeLimit);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        return startServerProcess(process);
    }

    // Waits for the load to end, then checks its report and that every message it saw
    // acknowledged is stored exactly once on the server at `port`. Returns the report.
    QJsonObject finishAndCheck(BenchProcess &bench, quint16 port)
    {
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!bench.isRunning(), 90000); }();
        const QJsonObject result = bench.result();
        const QStringList acked = bench.ackedIds();
        qInfo("%s", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        [&] {
            QVERIFY2(bench.exitCode() == 0 && !result.isEmpty(), qPrintable(bench.log()));
            QCOMPARE(result.value(QLatin1String("unacked")).toInt(), 0); // the drain got every message in
            QCOMPARE(acked.size(), result.value(QLatin1String("acked")).toInt());
            const QString problems = exactlyOnceViolations(storedMessages(httpBase(port)), acked,
                                                           {result.value(QLatin1String("run")).toString()}, 0);
            QVERIFY2(problems.isEmpty(), qPrintable(problems));
        }();
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(BenchProcess::program()), qPrintable(BenchProcess::program()));
        m_configPath = m_dir.filePath(QStringLiteral("config.json"));
        QFile config(m_configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        collab::server::ServerConfig c = TestServer::testConfig();
        c.limits = TestServer::unlimited(); // 50 msg/s per sender is over the default chat limit
        config.write(QJsonDocument(c.toJson()).toJson());
    }

    void serverKilledAndRestartedUnderLoad()
    {
        const QString data = m_dir.filePath(QStringLiteral("killed"));
        QProcess server;
        const quint16 port = startServer(server, data, 0);
        QVERIFY(port != 0);
        BenchProcess bench;
        QVERIFY(bench.start(wsUrl(port), {}));
        QTRY_VERIFY2_WITH_TIMEOUT(bench.ackedCount() >= 300, qPrintable(bench.log()), 30000);

        // SIGKILL mid-load: no shutdown code runs. The same server comes back on the same data and
        // port; the load reconnects there, joins again under its names and resends.
        server.kill();
        QVERIFY(server.waitForFinished(5000));
        const int ackedBeforeKill = bench.ackedCount();
        QProcess restarted;
        QCOMPARE(startServer(restarted, data, port), port);
        QTRY_VERIFY2_WITH_TIMEOUT(bench.ackedCount() > ackedBeforeKill + 100, qPrintable(bench.log()), 30000);

        const QJsonObject result = finishAndCheck(bench, port);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(result.value(QLatin1String("reconnects")).toInt() >= 50); // every connection came back
        qInfo("acked before the kill %d, in all %d", ackedBeforeKill, bench.ackedCount());
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(5000));
    }

    void diskFullUnderLoad()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty())
            QSKIP("prlimit (util-linux) is not installed");
        const QString data = m_dir.filePath(QStringLiteral("full"));
        QProcess server;
        const quint16 port = startServer(server, data, 0, 2 * 1024 * 1024); // 2 MB: full within seconds
        QVERIFY(port != 0);
        BenchProcess bench;
        BenchProcess::Load load;
        load.textSize = 2000;
        load.duration = 15;
        QVERIFY(bench.start(wsUrl(port), load));

        // Full: every commit fails, each send is answered with the retryable `unavailable` (an
        // error reply: nothing else in this run makes one), and the server stays up.
        QTRY_VERIFY2_WITH_TIMEOUT(metricValue(httpBase(port), QStringLiteral("collab_ws_errors_total")) >= 100,
                                  qPrintable(bench.log()), 30000);
        QCOMPARE(server.state(), QProcess::Running);
        QVERIFY(bench.isRunning());
        const int ackedWhileFull = bench.ackedCount();
        QVERIFY(ackedWhileFull > 0);

        // Space returns (the limit is raised on the running server): the load goes on and what
        // was refused is resent.
        QCOMPARE(QProcess::execute(QStringLiteral("prlimit"), {QStringLiteral("--pid"), QString::number(server.processId()),
                                                                QStringLiteral("--fsize=unlimited:unlimited")}),
                 0);
        QTRY_VERIFY2_WITH_TIMEOUT(bench.ackedCount() > ackedWhileFull + 100, qPrintable(bench.log()), 30000);
        const QJsonObject result = finishAndCheck(bench, port);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(result.value(QLatin1String("resends")).toInt() > 0);

        // What was acknowledged is durable: the same check after a SIGKILL and a restart.
        server.kill();
        QVERIFY(server.waitForFinished(5000));
        QProcess restarted;
        const quint16 port2 = startServer(restarted, data, 0);
        QVERIFY(port2 != 0);
        const QString problems = exactlyOnceViolations(storedMessages(httpBase(port2)), bench.ackedIds(),
                                                       {result.value(QLatin1String("run")).toString()}, 0);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        qInfo("acked while full %d, in all %d", ackedWhileFull, bench.ackedCount());
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(5000));
    }
};

QTEST_GUILESS_MAIN(TestFaultsUnderLoad)
#include "tst_faults_under_load.moc"
