#pragma once

#include "elidedlabel.h"

#include <QMap>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QWidget>

class QLabel;
class QListView;
class QTabWidget;

namespace collab::desktop {

class CourseSession;
class NoteEditor;
class NoteHistoryView;
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
    // Shows the note's tab and puts the keyboard in its editor.
    void showNote(const QString &note);
    NoteEditor *currentEditor() const { return m_editors.value(currentNote()); }
    QString noteAt(int tab) const; // the note (its id) of tab `tab`; tabs show its title
    // Exports `note` (its current text) to `path` as md, html or pdf (NoteExport::parseFormat);
    // exportFinished() follows (at once for Markdown, after math is typeset for the others).
    void exportNote(const QString &note, const QString &path, const QString &format);

    // The short state of the current note (in sync, saving, offline, edits refused, locked by
    // NAME): elided, never wider than the pane gives it.
    ElidedLabel *statusLabel() const { return m_status; }
    // Why the current note's last edits were refused, or why it is read-only ("" when neither).
    QLabel *banner() const { return m_banner; }
    QTabWidget *tabs() const { return m_tabs; }
    // The history of `note` (issue 15 part 2) in a window of its own: opened, or raised if open.
    NoteHistoryView *openHistory(const QString &note);
    NoteHistoryView *history(const QString &note) const; // the open one, or nullptr

Q_SIGNALS:
    void exportFinished(const QString &path, const QString &error); // error empty: written
    void leaveRequested(bool forward); // a note editor's Esc / Ctrl+Tab

private:
    void updateTitles(); // renamed notes
    void addNotes();
    void updateStatus();
    void updateAccess();
    void setStatus(const QString &text, const QString &tip);

    CourseSession *m_session;
    ElidedLabel *m_status;
    QLabel *m_banner;
    QMap<QString, QString> m_refused; // note -> what was refused and why, until the next edit there
    QTabWidget *m_tabs;
    QLabel *m_activity;
    QMap<QString, NoteEditor *> m_editors;
    QMap<QString, NoteWorkspace *> m_workspaces;
    QMap<QString, QPointer<NoteHistoryView>> m_histories;
};

// A titled list: the channels (left) or the members (right).
// Rows as wide as their list at most, so that the style elides a long text ("…") instead of the
// list scrolling sideways.
class FitWidthDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

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
