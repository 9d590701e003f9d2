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
// chat.send's ref is the message number plus this, clear of hello's and join's refs (1, 2).
constexpr std::uint32_t kSendRefBase = 100;

} // namespace

ChatRun::ChatRun(const BenchOptions &options, const Endpoint &endpoint, const Endpoint *second)
    : m_options(options), m_pool(endpoint, *this, second, options.senders)
{
    m_run = newRunId();
    m_sendPrefix = "{\"type\":\"chat.send\",\"course\":\"" + jsonEscaped(options.course) + "\",\"channel\":\""
        + jsonEscaped(options.channel) + "\",\"clientMsgId\":\"" + m_run + ".";
    if (options.textSize > 0)
        m_padding.assign(std::size_t(options.textSize), 'x');
    // ref 3: below kSendRefBase, so its ack is not taken for a chat message's.
    if (!options.noteEdits.isEmpty())
        m_editPrefix = "{\"type\":\"edit\",\"ref\":3,\"course\":\"" + jsonEscaped(options.course) + "\",\"note\":\""
            + jsonEscaped(options.noteEdits) + "\",\"action\":\"insert_line\",\"text\":\"typed by student ";
    m_senderOf.assign(std::size_t(options.connections), -1);
    m_sessions.resize(std::size_t(options.connections));
    m_result.run = m_run;
}

ChatResult ChatRun::run()
{
    if (ramp()) {
        settle();
        measure();
        drain();
    }
    m_result.receivers = std::min(m_result.joined, m_pool.openNow());
    m_result.unacked = totalUnacked(false);
    m_result.reconnects = m_pool.reopened();
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
        if (!m_sessions[std::size_t(i)].inCourse)
            continue;
        Sender s;
        s.client = i;
        m_senderOf[std::size_t(i)] = n++;
        m_senders.push_back(std::move(s));
    }
    const std::int64_t interval = m_options.rate > 0 ? std::int64_t(double(kSecond) / m_options.rate) : 0;
    const std::int64_t start = steadyNowNs();
    m_endAt = start + std::int64_t(m_options.duration * double(kSecond));
    const std::int64_t cpuBefore = m_options.serverPid ? processCpuTicks(m_options.serverPid) : -1;
    const std::int64_t selfBefore = processCpuTicks(int(getpid()));
    m_sending = true;
    m_retrying = m_options.retry;
    for (std::size_t i = 0; i < m_senders.size(); ++i) {
        Sender &s = m_senders[i];
        s.nextAt = start + (interval * std::int64_t(i)) / std::int64_t(m_senders.size()); // staggered
        if (interval == 0)
            while (online(s) && canSend(s))
                send(s);
    }
    for (std::int64_t now = start; now < m_endAt; now = steadyNowNs()) {
        std::int64_t wake = m_endAt;
        if (interval > 0) {
            for (Sender &s : m_senders) {
                while (s.nextAt <= now && (!online(s) || canSend(s))) {
                    send(s); // offline: this message is skipped, the rate goes on
                    s.nextAt += interval;
                }
                wake = std::min(wake, s.nextAt);
            }
        }
        const std::int64_t waitMs = std::clamp<std::int64_t>((wake - now + kMs - 1) / kMs, 0, 10);
        pollOnce(int(waitMs));
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
        // With --retry every message must be acknowledged; deliveries to reconnected receivers
        // are incomplete by design (they rejoin without `since`).
        if (m_options.retry ? totalUnacked(false) == 0
                            : totalUnacked(true) == 0 && m_result.deliveries >= m_result.acked * std::uint64_t(receivers))
            break;
        pollOnce(20);
    }
    m_retrying = false;
}

void ChatRun::pollOnce(int timeoutMs)
{
    m_pool.poller().poll(timeoutMs);
    if (m_retrying)
        serviceRetries(steadyNowNs());
}

void ChatRun::serviceRetries(std::int64_t now)
{
    for (std::size_t i = 0; i < m_sessions.size(); ++i) {
        Session &session = m_sessions[i];
        if (session.reopenAt != 0 && session.reopenAt <= now) {
            session.reopenAt = 0;
            m_pool.reopen(int(i)); // a failure calls onClosed, which schedules the next attempt
        }
    }
    for (Sender &s : m_senders) {
        if (s.resendAt != 0 && s.resendAt <= now && m_sessions[std::size_t(s.client)].inCourse) {
            s.resendAt = 0;
            resendPending(s);
        }
    }
}

bool ChatRun::online(const Sender &s) const { return m_sessions[std::size_t(s.client)].inCourse; }

bool ChatRun::canSend(const Sender &s) const
{
    return m_options.window == 0 || s.ledger.unacked() < std::uint32_t(m_options.window);
}

void ChatRun::send(Sender &s)
{
    if (!online(s))
        return;
    ++m_result.sent;
    transmit(s, s.ledger.add(steadyNowNs()));
    if (!m_editPrefix.empty())
        m_pool.client(s.client).sendText(m_editPrefix + std::to_string(m_senderOf[std::size_t(s.client)]) + "\"}");
}

