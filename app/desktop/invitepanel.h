#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace collab::desktop {

class CourseSession;

// "Invite people": what a classmate needs to join, each with a Copy button: the server address,
// the course id, the join code, and one line to paste into a terminal. Instructors rotate the
// join code here (the old one stops working at once).
class InvitePanel : public QDialog
{
    Q_OBJECT
public:
    // `serverAddress`: what others connect to (a hosted session's LAN address; else the session's URL).
    InvitePanel(CourseSession *session, const QString &serverAddress, QWidget *parent = nullptr);

    QLineEdit *field(const QString &name) const; // "server", "course", "joinCode", "command"
    QPushButton *copyButton(const QString &name) const;
    QPushButton *rotateButton() const { return m_rotate; }
    QLabel *messageLabel() const { return m_message; }

private:
    void addRow(const QString &name, const QString &label, const QString &value);
    void refresh();
    void rotate();

    CourseSession *m_session;
    QString m_server;
    QPushButton *m_rotate;
    QLabel *m_message;
};

} // namespace collab::desktop
