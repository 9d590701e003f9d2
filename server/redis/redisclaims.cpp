#include "redis/redisclaims.h"

#include "config/serverconfig.h"
#include "protocol/ids.h"
#include "redis/redisconnection.h"
#include "redis/redisreplication.h"
#include "redis/redisscripts.h"

#include <QPointer>

#include <hiredis/hiredis.h>

namespace collab::server {

RedisClaims::RedisClaims(RedisConnection &commands, RedisReplicationGate &replication, QObject *parent)
    : QObject(parent), m_commands(commands), m_replication(replication)
{
}

RedisClaims::Claim RedisClaims::parse(const QByteArray &stored, const QString &nameKey)
{
    const qsizetype space = stored.indexOf(' ');
    if (space < 0)
        return Claim{stored, nameKey};
    return Claim{stored.left(space), QString::fromUtf8(stored.mid(space + 1))};
}

void RedisClaims::authenticate(const CourseConfig &course, const QString &user, const QString &token,
                               const NewNameGate &gate, NameClaims::Done done)
{
    if (std::optional<Result<NameGrant>> instructor = checkInstructor(course, user, token))
        return done(*instructor);
    const auto known = m_known.constFind(cacheKey(course.id, normalizedName(user)));
    if (known != m_known.constEnd()) {
        Result<NameGrant> r = checkClaim(course, known->display, token, known->hash);
        if (r)
            return done(r);
    }
    if (gate.check)
        if (std::optional<ProtocolError> refused = gate.check())
            return readOnly(course, user, token, *refused, std::move(done));
    claim(course, user, token, gate, std::move(done));
}

void RedisClaims::claim(const CourseConfig &course, const QString &user, const QString &token, const NewNameGate &gate,
                        NameClaims::Done done)
{
    const QString nameKey = normalizedName(user);
    const QString instructor = course.instructorNamed(user); // without a secret: demo mode
    const QString display = instructor.isEmpty() ? user : instructor;
    bool adopted = false;
    const QString claimToken = tokenToClaim(token, &adopted);
    const QByteArray hash = secretHash(claimToken);
    const QByteArrayList args{QByteArrayLiteral("1"), redis::claimsKey(course.id), nameKey.toUtf8(),
                              hash + ' ' + display.toUtf8()};
    // Not connected: the handler runs at once with no reply.
    m_commands.evalScript(redis::claimScript(), args,
                          [guard = QPointer<RedisClaims>(this), course, nameKey, display, token, claimToken, hash, adopted,
                           taken = gate.taken, done = std::move(done)](const redisReply *reply) {
                              if (!guard)
                                  return;
                              if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements < 1
                                  || reply->element[0]->type != REDIS_REPLY_INTEGER)
                                  return done(unavailable(QStringLiteral("check the name")));
                              const bool claimedNow = reply->element[0]->integer == 0; // claimed by this join
                              if (!claimedNow && (reply->elements < 2 || reply->element[1]->type != REDIS_REPLY_STRING))
                                  return done(unavailable(QStringLiteral("check the name")));
                              const Claim stored = claimedNow ? Claim{hash, display}
                                                              : parse(QByteArray(reply->element[1]->str, int(reply->element[1]->len)), nameKey);
                              // With minReplicas, trusted only once the replicas have it (a claim a
                              // failover could lose would let a second person claim the name).
                              guard->m_replication.afterWrite([guard, course, token, nameKey, claimToken, adopted, claimedNow,
                                                               stored, taken, done](bool replicated) {
                                  if (!guard)
                                      return;
                                  if (!replicated)
                                      return done(unavailable(QStringLiteral("check the name")));
                                  guard->m_known.insert(cacheKey(course.id, nameKey), stored);
                                  if (claimedNow) {
                                      if (taken)
                                          taken();
                                      return done(claimed(stored.display, claimToken, adopted));
                                  }
                                  done(checkClaim(course, stored.display, token, stored.hash));
                              });
                          });
}

void RedisClaims::readOnly(const CourseConfig &course, const QString &user, const QString &token,
                           const ProtocolError &refused, NameClaims::Done done)
{
    const QString nameKey = normalizedName(user);
    m_commands.command({QByteArrayLiteral("HGET"), redis::claimsKey(course.id), nameKey.toUtf8()},
                       [guard = QPointer<RedisClaims>(this), course, nameKey, token, refused,
                        done = std::move(done)](const redisReply *reply) {
                           if (!guard)
                               return;
                           if (reply && reply->type == REDIS_REPLY_NIL)
                               return done(refused); // a new name, over the limit
                           if (!reply || reply->type != REDIS_REPLY_STRING)
                               return done(unavailable(QStringLiteral("check the name")));
                           const Claim stored = parse(QByteArray(reply->str, int(reply->len)), nameKey);
                           guard->m_known.insert(cacheKey(course.id, nameKey), stored);
                           done(checkClaim(course, stored.display, token, stored.hash));
                       });
}

void RedisClaims::release(const QString &course, const QStringList &users, Released done)
{
    if (users.isEmpty())
        return done(0);
    QByteArrayList args{QByteArrayLiteral("HDEL"), redis::claimsKey(course)};
    for (const QString &user : users)
        args << normalizedName(user).toUtf8();
    forget(course, users);
    m_commands.command(args, [done = std::move(done)](const redisReply *reply) {
        if (!reply || reply->type != REDIS_REPLY_INTEGER)
            return done(unavailable(QStringLiteral("release the names")));
        done(int(reply->integer));
    });
}

void RedisClaims::forget(const QString &course, const QStringList &users)
{
    for (const QString &user : users)
        m_known.remove(cacheKey(course, normalizedName(user)));
}

void RedisClaims::claimReplicas(const QString &course, const QString &owner, const QList<crdt::ReplicaId> &claim,
                                const QList<crdt::ReplicaId> &lookUp, ReplicaClaims::Done done)
{
    QByteArrayList args{QByteArrayLiteral("1"), redis::replicaClaimsKey(course), owner.toUtf8(),
                        QByteArray::number(claim.size())};
    const QList<crdt::ReplicaId> asked = claim + lookUp;
    for (crdt::ReplicaId replica : asked)
        args << crdt::replicaToString(replica).toLatin1();
    // Not connected: the handler runs at once with no reply.
    m_commands.evalScript(redis::replicaClaimScript(), args,
                          [guard = QPointer<RedisClaims>(this), asked, done = std::move(done)](const redisReply *reply) {
                              if (!guard)
                                  return;
                              if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != size_t(asked.size()))
                                  return done(unavailable(QStringLiteral("check the replica ids")));
                              Owners owners;
                              for (size_t i = 0; i < reply->elements; ++i) {
                                  const redisReply *element = reply->element[i];
                                  if (element->type == REDIS_REPLY_STRING)
                                      owners.insert(asked.at(qsizetype(i)), QString::fromUtf8(element->str, qsizetype(element->len)));
                                  else if (element->type != REDIS_REPLY_NIL)
                                      return done(unavailable(QStringLiteral("check the replica ids")));
                              }
                              // With minReplicas, trusted only once the replicas have it, as name
                              // claims are: a claim a failover lost would let another member take
                              // the replica id (and NoteCommands caches owners for good).
                              guard->m_replication.afterWrite([guard, owners, done](bool replicated) {
                                  if (!guard)
                                      return;
                                  if (!replicated)
                                      return done(unavailable(QStringLiteral("check the replica ids")));
                                  done(owners);
                              });
                          });
}

} // namespace collab::server
