#pragma once

#include "coursesession.h"
#include "desktopoptions.h"

#include "protocol/clientmessages.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace collab::desktop {

class CourseList;
class DesktopSettings;
class HostedServer;
class MainWindow;
class SecretVault;

// The start-up flow of collab-desktop: the login dialog (or --server / --host-demo), an embedded
// server when hosting, the courses open in the main window (each its own CourseSession: the ones
// open at the last exit come back, joined from the window or left there), and --screenshot.
class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(const DesktopOptions &options, QObject *parent = nullptr);
    ~AppController() override;

    // False if there is nothing to run (login cancelled, hosting failed): exit with exitCode().
    bool start();
    int exitCode() const { return m_exitCode; }

    // Hosts the demo course in-process and opens it as `user`; returns an error message or "".
    QString hostAndOpen(quint16 port, const QString &dataDir, const QString &user, bool localOnly);
    // Hosts a server with no demo course (only the courses created there) in-process: reopens the
    // course this host created last, else creates `spec` with `user` as its instructor (spec
    // empty: asks with the New course dialog) and opens it. Returns an error message or "" (the
    // window opens once the course is stored).
    QString hostCourseAndOpen(quint16 port, const QString &dataDir, const QString &user, bool localOnly,
                              std::optional<proto::CourseCreate> spec = std::nullopt);
    // Opens a course in the window (made with the first one) and shows it; one already open
    // (same server, name and course) is shown instead. Returns its session.
    CourseSession *open(const SessionParams &params, bool hosted = false);

    MainWindow *window() const;
    CourseList *courses() const { return m_courses.get(); }
    CourseSession *session() const; // the course the window shows
    HostedServer *hostedServer() const { return m_host.get(); }
    // Where name tokens and instructor secrets are kept: null when they go to the --token-file
    // given, or in tests (QStandardPaths' test mode never touches the user's keychain).
    SecretVault *vault() const { return m_vault.get(); }

Q_SIGNALS:
    void finished(int exitCode); // --screenshot done (or failed): the app should quit

private:
    bool runLogin(const QString &error);
    void openHosted(const QString &course, const QString &joinCode, const QString &user, const QString &secret);
    void onReady(CourseSession *session);
    void openWindow();
    void onJoinFailed(CourseSession *session, const QString &why);
    // The window's courses (not hosted ones: hosting opens those) and the current one, kept in
    // the settings after every change, for the next start.
    void saveOpenCourses();
    void reopenCourses(bool makeCurrent);
    bool keepsOpenCourses() const;
    bool screenshotMode() const { return !m_options.screenshot.isEmpty() || !m_options.screenshotScreen.isEmpty(); }
    void takeScreenshot();
    void typeNextCharacter();
    void fail(const QString &message);
    QString defaultOutboxPath(const SessionParams &params) const;
    QString tokenFile() const;
    void openVault();

    DesktopOptions m_options;
    std::unique_ptr<DesktopSettings> m_settings;
    std::unique_ptr<SecretVault> m_vault;
    std::unique_ptr<HostedServer> m_host;
    std::unique_ptr<CourseList> m_courses;
    QPointer<CourseSession> m_primary; // the first course opened: --say, --type-note, --screenshot wait for it
    QPointer<MainWindow> m_window;
    bool m_restoring = false; // reopening the saved courses: the list is not saved meanwhile
    int m_exitCode = 0;
    int m_typed = 0;
};

} // namespace collab::desktop
