// The read side is rebuilt from the event log: collab-server --rebuild-projections over a real data
// directory whose projection rows were damaged (single node: collab.db; Redis mode: the node's
// projection.db, whose copy of the log is damaged too, so only the log in Redis can restore it)
// gives back the same pages, members, kicks and note state. A projection whose version row is
// missing (a new projection, or a changed one) is built from the log when the store opens.
#include "hub/hub.h"
#include "redis/redisconnection.h"
#include "redis/redisnode.h"
#include "serverprocess.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "store/readworker.h"
#include "testredis.h"
#include "search/searchquery.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QStringLiteral("CECS327");
const QString kNote = QStringLiteral("class-notes");

// Runs `call` with a callback and waits (bounded) for it; true if it succeeded.
template <typename T, typename Call>
bool succeeds(Call call)
{
    std::optional<bool> ok;
    call([&ok](collab::Result<T> r) {
        if (!r)
            qWarning() << "failed:" << r.error().message;
        ok = bool(r);
    });
    return QTest::qWaitFor([&ok] { return ok.has_value(); }, 10000) && *ok;
}

// Statements run on a database file while no server has it open; false (with a warning) on failure.
bool runSql(const QString &path, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &statement : statements)
            if (ok && !q.exec(statement)) {
                qWarning() << statement << q.lastError().text();
                ok = false;
            }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    return ok;
}

// Damage to every projection: wrong texts and a forged message, a member and a kick gone, a note
// unlocked and its events unindexed.
const QStringList kDamage = {
    QStringLiteral("UPDATE messages SET text = 'forged', deleted = 0"),
    QStringLiteral("INSERT INTO messages (course, id, channel, author, text, client_msg_id, created) "
                   "VALUES ('CECS327', 9999, 'general', 'mallory', 'not in the log', '', 1)"),
    QStringLiteral("DELETE FROM members WHERE user = 'ana.lopez'"),
    QStringLiteral("DELETE FROM kicks"),
    QStringLiteral("UPDATE note_locks SET locked = 0"),
    QStringLiteral("DELETE FROM note_events"),
    QStringLiteral("UPDATE search_docs SET channel = 'forged', author = 'mallory'"),
};

} // namespace

