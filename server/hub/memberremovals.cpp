#include "hub/memberremovals.h"

#include "hub/courseadmin.h"
#include "hub/courserules.h"
#include "logging.h"
#include "protocol/ids.h"

#include <QDateTime>

namespace collab::server {

namespace {

qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

void MemberRemovals::kick(const Actor &who, const QString &course, const QString &user, std::optional<qint64> minutes, Callback<bool> done)
{
    const Actor actor = m_rules.effective(who, course);
    if (std::optional<ProtocolError> e = m_admin.check(actor, course, Permission::Moderate))
        return done(*e);
    if (sameName(user, actor.user))
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("you cannot remove yourself")));
    const Actor::Role target = m_rules.roleOf(course, user);
    if (target == Actor::Role::Instructor)
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("instructors cannot be removed")));
    if (target == Actor::Role::Ta && actor.role == Actor::Role::Ta)
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("a TA cannot remove another TA")));
    if (minutes && (*minutes < 0 || *minutes > limits::MaxRemovalMinutes))
        return done(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("minutes must be 0 (until restored) to %1").arg(limits::MaxRemovalMinutes)));
    qCInfo(lcHub) << actor.user << "removed" << user << "from" << course;
    const qint64 until = !minutes ? now() + DefaultMs : *minutes == 0 ? UntilRestored : now() + *minutes * 60 * 1000;
    const QJsonObject data{{QStringLiteral("user"), user}, {QStringLiteral("by"), actor.user}, {QStringLiteral("until"), double(until)}};
    m_journal.append(course, EventKind::MemberKicked, data,
                     [this, course, user, until, done = std::move(done)](Result<CourseEvent> r) {
        if (!r) // not stored: the instructor is told `unavailable` and the name stays free
            return done(r.error());
        remove(course, user, until); // before the ack, whenever the event itself reaches this node
        done(true);
    });
}

void MemberRemovals::restore(const Actor &who, const QString &course, const QString &user, Callback<CourseEvent> done)
{
    const Actor actor = m_rules.effective(who, course);
    if (std::optional<ProtocolError> e = m_admin.check(actor, course, Permission::Moderate))
        return done(*e);
    if (m_until.value(CourseRules::nameKey(course, user)) <= now())
        return done(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("%1 is not removed from %2").arg(user, course)));
    qCInfo(lcHub) << actor.user << "restored" << user << "in" << course;
    m_journal.append(course, EventKind::MemberRestored, {{QStringLiteral("user"), user}, {QStringLiteral("by"), actor.user}},
                     std::move(done));
}

void MemberRemovals::remove(const QString &course, const QString &user, qint64 until)
{
    qint64 &entry = m_until[CourseRules::nameKey(course, user)];
    entry = std::max(entry, until);
}

void MemberRemovals::apply(const CourseEvent &event)
{
    const QString user = event.data.value(QLatin1String("user")).toString();
    if (event.kind == EventKind::MemberRestored) // the name may join again
        m_until.remove(CourseRules::nameKey(event.course, user));
    if (event.kind == EventKind::MemberKicked)
        remove(event.course, user, qint64(event.data.value(QLatin1String("until")).toDouble()));
}

std::optional<ProtocolError> MemberRemovals::check(const QString &course, const QString &user) const
{
    if (m_until.value(CourseRules::nameKey(course, user)) > now())
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("an instructor removed you from %1; try again later").arg(course));
    return std::nullopt;
}

} // namespace collab::server
