#include "redis/rediseventlog.h"

#include "logging.h"
#include "redis/redisconnection.h"
#include "redis/redisfeed.h"
#include "redis/redisreplication.h"
#include "redis/redissafety.h"
#include "redis/redisscripts.h"
#include "store/sqliteeventlog.h"

#include <QJsonDocument>

#include <hiredis/hiredis.h>

namespace collab::server {

namespace {

ProtocolError unavailable()
{
    return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the shared store (Redis) is unreachable; retry later"));
}

ProtocolError notReplicated()
{
    return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the shared store (Redis) has too few replicas "
                                                                      "reachable to keep this safe; retry later"));
}

} // namespace

RedisEventLog::RedisEventLog(RedisConnection &commands, RedisReplicationGate &replication, SqliteEventLog &applied,
                                 RedisFeed &feed, QObject *parent)
    : QObject(parent), m_commands(commands), m_replication(replication), m_applied(applied), m_feed(feed)
{
    connect(&m_feed, &RedisFeed::applied, this, &RedisEventLog::onApplied);
    connect(&m_applied, &SqliteEventLog::eventsRedacted, this, &RedisEventLog::redactInRedis);
}

// Every node that applies a messages.expired or files.expired event sends this (idempotent), so
// the text (or the file's name) leaves Redis even if the node that ran the retention stops right
// after its append.
void RedisEventLog::redactInRedis(const QString &course, const QList<quint64> &seqs)
{
    QByteArrayList args{QByteArrayLiteral("2"), redis::logKey(course), redis::tombstonesKey(course)};
    for (const CourseEvent &e : m_applied.eventsAt(course, seqs)) {
        // The form the append script writes, which every reader decodes.
        const QJsonObject json{{QStringLiteral("course"), e.course}, {QStringLiteral("seq"), double(e.seq)},
                               {QStringLiteral("kind"), eventKindName(e.kind)}, {QStringLiteral("ts"), double(e.timeMs)},
                               {QStringLiteral("data"), e.data}};
        args << QByteArray::number(e.seq) << QJsonDocument(json).toJson(QJsonDocument::Compact);
    }
    if (args.size() == 3)
        return;
    const bool sent = m_commands.evalScript(redis::redactScript(), args, [course](const redisReply *reply) {
        if (!reply || reply->type == REDIS_REPLY_ERROR)
            qCWarning(lcRedis) << "retention could not rewrite the log of" << course << "in Redis:"
                               << (reply ? QByteArray(reply->str, int(reply->len)) : QByteArray("no connection"))
                               << "- the next node to apply the expiry, or the next run, tries again";
    });
    if (!sent)
        qCWarning(lcRedis) << "retention could not reach Redis to rewrite the log of" << course;
}

void RedisEventLog::append(NewEvent event, AppendCallback done)
{
    run(std::move(event), {}, [done = std::move(done)](Result<Stored> r) {
        if (!r)
            return done(r.error());
        done(std::move(r).value().event);
    });
}

void RedisEventLog::appendOnce(NewEvent event, const QString &key, OnceCallback done)
{
    run(std::move(event), key, std::move(done));
}

