#pragma once

#include "rest/httpexchanges.h"

#include <QPointer>
#include <QThread>

#include <memory>

class QHttpServer;

namespace collab::server {

class HttpIntake;
class ThreadMailbox;

// The REST API's HTTP side, in a thread of its own: QHttpServer parses requests and writes the
// answers there, so that the hub thread spends its time on the requests themselves. The WsListener
// (hub thread) hands it every accepted connection that is not a WebSocket upgrade.
// Routes are registered on server() before start(); their handlers run in the HTTP thread and
// must only forward the request (RestRouter does).
class HttpFrontend
{
public:
    HttpFrontend();
    ~HttpFrontend(); // stops the thread; connections still open are closed

    QHttpServer &server() { return *m_server; }
    void start();

    // Any thread: serve HTTP on this accepted socket.
    void handOff(int fd);

    // HTTP thread (route handlers): keep the responder until the answer comes back.
    quint64 open(QHttpServerResponder &&responder) { return m_exchanges.open(std::move(responder)); }
    // Any thread (the hub's): write the answer of request `id` in the HTTP thread.
    void answer(quint64 id, HttpResponse response);
    // How to call answer() from another thread once this object may be gone (hub-side callbacks
    // can outlive it at shutdown): nothing is delivered then.
    std::function<void(quint64, HttpResponse)> answerer() const;
    // Any thread but the HTTP one (tests): requests waiting for their answer, and connections
    // HttpExchanges keeps an order for. Both go back to 0 once the clients are answered and gone.
    std::pair<size_t, size_t> openExchanges() const;

private:
    void stop();

    QThread m_thread;
    std::unique_ptr<QHttpServer> m_server;
    HttpIntake *m_intake = nullptr;    // child of m_server
    QPointer<ThreadMailbox> m_answers;  // lives in the HTTP thread
    HttpExchanges m_exchanges;          // HTTP thread only
};

} // namespace collab::server
