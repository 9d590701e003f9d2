// A real collab-server process killed with SIGKILL in the middle of a stream of sends, then
// restarted on the same data: every message it acknowledged is there, exactly once.
#include "serverprocess.h"
#include "storedhistory.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestDurability : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_configPath;

    // Starts collab-server on a free port; returns the port it printed (0 on failure).
    quint16 startServer(QProcess &process)
    {
        process.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        process.setArguments({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                              m_dir.filePath(QStringLiteral("data")), QStringLiteral("--config"), m_configPath});
        process.setProcessChannelMode(QProcess::SeparateChannels);
        return startServerProcess(process);
    }

    // Every message of CECS327/general, page by page.
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_configPath = m_dir.filePath(QStringLiteral("config.json"));
        QFile config(m_configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        collab::server::ServerConfig c = TestServer::testConfig();
        c.limits.chatPerSecond = 0; // a stream of thousands of sends: no rate limit
        c.limits.requestsPerSecond = 0;
        config.write(QJsonDocument(c.toJson()).toJson());
    }

    void killNineKeepsEveryAcknowledgedMessage()
    {
        QProcess server;
        const quint16 port = startServer(server);
        QVERIFY(port != 0);

        WsTestClient client;
        client.setTokenScope(m_dir.path()); // the restarted server is the same server on another port
        QVERIFY(client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port))));
        QVERIFY(!client.helloAndJoin(QStringLiteral("angie.nguyen"), QStringLiteral("CECS327"),
                                     QString::fromLatin1(TestServer::JoinCode)).isEmpty());

        // A stream of sends without waiting; SIGKILL the server the moment the 50th ack arrives, so
        // the kill lands in the middle of the stream (no shutdown code runs).
        const int total = 3000;
        int acksSeen = 0;
        connect(&client.socket(), &QWebSocket::textMessageReceived, this, [&](const QString &text) {
            if (text.contains(QLatin1String("\"type\":\"ack\"")) && ++acksSeen == 50)
                server.kill();
        });
        for (int i = 0; i < total; ++i)
            client.sendJson({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("ref"), 1000 + i},
                             {QStringLiteral("course"), QStringLiteral("CECS327")}, {QStringLiteral("channel"), QStringLiteral("general")},
                             {QStringLiteral("text"), QStringLiteral("durable %1").arg(i)},
                             {QStringLiteral("clientMsgId"), QStringLiteral("k-%1").arg(i)}});
        QTRY_VERIFY_WITH_TIMEOUT(server.state() == QProcess::NotRunning, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!client.isConnected(), 5000);

        QSet<QString> acked;
        for (const QJsonObject &ack : client.receivedOfType(QStringLiteral("ack")))
            acked.insert(QStringLiteral("k-%1").arg(ack.value(QLatin1String("ref")).toInt() - 1000));
        QVERIFY(acked.size() >= 50);

        QProcess restarted;
        const quint16 port2 = startServer(restarted);
        QVERIFY(port2 != 0);
        const QString http = QStringLiteral("http://127.0.0.1:%1").arg(port2);
        const QJsonArray stored = storedMessages(http);
        const QString violations = exactlyOnceViolations(stored, acked.values(), {}, 0);
        QVERIFY2(violations.isEmpty(), qPrintable(violations));
        qInfo("acked before the kill: %d of %d sent; stored after restart: %d", int(acked.size()), total, int(stored.size()));

        // Retrying the whole stream after the restart stores each message once.
        WsTestClient again;
        again.setTokenScope(m_dir.path());
        QVERIFY(again.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port2))));
        QVERIFY(!again.helloAndJoin(QStringLiteral("angie.nguyen"), QStringLiteral("CECS327"),
                                    QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        for (int i = 0; i < total; ++i)
            again.sendJson({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("ref"), i},
                            {QStringLiteral("course"), QStringLiteral("CECS327")}, {QStringLiteral("channel"), QStringLiteral("general")},
                            {QStringLiteral("text"), QStringLiteral("durable %1").arg(i)},
                            {QStringLiteral("clientMsgId"), QStringLiteral("k-%1").arg(i)}});
        QTRY_COMPARE_WITH_TIMEOUT(again.receivedOfType(QStringLiteral("ack")).size(), total, 60000);
        int duplicates = 0;
        for (const QJsonObject &ack : again.receivedOfType(QStringLiteral("ack")))
            duplicates += ack.value(QLatin1String("duplicate")).toBool() ? 1 : 0;
        QVERIFY(duplicates >= acked.size());
        QCOMPARE(storedMessages(http).size(), total);
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(5000));
        QCOMPARE(restarted.exitCode(), 0);
    }

    // A bad --presence-ttl is a usage error (one line, exit code 2), not a silent 1000.
    void badPresenceTtlIsRefused_data()
    {
        QTest::addColumn<QString>("ttl");
        QTest::newRow("word") << QStringLiteral("abc");
        QTest::newRow("unit") << QStringLiteral("10s");
        QTest::newRow("too small") << QStringLiteral("999");
        QTest::newRow("negative") << QStringLiteral("-5000");
    }
    void badPresenceTtlIsRefused()
    {
        QFETCH(QString, ttl);
        QTemporaryDir data;
        QProcess server;
        server.start(QStringLiteral(COLLAB_SERVER_BIN), {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                                        QStringLiteral("--data"), data.path(),
                                                        QStringLiteral("--presence-ttl"), ttl});
        if (!server.waitForFinished(10000)) {
            server.kill();
            server.waitForFinished();
            QFAIL("the server started with a bad --presence-ttl");
        }
        QCOMPARE(server.exitCode(), 2);
        const QString err = QString::fromUtf8(server.readAllStandardError());
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY2(err.startsWith(QLatin1String("collab-server: --presence-ttl ")), qPrintable(err));
        QVERIFY2(err.contains(ttl), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
