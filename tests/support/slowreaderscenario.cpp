#include "slowreaderscenario.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <algorithm>

namespace {

const QString kCourse = QString::fromLatin1(TestServer::Course);
const QString kFiller(8000, QLatin1Char('x')); // ~8 KiB per chat frame: the stalled queue fills in seconds
const QString kStalledUser = QStringLiteral("stalled.one");

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

} // namespace

SlowReaderScenario::SlowReaderScenario()
{
    m_ticker.setInterval(TickMs);
    connect(&m_ticker, &QTimer::timeout, this, &SlowReaderScenario::tick);
}

SlowReaderScenario::~SlowReaderScenario() = default;

bool SlowReaderScenario::start()
{
    m_server.setLimits(TestServer::unlimited());
    if (!m_server.start())
        return false;
    m_clock.start();
    m_order.resize(Readers);
    for (int i = 0; i < Readers; ++i) {
        auto client = std::make_unique<WsTestClient>();
        if (!client->open(m_server.wsUrl())
            || client->helloAndJoin(QStringLiteral("reader.%1").arg(i), kCourse, QString::fromLatin1(TestServer::JoinCode)).isEmpty())
            return false;
        connect(&client->socket(), &QWebSocket::textMessageReceived, this, [this, i](const QString &text) {
            const int n = messageNumber(text);
            if (n < 0)
                return;
            m_order[size_t(i)] << n;
            m_latency[m_phase].push_back(m_clock.nsecsElapsed() - m_sentAt[n]);
        });
        m_readers.push_back(std::move(client));
    }
    return true;
}

void SlowReaderScenario::tick()
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

bool SlowReaderScenario::everyoneHas(int count) const
{
    return std::all_of(m_order.begin(), m_order.end(), [count](const QList<int> &o) { return o.size() >= count; });
}

bool SlowReaderScenario::stallOne()
{
    const auto text = [](const QJsonObject &o) { return rawws::clientFrame(0x1, QJsonDocument(o).toJson(QJsonDocument::Compact)); };
    const QByteArray hello = text(QJsonObject({{QStringLiteral("type"), QStringLiteral("hello")}, {QStringLiteral("user"), kStalledUser}}));
    const QByteArray join = text(QJsonObject({{QStringLiteral("type"), QStringLiteral("join")},
                                              {QStringLiteral("course"), kCourse},
                                              {QStringLiteral("joinCode"), QString::fromLatin1(TestServer::JoinCode)}}));
    if (!m_stalled.upgrade(m_server.port(), hello + join))
        return false;
    // The receive buffer keeps its default size: a tiny one on loopback (MSS 64 KiB) makes the
    // kernel advertise a zero window and crawl on persist probes even after we read again.
    bool joined = false;
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] {
        for (auto f = m_stalled.takeFrame(); f.first >= 0 && !joined; f = m_stalled.takeFrame())
            joined = f.second.contains("\"type\":\"joined\"");
        return joined;
    }, 5000);
    m_stalled.socket.setReadBufferSize(4096); // from here on nobody reads
    m_firstStalled = m_next;
    m_presenceFrom = m_readers[2]->receivedCount();
    m_phase = 1;
    return joined;
}

bool SlowReaderScenario::stalledWasCutOff() const
{
    return !m_readers[2]->waitFor([](const QJsonObject &o) {
        return o.value(QLatin1String("type")).toString() == QLatin1String("presence")
               && o.value(QLatin1String("user")).toString() == kStalledUser && !o.value(QLatin1String("online")).toBool(true);
    }, 0, m_presenceFrom).isEmpty();
}

QList<int> SlowReaderScenario::drainStalled()
{
    m_stalled.socket.setReadBufferSize(0);
    QList<int> numbers;
    [[maybe_unused]] const bool done = QTest::qWaitFor([&] {
        for (auto f = m_stalled.takeFrame(); f.first >= 0; f = m_stalled.takeFrame()) {
            if (f.first == 0x1) {
                if (const int n = messageNumber(QString::fromUtf8(f.second)); n >= 0)
                    numbers << n;
            }
        }
        return m_stalled.socket.state() == QAbstractSocket::UnconnectedState;
    }, 10000);
    m_stalledEof = m_stalled.socket.state() == QAbstractSocket::UnconnectedState;
    return numbers;
}

double SlowReaderScenario::medianLatencyNs(int phase) const
{
    std::vector<qint64> values = m_latency[phase - 1];
    if (values.empty())
        return 0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return double(values[values.size() / 2]);
}

qint64 SlowReaderScenario::metric(const QByteArray &name)
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
