// One port, two protocols: QWebSocket clients against WsListener, REST against the HttpFrontend.
#include "wstestsupport.h"

#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QtTest>
#include <QtWebSockets/QWebSocket>

using namespace collab::server;
using namespace wstest;
using rawws::clientFrame;

namespace {

// The head (up to its blank line) has exactly one Date line holding an IMF-fixdate (RFC 9110 6.6.1).
bool hasOneDate(const QByteArray &answer)
{
    static const QRegularExpression date(QStringLiteral(
        "\r\nDate: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n"));
    const QString head = QString::fromLatin1(answer.left(answer.indexOf("\r\n\r\n") + 2));
    return head.count(QStringLiteral("\r\nDate:")) == 1 && date.match(head).hasMatch();
}

std::unique_ptr<QWebSocket> openClient(const EchoListener &server)
{
    auto socket = std::make_unique<QWebSocket>();
    socket->open(server.wsUrl());
    return socket;
}

} // namespace

class TestTransportListener : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handshakeWithQWebSocket();
    void restOnSamePort();
    void listenerWithoutHttpServer();
    void restRequestSentInOneWrite();
    void restPipelinedRequests();
    void restSlowRequestLine();
    void badUpgradeGets400();
    void duplicatedUpgradeFieldsGet400_data();
    void duplicatedUpgradeFieldsGet400();
    void switchingProtocolsHasADate();
    void echo_data();
    void echo();
    void fragmentedMessageIsReassembled();
    void framesRightBehindTheHandshake();
    void oversizedMessageClosesWith1009();
    void binaryClosesWith1003();
    void invalidUtf8ClosesWith1007();
    void unmaskedFrameClosesWith1002();
    void pingIsAnswered();
    void serverCloseHandshake();
    void clientCloseHandshake();
    void droppedPeerIsNoticed();
    void silentPeerIsPingedThenClosed();
    void hardLimitHitInsideTextSlot();
    void frameBiggerThanHardLimitFitsAnEmptyQueue();
    void silentSocketIsDroppedBeforeUpgrade();
};

void TestTransportListener::handshakeWithQWebSocket()
{
    EchoListener server;
    QVERIFY(server.listening);
    QVERIFY(server.port() != 0);
    QVERIFY(!server.listener->listen(QHostAddress::LocalHost, 0)); // one port per listener
    QVERIFY(!server.listener->errorString().isEmpty());
    auto client = openClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState, 5000);
    QTRY_COMPARE(server.listener->connectionCount(), 1);
    QCOMPARE(server.connections.size(), 1);
    QVERIFY(server.connections.first()->peerAddress().isLoopback());
    QVERIFY(server.connections.first()->id() > 0);
    QCOMPARE(server.listener->pendingCount(), 0);
}

