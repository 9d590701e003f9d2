#pragma once

#include "model/courseevent.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace collab::server {

class RedisConnection;
class SqliteEventLog;

// The ordered stream of a course's events into this node. Pub/sub is lossy, so it is only a hint:
// an event is applied to this node's copy of the log (a SqliteEventLog: its projections apply it in
// the same commit), and then emitted, strictly in seq order; a message
// that skips a seq, a (re)connect, or a course head that moved without us seeing it makes the feed
// fetch the missing range from the course's log in Redis (the truth) before anything newer. It
// never reads past the course's visible head (collab:course:<id>:visible): with minReplicas the
// log may end in events that wait for replicas and that a failover could still take back.
class RedisFeed final : public QObject
{
    Q_OBJECT

public:
    RedisFeed(RedisConnection &commands, SqliteEventLog &local, QStringList courses, QObject *parent = nullptr);

    // How often the heads of all courses are compared with what we applied (catches a lost last message).
    void start(int headCheckMs);

    void onPublished(const QString &course, const QByteArray &json); // a pub/sub message
    void catchUp(const QString &course);                              // fetch whatever is newer
    void catchUpAll();
    // A course created at run time: applied from its first event on.
    void addCourse(const QString &course);
    // The course reached `seq` (e.g. our own append's reply): make sure we get there soon.
    void headSeen(const QString &course, quint64 seq);

    // Test hook: lose the next `count` pub/sub event messages, as a network could.
    void dropIncoming(int count) { m_drop = count; }
    quint64 gapRepairs() const { return m_gapRepairs; }

    // The stored/published JSON of an event (chat.posted gets data.id = seq).
    static std::optional<CourseEvent> decode(const QByteArray &json);

Q_SIGNALS:
    // An event is in the local copy of the log and its projections; emitted in seq order per course.
    void applied(const collab::CourseEvent &event);

private:
    struct State
    {
        quint64 submitted = 0; // handed to the local log (committed or about to be)
        quint64 head = 0;      // the highest seq we know exists
        bool fetching = false;
        bool again = false;    // something newer arrived during the fetch
    };

    void submit(const CourseEvent &event);
    void fetch(const QString &course);
    void checkHeads();
    void resync();

    RedisConnection &m_commands;
    SqliteEventLog &m_local;
    QStringList m_courses;
    QHash<QString, State> m_state;
    QTimer m_headTimer;
    int m_drop = 0;
    quint64 m_gapRepairs = 0;
};

} // namespace collab::server
