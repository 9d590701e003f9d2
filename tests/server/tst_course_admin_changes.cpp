// Changing a running course (issue 11), over real sockets and REST: channels and notes renamed
// (the id stays; joined members see the new name live, late joiners in `joined`, REST in the
// course list), a moderator's deletion that says by whom in history pages (WebSocket and REST),
// an administrator naming another instructor after the course was created (and an instructor
// may not), a roster of 2,000 students sent over WebSocket in parts (all or nothing), and a
// removal until restored. Students get `forbidden` for each and nothing changes.
#include "coursetesthelpers.h"
#include "protocol/limits.h"

#include <QJsonArray>
#include <QTest>

using namespace coursetest;

namespace {
const QString kCourse = QStringLiteral("CS510");

QJsonObject in(QJsonObject o)
{
    o.insert(QStringLiteral("course"), kCourse);
    return o;
}

// A roster of `rows` students, one per line, as an LMS exports it (~56 bytes a row).
QString rosterOf(int rows, int badRow = -1)
{
    QString csv = QStringLiteral("name,email,role\r\n");
    for (int i = 1; i <= rows; ++i) {
        const QString name = i == badRow ? QStringLiteral("Not A Name") : QStringLiteral("student%1").arg(i, 4, 10, QLatin1Char('0'));
        csv += QStringLiteral("%1,\"%1@university.example.edu\",student\r\n").arg(name);
    }
    return csv;
}
} // namespace

