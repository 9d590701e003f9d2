#include "redis/redisreplication.h"

#include "logging.h"
#include "redis/redisconnection.h"

#include <hiredis/hiredis.h>

namespace collab::server {

RedisReplicationGate::RedisReplicationGate(RedisConnection &commands, int minReplicas, int timeoutMs, QObject *parent)
    : QObject(parent), m_commands(commands), m_minReplicas(minReplicas), m_timeoutMs(timeoutMs)
{
}

void RedisReplicationGate::afterWrite(std::function<void(bool replicated)> done)
{
    if (!enabled())
        return done(true);
    m_next.append(std::move(done));
    if (!m_waiting)
        sendWait();
}

void RedisReplicationGate::sendWait()
{
    // Every write in this batch has had its reply, so this WAIT (sent after them on the same
    // connection) counts replicas that have all of them.
    const QList<std::function<void(bool)>> batch = std::exchange(m_next, {});
    m_waiting = true;
    m_commands.command({QByteArrayLiteral("WAIT"), QByteArray::number(m_minReplicas), QByteArray::number(m_timeoutMs)},
                       [this, batch](const redisReply *reply) {
                           m_waiting = false;
                           const bool ok = reply && reply->type == REDIS_REPLY_INTEGER && reply->integer >= m_minReplicas;
                           if (!ok && reply) {
                               ++m_shortfalls;
                               if (!m_short)
                                   qCWarning(lcRedis).noquote()
                                       << "writes are refused (unavailable): WAIT" << m_minReplicas << m_timeoutMs << "answered"
                                       << (reply->type == REDIS_REPLY_INTEGER ? QByteArray::number(reply->integer)
                                                                               : QByteArray(reply->str, int(reply->len)))
                                       << "- fewer replicas than minReplicas have them";
                           } else if (ok && m_short) {
                               qCInfo(lcRedis) << "writes reach" << m_minReplicas << "replicas again";
                           }
                           if (reply)
                               m_short = !ok;
                           for (const auto &done : batch)
                               done(ok);
                           if (!m_next.isEmpty() && !m_waiting)
                               sendWait();
                       });
}

} // namespace collab::server
