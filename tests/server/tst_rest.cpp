// The REST API over real HTTP: auth and scoping, every error status, posts reaching WebSocket
// clients, and the served OpenAPI document matching the registered routes exactly.
#include "rawhttpclient.h"
#include "rest/restapi.h"
#include "testserver.h"
#include "wstestclient.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

#include <optional>

namespace {

struct HttpResult
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
};

QString errorCode(const HttpResult &r)
{
    return r.json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

} // namespace

class TestRest : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QNetworkAccessManager m_http;

    HttpResult call(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                    const QByteArray &key = TestServer::ApiKey, const QHash<QByteArray, QByteArray> &headers = {})
    {
        QNetworkRequest request(m_server.httpUrl(path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (auto it = headers.cbegin(); it != headers.cend(); ++it)
            request.setRawHeader(it.key(), it.value());
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key);
        QNetworkReply *reply = m_http.sendCustomRequest(request, verb, body);
        HttpResult result;
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
            reply->abort();
            reply->deleteLater();
            return result;
        }
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        reply->deleteLater();
        return result;
    }


    HttpResult post(const QString &text, const QByteArray &extra = {})
    {
        QByteArray body = "{\"text\":\"" + text.toUtf8() + "\"" + extra + "}";
        return call("POST", QStringLiteral("/api/v1/courses/CECS327/channels/general/messages"), body);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void publicRoutes()
    {
        HttpResult r = call("GET", QStringLiteral("/api/v1/health"), {}, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        r = call("GET", QStringLiteral("/openapi.json"), {}, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QLatin1String("openapi")).toString().left(2), QStringLiteral("3."));
        r = call("GET", QStringLiteral("/metrics"), {}, {});
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("collab_ws_connections "));
        QVERIFY(r.body.contains("collab_messages_posted_total "));
    }

    // HEAD answers what GET would, without the body: the same status and headers (Content-Length
    // too), for public and for authenticated routes, errors included.
    void headIsGetWithoutTheBody_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("status");
        QTest::newRow("health") << QStringLiteral("/api/v1/health") << QByteArray() << 200;
        QTest::newRow("messages") << QStringLiteral("/api/v1/courses/CECS327/channels/general/messages")
                                  << QByteArray(TestServer::ApiKey) << 200;
        QTest::newRow("messages without a key") << QStringLiteral("/api/v1/courses/CECS327/channels/general/messages")
                                                << QByteArray() << 401;
        QTest::newRow("no route") << QStringLiteral("/api/v1/nope") << QByteArray() << 404;
    }

    void headIsGetWithoutTheBody()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, key);
        QFETCH(int, status);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server.port()));
        const QByteArray auth = key.isEmpty() ? QByteArray() : "Authorization: Bearer " + key + "\r\n";
        // HEAD then GET on one connection: the HEAD answer must end at its blank line, or the GET's
        // answer would be read as its body.
        client.socket.write("HEAD " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n" + "GET " + path.toUtf8()
                            + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n");
        std::optional<RawHttpAnswer> headAnswer;
        std::optional<RawHttpAnswer> getAnswer;
        QVERIFY(QTest::qWaitFor([&] {
            if (!headAnswer)
                headAnswer = client.takeHead();
            if (headAnswer && !getAnswer)
                getAnswer = client.take();
            return getAnswer.has_value();
        }, 10000));
        QVERIFY(headAnswer->head.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')));
        // Same headers; the bodies differ only where GET's answer changes between the two calls.
        QCOMPARE(headAnswer->head.left(headAnswer->head.indexOf("Content-Length")), getAnswer->head.left(getAnswer->head.indexOf("Content-Length")));
        QVERIFY(headAnswer->head.contains("\r\nContent-Length: "));
        QVERIFY(client.buffer.isEmpty());
    }

    void openApiListsExactlyTheRegisteredRoutes()
    {
        QSet<QString> registered;
        for (const collab::server::RouteInfo &route : m_server.instance()->restApi().routes())
            registered.insert(route.method + QLatin1Char(' ') + route.path);
        const HttpResult r = call("GET", QStringLiteral("/openapi.json"), {}, {});
        QSet<QString> documented;
        const QJsonObject paths = r.json.value(QLatin1String("paths")).toObject();
        for (auto it = paths.begin(); it != paths.end(); ++it)
            for (const QString &method : it.value().toObject().keys())
                documented.insert(method + QLatin1Char(' ') + it.key());
        QVERIFY(!registered.isEmpty());
        QCOMPARE(registered - documented, QSet<QString>());
        QCOMPARE(documented - registered, QSet<QString>());
    }

    void authAndScope_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QString cecs = QStringLiteral("/api/v1/courses/CECS327/channels/general/messages");
        QTest::newRow("no key") << QByteArray() << cecs << 401 << QStringLiteral("not_authenticated");
        QTest::newRow("wrong key") << QByteArray("not-the-key") << cecs << 401 << QStringLiteral("not_authenticated");
        QTest::newRow("course outside the key") << QByteArray(TestServer::ApiKey)
                                                << QStringLiteral("/api/v1/courses/MATH101/channels/general/messages") << 403
                                                << QStringLiteral("forbidden");
        QTest::newRow("course that does not exist") << QByteArray(TestServer::ApiKey)
                                                    << QStringLiteral("/api/v1/courses/NOPE/presence") << 403
                                                    << QStringLiteral("forbidden");
        QTest::newRow("presence needs a key") << QByteArray() << QStringLiteral("/api/v1/courses/CECS327/presence") << 401
                                              << QStringLiteral("not_authenticated");
        QTest::newRow("course list needs a key") << QByteArray() << QStringLiteral("/api/v1/courses") << 401
                                                 << QStringLiteral("not_authenticated");
        QTest::newRow("unknown channel") << QByteArray(TestServer::ApiKey)
                                         << QStringLiteral("/api/v1/courses/CECS327/channels/random/messages") << 404
                                         << QStringLiteral("unknown_channel");
        QTest::newRow("unknown route") << QByteArray(TestServer::ApiKey) << QStringLiteral("/api/v2/everything") << 404
                                       << QStringLiteral("not_found");
        QTest::newRow("bad limit") << QByteArray(TestServer::ApiKey) << (cecs + QStringLiteral("?limit=9999")) << 400
                                   << QStringLiteral("invalid_value");
        QTest::newRow("limit zero") << QByteArray(TestServer::ApiKey) << (cecs + QStringLiteral("?limit=0")) << 400
                                    << QStringLiteral("invalid_value");
        QTest::newRow("bad since") << QByteArray(TestServer::ApiKey) << (cecs + QStringLiteral("?since=abc")) << 400
                                   << QStringLiteral("invalid_value");
    }
    void authAndScope()
    {
        QFETCH(QByteArray, key);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, code);
        const HttpResult r = call("GET", path, {}, key);
        QCOMPARE(r.status, status);
        QCOMPARE(errorCode(r), code);
    }

    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("broken json") << QByteArray("{\"text\":") << 400 << QStringLiteral("bad_json");
        QTest::newRow("array") << QByteArray("[\"text\"]") << 400 << QStringLiteral("bad_json");
        QTest::newRow("empty") << QByteArray() << 400 << QStringLiteral("bad_json");
        QTest::newRow("text a number") << QByteArray("{\"text\":42}") << 400 << QStringLiteral("bad_type");
        QTest::newRow("no text") << QByteArray("{\"author\":\"bot\"}") << 400 << QStringLiteral("missing_field");
        QTest::newRow("blank text") << QByteArray("{\"text\":\"   \"}") << 400 << QStringLiteral("invalid_value");
        QTest::newRow("bad author") << QByteArray("{\"text\":\"x\",\"author\":\"a b\"}") << 400 << QStringLiteral("invalid_value");
        QTest::newRow("text over 16 KiB") << (QByteArray("{\"text\":\"") + QByteArray(17 * 1024, 'x') + "\"}") << 413
                                          << QStringLiteral("too_large");
        QTest::newRow("body over 64 KiB") << (QByteArray("{\"text\":\"x\",\"pad\":\"") + QByteArray(70 * 1024, 'x') + "\"}") << 413
                                          << QStringLiteral("too_large");
    }
    void badBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const HttpResult r = call("POST", QStringLiteral("/api/v1/courses/CECS327/channels/general/messages"), body);
        QCOMPARE(r.status, status);
        QCOMPARE(errorCode(r), code);
        QVERIFY(!r.json.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().isEmpty());
    }

    // A big body is refused from its head, before it is sent or read: the server answers while the
    // client has sent only a few bytes of a 100 MB body, on a fresh or a kept-alive connection.
    void hugeBodiesAreRefusedFromTheirHead_data()
    {
        QTest::addColumn<bool>("afterAnotherRequest");
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("100 MB") << false << QByteArray("Content-Length: 104857600\r\n") << QByteArray("413");
        QTest::newRow("100 MB after a good request") << true << QByteArray("Content-Length: 104857600\r\n") << QByteArray("413");
        QTest::newRow("chunked") << false << QByteArray("Transfer-Encoding: chunked\r\n") << QByteArray("411");
        QTest::newRow("head over 16 KiB") << false << (QByteArray("X-Pad: ") + QByteArray(17000, 'p') + "\r\n") << QByteArray("431");
    }
    void hugeBodiesAreRefusedFromTheirHead()
    {
        QFETCH(bool, afterAnotherRequest);
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, status);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server.port()));
        const QByteArray path = "/api/v1/courses/CECS327/channels/general/messages";
        const QByteArray auth = QByteArray("Authorization: Bearer ") + TestServer::ApiKey + "\r\n";
        if (afterAnotherRequest) {
            const QByteArray body = "{\"text\":\"small first\"}";
            client.socket.write("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: "
                                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            const QList<RawHttpAnswer> first = client.read(1, 5000);
            QCOMPARE(first.size(), 1);
            QVERIFY(first[0].head.startsWith("HTTP/1.1 201"));
        }
        client.socket.write("POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + headers + "\r\n" + QByteArray(1000, 'x'));
        const QList<RawHttpAnswer> refused = client.read(1, 5000);
        QVERIFY2(!refused.isEmpty() && refused[0].head.startsWith(QByteArray("HTTP/1.1 " + status)), client.buffer.left(80).constData());
        QVERIFY(client.waitClosed());
    }

    void postReachesWebSocketClients()
    {
        WsTestClient ws;
        QVERIFY(ws.open(m_server.wsUrl()));
        QVERIFY(!ws.helloAndJoin(QStringLiteral("angie.nguyen"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        const HttpResult r = post(QStringLiteral("Quiz 3 is posted"), ",\"author\":\"canvas-bot\"");
        QCOMPARE(r.status, 201);
        const QJsonObject message = r.json.value(QLatin1String("message")).toObject();
        QCOMPARE(message.value(QLatin1String("author")).toString(), QStringLiteral("canvas-bot"));
        const QJsonObject event = ws.waitFor([](const QJsonObject &o) {
            return o.value(QLatin1String("kind")).toString() == QLatin1String("chat.posted")
                   && o.value(QLatin1String("data")).toObject().value(QLatin1String("text")).toString() == QLatin1String("Quiz 3 is posted");
        });
        QVERIFY(!event.isEmpty());
        QCOMPARE(event.value(QLatin1String("data")).toObject().value(QLatin1String("id")), message.value(QLatin1String("id")));
    }

    // An Idempotency-Key over 64 bytes is refused, not cut: cut, two keys with one prefix collided.
    void longIdempotencyKeyIsRefused()
    {
        const QString path = QStringLiteral("/api/v1/courses/CECS327/channels/general/messages");
        const QByteArray prefix(64, 'k');
        const HttpResult first = call("POST", path, "{\"text\":\"keyed\"}", TestServer::ApiKey, {{"Idempotency-Key", prefix}});
        QCOMPARE(first.status, 201);
        const HttpResult retry = call("POST", path, "{\"text\":\"keyed\"}", TestServer::ApiKey, {{"Idempotency-Key", prefix}});
        QCOMPARE(retry.status, 200); // a key of 64 bytes still works
        const HttpResult longer = call("POST", path, "{\"text\":\"other\"}", TestServer::ApiKey, {{"Idempotency-Key", prefix + "-2"}});
        QCOMPARE(longer.status, 400);
        QCOMPARE(errorCode(longer), QStringLiteral("invalid_value"));
        QVERIFY(longer.json.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().contains(
            QLatin1String("Idempotency-Key")));
    }

    // A retry after the commit is answered from the messages projection (a prepared sqlite3 read):
    // the message it gives is the one the first post answered, field for field, non-ASCII and
    // the key's `via` included.
    void retryAfterCommitAnswersTheStoredMessage()
    {
        const QString text = QStringLiteral("Grüße 你好 😀 \\\"q\\\" tab\\t");
        const HttpResult first = post(text, ",\"clientMsgId\":\"lms-ü-1\"");
        QCOMPARE(first.status, 201);
        const QJsonObject stored = first.json.value(QLatin1String("message")).toObject();
        QCOMPARE(stored.value(QLatin1String("via")).toString(), QStringLiteral("lms"));
        QCOMPARE(stored.value(QLatin1String("text")).toString(), QStringLiteral("Grüße 你好 😀 \"q\" tab\t"));
        const HttpResult retry = post(text, ",\"clientMsgId\":\"lms-ü-1\"");
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.json.value(QLatin1String("duplicate")).toBool(), true);
        QCOMPARE(retry.json.value(QLatin1String("message")).toObject(), stored);
    }

    // A text that starts with U+FEFF (sent as an escape) is stored and listed as it was: the Hub
    // builds its event data without the JSON parser, which would drop that character. (So would
    // this test's: the answers are checked as bytes, where the server writes it as UTF-8.)
    void leadingByteOrderMarkIsKept()
    {
        const QByteArray expected = "\"text\":\"\xEF\xBB\xBF" "bom first\"";
        const HttpResult posted = post(QStringLiteral("\\ufeffbom first"), ",\"clientMsgId\":\"bom-1\"");
        QCOMPARE(posted.status, 201);
        QVERIFY2(posted.body.contains(expected), posted.body.constData());
        const HttpResult retry = post(QStringLiteral("\\ufeffbom first"), ",\"clientMsgId\":\"bom-1\""); // read back from SQLite
        QCOMPARE(retry.status, 200);
        QVERIFY2(retry.body.contains(expected), retry.body.constData());
        const HttpResult list = call("GET", QStringLiteral("/api/v1/courses/CECS327/channels/general/messages?limit=1"));
        QCOMPARE(list.status, 200);
        QVERIFY2(list.body.contains(expected), list.body.constData());
    }

    void postEditDeleteAndList()
    {
        const HttpResult first = post(QStringLiteral("one"), ",\"clientMsgId\":\"lms-1\"");
        QCOMPARE(first.status, 201);
        const HttpResult retry = post(QStringLiteral("one"), ",\"clientMsgId\":\"lms-1\"");
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.json.value(QLatin1String("duplicate")).toBool(), true);
        const double id = first.json.value(QLatin1String("message")).toObject().value(QLatin1String("id")).toDouble();
        QCOMPARE(retry.json.value(QLatin1String("message")).toObject().value(QLatin1String("id")).toDouble(), id);
        QCOMPARE(post(QStringLiteral("two")).status, 201);

        const QString messagePath = QStringLiteral("/api/v1/courses/CECS327/messages/%1").arg(qint64(id));
        HttpResult r = call("PATCH", messagePath, "{\"text\":\"one (edited)\"}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString(), QStringLiteral("one (edited)"));

        r = call("GET", QStringLiteral("/api/v1/courses/CECS327/channels/general/messages?since=%1&limit=1").arg(qint64(id) - 1));
        QCOMPARE(r.status, 200);
        QJsonArray list = r.json.value(QLatin1String("messages")).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value(QLatin1String("text")).toString(), QStringLiteral("one (edited)"));
        QCOMPARE(r.json.value(QLatin1String("more")).toBool(), true);

        r = call("DELETE", messagePath);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QLatin1String("message")).toObject().value(QLatin1String("deleted")).toBool(), true);
        r = call("PATCH", messagePath, "{\"text\":\"zombie\"}");
        QCOMPARE(r.status, 409);
        QCOMPARE(errorCode(r), QStringLiteral("conflict"));
        QCOMPARE(call("DELETE", QStringLiteral("/api/v1/courses/CECS327/messages/987654")).status, 404);
        QCOMPARE(call("DELETE", QStringLiteral("/api/v1/courses/CECS327/messages/abc")).status, 404);

        r = call("GET", QStringLiteral("/api/v1/courses/CECS327/channels/general/messages?limit=2"));
        list = r.json.value(QLatin1String("messages")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.last().toObject().value(QLatin1String("text")).toString(), QStringLiteral("two"));
    }

    // Answers of pipelined requests are ready in another order than the requests' (errors at once,
    // posts after their commit): they must still arrive whole, byte for byte as before (plus their
    // Date), and in order.
    void pipelinedAnswersArriveWholeAndInOrder()
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server.port()));
        const QByteArray path = "/api/v1/courses/CECS327/channels/general/messages";
        const QByteArray auth = QByteArray("Authorization: Bearer ") + TestServer::ApiKey + "\r\n";
        auto postOf = [&](const QByteArray &body) -> QByteArray {
            return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        // The answers that need no commit come first: the hub thread answers them at once, the
        // posts after their commit (a later error answer would overtake an earlier post's).
        client.socket.write("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n" + postOf("{\"text\":\"\"}") + postOf("{\"text\":\"pipelined 1\"}")
                            + postOf("{\"text\":\"pipelined 2\"}") + postOf("{\"text\":\"pipelined 3\"}"));
        const QList<RawHttpAnswer> answers = client.read(5, 10000);
        QCOMPARE(answers.size(), 5);
        QVERIFY(client.buffer.isEmpty());
        const QByteArray json = "\r\nContent-Type: application/json\r\nContent-Length: ";
        const QList<QByteArray> statusLines{"HTTP/1.1 404 Not Found", "HTTP/1.1 400 Bad Request", "HTTP/1.1 201 Created",
                                            "HTTP/1.1 201 Created", "HTTP/1.1 201 Created"};
        for (int i = 0; i < 5; ++i)
            QCOMPARE(answers[i].headWithoutDate(), statusLines[i] + json + QByteArray::number(answers[i].body.size()));
        const QList<QByteArray> texts{"", "", "pipelined 1", "pipelined 2", "pipelined 3"};
        for (int i : {2, 3, 4}) {
            const QJsonObject body = QJsonDocument::fromJson(answers[i].body).object();
            QCOMPARE(body.value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString().toUtf8(), texts[i]);
        }
        QCOMPARE(QJsonDocument::fromJson(answers[1].body).object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                 QStringLiteral("invalid_value"));
    }

    // A known path with another method: 405 and the methods it has (Allow); a method the server
    // does not implement: 501; an unknown path: 404. JSON errors with a Date, like every answer,
    // and the connection stays open.
    void wrongAndUnknownMethods_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("allow");
        QTest::addColumn<QString>("code");
        const QByteArray messages = "/api/v1/courses/CECS327/channels/general/messages";
        QTest::newRow("DELETE health") << QByteArray("DELETE /api/v1/health") << 405 << QByteArray("GET, HEAD")
                                       << QStringLiteral("method_not_allowed");
        QTest::newRow("PUT messages") << "PUT " + messages << 405 << QByteArray("GET, HEAD, POST") << QStringLiteral("method_not_allowed");
        QTest::newRow("GET edits") << QByteArray("GET /api/v1/courses/CECS327/notes/class-notes/edits") << 405 << QByteArray("POST")
                                   << QStringLiteral("method_not_allowed");
        QTest::newRow("HEAD edits") << QByteArray("HEAD /api/v1/courses/CECS327/notes/class-notes/edits") << 405
                                    << QByteArray("POST") << QString();
        QTest::newRow("POST a message id") << QByteArray("POST /api/v1/courses/CECS327/messages/1") << 405
                                           << QByteArray("PATCH, DELETE") << QStringLiteral("method_not_allowed");
        QTest::newRow("OPTIONS metrics") << QByteArray("OPTIONS /metrics") << 405 << QByteArray("GET, HEAD")
                                         << QStringLiteral("method_not_allowed");
        QTest::newRow("BREW health") << QByteArray("BREW /api/v1/health") << 501 << QByteArray() << QStringLiteral("not_implemented");
        QTest::newRow("TRACE unknown path") << QByteArray("TRACE /nope") << 501 << QByteArray() << QStringLiteral("not_implemented");
        QTest::newRow("lower-case get") << QByteArray("get /api/v1/health") << 501 << QByteArray() << QStringLiteral("not_implemented");
        QTest::newRow("PATCH unknown path") << QByteArray("PATCH /nope") << 404 << QByteArray() << QStringLiteral("not_found");
        QTest::newRow("DELETE trailing slash") << QByteArray("DELETE /api/v1/health/") << 404 << QByteArray()
                                               << QStringLiteral("not_found");
    }

    void wrongAndUnknownMethods()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, allow);
        QFETCH(QString, code);
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server.port()));
        client.socket.write(request + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n" + rawGet("/api/v1/health"));
        // HEAD: the headers only (RawHttpClient would take the next answer as its body).
        QList<RawHttpAnswer> answers;
        if (request.startsWith("HEAD ")) {
            QVERIFY(QTest::qWaitFor([&] { client.buffer += client.socket.readAll(); return client.buffer.count("HTTP/1.1 ") == 2; }, 10000));
            const qsizetype end = client.buffer.indexOf("\r\n\r\n");
            answers << RawHttpAnswer{client.buffer.mid(9, 3).toInt(), client.buffer.left(end), {}};
            client.buffer.remove(0, end + 4);
            answers << client.read(1);
        } else {
            answers = client.read(2);
        }
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, status);
        QCOMPARE(answers[0].header("allow"), allow);
        QVERIFY(answers[0].date().isValid());
        if (!code.isEmpty())
            QCOMPARE(QJsonDocument::fromJson(answers[0].body).object().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
                     code);
        QCOMPARE(answers[1].status, 200); // the connection goes on
    }

    void apiKeysAreRateLimited()
    {
        TestServer limited;
        collab::server::LimitsConfig limits;
        limits.restPerSecond = 1;
        limits.restBurst = 3;
        limited.setLimits(limits);
        QVERIFY(limited.start());
        QList<int> statuses;
        for (int i = 0; i < 6; ++i) {
            QNetworkRequest request(limited.httpUrl(QStringLiteral("/api/v1/courses")));
            request.setRawHeader("Authorization", QByteArray("Bearer ") + TestServer::ApiKey);
            QNetworkReply *reply = m_http.get(request);
            QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
            statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (statuses.last() == 429)
                QVERIFY(reply->hasRawHeader("Retry-After"));
            reply->deleteLater();
        }
        QVERIFY2(statuses.count(200) >= 3 && statuses.count(429) >= 1, qPrintable(QString::number(statuses.count(429))));
    }

    void coursesAndPresence()
    {
        HttpResult r = call("GET", QStringLiteral("/api/v1/courses"));
        QCOMPARE(r.status, 200);
        const QJsonArray courses = r.json.value(QLatin1String("courses")).toArray();
        QCOMPARE(courses.size(), 1); // MATH101 is not this key's
        QCOMPARE(courses[0].toObject().value(QLatin1String("id")).toString(), QStringLiteral("CECS327"));

        WsTestClient ws;
        QVERIFY(ws.open(m_server.wsUrl()));
        QVERIFY(!ws.helloAndJoin(QStringLiteral("online.student"), QStringLiteral("CECS327"), QString::fromLatin1(TestServer::JoinCode)).isEmpty());
        r = call("GET", QStringLiteral("/api/v1/courses/CECS327/presence"));
        QCOMPARE(r.status, 200);
        bool online = false;
        for (const QJsonValue &m : r.json.value(QLatin1String("members")).toArray())
            online |= m.toObject().value(QLatin1String("user")).toString() == QLatin1String("online.student")
                      && m.toObject().value(QLatin1String("online")).toBool();
        QVERIFY(online);
    }
};

QTEST_GUILESS_MAIN(TestRest)
#include "tst_rest.moc"