class TestProjections : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_configPath;

    // A history touching every projection: joins, posts (with and without clientMsgId, in two
    // channels), an edit, a delete, a kick, note edits and a lock.
    static bool writeHistory(Hub &hub)
    {
        const Actor prof{QStringLiteral("prof.lee"), Actor::Role::Instructor};
        const Actor ana{QStringLiteral("ana.lopez"), Actor::Role::Student};
        for (const QString &user : {prof.user, ana.user, QStringLiteral("ben.ortiz"), QStringLiteral("cy.park")})
            if (!succeeds<JoinGrant>([&](auto done) {
                    hub.join(user, kCourse, QString::fromLatin1(TestServer::JoinCode), {}, QHostAddress(QHostAddress::LocalHost), std::move(done));
                }))
                return false;
        for (int i = 0; i < 6; ++i) {
            const QString channel = i % 3 == 2 ? QStringLiteral("homework") : QStringLiteral("general");
            const QString clientMsgId = i % 2 ? QStringLiteral("c-%1").arg(i) : QString();
            if (!succeeds<MessageOutcome>([&](auto done) {
                    hub.postMessage(ana, kCourse, channel, QStringLiteral("message %1").arg(i), clientMsgId, std::move(done));
                }))
                return false;
        }
        const QList<ChatMessage> general = hub.projections().messages().messagesBefore(kCourse, QStringLiteral("general"), 0, 10);
        if (general.size() != 4)
            return false;
        return succeeds<MessageOutcome>([&](auto done) {
                   hub.editMessage(ana, kCourse, general[0].id, QStringLiteral("edited"), std::move(done));
               })
            && succeeds<MessageOutcome>([&](auto done) { hub.deleteMessage(prof, kCourse, general[1].id, std::move(done)); })
            && succeeds<bool>([&](auto done) { hub.kick(prof, kCourse, QStringLiteral("cy.park"), std::nullopt, std::move(done)); })
            && succeeds<NoteOutcome>([&](auto done) {
                   hub.editNote(ana, kCourse, kNote, TextEdit{0, 0, QStringLiteral("hello notes\n")}, std::move(done));
               })
            && succeeds<NoteOutcome>([&](auto done) {
                   hub.editNote(prof, kCourse, kNote, TextEdit{6, 5, QStringLiteral("world")}, std::move(done));
               })
            && succeeds<CourseEvent>([&](auto done) {
                   proto::NoteLock lock;
                   lock.course = kCourse;
                   lock.note = kNote;
                   lock.locked = true;
                   hub.lockNote(prof, lock, std::move(done));
               });
    }

    // Everything the read side answers about the course, one line per answer.
    static QStringList readBack(Hub &hub)
    {
        const EventLog &log = hub.log();
        const Projections &read = hub.projections();
        QStringList lines;
        const quint64 last = log.lastSeq(kCourse);
        lines << QStringLiteral("lastSeq %1").arg(last);
        for (const CourseEvent &e : log.eventsAfter(kCourse, 0, 1000))
            lines << QStringLiteral("event %1 %2").arg(e.seq).arg(QString::fromUtf8(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact)));
        const auto json = [](const ChatMessage &m) { return QString::fromUtf8(QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact)); };
        for (const QString &channel : {QStringLiteral("general"), QStringLiteral("homework")}) {
            for (const ChatMessage &m : read.messages().messagesBefore(kCourse, channel, 0, 1000))
                lines << QStringLiteral("page %1: %2").arg(channel, json(m));
            for (const ChatMessage &m : read.messages().messagesBefore(kCourse, channel, last, 2))
                lines << QStringLiteral("before %1 %2: %3").arg(last).arg(channel, json(m));
            for (const ChatMessage &m : read.messages().messagesAfter(kCourse, channel, 1, 2))
                lines << QStringLiteral("after 1 %1: %2").arg(channel, json(m));
        }
        for (quint64 id = 1; id <= last + 1; ++id)
            if (const std::optional<ChatMessage> m = read.messages().message(kCourse, id))
                lines << QStringLiteral("message %1: %2").arg(id).arg(json(*m));
        for (const QString &cid : {QStringLiteral("c-1"), QStringLiteral("c-3"), QStringLiteral("c-5")})
            if (const std::optional<ChatMessage> m = read.messages().messageByClientId(kCourse, QStringLiteral("ana.lopez"), cid))
                lines << QStringLiteral("clientMsgId %1: %2").arg(cid, json(*m));
        for (const MemberRecord &m : read.members().members(kCourse))
            lines << QStringLiteral("member %1 %2").arg(m.user, m.role);
        for (const QJsonValue &v : read.moderationLog().entries(kCourse, 1000))
            lines << QStringLiteral("moderation %1").arg(QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
        for (const CourseEvent &e : read.catalog().events())
            lines << QStringLiteral("catalog %1 %2 %3").arg(e.course).arg(e.seq).arg(eventKindName(e.kind));
        const QHash<QString, qint64> kicks = read.kicks().kicks(kCourse);
        QStringList kicked = kicks.keys();
        kicked.sort();
        for (const QString &user : std::as_const(kicked))
            lines << QStringLiteral("kick %1 until %2").arg(user).arg(kicks.value(user));
        for (const QString &q : {QStringLiteral("message"), QStringLiteral("edited"), QStringLiteral("in:#homework")}) {
            const auto found = read.search().search(kCourse, SearchQuery::parse(q).value(), QString(), false, 100);
            if (!found) {
                lines << QStringLiteral("search %1 failed: %2").arg(q, found.error().message);
                continue;
            }
            for (const SearchRow &row : found.value().rows)
                lines << QStringLiteral("search %1: %2 %3 %4 %5").arg(q).arg(row.id).arg(row.channel, row.author, row.snippet);
        }
        lines << QStringLiteral("locked %1").arg(read.notes().noteLocked(kCourse, kNote));
        for (const CourseEvent &e : read.notes().noteEventsAfter(kCourse, kNote, 0))
            lines << QStringLiteral("note event %1 %2").arg(e.seq).arg(eventKindName(e.kind));
        const auto document = hub.noteDocument(kCourse, kNote);
        lines << QStringLiteral("note text %1").arg(document ? document.value()->text() : QStringLiteral("<unreadable>"));
        return lines;
    }

    // collab-server --rebuild-projections on `dataDir`; its exit code, stdout in `output` (and
    // stderr in `errorOutput`).
    int rebuild(const QString &dataDir, const QStringList &more, QString *output, QString *errorOutput = nullptr)
    {
        QProcess process;
        process.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
        process.setArguments(QStringList{QStringLiteral("--rebuild-projections"), QStringLiteral("--data"), dataDir,
                                         QStringLiteral("--config"), m_configPath}
                             + more);
        process.start();
        if (!process.waitForFinished(60000))
            return -1;
        *output = QString::fromUtf8(process.readAllStandardOutput());
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        if (process.exitCode() != 0)
            qInfo().noquote() << "collab-server --rebuild-projections:" << errors;
        if (errorOutput)
            *errorOutput = errors;
        return process.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_configPath = m_dir.filePath(QStringLiteral("config.json"));
        QFile config(m_configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(TestServer::testConfig().toJson()).toJson());
    }

    // Searches and history reads run on a ReadWorker: the work on a thread of its own, through a
    // connection that cannot write, the answer back on the thread that asked; an answer that
    // arrives after its worker is gone is dropped, not delivered to a dead session.
    void readWorkerRunsOffTheCallersThread()
    {
        TestServer server;
        QVERIFY(server.start());
        Hub &hub = server.instance()->hub();
        QThread *asker = QThread::currentThread();
        QThread *worker = nullptr;
        QThread *answeredOn = nullptr;
        QString writeError;
        bool answered = false;
        hub.searchReads().run<int>(
            [&](const QSqlDatabase &db) -> Result<int> {
                worker = QThread::currentThread();
                QSqlQuery write(db);
                if (write.exec(QStringLiteral("CREATE TABLE worker_probe (x)")))
                    return ProtocolError::make(ErrorCode::Internal, QStringLiteral("the worker's connection wrote"));
                writeError = write.lastError().text();
                QSqlQuery read(db);
                if (!read.exec(QStringLiteral("SELECT count(*) FROM search_docs")) || !read.next())
                    return ProtocolError::make(ErrorCode::Internal, read.lastError().text());
                return read.value(0).toInt();
            },
            [&](Result<int> r) {
                answeredOn = QThread::currentThread();
                answered = r.ok();
                if (!r)
                    qWarning() << r.error().message;
            });
        QTRY_VERIFY_WITH_TIMEOUT(answeredOn != nullptr, 10000);
        QVERIFY(answered);
        QVERIFY(worker && worker != asker);
        QCOMPARE(answeredOn, asker);
        QVERIFY2(writeError.contains(QLatin1String("readonly"), Qt::CaseInsensitive), qPrintable(writeError));

        // Work still queued when the worker goes: it runs (the pool is waited for), its answer is
        // never delivered.
        bool lateAnswer = false;
        {
            ReadWorker doomed(QStringLiteral("collab-test"), QDir(server.dataDir()).filePath(QStringLiteral("collab.db")));
            doomed.run<int>([](const QSqlDatabase &) -> Result<int> { return 1; }, [&](Result<int>) { lateAnswer = true; });
        }
        QCoreApplication::processEvents();
        QVERIFY(!lateAnswer);
    }

    void rebuildRestoresEveryProjection()
    {
        TestServer server;
        QVERIFY(server.start());
        QVERIFY(writeHistory(server.instance()->hub()));
        const QStringList before = readBack(server.instance()->hub());
        QVERIFY(before.contains(QStringLiteral("locked 1")));
        QVERIFY(before.contains(QStringLiteral("note text hello world\n")));
        server.stop();

        const QString db = QDir(server.dataDir()).filePath(QStringLiteral("collab.db"));
        QVERIFY(runSql(db, kDamage));
        QVERIFY(server.start());
        const QStringList damaged = readBack(server.instance()->hub());
        QVERIFY(damaged != before); // what the rebuild has to repair shows
        QVERIFY(damaged.contains(QStringLiteral("locked 0")));
        server.stop();

        QString report;
        QCOMPARE(rebuild(server.dataDir(), {}, &report), 0);
        QVERIFY2(report.contains(QStringLiteral("course CECS327: %1 events").arg(before.first().section(QLatin1Char(' '), 1))),
                 qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("messages messages: 6 rows")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("kicks kicks: 1 rows")), qPrintable(report));
        QVERIFY(server.start());
        QCOMPARE(readBack(server.instance()->hub()), before);
    }

    // A running server owns its data directory: a rebuild (or a second server) there is refused,
    // and the running one is untouched.
    void rebuildRefusesWhileAServerRuns()
    {
        TestServer server;
        QVERIFY(server.start());
        QVERIFY(writeHistory(server.instance()->hub()));
        const QStringList before = readBack(server.instance()->hub());

        QString report;
        QString errors;
        QCOMPARE(rebuild(server.dataDir(), {}, &report, &errors), 1);
        QVERIFY(report.isEmpty());
        QVERIFY2(errors.contains(QLatin1String("in use by another server")), qPrintable(errors));
        ServerInstance second;
        ServerInstance::Options options;
        options.port = 0;
        options.dataDir = server.dataDir();
        options.config = TestServer::testConfig();
        QVERIFY(second.start(options).contains(QLatin1String("in use by another server")));
        QCOMPARE(readBack(server.instance()->hub()), before);
        QVERIFY(succeeds<MessageOutcome>([&](auto done) {
            server.instance()->hub().postMessage(Actor{QStringLiteral("ana.lopez"), Actor::Role::Student}, kCourse,
                                                 QStringLiteral("general"), QStringLiteral("still here"), {}, std::move(done));
        }));
    }

    // A projection the database has no version row for (new in this release, or its version
    // changed) is dropped and built from the log when the store opens; the others are left alone.
    void staleProjectionIsBuiltAtOpen()
    {
        TestServer server;
        QVERIFY(server.start());
        QVERIFY(writeHistory(server.instance()->hub()));
        const QStringList before = readBack(server.instance()->hub());
        server.stop();

        const QString db = QDir(server.dataDir()).filePath(QStringLiteral("collab.db"));
        QVERIFY(runSql(db, {QStringLiteral("DELETE FROM kicks"), QStringLiteral("DELETE FROM projections WHERE name = 'kicks'"),
                            QStringLiteral("DELETE FROM members WHERE user = 'ana.lopez'")}));
        QVERIFY(server.start());
        const QStringList after = readBack(server.instance()->hub());
        QVERIFY(after.contains(QStringLiteral("kick cy.park until %1").arg(
            before.filter(QStringLiteral("kick cy.park")).value(0).section(QLatin1Char(' '), -1))));
        // members still has its version row: not rebuilt, so the damage stays until asked for.
        QVERIFY(!after.contains(QStringLiteral("member ana.lopez student")));
        QVERIFY(before.contains(QStringLiteral("member ana.lopez student")));
    }

    // Redis mode: projection.db (the node's copy of the log and its projections) is damaged, its
    // copy of the log included; the rebuild takes the log from Redis.
    void rebuildFromTheRedisLog()
    {
        TestRedis redis;
        QVERIFY(redis.start());
        TestServer node;
        node.setRedis(redis.url());
        QVERIFY(node.start());
        QTRY_VERIFY_WITH_TIMEOUT(node.instance()->redisNode()->commands().isConnected(), 10000);
        QVERIFY(writeHistory(node.instance()->hub()));
        const QStringList before = readBack(node.instance()->hub());
        node.stop();

        const QString db = QDir(node.dataDir()).filePath(QStringLiteral("projection.db"));
        QStringList damage = kDamage;
        damage << QStringLiteral("UPDATE events SET data = '{\"author\":\"mallory\",\"channel\":\"general\",\"text\":\"forged\"}' "
                                 "WHERE kind = 'chat.posted'");
        QVERIFY(runSql(db, damage));

        QString report;
        QCOMPARE(rebuild(node.dataDir(), {QStringLiteral("--redis"), redis.url()}, &report), 0);
        QVERIFY2(report.contains(QStringLiteral("events from Redis")), qPrintable(report));
        QVERIFY(node.start());
        QCOMPARE(readBack(node.instance()->hub()), before);
    }

    // Redis lost history this node has: the rebuild refuses and leaves projection.db as it is.
    void redisRebuildRefusesAShorterLog()
    {
        TestRedis redis;
        QVERIFY(redis.start());
        TestServer node;
        node.setRedis(redis.url());
        QVERIFY(node.start());
        QTRY_VERIFY_WITH_TIMEOUT(node.instance()->redisNode()->commands().isConnected(), 10000);
        QVERIFY(writeHistory(node.instance()->hub()));
        const QStringList before = readBack(node.instance()->hub());
        node.stop();
        QCOMPARE(redis.command({QStringLiteral("FLUSHALL")}), QByteArray("OK"));

        QString report;
        QCOMPARE(rebuild(node.dataDir(), {QStringLiteral("--redis"), redis.url()}, &report), 1);
        const QString db = QDir(node.dataDir()).filePath(QStringLiteral("projection.db"));
        QVERIFY(QFile::exists(db));
        {
            QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            check.setDatabaseName(db);
            QVERIFY(check.open());
            QSqlQuery q(check);
            QVERIFY(q.exec(QStringLiteral("SELECT MAX(seq) FROM events WHERE course = 'CECS327'")) && q.next());
            QCOMPARE(QStringLiteral("lastSeq %1").arg(q.value(0).toString()), before.first());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
};

QTEST_GUILESS_MAIN(TestProjections)
#include "tst_projections.moc"
