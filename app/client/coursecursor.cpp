#include "client/coursecursor.h"

namespace collab::client {

bool CourseCursor::accept(const QString &course, quint64 seq)
{
    auto it = m_last.find(course);
    if (it == m_last.end())
        return false; // not joined: the join's state will include it
    if (seq <= it.value())
        return false;
    it.value() = seq;
    return true;
}

std::optional<quint64> CourseCursor::since(const QString &course) const
{
    auto it = m_last.constFind(course);
    if (it == m_last.constEnd())
        return std::nullopt;
    return it.value();
}

} // namespace collab::client
