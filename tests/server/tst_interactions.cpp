// Course interactions on one node over real sockets (issue 14): threads, questions with endorsed
// answers, reactions, pins, polls and the office-hours queue, from WebSocket clients and REST,
// with the bad input of part 10 (voting twice or on a closed poll, a 10 KB or non-emoji reaction,
// replies across courses or to deleted messages, endorsing as a student, full threads, too many
// pins) and all of it surviving a restart.
#include "interactiontesthelpers.h"

#include <QJsonArray>
#include <QTest>

using namespace interactiontest;

class TestInteractions : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_nam;
    std::unique_ptr<WsTestClient> m_prof;  // prof.lee, instructor of CECS327
    std::unique_ptr<WsTestClient> m_angie; // students
    std::unique_ptr<WsTestClient> m_ben;
    quint64 m_question = 0; // angie's question in #homework
    quint64 m_answer = 0;   // ben's reply, endorsed
    quint64 m_poll = 0;

    HttpResult rest(const QByteArray &verb, const QString &path, const QJsonObject &body = {}, const QByteArray &key = TestServer::ApiKey)
    {
        return http(m_nam, m_server, verb, path, body.isEmpty() ? QByteArray() : json(body), key);
    }

    std::unique_ptr<WsTestClient> connect(const QString &user) { return joinedAs(m_server.wsUrl(), user); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setConfig(coursetest::config());
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_prof = connect(QStringLiteral("prof.lee"));
        m_angie = connect(QStringLiteral("angie.nguyen"));
        m_ben = connect(QStringLiteral("ben.ortiz"));
        QVERIFY(m_prof && m_angie && m_ben);
    }

    void threadsGatherReplies()
    {
        const QJsonObject asked = post(*m_angie, QStringLiteral("homework"), QStringLiteral("How do vector clocks compare?"),
                                       {{QStringLiteral("question"), true}});
        QVERIFY2(isAck(asked), json(asked).constData());
        m_question = idOf(asked);
        const QJsonObject reply = post(*m_ben, QStringLiteral("homework"), QStringLiteral("Element-wise."),
                                       {{QStringLiteral("replyTo"), double(m_question)}});
        QVERIFY(isAck(reply));
        m_answer = idOf(reply);
        // A reply to a reply joins the same thread (one level deep).
        const QJsonObject nested = post(*m_prof, QStringLiteral("homework"), QStringLiteral("Right, and concurrent if neither dominates."),
                                        {{QStringLiteral("replyTo"), double(m_answer)}});
        QVERIFY(isAck(nested));
        const QJsonObject event = m_angie->waitFor([&](const QJsonObject &o) {
            return type(o) == QLatin1String("event") && quint64(o.value(QLatin1String("seq")).toDouble()) == seqOf(nested);
        });
        QCOMPARE(quint64(event.value(QLatin1String("data")).toObject().value(QLatin1String("replyTo")).toDouble()), m_question);

        const QJsonObject thread = m_angie->request(withCourse("thread", {{QStringLiteral("id"), double(m_question)}}));
        QVERIFY2(isAck(thread), json(thread).constData());
        const QJsonArray replies = thread.value(QLatin1String("replies")).toArray();
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies.at(1).toObject().value(QLatin1String("author")).toString(), QStringLiteral("prof.lee"));
        const QJsonObject root = thread.value(QLatin1String("root")).toObject();
        QCOMPARE(root.value(QLatin1String("replies")).toInt(), 2);
        QCOMPARE(root.value(QLatin1String("repliers")).toArray().first().toString(), QStringLiteral("prof.lee"));
        QVERIFY(root.value(QLatin1String("question")).toBool());

        // History holds the replies and the parent's counts; so does REST's thread.
        const QJsonObject page = m_ben->request(withCourse("history", {{QStringLiteral("channel"), QStringLiteral("homework")}}));
        const QJsonArray messages = page.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(0).toObject().value(QLatin1String("replies")).toInt(), 2);
        QCOMPARE(quint64(messages.at(2).toObject().value(QLatin1String("replyTo")).toDouble()), m_question);
        const HttpResult restThread = rest("GET", QStringLiteral("/api/v1/courses/CECS327/messages/%1/thread").arg(m_question));
        QCOMPARE(restThread.status, 200);
        QCOMPARE(restThread.json.value(QLatin1String("replies")).toArray().size(), 2);
        // REST posts take replyTo too.
        const HttpResult restReply = rest("POST", QStringLiteral("/api/v1/courses/CECS327/channels/homework/messages"),
                                          {{QStringLiteral("text"), QStringLiteral("See lecture 4.")}, {QStringLiteral("replyTo"), double(m_question)}});
        QCOMPARE(restReply.status, 201);
        QCOMPARE(quint64(restReply.json.value(QLatin1String("message")).toObject().value(QLatin1String("replyTo")).toDouble()), m_question);
    }

    void repliesAreCheckedAndResumeIncludesThem()
    {
        // Another course's message, a deleted one, another channel, a question as a reply.
        auto kim = member(m_server.wsUrl(), QStringLiteral("dr.kim"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"), QStringLiteral("kim-secret-1"));
        QVERIFY(kim);
        const QJsonObject math = post(*kim, QStringLiteral("general"), QStringLiteral("limits"), {}, QStringLiteral("MATH101"));
        QVERIFY(isAck(math));
        const quint64 mathId = idOf(math);
        const QJsonObject across = post(*m_angie, QStringLiteral("homework"), QStringLiteral("x"), {{QStringLiteral("replyTo"), double(mathId + 1000)}});
        QCOMPARE(code(across), QStringLiteral("not_found"));
        const QJsonObject doomed = post(*m_angie, QStringLiteral("general"), QStringLiteral("oops"));
        QVERIFY(isAck(m_angie->request(withCourse("chat.delete", {{QStringLiteral("id"), double(idOf(doomed))}}))));
        QCOMPARE(code(post(*m_ben, QStringLiteral("general"), QStringLiteral("re"), {{QStringLiteral("replyTo"), double(idOf(doomed))}})),
                 QStringLiteral("conflict"));
        QCOMPARE(code(post(*m_ben, QStringLiteral("general"), QStringLiteral("re"), {{QStringLiteral("replyTo"), double(m_question)}})),
                 QStringLiteral("invalid_value"));
        QCOMPARE(code(post(*m_ben, QStringLiteral("homework"), QStringLiteral("re?"),
                           {{QStringLiteral("replyTo"), double(m_question)}, {QStringLiteral("question"), true}})),
                 QStringLiteral("invalid_value"));

        // A resume from before the question replays it and its replies, in order.
        auto late = joinedAs(m_server.wsUrl(), QStringLiteral("carl.diaz"), Course, JoinCode, qint64(m_question - 1));
        QVERIFY(late);
        QVERIFY(late->receivedOfType(QStringLiteral("joined")).constLast().value(QLatin1String("recovered")).toBool());
        const QJsonObject replayed = late->waitFor([&](const QJsonObject &o) {
            return type(o) == QLatin1String("event") && o.value(QLatin1String("data")).toObject().value(QLatin1String("replyTo")).toDouble() == double(m_question);
        });
        QVERIFY(!replayed.isEmpty());
    }

    void questionsAreEndorsedAndResolved()
    {
        QCOMPARE(code(m_ben->request(withCourse("endorse", {{QStringLiteral("id"), double(m_answer)}}))), QStringLiteral("forbidden"));
        QCOMPARE(code(m_prof->request(withCourse("endorse", {{QStringLiteral("id"), double(m_question)}}))), QStringLiteral("invalid_value"));
        // Over REST with the integration key (it may change messages, as moderators do).
        const HttpResult endorsed = rest("POST", QStringLiteral("/api/v1/courses/CECS327/messages/%1/endorsement").arg(m_answer));
        QCOMPARE(endorsed.status, 200);
        QVERIFY(endorsed.json.value(QLatin1String("seq")).toDouble() > 0);
        const QJsonObject thread = m_angie->request(withCourse("thread", {{QStringLiteral("id"), double(m_question)}}));
        const QJsonArray answers = thread.value(QLatin1String("answers")).toArray();
        QCOMPARE(answers.size(), 1);
        QCOMPARE(idOf(answers.first().toObject()), m_answer);
        QVERIFY(answers.first().toObject().value(QLatin1String("endorsed")).toBool());

        // The TA's to-do list: open questions, counted per channel for moderators only.
        const QJsonObject open = m_prof->request(withCourse("questions", {}));
        QCOMPARE(open.value(QLatin1String("questions")).toArray().size(), 1);
        QCOMPARE(open.value(QLatin1String("counts")).toObject().value(QLatin1String("homework")).toInt(), 1);
        QVERIFY(!m_ben->request(withCourse("questions", {})).contains(QLatin1String("counts")));
        // Another student may not resolve it; its author may.
        QCOMPARE(code(m_ben->request(withCourse("question.update", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("resolved"), true}}))),
                 QStringLiteral("forbidden"));
        QVERIFY(isAck(m_angie->request(withCourse("question.update", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("resolved"), true}}))));
        QCOMPARE(m_prof->request(withCourse("questions", {})).value(QLatin1String("questions")).toArray().size(), 0);
        const HttpResult all = rest("GET", QStringLiteral("/api/v1/courses/CECS327/questions?state=all"));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json.value(QLatin1String("questions")).toArray().size(), 1);
        QVERIFY(all.json.value(QLatin1String("questions")).toArray().first().toObject().value(QLatin1String("resolved")).toBool());
    }

    void reactionsAreOnePerEmojiAndUser()
    {
        const QString thumbs = QStringLiteral("👍");
        const QJsonObject first = m_ben->request(withCourse("react", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("emoji"), thumbs}}));
        QVERIFY2(isAck(first) && seqOf(first) > 0, json(first).constData());
        const QJsonObject again = m_ben->request(withCourse("react", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("emoji"), thumbs}}));
        QVERIFY(isAck(again));
        QCOMPARE(seqOf(again), quint64(0)); // already so: nothing stored
        QVERIFY(isAck(m_prof->request(withCourse("react", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("emoji"), thumbs}}))));
        // A family emoji (ZWJ sequence) and a flag are emoji; text, a 10 KB string, a letter are not.
        QVERIFY(isAck(m_angie->request(withCourse("react", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("emoji"), QStringLiteral("👨‍👩‍👧")}}))));
        QVERIFY(isAck(m_angie->request(withCourse("react", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("emoji"), QStringLiteral("🇫🇷")}}))));
        for (const QString &bad : {QStringLiteral("lol"), QStringLiteral("+1"), QStringLiteral("a👍"), QString(10240, QLatin1Char('x')), QString(),
                                   QStringLiteral("👍").repeated(20)}) {
            const QJsonObject refused = m_angie->request(withCourse("react", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("emoji"), bad}}));
            QVERIFY2(code(refused) == QLatin1String("invalid_value") || code(refused) == QLatin1String("too_large"), json(refused).constData());
        }
        const HttpResult viaRest = rest("POST", QStringLiteral("/api/v1/courses/CECS327/messages/%1/reactions/%2").arg(m_question).arg(QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("🎉")))));
        QCOMPARE(viaRest.status, 200);
        QCOMPARE(rest("POST", QStringLiteral("/api/v1/courses/CECS327/messages/%1/reactions/plus-one").arg(m_question)).status, 400);

        const QJsonObject page = m_ben->request(withCourse("history", {{QStringLiteral("channel"), QStringLiteral("homework")}}));
        const QJsonArray reactions = page.value(QLatin1String("messages")).toArray().at(0).toObject().value(QLatin1String("reactions")).toArray();
        QCOMPARE(reactions.size(), 4);
        const QJsonObject thumbsUp = reactions.at(0).toObject();
        QCOMPARE(thumbsUp.value(QLatin1String("emoji")).toString(), thumbs);
        QCOMPARE(thumbsUp.value(QLatin1String("count")).toInt(), 2);
        QCOMPARE(thumbsUp.value(QLatin1String("users")).toArray(), (QJsonArray{QStringLiteral("ben.ortiz"), QStringLiteral("prof.lee")}));
        QVERIFY(thumbsUp.value(QLatin1String("mine")).toBool());
        // Taken back.
        QVERIFY(seqOf(m_ben->request(withCourse("react", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("emoji"), thumbs}, {QStringLiteral("active"), false}}))) > 0);
        QCOMPARE(rest("DELETE", QStringLiteral("/api/v1/courses/CECS327/messages/%1/reactions/%2").arg(m_question).arg(QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("🎉"))))).status, 200);
    }

    void reactionsAreRateLimited()
    {
        const QJsonObject target = post(*m_ben, QStringLiteral("general"), QStringLiteral("react to me"));
        // 40 different reactions sent at once (U+1F600 ...): the burst (20) passes, the rest are
        // refused until tokens come back (5 a second).
        const int from = m_angie->receivedCount();
        for (int i = 0; i < 40; ++i) {
            const char32_t emoji = 0x1F600 + i;
            m_angie->sendJson(withCourse("react", {{QStringLiteral("id"), double(idOf(target))}, {QStringLiteral("emoji"), QString::fromUcs4(&emoji, 1)},
                                                   {QStringLiteral("ref"), QStringLiteral("burst-%1").arg(i)}}));
        }
        int answered = 0;
        int limited = 0;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     answered = limited = 0;
                                     for (int i = from; i < m_angie->receivedCount(); ++i) {
                                         const QJsonObject &o = m_angie->received().at(i);
                                         if (!o.value(QLatin1String("ref")).toString().startsWith(QLatin1String("burst-")))
                                             continue;
                                         ++answered;
                                         limited += code(o) == QLatin1String("rate_limited");
                                     }
                                     return answered == 40;
                                 }()),
                                 20000);
        QVERIFY2(limited > 0, "40 reactions at once were all accepted");
    }

    void pinsAreForModeratorsAndBounded()
    {
        QCOMPARE(code(m_ben->request(withCourse("pin", {{QStringLiteral("id"), double(m_question)}}))), QStringLiteral("forbidden"));
        QVERIFY(seqOf(m_prof->request(withCourse("pin", {{QStringLiteral("id"), double(m_question)}}))) > 0);
        const HttpResult restPin = rest("PUT", QStringLiteral("/api/v1/courses/CECS327/messages/%1/pin").arg(m_answer), {{QStringLiteral("pinned"), true}});
        QCOMPARE(restPin.status, 200);
        const QJsonObject pins = m_ben->request(withCourse("pins", {{QStringLiteral("channel"), QStringLiteral("homework")}}));
        QCOMPARE(pins.value(QLatin1String("messages")).toArray().size(), 2);
        QCOMPARE(idOf(pins.value(QLatin1String("messages")).toArray().at(0).toObject()), m_question);
        QCOMPARE(rest("GET", QStringLiteral("/api/v1/courses/CECS327/channels/homework/pins")).json.value(QLatin1String("messages")).toArray().size(), 2);

        // #general takes at most 50 pins.
        int pinned = 0;
        for (int i = 0; i < limits_MaxPins + 1; ++i) {
            const QJsonObject m = post(*m_prof, QStringLiteral("general"), QStringLiteral("pin me %1").arg(i));
            const QJsonObject r = m_prof->request(withCourse("pin", {{QStringLiteral("id"), double(idOf(m))}}));
            if (isAck(r))
                ++pinned;
            else
                QCOMPARE(code(r), QStringLiteral("conflict"));
        }
        QCOMPARE(pinned, limits_MaxPins);
        QCOMPARE(m_ben->request(withCourse("pins", {{QStringLiteral("channel"), QStringLiteral("general")}})).value(QLatin1String("messages")).toArray().size(),
                 limits_MaxPins);
    }

    void pollsTallyVotes()
    {
        const QJsonObject poll = withCourse("poll.create", {{QStringLiteral("channel"), QStringLiteral("general")},
                                                            {QStringLiteral("question"), QStringLiteral("Midterm on Tuesday or Thursday?")},
                                                            {QStringLiteral("options"), QJsonArray{QStringLiteral("Tuesday"), QStringLiteral("Thursday")}}});
        QCOMPARE(code(m_ben->request(poll)), QStringLiteral("forbidden"));
        const QJsonObject created = m_prof->request(poll);
        QVERIFY2(isAck(created), json(created).constData());
        m_poll = quint64(created.value(QLatin1String("poll")).toDouble());
        auto vote = [&](WsTestClient &c, QJsonArray options) {
            return c.request(withCourse("poll.vote", {{QStringLiteral("poll"), double(m_poll)}, {QStringLiteral("options"), options}}));
        };
        QVERIFY(isAck(vote(*m_ben, {0})));
        QVERIFY(isAck(vote(*m_angie, {0})));
        QVERIFY(isAck(vote(*m_angie, {1}))); // a named vote may change
        QCOMPARE(code(vote(*m_angie, {0, 1})), QStringLiteral("invalid_value")); // single choice
        QCOMPARE(code(vote(*m_angie, {5})), QStringLiteral("invalid_value"));
        const HttpResult byRest = rest("POST", QStringLiteral("/api/v1/courses/CECS327/polls/%1/votes").arg(m_poll), {{QStringLiteral("options"), QJsonArray{1}}});
        QCOMPARE(byRest.status, 200);
        const QJsonObject tally = m_ben->request(withCourse("poll", {{QStringLiteral("poll"), double(m_poll)}})).value(QLatin1String("poll")).toObject();
        QCOMPARE(tally.value(QLatin1String("counts")).toArray(), (QJsonArray{1, 2}));
        QCOMPARE(tally.value(QLatin1String("voters")).toInt(), 3);
        QCOMPARE(tally.value(QLatin1String("mine")).toArray(), QJsonArray{0});
        // The poll is a message of its channel (history shows it).
        const QJsonObject page = m_ben->request(withCourse("history", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("limit"), 5}}));
        bool listed = false;
        for (const QJsonValue &v : page.value(QLatin1String("messages")).toArray())
            listed = listed || (idOf(v.toObject()) == m_poll && v.toObject().value(QLatin1String("poll")).toBool());
        QVERIFY(listed);

        // CSV for moderators only; then closed by hand: no more votes.
        QCOMPARE(code(m_ben->request(withCourse("poll", {{QStringLiteral("poll"), double(m_poll)}, {QStringLiteral("csv"), true}}))), QStringLiteral("forbidden"));
        const QString csv = m_prof->request(withCourse("poll", {{QStringLiteral("poll"), double(m_poll)}, {QStringLiteral("csv"), true}})).value(QLatin1String("csv")).toString();
        QVERIFY2(csv.startsWith(QStringLiteral("option,votes\r\nTuesday,1\r\nThursday,2\r\n")), qPrintable(csv));
        QVERIFY(csv.contains(QStringLiteral("angie.nguyen,Thursday")));
        QVERIFY(seqOf(m_prof->request(withCourse("poll.close", {{QStringLiteral("poll"), double(m_poll)}}))) > 0);
        QCOMPARE(code(vote(*m_ben, {1})), QStringLiteral("conflict"));
        QCOMPARE(code(m_ben->request(withCourse("poll.vote", {{QStringLiteral("poll"), 999999.0}, {QStringLiteral("options"), QJsonArray{0}}}))),
                 QStringLiteral("not_found"));
    }

    void anonymousPollsKeepOnlyCounts()
    {
        const HttpResult created = rest("POST", QStringLiteral("/api/v1/courses/CECS327/polls"),
                                        {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("question"), QStringLiteral("Pace?")},
                                         {QStringLiteral("options"), QJsonArray{QStringLiteral("slower"), QStringLiteral("ok"), QStringLiteral("faster")}},
                                         {QStringLiteral("multiple"), true}, {QStringLiteral("anonymous"), true}});
        QCOMPARE(created.status, 201);
        const quint64 poll = quint64(created.json.value(QLatin1String("poll")).toDouble());
        const int from = m_prof->receivedCount();
        const QJsonObject voted = m_angie->request(withCourse("poll.vote", {{QStringLiteral("poll"), double(poll)}, {QStringLiteral("options"), QJsonArray{0, 2}}}));
        QVERIFY2(isAck(voted), json(voted).constData());
        QCOMPARE(code(m_angie->request(withCourse("poll.vote", {{QStringLiteral("poll"), double(poll)}, {QStringLiteral("options"), QJsonArray{1}}}))),
                 QStringLiteral("conflict")); // anonymous votes are final
        QVERIFY(isAck(m_ben->request(withCourse("poll.vote", {{QStringLiteral("poll"), double(poll)}, {QStringLiteral("options"), QJsonArray{2}}}))));
        // Even the instructor's event says only which options, never who.
        const QJsonObject event = eventOf(*m_prof, QStringLiteral("poll.voted"), from);
        const QJsonObject data = event.value(QLatin1String("data")).toObject();
        QVERIFY(!data.contains(QLatin1String("user")));
        QVERIFY(!json(event).contains("angie"));
        const QJsonObject result = m_prof->request(withCourse("poll", {{QStringLiteral("poll"), double(poll)}, {QStringLiteral("csv"), true}}));
        QCOMPARE(result.value(QLatin1String("poll")).toObject().value(QLatin1String("counts")).toArray(), (QJsonArray{1, 0, 2}));
        QVERIFY(!result.value(QLatin1String("csv")).toString().contains(QStringLiteral("angie")));
        QVERIFY(!json(result).contains("ballotKey"));
        QVERIFY(m_angie->request(withCourse("poll", {{QStringLiteral("poll"), double(poll)}})).value(QLatin1String("poll")).toObject().value(QLatin1String("voted")).toBool());
    }

    void theQueueServesStudentsInOrder()
    {
        QCOMPARE(code(m_ben->request(withCourse("queue.join", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("topic"), QStringLiteral("hw 3")}}))),
                 QStringLiteral("invalid_value")); // not a queue yet
        QCOMPARE(code(m_ben->request(withCourse("queue.open", {{QStringLiteral("channel"), QStringLiteral("general")}}))), QStringLiteral("forbidden"));
        QVERIFY(isAck(m_prof->request(withCourse("queue.open", {{QStringLiteral("channel"), QStringLiteral("general")}}))));
        const QJsonObject ben = m_ben->request(withCourse("queue.join", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("topic"), QStringLiteral("hw 3, part b")}}));
        QCOMPARE(ben.value(QLatin1String("position")).toInt(), 1);
        const QJsonObject angie = m_angie->request(withCourse("queue.join", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("topic"), QStringLiteral("lab 2")}}));
        QCOMPARE(angie.value(QLatin1String("position")).toInt(), 2);
        QVERIFY(angie.value(QLatin1String("estimateMs")).toDouble() > 0);
        QCOMPARE(code(m_angie->request(withCourse("queue.join", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("topic"), QStringLiteral("again")}}))),
                 QStringLiteral("conflict"));
        QCOMPARE(code(m_angie->request(withCourse("queue.action", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("action"), QStringLiteral("take")}}))),
                 QStringLiteral("forbidden"));
        // The TA takes the next: ben, who sees it.
        const int from = m_ben->receivedCount();
        const QJsonObject taken = m_prof->request(withCourse("queue.action", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("action"), QStringLiteral("take")}}));
        QCOMPARE(taken.value(QLatin1String("user")).toString(), QStringLiteral("ben.ortiz"));
        const QJsonObject told = eventOf(*m_ben, QStringLiteral("queue.changed"), from);
        QCOMPARE(told.value(QLatin1String("data")).toObject().value(QLatin1String("user")).toString(), QStringLiteral("ben.ortiz"));
        QCOMPARE(m_angie->request(withCourse("queue", {{QStringLiteral("channel"), QStringLiteral("general")}})).value(QLatin1String("position")).toInt(), 1);
        QVERIFY(isAck(m_prof->request(withCourse("queue.action", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("action"), QStringLiteral("done")}, {QStringLiteral("user"), QStringLiteral("ben.ortiz")}}))));
        const HttpResult queue = rest("GET", QStringLiteral("/api/v1/courses/CECS327/channels/general/queue"));
        QCOMPARE(queue.status, 200);
        QCOMPARE(queue.json.value(QLatin1String("served")).toInt(), 1);
        QCOMPARE(queue.json.value(QLatin1String("entries")).toArray().size(), 1);
    }

    void everythingSurvivesARestart()
    {
        m_prof.reset();
        m_angie.reset();
        m_ben.reset();
        m_server.stop();
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_ben = connect(QStringLiteral("ben.ortiz"));
        QVERIFY(m_ben);
        const QJsonObject thread = m_ben->request(withCourse("thread", {{QStringLiteral("id"), double(m_question)}}));
        QCOMPARE(thread.value(QLatin1String("replies")).toArray().size(), 3);
        QCOMPARE(thread.value(QLatin1String("answers")).toArray().size(), 1);
        const QJsonObject root = thread.value(QLatin1String("root")).toObject();
        QVERIFY(root.value(QLatin1String("pinned")).toBool());
        QVERIFY(root.value(QLatin1String("resolved")).toBool());
        QCOMPARE(root.value(QLatin1String("reactions")).toArray().size(), 3);
        const QJsonObject tally = m_ben->request(withCourse("poll", {{QStringLiteral("poll"), double(m_poll)}})).value(QLatin1String("poll")).toObject();
        QCOMPARE(tally.value(QLatin1String("counts")).toArray(), (QJsonArray{1, 2}));
        QVERIFY(tally.value(QLatin1String("closed")).toBool());
        const QJsonObject queue = m_ben->request(withCourse("queue", {{QStringLiteral("channel"), QStringLiteral("general")}}));
        QCOMPARE(queue.value(QLatin1String("entries")).toArray().size(), 1);
        QCOMPARE(queue.value(QLatin1String("served")).toInt(), 1);
    }

private:
    static constexpr int limits_MaxPins = 50;
};

QTEST_GUILESS_MAIN(TestInteractions)
#include "tst_interactions.moc"
