#include "client/collabclient.h"

#include "testserver.h"

#include "clienteventspy.h"
#include "testclientoptions.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace collab;
using namespace collab::client;

namespace {

const QString Course = QLatin1String(TestServer::Course);
const QString Code = QLatin1String(TestServer::JoinCode);
const QString General = QStringLiteral("general");

// One token file for every client of the test: a "restarted" client is the same user's app.
ClientOptions optionsFor(const QUrl &url, const QString &user)
{
    static QTemporaryDir tokens;
    return testClientOptions(url, user, tokens.filePath(QStringLiteral("tokens.json")));
}

QList<quint64> seqs(const QSignalSpy &events)
{
    QList<quint64> out;
    for (const QList<QVariant> &args : events)
        out << args.first().value<CourseEvent>().seq;
    return out;
}

bool consecutive(const QList<quint64> &s)
{
    for (qsizetype i = 1; i < s.size(); ++i)
        if (s.at(i) != s.at(i - 1) + 1)
            return false;
    return true;
}

} // namespace

class TestClientIntegration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void twoClientsChat();
    void closeAndReopenResumesWithExactlyTheMissedEvents();
    void socketKilledDuringTrafficMissesNothingAndDuplicatesNothing();
    void serverRestartOnSameDataDirResumes();
    void outboxWrittenWhileServerDownIsStoredExactlyOnce();
    void outboxReplayOfAnAlreadyStoredMessageIsAckedAsDuplicate();
    void historyPagesOldestFirst();
    void editDeleteAndPermissions();
    void typingAndPresenceReachOthers();
    void wrongJoinCodeFails();
    void kickIsReportedAndNotRejoinedAfterReconnect();

private:
    bool joinAndWait(CollabClient &client);
    QList<ChatMessage> history(int limit);

    std::unique_ptr<TestServer> m_server;
};

void TestClientIntegration::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void TestClientIntegration::cleanup() { m_server.reset(); }

bool TestClientIntegration::joinAndWait(CollabClient &client)
{
    QSignalSpy joined(&client, &CollabClient::joined);
    client.join(Course, Code);
    client.open();
    return joined.wait(10000) || joined.size() > 0;
}

QList<ChatMessage> TestClientIntegration::history(int limit)
{
    CollabClient reader(optionsFor(m_server->wsUrl(), QStringLiteral("history.reader")));
    if (!joinAndWait(reader))
        return {};
    std::optional<RequestResult> result;
    reader.requestHistory(Course, General, 0, limit, [&](const RequestResult &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000) || !result->replyAs<proto::HistoryPage>())
        return {};
    return result->replyAs<proto::HistoryPage>()->messages;
}

