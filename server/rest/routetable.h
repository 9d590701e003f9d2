#pragma once

#include <QHttpServerRequest>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <vector>

namespace collab::server {

// The REST routes as OpenAPI path patterns ("/api/v1/courses/{course}/presence"), matched by hand:
// the path is split at '/' once and compared segment by segment. QHttpServer's own router ran a
// regular expression per candidate route and converted each argument through QVariant, a tenth of
// the HTTP thread's time on a post. Same rules as its "<arg>": an argument is one non-empty
// segment; a trailing slash or another method (HEAD too: it would get a body) does not match.
class RouteTable
{
public:
    struct Match
    {
        int index = -1; // in the order of add(); -1: no route
        QStringList args;
    };

    // Returns the route's index.
    int add(QHttpServerRequest::Method method, const QString &openApiPath);
    Match match(QHttpServerRequest::Method method, QStringView path) const;

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QStringList segments; // a null QString: an argument
    };

    std::vector<Route> m_routes;
};

} // namespace collab::server
