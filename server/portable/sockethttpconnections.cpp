#include "portable/sockethttpconnections.h"

#include "logging.h"
#include "rest/httpwire.h"

#include <QtCore/QDeadlineTimer>
#include <QtNetwork/QTcpSocket>

#include <algorithm>
#include <vector>

namespace collab::server {

SocketHttpConnections::SocketHttpConnections(const HttpLimits &limits, Dispatcher dispatcher, HttpCounters &counters)
    : m_limits(limits), m_dispatcher(std::move(dispatcher)), m_counters(counters), m_perAddress(limits.connectionsPerAddress)
{
}

SocketHttpConnections::~SocketHttpConnections()
{
    m_open.clear();
    std::vector<std::unique_ptr<SocketHttpConnection>> all;
    for (auto &entry : m_connections)
        all.push_back(std::move(entry.second.connection));
    m_connections.clear();
    all.clear(); // their destructors abort the sockets
}

HttpExchanges::Factory SocketHttpConnections::factory()
{
    return [](const HttpLimits &limits, Dispatcher dispatcher, HttpCounters &counters) -> std::unique_ptr<HttpExchanges> {
        return std::make_unique<SocketHttpConnections>(limits, std::move(dispatcher), counters);
    };
}

void SocketHttpConnections::take(QTcpSocket *socket, const QHostAddress &peer, qint64 firstByteMs)
{
    if (!m_sweeper) { // first connection: this runs in the HTTP thread now
        m_sweeper = new QTimer(this);
        const int shortest = std::min({m_limits.idleTimeoutMs, m_limits.requestTimeoutMs, m_limits.lingerMs});
        m_sweeper->setInterval(std::clamp(shortest / 4, 10, 1000));
        connect(m_sweeper, &QTimer::timeout, this, &SocketHttpConnections::sweep);
        m_sweeper->start();
    }
    auto connection = std::make_unique<SocketHttpConnection>(socket, *this, firstByteMs);
    SocketHttpConnection *raw = connection.get();
    const bool admitted = m_perAddress.tryAcquire(peer);
    m_connections.emplace(raw, Entry{std::move(connection), admitted ? std::optional(peer) : std::nullopt, peer});
    if (!admitted) {
        ++m_counters.refusedOverAddressCap;
        qCDebug(lcRest) << "HTTP connection from" << peer.toString() << "refused: over the per-address cap";
        raw->refuse(httpwire::refusal(503, "too many HTTP connections from your address", {{"Retry-After", "1"}}));
        return;
    }
    raw->start();
}

void SocketHttpConnections::answer(quint64 id, const HttpResponse &response)
{
    const auto it = m_open.find(id);
    if (it == m_open.end())
        return; // its connection is gone
    SocketHttpConnection *connection = it->second;
    m_open.erase(it);
    connection->answer(id, response);
}

void SocketHttpConnections::dispatch(quint64 id, HttpRequest &&request)
{
    const auto open = m_open.find(id);
    if (open != m_open.end())
        if (const auto entry = m_connections.find(open->second); entry != m_connections.end())
            request.peer = entry->second.peer;
    m_dispatcher(id, std::move(request));
}

qint64 SocketHttpConnections::nowMs() const { return QDeadlineTimer::current().deadline(); }

quint64 SocketHttpConnections::open(SocketHttpConnection *connection)
{
    const quint64 id = m_nextId++;
    m_open.emplace(id, connection);
    return id;
}

void SocketHttpConnections::finished(SocketHttpConnection *connection)
{
    connection->forEachOpenId([this](quint64 id) { m_open.erase(id); });
    const auto it = m_connections.find(connection);
    if (it == m_connections.end())
        return;
    if (it->second.countedAs)
        m_perAddress.release(*it->second.countedAs);
    // finished() comes from inside one of its own slots: deleted once that has returned.
    it->second.connection.release()->deleteLater();
    m_connections.erase(it);
}

void SocketHttpConnections::sweep()
{
    const qint64 now = nowMs();
    std::vector<SocketHttpConnection *> all;
    all.reserve(m_connections.size());
    for (const auto &entry : m_connections)
        all.push_back(entry.first);
    for (SocketHttpConnection *connection : all)
        if (m_connections.count(connection))
            connection->sweep(now);
}

} // namespace collab::server
