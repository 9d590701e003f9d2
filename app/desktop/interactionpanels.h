#pragma once

#include <QJsonObject>
#include <QList>
#include <QTabWidget>
#include <QTimer>
#include <QWidget>

#include "threadpanel.h"

class QAbstractButton;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace collab {
struct CourseEvent;
}

namespace collab::desktop {

class CourseSession;
class PollDialog;

// A poll: its question, one button per option with its count, Vote, and Close for moderators.
// The tally follows the votes live.
class PollPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PollPanel(CourseSession *session, QWidget *parent = nullptr);

    void showPoll(quint64 poll);
    // "New poll…" (moderators): the dialog for the current channel, opened window-modal; the poll
    // it starts is shown here.
    PollDialog *newPoll();
    QPushButton *newPollButton() const { return m_new; }
    quint64 poll() const { return m_poll; }
    QList<QAbstractButton *> optionButtons() const { return m_options; }
    QPushButton *voteButton() const { return m_vote; }
    QPushButton *closeButton() const { return m_close; }
    QList<int> counts() const { return m_counts; }
    bool isClosed() const { return m_closed; }
    QLabel *statusLabel() const { return m_status; } // voters, anonymity, your vote, when it closes

Q_SIGNALS:
    void loaded();

private:
    void reload();
    void vote();
    void rebuild(const QJsonObject &poll);

    CourseSession *m_session;
    QLabel *m_question;
    QWidget *m_optionBox;
    QList<QAbstractButton *> m_options;
    QPushButton *m_vote;
    QPushButton *m_close;
    QLabel *m_status;
    QPushButton *m_new;
    quint64 m_poll = 0;
    QList<int> m_counts;
    bool m_closed = false;
    // Asks again when a timed poll's time is up (a little after: the server must see it closed).
    QTimer m_closing;
    static constexpr int ClosingSlackMs = 300;
};

// An office-hours queue in the current channel: who waits, one's position and an estimate, Join
// with a topic, Leave; TAs open the queue, take the next student, finish or requeue them.
class QueuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueuePanel(CourseSession *session, QWidget *parent = nullptr);

    void setChannel(const QString &channel);
    QListWidget *entries() const { return m_entries; }
    QLineEdit *topicEdit() const { return m_topic; }
    QPushButton *joinButton() const { return m_join; }
    QPushButton *leaveButton() const { return m_leave; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *takeNextButton() const { return m_takeNext; }
    QPushButton *doneButton() const { return m_done; }
    QPushButton *requeueButton() const { return m_requeue; }
    QLabel *statusLabel() const { return m_status; }
    int position() const { return m_position; }

Q_SIGNALS:
    void loaded();
    void takenForHelp(const QString &by); // a TA took the local user

private:
    void reload();
    void act(const QString &action, const QString &user = QString());
    void onEvent(const collab::CourseEvent &event);
    QString helpedByMe() const; // the student this TA is helping, if any

    CourseSession *m_session;
    QString m_channel;
    QListWidget *m_entries;
    QLineEdit *m_topic;
    QPushButton *m_join;
    QPushButton *m_leave;
    QPushButton *m_open;
    QPushButton *m_takeNext;
    QPushButton *m_done;
    QPushButton *m_requeue;
    QLabel *m_status;
    QJsonObject m_last;
    int m_position = 0;
};

// The three side by side as tabs, at the right of the chat.
class InteractionsPanel : public QTabWidget
{
    Q_OBJECT
public:
    explicit InteractionsPanel(CourseSession *session, QWidget *parent = nullptr);
    ThreadPanel *thread() const { return m_thread; }
    PollPanel *poll() const { return m_poll; }
    QueuePanel *queue() const { return m_queue; }
    void openThread(quint64 root, const QString &channel);
    void openPoll(quint64 poll);

private:
    ThreadPanel *m_thread;
    PollPanel *m_poll;
    QueuePanel *m_queue;
};

} // namespace collab::desktop
