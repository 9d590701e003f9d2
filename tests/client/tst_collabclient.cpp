#include "client/collabclient.h"

#include "support/fakeserver.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace collab;
using namespace collab::client;

namespace {

const QString Course = QStringLiteral("CECS327");

ClientOptions fastOptions(const QUrl &url)
{
    ClientOptions o;
    o.url = url;
    o.user = QStringLiteral("angie.nguyen");
    o.ackTimeoutMs = 5000;
    o.connectTimeoutMs = 5000;
    o.reconnect = Backoff::Policy{10, 50, 2.0, 0.0};
    o.resend = Backoff::Policy{10, 50, 2.0, 0.0};
    o.pingIntervalMs = 0;
    return o;
}

QList<quint64> seqsOf(const QSignalSpy &spy)
{
    QList<quint64> out;
    for (const QList<QVariant> &args : spy)
        out << args.first().value<CourseEvent>().seq;
    return out;
}

} // namespace

class TestCollabClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void handshakeThenJoin();
    void duplicateAndOldEventsAreDropped();
    void resumeAfterDropAsksForTheMissedEvents();
    void unrecoverableResumeAsksForReload();
    void retryableErrorKeepsTheMessageUntilAcked();
    void fatalErrorDropsTheMessage();
    void ackTimeoutResendsTheSameMessage();
    void outboxSurvivesAClientRestart();
    void oversizedChatIsRefusedLocally();
    void typingIsRefreshedWhileActive();
    void rejectedHelloStopsReconnecting();
    void wrongJoinCodeIsReportedAndNotRetried();
    void requestWhileOfflineFailsLater();
    void dropFailsPendingRequests();
    void errorWithoutRefIsReported();

private:
    std::unique_ptr<FakeServer> m_server;
};

void TestCollabClient::init()
{
    m_server = std::make_unique<FakeServer>();
    QVERIFY(m_server->listen());
}

void TestCollabClient::handshakeThenJoin()
{
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy states(&client, &CollabClient::stateChanged);
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy welcomed(&client, &CollabClient::welcomed);
    m_server->courseSeq = 4;
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    QCOMPARE(welcomed.size(), 1);
    QCOMPARE(client.state(), CollabClient::ConnectionState::Connected);
    QCOMPARE(states.first().first().value<CollabClient::ConnectionState>(), CollabClient::ConnectionState::Connecting);
    QCOMPARE(states.last().first().value<CollabClient::ConnectionState>(), CollabClient::ConnectionState::Connected);

    const QList<QJsonObject> hello = m_server->received("hello");
    QCOMPARE(hello.size(), 1);
    QCOMPARE(hello.first().value(QLatin1String("user")).toString(), QStringLiteral("angie.nguyen"));
    const QList<QJsonObject> join = m_server->received("join");
    QCOMPARE(join.size(), 1);
    QCOMPARE(join.first().value(QLatin1String("joinCode")).toString(), QStringLiteral("CODE"));
    QVERIFY(!join.first().contains(QLatin1String("since"))); // first join: history, not a replay
    QVERIFY(client.isJoined(Course));
    QCOMPARE(*client.lastSeq(Course), quint64(4));
}

void TestCollabClient::duplicateAndOldEventsAreDropped()
{
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy events(&client, &CollabClient::eventReceived);
    m_server->courseSeq = 10;
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    for (quint64 seq : {11, 12, 11, 10, 12, 13})
        m_server->broadcast(FakeServer::event(Course, seq, QStringLiteral("m%1").arg(seq)));
    m_server->broadcast(FakeServer::event(QStringLiteral("OTHER"), 14, QStringLiteral("not joined")));
    QTRY_COMPARE(seqsOf(events), (QList<quint64>{11, 12, 13}));
    QCOMPARE(events.last().first().value<CourseEvent>().data.value(QLatin1String("text")).toString(), QStringLiteral("m13"));
}

