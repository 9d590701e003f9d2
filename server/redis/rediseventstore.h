#pragma once

#include "store/eventstore.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>

namespace collab::server {

class RedisConnection;
class RedisFeed;
class SqliteEventStore;

// The EventStore of a node among several. Writes go to Redis, the durable store shared by every
// node: one Lua script (EVALSHA) checks the idempotency key, INCRs the course's seq, appends the
// event to the course's log stream and PUBLISHes it, atomically. A write is acknowledged once Redis
// has answered AND this node's projection holds the event (so a read after an ack sees it, and the
// event frame goes out before the ack, as with the single-node store). If Redis cannot be reached
// the write fails with `unavailable` and nothing was stored. So does a write to a course whose seq
// in Redis went below what this node applied (Redis lost data): the script refuses it unwritten.
// Reads are local and synchronous: they go to the projection, which the RedisFeed fills in seq order.
class RedisEventStore final : public QObject, public EventStore
{
    Q_OBJECT

public:
    RedisEventStore(RedisConnection &commands, SqliteEventStore &projection, RedisFeed &feed, QObject *parent = nullptr);

    void append(NewEvent event, AppendCallback done) override;
    void appendOnce(NewEvent event, const QString &key, OnceCallback done) override;

    quint64 lastSeq(const QString &course) const override;
    QList<CourseEvent> eventsAfter(const QString &course, quint64 after, int limit) const override;
    std::optional<ChatMessage> message(const QString &course, quint64 id) const override;
    std::optional<ChatMessage> messageByClientId(const QString &course, const QString &author,
                                                 const QString &clientMsgId) const override;
    QList<ChatMessage> messagesBefore(const QString &course, const QString &channel, quint64 before,
                                      int limit) const override;
    QList<ChatMessage> messagesAfter(const QString &course, const QString &channel, quint64 after,
                                     int limit) const override;
    QList<MemberRecord> members(const QString &course) const override;
    QHash<QString, qint64> kicks(const QString &course) const override;
    std::optional<NoteSnapshot> noteSnapshot(const QString &course, const QString &note) const override;
    bool saveNoteSnapshot(const QString &course, const QString &note, const NoteSnapshot &snapshot) override;
    QList<CourseEvent> noteEventsAfter(const QString &course, const QString &note, quint64 after) const override;
    bool noteLocked(const QString &course, const QString &note) const override;

Q_SIGNALS:
    // An event of any node is now in this node's projection (seq order per course).
    void eventApplied(const collab::CourseEvent &event);

private:
    void run(NewEvent event, const QString &key, OnceCallback done);
    void onApplied(const CourseEvent &event);
    ProtocolError historyWentBack(const QString &course, quint64 redisSeq);

    RedisConnection &m_commands;
    SqliteEventStore &m_projection;
    RedisFeed &m_feed;
    QHash<QString, QMap<quint64, QList<OnceCallback>>> m_waiting; // course → seq → writers to answer
    QSet<QString> m_wentBack;                                     // courses whose refusal was logged
};

} // namespace collab::server
