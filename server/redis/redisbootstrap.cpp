#include "redis/redisbootstrap.h"

#include "logging.h"
#include "redis/redisfeed.h"
#include "redis/redissafety.h"
#include "redis/redissentinel.h"
#include "redis/redisscripts.h"
#include "store/sqliteeventlog.h"

#include <hiredis/hiredis.h>

#include <memory>
#include <vector>

namespace collab::server {

namespace {

constexpr int kPage = 2000;

struct ContextFree
{
    void operator()(redisContext *c) const { redisFree(c); }
};
struct ReplyFree
{
    void operator()(redisReply *r) const { freeReplyObject(r); }
};
using Context = std::unique_ptr<redisContext, ContextFree>;
using Reply = std::unique_ptr<redisReply, ReplyFree>;

Reply run(redisContext *c, const QByteArrayList &args)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    for (const QByteArray &a : args) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    return Reply(static_cast<redisReply *>(redisCommandArgv(c, int(argv.size()), argv.data(), lengths.data())));
}

QString replyError(redisContext *c, const redisReply *r)
{
    if (!r)
        return QString::fromLocal8Bit(c->errstr);
    if (r->type == REDIS_REPLY_ERROR)
        return QString::fromUtf8(r->str, int(r->len));
    return {};
}

// Copies the log of `course` after what the local log has (its projections with it). Returns an error message.
QString catchUp(redisContext *c, const QString &course, SqliteEventLog &local)
{
    // The course's seq (every event written), and its visible head (those a node may apply: with
    // minReplicas, the last few may still wait for replicas). A log older than the visible head has
    // only its seq.
    Reply heads = run(c, {QByteArrayLiteral("MGET"), redis::seqKey(course), redis::visibleKey(course)});
    if (!heads || heads->type != REDIS_REPLY_ARRAY || heads->elements != 2)
        return replyError(c, heads.get());
    const auto number = [](const redisReply *r, quint64 otherwise) {
        return r->type == REDIS_REPLY_STRING ? QByteArray(r->str, int(r->len)).toULongLong() : otherwise;
    };
    const quint64 redisSeq = number(heads->element[0], 0);
    const quint64 visible = qMin(number(heads->element[1], redisSeq), redisSeq);
    if (local.lastSeq(course) > redisSeq)
        return redis::historyWentBack(course, local.lastSeq(course), redisSeq);
    QString failure;
    while (local.lastSeq(course) < visible && failure.isEmpty()) {
        const quint64 from = local.lastSeq(course) + 1;
        // The read script (not a bare XRANGE): entries retention took out come back as tombstones.
        Reply answer = run(c, {QByteArrayLiteral("EVAL"), redis::readVisibleScript().body, QByteArrayLiteral("4"), redis::visibleKey(course),
                               redis::seqKey(course), redis::logKey(course), redis::tombstonesKey(course), QByteArray::number(from),
                               QByteArray::number(kPage)});
        if (!answer || answer->type != REDIS_REPLY_ARRAY || answer->elements != 2 || answer->element[1]->type != REDIS_REPLY_ARRAY)
            return replyError(c, answer.get());
        const redisReply *page = answer->element[1];
        if (page->elements == 0)
            return QStringLiteral("the log of %1 ends before its seq %2").arg(course).arg(visible);
        quint64 expected = from;
        for (size_t i = 0; i < page->elements; ++i) {
            const redisReply *entry = page->element[i];
            const redisReply *fields = entry && entry->elements >= 2 ? entry->element[1] : nullptr;
            const redisReply *json = fields && fields->elements >= 2 ? fields->element[1] : nullptr;
            std::optional<CourseEvent> e =
                json && json->type == REDIS_REPLY_STRING ? RedisFeed::decode(QByteArray(json->str, int(json->len))) : std::nullopt;
            if (!e || e->seq != expected)
                return QStringLiteral("the log of %1 is unreadable at seq %2").arg(course).arg(expected);
            ++expected;
            local.append(NewEvent{course, e->kind, e->timeMs, e->data}, [&failure](Result<CourseEvent> r) {
                if (!r && failure.isEmpty())
                    failure = r.error().message;
            });
        }
        local.flush();
    }
    if (!failure.isEmpty())
        return QStringLiteral("cannot write the local copy of the log: %1").arg(failure);
    return {};
}

} // namespace

