#pragma once

#include "identity/nameclaims.h"
#include "notes/replicaclaims.h"

#include <QHash>
#include <QObject>

namespace collab::server {

class RedisConnection;
class RedisReplicationGate;

// The name claims of every node of a Redis deployment, in one hash per course
// (collab:course:<id>:claims, normalizedName → "<SHA-256 of the token> <name as claimed>"; a value
// of an earlier version is the hash alone, displayed as its field). The first join of a name
// anywhere claims it atomically (a script: read, or set if absent), so two first joins of one
// name on two nodes cannot both win. Claims a node has seen are kept in memory: a known token is
// accepted without a round trip, and still while Redis is away; anything else needs Redis
// (unavailable while it is away, which clients retry). With minReplicas, an answer from Redis is
// trusted only once WAIT counts the replicas (a claim a failover could lose would let a second
// person claim the name).
// Note replica claims live in collab:course:<id>:replicas (replica hex → the owner's normalized
// name), claimed the same way (HSETNX in a script) and trusted after the same WAIT. Every call
// goes to Redis, so answers come in the order of the calls (NoteCommands caches the owners).
class RedisClaims final : public QObject, public NameClaims, public ReplicaClaims
{
    Q_OBJECT

public:
    RedisClaims(RedisConnection &commands, RedisReplicationGate &replication, QObject *parent = nullptr);

    void authenticate(const CourseConfig &course, const QString &user, const QString &token, const NewNameGate &gate,
                      NameClaims::Done done) override;
    void release(const QString &course, const QStringList &users, Released done) override;
    void forget(const QString &course, const QStringList &users) override;
    void claimReplicas(const QString &course, const QString &owner, const QList<crdt::ReplicaId> &claim,
                       const QList<crdt::ReplicaId> &lookUp, ReplicaClaims::Done done) override;

private:
    struct Claim
    {
        QByteArray hash;
        QString display;
    };
    static QString cacheKey(const QString &course, const QString &nameKey) { return course + QChar(0x1f) + nameKey; }
    static Claim parse(const QByteArray &stored, const QString &nameKey);
    // Claims `user` (a new name) through the script, or reads the existing claim.
    void claim(const CourseConfig &course, const QString &user, const QString &token, const NewNameGate &gate,
               NameClaims::Done done);
    // Only reads the claim: a new name is refused with `refused` (the new-name limit).
    void readOnly(const CourseConfig &course, const QString &user, const QString &token, const ProtocolError &refused,
                  NameClaims::Done done);

    RedisConnection &m_commands;
    RedisReplicationGate &m_replication;
    QHash<QString, Claim> m_known; // course + name key → the claim, as Redis answered it
};

} // namespace collab::server
