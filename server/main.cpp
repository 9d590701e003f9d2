// collab-server: the headless server. Everything it does lives in collab_server; this file only
// hands argv to ServerCommandLine (which merges flags, environment and configuration file) and
// starts a ServerInstance with the result.
#include "config/servercommandline.h"
#include "serverinstance.h"
#include "shutdownsignals.h"
#ifndef COLLAB_PORTABLE
#include "transport/fdlimit.h"
#endif

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTextStream>

#ifdef Q_OS_UNIX
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#endif

#include <csignal>
#include <cstdio>

using namespace collab::server;

namespace {

// Join codes and API keys are secrets: they go to a person at a terminal, or to whoever runs the
// demo, never into a service's journal (stdout of a systemd unit, a log file, a pipe).
void printWelcome(const ServerInstance &server, bool demo)
{
#ifdef Q_OS_WIN
    const bool showSecrets = demo || ::_isatty(::_fileno(stdout)) != 0;
#else
    const bool showSecrets = demo || ::isatty(STDOUT_FILENO) == 1;
#endif
    QTextStream out(stdout);
    out << "CourseCollab server listening on " << server.httpUrl() << "\n";
    out << "  WebSocket: " << server.webSocketUrl() << "\n";
    out << "  REST:      " << server.httpUrl() << "/api/v1  (OpenAPI: " << server.httpUrl() << "/openapi.json)\n";
    for (const CourseConfig &c : server.config().courses) {
        out << "  course " << c.id << " \"" << c.title << "\"";
        if (showSecrets)
            out << "  join code: " << c.joinCode;
        out << "\n";
    }
    if (!showSecrets && !server.config().courses.isEmpty())
        out << "  (join codes are in the configuration file: not printed, stdout is not a terminal)\n";
    // Demo mode (the built-in course or "demo": true): the instructors' secrets and the API keys,
    // but only where the join codes go too (a terminal, or the built-in demo).
    if (server.config().demoMode && showSecrets) {
        for (const CourseConfig &c : server.config().courses)
            for (auto it = c.instructorSecrets.cbegin(); it != c.instructorSecrets.cend(); ++it)
                out << "  instructor " << it.key() << " of " << c.id << ": secret " << it.value() << "\n";
        for (const ApiKeyConfig &k : server.config().apiKeys)
            out << "  API key (" << k.name << "): " << k.key << "\n";
    }
    if (!server.adminSecretFile().isEmpty())
        out << "  administrator: the secret in " << server.adminSecretFile()
            << " (collab-cli --admin-secret-file " << server.adminSecretFile() << " --create-course ID --title T ...)\n";
    if (demo && !server.config().courses.isEmpty())
        out << "Try: collab-cli --server " << server.webSocketUrl() << " --course CECS327 --username angie.nguyen"
            << " --join-code " << server.config().courses.first().joinCode << " --chat 'hello class'"
            << (server.isTls() ? " [--ca-file CA.pem: a private CA's certificate]" : "") << "\n";
    out.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("collab-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("CourseCollab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COLLAB_VERSION));

    ServerCommandLine commandLine;
    commandLine.process(app);
    const collab::Result<ServerOptions> resolved = commandLine.resolve(QProcessEnvironment::systemEnvironment());
    if (!resolved) {
        std::fprintf(stderr, "collab-server: %s\n", qPrintable(resolved.error().message));
        return 2;
    }
    const ServerOptions &options = resolved.value();

    if (commandLine.rebuildProjections()) {
        QStringList report;
        if (const QString error = ServerInstance::rebuildProjections(options, &report); !error.isEmpty()) {
            std::fprintf(stderr, "collab-server: --rebuild-projections: %s\n", qPrintable(error));
            return 1;
        }
        QTextStream(stdout) << "rebuilt the projections in " << options.dataDir << "\n  " << report.join(QStringLiteral("\n  "))
                            << "\n";
        return 0;
    }

#ifndef COLLAB_PORTABLE
    raiseFileDescriptorLimit();
#endif
#ifdef SIGXFSZ
    // Over a file-size limit (ulimit -f), writes should fail with EFBIG, which the store turns into
    // a retryable `unavailable`, instead of SIGXFSZ killing the server.
    std::signal(SIGXFSZ, SIG_IGN);
#endif
    ServerInstance server;
    const QString error = server.start(options);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "collab-server: %s\n", qPrintable(error));
        return 1;
    }
    printWelcome(server, !options.config.has_value());

    const std::unique_ptr<ShutdownSignals> signals = ShutdownSignals::create();
    QObject::connect(signals.get(), &ShutdownSignals::terminationRequested, &app, [](int) { QCoreApplication::quit(); });
    QObject::connect(signals.get(), &ShutdownSignals::reloadRequested, &server, [&server] {
        if (!server.isTls())
            return; // nothing else is reloaded: the configuration file is read at start only
        const QString error = server.reloadTls();
        if (error.isEmpty())
            std::fprintf(stderr, "collab-server: SIGHUP: TLS certificate and key reloaded; new connections use them\n");
        else
            std::fprintf(stderr, "collab-server: SIGHUP: TLS reload failed, still serving the previous certificate: %s\n",
                         qPrintable(error));
    });
    return app.exec();
}
