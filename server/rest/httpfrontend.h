#pragma once

#include "rest/httpexchanges.h"
#include "rest/httplimits.h"
#include "rest/httpresponse.h"

#include <QPointer>
#include <QThread>

#include <functional>
#include <utility>

namespace collab::server {

class ThreadMailbox;

// The REST API's HTTP side, in a thread of its own ("collab-http"): our own HTTP/1.1 server
// (HttpExchanges: HttpRequestParser and httpwire over the transport's connections) reads and
// parses requests and writes the answers there, so that the hub thread spends its time on the
// requests themselves. The transport (hub thread) hands it every accepted connection that is not
// a WebSocket upgrade, through post(). The transport sets the exchanges' factory and RestRouter
// the dispatcher, both before start(); the dispatcher runs in the HTTP thread and must only
// forward the request.
class HttpFrontend
{
public:
    explicit HttpFrontend(const HttpLimits &limits = {});
    ~HttpFrontend(); // stops the thread; connections still open are closed

    void setDispatcher(HttpExchanges::Dispatcher dispatcher) { m_dispatcher = std::move(dispatcher); }
    void setExchangesFactory(HttpExchanges::Factory factory) { m_factory = std::move(factory); }
    const HttpLimits &limits() const { return m_limits; }
    void start();
    bool isStarted() const { return m_exchanges != nullptr; }
    // The HTTP thread: a transport moves the sockets it hands off there (the portable one).
    QThread *thread() { return &m_thread; }

    // Any thread (the transport's): runs `task` with the exchanges in the HTTP thread. False (and
    // nothing runs) when the frontend is not started: the caller closes what it wanted to hand off.
    bool post(std::function<void(HttpExchanges &)> task);

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
    HttpExchanges::Dispatcher m_dispatcher;
    HttpExchanges::Factory m_factory;
    QThread m_thread;
    HttpExchanges *m_exchanges = nullptr;      // lives in the HTTP thread once started
    QPointer<ThreadMailbox> m_answers;         // lives in the HTTP thread
};

} // namespace collab::server
