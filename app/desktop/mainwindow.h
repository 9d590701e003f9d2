#pragma once

#include "coursesidebar.h"
#include "elidedlabel.h"
#include "panesplitter.h"
#include "quickswitcher.h"
#include "statusline.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

class QAction;
class QResizeEvent;
class QDockWidget;
class QLabel;
class QListView;
class QSplitter;

namespace collab::desktop {

class ChatPanel;
class CourseList;
class CourseMembership;
class CourseMenu;
class CourseSession;
class CourseViews;
class DesktopSettings;

class ListPane;

class MentionAnnouncer;
class MentionNotifier;
class NotesPanel;
class SearchPanel;
class InteractionsPanel;

// Assembles the panes around the open courses (a CourseList): the course sidebar (every course,
// its channels and notes) | chat | shared notes | members, each column showing the current
// course, and a status bar (connection, outbox, hosting). Behaviour lives in the panes and the
// sessions.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // A window of one course (owned by the caller, which keeps it alive while the window is).
    explicit MainWindow(CourseSession *session, QWidget *parent = nullptr);
    // A window of the courses of `courses` (the caller's; it outlives the window).
    explicit MainWindow(CourseList *courses, QWidget *parent = nullptr);

    CourseList *courses() const { return m_courses; }
    CourseSession *session() const; // the current course's
    ChatPanel *chatPanel() const;   // the current course's panes
    NotesPanel *notesPanel() const;
    NotesPanel *notesPanel(const CourseSession *session) const; // any open course's
    ChatPanel *chatPanel(const CourseSession *session) const;
    QListView *memberView() const;
    CourseSidebar *sidebar() const { return m_sidebar; }
    CourseSidebar *channelView() const { return m_sidebar; } // the channels are the sidebar's
    MentionAnnouncer *mentionAnnouncer() const { return m_mentionAnnouncer; }
    CourseMembership *membership() const { return m_membership; } // Join course… / Leave course…
    // Shows `channel` of `session` (making it the current course) / its `note`.
    void goToChannel(CourseSession *session, const QString &channel);
    void goToNote(CourseSession *session, const QString &note, bool focusEditor);
    ElidedLabel *statusLabel() const { return m_statusLine->stateLabel(); } // the connection's state, in words
    QLabel *hostLabel() const { return m_statusLine->hostLabel(); }          // "Hosting at … · join code … · Invite people…"
    MentionNotifier *notifier() const { return m_notifier; }
    CourseMenu *courseMenu() const { return m_courseMenu; }
    SearchPanel *searchPanel() const; // the current course's

    // Ctrl+F (the current channel) and Ctrl+Shift+F (the whole course): shows the search pane.
    void openSearch(bool wholeCourse);
    InteractionsPanel *interactionsPanel() const; // thread, poll, queue
    // The interactions panel is shown on demand: View → Threads, polls and queue (Ctrl+Shift+T),
    // or when a thread or a poll is opened; hidden, the chat and notes have its width.
    void setInteractionsVisible(bool visible);
    QAction *interactionsAction() const { return m_showInteractions; }

    // "Hosting this session": the address and join code to share, shown in the status bar.
    void setHostInfo(const QString &shareUrl, const QString &joinCode);

    // File → Export note…: the current note to a file (md, html or pdf, by its suffix).
    void exportCurrentNote();

    // Closing a window that hosts the session while others are connected asks first (it ends the
    // session for them): this is the question while it is open.
    QMessageBox *closeQuestion() const { return m_closeQuestion; }
    // Members other than this user who are online now.
    int othersOnline() const;

    // The window's geometry and pane sizes come from `settings` now and go back there on close;
    // Join course… fills its form from them.
    void restoreLayout(DesktopSettings *settings);
    QSplitter *panes() const { return m_split; }

    // Keyboard: F6 / Shift+F6 (and Esc or Ctrl+Tab in the note editor) move to the next / previous
    // pane: channels, chat (the composer), notes (the editor), members. Ctrl+K: quick switcher.
    enum class Pane { Channels, Chat, Notes, Members };
    void focusPane(Pane pane);
    void focusNextPane(bool forward);
    Pane currentPane() const;
    void openQuickSwitcher();
    QuickSwitcher *quickSwitcher() const { return m_switcher; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void build();
    void wirePanes(CourseSession *session);
    void onCurrentChanged(CourseSession *session);
    void updateMembersTitle(CourseSession *session);
    void updatePollAction();
    void updateTitle();

    CourseList *m_courses;
    CourseViews *m_views = nullptr;
    CourseSidebar *m_sidebar = nullptr;
    QWidget *m_sidebarPane = nullptr;
    MentionAnnouncer *m_mentionAnnouncer = nullptr;
    CourseMembership *m_membership = nullptr;
    QPointer<CourseSession> m_shown;              // the session the status bar and title follow
    QList<QMetaObject::Connection> m_shownLinks; // its connections, dropped when another is shown
    StatusLine *m_statusLine = nullptr; // connection state and hosting, in the status bar
    MentionNotifier *m_notifier;
    CourseMenu *m_courseMenu = nullptr;
    PaneSplitter *m_split = nullptr;
    DesktopSettings *m_settings = nullptr;
    QPointer<QuickSwitcher> m_switcher;
    bool m_hosting = false;
    bool m_closeConfirmed = false;
    QPointer<QMessageBox> m_closeQuestion;
    QDockWidget *m_searchDock = nullptr;
    QAction *m_showInteractions = nullptr;
    QAction *m_newPoll = nullptr;
};

} // namespace collab::desktop
