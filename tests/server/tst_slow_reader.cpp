// A client that joins a busy course and then stops reading, against the whole server (sessions,
// hub, SQLite, real sockets): its typing/presence frames are dropped first, then it is closed with
// 4008, and the 50 others lose nothing, keep their order and see no slower delivery meanwhile.
#include "testserver.h"
#include "wstestclient.h"

#include "../transport/wstestsupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <map>
#include <vector>

namespace {

const QString kCourse = QStringLiteral("CECS327");
constexpr int Readers = 50;
constexpr int CalmTicks = 100;      // phase 1: everybody reads
constexpr int MaxStalledTicks = 2000;
constexpr int TickMs = 10;          // one chat message and one typing change per tick
const QString kFiller(8000, QLatin1Char('x')); // ~8 KiB per chat frame: the stalled queue fills in seconds

// Message number of a chat.posted frame carrying "msg#<n>|", or -1.
int messageNumber(const QString &text)
{
    if (!text.contains(QLatin1String("\"chat.posted\"")))
        return -1;
    const qsizetype at = text.indexOf(QLatin1String("msg#"));
    if (at < 0)
        return -1;
    const qsizetype end = text.indexOf(QLatin1Char('|'), at);
    return end < 0 ? -1 : text.mid(at + 4, end - at - 4).toInt();
}

double median(std::vector<qint64> values)
{
    if (values.empty())
        return 0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return double(values[values.size() / 2]);
}

// Joins over a raw socket, then stops reading: Qt buffers at most 4 KiB more, the kernel a small
// receive window, and everything else piles up on the server.
class StalledReader
{
public:
    bool joinThenStall(quint16 port, const QString &user)
    {
        const auto text = [](const QJsonObject &o) {
            return wstest::clientFrame(0x1, QJsonDocument(o).toJson(QJsonDocument::Compact));
        };
        const QByteArray hello = text(QJsonObject({{QStringLiteral("type"), QStringLiteral("hello")},
                                             {QStringLiteral("user"), user}}));
        const QByteArray join = text(QJsonObject({{QStringLiteral("type"), QStringLiteral("join")},
                                            {QStringLiteral("course"), kCourse},
                                            {QStringLiteral("joinCode"), QString::fromLatin1(TestServer::JoinCode)}}));
        if (!m_client.upgrade(port, hello + join))
            return false;
        // The receive buffer keeps its default size: a tiny one on loopback (MSS 64 KiB) makes the
        // kernel advertise a zero window and crawl on persist probes even after we read again.
        bool joined = false;
        [[maybe_unused]] const bool done = QTest::qWaitFor([&] {
            for (auto f = m_client.takeFrame(); f.first >= 0 && !joined; f = m_client.takeFrame())
                joined = f.second.contains("\"type\":\"joined\"");
            return joined;
        }, 5000);
        m_client.socket.setReadBufferSize(4096); // from here on nobody reads
        return joined;
    }

    // Reads everything the server managed to hand to the kernel, up to the connection's end.
    // Returns the numbers of the chat messages received, in arrival order.
    QList<int> drainChat()
    {
        m_client.socket.setReadBufferSize(0);
        QList<int> numbers;
        [[maybe_unused]] const bool done = QTest::qWaitFor([&] {
            for (auto f = m_client.takeFrame(); f.first >= 0; f = m_client.takeFrame()) {
                if (f.first == 0x1) {
                    if (const int n = messageNumber(QString::fromUtf8(f.second)); n >= 0)
                        numbers << n;
                }
            }
            return m_client.socket.state() == QAbstractSocket::UnconnectedState;
        }, 10000);
        m_eof = m_client.socket.state() == QAbstractSocket::UnconnectedState;
        return numbers;
    }
    bool reachedEnd() const { return m_eof; }

private:
    wstest::RawClient m_client;
    bool m_eof = false;
};

} // namespace

