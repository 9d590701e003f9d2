// Retention across two nodes sharing a Redis (issue 15 part 4): a run on node A deletes old
// messages on both nodes (projections and search); the log in Redis keeps only tombstones (the
// entries are taken out of the stream, their tombstones read in their place, so replays have no
// gaps); node B's store is compacted too (the text is not in its projection.db or WAL); and a node
// B that starts again from nothing — a new projection.db built from Redis alone — gets the
// tombstones, never the text. A file of the course that no message keeps goes with them: its
// upload's event becomes a tombstone ({id, expired}) in Redis and on both nodes, its name gone
// from the stream, the tombstones and both nodes' stores, and from B rebuilt from Redis.

#include "coursetesthelpers.h"
#include "hub/hub.h"
#include "interactiontesthelpers.h"
#include "rawhttpclient.h"
#include "serverinstance.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "testredis.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace interactiontest;
using namespace collab;
using namespace collab::server;

class TestRedisRetention : public QObject
{
    Q_OBJECT

private:
    TestRedis m_redis;
    QTemporaryDir m_dataB;
    QTemporaryDir m_sharedFiles; // the files directory both nodes mount
    TestServer m_a;
    TestServer m_b;
    std::unique_ptr<WsTestClient> m_prof; // on A
    std::unique_ptr<WsTestClient> m_ana;  // on B
    quint64 m_old = 0, m_edited = 0, m_new = 0;
    QString m_oldFile; // uploaded before the cut-off, attached to nothing: retention deletes it
    qint64 m_cut = 0;

