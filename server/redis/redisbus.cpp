#include "redis/redisbus.h"

#include "redis/redisconnection.h"
#include "redis/rediseventlog.h"
#include "redis/redisscripts.h"

namespace collab::server {

RedisBus::RedisBus(RedisConnection &commands, RedisEventLog &store, QByteArray nodeId, QObject *parent)
    : Bus(parent), m_commands(commands), m_nodeId(std::move(nodeId))
{
    connect(&store, &RedisEventLog::eventApplied, this, &Bus::eventReceived);
}

void RedisBus::publishEvent(const CourseEvent &) {}

void RedisBus::publishEphemeral(const QString &course, const QByteArray &frame)
{
    Q_EMIT ephemeralReceived(course, frame);
    // Fire and forget: typing and presence are not worth a retry.
    m_commands.command({QByteArrayLiteral("PUBLISH"), redis::ephemeralChannel(course), m_nodeId + '\n' + frame});
}

void RedisBus::onEphemeral(const QString &course, const QByteArray &payload)
{
    const qsizetype newline = payload.indexOf('\n');
    if (newline <= 0 || payload.left(newline) == m_nodeId)
        return;
    Q_EMIT ephemeralReceived(course, payload.mid(newline + 1));
}

} // namespace collab::server
