// A shared note's history (issue 15, part 2), through a real server over real sockets: the
// WebSocket note.history / note.at / note.diff / note.authors / note.name / note.restore and the
// REST routes (GET .../notes/{note}/history, ?at=, /diff, /authors, POST /versions, /restore).
// The text at every version is what it was; named versions are for moderators only; a restore is
// a new edit by the restorer that leaves every older version readable and the untouched lines
// with their authors; checkpoints are used (and survive a restart); bad points and names get clear
// errors and store nothing; a locked note refuses a restore.

#include "clirun.h"
#include "jsonhttp.h"
#include "hub/hub.h"
#include "serverinstance.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);
const QString kNote = QStringLiteral("class-notes");
const QString kLab = QStringLiteral("lab-notes");
const QByteArray kStaffKey = TestServer::StaffKey; // an instructor's API key

QString type(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
QString code(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }
quint64 seqOf(const QJsonObject &o, const char *key = "seq") { return quint64(o.value(QLatin1String(key)).toDouble()); }

} // namespace

class TestNoteHistory : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_http;
    WsTestClient m_ana;  // a student
    WsTestClient m_prof; // the instructor
    QList<QPair<quint64, QString>> m_versions; // seq → the text right after it, in order

    using HttpResult = JsonHttpResult;

    HttpResult http(const QByteArray &verb, const QString &path, const QJsonObject &body = {}, const QByteArray &key = TestServer::ApiKey)
    {
        return jsonHttp(m_http, m_server.httpUrl(path), verb, QJsonDocument(body).toJson(QJsonDocument::Compact), key);
    }
    static QString message(const HttpResult &r) { return r.errorMessage(); }
    QString notePath(const QString &note, const QString &rest = {}) const
    {
        return QStringLiteral("/api/v1/courses/%1/notes/%2%3").arg(kCourse, note, rest);
    }

    QJsonObject ws(WsTestClient &client, const QString &messageType, QJsonObject fields, const QString &note = kNote)
    {
        fields.insert(QStringLiteral("type"), messageType);
        fields.insert(QStringLiteral("course"), kCourse);
        fields.insert(QStringLiteral("note"), note);
        return client.request(fields);
    }

    // A line appended by `client`'s user (a server-authored edit made for them); the version.
    quint64 appendLine(WsTestClient &client, const QString &line, const QString &note = kNote)
    {
        const QJsonObject ack = ws(client, QStringLiteral("edit"), {{QStringLiteral("action"), QStringLiteral("insert_line")},
                                                                    {QStringLiteral("text"), line}}, note);
        if (type(ack) != QLatin1String("ack"))
            qWarning() << ack;
        return seqOf(ack);
    }
    QString currentText(const QString &note = kNote)
    {
        return http("GET", notePath(note)).json.value(QLatin1String("text")).toString();
    }
    QString wsTextAt(quint64 at, const QString &note = kNote)
    {
        const QJsonObject r = ws(m_ana, QStringLiteral("note.at"), {{QStringLiteral("at"), double(at)}}, note);
        return type(r) == QLatin1String("ack") ? r.value(QLatin1String("text")).toString() : QStringLiteral("<%1>").arg(code(r));
    }
    // Who wrote each line of the text at `at` (0: now), by the authorship spans.
    QStringList lineAuthors(quint64 at)
    {
        QJsonObject fields;
        if (at)
            fields.insert(QStringLiteral("at"), double(at));
        const QJsonObject r = ws(m_ana, QStringLiteral("note.authors"), fields);
        const QString text = at ? wsTextAt(at) : currentText();
        QVector<QString> unitAuthor(text.size());
        for (const QJsonValue &v : r.value(QLatin1String("spans")).toArray()) {
            const QJsonObject s = v.toObject();
            for (int i = 0; i < s.value(QLatin1String("length")).toInt(); ++i)
                unitAuthor[s.value(QLatin1String("start")).toInt() + i] = s.value(QLatin1String("user")).toString();
        }
        QStringList out;
        int start = 0;
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            if (!line.isEmpty())
                out << unitAuthor.value(start);
            start += int(line.size()) + 1;
        }
        return out;
    }
    QJsonArray named()
    {
        return ws(m_ana, QStringLiteral("note.history"), {}).value(QLatin1String("named")).toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ServerConfig config = TestServer::testConfig();
        config.courses[0].notes << kLab;
        config.courses[0].instructors << QStringLiteral("dr.cli"); // collab-cli's instructor (demo: no secret)
        config.apiKeys << TestServer::staffKey();
        m_server.setConfig(config);
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QVERIFY(m_ana.open(m_server.wsUrl()));
        QVERIFY(!m_ana.helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        QVERIFY(m_prof.open(m_server.wsUrl()));
        QVERIFY(!m_prof.helloAndJoin(QStringLiteral("prof.lee"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());

        // Three versions by two authors, and a chat message between them (a seq of the course
        // that is no version of the note).
        const QStringList lines{QStringLiteral("# Week 3: clocks"), QStringLiteral("Lamport clocks order events."),
                                QStringLiteral("Vector clocks detect concurrency.")};
        WsTestClient *authors[] = {&m_ana, &m_prof, &m_ana};
        for (int i = 0; i < lines.size(); ++i) {
            const quint64 seq = appendLine(*authors[i], lines[i]);
            QVERIFY(seq > 0);
            m_versions.append({seq, currentText()});
            if (i == 0) {
                const QJsonObject chat = m_ana.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                                        {QStringLiteral("channel"), QStringLiteral("general")},
                                                        {QStringLiteral("text"), QStringLiteral("not a note")},
                                                        {QStringLiteral("clientMsgId"), QStringLiteral("c1")}});
                QCOMPARE(type(chat), QStringLiteral("ack"));
            }
        }
        QVERIFY(m_versions[2].second.contains(QLatin1String("Vector clocks")));
    }

    void versionsNewestFirstWithAuthors()
    {
        const QJsonObject h = ws(m_ana, QStringLiteral("note.history"), {});
        QCOMPARE(type(h), QStringLiteral("ack"));
        const QJsonArray versions = h.value(QLatin1String("versions")).toArray();
        QCOMPARE(versions.size(), 3);
        QCOMPARE(seqOf(versions[0].toObject()), m_versions[2].first);
        QCOMPARE(seqOf(versions[2].toObject()), m_versions[0].first);
        QCOMPARE(versions[1].toObject().value(QLatin1String("authors")).toArray(), QJsonArray{QStringLiteral("prof.lee")});
        QCOMPARE(versions[0].toObject().value(QLatin1String("authors")).toArray(), QJsonArray{QStringLiteral("ana.lopez")});
        QVERIFY(versions[0].toObject().value(QLatin1String("time")).toDouble() > 0);
        QCOMPARE(h.value(QLatin1String("more")).toBool(), false);

        // Pages: REST, one at a time, older with before=.
        HttpResult page = http("GET", notePath(kNote, QStringLiteral("/history?limit=2")));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json.value(QLatin1String("versions")).toArray().size(), 2);
        QCOMPARE(page.json.value(QLatin1String("more")).toBool(), true);
        const quint64 oldestShown = seqOf(page.json.value(QLatin1String("versions")).toArray().last().toObject());
        page = http("GET", notePath(kNote, QStringLiteral("/history?limit=2&before=%1").arg(oldestShown)));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json.value(QLatin1String("versions")).toArray().size(), 1);
        QCOMPARE(seqOf(page.json.value(QLatin1String("versions")).toArray().first().toObject()), m_versions[0].first);
        QCOMPARE(page.json.value(QLatin1String("more")).toBool(), false);
    }

    void textAtEveryVersion()
    {
        for (const auto &[seq, text] : std::as_const(m_versions)) {
            QCOMPARE(wsTextAt(seq), text);
            const HttpResult r = http("GET", notePath(kNote, QStringLiteral("?at=%1").arg(seq)));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json.value(QLatin1String("text")).toString(), text);
            QCOMPARE(seqOf(r.json, "at"), seq);
        }
        // By time: the last version at or before it.
        const QJsonArray versions = ws(m_ana, QStringLiteral("note.history"), {}).value(QLatin1String("versions")).toArray();
        const double secondTime = versions[1].toObject().value(QLatin1String("time")).toDouble();
        const QJsonObject byTime = ws(m_ana, QStringLiteral("note.at"), {{QStringLiteral("time"), secondTime}});
        QVERIFY(seqOf(byTime, "at") >= m_versions[1].first);
        const QJsonObject before = ws(m_ana, QStringLiteral("note.at"), {{QStringLiteral("time"), 1000.0}});
        QCOMPARE(code(before), QStringLiteral("not_found"));
    }

    void diffBetweenTwoPoints()
    {
        const QJsonObject d = ws(m_ana, QStringLiteral("note.diff"), {{QStringLiteral("from"), double(m_versions[0].first)}});
        QCOMPARE(type(d), QStringLiteral("ack"));
        const QJsonArray hunks = d.value(QLatin1String("hunks")).toArray();
        QCOMPARE(hunks.size(), 1);
        // The first line gained its line break, two lines came after it.
        const QJsonObject h = hunks[0].toObject();
        QCOMPARE(h.value(QLatin1String("fromLine")).toInt(), 1);
        QCOMPARE(h.value(QLatin1String("removed")).toArray(), QJsonArray{QStringLiteral("# Week 3: clocks")});
        QCOMPARE(h.value(QLatin1String("added")).toArray().size(), 3);
        QVERIFY(h.value(QLatin1String("added")).toArray()[1].toString().startsWith(QLatin1String("Lamport")));
        const HttpResult r = http("GET", notePath(kNote, QStringLiteral("/diff?from=%1&to=%2").arg(m_versions[2].first).arg(m_versions[1].first)));
        QCOMPARE(r.status, 200);
        const QJsonObject back = r.json.value(QLatin1String("hunks")).toArray()[0].toObject();
        // Back: line 2 loses its line break and line 3 goes.
        QCOMPARE(back.value(QLatin1String("fromLine")).toInt(), 2);
        QCOMPARE(back.value(QLatin1String("removed")).toArray().size(), 2);
        QVERIFY(back.value(QLatin1String("removed")).toArray()[1].toString().startsWith(QLatin1String("Vector")));
        QCOMPARE(back.value(QLatin1String("added")).toArray(), QJsonArray{QStringLiteral("Lamport clocks order events.")});
    }

    void authorsOfTheText()
    {
        QCOMPARE(lineAuthors(m_versions[2].first),
                 (QStringList{QStringLiteral("ana.lopez"), QStringLiteral("prof.lee"), QStringLiteral("ana.lopez")}));
        QCOMPARE(lineAuthors(m_versions[0].first), QStringList{QStringLiteral("ana.lopez")});
        const HttpResult r = http("GET", notePath(kNote, QStringLiteral("/authors?at=%1").arg(m_versions[1].first)));
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json.value(QLatin1String("spans")).toArray().isEmpty());
    }

    void onlyModeratorsNameVersions()
    {
        // A student, and an API key without a role: refused, nothing stored.
        const QJsonObject student = ws(m_ana, QStringLiteral("note.name"), {{QStringLiteral("name"), QStringLiteral("mine")}});
        QCOMPARE(code(student), QStringLiteral("forbidden"));
        HttpResult integration = http("POST", notePath(kNote, QStringLiteral("/versions")), {{QStringLiteral("name"), QStringLiteral("lms")}});
        QCOMPARE(integration.status, 403);
        QCOMPARE(named().size(), 0);

        // The instructor names the second version; the staff key names the latest.
        const QJsonObject ok = ws(m_prof, QStringLiteral("note.name"), {{QStringLiteral("name"), QStringLiteral("Before midterm")},
                                                                       {QStringLiteral("at"), double(m_versions[1].first)}});
        QCOMPARE(type(ok), QStringLiteral("ack"));
        QCOMPARE(seqOf(ok, "at"), m_versions[1].first);
        const HttpResult staff = http("POST", notePath(kNote, QStringLiteral("/versions")), {{QStringLiteral("name"), QStringLiteral("Week 3 final")}},
                                      kStaffKey);
        QCOMPARE(staff.status, 201);
        QCOMPARE(seqOf(staff.json, "at"), m_versions[2].first);

        const QJsonArray names = named();
        QCOMPARE(names.size(), 2);
        QCOMPARE(names[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("Before midterm"));
        QCOMPARE(names[0].toObject().value(QLatin1String("by")).toString(), QStringLiteral("prof.lee"));
        const QJsonArray versions = ws(m_ana, QStringLiteral("note.history"), {}).value(QLatin1String("versions")).toArray();
        QCOMPARE(versions[1].toObject().value(QLatin1String("names")).toArray(), QJsonArray{QStringLiteral("Before midterm")});

        // The text at a named version, by its name (WebSocket and REST).
        const QJsonObject byName = ws(m_ana, QStringLiteral("note.at"), {{QStringLiteral("version"), QStringLiteral("Before midterm")}});
        QCOMPARE(byName.value(QLatin1String("text")).toString(), m_versions[1].second);
        const HttpResult restByName = http("GET", notePath(kNote, QStringLiteral("?version=Before%20midterm")));
        QCOMPARE(restByName.json.value(QLatin1String("text")).toString(), m_versions[1].second);
    }

    void badNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("taken") << QStringLiteral("Before midterm") << QStringLiteral("conflict");
        QTest::newRow("too long") << QString(81, QLatin1Char('x')) << QStringLiteral("too_large");
        QTest::newRow("over 200 bytes") << QString(70, QChar(0x4e2d)) << QStringLiteral("too_large");
        QTest::newRow("control") << QStringLiteral("bell\u0007") << QStringLiteral("invalid_value");
        QTest::newRow("line break") << QStringLiteral("two\nlines") << QStringLiteral("invalid_value");
        QTest::newRow("bidi override") << QStringLiteral("\u202eevil") << QStringLiteral("invalid_value");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("invalid_value");
    }

    void badNamesAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QJsonObject r = ws(m_prof, QStringLiteral("note.name"), {{QStringLiteral("name"), name}});
        QCOMPARE(type(r), QStringLiteral("error"));
        QCOMPARE(code(r), expected);
        const HttpResult rest = http("POST", notePath(kNote, QStringLiteral("/versions")), {{QStringLiteral("name"), name}}, kStaffKey);
        QVERIFY2(rest.status == 400 || rest.status == 409 || rest.status == 413, qPrintable(QString::number(rest.status)));
        QCOMPARE(named().size(), 2);
    }

    void badPointsGetClearErrors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        QTest::newRow("future") << QStringLiteral("?at=999999") << 400 << QStringLiteral("future");
        QTest::newRow("negative") << QStringLiteral("?at=-1") << 400 << QStringLiteral("whole number");
        QTest::newRow("not a number") << QStringLiteral("?at=abc") << 400 << QStringLiteral("whole number");
        QTest::newRow("huge") << QStringLiteral("?at=99999999999999999999999") << 400 << QStringLiteral("whole number");
        QTest::newRow("zero") << QStringLiteral("?at=0") << 400 << QStringLiteral("whole number");
        QTest::newRow("two points") << QStringLiteral("?at=1&version=x") << 400 << QStringLiteral("one of");
        QTest::newRow("bad time") << QStringLiteral("?time=yesterday") << 400 << QStringLiteral("ISO 8601");
        QTest::newRow("unknown name") << QStringLiteral("?version=nope") << 404 << QStringLiteral("no version named");
    }

    void badPointsGetClearErrors()
    {
        QFETCH(QString, query);
        QFETCH(int, status);
        QFETCH(QString, says);
        const HttpResult r = http("GET", notePath(kNote, query));
        QCOMPARE(r.status, status);
        QVERIFY2(message(r).contains(says),
                 QJsonDocument(r.json).toJson(QJsonDocument::Compact).constData());
    }

    void pointsOfOtherThingsAndUnknownNotes()
    {
        // The chat message's seq is the course's but no version of this note.
        const quint64 chatSeq = m_versions[0].first + 1;
        QCOMPARE(wsTextAt(chatSeq), QStringLiteral("<not_found>"));
        HttpResult r = http("GET", notePath(kNote, QStringLiteral("?at=%1").arg(chatSeq)));
        QCOMPARE(r.status, 404);
        QVERIFY(message(r).contains(QLatin1String("not a version")));
        // A version of another note is not one of this note.
        QCOMPARE(wsTextAt(m_versions[0].first, kLab), QStringLiteral("<not_found>"));
        r = http("GET", notePath(QStringLiteral("no-such-note"), QStringLiteral("/history")));
        QCOMPARE(r.status, 404);
        r = http("GET", notePath(QStringLiteral("no-such-note"), QStringLiteral("?at=1")));
        QCOMPARE(r.status, 404);
        QCOMPARE(code(ws(m_ana, QStringLiteral("note.at"), {})), QStringLiteral("invalid_value"));
        QCOMPARE(code(ws(m_ana, QStringLiteral("note.history"), {}, QStringLiteral("nope"))), QStringLiteral("unknown_note"));
        // Another course's notes stay out of reach (not joined; the key is not for it).
        const QJsonObject other = m_ana.request({{QStringLiteral("type"), QStringLiteral("note.history")},
                                                 {QStringLiteral("course"), QStringLiteral("MATH101")},
                                                 {QStringLiteral("note"), kNote}});
        QCOMPARE(type(other), QStringLiteral("error"));
        QCOMPARE(http("GET", QStringLiteral("/api/v1/courses/MATH101/notes/%1/history").arg(kNote)).status, 403);
        // The server keeps serving.
        QCOMPARE(wsTextAt(m_versions[0].first), m_versions[0].second);
    }

    void restoreIsANewEditByTheRestorer()
    {
        const QString v3 = m_versions[2].second;
        // Someone deletes the middle line by accident (as lms, through REST).
        const int start = int(v3.indexOf(QLatin1String("Lamport")));
        const int length = int(v3.indexOf(QLatin1Char('\n'), start)) - start + 1;
        HttpResult wipe = http("POST", notePath(kNote, QStringLiteral("/edits")),
                               {{QStringLiteral("op"), QStringLiteral("delete")}, {QStringLiteral("position"), start}, {QStringLiteral("length"), length}});
        QCOMPARE(wipe.status, 200);
        const quint64 wiped = seqOf(wipe.json);
        QVERIFY(!currentText().contains(QLatin1String("Lamport")));

        // A student may not restore: nothing changes.
        QCOMPARE(code(ws(m_ana, QStringLiteral("note.restore"), {{QStringLiteral("at"), double(m_versions[2].first)}})), QStringLiteral("forbidden"));
        QCOMPARE(http("POST", notePath(kNote, QStringLiteral("/restore")), {{QStringLiteral("at"), double(m_versions[2].first)}}).status, 403);
        QVERIFY(!currentText().contains(QLatin1String("Lamport")));

        const QJsonObject restored = ws(m_prof, QStringLiteral("note.restore"), {{QStringLiteral("at"), double(m_versions[2].first)}});
        QCOMPARE(type(restored), QStringLiteral("ack"));
        const quint64 restoreSeq = seqOf(restored);
        QVERIFY(restoreSeq > wiped);
        QCOMPARE(currentText(), v3);

        // A new version by the restorer; every older one reads as before.
        const QJsonObject newest = ws(m_ana, QStringLiteral("note.history"), {}).value(QLatin1String("versions")).toArray()[0].toObject();
        QCOMPARE(seqOf(newest), restoreSeq);
        QCOMPARE(newest.value(QLatin1String("authors")).toArray(), QJsonArray{QStringLiteral("prof.lee")});
        QCOMPARE(seqOf(newest, "restored"), m_versions[2].first);
        for (const auto &[seq, text] : std::as_const(m_versions))
            QCOMPARE(wsTextAt(seq), text);
        QVERIFY(!wsTextAt(wiped).contains(QLatin1String("Lamport")));
        // Only the lost line was written again: the others keep their authors.
        QCOMPARE(lineAuthors(0), (QStringList{QStringLiteral("ana.lopez"), QStringLiteral("prof.lee"), QStringLiteral("ana.lopez")}));

        // Restoring by name over REST (the staff key): back to the second version.
        const HttpResult byName = http("POST", notePath(kNote, QStringLiteral("/restore")), {{QStringLiteral("version"), QStringLiteral("Before midterm")}},
                                       kStaffKey);
        QCOMPARE(byName.status, 200);
        QCOMPARE(currentText(), m_versions[1].second);
        QCOMPARE(lineAuthors(0), (QStringList{QStringLiteral("ana.lopez"), QStringLiteral("prof.lee")}));
        // Restoring what is already there stores nothing.
        const HttpResult again = http("POST", notePath(kNote, QStringLiteral("/restore")), {{QStringLiteral("version"), QStringLiteral("Before midterm")}},
                                      kStaffKey);
        QCOMPARE(again.status, 200);
        QCOMPARE(seqOf(again.json), quint64(0));
        // Bad restore bodies.
        QCOMPARE(http("POST", notePath(kNote, QStringLiteral("/restore")), {{QStringLiteral("at"), 999999.0}}, kStaffKey).status, 400);
        QCOMPARE(http("POST", notePath(kNote, QStringLiteral("/restore")), {{QStringLiteral("at"), -3.0}}, kStaffKey).status, 400);
        QCOMPARE(http("POST", notePath(kNote, QStringLiteral("/restore")), {}, kStaffKey).status, 400);
        QCOMPARE(currentText(), m_versions[1].second);
    }

    void lockedNoteRefusesARestore()
    {
        QCOMPARE(type(ws(m_prof, QStringLiteral("note.lock"), {{QStringLiteral("locked"), true}})), QStringLiteral("ack"));
        const QString before = currentText();
        const QJsonObject r = ws(m_prof, QStringLiteral("note.restore"), {{QStringLiteral("at"), double(m_versions[0].first)}});
        QCOMPARE(code(r), QStringLiteral("forbidden"));
        QVERIFY(r.value(QLatin1String("message")).toString().contains(QLatin1String("locked")));
        QCOMPARE(currentText(), before);
        // Reading the history of a locked note is still allowed.
        QCOMPARE(wsTextAt(m_versions[0].first), m_versions[0].second);
        QCOMPARE(type(ws(m_prof, QStringLiteral("note.lock"), {{QStringLiteral("locked"), false}})), QStringLiteral("ack"));
    }

