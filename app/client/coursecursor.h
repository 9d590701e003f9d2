#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace collab::client {

// The last event seq seen per course: what a resume asks for (`join since`) and what filters out
// events delivered twice or late, so the view sees each event once and in order.
class CourseCursor
{
public:
    enum class Verdict {
        New,  // the next seq: recorded, deliver it
        Seen, // at or below the last seen (or the course is not joined): drop it
        Gap,  // beyond the next seq: something was lost on the way; not recorded
    };

    Verdict check(const QString &course, quint64 seq);
    // True when the event is new (seq above the last seen) and records it; false: drop it.
    // Unlike check(), a gap is accepted.
    bool accept(const QString &course, quint64 seq);
    // The seq to resume from; nullopt before the first `joined` of the course.
    std::optional<quint64> since(const QString &course) const;
    // Starts over at the course's seq: a fresh join or a resume the server could not recover.
    void reset(const QString &course, quint64 seq) { m_last.insert(course, seq); }
    void forget(const QString &course) { m_last.remove(course); }

private:
    QHash<QString, quint64> m_last;
};

} // namespace collab::client
