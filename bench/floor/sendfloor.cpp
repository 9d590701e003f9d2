// collab-bench-sendfloor: the kernel's floor for scenario 1 on this machine, without any server.
// One process writes the same small frame to C loopback TCP connections every P µs, the way the
// server fans one chat event out; a child process reads them all with epoll (like collab-bench).
// Modes: "sendmsg" (one syscall per connection, the server before io_uring) and "uring" (all the
// sends of one round in one io_uring_enter, what SendRing does). Prints one JSON line: the writer's
// CPU in % of one core, the reader's, and the wall time to issue one round.
//   collab-bench-sendfloor MODE [connections=1000] [seconds=10] [bytes=250] [period_us=10000]
#include <liburing.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

double now()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

double cpuSeconds(int who)
{
    rusage r{};
    getrusage(who, &r);
    return double(r.ru_utime.tv_sec + r.ru_stime.tv_sec) + double(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

[[noreturn]] void readAll(const sockaddr_in &address, int connections)
{
    const int epoll = epoll_create1(0);
    for (int i = 0; i < connections; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            perror("connect");
            _exit(1);
        }
        fcntl(fd, F_SETFL, O_NONBLOCK);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev);
    }
    static char buffer[256 * 1024];
    int open = connections;
    epoll_event events[256];
    while (open > 0) {
        const int n = epoll_wait(epoll, events, 256, -1);
        for (int i = 0; i < n; ++i) {
            const ssize_t r = recv(events[i].data.fd, buffer, sizeof buffer, 0);
            if (r == 0) {
                close(events[i].data.fd);
                --open;
            }
        }
    }
    _exit(0);
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[1] : "sendmsg";
    const int connections = argc > 2 ? atoi(argv[2]) : 1000;
    const double seconds = argc > 3 ? atof(argv[3]) : 10;
    const int bytes = argc > 4 ? atoi(argv[4]) : 250;
    const int periodUs = argc > 5 ? atoi(argv[5]) : 10000;
    if ((mode != "sendmsg" && mode != "uring") || connections < 1 || bytes < 4 || bytes > 65535) {
        fprintf(stderr, "usage: %s sendmsg|uring [connections] [seconds] [bytes 4-65535] [period_us]\n", argv[0]);
        return 2;
    }
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);

    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || listen(listener, 4096) != 0) {
        perror("listen");
        return 1;
    }
    getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
    const pid_t reader = fork();
    if (reader == 0)
        readAll(address, connections);

    std::vector<int> fds(static_cast<size_t>(connections));
    for (int &fd : fds) {
        fd = accept(listener, nullptr, nullptr);
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); // as the server does
        fcntl(fd, F_SETFL, O_NONBLOCK);
    }
    // A WebSocket text frame of `bytes` bytes (16-bit length form), like one chat event.
    std::vector<char> frame(size_t(bytes), 'x');
    frame[0] = char(0x81);
    frame[1] = 126;
    frame[2] = char((bytes - 4) >> 8);
    frame[3] = char((bytes - 4) & 0xFF);

    io_uring ring{};
    if (mode == "uring") {
        io_uring_params params{};
        params.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
        if (io_uring_queue_init_params(unsigned(connections), &ring, &params) != 0) {
            params = io_uring_params{};
            if (io_uring_queue_init_params(unsigned(connections), &ring, &params) != 0) {
                fprintf(stderr, "io_uring is not available\n");
                return 1;
            }
        }
    }
    sleep(1); // let the reader finish connecting

    long sent = 0;
    int rounds = 0;
    double issueSeconds = 0;
    const double start = now();
    const double cpuStart = cpuSeconds(RUSAGE_SELF);
    double next = start;
    while (now() - start < seconds) {
        next += periodUs / 1e6;
        timespec wake{};
        wake.tv_sec = time_t(next);
        wake.tv_nsec = long((next - double(wake.tv_sec)) * 1e9);
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &wake, nullptr);
        const double issueStart = now();
        if (mode == "sendmsg") {
            for (int fd : fds) {
                iovec iov{frame.data(), frame.size()};
                msghdr message{};
                message.msg_iov = &iov;
                message.msg_iovlen = 1;
                sent += sendmsg(fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT) == bytes;
            }
        } else {
            for (int fd : fds)
                io_uring_prep_send(io_uring_get_sqe(&ring), fd, frame.data(), frame.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            io_uring_submit_and_wait(&ring, unsigned(connections));
            io_uring_cqe *cqe = nullptr;
            unsigned head = 0;
            unsigned seen = 0;
            io_uring_for_each_cqe(&ring, head, cqe)
            {
                sent += cqe->res == bytes;
                ++seen;
            }
            io_uring_cq_advance(&ring, seen);
        }
        issueSeconds += now() - issueStart;
        ++rounds;
    }
    const double wall = now() - start;
    const double cpu = cpuSeconds(RUSAGE_SELF) - cpuStart;
    for (int fd : fds)
        close(fd);
    int status = 0;
    waitpid(reader, &status, 0);
    printf("{\"mode\":\"%s\",\"connections\":%d,\"bytes\":%d,\"period_us\":%d,\"rounds\":%d,\"sent\":%ld,"
           "\"lost\":%ld,\"writer_cpu_pct\":%.1f,\"issue_ms_per_round\":%.3f,\"reader_cpu_pct\":%.1f}\n",
           mode.c_str(), connections, bytes, periodUs, rounds, sent, long(rounds) * connections - sent,
           100 * cpu / wall, 1000 * issueSeconds / rounds, 100 * cpuSeconds(RUSAGE_CHILDREN) / wall);
    return 0;
}
