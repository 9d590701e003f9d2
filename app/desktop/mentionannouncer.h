#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

class QLabel;

namespace collab::desktop {

class CourseSession;
class CourseSidebarModel;

// Says new @mention badges of the course sidebar to a screen reader, which does not watch the
// badges: when a course's mention count rises, its label under the sidebar says "1 new mention of
// you in CECS327" and the Announcer sends it as an alert. Mentions that arrive within CoalesceMs
// of the first are one sentence ("3 new mentions of you in CECS327 and MATH101"), never an alert
// per message. The label stays while any mention is unread (sighted users read it too) and goes
// once they are all read. Counts going down (a channel read) are never announced.
class MentionAnnouncer : public QObject
{
    Q_OBJECT
public:
    static constexpr int CoalesceMs = 1500;

    MentionAnnouncer(CourseSidebarModel *model, QLabel *label, QObject *parent = nullptr);
    QLabel *label() const { return m_label; }

private:
    void recount();
    void announce();

    CourseSidebarModel *m_model;
    QLabel *m_label;
    QTimer m_coalesce;
    QHash<const CourseSession *, int> m_counted; // each course's mentions when last counted
    QStringList m_courses;                       // the courses with new mentions, in order of arrival
    int m_new = 0;                               // new mentions since the last announcement
};

} // namespace collab::desktop
