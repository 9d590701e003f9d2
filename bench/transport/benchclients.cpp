#include "benchclients.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QSocketNotifier>
#include <QtCore/QUrl>
#include <QtWebSockets/QWebSocket>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

namespace benchclients {

qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int runRawConnect(quint16 port, int count, int inFlight)
{
    static const QByteArray request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                      "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

    const int epoll = epoll_create1(0);
    std::vector<int> fds;
    fds.reserve(size_t(count));
    int started = 0, done = 0, active = 0, failed = 0;
    QElapsedTimer timer;
    timer.start();
    auto startOne = [&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (fd < 0) {
            ++failed;
            ++started;
            return;
        }
        // Spread the clients over 127.0.0.2-17: with one source address the kernel's search for a
        // free ephemeral port gets slower with every connection and dominates the measurement.
        const int on = 1;
        ::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
        sockaddr_in source{};
        source.sin_family = AF_INET;
        source.sin_addr.s_addr = htonl(INADDR_LOOPBACK + 1 + quint32(started % 16));
        ::bind(fd, reinterpret_cast<sockaddr *>(&source), sizeof source);
        ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address); // EINPROGRESS
        epoll_event ev{};
        ev.events = EPOLLOUT;
        ev.data.fd = fd;
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev);
        fds.push_back(fd);
        ++started;
        ++active;
    };
    epoll_event events[512];
    char buffer[1024];
    while (done + failed < count && timer.elapsed() < 60'000) {
        while (active < inFlight && started < count)
            startOne();
        const int n = epoll_wait(epoll, events, 512, 100);
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (events[i].events & EPOLLOUT) {
                ::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL);
                epoll_event ev{};
                ev.events = EPOLLIN;
                ev.data.fd = fd;
                epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &ev);
            } else {
                const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
                epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
                --active;
                if (got > 12 && memcmp(buffer, "HTTP/1.1 101", 12) == 0)
                    ++done;
                else
                    ++failed;
            }
        }
    }
    std::printf("connected %d %lld %d\n", done, qint64(timer.elapsed()), failed);
    std::fflush(stdout);
    // Idle until the parent closes our stdin.
    while (std::getchar() != EOF) {
    }
    for (int fd : fds)
        ::close(fd);
    return 0;
}

int runWsClients(quint16 port, int count)
{
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port));
    std::vector<std::unique_ptr<QWebSocket>> clients;
    std::vector<qint64> latencies;
    latencies.reserve(4'000'000);
    qint64 messages = 0;
    int connected = 0, finished = 0;
    for (int i = 0; i < count; ++i) {
        auto client = std::make_unique<QWebSocket>();
        QWebSocket *raw = client.get();
        QObject::connect(raw, &QWebSocket::connected, raw, [&connected, count] {
            if (++connected == count) {
                std::printf("ready\n");
                std::fflush(stdout);
            }
        });
        QObject::connect(raw, &QWebSocket::textMessageReceived, raw,
                         [&, count](const QString &text) {
            if (text == QLatin1String("end")) {
                if (++finished == count) {
                    std::sort(latencies.begin(), latencies.end());
                    auto at = [&latencies](double q) {
                        return latencies.empty() ? 0 : latencies[size_t(q * double(latencies.size() - 1))] / 1000;
                    };
                    std::printf("done %lld %lld %lld %lld\n", messages, at(0.5), at(0.99),
                                latencies.empty() ? 0LL : latencies.back() / 1000);
                    std::fflush(stdout);
                    QCoreApplication::quit();
                }
                return;
            }
            ++messages;
            if (text.startsWith(QLatin1Char('t'))) {
                const qint64 sent = QStringView(text).mid(1, text.indexOf(QLatin1Char('|')) - 1).toLongLong();
                latencies.push_back(monotonicNs() - sent);
            }
        });
        raw->open(url);
        clients.push_back(std::move(client));
    }
    return QCoreApplication::exec();
}

int runSender(quint16 port, int messages, int window)
{
    QWebSocket socket;
    int sent = 0, acked = 0;
    QElapsedTimer timer;
    const QString body = QStringLiteral("|{\"type\":\"chat.send\",\"course\":\"CECS327\",\"channel\":\"general\","
                                        "\"text\":\"hello class\"}");
    auto sendOne = [&] {
        socket.sendTextMessage(QLatin1Char('t') + QString::number(monotonicNs()) + body);
        ++sent;
    };
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&] {
        timer.start();
        while (sent < qMin(window, messages))
            sendOne();
    });
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &) {
        if (++acked == messages) {
            std::printf("done %lld\n", qint64(timer.elapsed()));
            std::fflush(stdout);
            QCoreApplication::quit();
        } else if (sent < messages) {
            sendOne();
        }
    });
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)));
    return QCoreApplication::exec();
}

} // namespace benchclients
