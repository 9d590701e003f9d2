#include "redis/redispresence.h"

#include "redis/redisconnection.h"
#include "redis/redisscripts.h"

#include <hiredis/hiredis.h>

namespace collab::server {

RedisPresence::RedisPresence(RedisConnection &commands, QByteArray nodeId, QStringList courses, int ttlMs, QObject *parent)
    : PresenceDirectory(parent), m_commands(commands), m_nodeId(std::move(nodeId)), m_courses(std::move(courses)),
      m_ttlMs(ttlMs)
{
    connect(&m_refresh, &QTimer::timeout, this, &RedisPresence::refreshAll);
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &RedisPresence::flush);
    connect(&m_commands, &RedisConnection::connected, this, &RedisPresence::refreshAll);
}

void RedisPresence::start()
{
    m_refresh.start(qMax(100, m_ttlMs / 4));
    refreshAll();
}

void RedisPresence::localChanged(const QString &course, const QString &user, bool online)
{
    const QSet<QString> before = m_view.value(course) | m_local.value(course);
    if (online)
        m_local[course].insert(user);
    else
        m_local[course].remove(user);
    // Coming online shows at once here; going offline shows when Redis says no node has the user.
    if (online && !before.contains(user))
        Q_EMIT changed(course, user, true);
    queue(course, (online ? QByteArrayLiteral("+") : QByteArrayLiteral("-")) + user.toUtf8());
}

QStringList RedisPresence::online(const QString &course) const
{
    const QSet<QString> users = m_view.value(course) | m_local.value(course);
    QStringList out(users.cbegin(), users.cend());
    out.sort();
    return out;
}

void RedisPresence::addCourse(const QString &course)
{
    if (!m_courses.contains(course)) {
        m_courses << course;
        queue(course);
    }
}

void RedisPresence::onChangedElsewhere(const QString &course)
{
    if (m_courses.contains(course))
        queue(course);
}

void RedisPresence::queue(const QString &course, const QByteArray &item)
{
    QByteArrayList &items = m_queued[course];
    if (!item.isEmpty())
        items << item;
    if (!m_flush.isActive())
        m_flush.start(10);
}

void RedisPresence::flush()
{
    const QHash<QString, QByteArrayList> queued = std::exchange(m_queued, {});
    for (auto it = queued.cbegin(); it != queued.cend(); ++it)
        run(it.key(), it.value());
}

void RedisPresence::refreshAll()
{
    for (const QString &course : std::as_const(m_courses)) {
        QByteArrayList items;
        for (const QString &user : m_local.value(course))
            items << QByteArrayLiteral("+") + user.toUtf8();
        run(course, items);
    }
}

void RedisPresence::run(const QString &course, const QByteArrayList &items)
{
    const redis::Script &script = redis::presenceScript();
    QByteArrayList args{QByteArrayLiteral("1"), redis::presenceKey(course), m_nodeId, QByteArray::number(m_ttlMs),
                        course.toUtf8()};
    args += items;
    m_commands.evalScript(script, args, [this, course](const redisReply *reply) {
        if (!reply || reply->type != REDIS_REPLY_ARRAY)
            return; // Redis is away: the view stays as it was until the next refresh
        QSet<QString> users;
        for (size_t i = 0; i < reply->elements; ++i) {
            const redisReply *e = reply->element[i];
            if (!e || e->type != REDIS_REPLY_STRING)
                continue;
            const QByteArray member(e->str, int(e->len));
            const qsizetype bar = member.lastIndexOf('|');
            if (bar > 0)
                users.insert(QString::fromUtf8(member.left(bar)));
        }
        setView(course, users);
    });
}

// Announces the difference to the last view, counting this node's own users as online in both.
void RedisPresence::setView(const QString &course, const QSet<QString> &users)
{
    const QSet<QString> local = m_local.value(course);
    const QSet<QString> before = m_view.value(course) | local;
    const QSet<QString> after = users | local;
    m_view[course] = users;
    for (const QString &user : after)
        if (!before.contains(user))
            Q_EMIT changed(course, user, true);
    for (const QString &user : before)
        if (!after.contains(user))
            Q_EMIT changed(course, user, false);
}

} // namespace collab::server