void TestTransportListener::restOnSamePort()
{
    EchoListener server;
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> get(nam.get(QNetworkRequest(server.httpUrl(QStringLiteral("/api/v1/health")))));
    QTRY_VERIFY_WITH_TIMEOUT(get->isFinished(), 5000);
    QCOMPARE(get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(get->readAll(), QByteArray(R"({"status":"ok"})"));

    QNetworkRequest post(server.httpUrl(QStringLiteral("/api/v1/echo")));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
    std::unique_ptr<QNetworkReply> reply(nam.post(post, QByteArray("posted body")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll(), QByteArray("posted body"));

    // A WebSocket client on the same port at the same time.
    auto client = openClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState, 5000);
    std::unique_ptr<QNetworkReply> again(nam.get(QNetworkRequest(server.httpUrl(QStringLiteral("/api/v1/missing")))));
    QTRY_VERIFY_WITH_TIMEOUT(again->isFinished(), 5000);
    QCOMPARE(again->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(server.listener->connectionCount(), 1);
}

void TestTransportListener::listenerWithoutHttpServer()
{
    WsListener listener(nullptr);
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    WsListener clash(nullptr);
    QVERIFY(!clash.listen(QHostAddress::LocalHost, listener.port())); // port in use
    QVERIFY(!clash.errorString().isEmpty());

    RawWsClient http; // nobody serves REST: 404, closed
    QVERIFY(http.connectTo(listener.port()));
    http.socket.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(http.readMore().startsWith("HTTP/1.1 404"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(http.socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY2(hasOneDate(http.readMore()), http.buffer.constData());

    QWebSocket client;
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(listener.port())));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, 5000);
    QCOMPARE(listener.connectionCount(), 1);
}

void TestTransportListener::restRequestSentInOneWrite()
{
    // Everything arrives before the listener has classified the connection: none of it may be lost.
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.connectTo(server.port()));
    raw.socket.write("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     "Content-Length: 11\r\n\r\nhello world");
    QTRY_VERIFY_WITH_TIMEOUT(raw.readMore().contains("hello world"), 5000);
    QVERIFY(raw.buffer.startsWith("HTTP/1.1 200"));
}

void TestTransportListener::restPipelinedRequests()
{
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.connectTo(server.port()));
    const QByteArray get = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray post = "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nsecond";
    raw.socket.write(get + post + get);
    QTRY_VERIFY_WITH_TIMEOUT(raw.readMore().count("HTTP/1.1 200") == 3, 5000);
    QVERIFY(raw.buffer.contains("second"));
    QCOMPARE(raw.buffer.count(R"({"status":"ok"})"), 2);
}

void TestTransportListener::restSlowRequestLine()
{
    // "GET /w" cannot be classified yet; the rest comes later.
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.connectTo(server.port()));
    raw.socket.write("GET /w");
    raw.socket.flush();
    QTRY_COMPARE(server.listener->pendingCount(), 1);
    QTest::qWait(20); // several back-off rounds while undecided
    raw.socket.write("x HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(raw.readMore().startsWith("HTTP/1.1 404"), 5000);
    QCOMPARE(server.listener->pendingCount(), 0);
}

void TestTransportListener::badUpgradeGets400()
{
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.connectTo(server.port()));
    raw.socket.write(RawWsClient::upgradeRequest().replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 7"));
    QTRY_VERIFY_WITH_TIMEOUT(raw.readMore().contains("\r\n\r\n"), 5000);
    QVERIFY(raw.buffer.startsWith("HTTP/1.1 400"));
    QVERIFY(raw.buffer.contains("Sec-WebSocket-Version"));
    QVERIFY2(hasOneDate(raw.buffer), raw.buffer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(raw.socket.state(), QAbstractSocket::UnconnectedState, 5000);

    RawWsClient plain; // GET /ws without any upgrade headers
    QVERIFY(plain.connectTo(server.port()));
    plain.socket.write("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(plain.readMore().startsWith("HTTP/1.1 400"), 5000);
    QCOMPARE(server.listener->connectionCount(), 0);
}

// RFC 6455 11.3.1/11.3.5 and RFC 9112 3.2: Sec-WebSocket-Key, Sec-WebSocket-Version and Host come
// once. A second copy, equal or not, is refused with 400 and no connection, never resolved by
// picking one of them.
void TestTransportListener::duplicatedUpgradeFieldsGet400_data()
{
    QTest::addColumn<QByteArray>("extra");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("second key") << QByteArray("Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n") << QByteArray("Sec-WebSocket-Key");
    QTest::newRow("same key twice") << QByteArray("sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n") << QByteArray("sec-websocket-key");
    QTest::newRow("second version") << QByteArray("Sec-WebSocket-Version: 13\r\n") << QByteArray("Sec-WebSocket-Version");
    QTest::newRow("second Host") << QByteArray("Host: elsewhere.example\r\n") << QByteArray("Host");
}

void TestTransportListener::duplicatedUpgradeFieldsGet400()
{
    QFETCH(QByteArray, extra);
    QFETCH(QByteArray, field);
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.connectTo(server.port()));
    QByteArray request = RawWsClient::upgradeRequest();
    request.insert(request.size() - 2, extra); // before the blank line
    raw.socket.write(request);
    QTRY_VERIFY_WITH_TIMEOUT(raw.readMore().contains("\r\n\r\n"), 5000);
    QVERIFY2(raw.buffer.startsWith("HTTP/1.1 400"), raw.buffer.constData());
    QVERIFY2(raw.buffer.contains(QByteArray("duplicate " + field + " header")), raw.buffer.constData());
    QVERIFY(hasOneDate(raw.buffer));
    QTRY_COMPARE_WITH_TIMEOUT(raw.socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(server.listener->connectionCount(), 0);
}

void TestTransportListener::switchingProtocolsHasADate()
{
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.connectTo(server.port()));
    raw.socket.write(RawWsClient::upgradeRequest());
    QTRY_VERIFY_WITH_TIMEOUT(raw.readMore().contains("\r\n\r\n"), 5000);
    QVERIFY2(raw.buffer.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), raw.buffer.constData());
    QVERIFY2(hasOneDate(raw.buffer), raw.buffer.constData());
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), 1, 5000);
}

