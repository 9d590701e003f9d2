#pragma once

#include "rest/restauth.h"
#include "rest/restrouter.h"

namespace collab::server {

class Hub;

// /api/v1/courses (the courses an API key may use), /api/v1/courses/{course}/presence, and
// POST /api/v1/courses/{course}/claims/purge (free the names of members who never used them).
class CoursesController
{
public:
    CoursesController(Hub &hub, const RestAuth &auth) : m_hub(hub), m_auth(auth) {}

    void registerRoutes(RestRouter &router);

private:
    void list(const RestRequest &request, HttpReply &reply);
    void presence(const QString &course, const RestRequest &request, HttpReply &reply);
    void purgeClaims(const QString &course, const RestRequest &request, HttpReply &reply);

    Hub &m_hub;
    const RestAuth &m_auth;
};

} // namespace collab::server
