#include "rest/restapi.h"

#include "hub/hub.h"
#include "metrics.h"
#include "rest/httpfrontend.h"

namespace collab::server {

RestApi::RestApi(HttpFrontend &frontend, Hub &hub, ServerMetrics &metrics, ListenerGauges listener)
    : m_router(frontend, m_mailbox, metrics), m_auth(hub.config(), hub.authThrottle()), m_system(hub, metrics, frontend.counters(), std::move(listener)),
      m_courses(hub, m_auth), m_courseAdmin(hub, m_auth), m_messages(hub, m_auth), m_noteHistory(hub, m_auth), m_notes(hub, m_auth, m_noteHistory), m_search(hub, m_auth),
      m_interactions(hub, m_auth), m_endOfTerm(hub, m_auth), m_files(hub, m_auth)
{
    m_system.registerRoutes(m_router);
    m_courses.registerRoutes(m_router);
    m_courseAdmin.registerRoutes(m_router);
    m_messages.registerRoutes(m_router);
    m_notes.registerRoutes(m_router);
    m_noteHistory.registerRoutes(m_router);
    m_search.registerRoutes(m_router);
    m_interactions.registerRoutes(m_router);
    m_endOfTerm.registerRoutes(m_router);
    m_files.registerRoutes(m_router);
    m_router.setMissingHandler([](const QStringList &, const RestRequest &request, HttpReply &reply) {
        reply.error(ProtocolError::make(ErrorCode::NotFound,
                                        QStringLiteral("no route %1 (see /openapi.json)").arg(request.path.left(200))));
    });
}

} // namespace collab::server