void TestTransportListener::echo_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << QStringLiteral("hello");
    QTest::newRow("empty") << QString();
    QTest::newRow("non-ascii") << QString::fromUtf8("Gr\xC3\xBC\xC3\x9F" "e \xE2\x82\xAC \xF0\x9F\x98\x80 \xE4\xBD\xA0\xE5\xA5\xBD");
    QTest::newRow("16-bit length") << QString(5000, QLatin1Char('m'));
    QTest::newRow("at the limit") << QString(64 * 1024, QLatin1Char('L'));
}

void TestTransportListener::echo()
{
    QFETCH(QString, text);
    EchoListener server;
    auto client = openClient(server);
    QSignalSpy received(client.get(), &QWebSocket::textMessageReceived);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState, 5000);
    client->sendTextMessage(text);
    client->sendTextMessage(QStringLiteral("second"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 5000);
    QCOMPARE(received.at(0).at(0).toString(), text);
    QCOMPARE(received.at(1).at(0).toString(), QStringLiteral("second"));
}

void TestTransportListener::fragmentedMessageIsReassembled()
{
    EchoListener server;
    QByteArray texts;
    auto client = openClient(server);
    client->setOutgoingFrameSize(7); // QWebSocket splits every message into 7-byte frames
    QSignalSpy received(client.get(), &QWebSocket::textMessageReceived);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState, 5000);
    const QString message = QString::fromUtf8("fragments \xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC across frames");
    client->sendTextMessage(message);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 5000);
    QCOMPARE(received.at(0).at(0).toString(), message);
}

void TestTransportListener::framesRightBehindTheHandshake()
{
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.upgrade(server.port(), clientFrame(0x1, "early") + clientFrame(0x1, "bird")));
    QCOMPARE(raw.waitFrame(), qMakePair(1, QByteArray("early")));
    QCOMPARE(raw.waitFrame(), qMakePair(1, QByteArray("bird")));
}

