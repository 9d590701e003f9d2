// The HTTP side over real sockets (Transport -> HttpFrontend -> HttpConnection or
// SocketHttpConnection, by COLLAB_TRANSPORT), with a test
// dispatcher instead of the REST routes: pipelining and answer order, requests split byte by
// byte, Expect: 100-continue, keep-alive rules, back-pressure, timeouts, refusals, HEAD.
#include "rawhttpclient.h"
#include "rest/httpdate.h"
#include "rest/httpfrontend.h"
#include "rest/httpreply.h"
#include "testserver.h"
#include "transport/transport.h"
#include "transport/wslimits.h"

#include <QMutex>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

#include <sys/socket.h>

using namespace collab::server;

namespace {

// Dispatches in the HTTP thread: "/hold..." is answered only by release(); "/big" gets 256 KiB;
// "/drop" is dropped unanswered (its ReplyChannel goes); anything else is echoed ("<target>
// <body>") at once.
class Server
{
public:
    explicit Server(const HttpLimits &limits = {}) : frontend(limits)
    {
        frontend.setDispatcher([this](quint64 id, HttpRequest &&request) {
            const QByteArray target = request.targetView().toByteArray();
            QMutexLocker lock(&m_mutex);
            m_targets << target;
            if (target.startsWith("/hold"))
                m_held << id;
            else if (target == "/drop")
                ReplyChannel([answer = frontend.answerer(), id](HttpResponse response) { answer(id, std::move(response)); });
            else if (target == "/big")
                frontend.answer(id, HttpResponse{200, "text/plain", QByteArray(256 * 1024, 'b'), {}, {}});
            else
                frontend.answer(id, HttpResponse{200, "text/plain", target + ' ' + request.body, {}, {}});
        });
        // The transport of this run (COLLAB_TRANSPORT): the engine's HttpConnection on raw fds, or
        // the portable SocketHttpConnection on QTcpSocket; the rules tested are the same.
        QString error;
        listener = makeTransport(TestServer::transportKind(), frontend, WsLimits{}, &error);
        frontend.start();
        listening = listener && listener->listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return listener->port(); }
    // Answers the held requests, the last one first (answers must still go out in order).
    void release()
    {
        QMutexLocker lock(&m_mutex);
        for (qsizetype i = m_held.size() - 1; i >= 0; --i)
            frontend.answer(m_held[i], HttpResponse{201, "text/plain", "held " + QByteArray::number(i), {}, {}});
        m_held.clear();
    }
    QList<QByteArray> targets()
    {
        QMutexLocker lock(&m_mutex);
        return m_targets;
    }
    qsizetype dispatched(const QByteArray &prefix = "/")
    {
        const QList<QByteArray> all = targets();
        return std::count_if(all.begin(), all.end(), [&prefix](const QByteArray &t) { return t.startsWith(prefix); });
    }

    HttpFrontend frontend; // before the listener: destroyed after it
    std::unique_ptr<Transport> listener;
    bool listening = false;

private:
    QMutex m_mutex;
    QList<QByteArray> m_targets;
    QList<quint64> m_held;
};

using Answer = RawHttpAnswer;
using Client = RawHttpClient;

// Sends 40 "/hold/<i>" requests in one write and waits until the server has taken the first 32:
// the connection is then held back (back-pressure) with 8 requests unread.
bool sendHeldBurst(Server &server, Client &client)
{
    QByteArray burst;
    for (int i = 0; i < 40; ++i)
        burst += rawGet("/hold/" + QByteArray::number(i));
    client.socket.write(burst);
    return QTest::qWaitFor([&server] { return server.dispatched() == HttpLimits::MaxUnanswered; }, 5000);
}

HttpLimits shortTimeouts()
{
    HttpLimits limits;
    limits.idleTimeoutMs = 150;
    limits.requestTimeoutMs = 150;
    limits.lingerMs = 150;
    return limits;
}

} // namespace

class TestHttpConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pipelinedBurstOf100InOneWrite();
    void answersKeepTheRequestOrder();
    void requestSplitByteByByte();
    void expectContinue();
    void connectionCloseOnHttp11();
    void http10ClosesUnlessKeepAlive();
    void the33rdPipelinedRequestWaits();
    void clientNotReadingDoesNotHurtOthers();
    void idleConnectionIsClosed();
    void unfinishedRequestIsClosed();
    void refusalComesAfterEarlierAnswers();
    void headAnswerHasNoBody();
    void droppedReplyGets500();
    void resetWhileHeldBackClosesAtOnce();
    void requestTimeoutCountsFromTheFirstByte();
    void everyAnswerHasADate();
    void dateIsAnImfFixdate();
    void hostIsRequiredByHttp11();
};

