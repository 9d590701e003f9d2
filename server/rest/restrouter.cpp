#include "rest/restrouter.h"

#include "config/serverconfig.h"
#include "logging.h"
#include "metrics.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"

#include <QHttpServer>
#include <QJsonDocument>
#include <QRegularExpression>

namespace collab::server {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("get");
    case QHttpServerRequest::Method::Post: return QStringLiteral("post");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("patch");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("delete");
    case QHttpServerRequest::Method::Put: return QStringLiteral("put");
    default: return QStringLiteral("other");
    }
}

} // namespace

RestRouter::RestRouter(QHttpServer &server, ServerMetrics &metrics) : m_server(server), m_metrics(metrics) {}

void RestRouter::add(QHttpServerRequest::Method method, const QString &openApiPath, Handler handler)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{[A-Za-z]+\\}"));
    QString qtPath = openApiPath;
    const int args = int(qtPath.count(placeholder));
    qtPath.replace(placeholder, QStringLiteral("<arg>"));
    m_routes << RouteInfo{methodName(method), openApiPath};

    auto run = [this, handler = std::move(handler)](const QStringList &a, const QHttpServerRequest &req,
                                                      QHttpServerResponder &&responder) {
        ++m_metrics.restRequests;
        HttpReply reply(std::move(responder), &m_metrics.restErrors);
        handler(a, req, reply);
    };
    switch (args) {
    case 0:
        m_server.route(qtPath, method, [run](const QHttpServerRequest &req, QHttpServerResponder &&r) {
            run({}, req, std::move(r));
        });
        break;
    case 1:
        m_server.route(qtPath, method, [run](const QString &a, const QHttpServerRequest &req, QHttpServerResponder &&r) {
            run({a}, req, std::move(r));
        });
        break;
    case 2:
        m_server.route(qtPath, method,
                       [run](const QString &a, const QString &b, const QHttpServerRequest &req, QHttpServerResponder &&r) {
                           run({a, b}, req, std::move(r));
                       });
        break;
    case 3:
        m_server.route(qtPath, method,
                       [run](const QString &a, const QString &b, const QString &c, const QHttpServerRequest &req,
                             QHttpServerResponder &&r) { run({a, b, c}, req, std::move(r)); });
        break;
    default:
        qCCritical(lcRest) << "route with too many parameters:" << openApiPath;
    }
}

RestAuth::RestAuth(const ServerConfig &config) : m_config(config), m_limits(config.limits) {}

Result<const ApiKeyConfig *> RestAuth::key(const QHttpServerRequest &request) const
{
    const QByteArray header = request.value(QByteArrayLiteral("authorization"));
    static const QByteArray prefix = QByteArrayLiteral("Bearer ");
    if (header.isEmpty())
        return ProtocolError::make(ErrorCode::NotAuthenticated, QStringLiteral("missing 'Authorization: Bearer <api key>'"));
    if (!header.startsWith(prefix))
        return ProtocolError::make(ErrorCode::NotAuthenticated, QStringLiteral("the Authorization header must be 'Bearer <api key>'"));
    const ApiKeyConfig *k = m_config.apiKeyFor(QString::fromUtf8(header.mid(prefix.size()).trimmed()));
    if (!k)
        return ProtocolError::make(ErrorCode::NotAuthenticated, QStringLiteral("unknown API key"));
    if (std::optional<ProtocolError> limited = m_limits.admit(k->name))
        return *limited;
    return k;
}

Result<const ApiKeyConfig *> RestAuth::keyForCourse(const QHttpServerRequest &request, const QString &course) const
{
    Result<const ApiKeyConfig *> k = key(request);
    if (!k)
        return k;
    if (!k.value()->allows(course))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("this API key has no access to course '%1'").arg(course.left(64)));
    if (!m_config.course(course))
        return ProtocolError::make(ErrorCode::UnknownCourse, QStringLiteral("no course '%1'").arg(course));
    return k;
}

Result<QJsonObject> jsonBody(const QHttpServerRequest &request)
{
    return jsonBody(request.body());
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
