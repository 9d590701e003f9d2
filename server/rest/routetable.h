#pragma once

#include "rest/httpmethod.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <vector>

namespace collab::server {

// The REST routes as OpenAPI path patterns ("/api/v1/courses/{course}/presence"), matched by hand:
// the path is split at '/' once and compared segment by segment. QHttpServer's router (before our
// own HTTP server) ran a regular expression per candidate route and converted each argument
// through QVariant. Same rules as its "<arg>" had: an argument is one non-empty
// segment; a trailing slash or another method does not match. HEAD matches the GET routes
// (RFC 9110 9.3.2: the same answer without its body, which httpwire leaves out).
class RouteTable
{
public:
    struct Match
    {
        int index = -1; // in the order of add(); -1: no route
        QStringList args;
    };

    // Returns the route's index.
    int add(HttpMethod method, const QString &openApiPath);
    Match match(HttpMethod method, QStringView path) const;

private:
    struct Route
    {
        HttpMethod method;
        QStringList segments; // a null QString: an argument
    };

    std::vector<Route> m_routes;
};

} // namespace collab::server
