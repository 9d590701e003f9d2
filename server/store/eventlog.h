#pragma once

#include "model/courseevent.h"
#include "protocol/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace collab::server {

// An event the Hub wants recorded; the log gives it the course's next seq.
struct NewEvent
{
    QString course;
    EventKind kind = EventKind::ChatPosted;
    qint64 timeMs = 0;
    QJsonObject data;
};

// The durable history of every course: each event with its seq, in order. It is the truth; every
// read model (messages, members, kicks, notes: see Projections) is built from it and can be built
// again from it (collab-server --rebuild-projections). Writes are asynchronous so that an
// implementation can group the commits of one event-loop turn into one transaction; the callback
// runs only once the event is durable AND the projections of this node hold it (or with an
// `unavailable` error: then nothing was stored). Reads are synchronous and see only committed events.
class EventLog
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

    virtual ~EventLog() = default;

    // For chat.posted events the log fills data.id with the assigned seq (a message's id).
    virtual void append(NewEvent event, AppendCallback done) = 0;
    // Appends unless an event with the same `key` (e.g. author + clientMsgId) was appended before, by
    // any node: then nothing is stored and `done` gets that earlier event with duplicate = true.
    // The default just appends: a single-node log relies on the Hub's own check.
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
};

} // namespace collab::server