class TestCourseAdminChanges : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_nam;
    QString m_joinCode;
    QString m_secret; // prof.kim's
    QHash<QString, QString> m_tokens;

    std::unique_ptr<WsTestClient> joinAs(const QString &user, const QString &secret = {})
    {
        auto c = member(m_server.wsUrl(), user, kCourse, m_joinCode, secret.isEmpty() ? m_tokens.value(user) : secret);
        if (c) {
            const QJsonObject joined = c->receivedOfType(QStringLiteral("joined")).constLast();
            if (joined.contains(QLatin1String("token")))
                m_tokens.insert(user, joined.value(QLatin1String("token")).toString());
        }
        return c;
    }
    std::unique_ptr<WsTestClient> administrator()
    {
        auto admin = std::make_unique<WsTestClient>();
        if (!admin->open(m_server.wsUrl()) || !hello(*admin, QStringLiteral("root.admin"), AdminSecret).value(QLatin1String("admin")).toBool())
            return nullptr;
        return admin;
    }
    QJsonObject restCourse(const QString &id)
    {
        const HttpResult r = http(m_nam, m_server, "GET", QStringLiteral("/api/v1/courses"), {}, AdminKey);
        for (const QJsonValue &v : r.json.value(QLatin1String("courses")).toArray())
            if (v.toObject().value(QLatin1String("id")).toString() == id)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setConfig(coursetest::config());
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        auto admin = administrator();
        QVERIFY(admin);
        const QJsonObject created = admin->request(msg("course.create", {{QStringLiteral("course"), kCourse},
                                                                        {QStringLiteral("instructors"), QJsonArray{QStringLiteral("prof.kim")}},
                                                                        {QStringLiteral("channels"), QJsonArray{QStringLiteral("general"), QStringLiteral("random")}},
                                                                        {QStringLiteral("notes"), QJsonArray{QStringLiteral("week1")}}}));
        QVERIFY2(isAck(created), QJsonDocument(created).toJson().constData());
        m_joinCode = created.value(QLatin1String("joinCode")).toString();
        m_secret = created.value(QLatin1String("secrets")).toObject().value(QLatin1String("prof.kim")).toString();
    }

    void channelsAndNotesAreRenamedLive()
    {
        auto prof = joinAs(QStringLiteral("prof.kim"), m_secret);
        auto angie = joinAs(QStringLiteral("angie.nguyen"));
        QVERIFY(prof && angie);
        const QJsonObject lobby = in({{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("title"), QStringLiteral("Lobby")}});
        QCOMPARE(code(angie->request(msg("channel.update", lobby))), QStringLiteral("forbidden"));
        QVERIFY(restCourse(kCourse).value(QLatin1String("channelTitles")).toObject().isEmpty());

        int from = angie->receivedCount();
        QVERIFY(isAck(prof->request(msg("channel.update", lobby))));
        QCOMPARE(eventOf(*angie, QStringLiteral("channel.updated"), from).value(QLatin1String("data")).toObject().value(QLatin1String("title")).toString(),
                 QStringLiteral("Lobby"));
        from = angie->receivedCount();
        const QString weekTitle = QStringLiteral("Week 1 \u2013 Consensus");
        const QJsonObject renamed = prof->request(msg("note.update", in({{QStringLiteral("note"), QStringLiteral("week1")}, {QStringLiteral("title"), weekTitle}})));
        QVERIFY2(isAck(renamed), QJsonDocument(renamed).toJson().constData());
        QVERIFY(!renamed.contains(QLatin1String("archived"))); // a rename does not archive
        QCOMPARE(eventOf(*angie, QStringLiteral("note.updated"), from).value(QLatin1String("data")).toObject().value(QLatin1String("title")).toString(), weekTitle);

        // The id stays: posting and editing use it; a late joiner is told the names shown.
        QVERIFY(isAck(angie->request(msg("chat.send", in({{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), QStringLiteral("hi")},
                                                           {QStringLiteral("clientMsgId"), QStringLiteral("rn-1")}})))));
        auto late = joinAs(QStringLiteral("ben.ortiz"));
        QVERIFY(late);
        const QJsonObject joined = late->receivedOfType(QStringLiteral("joined")).constLast();
        QCOMPARE(joined.value(QLatin1String("channelTitles")).toObject(), (QJsonObject{{QStringLiteral("general"), QStringLiteral("Lobby")}}));
        QCOMPARE(joined.value(QLatin1String("noteTitles")).toObject(), (QJsonObject{{QStringLiteral("week1"), weekTitle}}));
        QVERIFY(joined.value(QLatin1String("archivedNotes")).toArray().isEmpty());

        // Two channels shown under one name: refused; a bad title: refused; nothing changed.
        QCOMPARE(code(prof->request(msg("channel.update", in({{QStringLiteral("channel"), QStringLiteral("random")}, {QStringLiteral("title"), QStringLiteral("LOBBY")}})))),
                 QStringLiteral("conflict"));
        QCOMPARE(code(prof->request(msg("channel.update", in({{QStringLiteral("channel"), QStringLiteral("random")}, {QStringLiteral("title"), QStringLiteral("two\nlines")}})))),
                 QStringLiteral("invalid_value"));
        QCOMPARE(code(prof->request(msg("note.update", in({{QStringLiteral("note"), QStringLiteral("week1")}, {QStringLiteral("title"), QString(121, QLatin1Char('t'))}})))),
                 QStringLiteral("too_large"));
        QCOMPARE(code(prof->request(msg("channel.update", in({{QStringLiteral("channel"), QStringLiteral("nope")}, {QStringLiteral("title"), QStringLiteral("x")}})))),
                 QStringLiteral("unknown_channel"));

        // REST: renamed by the administrator's key, listed with the course; an integration key may not.
        const QString path = QStringLiteral("/api/v1/courses/%1/channels/random").arg(kCourse);
        QCOMPARE(http(m_nam, m_server, "PATCH", QStringLiteral("/api/v1/courses/CECS327/channels/general"),
                      json({{QStringLiteral("title"), QStringLiteral("x")}}), TestServer::ApiKey).status,
                 403);
        QCOMPARE(http(m_nam, m_server, "PATCH", path, json({{QStringLiteral("title"), QStringLiteral("Off topic")}}), AdminKey).status, 200);
        QCOMPARE(http(m_nam, m_server, "PATCH", QStringLiteral("/api/v1/courses/%1/notes/week1").arg(kCourse),
                      json({{QStringLiteral("title"), QStringLiteral("Week one")}}), AdminKey).status,
                 200);
        const QJsonObject course = restCourse(kCourse);
        QCOMPARE(course.value(QLatin1String("channelTitles")).toObject(),
                 (QJsonObject{{QStringLiteral("general"), QStringLiteral("Lobby")}, {QStringLiteral("random"), QStringLiteral("Off topic")}}));
        QCOMPARE(course.value(QLatin1String("noteTitles")).toObject(), (QJsonObject{{QStringLiteral("week1"), QStringLiteral("Week one")}}));
        // An empty title shows the id again.
        QVERIFY(isAck(prof->request(msg("channel.update", in({{QStringLiteral("channel"), QStringLiteral("random")}, {QStringLiteral("title"), QString()}})))));
        QCOMPARE(restCourse(kCourse).value(QLatin1String("channelTitles")).toObject(), (QJsonObject{{QStringLiteral("general"), QStringLiteral("Lobby")}}));
    }

    void aModeratorsDeletionSaysByWhom()
    {
        auto prof = joinAs(QStringLiteral("prof.kim"), m_secret);
        auto angie = joinAs(QStringLiteral("angie.nguyen"));
        QVERIFY(prof && angie);
        const auto post = [&](const QString &id) {
            return angie->request(msg("chat.send", in({{QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), QStringLiteral("oops")},
                                                        {QStringLiteral("clientMsgId"), id}})))
                .value(QLatin1String("id"))
                .toDouble();
        };
        const double byModerator = post(QStringLiteral("del-1"));
        const double byAuthor = post(QStringLiteral("del-2"));
        QVERIFY(isAck(prof->request(msg("chat.delete", in({{QStringLiteral("id"), byModerator}})))));
        QVERIFY(isAck(angie->request(msg("chat.delete", in({{QStringLiteral("id"), byAuthor}})))));

        const auto deletedBy = [](const QJsonArray &messages, double id) {
            for (const QJsonValue &v : messages)
                if (v.toObject().value(QLatin1String("id")).toDouble() == id)
                    return v.toObject().value(QLatin1String("deletedBy")).toString();
            return QStringLiteral("(missing)");
        };
        const QJsonObject page = prof->request(msg("history", in({{QStringLiteral("channel"), QStringLiteral("general")}})));
        QCOMPARE(deletedBy(page.value(QLatin1String("messages")).toArray(), byModerator), QStringLiteral("prof.kim"));
        QCOMPARE(deletedBy(page.value(QLatin1String("messages")).toArray(), byAuthor), QStringLiteral("angie.nguyen"));
        const HttpResult rest = http(m_nam, m_server, "GET", QStringLiteral("/api/v1/courses/%1/channels/general/messages?limit=10").arg(kCourse), {}, AdminKey);
        QCOMPARE(rest.status, 200);
        QCOMPARE(deletedBy(rest.json.value(QLatin1String("messages")).toArray(), byModerator), QStringLiteral("prof.kim"));
        // A member who joins later gets it in the pages the join sends.
        auto late = joinAs(QStringLiteral("carla.diaz"));
        QVERIFY(late);
        const QJsonObject first = late->waitFor([](const QJsonObject &o) {
            return type(o) == QLatin1String("history") && o.value(QLatin1String("channel")).toString() == QLatin1String("general");
        }, 5000);
        QCOMPARE(deletedBy(first.value(QLatin1String("messages")).toArray(), byModerator), QStringLiteral("prof.kim"));
    }

    void theAdministratorNamesAnotherInstructor()
    {
        auto prof = joinAs(QStringLiteral("prof.kim"), m_secret);
        auto angie = joinAs(QStringLiteral("angie.nguyen"));
        auto cho = joinAs(QStringLiteral("dr.cho")); // joined as a student first
        QVERIFY(prof && angie && cho);
        const QJsonObject nameCho = in({{QStringLiteral("user"), QStringLiteral("dr.cho")}, {QStringLiteral("role"), QStringLiteral("instructor")}});
        QCOMPARE(code(prof->request(msg("member.role", nameCho))), QStringLiteral("forbidden")); // instructors appoint TAs, not instructors
        QCOMPARE(code(angie->request(msg("member.role", nameCho))), QStringLiteral("forbidden"));

        auto admin = administrator();
        QVERIFY(admin);
        const int from = angie->receivedCount();
        const QJsonObject named = admin->request(msg("member.role", nameCho));
        QVERIFY2(isAck(named), QJsonDocument(named).toJson().constData());
        const QString secret = named.value(QLatin1String("secret")).toString();
        QVERIFY(secret.size() >= 24);
        const QJsonObject event = eventOf(*angie, QStringLiteral("member.role"), from);
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("role")).toString(), QStringLiteral("instructor"));
        QVERIFY(!event.value(QLatin1String("data")).toObject().contains(QLatin1String("secretHash"))); // never shown
        QCOMPARE(code(admin->request(msg("member.role", nameCho))), QStringLiteral("conflict"));

        // Her open session runs the course at once; a new join needs the secret.
        QVERIFY(isAck(cho->request(msg("channel.add", in({{QStringLiteral("channel"), QStringLiteral("office-hours")}})))));
        WsTestClient without;
        QVERIFY(without.open(m_server.wsUrl()));
        hello(without, QStringLiteral("dr.cho"));
        QCOMPARE(code(join(without, kCourse, m_joinCode, m_tokens.value(QStringLiteral("dr.cho")))), QStringLiteral("not_authenticated"));
        auto withSecret = joinAs(QStringLiteral("dr.cho"), secret);
        QVERIFY(withSecret);
        QCOMPARE(withSecret->receivedOfType(QStringLiteral("joined")).constLast().value(QLatin1String("role")).toString(), QStringLiteral("instructor"));
        QVERIFY(isAck(withSecret->request(msg("member.role", in({{QStringLiteral("user"), QStringLiteral("angie.nguyen")}, {QStringLiteral("role"), QStringLiteral("ta")}})))));

        // REST: the administrator's key names one; an instructor's key may not (in its own course either).
        const HttpResult byKey = http(m_nam, m_server, "PUT", QStringLiteral("/api/v1/courses/%1/members/dr.yoon/role").arg(kCourse),
                                      json({{QStringLiteral("role"), QStringLiteral("instructor")}}), AdminKey);
        QCOMPARE(byKey.status, 200);
        QVERIFY(!byKey.json.value(QLatin1String("secret")).toString().isEmpty());
        const HttpResult refused = http(m_nam, m_server, "PUT", QStringLiteral("/api/v1/courses/CECS327/members/ben.ortiz/role"),
                                        json({{QStringLiteral("role"), QStringLiteral("instructor")}}), InstructorKey);
        QCOMPARE(refused.status, 403);
        QCOMPARE(http(m_nam, m_server, "PUT", QStringLiteral("/api/v1/courses/CECS327/members/prof.lee/role"),
                      json({{QStringLiteral("role"), QStringLiteral("student")}}), InstructorKey).status,
                 403);

        // Made a student again by the administrator: her session stops running the course.
        QVERIFY(isAck(admin->request(msg("member.role", in({{QStringLiteral("user"), QStringLiteral("dr.cho")}, {QStringLiteral("role"), QStringLiteral("student")}})))));
        QCOMPARE(code(cho->request(msg("channel.add", in({{QStringLiteral("channel"), QStringLiteral("late")}})))), QStringLiteral("forbidden"));
        QVERIFY(isAck(admin->request(msg("member.role", in({{QStringLiteral("user"), QStringLiteral("dr.yoon")}, {QStringLiteral("role"), QStringLiteral("student")}})))));
        // The last instructor stays one.
        QCOMPARE(code(admin->request(msg("member.role", in({{QStringLiteral("user"), QStringLiteral("prof.kim")}, {QStringLiteral("role"), QStringLiteral("student")}})))),
                 QStringLiteral("conflict"));
        const QJsonObject log = prof->request(msg("moderation.log", in({})));
        for (const QJsonValue &v : log.value(QLatin1String("entries")).toArray())
            QVERIFY(!v.toObject().value(QLatin1String("data")).toObject().contains(QLatin1String("secretHash")));
    }

    void aRosterOf2000StudentsGoesInParts()
    {
        auto prof = joinAs(QStringLiteral("prof.kim"), m_secret);
        auto angie = joinAs(QStringLiteral("angie.nguyen"));
        QVERIFY(prof && angie);
        const QString csv = rosterOf(2000);
        QVERIFY(csv.toUtf8().size() > 100 * 1024); // more than a frame holds
        const qsizetype third = csv.size() / 3;
        const QStringList parts{csv.left(third), csv.mid(third, third), csv.mid(2 * third)}; // cut mid-row: the server joins them
        // A student's first part is refused: nothing is kept.
        QCOMPARE(code(angie->request(msg("roster.import", in({{QStringLiteral("csv"), parts[0]}, {QStringLiteral("upload"), QStringLiteral("a")}, {QStringLiteral("more"), true}})))),
                 QStringLiteral("forbidden"));
        QCOMPARE(code(prof->request(msg("roster.import", in({{QStringLiteral("csv"), parts[0]}, {QStringLiteral("more"), true}})))), QStringLiteral("invalid_value"));

        // A bad row in the middle part: the whole upload is refused, that row named.
        const QString bad = rosterOf(2000, 1500);
        QJsonObject r;
        for (int i = 0; i < 3; ++i) {
            const QString part = bad.mid(i * third, i == 2 ? -1 : third);
            r = prof->request(msg("roster.import", in({{QStringLiteral("csv"), part}, {QStringLiteral("upload"), QStringLiteral("bad")}, {QStringLiteral("more"), i < 2}})));
            if (i < 2)
                QVERIFY2(isAck(r) && r.value(QLatin1String("upload")).toString() == QLatin1String("bad"), QJsonDocument(r).toJson().constData());
        }
        QCOMPARE(code(r), QStringLiteral("invalid_value"));
        QVERIFY2(r.value(QLatin1String("message")).toString().contains(QLatin1String("row 1501")), qPrintable(r.value(QLatin1String("message")).toString()));

        for (int i = 0; i < 3; ++i) {
            r = prof->request(msg("roster.import", in({{QStringLiteral("csv"), parts[i]}, {QStringLiteral("upload"), QStringLiteral("good")}, {QStringLiteral("more"), i < 2}})));
            if (i < 2)
                QCOMPARE(qint64(r.value(QLatin1String("received")).toDouble()), (parts.mid(0, i + 1).join(QString())).toUtf8().size());
        }
        QVERIFY2(isAck(r), QJsonDocument(r).toJson().left(300).constData());
        QCOMPARE(r.value(QLatin1String("count")).toInt(), 2000);
        const QJsonArray invites = r.value(QLatin1String("invites")).toArray();
        QCOMPARE(invites.size(), 2000);
        QCOMPARE(invites.last().toObject().value(QLatin1String("user")).toString(), QStringLiteral("student2000"));
        // The last student's invite admits that name.
        QVERIFY(member(m_server.wsUrl(), QStringLiteral("student2000"), kCourse, invites.last().toObject().value(QLatin1String("invite")).toString()));
    }

    void aRemovalUntilRestoredIsKeptAsSuch()
    {
        auto prof = joinAs(QStringLiteral("prof.kim"), m_secret);
        auto frank = joinAs(QStringLiteral("frank.moss"));
        QVERIFY(prof && frank);
        const int from = frank->receivedCount();
        QVERIFY(isAck(prof->request(msg("kick", in({{QStringLiteral("user"), QStringLiteral("frank.moss")}, {QStringLiteral("minutes"), 0}})))));
        const QJsonObject kicked = frank->waitForType(QStringLiteral("kicked"), 5000, from);
        QCOMPARE(qint64(kicked.value(QLatin1String("until")).toDouble()), collab::limits::RemovedUntilRestoredMs);
        QVERIFY(isAck(prof->request(msg("member.restore", in({{QStringLiteral("user"), QStringLiteral("frank.moss")}})))));
    }
};

QTEST_MAIN(TestCourseAdminChanges)
#include "tst_course_admin_changes.moc"