void TestCollabClient::resumeAfterDropAsksForTheMissedEvents()
{
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy events(&client, &CollabClient::eventReceived);
    QSignalSpy lost(&client, &CollabClient::connectionLost);
    m_server->courseSeq = 10;
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    m_server->broadcast(FakeServer::event(Course, 11, QStringLiteral("a")));
    m_server->broadcast(FakeServer::event(Course, 12, QStringLiteral("b")));
    QTRY_COMPARE(events.size(), 2);

    // The resume replays from the seq the client asks for; the fake replays a little too much.
    m_server->setHandler([this](QWebSocket *s, const QJsonObject &f) {
        m_server->defaultReply(s, f);
        if (f.value(QLatin1String("type")).toString() == QLatin1String("join") && f.contains(QLatin1String("since")))
            for (quint64 seq : {11, 12, 13, 14})
                FakeServer::send(s, FakeServer::event(Course, seq, QStringLiteral("r%1").arg(seq)));
    });
    m_server->courseSeq = 14;
    m_server->dropAll();
    QTRY_COMPARE(lost.size(), 1);
    QTRY_COMPARE(joined.size(), 2);
    QTRY_COMPARE(seqsOf(events), (QList<quint64>{11, 12, 13, 14}));
    const QList<QJsonObject> joins = m_server->received("join");
    QCOMPARE(joins.size(), 2);
    QCOMPARE(joins.last().value(QLatin1String("since")).toInteger(), 12);
    QCOMPARE(m_server->received("hello").size(), 2);
    QCOMPARE(*client.lastSeq(Course), quint64(14));
}

void TestCollabClient::unrecoverableResumeAsksForReload()
{
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy reload(&client, &CollabClient::reloadRequired);
    QSignalSpy events(&client, &CollabClient::eventReceived);
    m_server->courseSeq = 100;
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    QCOMPARE(reload.size(), 0); // a fresh join is not a reload

    m_server->recovered = false;
    m_server->courseSeq = 20000;
    client.reconnect();
    QTRY_COMPARE(joined.size(), 2);
    QCOMPARE(reload.size(), 1);
    QCOMPARE(reload.first().first().toString(), Course);
    QCOMPARE(*client.lastSeq(Course), quint64(20000));
    m_server->broadcast(FakeServer::event(Course, 150, QStringLiteral("old")));
    m_server->broadcast(FakeServer::event(Course, 20001, QStringLiteral("new")));
    QTRY_COMPARE(seqsOf(events), (QList<quint64>{20001}));
}

void TestCollabClient::retryableErrorKeepsTheMessageUntilAcked()
{
    int sends = 0;
    m_server->setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("chat.send"))
            return m_server->defaultReply(s, f);
        if (++sends == 1)
            FakeServer::reply(s, f, "error",
                              {{QStringLiteral("code"), QStringLiteral("unavailable")},
                               {QStringLiteral("message"), QStringLiteral("disk busy")},
                               {QStringLiteral("retryable"), true}});
        else
            FakeServer::reply(s, f, "ack", {{QStringLiteral("id"), 7}, {QStringLiteral("seq"), 7}, {QStringLiteral("duplicate"), false}});
    });
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy acked(&client, &CollabClient::messageAcked);
    QSignalSpy failed(&client, &CollabClient::messageFailed);
    QSignalSpy sizes(&client, &CollabClient::outboxSizeChanged);
    client.join(Course, QStringLiteral("CODE"));
    const QString id = client.sendChat(Course, QStringLiteral("general"), QStringLiteral("hello class"));
    QCOMPARE(client.outboxSize(), 1); // queued while offline
    client.open();
    QTRY_COMPARE(acked.size(), 1);
    QCOMPARE(acked.first().at(0).toString(), id);
    QCOMPARE(acked.first().at(1).toULongLong(), quint64(7));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(client.outboxSize(), 0);
    QCOMPARE(sizes.last().first().toInt(), 0);
    const QList<QJsonObject> sent = m_server->received("chat.send");
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(0).value(QLatin1String("clientMsgId")).toString(), id);
    QCOMPARE(sent.at(1).value(QLatin1String("clientMsgId")).toString(), id);
    QCOMPARE(sent.at(1).value(QLatin1String("text")).toString(), QStringLiteral("hello class"));
}

