#include "appcontroller.h"

#include "coursemenu.h"
#include "newcoursedialog.h"

#include "desktopsettings.h"
#include "hostedserver.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "noteeditor.h"
#include "secretvault.h"
#include "sidepanels.h"

#include "client/servertrust.h"
#include "protocol/ids.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QScreen>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

namespace collab::desktop {

namespace {
constexpr int kScreenshotTimeoutMs = 30000;
} // namespace

AppController::AppController(const DesktopOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_settings(std::make_unique<DesktopSettings>(options.settingsFile))
{
}

AppController::~AppController()
{
    delete m_window;
    m_session.reset(); // the client goes before the server it talks to
    m_host.reset();
}

MainWindow *AppController::window() const { return m_window.data(); }

QString AppController::tokenFile() const
{
    return m_options.tokenFile.isEmpty()
               ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/CourseCollab/desktop-tokens.json")
               : m_options.tokenFile;
}

void AppController::openVault()
{
    if (m_vault || !m_options.tokenFile.isEmpty() || QStandardPaths::isTestModeEnabled())
        return;
    // Before any window: waiting for the keychain (at most SecretVault::kKeychainTimeoutMs) runs a
    // nested event loop, harmless while nothing else is on screen.
    m_vault = std::make_unique<SecretVault>(tokenFile());
    m_vault->openAndWait();
}

bool AppController::start()
{
    openVault();
    const bool screenshot = !m_options.screenshot.isEmpty() || !m_options.screenshotScreen.isEmpty();
    if (screenshot) {
        QTimer::singleShot(kScreenshotTimeoutMs, this, [this] {
            fail(tr("not connected within %1 s: no screenshot").arg(kScreenshotTimeoutMs / 1000));
        });
    }
    if (m_options.hostDemo) {
        const QString dataDir = m_options.dataDir.isEmpty() ? HostedServer::defaultDataDir() : m_options.dataDir;
        const QString error = hostAndOpen(quint16(m_options.port), dataDir, m_options.user, m_options.localOnly);
        if (!error.isEmpty()) {
            qCritical("collab-desktop: cannot host a session: %s", qPrintable(error));
            m_exitCode = 1;
            return false;
        }
        return true;
    }
    if (m_options.directConnect()) {
        open(SessionParams{m_options.server, m_options.user, m_options.course, m_options.joinCode, m_options.outboxPath});
        return true;
    }
    if (screenshot) {
        qCritical("collab-desktop: --screenshot needs --host-demo or --server/--user/--course");
        m_exitCode = 2;
        return false;
    }
    return runLogin(QString());
}

bool AppController::runLogin(const QString &error)
{
    LoginDialog dialog(m_settings.get());
    dialog.setError(error);
    if (dialog.exec() != QDialog::Accepted) {
        m_exitCode = 0;
        return false;
    }
    if (dialog.hostRequested()) {
        const QString dataDir = m_options.dataDir.isEmpty() ? HostedServer::defaultDataDir() : m_options.dataDir;
        const QString problem = hostCourseAndOpen(quint16(m_options.port), dataDir, dialog.name(), m_options.localOnly);
        if (!problem.isEmpty())
            return runLogin(tr("Cannot host a session: %1").arg(problem));
        return true;
    }
    SessionParams params{client::webSocketUrl(QUrl(dialog.server())), dialog.name(), dialog.course(), dialog.joinCode(), QString()};
    params.secret = dialog.secret();
    open(params);
    return true;
}

QString AppController::hostAndOpen(quint16 port, const QString &dataDir, const QString &user, bool localOnly)
{
    m_host = std::make_unique<HostedServer>();
    const QString error = m_host->start(port, dataDir, localOnly);
    if (!error.isEmpty())
        return error;
    QString name = user;
    if (name.isEmpty())
        name = m_settings->recentNames().value(0);
    if (name.isEmpty())
        name = m_host->instructor();
    // The host is the instructor when the name is the demo course's instructor; either way this
    // computer runs the server, so the window may create more courses (openHosted).
    const bool instructor = sameName(name, m_host->instructor()) && m_options.secret.isEmpty();
    openHosted(m_host->course(), m_host->joinCode(), name, instructor ? m_host->instructorSecret() : QString());
    std::printf("collab-desktop: data in %s\n", qPrintable(dataDir));
    // Printed here, never on the shared screen: whoever has it is the instructor.
    std::printf("collab-desktop: instructor %s's secret: %s\n", qPrintable(m_host->instructor()),
                qPrintable(m_host->instructorSecret()));
    std::fflush(stdout);
    return {};
}

QString AppController::hostCourseAndOpen(quint16 port, const QString &dataDir, const QString &user, bool localOnly,
                                         std::optional<proto::CourseCreate> spec)
{
    m_host = std::make_unique<HostedServer>();
    if (const QString error = m_host->start(port, dataDir, localOnly, false); !error.isEmpty())
        return error;
    const QString name = user.isEmpty() ? m_settings->recentNames().value(0) : user;
    if (!isValidUserName(name))
        return tr("choose your name first (letters, digits, '.', '_' or '-', starting with a letter)");
    if (!spec) {
        const HostedServer::HostedCourse last = m_host->lastHostedCourse();
        if (!last.course.isEmpty() && sameName(last.instructor, name)) {
            openHosted(last.course, last.joinCode, last.instructor, last.secret);
            return {};
        }
        NewCourseDialog dialog;
        dialog.setWindowTitle(tr("Your new course")); // the host teaches it
        if (dialog.exec() != QDialog::Accepted)
            return tr("no course was created");
        QString error;
        spec = dialog.spec(&error);
    }
    m_host->createCourse(*spec, name, [this, name](Result<HostedServer::HostedCourse> r) {
        if (!r) {
            if (!runLogin(tr("Cannot create the course: %1").arg(r.error().message)))
                Q_EMIT finished(0);
            return;
        }
        openHosted(r.value().course, r.value().joinCode, name, r.value().secret);
    });
    return {};
}

void AppController::openHosted(const QString &course, const QString &joinCode, const QString &user, const QString &secret)
{
    SessionParams params{m_host->localUrl(), user, course, joinCode, m_options.outboxPath};
    params.secret = secret;
    params.adminSecret = m_host->adminSecret(); // the host may create more courses from the window
    open(params);
    m_window->setHostInfo(m_host->shareUrl(), joinCode);
    connect(m_window->courseMenu(), &CourseMenu::courseCreated, this, [this, user](const QString &c, const QString &code, const QString &s) {
        // Kept like the first one (hosted-courses.json is the server's; the window just opens it).
        QTimer::singleShot(0, this, [this, c, code, user, s] { openHosted(c, code, user, s); });
    });
    std::printf("collab-desktop: hosting %s at %s (join code %s)\n", qPrintable(course), qPrintable(m_host->shareUrl()), qPrintable(joinCode));
    std::fflush(stdout);
}

QString AppController::defaultOutboxPath(const SessionParams &params) const
{
    const QString dir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("outbox"));
    QDir().mkpath(dir);
    QString name = QStringLiteral("%1_%2_%3_%4.json")
                       .arg(params.url.host())
                       .arg(params.url.port(0))
                       .arg(params.user, params.course);
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    return QDir(dir).filePath(name);
}

void AppController::open(const SessionParams &given)
{
    SessionParams params = given;
    const bool screenshot = !m_options.screenshot.isEmpty() || !m_options.screenshotScreen.isEmpty();
    if (params.outboxPath.isEmpty() && !screenshot)
        params.outboxPath = defaultOutboxPath(params);
    if (params.notesDir.isEmpty() && !screenshot)
        params.notesDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("notes"));
    if (params.tokenPath.isEmpty())
        params.tokenPath = tokenFile();
    if (m_vault && !params.tokenStore)
        params.tokenStore = m_vault->tokenStore();
    if (params.secret.isEmpty())
        params.secret = m_options.secret;
    if (params.secret.isEmpty() && m_vault) // typed once, on an earlier run
        params.secret = m_vault->instructorSecret(params.url.toString(), params.course, params.user);
    if (params.adminSecret.isEmpty())
        params.adminSecret = m_options.adminSecret;
    if (params.caCertificates.isEmpty())
        params.caCertificates = m_options.caCertificates;
    delete m_window;
    m_session = std::make_unique<CourseSession>(params);
    m_window = new MainWindow(m_session.get());
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    m_window->restoreLayout(m_settings.get()); // where the user left it; --geometry wins
    if (m_options.geometry.isValid()) {
        m_window->resize(m_options.geometry.size());
        m_window->move(m_options.geometry.topLeft());
    }
    connect(m_session.get(), &CourseSession::readyChanged, this, &AppController::onReady);
    if (m_vault && !params.secret.isEmpty()) {
        // The secret worked once the course is joined: kept, so it is not typed again.
        connect(m_session.get(), &CourseSession::readyChanged, this, [this, params] {
            if (m_vault && m_session && m_session->isReady())
                m_vault->saveInstructorSecret(params.url.toString(), params.course, params.user, params.secret);
        });
    }
    connect(m_session.get(), &CourseSession::joinFailed, this, [this](const QString &why) {
        if (!m_options.screenshot.isEmpty() || !m_options.screenshotScreen.isEmpty() || m_options.directConnect()
            || m_options.hostDemo) {
            fail(tr("cannot join: %1").arg(why));
            return;
        }
        QPointer<MainWindow> w = m_window;
        QTimer::singleShot(0, this, [this, why, w] {
            if (w)
                w->hide();
            if (!runLogin(tr("Could not join: %1").arg(why)))
                Q_EMIT finished(0);
        });
    });
    // A course created from this window's Course menu opens in it, as its instructor (a hosted
    // session does the same through openHosted, which also keeps the course for the next start).
    if (!m_host)
        connect(m_window->courseMenu(), &CourseMenu::courseCreated, this, [this, params](const QString &course, const QString &code, const QString &secret) {
            SessionParams next = params;
            next.course = course;
            next.joinCode = code;
            next.secret = secret;
            next.outboxPath.clear(); // one per course (defaultOutboxPath)
            QTimer::singleShot(0, this, [this, next] { open(next); });
        });
    m_window->show();
    m_session->start();
}

