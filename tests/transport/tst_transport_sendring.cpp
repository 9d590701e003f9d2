// SendRing (io_uring batched sends) on real socket pairs: results per send, in add() order; a
// full socket answers -EAGAIN at once (never parked in the kernel); a gone peer answers -EPIPE.
#include "transport/sendring.h"

#include <QtTest/QtTest>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

using namespace collab::server;

namespace {

struct SocketPair
{
    int local = -1;
    int peer = -1;
    SocketPair()
    {
        int fds[2] = {-1, -1};
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0) {
            local = fds[0];
            peer = fds[1];
        }
    }
    ~SocketPair()
    {
        ::close(local);
        if (peer >= 0)
            ::close(peer);
    }
    QByteArray readAll() const
    {
        QByteArray out;
        char buffer[4096];
        ssize_t n;
        while ((n = ::recv(peer, buffer, sizeof buffer, MSG_DONTWAIT)) > 0)
            out.append(buffer, n);
        return out;
    }
};

iovec view(const QByteArray &bytes) { return iovec{const_cast<char *>(bytes.constData()), size_t(bytes.size())}; }

} // namespace

class TestTransportSendRing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sendsToManySocketsInOneSubmit();
    void fullSocketAnswersEagainAtOnce();
    void closedPeerAnswersAnError();
    void fullRingRefusesMore();

private:
    std::unique_ptr<SendRing> m_ring;
};

void TestTransportSendRing::initTestCase()
{
    m_ring = SendRing::create(64, 256);
    if (!m_ring)
        QSKIP("io_uring is not available here (the transport then uses sendmsg)");
}

void TestTransportSendRing::sendsToManySocketsInOneSubmit()
{
    std::vector<std::unique_ptr<SocketPair>> pairs;
    const QByteArray one = QByteArrayLiteral("hello");
    const QByteArray two = QByteArrayLiteral(" world");
    for (int i = 0; i < 40; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        // Even sockets get one buffer (plain send), odd ones two (sendmsg with an iovec list).
        const iovec iov[2] = {view(one), view(two)};
        QVERIFY(m_ring->add(pairs.back()->local, iov, i % 2 ? 2 : 1, quint64(1000 + i)));
    }
    QCOMPARE(m_ring->pending(), 40);
    std::vector<std::pair<quint64, long>> results;
    QVERIFY(m_ring->submit([&](quint64 tag, long result) { results.emplace_back(tag, result); }));
    QCOMPARE(m_ring->pending(), 0);
    QCOMPARE(int(results.size()), 40);
    for (int i = 0; i < 40; ++i) {
        QCOMPARE(results[size_t(i)].first, quint64(1000 + i));
        QCOMPARE(results[size_t(i)].second, long(i % 2 ? 11 : 5));
        QCOMPARE(pairs[size_t(i)]->readAll(), i % 2 ? QByteArray("hello world") : QByteArray("hello"));
    }
}

void TestTransportSendRing::fullSocketAnswersEagainAtOnce()
{
    SocketPair pair;
    const int small = 4096;
    ::setsockopt(pair.local, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    const QByteArray chunk(64 * 1024, 'x');
    const iovec iov = view(chunk);
    long first = 0;
    long second = 0;
    QVERIFY(m_ring->add(pair.local, &iov, 1, 1));
    QVERIFY(m_ring->submit([&](quint64, long result) { first = result; }));
    QVERIFY2(first > 0 && first < chunk.size(), "a small buffer takes part of the chunk");
    QVERIFY(m_ring->add(pair.local, &iov, 1, 2));
    QVERIFY(m_ring->submit([&](quint64, long result) { second = result; }));
    QCOMPARE(second, long(-EAGAIN));
    // Nothing was left behind in the kernel: what the peer reads is exactly the first write.
    QCOMPARE(pair.readAll().size(), qsizetype(first));
}

void TestTransportSendRing::closedPeerAnswersAnError()
{
    SocketPair pair;
    ::close(pair.peer);
    pair.peer = -1;
    const QByteArray bytes = QByteArrayLiteral("lost");
    const iovec iov = view(bytes);
    long result = 0;
    QVERIFY(m_ring->add(pair.local, &iov, 1, 7));
    QVERIFY(m_ring->submit([&](quint64, long r) { result = r; }));
    QCOMPARE(result, long(-EPIPE)); // MSG_NOSIGNAL: an error, no SIGPIPE
}

void TestTransportSendRing::fullRingRefusesMore()
{
    SocketPair pair;
    const QByteArray bytes = QByteArrayLiteral("x");
    const iovec iov = view(bytes);
    for (int i = 0; i < 64; ++i)
        QVERIFY(m_ring->add(pair.local, &iov, 1, quint64(i)));
    QVERIFY(!m_ring->add(pair.local, &iov, 1, 64)); // 64 entries
    int done = 0;
    QVERIFY(m_ring->submit([&](quint64, long result) { done += result == 1 ? 1 : 0; }));
    QCOMPARE(done, 64);
    QCOMPARE(pair.readAll(), QByteArray(64, 'x'));
    // The iovec budget (256) is the other limit: 2 sends of 200 buffers do not fit.
    std::vector<iovec> many(200, iov);
    QVERIFY(m_ring->add(pair.local, many.data(), 200, 0));
    QVERIFY(!m_ring->add(pair.local, many.data(), 200, 1));
    QVERIFY(m_ring->submit([](quint64, long) {}));
    QCOMPARE(pair.readAll().size(), qsizetype(200));
}

QTEST_GUILESS_MAIN(TestTransportSendRing)
#include "tst_transport_sendring.moc"