void TestClientIntegration::twoClientsChat()
{
    CollabClient angie(optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen")));
    CollabClient bob(optionsFor(m_server->wsUrl(), QStringLiteral("bob.tran")));
    QVERIFY(joinAndWait(angie));
    QVERIFY(joinAndWait(bob));
    QSignalSpy bobEvents(&bob, &CollabClient::eventReceived);
    QSignalSpy acked(&angie, &CollabClient::messageAcked);

    const QString id = angie.sendChat(Course, General, QStringLiteral("hello class"));
    QTRY_COMPARE(acked.size(), 1);
    QCOMPARE(acked.first().at(0).toString(), id);
    QCOMPARE(acked.first().at(3).toBool(), false);
    QTRY_COMPARE(postedTexts(bobEvents), QStringList{QStringLiteral("hello class")});
    const auto e = bobEvents.last().first().value<CourseEvent>();
    QCOMPARE(e.data.value(QLatin1String("author")).toString(), QStringLiteral("angie.nguyen"));
    QCOMPARE(e.data.value(QLatin1String("clientMsgId")).toString(), id);
    QCOMPARE(e.seq, acked.first().at(2).toULongLong());
    QCOMPARE(angie.outboxSize(), 0);
}

void TestClientIntegration::closeAndReopenResumesWithExactlyTheMissedEvents()
{
    CollabClient angie(optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen")));
    CollabClient bob(optionsFor(m_server->wsUrl(), QStringLiteral("bob.tran")));
    QVERIFY(joinAndWait(angie));
    QVERIFY(joinAndWait(bob));
    QSignalSpy events(&angie, &CollabClient::eventReceived);
    QSignalSpy joined(&angie, &CollabClient::joined);
    QSignalSpy bobAcks(&bob, &CollabClient::messageAcked);

    bob.sendChat(Course, General, QStringLiteral("before"));
    QTRY_COMPARE(postedTexts(events), QStringList{QStringLiteral("before")});
    const quint64 seenBefore = *angie.lastSeq(Course);

    angie.close();
    QTRY_COMPARE(angie.state(), CollabClient::ConnectionState::Disconnected);
    for (const char *t : {"missed 1", "missed 2", "missed 3"})
        bob.sendChat(Course, General, QLatin1String(t));
    QTRY_COMPARE(bobAcks.size(), 4);
    events.clear();

    angie.open();
    QTRY_COMPARE(joined.size(), 1);
    const auto j = joined.first().first().value<proto::Joined>();
    QVERIFY(j.resumed);
    QVERIFY(j.recovered);
    QVERIFY(j.replayed >= 3); // + presence-free events such as member.joined are possible
    QTRY_COMPARE(postedTexts(events), (QStringList{QStringLiteral("missed 1"), QStringLiteral("missed 2"),
                                                    QStringLiteral("missed 3")}));
    QCOMPARE(seqs(events).first(), seenBefore + 1);
    QVERIFY(consecutive(seqs(events)));
}

void TestClientIntegration::socketKilledDuringTrafficMissesNothingAndDuplicatesNothing()
{
    CollabClient angie(optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen")));
    CollabClient bob(optionsFor(m_server->wsUrl(), QStringLiteral("bob.tran")));
    QVERIFY(joinAndWait(angie));
    QVERIFY(joinAndWait(bob));
    QSignalSpy events(&angie, &CollabClient::eventReceived);
    QSignalSpy lost(&angie, &CollabClient::connectionLost);
    QSignalSpy bobAcks(&bob, &CollabClient::messageAcked);

    QStringList sent;
    for (int i = 0; i < 20; ++i) {
        sent << QStringLiteral("burst %1").arg(i);
        bob.sendChat(Course, General, sent.last());
        if (i == 5 || i == 12) {
            // Killed while bob's messages are still on their way to her.
            QTRY_COMPARE(angie.state(), CollabClient::ConnectionState::Connected);
            angie.reconnect(QStringLiteral("test kills the socket"));
        }
        QTest::qWait(0); // let some traffic through between the sends
    }
    QTRY_COMPARE(bobAcks.size(), 20);
    QTRY_COMPARE_WITH_TIMEOUT(postedTexts(events), sent, 15000);
    QCOMPARE(lost.size(), 2);
    QVERIFY(consecutive(seqs(events)));
}

void TestClientIntegration::serverRestartOnSameDataDirResumes()
{
    CollabClient angie(optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen")));
    QVERIFY(joinAndWait(angie));
    QSignalSpy events(&angie, &CollabClient::eventReceived);
    QSignalSpy joined(&angie, &CollabClient::joined);
    QSignalSpy reload(&angie, &CollabClient::reloadRequired);
    {
        CollabClient bob(optionsFor(m_server->wsUrl(), QStringLiteral("bob.tran")));
        QVERIFY(joinAndWait(bob));
        bob.sendChat(Course, General, QStringLiteral("before restart"));
        QTRY_COMPARE(postedTexts(events), QStringList{QStringLiteral("before restart")});
    }
    m_server->stop();
    QTRY_VERIFY(angie.state() != CollabClient::ConnectionState::Connected);
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));

    QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, 15000);
    QVERIFY(joined.first().first().value<proto::Joined>().resumed);
    QVERIFY(joined.first().first().value<proto::Joined>().recovered);
    QCOMPARE(reload.size(), 0);

    CollabClient carol(optionsFor(m_server->wsUrl(), QStringLiteral("carol.diaz")));
    QVERIFY(joinAndWait(carol));
    carol.sendChat(Course, General, QStringLiteral("after restart"));
    QTRY_COMPARE(postedTexts(events), (QStringList{QStringLiteral("before restart"), QStringLiteral("after restart")}));
    QVERIFY(consecutive(seqs(events)));
}

void TestClientIntegration::outboxWrittenWhileServerDownIsStoredExactlyOnce()
{
    QTemporaryDir dir;
    ClientOptions o = optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen"));
    o.outboxPath = dir.filePath(QStringLiteral("outbox.json"));
    CollabClient angie(o);
    QVERIFY(joinAndWait(angie));
    QSignalSpy acked(&angie, &CollabClient::messageAcked);

    m_server->stop();
    QTRY_VERIFY(angie.state() != CollabClient::ConnectionState::Connected);
    angie.sendChat(Course, General, QStringLiteral("offline one"));
    angie.sendChat(Course, General, QStringLiteral("offline two"));
    QCOMPARE(angie.outboxSize(), 2);
    QVERIFY(QFile(o.outboxPath).size() > 0);

    QVERIFY(m_server->start()); // the same port and data
    QTRY_COMPARE_WITH_TIMEOUT(acked.size(), 2, 15000);
    QCOMPARE(angie.outboxSize(), 0);

    QStringList stored;
    for (const ChatMessage &m : history(50))
        stored << m.text;
    QCOMPARE(stored, (QStringList{QStringLiteral("offline one"), QStringLiteral("offline two")}));
}

void TestClientIntegration::outboxReplayOfAnAlreadyStoredMessageIsAckedAsDuplicate()
{
    // The app was killed after the server stored a message but before the ack was handled: the
    // outbox file still holds it, and the restarted app sends it again.
    QTemporaryDir dir;
    ClientOptions o = optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen"));
    o.outboxPath = dir.filePath(QStringLiteral("outbox.json"));
    QByteArray fileBeforeAck;
    quint64 storedId = 0;
    {
        CollabClient first(o);
        QSignalSpy acked(&first, &CollabClient::messageAcked);
        first.sendChat(Course, General, QStringLiteral("only once"));
        QFile f(o.outboxPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        fileBeforeAck = f.readAll();
        QVERIFY(joinAndWait(first));
        QTRY_COMPARE(acked.size(), 1);
        storedId = acked.first().at(1).toULongLong();
    }
    QFile f(o.outboxPath);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(fileBeforeAck);
    f.close();

    CollabClient restarted(o);
    QCOMPARE(restarted.outboxSize(), 1);
    QSignalSpy acked(&restarted, &CollabClient::messageAcked);
    QVERIFY(joinAndWait(restarted));
    QTRY_COMPARE(acked.size(), 1);
    QCOMPARE(acked.first().at(1).toULongLong(), storedId);
    QCOMPARE(acked.first().at(3).toBool(), true); // duplicate: nothing new stored
    QCOMPARE(restarted.outboxSize(), 0);
    QCOMPARE(history(50).size(), 1);
}

void TestClientIntegration::historyPagesOldestFirst()
{
    CollabClient angie(optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen")));
    QVERIFY(joinAndWait(angie));
    QSignalSpy acked(&angie, &CollabClient::messageAcked);
    for (int i = 1; i <= 5; ++i)
        angie.sendChat(Course, General, QStringLiteral("m%1").arg(i));
    QTRY_COMPARE(acked.size(), 5);

    std::optional<RequestResult> latest;
    angie.requestHistory(Course, General, 0, 3, [&](const RequestResult &r) { latest = r; });
    QTRY_VERIFY(latest.has_value());
    const auto *page = latest->replyAs<proto::HistoryPage>();
    QVERIFY(page);
    QStringList texts;
    for (const ChatMessage &m : page->messages)
        texts << m.text;
    QCOMPARE(texts, (QStringList{QStringLiteral("m3"), QStringLiteral("m4"), QStringLiteral("m5")}));
    QVERIFY(page->more);

    std::optional<RequestResult> older;
    angie.requestHistory(Course, General, page->messages.first().id, 50, [&](const RequestResult &r) { older = r; });
    QTRY_VERIFY(older.has_value());
    texts.clear();
    for (const ChatMessage &m : older->replyAs<proto::HistoryPage>()->messages)
        texts << m.text;
    QCOMPARE(texts, (QStringList{QStringLiteral("m1"), QStringLiteral("m2")}));
}

void TestClientIntegration::editDeleteAndPermissions()
{
    CollabClient angie(optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen")));
    CollabClient bob(optionsFor(m_server->wsUrl(), QStringLiteral("bob.tran")));
    QVERIFY(joinAndWait(angie));
    QVERIFY(joinAndWait(bob));
    QSignalSpy acked(&angie, &CollabClient::messageAcked);
    QSignalSpy bobEvents(&bob, &CollabClient::eventReceived);
    angie.sendChat(Course, General, QStringLiteral("typo"));
    QTRY_COMPARE(acked.size(), 1);
    const quint64 id = acked.first().at(1).toULongLong();

    std::optional<RequestResult> edit, foreignDelete, ownDelete;
    angie.editMessage(Course, id, QStringLiteral("fixed"), [&](const RequestResult &r) { edit = r; });
    QTRY_VERIFY(edit.has_value());
    QVERIFY2(edit->ok(), qPrintable(edit->error.message));
    bob.deleteMessage(Course, id, [&](const RequestResult &r) { foreignDelete = r; });
    QTRY_VERIFY(foreignDelete.has_value());
    QCOMPARE(foreignDelete->status, RequestResult::Status::Rejected);
    QCOMPARE(foreignDelete->error.code, QStringLiteral("forbidden"));
    angie.deleteMessage(Course, id, [&](const RequestResult &r) { ownDelete = r; });
    QTRY_VERIFY(ownDelete.has_value());
    QVERIFY(ownDelete->ok());

    QTRY_VERIFY(bobEvents.size() >= 3);
    QList<EventKind> kinds;
    for (const QList<QVariant> &args : bobEvents)
        kinds << args.first().value<CourseEvent>().kind;
    QVERIFY(kinds.contains(EventKind::ChatEdited));
    QVERIFY(kinds.contains(EventKind::ChatDeleted));
}

void TestClientIntegration::typingAndPresenceReachOthers()
{
    CollabClient angie(optionsFor(m_server->wsUrl(), QStringLiteral("angie.nguyen")));
    QVERIFY(joinAndWait(angie));
    QSignalSpy presence(&angie, &CollabClient::presenceChanged);
    QSignalSpy typing(&angie, &CollabClient::typingChanged);
    CollabClient bob(optionsFor(m_server->wsUrl(), QStringLiteral("bob.tran")));
    QVERIFY(joinAndWait(bob));
    QTRY_VERIFY(!presence.isEmpty());
    QCOMPARE(presence.last().first().value<proto::Presence>().user, QStringLiteral("bob.tran"));
    QVERIFY(presence.last().first().value<proto::Presence>().online);

    bob.setNoteTyping(Course, QStringLiteral("class-notes"), true);
    QTRY_VERIFY(!typing.isEmpty());
    const auto t = typing.first().first().value<proto::TypingNotice>();
    QCOMPARE(t.user, QStringLiteral("bob.tran"));
    QCOMPARE(t.note, QStringLiteral("class-notes"));
    QVERIFY(t.active);
    bob.setNoteTyping(Course, QStringLiteral("class-notes"), false);
    QTRY_VERIFY(!typing.last().first().value<proto::TypingNotice>().active);

    std::optional<RequestResult> action;
    proto::EditAction a;
    a.course = Course;
    a.note = QStringLiteral("class-notes");
    a.action = QStringLiteral("insert_line");
    a.text = QStringLiteral("Week 2: consensus");
    bob.editAction(a, [&](const RequestResult &r) { action = r; });
    QTRY_VERIFY(action.has_value());
    QVERIFY2(action->ok(), qPrintable(action->error.message));
}

void TestClientIntegration::wrongJoinCodeFails()
{
    CollabClient eve(optionsFor(m_server->wsUrl(), QStringLiteral("eve")));
    QSignalSpy failed(&eve, &CollabClient::joinFailed);
    QSignalSpy joined(&eve, &CollabClient::joined);
    eve.join(Course, QStringLiteral("guess"));
    eve.open();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).value<proto::ErrorReply>().code, QStringLiteral("wrong_join_code"));
    QCOMPARE(joined.size(), 0);
}

// A kicked client says who removed it and until when, and does not rejoin (not even after a
// reconnect) while the kick lasts: the server would only refuse it.
void TestClientIntegration::kickIsReportedAndNotRejoinedAfterReconnect()
{
    CollabClient prof(optionsFor(m_server->wsUrl(), QStringLiteral("prof.lee")));
    QVERIFY(joinAndWait(prof));
    CollabClient pest(optionsFor(m_server->wsUrl(), QStringLiteral("class.pest")));
    QVERIFY(joinAndWait(pest));
    QSignalSpy kicked(&pest, &CollabClient::kicked);
    QSignalSpy failed(&pest, &CollabClient::joinFailed);
    QSignalSpy joined(&pest, &CollabClient::joined);
    QSignalSpy welcomed(&pest, &CollabClient::welcomed);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    std::optional<RequestResult> kick;
    prof.sendRequest(proto::Kick{Course, QStringLiteral("class.pest")}, [&](const RequestResult &r) { kick = r; });
    QTRY_VERIFY(kick.has_value());
    QVERIFY2(kick->ok(), qPrintable(kick->error.message));
    QTRY_COMPARE(kicked.size(), 1);
    QCOMPARE(kicked.first().at(0).toString(), Course);
    QCOMPARE(kicked.first().at(1).toString(), QStringLiteral("prof.lee"));
    const qint64 until = kicked.first().at(2).toLongLong();
    QVERIFY2(until >= before + 9 * 60 * 1000, qPrintable(QString::number(until - before)));
    QVERIFY(!pest.isJoined(Course));
    QCOMPARE(pest.kickedUntil(Course), until);

    pest.reconnect();
    QTRY_COMPARE(welcomed.size(), 1);
    // A join would have been sent before this ping: its refusal would arrive before the pong.
    std::optional<RequestResult> pong;
    pest.ping([&](const RequestResult &r) { pong = r; });
    QTRY_VERIFY(pong.has_value());
    QVERIFY(pong->ok());
    QCOMPARE(failed.size(), 0);
    QCOMPARE(joined.size(), 0);
    QVERIFY(pest.courses().contains(Course)); // still wanted: rejoined once the kick expires
}

QTEST_GUILESS_MAIN(TestClientIntegration)
#include "tst_client_integration.moc"
