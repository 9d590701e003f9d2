// Files and images (issue 15, part 3), through a real server over real sockets: uploads with
// POST /api/v1/courses/{course}/files by members (HTTP Basic with their name's token) and API
// keys, downloads with Range, the content-addressed store (durable, deduplicated per course), the
// type sniffed from the bytes, names refused when hostile, per-course limits and quotas refused
// from the request head, chat messages carrying `files` (WebSocket and REST) with the cards in
// their events, history and search (`has:file`), and the bad inputs of part 6: a 2 GB upload, a
// truncated one, an image bomb (stored, never decoded), unknown ids and ids of another course.
// After each, the server still serves others.

#include "clirun.h"
#include "filerequests.h"
#include "interactiontesthelpers.h"
#include "files/filestore.h"
#include "hub/hub.h"
#include "rawhttpclient.h"
#include "serverinstance.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "testimages.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);
const QString kMath = QStringLiteral("MATH101");
const QString kSmall = QStringLiteral("SMALL1"); // maxFileBytes 1000, quota 2500
const QByteArray kInstructorKey = TestServer::StaffKey;

QJsonObject jsonOf(const RawHttpAnswer &a) { return QJsonDocument::fromJson(a.body).object(); }

} // namespace

class TestFiles : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    WsTestClient m_ana;  // a student of CECS327
    WsTestClient m_kim;  // the instructor of MATH101
    QString m_anaToken;
    QString m_kimToken = QStringLiteral("kim-secret-1");

    // One request on a connection of its own; the answer (status 0: none within 10 s).
    RawHttpAnswer send(const QByteArray &request) { return rawExchange(m_server.port(), request); }
    QByteArray anasAuthorization() const { return basicAuthorization(QStringLiteral("ana.lopez"), m_anaToken); }
    // `auth`'s file requests in `course` (default: ana's, in CECS327).
    FileRequests files(const QString &course = kCourse, const QByteArray &auth = {}) const
    {
        return FileRequests(m_server.port(), course, auth.isEmpty() ? anasAuthorization() : auth);
    }
    RawHttpAnswer upload(const QByteArray &bytes, const QByteArray &name = "notes.txt", const QString &course = kCourse,
                         const QByteArray &auth = {})
    {
        return files(course, auth).upload(bytes, name);
    }
    RawHttpAnswer download(const QString &id, const QByteArray &extraHeaders = {}, const QString &course = kCourse,
                           const QByteArray &auth = {})
    {
        return files(course, auth).download(id, extraHeaders);
    }
    QString uploadedId(const QByteArray &bytes, const QByteArray &name = "notes.txt") { return files().uploadedId(bytes, name); }
    FileStore store() const { return m_server.instance()->hub().files().store(); }
    int fileCount(const QString &course) const { return int(m_server.instance()->hub().projections().files().files(course).size()); }
    bool stillServes()
    {
        const RawHttpAnswer health = send(rawGet("/api/v1/health"));
        const RawHttpAnswer list = download(QStringLiteral("none"));
        return health.status == 200 && list.status == 404;
    }
    QJsonObject chat(WsTestClient &client, const QString &course, const QString &text, const QJsonArray &files)
    {
        return interactiontest::post(client, QStringLiteral("general"), text, {{QStringLiteral("files"), files}}, course);
    }

