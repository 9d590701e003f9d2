// A note's history across two nodes of one Redis (issue 15 part 2): versions written on either
// node read back with the same text on both; a version named on A is named on B; a student on B
// may not restore; a restore made on A is B's text too, with A's restorer as its author.
#include "interactiontesthelpers.h"
#include "testredis.h"

#include <QJsonArray>
#include <QTest>

using namespace interactiontest;

class TestRedisNoteHistory : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    TestServer m_a;
    TestServer m_b;
    std::unique_ptr<WsTestClient> m_prof;  // on A
    std::unique_ptr<WsTestClient> m_angie; // on B
    QList<QPair<quint64, QString>> m_versions; // seq → text after it

    void configure(TestServer &node)
    {
        node.setConfig(coursetest::config());
        node.setLimits(TestServer::unlimited());
        node.setRedis(m_redis.url(), 2000);
    }
    QJsonObject onNote(const char *type, QJsonObject fields)
    {
        fields.insert(QStringLiteral("note"), QStringLiteral("class-notes"));
        return withCourse(type, fields);
    }
    // The text at `seq` as `c`'s node has it, once that node has applied the version.
    QString textAt(WsTestClient &c, quint64 seq)
    {
        QJsonObject answer;
        (void)QTest::qWaitFor([&] {
            answer = c.request(onNote("note.at", {{QStringLiteral("at"), double(seq)}}));
            return isAck(answer);
        }, 5000);
        return isAck(answer) ? answer.value(QLatin1String("text")).toString() : QStringLiteral("<%1>").arg(code(answer));
    }
    quint64 appendLine(WsTestClient &c, const QString &line)
    {
        const QJsonObject ack = c.request(onNote("edit", {{QStringLiteral("action"), QStringLiteral("insert_line")}, {QStringLiteral("text"), line}}));
        return seqOf(ack);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_redis.start());
        configure(m_a);
        configure(m_b);
        QVERIFY2(m_a.start(), qPrintable(m_a.error()));
        QVERIFY2(m_b.start(), qPrintable(m_b.error()));
        m_prof = joinedAs(m_a.wsUrl(), QStringLiteral("prof.lee"));
        m_angie = joinedAs(m_b.wsUrl(), QStringLiteral("angie.nguyen"));
        QVERIFY(m_prof && m_angie);
    }

    void versionsReadTheSameOnBothNodes()
    {
        WsTestClient *writers[] = {m_angie.get(), m_prof.get(), m_angie.get(), m_prof.get()};
        for (int i = 0; i < 4; ++i) {
            const quint64 seq = appendLine(*writers[i], QStringLiteral("line %1 by %2").arg(i).arg(i % 2 ? QStringLiteral("A") : QStringLiteral("B")));
            QVERIFY(seq > 0);
            m_versions.append({seq, textAt(*writers[i], seq)}); // the writer's node has it at the ack
        }
        QVERIFY(m_versions.last().second.contains(QLatin1String("line 3")));
        for (const auto &[seq, text] : std::as_const(m_versions)) {
            QCOMPARE(textAt(*m_prof, seq), text);
            QCOMPARE(textAt(*m_angie, seq), text);
        }
        const QJsonArray onB = m_angie->request(onNote("note.history", {})).value(QLatin1String("versions")).toArray();
        QCOMPARE(onB.size(), 4);
        QCOMPARE(onB[0].toObject().value(QLatin1String("authors")).toArray(), QJsonArray{QStringLiteral("prof.lee")});
        QCOMPARE(onB[1].toObject().value(QLatin1String("authors")).toArray(), QJsonArray{QStringLiteral("angie.nguyen")});
    }

    void aNameAndARestoreReachTheOtherNode()
    {
        const QJsonObject named = m_prof->request(onNote("note.name", {{QStringLiteral("name"), QStringLiteral("Before midterm")},
                                                                      {QStringLiteral("at"), double(m_versions[1].first)}}));
        QVERIFY2(isAck(named), json(named).constData());
        QTRY_COMPARE_WITH_TIMEOUT(m_angie->request(onNote("note.history", {})).value(QLatin1String("named")).toArray().size(), 1, 5000);
        QCOMPARE(textAt(*m_angie, m_versions[1].first), m_versions[1].second);

        // A student on B may not restore; nothing changes.
        const QJsonObject refused = m_angie->request(onNote("note.restore", {{QStringLiteral("version"), QStringLiteral("Before midterm")}}));
        QCOMPARE(code(refused), QStringLiteral("forbidden"));

        const QJsonObject restored = m_prof->request(onNote("note.restore", {{QStringLiteral("version"), QStringLiteral("Before midterm")}}));
        QVERIFY2(isAck(restored), json(restored).constData());
        const quint64 seq = seqOf(restored);
        QVERIFY(seq > m_versions.last().first);
        QCOMPARE(textAt(*m_angie, seq), m_versions[1].second);
        QTRY_COMPARE_WITH_TIMEOUT(m_angie->request(onNote("note.history", {})).value(QLatin1String("versions")).toArray()[0].toObject()
                                      .value(QLatin1String("restored")).toDouble(),
                                  double(m_versions[1].first), 5000);
        // Every older version still reads as it was, on B.
        for (const auto &[s, text] : std::as_const(m_versions))
            QCOMPARE(textAt(*m_angie, s), text);
        // Who wrote the text now, as B sees it: the two first lines keep their authors.
        const QJsonArray spans = m_angie->request(onNote("note.authors", {})).value(QLatin1String("spans")).toArray();
        QVERIFY(!spans.isEmpty());
        QCOMPARE(spans[0].toObject().value(QLatin1String("user")).toString(), QStringLiteral("angie.nguyen"));
    }
};

QTEST_MAIN(TestRedisNoteHistory)
#include "tst_redis_note_history.moc"
