#pragma once

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace collab::desktop {

class CourseSession;

// A desktop notification when someone @mentions the user in any open course while the window is
// not active, or in a course the window does not show (and the desktop has a system tray at all).
class MentionNotifier : public QObject
{
    Q_OBJECT
public:
    MentionNotifier(QWidget *window, QObject *parent = nullptr);
    void attach(CourseSession *session);
    int notificationCount() const { return m_count; } // for tests: mentions that would notify

Q_SIGNALS:
    void notified(const QString &title, const QString &text);

private:
    void onMention(const CourseSession *session, const QString &author, const QString &channel, const QString &text);

    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    int m_count = 0;
};

} // namespace collab::desktop
