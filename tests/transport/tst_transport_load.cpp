// Fan-out, back-pressure and connection churn with many real clients.
#include "wstestsupport.h"

#include <QtTest/QtTest>
#include <QtWebSockets/QWebSocket>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace collab::server;
using namespace wstest;

namespace {

// A client that completes the upgrade and then never reads: its kernel receive buffer is tiny.
// Not a RawWsClient: SO_RCVBUF must be set before connect() (the window is agreed in the
// handshake), which QTcpSocket cannot do, and not even its head may be read ahead of the frames.
class StalledClient
{
public:
    ~StalledClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool upgrade(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const int small = 4096;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small); // before connect: small window
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            return false;
        const QByteArray request = RawWsClient::upgradeRequest();
        if (::send(m_fd, request.constData(), size_t(request.size()), 0) != request.size())
            return false;
        // The 101 head is all we read, byte by byte so that no frame is consumed. The server runs
        // in this thread: poll while the event loop turns.
        QByteArray head;
        const bool complete = QTest::qWaitFor([this, &head] {
            char c;
            while (!head.endsWith("\r\n\r\n") && ::recv(m_fd, &c, 1, MSG_DONTWAIT) == 1)
                head.append(c);
            return head.endsWith("\r\n\r\n");
        }, 5000);
        return complete && head.startsWith("HTTP/1.1 101");
    }

private:
    int m_fd = -1;
};

} // namespace

class TestTransportLoad : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void broadcastReachesEveryClientOnceInOrder();
    void slowConsumerIsDroppedThenDisconnected();
    void thousandConnectionsOpenAndClose();
    void acceptingResumesAfterDescriptorExhaustion();
};

void TestTransportLoad::broadcastReachesEveryClientOnceInOrder()
{
    constexpr int Clients = 200;
    constexpr int Messages = 50;
    EchoListener server({}, false);
    std::vector<std::unique_ptr<QWebSocket>> clients;
    std::vector<QStringList> received(Clients);
    for (int i = 0; i < Clients; ++i) {
        auto client = std::make_unique<QWebSocket>();
        connect(client.get(), &QWebSocket::textMessageReceived, this,
                [&received, i](const QString &text) { received[size_t(i)] << text; });
        client->open(server.wsUrl());
        clients.push_back(std::move(client));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), Clients, 20000);

    QStringList expected;
    for (int m = 0; m < Messages; ++m) {
        const QByteArray payload = QByteArrayLiteral("{\"seq\":") + QByteArray::number(m) + '}';
        const SharedFrame frame = SharedFrame::text(payload); // encoded once for all receivers
        for (const auto &connection : std::as_const(server.connections))
            connection->send(frame);
        expected << QString::fromUtf8(payload);
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(received.begin(), received.end(),
                                         [](const QStringList &r) { return r.size() >= Messages; }),
                             20000);
    for (int i = 0; i < Clients; ++i)
        QCOMPARE(received[size_t(i)], expected);
}

