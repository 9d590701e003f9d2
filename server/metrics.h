#pragma once

#include <QtGlobal>

namespace collab::server {

// Counters the gateways bump and /metrics reports (Prometheus text; see rest/metricsendpoint.cpp).
struct ServerMetrics
{
    quint64 wsConnectionsAccepted = 0;
    quint64 wsMessagesReceived = 0;
    quint64 wsErrorsSent = 0;
    quint64 restRequests = 0;
    quint64 restErrors = 0;
};

} // namespace collab::server
