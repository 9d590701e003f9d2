// The end of a term, part one (issue 15 part 4), through a real server over real sockets:
// PUT .../archived (the course stays searchable and exportable), GET .../export (a zip with every
// event, each note with its named versions, a transcript of each channel with threads, escaped),
// the WebSocket's course.export ticket, collab-cli --export-course DIR, and the bad inputs: an
// unknown course (404), a student or integration (403), a used ticket (401), concurrent exports
// (bounded: rate_limited with Retry-After, never more than CourseExports::MaxRunning at once).

#include "clirun.h"
#include "export/courseexports.h"
#include "hub/hub.h"
#include "serverinstance.h"
#include "store/eventlog.h"
#include "testserver.h"
#include "testzip.h"
#include "wstestclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);
const QString kNote = QStringLiteral("class-notes");
const QByteArray kStaffKey = TestServer::StaffKey; // an instructor's API key for CECS327
const QByteArray kAdminKey = "admin-key-789"; // the administrator's: every course

QString type(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
QString code(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }
quint64 seqOf(const QJsonObject &o) { return quint64(o.value(QLatin1String("seq")).toDouble()); }

QHash<QString, QByteArray> unzip(const QByteArray &bytes, QString *error) { return unzipEntries(bytes, error); }

} // namespace

class TestCourseExport : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_http;
    WsTestClient m_ana;  // a student
    WsTestClient m_prof; // the instructor
    quint64 m_threadRoot = 0;
    int m_posts = 0;
    quint64 m_namedAt = 0;
    QString m_namedText;

    struct HttpResult
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        QByteArray retryAfter;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
        QString message() const { return json().value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString(); }
    };

    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &key, const QByteArray &body = {})
    {
        QNetworkRequest request(m_server.httpUrl(path));
        if (!key.isEmpty())
            request.setRawHeader("Authorization", QByteArray("Bearer ") + key);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        return verb == "GET" ? m_http.get(request) : m_http.sendCustomRequest(request, verb, body);
    }
    static HttpResult resultOf(QNetworkReply *reply)
    {
        HttpResult result;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000)) {
            reply->abort();
            reply->deleteLater();
            return result;
        }
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        result.retryAfter = reply->rawHeader("Retry-After");
        reply->deleteLater();
        return result;
    }
    HttpResult http(const QByteArray &verb, const QString &path, const QByteArray &key = kStaffKey, const QByteArray &body = {})
    {
        return resultOf(send(verb, path, key, body));
    }
    QString coursePath(const QString &rest, const QString &course = kCourse) const
    {
        return QStringLiteral("/api/v1/courses/%1%2").arg(course, rest);
    }
    QJsonObject chat(WsTestClient &client, const QString &text, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("type"), QStringLiteral("chat.send"));
        extra.insert(QStringLiteral("course"), kCourse);
        if (!extra.contains(QLatin1String("channel")))
            extra.insert(QStringLiteral("channel"), QStringLiteral("general"));
        extra.insert(QStringLiteral("text"), text);
        if (!extra.contains(QLatin1String("clientMsgId")))
            extra.insert(QStringLiteral("clientMsgId"), QStringLiteral("m%1").arg(++m_posts));
        return client.request(extra);
    }
    QJsonObject ws(WsTestClient &client, const QString &messageType, QJsonObject fields)
    {
        fields.insert(QStringLiteral("type"), messageType);
        fields.insert(QStringLiteral("course"), kCourse);
        return client.request(fields);
    }
    QHash<QString, QByteArray> exportedZip(const QByteArray &key = kStaffKey)
    {
        const HttpResult r = http("GET", coursePath(QStringLiteral("/export")), key);
        if (r.status != 200) {
            qWarning() << r.status << r.body;
            return {};
        }
        QString error;
        QHash<QString, QByteArray> files = unzip(r.body, &error);
        if (!error.isEmpty())
            qWarning() << "unzip:" << error;
        return files;
    }

