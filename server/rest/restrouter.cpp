#include "rest/restrouter.h"

#include "logging.h"
#include "metrics.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"
#include "rest/httpfrontend.h"
#include "rest/threadmailbox.h"

#include <QJsonDocument>

namespace collab::server {

namespace {

QString methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get: return QStringLiteral("get");
    case HttpMethod::Post: return QStringLiteral("post");
    case HttpMethod::Patch: return QStringLiteral("patch");
    case HttpMethod::Delete: return QStringLiteral("delete");
    case HttpMethod::Put: return QStringLiteral("put");
    default: return QStringLiteral("other");
    }
}

QJsonObject methodError(const QString &code, const QString &message)
{
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
}

} // namespace

RestRouter::RestRouter(HttpFrontend &frontend, ThreadMailbox &hubMailbox, ServerMetrics &metrics)
    : m_frontend(frontend), m_hubMailbox(hubMailbox), m_metrics(metrics),
      m_missing(std::make_shared<const Handler>([](const QStringList &, const RestRequest &, HttpReply &reply) {
          reply.error(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("no such route")));
      }))
{
    m_notImplemented = std::make_shared<const Handler>([](const QStringList &, const RestRequest &, HttpReply &reply) {
        reply.json(501, methodError(QStringLiteral("not_implemented"),
                                    QStringLiteral("this server does not implement that method (see /openapi.json)")));
    });
    m_frontend.setDispatcher([this](quint64 id, HttpRequest &&request) { dispatch(id, std::move(request)); });
}

// 501 for a method the server does not implement at all, 405 with Allow for a known method on a
// path that has routes for others only (RFC 9110 15.6.2, 15.5.6). A JSON error like every other.
std::shared_ptr<const RestRouter::Handler> RestRouter::methodRefusal(HttpMethod method, const QList<HttpMethod> &allowed)
{
    if (method == HttpMethod::Unknown)
        return m_notImplemented;
    const QByteArray allow = RouteTable::allowHeader(allowed);
    return std::make_shared<const Handler>([allow](const QStringList &, const RestRequest &request, HttpReply &reply) {
        reply.addHeader(QByteArrayLiteral("Allow"), allow);
        reply.json(405, methodError(QStringLiteral("method_not_allowed"),
                                    QStringLiteral("%1 accepts %2 only").arg(request.path.left(200), QString::fromLatin1(allow))));
    });
}

void RestRouter::dispatch(quint64 id, HttpRequest &&http)
{
    RestRequest request = RestRequest::from(std::move(http));
    RouteTable::Match match = m_table.match(request.method, request.path);
    std::shared_ptr<const Handler> handler;
    if (match.index >= 0)
        handler = m_handlers[size_t(match.index)];
    else if (request.method == HttpMethod::Unknown || !match.allowed.isEmpty())
        handler = methodRefusal(request.method, match.allowed);
    else
        handler = m_missing;
    auto channel = std::make_shared<ReplyChannel>(
        [answer = m_frontend.answerer(), id](HttpResponse response) { answer(id, std::move(response)); });
    m_hubMailbox.post([this, handler = std::move(handler), args = std::move(match.args), request = std::move(request),
                       channel = std::move(channel)] {
        ++m_metrics.restRequests;
        HttpReply reply(channel, &m_metrics.restErrors);
        (*handler)(args, request, reply);
    });
}

void RestRouter::setMissingHandler(Handler handler)
{
    m_missing = std::make_shared<const Handler>(std::move(handler));
}

void RestRouter::add(HttpMethod method, const QString &openApiPath, Handler handler)
{
    m_routes << RouteInfo{methodName(method), openApiPath};
    m_table.add(method, openApiPath);
    m_handlers.push_back(std::make_shared<const Handler>(std::move(handler)));
}

Result<QJsonObject> jsonBody(const RestRequest &request)
{
    return request.json ? *request.json : jsonBody(request.body());
}

Result<QJsonObject> jsonBody(const QByteArray &body)
{
    if (body.size() > limits::MaxFrameBytes)
        return ProtocolError::make(ErrorCode::TooLarge, QStringLiteral("request body is over %1 bytes").arg(limits::MaxFrameBytes));
    if (!jsonDepthWithin(body, limits::MaxJsonDepth))
        return ProtocolError::make(ErrorCode::TooLarge, QStringLiteral("JSON nested deeper than %1 levels").arg(limits::MaxJsonDepth));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return ProtocolError::make(ErrorCode::BadJson,
                                   QStringLiteral("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        return ProtocolError::make(ErrorCode::BadJson, QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

} // namespace collab::server
