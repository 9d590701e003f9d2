// collab-bench-transport: connect rate, idle RSS per connection and broadcast throughput/latency of
// the WebSocket transport. The server runs in this process; the clients run in child processes
// (this same binary with --client-*), so each side has its own core. Prints one JSON line.
#include "benchclients.h"

#include "transport/sharedframe.h"
#include "transport/wsconnection.h"
#include "transport/wslistener.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace collab::server;

namespace {

// Runs the event loop until `condition` holds, checking it every 20 ms (no busy loop: the CPU
// figures must be the server's own).
bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    if (condition())
        return true;
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition() || deadline.hasExpired())
            loop.quit();
    });
    poll.start();
    loop.exec();
    return condition();
}

qint64 vmRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

qint64 cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (qint64(usage.ru_utime.tv_sec) + usage.ru_stime.tv_sec) * 1000
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// A child process of this binary, read line by line.
class Child
{
public:
    explicit Child(const QStringList &arguments)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] {
            while (m_process.canReadLine())
                m_lines << QString::fromUtf8(m_process.readLine()).trimmed();
        });
        m_process.start(QCoreApplication::applicationFilePath(), arguments);
    }
    ~Child()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10'000))
            m_process.kill();
    }
    // Waits for a line starting with `prefix`; returns its words after the prefix.
    QStringList waitLine(const QString &prefix, int timeoutMs)
    {
        QStringList found;
        waitUntil([&] {
            for (const QString &line : std::as_const(m_lines)) {
                if (line.startsWith(prefix)) {
                    found = line.split(QLatin1Char(' ')).mid(1);
                    return true;
                }
            }
            return m_process.state() == QProcess::NotRunning;
        }, timeoutMs);
        return found;
    }
    void closeInput() { m_process.closeWriteChannel(); }

private:
    QProcess m_process;
    QStringList m_lines;
};

QByteArray eventPayload(qint64 seq)
{
    return QByteArrayLiteral("t") + QByteArray::number(benchclients::monotonicNs())
        + QByteArrayLiteral("|{\"type\":\"event\",\"course\":\"CECS327\",\"seq\":") + QByteArray::number(seq)
        + QByteArrayLiteral(",\"kind\":\"chat.posted\",\"user\":\"angie.nguyen\",\"text\":\"hello class\"}");
}

struct Server
{
    Server()
    {
        listener = std::make_unique<WsListener>(WsListener::HttpHandoff{}, WsLimits{}); // WebSocket only
        QObject::connect(listener.get(), &WsListener::newConnection, listener.get(),
                         [this](WsConnection *c) { connections.append(c); });
        listener->listen(QHostAddress::LocalHost, 0);
    }
    std::unique_ptr<WsListener> listener;
    QList<QPointer<WsConnection>> connections;

    void broadcast(const SharedFrame &frame)
    {
        for (const auto &c : std::as_const(connections)) {
            if (c)
                c->send(frame);
        }
    }
    bool queuesBelow(qint64 bytes) const
    {
        return std::all_of(connections.begin(), connections.end(),
                           [bytes](const QPointer<WsConnection> &c) { return !c || c->queuedBytes() < bytes; });
    }
    void forgetClosed()
    {
        connections.removeIf([](const QPointer<WsConnection> &c) { return c.isNull(); });
    }
};

