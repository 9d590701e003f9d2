#pragma once

#include "rest/httplimits.h"
#include "rest/httprequest.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace collab::server {

struct HttpResponse;

// What the HTTP thread counts for /metrics: bumped there, read from the hub thread.
struct HttpCounters
{
    std::atomic<quint64> refusedOverAddressCap{0}; // connections answered 503 (connectionsPerAddress)
};

// The HTTP thread's connections as HttpFrontend sees them, whichever transport accepted them:
// the engine's HttpConnections (raw fds on its epoll reactor) or the portable
// SocketHttpConnections (QTcpSocket/QSslSocket). Both parse with HttpRequestParser and write with
// httpwire, so the wire behaviour is one (pipelined answers in order, HEAD, limits before the
// body is buffered). Lives in the HTTP thread; every member is called there.
class HttpExchanges : public QObject
{
    Q_OBJECT
public:
    // Called for every parsed request, in the order of arrival: answer it with answer(id, ...).
    using Dispatcher = std::function<void(quint64 id, HttpRequest &&request)>;
    // Makes the exchanges in the HTTP thread (HttpFrontend::start).
    using Factory = std::function<std::unique_ptr<HttpExchanges>(const HttpLimits &, Dispatcher, HttpCounters &)>;

    using QObject::QObject;
    virtual void answer(quint64 id, const HttpResponse &response) = 0;
    virtual size_t openRequests() const = 0;
    virtual size_t connections() const = 0;
};

} // namespace collab::server
