#pragma once

#include <QStyledItemDelegate>
#include <QTreeView>

namespace collab::desktop {

class CourseList;
class CourseSession;
class CourseSidebarModel;

// Paints a sidebar row with its badges at the right: the unread count ("3") and the mentions
// ("@1") as numbers in pills, so the count is read, not guessed from a colour.
class SidebarBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

// The course sidebar (left of the chat): every open course, collapsible, with its channels and
// notes under it. Choosing a row shows that course in the window and goes to the channel or
// note; a right click opens the row's menu (a course's: Leave course…).
class CourseSidebar : public QTreeView
{
    Q_OBJECT
public:
    explicit CourseSidebar(CourseList *courses, QWidget *parent = nullptr);

    CourseSidebarModel *sidebarModel() const { return m_model; }
    // Selects the row of `channel` (or `note`) of `session` without going there again.
    void showChannel(const CourseSession *session, const QString &channel);
    void showNote(const CourseSession *session, const QString &note);
    void showCourse(const CourseSession *session);

Q_SIGNALS:
    void channelChosen(collab::desktop::CourseSession *session, const QString &channel);
    void noteChosen(collab::desktop::CourseSession *session, const QString &note);
    void courseChosen(collab::desktop::CourseSession *session);

private:
    void onCurrentChanged(const QModelIndex &current);
    void select(const QModelIndex &index);

    CourseSidebarModel *m_model;
    bool m_selecting = false; // showChannel/showNote: the selection follows, nothing is chosen
};

} // namespace collab::desktop
