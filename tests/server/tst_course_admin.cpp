// Running courses at run time over real sockets (issue 11): the administrator creates a course, its
// instructor builds it live (channels, announcement channels, notes, settings) while members watch,
// rotates the join code, appoints a TA who moderates but does not manage, archives the course;
// the same over REST with keys of each role; a student (or an integration key) is refused with
// `forbidden` everywhere and nothing changes; bad ids and duplicates; all of it survives a restart
// and a rebuild of the projections.
#include "coursetesthelpers.h"
#include "serverinstance.h"

#include <QJsonArray>
#include <QTest>

using namespace coursetest;

namespace {
const QString kCecs = QStringLiteral("CECS327");
}

class TestCourseAdmin : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_nam;
    QString m_joinCode;   // CS200's, as created (then rotated)
    QString m_oldCode;
    QString m_secret;     // prof.kim's in CS200
    QHash<QString, QString> m_tokens; // user → name token in CS200

    std::unique_ptr<WsTestClient> joinCs200(const QString &user, const QString &token = {})
    {
        auto c = member(m_server.wsUrl(), user, QStringLiteral("CS200"), m_joinCode, token.isEmpty() ? m_tokens.value(user) : token);
        if (c) {
            const QJsonObject joined = c->receivedOfType(QStringLiteral("joined")).constLast();
            if (joined.contains(QLatin1String("token")))
                m_tokens.insert(user, joined.value(QLatin1String("token")).toString());
        }
        return c;
    }

    QStringList restChannels(const QString &course)
    {
        const HttpResult r = http(m_nam, m_server, "GET", QStringLiteral("/api/v1/courses"), {}, AdminKey);
        for (const QJsonValue &v : r.json.value(QLatin1String("courses")).toArray())
            if (v.toObject().value(QLatin1String("id")).toString() == course)
                return v.toObject().value(QLatin1String("channels")).toVariant().toStringList();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setConfig(coursetest::config());
        m_server.setLimits(coursetest::limitsWithoutAuthBackoff());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    }

    void theAdministratorCreatesACourse()
    {
        WsTestClient stranger;
        QVERIFY(stranger.open(m_server.wsUrl()));
        QCOMPARE(code(hello(stranger, QStringLiteral("mallory"), QStringLiteral("not-the-admin-secret"))), QStringLiteral("not_authenticated"));

        WsTestClient student;
        QVERIFY(student.open(m_server.wsUrl()));
        QCOMPARE(type(hello(student, QStringLiteral("angie.nguyen"))), QStringLiteral("welcome"));
        const QJsonObject refused = student.request(msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS200")}}));
        QCOMPARE(code(refused), QStringLiteral("forbidden"));
        QVERIFY(restChannels(QStringLiteral("CS200")).isEmpty());

        WsTestClient admin;
        QVERIFY(admin.open(m_server.wsUrl()));
        const QJsonObject welcome = hello(admin, QStringLiteral("prof.kim"), AdminSecret);
        QVERIFY(welcome.value(QLatin1String("admin")).toBool());
        const QJsonObject created = admin.request(msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS200")},
                                                                       {QStringLiteral("title"), QStringLiteral("Consensus")},
                                                                       {QStringLiteral("channels"), QJsonArray{QStringLiteral("general")}},
                                                                       {QStringLiteral("announcements"), QJsonArray{QStringLiteral("news")}},
                                                                       {QStringLiteral("notes"), QJsonArray{QStringLiteral("week1")}}}));
        QVERIFY2(isAck(created), QJsonDocument(created).toJson().constData());
        m_joinCode = created.value(QLatin1String("joinCode")).toString();
        m_secret = created.value(QLatin1String("secrets")).toObject().value(QLatin1String("prof.kim")).toString();
        QVERIFY(m_joinCode.size() >= 12);
        QVERIFY(m_secret.size() >= 24);
        QCOMPARE(created.value(QLatin1String("instructors")).toArray(), QJsonArray{QStringLiteral("prof.kim")});
        QCOMPARE(restChannels(QStringLiteral("CS200")), (QStringList{QStringLiteral("general"), QStringLiteral("news")}));

        const QJsonObject again = admin.request(msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS200")}}));
        QCOMPARE(code(again), QStringLiteral("conflict"));
        // Nobody else can take the instructor's name: it needs the secret.
        WsTestClient impostor;
        QVERIFY(impostor.open(m_server.wsUrl()));
        hello(impostor, QStringLiteral("prof.kim"));
        QCOMPARE(code(join(impostor, QStringLiteral("CS200"), m_joinCode)), QStringLiteral("not_authenticated"));
    }

    void theInstructorBuildsTheCourseWhileMembersWatch()
    {
        auto prof = joinCs200(QStringLiteral("prof.kim"), m_secret);
        QVERIFY(prof);
        const QJsonObject profJoined = prof->receivedOfType(QStringLiteral("joined")).constLast();
        QCOMPARE(profJoined.value(QLatin1String("role")).toString(), QStringLiteral("instructor"));
        QCOMPARE(profJoined.value(QLatin1String("announcements")).toArray(), QJsonArray{QStringLiteral("news")});
        auto angie = joinCs200(QStringLiteral("angie.nguyen"));
        QVERIFY(angie);
        QCOMPARE(angie->receivedOfType(QStringLiteral("joined")).constLast().value(QLatin1String("role")).toString(), QStringLiteral("student"));

        int from = angie->receivedCount();
        QVERIFY(isAck(prof->request(msg("channel.add", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("week5")}}))));
        QCOMPARE(eventOf(*angie, QStringLiteral("channel.added"), from).value(QLatin1String("data")).toObject().value(QLatin1String("channel")).toString(),
                 QStringLiteral("week5"));
        from = angie->receivedCount();
        QVERIFY(isAck(prof->request(msg("note.create", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("note"), QStringLiteral("week5-consensus")}}))));
        QVERIFY(!eventOf(*angie, QStringLiteral("note.created"), from).isEmpty());

        const auto send = [](WsTestClient &c, const char *channel, const QString &id) {
            return c.request(msg("chat.send", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QLatin1String(channel)},
                                               {QStringLiteral("text"), QStringLiteral("hi")}, {QStringLiteral("clientMsgId"), id}}));
        };
        QVERIFY(isAck(send(*angie, "week5", QStringLiteral("a1"))));
        QCOMPARE(code(send(*angie, "news", QStringLiteral("a2"))), QStringLiteral("forbidden"));
        QVERIFY(isAck(send(*prof, "news", QStringLiteral("p1"))));

        // A student tries every instructor action: forbidden, and nothing changes.
        const QList<QJsonObject> attempts{
            msg("channel.add", {{QStringLiteral("channel"), QStringLiteral("mine")}}),
            msg("channel.update", {{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("archived"), true}}),
            msg("note.create", {{QStringLiteral("note"), QStringLiteral("mine")}}),
            msg("note.update", {{QStringLiteral("note"), QStringLiteral("week1")}}),
            msg("note.lock", {{QStringLiteral("note"), QStringLiteral("week1")}}),
            msg("joincode.rotate", {}),
            msg("course.update", {{QStringLiteral("title"), QStringLiteral("mine")}}),
            msg("course.delete", {}),
            msg("member.role", {{QStringLiteral("user"), QStringLiteral("angie.nguyen")}, {QStringLiteral("role"), QStringLiteral("ta")}}),
            msg("kick", {{QStringLiteral("user"), QStringLiteral("prof.kim")}}),
            msg("member.restore", {{QStringLiteral("user"), QStringLiteral("ben.ortiz")}}),
            msg("roster.import", {{QStringLiteral("csv"), QStringLiteral("angie.nguyen,a@x.edu,ta\n")}}),
            msg("moderation.log", {}),
            msg("claims.purge", {}),
        };
        const quint64 seqBefore = quint64(angie->request(msg("history", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("general")}}))
                                              .value(QLatin1String("seq")).toDouble());
        for (QJsonObject attempt : attempts) {
            attempt.insert(QStringLiteral("course"), QStringLiteral("CS200"));
            const QJsonObject reply = angie->request(attempt);
            QVERIFY2(code(reply) == QLatin1String("forbidden"), QByteArray(QJsonDocument(attempt).toJson() + QJsonDocument(reply).toJson()).constData());
        }
        const quint64 seqAfter = quint64(angie->request(msg("history", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("general")}}))
                                             .value(QLatin1String("seq")).toDouble());
        QCOMPARE(seqAfter, seqBefore);
        QCOMPARE(restChannels(QStringLiteral("CS200")), (QStringList{QStringLiteral("general"), QStringLiteral("news"), QStringLiteral("week5")}));

        // Students may create notes once the course says so.
        QVERIFY(isAck(prof->request(msg("course.update", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("studentNotes"), true}}))));
        QVERIFY(isAck(angie->request(msg("note.create", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("note"), QStringLiteral("angie-notes")}}))));
        QCOMPARE(code(angie->request(msg("note.create", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("note"), QStringLiteral("angie-notes")}}))),
                 QStringLiteral("conflict"));
    }

    void aRotatedJoinCodeIsRefusedAtOnce()
    {
        auto prof = joinCs200(QStringLiteral("prof.kim"), m_secret);
        auto angie = joinCs200(QStringLiteral("angie.nguyen"));
        QVERIFY(prof && angie);
        const int from = angie->receivedCount();
        const QJsonObject rotated = prof->request(msg("joincode.rotate", {{QStringLiteral("course"), QStringLiteral("CS200")}}));
        QVERIFY(isAck(rotated));
        m_oldCode = m_joinCode;
        m_joinCode = rotated.value(QLatin1String("joinCode")).toString();
        QVERIFY(m_joinCode != m_oldCode);
        const QJsonObject event = eventOf(*angie, QStringLiteral("joincode.rotated"), from);
        QCOMPARE(event.value(QLatin1String("data")).toObject().keys(), QStringList{QStringLiteral("by")}); // no hash for members

        WsTestClient late;
        QVERIFY(late.open(m_server.wsUrl()));
        hello(late, QStringLiteral("carla.diaz"));
        QCOMPARE(code(join(late, QStringLiteral("CS200"), m_oldCode)), QStringLiteral("wrong_join_code"));
        QCOMPARE(type(join(late, QStringLiteral("CS200"), m_joinCode)), QStringLiteral("joined"));
    }

    void aTaModeratesButDoesNotManage()
    {
        auto prof = joinCs200(QStringLiteral("prof.kim"), m_secret);
        auto angie = joinCs200(QStringLiteral("angie.nguyen"));
        auto ben = joinCs200(QStringLiteral("ben.ortiz"));
        QVERIFY(prof && angie && ben);
        const QJsonObject posted = angie->request(msg("chat.send", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("general")},
                                                                    {QStringLiteral("text"), QStringLiteral("spam")}, {QStringLiteral("clientMsgId"), QStringLiteral("spam-1")}}));
        QVERIFY(isAck(posted));
        const double spamId = posted.value(QLatin1String("id")).toDouble();
        QCOMPARE(code(ben->request(msg("chat.delete", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("id"), spamId}}))), QStringLiteral("forbidden"));

        // Appointed while joined: ben's open session moderates at once.
        QVERIFY(isAck(prof->request(msg("member.role", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("user"), QStringLiteral("ben.ortiz")},
                                                        {QStringLiteral("role"), QStringLiteral("ta")}}))));
        const QJsonObject cs200{{QStringLiteral("course"), QStringLiteral("CS200")}};
        auto with = [&cs200](QJsonObject o) {
            for (auto it = cs200.begin(); it != cs200.end(); ++it)
                o.insert(it.key(), it.value());
            return o;
        };
        QVERIFY(isAck(ben->request(with(msg("note.lock", {{QStringLiteral("note"), QStringLiteral("week1")}})))));
        QCOMPARE(code(angie->request(with(msg("edit", {{QStringLiteral("note"), QStringLiteral("week1")}, {QStringLiteral("action"), QStringLiteral("insert_line")},
                                                         {QStringLiteral("text"), QStringLiteral("mine")}})))),
                 QStringLiteral("forbidden"));
        QVERIFY(isAck(ben->request(with(msg("chat.delete", {{QStringLiteral("id"), spamId}})))));
        QCOMPARE(code(ben->request(with(msg("channel.add", {{QStringLiteral("channel"), QStringLiteral("ta-room")}})))), QStringLiteral("forbidden"));
        QCOMPARE(code(ben->request(with(msg("member.role", {{QStringLiteral("user"), QStringLiteral("angie.nguyen")}, {QStringLiteral("role"), QStringLiteral("ta")}})))),
                 QStringLiteral("forbidden"));
        QCOMPARE(code(ben->request(with(msg("course.update", {{QStringLiteral("invitesRequired"), true}})))), QStringLiteral("forbidden"));
        QCOMPARE(code(ben->request(with(msg("moderation.log", {})))), QStringLiteral("forbidden"));
        QCOMPARE(code(ben->request(with(msg("kick", {{QStringLiteral("user"), QStringLiteral("prof.kim")}})))), QStringLiteral("forbidden"));

        // Removed until restored: the session leaves, joins are refused until a moderator restores.
        const int from = angie->receivedCount();
        QVERIFY(isAck(ben->request(with(msg("kick", {{QStringLiteral("user"), QStringLiteral("angie.nguyen")}, {QStringLiteral("minutes"), 0}})))));
        QVERIFY(!angie->waitForType(QStringLiteral("kicked"), 5000, from).isEmpty());
        WsTestClient again;
        QVERIFY(again.open(m_server.wsUrl()));
        hello(again, QStringLiteral("angie.nguyen"));
        QCOMPARE(code(join(again, QStringLiteral("CS200"), m_joinCode, m_tokens.value(QStringLiteral("angie.nguyen")))), QStringLiteral("forbidden"));
        QCOMPARE(code(ben->request(with(msg("member.restore", {{QStringLiteral("user"), QStringLiteral("carla.diaz")}})))), QStringLiteral("not_found"));
        QVERIFY(isAck(ben->request(with(msg("member.restore", {{QStringLiteral("user"), QStringLiteral("angie.nguyen")}})))));
        QCOMPARE(type(join(again, QStringLiteral("CS200"), m_joinCode, m_tokens.value(QStringLiteral("angie.nguyen")))), QStringLiteral("joined"));

        // The instructor's moderation log: every action with its author.
        const QJsonObject log = prof->request(with(msg("moderation.log", {})));
        QVERIFY(isAck(log));
        QHash<QString, QString> byKind;
        for (const QJsonValue &v : log.value(QLatin1String("entries")).toArray())
            byKind.insert(v.toObject().value(QLatin1String("kind")).toString(), v.toObject().value(QLatin1String("by")).toString());
        QCOMPARE(byKind.value(QStringLiteral("member.role")), QStringLiteral("prof.kim"));
        QCOMPARE(byKind.value(QStringLiteral("note.locked")), QStringLiteral("ben.ortiz"));
        QCOMPARE(byKind.value(QStringLiteral("chat.deleted")), QStringLiteral("ben.ortiz"));
        QCOMPARE(byKind.value(QStringLiteral("member.kicked")), QStringLiteral("ben.ortiz"));
        QCOMPARE(byKind.value(QStringLiteral("member.restored")), QStringLiteral("ben.ortiz"));
        QCOMPARE(byKind.value(QStringLiteral("joincode.rotated")), QStringLiteral("prof.kim"));
        QCOMPARE(byKind.value(QStringLiteral("channel.added")), QStringLiteral("prof.kim"));
        for (const QJsonValue &v : log.value(QLatin1String("entries")).toArray())
            QVERIFY(!v.toObject().value(QLatin1String("data")).toObject().contains(QLatin1String("joinCodeHash")));
    }

    void anArchivedCourseIsReadOnlyButReadable()
    {
        auto prof = joinCs200(QStringLiteral("prof.kim"), m_secret);
        auto angie = joinCs200(QStringLiteral("angie.nguyen"));
        QVERIFY(prof && angie);
        const QJsonObject cs200{{QStringLiteral("course"), QStringLiteral("CS200")}};
        QVERIFY(isAck(prof->request(msg("course.update", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("archived"), true}}))));
        const auto post = [](WsTestClient &c, const QString &id) {
            return c.request(msg("chat.send", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("general")},
                                               {QStringLiteral("text"), QStringLiteral("x")}, {QStringLiteral("clientMsgId"), id}}));
        };
        QCOMPARE(code(post(*angie, QStringLiteral("arch-1"))), QStringLiteral("forbidden"));
        QCOMPARE(code(post(*prof, QStringLiteral("arch-2"))), QStringLiteral("forbidden"));
        QCOMPARE(code(prof->request(msg("channel.add", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("late")}}))),
                 QStringLiteral("forbidden"));
        const QJsonObject page = angie->request(msg("history", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("week5")}}));
        QCOMPARE(type(page), QStringLiteral("history"));
        QVERIFY(!page.value(QLatin1String("messages")).toArray().isEmpty());
        auto reader = joinCs200(QStringLiteral("frank.moss"));
        QVERIFY(reader);
        QVERIFY(reader->receivedOfType(QStringLiteral("joined")).constLast().value(QLatin1String("archived")).toBool());
        QVERIFY(isAck(prof->request(msg("course.update", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("archived"), false}}))));
        QVERIFY(isAck(post(*angie, QStringLiteral("arch-3"))));
    }

    void badIdsAndDuplicates_data()
    {
        QTest::addColumn<QJsonObject>("request");
        QTest::addColumn<QString>("code");
        const auto create = [](const QJsonValue &id) { return msg("course.create", {{QStringLiteral("course"), id}}); };
        QTest::newRow("path traversal") << create(QStringLiteral("../etc")) << QStringLiteral("invalid_value");
        QTest::newRow("whitespace") << create(QStringLiteral("CS 300")) << QStringLiteral("invalid_value");
        QTest::newRow("NUL") << create(QString::fromUtf8("CS\0" "300", 6)) << QStringLiteral("invalid_value");
        QTest::newRow("200 characters") << create(QString(200, QLatin1Char('c'))) << QStringLiteral("invalid_value");
        QTest::newRow("empty") << create(QString()) << QStringLiteral("invalid_value");
        QTest::newRow("not a string") << create(42) << QStringLiteral("bad_type");
        QTest::newRow("reserved") << create(QStringLiteral("_catalog")) << QStringLiteral("invalid_value");
        QTest::newRow("existing") << create(QStringLiteral("CECS327")) << QStringLiteral("conflict");
        QTest::newRow("a bad channel") << msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS301")}, {QStringLiteral("channels"), QJsonArray{QStringLiteral("a/b")}}})
                                       << QStringLiteral("invalid_value");
        QTest::newRow("a channel twice") << msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS301")},
                                                                 {QStringLiteral("channels"), QJsonArray{QStringLiteral("general"), QStringLiteral("general")}}})
                                         << QStringLiteral("invalid_value");
        QTest::newRow("a title over 200 bytes") << msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS301")}, {QStringLiteral("title"), QString(201, QLatin1Char('t'))}})
                                                << QStringLiteral("too_large");
        QTest::newRow("a bad instructor") << msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS301")}, {QStringLiteral("instructors"), QJsonArray{QStringLiteral("42")}}})
                                          << QStringLiteral("invalid_value");
        QTest::newRow("an existing channel") << msg("channel.add", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("general")}})
                                             << QStringLiteral("conflict");
        QTest::newRow("a channel id with a slash") << msg("channel.add", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("channel"), QStringLiteral("../x")}})
                                                   << QStringLiteral("invalid_value");
        QTest::newRow("a note of 65 characters") << msg("note.create", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("note"), QString(65, QLatin1Char('n'))}})
                                                 << QStringLiteral("invalid_value");
        QTest::newRow("an unknown course") << msg("channel.add", {{QStringLiteral("course"), QStringLiteral("NOPE")}, {QStringLiteral("channel"), QStringLiteral("x")}})
                                           << QStringLiteral("unknown_course");
        QTest::newRow("a role that is not one") << msg("member.role", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("user"), QStringLiteral("ben.ortiz")},
                                                                      {QStringLiteral("role"), QStringLiteral("dean")}})
                                                << QStringLiteral("invalid_value");
        QTest::newRow("removal for 2 years") << msg("kick", {{QStringLiteral("course"), QStringLiteral("CS200")}, {QStringLiteral("user"), QStringLiteral("ben.ortiz")},
                                                             {QStringLiteral("minutes"), 2 * 525600}})
                                             << QStringLiteral("invalid_value");
    }

    void badIdsAndDuplicates()
    {
        QFETCH(QJsonObject, request);
        QFETCH(QString, code);
        WsTestClient admin; // the administrator, who may do all of these
        QVERIFY(admin.open(m_server.wsUrl()));
        QVERIFY(hello(admin, QStringLiteral("root.admin"), AdminSecret).value(QLatin1String("admin")).toBool());
        const QStringList before = restChannels(QStringLiteral("CS200"));
        const QJsonObject reply = admin.request(request);
        QVERIFY2(coursetest::code(reply) == code, QJsonDocument(reply).toJson().constData());
        QVERIFY(!reply.value(QLatin1String("message")).toString().isEmpty());
        QCOMPARE(restChannels(QStringLiteral("CS200")), before);
        QVERIFY(restChannels(QStringLiteral("CS301")).isEmpty());
    }

    void everyActionOverRest()
    {
        const auto call = [this](const QByteArray &verb, const QString &path, const QJsonObject &body, const QByteArray &key) {
            return http(m_nam, m_server, verb, path, body.isEmpty() ? QByteArray() : json(body), key);
        };
        // An integration key (the default role) may not run the course: forbidden, nothing changes.
        const QString base = QStringLiteral("/api/v1/courses/CECS327");
        struct Step
        {
            QByteArray verb;
            QString path;
            QJsonObject body;
            int status;
        };
        const QList<Step> steps{
            {"POST", base + QStringLiteral("/channels"), {{QStringLiteral("name"), QStringLiteral("week5")}, {QStringLiteral("announcement"), true}}, 201},
            {"POST", base + QStringLiteral("/notes"), {{QStringLiteral("name"), QStringLiteral("week5-consensus")}}, 201},
            {"PUT", base + QStringLiteral("/notes/week5-consensus/lock"), {{QStringLiteral("locked"), true}}, 200},
            {"PUT", base + QStringLiteral("/members/ben.ortiz/role"), {{QStringLiteral("role"), QStringLiteral("ta")}}, 200},
            {"POST", base + QStringLiteral("/members/angie.nguyen/removal"), {{QStringLiteral("minutes"), 60}}, 200},
            {"DELETE", base + QStringLiteral("/members/angie.nguyen/removal"), {}, 200},
            {"PATCH", base + QStringLiteral("/channels/homework"), {{QStringLiteral("archived"), true}}, 200},
            {"PATCH", base, {{QStringLiteral("title"), QStringLiteral("Distributed Systems, fall")}}, 200},
            {"POST", base + QStringLiteral("/join-code"), {}, 200},
            {"GET", base + QStringLiteral("/moderation"), {}, 200},
        };
        WsTestClient watcher;
        QVERIFY(watcher.open(m_server.wsUrl()));
        QVERIFY(!watcher.helloAndJoin(QStringLiteral("carla.diaz"), kCecs, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        const int from = watcher.receivedCount();
        for (const Step &step : steps) {
            const HttpResult refused = call(step.verb, step.path, step.body, TestServer::ApiKey);
            QVERIFY2(refused.status == 403 && errorCode(refused) == QLatin1String("forbidden"), qPrintable(QString(step.path + QLatin1Char(' ') + QString::number(refused.status))));
        }
        QCOMPARE(restChannels(kCecs), (QStringList{QStringLiteral("general"), QStringLiteral("homework")}));
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses"), {{QStringLiteral("id"), QStringLiteral("CS400")}}, TestServer::ApiKey).status, 403);
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses"), {{QStringLiteral("id"), QStringLiteral("CS400")}}, InstructorKey).status, 403);
        // An instructor's key outside its courses: 403 like any scope.
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses/MATH101/channels"), {{QStringLiteral("name"), QStringLiteral("x")}}, InstructorKey).status, 403);

        // The instructor's key does all of it.
        QString rotated;
        for (const Step &step : steps) {
            const HttpResult r = call(step.verb, step.path, step.body, InstructorKey);
            QVERIFY2(r.status == step.status, qPrintable(QString(step.path + QStringLiteral(": ") + QString::number(r.status) + QString::fromUtf8(QJsonDocument(r.json).toJson()))));
            if (step.path.endsWith(QLatin1String("/join-code")))
                rotated = r.json.value(QLatin1String("joinCode")).toString();
            if (step.path.endsWith(QLatin1String("/moderation")))
                QVERIFY(r.json.value(QLatin1String("entries")).toArray().size() >= 7);
        }
        QVERIFY(!eventOf(watcher, QStringLiteral("channel.added"), from).isEmpty());
        QCOMPARE(restChannels(kCecs), (QStringList{QStringLiteral("general"), QStringLiteral("homework"), QStringLiteral("week5")}));
        // The rotated code: the old one is refused, the new one admits.
        WsTestClient late;
        QVERIFY(late.open(m_server.wsUrl()));
        hello(late, QStringLiteral("dana.lee"));
        QCOMPARE(code(join(late, kCecs, QString::fromLatin1(TestServer::JoinCode))), QStringLiteral("wrong_join_code"));
        QCOMPARE(type(join(late, kCecs, rotated)), QStringLiteral("joined"));
        QCOMPARE(late.receivedOfType(QStringLiteral("joined")).constLast().value(QLatin1String("archivedChannels")).toArray(),
                 QJsonArray{QStringLiteral("homework")});

        // The administrator's key creates courses; ids and bodies are checked like on WebSocket.
        const HttpResult created = call("POST", QStringLiteral("/api/v1/courses"),
                                        {{QStringLiteral("id"), QStringLiteral("CS400")}, {QStringLiteral("title"), QStringLiteral("Security")},
                                         {QStringLiteral("instructors"), QJsonArray{QStringLiteral("dr.cho")}}}, AdminKey);
        QCOMPARE(created.status, 201);
        QVERIFY(!created.json.value(QLatin1String("joinCode")).toString().isEmpty());
        QVERIFY(!created.json.value(QLatin1String("secrets")).toObject().value(QLatin1String("dr.cho")).toString().isEmpty());
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses"), {{QStringLiteral("id"), QStringLiteral("CS400")}}, AdminKey).status, 409);
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses"), {{QStringLiteral("id"), QStringLiteral("../x")}}, AdminKey).status, 400);
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses"), {{QStringLiteral("title"), QStringLiteral("no id")}}, AdminKey).status, 400);
        QCOMPARE(call("PUT", base + QStringLiteral("/members/ben.ortiz/role"), {{QStringLiteral("role"), QStringLiteral("dean")}}, AdminKey).status, 400);
        QCOMPARE(call("DELETE", QStringLiteral("/api/v1/courses/CS400"), {}, InstructorKey).status, 403);
        QCOMPARE(call("DELETE", QStringLiteral("/api/v1/courses/CS400"), {}, AdminKey).status, 200);
        QVERIFY(restChannels(QStringLiteral("CS400")).isEmpty());
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses"), {{QStringLiteral("id"), QStringLiteral("CS400")}}, AdminKey).status, 409); // never reused
    }

    void everythingSurvivesARestartAndARebuild()
    {
        const auto check = [this] {
            auto ben = joinCs200(QStringLiteral("ben.ortiz"));
            QVERIFY(ben);
            const QJsonObject joined = ben->receivedOfType(QStringLiteral("joined")).constLast();
            QCOMPARE(joined.value(QLatin1String("role")).toString(), QStringLiteral("ta"));
            QVERIFY(joined.value(QLatin1String("channels")).toArray().contains(QStringLiteral("week5")));
            QVERIFY(joined.value(QLatin1String("notes")).toArray().contains(QStringLiteral("week5-consensus")));
            QVERIFY(joined.value(QLatin1String("studentNotes")).toBool());
            QCOMPARE(joined.value(QLatin1String("title")).toString(), QStringLiteral("Consensus"));
            WsTestClient late;
            QVERIFY(late.open(m_server.wsUrl()));
            hello(late, QStringLiteral("erin.fox"));
            QCOMPARE(code(join(late, QStringLiteral("CS200"), m_oldCode)), QStringLiteral("wrong_join_code"));
            QVERIFY(restChannels(QStringLiteral("CS400")).isEmpty()); // deleted stays deleted
            QCOMPARE(restChannels(kCecs), (QStringList{QStringLiteral("general"), QStringLiteral("homework"), QStringLiteral("week5")}));
        };
        m_server.stop();
        QVERIFY(m_server.start());
        check();
        if (QTest::currentTestFailed())
            return;
        m_server.stop();
        collab::server::ServerInstance::Options options;
        options.dataDir = m_server.dataDir();
        options.config = coursetest::config();
        QStringList report;
        QCOMPARE(collab::server::ServerInstance::rebuildProjections(options, &report), QString());
        QVERIFY(report.join(QLatin1Char(' ')).contains(QLatin1String("catalog")));
        QVERIFY(m_server.start());
        check();
    }
};

QTEST_MAIN(TestCourseAdmin)
#include "tst_course_admin.moc"
