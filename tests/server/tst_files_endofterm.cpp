// Files at the end of a term (issue 15 parts 3 and 4), through a real server over real sockets:
// a course export carries the course's files under files/<id>-<name>, and retention deletes the
// files uploaded before its cut-off that no remaining message carries — their records (downloads
// answer 404) and their bytes in the file store — while it keeps a file that a thread kept for a
// recent reply still shows, and the bytes another, newer file of the course shares. The log keeps
// only a tombstone of a deleted file's upload ({id, expired}: no name, no uploader): not in the
// log's events, not in the database file once compacted, not in an export made afterwards, and
// neither a restart nor a rebuild of every projection brings the names back.

#include "filerequests.h"
#include "files/filestore.h"
#include "hub/hub.h"
#include "rawhttpclient.h"
#include "retention/retention.h"
#include "serverinstance.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "store/sqliteeventlog.h"
#include "testserver.h"
#include "testzip.h"
#include "wstestclient.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);
const QByteArray kStaffKey = TestServer::StaffKey; // an instructor's API key for CECS327

QJsonObject jsonOf(const RawHttpAnswer &a) { return QJsonDocument::fromJson(a.body).object(); }
QByteArray sha256Hex(const QByteArray &bytes) { return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex(); }

} // namespace

class TestFilesEndOfTerm : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    WsTestClient m_ana; // a student of CECS327
    QString m_anaToken;
    int m_posts = 0;
    // Before the cut-off: attached to a message that expires, never attached, attached to a
    // thread's first message whose thread has a reply after the cut-off.
    QString m_expiring, m_orphan, m_inKeptThread;
    // After the cut-off, with the same bytes as m_expiring.
    QString m_sameBytesLater;
    qint64 m_cut = 0;

    RawHttpAnswer send(const QByteArray &request) { return rawExchange(m_server.port(), request, 30000); }
    QByteArray anasAuthorization() const { return basicAuthorization(QStringLiteral("ana.lopez"), m_anaToken); }
    FileRequests anasFiles() const { return FileRequests(m_server.port(), kCourse, anasAuthorization(), 30000); }
    QString upload(const QByteArray &bytes, const QByteArray &name) { return anasFiles().uploadedId(bytes, name); }
    int downloadStatus(const QString &id) { return anasFiles().download(id).status; }
    RawHttpAnswer staff(const QByteArray &verb, const QByteArray &rest, const QByteArray &body = {})
    {
        return send(verb + " /api/v1/courses/" + kCourse.toUtf8() + rest + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kStaffKey
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    // GET …/export with the instructor's key, unzipped; nothing, and why in `error`, on a failure.
    QHash<QString, QByteArray> exportEntries(QString *error)
    {
        const RawHttpAnswer a = staff("GET", "/export");
        if (a.status != 200) {
            *error = QStringLiteral("the export answered %1: %2").arg(a.status).arg(QString::fromUtf8(a.body.left(200)));
            return {};
        }
        return unzipEntries(a.body, error);
    }
    quint64 post(const QString &text, const QStringList &files, quint64 replyTo = 0)
    {
        QJsonObject m{{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                      {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), text},
                      {QStringLiteral("clientMsgId"), QStringLiteral("eot-%1").arg(++m_posts)}};
        if (!files.isEmpty())
            m.insert(QStringLiteral("files"), QJsonArray::fromStringList(files));
        if (replyTo)
            m.insert(QStringLiteral("replyTo"), double(replyTo));
        return quint64(m_ana.request(m).value(QLatin1String("id")).toDouble());
    }
    Hub &hub() { return m_server.instance()->hub(); }
    bool bytesStored(const QByteArray &bytes) { return QFile::exists(hub().files().store().pathOf(kCourse, sha256Hex(bytes))); }
    // The names of the files retention deletes (and, of one, the bytes), which nothing may keep.
    static QList<QByteArray> deletedNames() { return {"draft.txt", "week1.txt"}; }
    // The first of the deleted names in `bytes`, or an empty array.
    static QByteArray deletedNameIn(const QByteArray &bytes)
    {
        for (const QByteArray &name : deletedNames())
            if (bytes.contains(name))
                return name;
        return {};
    }
    // The events of the course's log, as JSON lines, that still name a deleted file.
    QByteArrayList logLinesNamingDeletedFiles(const EventLog &log)
    {
        QByteArrayList out;
        for (const CourseEvent &e : log.eventsAfter(kCourse, 0, 100000))
            if (const QByteArray json = QJsonDocument(e.data).toJson(QJsonDocument::Compact); !deletedNameIn(json).isEmpty())
                out << json;
        return out;
    }
    // Whether a deleted name is anywhere in the database's files (collab.db and its WAL).
    QByteArray deletedNameOnDisk() const
    {
        for (const char *suffix : {"", "-wal"}) {
            QFile f(QDir(m_server.dataDir()).filePath(QStringLiteral("collab.db") + QLatin1String(suffix)));
            if (f.open(QIODevice::ReadOnly))
                if (const QByteArray name = deletedNameIn(f.readAll()); !name.isEmpty())
                    return name;
        }
        return {};
    }
    // The upload event of file `id` as the log has it now.
    CourseEvent uploadEventOf(const QString &id)
    {
        for (const CourseEvent &e : hub().log().eventsAfter(kCourse, 0, 100000))
            if (e.kind == EventKind::FileUploaded && e.data.value(QLatin1String("id")).toString() == id)
                return e;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        ServerConfig config = TestServer::testConfig();
        config.apiKeys << TestServer::staffKey();
        m_server.setConfig(config);
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QVERIFY(m_ana.open(m_server.wsUrl()));
        const QJsonObject joined = m_ana.helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode));
        m_anaToken = joined.value(QLatin1String("token")).toString();
        QVERIFY(!m_anaToken.isEmpty());

        m_expiring = upload("week 1 slides", "week1.txt");
        m_orphan = upload("never attached", "draft.txt");
        m_inKeptThread = upload("lab 2 handout", "lab2.txt");
        QVERIFY(!m_expiring.isEmpty() && !m_orphan.isEmpty() && !m_inKeptThread.isEmpty());
        QVERIFY(post(QStringLiteral("slides for week 1"), {m_expiring}));
        const quint64 root = post(QStringLiteral("question about lab 2"), {m_inKeptThread});
        QVERIFY(root);
        const qint64 lastOld = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > lastOld + 2); // what follows is newer
        m_cut = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(post(QStringLiteral("a late answer keeps the lab 2 thread"), {}, root));
        m_sameBytesLater = upload("week 1 slides", "week1-again.txt");
        QVERIFY(!m_sameBytesLater.isEmpty());
    }

    // GET …/export: files/<id>-<name> with the bytes, one per file of the course.
    void theExportCarriesTheFiles()
    {
        QString error;
        const QHash<QString, QByteArray> zip = exportEntries(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(zip.value(QStringLiteral("files/%1-week1.txt").arg(m_expiring)), QByteArray("week 1 slides"));
        QCOMPARE(zip.value(QStringLiteral("files/%1-draft.txt").arg(m_orphan)), QByteArray("never attached"));
        QCOMPARE(zip.value(QStringLiteral("files/%1-lab2.txt").arg(m_inKeptThread)), QByteArray("lab 2 handout"));
        QCOMPARE(zip.value(QStringLiteral("files/%1-week1-again.txt").arg(m_sameBytesLater)), QByteArray("week 1 slides"));
        int files = 0;
        for (auto it = zip.cbegin(); it != zip.cend(); ++it)
            files += it.key().startsWith(QLatin1String("files/")) ? 1 : 0;
        QCOMPARE(files, 4);
    }

    // A day after the cut-off with a one-day period: the dry run counts two files (the one of an
    // expiring message, the one never attached); the run deletes those two and nothing else.
    void retentionDeletesOldFilesNoMessageKeeps()
    {
        QCOMPARE(staff("PUT", "/retention", R"({"days": 1})").status, 200);
        hub().retention().setClock([cut = m_cut] { return cut + Retention::DayMs - 1; });
        const RawHttpAnswer dry = staff("POST", "/retention/run", R"({"dryRun": true})");
        QCOMPARE(dry.status, 200);
        QCOMPARE(jsonOf(dry).value(QLatin1String("files")).toInt(), 2);
        QCOMPARE(jsonOf(dry).value(QLatin1String("messages")).toInt(), 1);
        QCOMPARE(downloadStatus(m_orphan), 200);

        const int from = m_ana.receivedCount();
        const RawHttpAnswer run = staff("POST", "/retention/run");
        QCOMPARE(run.status, 200);
        QCOMPARE(jsonOf(run).value(QLatin1String("files")).toInt(), 2);
        const QJsonObject expired = m_ana.waitFor([](const QJsonObject &o) { return o.value(QLatin1String("kind")).toString() == QLatin1String("files.expired"); },
                                                  5000, from);
        QStringList ids;
        for (const QJsonValue &id : expired.value(QLatin1String("data")).toObject().value(QLatin1String("ids")).toArray())
            ids << id.toString();
        ids.sort();
        QStringList expected{m_expiring, m_orphan};
        expected.sort();
        QCOMPARE(ids, expected);

        QCOMPARE(downloadStatus(m_expiring), 404);
        QCOMPARE(downloadStatus(m_orphan), 404);
        QCOMPARE(downloadStatus(m_inKeptThread), 200);
        QCOMPARE(downloadStatus(m_sameBytesLater), 200);
        QTRY_VERIFY_WITH_TIMEOUT(!bytesStored("never attached"), 5000); // deleted on the file store's thread
        QVERIFY(bytesStored("week 1 slides")); // the newer file has the same bytes
        QVERIFY(bytesStored("lab 2 handout"));
        QCOMPARE(hub().projections().files().files(kCourse).size(), 2);

        // A second run finds nothing more.
        const RawHttpAnswer again = staff("POST", "/retention/run");
        QCOMPARE(jsonOf(again).value(QLatin1String("files")).toInt(), 0);
    }

    // The log keeps a tombstone of each deleted file's upload: its id, no name, no uploader, no
    // type or size; the kept files' uploads are whole. Once the store is compacted the names are
    // not in the database file either.
    void theLogKeepsOnlyTombstonesOfTheirUploads()
    {
        for (const QString &id : {m_expiring, m_orphan}) {
            const CourseEvent upload = uploadEventOf(id);
            QCOMPARE(upload.kind, EventKind::FileUploaded);
            QCOMPARE(upload.data, (QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("expired"), true}}));
        }
        QCOMPARE(uploadEventOf(m_inKeptThread).data.value(QLatin1String("name")).toString(), QStringLiteral("lab2.txt"));
        QCOMPARE(uploadEventOf(m_sameBytesLater).data.value(QLatin1String("name")).toString(), QStringLiteral("week1-again.txt"));
        const QByteArrayList naming = logLinesNamingDeletedFiles(hub().log());
        QVERIFY2(naming.isEmpty(), naming.join('\n').constData());

        QTRY_VERIFY_WITH_TIMEOUT(hub().retention().compactions() >= 1, 10000);
        QVERIFY2(deletedNameOnDisk().isEmpty(), deletedNameOnDisk().constData());
    }

    // An export made after the run: neither the deleted files nor their names, anywhere in it.
    void anExportAfterTheRunHasNoTraceOfThem()
    {
        QString error;
        const QHash<QString, QByteArray> zip = exportEntries(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(zip.value(QStringLiteral("files/%1-lab2.txt").arg(m_inKeptThread)), QByteArray("lab 2 handout"));
        QCOMPARE(zip.value(QStringLiteral("files/%1-week1-again.txt").arg(m_sameBytesLater)), QByteArray("week 1 slides"));
        QVERIFY(zip.contains(QStringLiteral("events.jsonl")));
        for (auto it = zip.cbegin(); it != zip.cend(); ++it) {
            QVERIFY2(deletedNameIn(it.key().toUtf8()).isEmpty(), qPrintable(it.key()));
            QVERIFY2(deletedNameIn(it.value()).isEmpty(), qPrintable(it.key()));
            QVERIFY2(!it.value().contains("never attached"), qPrintable(it.key()));
        }
    }

    // After a restart the projection is rebuilt from the log: the expired files stay gone.
    void theyStayGoneAfterARestart()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QVERIFY(m_ana.open(m_server.wsUrl()));
        QVERIFY(!m_ana.helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        QCOMPARE(downloadStatus(m_orphan), 404);
        QCOMPARE(downloadStatus(m_inKeptThread), 200);
        QCOMPARE(hub().projections().files().files(kCourse).size(), 2);
        QVERIFY(logLinesNamingDeletedFiles(hub().log()).isEmpty());
        QCOMPARE(uploadEventOf(m_orphan).data.value(QLatin1String("expired")).toBool(), true);

        // Every projection built again from the log alone: the tombstones make no file record.
        m_server.stop();
        {
            QString error;
            const std::unique_ptr<SqliteEventLog> log = m_server.openLogRebuildingProjections(&error);
            QVERIFY2(log, qPrintable(error));
            QVERIFY(log->replayedEvents() > 0);
            QStringList kept;
            for (const FileRecord &f : log->projections().files().files(kCourse))
                kept << f.name;
            QCOMPARE(kept, (QStringList{QStringLiteral("lab2.txt"), QStringLiteral("week1-again.txt")}));
            QVERIFY(logLinesNamingDeletedFiles(*log).isEmpty());
        }
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QCOMPARE(downloadStatus(m_expiring), 404);
        QCOMPARE(downloadStatus(m_sameBytesLater), 200);
    }
};

QTEST_GUILESS_MAIN(TestFilesEndOfTerm)
#include "tst_files_endofterm.moc"
