#include "transport/enginetransport.h"

#include "rest/httpconnections.h"
#include "rest/httpfrontend.h"
#include "transport/wsconnection.h"
#include "transport/wslistener.h"
#include "ws/coursefanout.h"

#include <unistd.h>

namespace collab::server {

EngineTransport::EngineTransport(HttpFrontend &http, const WsLimits &limits, QObject *parent) : Transport(parent)
{
    http.setExchangesFactory(HttpConnections::factory());
    m_listener = std::make_unique<WsListener>(
        [&http](int fd, const QHostAddress &peer, qint64 firstByteMs) {
            const bool posted = http.post([fd, peer, firstByteMs](HttpExchanges &exchanges) {
                static_cast<HttpConnections &>(exchanges).take(fd, peer, firstByteMs);
            });
            if (!posted)
                ::close(fd);
        },
        limits);
    connect(m_listener.get(), &WsListener::newConnection, this,
            [this](WsConnection *connection) { Q_EMIT newConnection(connection); });
}

EngineTransport::~EngineTransport() = default;

void EngineTransport::setTlsConfiguration(const QSslConfiguration &configuration) { m_listener->setTlsConfiguration(configuration); }
bool EngineTransport::isTls() const { return m_listener->isTls(); }
bool EngineTransport::listen(const QHostAddress &address, quint16 port) { return m_listener->listen(address, port); }
quint16 EngineTransport::port() const { return m_listener->port(); }
QString EngineTransport::errorString() const { return m_listener->errorString(); }
int EngineTransport::connectionCount() const { return m_listener->connectionCount(); }
quint64 EngineTransport::pendingRefused() const { return m_listener->pendingRefused(); }

std::unique_ptr<CourseFanout> EngineTransport::createFanout() const
{
    return std::make_unique<CourseFanoutOf<WsConnection>>();
}

} // namespace collab::server