    void configure(TestServer &node)
    {
        ServerConfig config = coursetest::config();
        config.files.directory = m_sharedFiles.path();
        node.setConfig(config);
        node.setLimits(TestServer::unlimited());
        node.setRedis(m_redis.url(), 2000);
    }
    int hits(WsTestClient &c, const QString &q)
    {
        const QJsonObject r = c.request(withCourse("search", {{QStringLiteral("q"), q}}));
        return coursetest::isAck(r) ? int(r.value(QLatin1String("results")).toArray().size()) : -1;
    }
    bool hasMessage(TestServer &node, quint64 id) { return node.instance()->hub().projections().messages().message(Course, id).has_value(); }
    bool onDisk(const TestServer &node, const QByteArray &word) const
    {
        for (const char *suffix : {"", "-wal"}) {
            QFile f(QDir(node.dataDir()).filePath(QStringLiteral("projection.db") + QLatin1String(suffix)));
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(word))
                return true;
        }
        return false;
    }
    // The upload event of file `id` in `node`'s copy of the log.
    static CourseEvent uploadEventOf(TestServer &node, const QString &id)
    {
        for (const CourseEvent &e : node.instance()->hub().log().eventsAfter(Course, 0, 100000))
            if (e.kind == EventKind::FileUploaded && e.data.value(QLatin1String("id")).toString() == id)
                return e;
        return {};
    }
    static QJsonObject tombstoneOf(const QString &fileId) { return {{QStringLiteral("id"), fileId}, {QStringLiteral("expired"), true}}; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_redis.start());
        configure(m_a);
        configure(m_b);
        m_b.setDataDir(m_dataB.path());
        QVERIFY2(m_a.start(), qPrintable(m_a.error()));
        QVERIFY2(m_b.start(), qPrintable(m_b.error()));
        m_prof = joinedAs(m_a.wsUrl(), QStringLiteral("prof.lee"));
        m_ana = joinedAs(m_b.wsUrl(), QStringLiteral("ana.lopez"));
        QVERIFY(m_prof && m_ana);

        m_old = idOf(post(*m_ana, QStringLiteral("general"), QStringLiteral("old secret gnuwildebeest")));
        m_edited = idOf(post(*m_ana, QStringLiteral("general"), QStringLiteral("first draft ocelotdraft")));
        QVERIFY(m_old && m_edited);
        const RawHttpAnswer uploaded = rawExchange(m_b.port(), rawUpload(Course, "Bearer " + coursetest::InstructorKey, "ferretnotes.txt",
                                                                         "old handout"));
        QCOMPARE(uploaded.status, 201);
        m_oldFile = QJsonDocument::fromJson(uploaded.body).object().value(QLatin1String("id")).toString();
        QVERIFY(!m_oldFile.isEmpty());
        QTRY_COMPARE(uploadEventOf(m_a, m_oldFile).data.value(QLatin1String("name")).toString(), QStringLiteral("ferretnotes.txt"));
        QVERIFY(coursetest::isAck(m_ana->request(withCourse("chat.edit", {{QStringLiteral("id"), double(m_edited)},
                                                                           {QStringLiteral("text"), QStringLiteral("second draft lynxdraft")}}))));
        const qint64 lastOld = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > lastOld + 2);
        m_cut = QDateTime::currentMSecsSinceEpoch();
        m_new = idOf(post(*m_ana, QStringLiteral("general"), QStringLiteral("new message narwhalnew")));
        QVERIFY(m_new);
        QTRY_VERIFY(hasMessage(m_a, m_new));
    }

    void aRunOnOneNodeDeletesOnBoth()
    {
        QVERIFY(coursetest::isAck(m_prof->request(withCourse("retention.set", {{QStringLiteral("days"), 1}}))));
        QTRY_COMPARE(m_b.instance()->hub().course(Course)->retentionDays, 1); // the setting reached B
        m_a.instance()->hub().retention().setClock([cut = m_cut] { return cut + Retention::DayMs - 1; });

        const QJsonObject dry = m_prof->request(withCourse("retention.run", {{QStringLiteral("dryRun"), true}}));
        QCOMPARE(dry.value(QLatin1String("messages")).toInt(), 2);
        QVERIFY(hasMessage(m_b, m_old));

        const QJsonObject run = m_prof->request(withCourse("retention.run", {}), 20000);
        QVERIFY2(coursetest::isAck(run), qPrintable(QString::fromUtf8(QJsonDocument(run).toJson())));
        QCOMPARE(run.value(QLatin1String("messages")).toInt(), 2);
        QCOMPARE(run.value(QLatin1String("files")).toInt(), 1);

        for (TestServer *node : {&m_a, &m_b}) {
            QTRY_VERIFY(!hasMessage(*node, m_old));
            QVERIFY(!hasMessage(*node, m_edited));
            QVERIFY(hasMessage(*node, m_new));
        }
        QCOMPARE(hits(*m_ana, QStringLiteral("gnuwildebeest")), 0);
        QCOMPARE(hits(*m_ana, QStringLiteral("lynxdraft")), 0);
        QCOMPARE(hits(*m_prof, QStringLiteral("narwhalnew")), 1);

        // Redis: the entries are out of the stream, their tombstones hold no text.
        const QByteArray key = "collab:course:" + Course.toUtf8();
        QTRY_VERIFY(!m_redis.command({QStringLiteral("XRANGE"), QString::fromUtf8(key + ":log"), QStringLiteral("-"), QStringLiteral("+")})
                         .contains("gnuwildebeest"));
        const QByteArray stream = m_redis.command({QStringLiteral("XRANGE"), QString::fromUtf8(key + ":log"), QStringLiteral("-"), QStringLiteral("+")});
        QVERIFY(!stream.contains("ocelotdraft") && !stream.contains("lynxdraft"));
        QVERIFY(stream.contains("narwhalnew"));
        const QByteArray tombstone = m_redis.command({QStringLiteral("HGET"), QString::fromUtf8(key + ":tombstones"), QString::number(m_old)});
        QVERIFY2(tombstone.contains("\"expired\":true") && !tombstone.contains("gnuwildebeest"), tombstone.constData());
        // The file's upload likewise: out of the stream, a tombstone without its name on both nodes.
        QTRY_VERIFY(!m_redis.command({QStringLiteral("XRANGE"), QString::fromUtf8(key + ":log"), QStringLiteral("-"), QStringLiteral("+")})
                         .contains("ferretnotes"));
        const quint64 uploadSeq = uploadEventOf(m_a, m_oldFile).seq;
        QVERIFY(uploadSeq > 0);
        const QByteArray fileTombstone = m_redis.command({QStringLiteral("HGET"), QString::fromUtf8(key + ":tombstones"), QString::number(uploadSeq)});
        QVERIFY2(fileTombstone.contains("\"expired\":true") && fileTombstone.contains(m_oldFile.toUtf8()) && !fileTombstone.contains("ferretnotes"),
                 fileTombstone.constData());
        for (TestServer *node : {&m_a, &m_b}) {
            QTRY_COMPARE(uploadEventOf(*node, m_oldFile).data, tombstoneOf(m_oldFile));
            QVERIFY(!node->instance()->hub().files().file(Course, m_oldFile).has_value());
        }

        // Both nodes compact their stores: the words are not in either file.
        QTRY_VERIFY_WITH_TIMEOUT(m_a.instance()->hub().retention().compactions() >= 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_b.instance()->hub().retention().compactions() >= 1, 10000);
        for (TestServer *node : {&m_a, &m_b}) {
            QVERIFY(!onDisk(*node, "gnuwildebeest"));
            QVERIFY(!onDisk(*node, "ocelotdraft"));
            QVERIFY(!onDisk(*node, "ferretnotes"));
            QVERIFY(onDisk(*node, "narwhalnew"));
        }
    }

    void aNodeRebuiltFromRedisGetsTombstones()
    {
        const quint64 head = m_a.instance()->hub().log().lastSeq(Course);
        m_ana.reset();
        m_b.stop();
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(QDir(m_dataB.path()).filePath(QStringLiteral("projection.db") + QLatin1String(suffix)));
        QVERIFY2(m_b.start(), qPrintable(m_b.error()));
        QCOMPARE(m_b.instance()->hub().log().lastSeq(Course), head); // every seq, no gap
        QVERIFY(!hasMessage(m_b, m_old));
        QVERIFY(!hasMessage(m_b, m_edited));
        QVERIFY(hasMessage(m_b, m_new));
        const QList<CourseEvent> replayed = m_b.instance()->hub().log().eventsAfter(Course, m_old - 1, 1);
        QCOMPARE(replayed.size(), 1);
        QCOMPARE(replayed[0].data.value(QLatin1String("expired")).toBool(), true);
        QVERIFY(!onDisk(m_b, "gnuwildebeest"));
        QVERIFY(!onDisk(m_b, "lynxdraft"));
        QCOMPARE(uploadEventOf(m_b, m_oldFile).data, tombstoneOf(m_oldFile));
        QVERIFY(!m_b.instance()->hub().files().file(Course, m_oldFile).has_value());
        QVERIFY(!onDisk(m_b, "ferretnotes"));
        m_ana = joinedAs(m_b.wsUrl(), QStringLiteral("ana.lopez"));
        QVERIFY(m_ana);
        QCOMPARE(hits(*m_ana, QStringLiteral("gnuwildebeest")), 0);

        // The nodes go on together: a post on B reaches A.
        const quint64 later = idOf(post(*m_ana, QStringLiteral("general"), QStringLiteral("after the rebuild")));
        QVERIFY(later > head);
        QTRY_VERIFY(hasMessage(m_a, later));
    }
};

QTEST_GUILESS_MAIN(TestRedisRetention)
#include "tst_redis_retention.moc"
