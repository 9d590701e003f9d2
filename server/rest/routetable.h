#pragma once

#include "rest/httpmethod.h"

#include <QByteArray>
#include <QList>
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
// (RFC 9110 9.3.2: the same answer without its body, which httpwire leaves out). A path that has
// routes for other methods only tells them (RestRouter answers 405 with Allow).
class RouteTable
{
public:
    struct Match
    {
        int index = -1; // in the order of add(); -1: no route
        QStringList args;
        // With no route: the methods the path has routes for (HEAD with GET), for a 405 and its
        // Allow header; empty when the path is unknown (404).
        QList<HttpMethod> allowed;
    };

    // Returns the route's index.
    int add(HttpMethod method, const QString &openApiPath);
    Match match(HttpMethod method, QStringView path) const;

    // "GET, HEAD, POST": the value of an Allow header, in a fixed order.
    static QByteArray allowHeader(const QList<HttpMethod> &methods);

private:
    struct Route
    {
        HttpMethod method;
        QStringList segments; // a null QString: an argument
    };

    static bool pathMatches(const Route &route, const QList<QStringView> &parts, QStringList *args);

    std::vector<Route> m_routes;
};

} // namespace collab::server
