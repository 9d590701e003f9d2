#pragma once

#include "limits/addresscounts.h"
#include "ws/coursefanout.h"

#include <QObject>

#include <memory>

namespace collab::server {

class Hub;
class Transport;
class TransportConnection;
struct ServerMetrics;

// Turns accepted WebSocket connections into ClientSessions and fans the Hub's frames out to the
// connections that joined each course. It knows the transport only through the Transport seam.
class WsGateway : public QObject
{
    Q_OBJECT

public:
    WsGateway(Hub &hub, Transport &transport, ServerMetrics &metrics, QObject *parent = nullptr);
    ~WsGateway() override;

    int connectionCount() const;

private:
    void onNewConnection(TransportConnection *connection);

    Hub &m_hub;
    Transport &m_transport;
    ServerMetrics &m_metrics;
    std::unique_ptr<CourseFanout> m_fanoutOwner; // the transport's own (CourseFanoutOf<its connection>)
    CourseFanout &m_fanout;
    AddressCounts m_connectionsPerAddress; // maxConnectionsPerAddress
};

} // namespace collab::server
