#pragma once

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QListView;
class QSplitter;

namespace collab::desktop {

class ChatPanel;
class CourseMenu;
class CourseSession;
class ListPane;
class MentionNotifier;
class NotesPanel;
class SearchPanel;
class InteractionsPanel;

// Assembles the panes around one CourseSession: channels | chat | shared notes | members, and a
// status bar (connection, outbox, hosting). Behaviour lives in the panes and the session.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(CourseSession *session, QWidget *parent = nullptr);

    CourseSession *session() const { return m_session; }
    ChatPanel *chatPanel() const { return m_chat; }
    NotesPanel *notesPanel() const { return m_notes; }
    QListView *channelView() const;
    QListView *memberView() const;
    QLabel *statusLabel() const { return m_status; }
    MentionNotifier *notifier() const { return m_notifier; }
    CourseMenu *courseMenu() const { return m_courseMenu; }
    SearchPanel *searchPanel() const { return m_search; }

    // Ctrl+F (the current channel) and Ctrl+Shift+F (the whole course): shows the search pane.
    void openSearch(bool wholeCourse);
    InteractionsPanel *interactionsPanel() const { return m_interactions; } // thread, poll, queue

    // "Hosting this session": the address and join code to share, shown in the status bar.
    void setHostInfo(const QString &shareUrl, const QString &joinCode);

    // File → Export note…: the current note to a file (md, html or pdf, by its suffix).
    void exportCurrentNote();

private:
    void updateStatus();
    void updateMembersTitle();
    void updateTitle();

    CourseSession *m_session;
    ListPane *m_channels;
    ChatPanel *m_chat;
    NotesPanel *m_notes;
    ListPane *m_members;
    QLabel *m_status;
    QLabel *m_host;
    MentionNotifier *m_notifier;
    CourseMenu *m_courseMenu = nullptr;
    SearchPanel *m_search = nullptr;
    QDockWidget *m_searchDock = nullptr;
    InteractionsPanel *m_interactions = nullptr;
};

} // namespace collab::desktop
