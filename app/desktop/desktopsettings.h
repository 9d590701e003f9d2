#pragma once

#include <QSettings>
#include <QStringList>

#include <memory>

namespace collab::desktop {

// What the login dialog remembers: recent servers and names, the last course and its join code.
// The default store is the user's CourseCollab/collab-desktop settings (INI under
// QStandardPaths' config location); tests and --settings FILE use a file of their own.
class DesktopSettings
{
public:
    explicit DesktopSettings(const QString &path = QString());

    QStringList recentServers() const;
    QStringList recentNames() const;
    QString lastCourse() const;
    QString joinCode(const QString &course) const;
    void remember(const QString &server, const QString &name, const QString &course, const QString &joinCode);
    QString fileName() const { return m_settings->fileName(); }

    // The main window as the user left it: saveGeometry() and the panes' QSplitter::saveState().
    QByteArray windowGeometry() const;
    QByteArray paneState() const;
    void rememberWindow(const QByteArray &geometry, const QByteArray &panes);

private:
    static QStringList pushFront(QStringList list, const QString &value);
    std::unique_ptr<QSettings> m_settings;
};

} // namespace collab::desktop
