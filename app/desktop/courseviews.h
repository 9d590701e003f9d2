#pragma once

#include <QHash>
#include <QObject>

class QListView;
class QStackedWidget;

namespace collab::desktop {

class ChatPanel;
class CourseList;
class CourseSession;
class InteractionsPanel;
class ListPane;
class NotesPanel;
class SearchPanel;

// The panes of every open course, one page per course in each column (chat, notes, members,
// threads/polls/queue, search): the columns show the current course's page and follow
// CourseList::currentChanged. A course's panes are made when it is added and go with it.
class CourseViews : public QObject
{
    Q_OBJECT
public:
    struct Panes
    {
        ChatPanel *chat = nullptr;
        NotesPanel *notes = nullptr;
        ListPane *members = nullptr;
        InteractionsPanel *interactions = nullptr;
        SearchPanel *search = nullptr;
    };

    // The columns are made here, parented to `window`; MainWindow lays them out. Panes are made
    // for the courses added from now on, and by makeAll() for those already in the list.
    CourseViews(CourseList *courses, QWidget *window);
    void makeAll();

    QStackedWidget *chatColumn() const { return m_chat; }
    QStackedWidget *notesColumn() const { return m_notes; }
    QStackedWidget *membersColumn() const { return m_members; }
    QStackedWidget *interactionsColumn() const { return m_interactions; }
    QStackedWidget *searchColumn() const { return m_search; }

    // The panes of `session` (null fields when it is not open here), or of the current course.
    Panes panes(const CourseSession *session) const { return m_panes.value(session); }
    Panes current() const;

Q_SIGNALS:
    // A course's panes were made: the window wires them (menus, status bar, thread requests).
    void panesMade(collab::desktop::CourseSession *session, const collab::desktop::CourseViews::Panes &panes);

private:
    void make(CourseSession *session);
    void drop(CourseSession *session);
    void show(CourseSession *session);

    CourseList *m_courses;
    QWidget *m_window;
    QStackedWidget *m_chat;
    QStackedWidget *m_notes;
    QStackedWidget *m_members;
    QStackedWidget *m_interactions;
    QStackedWidget *m_search;
    QHash<const CourseSession *, Panes> m_panes;
};

} // namespace collab::desktop
