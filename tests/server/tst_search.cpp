// Search over a course's messages (issue 15, part 1), through a real server: the WebSocket
// `search` and REST GET /api/v1/courses/{course}/search. What is found is the text as it now is
// (edited-away and deleted text never), ranked with highlighted snippets; the filters narrow it;
// an anonymous author stays hidden from students (and their from:) but not from moderators; hostile
// queries get clear errors and the server keeps answering.

#include "clirun.h"
#include "jsonhttp.h"
#include "hub/hub.h"
#include "serverinstance.h"
#include "search/searchquery.h"
#include "store/eventlog.h"
#include "store/searchprojection.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace collab;
using namespace collab::server;

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);

QStringList ids(const QJsonObject &answer)
{
    QStringList out;
    for (const QJsonValue &v : answer.value(QLatin1String("results")).toArray())
        out << QString::number(qint64(v.toObject().value(QLatin1String("id")).toDouble()));
    return out;
}

// The words a hit's highlights cover, in order.
QStringList highlighted(const QJsonObject &hit)
{
    const QString snippet = hit.value(QLatin1String("snippet")).toString();
    QStringList out;
    for (const QJsonValue &h : hit.value(QLatin1String("highlights")).toArray())
        out << snippet.mid(h.toObject().value(QLatin1String("start")).toInt(), h.toObject().value(QLatin1String("length")).toInt());
    return out;
}

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_http;
    WsTestClient m_ana;  // a student
    WsTestClient m_prof; // the instructor
    QHash<QString, QString> m_ids; // label → message id
    int m_posted = 0;

    using HttpResult = JsonHttpResult;

    HttpResult get(const QString &pathAndQuery) { return jsonHttp(m_http, m_server.httpUrl(pathAndQuery), "GET", {}, TestServer::ApiKey); }

    HttpResult restSearch(const QString &q, const QString &more = {})
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("q"), QString::fromLatin1(QUrl::toPercentEncoding(q)));
        return get(QStringLiteral("/api/v1/courses/%1/search?%2%3").arg(kCourse, query.toString(QUrl::FullyEncoded), more));
    }

    QJsonObject wsSearch(WsTestClient &client, const QString &q, const QJsonObject &extra = {})
    {
        QJsonObject m = extra;
        m.insert(QStringLiteral("type"), QStringLiteral("search"));
        m.insert(QStringLiteral("course"), kCourse);
        m.insert(QStringLiteral("q"), q);
        const QJsonObject reply = client.request(m);
        if (reply.value(QLatin1String("type")).toString() != QLatin1String("ack"))
            qInfo().noquote() << "search" << q.left(80) << "answered" << QJsonDocument(reply).toJson(QJsonDocument::Compact).left(300);
        return reply;
    }

    QString post(WsTestClient &client, const QString &channel, const QString &text)
    {
        const QJsonObject ack = client.request({{QStringLiteral("type"), QStringLiteral("chat.send")},
                                                {QStringLiteral("course"), kCourse},
                                                {QStringLiteral("channel"), channel},
                                                {QStringLiteral("text"), text},
                                                {QStringLiteral("clientMsgId"), QStringLiteral("m-%1").arg(++m_posted)}});
        return QString::number(qint64(ack.value(QLatin1String("id")).toDouble()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        QVERIFY(m_ana.open(m_server.wsUrl()));
        QVERIFY(!m_ana.helloAndJoin(QStringLiteral("ana.lopez"), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        QVERIFY(m_prof.open(m_server.wsUrl()));
        const QJsonObject joined = m_prof.helloAndJoin(QStringLiteral("prof.lee"), kCourse, QString::fromLatin1(TestServer::JoinCode));
        QVERIFY(!joined.isEmpty());

        m_ids[QStringLiteral("ta-answer")] = post(m_prof, QStringLiteral("general"),
                                                   QStringLiteral("A vector clock orders events: each node counts its own "
                                                                  "events and takes the maximum of what it receives."));
        m_ids[QStringLiteral("question")] = post(m_ana, QStringLiteral("homework"),
                                                  QStringLiteral("How does a vector clock differ from a Lamport clock?"));
        m_ids[QStringLiteral("code")] = post(m_ana, QStringLiteral("homework"), QStringLiteral("My clock code: `clock[i]++` fails"));
        m_ids[QStringLiteral("cafe")] = post(m_ana, QStringLiteral("general"), QStringLiteral("Meet at the Café near the library"));
        m_ids[QStringLiteral("edited")] = post(m_ana, QStringLiteral("general"), QStringLiteral("the secret word is pineapple"));
        m_ids[QStringLiteral("deleted")] = post(m_ana, QStringLiteral("general"), QStringLiteral("delete me: zucchini"));
        for (const QString &id : std::as_const(m_ids))
            QVERIFY(id != QLatin1String("0"));
        QJsonObject r = m_ana.request({{QStringLiteral("type"), QStringLiteral("chat.edit")}, {QStringLiteral("course"), kCourse},
                                       {QStringLiteral("id"), m_ids.value(QStringLiteral("edited")).toDouble()},
                                       {QStringLiteral("text"), QStringLiteral("the word is banana now")}});
        QCOMPARE(r.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        r = m_ana.request({{QStringLiteral("type"), QStringLiteral("chat.delete")}, {QStringLiteral("course"), kCourse},
                           {QStringLiteral("id"), m_ids.value(QStringLiteral("deleted")).toDouble()}});
        QCOMPARE(r.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
    }

    // The best match first, with its words highlighted in a plain-text snippet.
    void findsRankedWithHighlights()
    {
        const QJsonObject a = wsSearch(m_ana, QStringLiteral("vector clock"));
        QCOMPARE(a.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        QCOMPARE(ids(a).size(), 2);
        QVERIFY(ids(a).contains(m_ids.value(QStringLiteral("ta-answer"))));
        QVERIFY(ids(a).contains(m_ids.value(QStringLiteral("question"))));
        // The question says "clock" twice in fewer words: BM25 ranks it first.
        QCOMPARE(ids(a).first(), m_ids.value(QStringLiteral("question")));
        const QJsonObject hit = a.value(QLatin1String("results")).toArray().first().toObject();
        QCOMPARE(hit.value(QLatin1String("channel")).toString(), QStringLiteral("homework"));
        QCOMPARE(hit.value(QLatin1String("author")).toString(), QStringLiteral("ana.lopez"));
        QVERIFY(!hit.value(QLatin1String("snippet")).toString().contains(QChar(0x02)));
        QCOMPARE(highlighted(hit), (QStringList{QStringLiteral("vector"), QStringLiteral("clock"), QStringLiteral("clock")}));
        // Accents and case do not matter; a phrase is a phrase; a prefix finds words that start so.
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("cafe"))), QStringList{m_ids.value(QStringLiteral("cafe"))});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("\"lamport clock\""))), QStringList{m_ids.value(QStringLiteral("question"))});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("\"clock lamport\""))), QStringList{});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("lamp*"))), QStringList{m_ids.value(QStringLiteral("question"))});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock -lamport -code"))), QStringList{m_ids.value(QStringLiteral("ta-answer"))});
    }

    // Text that was edited away or deleted is never found; the new text is.
    void editedAndDeletedTextIsGone()
    {
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("pineapple"))), QStringList{});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("banana"))), QStringList{m_ids.value(QStringLiteral("edited"))});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("zucchini"))), QStringList{});
        QCOMPARE(ids(restSearch(QStringLiteral("zucchini")).json), QStringList{});
        QCOMPARE(ids(restSearch(QStringLiteral("pineapple")).json), QStringList{});
        // Not through a filter-only search either.
        QVERIFY(!ids(wsSearch(m_ana, QStringLiteral("in:#general"))).contains(m_ids.value(QStringLiteral("deleted"))));
    }

    void filters()
    {
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock from:prof.lee"))), QStringList{m_ids.value(QStringLiteral("ta-answer"))});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock in:#homework"))).size(), 2);
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock in:general"))), QStringList{m_ids.value(QStringLiteral("ta-answer"))});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("has:code"))), QStringList{m_ids.value(QStringLiteral("code"))});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock has:code"))), QStringList{m_ids.value(QStringLiteral("code"))});
        // Ctrl+F: the request's channel narrows to one channel.
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock"), {{QStringLiteral("channel"), QStringLiteral("general")}})),
                 QStringList{m_ids.value(QStringLiteral("ta-answer"))});
        // Dates: everything was posted today (UTC).
        const QDate today = QDateTime::currentDateTimeUtc().date();
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock before:%1").arg(today.toString(Qt::ISODate)))), QStringList{});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock after:%1").arg(today.addDays(-1).toString(Qt::ISODate)))).size(), 3);
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock after:%1").arg(today.toString(Qt::ISODate)))), QStringList{});
        // Filters alone: the newest first.
        const QStringList newest = ids(wsSearch(m_ana, QStringLiteral("from:ana.lopez in:#homework")));
        QCOMPARE(newest, (QStringList{m_ids.value(QStringLiteral("code")), m_ids.value(QStringLiteral("question"))}));
        // Nothing yet marks questions or carries files: the filters parse and find none.
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("clock is:question"))), QStringList{});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("has:file"))), QStringList{});
        // limit and more.
        const QJsonObject one = wsSearch(m_ana, QStringLiteral("clock"), {{QStringLiteral("limit"), 1}});
        QCOMPARE(ids(one).size(), 1);
        QCOMPARE(one.value(QLatin1String("more")).toBool(), true);
        QCOMPARE(wsSearch(m_ana, QStringLiteral("clock")).value(QLatin1String("more")).toBool(), false);
    }

    // An anonymous message (issue 14's posts store `anonymous: true` in chat.posted; written to
    // the log directly here) shows no author to a student, nor to an integration, and a
    // student's from: does not find it; the instructor sees who wrote it.
    void anonymousAuthorsStayAnonymous()
    {
        auto &log = const_cast<EventLog &>(m_server.instance()->hub().log());
        std::optional<quint64> seq;
        log.append(NewEvent{kCourse, EventKind::ChatPosted, QDateTime::currentMSecsSinceEpoch(),
                            {{QStringLiteral("channel"), QStringLiteral("general")},
                             {QStringLiteral("author"), QStringLiteral("ben.ortiz")},
                             {QStringLiteral("text"), QStringLiteral("I am lost about quorum reads")},
                             {QStringLiteral("anonymous"), true}}},
                   [&seq](Result<CourseEvent> r) { seq = r ? r.value().seq : 0; });
        QTRY_VERIFY(seq.has_value());
        QVERIFY(*seq > 0);

        QJsonObject a = wsSearch(m_ana, QStringLiteral("quorum"));
        QCOMPARE(ids(a), QStringList{QString::number(*seq)});
        QJsonObject hit = a.value(QLatin1String("results")).toArray().first().toObject();
        QVERIFY(!hit.contains(QLatin1String("author")));
        QCOMPARE(hit.value(QLatin1String("anonymous")).toBool(), true);
        QVERIFY(!QJsonDocument(a).toJson().contains("ben.ortiz"));
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("quorum from:ben.ortiz"))), QStringList{});
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("from:ben.ortiz"))), QStringList{});

        const HttpResult rest = restSearch(QStringLiteral("quorum"));
        QCOMPARE(rest.status, 200);
        QCOMPARE(ids(rest.json), QStringList{QString::number(*seq)});
        QVERIFY(!QJsonDocument(rest.json).toJson().contains("ben.ortiz"));

        a = wsSearch(m_prof, QStringLiteral("quorum from:ben.ortiz"));
        QCOMPARE(ids(a), QStringList{QString::number(*seq)});
        hit = a.value(QLatin1String("results")).toArray().first().toObject();
        QCOMPARE(hit.value(QLatin1String("author")).toString(), QStringLiteral("ben.ortiz"));
        QCOMPARE(hit.value(QLatin1String("anonymous")).toBool(), true);
    }

    void rest()
    {
        HttpResult r = restSearch(QStringLiteral("vector clock"), QStringLiteral("&limit=1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(ids(r.json), QStringList{m_ids.value(QStringLiteral("question"))});
        QCOMPARE(r.json.value(QLatin1String("more")).toBool(), true);
        const QJsonObject hit = r.json.value(QLatin1String("results")).toArray().first().toObject();
        QCOMPARE(hit.value(QLatin1String("channel")).toString(), QStringLiteral("homework"));
        QVERIFY(hit.value(QLatin1String("snippet")).toString().contains(QLatin1String("Lamport")));
        // A form-encoded space ('+') and a percent-encoded one are the same.
        r = get(QStringLiteral("/api/v1/courses/%1/search?q=vector+clock").arg(kCourse));
        QCOMPARE(r.status, 200);
        QCOMPARE(ids(r.json).size(), 2);
        r = get(QStringLiteral("/api/v1/courses/%1/search?q=clock&channel=general").arg(kCourse));
        QCOMPARE(ids(r.json), QStringList{m_ids.value(QStringLiteral("ta-answer"))});
        QCOMPARE(get(QStringLiteral("/api/v1/courses/%1/search").arg(kCourse)).status, 400);
        QCOMPARE(get(QStringLiteral("/api/v1/courses/%1/search?q=clock&limit=0").arg(kCourse)).status, 400);
        QCOMPARE(get(QStringLiteral("/api/v1/courses/%1/search?q=clock&limit=101").arg(kCourse)).status, 400);
        QCOMPARE(get(QStringLiteral("/api/v1/courses/%1/search?q=clock&channel=nope").arg(kCourse)).status, 404);
        QCOMPARE(get(QStringLiteral("/api/v1/courses/NOPE/search?q=clock")).status, 403); // outside the key
    }

    // What FTS5 would take as syntax is text here or a clear error; never a 500, never a
    // closed connection, and the next search works.
    void hostileQueries_data()
    {
        QTest::addColumn<QString>("q");
        QTest::addColumn<int>("status"); // REST; 200: searched
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("lone quote") << QStringLiteral("\"") << 400 << QStringLiteral("no word");
        QTest::newRow("open quote") << QStringLiteral("\"vector clo") << 200 << QString();
        QTest::newRow("NEAR(") << QStringLiteral("NEAR(") << 200 << QString();
        QTest::newRow("NEAR(a b)") << QStringLiteral("NEAR(vector clock, 5)") << 200 << QString();
        QTest::newRow("star") << QStringLiteral("*") << 400 << QStringLiteral("no word");
        QTest::newRow("short prefix") << QStringLiteral("v*") << 400 << QStringLiteral("prefix");
        QTest::newRow("operators") << QStringLiteral("vector AND OR NOT clock") << 200 << QString();
        QTest::newRow("column filter") << QStringLiteral("meta:fanon text:clock") << 200 << QString();
        QTest::newRow("braces") << QStringLiteral("{meta}: c1 ^clock") << 200 << QString();
        QTest::newRow("only excluded") << QStringLiteral("-clock") << 400 << QStringLiteral("leave out");
        QTest::newRow("bad date") << QStringLiteral("clock before:yesterday") << 400 << QStringLiteral("YYYY-MM-DD");
        QTest::newRow("bad has") << QStringLiteral("has:virus") << 400 << QStringLiteral("has:");
        QTest::newRow("bad from") << QStringLiteral("from:../etc") << 400 << QStringLiteral("from:");
        QTest::newRow("empty") << QString() << 400 << QStringLiteral("no word");
        QTest::newRow("over 512 bytes") << QString(600, QLatin1Char('a')) << 413 << QStringLiteral("512 bytes");
        QTest::newRow("17 words") << QStringLiteral("a b c d e f g h i j k l m n o p q") << 400 << QStringLiteral("16 words");
        QTest::newRow("control characters") << QStringLiteral("clock\x01\x02\x03") << 200 << QString();
    }

    void hostileQueries()
    {
        QFETCH(QString, q);
        QFETCH(int, status);
        QFETCH(QString, errorPart);
        const HttpResult r = restSearch(q);
        QCOMPARE(r.status, status);
        const QJsonObject ws = wsSearch(m_ana, q);
        if (status == 200) {
            QVERIFY(r.json.value(QLatin1String("results")).isArray());
            QCOMPARE(ws.value(QLatin1String("type")).toString(), QStringLiteral("ack"));
        } else {
            const QString message = r.json.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
            QVERIFY2(message.contains(errorPart), QJsonDocument(r.json).toJson().constData());
            QCOMPARE(ws.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        }
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("banana"))), QStringList{m_ids.value(QStringLiteral("edited"))});
    }

    // A 64 KiB query: over the HTTP head limit (431) and over the WebSocket query limit (an error
    // reply); the server goes on answering.
    void queryOf64KiB()
    {
        const QString huge(64 * 1024, QLatin1Char('x'));
        const HttpResult r = get(QStringLiteral("/api/v1/courses/%1/search?q=%2").arg(kCourse, huge));
        QCOMPARE(r.status, 431);
        // Under the frame limit, over the query's.
        const QJsonObject ws = wsSearch(m_ana, QString(60 * 1024, QLatin1Char('x')));
        QCOMPARE(ws.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QVERIFY(m_ana.isConnected());
        QCOMPARE(restSearch(QStringLiteral("banana")).status, 200);
        QCOMPARE(ids(wsSearch(m_ana, QStringLiteral("banana"))), QStringList{m_ids.value(QStringLiteral("edited"))});
    }

    // Searching needs the course joined.
    void onlyMembersSearch()
    {
        WsTestClient stranger;
        QVERIFY(stranger.open(m_server.wsUrl()));
        // A member of another course of the server, not of this one.
        QVERIFY(!stranger.helloAndJoin(QStringLiteral("zed.stranger"), QStringLiteral("MATH101"), QStringLiteral("sum-of-parts")).isEmpty());
        const QJsonObject r = wsSearch(stranger, QStringLiteral("clock"));
        QCOMPARE(r.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    }

#ifdef COLLAB_CLI_BIN
    // collab-cli --search: one line per hit, the words in **, exit 0; a refused query exits 4
    // with the server's reason.
    void cli()
    {
        QTemporaryDir tokens;
        const auto run = [&](const QStringList &action, QString *out, QString *err) {
            return runCli(QStringLiteral(COLLAB_CLI_BIN), tokens.filePath(QStringLiteral("t.json")),
                          cliJoinArgs(m_server.wsUrl(), kCourse, QStringLiteral("carl.cli"), QString::fromLatin1(TestServer::JoinCode)) + action,
                          out, err);
        };
        QString out, err;
        QCOMPARE(run({QStringLiteral("--search"), QStringLiteral("vector clock")}, &out, &err), 0);
        QStringList lines = out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.first().startsWith(QStringLiteral("[homework] #%1 ana.lopez ").arg(m_ids.value(QStringLiteral("question")))),
                 qPrintable(out));
        QVERIFY2(lines.first().contains(QLatin1String("a **vector** **clock** differ")), qPrintable(out));
        QCOMPARE(run({QStringLiteral("--search"), QStringLiteral("clock"), QStringLiteral("--channel"), QStringLiteral("general"),
                      QStringLiteral("--json")},
                     &out, &err),
                 0);
        lines = out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(lines.first().toUtf8()).object().value(QLatin1String("id")).toDouble(),
                 m_ids.value(QStringLiteral("ta-answer")).toDouble());
        QCOMPARE(run({QStringLiteral("--search"), QStringLiteral("quorum")}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("(anonymous)")) && !out.contains(QLatin1String("ben.ortiz")), qPrintable(out));
        QCOMPARE(run({QStringLiteral("--search"), QStringLiteral("x*")}, &out, &err), 4);
        QVERIFY2(err.contains(QLatin1String("prefix search needs at least 3 letters")), qPrintable(err));
        QCOMPARE(run({QStringLiteral("--search"), QStringLiteral("nothingmatchesthis")}, &out, &err), 0);
        QCOMPARE(out.trimmed(), QStringLiteral("no message matches"));
    }
