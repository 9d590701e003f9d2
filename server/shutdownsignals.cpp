#include "shutdownsignals.h"

#ifndef COLLAB_PORTABLE
#include "unixsignals.h"
#endif

#include <QTimer>

#include <atomic>
#include <csignal>

namespace collab::server {

namespace {
std::atomic<int> g_pending{0};
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only touch lock-free atomics");

extern "C" void storeSignal(int number) { g_pending.store(number); }
} // namespace

std::unique_ptr<ShutdownSignals> ShutdownSignals::create()
{
#ifndef COLLAB_PORTABLE
    return std::make_unique<UnixSignals>();
#else
    return std::make_unique<PolledSignals>();
#endif
}

PolledSignals::PolledSignals(QObject *parent) : ShutdownSignals(parent)
{
    std::signal(SIGINT, storeSignal);
    std::signal(SIGTERM, storeSignal);
#ifdef SIGHUP
    std::signal(SIGHUP, storeSignal);
#endif
#ifdef SIGBREAK
    std::signal(SIGBREAK, storeSignal); // Windows: Ctrl+Break, a console closing
#endif
    auto *timer = new QTimer(this);
    timer->setInterval(100);
    connect(timer, &QTimer::timeout, this, &PolledSignals::poll);
    timer->start();
}

PolledSignals::~PolledSignals()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
#ifdef SIGHUP
    std::signal(SIGHUP, SIG_DFL);
#endif
}

void PolledSignals::poll()
{
    const int number = g_pending.exchange(0);
    if (number == 0)
        return;
    std::signal(number, storeSignal); // some systems reset the handler once it ran
#ifdef SIGHUP
    if (number == SIGHUP)
        return Q_EMIT reloadRequested();
#endif
    Q_EMIT terminationRequested(number);
}

} // namespace collab::server
