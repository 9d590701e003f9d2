#include "desktopoptions.h"

#include <QFile>

#include "client/servertrust.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace collab::desktop {

namespace {

QList<QCommandLineOption> optionTable()
{
    return {
        {QStringLiteral("server"), QStringLiteral("Server address (ws://HOST:PORT/ws, wss://... or https://HOST:PORT)."), QStringLiteral("url")},
        {QStringLiteral("ca-file"), QStringLiteral("Also trust the CA certificates in FILE (PEM) for wss://, e.g. a self-signed setup's CA."), QStringLiteral("file")},
        {QStringLiteral("user"), QStringLiteral("Display name."), QStringLiteral("name")},
        {QStringLiteral("course"), QStringLiteral("Course id, e.g. CECS327."), QStringLiteral("id")},
        {QStringLiteral("join-code"), QStringLiteral("The course's join code (default: $COLLAB_JOIN_CODE)."), QStringLiteral("code")},
        {QStringLiteral("host-demo"), QStringLiteral("Host the demo course in this app and open it.")},
        {QStringLiteral("local-only"), QStringLiteral("Hosted server: listen on 127.0.0.1 only.")},
        {QStringLiteral("port"), QStringLiteral("Hosted server port (default 8080; 0: any)."), QStringLiteral("port")},
        {QStringLiteral("data"), QStringLiteral("Hosted server data directory."), QStringLiteral("dir")},
        {QStringLiteral("screenshot"), QStringLiteral("Render the window to FILE (PNG) once connected, then exit."), QStringLiteral("file")},
        {QStringLiteral("screenshot-screen"), QStringLiteral("Render the whole screen to FILE once connected, then exit."), QStringLiteral("file")},
        {QStringLiteral("settle"), QStringLiteral("Milliseconds to wait after connecting before a screenshot (default 400)."), QStringLiteral("ms")},
        {QStringLiteral("geometry"), QStringLiteral("Window geometry WxH+X+Y."), QStringLiteral("geometry")},
        {QStringLiteral("type-note"), QStringLiteral("Type TEXT into the shared note after connecting (for demos)."), QStringLiteral("text")},
        {QStringLiteral("say"), QStringLiteral("Post TEXT in the first channel after connecting (repeatable; for demos)."), QStringLiteral("text")},
        {QStringLiteral("type-delay"), QStringLiteral("Milliseconds before --type-note starts."), QStringLiteral("ms")},
        {QStringLiteral("type-interval"), QStringLiteral("Milliseconds between --type-note characters (default 45)."), QStringLiteral("ms")},
        {QStringLiteral("settings"), QStringLiteral("Settings file to use instead of the user's."), QStringLiteral("file")},
        {QStringLiteral("export-icon"), QStringLiteral("Write the 256 px application icon to FILE (PNG) and exit."), QStringLiteral("file")},
        {QStringLiteral("token-file"), QStringLiteral("Where the tokens of claimed names are kept (default: $COLLAB_TOKEN_FILE, else ~/.local/share/CourseCollab/desktop-tokens.json)."), QStringLiteral("file")},
        {QStringLiteral("secret"), QStringLiteral("An instructor's secret, if the course requires one (default: $COLLAB_SECRET)."), QStringLiteral("secret")},
        {QStringLiteral("outbox"), QStringLiteral("File that keeps unsent messages across restarts."), QStringLiteral("file")},
        {QStringLiteral("admin-secret-file"), QStringLiteral("The server administrator's secret, read from FILE (a server's DATA/admin-secret; default: $COLLAB_ADMIN_SECRET): Course → New course, naming instructors."), QStringLiteral("file")},
    };
}

} // namespace

QString DesktopOptions::helpText()
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("CourseCollab desktop app: course chat and shared class notes."));
    p.addOptions(optionTable());
    p.addHelpOption();
    return p.helpText();
}

