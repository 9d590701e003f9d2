// A collab-server process that runs out of space (a file-size limit set with prlimit, raised again
// later): writes fail with a clear retryable error, nothing acknowledged is lost, and the server
// takes writes again once there is space. Ends by checking every acknowledged message is stored
// exactly once, after a SIGKILL and restart.
#include "serverprocess.h"
#include "storedhistory.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestDiskFull : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_configPath;

    // Starts collab-server (under prlimit when fileSizeLimit > 0); returns its port, 0 on failure.
    quint16 startServer(QProcess &process, qint64 fileSizeLimit, const QString &dataDir = QStringLiteral("data"))
    {
        setCommandWithFileSizeLimit(process,
                                    {QStringLiteral(COLLAB_SERVER_BIN), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                                     m_dir.filePath(dataDir), QStringLiteral("--config"), m_configPath},
                                    fileSizeLimit);
        return startServerProcess(process);
    }

    static QJsonObject send(WsTestClient &c, int i)
    {
        return c.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), QStringLiteral("CECS327")},
                          {QStringLiteral("channel"), QStringLiteral("general")},
                          {QStringLiteral("text"), QString(QStringLiteral("%1 ").arg(i) + QString(8000, QLatin1Char('x')))},
                          {QStringLiteral("clientMsgId"), QStringLiteral("f-%1").arg(i)}},
                         10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty())
            QSKIP("prlimit (util-linux) is not installed");
        QVERIFY(m_dir.isValid());
        m_configPath = m_dir.filePath(QStringLiteral("config.json"));
        QFile config(m_configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        collab::server::ServerConfig c = TestServer::testConfig();
        c.limits = TestServer::unlimited();
        config.write(QJsonDocument(c.toJson()).toJson());
    }

    void writesFailCleanlyAndRecover()
    {
        QProcess server;
        const quint16 port = startServer(server, 3 * 1024 * 1024); // 3 MB: the database fills up soon
        QVERIFY(port != 0);
        WsTestClient client;
        client.setTokenScope(m_dir.path());
        QVERIFY(client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port))));
        QVERIFY(!client.helloAndJoin(QStringLiteral("angie.nguyen"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode)).isEmpty());

        QSet<QString> acked;
        QList<int> refused;
        for (int i = 0; i < 1000 && refused.size() < 3; ++i) {
            const QJsonObject r = send(client, i);
            if (r.value(QLatin1String("type")).toString() == QLatin1String("ack")) {
                acked.insert(QStringLiteral("f-%1").arg(i));
                continue;
            }
            QCOMPARE(r.value(QLatin1String("code")).toString(), QStringLiteral("unavailable"));
            QVERIFY(r.value(QLatin1String("retryable")).toBool());
            refused << i;
        }
        QVERIFY2(refused.size() == 3, "the file-size limit was never reached");
        QVERIFY(acked.size() > 10);
        QCOMPARE(server.state(), QProcess::Running); // refused, not crashed

        // Space returns: the same server takes the refused messages (same clientMsgIds) and new ones.
        QCOMPARE(QProcess::execute(QStringLiteral("prlimit"), {QStringLiteral("--pid"), QString::number(server.processId()),
                                                                QStringLiteral("--fsize=unlimited:unlimited")}),
                 0);
        for (int i : refused) {
            const QJsonObject r = send(client, i);
            QVERIFY2(r.value(QLatin1String("type")).toString() == QLatin1String("ack"), QJsonDocument(r).toJson().constData());
            acked.insert(QStringLiteral("f-%1").arg(i));
        }
        QCOMPARE(send(client, 5000).value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        acked.insert(QStringLiteral("f-5000"));

        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(server.state() == QProcess::NotRunning, 10000);
        QProcess restarted;
        const quint16 port2 = startServer(restarted, 0);
        QVERIFY(port2 != 0);
        const QJsonArray stored = storedMessages(QStringLiteral("http://127.0.0.1:%1").arg(port2));
        const QString violations = exactlyOnceViolations(stored, acked.values(), {}, 0);
        QVERIFY2(violations.isEmpty(), qPrintable(violations));
        qInfo("acknowledged %d, refused while full %d, stored %d", int(acked.size()), int(refused.size()), int(stored.size()));
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(5000));
    }

    // A kick whose member.kicked event cannot be stored is refused (`unavailable`) and blocks no
    // one: the name can still join.
    void unstoredKickBlocksNoOne()
    {
        QProcess server;
        const quint16 port = startServer(server, 0, QStringLiteral("kick-data"));
        QVERIFY(port != 0);
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
        const QString course = QStringLiteral("CECS327");
        const QString code = QString::fromLatin1(TestServer::JoinCode);
        const QString tokens = m_dir.filePath(QStringLiteral("kick-tokens"));
        WsTestClient prof, pest;
        for (WsTestClient *c : {&prof, &pest}) {
            c->setTokenScope(tokens);
            QVERIFY(c->open(url));
        }
        QVERIFY(!prof.helloAndJoin(QStringLiteral("prof.lee"), course, code).isEmpty());
        QVERIFY(!pest.helloAndJoin(QStringLiteral("class.pest"), course, code).isEmpty());

        // No file of the server can grow by a byte any more: nothing can be stored.
        const QString pid = QString::number(server.processId());
        QCOMPARE(QProcess::execute(QStringLiteral("prlimit"), {QStringLiteral("--pid"), pid, QStringLiteral("--fsize=1:")}), 0);
        const QJsonObject kick = prof.request({{QStringLiteral("type"), QStringLiteral("kick")}, {QStringLiteral("course"), course},
                                               {QStringLiteral("user"), QStringLiteral("class.pest")}});
        QVERIFY2(kick.value(QLatin1String("code")).toString() == QLatin1String("unavailable"), QJsonDocument(kick).toJson().constData());
        QCOMPARE(QProcess::execute(QStringLiteral("prlimit"), {QStringLiteral("--pid"), pid, QStringLiteral("--fsize=unlimited:")}), 0);

        pest.close();
        WsTestClient back;
        back.setTokenScope(tokens);
        QVERIFY(back.open(url));
        const QJsonObject joined = back.helloAndJoin(QStringLiteral("class.pest"), course, code);
        QVERIFY2(!joined.isEmpty(), QJsonDocument(back.receivedOfType(QStringLiteral("error")).value(0)).toJson().constData());
        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(server.state() == QProcess::NotRunning, 10000);
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
