#include "appcontroller.h"

#include "courselist.h"
#include "coursemembership.h"
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
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

namespace collab::desktop {

namespace {
constexpr int kScreenshotTimeoutMs = 30000;
} // namespace

AppController::AppController(const DesktopOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_settings(std::make_unique<DesktopSettings>(options.settingsFile)),
      m_courses(std::make_unique<CourseList>())
{
}

AppController::~AppController()
{
    delete m_window;
    m_courses.reset(); // the clients go before the server they talk to
    m_host.reset();
}

MainWindow *AppController::window() const { return m_window.data(); }

CourseSession *AppController::session() const { return m_courses->current(); }

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
        reopenCourses(false); // the hosted course stays the one shown
        return true;
    }
    if (m_options.directConnect()) {
        open(SessionParams{m_options.server, m_options.user, m_options.course, m_options.joinCode, m_options.outboxPath});
        reopenCourses(false);
        return true;
    }
    if (screenshot) {
        qCritical("collab-desktop: --screenshot needs --host-demo or --server/--user/--course");
        m_exitCode = 2;
        return false;
    }
    // The courses open at the last exit come back without the login dialog.
    if (keepsOpenCourses() && !m_settings->openCourses().isEmpty()) {
        reopenCourses(true);
        return true;
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
    if (!m_courses->isEmpty()) // the --outbox given is the first course's
        params.outboxPath.clear();
    open(params, true);
    m_window->setHostInfo(m_host->shareUrl(), joinCode);
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

CourseSession *AppController::open(const SessionParams &given, bool hosted)
{
    if (CourseSession *open = m_courses->find(given.url.toString(), given.user, given.course)) {
        m_courses->setCurrent(open); // joined twice under one name: the same course, shown
        return open;
    }
    SessionParams params = given;
    if (params.outboxPath.isEmpty() && !screenshotMode())
        params.outboxPath = defaultOutboxPath(params); // per server, name and course: never shared
    if (params.notesDir.isEmpty() && !screenshotMode())
        params.notesDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("notes"));
    if (params.tokenPath.isEmpty())
        params.tokenPath = tokenFile();
    if (m_vault && !params.tokenStore)
        params.tokenStore = m_vault->tokenStore();
    if (params.secret.isEmpty() && m_courses->isEmpty())
        params.secret = m_options.secret; // --secret is the first course's
    if (params.secret.isEmpty() && m_vault) // typed once, on an earlier run
        params.secret = m_vault->instructorSecret(params.url.toString(), params.course, params.user);
    if (params.adminSecret.isEmpty())
        params.adminSecret = m_options.adminSecret;
    if (params.caCertificates.isEmpty())
        params.caCertificates = m_options.caCertificates;
    CourseSession *session = m_courses->add(std::make_unique<CourseSession>(params), hosted);
    if (!m_primary)
        m_primary = session;
    connect(session, &CourseSession::readyChanged, this, [this, session] { onReady(session); });
    if (m_vault && !params.secret.isEmpty()) {
        // The secret worked once the course is joined: kept, so it is not typed again.
        connect(session, &CourseSession::readyChanged, this, [this, session, params] {
            if (m_vault && session->isReady())
                m_vault->saveInstructorSecret(params.url.toString(), params.course, params.user, params.secret);
        });
    }
    connect(session, &CourseSession::joinFailed, this, [this, session](const QString &why) { onJoinFailed(session, why); });
    openWindow();
    m_courses->setCurrent(session);
    session->start();
    return session;
}

void AppController::openWindow()
{
    if (m_window)
        return;
    m_window = new MainWindow(m_courses.get());
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    m_window->restoreLayout(m_settings.get()); // where the user left it; --geometry wins
    if (m_options.geometry.isValid()) {
        m_window->resize(m_options.geometry.size());
        m_window->move(m_options.geometry.topLeft());
    }
    // File → Join course…: a course beside the others, on this server or another one.
    connect(m_window->membership(), &CourseMembership::joinRequested, this,
            [this](const QString &server, const QString &name, const QString &course, const QString &code, const QString &secret) {
                SessionParams params{client::webSocketUrl(QUrl(server)), name, course, code, QString()};
                params.secret = secret;
                open(params);
            });
    // A course created from the Course menu opens beside the others, as its instructor; a hosted
    // one through openHosted, which also keeps it for the next start (hosted-courses.json).
    connect(m_window->courseMenu(), &CourseMenu::courseCreated, this, [this](const QString &course, const QString &code, const QString &secret) {
        CourseSession *from = m_courses->current();
        if (!from)
            return;
        const bool hosted = m_host && m_courses->isHosted(from);
        SessionParams next = from->params();
        next.course = course;
        next.joinCode = code;
        next.secret = secret;
        next.outboxPath.clear(); // one per course (defaultOutboxPath)
        next.tokenStore.reset();
        QTimer::singleShot(0, this, [this, next, hosted] {
            if (hosted && m_host)
                openHosted(next.course, next.joinCode, next.user, next.secret);
            else
                open(next);
        });
    });
    connect(m_courses.get(), &CourseList::added, this, &AppController::saveOpenCourses);
    connect(m_courses.get(), &CourseList::removed, this, &AppController::saveOpenCourses);
    connect(m_courses.get(), &CourseList::currentChanged, this, &AppController::saveOpenCourses);
    m_window->show();
}

void AppController::onJoinFailed(CourseSession *session, const QString &why)
{
    if (session == m_primary && (screenshotMode() || m_options.directConnect() || m_options.hostDemo)) {
        fail(tr("cannot join: %1").arg(why));
        return;
    }
    if (m_courses->count() > 1) {
        // One course of several (joined from the window, or reopened): the others stay; this one
        // goes, and the window says why.
        const QString course = session->course();
        QTimer::singleShot(0, this, [this, session = QPointer<CourseSession>(session), course, why] {
            if (session && m_courses->count() > 1)
                m_courses->leave(session);
            if (m_window)
                m_window->statusBar()->showMessage(tr("Could not join %1: %2").arg(course, why), 15000);
        });
        return;
    }
    // The only course: the login form again, with the reason; the course is closed (the one
    // joined next takes its place).
    QPointer<MainWindow> w = m_window;
    QTimer::singleShot(0, this, [this, why, w, session = QPointer<CourseSession>(session)] {
        if (w)
            w->hide();
        if (session)
            m_courses->leave(session);
        if (!runLogin(tr("Could not join: %1").arg(why)))
            Q_EMIT finished(0);
    });
}

bool AppController::keepsOpenCourses() const
{
    // A screenshot run neither opens nor changes the user's courses, unless given its own settings.
    return !screenshotMode() || !m_options.settingsFile.isEmpty();
}

void AppController::saveOpenCourses()
{
    if (m_restoring || !keepsOpenCourses())
        return;
    QList<DesktopSettings::OpenCourse> list;
    int current = -1;
    for (CourseSession *s : m_courses->sessions()) {
        if (m_courses->isHosted(s)) // hosting opens it again (the server's port may differ)
            continue;
        if (s == m_courses->current())
            current = int(list.size());
        list.append({s->params().url.toString(), s->user(), s->course(), s->joinCode()});
    }
    m_settings->rememberOpenCourses(list, current);
}

void AppController::reopenCourses(bool makeCurrent)
{
    if (!keepsOpenCourses())
        return;
    const QList<DesktopSettings::OpenCourse> saved = m_settings->openCourses();
    const int current = m_settings->currentCourse();
    CourseSession *shown = m_courses->current();
    m_restoring = true;
    for (int i = 0; i < saved.size(); ++i) {
        const DesktopSettings::OpenCourse &c = saved.at(i);
        CourseSession *s = open(SessionParams{QUrl(c.server), c.user, c.course, c.joinCode, QString()});
        if (makeCurrent && (i == current || !shown))
            shown = s;
    }
    m_restoring = false;
    if (shown)
        m_courses->setCurrent(shown);
    saveOpenCourses();
}

void AppController::onReady(CourseSession *session)
{
    if (session != m_primary || !session->isReady())
        return;
    for (const QString &text : std::as_const(m_options.say))
        session->sendMessage(text);
    if (!m_options.typeNote.isEmpty())
        QTimer::singleShot(m_options.typeDelayMs, this, &AppController::typeNextCharacter);
    if (m_options.screenshot.isEmpty() && m_options.screenshotScreen.isEmpty())
        return;
    QTimer::singleShot(m_options.settleMs, this, &AppController::takeScreenshot);
}

void AppController::typeNextCharacter()
{
    if (!m_window || !m_primary || m_typed >= m_options.typeNote.size() || m_primary->noteNames().isEmpty())
        return;
    NotesPanel *notes = m_window->notesPanel(m_primary);
    NoteEditor *editor = notes ? notes->editor(m_primary->noteNames().first()) : nullptr;
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
