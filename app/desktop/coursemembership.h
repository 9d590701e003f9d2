#pragma once

#include "logindialog.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace collab::desktop {

class CourseList;
class CourseSession;
class DesktopSettings;

// Joining another course from the window and leaving one (issue 12 part 3): File → Join course…
// (the login dialog's form, without hosting), File → Leave course… and the course row's context
// menu in the sidebar; leaving asks first. The app opens the course asked for (joinRequested):
// this class only asks. Dialogs open without blocking (open()), so tests drive them.
class CourseMembership : public QObject
{
    Q_OBJECT
public:
    CourseMembership(CourseList *courses, QWidget *window);

    // Adds Join course… and Leave course… to `menu`.
    void addActions(QMenu *menu);
    QAction *joinAction() const { return m_join; }
    QAction *leaveAction() const { return m_leave; }
    // Where the join form remembers servers, names and join codes (null: Join course… is off).
    void setSettings(DesktopSettings *settings);

    // The menu of a course's row in the sidebar.
    QMenu *courseMenu(CourseSession *session, QWidget *parent);
    // Join course…: the form, opened (null when there are no settings to fill it from).
    LoginDialog *openJoinDialog();
    // Leave course…: asks, then leaves `session` (it must not be the only course open).
    QMessageBox *confirmLeave(CourseSession *session);

    LoginDialog *joinDialog() const { return m_dialog; }
    QMessageBox *leaveQuestion() const { return m_question; }

Q_SIGNALS:
    // The user asked to join `course` on `server` as `name` (the app opens it, or says why not).
    void joinRequested(const QString &server, const QString &name, const QString &course, const QString &joinCode,
                       const QString &secret);

private:
    void updateActions();

    CourseList *m_courses;
    QWidget *m_window;
    DesktopSettings *m_settings = nullptr;
    QAction *m_join;
    QAction *m_leave;
    QPointer<LoginDialog> m_dialog;
    QPointer<QMessageBox> m_question;
};

} // namespace collab::desktop
