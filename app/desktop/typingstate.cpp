#include "typingstate.h"

namespace collab::desktop {

TypingState::TypingState(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &TypingState::expire);
}

void TypingState::setTyping(const QString &place, const QString &user, bool active)
{
    QMap<QString, QDeadlineTimer> &users = m_places[place];
    if (active) {
        const bool added = !users.contains(user);
        users.insert(user, QDeadlineTimer(m_expiryMs));
        if (!m_timer.isActive())
            m_timer.start();
        if (added)
            Q_EMIT changed(place);
    } else if (users.remove(user) > 0) {
        Q_EMIT changed(place);
    }
}

void TypingState::clear()
{
    const QStringList places = m_places.keys();
    m_places.clear();
    m_timer.stop();
    for (const QString &p : places)
        Q_EMIT changed(p);
}

QStringList TypingState::typists(const QString &place) const { return m_places.value(place).keys(); }

QString TypingState::describe(const QString &place, Activity activity) const
{
    const QStringList who = typists(place);
    if (who.isEmpty())
        return {};
    const bool typing = activity == Activity::Typing;
    if (who.size() == 1)
        return (typing ? tr("%1 is typing…") : tr("%1 is editing…")).arg(who.first());
    if (who.size() == 2)
        return (typing ? tr("%1 and %2 are typing…") : tr("%1 and %2 are editing…")).arg(who.at(0), who.at(1));
    return typing ? tr("several people are typing…") : tr("several people are editing…");
}

void TypingState::expire()
{
    QStringList touched;
    bool any = false;
    for (auto place = m_places.begin(); place != m_places.end(); ++place) {
        for (auto it = place->begin(); it != place->end();) {
            if (it->hasExpired()) {
                it = place->erase(it);
                if (!touched.contains(place.key()))
                    touched << place.key();
            } else {
                ++it;
            }
        }
        any = any || !place->isEmpty();
    }
    if (!any)
        m_timer.stop();
    for (const QString &p : std::as_const(touched))
        Q_EMIT changed(p);
}

} // namespace collab::desktop
