#pragma once

#include "transport/transport.h"
#include "transport/wslimits.h"

#include <memory>

namespace collab::server {

class WsListener;

// The Linux engine behind the Transport seam: a WsListener (epoll, io_uring, raw fds) whose HTTP
// connections go to the frontend's HttpConnections (raw fds too). Only the accept path and the
// per-connection signals pass through here; frames never do.
class EngineTransport final : public Transport
{
    Q_OBJECT
public:
    // Sets `http`'s exchanges to the engine's HttpConnections.
    EngineTransport(HttpFrontend &http, const WsLimits &limits, QObject *parent = nullptr);
    ~EngineTransport() override;

    void setTlsConfiguration(const QSslConfiguration &configuration) override;
    bool isTls() const override;
    bool listen(const QHostAddress &address, quint16 port) override;
    quint16 port() const override;
    QString errorString() const override;
    int connectionCount() const override;
    quint64 pendingRefused() const override;
    std::unique_ptr<CourseFanout> createFanout() const override;

    WsListener &listener() const { return *m_listener; }

private:
    std::unique_ptr<WsListener> m_listener;
};

} // namespace collab::server
