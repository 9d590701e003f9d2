#pragma once

#include "hub/presencedirectory.h"

#include <QHash>
#include <QSet>
#include <QTimer>

namespace collab::server {

class RedisConnection;

// Presence across nodes. Each course has a sorted set in Redis, member "user|node", score = when it
// expires (Redis's clock). Every node re-adds its online users every ttl/4 and drops expired
// entries, so the users of a node that died disappear within ttl + ttl/4; a restarted node starts by
// removing its own old entries (its id is kept in the data directory), so it shows no ghosts.
// Each change is announced on collab:presence; every node then re-reads that course and tells its
// own clients what changed.
class RedisPresence final : public PresenceDirectory
{
    Q_OBJECT

public:
    RedisPresence(RedisConnection &commands, QByteArray nodeId, QStringList courses, int ttlMs, QObject *parent = nullptr);

    void start();
    void localChanged(const QString &course, const QString &user, bool online) override;
    QStringList online(const QString &course) const override;

    void onChangedElsewhere(const QString &course); // a message on collab:presence
    void addCourse(const QString &course);           // created at run time

private:
    void queue(const QString &course, const QByteArray &item = {});
    void flush();
    void run(const QString &course, const QByteArrayList &items);
    void refreshAll();
    void setView(const QString &course, const QSet<QString> &users);

    RedisConnection &m_commands;
    QByteArray m_nodeId;
    QStringList m_courses;
    int m_ttlMs;
    QTimer m_refresh;
    QTimer m_flush;                         // a join storm is one script call per course, not one per join
    QHash<QString, QByteArrayList> m_queued; // course → "+user"/"-user" items (empty: just re-read)
    QHash<QString, QSet<QString>> m_local; // course → users online on this node
    QHash<QString, QSet<QString>> m_view;  // course → users online anywhere, as last read
};

} // namespace collab::server