QString bootstrapFromRedis(RedisEndpoint &endpoint, const QStringList &courses, SqliteEventLog &local,
                           const QByteArray &nodeId, bool requireFsync)
{
    if (endpoint.viaSentinel()) {
        QString error;
        const std::optional<RedisEndpoint::Address> primary = locatePrimaryNow(endpoint, &error);
        if (!primary)
            return error;
        endpoint.host = primary->host;
        endpoint.port = primary->port;
    }
    const timeval timeout{5, 0};
    Context c(redisConnectWithTimeout(endpoint.host.toUtf8().constData(), endpoint.port, timeout));
    if (!c || c->err)
        return QStringLiteral("cannot connect to Redis at %1: %2")
            .arg(endpoint.toString(), c ? QString::fromLocal8Bit(c->errstr) : QStringLiteral("out of memory"));
    redisSetTimeout(c.get(), timeout);
    if (!endpoint.password.isEmpty()) {
        Reply r = run(c.get(), {QByteArrayLiteral("AUTH"), endpoint.password});
        if (const QString e = replyError(c.get(), r.get()); !e.isEmpty())
            return QStringLiteral("Redis AUTH failed: %1").arg(e);
    }
    if (endpoint.db != 0) {
        Reply r = run(c.get(), {QByteArrayLiteral("SELECT"), QByteArray::number(endpoint.db)});
        if (const QString e = replyError(c.get(), r.get()); !e.isEmpty())
            return QStringLiteral("Redis SELECT failed: %1").arg(e);
    }
    if (endpoint.viaSentinel()) { // the sentinels may not have noticed a failover yet
        Reply role = run(c.get(), {QByteArrayLiteral("ROLE")});
        const redisReply *first = role && role->type == REDIS_REPLY_ARRAY && role->elements > 0 ? role->element[0] : nullptr;
        if (!first || first->type != REDIS_REPLY_STRING || QByteArray(first->str, int(first->len)) != "master")
            return QStringLiteral("the sentinels name %1 as the primary of %2, but it is not (ROLE); try again once the "
                                  "failover is over")
                .arg(endpoint.address().toString(), QString::fromUtf8(endpoint.masterName));
    }
    if (requireFsync) {
        Reply r = run(c.get(), redis::persistenceQuery());
        if (const redis::PersistenceVerdict v = redis::judgePersistence(r.get()); v.state != redis::PersistenceVerdict::State::Safe)
            return QStringLiteral("--redis-require-fsync (redis.requireFsync): %1").arg(v.message);
    }
    for (const QString &course : courses) {
        const quint64 before = local.lastSeq(course);
        if (const QString e = catchUp(c.get(), course, local); !e.isEmpty())
            return e;
        if (local.lastSeq(course) != before)
            qCInfo(lcRedis) << "caught up" << course << "from seq" << before << "to" << local.lastSeq(course);

        // Our entries from a previous run: gone now, not after their expiry.
        Reply members = run(c.get(), {QByteArrayLiteral("ZRANGE"), redis::presenceKey(course), "0", "-1"});
        if (!members || members->type != REDIS_REPLY_ARRAY)
            continue;
        QByteArrayList ours{QByteArrayLiteral("ZREM"), redis::presenceKey(course)};
        for (size_t i = 0; i < members->elements; ++i) {
            const QByteArray m(members->element[i]->str, int(members->element[i]->len));
            if (m.endsWith(QByteArray('|' + nodeId)))
                ours << m;
        }
        if (ours.size() > 2) {
            run(c.get(), ours);
            run(c.get(), {QByteArrayLiteral("PUBLISH"), redis::presenceChannel(), course.toUtf8()});
        }
    }
    return {};
}

} // namespace collab::server
