#include "hub/presenceregistry.h"

namespace collab::server {

bool PresenceRegistry::connect(const QString &course, const QString &user)
{
    ++m_connections;
    return ++m_counts[course][user] == 1;
}

bool PresenceRegistry::disconnect(const QString &course, const QString &user)
{
    auto courseIt = m_counts.find(course);
    if (courseIt == m_counts.end())
        return false;
    auto userIt = courseIt->find(user);
    if (userIt == courseIt->end())
        return false;
    --m_connections;
    if (--userIt.value() > 0)
        return false;
    courseIt->erase(userIt);
    if (courseIt->isEmpty())
        m_counts.erase(courseIt);
    return true;
}

bool PresenceRegistry::isOnline(const QString &course, const QString &user) const
{
    const auto courseIt = m_counts.constFind(course); // no copy of the course's hash
    return courseIt != m_counts.constEnd() && courseIt->value(user) > 0;
}

QStringList PresenceRegistry::online(const QString &course) const
{
    QStringList users = m_counts.value(course).keys();
    users.sort();
    return users;
}

} // namespace collab::server
