#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace collab::server {

// Who is online in each course on this node. A user with two windows open is one member with two
// connections: they go offline when the last one closes.
class PresenceRegistry
{
public:
    // Both return true when the user's online state changed.
    bool connect(const QString &course, const QString &user);
    bool disconnect(const QString &course, const QString &user);

    bool isOnline(const QString &course, const QString &user) const;
    QStringList online(const QString &course) const;
    int connectionCount() const { return m_connections; }

private:
    QHash<QString, QHash<QString, int>> m_counts; // course → user → connections
    int m_connections = 0;
};

} // namespace collab::server
