// Running courses across two nodes of one Redis (issue 11): a course created on node A can be
// joined on node B; a channel created on A appears live to a member on B; a join code rotated on
// A is refused on B (and the new one admits), a TA appointed on A moderates on B, and node B
// restarted knows the course created at run time (its log is fetched from Redis at start). The
// later actions too: a rename on A shows on B, a moderator's deletion on A says by whom in B's
// history, an instructor named on A joins on B, a roster sent in parts on A admits on B, and a
// removal until restored on A holds on B until restored.
#include "coursetesthelpers.h"
#include "protocol/limits.h"
#include "testredis.h"

#include <QJsonArray>
#include <QTest>

using namespace coursetest;

class TestRedisCourseAdmin : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    TestServer m_a;
    TestServer m_b;
    QString m_joinCode;
    QString m_secret;
    QHash<QString, QString> m_tokens; // user → their name's token in CS600 (shared by the nodes)

    void configure(TestServer &node)
    {
        node.setConfig(coursetest::config());
        node.setLimits(coursetest::limitsWithoutAuthBackoff());
        node.setRedis(m_redis.url(), 2000);
    }

    // Joins CS600 on `node`, retrying while that node has not applied the course yet (bounded).
    std::unique_ptr<WsTestClient> joinOn(TestServer &node, const QString &user, const QString &code, const QString &token = {})
    {
        std::unique_ptr<WsTestClient> c;
        QTest::qWaitFor([&] {
            c = member(node.wsUrl(), user, QStringLiteral("CS600"), code, token.isEmpty() ? m_tokens.value(user) : token);
            return c != nullptr;
        }, 5000);
        if (c) {
            const QJsonObject joined = c->receivedOfType(QStringLiteral("joined")).constLast();
            if (joined.contains(QLatin1String("token")))
                m_tokens.insert(user, joined.value(QLatin1String("token")).toString());
        }
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_redis.start());
        configure(m_a);
        configure(m_b);
        QVERIFY2(m_a.start(), qPrintable(m_a.error()));
        QVERIFY2(m_b.start(), qPrintable(m_b.error()));
    }

    void cleanupTestCase()
    {
        m_a.stop();
        m_b.stop();
        m_redis.stop();
    }

    void aCourseCreatedOnOneNodeIsJoinedOnTheOther()
    {
        WsTestClient admin;
        QVERIFY(admin.open(m_a.wsUrl()));
        QVERIFY(hello(admin, QStringLiteral("prof.kim"), AdminSecret).value(QLatin1String("admin")).toBool());
        const QJsonObject created = admin.request(msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS600")},
                                                                       {QStringLiteral("notes"), QJsonArray{QStringLiteral("week1")}}}));
        QVERIFY2(isAck(created), QJsonDocument(created).toJson().constData());
        m_joinCode = created.value(QLatin1String("joinCode")).toString();
        m_secret = created.value(QLatin1String("secrets")).toObject().value(QLatin1String("prof.kim")).toString();
        auto onB = joinOn(m_b, QStringLiteral("angie.nguyen"), m_joinCode);
        QVERIFY(onB);
        // B knows it exists: a second creation there is a conflict.
        WsTestClient adminB;
        QVERIFY(adminB.open(m_b.wsUrl()));
        hello(adminB, QStringLiteral("root"), AdminSecret);
        QCOMPARE(code(adminB.request(msg("course.create", {{QStringLiteral("course"), QStringLiteral("CS600")}}))), QStringLiteral("conflict"));
    }

    void aChannelCreatedOnAAppearsLiveOnB()
    {
        auto prof = joinOn(m_a, QStringLiteral("prof.kim"), m_joinCode, m_secret);
        auto angie = joinOn(m_b, QStringLiteral("angie.nguyen"), m_joinCode);
        QVERIFY(prof && angie);
        const int from = angie->receivedCount();
        QVERIFY(isAck(prof->request(msg("channel.add", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("channel"), QStringLiteral("week5")},
                                                        {QStringLiteral("announcement"), true}}))));
        const QJsonObject event = eventOf(*angie, QStringLiteral("channel.added"), from);
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("channel")).toString(), QStringLiteral("week5"));
        // B applies it: a post there follows the announcement rule on B too.
        const QJsonObject refused = angie->request(msg("chat.send", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("channel"), QStringLiteral("week5")},
                                                                    {QStringLiteral("text"), QStringLiteral("x")}, {QStringLiteral("clientMsgId"), QStringLiteral("b1")}}));
        QCOMPARE(code(refused), QStringLiteral("forbidden"));
    }

    void aRotatedCodeIsRefusedOnB()
    {
        auto prof = joinOn(m_a, QStringLiteral("prof.kim"), m_joinCode, m_secret);
        auto watcher = joinOn(m_b, QStringLiteral("angie.nguyen"), m_joinCode);
        QVERIFY(prof && watcher);
        const int from = watcher->receivedCount();
        const QJsonObject rotated = prof->request(msg("joincode.rotate", {{QStringLiteral("course"), QStringLiteral("CS600")}}));
        QVERIFY(isAck(rotated));
        const QString old = m_joinCode;
        m_joinCode = rotated.value(QLatin1String("joinCode")).toString();
        // Once B has the event (its member sees it), B refuses the old code.
        QVERIFY(!eventOf(*watcher, QStringLiteral("joincode.rotated"), from).isEmpty());
        WsTestClient late;
        QVERIFY(late.open(m_b.wsUrl()));
        hello(late, QStringLiteral("carla.diaz"));
        QCOMPARE(code(join(late, QStringLiteral("CS600"), old)), QStringLiteral("wrong_join_code"));
        QCOMPARE(type(join(late, QStringLiteral("CS600"), m_joinCode)), QStringLiteral("joined"));
    }

    void aTaAppointedOnAModeratesOnB()
    {
        auto prof = joinOn(m_a, QStringLiteral("prof.kim"), m_joinCode, m_secret);
        auto ben = joinOn(m_b, QStringLiteral("ben.ortiz"), m_joinCode);
        QVERIFY(prof && ben);
        QCOMPARE(code(ben->request(msg("note.lock", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("note"), QStringLiteral("week1")}}))),
                 QStringLiteral("forbidden"));
        const int from = ben->receivedCount();
        QVERIFY(isAck(prof->request(msg("member.role", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("user"), QStringLiteral("ben.ortiz")},
                                                        {QStringLiteral("role"), QStringLiteral("ta")}}))));
        QVERIFY(!eventOf(*ben, QStringLiteral("member.role"), from).isEmpty());
        QVERIFY(isAck(ben->request(msg("note.lock", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("note"), QStringLiteral("week1")}}))));
    }

    void aRenameOnAShowsOnB()
    {
        auto prof = joinOn(m_a, QStringLiteral("prof.kim"), m_joinCode, m_secret);
        auto angie = joinOn(m_b, QStringLiteral("angie.nguyen"), m_joinCode);
        QVERIFY(prof && angie);
        const int from = angie->receivedCount();
        QVERIFY(isAck(prof->request(msg("channel.update", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("channel"), QStringLiteral("week5")},
                                                           {QStringLiteral("title"), QStringLiteral("Week 5 news")}}))));
        QVERIFY(isAck(prof->request(msg("note.update", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("note"), QStringLiteral("week1")},
                                                        {QStringLiteral("title"), QStringLiteral("Week 1")}}))));
        QCOMPARE(eventOf(*angie, QStringLiteral("note.updated"), from).value(QLatin1String("data")).toObject().value(QLatin1String("title")).toString(),
                 QStringLiteral("Week 1"));
        auto late = joinOn(m_b, QStringLiteral("erin.fox"), m_joinCode);
        QVERIFY(late);
        const QJsonObject joined = late->receivedOfType(QStringLiteral("joined")).constLast();
        QCOMPARE(joined.value(QLatin1String("channelTitles")).toObject().value(QLatin1String("week5")).toString(), QStringLiteral("Week 5 news"));
        QCOMPARE(joined.value(QLatin1String("noteTitles")).toObject().value(QLatin1String("week1")).toString(), QStringLiteral("Week 1"));
    }

    void aDeletionOnASaysByWhomOnB()
    {
        auto prof = joinOn(m_a, QStringLiteral("prof.kim"), m_joinCode, m_secret);
        auto angie = joinOn(m_b, QStringLiteral("angie.nguyen"), m_joinCode);
        QVERIFY(prof && angie);
        const QJsonObject posted = angie->request(msg("chat.send", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("channel"), QStringLiteral("general")},
                                                                    {QStringLiteral("text"), QStringLiteral("off topic")}, {QStringLiteral("clientMsgId"), QStringLiteral("del-b")}}));
        QVERIFY(isAck(posted));
        const double id = posted.value(QLatin1String("id")).toDouble();
        QTest::qWaitFor([&] { return isAck(prof->request(msg("chat.delete", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("id"), id}}))); }, 5000);
        QString by;
        QVERIFY(QTest::qWaitFor([&] {
            const QJsonObject page = angie->request(msg("history", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("channel"), QStringLiteral("general")}}));
            for (const QJsonValue &v : page.value(QLatin1String("messages")).toArray())
                if (v.toObject().value(QLatin1String("id")).toDouble() == id)
                    by = v.toObject().value(QLatin1String("deletedBy")).toString();
            return !by.isEmpty();
        }, 5000));
        QCOMPARE(by, QStringLiteral("prof.kim"));
    }

    void anInstructorNamedOnAJoinsOnB()
    {
        WsTestClient admin;
        QVERIFY(admin.open(m_a.wsUrl()));
        QVERIFY(hello(admin, QStringLiteral("root"), AdminSecret).value(QLatin1String("admin")).toBool());
        const QJsonObject named = admin.request(msg("member.role", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("user"), QStringLiteral("dr.cho")},
                                                                   {QStringLiteral("role"), QStringLiteral("instructor")}}));
        QVERIFY2(isAck(named), QJsonDocument(named).toJson().constData());
        auto cho = joinOn(m_b, QStringLiteral("dr.cho"), m_joinCode, named.value(QLatin1String("secret")).toString());
        QVERIFY(cho);
        QCOMPARE(cho->receivedOfType(QStringLiteral("joined")).constLast().value(QLatin1String("role")).toString(), QStringLiteral("instructor"));
        QVERIFY(isAck(cho->request(msg("channel.add", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("channel"), QStringLiteral("office-hours")}}))));
    }

    void aRosterSentInPartsOnAAdmitsOnB()
    {
        auto prof = joinOn(m_a, QStringLiteral("prof.kim"), m_joinCode, m_secret);
        QVERIFY(prof);
        QString csv;
        for (int i = 1; i <= 2000; ++i)
            csv += QStringLiteral("pupil%1,pupil%1@university.example.edu,student\n").arg(i, 4, 10, QLatin1Char('0'));
        const qsizetype half = csv.size() / 2;
        QVERIFY(isAck(prof->request(msg("roster.import", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("csv"), csv.left(half)},
                                                          {QStringLiteral("upload"), QStringLiteral("r1")}, {QStringLiteral("more"), true}}))));
        const QJsonObject done = prof->request(msg("roster.import", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("csv"), csv.mid(half)},
                                                                    {QStringLiteral("upload"), QStringLiteral("r1")}}));
        QVERIFY(isAck(done));
        QCOMPARE(done.value(QLatin1String("count")).toInt(), 2000);
        const QJsonObject last = done.value(QLatin1String("invites")).toArray().last().toObject();
        QVERIFY(joinOn(m_b, last.value(QLatin1String("user")).toString(), last.value(QLatin1String("invite")).toString()));
    }

    void aRemovalUntilRestoredOnAHoldsOnB()
    {
        auto prof = joinOn(m_a, QStringLiteral("prof.kim"), m_joinCode, m_secret);
        auto frank = joinOn(m_b, QStringLiteral("frank.moss"), m_joinCode);
        QVERIFY(prof && frank);
        const int from = frank->receivedCount();
        QVERIFY(isAck(prof->request(msg("kick", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("user"), QStringLiteral("frank.moss")},
                                                 {QStringLiteral("minutes"), 0}}))));
        const QJsonObject kicked = frank->waitForType(QStringLiteral("kicked"), 5000, from);
        QCOMPARE(qint64(kicked.value(QLatin1String("until")).toDouble()), collab::limits::RemovedUntilRestoredMs);
        WsTestClient again;
        QVERIFY(again.open(m_b.wsUrl()));
        hello(again, QStringLiteral("frank.moss"));
        QCOMPARE(code(join(again, QStringLiteral("CS600"), m_joinCode, m_tokens.value(QStringLiteral("frank.moss")))), QStringLiteral("forbidden"));
        QVERIFY(isAck(prof->request(msg("member.restore", {{QStringLiteral("course"), QStringLiteral("CS600")}, {QStringLiteral("user"), QStringLiteral("frank.moss")}}))));
        QVERIFY(QTest::qWaitFor([&] { return type(join(again, QStringLiteral("CS600"), m_joinCode, m_tokens.value(QStringLiteral("frank.moss")))) == QLatin1String("joined"); }, 5000));
    }

    void aRestartedNodeKnowsTheCourse()
    {
        m_b.stop();
        QVERIFY2(m_b.start(), qPrintable(m_b.error()));
        auto ben = member(m_b.wsUrl(), QStringLiteral("dana.lee"), QStringLiteral("CS600"), m_joinCode);
        QVERIFY(ben);
        const QJsonObject joined = ben->receivedOfType(QStringLiteral("joined")).constLast();
        QVERIFY(joined.value(QLatin1String("channels")).toArray().contains(QStringLiteral("week5")));
        QCOMPARE(joined.value(QLatin1String("announcements")).toArray(), QJsonArray{QStringLiteral("week5")});
        QCOMPARE(joined.value(QLatin1String("channelTitles")).toObject().value(QLatin1String("week5")).toString(), QStringLiteral("Week 5 news"));
    }
};

QTEST_MAIN(TestRedisCourseAdmin)
#include "tst_redis_course_admin.moc"
