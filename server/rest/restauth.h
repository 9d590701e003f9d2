#pragma once

#include "limits/ratelimits.h"
#include "protocol/result.h"
#include "rest/restrequest.h"

#include <QString>

namespace collab::server {

struct ServerConfig;
struct ApiKeyConfig;
class AuthThrottle;

// Bearer-key checks shared by every course route: 401 without a known key, 403 for a course the
// key was not given (whether or not it exists: a key cannot probe other courses), 404 for a course
// in its scope that the server does not have.
class RestAuth
{
public:
    // Unknown keys count as failed guesses of their address (AuthThrottle).
    RestAuth(const ServerConfig &config, AuthThrottle &throttle);

    Result<const ApiKeyConfig *> key(const RestRequest &request) const;
    Result<const ApiKeyConfig *> keyForCourse(const RestRequest &request, const QString &course) const;

private:
    const ServerConfig &m_config;
    AuthThrottle &m_throttle;
    mutable ApiKeyLimits m_limits; // every authenticated request takes a token of its key
};

} // namespace collab::server
