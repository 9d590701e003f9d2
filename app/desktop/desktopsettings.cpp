#include "desktopsettings.h"

namespace collab::desktop {

namespace {
constexpr int kRecent = 8;
}

DesktopSettings::DesktopSettings(const QString &path)
    : m_settings(path.isEmpty()
                     ? std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                                   QStringLiteral("CourseCollab"), QStringLiteral("collab-desktop"))
                     : std::make_unique<QSettings>(path, QSettings::IniFormat))
{
}

QStringList DesktopSettings::recentServers() const
{
    return m_settings->value(QStringLiteral("login/recentServers")).toStringList();
}

QStringList DesktopSettings::recentNames() const
{
    return m_settings->value(QStringLiteral("login/recentNames")).toStringList();
}

QString DesktopSettings::lastCourse() const { return m_settings->value(QStringLiteral("login/lastCourse")).toString(); }

QString DesktopSettings::joinCode(const QString &course) const
{
    return m_settings->value(QStringLiteral("joinCodes/") + course).toString();
}

QStringList DesktopSettings::pushFront(QStringList list, const QString &value)
{
    list.removeAll(value);
    list.prepend(value);
    while (list.size() > kRecent)
        list.removeLast();
    return list;
}

void DesktopSettings::remember(const QString &server, const QString &name, const QString &course,
                               const QString &joinCode)
{
    if (!server.isEmpty())
        m_settings->setValue(QStringLiteral("login/recentServers"), pushFront(recentServers(), server));
    if (!name.isEmpty())
        m_settings->setValue(QStringLiteral("login/recentNames"), pushFront(recentNames(), name));
    if (!course.isEmpty()) {
        m_settings->setValue(QStringLiteral("login/lastCourse"), course);
        m_settings->setValue(QStringLiteral("joinCodes/") + course, joinCode);
    }
    m_settings->sync();
}

QByteArray DesktopSettings::windowGeometry() const
{
    return m_settings->value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray DesktopSettings::paneState() const { return m_settings->value(QStringLiteral("window/panes")).toByteArray(); }

void DesktopSettings::rememberWindow(const QByteArray &geometry, const QByteArray &panes)
{
    m_settings->setValue(QStringLiteral("window/geometry"), geometry);
    m_settings->setValue(QStringLiteral("window/panes"), panes);
    m_settings->sync();
}

} // namespace collab::desktop
