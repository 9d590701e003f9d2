// collab-bench: a WebSocket load generator for collab-server. One thread, epoll, and a minimal
// RFC 6455 client (bench/load/wsclient.h) so that it stays cheaper than the server it measures
// on a shared machine. Prints one JSON line on stdout; progress and problems go to stderr.
#include "ackedlog.h"
#include "benchoptions.h"
#include "chatrun.h"
#include "connectrun.h"
#include "procstats.h"
#include "resultjson.h"

#include <QCoreApplication>
#include <QUrl>

#include <csignal>
#include <cstdio>

using namespace collab::bench;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("collab-bench"));
    std::signal(SIGPIPE, SIG_IGN);

    BenchOptions options;
    QString error;
    if (!parseBenchOptions(QCoreApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "collab-bench: %s\n", qPrintable(error));
        return 2;
    }
    const long files = raiseFileLimit();
    if (files >= 0 && files < options.connections + 64)
        std::fprintf(stderr, "collab-bench: warning: RLIMIT_NOFILE is %ld, fewer than %d connections need\n", files,
                     options.connections + 64);
    Endpoint endpoint;
    if (!resolveEndpoint(options, &endpoint, &error)) {
        std::fprintf(stderr, "collab-bench: %s\n", qPrintable(error));
        return 2;
    }

    // --url2: a second node (several nodes through Redis); the senders stay on the first.
    Endpoint second;
    if (!options.secondUrl.isEmpty()) {
        BenchOptions secondOptions = options;
        const QUrl url(options.secondUrl);
        secondOptions.host = url.host();
        secondOptions.port = quint16(url.port(80));
        secondOptions.path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
        if (!resolveEndpoint(secondOptions, &second, &error)) {
            std::fprintf(stderr, "collab-bench: %s\n", qPrintable(error));
            return 2;
        }
    }

    std::string line;
    bool ok = true;
    if (options.connectOnly) {
        ConnectRun run(options, endpoint);
        const ConnectResult r = run.run();
        line = connectResultJson(options, r);
        ok = r.connected == options.connections;
    } else {
        AckedLog ackedLog;
        std::string logError;
        if (!options.ackedLog.isEmpty() && !ackedLog.open(options.ackedLog.toStdString(), &logError)) {
            std::fprintf(stderr, "collab-bench: %s\n", logError.c_str());
            return 2;
        }
        ChatRun run(options, endpoint, options.secondUrl.isEmpty() ? nullptr : &second);
        if (ackedLog.isOpen())
            run.setAckedLog(&ackedLog);
        const ChatResult r = run.run();
        line = chatResultJson(options, r);
        ok = r.joined > 0 && !ackedLog.failed();
    }
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
    return ok ? 0 : 1;
}
