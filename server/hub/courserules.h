#pragma once

#include "hub/actor.h"
#include "protocol/result.h"

#include <optional>

namespace collab::server {

struct ServerConfig;

// What every command of a course checks first, read from the configuration as it is now (the
// catalogue's events change it): a member's role, the actor as they act now, and whether the
// course, a channel or a note may be written. The Hub and its command classes share one.
class CourseRules
{
public:
    explicit CourseRules(const ServerConfig &config) : m_config(config) {}

    Actor::Role roleOf(const QString &course, const QString &user) const;
    // The actor with its role in `course` as it is now (members); administrators, integrations
    // and API keys keep theirs.
    Actor effective(const Actor &actor, const QString &course) const;
    // Nullopt if the course exists and neither it nor the channel or note is archived.
    std::optional<ProtocolError> checkWritable(const QString &course, const QString &channel, const QString &note) const;

    // A name in a course as the throttles and removals key it: course + normalized name.
    static QString nameKey(const QString &course, const QString &user);

private:
    const ServerConfig &m_config;
};

} // namespace collab::server
