#pragma once

#include "rest/courseadmincontroller.h"
#include "rest/coursescontroller.h"
#include "rest/endoftermcontroller.h"
#include "rest/filescontroller.h"
#include "rest/interactionscontroller.h"
#include "rest/messagescontroller.h"
#include "rest/notehistorycontroller.h"
#include "rest/notescontroller.h"
#include "rest/restauth.h"
#include "rest/restrouter.h"
#include "rest/searchcontroller.h"
#include "rest/systemcontroller.h"
#include "rest/threadmailbox.h"

#include <functional>

namespace collab::server {

class HttpFrontend;

// Every REST route, registered on the HTTP frontend; unknown routes answer a JSON 404. The
// controllers run in this object's thread (the hub's); the frontend only parses and writes.
class RestApi
{
public:
    RestApi(HttpFrontend &frontend, Hub &hub, ServerMetrics &metrics, ListenerGauges listener);

    const QList<RouteInfo> &routes() const { return m_router.routes(); }

private:
    ThreadMailbox m_mailbox; // requests from the HTTP thread
    RestRouter m_router;
    RestAuth m_auth;
    SystemController m_system;
    CoursesController m_courses;
    CourseAdminController m_courseAdmin;
    MessagesController m_messages;
    NoteHistoryController m_noteHistory; // before m_notes, which hands ?at= to it
    NotesController m_notes;
    SearchController m_search;
    InteractionsController m_interactions;
    EndOfTermController m_endOfTerm;
    FilesController m_files;
};

} // namespace collab::server
