#include "client/collabclient.h"
#include "client/connection.h"

#include "support/fakeserver.h"

#include <QTcpServer>
#include <QtTest>

using namespace collab;
using namespace collab::client;

// The transport and the session's housekeeping: connect timeouts, reconnect scheduling, the
// keep-alive, and leaving a course.
class TestConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusedConnectionSchedulesGrowingRetries();
    void silentPeerHitsTheConnectTimeout();
    void closeStopsReconnecting();
    void autoReconnectOffStaysClosed();
    void reconnectsOnceTheServerIsBack();
    void missingPongDropsAndReconnects();
    void leftCourseIsNotRejoined();
    void gapInEventsIsFilledByAResume_data();
    void gapInEventsIsFilledByAResume();
};

namespace {
quint16 unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed when probe goes: nothing listens there
}
} // namespace

void TestConnection::refusedConnectionSchedulesGrowingRetries()
{
    Connection c;
    c.setUrl(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(unusedPort())));
    c.setBackoffPolicy(Backoff::Policy{10, 80, 2.0, 0.0});
    QSignalSpy scheduled(&c, &Connection::reconnectScheduled);
    QSignalSpy closed(&c, &Connection::closed);
    c.open();
    QTRY_VERIFY(scheduled.size() >= 5);
    c.close();
    QList<int> delays;
    for (int i = 0; i < 5; ++i)
        delays << scheduled.at(i).first().toInt();
    QCOMPARE(delays, (QList<int>{10, 20, 40, 80, 80}));
    QVERIFY(!closed.first().first().toString().isEmpty());
    QCOMPARE(c.state(), Connection::State::Closed);
    QVERIFY(!c.reconnectPending());
}

void TestConnection::silentPeerHitsTheConnectTimeout()
{
    QTcpServer silent; // accepts, never answers the WebSocket handshake
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    Connection c;
    c.setUrl(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(silent.serverPort())));
    c.setConnectTimeout(50);
    c.setAutoReconnect(false);
    QSignalSpy closed(&c, &Connection::closed);
    c.open();
    QTRY_COMPARE(closed.size(), 1);
    QVERIFY2(closed.first().first().toString().contains(QLatin1String("50 ms")), qPrintable(closed.first().first().toString()));
    QCOMPARE(c.state(), Connection::State::Closed);
}

void TestConnection::closeStopsReconnecting()
{
    FakeServer server;
    QVERIFY(server.listen());
    Connection c;
    c.setUrl(server.url());
    c.setBackoffPolicy(Backoff::Policy{10, 10, 2.0, 0.0});
    QSignalSpy opened(&c, &Connection::opened);
    c.open();
    QTRY_COMPARE(opened.size(), 1);
    QVERIFY(c.sendText(R"({"type":"ping","ref":1})"));
    QTRY_COMPARE(server.received("ping").size(), 1);
    c.close();
    QCOMPARE(c.state(), Connection::State::Closed);
    QVERIFY(!c.reconnectPending());
    QVERIFY(!c.sendText(R"({"type":"ping"})"));
}

void TestConnection::autoReconnectOffStaysClosed()
{
    FakeServer server;
    QVERIFY(server.listen());
    Connection c;
    c.setUrl(server.url());
    c.setAutoReconnect(false);
    QSignalSpy opened(&c, &Connection::opened);
    QSignalSpy closed(&c, &Connection::closed);
    c.open();
    QTRY_COMPARE(opened.size(), 1);
    server.dropAll();
    QTRY_COMPARE(closed.size(), 1);
    QVERIFY(!c.reconnectPending());
    QCOMPARE(server.connections(), 1);
}

void TestConnection::reconnectsOnceTheServerIsBack()
{
    auto server = std::make_unique<FakeServer>();
    QVERIFY(server->listen());
    const quint16 port = server->port();
    ClientOptions o;
    o.url = server->url();
    o.user = QStringLiteral("angie.nguyen");
    o.reconnect = Backoff::Policy{10, 40, 2.0, 0.0};
    o.pingIntervalMs = 0;
    CollabClient client(o);
    QSignalSpy welcomed(&client, &CollabClient::welcomed);
    QSignalSpy lost(&client, &CollabClient::connectionLost);
    client.open();
    QTRY_COMPARE(welcomed.size(), 1);
    server.reset(); // the server goes away
    QTRY_COMPARE(lost.size(), 1);
    QCOMPARE(client.state(), CollabClient::ConnectionState::Connecting); // retrying, not given up
    server = std::make_unique<FakeServer>();
    QVERIFY(server->listen(port));
    QTRY_COMPARE(welcomed.size(), 2);
    QCOMPARE(client.state(), CollabClient::ConnectionState::Connected);
}