bool DesktopOptions::parse(const QStringList &arguments, DesktopOptions *out, QString *error, bool *help)
{
    QCommandLineParser p;
    p.addOptions(optionTable());
    const QCommandLineOption helpOption = p.addHelpOption();
    *help = false;
    if (!p.parse(arguments)) {
        *error = p.errorText();
        return false;
    }
    if (p.isSet(helpOption)) {
        *help = true;
        return true;
    }
    if (!p.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument: %1").arg(p.positionalArguments().first());
        return false;
    }
    DesktopOptions o;
    if (p.isSet(QStringLiteral("server"))) {
        o.server = client::webSocketUrl(QUrl(p.value(QStringLiteral("server"))));
        if (!o.server.isValid()) {
            *error = QStringLiteral("--server wants ws://HOST:PORT/ws, wss://HOST:PORT/ws or https://HOST:PORT");
            return false;
        }
    }
    if (p.isSet(QStringLiteral("ca-file"))) {
        o.caCertificates = client::loadCaFile(p.value(QStringLiteral("ca-file")), error);
        if (o.caCertificates.isEmpty())
            return false;
    }
    o.user = p.value(QStringLiteral("user"));
    o.course = p.value(QStringLiteral("course"));
    o.joinCode = p.isSet(QStringLiteral("join-code")) ? p.value(QStringLiteral("join-code"))
                                                      : qEnvironmentVariable("COLLAB_JOIN_CODE");
    o.hostDemo = p.isSet(QStringLiteral("host-demo"));
    o.localOnly = p.isSet(QStringLiteral("local-only"));
    if (p.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = p.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || port > 65535) {
            *error = QStringLiteral("--port wants 0-65535");
            return false;
        }
        o.port = int(port);
    }
    o.dataDir = p.value(QStringLiteral("data"));
    o.screenshot = p.value(QStringLiteral("screenshot"));
    o.screenshotScreen = p.value(QStringLiteral("screenshot-screen"));
    if (p.isSet(QStringLiteral("settle"))) {
        bool ok = false;
        o.settleMs = p.value(QStringLiteral("settle")).toInt(&ok);
        if (!ok || o.settleMs < 0) {
            *error = QStringLiteral("--settle wants milliseconds");
            return false;
        }
    }
    if (p.isSet(QStringLiteral("geometry"))) {
        static const QRegularExpression re(QStringLiteral("^(\\d+)x(\\d+)(?:\\+(\\d+)\\+(\\d+))?$"));
        const QRegularExpressionMatch m = re.match(p.value(QStringLiteral("geometry")));
        if (!m.hasMatch()) {
            *error = QStringLiteral("--geometry wants WxH+X+Y");
            return false;
        }
        o.geometry = QRect(m.captured(3).toInt(), m.captured(4).toInt(), m.captured(1).toInt(), m.captured(2).toInt());
    }
    o.typeNote = p.value(QStringLiteral("type-note"));
    o.say = p.values(QStringLiteral("say"));
    for (const auto &[name, target] : {std::pair<const char *, int *>{"type-delay", &o.typeDelayMs},
                                       std::pair<const char *, int *>{"type-interval", &o.typeIntervalMs}}) {
        const QString key = QLatin1String(name);
        if (!p.isSet(key))
            continue;
        bool ok = false;
        *target = p.value(key).toInt(&ok);
        if (!ok || *target < 0) {
            *error = QStringLiteral("--%1 wants milliseconds").arg(key);
            return false;
        }
    }
    o.settingsFile = p.value(QStringLiteral("settings"));
    o.outboxPath = p.value(QStringLiteral("outbox"));
    o.exportIcon = p.value(QStringLiteral("export-icon"));
    o.tokenFile = p.isSet(QStringLiteral("token-file")) ? p.value(QStringLiteral("token-file"))
                                                        : qEnvironmentVariable("COLLAB_TOKEN_FILE");
    o.secret = p.isSet(QStringLiteral("secret")) ? p.value(QStringLiteral("secret")) : qEnvironmentVariable("COLLAB_SECRET");
    // From a file or the environment only: an argument would show in `ps`.
    o.adminSecret = qEnvironmentVariable("COLLAB_ADMIN_SECRET");
    if (p.isSet(QStringLiteral("admin-secret-file"))) {
        QFile file(p.value(QStringLiteral("admin-secret-file")));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--admin-secret-file: cannot read %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        o.adminSecret = QString::fromUtf8(file.readAll()).trimmed();
    }
    if (o.server.isValid() && o.hostDemo) {
        *error = QStringLiteral("--server and --host-demo exclude each other");
        return false;
    }
    *out = o;
    return true;
}

} // namespace collab::desktop
