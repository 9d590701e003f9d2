#pragma once

#include "rest/coursescontroller.h"
#include "rest/messagescontroller.h"
#include "rest/notescontroller.h"
#include "rest/restrouter.h"
#include "rest/systemcontroller.h"

#include <functional>

class QHttpServer;

namespace collab::server {

// Every REST route, registered on one QHttpServer; unknown routes answer a JSON 404.
class RestApi
{
public:
    RestApi(QHttpServer &server, Hub &hub, ServerMetrics &metrics, std::function<int()> connections);

    const QList<RouteInfo> &routes() const { return m_router.routes(); }

private:
    RestRouter m_router;
    RestAuth m_auth;
    SystemController m_system;
    CoursesController m_courses;
    MessagesController m_messages;
    NotesController m_notes;
};

} // namespace collab::server