void TestConnection::missingPongDropsAndReconnects()
{
    FakeServer server;
    QVERIFY(server.listen());
    server.setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("ping"))
            server.defaultReply(s, f); // pings go unanswered: a half-dead server
    });
    ClientOptions o;
    o.url = server.url();
    o.user = QStringLiteral("angie.nguyen");
    o.reconnect = Backoff::Policy{10, 40, 2.0, 0.0};
    o.pingIntervalMs = 30;
    o.ackTimeoutMs = 60;
    CollabClient client(o);
    QSignalSpy lost(&client, &CollabClient::connectionLost);
    QSignalSpy welcomed(&client, &CollabClient::welcomed);
    client.open();
    QTRY_VERIFY(lost.size() >= 1);
    QVERIFY2(lost.first().first().toString().contains(QLatin1String("pong")), qPrintable(lost.first().first().toString()));
    QTRY_VERIFY(welcomed.size() >= 2);
    QVERIFY(!server.received("ping").isEmpty());
}

void TestConnection::leftCourseIsNotRejoined()
{
    FakeServer server;
    QVERIFY(server.listen());
    server.setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() == QLatin1String("leave"))
            FakeServer::reply(s, f, "ack", {});
        else
            server.defaultReply(s, f);
    });
    ClientOptions o;
    o.url = server.url();
    o.user = QStringLiteral("angie.nguyen");
    o.reconnect = Backoff::Policy{10, 40, 2.0, 0.0};
    o.pingIntervalMs = 0;
    CollabClient client(o);
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy events(&client, &CollabClient::eventReceived);
    client.join(QStringLiteral("A"), QStringLiteral("a"));
    client.join(QStringLiteral("B"), QStringLiteral("b"));
    client.open();
    QTRY_COMPARE(joined.size(), 2);

    std::optional<RequestResult> left;
    client.leave(QStringLiteral("A"), [&](const RequestResult &r) { left = r; });
    QTRY_VERIFY(left.has_value());
    QVERIFY(left->ok());
    QCOMPARE(client.courses(), QStringList{QStringLiteral("B")});
    server.broadcast(FakeServer::event(QStringLiteral("A"), 1, QStringLiteral("after leaving")));
    server.broadcast(FakeServer::event(QStringLiteral("B"), 1, QStringLiteral("still here")));
    QTRY_COMPARE(events.size(), 1);
    QCOMPARE(events.first().first().value<CourseEvent>().course, QStringLiteral("B"));

    client.reconnect();
    QTRY_COMPARE(joined.size(), 3);
    const QList<QJsonObject> joins = server.received("join");
    QCOMPARE(joins.size(), 3);
    QCOMPARE(joins.last().value(QLatin1String("course")).toString(), QStringLiteral("B"));
}

void TestConnection::gapInEventsIsFilledByAResume_data()
{
    QTest::addColumn<QList<int>>("replay");   // what the fake replays on a resume
    QTest::addColumn<QList<int>>("expected"); // what the client delivers
    QTest::newRow("resume fills the gap") << QList<int>{12, 13} << QList<int>{11, 12, 13};
    // A server that keeps skipping 12: one resume, then the client takes what it gets.
    QTest::newRow("gap stays") << QList<int>{13} << QList<int>{11, 13};
}

void TestConnection::gapInEventsIsFilledByAResume()
{
    QFETCH(QList<int>, replay);
    QFETCH(QList<int>, expected);
    FakeServer server;
    QVERIFY(server.listen());
    server.courseSeq = 10;
    server.setHandler([&](QWebSocket *s, const QJsonObject &f) {
        server.defaultReply(s, f);
        if (f.value(QLatin1String("type")).toString() == QLatin1String("join") && f.contains(QLatin1String("since")))
            for (int seq : replay)
                FakeServer::send(s, FakeServer::event(QStringLiteral("C"), quint64(seq), QStringLiteral("r")));
    });
    ClientOptions o;
    o.url = server.url();
    o.user = QStringLiteral("angie.nguyen");
    o.reconnect = Backoff::Policy{10, 40, 2.0, 0.0};
    o.pingIntervalMs = 0;
    CollabClient client(o);
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy events(&client, &CollabClient::eventReceived);
    client.join(QStringLiteral("C"), QStringLiteral("c"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    server.courseSeq = 13;
    server.broadcast(FakeServer::event(QStringLiteral("C"), 11, QStringLiteral("a")));
    server.broadcast(FakeServer::event(QStringLiteral("C"), 13, QStringLiteral("c"))); // 12 is lost

    QList<int> got;
    QTRY_VERIFY((got = [&] {
        QList<int> seqs;
        for (const QList<QVariant> &args : events)
            seqs << int(args.first().value<CourseEvent>().seq);
        return seqs;
    }()) == expected);
    QCOMPARE(joined.size(), 2);
    QCOMPARE(server.received("join").last().value(QLatin1String("since")).toInteger(), 11);
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
