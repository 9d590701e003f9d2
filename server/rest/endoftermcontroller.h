#pragma once

#include "rest/restauth.h"
#include "rest/restrouter.h"

namespace collab::server {

class Hub;
struct Actor;

// The end of a term over REST (docs/rest.md, "End of term"): PUT .../archived, GET .../export (a
// zip; with an API key of an instructor or the administrator, or a ticket from the WebSocket's
// course.export), and the course's retention (GET/PUT .../retention, POST .../retention/run).
class EndOfTermController
{
public:
    EndOfTermController(Hub &hub, const RestAuth &auth) : m_hub(hub), m_auth(auth) {}

    void registerRoutes(RestRouter &router);

private:
    using Args = QStringList;
    void setArchived(const Args &a, const RestRequest &request, HttpReply &reply);
    void exportCourse(const Args &a, const RestRequest &request, HttpReply &reply);
    void retention(const Args &a, const RestRequest &request, HttpReply &reply);
    void setRetention(const Args &a, const RestRequest &request, HttpReply &reply);
    void runRetention(const Args &a, const RestRequest &request, HttpReply &reply);

    // The key's actor for `course` (checked: key, scope, course), or false after answering the error.
    bool actorFor(const QString &course, const RestRequest &request, HttpReply &reply, Actor *actor) const;

    Hub &m_hub;
    const RestAuth &m_auth;
};

} // namespace collab::server
