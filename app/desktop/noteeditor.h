#pragma once

#include "crdt/document.h"

#include <QMap>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTimer>

namespace collab::client {
class NoteUndo;
class SharedNote;
}

namespace collab::desktop {

// A plain-text editor bound to a SharedNote. Local edits (QTextDocument::contentsChange) become
// CRDT operations; remote changes are applied through a separate QTextCursor so that the local
// cursor, selection and scroll position stay where they were. Each remote author's recent text
// is tinted and their cursor drawn in their own colour.
class NoteEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit NoteEditor(client::SharedNote *note, QWidget *parent = nullptr);

    client::SharedNote *note() const { return m_note; }
    // Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y): the user's own edits only, even after others typed.
    client::NoteUndo *undoStack() const { return m_undo; }
    void undoOwnEdit();
    void redoOwnEdit();
    // Remote authors whose cursor is shown (for tests and the header).
    QStringList remoteAuthors() const { return m_marks.keys(); }
    int remoteCursorPosition(const QString &user) const;
    // How long an author's text stays tinted and their cursor stays shown; how long their name
    // label stays above the cursor after they stop typing (then it fades out).
    void setHighlightDurations(int recentTextMs, int cursorMs);
    void setLabelDuration(int labelMs) { m_flagMs = labelMs; }
    // Whose recent text is tinted at `position` ("" if none): the CRDT's authorship of the unit
    // there, never a guess from positions, so the local user's own text is never tinted.
    QString tintedAuthorAt(int position) const;
    // How visible an author's name label is now: 1 while they type, fading to 0 after.
    qreal labelOpacity(const QString &user) const;

Q_SIGNALS:
    void locallyEdited(); // the user changed the text (not a remote change)
    // Esc or Ctrl+Tab (forward), Ctrl+Shift+Tab (backward): the user leaves the editor for the
    // next pane. Tab itself indents (four spaces; never a tab character in the shared note).
    void leaveRequested(bool forward);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    struct RecentText
    {
        crdt::IdRange ids; // units they inserted (some may be deleted since)
        qint64 ms = 0;
    };
    struct Mark
    {
        int caret = 0;      // kept by hand: a caret stays put when someone else types at it
        QVector<RecentText> recent; // what they typed lately, by CRDT id
        qint64 lastMs = 0;
    };
    void indent(bool outdent);
    void onContentsChange(int position, int removed, int added);
    void onRemoteChange(const QVector<crdt::TextDelta> &deltas, const QString &user);
    void onTextReset(const QString &text);
    void applyDeltas(const QVector<crdt::TextDelta> &deltas, const QString &user);
    void showOwnDeltas(const QVector<crdt::TextDelta> &deltas);
    void resyncFromDocument();
    void markAuthor(const QString &user, const crdt::TextDelta &delta);
    void rememberOperations(const QVector<crdt::Operation> &ops, const QString &user);
    QColor colorOf(const QString &user) const;
    void moveCarets(const crdt::TextDelta &delta, const QString &except);
    void refreshSelections();
    void expireMarks();
    QString documentSlice(int position, int length) const;

    client::SharedNote *m_note;
    client::NoteUndo *m_undo;
    QString m_shadow;          // the text as the SharedNote knows it, kept in step with the widget
    bool m_applyingRemote = false;
    QMap<QString, Mark> m_marks;
    QStringList m_tintAuthors; // the author of each extra selection (tintedAuthorAt)
    QTimer m_expiry;
    int m_recentMs = 5000;
    int m_cursorMs = 20000;
    int m_flagMs = 3000; // the name label shows while the author is active, then fades
    static constexpr int kFadeMs = 800;
};

} // namespace collab::desktop
