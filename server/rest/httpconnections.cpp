#include "rest/httpconnections.h"

#include "logging.h"
#include "rest/httpwire.h"

#include <QDeadlineTimer>

#include <unistd.h>

#include <algorithm>

namespace collab::server {

namespace {

constexpr int ReadBufferSize = 64 * 1024;

} // namespace

HttpConnections::HttpConnections(const HttpLimits &limits, Dispatcher dispatcher, HttpCounters &counters)
    : m_limits(limits), m_dispatcher(std::move(dispatcher)), m_counters(counters),
      m_perAddress(limits.connectionsPerAddress)
{
}

HttpConnections::~HttpConnections()
{
    m_connections.clear(); // their destructors close the fds
    m_graveyard.clear();
}

void HttpConnections::take(int fd, const QHostAddress &peer, qint64 firstByteMs)
{
    if (!m_reactor) { // first connection: this runs in the HTTP thread now
        m_reactor = new Reactor(this);
        m_readBuffer = QByteArray(ReadBufferSize, Qt::Uninitialized);
        m_sweeper = new QTimer(this);
        // Often enough that a timeout is applied within a quarter of its length.
        const int shortest = std::min({m_limits.idleTimeoutMs, m_limits.requestTimeoutMs, m_limits.lingerMs});
        m_sweeper->setInterval(std::clamp(shortest / 4, 10, 1000));
        connect(m_sweeper, &QTimer::timeout, this, &HttpConnections::sweep);
        m_sweeper->start();
    }
    auto connection = std::make_unique<HttpConnection>(fd, *this, firstByteMs);
    if (!m_reactor->add(fd, connection.get(), true, false)) {
        ::close(fd);
        return;
    }
    HttpConnection *raw = connection.get();
    const bool admitted = m_perAddress.tryAcquire(peer);
    m_connections.emplace(raw, Entry{std::move(connection), admitted ? std::optional(peer) : std::nullopt, peer});
    if (!admitted) { // counted once per connection, never per request: the request path is untouched
        ++m_counters.refusedOverAddressCap;
        qCDebug(lcRest) << "HTTP connection from" << peer.toString() << "refused: over the per-address cap";
        raw->refuse(httpwire::refusal(503, "too many HTTP connections from your address", {{"Retry-After", "1"}}));
        return;
    }
    raw->onReadable(); // the first request is usually there already (the listener peeked at it)
}

HttpExchanges::Factory HttpConnections::factory()
{
    return [](const HttpLimits &limits, Dispatcher dispatcher, HttpCounters &counters) -> std::unique_ptr<HttpExchanges> {
        return std::make_unique<HttpConnections>(limits, std::move(dispatcher), counters);
    };
}

void HttpConnections::answer(quint64 id, const HttpResponse &response)
{
    const auto it = m_open.find(id);
    if (it == m_open.end())
        return; // its connection is gone
    HttpConnection *connection = it->second;
    m_open.erase(it);
    connection->answer(id, response);
}

void HttpConnections::dispatch(quint64 id, HttpRequest &&request)
{
    const auto open = m_open.find(id);
    if (open != m_open.end())
        if (const auto entry = m_connections.find(open->second); entry != m_connections.end())
            request.peer = entry->second.peer;
    m_dispatcher(id, std::move(request));
}

qint64 HttpConnections::nowMs() const
{
    return QDeadlineTimer::current().deadline();
}

quint64 HttpConnections::open(HttpConnection *connection)
{
    const quint64 id = m_nextId++;
    m_open.emplace(id, connection);
    return id;
}

void HttpConnections::finished(HttpConnection *connection)
{
    connection->forEachOpenId([this](quint64 id) { m_open.erase(id); });
    const auto it = m_connections.find(connection);
    if (it == m_connections.end())
        return;
    // The epoll batch being dispatched may still hold this pointer: delete after it.
    if (m_graveyard.empty())
        QMetaObject::invokeMethod(this, [this] { m_graveyard.clear(); }, Qt::QueuedConnection);
    if (it->second.countedAs)
        m_perAddress.release(*it->second.countedAs);
    m_graveyard.push_back(std::move(it->second.connection));
    m_connections.erase(it);
}

void HttpConnections::sweep()
{
    const qint64 now = nowMs();
    std::vector<HttpConnection *> all;
    all.reserve(m_connections.size());
    for (const auto &entry : m_connections)
        all.push_back(entry.first);
    for (HttpConnection *connection : all) // sweep() may finish it, which changes m_connections
        connection->sweep(now);
}

} // namespace collab::server
