#pragma once

#include "limits/addresscounts.h"
#include "rest/httpconnection.h"
#include "rest/httpexchanges.h"
#include "rest/httprequest.h"

#include <QHostAddress>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace collab::server {

struct HttpResponse;

// The HTTP thread's connections: one Reactor (epoll) for all their fds, the requests waiting for
// an answer by id, a timer that applies the connections' timeouts, and the count of connections
// per peer address (HttpLimits::connectionsPerAddress). Lives in the HTTP thread; every member is
// called there.
class HttpConnections final : public HttpExchanges, public HttpConnection::Host
{
    Q_OBJECT

public:
    HttpConnections(const HttpLimits &limits, Dispatcher dispatcher, HttpCounters &counters);
    ~HttpConnections() override; // closes every connection

    // Serves HTTP on `fd`, accepted from `peer` (the TCP client's address, also when the fd is
    // the plaintext end of a TLS bridge), whose first byte came at `firstByteMs` (-1: none yet);
    // over the per-address cap it is refused with a 503.
    void take(int fd, const QHostAddress &peer, qint64 firstByteMs = -1);
    void answer(quint64 id, const HttpResponse &response) override;
    size_t openRequests() const override { return m_open.size(); }
    size_t connections() const override { return m_connections.size(); }
    // The engine's factory for HttpFrontend::setExchangesFactory.
    static HttpExchanges::Factory factory();

    // HttpConnection::Host: for the connections only.
    Reactor &reactor() override { return *m_reactor; }
    QByteArray &readBuffer() override { return m_readBuffer; }
    const HttpLimits &limits() const override { return m_limits; }
    qint64 nowMs() const override;
    quint64 open(HttpConnection *connection) override;
    void dispatch(quint64 id, HttpRequest &&request) override;
    void finished(HttpConnection *connection) override;

private:
    struct Entry
    {
        std::unique_ptr<HttpConnection> connection;
        std::optional<QHostAddress> countedAs; // a refused connection is not counted
        QHostAddress peer;
    };

    void sweep();

    HttpLimits m_limits;
    Dispatcher m_dispatcher;
    HttpCounters &m_counters;
    AddressCounts m_perAddress;
    Reactor *m_reactor = nullptr; // created in the HTTP thread (its notifier belongs there)
    QTimer *m_sweeper = nullptr;
    QByteArray m_readBuffer;
    std::unordered_map<HttpConnection *, Entry> m_connections;
    std::vector<std::unique_ptr<HttpConnection>> m_graveyard; // finished during an epoll batch
    std::unordered_map<quint64, HttpConnection *> m_open;   // requests waiting for their answer
    quint64 m_nextId = 1;
};

} // namespace collab::server