void RedisEventLog::run(NewEvent event, const QString &key, OnceCallback done)
{
    if (!m_commands.isConnected())
        return done(unavailable());
    const redis::Script &script = redis::appendScript();
    const QString course = event.course;
    const QByteArrayList args{QByteArrayLiteral("4"),
                              redis::seqKey(course),
                              redis::logKey(course),
                              redis::onceKey(course),
                              redis::visibleKey(course),
                              course.toUtf8(),
                              eventKindName(event.kind).toUtf8(),
                              QByteArray::number(event.timeMs),
                              QJsonDocument(event.data).toJson(QJsonDocument::Compact),
                              key.toUtf8(),
                              redis::eventChannel(course),
                              QByteArray::number(m_applied.lastSeq(course)),
                              m_replication.enabled() ? QByteArrayLiteral("0") : QByteArrayLiteral("1")};
    m_commands.evalScript(script, args, [this, course, done = std::move(done)](const redisReply *reply) mutable {
        if (!reply)
            return done(unavailable());
        if (reply->type == REDIS_REPLY_ERROR) {
            qCWarning(lcRedis) << "append to" << course << "failed:" << reply->str;
            return done(unavailable());
        }
        if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 2 || reply->element[1]->type != REDIS_REPLY_INTEGER)
            return done(ProtocolError::make(ErrorCode::Internal, QStringLiteral("unexpected reply from the append script")));
        if (reply->element[0]->type == REDIS_REPLY_INTEGER && reply->element[0]->integer == 2)
            return done(historyWentBack(course, quint64(reply->element[1]->integer)));
        m_wentBack.remove(course);
        const bool duplicate = reply->element[0]->type == REDIS_REPLY_INTEGER && reply->element[0]->integer == 1;
        const quint64 seq = quint64(reply->element[1]->integer);
        const redisReply *jsonReply = reply->elements > 2 ? reply->element[2] : nullptr;
        const QByteArray json = jsonReply && jsonReply->type == REDIS_REPLY_STRING ? QByteArray(jsonReply->str, int(jsonReply->len))
                                                                                    : QByteArray();
        std::optional<CourseEvent> original;
        if (duplicate) {
            original = RedisFeed::decode(json);
            if (!original)
                return done(ProtocolError::make(ErrorCode::Internal, QStringLiteral("the original of a retry is unreadable")));
        }
        if (!m_replication.enabled()) {
            if (duplicate)
                return done(Stored{*original, true});
            return answerWhenApplied(course, seq, std::move(done));
        }
        // A retry's original may be as unreplicated as a new event (its first WAIT fell short): both
        // wait for the replicas, then become visible to every node.
        m_replication.afterWrite([this, course, seq, json, original, done = std::move(done)](bool replicated) mutable {
            if (!replicated)
                return done(notReplicated());
            commit(course, seq, json, [this, course, seq, original, done = std::move(done)](bool committed) mutable {
                if (!committed)
                    return done(unavailable());
                if (original)
                    return done(Stored{*original, true});
                answerWhenApplied(course, seq, std::move(done));
            });
        });
    });
}

// The event is on the replicas: let every node apply it (raise the visible head, publish it).
void RedisEventLog::commit(const QString &course, quint64 seq, const QByteArray &json, std::function<void(bool)> done)
{
    const QByteArrayList args{QByteArrayLiteral("1"), redis::visibleKey(course), QByteArray::number(seq),
                              redis::eventChannel(course), json};
    m_commands.evalScript(redis::commitScript(), args, [done = std::move(done)](const redisReply *reply) {
        done(reply && reply->type != REDIS_REPLY_ERROR);
    });
}

// Stored (and, with minReplicas, replicated and visible): the writer is answered once this node's
// projection holds the event, so a read after the ack sees it.
void RedisEventLog::answerWhenApplied(const QString &course, quint64 seq, OnceCallback done)
{
    if (m_applied.lastSeq(course) >= seq) { // its pub/sub message was faster than this reply
        const QList<CourseEvent> events = m_applied.eventsAfter(course, seq - 1, 1);
        if (!events.isEmpty())
            return done(Stored{events.first(), false});
    }
    m_waiting[course][seq].append(std::move(done));
    m_feed.headSeen(course, seq);
}

// Refuses the write, loudly: acking it would hand out a seq this node already holds for another event.
ProtocolError RedisEventLog::historyWentBack(const QString &course, quint64 redisSeq)
{
    const QString why = redis::historyWentBack(course, m_applied.lastSeq(course), redisSeq);
    if (!m_wentBack.contains(course)) { // once per episode, not once per refused write
        m_wentBack.insert(course);
        qCCritical(lcRedis).noquote() << "refusing writes:" << why;
    }
    return ProtocolError::make(ErrorCode::Unavailable,
                               QStringLiteral("the shared store (Redis) lost part of this course's history; writes are "
                                              "refused until an operator restores it"));
}

void RedisEventLog::onApplied(const CourseEvent &event)
{
    Q_EMIT eventApplied(event); // the bus first: the event frame goes out before the writer's ack
    auto course = m_waiting.find(event.course);
    if (course == m_waiting.end())
        return;
    QMap<quint64, QList<OnceCallback>> &bySeq = course.value();
    while (!bySeq.isEmpty() && bySeq.firstKey() <= event.seq) {
        const quint64 seq = bySeq.firstKey();
        const QList<OnceCallback> writers = bySeq.take(seq);
        for (const OnceCallback &done : writers) {
            if (seq == event.seq) {
                done(Stored{event, false});
            } else { // applied earlier, answered now
                const QList<CourseEvent> events = m_applied.eventsAfter(event.course, seq - 1, 1);
                if (events.isEmpty())
                    done(unavailable());
                else
                    done(Stored{events.first(), false});
            }
        }
    }
    if (bySeq.isEmpty())
        m_waiting.erase(course);
}

quint64 RedisEventLog::lastSeq(const QString &course) const { return m_applied.lastSeq(course); }

QList<CourseEvent> RedisEventLog::eventsAfter(const QString &course, quint64 after, int limit) const
{
    return m_applied.eventsAfter(course, after, limit);
}

} // namespace collab::server
