#pragma once

#include <QList>
#include <QRect>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace collab::desktop {

// collab-desktop's command line (see docs/desktop.md).
struct DesktopOptions
{
    QUrl server;          // --server: connect without the login dialog (with --user, --course, --join-code)
    QString user;
    QString course;
    QString joinCode;     // --join-code or $COLLAB_JOIN_CODE
    bool hostDemo = false; // --host-demo: host the demo course in-process and open it
    bool localOnly = false; // --local-only: the hosted server listens on 127.0.0.1 only
    int port = 8080;      // --port for --host-demo (0: any free port; a taken port falls back to any)
    QString dataDir;      // --data for --host-demo
    QString screenshot;   // --screenshot FILE: render the main window once ready, then exit
    QString screenshotScreen; // --screenshot-screen FILE: the whole screen (every window), then exit
    int settleMs = 400;   // --settle MS: after ready, before the screenshot (lets remote edits land)
    QRect geometry;       // --geometry WxH+X+Y
    QString typeNote;     // --type-note TEXT: type TEXT into the first note after connecting (demos)
    QStringList say;      // --say TEXT (repeatable): post TEXT in the first channel after connecting (demos)
    int typeDelayMs = 0;  // --type-delay MS before typing starts
    int typeIntervalMs = 45; // --type-interval MS between typed characters
    QString settingsFile; // --settings FILE instead of the user's settings
    QString outboxPath;   // --outbox FILE: keep unsent chat in FILE across restarts
    QString tokenFile;    // --token-file FILE (or $COLLAB_TOKEN_FILE): tokens of the names this user claimed
    QString secret;       // --secret (or $COLLAB_SECRET): an instructor's secret
    QString adminSecret;  // --admin-secret-file (or $COLLAB_ADMIN_SECRET): the server administrator's
    QList<QSslCertificate> caCertificates; // --ca-file FILE: trusted for wss besides the system's CAs
    QString exportIcon;   // --export-icon FILE: write the 256 px icon as PNG and exit (packaging)

    // Parses `arguments` (argv); false with `error` set on bad input. `help` for --help.
    static bool parse(const QStringList &arguments, DesktopOptions *out, QString *error, bool *help);
    static QString helpText();
    bool directConnect() const { return server.isValid() && !user.isEmpty() && !course.isEmpty(); }
};

} // namespace collab::desktop
