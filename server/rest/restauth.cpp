#include "rest/restauth.h"

#include "config/serverconfig.h"
#include "limits/auththrottle.h"

namespace collab::server {

RestAuth::RestAuth(const ServerConfig &config, AuthThrottle &throttle)
    : m_config(config), m_throttle(throttle), m_limits(config.limits)
{
}

Result<const ApiKeyConfig *> RestAuth::key(const RestRequest &request) const
{
    const QByteArray header = request.value(QByteArrayLiteral("authorization"));
    static const QByteArray prefix = QByteArrayLiteral("Bearer ");
    if (header.isEmpty())
        return ProtocolError::make(ErrorCode::NotAuthenticated, QStringLiteral("missing 'Authorization: Bearer <api key>'"));
    if (!header.startsWith(prefix))
        return ProtocolError::make(ErrorCode::NotAuthenticated, QStringLiteral("the Authorization header must be 'Bearer <api key>'"));
    // Answered unchecked while this address waits out failed guesses.
    if (std::optional<ProtocolError> slowed = m_throttle.admit(request.http.peer))
        return *slowed;
    const ApiKeyConfig *k = m_config.apiKeyFor(QString::fromUtf8(header.mid(prefix.size()).trimmed()));
    if (!k) {
        m_throttle.failed(AuthFailure::ApiKey, request.http.peer);
        return ProtocolError::make(ErrorCode::NotAuthenticated, QStringLiteral("unknown API key"));
    }
    if (std::optional<ProtocolError> limited = m_limits.admit(k->name))
        return *limited;
    return k;
}

Result<const ApiKeyConfig *> RestAuth::keyForCourse(const RestRequest &request, const QString &course) const
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

} // namespace collab::server
