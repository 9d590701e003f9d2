// Identities and guessing over real sockets (issue 19, parts 3-5): names that differ only in case
// are one person (claims, kicks), names start with a letter, API key names are reserved, REST
// posts carry the key that made them (`via`) and only as the names the key may use, guesses of
// join codes, tokens and API keys back off (rate_limited, /metrics), new names are bounded and
// unused ones can be purged, frames before hello are bounded, and collab-server refuses an
// instructor without a secret outside a demo.
#include "serverinstance.h"
#include "serverprocess.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace collab::server;

namespace {

const QString kCourse = QStringLiteral("CECS327");
const QString kCode = QStringLiteral("blue-river-42");
const QByteArray kLmsKey = "test-key-123";
const QByteArray kGraderKey = "grader-key-456";

QString typeOf(const QJsonObject &o) { return o.value(QLatin1String("type")).toString(); }
QString codeOf(const QJsonObject &o) { return o.value(QLatin1String("code")).toString(); }

const QByteArray kConfig = R"({
  "courses": [
    {"id": "CECS327", "joinCode": "blue-river-42", "channels": ["general"],
     "instructors": [{"user": "prof.lee", "secret": "lee-secret-1"}]},
    {"id": "MATH101", "joinCode": "sum-of-parts", "instructors": [{"user": "dr.kim", "secret": "kim-secret-1"}]}
  ],
  "apiKeys": [
    {"name": "lms", "key": "test-key-123", "courses": ["CECS327"]},
    {"name": "grader", "key": "grader-key-456", "courses": ["CECS327"], "authors": ["grader-bot", "Autograder"]}
  ]
})";

struct HttpResult
{
    int status = 0;
    QJsonObject json;
    QByteArray retryAfter;
    QString errorCode() const { return json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(); }
};

} // namespace