#ifdef COLLAB_CLI_BIN
    // collab-cli --note-history, --print-note --at SEQ|TIME|NAME, --name-version, --restore-version:
    // a student reads but may not name or restore (exit 4, the server's reason, nothing stored).
    void cli()
    {
        QTemporaryDir tokens;
        const auto run = [&](const QString &user, const QStringList &action, QString *out, QString *err) {
            return runCli(QStringLiteral(COLLAB_CLI_BIN), tokens.filePath(QStringLiteral("t.json")),
                          cliJoinArgs(m_server.wsUrl(), kCourse, user, QString::fromLatin1(TestServer::JoinCode)) + action, out, err);
        };
        const QString student = QStringLiteral("carl.cli");
        QString out, err;
        QCOMPARE(run(student, {QStringLiteral("--note-history")}, &out, &err), 0);
        const QStringList lines = out.trimmed().split(QLatin1Char('\n'));
        QVERIFY2(lines.size() >= 3, qPrintable(out));
        QVERIFY2(lines.last().startsWith(QStringLiteral("#%1 ").arg(m_versions[0].first)) && lines.last().endsWith(QLatin1String("ana.lopez")),
                 qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("[Before midterm]")), qPrintable(out));

        QCOMPARE(run(student, {QStringLiteral("--print-note"), QStringLiteral("--at"), QString::number(m_versions[0].first)}, &out, &err), 0);
        QCOMPARE(out.trimmed(), m_versions[0].second.trimmed());
        QCOMPARE(run(student, {QStringLiteral("--print-note"), QStringLiteral("--at"), QStringLiteral("Before midterm")}, &out, &err), 0);
        QCOMPARE(out.trimmed(), m_versions[1].second.trimmed());
        // --at TIME is read to the second: once a new second has begun, every edit so far is before it.
        const qint64 lastEditSecond = QDateTime::currentSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentSecsSinceEpoch() > lastEditSecond);
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        QCOMPARE(run(student, {QStringLiteral("--print-note"), QStringLiteral("--at"), now, QStringLiteral("--json")}, &out, &err), 0);
        QCOMPARE(QJsonDocument::fromJson(out.trimmed().toUtf8()).object().value(QLatin1String("text")).toString(), currentText());
        QCOMPARE(run(student, {QStringLiteral("--print-note"), QStringLiteral("--at"), QStringLiteral("999999")}, &out, &err), 4);
        QVERIFY2(err.contains(QLatin1String("in the future")), qPrintable(err));
        QCOMPARE(run(student, {QStringLiteral("--print-note"), QStringLiteral("--at"), QStringLiteral("bell\u0007")}, &out, &err), 2);

        // A student may not name or restore.
        QCOMPARE(run(student, {QStringLiteral("--name-version"), QStringLiteral("mine")}, &out, &err), 4);
        QVERIFY2(err.contains(QLatin1String("only")), qPrintable(err));
        QCOMPARE(run(student, {QStringLiteral("--restore-version"), QStringLiteral("Before midterm")}, &out, &err), 4);
        const QJsonArray namesBefore = named();

        // The instructor names the first version and restores it, then the latest text again.
        const QString latest = currentText();
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--name-version"), QStringLiteral("First draft"), QStringLiteral("--at"),
                                                QString::number(m_versions[0].first)},
                     &out, &err),
                 0);
        QVERIFY2(out.startsWith(QStringLiteral("named #%1 \"First draft\"").arg(m_versions[0].first)), qPrintable(out + err));
        QCOMPARE(named().size(), namesBefore.size() + 1);
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--restore-version"), QStringLiteral("First draft")}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("as a new version")), qPrintable(out + err));
        QCOMPARE(currentText(), m_versions[0].second);
        const QJsonObject newest = ws(m_ana, QStringLiteral("note.history"), {}).value(QLatin1String("versions")).toArray()[0].toObject();
        QCOMPARE(newest.value(QLatin1String("authors")).toArray(), QJsonArray{QStringLiteral("dr.cli")});
        const HttpResult back = http("POST", notePath(kNote, QStringLiteral("/edits")),
                                     {{QStringLiteral("op"), QStringLiteral("append")}, {QStringLiteral("text"), latest.mid(m_versions[0].second.size())}});
        QCOMPARE(back.status, 200);
        QCOMPARE(currentText(), latest);
    }
