#pragma once

#include "identity/nameclaims.h"
#include "notes/replicaclaims.h"

#include <QHash>
#include <QObject>

namespace collab::server {

class RedisConnection;

// The name claims of every node of a Redis deployment, in one hash per course
// (collab:course:<id>:claims, name → SHA-256 of the token). The first join of a name anywhere
// claims it atomically (a script: read, or set if absent), so two first joins of one name on two
// nodes cannot both win. Hashes a node has seen are kept in memory: a known token is accepted
// without a round trip, and still while Redis is away; anything else needs Redis (unavailable
// while it is away, which clients retry).
// Note replica claims live in collab:course:<id>:replicas (replica hex → user), claimed the same
// way. Every call goes to Redis, so answers come in the order of the calls (NoteCommands caches).
class RedisClaims final : public QObject, public NameClaims, public ReplicaClaims
{
    Q_OBJECT

public:
    explicit RedisClaims(RedisConnection &commands, QObject *parent = nullptr);

    void authenticate(const CourseConfig &course, const QString &user, const QString &token,
                      NameClaims::Done done) override;
    void claimReplicas(const QString &course, const QString &user, const QList<crdt::ReplicaId> &claim,
                       const QList<crdt::ReplicaId> &lookUp, ReplicaClaims::Done done) override;

private:
    static QString cacheKey(const QString &course, const QString &user) { return course + QChar(0x1f) + user; }

    RedisConnection &m_commands;
    QHash<QString, QByteArray> m_known; // course + user → the claim's hash, as Redis answered it
};

} // namespace collab::server