void TestHttpConnection::pipelinedBurstOf100InOneWrite()
{
    Server server;
    QVERIFY(server.listening);
    Client client;
    QVERIFY(client.connectTo(server.port()));
    QByteArray burst;
    for (int i = 0; i < 100; ++i)
        burst += i % 2 ? rawPost("/echo/" + QByteArray::number(i), "body " + QByteArray::number(i)) : rawGet("/echo/" + QByteArray::number(i));
    client.socket.write(burst);
    const QList<Answer> answers = client.read(100);
    QCOMPARE(answers.size(), 100);
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(answers[i].status, 200);
        QCOMPARE(answers[i].body, "/echo/" + QByteArray::number(i) + ' ' + (i % 2 ? "body " + QByteArray::number(i) : QByteArray()));
    }
    QCOMPARE(answers[0].headWithoutDate(), QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8"));
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
}

void TestHttpConnection::answersKeepTheRequestOrder()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write(rawGet("/hold/1") + rawGet("/echo/2") + rawGet("/hold/3") + rawGet("/echo/4"));
    QTRY_COMPARE_WITH_TIMEOUT(server.dispatched(), 4, 5000);
    // The echoes are answered; they wait behind the held requests, so nothing is written yet.
    QCOMPARE(server.frontend.openExchanges(), (std::pair<size_t, size_t>(2, 1)));
    QVERIFY(!client.socket.waitForReadyRead(100));
    server.release(); // answers /hold/3 before /hold/1
    const QList<Answer> answers = client.read(4);
    QCOMPARE(answers.size(), 4);
    QCOMPARE(answers[0].body, QByteArray("held 0"));
    QCOMPARE(answers[1].body, QByteArray("/echo/2 "));
    QCOMPARE(answers[2].body, QByteArray("held 1"));
    QCOMPARE(answers[3].body, QByteArray("/echo/4 "));
    QCOMPARE(answers[0].head.left(21), QByteArray("HTTP/1.1 201 Created\r"));
}

void TestHttpConnection::requestSplitByteByByte()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QByteArray request = rawPost("/split", "one byte at a time") + rawGet("/after");
    for (char c : request) {
        client.socket.write(&c, 1);
        QVERIFY(client.socket.waitForBytesWritten(5000));
    }
    const QList<Answer> answers = client.read(2);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers[0].body, QByteArray("/split one byte at a time"));
    QCOMPARE(answers[1].body, QByteArray("/after "));
}

void TestHttpConnection::expectContinue()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write("POST /expect HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    QList<Answer> answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers[0].head, QByteArray("HTTP/1.1 100 Continue"));
    client.socket.write("hello");
    answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers[0].status, 200);
    QCOMPARE(answers[0].body, QByteArray("/expect hello"));
    // A client that sends the body right away gets no 100.
    client.socket.write("POST /eager HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi");
    answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers[0].status, 200);
    QCOMPARE(answers[0].body, QByteArray("/eager hi"));
}

void TestHttpConnection::connectionCloseOnHttp11()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write(rawGet("/first") + rawGet("/last", "Connection: close\r\n") + rawGet("/never"));
    const QList<Answer> answers = client.read(2);
    QCOMPARE(answers.size(), 2);
    QVERIFY(!answers[0].head.contains("Connection:"));
    QVERIFY(answers[1].head.endsWith("\r\nConnection: close"));
    QVERIFY(client.waitClosed());
    QCOMPARE(server.targets(), (QList<QByteArray>{"/first", "/last"}));
}

