#include "hub/courserules.h"

#include "config/serverconfig.h"
#include "protocol/ids.h"

namespace collab::server {

Actor::Role CourseRules::roleOf(const QString &course, const QString &user) const
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return Actor::Role::Student;
    if (c->isInstructor(user))
        return Actor::Role::Instructor;
    return c->isTa(user) ? Actor::Role::Ta : Actor::Role::Student;
}

Actor CourseRules::effective(const Actor &actor, const QString &course) const
{
    // Administrators, integrations and API keys keep the role they were given; a member's role
    // is the course's as it is now (a TA appointed a minute ago moderates in an open session).
    if (actor.role == Actor::Role::Admin || actor.role == Actor::Role::Integration || !actor.via.isEmpty())
        return actor;
    Actor now = actor;
    now.role = roleOf(course, actor.user);
    return now;
}

std::optional<ProtocolError> CourseRules::checkWritable(const QString &course, const QString &channel, const QString &note) const
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return unknownCourseError(course);
    if (c->archived)
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("%1 is archived (read-only)").arg(course));
    if (!channel.isEmpty() && c->archivedChannels.contains(channel))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("#%1 is archived (read-only)").arg(channel));
    if (!note.isEmpty() && c->archivedNotes.contains(note))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("note %1 is archived (read-only)").arg(note));
    return std::nullopt;
}

QString CourseRules::nameKey(const QString &course, const QString &user)
{
    return course + QChar(0x1f) + normalizedName(user);
}

} // namespace collab::server