void TestCollabClient::fatalErrorDropsTheMessage()
{
    m_server->setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("chat.send"))
            return m_server->defaultReply(s, f);
        FakeServer::reply(s, f, "error",
                          {{QStringLiteral("code"), QStringLiteral("forbidden")}, {QStringLiteral("message"), QStringLiteral("muted")}});
    });
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy failed(&client, &CollabClient::messageFailed);
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    const QString id = client.sendChat(Course, QStringLiteral("general"), QStringLiteral("hi"));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), id);
    QCOMPARE(failed.first().at(1).value<proto::ErrorReply>().code, QStringLiteral("forbidden"));
    QCOMPARE(client.outboxSize(), 0);
    QCOMPARE(m_server->received("chat.send").size(), 1);
}

void TestCollabClient::ackTimeoutResendsTheSameMessage()
{
    int sends = 0;
    m_server->setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("chat.send"))
            return m_server->defaultReply(s, f);
        if (++sends > 1) // the first one is "lost"
            FakeServer::reply(s, f, "ack", {{QStringLiteral("id"), 3}, {QStringLiteral("seq"), 3}, {QStringLiteral("duplicate"), true}});
    });
    ClientOptions o = fastOptions(m_server->url());
    o.ackTimeoutMs = 100;
    CollabClient client(o);
    QSignalSpy acked(&client, &CollabClient::messageAcked);
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    const QString id = client.sendChat(Course, QStringLiteral("general"), QStringLiteral("hi"));
    QTRY_COMPARE(acked.size(), 1);
    QCOMPARE(acked.first().at(0).toString(), id);
    QCOMPARE(acked.first().at(3).toBool(), true);
    QCOMPARE(m_server->received("chat.send").size(), 2);
    QCOMPARE(client.outboxSize(), 0);
}

void TestCollabClient::outboxSurvivesAClientRestart()
{
    QTemporaryDir dir;
    ClientOptions o = fastOptions(m_server->url());
    o.outboxPath = dir.filePath(QStringLiteral("outbox.json"));
    QString id;
    {
        CollabClient offline(o); // never opened: the app was closed before it got online
        offline.join(Course, QStringLiteral("CODE"));
        id = offline.sendChat(Course, QStringLiteral("general"), QStringLiteral("written offline"));
        QCOMPARE(offline.outboxSize(), 1);
    }
    CollabClient restarted(o);
    QCOMPARE(restarted.outboxSize(), 1);
    QCOMPARE(restarted.pendingMessages().first().clientMsgId, id);
    m_server->setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("chat.send"))
            return m_server->defaultReply(s, f);
        FakeServer::reply(s, f, "ack", {{QStringLiteral("id"), 1}, {QStringLiteral("seq"), 1}});
    });
    QSignalSpy acked(&restarted, &CollabClient::messageAcked);
    restarted.join(Course, QStringLiteral("CODE"));
    restarted.open();
    QTRY_COMPARE(acked.size(), 1);
    QCOMPARE(acked.first().at(0).toString(), id);
    QCOMPARE(m_server->received("chat.send").first().value(QLatin1String("text")).toString(), QStringLiteral("written offline"));
    CollabClient third(o);
    QCOMPARE(third.outboxSize(), 0);
}

void TestCollabClient::oversizedChatIsRefusedLocally()
{
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy failed(&client, &CollabClient::messageFailed);
    const QString id = client.sendChat(Course, QStringLiteral("general"), QString(20000, QLatin1Char('x')));
    QCOMPARE(failed.size(), 0); // reported later, never from inside the call
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), id);
    QCOMPARE(failed.first().at(1).value<proto::ErrorReply>().code, QStringLiteral("too_large"));
    QCOMPARE(client.outboxSize(), 0);
}

void TestCollabClient::typingIsRefreshedWhileActive()
{
    ClientOptions o = fastOptions(m_server->url());
    o.typingRefreshMs = 20;
    CollabClient client(o);
    QSignalSpy joined(&client, &CollabClient::joined);
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    client.setNoteTyping(Course, QStringLiteral("class-notes"), true);
    QTRY_VERIFY(m_server->received("typing").size() >= 3);
    for (const QJsonObject &t : m_server->received("typing")) {
        QCOMPARE(t.value(QLatin1String("note")).toString(), QStringLiteral("class-notes"));
        QCOMPARE(t.value(QLatin1String("active")).toBool(), true);
    }
    client.setNoteTyping(Course, QStringLiteral("class-notes"), false);
    QTRY_COMPARE(m_server->received("typing").last().value(QLatin1String("active")).toBool(), false);
}