void ChatRun::resendPending(Sender &s)
{
    for (const std::uint32_t n : s.ledger.takePending()) {
        ++m_result.resends;
        transmit(s, n);
    }
}

void ChatRun::transmit(Sender &s, std::uint32_t n)
{
    const int sender = m_senderOf[std::size_t(s.client)];
    char tail[160];
    const int len = std::snprintf(tail, sizeof tail, "%d.%u\",\"ref\":%u,\"text\":\"bench %s %d %u%s", sender, n, n + kSendRefBase,
                                  m_run.c_str(), sender, n, m_padding.empty() ? "\"}" : " ");
    std::string frame;
    frame.reserve(m_sendPrefix.size() + std::size_t(len) + m_padding.size() + 2);
    frame.append(m_sendPrefix).append(tail, std::size_t(len));
    if (!m_padding.empty())
        frame.append(m_padding).append("\"}");
    m_pool.client(s.client).sendText(frame);
}

std::string ChatRun::clientMsgId(int sender, std::uint32_t n) const
{
    return m_run + '.' + std::to_string(sender) + '.' + std::to_string(n);
}

void ChatRun::onOpen(WsClient &client)
{
    client.sendText(helloFrame(m_run, client.index()));
    client.sendText(joinFrame(m_options.course, m_options.joinCode, m_sessions[std::size_t(client.index())].token));
}

void ChatRun::onJoined(WsClient &client, std::string_view frame)
{
    Session &session = m_sessions[std::size_t(client.index())];
    session.inCourse = true;
    session.backoff.reset();
    if (session.token.empty())
        session.token = std::string(stringField(frame, "token"));
    if (!session.joinedBefore) {
        session.joinedBefore = true;
        ++m_result.joined;
        return;
    }
    const int sender = m_senderOf[std::size_t(client.index())];
    if (sender >= 0)
        resendPending(m_senders[std::size_t(sender)]); // back in the course: what was lost goes again
}

void ChatRun::onText(WsClient &client, std::string_view text, std::int64_t now)
{
    const FrameType type = frameType(text);
    // settle() waits for the joins' broadcasts to end, not for chat: another generator's load on
    // the same course (one per node in the Redis fault test) would keep it waiting to the end.
    if (!m_sending && (type != FrameType::Event || text.find("\"kind\":\"chat.") == std::string_view::npos))
        m_lastFrameAt = now;
    switch (type) {
    case FrameType::Event: {
        int sender = 0;
        std::uint32_t n = 0;
        if (!benchMessageId(text, m_run, &sender, &n) || sender < 0 || std::size_t(sender) >= m_senders.size())
            return;
        const Sender &s = m_senders[std::size_t(sender)];
        if (n < s.ledger.size())
            m_latency.record(now - s.ledger.sentAt(n));
        ++m_result.deliveries;
        return;
    }
    case FrameType::Joined:
        onJoined(client, text);
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
    std::uint64_t ref = 0;
    if (!numberField(frame, "ref", &ref) || ref < kSendRefBase || ref - kSendRefBase >= s.ledger.size())
        return; // a reply to hello or join
    const auto n = std::uint32_t(ref - kSendRefBase);
    if (ok) {
        if (!s.ledger.acked(n))
            return; // not in flight: a stray second reply
        ++m_result.acked;
        m_ackLatency.record(now - s.ledger.sentAt(n));
        if (m_ackedLog)
            m_ackedLog->append(clientMsgId(index, n));
        s.backoff.reset();
    } else if (m_options.retry && isRetryable(frame)) {
        // Nothing was stored: send it again later, and nothing new on top of a failing server.
        if (s.ledger.retryLater(n) && s.resendAt == 0)
            s.resendAt = s.backoff.after(now);
        return;
    } else {
        s.ledger.refused(n);
    }
    if (m_sending && m_options.rate == 0 && now < m_endAt)
        while (online(s) && canSend(s))
            send(s);
}

void ChatRun::onClosed(WsClient &client, const char *why)
{
    ++m_result.errors;
    report("connection closed", why);
    Session &session = m_sessions[std::size_t(client.index())];
    session.inCourse = false;
    const int index = m_senderOf[std::size_t(client.index())];
    if (index >= 0) {
        Sender &s = m_senders[std::size_t(index)];
        s.ledger.connectionLost(); // their replies went with the connection: unknown, so resend
        s.resendAt = 0;            // until the rejoin
    }
    if (m_retrying)
        session.reopenAt = session.backoff.after(steadyNowNs());
}

std::uint64_t ChatRun::totalUnacked(bool inFlightOnly) const
{
    std::uint64_t total = 0;
    for (const Sender &s : m_senders)
        total += inFlightOnly ? s.ledger.inFlight() : s.ledger.unacked();
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