#endif

    // The ranking over more messages than a server test posts, on the projection itself: BM25
    // weighs a rare word above a common one (the IDF, estimated for a word in more rows than the
    // ranking counts: SearchRanking::IdfSampleRows), checks the filters on the ranked rows, and
    // past RankedMatchLimit matches lists the newest first.
    void rankingOverManyMessages()
    {
        QTemporaryDir dir;
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("ranking"));
        db.setDatabaseName(dir.filePath(QStringLiteral("search.db")));
        QVERIFY(db.open());
        SearchProjection search;
        QSqlQuery q(db);
        for (const QString &statement : search.schema())
            QVERIFY2(q.exec(statement), qPrintable(q.lastError().text()));
        QVERIFY(search.open(ProjectionDatabase{db, sqliteHandle(db)}).isEmpty());
        const qint64 start = QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        constexpr int Messages = 5000;
        QVERIFY(db.transaction());
        for (int i = 1; i <= Messages; ++i) {
            // "common" in every message; "filler" in the first 1,200; "rare" in 4, with "common"
            // three times in two of them and "rare" twice in the two others.
            QString text = QStringLiteral("common words number %1").arg(i);
            if (i <= 1200)
                text += QStringLiteral(" filler");
            if (i == 100 || i == 300)
                text = QStringLiteral("common common common rare");
            if (i == 200 || i == 400)
                text = QStringLiteral("common rare rare other");
            if (i == 500) { // 61 words, a phrase in the middle
                QStringList words;
                for (int w = 0; w < 30; ++w)
                    words << QStringLiteral("w%1").arg(w);
                words << QStringLiteral("needle,");
                for (int w = 0; w < 30; ++w)
                    words << QStringLiteral("v%1").arg(w);
                words[31] = QStringLiteral("Haystack");
                text = words.join(QLatin1Char(' '));
            }
            CourseEvent e;
            e.course = kCourse;
            e.seq = quint64(i);
            e.kind = EventKind::ChatPosted;
            e.timeMs = start + qint64(i) * 600000; // ten minutes apart: 200 is on Feb 2, 300 on Feb 3
            e.data = {{QStringLiteral("id"), double(i)},
                      {QStringLiteral("channel"), (i / 100) % 2 ? QStringLiteral("general") : QStringLiteral("homework")},
                      {QStringLiteral("author"), i <= 200 ? QStringLiteral("ana.lopez") : QStringLiteral("ben.ortiz")},
                      {QStringLiteral("text"), text}};
            QVERIFY(search.apply(e).isEmpty());
        }
        QVERIFY(db.commit());
        const auto find = [&](const QString &text, int limit = 10) {
            const Result<SearchQuery> query = SearchQuery::parse(text);
            if (!query)
                return QStringList{QStringLiteral("parse error")};
            const Result<SearchRows> rows = search.search(kCourse, query.value(), QString(), false, limit);
            if (!rows)
                return QStringList{rows.error().message};
            QStringList out;
            for (const SearchRow &row : rows.value().rows)
                out << QString::number(row.id);
            return out;
        };
        // Two "rare" outweigh three "common" (a word in every message weighs next to nothing);
        // equal scores: the newer first.
        QCOMPARE(find(QStringLiteral("common rare")), (QStringList{QStringLiteral("400"), QStringLiteral("200"),
                                                                   QStringLiteral("300"), QStringLiteral("100")}));
        QCOMPARE(find(QStringLiteral("rare")).mid(0, 2), (QStringList{QStringLiteral("400"), QStringLiteral("200")}));
        // The filters on ranked rows; a date is a rowid bound too.
        QCOMPARE(find(QStringLiteral("common rare from:ana.lopez")), (QStringList{QStringLiteral("200"), QStringLiteral("100")}));
        QCOMPARE(find(QStringLiteral("rare in:#general")), (QStringList{QStringLiteral("300"), QStringLiteral("100")}));
        QCOMPARE(find(QStringLiteral("common rare after:2026-02-02")), (QStringList{QStringLiteral("400"), QStringLiteral("300")}));
        QCOMPARE(find(QStringLiteral("rare before:2026-02-03")), (QStringList{QStringLiteral("200"), QStringLiteral("100")}));
        // A phrase ranks without an IDF (one phrase: the same factor for every row).
        QCOMPARE(find(QStringLiteral("\"rare rare\"")), (QStringList{QStringLiteral("400"), QStringLiteral("200")}));
        // The snippet: the words around the hit (the phrase as one highlight), "…" where the text goes on.
        const Result<SearchRows> needle = search.search(kCourse, SearchQuery::parse(QStringLiteral("\"needle haystack\" w29")).value(),
                                                        QString(), false, 10);
        QVERIFY(needle && needle.value().rows.size() == 1);
        const QString snippet = needle.value().rows.first().snippet;
        QVERIFY2(snippet.startsWith(QStringLiteral("…")) && snippet.endsWith(QStringLiteral("…")), qPrintable(snippet));
        QVERIFY2(snippet.contains(QStringLiteral("\x02w29\x03 \x02needle, Haystack\x03 v1")), qPrintable(snippet));
        QCOMPARE(snippet.split(QLatin1Char(' ')).size(), SearchProjection::SnippetTokens);
        // 1,200 matches: the newest first, and `more`.
        QCOMPARE(find(QStringLiteral("filler"), 3), (QStringList{QStringLiteral("1200"), QStringLiteral("1199"), QStringLiteral("1198")}));
        const Result<SearchRows> many = search.search(kCourse, SearchQuery::parse(QStringLiteral("filler")).value(), QString(), false, 3);
        QVERIFY(many && many.value().more);
        QCOMPARE(find(QStringLiteral("filler in:#homework"), 2), (QStringList{QStringLiteral("1200"), QStringLiteral("1099")}));
        db.close();
    }

    // The index survives a restart and is rebuilt with the projections.
    void survivesRestart()
    {
        m_ana.socket().close();
        m_prof.socket().close();
        m_server.stop();
        QVERIFY(m_server.start());
        const HttpResult r = restSearch(QStringLiteral("clock"));
        QCOMPARE(r.status, 200);
        QCOMPARE(ids(r.json).size(), 3);
        QCOMPARE(ids(restSearch(QStringLiteral("pineapple")).json), QStringList{});
    }
};

QTEST_MAIN(TestSearch)
#include "tst_search.moc"
