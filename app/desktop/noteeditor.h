#pragma once

#include "crdt/document.h"

#include <QMap>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTimer>

namespace collab::client {
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
    // Remote authors whose cursor is shown (for tests and the header).
    QStringList remoteAuthors() const { return m_marks.keys(); }
    int remoteCursorPosition(const QString &user) const;
    // How long an author's text stays tinted and their cursor stays shown.
    void setHighlightDurations(int recentTextMs, int cursorMs);

Q_SIGNALS:
    void locallyEdited(); // the user changed the text (not a remote change)

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Mark
    {
        QColor color;
        int caret = 0;      // kept by hand: a caret stays put when someone else types at it
        QTextCursor recent; // selection of the text they typed lately
        qint64 lastMs = 0;
    };
    void onContentsChange(int position, int removed, int added);
    void onRemoteChange(const QVector<crdt::TextDelta> &deltas, const QString &user);
    void onTextReset(const QString &text);
    void applyDeltas(const QVector<crdt::TextDelta> &deltas, const QString &user);
    void resyncFromDocument();
    void markAuthor(const QString &user, const crdt::TextDelta &delta);
    void moveCarets(const crdt::TextDelta &delta, const QString &except);
    void refreshSelections();
    void expireMarks();
    QString documentSlice(int position, int length) const;

    client::SharedNote *m_note;
    QString m_shadow;          // the text as the SharedNote knows it, kept in step with the widget
    bool m_applyingRemote = false;
    QMap<QString, Mark> m_marks;
    QTimer m_expiry;
    int m_recentMs = 5000;
    int m_cursorMs = 20000;
    int m_flagMs = 4000; // the name flag shows while the author is active
};

} // namespace collab::desktop
