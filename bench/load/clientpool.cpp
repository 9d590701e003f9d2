#include "clientpool.h"

namespace collab::bench {

ClientPool::ClientPool(const Endpoint &endpoint, WsClientListener &listener, const Endpoint *second, int firstCount)
    : m_endpoint(endpoint), m_second(second), m_firstCount(firstCount), m_listener(listener)
{
}

void ClientPool::open(int count, int inFlight)
{
    m_maxInFlight = inFlight;
    m_clients.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        m_clients.push_back(std::make_unique<WsClient>(i, m_poller, *this));
    m_phase.assign(std::size_t(count), Phase::Starting);
    startMore();
}

bool ClientPool::reopen(int i)
{
    if (m_phase[std::size_t(i)] != Phase::Down)
        return false;
    m_phase[std::size_t(i)] = Phase::Reopening;
    const Endpoint &e = endpointOf(i);
    m_clients[std::size_t(i)]->start(e.sources[std::size_t(i) % e.sources.size()], e.target, e.upgradeRequest); // a failure calls onClosed
    return true;
}

void ClientPool::closeAll()
{
    for (auto &c : m_clients)
        c->close();
}

const Endpoint &ClientPool::endpointOf(int i) const { return m_second && i >= m_firstCount ? *m_second : m_endpoint; }

void ClientPool::startMore()
{
    if (m_starting)
        return; // a start that fails at once calls back into here
    m_starting = true;
    while (m_inFlight < m_maxInFlight && m_next < int(m_clients.size())) {
        WsClient &c = *m_clients[std::size_t(m_next)];
        const Endpoint &e = endpointOf(m_next);
        const sockaddr_in &source = e.sources[std::size_t(m_next) % e.sources.size()];
        ++m_next;
        ++m_inFlight;
        c.start(source, e.target, e.upgradeRequest); // a failure calls onClosed
    }
    m_starting = false;
}

void ClientPool::onOpen(WsClient &client)
{
    Phase &phase = m_phase[std::size_t(client.index())];
    if (phase == Phase::Reopening) {
        --m_closedAfterOpen;
        ++m_reopened;
    } else {
        --m_inFlight;
        ++m_opened;
    }
    phase = Phase::Open;
    m_listener.onOpen(client);
    startMore();
}

void ClientPool::onText(WsClient &client, std::string_view text, std::int64_t now)
{
    m_listener.onText(client, text, now);
}

void ClientPool::onClosed(WsClient &client, const char *why)
{
    Phase &phase = m_phase[std::size_t(client.index())];
    switch (phase) {
    case Phase::Open:
        ++m_closedAfterOpen;
        phase = Phase::Down;
        break;
    case Phase::Reopening:
        phase = Phase::Down; // still counted as down
        break;
    case Phase::Starting:
        --m_inFlight;
        ++m_failed;
        if (!m_firstFailure)
            m_firstFailure = why;
        phase = Phase::Failed;
        break;
    case Phase::Failed:
    case Phase::Down:
        break;
    }
    m_listener.onClosed(client, why);
    startMore();
}

} // namespace collab::bench
