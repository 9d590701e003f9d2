#pragma once

#include <QMap>
#include <QWidget>

class QLabel;
class QListView;
class QTabWidget;

namespace collab::desktop {

class CourseSession;
class NoteEditor;
class NoteWorkspace;

// The shared notes beside the chat: one tab per note of the course, a line saying whether the
// note is in sync, and who else is editing it.
class NotesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit NotesPanel(CourseSession *session, QWidget *parent = nullptr);
    NoteEditor *editor(const QString &note) const { return m_editors.value(note); }
    NoteWorkspace *workspace(const QString &note) const { return m_workspaces.value(note); }
    QString currentNote() const; // the note of the current tab
    QString noteAt(int tab) const; // the note (its id) of tab `tab`; tabs show its title
    // Exports `note` (its current text) to `path` as md, html or pdf (NoteExport::parseFormat);
    // exportFinished() follows (at once for Markdown, after math is typeset for the others).
    void exportNote(const QString &note, const QString &path, const QString &format);

    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void exportFinished(const QString &path, const QString &error); // error empty: written

private:
    void updateTitles(); // renamed notes
    void addNotes();
    void updateStatus();

    CourseSession *m_session;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QLabel *m_activity;
    QMap<QString, NoteEditor *> m_editors;
    QMap<QString, NoteWorkspace *> m_workspaces;
};

// A titled list: the channels (left) or the members (right).
class ListPane : public QWidget
{
    Q_OBJECT
public:
    ListPane(const QString &title, QWidget *parent = nullptr);
    QListView *view() const { return m_view; }
    void setTitle(const QString &title);

private:
    QLabel *m_title;
    QListView *m_view;
};

} // namespace collab::desktop
