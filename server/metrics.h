#pragma once

#include <QtGlobal>

namespace collab::server {

// Counters the gateways bump and /metrics reports (Prometheus text; see rest/systemcontroller.cpp).
struct ServerMetrics
{
    quint64 wsConnectionsAccepted = 0;
    quint64 wsMessagesReceived = 0;
    quint64 wsErrorsSent = 0;
    quint64 wsSlowConsumerCloses = 0; // closed with 4008: send queue over the hard limit
    quint64 wsFramesDropped = 0;      // typing/presence frames dropped for slow readers (closed connections)
    quint64 wsPreHelloCloses = 0;     // closed with 1008: too many frames before hello
    quint64 restRequests = 0;
    quint64 restErrors = 0;
};

} // namespace collab::server
