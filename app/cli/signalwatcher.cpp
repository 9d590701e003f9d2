#include "cli/signalwatcher.h"

#include <QSocketNotifier>
#include <QTimer>

#include <atomic>
#include <csignal>
#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace collab::cli {

#ifdef Q_OS_UNIX
namespace {

int g_fds[2] = {-1, -1};

extern "C" void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    // Nothing to do on failure: async-signal context. A full pipe already carries a wake-up.
    [[maybe_unused]] const ssize_t n = ::write(g_fds[0], &byte, 1);
}

} // namespace

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    if (g_fds[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0)
        return;
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(g_fds[1], &byte, 1) == 1)
            Q_EMIT terminationRequested(int(byte));
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

SignalWatcher::~SignalWatcher()
{
    if (!m_notifier)
        return;
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::close(g_fds[0]);
    ::close(g_fds[1]);
    g_fds[0] = g_fds[1] = -1;
}

#else // Windows: no socketpair/sigaction; std::signal stores the number, the event loop polls it.

namespace {
std::atomic<int> g_pending{0};
extern "C" void storeSignal(int signalNumber) { g_pending.store(signalNumber); }
} // namespace

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    std::signal(SIGINT, storeSignal);
    std::signal(SIGTERM, storeSignal);
    auto *timer = new QTimer(this);
    timer->setInterval(100);
    connect(timer, &QTimer::timeout, this, [this] {
        if (const int number = g_pending.exchange(0); number != 0)
            Q_EMIT terminationRequested(number);
    });
    timer->start();
    m_polling = true;
}

SignalWatcher::~SignalWatcher()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

#endif

} // namespace collab::cli
