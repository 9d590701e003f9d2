#pragma once

#include "benchoptions.h"
#include "poller.h"
#include "wsclient.h"

#include <memory>
#include <vector>

// Opens N WebSocket connections with a bounded number of attempts in flight, spread over the
// endpoint's source addresses, and forwards every connection's events to one listener. A
// connection that was open and closed can be opened again (reopen()): it keeps its index.
namespace collab::bench {

class ClientPool final : public WsClientListener
{
public:
    // With `second`, clients from index `firstCount` on connect there instead (two nodes).
    ClientPool(const Endpoint &endpoint, WsClientListener &listener, const Endpoint *second = nullptr, int firstCount = 0);

    // Creates `count` clients and starts the first `inFlight` of them; the rest start as earlier
    // ones open or fail (drive it with poller().poll()).
    void open(int count, int inFlight);
    // Connects client i again (to the same endpoint) after it was open and closed; its onOpen or
    // onClosed follows. False if it never opened or is not closed.
    bool reopen(int i);
    void closeAll();

    Poller &poller() { return m_poller; }
    WsClient &client(int i) { return *m_clients[std::size_t(i)]; }
    int size() const { return int(m_clients.size()); }
    int opened() const { return m_opened; }
    int failed() const { return m_failed; }
    int openNow() const { return m_opened - m_closedAfterOpen; }
    int reopened() const { return m_reopened; }
    bool settled() const { return m_opened + m_failed == int(m_clients.size()); }
    const char *firstFailure() const { return m_firstFailure; }

    void onOpen(WsClient &client) override;
    void onText(WsClient &client, std::string_view text, std::int64_t now) override;
    void onClosed(WsClient &client, const char *why) override;

private:
    // Where a client is in its life; a reopened client goes Down → Reopening → Open (or Down).
    enum class Phase : std::uint8_t { Starting, Failed, Open, Down, Reopening };

    void startMore();
    const Endpoint &endpointOf(int i) const;

    const Endpoint &m_endpoint;
    const Endpoint *m_second = nullptr;
    int m_firstCount = 0;
    WsClientListener &m_listener;
    Poller m_poller;
    std::vector<std::unique_ptr<WsClient>> m_clients;
    std::vector<Phase> m_phase;
    int m_next = 0;
    bool m_starting = false;
    int m_inFlight = 0;
    int m_maxInFlight = 1;
    int m_opened = 0;
    int m_failed = 0;
    int m_closedAfterOpen = 0; // of those opened, how many are down now
    int m_reopened = 0;
    const char *m_firstFailure = nullptr;
};

} // namespace collab::bench
