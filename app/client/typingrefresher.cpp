#include "client/typingrefresher.h"

namespace collab::client {

TypingRefresher::TypingRefresher(int intervalMs, SendFunction send, QObject *parent)
    : QObject(parent), m_send(std::move(send))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        for (const proto::Typing &t : std::as_const(m_active))
            m_send(t);
    });
}

void TypingRefresher::set(const proto::Typing &typing)
{
    const qsizetype i = indexOf(typing);
    if (typing.active && i < 0)
        m_active << typing;
    else if (!typing.active && i >= 0)
        m_active.removeAt(i);
    m_send(typing);
    if (m_active.isEmpty())
        m_timer.stop();
    else if (!m_timer.isActive())
        m_timer.start();
}

void TypingRefresher::resend(const QString &course)
{
    for (const proto::Typing &t : std::as_const(m_active))
        if (t.course == course)
            m_send(t);
}

void TypingRefresher::forget(const QString &course)
{
    m_active.removeIf([&](const proto::Typing &t) { return t.course == course; });
    if (m_active.isEmpty())
        m_timer.stop();
}

bool TypingRefresher::isActive(const proto::Typing &typing) const { return indexOf(typing) >= 0; }

qsizetype TypingRefresher::indexOf(const proto::Typing &typing) const
{
    for (qsizetype i = 0; i < m_active.size(); ++i) {
        const proto::Typing &t = m_active.at(i);
        if (t.course == typing.course && t.channel == typing.channel && t.note == typing.note)
            return i;
    }
    return -1;
}

} // namespace collab::client
