// collab-server: the headless server. Everything it does lives in collab_server; this file only
// reads the command line and wires a ServerInstance to it.
#include "config/serverconfig.h"
#include "serverinstance.h"
#include "transport/wslistener.h"
#include "unixsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <cstdio>

using namespace collab::server;

namespace {

bool parseListen(const QString &value, QHostAddress *address, quint16 *port)
{
    const int colon = value.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = value.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = value.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    if (host == QLatin1String("localhost"))
        *address = QHostAddress::LocalHost;
    else if (host == QLatin1String("*") || host == QLatin1String("0.0.0.0"))
        *address = QHostAddress::AnyIPv4;
    else if (!address->setAddress(host))
        return false;
    *port = quint16(p);
    return true;
}

void printWelcome(const ServerInstance &server, bool demo)
{
    QTextStream out(stdout);
    out << "CourseCollab server listening on " << server.httpUrl() << "\n";
    out << "  WebSocket: " << server.webSocketUrl() << "\n";
    out << "  REST:      " << server.httpUrl() << "/api/v1  (OpenAPI: " << server.httpUrl() << "/openapi.json)\n";
    for (const CourseConfig &c : server.config().courses)
        out << "  course " << c.id << " \"" << c.title << "\"  join code: " << c.joinCode << "\n";
    if (demo)
        for (const ApiKeyConfig &k : server.config().apiKeys)
            out << "  API key (" << k.name << "): " << k.key << "\n";
    if (demo && !server.config().courses.isEmpty())
        out << "Try: collab-cli --server " << server.webSocketUrl() << " --course CECS327 --username angie.nguyen"
            << " --join-code " << server.config().courses.first().joinCode << " --chat 'hello class'"
            << (server.isTls() ? " [--ca-file CA.pem: a private CA's certificate]" : "") << "\n";
    out.flush();
}

// The Redis password: REDIS_PASSWORD, else "redis": {"password": ...} in the configuration file.
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("collab-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("CourseCollab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COLLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CourseCollab server: course chat and shared notes over WebSocket and REST."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("listen"), QStringLiteral("Address and port to listen on (port 0: any free port)."),
                      QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080")});
    parser.addOption({QStringLiteral("data"), QStringLiteral("Directory for the database."), QStringLiteral("DIR"),
                      QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)});
    parser.addOption({QStringLiteral("config"), QStringLiteral("Configuration file (JSON, see docs/operations.md). "
                                                               "Without it: the demo course CECS327."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("full-sync"), QStringLiteral("fsync every commit: survive power loss, not only a crash.")});
    parser.addOption({QStringLiteral("redis"), QStringLiteral("Share the courses with other nodes through this Redis "
                                                              "(redis://HOST:PORT[/DB]; see docs/operations.md)."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("presence-ttl"), QStringLiteral("With --redis: milliseconds after which the users of a "
                                                                     "node that stopped answering count as offline."),
                      QStringLiteral("MS"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("redis-require-fsync"),
                      QStringLiteral("With --redis: refuse to start unless Redis runs with appendonly yes and appendfsync "
                                     "always (without it, a node only warns).")});
    parser.addOption({QStringLiteral("tls-cert"), QStringLiteral("Serve https and wss: the certificate chain (PEM: the server's "
                                                                 "certificate, then intermediates). Needs --tls-key."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("tls-key"), QStringLiteral("The private key of --tls-cert (PEM, unencrypted)."),
                      QStringLiteral("FILE")});
    parser.process(app);

    ServerInstance::Options options;
    if (!parseListen(parser.value(QStringLiteral("listen")), &options.address, &options.port)) {
        std::fprintf(stderr, "collab-server: --listen wants HOST:PORT, e.g. 127.0.0.1:8080\n");
        return 2;
    }
    options.dataDir = parser.value(QStringLiteral("data"));
    options.fullSync = parser.isSet(QStringLiteral("full-sync"));
    if (parser.isSet(QStringLiteral("config"))) {
        auto config = ServerConfig::load(parser.value(QStringLiteral("config")));
        if (!config) {
            std::fprintf(stderr, "collab-server: %s\n", qPrintable(config.error().message));
            return 2;
        }
        options.config = config.value();
    }

    if (parser.isSet(QStringLiteral("tls-cert")) != parser.isSet(QStringLiteral("tls-key"))) {
        std::fprintf(stderr, "collab-server: --tls-cert and --tls-key go together\n");
        return 2;
    }
    options.tls.certificateFile = parser.value(QStringLiteral("tls-cert"));
    options.tls.keyFile = parser.value(QStringLiteral("tls-key"));

    bool ttlOk = false;
    const int presenceTtlMs = parser.value(QStringLiteral("presence-ttl")).toInt(&ttlOk);
    if (!ttlOk || presenceTtlMs < 1000) {
        std::fprintf(stderr, "collab-server: --presence-ttl wants milliseconds, 1000 or more (got '%s')\n",
                     qPrintable(parser.value(QStringLiteral("presence-ttl"))));
        return 2;
    }
    const RedisConfig redis = options.config ? options.config->redis : RedisConfig{};
    options.redisUrl = parser.isSet(QStringLiteral("redis")) ? parser.value(QStringLiteral("redis")) : redis.url;
    if (!options.redisUrl.isEmpty()) {
        const QByteArray environmentPassword = qgetenv("REDIS_PASSWORD");
        options.redisPassword = environmentPassword.isEmpty() ? redis.password.toUtf8() : environmentPassword;
        options.presenceTtlMs = presenceTtlMs;
        options.redisRequireFsync = parser.isSet(QStringLiteral("redis-require-fsync")) || redis.requireFsync;
    }

    raiseFileDescriptorLimit();
    // Over a file-size limit (ulimit -f), writes should fail with EFBIG, which the store turns into
    // a retryable `unavailable`, instead of SIGXFSZ killing the server.
    std::signal(SIGXFSZ, SIG_IGN);
    ServerInstance server;
    const QString error = server.start(options);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "collab-server: %s\n", qPrintable(error));
        return 1;
    }
    printWelcome(server, !options.config.has_value());

    UnixSignals signals;
    QObject::connect(&signals, &UnixSignals::terminationRequested, &app, [](int) { QCoreApplication::quit(); });
    QObject::connect(&signals, &UnixSignals::reloadRequested, &server, [&server] {
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