void TestCollabClient::rejectedHelloStopsReconnecting()
{
    m_server->setHandler([](QWebSocket *s, const QJsonObject &f) {
        FakeServer::reply(s, f, "error",
                          {{QStringLiteral("code"), QStringLiteral("invalid_value")}, {QStringLiteral("message"), QStringLiteral("bad user")}});
    });
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy rejected(&client, &CollabClient::sessionRejected);
    client.open();
    QTRY_COMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().first().value<proto::ErrorReply>().code, QStringLiteral("invalid_value"));
    QTRY_COMPARE(client.state(), CollabClient::ConnectionState::Disconnected);
    QCOMPARE(m_server->connections(), 1);
}

void TestCollabClient::wrongJoinCodeIsReportedAndNotRetried()
{
    m_server->setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("join"))
            return m_server->defaultReply(s, f);
        FakeServer::reply(s, f, "error",
                          {{QStringLiteral("code"), QStringLiteral("wrong_join_code")}, {QStringLiteral("message"), QStringLiteral("no")}});
    });
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy failed(&client, &CollabClient::joinFailed);
    client.join(Course, QStringLiteral("WRONG"));
    client.open();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), Course);
    QCOMPARE(failed.first().at(1).value<proto::ErrorReply>().code, QStringLiteral("wrong_join_code"));
    QVERIFY(!client.courses().contains(Course));
    QCOMPARE(client.state(), CollabClient::ConnectionState::Connected); // the session itself is fine
}

void TestCollabClient::requestWhileOfflineFailsLater()
{
    CollabClient client(fastOptions(m_server->url()));
    QList<RequestResult> results;
    const quint64 ref = client.editMessage(Course, 5, QStringLiteral("x"), [&](const RequestResult &r) { results << r; });
    QVERIFY(ref != 0);
    QCOMPARE(results.size(), 0);
    QTRY_COMPARE(results.size(), 1);
    QCOMPARE(results.first().error.code, localerror::notConnected());
    QVERIFY(results.first().retryable());
}

void TestCollabClient::dropFailsPendingRequests()
{
    m_server->setHandler([&](QWebSocket *s, const QJsonObject &f) {
        if (f.value(QLatin1String("type")).toString() != QLatin1String("history"))
            m_server->defaultReply(s, f); // history requests stay unanswered
    });
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy finished(&client, &CollabClient::requestFinished);
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    QList<RequestResult> results;
    const quint64 ref = client.requestHistory(Course, QStringLiteral("general"), 0, 10,
                                              [&](const RequestResult &r) { results << r; });
    QTRY_COMPARE(m_server->received("history").size(), 1);
    m_server->dropAll();
    QTRY_COMPARE(results.size(), 1);
    QCOMPARE(results.first().status, RequestResult::Status::ConnectionLost);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toULongLong(), ref);
}

void TestCollabClient::errorWithoutRefIsReported()
{
    CollabClient client(fastOptions(m_server->url()));
    QSignalSpy joined(&client, &CollabClient::joined);
    QSignalSpy errors(&client, &CollabClient::errorReceived);
    client.join(Course, QStringLiteral("CODE"));
    client.open();
    QTRY_COMPARE(joined.size(), 1);
    m_server->broadcast({{QStringLiteral("type"), QStringLiteral("error")},
                         {QStringLiteral("code"), QStringLiteral("invalid_value")},
                         {QStringLiteral("message"), QStringLiteral("typing names exactly one of channel or note")}});
    m_server->broadcast({{QStringLiteral("type"), QStringLiteral("no.such.type")}}); // ignored, not fatal
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.first().first().value<proto::ErrorReply>().code, QStringLiteral("invalid_value"));
    QCOMPARE(client.state(), CollabClient::ConnectionState::Connected);
}

QTEST_GUILESS_MAIN(TestCollabClient)
#include "tst_collabclient.moc"
