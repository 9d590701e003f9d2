#pragma once

#include "identity/nameclaims.h"

#include <QHash>
#include <QObject>

namespace collab::server {

class RedisConnection;
class RedisReplicationGate;

// The name claims of every node of a Redis deployment, in one hash per course
// (collab:course:<id>:claims, name → SHA-256 of the token). The first join of a name anywhere
// claims it atomically (a script: read, or set if absent), so two first joins of one name on two
// nodes cannot both win. Hashes a node has seen are kept in memory: a known token is accepted
// without a round trip, and still while Redis is away; anything else needs Redis (unavailable
// while it is away, which clients retry). With minReplicas, an answer from Redis is trusted only
// once WAIT counts the replicas (a claim a failover could lose would let a second person claim
// the name).
class RedisClaims final : public QObject, public NameClaims
{
    Q_OBJECT

public:
    RedisClaims(RedisConnection &commands, RedisReplicationGate &replication, QObject *parent = nullptr);

    void authenticate(const CourseConfig &course, const QString &user, const QString &token, Done done) override;

private:
    static QString cacheKey(const QString &course, const QString &user) { return course + QChar(0x1f) + user; }

    RedisConnection &m_commands;
    RedisReplicationGate &m_replication;
    QHash<QString, QByteArray> m_known; // course + user → the claim's hash, as Redis answered it
};

} // namespace collab::server