void TestHttpConnection::http10ClosesUnlessKeepAlive()
{
    Server server;
    Client plain;
    QVERIFY(plain.connectTo(server.port()));
    plain.socket.write("GET /old HTTP/1.0\r\n\r\n");
    QList<Answer> answers = plain.read(1);
    QCOMPARE(answers.size(), 1);
    QVERIFY(answers[0].head.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(answers[0].head.endsWith("\r\nConnection: close"));
    QVERIFY(plain.waitClosed());

    Client kept;
    QVERIFY(kept.connectTo(server.port()));
    kept.socket.write("GET /old/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    answers = kept.read(1);
    QCOMPARE(answers.size(), 1);
    QVERIFY(answers[0].head.endsWith("\r\nConnection: keep-alive"));
    kept.socket.write("GET /old/2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    answers = kept.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers[0].body, QByteArray("/old/2 "));
}

void TestHttpConnection::the33rdPipelinedRequestWaits()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    QVERIFY(sendHeldBurst(server, client));
    // A round trip through the HTTP thread: it is done with the bytes it read, and holds the rest.
    QCOMPARE(server.frontend.openExchanges().first, size_t(HttpLimits::MaxUnanswered));
    QCOMPARE(server.dispatched(), HttpLimits::MaxUnanswered);
    server.release();
    QTRY_COMPARE_WITH_TIMEOUT(server.dispatched(), 40, 5000);
    server.release();
    const QList<Answer> answers = client.read(40);
    QCOMPARE(answers.size(), 40);
    const QList<QByteArray> targets = server.targets();
    for (int i = 0; i < 40; ++i)
        QCOMPARE(targets[i], "/hold/" + QByteArray::number(i));
    QCOMPARE(answers[31].body, QByteArray("held 31"));
    QCOMPARE(answers[32].body, QByteArray("held 0")); // the second batch
}

void TestHttpConnection::clientNotReadingDoesNotHurtOthers()
{
    Server server;
    Client greedy; // asks for 50 MB of answers and reads none of them
    QVERIFY(greedy.connectTo(server.port()));
    greedy.socket.setReadBufferSize(1); // Qt stops reading: the kernel buffers fill up
    QByteArray burst;
    for (int i = 0; i < 200; ++i)
        burst += rawGet("/big");
    greedy.socket.write(burst);
    QTRY_VERIFY_WITH_TIMEOUT(server.dispatched("/big") > 0, 5000);

    Client other;
    QVERIFY(other.connectTo(server.port()));
    for (int i = 0; i < 3; ++i) {
        other.socket.write(rawPost("/other", QByteArray::number(i)));
        const QList<Answer> answers = other.read(1);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].body, "/other " + QByteArray::number(i));
    }
    // The greedy client's requests are not all taken: its unread answers hold its connection back.
    QCOMPARE(server.frontend.openExchanges().first, size_t(0));
    QVERIFY2(server.dispatched("/big") < 200, QByteArray::number(server.dispatched("/big")).constData());
}

void TestHttpConnection::idleConnectionIsClosed()
{
    Server server(shortTimeouts());
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write(rawGet("/once"));
    QCOMPARE(client.read(1).size(), 1);
    QVERIFY(client.waitClosed());
    QTRY_COMPARE_WITH_TIMEOUT(server.frontend.openExchanges(), (std::pair<size_t, size_t>(0, 0)), 5000);
}

void TestHttpConnection::unfinishedRequestIsClosed()
{
    Server server(shortTimeouts());
    Client head; // slowloris: a head that never ends
    QVERIFY(head.connectTo(server.port()));
    head.socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n");
    Client body; // a body that never comes whole
    QVERIFY(body.connectTo(server.port()));
    body.socket.write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");
    QVERIFY(head.waitClosed());
    QVERIFY(body.waitClosed());
    QCOMPARE(server.dispatched(), 0);
}

void TestHttpConnection::refusalComesAfterEarlierAnswers()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write(rawGet("/hold/1") + "POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n" + QByteArray(1000, 'x'));
    QTRY_COMPARE_WITH_TIMEOUT(server.dispatched(), 1, 5000);
    QVERIFY(!client.socket.waitForReadyRead(100));
    server.release();
    const QList<Answer> answers = client.read(2);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers[0].status, 201);
    QCOMPARE(answers[1].headWithoutDate(), QByteArray("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nContent-Length: 74\r\n"
                                         "Connection: close"));
    QCOMPARE(answers[1].body, QByteArray(R"({"error":{"code":"too_large","message":"the request body is over 64 KiB"}})"));
    QVERIFY(client.waitClosed());
    QCOMPARE(server.dispatched(), 1);
}

void TestHttpConnection::headAnswerHasNoBody()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n" + rawGet("/after"));
    QVERIFY(QTest::qWaitFor([&] { client.buffer += client.socket.readAll(); return client.buffer.count("HTTP/1.1 200") == 2; }, 5000));
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\n";
    const QByteArray received = RawHttpAnswer::withoutDateLines(client.buffer);
    QVERIFY2(received.startsWith(QByteArray(head + "HTTP/1.1 200 OK")), client.buffer.constData()); // no "/h " in between
}

void TestHttpConnection::droppedReplyGets500()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write(rawGet("/drop") + rawGet("/after"));
    const QList<Answer> answers = client.read(2);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers[0].status, 500);
    QVERIFY(answers[0].headWithoutDate().startsWith("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"));
    QVERIFY(answers[0].body.contains("dropped without an answer"));
    QCOMPARE(answers[1].body, QByteArray("/after "));
}

void TestHttpConnection::resetWhileHeldBackClosesAtOnce()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    QVERIFY(sendHeldBurst(server, client));
    // The connection is not read now (back-pressure). A reset must still end it, before any answer.
    const linger reset{1, 0};
    QVERIFY(::setsockopt(int(client.socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset) == 0);
    client.socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(server.frontend.openExchanges(), (std::pair<size_t, size_t>(0, 0)), 5000);
    server.release(); // answers for a connection that is gone: dropped
    QCOMPARE(server.frontend.openExchanges(), (std::pair<size_t, size_t>(0, 0)));
}