QJsonObject benchConnect(Server &server, int count)
{
    const qint64 rssBefore = vmRssKiB();
    const int before = server.listener->connectionCount();
    QElapsedTimer timer;
    qint64 serverMs = -1; // when the last upgrade completed, taken in the signal for precision
    const auto stamp = QObject::connect(server.listener.get(), &WsListener::newConnection, server.listener.get(), [&] {
        if (server.listener->connectionCount() - before == count)
            serverMs = timer.elapsed();
    });
    timer.start();
    Child child({QStringLiteral("--client-raw"), QString::number(server.listener->port()),
                 QString::number(count), QStringLiteral("512")});
    const bool all = waitUntil([&] { return serverMs >= 0; }, 60'000);
    QObject::disconnect(stamp);
    const QStringList reported = child.waitLine(QStringLiteral("connected"), 10'000);
    waitUntil([] { return false; }, 300); // let the last flushes and deferred deletes run
    const qint64 rssAfter = vmRssKiB();
    const int accepted = server.listener->connectionCount() - before;
    child.closeInput();
    waitUntil([&] { return server.listener->connectionCount() == before; }, 30'000);
    server.forgetClosed();
    return QJsonObject{
        {QStringLiteral("connections"), count},
        {QStringLiteral("accepted"), accepted},
        {QStringLiteral("all_accepted"), all},
        {QStringLiteral("server_ms"), serverMs},
        {QStringLiteral("client_ms"), reported.value(1).toLongLong()},
        {QStringLiteral("client_failed"), reported.value(2).toInt()},
        {QStringLiteral("accepts_per_s"), serverMs > 0 ? qint64(accepted * 1000.0 / double(serverMs)) : 0},
        {QStringLiteral("rss_before_kib"), rssBefore},
        {QStringLiteral("rss_after_kib"), rssAfter},
        {QStringLiteral("rss_per_idle_connection_bytes"),
         accepted > 0 ? qint64((rssAfter - rssBefore) * 1024.0 / accepted) : 0},
    };
}

// Sends `messages` frames to `clients` QWebSocket clients, `batch` per event-loop turn while
// every queue holds < 64 KiB (a sender with unacked sends in flight), or at `rate` per second.
QJsonObject benchBroadcast(Server &server, int clients, int messages, int batch, int rate)
{
    Child child({QStringLiteral("--client-ws"), QString::number(server.listener->port()),
                 QString::number(clients)});
    child.waitLine(QStringLiteral("ready"), 60'000);
    waitUntil([&] { return server.listener->connectionCount() >= clients; }, 60'000);
    waitUntil([] { return false; }, 200);

    int sent = 0;
    // Server-side fan-out time of each steady tick: encode + queue for every client + the flush
    // (our queued call runs after the scheduler's, which was posted during the broadcast).
    std::vector<qint64> fanoutUs;
    QElapsedTimer wall;
    const qint64 cpuBefore = cpuMs();
    wall.start();
    QTimer pump;
    pump.setInterval(rate > 0 ? 1000 / rate : 0);
    QObject::connect(&pump, &QTimer::timeout, &pump, [&] {
        if (rate == 0 && !server.queuesBelow(64 * 1024))
            return;
        const qint64 tickStart = benchclients::monotonicNs();
        for (int i = 0; i < (rate > 0 ? 1 : batch) && sent < messages; ++i)
            server.broadcast(SharedFrame::text(eventPayload(sent++)));
        if (rate > 0) {
            QMetaObject::invokeMethod(&pump, [&fanoutUs, tickStart] {
                fanoutUs.push_back((benchclients::monotonicNs() - tickStart) / 1000);
            }, Qt::QueuedConnection);
        }
        if (sent == messages) {
            pump.stop();
            server.broadcast(SharedFrame::text(QByteArrayLiteral("end")));
        }
    });
    pump.start();
    const QStringList done = child.waitLine(QStringLiteral("done"), 120'000);
    const qint64 elapsedMs = wall.elapsed();
    const qint64 cpu = cpuMs() - cpuBefore;
    const qint64 delivered = done.value(0).toLongLong();
    std::sort(fanoutUs.begin(), fanoutUs.end());
    auto fanout = [&fanoutUs](double q) {
        return fanoutUs.empty() ? qint64(0) : fanoutUs[size_t(q * double(fanoutUs.size() - 1))];
    };
    child.closeInput();
    waitUntil([&] { return server.listener->connectionCount() == 0; }, 30'000);
    server.forgetClosed();
    return QJsonObject{
        {QStringLiteral("clients"), clients},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("rate_per_s"), rate},
        {QStringLiteral("delivered"), delivered},
        {QStringLiteral("expected"), qint64(clients) * messages},
        {QStringLiteral("elapsed_ms"), elapsedMs},
        {QStringLiteral("deliveries_per_s"), elapsedMs > 0 ? qint64(delivered * 1000.0 / double(elapsedMs)) : 0},
        {QStringLiteral("server_cpu_percent"), elapsedMs > 0 ? qRound(cpu * 1000.0 / double(elapsedMs)) / 10.0 : 0},
        {QStringLiteral("latency_p50_us"), done.value(1).toLongLong()},
        {QStringLiteral("latency_p99_us"), done.value(2).toLongLong()},
        {QStringLiteral("latency_max_us"), done.value(3).toLongLong()},
        {QStringLiteral("server_fanout_p50_us"), fanout(0.5)},
        {QStringLiteral("server_fanout_p99_us"), fanout(0.99)},
    };
}

// One sender with `window` unacked messages; the server acks each and broadcasts it to every other
// connection (`receivers` QWebSocket clients): the shape of a chat course with one busy writer.
QJsonObject benchRelay(Server &server, int receivers, int messages, int window)
{
    Child audience({QStringLiteral("--client-ws"), QString::number(server.listener->port()),
                    QString::number(receivers)});
    audience.waitLine(QStringLiteral("ready"), 60'000);
    waitUntil([&] { return server.listener->connectionCount() >= receivers; }, 60'000);
    const QList<QPointer<WsConnection>> audienceConnections = server.connections;

    QMetaObject::Connection relay = QObject::connect(
        server.listener.get(), &WsListener::newConnection, server.listener.get(),
        [&audienceConnections](WsConnection *sender) {
        QObject::connect(sender, &WsConnection::textReceived, sender,
                         [sender, &audienceConnections](const QByteArray &text) {
            const SharedFrame frame = SharedFrame::text(text); // encoded once for all receivers
            for (const auto &c : audienceConnections) {
                if (c)
                    c->send(frame);
            }
            sender->sendText(QByteArrayLiteral("{\"type\":\"ack\"}"));
        });
    });
    const qint64 cpuBefore = cpuMs();
    QElapsedTimer wall;
    wall.start();
    qint64 senderMs = 0;
    {
        Child sender({QStringLiteral("--client-sender"), QString::number(server.listener->port()),
                      QString::number(messages), QString::number(window)});
        senderMs = sender.waitLine(QStringLiteral("done"), 120'000).value(0).toLongLong();
    }
    QObject::disconnect(relay);
    server.broadcast(SharedFrame::text(QByteArrayLiteral("end")));
    const QStringList done = audience.waitLine(QStringLiteral("done"), 120'000);
    const qint64 elapsedMs = wall.elapsed();
    const qint64 cpu = cpuMs() - cpuBefore;
    const qint64 delivered = done.value(0).toLongLong();
    audience.closeInput();
    waitUntil([&] { return server.listener->connectionCount() == 0; }, 30'000);
    server.forgetClosed();
    return QJsonObject{
        {QStringLiteral("receivers"), receivers},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("window"), window},
        {QStringLiteral("delivered"), delivered},
        {QStringLiteral("expected"), qint64(receivers) * messages},
        {QStringLiteral("sender_ms"), senderMs},
        {QStringLiteral("elapsed_ms"), elapsedMs},
        {QStringLiteral("acked_messages_per_s"), senderMs > 0 ? qint64(messages * 1000.0 / double(senderMs)) : 0},
        {QStringLiteral("deliveries_per_s"), elapsedMs > 0 ? qint64(delivered * 1000.0 / double(elapsedMs)) : 0},
        {QStringLiteral("server_cpu_percent"), elapsedMs > 0 ? qRound(cpu * 1000.0 / double(elapsedMs)) / 10.0 : 0},
        {QStringLiteral("latency_p50_us"), done.value(1).toLongLong()},
        {QStringLiteral("latency_p99_us"), done.value(2).toLongLong()},
    };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    raiseFileDescriptorLimit();
    const QStringList args = app.arguments();
    if (args.size() >= 5 && args.at(1) == QLatin1String("--client-raw"))
        return benchclients::runRawConnect(quint16(args.at(2).toUInt()), args.at(3).toInt(), args.at(4).toInt());
    if (args.size() >= 5 && args.at(1) == QLatin1String("--client-sender"))
        return benchclients::runSender(quint16(args.at(2).toUInt()), args.at(3).toInt(), args.at(4).toInt());
    if (args.size() >= 4 && args.at(1) == QLatin1String("--client-ws"))
        return benchclients::runWsClients(quint16(args.at(2).toUInt()), args.at(3).toInt());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("WebSocket transport benchmark"));
    parser.addHelpOption();
    const QCommandLineOption connections(QStringLiteral("connections"), QStringLiteral("idle connections (default 19000)"), QStringLiteral("n"), QStringLiteral("19000"));
    const QCommandLineOption burstClients(QStringLiteral("burst-clients"), QStringLiteral("clients of the burst test (default 100)"), QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption burstMessages(QStringLiteral("burst-messages"), QStringLiteral("messages of the burst test (default 20000)"), QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption steadyClients(QStringLiteral("steady-clients"), QStringLiteral("clients of the steady test (default 1000)"), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption steadySeconds(QStringLiteral("steady-seconds"), QStringLiteral("length of the steady test (default 10)"), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption relayMessages(QStringLiteral("relay-messages"), QStringLiteral("messages of the relay test (default 30000)"), QStringLiteral("n"), QStringLiteral("30000"));
    parser.addOptions({connections, burstClients, burstMessages, steadyClients, steadySeconds, relayMessages});
    parser.process(app);

    Server server;
    if (server.listener->port() == 0) {
        std::fprintf(stderr, "listen failed\n");
        return 1;
    }
    QJsonObject result{{QStringLiteral("bench"), QStringLiteral("transport")}};
    result.insert(QStringLiteral("connect"), benchConnect(server, parser.value(connections).toInt()));
    // 100 clients, one sender keeping 64 sends in flight: maximum fan-out throughput.
    result.insert(QStringLiteral("burst"), benchBroadcast(server, parser.value(burstClients).toInt(),
                                                          parser.value(burstMessages).toInt(), 64, 0));
    // 1 sender with 64 unacked messages, relayed to the 100 burst clients.
    result.insert(QStringLiteral("relay"), benchRelay(server, parser.value(burstClients).toInt(),
                                                      parser.value(relayMessages).toInt(), 64));
    // 1000 clients, 100 messages/s (5 senders x 20/s): 100k deliveries/s; CPU and latency.
    const int seconds = parser.value(steadySeconds).toInt();
    result.insert(QStringLiteral("steady"), benchBroadcast(server, parser.value(steadyClients).toInt(),
                                                           100 * seconds, 1, 100));
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
