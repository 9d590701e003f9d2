#pragma once

#include <QDialog>
#include <QList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace collab::desktop {

class CourseSession;

// "New poll…" (issue 14 part 5; moderators): a question, 2 to 10 options (Add option, ✕ to take
// one out), how long it stays open (minutes; 0: until closed by hand), single or multiple choice,
// named or anonymous. Start is enabled once the poll is one the server takes (the line under the
// options says what is missing); it sends poll.create for the channel and closes when the server
// has stored it, or says why not and keeps everything typed.
class PollDialog : public QDialog
{
    Q_OBJECT
public:
    PollDialog(CourseSession *session, const QString &channel, QWidget *parent = nullptr);

    QString channel() const { return m_channel; }
    QLineEdit *questionEdit() const { return m_question; }
    QList<QLineEdit *> optionEdits() const { return m_options; }
    QList<QToolButton *> removeButtons() const { return m_removers; } // ✕ beside each option
    QPushButton *addOptionButton() const { return m_addOption; }
    QSpinBox *minutesBox() const { return m_minutes; }
    QCheckBox *multipleBox() const { return m_multiple; }
    QCheckBox *anonymousBox() const { return m_anonymous; }
    QPushButton *startButton() const { return m_start; }
    QLabel *hintLabel() const { return m_hint; } // what is missing, or why the server refused

    // Why this poll cannot be started yet ("" when it can).
    QString problem() const;

Q_SIGNALS:
    void pollCreated(quint64 poll);

private:
    QLineEdit *addOption(const QString &text = QString());
    void removeOption(QLineEdit *edit);
    void updateState();
    void updateTabOrder(); // question, each option and its ✕, Add option, the rest
    void start();

    CourseSession *m_session;
    QString m_channel;
    QLineEdit *m_question;
    QVBoxLayout *m_optionRows;
    QList<QLineEdit *> m_options;
    QList<QToolButton *> m_removers;
    QPushButton *m_addOption;
    QSpinBox *m_minutes;
    QCheckBox *m_multiple;
    QCheckBox *m_anonymous;
    QLabel *m_hint;
    QPushButton *m_start;
    bool m_sending = false;
};

} // namespace collab::desktop
