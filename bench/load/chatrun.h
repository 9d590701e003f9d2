#pragma once

#include "ackedlog.h"
#include "backoff.h"
#include "benchoptions.h"
#include "clientpool.h"
#include "latencyhistogram.h"
#include "messageledger.h"

#include <cstdint>
#include <string>
#include <vector>

// The chat scenario: every connection says hello and joins the course; after the ramp has
// settled, S senders post chat.send (at a rate and/or with a window of unacked sends) for the
// duration; every connection counts the chat.posted events of this run and their latency from
// the send. Then it drains and reports. With --retry it rides out faults the way the real client
// does: a dropped connection reconnects with backoff and joins again under its name, and every
// unacknowledged message is sent again with the same clientMsgId (also after a retryable error).
namespace collab::bench {

struct ChatResult
{
    std::string run; // the clientMsgId prefix of this run's messages
    int connected = 0;
    int joined = 0;
    double rampSeconds = 0;
    std::uint64_t sent = 0;               // distinct messages
    std::uint64_t acked = 0;              // distinct messages acknowledged
    std::uint64_t resends = 0;            // sends of a message already sent (--retry)
    std::uint64_t unacked = 0;            // at the end: sent and neither acknowledged nor refused
    int reconnects = 0;                   // connections opened again after a drop (--retry)
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
    // Every acknowledged message's clientMsgId goes there as the ack arrives (optional).
    void setAckedLog(AckedLog *log) { m_ackedLog = log; }
    ChatResult run();

    void onOpen(WsClient &client) override;
    void onText(WsClient &client, std::string_view text, std::int64_t now) override;
    void onClosed(WsClient &client, const char *why) override;

private:
    struct Sender
    {
        int client = 0;
        MessageLedger ledger;
        std::int64_t nextAt = 0;
        std::int64_t resendAt = 0; // 0: no resend scheduled
        Backoff backoff;
    };
    // One connection's membership, kept across reconnects.
    struct Session
    {
        std::string token; // joined.token of the first join: the name's claim
        bool inCourse = false;
        bool joinedBefore = false;
        std::int64_t reopenAt = 0; // 0: no reconnect scheduled
        Backoff backoff;
    };

    bool ramp();
    void settle();
    void measure();
    void drain();
    void pollOnce(int timeoutMs);
    void serviceRetries(std::int64_t now);
    bool online(const Sender &s) const; // its connection is open and in the course
    bool canSend(const Sender &s) const; // the window allows another send
    void send(Sender &s);
    void transmit(Sender &s, std::uint32_t n);
    void resendPending(Sender &s);
    void onJoined(WsClient &client, std::string_view frame);
    void onAckOrError(int client, bool ok, std::string_view frame, std::int64_t now);
    std::string clientMsgId(int sender, std::uint32_t n) const;
    std::uint64_t totalUnacked(bool inFlightOnly) const;
    void report(std::string_view what, std::string_view detail);

    const BenchOptions &m_options;
    ClientPool m_pool;
    AckedLog *m_ackedLog = nullptr;
    std::string m_run;        // this run's clientMsgId prefix
    std::string m_sendPrefix; // the constant start of every chat.send frame
    std::string m_editPrefix; // --note-edits: the edit frame before the sender's number
    std::string m_padding;
    std::vector<Sender> m_senders;
    std::vector<int> m_senderOf; // client index → sender index or -1
    std::vector<Session> m_sessions;
    LatencyHistogram m_latency;
    LatencyHistogram m_ackLatency;
    ChatResult m_result;
    bool m_sending = false;
    bool m_retrying = false; // from the start of the timed part to the end of the drain
    std::int64_t m_endAt = 0;
    std::int64_t m_lastFrameAt = 0;
    int m_reported = 0;
    int m_refused = 0; // error frames during the ramp (e.g. a wrong join code)
};

} // namespace collab::bench
