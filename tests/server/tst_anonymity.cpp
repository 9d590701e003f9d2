// Anonymous to classmates (issue 14, part 6), checked on the wire: a student's client records
// EVERY text frame it receives (live events, the joined answer, history pages, threads, pins,
// questions, a resume's replay) and none of them ties the author's name to the anonymous posts;
// nor do REST answers to an integration key, /metrics, or the server's log at its default level.
// Moderators see the author; the author still edits and deletes their post; the pseudonym is
// stable in a thread; the course setting decides who may post anonymously.
#include "interactiontesthelpers.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkReply>
#include <QTest>

using namespace interactiontest;

namespace {

const QString kAuthor = QStringLiteral("zed.quietly");
const QString kSecretText = QStringLiteral("Is it OK that I still do not get Paxos?");
const QString kSecretReply = QStringLiteral("Same here, and lecture 5 did not help me");

QMutex g_logMutex;
QStringList g_log; // every message at info level or above, as the server would print it
QtMessageHandler g_previous = nullptr;

void recordLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg) {
        QMutexLocker lock(&g_logMutex);
        g_log << QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message;
    }
    if (g_previous)
        g_previous(type, context, message);
}

// A client that keeps every text frame exactly as it came off the socket.
struct Recorder
{
    std::unique_ptr<WsTestClient> client;
    QStringList frames;

    void attach()
    {
        QObject::connect(&client->socket(), &QWebSocket::textMessageReceived, client.get(), [this](const QString &frame) { frames << frame; });
    }
};

} // namespace

class TestAnonymity : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_nam;
    Recorder m_carol;                    // a classmate, recording from before her hello
    std::unique_ptr<WsTestClient> m_zed; // the author
    std::unique_ptr<WsTestClient> m_prof;
    std::unique_ptr<WsTestClient> m_ben;
    quint64 m_question = 0;
    quint64 m_reply = 0;
    QString m_pseudonym;

    HttpResult rest(const QByteArray &verb, const QString &path, const QJsonObject &body = {})
    {
        return http(m_nam, m_server, verb, path, body.isEmpty() ? QByteArray() : json(body), TestServer::ApiKey);
    }