// A request line that stays undecided at the listener ("GET /w" could still become "GET /ws")
// spends that time before the hand-off to HTTP. Its timeout (2 s here) counts from its first byte:
// held 3 s there, then trickled whole within 1.5 s of the hand-off, it is never served (timed from
// the hand-off it would be: a slowloris got 15-20 s instead of the documented 10).
void TestHttpConnection::requestTimeoutCountsFromTheFirstByte()
{
    HttpLimits limits;
    limits.requestTimeoutMs = 2000;
    Server server(limits);
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    client.socket.write("GET /w");
    const QByteArray rest = "x HTTP/1.1\r\nHost: x\r\n\r\n";
    QTimer trickle;
    qsizetype sent = 0;
    trickle.setInterval(60);
    QObject::connect(&trickle, &QTimer::timeout, [&] {
        if (sent < rest.size() && client.socket.state() == QAbstractSocket::ConnectedState)
            client.socket.write(rest.constData() + sent++, 1);
    });
    QTimer::singleShot(3000, &trickle, qOverload<>(&QTimer::start)); // the rest from 3 s on, in ~1.5 s
    QTRY_VERIFY_WITH_TIMEOUT(client.socket.state() == QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(server.dispatched(), 0);
    QVERIFY2(client.socket.readAll().isEmpty(), "a request that timed out got an answer");
    QVERIFY2(sent < rest.size(), "the connection lived until the request was whole");
}

// Every answer says when it was made (RFC 9110 6.6.1): answers, refusals, HEAD, a 500.
void TestHttpConnection::everyAnswerHasADate()
{
    Server server;
    Client client;
    QVERIFY(client.connectTo(server.port()));
    client.socket.write(rawGet("/one") + rawGet("/drop") + rawPost("/two", "x"));
    QList<Answer> answers = client.read(3);
    Client refused;
    QVERIFY(refused.connectTo(server.port()));
    refused.socket.write("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    answers += refused.read(1);
    QCOMPARE(answers.size(), 4);
    QCOMPARE(answers[3].status, 411);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Answer &answer : answers) {
        QVERIFY2(answer.date().isValid(), answer.head.constData());
        QVERIFY2(qAbs(answer.date().secsTo(now)) < 600, answer.head.constData()); // the server's clock, not a constant
    }
}

void TestHttpConnection::dateIsAnImfFixdate()
{
    QCOMPARE(httpdate::format(784111777), QByteArray("Sun, 06 Nov 1994 08:49:37 GMT")); // RFC 9110 5.6.7
    QCOMPARE(httpdate::format(0), QByteArray("Thu, 01 Jan 1970 00:00:00 GMT"));
    QCOMPARE(httpdate::format(951782400), QByteArray("Tue, 29 Feb 2000 00:00:00 GMT"));
    const QByteArray &now = httpdate::now();
    QCOMPARE(now.size(), 29);
    QVERIFY(now.endsWith(" GMT"));
}

// RFC 9112 3.2 over a socket: HTTP/1.1 without Host, with two, or with a bad one is refused 400
// and closed, never served; HTTP/1.0 may leave it out.
void TestHttpConnection::hostIsRequiredByHttp11()
{
    Server server;
    const QList<QByteArray> refusedHeads{"GET /no-host HTTP/1.1\r\n\r\n",
                                         "GET /two HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                                         "GET /same-twice HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n",
                                         "GET /bad HTTP/1.1\r\nHost: a b\r\n\r\n",
                                         "GET /bad HTTP/1.1\r\nHost: evil.example/path\r\n\r\n",
                                         "GET /bad HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n"};
    for (const QByteArray &head : refusedHeads) {
        Client client;
        QVERIFY(client.connectTo(server.port()));
        client.socket.write(head + rawGet("/behind"));
        const QList<Answer> answers = client.read(2);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].status, 400);
        QVERIFY2(answers[0].body.contains("Host"), answers[0].body.constData());
        QVERIFY(answers[0].head.endsWith("\r\nConnection: close"));
        QVERIFY(client.waitClosed());
    }
    QCOMPARE(server.dispatched(), 0);

    Client old;
    QVERIFY(old.connectTo(server.port()));
    old.socket.write("GET /http10 HTTP/1.0\r\n\r\n");
    const QList<Answer> answers = old.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers[0].status, 200);
    QCOMPARE(server.targets(), QList<QByteArray>{"/http10"});
}

QTEST_MAIN(TestHttpConnection)
#include "tst_http_connection.moc"
