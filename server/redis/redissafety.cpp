#include "redis/redissafety.h"

#include "logging.h"

#include <QByteArrayList>

#include <hiredis/hiredis.h>

namespace collab::server::redis {

QString historyWentBack(const QString &course, quint64 nodeSeq, quint64 redisSeq)
{
    return QStringLiteral("course %1 is at seq %2 in this node's projection but at %3 in Redis: Redis lost data or is "
                          "not the same Redis. Move projection.db away to rebuild it from Redis.")
        .arg(course)
        .arg(nodeSeq)
        .arg(redisSeq);
}

QByteArrayList persistenceQuery() { return {QByteArrayLiteral("CONFIG"), QByteArrayLiteral("GET"), QByteArrayLiteral("append*")}; }

PersistenceVerdict judgePersistence(const redisReply *reply)
{
    using State = PersistenceVerdict::State;
    if (!reply || reply->type != REDIS_REPLY_ARRAY) {
        const QString why = reply && reply->type == REDIS_REPLY_ERROR ? QString::fromUtf8(reply->str, int(reply->len))
                                                                       : QStringLiteral("no answer");
        return {State::Unknown, QStringLiteral("could not check Redis's persistence settings (CONFIG GET: %1; CONFIG may be "
                                               "renamed or disabled): make sure it runs with appendonly yes and appendfsync "
                                               "always, or acknowledged writes can be lost if Redis crashes")
                                    .arg(why)};
    }
    QByteArray appendOnly, appendFsync;
    for (size_t i = 0; i + 1 < reply->elements; i += 2) {
        const QByteArray name(reply->element[i]->str, int(reply->element[i]->len));
        const QByteArray value(reply->element[i + 1]->str, int(reply->element[i + 1]->len));
        if (name == "appendonly")
            appendOnly = value;
        else if (name == "appendfsync")
            appendFsync = value;
    }
    if (appendOnly == "yes" && appendFsync == "always")
        return {State::Safe, QStringLiteral("Redis persistence: appendonly yes, appendfsync always")};
    return {State::Risky,
            QStringLiteral("Redis runs with appendonly %1, appendfsync %2: it acknowledges writes before they are in its "
                           "file, so a crash of Redis can lose acknowledged messages. Fix: CONFIG SET appendonly yes and "
                           "CONFIG SET appendfsync always (and in redis.conf); see docs/operations.md")
                .arg(QString::fromUtf8(appendOnly.isEmpty() ? QByteArrayLiteral("?") : appendOnly),
                     QString::fromUtf8(appendFsync.isEmpty() ? QByteArrayLiteral("?") : appendFsync))};
}

void logPersistence(const PersistenceVerdict &verdict)
{
    if (verdict.state == PersistenceVerdict::State::Safe)
        qCInfo(lcRedis).noquote() << verdict.message;
    else
        qCWarning(lcRedis).noquote() << verdict.message;
}

} // namespace collab::server::redis
