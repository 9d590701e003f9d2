#pragma once

#include "limits/ratelimits.h"
#include "protocol/result.h"
#include "rest/httpreply.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <functional>

class QHttpServer;

namespace collab::server {

struct ServerConfig;
struct ApiKeyConfig;
struct ServerMetrics;

struct RouteInfo
{
    QString method; // lower case, as in OpenAPI: get, post, patch, delete
    QString path;   // OpenAPI form: /api/v1/courses/{course}/messages/{id}
};

// Registers the REST routes on the QHttpServer. Paths are written in their OpenAPI form, so the
// list of registered routes can be compared with the served document.
class RestRouter
{
public:
    using Handler = std::function<void(const QStringList &args, const QHttpServerRequest &request, HttpReply &reply)>;

    RestRouter(QHttpServer &server, ServerMetrics &metrics);

    void add(QHttpServerRequest::Method method, const QString &openApiPath, Handler handler);
    const QList<RouteInfo> &routes() const { return m_routes; }

private:
    QHttpServer &m_server;
    ServerMetrics &m_metrics;
    QList<RouteInfo> m_routes;
};

// Bearer-key checks shared by every course route: 401 without a known key, 403 for a course the
// key was not given (whether or not it exists: a key cannot probe other courses), 404 for a course
// in its scope that the server does not have.
class RestAuth
{
public:
    explicit RestAuth(const ServerConfig &config);

    Result<const ApiKeyConfig *> key(const QHttpServerRequest &request) const;
    Result<const ApiKeyConfig *> keyForCourse(const QHttpServerRequest &request, const QString &course) const;

private:
    const ServerConfig &m_config;
    mutable ApiKeyLimits m_limits; // every authenticated request takes a token of its key
};

// The request body as a JSON object: 413 over the limit, 400 if it is not a JSON object.
Result<QJsonObject> jsonBody(const QHttpServerRequest &request);
Result<QJsonObject> jsonBody(const QByteArray &body); // the same on the bytes (tests/fuzz drive it)

} // namespace collab::server
