#pragma once

#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace collab::server {

// An event the Hub wants recorded; the store gives it the course's next seq.
struct NewEvent
{
    QString course;
    EventKind kind = EventKind::ChatPosted;
    qint64 timeMs = 0;
    QJsonObject data;
};

// The state of a note at some seq, as a CRDT snapshot: loading it and the note.ops events after
// it is how a note with a long history still loads fast.
struct NoteSnapshot
{
    quint64 seq = 0;
    QByteArray bytes;
};

struct MemberRecord
{
    QString user;
    QString role;
};

// Durable history of every course: the event log (the truth, with seq) and the projections that
// make reads cheap (messages by id and channel, members). Writes are asynchronous so that an
// implementation can group the commits of one event-loop turn into one transaction; the callback
// runs only once the event is durable (or with an `unavailable` error: then nothing was stored).
// Reads are synchronous and see only committed events.
class EventStore
{
public:
    using AppendCallback = std::function<void(Result<CourseEvent>)>;
    // What appendOnce did: the new event, or (duplicate) the event stored earlier with the same key.
    struct Stored
    {
        CourseEvent event;
        bool duplicate = false;
    };
    using OnceCallback = std::function<void(Result<Stored>)>;

    virtual ~EventStore() = default;

    // For chat.posted events the store fills data.id with the assigned seq (a message's id).
    virtual void append(NewEvent event, AppendCallback done) = 0;
    // Appends unless an event with the same `key` (e.g. author + clientMsgId) was appended before, by
    // any node: then nothing is stored and `done` gets that earlier event with duplicate = true.
    // The default just appends: a single-node store relies on the Hub's own check.
    virtual void appendOnce(NewEvent event, const QString &key, OnceCallback done)
    {
        Q_UNUSED(key);
        append(std::move(event), [done = std::move(done)](Result<CourseEvent> r) {
            if (!r)
                return done(r.error());
            done(Stored{std::move(r).value(), false});
        });
    }

    virtual quint64 lastSeq(const QString &course) const = 0;
    // Up to `limit` events with seq > after, in order.
    virtual QList<CourseEvent> eventsAfter(const QString &course, quint64 after, int limit) const = 0;
    virtual std::optional<ChatMessage> message(const QString &course, quint64 id) const = 0;
    virtual std::optional<ChatMessage> messageByClientId(const QString &course, const QString &author,
                                                         const QString &clientMsgId) const = 0;
    // The newest `limit` messages of a channel with id < before (0: no bound), oldest first.
    virtual QList<ChatMessage> messagesBefore(const QString &course, const QString &channel, quint64 before,
                                              int limit) const = 0;
    // The oldest `limit` messages of a channel with id > after, oldest first.
    virtual QList<ChatMessage> messagesAfter(const QString &course, const QString &channel, quint64 after,
                                             int limit) const = 0;
    virtual QList<MemberRecord> members(const QString &course) const = 0;
    // The latest kick of each user ever kicked from the course: user → until (ms since the epoch).
    virtual QHash<QString, qint64> kicks(const QString &course) const = 0;

    // Shared notes: the latest snapshot, and the note.ops events of one note after a seq.
    virtual std::optional<NoteSnapshot> noteSnapshot(const QString &course, const QString &note) const = 0;
    virtual bool saveNoteSnapshot(const QString &course, const QString &note, const NoteSnapshot &snapshot) = 0;
    virtual QList<CourseEvent> noteEventsAfter(const QString &course, const QString &note, quint64 after) const = 0;
    // Whether the latest note.locked event of the note locked it.
    virtual bool noteLocked(const QString &course, const QString &note) const = 0;
};

} // namespace collab::server
