#pragma once

#include "limits/addresscounts.h"
#include "ws/coursefanout.h"

#include <QObject>

namespace collab::server {

class Hub;
class WsConnection;
class WsListener;
struct ServerMetrics;

// Turns accepted WebSocket connections into ClientSessions and fans the Hub's frames out to the
// connections that joined each course.
class WsGateway : public QObject
{
    Q_OBJECT

public:
    WsGateway(Hub &hub, WsListener &listener, ServerMetrics &metrics, QObject *parent = nullptr);
    ~WsGateway() override;

    int connectionCount() const;

private:
    void onNewConnection(WsConnection *connection);

    Hub &m_hub;
    WsListener &m_listener;
    ServerMetrics &m_metrics;
    CourseFanout m_fanout;
    AddressCounts m_connectionsPerAddress; // maxConnectionsPerAddress
};

} // namespace collab::server
