#include "redis/redisclaims.h"

#include "config/serverconfig.h"
#include "redis/redisconnection.h"
#include "redis/redisscripts.h"

#include <QPointer>

#include <hiredis/hiredis.h>

namespace collab::server {

RedisClaims::RedisClaims(RedisConnection &commands, QObject *parent) : QObject(parent), m_commands(commands) {}

void RedisClaims::authenticate(const CourseConfig &course, const QString &user, const QString &token, NameClaims::Done done)
{
    if (std::optional<Result<QString>> instructor = checkInstructor(course, user, token))
        return done(*instructor);
    const QString key = cacheKey(course.id, user);
    const auto known = m_known.constFind(key);
    if (known != m_known.constEnd() && checkClaim(course, user, token, known.value()))
        return done(QString());

    bool adopted = false;
    const QString claimToken = tokenToClaim(token, &adopted);
    const QByteArray hash = secretHash(claimToken);
    const QByteArrayList args{QByteArrayLiteral("1"), redis::claimsKey(course.id), user.toUtf8(), hash};
    // Not connected: the handler runs at once with no reply.
    m_commands.evalScript(redis::claimScript(), args,
                          [guard = QPointer<RedisClaims>(this), course, user, token, key, claimToken, hash, adopted,
                           done = std::move(done)](const redisReply *reply) {
                              if (!guard)
                                  return;
                              if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements < 1
                                  || reply->element[0]->type != REDIS_REPLY_INTEGER)
                                  return done(unavailable(QStringLiteral("check the name")));
                              if (reply->element[0]->integer == 0) { // claimed by this join
                                  guard->m_known.insert(key, hash);
                                  return done(claimed(claimToken, adopted));
                              }
                              if (reply->elements < 2 || reply->element[1]->type != REDIS_REPLY_STRING)
                                  return done(unavailable(QStringLiteral("check the name")));
                              const QByteArray stored(reply->element[1]->str, int(reply->element[1]->len));
                              guard->m_known.insert(key, stored);
                              done(checkClaim(course, user, token, stored));
                          });
}

void RedisClaims::claimReplicas(const QString &course, const QString &user, const QList<crdt::ReplicaId> &claim,
                                const QList<crdt::ReplicaId> &lookUp, ReplicaClaims::Done done)
{
    QByteArrayList args{QByteArrayLiteral("1"), redis::replicaClaimsKey(course), user.toUtf8(),
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
                                  const redisReply *owner = reply->element[i];
                                  if (owner->type == REDIS_REPLY_STRING)
                                      owners.insert(asked.at(qsizetype(i)), QString::fromUtf8(owner->str, qsizetype(owner->len)));
                                  else if (owner->type != REDIS_REPLY_NIL)
                                      return done(unavailable(QStringLiteral("check the replica ids")));
                              }
                              done(owners);
                          });
}

} // namespace collab::server
