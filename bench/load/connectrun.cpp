#include "connectrun.h"

#include "procstats.h"

#include <cstdio>

namespace collab::bench {

namespace {
constexpr std::int64_t kMs = 1000000;
} // namespace

ConnectRun::ConnectRun(const BenchOptions &options, const Endpoint &endpoint) : m_options(options), m_pool(endpoint, *this) {}

ConnectResult ConnectRun::run()
{
    ConnectResult r;
    r.connections = m_options.connections;
    const int pid = m_options.serverPid;
    if (pid)
        r.rssBeforeKiB = processRssKiB(pid);
    const std::int64_t cpuBefore = pid ? processCpuTicks(pid) : -1;
    const std::int64_t start = steadyNowNs();
    const std::int64_t deadline = start + 120000 * kMs;
    m_pool.open(m_options.connections, m_options.handshakesInFlight);
    while (!m_pool.settled() && steadyNowNs() < deadline)
        m_pool.poller().poll(20);
    const std::int64_t end = steadyNowNs();
    r.connectSeconds = double(end - start) / 1e9;
    r.connected = m_pool.opened();
    r.failed = m_pool.failed();
    if (pid) {
        const std::int64_t cpuAfter = processCpuTicks(pid);
        if (cpuBefore >= 0 && cpuAfter >= 0 && r.connectSeconds > 0)
            r.serverCpuPct = 100.0 * double(cpuAfter - cpuBefore) / double(clockTicksPerSecond()) / r.connectSeconds;
        // Let the server finish whatever it does after the upgrade before reading its RSS.
        const std::int64_t settleUntil = steadyNowNs() + 1000 * kMs;
        while (steadyNowNs() < settleUntil)
            m_pool.poller().poll(50);
        r.rssAfterKiB = processRssKiB(pid);
    }
    m_pool.closeAll();
    return r;
}

void ConnectRun::onClosed(WsClient &, const char *why)
{
    if (++m_reported <= 5)
        std::fprintf(stderr, "collab-bench: connection failed: %s\n", why);
}

} // namespace collab::bench
