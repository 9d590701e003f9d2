#pragma once

#include <QByteArrayList>
#include <QString>

struct redisReply;

namespace collab::server::redis {

// Checks that Redis still deserves to be the durable store of every course.

// The error for a course whose seq in Redis is below what this node already applied: Redis lost
// data (restarted from an older AOF/RDB, flushed) or is not the same Redis. Used at start and on
// every append.
QString historyWentBack(const QString &course, quint64 nodeSeq, quint64 redisSeq);

// CONFIG GET append* as an argv.
QByteArrayList persistenceQuery();

// What the reply of persistenceQuery() says about acknowledged writes surviving a crash of Redis.
struct PersistenceVerdict
{
    enum class State { Safe, Risky, Unknown } state = State::Unknown;
    QString message; // one log line
};
PersistenceVerdict judgePersistence(const redisReply *reply);
// Logs the verdict under collab.server.redis: info when safe, a warning otherwise.
void logPersistence(const PersistenceVerdict &verdict);

} // namespace collab::server::redis
