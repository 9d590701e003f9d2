#pragma once

#include "benchoptions.h"
#include "clientpool.h"
#include "latencyhistogram.h"

#include <cstdint>
#include <string>
#include <vector>

// The chat scenario: every connection says hello and joins the course; after the ramp has
// settled, S senders post chat.send (at a rate and/or with a window of unacked sends) for the
// duration; every connection counts the chat.posted events of this run and their latency from
// the send. Then it drains and reports.
namespace collab::bench {

struct ChatResult
{
    int connected = 0;
    int joined = 0;
    double rampSeconds = 0;
    std::uint64_t sent = 0;
    std::uint64_t acked = 0;
    std::uint64_t deliveries = 0;         // all of this run's chat.posted events received
    std::uint64_t windowDeliveries = 0;   // those received during the duration
    double measuredSeconds = 0;
    std::uint64_t errors = 0;
    std::int64_t lost = 0;
    int receivers = 0;
    double p50 = 0, p99 = 0, max = 0;
    double ackP50 = 0, ackP99 = 0; // send → ack on the sender: the server's commit path without the fan-out
    double serverCpuPct = -1;
    double benchCpuPct = -1; // this process, same window: is the generator the bottleneck?
    std::int64_t serverRssKiB = -1;
};

class ChatRun final : public WsClientListener
{
public:
    // `second`: every connection but the senders connects there (null: all to `endpoint`).
    ChatRun(const BenchOptions &options, const Endpoint &endpoint, const Endpoint *second = nullptr);
    ChatResult run();

    void onOpen(WsClient &client) override;
    void onText(WsClient &client, std::string_view text, std::int64_t now) override;
    void onClosed(WsClient &client, const char *why) override;

private:
    struct Sender
    {
        int client = 0;
        std::vector<std::int64_t> sentAt; // by message number
        std::uint64_t acked = 0;
        std::uint32_t inFlight = 0;
        std::int64_t nextAt = 0;
    };

    bool ramp();
    void settle();
    void measure();
    void drain();
    bool canSend(const Sender &s) const;
    void send(Sender &s);
    void onAckOrError(int client, bool ok, std::string_view frame, std::int64_t now);
    std::uint64_t totalInFlight() const;
    void report(std::string_view what, std::string_view detail);

    const BenchOptions &m_options;
    ClientPool m_pool;
    std::string m_run;        // this run's clientMsgId prefix
    std::string m_sendPrefix; // the constant start of every chat.send frame
    std::string m_padding;
    std::string m_joinFrame;
    std::vector<Sender> m_senders;
    std::vector<int> m_senderOf; // client index → sender index or -1
    LatencyHistogram m_latency;
    LatencyHistogram m_ackLatency;
    ChatResult m_result;
    bool m_sending = false;
    std::int64_t m_endAt = 0;
    std::int64_t m_lastFrameAt = 0;
    int m_reported = 0;
    int m_refused = 0; // error frames during the ramp (e.g. a wrong join code)
};

} // namespace collab::bench
