#pragma once

#include "composer.h"
#include "editmessagedialog.h"

#include <QDialog>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QMenu;

namespace collab::desktop {

class AttachmentTray;
class ChatAttachments;
class ChatDelegate;
class ChatModel;
class ComposerOptions;
class CourseSession;
class RowPrefetcher;

// The middle pane: the current channel's messages (a QListView on the channel's ChatModel), who
// is typing, and the composer. Own messages (any message, for instructors) can be edited and
// deleted from the context menu.
class ChatPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPanel(CourseSession *session, QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }
    ComposerOptions *composerOptions() const { return m_options; } // Ask as a question, Anonymously
    QLabel *typingLabel() const { return m_typing; }
    ChatDelegate *delegate() const { return m_delegate; }
    // A refused chat request of this user (an edit, a delete), shown above the composer.
    QLabel *noticeLabel() const { return m_notice; }
    // The Edit message dialog while it is open.
    EditMessageDialog *editDialog() const { return m_editDialog; }
    // "Select text…": the message's text, read-only, to select part of it and copy.
    QDialog *selectDialog() const { return m_selectDialog; }
    RowPrefetcher *prefetcher() const { return m_prefetcher; }
    // Files for the next message, and the attachments' behaviour (issue 15).
    AttachmentTray *attachmentTray() const { return m_tray; }
    ChatAttachments *attachments() const { return m_attachments; }

    // The context menu at `pos` (viewport coordinates): Copy code (on a code block), Copy link
    // (on a link), Copy message text, Edit…/Delete (own messages), Retry/Discard (a message that
    // was not sent). The caller owns it; null when it would be empty.
    QMenu *contextMenuAt(const QPoint &pos);
    // A click at `pos` on a link (http, https or mailto only) opens it; true if there was one.
    bool activateLinkAt(const QPoint &pos);

    // The context menu's actions, callable directly (tests, shortcuts).
    bool canModifyRow(int row) const;
    void editRow(int row, const QString &text);
    void deleteRow(int row);
    // Opens the Edit message dialog for the row (its Save sends the edit).
    void openEditDialog(int row);
    // Scrolls the current channel to message `id` and selects it (a search hit opened); false if
    // the channel's model does not hold it.
    bool showMessage(quint64 id);
    // Course interactions (issue 14): open the row's thread (or its poll), react, pin.
    void replyInThreadRow(int row);
    void openPollRow(int row);
    void reactRow(int row, const QString &emoji);
    void pinRow(int row, bool pinned);
    static QStringList reactionChoices();

Q_SIGNALS:
    void threadRequested(quint64 root, const QString &channel);
    void pollRequested(quint64 poll);
    // A link was clicked (it is opened with QDesktopServices unless a test intercepts it).
    void linkActivated(const QUrl &url);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showChannel(const QString &channel);
    void showContextMenu(const QPoint &pos);
    void updateTyping();
    void updateComposer();
    void showNotice(const QString &channel, const QString &message);
    void openSelectDialog(const QString &text);
    void send(const QString &text);

    CourseSession *m_session;
    QLabel *m_header;
    QListView *m_view;
    ChatDelegate *m_delegate;
    RowPrefetcher *m_prefetcher = nullptr;
    QLabel *m_typing;
    QLabel *m_notice;
    Composer *m_composer;
    ComposerOptions *m_options;
    AttachmentTray *m_tray;
    ChatAttachments *m_attachments;
    QPointer<EditMessageDialog> m_editDialog;
    QPointer<QDialog> m_selectDialog;
    ChatModel *m_model = nullptr;
    bool m_stickToBottom = true;
    int m_keepFromBottom = -1; // while older messages load: the scroll range before they came
};

} // namespace collab::desktop
