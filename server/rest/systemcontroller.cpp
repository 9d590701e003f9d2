#include "rest/systemcontroller.h"

#include "hub/hub.h"
#include "metrics.h"
#include "rest/httpconnections.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

namespace collab::server {

SystemController::SystemController(const Hub &hub, const ServerMetrics &metrics, const HttpCounters &http,
                                   ListenerGauges listener)
    : m_hub(hub), m_metrics(metrics), m_http(http), m_listener(std::move(listener))
{
    m_uptime.start();
}

QJsonObject SystemController::openApiDocument()
{
    QFile file(QStringLiteral(":/collab/openapi.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void SystemController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    router.add(M::Get, QStringLiteral("/api/v1/health"), [this](auto &, auto &, HttpReply &reply) {
        reply.json(200, {{QStringLiteral("status"), QStringLiteral("ok")},
                         {QStringLiteral("version"), QCoreApplication::applicationVersion()},
                         {QStringLiteral("uptimeSeconds"), double(m_uptime.elapsed() / 1000)}});
    });
    router.add(M::Get, QStringLiteral("/openapi.json"), [](auto &, auto &, HttpReply &reply) {
        reply.json(200, openApiDocument());
    });
    router.add(M::Get, QStringLiteral("/metrics"), [this](auto &, auto &, HttpReply &reply) {
        reply.text(200, QByteArrayLiteral("text/plain; version=0.0.4"), prometheusText());
    });
}

QByteArray SystemController::prometheusText() const
{
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help, double value) {
        out += "# HELP " + QByteArray(name) + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n' + name + ' '
               + QByteArray::number(value, 'g', 15) + '\n';
    };
    metric("collab_ws_connections", "gauge", "Open WebSocket connections.",
           m_listener.connections ? m_listener.connections() : 0);
    metric("collab_pending_refused_total", "counter",
           "Connections closed at once because their address held maxConnectionsPerAddress not classified yet.",
           double(m_listener.pendingRefused ? m_listener.pendingRefused() : 0));
    metric("collab_ws_connections_accepted_total", "counter", "WebSocket connections accepted.",
           double(m_metrics.wsConnectionsAccepted));
    metric("collab_ws_messages_received_total", "counter", "WebSocket messages received from clients.",
           double(m_metrics.wsMessagesReceived));
    metric("collab_ws_errors_total", "counter", "Error replies sent on WebSocket connections.", double(m_metrics.wsErrorsSent));
    metric("collab_ws_slow_consumer_closes_total", "counter",
           "WebSocket connections closed with 4008 because they did not read their frames.",
           double(m_metrics.wsSlowConsumerCloses));
    metric("collab_ws_frames_dropped_total", "counter",
           "Typing and presence frames dropped for slow readers (counted when they close).",
           double(m_metrics.wsFramesDropped));
    metric("collab_ws_pre_hello_closes_total", "counter",
           "WebSocket connections closed with 1008 for sending too many frames before hello.",
           double(m_metrics.wsPreHelloCloses));
    out += "# HELP collab_auth_failures_total Failed join codes, instructor secrets, name tokens and API keys.\n"
           "# TYPE collab_auth_failures_total counter\n";
    for (AuthFailure kind : {AuthFailure::JoinCode, AuthFailure::InstructorSecret, AuthFailure::NameToken, AuthFailure::ApiKey})
        out += "collab_auth_failures_total{kind=\"" + QByteArray(authFailureName(kind)) + "\"} "
               + QByteArray::number(m_hub.authThrottle().failures(kind)) + '\n';
    metric("collab_auth_throttled_total", "counter",
           "Join and API key attempts answered rate_limited unchecked, after too many failures of their address or name.",
           double(m_hub.authThrottle().refused()));
    metric("collab_new_names_refused_total", "counter",
           "First claims of a name refused by newNamesPerAddressPerMinute or newNamesPerCoursePerMinute.",
           double(m_hub.newNameLimits().refused()));
    metric("collab_online_members", "gauge", "Course memberships with a live connection.", m_hub.onlineConnections());
    metric("collab_messages_posted_total", "counter", "Chat messages stored since start.", double(m_hub.messagesPosted()));
    metric("collab_events_total", "counter", "Course events committed since start.", double(m_hub.eventsCommitted()));
    metric("collab_http_requests_total", "counter", "REST requests served.", double(m_metrics.restRequests));
    metric("collab_http_errors_total", "counter", "REST requests answered with an error status.", double(m_metrics.restErrors));
    metric("collab_http_connections_refused_total", "counter",
           "HTTP connections answered 503 because their address held httpConnectionsPerAddress already.",
           double(m_http.refusedOverAddressCap.load(std::memory_order_relaxed)));
    return out;
}

} // namespace collab::server
