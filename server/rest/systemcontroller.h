#pragma once

#include "rest/restrouter.h"

#include <QElapsedTimer>

#include <functional>

namespace collab::server {

class Hub;
struct HttpCounters;

// Public routes: /api/v1/health, /openapi.json, /metrics (Prometheus text format).
class SystemController
{
public:
    // `connections` reports the live WebSocket connections for /metrics; `http` is the HTTP
    // thread's counters (atomics).
    SystemController(const Hub &hub, const ServerMetrics &metrics, const HttpCounters &http,
                     std::function<int()> connections);

    void registerRoutes(RestRouter &router);

    // The served OpenAPI document (resources/openapi.json).
    static QJsonObject openApiDocument();

private:
    QByteArray prometheusText() const;

    const Hub &m_hub;
    const ServerMetrics &m_metrics;
    const HttpCounters &m_http;
    std::function<int()> m_connections;
    QElapsedTimer m_uptime;
};

} // namespace collab::server
