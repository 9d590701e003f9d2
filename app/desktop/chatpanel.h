#pragma once

#include <QPlainTextEdit>
#include <QWidget>

class QLabel;
class QListView;
class QMenu;

namespace collab::desktop {

class ChatDelegate;
class ChatModel;
class CourseSession;
class RowPrefetcher;

// The message box under the chat: Enter sends, Shift+Enter starts a new line.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);
    QSize sizeHint() const override;

Q_SIGNALS:
    void submitted(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

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
    QLabel *typingLabel() const { return m_typing; }
    ChatDelegate *delegate() const { return m_delegate; }
    RowPrefetcher *prefetcher() const { return m_prefetcher; }

    // The context menu at `pos` (viewport coordinates): Copy code (on a code block), Copy link
    // (on a link), Edit…/Delete (own messages). The caller owns it; null when it would be empty.
    QMenu *contextMenuAt(const QPoint &pos);
    // A click at `pos` on a link (http, https or mailto only) opens it; true if there was one.
    bool activateLinkAt(const QPoint &pos);

    // The context menu's actions, callable directly (tests, shortcuts).
    bool canModifyRow(int row) const;
    void editRow(int row, const QString &text);
    void deleteRow(int row);
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
    void send(const QString &text);

    CourseSession *m_session;
    QLabel *m_header;
    QListView *m_view;
    ChatDelegate *m_delegate;
    RowPrefetcher *m_prefetcher = nullptr;
    QLabel *m_typing;
    Composer *m_composer;
    ChatModel *m_model = nullptr;
    bool m_stickToBottom = true;
    int m_keepFromBottom = -1; // while older messages load: the scroll range before they came
};

} // namespace collab::desktop
