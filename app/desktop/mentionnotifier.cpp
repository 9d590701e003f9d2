#include "mentionnotifier.h"

#include "coursesession.h"
#include "usercolors.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace collab::desktop {

MentionNotifier::MentionNotifier(QWidget *window, QObject *parent) : QObject(parent), m_window(window) {}

void MentionNotifier::attach(CourseSession *session)
{
    connect(session, &CourseSession::mentioned, this, &MentionNotifier::onMention);
}

void MentionNotifier::onMention(const QString &author, const QString &channel, const QString &text)
{
    if (m_window && m_window->isActiveWindow())
        return;
    ++m_count;
    const QString title = tr("%1 mentioned you in #%2").arg(author, channel);
    const QString body = text.size() > 200 ? text.left(200) + QStringLiteral("\u2026") : text;
    Q_EMIT notified(title, body);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(appIcon(), this);
        m_tray->setToolTip(QStringLiteral("CourseCollab"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
        m_tray->show();
    }
    m_tray->showMessage(title, body, QSystemTrayIcon::Information, 8000);
    QApplication::alert(m_window);
}

} // namespace collab::desktop
