// Retention (issue 15 part 4) on one node, through a real server over real sockets: a course's
// period (REST PUT .../retention, WebSocket retention.set), the dry run (counts, oldest and
// newest; changes nothing), a run that really deletes — from the messages projection, the search
// index, the log (tombstones, no text) and the database file itself (vacuumed: the words are not
// in collab.db or its WAL) — a thread kept whole while it has a newer reply, nothing coming back
// after a restart or a rebuild of every projection from the log, the periodic check, and the bad
// inputs (0, negative, huge, both or neither of days and off; students and integrations).
//
// Age is measured by Retention's clock, which the test moves forward (Retention::setClock): the
// messages are real, posted now; the course "lives" days later.

#include "clirun.h"
#include "jsonhttp.h"
#include "hub/hub.h"
#include "serverinstance.h"
#include "store/eventlog.h"
#include "store/projections.h"
#include "store/sqliteeventlog.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);
const QByteArray kStaffKey = TestServer::StaffKey;

QString type(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
QString code(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_data;
    TestServer m_server;
    QNetworkAccessManager m_http;
    std::unique_ptr<WsTestClient> m_ana;
    std::unique_ptr<WsTestClient> m_prof;
    int m_posts = 0;
    // The messages: old ones (A thread, B, C edited), the D thread (old first message, new reply)
    // and E (new).
    quint64 m_a = 0, m_a1 = 0, m_b = 0, m_c = 0, m_d = 0, m_d1 = 0, m_e = 0;
    qint64 m_cut = 0; // created time of the first "new" message: the cut-off lands just before it

    using HttpResult = JsonHttpResult;
    HttpResult http(const QByteArray &verb, const QString &rest, const QByteArray &body = {}, const QByteArray &key = kStaffKey,
                    const QString &course = kCourse)
    {
        return jsonHttp(m_http, m_server.httpUrl(QStringLiteral("/api/v1/courses/%1%2").arg(course, rest)), verb, body, key);
    }
    quint64 post(WsTestClient &client, const QString &text, quint64 replyTo = 0)
    {
        QJsonObject m{{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                      {QStringLiteral("channel"), QStringLiteral("general")}, {QStringLiteral("text"), text},
                      {QStringLiteral("clientMsgId"), QStringLiteral("r%1").arg(++m_posts)}};
        if (replyTo)
            m.insert(QStringLiteral("replyTo"), double(replyTo));
        const QJsonObject ack = client.request(m);
        return quint64(ack.value(QLatin1String("id")).toDouble());
    }
    QJsonObject ws(WsTestClient &client, const QString &messageType, QJsonObject fields)
    {
        fields.insert(QStringLiteral("type"), messageType);
        fields.insert(QStringLiteral("course"), kCourse);
        return client.request(fields);
    }
    Hub &hub() { return m_server.instance()->hub(); }
    // The course as seen m_cut + one day later (+1 ms): everything before m_cut is over a day old.
    void liveOneDayAfterTheCut() { hub().retention().setClock([cut = m_cut] { return cut + Retention::DayMs - 1; }); }
    QList<quint64> channelIds()
    {
        const HttpResult r = http("GET", QStringLiteral("/channels/general/messages?since=0&limit=500"), {}, TestServer::ApiKey);
        QList<quint64> ids;
        for (const QJsonValue &m : r.json.value(QLatin1String("messages")).toArray())
            ids << quint64(m.toObject().value(QLatin1String("id")).toDouble());
        return ids;
    }
    int hits(const QString &q)
    {
        const HttpResult r = http("GET", QStringLiteral("/search?q=%1").arg(q), {}, kStaffKey);
        return r.status == 200 ? int(r.json.value(QLatin1String("results")).toArray().size()) : -1;
    }
    // Whether `word` is anywhere in the store's files (the database and its WAL).
    bool onDisk(const QByteArray &word) const
    {
        for (const char *suffix : {"", "-wal"}) {
            QFile f(QDir(m_server.dataDir()).filePath(QStringLiteral("collab.db") + QLatin1String(suffix)));
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(word))
                return true;
        }
        return false;
    }
    // New connections (after a restart too), keeping each name's token as a client does.
    void join()
    {
        m_ana = std::make_unique<WsTestClient>();
        m_prof = std::make_unique<WsTestClient>();
        QVERIFY(m_ana->open(m_server.wsUrl()));
        QVERIFY(!m_ana->helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        QVERIFY(m_prof->open(m_server.wsUrl()));
        QVERIFY(!m_prof->helloAndJoin(QStringLiteral("prof.lee"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
    }

private Q_SLOTS:
    void initTestCase()
    {
        ServerConfig config = TestServer::testConfig();
        config.apiKeys << TestServer::staffKey();
        config.courses[0].instructors << QStringLiteral("dr.cli"); // collab-cli's instructor (no secret)
        m_server.setConfig(config);
        m_server.setLimits(TestServer::unlimited());
        m_server.setDataDir(m_data.path());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        join();

        m_a = post(*m_ana, QStringLiteral("zebrafact about clocks"));
        m_a1 = post(*m_prof, QStringLiteral("reply quagga"), m_a);
        m_b = post(*m_ana, QStringLiteral("my password is okapi-secret"));
        m_c = post(*m_ana, QStringLiteral("typo alpacas"));
        QCOMPARE(type(ws(*m_ana, QStringLiteral("chat.edit"), {{QStringLiteral("id"), double(m_c)}, {QStringLiteral("text"), QStringLiteral("fixed llamas")}})),
                 QStringLiteral("ack"));
        m_d = post(*m_ana, QStringLiteral("old question wombat"));
        QVERIFY(m_a && m_a1 && m_b && m_c && m_d);
        const qint64 lastOld = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > lastOld + 2); // the new messages get a later time
        m_cut = QDateTime::currentMSecsSinceEpoch();
        m_d1 = post(*m_prof, QStringLiteral("new answer keeps the wombat thread"), m_d);
        m_e = post(*m_ana, QStringLiteral("fresh message platypus"));
        QVERIFY(m_d1 && m_e);
    }

    void badSettingsAreRefused()
    {
        const quint64 before = hub().log().lastSeq(kCourse);
        for (const QByteArray &body : {QByteArray(R"({"days": 0})"), QByteArray(R"({"days": -1})"), QByteArray(R"({"days": 3651})"),
                                        QByteArray(R"({"days": 1e12})"), QByteArray(R"({"days": "7"})"), QByteArray(R"({"days": 1.5})"),
                                        QByteArray(R"({"days": 7, "off": true})"), QByteArray("{}"), QByteArray("[]")}) {
            const HttpResult r = http("PUT", QStringLiteral("/retention"), body);
            QVERIFY2(r.status == 400, qPrintable(QStringLiteral("%1 → %2 %3").arg(QString::fromUtf8(body)).arg(r.status).arg(r.errorMessage())));
            QVERIFY2(!r.errorMessage().isEmpty(), body.constData());
        }
        QVERIFY(http("PUT", QStringLiteral("/retention"), R"({"days": 0})").errorMessage().contains(QLatin1String("1..3650")));
        // Who may: not a student, not an integration; an unknown course is 404.
        QCOMPARE(code(ws(*m_ana, QStringLiteral("retention.set"), {{QStringLiteral("days"), 30}})), QStringLiteral("forbidden"));
        QCOMPARE(http("PUT", QStringLiteral("/retention"), R"({"days": 30})", TestServer::ApiKey).status, 403);
        QCOMPARE(http("POST", QStringLiteral("/retention/run"), {}, TestServer::ApiKey).status, 403);
        QCOMPARE(code(ws(*m_ana, QStringLiteral("retention.run"), {{QStringLiteral("dryRun"), true}})), QStringLiteral("forbidden"));
        // A run without a period says so.
        const HttpResult none = http("POST", QStringLiteral("/retention/run"));
        QCOMPARE(none.status, 400);
        QVERIFY2(none.errorMessage().contains(QLatin1String("set a retention period")), qPrintable(none.errorMessage()));
        QCOMPARE(http("GET", QStringLiteral("/retention")).json.value(QLatin1String("days")).toInt(), 0);
        QCOMPARE(hub().log().lastSeq(kCourse), before); // nothing stored by any of them
        QCOMPARE(hub().course(kCourse)->retentionDays, 0);
    }

    void dryRunChangesNothing()
    {
        HttpResult r = http("PUT", QStringLiteral("/retention"), R"({"days": 1})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QLatin1String("days")).toInt(), 1);
        QCOMPARE(hub().course(kCourse)->retentionDays, 1);
        liveOneDayAfterTheCut();
        const quint64 seq = hub().log().lastSeq(kCourse);
        const QList<quint64> ids = channelIds();

        r = http("GET", QStringLiteral("/retention"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QLatin1String("dryRun")).toBool(), true);
        // A, its reply, B and C; not D (its thread has a new reply), D1 or E.
        QCOMPARE(r.json.value(QLatin1String("messages")).toInt(), 4);
        QVERIFY(r.json.value(QLatin1String("oldest")).toDouble() <= r.json.value(QLatin1String("newest")).toDouble());
        QVERIFY(r.json.value(QLatin1String("newest")).toDouble() < double(m_cut));
        const QJsonObject wsDry = ws(*m_prof, QStringLiteral("retention.run"), {{QStringLiteral("dryRun"), true}});
        QCOMPARE(type(wsDry), QStringLiteral("ack"));
        QCOMPARE(wsDry.value(QLatin1String("messages")).toInt(), 4);
        r = http("POST", QStringLiteral("/retention/run"), R"({"dryRun": true})");
        QCOMPARE(r.json.value(QLatin1String("messages")).toInt(), 4);

        QCOMPARE(hub().log().lastSeq(kCourse), seq);
        QCOMPARE(channelIds(), ids);
        QCOMPARE(hits(QStringLiteral("zebrafact")), 1);
        QVERIFY(onDisk("okapi-secret"));
    }

    void runDeletesForGood()
    {
        const quint64 seq = hub().log().lastSeq(kCourse);
        const HttpResult r = http("POST", QStringLiteral("/retention/run"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QLatin1String("dryRun")).toBool(), false);
        QCOMPARE(r.json.value(QLatin1String("messages")).toInt(), 4);
        QCOMPARE(hub().log().lastSeq(kCourse), seq + 1); // one messages.expired event

        const QList<quint64> ids = channelIds();
        for (const quint64 gone : {m_a, m_a1, m_b, m_c})
            QVERIFY2(!ids.contains(gone), qPrintable(QString::number(gone)));
        for (const quint64 kept : {m_d, m_d1, m_e})
            QVERIFY2(ids.contains(kept), qPrintable(QString::number(kept)));
        QCOMPARE(hits(QStringLiteral("zebrafact")), 0);
        QCOMPARE(hits(QStringLiteral("okapi")), 0);
        QCOMPARE(hits(QStringLiteral("llamas")), 0);
        QCOMPARE(hits(QStringLiteral("wombat")), 2);

        // The log keeps tombstones: the post's event is there, without its text or author.
        const QList<CourseEvent> events = hub().log().eventsAfter(kCourse, m_a - 1, 1);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].kind, EventKind::ChatPosted);
        QCOMPARE(events[0].data.value(QLatin1String("expired")).toBool(), true);
        QVERIFY(!events[0].data.contains(QLatin1String("text")) && !events[0].data.contains(QLatin1String("author")));
        for (const CourseEvent &e : hub().log().eventsAfter(kCourse, 0, 10000)) {
            const QByteArray json = QJsonDocument(e.data).toJson();
            QVERIFY2(!json.contains("okapi") && !json.contains("alpacas") && !json.contains("llamas") && !json.contains("zebrafact"),
                     json.constData());
        }
        // And the files: vacuumed, the WAL emptied.
        QTRY_VERIFY_WITH_TIMEOUT(hub().retention().compactions() >= 1, 10000);
        QVERIFY(!onDisk("okapi-secret"));
        QVERIFY(!onDisk("zebrafact"));
        QVERIFY(!onDisk("alpacas"));
        QVERIFY(onDisk("platypus"));

        // A second run finds nothing more.
        const HttpResult again = http("POST", QStringLiteral("/retention/run"));
        QCOMPARE(again.json.value(QLatin1String("messages")).toInt(), 0);
        QCOMPARE(hub().log().lastSeq(kCourse), seq + 1);
    }

    void nothingComesBackAfterARestartOrARebuild()
    {
        m_server.stop();
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QCOMPARE(hub().course(kCourse)->retentionDays, 1); // the setting is a course event
        const QList<quint64> ids = channelIds();
        QVERIFY(!ids.contains(m_b) && ids.contains(m_e));
        QCOMPARE(hits(QStringLiteral("okapi")), 0);

        // Every projection built again from the log alone: the tombstones replay as nothing.
        m_server.stop();
        {
            QString error;
            const std::unique_ptr<SqliteEventLog> log = m_server.openLogRebuildingProjections(&error);
            QVERIFY2(log, qPrintable(error));
            QVERIFY(log->replayedEvents() > 0);
            QVERIFY(!log->projections().messages().message(kCourse, m_b).has_value());
            QVERIFY(!log->projections().messages().message(kCourse, m_a).has_value());
            QVERIFY(log->projections().messages().message(kCourse, m_e).has_value());
            const std::optional<ChatMessage> d = log->projections().messages().message(kCourse, m_d);
            QVERIFY(d.has_value());
            QCOMPARE(d->replies, 1);
        }
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QCOMPARE(hits(QStringLiteral("zebrafact")), 0);
        QCOMPARE(hits(QStringLiteral("platypus")), 1);
        join();
    }

    void periodicCheckAppliesIt()
    {
        const quint64 f = post(*m_ana, QStringLiteral("soon old capybara"));
        QVERIFY(f);
        QCOMPARE(hits(QStringLiteral("capybara")), 1);
        // Two days on: everything is older than a day; the check runs by itself.
        hub().retention().setClock([] { return QDateTime::currentMSecsSinceEpoch() + 2 * Retention::DayMs; });
        hub().retention().setCheckInterval(100);
        QTRY_VERIFY_WITH_TIMEOUT(!channelIds().contains(f), 10000);
        QCOMPARE(hits(QStringLiteral("capybara")), 0);
        hub().retention().setCheckInterval(0);

        // Off: nothing more goes.
        QCOMPARE(http("PUT", QStringLiteral("/retention"), R"({"off": true})").status, 200);
        QCOMPARE(hub().course(kCourse)->retentionDays, 0);
        const quint64 g = post(*m_ana, QStringLiteral("kept forever"));
        QCOMPARE(http("POST", QStringLiteral("/retention/run")).status, 400);
        QVERIFY(channelIds().contains(g));
    }

#ifdef COLLAB_CLI_BIN
    // collab-cli --retention-days N, --retention-dry-run, --apply-retention, --retention-off: an
    // instructor sets and runs it; 0 is a usage error before anything is sent; a student gets exit 4.
    void cli()
    {
        QTemporaryDir tokens;
        const auto run = [&](const QString &user, const QStringList &action, QString *out, QString *err) {
            return runCli(QStringLiteral(COLLAB_CLI_BIN), tokens.filePath(QStringLiteral("t.json")),
                          cliJoinArgs(m_server.wsUrl(), kCourse, user, QString::fromLatin1(TestServer::JoinCode)) + action, out, err);
        };
        QString out, err;
        const quint64 before = hub().log().lastSeq(kCourse);
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--retention-days"), QStringLiteral("0")}, &out, &err), 2);
        QVERIFY2(err.contains(QLatin1String("1 to 3650")), qPrintable(err));
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--retention-days"), QStringLiteral("-5")}, &out, &err), 2);
        QCOMPARE(hub().log().lastSeq(kCourse), before);
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--retention-days"), QStringLiteral("30")}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("keeps messages for 30 days")), qPrintable(out + err));
        QCOMPARE(hub().course(kCourse)->retentionDays, 30);
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--retention-dry-run")}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("would delete 0 messages older than 30 days")), qPrintable(out + err));
        QCOMPARE(run(QStringLiteral("carl.cli"), {QStringLiteral("--apply-retention")}, &out, &err), 4);
        QVERIFY2(err.contains(QLatin1String("instructors")), qPrintable(err));
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--apply-retention")}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("deleted 0 messages")), qPrintable(out + err));
        QCOMPARE(run(QStringLiteral("dr.cli"), {QStringLiteral("--retention-off")}, &out, &err), 0);
        QCOMPARE(hub().course(kCourse)->retentionDays, 0);
    }
#endif
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
