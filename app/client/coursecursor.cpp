#include "client/coursecursor.h"

namespace collab::client {

CourseCursor::Verdict CourseCursor::check(const QString &course, quint64 seq)
{
    auto it = m_last.find(course);
    if (it == m_last.end() || seq <= it.value())
        return Verdict::Seen; // not joined (the join's state will include it) or a repeat
    if (seq != it.value() + 1)
        return Verdict::Gap;
    it.value() = seq;
    return Verdict::New;
}

bool CourseCursor::accept(const QString &course, quint64 seq)
{
    auto it = m_last.find(course);
    if (it == m_last.end() || seq <= it.value())
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
