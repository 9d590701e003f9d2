// Redis as a store that may not deserve trust: persistence settings that let it acknowledge writes it
// has not written (checked on every connect), and a Redis that lost history under a running node
// (writes refused, nothing stored changed).
#include "redistesthelpers.h"
#include "testredis.h"

#include <QFile>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>

using namespace redistest;

namespace {

// Every message logged while a suite runs, so that a test can wait for a line of the node's log.
QMutex logMutex;
QStringList logged;
QtMessageHandler previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker lock(&logMutex);
        logged << message;
    }
    previousHandler(type, context, message);
}

int loggedCount(const QString &part)
{
    const QMutexLocker lock(&logMutex);
    int n = 0;
    for (const QString &line : std::as_const(logged))
        n += line.contains(part) ? 1 : 0;
    return n;
}

} // namespace

class TestRedisSafety : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    TestServer m_node;

    // Drops the node's connections: it reconnects, as after a network blip.
    void dropConnections() { m_redis.command({QStringLiteral("CLIENT"), QStringLiteral("KILL"), QStringLiteral("TYPE"), QStringLiteral("normal")}); }

private Q_SLOTS:
    void initTestCase()
    {
        previousHandler = qInstallMessageHandler(captureLog);
        QVERIFY(m_redis.start());
        m_node.setRedis(m_redis.url());
        QVERIFY(m_node.start());
    }

    void cleanupTestCase()
    {
        m_node.stop();
        m_redis.stop();
        qInstallMessageHandler(previousHandler);
    }

    void persistenceIsCheckedOnEveryConnect()
    {
        // TestRedis runs with appendfsync always: the node says so and does not warn.
        QTRY_VERIFY_WITH_TIMEOUT(loggedCount(QStringLiteral("Redis persistence: appendonly yes, appendfsync always")) >= 1, 10000);
        QCOMPARE(loggedCount(QStringLiteral("can lose acknowledged messages")), 0);

        // Redis switched to everysec: the next connect warns, naming the risk and the fix.
        QCOMPARE(m_redis.command({QStringLiteral("CONFIG"), QStringLiteral("SET"), QStringLiteral("appendfsync"), QStringLiteral("everysec")}),
                 QByteArray("OK"));
        dropConnections();
        QTRY_COMPARE_WITH_TIMEOUT(loggedCount(QStringLiteral("Redis runs with appendonly yes, appendfsync everysec: it "
                                                             "acknowledges writes before they are in its file")), 1, 10000);
        QCOMPARE(loggedCount(QStringLiteral("CONFIG SET appendfsync always")), 1);

        // CONFIG forbidden (as on managed Redis): the node says it could not check.
        QCOMPARE(m_redis.command({QStringLiteral("ACL"), QStringLiteral("SETUSER"), QStringLiteral("default"), QStringLiteral("-config")}),
                 QByteArray("OK"));
        dropConnections();
        QTRY_COMPARE_WITH_TIMEOUT(loggedCount(QStringLiteral("could not check Redis's persistence settings")), 1, 10000);

        QCOMPARE(m_redis.command({QStringLiteral("ACL"), QStringLiteral("SETUSER"), QStringLiteral("default"), QStringLiteral("+config")}),
                 QByteArray("OK"));
        QCOMPARE(m_redis.command({QStringLiteral("CONFIG"), QStringLiteral("SET"), QStringLiteral("appendfsync"), QStringLiteral("always")}),
                 QByteArray("OK"));
        dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(loggedCount(QStringLiteral("Redis persistence: appendonly yes, appendfsync always")) >= 2, 10000);
    }

    void strictNodeRefusesToStartOnAnUnsafeRedis()
    {
        const auto config = [this](const QString &verb, const QString &what, const QString &value = {}) {
            QStringList args{verb == QLatin1String("ACL") ? QStringLiteral("ACL") : QStringLiteral("CONFIG"),
                             verb == QLatin1String("ACL") ? QStringLiteral("SETUSER") : QStringLiteral("SET"), what};
            if (!value.isEmpty())
                args << value;
            return m_redis.command(args);
        };
        TestServer strict;
        strict.setRedis(m_redis.url());
        strict.setRedisRequireFsync(true);

        QCOMPARE(config(QStringLiteral("CONFIG"), QStringLiteral("appendfsync"), QStringLiteral("everysec")), QByteArray("OK"));
        QVERIFY(!strict.start());
        QCOMPARE(loggedCount(QStringLiteral("--redis-require-fsync (redis.requireFsync): Redis runs with appendonly yes, appendfsync everysec")), 1);

        QCOMPARE(config(QStringLiteral("ACL"), QStringLiteral("default"), QStringLiteral("-config")), QByteArray("OK"));
        QVERIFY(!strict.start());
        QCOMPARE(loggedCount(QStringLiteral("--redis-require-fsync (redis.requireFsync): could not check Redis's persistence settings")), 1);
        QCOMPARE(config(QStringLiteral("ACL"), QStringLiteral("default"), QStringLiteral("+config")), QByteArray("OK"));

        QCOMPARE(config(QStringLiteral("CONFIG"), QStringLiteral("appendfsync"), QStringLiteral("always")), QByteArray("OK"));
        QVERIFY(strict.start());
        strict.stop();
    }

    // The same refusal from the configuration file alone: "redis": {"url", "requireFsync"} and no
    // --redis flag (collab-server itself, as an operator runs it).
    void configFileRedisSectionMakesANodeAndRequiresFsync()
    {
        QTemporaryDir dir;
        QJsonObject json = TestServer::testConfig().toJson();
        json.insert(QStringLiteral("redis"), QJsonObject{{QStringLiteral("url"), m_redis.url()}, {QStringLiteral("requireFsync"), true}});
        const QString configPath = dir.filePath(QStringLiteral("config.json"));
        QFile file(configPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(json).toJson());
        file.close();
        const auto run = [&] {
            QProcess server;
            server.start(QStringLiteral(COLLAB_SERVER_BIN),
                         {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                          dir.filePath(QStringLiteral("data")), QStringLiteral("--config"), configPath});
            const bool listening = QTest::qWaitFor([&] {
                return server.state() == QProcess::NotRunning || server.peek(4096).contains("listening on");
            }, 20000);
            const QByteArray err = server.readAllStandardError();
            const bool exitedWithOne = server.state() == QProcess::NotRunning && server.exitCode() == 1;
            server.terminate();
            server.waitForFinished(10000);
            return std::pair{listening && !exitedWithOne, exitedWithOne ? err : QByteArray()};
        };

        QCOMPARE(m_redis.command({QStringLiteral("CONFIG"), QStringLiteral("SET"), QStringLiteral("appendfsync"), QStringLiteral("everysec")}),
                 QByteArray("OK"));
        const auto [startedUnsafe, refusal] = run();
        QVERIFY(!startedUnsafe);
        // One line (after the store's log line), naming the setting and the fix.
        QVERIFY2(refusal.contains("\ncollab-server: --redis-require-fsync (redis.requireFsync): Redis runs with appendonly yes, "
                                  "appendfsync everysec"),
                 refusal.constData());
        QVERIFY(refusal.mid(refusal.indexOf("\ncollab-server: ") + 1).count('\n') == 1);

        QCOMPARE(m_redis.command({QStringLiteral("CONFIG"), QStringLiteral("SET"), QStringLiteral("appendfsync"), QStringLiteral("always")}),
                 QByteArray("OK"));
        QVERIFY(run().first); // safe now: the node starts (and joins Redis: the URL came from the file)
    }

    void redisThatLostHistoryGetsNoWrites()
    {
        WsTestClient ann;
        QVERIFY(joinAs(ann, m_node.wsUrl(), QStringLiteral("ann")));
        for (int i = 0; i < 3; ++i) {
            const QJsonObject reply = ann.request(chatSend(QStringLiteral("before %1").arg(i), QStringLiteral("b-%1").arg(i)));
            QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        }
        const QString http = m_node.httpUrl({}).toString();
        const QJsonArray before = allMessages(http);
        QCOMPARE(before.size(), 3);
        const QByteArray seqKey = QByteArrayLiteral("collab:course:") + Course.toUtf8() + ":seq";
        QVERIFY(m_redis.command({QStringLiteral("GET"), QString::fromUtf8(seqKey)}).toULongLong() >= 3);

        // Redis loses everything (as if restarted from an old copy of its files): the next append
        // would get seq 1 again, which this node already holds for another event.
        QCOMPARE(m_redis.command({QStringLiteral("FLUSHALL")}), QByteArray("OK"));
        for (int i = 0; i < 2; ++i) {
            const QJsonObject reply = ann.request(chatSend(QStringLiteral("after %1").arg(i), QStringLiteral("a-%1").arg(i)));
            QCOMPARE(reply.value(QLatin1String("type")).toString(), QStringLiteral("error"));
            QCOMPARE(reply.value(QLatin1String("code")).toString(), QStringLiteral("unavailable"));
            QVERIFY(reply.value(QLatin1String("message")).toString().contains(QLatin1String("lost part of this course's history")));
        }
        // Refused unwritten: Redis got nothing, the node's history is what it was, and the log says
        // why, once.
        QCOMPARE(m_redis.command({QStringLiteral("GET"), QString::fromUtf8(seqKey)}), QByteArray());
        QCOMPARE(m_redis.command({QStringLiteral("XLEN"), QStringLiteral("collab:course:%1:log").arg(Course)}), QByteArray("0"));
        QCOMPARE(allMessages(http), before);
        QCOMPARE(loggedCount(QStringLiteral("refusing writes: course %1 is at seq").arg(Course)), 1);
        QCOMPARE(loggedCount(QStringLiteral("but at 0 in Redis: Redis lost data")), 1);
    }
};

QTEST_GUILESS_MAIN(TestRedisSafety)
#include "tst_redis_safety.moc"
