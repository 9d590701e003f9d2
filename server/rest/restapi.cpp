#include "rest/restapi.h"

#include "hub/hub.h"
#include "metrics.h"

#include <QHttpServer>

namespace collab::server {

RestApi::RestApi(QHttpServer &server, Hub &hub, ServerMetrics &metrics, std::function<int()> connections)
    : m_router(server, metrics), m_auth(hub.config()), m_system(hub, metrics, std::move(connections)),
      m_courses(hub, m_auth), m_messages(hub, m_auth), m_notes(hub, m_auth)
{
    m_system.registerRoutes(m_router);
    m_courses.registerRoutes(m_router);
    m_messages.registerRoutes(m_router);
    m_notes.registerRoutes(m_router);
    server.setMissingHandler([&metrics](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        ++metrics.restRequests;
        HttpReply reply(std::move(responder), &metrics.restErrors);
        reply.error(ProtocolError::make(ErrorCode::NotFound,
                                        QStringLiteral("no route %1 (see /openapi.json)").arg(request.url().path().left(200))));
    });
}

} // namespace collab::server
