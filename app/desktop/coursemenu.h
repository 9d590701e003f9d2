#pragma once

#include "protocol/clientmessages.h"

#include <QDialog>
#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QDialog;
class QLabel;
class QMenu;
class QListView;
class QPoint;

namespace collab::desktop {

class CourseExportAction;
class CourseSession;
class MainWindow;
class NotesPanel;

// Running the course from the window: the Course menu (new course, course settings, invite
// people, import roster, moderation log, export course), the context menus of channels, note tabs and members
// (lock a note, remove a member for a time, appoint a TA, ...), and the user's role in the status
// bar. Every action is a request; the server's rule table decides, and what a role may not do is
// disabled here. Dialogs open window-modal without blocking (open()), so tests drive them.
class CourseMenu : public QObject
{
    Q_OBJECT
public:
    explicit CourseMenu(MainWindow *window);

    QMenu *menu() const { return m_menu; }
    // The course the menu acts on: the window's current one.
    void setSession(CourseSession *session);
    // `session` was left: its export (if any) ends.
    void forget(const CourseSession *session);
    // Adds the context menus of one course's members list and note tabs.
    void attachPanes(QListView *members, NotesPanel *notes);
    QAction *action(const QString &name) const; // newCourse, settings, invite, roster, log, export
    // Course → Export course… of the current course (each course has its own).
    CourseExportAction *exporter();
    QLabel *roleLabel() const { return m_role; }
    // The context menus, as a right click builds them (tests call these directly).
    QMenu *channelMenu(const QString &channel);
    QMenu *noteMenu(const QString &note);
    QMenu *memberMenu(const QString &user);
    // The dialog the last action opened (null once closed).
    QDialog *dialog() const { return m_dialog; }
    // What the invite panel shows as the server's address (a hosted session's LAN address).
    void setShareAddress(const QString &address) { m_shareAddress = address; }

Q_SIGNALS:
    // A course was created from this window: the app may open it.
    void courseCreated(const QString &course, const QString &joinCode, const QString &secret);
    // A request from a menu failed, in words.
    void problem(const QString &message);

private:
    void updateRole();
    void show(QDialog *dialog);
    void send(proto::ClientPayload request, const QString &done);
    void newCourse();
    void askName(const QString &title, const QString &label, std::function<void(const QString &)> then, const QString &initial = {});
    // Names `user` an instructor (the administrator) and shows their secret, once.
    void nameInstructor(const QString &user);

    MainWindow *m_window;
    CourseSession *m_session = nullptr;
    QMenu *m_menu;
    QLabel *m_role;
    QPointer<QDialog> m_dialog;
    QString m_shareAddress;
    QHash<const CourseSession *, CourseExportAction *> m_exports;
};

} // namespace collab::desktop
