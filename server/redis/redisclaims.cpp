#include "redis/redisclaims.h"

#include "config/serverconfig.h"
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

void RedisClaims::authenticate(const CourseConfig &course, const QString &user, const QString &token, Done done)
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
                              const bool claimedNow = reply->element[0]->integer == 0;
                              if (!claimedNow && (reply->elements < 2 || reply->element[1]->type != REDIS_REPLY_STRING))
                                  return done(unavailable(QStringLiteral("check the name")));
                              const QByteArray stored = claimedNow ? hash : QByteArray(reply->element[1]->str, int(reply->element[1]->len));
                              guard->m_replication.afterWrite([guard, course, user, token, key, claimToken, adopted, claimedNow,
                                                               stored, done](bool replicated) {
                                  if (!guard)
                                      return;
                                  if (!replicated)
                                      return done(unavailable(QStringLiteral("check the name")));
                                  guard->m_known.insert(key, stored);
                                  if (claimedNow)
                                      return done(claimed(claimToken, adopted));
                                  done(checkClaim(course, user, token, stored));
                              });
                          });
}

} // namespace collab::server