void TestTransportLoad::slowConsumerIsDroppedThenDisconnected()
{
    WsLimits limits;
    limits.sendQueueSoftLimit = 64 * 1024;
    limits.sendQueueHardLimit = 256 * 1024;
    EchoListener server(limits, false);

    StalledClient stalled;
    QVERIFY(stalled.upgrade(server.port()));
    QTRY_COMPARE(server.connections.size(), 1);
    QPointer<WsConnection> slow = server.connections.first();

    QWebSocket good;
    int goodReliable = 0;
    int goodDroppable = 0;
    bool inOrder = true;
    connect(&good, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
        if (text.startsWith(QLatin1Char('r'))) {
            inOrder = inOrder && text.mid(1, text.indexOf(QLatin1Char(' ')) - 1).toInt() == goodReliable;
            ++goodReliable;
        } else {
            ++goodDroppable;
        }
    });
    good.open(server.wsUrl());
    QTRY_COMPARE_WITH_TIMEOUT(server.connections.size(), 2, 5000);
    QTRY_COMPARE(good.state(), QAbstractSocket::ConnectedState);

    quint64 droppedAtClose = 0;
    quint16 codeAtClose = 0;
    connect(slow.data(), &WsConnection::closed, this, [&] {
        droppedAtClose = slow->droppedFrames();
        codeAtClose = slow->closeCode();
    });

    // Each round: one reliable and one droppable 2 KiB frame to both clients, from a timer, so the
    // event loop runs (and flushes) between rounds exactly as in the server.
    int rounds = 0;
    qint64 maxQueued = 0;
    const QByteArray filler(2048, 'f');
    QTimer pump;
    pump.setInterval(0);
    connect(&pump, &QTimer::timeout, this, [&] {
        const SharedFrame reliable = SharedFrame::text('r' + QByteArray::number(rounds) + ' ' + filler);
        const SharedFrame droppable = SharedFrame::text('d' + QByteArray::number(rounds) + ' ' + filler);
        for (const auto &connection : std::as_const(server.connections)) {
            if (!connection)
                continue;
            connection->send(reliable, Delivery::Reliable);
            connection->send(droppable, Delivery::Droppable);
            maxQueued = qMax(maxQueued, connection->queuedBytes());
        }
        ++rounds;
        if (!slow || !slow->isOpen())
            pump.stop();
    });
    pump.start();

    QTRY_VERIFY_WITH_TIMEOUT(slow.isNull(), 20000);
    QVERIFY(!pump.isActive());
    QCOMPARE(codeAtClose, CloseCode::SlowConsumer);
    QVERIFY2(droppedAtClose > 0, "droppable frames must be dropped before the hard limit closes");
    QVERIFY(maxQueued <= limits.sendQueueHardLimit);
    QCOMPARE(server.listener->connectionCount(), 1);

    // The good client got every reliable frame, in order, while the slow one was choking.
    QTRY_COMPARE_WITH_TIMEOUT(goodReliable, rounds, 10000);
    QVERIFY(inOrder);
    QCOMPARE(goodDroppable, rounds);
}

void TestTransportLoad::thousandConnectionsOpenAndClose()
{
    constexpr int Clients = 1000;
    EchoListener server;
    std::vector<std::unique_ptr<QWebSocket>> clients;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<QWebSocket>());
        clients.back()->open(server.wsUrl());
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), Clients, 30000);
    QCOMPARE(server.listener->pendingCount(), 0);

    // Half close politely, half vanish: both must be released.
    for (int i = 0; i < Clients; ++i) {
        if (i % 2)
            clients[size_t(i)]->close();
        else
            clients[size_t(i)]->abort();
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->findChildren<WsConnection *>().size(), 0, 5000);
    QCOMPARE(server.listener->pendingCount(), 0);
}

void TestTransportLoad::acceptingResumesAfterDescriptorExhaustion()
{
    // Qt stops accepting for good after EMFILE; the listener must resume once fds are available.
    constexpr int Clients = 8;
    EchoListener server;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.port());
    }
    rlimit saved{};
    QVERIFY(getrlimit(RLIMIT_NOFILE, &saved) == 0);
    const auto openFds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
    rlimit tight = saved;
    tight.rlim_cur = rlim_t(openFds + 2); // room for about two accepted sockets
    QVERIFY(setrlimit(RLIMIT_NOFILE, &tight) == 0);
    auto restore = qScopeGuard([&saved] { setrlimit(RLIMIT_NOFILE, &saved); });

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("accept failed")));
    for (auto &client : clients) {
        QVERIFY(client->waitForConnected(5000)); // the kernel completes it from the backlog
        client->write(RawWsClient::upgradeRequest());
    }
    QTRY_VERIFY_WITH_TIMEOUT(server.listener->connectionCount() > 0, 5000);
    QTest::qWait(300); // several retry rounds while descriptors are exhausted
    QVERIFY(server.listener->connectionCount() < Clients);

    restore.dismiss();
    QVERIFY(setrlimit(RLIMIT_NOFILE, &saved) == 0);
    QTRY_COMPARE_WITH_TIMEOUT(server.listener->connectionCount(), Clients, 5000);
}

QTEST_GUILESS_MAIN(TestTransportLoad)
#include "tst_transport_load.moc"
