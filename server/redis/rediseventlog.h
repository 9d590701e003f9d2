#pragma once

#include "store/eventlog.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>

namespace collab::server {

class RedisConnection;
class RedisFeed;
class RedisReplicationGate;
class SqliteEventLog;

// The EventLog of a node among several. Writes go to Redis, the durable log shared by every node:
// one Lua script (EVALSHA) checks the idempotency key, INCRs the course's seq, appends the event to
// the course's log stream and PUBLISHes it, atomically. A write is acknowledged once Redis has
// answered AND this node's copy of the log (a SqliteEventLog in DATA/projection.db, which the
// RedisFeed fills in seq order, its projections with it) holds the event: so a read after an ack
// sees it, and the event frame goes out before the ack, as with the single-node log. If Redis cannot
// be reached the write fails with `unavailable` and nothing was stored. So does a write to a course
// whose seq in Redis went below what this node applied (Redis lost data): the script refuses it
// unwritten. Reads are local and synchronous: lastSeq and eventsAfter are those of the local copy;
// the projections are read where they are, in that copy (SqliteEventLog::projections()).
// With minReplicas (Redis behind Sentinel), an event is first written invisibly, acknowledged only
// once WAIT counts that many replicas holding it, and only then made visible to the nodes (the
// commit script raises the course's visible head and publishes it): no node applies, and no
// client sees, an event a failover could still lose. Too few replicas: `unavailable`, and the
// client's retry with the same clientMsgId finds the first attempt instead of storing it again.
class RedisEventLog final : public QObject, public EventLog
{
    Q_OBJECT

public:
    RedisEventLog(RedisConnection &commands, RedisReplicationGate &replication, SqliteEventLog &applied, RedisFeed &feed,
                  QObject *parent = nullptr);

    void append(NewEvent event, AppendCallback done) override;
    void appendOnce(NewEvent event, const QString &key, OnceCallback done) override;
    quint64 lastSeq(const QString &course) const override;
    QList<CourseEvent> eventsAfter(const QString &course, quint64 after, int limit) const override;

Q_SIGNALS:
    // An event of any node is now in this node's copy of the log and its projections (seq order per course).
    void eventApplied(const collab::CourseEvent &event);

private:
    void run(NewEvent event, const QString &key, OnceCallback done);
    void commit(const QString &course, quint64 seq, const QByteArray &json, std::function<void(bool)> done);
    void answerWhenApplied(const QString &course, quint64 seq, OnceCallback done);
    void onApplied(const CourseEvent &event);
    // Retention rewrote these events in this node's copy: rewrite them in Redis too.
    void redactInRedis(const QString &course, const QList<quint64> &seqs);
    ProtocolError historyWentBack(const QString &course, quint64 redisSeq);

    RedisConnection &m_commands;
    RedisReplicationGate &m_replication;
    SqliteEventLog &m_applied;
    RedisFeed &m_feed;
    QHash<QString, QMap<quint64, QList<OnceCallback>>> m_waiting; // course → seq → writers to answer
    QSet<QString> m_wentBack;                                     // courses whose refusal was logged
};

} // namespace collab::server
