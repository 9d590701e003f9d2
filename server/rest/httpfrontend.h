#pragma once

#include "rest/httpconnections.h"
#include "rest/httplimits.h"
#include "rest/httpresponse.h"

#include <QPointer>
#include <QThread>

#include <functional>
#include <utility>

namespace collab::server {

class ThreadMailbox;

// The REST API's HTTP side, in a thread of its own ("collab-http"): our own HTTP/1.1 server
// (HttpConnections, HttpConnection, HttpRequestParser) reads and parses requests and writes the
// answers there, so that the hub thread spends its time on the requests themselves. The
// WsListener (hub thread) hands it every accepted connection that is not a WebSocket upgrade.
// The dispatcher (RestRouter) is set before start(); it runs in the HTTP thread and must only
// forward the request.
class HttpFrontend
{
public:
    explicit HttpFrontend(const HttpLimits &limits = {});
    ~HttpFrontend(); // stops the thread; connections still open are closed

    void setDispatcher(HttpConnections::Dispatcher dispatcher) { m_dispatcher = std::move(dispatcher); }
    void start();

    // Any thread: serve HTTP on this accepted socket, whose client is `peer` (counted against
    // HttpLimits::connectionsPerAddress) and whose first byte came at `firstByteMs`
    // (QDeadlineTimer's clock; -1: none yet): the request timeout counts from there.
    void handOff(int fd, const QHostAddress &peer, qint64 firstByteMs = -1);

    // Any thread (the hub's): write the answer of request `id` in the HTTP thread.
    void answer(quint64 id, HttpResponse response);
    // How to call answer() from another thread once this object may be gone (hub-side callbacks
    // can outlive it at shutdown): nothing is delivered then.
    std::function<void(quint64, HttpResponse)> answerer() const;
    // Any thread but the HTTP one (tests): requests waiting for their answer, and open
    // connections. Both go back to 0 once the clients are answered and gone.
    std::pair<size_t, size_t> openExchanges() const;
    // Any thread: the HTTP thread's counters (/metrics).
    const HttpCounters &counters() const { return m_counters; }

private:
    void stop();

    HttpLimits m_limits;
    HttpCounters m_counters;
    HttpConnections::Dispatcher m_dispatcher;
    QThread m_thread;
    HttpConnections *m_connections = nullptr; // lives in the HTTP thread once started
    QPointer<ThreadMailbox> m_answers;         // lives in the HTTP thread
};

} // namespace collab::server
