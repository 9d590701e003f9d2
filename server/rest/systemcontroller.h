#pragma once

#include "rest/restrouter.h"

#include <QElapsedTimer>

#include <functional>

namespace collab::server {

class Hub;
struct HttpCounters;

// What /metrics reads from the WebSocket listener when asked (hub thread; empty: reported as 0).
struct ListenerGauges
{
    std::function<int()> connections;        // open WebSocket connections
    std::function<quint64()> pendingRefused; // closed at once: their address held too many pending
};

// Public routes: /api/v1/health, /openapi.json, /metrics (Prometheus text format).
class SystemController
{
public:
    // `http` is the HTTP thread's counters (atomics).
    SystemController(const Hub &hub, const ServerMetrics &metrics, const HttpCounters &http, ListenerGauges listener);

    void registerRoutes(RestRouter &router);

    // The served OpenAPI document (resources/openapi.json).
    static QJsonObject openApiDocument();

private:
    QByteArray prometheusText() const;

    const Hub &m_hub;
    const ServerMetrics &m_metrics;
    const HttpCounters &m_http;
    ListenerGauges m_listener;
    QElapsedTimer m_uptime;
};

} // namespace collab::server
