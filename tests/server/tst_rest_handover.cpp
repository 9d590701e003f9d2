// REST requests are parsed in the HTTP thread and handled in the hub thread (HttpFrontend,
// RestRouter): the handover keeps the order of the posts, retries stay idempotent under
// concurrency, a post is readable as soon as its 201 is out, and requests still in flight when
// the server stops are dropped without a crash.
#include "rawhttpclient.h"
#include "testserver.h"

#include "rest/httpfrontend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QByteArray MessagesPath = "/api/v1/courses/CECS327/channels/general/messages";

QByteArray postRequest(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + MessagesPath + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer::ApiKey
           + "\r\nContent-Type: application/json\r\n" + extraHeaders + "Content-Length: " + QByteArray::number(body.size())
           + "\r\n\r\n" + body;
}

struct Answer
{
    int status = 0;
    QJsonObject json;
};

// RawHttpClient (pipelined requests, answers parsed from the byte stream) with JSON bodies.
class RawHttp
{
public:
    bool connect(quint16 port) { return m_client.connectTo(port); }
    void send(const QByteArray &bytes) { m_client.socket.write(bytes); }
    void abort() { m_client.socket.abort(); }

    // Waits for `count` complete answers, or the end of the connection.
    QList<Answer> read(int count)
    {
        QList<Answer> answers;
        for (const RawHttpAnswer &a : m_client.read(count, 20000))
            answers << Answer{a.status, QJsonDocument::fromJson(a.body).object()};
        return answers;
    }

private:
    RawHttpClient m_client;
};

QByteArray getRequest(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer::ApiKey + "\r\n\r\n";
}

quint64 seqOf(const Answer &a) { return quint64(a.json.value(QLatin1String("seq")).toDouble()); }
quint64 idOf(const Answer &a)
{
    return quint64(a.json.value(QLatin1String("message")).toObject().value(QLatin1String("id")).toDouble());
}

} // namespace

