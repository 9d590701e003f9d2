// The client library against two nodes while Redis is SIGKILLed and restarted: what the user typed
// while Redis was away is refused (`unavailable`), kept in the outbox, resent once Redis is back,
// and stored exactly once; a client on the other node sees every message once, in order.
#include "client/collabclient.h"
#include "clienteventspy.h"
#include "testclientoptions.h"
#include "testredis.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace collab;
using namespace collab::client;

namespace {

const QString Course = QStringLiteral("CECS327");
const QString General = QStringLiteral("general");

} // namespace

class TestRedisClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outboxSurvivesARedisRestart()
    {
        TestRedis redis;
        QVERIFY(redis.start());
        TestServer a, b;
        a.setRedis(redis.url());
        b.setRedis(redis.url());
        QVERIFY(a.start());
        QVERIFY(b.start());
        QTemporaryDir tokens;

        CollabClient angie(testClientOptions(a.wsUrl(), QStringLiteral("angie.nguyen"), tokens.filePath(QStringLiteral("a.json"))));
        CollabClient bob(testClientOptions(b.wsUrl(), QStringLiteral("bob.tran"), tokens.filePath(QStringLiteral("b.json"))));
        QSignalSpy angieJoined(&angie, &CollabClient::joined);
        QSignalSpy bobJoined(&bob, &CollabClient::joined);
        angie.join(Course, QString::fromLatin1(TestServer::JoinCode));
        bob.join(Course, QString::fromLatin1(TestServer::JoinCode));
        angie.open();
        bob.open();
        QTRY_VERIFY_WITH_TIMEOUT(angieJoined.size() > 0 && bobJoined.size() > 0, 10000);
        QSignalSpy acked(&angie, &CollabClient::messageAcked);
        QSignalSpy failed(&angie, &CollabClient::messageFailed);
        QSignalSpy bobEvents(&bob, &CollabClient::eventReceived);

        for (int i = 0; i < 5; ++i)
            angie.sendChat(Course, General, QStringLiteral("before %1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 5, 10000);

        redis.kill();
        QStringList texts = {QStringLiteral("before 0"), QStringLiteral("before 1"), QStringLiteral("before 2"),
                             QStringLiteral("before 3"), QStringLiteral("before 4")};
        for (int i = 0; i < 5; ++i) {
            texts << QStringLiteral("while down %1").arg(i);
            angie.sendChat(Course, General, texts.last());
        }
        // Refused and kept: nothing is acknowledged while Redis is away.
        QTRY_VERIFY_WITH_TIMEOUT(angie.outboxSize() == 5, 5000);
        QCOMPARE(acked.size(), 5);

        QVERIFY(redis.start());
        QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 10, 20000);
        QCOMPARE(angie.outboxSize(), 0);
        QCOMPARE(failed.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(postedTexts(bobEvents), texts, 10000);
        // Two member.joined events (retried by the hub if Redis was away when they were first
        // written) and each message once.
        QTRY_COMPARE_WITH_TIMEOUT(redis.command({QStringLiteral("XLEN"), QStringLiteral("collab:course:CECS327:log")}).toInt(),
                                  int(2 + texts.size()), 10000);
    }
};

QTEST_GUILESS_MAIN(TestRedisClient)
#include "tst_redis_client.moc"