class TestIdentity : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerInstance> m_server;
    QNetworkAccessManager m_http;

    // A fresh server (new data directory) with kConfig and these limits.
    bool start(const std::function<void(LimitsConfig &)> &tune = {})
    {
        m_server.reset();
        static int run = 0;
        ServerInstance::Options options;
        options.port = 0;
        options.dataDir = m_dir.filePath(QStringLiteral("run%1").arg(++run));
        options.config = ServerConfig::fromJson(QJsonDocument::fromJson(kConfig).object()).value();
        if (tune)
            tune(options.config->limits);
        m_server = std::make_unique<ServerInstance>();
        const QString error = m_server->start(options);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }
    QUrl wsUrl() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server->port())); }

    // Opens `client`, says hello as `user` and joins `course`: the join's reply (or the hello's error).
    QJsonObject join(WsTestClient &client, const QString &user, const QString &token = {},
                     const QString &course = kCourse, const QString &code = kCode)
    {
        if (!client.isConnected() && !client.open(wsUrl()))
            return {};
        const QJsonObject hello = client.request({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), user}});
        if (typeOf(hello) != QLatin1String("welcome"))
            return hello;
        QJsonObject message{{QStringLiteral("type"), QStringLiteral("join")}, {QStringLiteral("course"), course},
                            {QStringLiteral("joinCode"), code}};
        if (!token.isEmpty())
            message.insert(QStringLiteral("token"), token);
        return client.request(message);
    }

    HttpResult call(const QByteArray &verb, const QString &path, const QJsonObject &body = {}, const QByteArray &key = kLmsKey)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + key);
        QNetworkReply *reply = m_http.sendCustomRequest(request, verb, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
        HttpResult r;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
            reply->abort();
            reply->deleteLater();
            return r;
        }
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.json = QJsonDocument::fromJson(reply->readAll()).object();
        r.retryAfter = reply->rawHeader("Retry-After");
        reply->deleteLater();
        return r;
    }

    HttpResult postMessage(const QJsonObject &body, const QByteArray &key = kLmsKey)
    {
        return call("POST", QStringLiteral("/api/v1/courses/CECS327/channels/general/messages"), body, key);
    }

    QByteArray metrics()
    {
        QNetworkReply *reply = m_http.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_server->port()))));
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            return {};
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }

    // The member is listed, offline (REST presence: it joins nobody).
    bool isOffline(const QString &user)
    {
        const HttpResult p = call("GET", QStringLiteral("/api/v1/courses/CECS327/presence"));
        for (const QJsonValue &m : p.json.value(QLatin1String("members")).toArray())
            if (m.toObject().value(QLatin1String("user")).toString() == user)
                return !m.toObject().value(QLatin1String("online")).toBool();
        return false;
    }

    static QStringList memberNames(const QJsonObject &joined)
    {
        QStringList names;
        for (const QJsonValue &m : joined.value(QLatin1String("members")).toArray())
            names << m.toObject().value(QLatin1String("user")).toString();
        return names;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init() { QVERIFY(start()); }
    void cleanup() { m_server.reset(); }

    void caseVariantsAreOnePerson()
    {
        WsTestClient angie;
        const QJsonObject claimed = join(angie, QStringLiteral("Angie.Nguyen"));
        QCOMPARE(typeOf(claimed), QStringLiteral("joined"));
        const QString token = claimed.value(QLatin1String("token")).toString();
        QVERIFY(!token.isEmpty());

        for (const QString &variant : {QStringLiteral("angie.nguyen"), QStringLiteral("ANGIE.NGUYEN"), QStringLiteral("aNgIe.NgUyEn")}) {
            WsTestClient impostor;
            const QJsonObject r = join(impostor, variant);
            QCOMPARE(codeOf(r), QStringLiteral("not_authenticated"));
            QVERIFY(r.value(QLatin1String("message")).toString().contains(QLatin1String("Angie.Nguyen")));
        }

        // The owner, typing the name in another case, is still Angie.Nguyen: the name as claimed.
        WsTestClient again;
        const QJsonObject r = join(again, QStringLiteral("angie.NGUYEN"), token);
        QCOMPARE(typeOf(r), QStringLiteral("joined"));
        QCOMPARE(r.value(QLatin1String("user")).toString(), QStringLiteral("Angie.Nguyen"));
        QCOMPARE(memberNames(r).count(QStringLiteral("Angie.Nguyen")), 1);
        QVERIFY(!memberNames(r).contains(QStringLiteral("angie.NGUYEN")));
        const QJsonObject ack = again.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                               {QStringLiteral("channel"), QStringLiteral("general")},
                                               {QStringLiteral("text"), QStringLiteral("same me")},
                                               {QStringLiteral("clientMsgId"), QStringLiteral("c1")}});
        QCOMPARE(typeOf(ack), QStringLiteral("ack"));
        const QJsonObject event = angie.waitFor([](const QJsonObject &o) {
            return o.value(QLatin1String("kind")).toString() == QLatin1String("chat.posted");
        });
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("author")).toString(), QStringLiteral("Angie.Nguyen"));

        // An instructor's name in another case still needs the instructor's secret.
        WsTestClient fakeProf;
        QCOMPARE(codeOf(join(fakeProf, QStringLiteral("Prof.Lee"))), QStringLiteral("not_authenticated"));
        WsTestClient prof;
        const QJsonObject profJoined = join(prof, QStringLiteral("PROF.LEE"), QStringLiteral("lee-secret-1"));
        QCOMPARE(typeOf(profJoined), QStringLiteral("joined"));
        QCOMPARE(profJoined.value(QLatin1String("user")).toString(), QStringLiteral("prof.lee"));
    }

    void kickIsNotDodgedByCase()
    {
        WsTestClient prof;
        QCOMPARE(typeOf(join(prof, QStringLiteral("prof.lee"), QStringLiteral("lee-secret-1"))), QStringLiteral("joined"));
        WsTestClient angie;
        const QJsonObject claimed = join(angie, QStringLiteral("Angie.Nguyen"));
        QCOMPARE(typeOf(claimed), QStringLiteral("joined"));
        const QString token = claimed.value(QLatin1String("token")).toString();

        // Kicked under another case: her session ends all the same.
        const QJsonObject kicked = prof.request({{QStringLiteral("type"), QStringLiteral("kick")}, {QStringLiteral("course"), kCourse},
                                                 {QStringLiteral("user"), QStringLiteral("ANGIE.nguyen")}});
        QCOMPARE(typeOf(kicked), QStringLiteral("ack"));
        QVERIFY(!angie.waitForType(QStringLiteral("kicked")).isEmpty());

        // Coming back under any case (with her token, or as a "new" name) is refused.
        for (const QString &variant : {QStringLiteral("Angie.Nguyen"), QStringLiteral("angie.nguyen"), QStringLiteral("ANGIE.NGUYEN")}) {
            WsTestClient back;
            const QJsonObject r = join(back, variant, token);
            QCOMPARE(codeOf(r), QStringLiteral("forbidden"));
        }
        // The instructor cannot be kicked under another case either.
        WsTestClient other;
        QCOMPARE(typeOf(join(other, QStringLiteral("student.two"))), QStringLiteral("joined"));
        const QJsonObject self = prof.request({{QStringLiteral("type"), QStringLiteral("kick")}, {QStringLiteral("course"), kCourse},
                                               {QStringLiteral("user"), QStringLiteral("PROF.LEE")}});
        QCOMPARE(codeOf(self), QStringLiteral("forbidden"));
    }

    void namesStartWithALetter_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("dots") << QStringLiteral("...") << false;
        QTest::newRow("punctuation") << QStringLiteral("-_-") << false;
        QTest::newRow("underscore first") << QStringLiteral("_angie") << false;
        QTest::newRow("digit first") << QStringLiteral("42angie") << false;
        QTest::newRow("dot first") << QStringLiteral(".angie") << false;
        QTest::newRow("cyrillic a") << QString::fromUtf8("\xd0\xb0ngie") << false; // a confusable
        QTest::newRow("one letter") << QStringLiteral("a") << true;
        QTest::newRow("letter then punctuation") << QStringLiteral("a._-9") << true;
    }
    void namesStartWithALetter()
    {
        QFETCH(QString, name);
        QFETCH(bool, accepted);
        WsTestClient c;
        const QJsonObject r = join(c, name);
        if (accepted) {
            QCOMPARE(typeOf(r), QStringLiteral("joined"));
        } else {
            QCOMPARE(codeOf(r), QStringLiteral("invalid_value"));
            QVERIFY(r.value(QLatin1String("message")).toString().contains(QLatin1String("letter")));
        }
    }

    void apiKeyNamesAreReserved()
    {
        // The key's own name and the names it posts as, in any case, in the key's courses.
        for (const QString &name : {QStringLiteral("lms"), QStringLiteral("LMS"), QStringLiteral("grader"),
                                    QStringLiteral("grader-bot"), QStringLiteral("autograder")}) {
            WsTestClient c;
            const QJsonObject r = join(c, name);
            QCOMPARE(codeOf(r), QStringLiteral("forbidden"));
            QVERIFY2(r.value(QLatin1String("message")).toString().contains(QLatin1String("reserved")), qPrintable(name));
        }
        // MATH101 has no API key: the name is free there.
        WsTestClient elsewhere;
        QCOMPARE(typeOf(join(elsewhere, QStringLiteral("lms"), {}, QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"))),
                 QStringLiteral("joined"));
    }

    void viaIsSetByTheServer()
    {
        WsTestClient watcher;
        QCOMPARE(typeOf(join(watcher, QStringLiteral("wat.cher"))), QStringLiteral("joined"));

        const HttpResult posted = postMessage({{QStringLiteral("text"), QStringLiteral("Quiz 3 is up")}});
        QCOMPARE(posted.status, 201);
        const QJsonObject message = posted.json.value(QLatin1String("message")).toObject();
        QCOMPARE(message.value(QLatin1String("author")).toString(), QStringLiteral("lms"));
        QCOMPARE(message.value(QLatin1String("via")).toString(), QStringLiteral("lms"));
        const QJsonObject event = watcher.waitFor([](const QJsonObject &o) {
            return o.value(QLatin1String("data")).toObject().value(QLatin1String("text")).toString() == QLatin1String("Quiz 3 is up");
        });
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("via")).toString(), QStringLiteral("lms"));

        // Another key posting "as" a name it may use: via still names that key.
        const HttpResult graded = postMessage({{QStringLiteral("text"), QStringLiteral("grades are out")},
                                               {QStringLiteral("author"), QStringLiteral("grader-bot")}}, kGraderKey);
        QCOMPARE(graded.status, 201);
        QCOMPARE(graded.json.value(QLatin1String("message")).toObject().value(QLatin1String("via")).toString(), QStringLiteral("grader"));

        // A request cannot choose via: refused over REST, ignored from a member.
        const HttpResult forged = postMessage({{QStringLiteral("text"), QStringLiteral("forged")}, {QStringLiteral("via"), QStringLiteral("grader")}});
        QCOMPARE(forged.status, 400);
        QCOMPARE(forged.errorCode(), QStringLiteral("invalid_value"));
        const QJsonObject ack = watcher.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                                 {QStringLiteral("channel"), QStringLiteral("general")},
                                                 {QStringLiteral("text"), QStringLiteral("from a member")},
                                                 {QStringLiteral("clientMsgId"), QStringLiteral("m1")},
                                                 {QStringLiteral("via"), QStringLiteral("lms")}});
        QCOMPARE(typeOf(ack), QStringLiteral("ack"));

        // Stored: the history a newcomer reads (WebSocket) and the REST listing show the same.
        WsTestClient newcomer;
        QCOMPARE(typeOf(join(newcomer, QStringLiteral("new.comer"))), QStringLiteral("joined"));
        const QJsonObject page = newcomer.waitForType(QStringLiteral("history"));
        QHash<QString, QString> viaByText;
        for (const QJsonValue &v : page.value(QLatin1String("messages")).toArray())
            viaByText.insert(v.toObject().value(QLatin1String("text")).toString(), v.toObject().value(QLatin1String("via")).toString());
        QCOMPARE(viaByText.value(QStringLiteral("Quiz 3 is up")), QStringLiteral("lms"));
        QCOMPARE(viaByText.value(QStringLiteral("grades are out")), QStringLiteral("grader"));
        QVERIFY(viaByText.contains(QStringLiteral("from a member")));
        QCOMPARE(viaByText.value(QStringLiteral("from a member")), QString());
        QVERIFY(!viaByText.contains(QStringLiteral("forged")));
        const HttpResult listed = call("GET", QStringLiteral("/api/v1/courses/CECS327/channels/general/messages"));
        QCOMPARE(listed.status, 200);
        int withVia = 0;
        for (const QJsonValue &v : listed.json.value(QLatin1String("messages")).toArray())
            withVia += v.toObject().contains(QLatin1String("via")) ? 1 : 0;
        QCOMPARE(withVia, 2);
    }

    void keyPostsOnlyAsItsAuthors()
    {
        WsTestClient angie;
        QCOMPARE(typeOf(join(angie, QStringLiteral("angie.nguyen"))), QStringLiteral("joined"));
        // Not as a student, not as the instructor, not as another key's names.
        for (const QString &author : {QStringLiteral("angie.nguyen"), QStringLiteral("prof.lee"), QStringLiteral("grader-bot")}) {
            const HttpResult r = postMessage({{QStringLiteral("text"), QStringLiteral("as someone")}, {QStringLiteral("author"), author}});
            QCOMPARE(r.status, 403);
            QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
        }
        // Its own name by default, in any case, written as configured.
        const HttpResult own = postMessage({{QStringLiteral("text"), QStringLiteral("own")}, {QStringLiteral("author"), QStringLiteral("LMS")}});
        QCOMPARE(own.status, 201);
        QCOMPARE(own.json.value(QLatin1String("message")).toObject().value(QLatin1String("author")).toString(), QStringLiteral("lms"));
        // A key with "authors" posts as those, and no longer as its own name.
        const HttpResult allowed = postMessage({{QStringLiteral("text"), QStringLiteral("graded")}, {QStringLiteral("author"), QStringLiteral("autograder")}}, kGraderKey);
        QCOMPARE(allowed.status, 201);
        QCOMPARE(allowed.json.value(QLatin1String("message")).toObject().value(QLatin1String("author")).toString(), QStringLiteral("Autograder"));
        QCOMPARE(postMessage({{QStringLiteral("text"), QStringLiteral("x")}}, kGraderKey).status, 403); // default author: "grader"
        QCOMPARE(postMessage({{QStringLiteral("text"), QStringLiteral("x")}, {QStringLiteral("author"), QStringLiteral("lms")}}, kGraderKey).status, 403);
    }

    void failedTokensBackOffPerName()
    {
        QVERIFY(start([](LimitsConfig &l) { l.authFailuresPerName = 3; }));
        WsTestClient owner;
        const QJsonObject claimed = join(owner, QStringLiteral("zoe"));
        const QString token = claimed.value(QLatin1String("token")).toString();
        QVERIFY(!token.isEmpty());

        // Three free failures, the fourth starts a 1 s wait (any case of the name counts).
        for (int i = 0; i < 4; ++i) {
            WsTestClient guesser;
            QCOMPARE(codeOf(join(guesser, i % 2 ? QStringLiteral("ZOE") : QStringLiteral("zoe"), QStringLiteral("guess-%1").arg(i))),
                     QStringLiteral("not_authenticated"));
        }
        WsTestClient waiting;
        const QJsonObject limited = join(waiting, QStringLiteral("zoe"), token); // even the right token waits
        QCOMPARE(codeOf(limited), QStringLiteral("rate_limited"));
        QVERIFY(limited.value(QLatin1String("retryable")).toBool());
        QVERIFY(limited.value(QLatin1String("retryAfterMs")).toInteger() > 0);
        QVERIFY(limited.value(QLatin1String("retryAfterMs")).toInteger() <= 1000);
        // Another name from the same address is not held up (the address has 20 free failures).
        WsTestClient other;
        QCOMPARE(typeOf(join(other, QStringLiteral("yan"))), QStringLiteral("joined"));
        // After the wait the owner gets in.
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            WsTestClient retry;
            return typeOf(join(retry, QStringLiteral("zoe"), token)) == QLatin1String("joined");
        }(), 5000);

        const QByteArray m = metrics();
        QVERIFY2(m.contains("collab_auth_failures_total{kind=\"name_token\"} 4\n"), m.constData());
        QVERIFY(m.contains("collab_auth_failures_total{kind=\"join_code\"} 0\n"));
        QVERIFY(!m.contains("collab_auth_throttled_total 0\n"));
    }

    void failedSecretsAndJoinCodesBackOffPerAddress()
    {
        QVERIFY(start([](LimitsConfig &l) { l.authFailuresPerAddress = 4; l.authFailuresPerName = 0; }));
        // Wrong instructor secrets and join codes, under changing names, add up per address.
        for (int i = 0; i < 2; ++i) {
            WsTestClient c;
            QCOMPARE(codeOf(join(c, QStringLiteral("prof.lee"), QStringLiteral("not-it-%1").arg(i))), QStringLiteral("not_authenticated"));
        }
        for (int i = 0; i < 3; ++i) {
            WsTestClient c;
            QCOMPARE(codeOf(join(c, QStringLiteral("guesser%1").arg(i), {}, kCourse, QStringLiteral("code-%1").arg(i))),
                     QStringLiteral("wrong_join_code"));
        }
        WsTestClient blocked;
        const QJsonObject r = join(blocked, QStringLiteral("honest"), {}, kCourse, kCode);
        QCOMPARE(codeOf(r), QStringLiteral("rate_limited"));
        QVERIFY(r.value(QLatin1String("retryAfterMs")).toInteger() > 0);
        // REST from that address waits too: the address is what guesses.
        const HttpResult rest = call("GET", QStringLiteral("/api/v1/courses"));
        QCOMPARE(rest.status, 429);
        const QByteArray m = metrics();
        QVERIFY2(m.contains("collab_auth_failures_total{kind=\"instructor_secret\"} 2\n"), m.constData());
        QVERIFY(m.contains("collab_auth_failures_total{kind=\"join_code\"} 3\n"));
        bool joined = false; // QTRY evaluates once more after success: a second claim would fail
        QTRY_VERIFY_WITH_TIMEOUT(joined || [&] {
            WsTestClient retry;
            return joined = typeOf(join(retry, QStringLiteral("honest"))) == QLatin1String("joined");
        }(), 5000);
    }

    void failedApiKeysBackOff()
    {
        QVERIFY(start([](LimitsConfig &l) { l.authFailuresPerAddress = 3; }));
        for (int i = 0; i < 4; ++i) {
            const HttpResult r = call("GET", QStringLiteral("/api/v1/courses"), {}, "guess-" + QByteArray::number(i));
            QCOMPARE(r.status, 401);
        }
        // The right key waits too, told when to come back.
        const HttpResult limited = call("GET", QStringLiteral("/api/v1/courses"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("rate_limited"));
        QCOMPARE(limited.retryAfter, QByteArray("1"));
        QVERIFY(limited.json.value(QLatin1String("error")).toObject().value(QLatin1String("retryAfterMs")).toInteger() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(call("GET", QStringLiteral("/api/v1/courses")).status, 200, 5000);
        const QByteArray m = metrics();
        QVERIFY2(m.contains("collab_auth_failures_total{kind=\"api_key\"} 4\n"), m.constData());
    }

    void newNamesAreBoundedPerAddress()
    {
        QVERIFY(start([](LimitsConfig &l) { l.newNamesPerAddressPerMinute = 5; }));
        QString firstToken;
        for (int i = 0; i < 5; ++i) {
            WsTestClient c;
            const QJsonObject r = join(c, QStringLiteral("flood%1").arg(i));
            QCOMPARE(typeOf(r), QStringLiteral("joined"));
            if (i == 0)
                firstToken = r.value(QLatin1String("token")).toString();
        }
        WsTestClient sixth;
        const QJsonObject refused = join(sixth, QStringLiteral("flood5"));
        QCOMPARE(codeOf(refused), QStringLiteral("rate_limited"));
        QVERIFY(refused.value(QLatin1String("message")).toString().contains(QLatin1String("new names")));
        QVERIFY(refused.value(QLatin1String("retryAfterMs")).toInteger() > 0);
        // A name already claimed is not a new one.
        WsTestClient back;
        QCOMPARE(typeOf(join(back, QStringLiteral("FLOOD0"), firstToken)), QStringLiteral("joined"));
        const QByteArray m = metrics();
        QVERIFY2(m.contains("collab_new_names_refused_total 1\n"), m.constData());
    }

    void newNamesAreBoundedPerCourse()
    {
        QVERIFY(start([](LimitsConfig &l) {
            l.newNamesPerAddressPerMinute = 0;
            l.newNamesPerCoursePerMinute = 3;
        }));
        for (int i = 0; i < 3; ++i) {
            WsTestClient c;
            QCOMPARE(typeOf(join(c, QStringLiteral("crowd%1").arg(i))), QStringLiteral("joined"));
        }
        WsTestClient fourth;
        QCOMPARE(codeOf(join(fourth, QStringLiteral("crowd3"))), QStringLiteral("rate_limited"));
        // Another course has its own bound.
        WsTestClient elsewhere;
        QCOMPARE(typeOf(join(elsewhere, QStringLiteral("crowd3"), {}, QStringLiteral("MATH101"), QStringLiteral("sum-of-parts"))),
                 QStringLiteral("joined"));
    }

    void instructorsPurgeUnusedClaims()
    {
        WsTestClient prof;
        QCOMPARE(typeOf(join(prof, QStringLiteral("prof.lee"), QStringLiteral("lee-secret-1"))), QStringLiteral("joined"));
        {
            WsTestClient poster;
            QCOMPARE(typeOf(join(poster, QStringLiteral("poster"))), QStringLiteral("joined"));
            QCOMPARE(typeOf(poster.request({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("course"), kCourse},
                                            {QStringLiteral("channel"), QStringLiteral("general")},
                                            {QStringLiteral("text"), QStringLiteral("I am real")},
                                            {QStringLiteral("clientMsgId"), QStringLiteral("p1")}})),
                     QStringLiteral("ack"));
            WsTestClient squatter;
            QCOMPARE(typeOf(join(squatter, QStringLiteral("squatter"))), QStringLiteral("joined"));
        }
        WsTestClient lurker; // online: kept
        QCOMPARE(typeOf(join(lurker, QStringLiteral("lurker"))), QStringLiteral("joined"));
        QTRY_VERIFY_WITH_TIMEOUT(isOffline(QStringLiteral("squatter")) && isOffline(QStringLiteral("poster")), 5000);

        // A student may not purge.
        QCOMPARE(codeOf(lurker.request({{QStringLiteral("type"), QStringLiteral("claims.purge")}, {QStringLiteral("course"), kCourse}})),
                 QStringLiteral("forbidden"));
        const QJsonObject purged = prof.request({{QStringLiteral("type"), QStringLiteral("claims.purge")}, {QStringLiteral("course"), kCourse}});
        QCOMPARE(typeOf(purged), QStringLiteral("ack"));
        QStringList names;
        for (const QJsonValue &v : purged.value(QLatin1String("purged")).toArray())
            names << v.toString();
        QCOMPARE(names, QStringList{QStringLiteral("squatter")});
        // Every member sees it; the name is free again (no token needed) and off the roster.
        QVERIFY(!prof.waitFor([](const QJsonObject &o) { return o.value(QLatin1String("kind")).toString() == QLatin1String("member.purged"); }).isEmpty());
        WsTestClient newOwner;
        const QJsonObject r = join(newOwner, QStringLiteral("Squatter"));
        QCOMPARE(typeOf(r), QStringLiteral("joined"));
        QVERIFY(!r.value(QLatin1String("token")).toString().isEmpty());
        QVERIFY(!memberNames(r).contains(QStringLiteral("squatter")));
        QVERIFY(memberNames(r).contains(QStringLiteral("poster")));

        // The REST route does the same for an API key of the course.
        newOwner.close();
        QTRY_VERIFY_WITH_TIMEOUT(isOffline(QStringLiteral("Squatter")), 5000);
        const HttpResult rest = call("POST", QStringLiteral("/api/v1/courses/CECS327/claims/purge"));
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.json.value(QLatin1String("purged")).toArray(), QJsonArray{QStringLiteral("Squatter")});
        QCOMPARE(call("POST", QStringLiteral("/api/v1/courses/MATH101/claims/purge")).status, 403);
    }

    void framesBeforeHelloAreBounded()
    {
        WsTestClient c;
        QVERIFY(c.open(wsUrl()));
        for (int i = 0; i < 16; ++i) {
            const int before = c.receivedCount();
            c.sendText(i % 2 ? QStringLiteral("not json") : QStringLiteral(R"({"type":"ping"})"));
            QVERIFY(!c.waitFor([](const QJsonObject &) { return true; }, 5000, before).isEmpty());
        }
        QVERIFY(c.isConnected());
        c.sendText(QStringLiteral(R"({"type":"ping"})"));
        QTRY_COMPARE_WITH_TIMEOUT(c.closeCode(), 1008, 5000);
        QCOMPARE(c.socket().closeReason(), QStringLiteral("hello expected: 16 frames sent before it"));
        QVERIFY(metrics().contains("collab_ws_pre_hello_closes_total 1\n"));

        // After hello there is no such budget.
        WsTestClient member;
        QCOMPARE(typeOf(join(member, QStringLiteral("chatty"))), QStringLiteral("joined"));
        for (int i = 0; i < 40; ++i)
            QCOMPARE(typeOf(member.request({{QStringLiteral("type"), QStringLiteral("ping")}})), QStringLiteral("pong"));
    }

    void serverRefusesInstructorWithoutSecret()
    {
        QJsonObject json = QJsonDocument::fromJson(kConfig).object();
        QJsonArray courses = json.value(QLatin1String("courses")).toArray();
        QJsonObject course = courses[0].toObject();
        course.insert(QStringLiteral("instructors"), QJsonArray{QStringLiteral("prof.lee")});
        courses[0] = course;
        json.insert(QStringLiteral("courses"), courses);
        const QString path = m_dir.filePath(QStringLiteral("no-secret.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(json).toJson());
        file.close();

        auto run = [&](const QStringList &extra, QProcess &process) {
            process.setProgram(QStringLiteral(COLLAB_SERVER_BIN));
            process.setArguments(QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                                             m_dir.filePath(QStringLiteral("process-data")), QStringLiteral("--config"), path}
                                 + extra);
            return startServerProcess(process);
        };
        QProcess refused;
        QCOMPARE(run({}, refused), quint16(0));
        QTRY_COMPARE_WITH_TIMEOUT(refused.state(), QProcess::NotRunning, 10000);
        QCOMPARE(refused.exitStatus(), QProcess::NormalExit);
        QVERIFY(refused.exitCode() != 0);
        const QString why = QString::fromUtf8(refused.readAllStandardError());
        QVERIFY2(why.contains(QLatin1String("CECS327/prof.lee")) && why.contains(QLatin1String("--demo")), qPrintable(why));

        QProcess demo;
        const quint16 port = run({QStringLiteral("--demo")}, demo);
        QVERIFY(port != 0);
        demo.terminate();
        QVERIFY(demo.waitForFinished(10000));

        // The packaged example's placeholder is no secret either.
        const QByteArray placeholder = R"({"courses": [{"id": "C1", "joinCode": "x",
            "instructors": [{"user": "prof.lee", "secret": "CHANGE-ME-INSTRUCTOR-SECRET"}]}]})";
        const collab::Result<ServerConfig> loaded = ServerConfig::fromJson(QJsonDocument::fromJson(placeholder).object());
        QVERIFY(!loaded);
        QVERIFY(loaded.error().message.contains(QLatin1String("placeholder")));
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
