#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace collab::server {

// Who is typing where, with expiry: an indicator that is not refreshed within `expiryMs` ends by
// itself, so a client that vanishes mid-sentence stops "typing" for everyone else.
class TypingTracker : public QObject
{
    Q_OBJECT

public:
    struct Key
    {
        QString course;
        QString user;
        QString channel; // exactly one of channel / note is set
        QString note;
        friend bool operator==(const Key &a, const Key &b)
        {
            return a.course == b.course && a.user == b.user && a.channel == b.channel && a.note == b.note;
        }
    };

    explicit TypingTracker(int expiryMs, QObject *parent = nullptr);

    // Returns true when the visible state changed (started or stopped), i.e. others must be told.
    bool set(const Key &key, bool active);
    // Ends every indicator of `user` in `course`; returns the ones that were active.
    QList<Key> clear(const QString &course, const QString &user);
    int activeCount() const { return int(m_deadlines.size()); }

Q_SIGNALS:
    void expired(const collab::server::TypingTracker::Key &key);

private:
    void rearm();
    void expireDue();

    int m_expiryMs;
    QElapsedTimer m_clock;
    QHash<Key, qint64> m_deadlines; // key → m_clock time at which it expires
    QTimer m_timer;
};

size_t qHash(const TypingTracker::Key &key, size_t seed = 0);

} // namespace collab::server