void TestTransportListener::oversizedMessageClosesWith1009()
{
    EchoListener server;
    auto big = openClient(server);
    auto other = openClient(server);
    QSignalSpy otherReceived(other.get(), &QWebSocket::textMessageReceived);
    QTRY_COMPARE_WITH_TIMEOUT(big->state(), QAbstractSocket::ConnectedState, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(other->state(), QAbstractSocket::ConnectedState, 5000);

    big->sendTextMessage(QString(64 * 1024 + 1, QLatin1Char('x')));
    QTRY_COMPARE_WITH_TIMEOUT(big->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(big->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QTRY_COMPARE(server.listener->connectionCount(), 1);

    other->sendTextMessage(QStringLiteral("still here"));
    QTRY_COMPARE_WITH_TIMEOUT(otherReceived.size(), 1, 5000);
    QCOMPARE(otherReceived.at(0).at(0).toString(), QStringLiteral("still here"));
}

void TestTransportListener::binaryClosesWith1003()
{
    EchoListener server;
    auto client = openClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState, 5000);
    client->sendBinaryMessage(QByteArray("\x00\x01\x02", 3));
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeDatatypeNotSupported);
    QTRY_COMPARE(server.listener->connectionCount(), 0);
}

void TestTransportListener::invalidUtf8ClosesWith1007()
{
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.upgrade(server.port()));
    raw.socket.write(clientFrame(0x1, "ok") + clientFrame(0x1, "\xC3\x28 broken"));
    QCOMPARE(raw.waitForCloseCode(), 1007);
    QTRY_COMPARE_WITH_TIMEOUT(raw.socket.state(), QAbstractSocket::UnconnectedState, 7000);
    QTRY_COMPARE(server.listener->connectionCount(), 0);
}

void TestTransportListener::unmaskedFrameClosesWith1002()
{
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.upgrade(server.port()));
    raw.socket.write(clientFrame(0x1, "naked", true, false));
    QCOMPARE(raw.waitForCloseCode(), 1002);
    QTRY_COMPARE(server.listener->connectionCount(), 0);
}

void TestTransportListener::pingIsAnswered()
{
    EchoListener server;
    auto client = openClient(server);
    QSignalSpy pong(client.get(), &QWebSocket::pong);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::ConnectedState, 5000);
    client->ping(QByteArray("are you there"));
    QTRY_COMPARE_WITH_TIMEOUT(pong.size(), 1, 5000);
    QCOMPARE(pong.at(0).at(1).toByteArray(), QByteArray("are you there"));
}

void TestTransportListener::serverCloseHandshake()
{
    EchoListener server;
    auto client = openClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(server.connections.size(), 1, 5000);
    QPointer<WsConnection> connection = server.connections.first();
    QSignalSpy closed(connection.data(), &WsConnection::closed);
    connection->close(4000, QStringLiteral("bye now"));
    QVERIFY(!connection->isOpen());
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(int(client->closeCode()), 4000);
    QCOMPARE(client->closeReason(), QStringLiteral("bye now"));
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 5000);
    QTRY_VERIFY(connection.isNull()); // deleted by the listener after closed()
    QCOMPARE(closed.size(), 1);
    QCOMPARE(server.listener->connectionCount(), 0);

    // A code that must not go on the wire (1006) is replaced by 1000.
    auto second = openClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(server.connections.size(), 2, 5000);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot be sent")));
    server.connections.last()->close(1006, QString());
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(second->closeCode(), QWebSocketProtocol::CloseCodeNormal);
}

void TestTransportListener::clientCloseHandshake()
{
    EchoListener server;
    auto client = openClient(server);
    QTRY_COMPARE_WITH_TIMEOUT(server.connections.size(), 1, 5000);
    QPointer<WsConnection> connection = server.connections.first();
    int closedCount = 0;
    connect(connection.data(), &WsConnection::closed, this, [&closedCount] { ++closedCount; });
    client->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("leaving"));
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeGoingAway); // echoed
    QTRY_VERIFY(connection.isNull());
    QCOMPARE(closedCount, 1);
    QCOMPARE(server.listener->connectionCount(), 0);
}

void TestTransportListener::droppedPeerIsNoticed()
{
    // A peer that vanishes without a close frame: EOF ends the connection.
    EchoListener server;
    RawWsClient raw;
    QVERIFY(raw.upgrade(server.port()));
    QTRY_COMPARE(server.listener->connectionCount(), 1);
    raw.socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), 0, 5000);
}

