#include "cli/clioptions.h"
#include "cli/clirunner.h"
#include "cli/signalwatcher.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

// collab-cli: the prototype's command-line client. All behaviour is in collab_cli_core.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
