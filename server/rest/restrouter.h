#pragma once

#include "protocol/result.h"
#include "rest/httpreply.h"
#include "rest/restrequest.h"
#include "rest/routetable.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>

namespace collab::server {

class HttpFrontend;
class ThreadMailbox;
struct ServerMetrics;

struct RouteInfo
{
    QString method; // lower case, as in OpenAPI: get, post, patch, delete
    QString path;   // OpenAPI form: /api/v1/courses/{course}/messages/{id}
};

// The REST routes. The HTTP frontend gives it every parsed request in the HTTP thread; RestRouter
// matches it in its RouteTable and forwards it to the hub thread (the mailbox's), where the
// Handler runs and answers. Paths are written in their
// OpenAPI form, so the list of registered routes can be compared with the served document.
class RestRouter
{
public:
    using Handler = std::function<void(const QStringList &args, const RestRequest &request, HttpReply &reply)>;

    RestRouter(HttpFrontend &frontend, ThreadMailbox &hubMailbox, ServerMetrics &metrics);

    void add(HttpMethod method, const QString &openApiPath, Handler handler);
    // Answers the requests that match no route (by default a plain 404).
    void setMissingHandler(Handler handler);
    const QList<RouteInfo> &routes() const { return m_routes; }

private:
    // HTTP thread: finds the request's route and hands the request to the hub thread.
    void dispatch(quint64 id, HttpRequest &&request);
    std::shared_ptr<const Handler> methodRefusal(HttpMethod method, const QList<HttpMethod> &allowed);

    HttpFrontend &m_frontend;
    ThreadMailbox &m_hubMailbox;
    ServerMetrics &m_metrics;
    QList<RouteInfo> m_routes;
    RouteTable m_table;
    std::vector<std::shared_ptr<const Handler>> m_handlers; // by RouteTable index
    std::shared_ptr<const Handler> m_missing;
    std::shared_ptr<const Handler> m_notImplemented; // 501: a method no route uses
};

// The request body as a JSON object: 413 over the limit, 400 if it is not a JSON object.
Result<QJsonObject> jsonBody(const RestRequest &request);
Result<QJsonObject> jsonBody(const QByteArray &body); // the same on the bytes (tests/fuzz drive it)

} // namespace collab::server
