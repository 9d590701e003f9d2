#include "cli/clioptions.h"
#include "cli/clirunner.h"
#include "cli/signalwatcher.h"

#include <QCoreApplication>
#include <QTextStream>
#ifdef COLLAB_CLI_RICHTEXT
#include <QGuiApplication>
#endif

#include <cstdio>
#include <cstring>
#include <memory>

namespace {
// --export-note to html or pdf lays the note out with QtGui (fonts, QPdfWriter) and typesets its
// math in Qt WebEngine: that needs a QGuiApplication, offscreen when there is no display. Every
// other action stays a plain QCoreApplication.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char *argv[])
{
#ifdef COLLAB_CLI_RICHTEXT
    bool exporting = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--export-note") == 0 || std::strncmp(argv[i], "--export-note=", 14) == 0)
            exporting = true;
    }
    if (exporting) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
            && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
        return std::make_unique<QGuiApplication>(argc, argv);
    }
#endif
    return std::make_unique<QCoreApplication>(argc, argv);
}
} // namespace

// collab-cli: the prototype's command-line client. All behaviour is in collab_cli_core.
int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> application = makeApplication(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("collab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    QTextStream out(stdout);
    QTextStream err(stderr);

    using namespace collab::cli;
    const ParseOutcome parsed = parseCommandLine(QCoreApplication::arguments(), qEnvironmentVariable("COLLAB_JOIN_CODE"));
    switch (parsed.status) {
    case ParseOutcome::Status::Help:
        out << helpText();
        return ExitOk;
    case ParseOutcome::Status::Version:
        out << "collab-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    case ParseOutcome::Status::Error:
        err << "collab-cli: " << parsed.error << " (see --help)" << Qt::endl;
        return ExitUsage;
    case ParseOutcome::Status::Run:
        break;
    }

    SignalWatcher signals;
    CliRunner runner(parsed.options, &out, &err);
    QObject::connect(&signals, &SignalWatcher::terminationRequested, &runner, &CliRunner::interrupt);
    QObject::connect(&runner, &CliRunner::finished, &app, &QCoreApplication::exit);
    runner.start();
    return app.exec();
}
