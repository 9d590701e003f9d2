#pragma once

#include <QJsonObject>
#include <QSet>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QMenu;
class QPushButton;

namespace collab {
struct CourseEvent;
}

namespace collab::desktop {

class CourseSession;

// A thread beside the chat (issue 14): its first message, the endorsed answers first and
// highlighted, the replies (the ones that are new to this user marked), and a box to reply
// (anonymously to classmates if asked). Reloaded when the thread changes; seen (its unread count
// cleared in the channel) while it is on screen.
// Questions: its state ("Open question" / "Resolved"); the question's author and moderators
// resolve and reopen it and turn the message into a question or back; moderators endorse a reply
// as the answer or take that back (right-click a reply). What the server would refuse is not
// offered: students see the state and the highlighted answer, and a greyed entry saying why.
class ThreadPanel : public QWidget
{
    Q_OBJECT
public:
    enum ItemRole { IdRole = Qt::UserRole + 1, KindRole, EndorsedRole, NewRole, MineRole };
    enum class Kind { Root, Answer, Reply };

    explicit ThreadPanel(CourseSession *session, QWidget *parent = nullptr);

    void showThread(quint64 root, const QString &channel);
    quint64 root() const { return m_root; }
    QListWidget *list() const { return m_list; }
    QLineEdit *replyEdit() const { return m_reply; }
    QCheckBox *anonymousBox() const { return m_anonymous; }
    QPushButton *replyButton() const { return m_send; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *stateLabel() const { return m_state; }          // "❓ Open question", "✔ Resolved", problems
    QPushButton *resolveButton() const { return m_resolve; }   // Mark resolved / Reopen
    QPushButton *questionButton() const { return m_question; } // Mark as a question / Not a question
    bool isQuestion() const { return m_isQuestion; }
    bool isResolved() const { return m_resolved; }
    int newReplies() const { return m_newReplies; } // marked new in the last load

    // The context menu of the item at `pos` (list viewport coordinates), or nullptr; the caller owns it.
    QMenu *contextMenuAt(const QPoint &pos);

Q_SIGNALS:
    void loaded(); // the thread as the server answered it is shown

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reload();
    void render(const QJsonObject &fields);
    void send();
    void onEvent(const collab::CourseEvent &event);
    void endorse(quint64 id, bool endorsed);
    void updateQuestion(std::optional<bool> question, std::optional<bool> resolved);
    void updateButtons();
    // The author of the first message or a moderator: who may resolve it or make it a question.
    bool mayChangeQuestion() const;
    void showProblem(const QString &text);

    CourseSession *m_session;
    QLabel *m_title;
    QLabel *m_state;
    QPushButton *m_resolve;
    QPushButton *m_question;
    QListWidget *m_list;
    QLineEdit *m_reply;
    QCheckBox *m_anonymous;
    QPushButton *m_send;
    quint64 m_root = 0;
    QString m_channel;
    bool m_isQuestion = false;
    bool m_resolved = false;
    bool m_rootMine = false; // the first message is this user's
    int m_newReplies = 0;
    QSet<quint64> m_newIds; // replies new to this user when they opened the thread (kept while it is shown)
};

} // namespace collab::desktop
