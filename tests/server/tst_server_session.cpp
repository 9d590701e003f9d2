// Session rules over real WebSockets: malformed input gets a clear error and the connection stays
// usable; hello and join are checked; presence and typing (with server-side expiry).
#include "protocol/limits.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

namespace {
const QString kCourse = QStringLiteral("CECS327");
const QString kCode = QString::fromLatin1(TestServer::JoinCode);
QString typeOf(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
QString codeOf(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }
} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

    std::unique_ptr<WsTestClient> joinedClient(const QString &user)
    {
        auto c = std::make_unique<WsTestClient>();
        if (!c->open(m_server.wsUrl()) || c->helloAndJoin(user, kCourse, kCode).isEmpty())
            return nullptr;
        return c;
    }

    // Proves the connection still works after bad input.
    static bool stillUsable(WsTestClient &c)
    {
        return typeOf(c.request({{QStringLiteral("type"), QStringLiteral("ping")}})) == QLatin1String("pong");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void malformedFramesGetErrors_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("broken json") << QStringLiteral("{\"type\": \"chat.send\", ") << QStringLiteral("bad_json");
        QTest::newRow("a json array") << QStringLiteral("[]") << QStringLiteral("bad_json");
        QTest::newRow("plain text") << QStringLiteral("hello class") << QStringLiteral("bad_json");
        QTest::newRow("unknown type") << QStringLiteral(R"({"type":"chat.yell","ref":1})") << QStringLiteral("unknown_type");
        QTest::newRow("missing type") << QStringLiteral(R"({"ref":1})") << QStringLiteral("missing_field");
        QTest::newRow("wrong field type") << QStringLiteral(R"({"type":"chat.send","ref":1,"course":"CECS327","channel":"general","text":["hi"],"clientMsgId":"x"})")
                                          << QStringLiteral("bad_type");
        QTest::newRow("missing field") << QStringLiteral(R"({"type":"chat.send","ref":1,"course":"CECS327","channel":"general","clientMsgId":"x"})")
                                       << QStringLiteral("missing_field");
        QTest::newRow("bad id") << QStringLiteral(R"({"type":"chat.send","ref":1,"course":"CECS 327","channel":"general","text":"x","clientMsgId":"x"})")
                                << QStringLiteral("invalid_value");
        QTest::newRow("text over 16 KiB") << (QStringLiteral("{\"type\":\"chat.send\",\"ref\":1,\"course\":\"CECS327\",\"channel\":\"general\",\"clientMsgId\":\"x\",\"text\":\"")
                                              + QString(collab::limits::MaxChatTextBytes + 10, QLatin1Char('y')) + QStringLiteral("\"}"))
                                          << QStringLiteral("too_large");
        QTest::newRow("unknown channel") << QStringLiteral(R"({"type":"chat.send","ref":1,"course":"CECS327","channel":"random","text":"x","clientMsgId":"x"})")
                                         << QStringLiteral("unknown_channel");
        QTest::newRow("course not joined") << QStringLiteral(R"({"type":"chat.send","ref":1,"course":"MATH101","channel":"general","text":"x","clientMsgId":"x"})")
                                           << QStringLiteral("not_joined");
        QTest::newRow("unknown course") << QStringLiteral(R"({"type":"chat.send","ref":1,"course":"NOPE1","channel":"general","text":"x","clientMsgId":"x"})")
                                        << QStringLiteral("unknown_course");
        QTest::newRow("nested too deep") << (QString(100, QLatin1Char('[')) + QString(100, QLatin1Char(']'))) << QStringLiteral("too_large");
        QTest::newRow("second hello") << QStringLiteral(R"({"type":"hello","ref":1,"user":"mallory"})") << QStringLiteral("conflict");
    }
    void malformedFramesGetErrors()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        auto c = joinedClient(QStringLiteral("fuzzy.tester"));
        QVERIFY(c);
        const int before = c->receivedCount();
        c->sendText(frame);
        const QJsonObject error = c->waitForType(QStringLiteral("error"), 5000, before);
        QCOMPARE(codeOf(error), code);
        QVERIFY(!error.value(QLatin1String("message")).toString().isEmpty());
        QVERIFY(stillUsable(*c));
    }

    void oversizedFrameClosesOnlyThatConnection()
    {
        auto big = joinedClient(QStringLiteral("big.sender"));
        auto bystander = joinedClient(QStringLiteral("by.stander"));
        QVERIFY(big && bystander);
        big->sendText(QString(collab::limits::MaxFrameBytes + 1024, QLatin1Char('z')));
        QTRY_COMPARE_WITH_TIMEOUT(big->closeCode(), 1009, 5000);
        QVERIFY(stillUsable(*bystander));
    }

    void helloComesFirst()
    {
        WsTestClient c;
        QVERIFY(c.open(m_server.wsUrl()));
        const QJsonObject r = c.request({{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), kCourse},
                                         {QStringLiteral("joinCode"), kCode}});
        QCOMPARE(codeOf(r), QStringLiteral("not_authenticated"));
        QVERIFY(stillUsable(c));
    }

    void wrongJoinCodeDoesNothing()
    {
        auto watcher = joinedClient(QStringLiteral("wat.cher"));
        QVERIFY(watcher);
        WsTestClient intruder;
        QVERIFY(intruder.open(m_server.wsUrl()));
        QCOMPARE(typeOf(intruder.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), QStringLiteral("mallory")}})),
                 QStringLiteral("welcome"));
        const QJsonObject r = intruder.request({{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), kCourse},
                                                {QStringLiteral("joinCode"), QStringLiteral("guess")}});
        QCOMPARE(codeOf(r), QStringLiteral("wrong_join_code"));
        const QJsonObject send = intruder.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                                   {QStringLiteral("channel"), QStringLiteral("general")},
                                                   {QStringLiteral("text"), QStringLiteral("let me in")},
                                                   {QStringLiteral("clientMsgId"), QStringLiteral("m")}});
        QCOMPARE(codeOf(send), QStringLiteral("not_joined"));
        QCOMPARE(codeOf(intruder.request({{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), QStringLiteral("NOPE")},
                                          {QStringLiteral("joinCode"), QStringLiteral("x")}})),
                 QStringLiteral("unknown_course"));
        // A fence on the watcher's connection: nothing about mallory reached it before.
        QVERIFY(stillUsable(*watcher));
        for (const QJsonObject &o : watcher->received())
            QVERIFY2(o.value(QLatin1String("user")).toString() != QLatin1String("mallory"), "mallory was announced");
    }

    void namesAreClaimedWithAToken()
    {
        auto join = [this](const QString &user, const QString &course, const QString &code, const QString &token) {
            auto c = std::make_unique<WsTestClient>();
            c->open(m_server.wsUrl());
            c->request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), user}});
            QJsonObject join{{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), course},
                             {QStringLiteral("joinCode"), code}};
            if (!token.isNull())
                join.insert(QStringLiteral("token"), token);
            return c->request(join);
        };
        const QJsonObject first = join(QStringLiteral("new.student"), kCourse, kCode, QString());
        QCOMPARE(typeOf(first), QStringLiteral("joined"));
        const QString token = first.value(QLatin1String("token")).toString();
        QVERIFY(token.size() >= 22); // 128 bits, base64url
        QCOMPARE(codeOf(join(QStringLiteral("new.student"), kCourse, kCode, QString())), QStringLiteral("not_authenticated"));
        QCOMPARE(codeOf(join(QStringLiteral("new.student"), kCourse, kCode, QStringLiteral("guessed-token"))),
                 QStringLiteral("not_authenticated"));
        const QJsonObject again = join(QStringLiteral("new.student"), kCourse, kCode, token);
        QCOMPARE(typeOf(again), QStringLiteral("joined"));
        QVERIFY(!again.contains(QLatin1String("token"))); // issued once
        // A token brought for an unclaimed name (issued by another node) is adopted, not replaced.
        const QString brought = QStringLiteral("tok-from-another-node-0123456789");
        const QJsonObject adopted = join(QStringLiteral("roaming.student"), kCourse, kCode, brought);
        QCOMPARE(typeOf(adopted), QStringLiteral("joined"));
        QVERIFY(!adopted.contains(QLatin1String("token")));
        QCOMPARE(typeOf(join(QStringLiteral("roaming.student"), kCourse, kCode, brought)), QStringLiteral("joined"));
        QCOMPARE(codeOf(join(QStringLiteral("roaming.student"), kCourse, kCode, QString())), QStringLiteral("not_authenticated"));
        // The claim is per course: the same name elsewhere is claimed separately.
        QCOMPARE(typeOf(join(QStringLiteral("new.student"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"), QString())),
                 QStringLiteral("joined"));

        // An instructor with a configured secret must present it; nobody can claim the name first.
        QCOMPARE(codeOf(join(QStringLiteral("dr.kim"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"), QString())),
                 QStringLiteral("not_authenticated"));
        QCOMPARE(codeOf(join(QStringLiteral("dr.kim"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"), QStringLiteral("nope"))),
                 QStringLiteral("not_authenticated"));
        const QJsonObject prof = join(QStringLiteral("dr.kim"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"),
                                      QStringLiteral("kim-secret-1"));
        QCOMPARE(typeOf(prof), QStringLiteral("joined"));
        bool instructor = false;
        for (const QJsonValue &m : prof.value(QLatin1String("members")).toArray())
            instructor |= m.toObject().value(QLatin1String("user")).toString() == QLatin1String("dr.kim")
                          && m.toObject().value(QLatin1String("role")).toString() == QLatin1String("instructor");
        QVERIFY(instructor);
    }

    void chatIsRateLimited()
    {
        auto c = joinedClient(QStringLiteral("fast.typer"));
        QVERIFY(c);
        const int before = c->receivedCount();
        const int sends = 80; // the default bucket: 20 a second, 40 saved up
        for (int i = 0; i < sends; ++i)
            c->sendJson({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("ref"), 5000 + i},
                         {QStringLiteral("course"), kCourse}, {QStringLiteral("channel"), QStringLiteral("general")},
                         {QStringLiteral("text"), QStringLiteral("spam %1").arg(i)}, {QStringLiteral("clientMsgId"), QStringLiteral("s-%1").arg(i)}});
        auto replies = [&] {
            int n = 0;
            for (int i = before; i < c->receivedCount(); ++i)
                n += c->received().at(i).value(QLatin1String("ref")).toInt() >= 5000 ? 1 : 0;
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(replies(), sends, 10000);
        int limited = 0;
        for (int i = before; i < c->receivedCount(); ++i) {
            const QJsonObject o = c->received().at(i);
            if (codeOf(o) == QLatin1String("rate_limited")) {
                ++limited;
                QVERIFY(o.value(QLatin1String("retryable")).toBool());
            }
        }
        QVERIFY2(limited > 0, "80 sends at once were all accepted");
        QVERIFY2(limited < sends - 30, "the burst was not honoured");
        // The bucket refills: a later send goes through.
        QVERIFY(QTest::qWaitFor([&] {
            return typeOf(c->request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                      {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), QStringLiteral("calm")},
                                      {QStringLiteral("clientMsgId"), QStringLiteral("calm-%1").arg(c->receivedCount())}}))
                   == QLatin1String("ack");
        }, 5000));
    }

    void announcementsAreForInstructors()
    {
        auto student = std::make_unique<WsTestClient>();
        QVERIFY(student->open(m_server.wsUrl()));
        QVERIFY(!student->helloAndJoin(QStringLiteral("plain.student"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts")).isEmpty());
        auto post = [](WsTestClient &c, const QString &channel) {
            return c.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), QStringLiteral("MATH101")},
                              {QStringLiteral("channel"), channel}, {QStringLiteral("text"), QStringLiteral("hello")},
                              {QStringLiteral("clientMsgId"), QString(QStringLiteral("a-") + channel)}});
        };
        QCOMPARE(codeOf(post(*student, QStringLiteral("news"))), QStringLiteral("forbidden"));
        QCOMPARE(typeOf(post(*student, QStringLiteral("general"))), QStringLiteral("ack"));

        WsTestClient prof;
        QVERIFY(prof.open(m_server.wsUrl()));
        QCOMPARE(typeOf(prof.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), QStringLiteral("dr.kim")}})),
                 QStringLiteral("welcome"));
        QCOMPARE(typeOf(prof.request({{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), QStringLiteral("MATH101")},
                                      {QStringLiteral("joinCode"), QStringLiteral("sum-of-parts")}, {QStringLiteral("token"), QStringLiteral("kim-secret-1")}})),
                 QStringLiteral("joined"));
        QCOMPARE(typeOf(post(prof, QStringLiteral("news"))), QStringLiteral("ack"));
    }

    void instructorsRemoveMembers()
    {
        auto prof = joinedClient(QStringLiteral("prof.lee")); // CECS327's instructor (claims the name)
        auto pest = joinedClient(QStringLiteral("class.pest"));
        auto other = joinedClient(QStringLiteral("other.student"));
        QVERIFY(prof && pest && other);
        auto kick = [](WsTestClient &c, const QString &user) {
            return c.request({{QStringLiteral("type"), QStringLiteral("kick")}, {QStringLiteral("course"), kCourse},
                              {QStringLiteral("user"), user}});
        };
        QCOMPARE(codeOf(kick(*other, QStringLiteral("class.pest"))), QStringLiteral("forbidden")); // students cannot
        QCOMPARE(codeOf(kick(*pest, QStringLiteral("prof.lee"))), QStringLiteral("forbidden"));
        QCOMPARE(typeOf(kick(*prof, QStringLiteral("class.pest"))), QStringLiteral("ack"));

        const QJsonObject kicked = pest->waitForType(QStringLiteral("kicked"));
        QCOMPARE(kicked.value(QLatin1String("by")).toString(), QStringLiteral("prof.lee"));
        const QJsonObject send = pest->request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                                {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), QStringLiteral("still here?")},
                                                {QStringLiteral("clientMsgId"), QStringLiteral("k-1")}});
        QCOMPARE(codeOf(send), QStringLiteral("not_joined"));
        QVERIFY(!other->waitFor([](const QJsonObject &o) {
                          return typeOf(o) == QLatin1String("presence") && o.value(QLatin1String("user")).toString() == QLatin1String("class.pest")
                                 && !o.value(QLatin1String("online")).toBool();
                      }).isEmpty());
        WsTestClient back;
        QVERIFY(back.open(m_server.wsUrl()));
        QVERIFY(back.helloAndJoin(QStringLiteral("class.pest"), kCourse, kCode).isEmpty()); // refused for a while
        QCOMPARE(codeOf(back.receivedOfType(QStringLiteral("error")).value(0)), QStringLiteral("forbidden"));
    }

    // A kick is a stored event: after a restart the name is still refused, the others are not.
    void kicksSurviveRestarts()
    {
        TestServer server;
        QVERIFY(server.start());
        const auto joined = [&](WsTestClient &c, const QString &user) {
            return c.open(server.wsUrl()) && !c.helloAndJoin(user, kCourse, kCode).isEmpty();
        };
        WsTestClient prof, pest;
        QVERIFY(joined(prof, QStringLiteral("prof.lee")));
        QVERIFY(joined(pest, QStringLiteral("class.pest")));
        QCOMPARE(typeOf(prof.request({{QStringLiteral("type"), QStringLiteral("kick")}, {QStringLiteral("course"), kCourse},
                                      {QStringLiteral("user"), QStringLiteral("class.pest")}})),
                 QStringLiteral("ack"));
        QVERIFY(!pest.waitForType(QStringLiteral("kicked")).isEmpty());
        const QJsonObject event = prof.waitFor([](const QJsonObject &o) {
            return typeOf(o) == QLatin1String("event") && o.value(QLatin1String("kind")).toString() == QLatin1String("member.kicked");
        });
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("user")).toString(), QStringLiteral("class.pest"));

        server.stop();
        QVERIFY(server.start());
        WsTestClient back, profAgain;
        QVERIFY(!joined(back, QStringLiteral("class.pest")));
        QCOMPARE(codeOf(back.receivedOfType(QStringLiteral("error")).value(0)), QStringLiteral("forbidden"));
        QVERIFY(joined(profAgain, QStringLiteral("prof.lee")));
    }

    void connectionsPerAddressAreCapped()
    {
        TestServer small;
        collab::server::LimitsConfig limits;
        limits.maxConnectionsPerAddress = 3;
        small.setLimits(limits);
        QVERIFY(small.start());
        std::vector<std::unique_ptr<WsTestClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<WsTestClient>());
            QVERIFY(clients.back()->open(small.wsUrl()));
            QVERIFY(stillUsable(*clients.back()));
        }
        WsTestClient fourth;
        fourth.open(small.wsUrl()); // accepted, then closed at once
        QTRY_VERIFY_WITH_TIMEOUT(fourth.closeCode() != -1, 5000);
        QCOMPARE(fourth.closeCode(), 1008);
        clients.front()->close(); // a place frees up
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            WsTestClient again;
            return again.open(small.wsUrl()) && stillUsable(again);
        }()), 5000);
    }

    void presenceFollowsConnections()
    {
        auto a = joinedClient(QStringLiteral("pres.a"));
        QVERIFY(a);
        auto b = joinedClient(QStringLiteral("pres.b"));
        QVERIFY(b);
        auto isPresence = [](bool online) {
            return [online](const QJsonObject &o) {
                return typeOf(o) == QLatin1String("presence") && o.value(QLatin1String("user")).toString() == QLatin1String("pres.b")
                       && o.value(QLatin1String("online")).toBool() == online;
            };
        };
        QVERIFY(!a->waitFor(isPresence(true)).isEmpty());
        // b's own joined frame lists a as online
        bool listed = false;
        for (const QJsonValue &m : b->receivedOfType(QStringLiteral("joined")).value(0).value(QLatin1String("members")).toArray())
            listed |= m.toObject().value(QLatin1String("user")).toString() == QLatin1String("pres.a")
                      && m.toObject().value(QLatin1String("online")).toBool();
        QVERIFY(listed);
        b->close();
        QVERIFY(!a->waitFor(isPresence(false)).isEmpty());
    }

    void typingIndicatorExpires()
    {
        auto typist = joinedClient(QStringLiteral("slow.typist"));
        auto reader = joinedClient(QStringLiteral("rea.der"));
        QVERIFY(typist && reader);
        auto typingFrom = [](bool active) {
            return [active](const QJsonObject &o) {
                return typeOf(o) == QLatin1String("typing") && o.value(QLatin1String("user")).toString() == QLatin1String("slow.typist")
                       && o.value(QLatin1String("active")).toBool() == active;
            };
        };
        typist->sendJson({{QStringLiteral("type"), QStringLiteral("typing")}, {QStringLiteral("course"), kCourse},
                          {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("active"), true}});
        QVERIFY(!reader->waitFor(typingFrom(true)).isEmpty());
        QElapsedTimer clock;
        clock.start();
        // No refresh: the server ends it by itself, about 5 s later.
        QVERIFY(!reader->waitFor(typingFrom(false), 8000).isEmpty());
        QVERIFY2(clock.elapsed() > 3000, "the indicator ended long before its expiry");

        // A client that vanishes mid-typing stops typing at once.
        typist->sendJson({{QStringLiteral("type"), QStringLiteral("typing")}, {QStringLiteral("course"), kCourse},
                          {QStringLiteral("note"), QStringLiteral("class-notes")}});
        const int mark = reader->receivedCount();
        QVERIFY(!reader->waitFor(typingFrom(true), 5000, mark).isEmpty());
        typist->socket().abort();
        clock.restart();
        QVERIFY(!reader->waitFor(typingFrom(false), 5000, mark).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_server_session.moc"