void AppController::onReady()
{
    for (const QString &text : std::as_const(m_options.say))
        m_session->sendMessage(text);
    if (!m_options.typeNote.isEmpty())
        QTimer::singleShot(m_options.typeDelayMs, this, &AppController::typeNextCharacter);
    if (m_options.screenshot.isEmpty() && m_options.screenshotScreen.isEmpty())
        return;
    QTimer::singleShot(m_options.settleMs, this, &AppController::takeScreenshot);
}

void AppController::typeNextCharacter()
{
    if (!m_window || m_typed >= m_options.typeNote.size() || m_session->noteNames().isEmpty())
        return;
    NoteEditor *editor = m_window->notesPanel()->editor(m_session->noteNames().first());
    if (!editor)
        return;
    QTextCursor c = editor->textCursor();
    if (m_typed == 0)
        c.movePosition(QTextCursor::End);
    c.insertText(m_options.typeNote.mid(m_typed, 1));
    editor->setTextCursor(c);
    ++m_typed;
    QTimer::singleShot(m_options.typeIntervalMs, this, &AppController::typeNextCharacter);
}

void AppController::takeScreenshot()
{
    if (!m_window)
        return;
    m_window->raise();
    QApplication::processEvents();
    bool ok = true;
    if (!m_options.screenshot.isEmpty()) {
        ok = m_window->grab().save(m_options.screenshot, "PNG");
        if (!ok)
            qCritical("collab-desktop: cannot write %s", qPrintable(m_options.screenshot));
    }
    if (ok && !m_options.screenshotScreen.isEmpty()) {
        QScreen *screen = m_window->screen() ? m_window->screen() : QGuiApplication::primaryScreen();
        ok = screen && screen->grabWindow(0).save(m_options.screenshotScreen, "PNG");
        if (!ok)
            qCritical("collab-desktop: cannot write %s", qPrintable(m_options.screenshotScreen));
    }
    m_exitCode = ok ? 0 : 1;
    Q_EMIT finished(m_exitCode);
}

void AppController::fail(const QString &message)
{
    qCritical("collab-desktop: %s", qPrintable(message));
    m_exitCode = 1;
    Q_EMIT finished(1);
}

} // namespace collab::desktop
