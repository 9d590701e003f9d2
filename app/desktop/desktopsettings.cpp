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

QList<DesktopSettings::OpenCourse> DesktopSettings::openCourses() const
{
    QList<OpenCourse> courses;
    const int count = m_settings->beginReadArray(QStringLiteral("openCourses"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        OpenCourse c{m_settings->value(QStringLiteral("server")).toString(), m_settings->value(QStringLiteral("user")).toString(),
                     m_settings->value(QStringLiteral("course")).toString(), m_settings->value(QStringLiteral("joinCode")).toString()};
        if (!c.server.isEmpty() && !c.user.isEmpty() && !c.course.isEmpty()) // a hand-edited file: skipped, not fatal
            courses.append(c);
    }
    m_settings->endArray();
    return courses;
}

int DesktopSettings::currentCourse() const
{
    bool ok = false;
    const int current = m_settings->value(QStringLiteral("window/currentCourse")).toInt(&ok);
    return ok ? current : -1;
}

void DesktopSettings::rememberOpenCourses(const QList<OpenCourse> &courses, int current)
{
    m_settings->remove(QStringLiteral("openCourses"));
    m_settings->beginWriteArray(QStringLiteral("openCourses"), int(courses.size()));
    for (int i = 0; i < courses.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("server"), courses.at(i).server);
        m_settings->setValue(QStringLiteral("user"), courses.at(i).user);
        m_settings->setValue(QStringLiteral("course"), courses.at(i).course);
        m_settings->setValue(QStringLiteral("joinCode"), courses.at(i).joinCode);
    }
    m_settings->endArray();
    m_settings->setValue(QStringLiteral("window/currentCourse"), current);
    m_settings->sync();
}

} // namespace collab::desktop
