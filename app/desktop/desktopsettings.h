#pragma once

#include <QSettings>
#include <QList>
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

    // The courses the window had open when it last changed, to open them again at start (issue 12
    // part 3), and which one was shown. Where and as whom, and the course's join code (which the
    // server asks at every join; the login form keeps it here too). Never a secret: name tokens
    // and instructor secrets stay in the SecretVault or the token file.
    struct OpenCourse
    {
        QString server; // the WebSocket URL
        QString user;
        QString course;
        QString joinCode;
        bool operator==(const OpenCourse &o) const
        {
            return server == o.server && user.compare(o.user, Qt::CaseInsensitive) == 0 && course == o.course;
        }
    };
    QList<OpenCourse> openCourses() const;
    int currentCourse() const; // an index in openCourses(), or -1
    void rememberOpenCourses(const QList<OpenCourse> &courses, int current);

private:
    static QStringList pushFront(QStringList list, const QString &value);
    std::unique_ptr<QSettings> m_settings;
};

} // namespace collab::desktop
