#pragma once

#include "coursesession.h"
#include "desktopoptions.h"

#include "protocol/clientmessages.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace collab::desktop {

class DesktopSettings;
class HostedServer;
class MainWindow;
class SecretVault;

// The start-up flow of collab-desktop: the login dialog (or --server / --host-demo), an embedded
// server when hosting, the course session and its main window, and --screenshot.
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
    void open(const SessionParams &params);

    MainWindow *window() const;
    CourseSession *session() const { return m_session.get(); }
    HostedServer *hostedServer() const { return m_host.get(); }
    // Where name tokens and instructor secrets are kept: null when they go to the --token-file
    // given, or in tests (QStandardPaths' test mode never touches the user's keychain).
    SecretVault *vault() const { return m_vault.get(); }

Q_SIGNALS:
    void finished(int exitCode); // --screenshot done (or failed): the app should quit

private:
    bool runLogin(const QString &error);
    void openHosted(const QString &course, const QString &joinCode, const QString &user, const QString &secret);
    void onReady();
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
    std::unique_ptr<CourseSession> m_session;
    QPointer<MainWindow> m_window;
    int m_exitCode = 0;
    int m_typed = 0;
};

} // namespace collab::desktop
