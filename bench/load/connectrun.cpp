#include "connectrun.h"

#include "framescan.h"
#include "procstats.h"
#include "sessionframes.h"

#include <algorithm>
#include <cstdio>

namespace collab::bench {

namespace {
constexpr std::int64_t kMs = 1000000;
} // namespace

ConnectRun::ConnectRun(const BenchOptions &options, const Endpoint &endpoint)
    : m_options(options), m_pool(endpoint, *this), m_joinFrame(joinFrame(options.course, options.joinCode)), m_run(newRunId())
{
}

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
    if (m_options.join) {
        waitForJoins();
        r.joined = m_joined;
        r.joinSeconds = double(steadyNowNs() - start) / 1e9;
    }
    if (pid) {
        const std::int64_t cpuAfter = processCpuTicks(pid);
        const double seconds = m_options.join ? r.joinSeconds : r.connectSeconds; // the server's busy part
        if (cpuBefore >= 0 && cpuAfter >= 0 && seconds > 0)
            r.serverCpuPct = 100.0 * double(cpuAfter - cpuBefore) / double(clockTicksPerSecond()) / seconds;
        // Let the server finish whatever it does after the upgrade before reading its RSS.
        const std::int64_t settleUntil = steadyNowNs() + 1000 * kMs;
        while (steadyNowNs() < settleUntil)
            m_pool.poller().poll(50);
        r.rssAfterKiB = processRssKiB(pid);
    }
    m_pool.closeAll();
    return r;
}

void ConnectRun::waitForJoins()
{
    const std::int64_t deadline = steadyNowNs() + (60 + m_options.connections / 50) * 1000 * kMs;
    while (m_joined + m_refused + m_pool.failed() < m_options.connections && steadyNowNs() < deadline)
        m_pool.poller().poll(20);
    // Each join tells everyone online (presence): wait until that has died down.
    m_lastFrameAt = steadyNowNs();
    while (steadyNowNs() - m_lastFrameAt < 500 * kMs && steadyNowNs() < deadline)
        m_pool.poller().poll(50);
}

void ConnectRun::onOpen(WsClient &client)
{
    if (!m_options.join)
        return;
    client.sendText(helloFrame(m_run, client.index()));
    client.sendText(m_joinFrame);
}

void ConnectRun::onText(WsClient &, std::string_view text, std::int64_t now)
{
    m_lastFrameAt = now;
    const FrameType type = frameType(text);
    if (type == FrameType::Joined) {
        ++m_joined;
    } else if (type == FrameType::Error) {
        ++m_refused;
        if (++m_reported <= 5)
            std::fprintf(stderr, "collab-bench: %.*s\n", int(std::min<std::size_t>(text.size(), 300)), text.data());
    }
}

void ConnectRun::onClosed(WsClient &, const char *why)
{
    if (++m_reported <= 5)
        std::fprintf(stderr, "collab-bench: connection failed: %s\n", why);
}

} // namespace collab::bench
