#include "courselist.h"

#include "coursesession.h"

#include "protocol/ids.h"

namespace collab::desktop {

CourseList::~CourseList()
{
    // Owned sessions go quietly (the app is closing: no `leave`, the connection just closes).
    m_entries.clear();
}

CourseSession *CourseList::add(std::unique_ptr<CourseSession> session, bool hosted)
{
    CourseSession *s = session.get();
    Entry entry;
    entry.session = s;
    entry.owned = std::move(session);
    entry.hosted = hosted;
    append(std::move(entry));
    return s;
}

void CourseList::lend(CourseSession *session)
{
    Entry entry;
    entry.session = session;
    append(std::move(entry));
}

void CourseList::append(Entry entry)
{
    const int index = int(m_entries.size());
    CourseSession *session = entry.session;
    Q_EMIT aboutToAdd(index);
    m_entries.push_back(std::move(entry));
    session->setShown(false);
    Q_EMIT added(session, index);
    if (!m_current)
        setCurrent(session);
}

void CourseList::leave(CourseSession *session)
{
    const int index = indexOf(session);
    if (index < 0)
        return;
    Q_EMIT aboutToRemove(session, index);
    Entry entry = std::move(m_entries[size_t(index)]);
    m_entries.erase(m_entries.begin() + index);
    if (m_current == session) {
        m_current = nullptr;
        setCurrent(at(std::min(index, count() - 1)));
    }
    Q_EMIT removed(session);
    if (!entry.owned) { // lent: its owner decides when it goes
        session->leave([] {});
        return;
    }
    // Destroyed once the server answered the leave (or did not in time), never inside its callback.
    CourseSession *leaving = entry.owned.release();
    leaving->leave([leaving] { leaving->deleteLater(); });
}

QList<CourseSession *> CourseList::sessions() const
{
    QList<CourseSession *> list;
    for (const Entry &e : m_entries)
        if (e.session)
            list.append(e.session);
    return list;
}

CourseSession *CourseList::at(int index) const
{
    return index >= 0 && index < count() ? m_entries[size_t(index)].session.data() : nullptr;
}

int CourseList::indexOf(const CourseSession *session) const
{
    for (size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].session == session)
            return int(i);
    return -1;
}

CourseSession *CourseList::find(const QString &url, const QString &user, const QString &course) const
{
    for (const Entry &e : m_entries)
        if (e.session && e.session->params().url.toString() == url && sameName(e.session->user(), user)
            && e.session->course() == course)
            return e.session;
    return nullptr;
}

bool CourseList::isHosted(const CourseSession *session) const
{
    const int index = indexOf(session);
    return index >= 0 && m_entries[size_t(index)].hosted;
}

void CourseList::setCurrent(CourseSession *session)
{
    if (session == m_current || (session && indexOf(session) < 0))
        return;
    if (m_current)
        m_current->setShown(false);
    m_current = session;
    if (session)
        session->setShown(true);
    Q_EMIT currentChanged(session);
}

} // namespace collab::desktop
