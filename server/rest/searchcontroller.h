#pragma once

#include "rest/restauth.h"
#include "rest/restrouter.h"

namespace collab::server {

class Hub;

// GET /api/v1/courses/{course}/search?q=&limit=&channel=: the course's messages that match q
// (CourseSearch: the same rules and answer as the WebSocket `search`), as an integration sees them.
class SearchController
{
public:
    SearchController(Hub &hub, const RestAuth &auth) : m_hub(hub), m_auth(auth) {}

    void registerRoutes(RestRouter &router);

    // A query parameter as text: '+' is a space (HTML forms and most HTTP libraries encode so;
    // a plus sign itself comes as %2B), then percent-decoded. Null when absent.
    static QString formValue(const QByteArray &query, const QByteArray &name);

private:
    void search(const QStringList &args, const RestRequest &request, HttpReply &reply);

    Hub &m_hub;
    const RestAuth &m_auth;
};

} // namespace collab::server