#endif

    // Enough history for several checkpoints: every version still reads exactly, also after a
    // restart (the checkpoints are on disk).
    void checkpointsKeepEveryVersionExact()
    {
        QList<QPair<quint64, QString>> versions;
        QString expected;
        for (int i = 0; i < 120; ++i) {
            const QString line = QStringLiteral("line %1 ").arg(i) + QString(600, QChar(u'a' + i % 26));
            HttpResult r;
            if (i % 10 == 9) { // delete an earlier line now and then
                const int start = int(expected.indexOf(QLatin1Char('\n'))) + 1;
                const int length = int(expected.indexOf(QLatin1Char('\n'), start)) - start + 1;
                r = http("POST", notePath(kLab, QStringLiteral("/edits")),
                         {{QStringLiteral("op"), QStringLiteral("delete")}, {QStringLiteral("position"), start}, {QStringLiteral("length"), length}});
                expected.remove(start, length);
            } else {
                r = http("POST", notePath(kLab, QStringLiteral("/edits")),
                         {{QStringLiteral("op"), QStringLiteral("append")}, {QStringLiteral("text"), QString(line + QLatin1Char('\n'))}});
                expected += line + QLatin1Char('\n');
            }
            QCOMPARE(r.status, 200);
            versions.append({seqOf(r.json), expected});
        }
        const NoteHistoryProjection &history = m_server.instance()->hub().projections().noteHistory();
        QTRY_VERIFY_WITH_TIMEOUT(history.latestCheckpoint(kCourse, kLab).has_value(), 10000);
        const quint64 checkpointSeq = history.latestCheckpoint(kCourse, kLab)->seq;
        QVERIFY(checkpointSeq > versions.first().first);
        for (const auto &[seq, text] : std::as_const(versions))
            QCOMPARE(wsTextAt(seq, kLab), text);

        m_server.stop();
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        for (int i = 0; i < versions.size(); i += 7) {
            const HttpResult r = http("GET", notePath(kLab, QStringLiteral("?at=%1").arg(versions[i].first)));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json.value(QLatin1String("text")).toString(), versions[i].second);
        }
    }
};

QTEST_MAIN(TestNoteHistory)
#include "tst_note_history.moc"