private Q_SLOTS:
    void initTestCase()
    {
        g_previous = qInstallMessageHandler(recordLog);
        m_server.setConfig(coursetest::config());
        m_server.setLimits(TestServer::unlimited());
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_carol.client = std::make_unique<WsTestClient>();
        m_carol.attach();
        QVERIFY(m_carol.client->open(m_server.wsUrl()));
        QVERIFY(!m_carol.client->helloAndJoin(QStringLiteral("carol.diaz"), Course, JoinCode).isEmpty());
        m_zed = joinedAs(m_server.wsUrl(), kAuthor);
        m_prof = joinedAs(m_server.wsUrl(), QStringLiteral("prof.lee"));
        m_ben = joinedAs(m_server.wsUrl(), QStringLiteral("ben.ortiz"));
        QVERIFY(m_zed && m_prof && m_ben);
    }

    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void theCourseSettingDecides()
    {
        // Default "questions": a plain anonymous post is refused, an anonymous question is not.
        QCOMPARE(code(post(*m_zed, QStringLiteral("general"), QStringLiteral("hi"), {{QStringLiteral("anonymous"), true}})), QStringLiteral("forbidden"));
        QCOMPARE(code(m_ben->request(withCourse("anonymity.set", {{QStringLiteral("mode"), QStringLiteral("all")}}))), QStringLiteral("forbidden"));
        QCOMPARE(code(m_prof->request(withCourse("anonymity.set", {{QStringLiteral("mode"), QStringLiteral("sometimes")}}))), QStringLiteral("invalid_value"));
        QVERIFY(isAck(m_prof->request(withCourse("anonymity.set", {{QStringLiteral("mode"), QStringLiteral("off")}}))));
        QCOMPARE(code(post(*m_zed, QStringLiteral("homework"), QStringLiteral("q?"), {{QStringLiteral("anonymous"), true}, {QStringLiteral("question"), true}})),
                 QStringLiteral("forbidden"));
        QVERIFY(isAck(m_prof->request(withCourse("anonymity.set", {{QStringLiteral("mode"), QStringLiteral("questions")}}))));
    }

    void anAnonymousQuestionAndReply()
    {
        const QJsonObject asked = post(*m_zed, QStringLiteral("homework"), kSecretText, {{QStringLiteral("anonymous"), true}, {QStringLiteral("question"), true}});
        QVERIFY2(isAck(asked), json(asked).constData());
        m_question = idOf(asked);
        QVERIFY(isAck(post(*m_ben, QStringLiteral("homework"), QStringLiteral("Try the Part-Time Parliament paper"), {{QStringLiteral("replyTo"), double(m_question)}})));
        const QJsonObject replied = post(*m_zed, QStringLiteral("homework"), kSecretReply, {{QStringLiteral("anonymous"), true}, {QStringLiteral("replyTo"), double(m_question)}});
        QVERIFY2(isAck(replied), json(replied).constData());
        m_reply = idOf(replied);

        // The moderator sees who it was; the classmate sees a pseudonym, the same in the thread.
        const QJsonObject profEvent = m_prof->waitFor([&](const QJsonObject &o) {
            return type(o) == QLatin1String("event") && quint64(o.value(QLatin1String("seq")).toDouble()) == m_question;
        });
        QCOMPARE(profEvent.value(QLatin1String("data")).toObject().value(QLatin1String("author")).toString(), kAuthor);
        const QJsonObject seen = m_carol.client->waitFor([&](const QJsonObject &o) {
            return type(o) == QLatin1String("event") && quint64(o.value(QLatin1String("seq")).toDouble()) == m_question;
        });
        const QJsonObject data = seen.value(QLatin1String("data")).toObject();
        QVERIFY(!data.contains(QLatin1String("author")));
        m_pseudonym = data.value(QLatin1String("pseudonym")).toString();
        QVERIFY2(m_pseudonym.startsWith(QStringLiteral("Anonymous ")), qPrintable(m_pseudonym));
        const QJsonObject thread = m_carol.client->request(withCourse("thread", {{QStringLiteral("id"), double(m_question)}}));
        const QJsonArray replies = thread.value(QLatin1String("replies")).toArray();
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies.at(1).toObject().value(QLatin1String("pseudonym")).toString(), m_pseudonym);
        QVERIFY(thread.value(QLatin1String("root")).toObject().value(QLatin1String("repliers")).toArray().contains(m_pseudonym));
        // The author's own client knows the post is theirs.
        const QJsonObject own = m_zed->request(withCourse("thread", {{QStringLiteral("id"), double(m_question)}}));
        QVERIFY(own.value(QLatin1String("root")).toObject().value(QLatin1String("mine")).toBool());
    }

    void theAuthorStillEditsAndDeletes()
    {
        QVERIFY(isAck(m_zed->request(withCourse("chat.edit", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("text"), QString(kSecretText + QStringLiteral(" (edited)"))}}))));
        QCOMPARE(code(m_ben->request(withCourse("chat.edit", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("text"), QStringLiteral("hijack")}}))),
                 QStringLiteral("forbidden"));
        QVERIFY(isAck(m_zed->request(withCourse("question.update", {{QStringLiteral("id"), double(m_question)}, {QStringLiteral("resolved"), true}}))));
        QVERIFY(isAck(m_zed->request(withCourse("chat.delete", {{QStringLiteral("id"), double(m_reply)}}))));
        QVERIFY(isAck(m_prof->request(withCourse("pin", {{QStringLiteral("id"), double(m_question)}}))));
        const QJsonObject edited = eventOf(*m_carol.client, QStringLiteral("chat.edited"));
        QCOMPARE(edited.value(QLatin1String("data")).toObject().value(QLatin1String("by")).toString(), m_pseudonym);
        eventOf(*m_carol.client, QStringLiteral("chat.deleted"));
        eventOf(*m_carol.client, QStringLiteral("message.pinned"));
    }

    void everyReadPathShowsThePseudonymOnly()
    {
        WsTestClient &carol = *m_carol.client;
        const QJsonObject history = carol.request(withCourse("history", {{QStringLiteral("channel"), QStringLiteral("homework")}}));
        QVERIFY(type(history) == QLatin1String("history"));
        // The author edited their question: "edited by" names the pseudonym, never the author.
        bool sawQuestion = false;
        for (const QJsonValue &v : history.value(QLatin1String("messages")).toArray()) {
            const QJsonObject m = v.toObject();
            if (quint64(m.value(QLatin1String("id")).toDouble()) != m_question)
                continue;
            sawQuestion = true;
            QCOMPARE(m.value(QLatin1String("editedBy")).toString(), m_pseudonym);
        }
        QVERIFY(sawQuestion);
        QVERIFY(isAck(carol.request(withCourse("thread", {{QStringLiteral("id"), double(m_question)}}))));
        QVERIFY(isAck(carol.request(withCourse("questions", {{QStringLiteral("unresolved"), false}}))));
        QVERIFY(isAck(carol.request(withCourse("pins", {{QStringLiteral("channel"), QStringLiteral("homework")}}))));
        // A resume replays every event since the start, and a fresh join sends history pages.
        carol.close();
        m_carol.client = std::make_unique<WsTestClient>();
        m_carol.attach();
        QVERIFY(m_carol.client->open(m_server.wsUrl()));
        const QJsonObject resumed = m_carol.client->helloAndJoin(QStringLiteral("carol.diaz"), Course, JoinCode, 0);
        QVERIFY(resumed.value(QLatin1String("recovered")).toBool());
        m_carol.client->waitFor([&](const QJsonObject &o) { return type(o) == QLatin1String("event") && o.value(QLatin1String("kind")).toString() == QLatin1String("message.pinned"); });
        auto again = joinedAs(m_server.wsUrl(), QStringLiteral("carol.diaz"));
        QVERIFY(again);
        Recorder fresh{std::move(again), {}};
        for (const QJsonObject &o : fresh.client->received())
            m_carol.frames << QString::fromUtf8(json(o));

        // Every frame carol got: her name-bearing frames are the roster's (presence, member.joined,
        // the joined answer) and say nothing of the posts; the posts themselves came as the pseudonym.
        int aboutThePost = 0;
        for (const QString &frame : std::as_const(m_carol.frames)) {
            const bool namesAuthor = frame.contains(kAuthor, Qt::CaseInsensitive);
            const bool aboutPost = frame.contains(m_pseudonym) || frame.contains(QStringLiteral("Paxos")) || frame.contains(QStringLiteral("lecture 5"));
            aboutThePost += aboutPost;
            QVERIFY2(!(namesAuthor && aboutPost), qPrintable(QStringLiteral("a classmate got the author with the post: ") + frame.left(400)));
            if (namesAuthor) {
                const QJsonObject o = QJsonDocument::fromJson(frame.toUtf8()).object();
                const bool roster = type(o) == QLatin1String("presence") || type(o) == QLatin1String("joined")
                                    || o.value(QLatin1String("kind")).toString() == QLatin1String("member.joined");
                QVERIFY2(roster, qPrintable(QStringLiteral("the author's name in a frame that is not the roster: ") + frame.left(400)));
            }
        }
        QVERIFY2(aboutThePost >= 10, qPrintable(QString::number(aboutThePost))); // she did receive the posts
    }

    void restMetricsAndLogsDoNotNameTheAuthor()
    {
        const QStringList paths{QStringLiteral("/api/v1/courses/CECS327/channels/homework/messages"),
                                QStringLiteral("/api/v1/courses/CECS327/messages/%1/thread").arg(m_question),
                                QStringLiteral("/api/v1/courses/CECS327/questions?state=all"),
                                QStringLiteral("/api/v1/courses/CECS327/channels/homework/pins")};
        for (const QString &path : paths) {
            const HttpResult r = rest("GET", path);
            QCOMPARE(r.status, 200);
            const QByteArray body = json(r.json);
            QVERIFY2(body.contains(m_pseudonym.toUtf8()), qPrintable(path));
            QVERIFY2(!body.contains(kAuthor.toUtf8()), qPrintable(path + QLatin1Char(' ') + QString::fromUtf8(body.left(400))));
        }
        // An integration key that edits the post (it may change messages) is answered without the author.
        const HttpResult edited = rest("PATCH", QStringLiteral("/api/v1/courses/CECS327/messages/%1").arg(m_question), {{QStringLiteral("text"), QStringLiteral("moderated")}});
        QCOMPARE(edited.status, 200);
        QVERIFY(!json(edited.json).contains(kAuthor.toUtf8()));

        QNetworkRequest metrics(m_server.httpUrl(QStringLiteral("/metrics")));
        QNetworkReply *reply = m_nam.get(metrics);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
        const QByteArray text = reply->readAll();
        reply->deleteLater();
        QVERIFY(text.contains("collab_"));
        QVERIFY(!text.contains(kAuthor.toUtf8()));

        QMutexLocker lock(&g_logMutex);
        for (const QString &line : std::as_const(g_log))
            QVERIFY2(!(line.contains(kAuthor) && (line.contains(m_pseudonym) || line.contains(QStringLiteral("Paxos")))),
                     qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TestAnonymity)
#include "tst_anonymity.moc"
