#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

namespace collab::desktop {

class CourseSession;

// The courses open in one window, in the sidebar's order, and the one it shows (issue 12 part 3).
// Each course keeps its own CourseSession (connection, resume, outbox, notes); this list owns the
// ones given to it (the app's) and only shows the ones it is lent (a test's, which outlive it).
// Only the current session is "shown" (CourseSession::setShown): the others count every message
// as unread.
class CourseList : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~CourseList() override;

    // Adds an owned session at the end; the first one added becomes current.
    CourseSession *add(std::unique_ptr<CourseSession> session, bool hosted = false);
    // Adds a session owned elsewhere (it must outlive this list or be removed first).
    void lend(CourseSession *session);
    // Leaves the course: it goes from the list at once (removed() follows), its session says
    // `leave` to the server, closes the connection and is destroyed once done. The next course
    // becomes current.
    void leave(CourseSession *session);

    QList<CourseSession *> sessions() const;
    int count() const { return int(m_entries.size()); }
    bool isEmpty() const { return m_entries.empty(); }
    CourseSession *at(int index) const;
    int indexOf(const CourseSession *session) const;
    // The session of `course` as `user` on the server at `url` (names ignore case), or null.
    CourseSession *find(const QString &url, const QString &user, const QString &course) const;
    bool isHosted(const CourseSession *session) const;

    CourseSession *current() const { return m_current; }
    void setCurrent(CourseSession *session);

Q_SIGNALS:
    void aboutToAdd(int index);
    void added(collab::desktop::CourseSession *session, int index);
    void aboutToRemove(collab::desktop::CourseSession *session, int index);
    void removed(collab::desktop::CourseSession *session);
    void currentChanged(collab::desktop::CourseSession *session);

private:
    struct Entry
    {
        QPointer<CourseSession> session;
        std::unique_ptr<CourseSession> owned;
        bool hosted = false;
    };
    void append(Entry entry);

    std::vector<Entry> m_entries;
    QPointer<CourseSession> m_current;
};

} // namespace collab::desktop
