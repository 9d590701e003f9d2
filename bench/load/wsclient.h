#pragma once

#include "poller.h"

#include <netinet/in.h>

#include <cstdint>
#include <string>
#include <string_view>

// One non-blocking WebSocket client connection on the Poller: connect, upgrade, then text frames
// both ways. It reads into a buffer shared by all connections and keeps only an incomplete
// frame's bytes of its own, so 19,000 idle connections cost little memory in the generator.
namespace collab::bench {

class WsClient;

class WsClientListener
{
public:
    virtual void onOpen(WsClient &client) = 0;
    // One text message; `now` is the steady-clock time (ns) of the read that completed it.
    virtual void onText(WsClient &client, std::string_view text, std::int64_t now) = 0;
    virtual void onClosed(WsClient &client, const char *why) = 0;

protected:
    ~WsClientListener() = default;
};

class WsClient final : public PollHandler
{
public:
    enum class State { Idle, Connecting, Upgrading, Open, Closed };

    WsClient(int index, Poller &poller, WsClientListener &listener);
    ~WsClient();
    WsClient(const WsClient &) = delete;
    WsClient &operator=(const WsClient &) = delete;

    // Starts connecting from `source` (port 0: any) to `target`; the upgrade request asks for
    // `path` on `hostHeader`. Also after close(): the same client connects again.
    bool start(const sockaddr_in &source, const sockaddr_in &target, const std::string &upgrade);
    void sendText(std::string_view text);
    void close();

    int index() const { return m_index; }
    State state() const { return m_state; }

    void onPollEvent(std::uint32_t events) override;

private:
    void fail(const char *why);
    void onWritable();
    void onReadable();
    bool flush();
    // Consumes whole frames from `data`; returns the bytes used, or -1 after a failure.
    long consume(std::string_view data, std::int64_t now);
    void updateInterest();

    int m_index;
    int m_fd = -1;
    State m_state = State::Idle;
    bool m_wantWrite = false;
    Poller &m_poller;
    WsClientListener &m_listener;
    std::string m_out;      // bytes not yet written
    std::size_t m_outPos = 0;
    std::string m_partial;  // an incomplete frame (or HTTP head) carried to the next read
    std::string m_message;  // a fragmented text message being reassembled
    std::uint32_t m_sent = 0;
};

std::int64_t steadyNowNs();

} // namespace collab::bench
