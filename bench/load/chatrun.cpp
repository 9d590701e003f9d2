#include "chatrun.h"

#include "framescan.h"
#include "procstats.h"
#include "sessionframes.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include <unistd.h>

namespace collab::bench {

namespace {

constexpr std::int64_t kMs = 1000000;
constexpr std::int64_t kSecond = 1000 * kMs;

} // namespace

ChatRun::ChatRun(const BenchOptions &options, const Endpoint &endpoint, const Endpoint *second)
    : m_options(options), m_pool(endpoint, *this, second, options.senders)
{
    m_run = newRunId();
    m_sendPrefix = "{\"type\":\"chat.send\",\"course\":\"" + jsonEscaped(options.course) + "\",\"channel\":\""
        + jsonEscaped(options.channel) + "\",\"clientMsgId\":\"" + m_run + ".";
    if (options.textSize > 0)
        m_padding.assign(std::size_t(options.textSize), 'x');
    m_senderOf.assign(std::size_t(options.connections), -1);
    m_joinFrame = joinFrame(options.course, options.joinCode);
}

ChatResult ChatRun::run()
{
    if (ramp()) {
        settle();
        measure();
        drain();
    }
    m_result.receivers = std::min(m_result.joined, m_pool.openNow());
    m_result.lost = std::int64_t(m_result.acked * std::uint64_t(m_result.receivers)) - std::int64_t(m_result.deliveries);
    m_result.p50 = m_latency.quantileMs(0.50);
    m_result.p99 = m_latency.quantileMs(0.99);
    m_result.max = m_latency.maxMs();
    m_result.ackP50 = m_ackLatency.quantileMs(0.50);
    m_result.ackP99 = m_ackLatency.quantileMs(0.99);
    m_pool.closeAll();
    return m_result;
}

bool ChatRun::ramp()
{
    const std::int64_t start = steadyNowNs();
    const std::int64_t deadline = start + (60 + m_options.connections / 100) * kSecond;
    m_pool.open(m_options.connections, m_options.handshakesInFlight);
    while (steadyNowNs() < deadline) {
        m_pool.poller().poll(20);
        // Every connection has either failed, or joined, or been refused (an error frame).
        if (m_pool.settled() && m_result.joined + m_pool.failed() + m_refused >= m_options.connections)
            break;
    }
    m_result.rampSeconds = double(steadyNowNs() - start) / double(kSecond);
    m_result.connected = m_pool.opened();
    if (m_pool.failed() > 0)
        report("connections failed", m_pool.firstFailure() ? m_pool.firstFailure() : "");
    std::fprintf(stderr, "collab-bench: %d/%d connections joined in %.2f s\n", m_result.joined, m_options.connections,
                 m_result.rampSeconds);
    return m_result.joined > 0;
}

void ChatRun::settle()
{
    // The joins' presence and member.joined broadcasts must be over before the timed part.
    const std::int64_t deadline = steadyNowNs() + 30 * kSecond;
    m_lastFrameAt = steadyNowNs();
    while (steadyNowNs() < deadline && steadyNowNs() - m_lastFrameAt < 500 * kMs)
        m_pool.poller().poll(50);
}

void ChatRun::measure()
{
    for (int i = 0, n = 0; i < m_pool.size() && n < m_options.senders; ++i) {
        if (m_pool.client(i).state() != WsClient::State::Open)
            continue;
        Sender s;
        s.client = i;
        s.sentAt.reserve(std::size_t(std::max(1.0, m_options.rate) * m_options.duration) + 1024);
        m_senderOf[std::size_t(i)] = n++;
        m_senders.push_back(std::move(s));
    }
    const std::int64_t interval = m_options.rate > 0 ? std::int64_t(double(kSecond) / m_options.rate) : 0;
    const std::int64_t start = steadyNowNs();
    m_endAt = start + std::int64_t(m_options.duration * double(kSecond));
    const std::int64_t cpuBefore = m_options.serverPid ? processCpuTicks(m_options.serverPid) : -1;
    const std::int64_t selfBefore = processCpuTicks(int(getpid()));
    m_sending = true;
    for (std::size_t i = 0; i < m_senders.size(); ++i) {
        Sender &s = m_senders[i];
        s.nextAt = start + (interval * std::int64_t(i)) / std::int64_t(m_senders.size()); // staggered
        if (interval == 0)
            while (canSend(s))
                send(s);
    }
    for (std::int64_t now = start; now < m_endAt; now = steadyNowNs()) {
        std::int64_t wake = m_endAt;
        if (interval > 0) {
            for (Sender &s : m_senders) {
                while (s.nextAt <= now && canSend(s)) {
                    send(s);
                    s.nextAt += interval;
                }
                wake = std::min(wake, s.nextAt);
            }
        }
        const std::int64_t waitMs = std::clamp<std::int64_t>((wake - now + kMs - 1) / kMs, 0, 10);
        m_pool.poller().poll(int(waitMs));
    }
    m_sending = false;
    const std::int64_t end = steadyNowNs();
    m_result.measuredSeconds = double(end - start) / double(kSecond);
    m_result.windowDeliveries = m_result.deliveries;
    const std::int64_t selfAfter = processCpuTicks(int(getpid()));
    if (selfBefore >= 0 && selfAfter >= 0)
        m_result.benchCpuPct = 100.0 * double(selfAfter - selfBefore) / double(clockTicksPerSecond()) / m_result.measuredSeconds;
    if (m_options.serverPid) {
        const std::int64_t cpuAfter = processCpuTicks(m_options.serverPid);
        if (cpuBefore >= 0 && cpuAfter >= 0)
            m_result.serverCpuPct = 100.0 * double(cpuAfter - cpuBefore) / double(clockTicksPerSecond()) / m_result.measuredSeconds;
        m_result.serverRssKiB = processRssKiB(m_options.serverPid);
    }
}

void ChatRun::drain()
{
    const std::int64_t deadline = steadyNowNs() + std::int64_t(m_options.drain * double(kSecond));
    while (steadyNowNs() < deadline) {
        const int receivers = std::min(m_result.joined, m_pool.openNow());
        if (totalInFlight() == 0 && m_result.deliveries >= m_result.acked * std::uint64_t(receivers))
            break;
        m_pool.poller().poll(20);
    }
}

bool ChatRun::canSend(const Sender &s) const
{
    return m_options.window == 0 || s.inFlight < std::uint32_t(m_options.window);
}

void ChatRun::send(Sender &s)
{
    WsClient &client = m_pool.client(s.client);
    if (client.state() != WsClient::State::Open)
        return;
    const std::uint32_t n = std::uint32_t(s.sentAt.size());
    char tail[160];
    const int len = std::snprintf(tail, sizeof tail, "%d.%u\",\"ref\":%u,\"text\":\"bench %s %d %u%s", m_senderOf[std::size_t(s.client)], n, n,
                                  m_run.c_str(), m_senderOf[std::size_t(s.client)], n, m_padding.empty() ? "\"}" : " ");
    std::string frame;
    frame.reserve(m_sendPrefix.size() + std::size_t(len) + m_padding.size() + 2);
    frame.append(m_sendPrefix).append(tail, std::size_t(len));
    if (!m_padding.empty())
        frame.append(m_padding).append("\"}");
    s.sentAt.push_back(steadyNowNs());
    ++s.inFlight;
    ++m_result.sent;
    client.sendText(frame);
}

void ChatRun::onOpen(WsClient &client)
{
    client.sendText(helloFrame(m_run, client.index()));
    client.sendText(m_joinFrame);
}

void ChatRun::onText(WsClient &client, std::string_view text, std::int64_t now)
{
    m_lastFrameAt = now;
    switch (frameType(text)) {
    case FrameType::Event: {
        int sender = 0;
        std::uint32_t n = 0;
        if (!benchMessageId(text, m_run, &sender, &n) || sender < 0 || std::size_t(sender) >= m_senders.size())
            return;
        const Sender &s = m_senders[std::size_t(sender)];
        if (n < s.sentAt.size())
            m_latency.record(now - s.sentAt[n]);
        ++m_result.deliveries;
        return;
    }
    case FrameType::Joined:
        ++m_result.joined;
        return;
    case FrameType::Ack:
        onAckOrError(client.index(), true, text, now);
        return;
    case FrameType::Error:
        ++m_result.errors;
        if (m_senders.empty())
            ++m_refused;
        report("error frame", text);
        onAckOrError(client.index(), false, text, now);
        return;
    default:
        return;
    }
}

void ChatRun::onAckOrError(int client, bool ok, std::string_view frame, std::int64_t now)
{
    const int index = m_senderOf[std::size_t(client)];
    if (index < 0)
        return;
    Sender &s = m_senders[std::size_t(index)];
    if (s.inFlight > 0)
        --s.inFlight;
    if (ok) {
        ++s.acked, ++m_result.acked;
        std::uint64_t ref = 0; // chat.send's ref is the message number
        if (numberField(frame, "ref", &ref) && ref < s.sentAt.size())
            m_ackLatency.record(now - s.sentAt[std::size_t(ref)]);
    }
    if (m_sending && m_options.rate == 0 && now < m_endAt)
        while (canSend(s))
            send(s);
}

void ChatRun::onClosed(WsClient &client, const char *why)
{
    ++m_result.errors;
    report("connection closed", why);
    const int index = m_senderOf[std::size_t(client.index())];
    if (index >= 0)
        m_senders[std::size_t(index)].inFlight = 0;
}

std::uint64_t ChatRun::totalInFlight() const
{
    std::uint64_t total = 0;
    for (const Sender &s : m_senders)
        total += s.inFlight;
    return total;
}

void ChatRun::report(std::string_view what, std::string_view detail)
{
    if (++m_reported > 5)
        return;
    std::fprintf(stderr, "collab-bench: %.*s: %.*s\n", int(what.size()), what.data(), int(std::min<std::size_t>(detail.size(), 300)),
                 detail.data());
}

} // namespace collab::bench