private Q_SLOTS:
    void initTestCase()
    {
        ServerConfig config = TestServer::testConfig();
        CourseConfig small;
        small.id = kSmall;
        small.title = QStringLiteral("Small files");
        small.joinCode = QStringLiteral("tiny-files-1");
        small.instructors = {QStringLiteral("dr.small")};
        small.instructorSecretHashes.insert(QStringLiteral("dr.small"), secretHash(QStringLiteral("small-secret-1")));
        small.channels = {QStringLiteral("general")};
        config.courses << small;
        config.files.courses.insert(kSmall, {1000, 2500});
        config.apiKeys << TestServer::staffKey({kCourse, kSmall});
        m_server.setConfig(config);
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QVERIFY(m_ana.open(m_server.wsUrl()));
        const QJsonObject joined = m_ana.helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode));
        QVERIFY(!joined.isEmpty());
        m_anaToken = joined.value(QLatin1String("token")).toString();
        QVERIFY(!m_anaToken.isEmpty());
        QVERIFY(m_kim.open(m_server.wsUrl()));
        m_kim.setTokenScope(QStringLiteral("kim"));
        WsTestClient::tokens().insert(QStringLiteral("kim MATH101 dr.kim"), m_kimToken);
        QVERIFY(!m_kim.helloAndJoin(QStringLiteral("dr.kim"), kMath, QStringLiteral("sum-of-parts")).isEmpty());
    }

    // A student uploads; the bytes are stored under their SHA-256 before the 201; the type is
    // sniffed (the client's Content-Type is ignored); any member and the course's API key
    // download the same bytes, an image inline, with nosniff.
    void memberUploadsAndDownloads()
    {
        const QByteArray png = pngHeader(2, 2) + QByteArray(100, 'x');
        const RawHttpAnswer up = send(rawUpload(kCourse, anasAuthorization(), "screenshot.png", png,
                                                    "application/pdf"));
        QCOMPARE(up.status, 201);
        const QJsonObject f = jsonOf(up);
        const QByteArray sha = QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex();
        QCOMPARE(f.value(QLatin1String("sha256")).toString().toLatin1(), sha);
        QCOMPARE(qint64(f.value(QLatin1String("size")).toDouble()), qint64(png.size()));
        QCOMPARE(f.value(QLatin1String("type")).toString(), QStringLiteral("image/png"));
        QCOMPARE(f.value(QLatin1String("name")).toString(), QStringLiteral("screenshot.png"));
        const QString id = f.value(QLatin1String("id")).toString();
        QVERIFY(id.size() >= 20);
        QVERIFY(up.header("Location").endsWith(id.toUtf8()));
        // On disk, whole, under its hash.
        QFile stored(store().pathOf(kCourse, sha));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), png);

        const RawHttpAnswer down = download(id);
        QCOMPARE(down.status, 200);
        QCOMPARE(down.body, png);
        QCOMPARE(down.header("Content-Type"), QByteArray("image/png"));
        QVERIFY(down.header("Content-Disposition").startsWith("inline;"));
        QCOMPARE(down.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(down.header("Accept-Ranges"), QByteArray("bytes"));
        const RawHttpAnswer byKey = download(id, {}, kCourse, QByteArray("Bearer ") + TestServer::ApiKey);
        QCOMPARE(byKey.status, 200);
        QCOMPARE(byKey.body, png);
        // HEAD: the headers and the length, no body.
        RawHttpClient head;
        QVERIFY(head.connectTo(m_server.port()));
        head.socket.write("HEAD /api/v1/courses/CECS327/files/" + id.toUtf8() + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                          + anasAuthorization() + "\r\n\r\n");
        std::optional<RawHttpAnswer> headAnswer;
        QVERIFY(QTest::qWaitFor([&] { return (headAnswer = head.takeHead()).has_value(); }, 5000));
        QCOMPARE(headAnswer->status, 200);
        QCOMPARE(headAnswer->header("Content-Length"), QByteArray::number(png.size()));
    }

    // Members learn of an upload as a file.uploaded event, without who uploaded it.
    void uploadEventHidesTheUploader()
    {
        const int from = m_kim.receivedCount(); // another course: sees nothing
        const int anaFrom = m_ana.receivedCount();
        const QString id = uploadedId("lab results\n", "lab.txt");
        QVERIFY(!id.isEmpty());
        const QJsonObject e = m_ana.waitFor([&](const QJsonObject &o) {
            return o.value(QLatin1String("kind")).toString() == QLatin1String("file.uploaded") && o.value(QLatin1String("data")).toObject().value(QLatin1String("id")).toString() == id;
        }, 5000, anaFrom);
        QVERIFY(!e.isEmpty());
        QVERIFY(!e.value(QLatin1String("data")).toObject().contains(QLatin1String("by")));
        QCOMPARE(e.value(QLatin1String("data")).toObject().value(QLatin1String("name")).toString(), QStringLiteral("lab.txt"));
        for (int i = from; i < m_kim.receivedCount(); ++i)
            QVERIFY(m_kim.received()[i].value(QLatin1String("kind")).toString() != QLatin1String("file.uploaded"));
        // The server keeps who it was (moderation, export).
        QCOMPARE(m_server.instance()->hub().files().file(kCourse, id)->by, QStringLiteral("ana.lopez"));
    }

    // The same bytes twice: two files (names may differ), one copy on disk.
    void sameBytesAreStoredOnce()
    {
        const QByteArray bytes = "the same lecture slides, twice\n";
        const QString a = uploadedId(bytes, "slides.txt");
        const QString b = uploadedId(bytes, "slides (1).txt");
        QVERIFY(!a.isEmpty() && !b.isEmpty() && a != b);
        const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        QCOMPARE(store().list(kCourse).count(sha), 1);
        QCOMPARE(download(b).body, bytes);
    }

    void ranges()
    {
        QByteArray bytes;
        for (int i = 0; i < 1000; ++i)
            bytes += char('a' + i % 26);
        const QString id = uploadedId(bytes, "alphabet.txt");
        const RawHttpAnswer first = download(id, "Range: bytes=0-9\r\n");
        QCOMPARE(first.status, 206);
        QCOMPARE(first.body, bytes.left(10));
        QCOMPARE(first.header("Content-Range"), QByteArray("bytes 0-9/1000"));
        const RawHttpAnswer tail = download(id, "Range: bytes=-5\r\n");
        QCOMPARE(tail.status, 206);
        QCOMPARE(tail.body, bytes.right(5));
        QCOMPARE(tail.header("Content-Range"), QByteArray("bytes 995-999/1000"));
        const RawHttpAnswer open = download(id, "Range: bytes=990-\r\n");
        QCOMPARE(open.status, 206);
        QCOMPARE(open.body, bytes.mid(990));
        const RawHttpAnswer past = download(id, "Range: bytes=990-5000\r\n");
        QCOMPARE(past.status, 206);
        QCOMPARE(past.body, bytes.mid(990));
        const RawHttpAnswer outside = download(id, "Range: bytes=1000-\r\n");
        QCOMPARE(outside.status, 416);
        QCOMPARE(outside.header("Content-Range"), QByteArray("bytes */1000"));
        // Ranges we do not serve (several, another unit, malformed): the whole file, 200.
        for (const QByteArray &ignored : {QByteArray("bytes=0-1,5-6"), QByteArray("lines=1-2"), QByteArray("bytes=abc")}) {
            const RawHttpAnswer whole = download(id, "Range: " + ignored + "\r\n");
            QCOMPARE(whole.status, 200);
            QCOMPARE(whole.body, bytes);
        }
    }

    // Whatever the name or Content-Type says, the type comes from the bytes; only PNG, JPEG, GIF
    // and WEBP are inline, everything else (HTML, SVG, a program) downloads as an attachment.
    void typeIsSniffedAndRiskyFilesAreAttachments()
    {
        struct Case { QByteArray bytes; QByteArray name; QByteArray type; bool inlineImage; };
        const Case cases[] = {
            {"<html><script>alert(1)</script></html>", "page.html", "text/plain; charset=utf-8", false},
            {"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "logo.svg", "text/plain; charset=utf-8", false},
            {QByteArray("\x7f" "ELF\x02\x01\x01\x00", 8) + QByteArray(64, '\0'), "photo.png", "application/octet-stream", false},
            {"%PDF-1.7\n...", "lab.pdf", "application/pdf", false},
            {QByteArray("PK\x03\x04", 4) + QByteArray(30, '\0'), "code.zip", "application/zip", false},
            {QByteArray("\xff\xd8\xff\xe0", 4) + QByteArray(20, '\0'), "me.jpg", "image/jpeg", true},
            {"GIF89a" + QByteArray(20, '\0'), "anim.gif", "image/gif", true},
            {QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16) + QByteArray(8, '\0'), "pic.webp", "image/webp", true},
        };
        for (const Case &c : cases) {
            const RawHttpAnswer up = send(rawUpload(kCourse, anasAuthorization(), c.name, c.bytes, "image/png"));
            QCOMPARE(up.status, 201);
            QCOMPARE(jsonOf(up).value(QLatin1String("type")).toString().toLatin1(), c.type);
            const RawHttpAnswer down = download(jsonOf(up).value(QLatin1String("id")).toString());
            QCOMPARE(down.header("Content-Type"), c.type);
            QCOMPARE(down.header("Content-Disposition").startsWith("inline;"), c.inlineImage);
            QCOMPARE(down.header("X-Content-Type-Options"), QByteArray("nosniff"));
            QVERIFY(down.header("Content-Security-Policy").contains("sandbox"));
        }
    }

    void hostileNamesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("status");
        QTest::newRow("parent path") << QByteArray("../../etc/passwd") << 400;
        QTest::newRow("encoded parent path") << QByteArray("..%2F..%2Fetc%2Fpasswd") << 400;
        QTest::newRow("backslash path") << QByteArray("C:\\Windows\\evil.dll") << 400;
        QTest::newRow("dot dot") << QByteArray("..") << 400;
        QTest::newRow("control character") << QByteArray("a%01b.txt") << 400;
        QTest::newRow("newline") << QByteArray("a%0D%0AX-Injected: 1") << 400;
        QTest::newRow("NUL") << QByteArray("a%00.txt") << 400;
        QTest::newRow("right-to-left override") << QByteArray("invoice%E2%80%AEfdp.exe") << 400;
        QTest::newRow("not UTF-8") << QByteArray("%FF%FE.txt") << 400;
        QTest::newRow("blank") << QByteArray("%20%20") << 400;
        QTest::newRow("300 bytes") << QByteArray(300, 'n') << 413;
    }
    void hostileNamesAreRefused()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, status);
        const int before = fileCount(kCourse);
        const QStringList blobs = [&] { QStringList s; for (const QByteArray &b : store().list(kCourse)) s << QString::fromLatin1(b); return s; }();
        const RawHttpAnswer a = upload("a file with a bad name " + name, name);
        QCOMPARE(a.status, status);
        QVERIFY(!jsonOf(a).value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().isEmpty());
        QCOMPARE(fileCount(kCourse), before); // nothing stored
        QCOMPARE(store().list(kCourse).size(), blobs.size());
        QVERIFY(stillServes());
    }

    // A name in any script is kept, and comes back percent-encoded in filename* (RFC 6266).
    void unicodeNamesAreKept()
    {
        const RawHttpAnswer up = upload("Bonjour\n", "R%C3%A9sum%C3%A9%20%E2%80%94%20semaine%203.txt");
        QCOMPARE(up.status, 201);
        QCOMPARE(jsonOf(up).value(QLatin1String("name")).toString(), QStringLiteral("Résumé — semaine 3.txt"));
        const QByteArray disposition = download(jsonOf(up).value(QLatin1String("id")).toString()).header("Content-Disposition");
        QVERIFY2(disposition.contains("filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%94%20semaine%203.txt"), disposition);
        QVERIFY2(disposition.contains("filename=\"R_sum_ _ semaine 3.txt\""), disposition);
    }

    void whoMayUploadAndDownload()
    {
        const QString id = uploadedId("members only\n");
        // No credentials, a wrong token, a name nobody claimed (which stays unclaimed).
        QCOMPARE(send(rawPost("/api/v1/courses/CECS327/files", "x")).status, 401);
        QCOMPARE(upload("x", "x.txt", kCourse, basicAuthorization(QStringLiteral("ana.lopez"), QStringLiteral("not-the-token-at-all-000"))).status, 401);
        QCOMPARE(upload("x", "x.txt", kCourse, basicAuthorization(QStringLiteral("new.person"), QStringLiteral("a-token-of-my-own-123456"))).status, 401);
        QCOMPARE(download(id, {}, kCourse, basicAuthorization(QStringLiteral("new.person"), QStringLiteral("a-token-of-my-own-123456"))).status, 401);
        WsTestClient newcomer;
        QVERIFY(newcomer.open(m_server.wsUrl()));
        QVERIFY(!newcomer.helloAndJoin(QStringLiteral("new.person"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        // Ana's token is for CECS327: MATH101 does not know her.
        QCOMPARE(download(id, {}, kMath, anasAuthorization()).status, 401);
        // The file is CECS327's: MATH101's instructor cannot fetch it through their course.
        QCOMPARE(download(id, {}, kMath, basicAuthorization(QStringLiteral("dr.kim"), m_kimToken)).status, 404);
        // An API key outside its courses.
        QCOMPARE(download(id, {}, kMath, QByteArray("Bearer ") + TestServer::ApiKey).status, 403);
        QCOMPARE(download(QStringLiteral("f00000000000000000000000000000000")).status, 404);
        QCOMPARE(download(QStringLiteral("..%2F..%2Fcollab.db")).status, 404);
        QVERIFY(stillServes());
    }

    // The course's own limit: a longer body is refused from the head (413) before any of it is
    // read; the quota counts each distinct content once.
    void limitsAndQuota()
    {
        WsTestClient small;
        QVERIFY(small.open(m_server.wsUrl()));
        small.setTokenScope(QStringLiteral("small"));
        WsTestClient::tokens().insert(QStringLiteral("small SMALL1 dr.small"), QStringLiteral("small-secret-1"));
        QVERIFY(!small.helloAndJoin(QStringLiteral("dr.small"), kSmall, QStringLiteral("tiny-files-1")).isEmpty());
        const QByteArray auth = basicAuthorization(QStringLiteral("dr.small"), QStringLiteral("small-secret-1"));
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server.port()));
        client.socket.write("POST /api/v1/courses/SMALL1/files HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth
                            + "\r\nContent-Length: 1001\r\n\r\n"); // no body sent: the head alone is refused
        const QList<RawHttpAnswer> refused = client.read(1, 5000);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().status, 413);
        QCOMPARE(upload(QByteArray(1000, 'a'), "a.txt", kSmall, auth).status, 201);
        QCOMPARE(upload(QByteArray(1000, 'b'), "b.txt", kSmall, auth).status, 201);
        const RawHttpAnswer over = upload(QByteArray(600, 'c'), "c.txt", kSmall, auth);
        QCOMPARE(over.status, 413);
        QVERIFY(jsonOf(over).value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().contains(QLatin1String("quota")));
        QCOMPARE(upload(QByteArray(500, 'c'), "c.txt", kSmall, auth).status, 201); // 2500: exactly full
        QCOMPARE(fileCount(kSmall), 3);
        // CECS327 keeps the default (25 MB): 1 MB is fine there.
        QCOMPARE(upload(QByteArray(1000 * 1000, 'z'), "big.txt").status, 201);
    }

    // Part 6: a declared 2 GB upload is refused from its head, before any of it is buffered.
    void hugeUploadIsRefusedFromTheHead()
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server.port()));
        client.socket.write("POST /api/v1/courses/CECS327/files HTTP/1.1\r\nHost: x\r\nAuthorization: "
                            + anasAuthorization() + "\r\nX-File-Name: huge.bin\r\nContent-Length: 2147483648\r\n\r\n");
        client.socket.write(QByteArray(64 * 1024, 'h'));
        const QList<RawHttpAnswer> answers = client.read(1, 5000);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 413);
        QCOMPARE(answers.first().header("Connection"), QByteArray("close"));
        QVERIFY(client.waitClosed());
        QVERIFY(stillServes());
    }

    // Part 6: the connection ends in the middle of the body: nothing is stored, nothing refers
    // to it, and the next upload works.
    void truncatedUploadStoresNothing()
    {
        const int files = fileCount(kCourse);
        const qsizetype blobs = store().list(kCourse).size();
        const quint64 seq = m_server.instance()->hub().log().lastSeq(kCourse);
        {
            RawHttpClient client;
            QVERIFY(client.connectTo(m_server.port()));
            client.socket.write("POST /api/v1/courses/CECS327/files HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                + anasAuthorization() + "\r\nX-File-Name: half.bin\r\nContent-Length: 500000\r\n\r\n");
            client.socket.write(QByteArray(200000, 't'));
            QVERIFY(QTest::qWaitFor([&] { return client.socket.bytesToWrite() == 0; }, 5000));
            client.socket.disconnectFromHost();
        }
        QVERIFY(stillServes());
        QCOMPARE(fileCount(kCourse), files);
        QCOMPARE(store().list(kCourse).size(), blobs);
        QCOMPARE(m_server.instance()->hub().log().lastSeq(kCourse), seq);
        QVERIFY(!uploadedId("after the cut\n").isEmpty());
    }

    // Part 6: a tiny PNG that declares 100000 × 100000 pixels (40 GB decoded) is stored as a
    // file like any other; the server only reads its first bytes (it has no image decoder: it
    // does not link QtGui) and serves it back as it came.
    void imageBombIsStoredNotDecoded()
    {
        const QByteArray bomb = pngHeader(100000, 100000);
        const RawHttpAnswer up = upload(bomb, "bomb.png");
        QCOMPARE(up.status, 201);
        QCOMPARE(jsonOf(up).value(QLatin1String("type")).toString(), QStringLiteral("image/png"));
        QCOMPARE(download(jsonOf(up).value(QLatin1String("id")).toString()).body, bomb);
        QVERIFY(stillServes());
    }

    // Messages carry files: WebSocket and REST; their events, history and search show the
    // cards; unknown ids, ids of another course and too many are refused, storing nothing.
    void messagesCarryFiles()
    {
        const QString pdf = jsonOf(upload("%PDF-1.4 lab one", "lab1.pdf")).value(QLatin1String("id")).toString();
        const QString png = jsonOf(upload(pngHeader(8, 8), "error.png")).value(QLatin1String("id")).toString();
        QVERIFY(!pdf.isEmpty() && !png.isEmpty());
        const int from = m_ana.receivedCount();
        const QJsonObject ack = chat(m_ana, kCourse, QStringLiteral("here is my lab, with a screenshot"), {pdf, png});
        QCOMPARE(ack.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        const quint64 id = quint64(ack.value(QLatin1String("id")).toDouble());
        const QJsonObject posted = m_ana.waitFor([&](const QJsonObject &o) {
            return o.value(QLatin1String("kind")).toString() == QLatin1String("chat.posted") && quint64(o.value(QLatin1String("seq")).toDouble()) == id;
        }, 5000, from);
        const QJsonArray cards = posted.value(QLatin1String("data")).toObject().value(QLatin1String("files")).toArray();
        QVERIFY2(cards.size() == 2, QJsonDocument(posted).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(cards[0].toObject().value(QLatin1String("id")).toString(), pdf);
        QCOMPARE(cards[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("lab1.pdf"));
        QCOMPARE(cards[0].toObject().value(QLatin1String("type")).toString(), QStringLiteral("application/pdf"));
        QCOMPARE(qint64(cards[0].toObject().value(QLatin1String("size")).toDouble()), qint64(16));
        QCOMPARE(cards[1].toObject().value(QLatin1String("type")).toString(), QStringLiteral("image/png"));
        QVERIFY(!cards[0].toObject().contains(QLatin1String("by")));
        // Only files: no text needed.
        QCOMPARE(chat(m_ana, kCourse, QString(), {png}).value(QLatin1String("type")).toString(), QStringLiteral("ack"));

        // REST, as an integration.
        const QByteArray body = QJsonDocument(QJsonObject{{QLatin1String("text"), QLatin1String("grading rubric attached")}, {QLatin1String("files"), QJsonArray{pdf}}}).toJson();
        const RawHttpAnswer post = send("POST /api/v1/courses/CECS327/channels/general/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                        + QByteArray(TestServer::ApiKey) + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(post.status, 201);
        QCOMPARE(jsonOf(post).value(QLatin1String("message")).toObject().value(QLatin1String("files")).toArray().first().toObject().value(QLatin1String("id")).toString(), pdf);

        // History pages and the REST message list carry them.
        const RawHttpAnswer list = send(rawGet("/api/v1/courses/CECS327/channels/general/messages?limit=5",
                                               "Authorization: Bearer " + QByteArray(TestServer::ApiKey) + "\r\n"));
        bool found = false;
        for (const QJsonValue &m : jsonOf(list).value(QLatin1String("messages")).toArray())
            found = found || (quint64(m.toObject().value(QLatin1String("id")).toDouble()) == id && m.toObject().value(QLatin1String("files")).toArray().size() == 2);
        QVERIFY(found);

        // has:file finds the messages with files and only them.
        const RawHttpAnswer search = send(rawGet("/api/v1/courses/CECS327/search?q=has:file",
                                                 "Authorization: Bearer " + QByteArray(TestServer::ApiKey) + "\r\n"));
        QCOMPARE(search.status, 200);
        const QJsonArray results = jsonOf(search).value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 3);
        for (const QJsonValue &r : results)
            QVERIFY(r.toObject().value(QLatin1String("hasFile")).toBool());
        const RawHttpAnswer words = send(rawGet("/api/v1/courses/CECS327/search?q=lab+has:file",
                                                "Authorization: Bearer " + QByteArray(TestServer::ApiKey) + "\r\n"));
        QCOMPARE(jsonOf(words).value(QLatin1String("results")).toArray().size(), 1);

        // Bad ids: nothing is posted.
        const quint64 seq = m_server.instance()->hub().log().lastSeq(kCourse);
        const QString mathFile = jsonOf(upload("algebra\n", "algebra.txt", kMath, basicAuthorization(QStringLiteral("dr.kim"), m_kimToken))).value(QLatin1String("id")).toString();
        QVERIFY(!mathFile.isEmpty());
        const QJsonObject unknown = chat(m_ana, kCourse, QStringLiteral("x"), {QStringLiteral("f0123456789abcdef0123456789abcdef")});
        QCOMPARE(unknown.value(QLatin1String("code")).toString(), QStringLiteral("not_found"));
        const QJsonObject otherCourse = chat(m_ana, kCourse, QStringLiteral("x"), {mathFile});
        QCOMPARE(otherCourse.value(QLatin1String("code")).toString(), QStringLiteral("not_found"));
        const QJsonObject hostile = chat(m_ana, kCourse, QStringLiteral("x"), {QStringLiteral("../../etc/passwd")});
        QCOMPARE(hostile.value(QLatin1String("code")).toString(), QStringLiteral("invalid_value"));
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(pdf);
        QCOMPARE(chat(m_ana, kCourse, QStringLiteral("x"), eleven).value(QLatin1String("code")).toString(), QStringLiteral("invalid_value"));
        QCOMPARE(chat(m_ana, kCourse, QStringLiteral("x"), {pdf, pdf}).value(QLatin1String("code")).toString(), QStringLiteral("invalid_value"));
        const QByteArray badBody = QJsonDocument(QJsonObject{{QLatin1String("text"), QLatin1String("x")}, {QLatin1String("files"), QJsonArray{mathFile}}}).toJson();
        const RawHttpAnswer badPost = send("POST /api/v1/courses/CECS327/channels/general/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                           + QByteArray(TestServer::ApiKey) + "\r\nContent-Length: " + QByteArray::number(badBody.size()) + "\r\n\r\n" + badBody);
        QCOMPARE(badPost.status, 404);
        QCOMPARE(m_server.instance()->hub().log().lastSeq(kCourse), seq);
        QVERIFY(stillServes());
    }

    // An archived course is read-only: no uploads, downloads still work.
    void archivedCourseRefusesUploads()
    {
        const QString id = uploadedId("before the end of term\n");
        const QByteArray body = R"({"archived":true})";
        const RawHttpAnswer archived = send("PATCH /api/v1/courses/SMALL1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kInstructorKey
                                            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(archived.status, 200);
        const QByteArray auth = basicAuthorization(QStringLiteral("dr.small"), QStringLiteral("small-secret-1"));
        const RawHttpAnswer refused = upload("after\n", "late.txt", kSmall, auth);
        QCOMPARE(refused.status, 403);
        QVERIFY(jsonOf(refused).value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().contains(QLatin1String("archived")));
        const QString small = m_server.instance()->hub().projections().files().files(kSmall).first().id;
        QCOMPARE(download(small, {}, kSmall, auth).status, 200);
        QCOMPARE(download(id).status, 200);
    }

#ifdef COLLAB_CLI_BIN
    // collab-cli --chat TEXT --attach FILE: uploads with the name's course token, then posts; a
    // refused file exits 4 with the server's reason and posts nothing; --attach needs --chat.
    void cliAttach()
    {
        QTemporaryDir dir;
        const auto run = [&](const QStringList &action, QString *out, QString *err) {
            return runCli(QStringLiteral(COLLAB_CLI_BIN), dir.filePath(QStringLiteral("tokens.json")),
                          cliJoinArgs(m_server.wsUrl(), kCourse, QStringLiteral("carl.cli"), QString::fromLatin1(TestServer::JoinCode))
                              + QStringList{QStringLiteral("--channel"), QStringLiteral("homework")} + action,
                          out, err);
        };
        const QByteArray notes = "# Lab 3\nRun make test.\n";
        const QString notesPath = dir.filePath(QStringLiteral("lab3.md"));
        QFile f(notesPath);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(notes) == notes.size());
        f.close();
        const QString pdfPath = dir.filePath(QStringLiteral("lab3.pdf"));
        QFile g(pdfPath);
        QVERIFY(g.open(QIODevice::WriteOnly) && g.write("%PDF-1.5 three") > 0);
        g.close();

        QString out, err;
        QCOMPARE(run({QStringLiteral("--chat"), QStringLiteral("lab 3 files"), QStringLiteral("--attach"), notesPath,
                      QStringLiteral("--attach"), pdfPath}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("[file ")) && out.contains(QLatin1String("lab3.pdf")), qPrintable(out + err));
        QVERIFY2(err.contains(QLatin1String("attached lab3.pdf")) && err.contains(QLatin1String("application/pdf")), qPrintable(err));
        const QList<ChatMessage> page = m_server.instance()->hub().projections().messages().messagesBefore(kCourse, QStringLiteral("homework"), 0, 1);
        QCOMPARE(page.size(), 1);
        QCOMPARE(page.first().text, QStringLiteral("lab 3 files"));
        QCOMPARE(page.first().files.size(), 2);
        QCOMPARE(page.first().files[0].name, QStringLiteral("lab3.md"));
        QCOMPARE(page.first().files[0].type, QStringLiteral("text/plain; charset=utf-8"));
        const std::optional<FileRecord> stored = m_server.instance()->hub().files().file(kCourse, page.first().files[0].id);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->by, QStringLiteral("carl.cli"));

        // A file name the server refuses: exit 4, the reason, nothing posted.
        const QString hostile = dir.filePath(QStringLiteral("invoice\u202Efdp.exe"));
        QFile h(hostile);
        QVERIFY(h.open(QIODevice::WriteOnly) && h.write("MZ") == 2);
        h.close();
        const quint64 seq = m_server.instance()->hub().log().lastSeq(kCourse);
        QCOMPARE(run({QStringLiteral("--chat"), QStringLiteral("pay this"), QStringLiteral("--attach"), hostile}, &out, &err), 4);
        QVERIFY2(err.contains(QLatin1String("control or format characters")), qPrintable(err));
        QCOMPARE(m_server.instance()->hub().projections().messages().messagesBefore(kCourse, QStringLiteral("homework"), 0, 1).first().text,
                 QStringLiteral("lab 3 files"));
        QVERIFY(m_server.instance()->hub().log().lastSeq(kCourse) <= seq + 1); // at most carl's member.joined, never a message

        // --attach without --chat, and a file that does not exist: usage errors, nothing sent.
        QCOMPARE(run({QStringLiteral("--attach"), notesPath, QStringLiteral("--history"), QStringLiteral("1")}, &out, &err), 2);
        QVERIFY2(err.contains(QLatin1String("--attach goes with --chat")), qPrintable(err));
        QCOMPARE(run({QStringLiteral("--chat"), QStringLiteral("x"), QStringLiteral("--attach"), dir.filePath(QStringLiteral("missing.pdf"))}, &out, &err), 2);
        QVERIFY2(err.contains(QLatin1String("cannot read the file")), qPrintable(err));
    }
#endif

    // limits.fileUploadsPerMinute / fileUploadBurst: per member and course; past them 429 with
    // Retry-After, nothing stored; others upload on.
    void uploadsAreRateLimitedPerMember()
    {
        TestServer server;
        LimitsConfig limits = TestServer::unlimited();
        limits.fileUploadsPerMinute = 1;
        limits.fileUploadBurst = 3;
        server.setLimits(limits);
        QVERIFY2(server.start(), qPrintable(server.error()));
        const auto token = [&](const QString &user) {
            WsTestClient c;
            c.open(server.wsUrl());
            return c.helloAndJoin(user, kCourse, QString::fromLatin1(TestServer::JoinCode)).value(QLatin1String("token")).toString();
        };
        const QByteArray ana = basicAuthorization(QStringLiteral("ana.lopez"), token(QStringLiteral("ana.lopez")));
        const QByteArray ben = basicAuthorization(QStringLiteral("ben.ortiz"), token(QStringLiteral("ben.ortiz")));
        const auto post = [&](const QByteArray &auth, int i) {
            return rawExchange(server.port(), rawUpload(kCourse, auth, "n.txt", "note " + QByteArray::number(i)));
        };
        for (int i = 0; i < 3; ++i)
            QCOMPARE(post(ana, i).status, 201);
        const RawHttpAnswer limited = post(ana, 3);
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.header("Retry-After").toInt() >= 1);
        QCOMPARE(server.instance()->hub().projections().files().files(kCourse).size(), 3);
        QCOMPARE(post(ben, 0).status, 201);
    }

    // The files and their store survive a restart.
    void survivesARestart()
    {
        const QByteArray bytes = "kept across a restart\n";
        const QString id = uploadedId(bytes, "kept.txt");
        m_ana.close();
        m_kim.close();
        m_server.stop();
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QCOMPARE(download(id).body, bytes);
    }
};

QTEST_MAIN(TestFiles)
#include "tst_files.moc"