class TestSlowReader : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    std::vector<std::unique_ptr<WsTestClient>> m_readers;
    std::vector<QList<int>> m_order;           // per reader: chat message numbers in arrival order
    std::map<int, qint64> m_sentAt;            // message number → send time (ns)
    std::vector<qint64> m_latency[2];          // per phase: delivery latencies (ns) over all readers
    QElapsedTimer m_clock;
    int m_next = 0;
    int m_phase = 0;

    void tick()
    {
        const int n = m_next++;
        m_sentAt[n] = m_clock.nsecsElapsed();
        m_readers[0]->sendJson(QJsonObject({{QStringLiteral("type"), QStringLiteral("chat.send")},
                                      {QStringLiteral("course"), kCourse},
                                      {QStringLiteral("channel"), QStringLiteral("general")},
                                      {QStringLiteral("text"), QString(QStringLiteral("msg#%1|").arg(n) + kFiller)},
                                      {QStringLiteral("clientMsgId"), QStringLiteral("slow-%1").arg(n)}}));
        // A typing change per tick: one Droppable frame for everybody.
        m_readers[1]->sendJson(QJsonObject({{QStringLiteral("type"), QStringLiteral("typing")},
                                      {QStringLiteral("course"), kCourse},
                                      {QStringLiteral("channel"), QStringLiteral("general")},
                                      {QStringLiteral("active"), n % 2 == 0}}));
    }

    bool everyoneHas(int count) const
    {
        return std::all_of(m_order.begin(), m_order.end(), [count](const QList<int> &o) { return o.size() >= count; });
    }

    qint64 metric(const QByteArray &name)
    {
        QNetworkAccessManager http;
        std::unique_ptr<QNetworkReply> reply(http.get(QNetworkRequest(m_server.httpUrl(QStringLiteral("/metrics")))));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
            return -1;
        for (const QByteArray &line : reply->readAll().split('\n')) {
            if (line.startsWith(QByteArray(name + ' ')))
                return line.mid(name.size() + 1).toLongLong();
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server.setLimits(TestServer::unlimited());
        QVERIFY(m_server.start());
        m_clock.start();
        m_order.resize(Readers);
        for (int i = 0; i < Readers; ++i) {
            auto client = std::make_unique<WsTestClient>();
            QVERIFY(client->open(m_server.wsUrl()));
            QVERIFY(!client->helloAndJoin(QStringLiteral("reader.%1").arg(i), kCourse,
                                          QString::fromLatin1(TestServer::JoinCode)).isEmpty());
            connect(&client->socket(), &QWebSocket::textMessageReceived, this, [this, i](const QString &text) {
                const int n = messageNumber(text);
                if (n < 0)
                    return;
                m_order[size_t(i)] << n;
                m_latency[m_phase].push_back(m_clock.nsecsElapsed() - m_sentAt[n]);
            });
            m_readers.push_back(std::move(client));
        }
    }

    void stalledReaderIsCutOffAndOthersDoNotNotice()
    {
        QTimer ticker;
        ticker.setInterval(TickMs);
        connect(&ticker, &QTimer::timeout, this, &TestSlowReader::tick);

        // Phase 1: everybody reads.
        ticker.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_next >= CalmTicks, 30000);
        ticker.stop();
        QTRY_VERIFY_WITH_TIMEOUT(everyoneHas(m_next), 20000);

        // Phase 2: the same traffic with one member who stopped reading, until the server cuts
        // it off (its presence goes offline for the others).
        StalledReader stalled;
        QVERIFY(stalled.joinThenStall(m_server.port(), QStringLiteral("stalled.one")));
        const int firstStalled = m_next;
        const int presenceFrom = m_readers[2]->receivedCount();
        m_phase = 1;
        ticker.start();
        const auto cutOff = [&] {
            return !m_readers[2]->waitFor([](const QJsonObject &o) {
                return o.value(QLatin1String("type")).toString() == QLatin1String("presence")
                       && o.value(QLatin1String("user")).toString() == QLatin1String("stalled.one")
                       && !o.value(QLatin1String("online")).toBool(true);
            }, 0, presenceFrom).isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(cutOff() || m_next - firstStalled >= MaxStalledTicks, 60000);
        ticker.stop();
        QVERIFY2(cutOff(), "the stalled reader was never disconnected");
        QTRY_VERIFY_WITH_TIMEOUT(everyoneHas(m_next), 20000);

        // (1) Server side: closed with 4008 after typing/presence frames were dropped for it.
        QCOMPARE(metric("collab_ws_slow_consumer_closes_total"), 1);
        QVERIFY2(metric("collab_ws_frames_dropped_total") > 0, "droppable frames go before the connection");
        // Client side: what reached it is an unbroken, ordered run of the messages, then the end.
        const QList<int> got = stalled.drainChat();
        QVERIFY(stalled.reachedEnd());
        QVERIFY(!got.isEmpty());
        for (qsizetype k = 0; k < got.size(); ++k)
            QCOMPARE(got[k], firstStalled + int(k));
        QVERIFY2(got.size() < m_next - firstStalled, "it must have been cut off before the end");

        // (2) The others lost nothing and kept the order.
        QList<int> expected;
        for (int n = 0; n < m_next; ++n)
            expected << n;
        for (int i = 0; i < Readers; ++i)
            QCOMPARE(m_order[size_t(i)], expected);

        // (3) Their latency did not move: a ratio within this run, never an absolute time.
        const double calm = median(m_latency[0]);
        const double withStalled = median(m_latency[1]);
        qInfo("median delivery latency: %.2f ms calm, %.2f ms with the stalled reader (%d + %d ticks)",
              calm / 1e6, withStalled / 1e6, firstStalled, m_next - firstStalled);
        QVERIFY(calm > 0);
        QVERIFY2(withStalled <= 3 * calm, "the stalled reader slowed the others down");
    }
};

QTEST_GUILESS_MAIN(TestSlowReader)
#include "tst_slow_reader.moc"
