#pragma once

#include <QMimeData>
#include <QPlainTextEdit>

class QCompleter;

namespace collab::desktop {

// The message box under the chat: Enter sends, Shift+Enter starts a new line. Tab moves on (it
// never inserts a tab). Also the editor of the Edit message dialog, where Enter saves.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);
    QSize sizeHint() const override;
    // The placeholder when typing is allowed; while blocked the placeholder says why.
    void setBlockedReason(const QString &reason);
    // "@" followed by letters offers these names (the course's members); Enter or Tab takes one.
    void setMentionCandidates(const QStringList &names);
    QCompleter *completer() const { return m_completer; }
    // The message box empties itself when it sends; an edit box keeps its text.
    void setClearOnSubmit(bool clear) { m_clearOnSubmit = clear; }
    // Enter submits an empty box too (files wait in the tray: a message of files alone).
    void setSubmitsEmpty(bool submits) { m_submitsEmpty = submits; }

Q_SIGNALS:
    void submitted(const QString &text);
    // Files or an image were pasted or dropped here (issue 15): attachments, not text.
    void attachmentsOffered(const QMimeData *mime);

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    void updateCompletion();
    void insertCompletion(const QString &name);
    QString mentionPrefix() const; // the letters after "@" before the cursor, or a null string

    QString m_placeholder;
    QCompleter *m_completer = nullptr;
    bool m_clearOnSubmit = true;
    bool m_submitsEmpty = false;
};

} // namespace collab::desktop
