#include "hub/typingtracker.h"

#include <limits>

namespace collab::server {

size_t qHash(const TypingTracker::Key &key, size_t seed)
{
    return qHashMulti(seed, key.course, key.user, key.channel, key.note);
}

TypingTracker::TypingTracker(int expiryMs, QObject *parent) : QObject(parent), m_expiryMs(expiryMs)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TypingTracker::expireDue);
}

bool TypingTracker::set(const Key &key, bool active)
{
    if (!active) {
        const bool wasActive = m_deadlines.remove(key) > 0;
        rearm();
        return wasActive;
    }
    const bool wasActive = m_deadlines.contains(key);
    m_deadlines.insert(key, m_clock.elapsed() + m_expiryMs);
    rearm();
    return !wasActive;
}

QList<TypingTracker::Key> TypingTracker::clear(const QString &course, const QString &user)
{
    QList<Key> ended;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end();) {
        if (it.key().course == course && it.key().user == user) {
            ended << it.key();
            it = m_deadlines.erase(it);
        } else {
            ++it;
        }
    }
    rearm();
    return ended;
}

void TypingTracker::rearm()
{
    if (m_deadlines.isEmpty()) {
        m_timer.stop();
        return;
    }
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (qint64 deadline : std::as_const(m_deadlines))
        earliest = std::min(earliest, deadline);
    m_timer.start(int(std::max<qint64>(0, earliest - m_clock.elapsed())));
}

void TypingTracker::expireDue()
{
    const qint64 now = m_clock.elapsed();
    QList<Key> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end();) {
        if (it.value() <= now) {
            due << it.key();
            it = m_deadlines.erase(it);
        } else {
            ++it;
        }
    }
    rearm();
    for (const Key &key : due)
        Q_EMIT expired(key);
}

} // namespace collab::server