class TestRestHandover : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setLimits(TestServer::unlimited());
        QVERIFY(m_server.start());
    }

    // 100 posts written at once on one connection: answered in order, stored in that order.
    void pipelinedPostsKeepTheirOrder()
    {
        RawHttp http;
        QVERIFY(http.connect(m_server.port()));
        QByteArray all;
        const int n = 100;
        for (int i = 0; i < n; ++i)
            all += postRequest("{\"text\":\"ordered " + QByteArray::number(i) + "\"}");
        http.send(all);
        const QList<Answer> answers = http.read(n);
        QCOMPARE(answers.size(), n);
        for (int i = 0; i < n; ++i) {
            QCOMPARE(answers[i].status, 201);
            QCOMPARE(answers[i].json.value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString(),
                     QStringLiteral("ordered %1").arg(i));
            if (i > 0)
                QVERIFY(seqOf(answers[i]) > seqOf(answers[i - 1]));
        }

        http.send("GET " + MessagesPath + "?limit=" + QByteArray::number(n) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + TestServer::ApiKey + "\r\n\r\n");
        const QList<Answer> listed = http.read(1);
        QCOMPARE(listed.size(), 1);
        const QJsonArray messages = listed[0].json.value(QLatin1String("messages")).toArray();
        QCOMPARE(messages.size(), n);
        for (int i = 0; i < n; ++i)
            QCOMPARE(messages[i].toObject().value(QLatin1String("text")).toString(), QStringLiteral("ordered %1").arg(i));
    }

    // RFC 9112 9.3.2: answers in the order of the requests, although the hub answers the 400 and
    // the 404 at once and the posts only after their commit.
    void pipelinedAnswersKeepRequestOrder()
    {
        RawHttp http;
        QVERIFY(http.connect(m_server.port()));
        for (int round = 0; round < 20; ++round) {
            const QByteArray tag = QByteArray::number(round);
            http.send(postRequest("{\"text\":\"first " + tag + "\"}") + postRequest("") + getRequest("/api/v1/no-such-route")
                      + postRequest("{\"text\":\"second " + tag + "\"}"));
            const QList<Answer> answers = http.read(4);
            QCOMPARE(answers.size(), 4);
            QCOMPARE(answers[0].status, 201);
            QCOMPARE(answers[0].json.value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString(),
                     QString::fromLatin1("first " + tag));
            QCOMPARE(answers[1].status, 400);
            QCOMPARE(answers[1].json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                     QStringLiteral("bad_json"));
            QCOMPARE(answers[2].status, 404);
            QCOMPARE(answers[3].status, 201);
            QCOMPARE(answers[3].json.value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString(),
                     QString::fromLatin1("second " + tag));
        }
    }

    // Clients that go away with answers pending (some of them already waiting behind an earlier
    // one): the server keeps serving the others and keeps nothing of them.
    void clientGoneWithAnswersPending()
    {
        for (int i = 0; i < 5; ++i) {
            RawHttp gone;
            QVERIFY(gone.connect(m_server.port()));
            QByteArray all;
            for (int j = 0; j < 50; ++j)
                all += postRequest("{\"text\":\"gone\"}") + postRequest("") + getRequest("/api/v1/no-such-route");
            gone.send(all);
            QVERIFY(gone.read(1).size() >= 1); // the server has started answering
            gone.abort();
        }
        RawHttp http;
        QVERIFY(http.connect(m_server.port()));
        http.send(postRequest("{\"text\":\"still served\"}") + postRequest(""));
        const QList<Answer> answers = http.read(2);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 201);
        QCOMPARE(answers[1].status, 400);
        http.abort();
        QTRY_COMPARE_WITH_TIMEOUT(m_server.instance()->httpFrontend().openExchanges(), (std::pair<size_t, size_t>(0, 0)), 20000);
    }

    // The same Idempotency-Key from several connections at once: one message, one 201.
    void concurrentRetriesStoreOneMessage()
    {
        const int clients = 8;
        std::vector<std::unique_ptr<RawHttp>> http;
        for (int i = 0; i < clients; ++i) {
            http.push_back(std::make_unique<RawHttp>());
            QVERIFY(http.back()->connect(m_server.port()));
        }
        for (auto &h : http)
            h->send(postRequest("{\"text\":\"exactly once\"}", "Idempotency-Key: handover-1\r\n"));
        QList<Answer> answers;
        for (auto &h : http)
            answers += h->read(1);
        QCOMPARE(answers.size(), clients);
        int created = 0;
        for (const Answer &a : answers) {
            QVERIFY2(a.status == 201 || a.status == 200, qPrintable(QString::number(a.status)));
            created += a.status == 201 ? 1 : 0;
            if (a.status == 200)
                QCOMPARE(a.json.value(QLatin1String("duplicate")).toBool(), true);
            QCOMPARE(idOf(a), idOf(answers[0]));
        }
        QCOMPARE(created, 1);
    }

    // Right after each 201, a GET on another connection already sees the message.
    void postIsReadableAfterItsAnswer()
    {
        RawHttp writer;
        RawHttp reader;
        QVERIFY(writer.connect(m_server.port()));
        QVERIFY(reader.connect(m_server.port()));
        for (int i = 0; i < 20; ++i) {
            writer.send(postRequest("{\"text\":\"visible " + QByteArray::number(i) + "\"}"));
            const QList<Answer> posted = writer.read(1);
            QCOMPARE(posted.size(), 1);
            QCOMPARE(posted[0].status, 201);
            const QByteArray since = QByteArray::number(idOf(posted[0]) - 1);
            reader.send("GET " + MessagesPath + "?since=" + since + "&limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + TestServer::ApiKey + "\r\n\r\n");
            const QList<Answer> listed = reader.read(1);
            QCOMPARE(listed.size(), 1);
            const QJsonArray messages = listed[0].json.value(QLatin1String("messages")).toArray();
            QCOMPARE(messages.size(), 1);
            QCOMPARE(quint64(messages[0].toObject().value(QLatin1String("id")).toDouble()), idOf(posted[0]));
        }
    }

    // Stopping the server with posts still on their way between the threads: no crash, and every
    // post that got its 201 is there after a restart.
    void stopWithRequestsInFlight()
    {
        TestServer server;
        server.setLimits(TestServer::unlimited());
        QVERIFY(server.start());
        QList<Answer> answered;
        {
            RawHttp http;
            QVERIFY(http.connect(server.port()));
            QByteArray all;
            for (int i = 0; i < 300; ++i)
                all += postRequest("{\"text\":\"in flight " + QByteArray::number(i) + "\"}");
            http.send(all);
            answered = http.read(10);
            QVERIFY(answered.size() >= 10);
            server.stop();
        }
        QVERIFY(server.start());
        RawHttp http;
        QVERIFY(http.connect(server.port()));
        for (const Answer &a : std::as_const(answered)) {
            QCOMPARE(a.status, 201);
            http.send("GET " + MessagesPath + "?since=" + QByteArray::number(idOf(a) - 1)
                      + "&limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer::ApiKey + "\r\n\r\n");
            const QList<Answer> listed = http.read(1);
            QCOMPARE(listed.size(), 1);
            const QJsonArray messages = listed[0].json.value(QLatin1String("messages")).toArray();
            QCOMPARE(messages.size(), 1);
            QCOMPARE(quint64(messages[0].toObject().value(QLatin1String("id")).toDouble()), idOf(a));
        }
    }
};

QTEST_GUILESS_MAIN(TestRestHandover)
#include "tst_rest_handover.moc"