void TestTransportListener::silentPeerIsPingedThenClosed()
{
    WsLimits limits;
    limits.pingIntervalMs = 250; // generous: server and clients share this thread, even on a loaded machine
    EchoListener server(limits);
    QWebSocket alive; // QWebSocket answers pings by itself
    alive.open(server.wsUrl());
    RawWsClient mute;   // completes the upgrade, then never answers
    QVERIFY(mute.upgrade(server.port()));
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), 2, 5000);

    QCOMPARE(mute.waitFrame().first, 0x9); // a ping arrives after one silent interval
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), 1, 5000);
    QCOMPARE(mute.waitForCloseCode(), int(CloseCode::GoingAway));
    QCOMPARE(alive.state(), QAbstractSocket::ConnectedState);
    QTest::qWait(1000); // four more intervals: the answering client stays
    QCOMPARE(alive.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.listener->connectionCount(), 1);
}

void TestTransportListener::hardLimitHitInsideTextSlot()
{
    // The reply overflows the queue at once, so the connection dies inside its own decoding loop
    // (and while the decoder works on a frame that arrived in two pieces).
    WsLimits limits;
    limits.sendQueueSoftLimit = 512;
    limits.sendQueueHardLimit = 1024;
    EchoListener server(limits, false);
    QObject::connect(server.listener.get(), &WsListener::newConnection, server.listener.get(),
                     [](WsConnection *connection) {
        QObject::connect(connection, &WsConnection::textReceived, connection, [connection] {
            connection->send(SharedFrame::text(QByteArray(2048, 'r')));
        });
    });
    RawWsClient raw;
    QVERIFY(raw.upgrade(server.port()));
    QTRY_COMPARE(server.connections.size(), 1);
    QPointer<WsConnection> connection = server.connections.first();
    quint16 code = 0;
    connect(connection.data(), &WsConnection::closed, this, [&code, connection] { code = connection->closeCode(); });
    const QByteArray frames = clientFrame(0x1, "first") + clientFrame(0x1, "second") + clientFrame(0x1, "third");
    raw.socket.write(frames.left(4));
    raw.socket.flush();
    QTest::qWait(50); // the server decodes the first 4 bytes alone and keeps them
    raw.socket.write(frames.mid(4));
    QTRY_VERIFY_WITH_TIMEOUT(connection.isNull(), 5000);
    QCOMPARE(code, CloseCode::SlowConsumer);
    QCOMPARE(raw.waitForCloseCode(), int(CloseCode::SlowConsumer));
    QCOMPARE(server.listener->connectionCount(), 0);
}

void TestTransportListener::frameBiggerThanHardLimitFitsAnEmptyQueue()
{
    WsLimits limits;
    limits.sendQueueSoftLimit = 16 * 1024;
    limits.sendQueueHardLimit = 64 * 1024;
    EchoListener server(limits, false);
    QWebSocket client;
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    client.open(server.wsUrl());
    QTRY_COMPARE_WITH_TIMEOUT(server.connections.size(), 1, 5000);
    WsConnection *connection = server.connections.first();
    const QByteArray snapshot(200 * 1024, 's');
    connection->send(SharedFrame::text(snapshot));     // alone in the queue: accepted
    QVERIFY(connection->isOpen());
    connection->send(SharedFrame::text("after"), Delivery::Droppable); // over the soft limit: dropped
    QCOMPARE(connection->droppedFrames(), quint64(1));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 5000);
    QCOMPARE(received.at(0).at(0).toString().size(), snapshot.size());
    connection->send(SharedFrame::text(snapshot));     // the queue has drained: accepted again
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 5000);
    QVERIFY(connection->isOpen());
}

void TestTransportListener::silentSocketIsDroppedBeforeUpgrade()
{
    WsLimits limits;
    limits.handshakeTimeoutMs = 50;
    EchoListener server(limits);
    RawWsClient silent;
    QVERIFY(silent.connectTo(server.port()));
    QTRY_COMPARE(server.listener->pendingCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(silent.socket.state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(server.listener->pendingCount(), 0);
    QCOMPARE(server.listener->connectionCount(), 0);
}

QTEST_GUILESS_MAIN(TestTransportListener)
#include "tst_transport_listener.moc"