private Q_SLOTS:
    void initTestCase()
    {
        ServerConfig config = TestServer::testConfig();
        ApiKeyConfig admin;
        admin.name = QStringLiteral("root");
        admin.key = QString::fromLatin1(kAdminKey);
        admin.role = ApiKeyConfig::Role::Admin;
        config.apiKeys << TestServer::staffKey() << admin;
        config.courses[0].instructors << QStringLiteral("dr.cli"); // collab-cli's instructor (no secret)
        m_server.setConfig(config);
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QVERIFY(m_ana.open(m_server.wsUrl()));
        QVERIFY(!m_ana.helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        QVERIFY(m_prof.open(m_server.wsUrl()));
        QVERIFY(!m_prof.helloAndJoin(QStringLiteral("prof.lee"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());

        // A thread, an anonymous question, a hostile message, an edit and a deletion.
        const QJsonObject root = chat(m_ana, QStringLiteral("How do vector clocks work?"), {{QStringLiteral("clientMsgId"), QStringLiteral("r1")}});
        QCOMPARE(type(root), QStringLiteral("ack"));
        m_threadRoot = quint64(root.value(QLatin1String("id")).toDouble());
        QCOMPARE(type(chat(m_prof, QStringLiteral("One counter per process."), {{QStringLiteral("replyTo"), double(m_threadRoot)}})),
                 QStringLiteral("ack"));
        QCOMPARE(type(ws(m_prof, QStringLiteral("anonymity.set"), {{QStringLiteral("mode"), QStringLiteral("all")}})), QStringLiteral("ack"));
        QCOMPARE(type(chat(m_ana, QStringLiteral("Is the midterm open book?"), {{QStringLiteral("anonymous"), true}})), QStringLiteral("ack"));
        QCOMPARE(type(chat(m_ana, QStringLiteral("<script>alert('x')</script> & <b>bold</b>"))), QStringLiteral("ack"));
        const QJsonObject typo = chat(m_ana, QStringLiteral("lamprot"));
        const double typoId = typo.value(QLatin1String("id")).toDouble();
        QCOMPARE(type(ws(m_ana, QStringLiteral("chat.edit"), {{QStringLiteral("id"), typoId}, {QStringLiteral("text"), QStringLiteral("lamport")}})),
                 QStringLiteral("ack"));
        const QJsonObject gone = chat(m_ana, QStringLiteral("oops, wrong channel"));
        QCOMPARE(type(ws(m_ana, QStringLiteral("chat.delete"), {{QStringLiteral("id"), gone.value(QLatin1String("id"))}})), QStringLiteral("ack"));
        QCOMPARE(type(chat(m_ana, QStringLiteral("homework question"), {{QStringLiteral("channel"), QStringLiteral("homework")}})),
                 QStringLiteral("ack"));

        // The note: two lines, a named version after the first.
        const auto appendLine = [&](const QString &line) {
            return seqOf(ws(m_prof, QStringLiteral("edit"), {{QStringLiteral("note"), kNote}, {QStringLiteral("action"), QStringLiteral("insert_line")},
                                                            {QStringLiteral("text"), line}}));
        };
        m_namedAt = appendLine(QStringLiteral("# Midterm topics"));
        QVERIFY(m_namedAt > 0);
        m_namedText = http("GET", coursePath(QStringLiteral("/notes/%1").arg(kNote))).json().value(QLatin1String("text")).toString();
        QCOMPARE(type(ws(m_prof, QStringLiteral("note.name"), {{QStringLiteral("note"), kNote}, {QStringLiteral("name"), QStringLiteral("Before midterm/1")}})),
                 QStringLiteral("ack"));
        QVERIFY(appendLine(QStringLiteral("- clocks")) > m_namedAt);
    }

    void exportHoldsEverything()
    {
        const HttpResult r = http("GET", coursePath(QStringLiteral("/export")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/zip"));
        QString error;
        const QHash<QString, QByteArray> files = unzip(r.body, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList names = files.keys();
        names.sort();
        QVERIFY2(names.contains(QStringLiteral("course.json")) && names.contains(QStringLiteral("events.jsonl"))
                     && names.contains(QStringLiteral("notes/class-notes.md")) && names.contains(QStringLiteral("notes/class-notes.versions.json"))
                     && names.contains(QStringLiteral("notes/class-notes@Before midterm_1.md"))
                     && names.contains(QStringLiteral("channels/general.html")) && names.contains(QStringLiteral("channels/homework.html")),
                 qPrintable(names.join(QLatin1Char(' '))));

        // Every event, in order, none missing; no secret hashes.
        const quint64 last = m_server.instance()->hub().log().lastSeq(kCourse);
        const QList<QByteArray> lines = files.value(QStringLiteral("events.jsonl")).trimmed().split('\n');
        QCOMPARE(quint64(lines.size()), last);
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject e = QJsonDocument::fromJson(lines[i]).object();
            QCOMPARE(seqOf(e), quint64(i + 1));
            QVERIFY(!e.value(QLatin1String("kind")).toString().isEmpty());
        }
        QVERIFY(!files.value(QStringLiteral("events.jsonl")).contains("Hash\""));
        QVERIFY(files.value(QStringLiteral("events.jsonl")).contains("lamprot")); // the log keeps what was edited away

        // The note now and at its named version.
        const QString now = http("GET", coursePath(QStringLiteral("/notes/%1").arg(kNote))).json().value(QLatin1String("text")).toString();
        QCOMPARE(QString::fromUtf8(files.value(QStringLiteral("notes/class-notes.md"))), now);
        QCOMPARE(QString::fromUtf8(files.value(QStringLiteral("notes/class-notes@Before midterm_1.md"))), m_namedText);
        const QJsonArray versions = QJsonDocument::fromJson(files.value(QStringLiteral("notes/class-notes.versions.json"))).array();
        QCOMPARE(versions.size(), 1);
        QCOMPARE(versions[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("Before midterm/1"));
        QCOMPARE(quint64(versions[0].toObject().value(QLatin1String("at")).toDouble()), m_namedAt);

        // The transcript: escaped, no script, the reply inside its thread, the anonymous author
        // named for the instructor beside the pseudonym, edits and deletions shown.
        const QString html = QString::fromUtf8(files.value(QStringLiteral("channels/general.html")));
        QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")));
        QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
        QVERIFY(html.contains(QLatin1String("Content-Security-Policy")));
        const qsizetype rootAt = html.indexOf(QLatin1String("How do vector clocks work?"));
        const qsizetype threadAt = html.indexOf(QLatin1String("<section class=\"thread\">"), rootAt);
        const qsizetype replyAt = html.indexOf(QLatin1String("One counter per process."));
        QVERIFY(rootAt > 0 && threadAt > rootAt && replyAt > threadAt);
        QVERIFY(html.contains(QLatin1String("anonymous to students")));
        const qsizetype anonymousAt = html.indexOf(QLatin1String("Is the midterm open book?"));
        QVERIFY(html.lastIndexOf(QLatin1String("ana.lopez"), anonymousAt) > html.lastIndexOf(QLatin1String("<article>"), anonymousAt));
        QVERIFY(html.contains(QLatin1String(">lamport<")) && !html.contains(QLatin1String("lamprot")));
        QVERIFY(html.contains(QLatin1String("deleted by ana.lopez")) && !html.contains(QLatin1String("wrong channel")));
        QVERIFY(QString::fromUtf8(files.value(QStringLiteral("channels/homework.html"))).contains(QLatin1String("homework question")));

        const QJsonObject manifest = QJsonDocument::fromJson(files.value(QStringLiteral("course.json"))).object();
        QCOMPARE(manifest.value(QLatin1String("course")).toString(), kCourse);
        QCOMPARE(manifest.value(QLatin1String("exportedBy")).toString(), QStringLiteral("staff"));
        QCOMPARE(quint64(manifest.value(QLatin1String("seq")).toDouble()), last);
    }

    void archivedCourseStaysSearchableAndExportable()
    {
        const QString archived = coursePath(QStringLiteral("/archived"));
        HttpResult r = http("PUT", archived, kStaffKey, R"({"archived": true})");
        QCOMPARE(r.status, 200);
        QVERIFY(seqOf(r.json()) > 0);
        QCOMPARE(r.json().value(QLatin1String("archived")).toBool(), true);
        QVERIFY(m_server.instance()->hub().course(kCourse)->archived);
        // Again: nothing to change, no event.
        r = http("PUT", archived, kStaffKey, R"({"archived": true})");
        QCOMPARE(r.status, 200);
        QCOMPARE(seqOf(r.json()), quint64(0));

        // Read-only: a post is refused; search and export still work.
        QCOMPARE(code(chat(m_ana, QStringLiteral("after the end"))), QStringLiteral("forbidden"));
        r = http("GET", coursePath(QStringLiteral("/search?q=vector+clocks")), kStaffKey);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json().value(QLatin1String("results")).toArray().isEmpty());
        const QHash<QString, QByteArray> files = exportedZip();
        QVERIFY(!files.isEmpty());
        QCOMPARE(QJsonDocument::fromJson(files.value(QStringLiteral("course.json"))).object().value(QLatin1String("archived")).toBool(), true);

        r = http("PUT", archived, kStaffKey, R"({"archived": false})");
        QCOMPARE(r.status, 200);
        QVERIFY(!m_server.instance()->hub().course(kCourse)->archived);
        QCOMPARE(type(chat(m_ana, QStringLiteral("back again"))), QStringLiteral("ack"));
    }

    void badArchiveRequests()
    {
        const QString archived = coursePath(QStringLiteral("/archived"));
        const quint64 before = m_server.instance()->hub().log().lastSeq(kCourse);
        QCOMPARE(http("PUT", archived, kStaffKey, "{}").status, 400);
        QCOMPARE(http("PUT", archived, kStaffKey, R"({"archived": "yes"})").status, 400);
        const HttpResult extra = http("PUT", archived, kStaffKey, R"({"archived": true, "title": "x"})");
        QCOMPARE(extra.status, 400);
        QVERIFY2(extra.message().contains(QLatin1String("PATCH")), qPrintable(extra.message()));
        QCOMPARE(http("PUT", archived, kStaffKey, "not json").status, 400);
        // An integration key (what a student's is to the rule table) may not.
        QCOMPARE(http("PUT", archived, TestServer::ApiKey, R"({"archived": true})").status, 403);
        QCOMPARE(http("PUT", coursePath(QStringLiteral("/archived"), QStringLiteral("NOPE101")), kAdminKey, R"({"archived": true})").status, 404);
        QCOMPARE(m_server.instance()->hub().log().lastSeq(kCourse), before);
        QVERIFY(!m_server.instance()->hub().course(kCourse)->archived);
    }

    void whoMayExport()
    {
        // Unknown course: 404 (the administrator's key reaches every course id).
        HttpResult r = http("GET", coursePath(QStringLiteral("/export"), QStringLiteral("NOPE101")), kAdminKey);
        QCOMPARE(r.status, 404);
        // The administrator may; an integration key may not (403); a key of another course: 403.
        QVERIFY(!exportedZip(kAdminKey).isEmpty());
        r = http("GET", coursePath(QStringLiteral("/export")), TestServer::ApiKey);
        QCOMPARE(r.status, 403);
        QVERIFY2(r.message().contains(QLatin1String("instructors")), qPrintable(r.message()));
        QCOMPARE(http("GET", coursePath(QStringLiteral("/export"), QStringLiteral("MATH101")), kStaffKey).status, 403);
        QCOMPARE(http("GET", coursePath(QStringLiteral("/export")), QByteArray()).status, 401);

        // Over the WebSocket: a student is refused; the instructor gets a one-use link.
        QCOMPARE(code(ws(m_ana, QStringLiteral("course.export"), {})), QStringLiteral("forbidden"));
        const QJsonObject ack = ws(m_prof, QStringLiteral("course.export"), {});
        QCOMPARE(type(ack), QStringLiteral("ack"));
        const QString url = ack.value(QLatin1String("url")).toString();
        QVERIFY2(url.startsWith(QStringLiteral("/api/v1/courses/%1/export?ticket=").arg(kCourse)), qPrintable(url));
        QVERIFY(ack.value(QLatin1String("expiresAt")).toDouble() > QDateTime::currentMSecsSinceEpoch());
        r = http("GET", url, QByteArray());
        QCOMPARE(r.status, 200);
        QString error;
        QVERIFY(unzip(r.body, &error).contains(QStringLiteral("events.jsonl")));
        // Used once; a ticket for another course's path, or a made-up one: 401.
        QCOMPARE(http("GET", url, QByteArray()).status, 401);
        const QString other = ws(m_prof, QStringLiteral("course.export"), {}).value(QLatin1String("url")).toString();
        QCOMPARE(http("GET", QString(other).replace(kCourse, QStringLiteral("MATH101")), QByteArray()).status, 401);
        QCOMPARE(http("GET", coursePath(QStringLiteral("/export?ticket=abc")), QByteArray()).status, 401);
    }

    void concurrentExportsAreBounded()
    {
        // Two asked for in the same turn of the hub thread: the second is refused at once (one
        // export per course), with a retry hint; nothing is queued without bound.
        Hub &hub = m_server.instance()->hub();
        const Actor prof{QStringLiteral("prof.lee"), Actor::Role::Instructor, QString()};
        std::optional<Result<ExportedCourse>> first, second;
        hub.exportCourse(prof, kCourse, [&](Result<ExportedCourse> r) { first = std::move(r); });
        hub.exportCourse(prof, kCourse, [&](Result<ExportedCourse> r) { second = std::move(r); });
        QVERIFY(second.has_value());
        QVERIFY(!bool(*second));
        QCOMPARE(second->error().code, ErrorCode::RateLimited);
        QVERIFY(second->error().retryAfterMs > 0);
        QCOMPARE(hub.exports().running(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 30000);
        QVERIFY(bool(*first));
        QCOMPARE(hub.exports().running(), 0);

        // Over HTTP, many at once: each is a zip or a 429 with Retry-After, never more building
        // than MaxRunning, and a retry afterwards succeeds.
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 6; ++i)
            replies << send("GET", coursePath(QStringLiteral("/export")), i % 2 ? kAdminKey : kStaffKey);
        int zips = 0;
        int refused = 0;
        int peak = 0;
        QTRY_VERIFY_WITH_TIMEOUT((peak = std::max(peak, hub.exports().running()),
                                  std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); })),
                                 60000);
        for (QNetworkReply *reply : std::as_const(replies)) {
            const HttpResult r = resultOf(reply);
            if (r.status == 200)
                ++zips;
            else if (r.status == 429 && !r.retryAfter.isEmpty())
                ++refused;
            else
                QFAIL(qPrintable(QStringLiteral("unexpected answer %1 %2").arg(r.status).arg(QString::fromUtf8(r.body.left(200)))));
        }
        QVERIFY(zips >= 1);
        QCOMPARE(zips + refused, 6);
        QVERIFY(peak <= CourseExports::MaxRunning);
        QVERIFY(!exportedZip().isEmpty());
    }

    // A zip larger than what the HTTP layer lets wait unsent (256 KiB) is sent from its file in
    // pieces as the client reads: it arrives whole and intact, HEAD gives its size, and the same
    // connection answers the next request after it.
    void aLargeExportIsStreamedWhole()
    {
        // ~600 KB of text that does not compress much, in the note (and in its note.ops events).
        QString big;
        quint32 x = 12345;
        for (int i = 0; i < 10; ++i) {
            QString piece;
            for (int j = 0; j < 60000; ++j) {
                x = x * 1664525u + 1013904223u;
                piece += QChar(u'a' + (x >> 24) % 26);
            }
            const HttpResult r = http("POST", coursePath(QStringLiteral("/notes/%1/edits").arg(kNote)), kStaffKey,
                                      QJsonDocument(QJsonObject{{QStringLiteral("op"), QStringLiteral("append")},
                                                                {QStringLiteral("text"), piece}}).toJson(QJsonDocument::Compact));
            QCOMPARE(r.status, 200);
            big += piece;
        }
        const QString now = http("GET", coursePath(QStringLiteral("/notes/%1").arg(kNote))).json().value(QLatin1String("text")).toString();
        QVERIFY(now.endsWith(big.right(1000)));

        QNetworkRequest head(m_server.httpUrl(coursePath(QStringLiteral("/export"))));
        head.setRawHeader("Authorization", QByteArray("Bearer ") + kStaffKey);
        QNetworkReply *headReply = m_http.head(head);
        QTRY_VERIFY_WITH_TIMEOUT(headReply->isFinished(), 30000);
        QCOMPARE(headReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const qint64 announced = headReply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        headReply->deleteLater();
        QVERIFY2(announced > 512 * 1024, qPrintable(QString::number(announced)));

        const HttpResult r = http("GET", coursePath(QStringLiteral("/export")));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.size() > 512 * 1024);
        QString error;
        const QHash<QString, QByteArray> files = unzip(r.body, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(QString::fromUtf8(files.value(QStringLiteral("notes/class-notes.md"))), now);
        QVERIFY(files.value(QStringLiteral("events.jsonl")).contains(big.right(1000).toUtf8()));
        QCOMPARE(http("GET", coursePath(QStringLiteral("/search?q=vector")), kStaffKey).status, 200);
    }

#ifdef COLLAB_CLI_BIN
    // collab-cli --export-course DIR: the instructor's export unpacked into DIR; a student is
    // refused (exit 4) and a non-empty DIR is a usage error (exit 2) before anything is asked.
    void cliExportsIntoADirectory()
    {
        QTemporaryDir tmp;
        const auto run = [&](const QString &user, const QString &dir, QString *out, QString *err) {
            return runCli(QStringLiteral(COLLAB_CLI_BIN), tmp.filePath(QStringLiteral("tokens.json")),
                          cliJoinArgs(m_server.wsUrl(), kCourse, user, QString::fromLatin1(TestServer::JoinCode))
                              + QStringList{QStringLiteral("--export-course"), dir},
                          out, err);
        };
        QString out, err;
        const QString dir = tmp.filePath(QStringLiteral("cecs327-export"));
        QCOMPARE(run(QStringLiteral("dr.cli"), dir, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("exported to")), qPrintable(out + err));
        QVERIFY(QFile::exists(QDir(dir).filePath(QStringLiteral("course.json"))));
        QVERIFY(QFile::exists(QDir(dir).filePath(QStringLiteral("channels/general.html"))));
        QFile events(QDir(dir).filePath(QStringLiteral("events.jsonl")));
        QVERIFY(events.open(QIODevice::ReadOnly));
        QVERIFY(events.readAll().count('\n') >= 10);
        QVERIFY(!QFile::exists(QDir(dir).filePath(QStringLiteral(".collab-export.zip"))));

        QCOMPARE(run(QStringLiteral("carl.cli"), tmp.filePath(QStringLiteral("student")), &out, &err), 4);
        QVERIFY2(err.contains(QLatin1String("instructors")), qPrintable(err));
        QCOMPARE(run(QStringLiteral("dr.cli"), dir, &out, &err), 2);
        QVERIFY2(err.contains(QLatin1String("not empty")), qPrintable(err));
    }
#endif
};

QTEST_GUILESS_MAIN(TestCourseExport)
#include "tst_course_export.moc"
