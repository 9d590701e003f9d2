#include "config/servercommandline.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace collab::server {

namespace {

ProtocolError invalid(const QString &message) { return ProtocolError::make(ErrorCode::InvalidValue, message); }

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

} // namespace

ServerCommandLine::ServerCommandLine()
{
    m_parser.setApplicationDescription(
        QStringLiteral("CourseCollab server: course chat and shared notes over WebSocket and REST."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOption({QStringLiteral("listen"), QStringLiteral("Address and port to listen on (port 0: any free port)."),
                        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080")});
    m_parser.addOption({QStringLiteral("data"), QStringLiteral("Directory for the database (default: the user's application data directory)."),
                        QStringLiteral("DIR")});
    m_parser.addOption({QStringLiteral("config"), QStringLiteral("Configuration file (JSON, see docs/operations.md). "
                                                                 "Without it: the demo course CECS327."),
                        QStringLiteral("FILE")});
    m_parser.addOption({QStringLiteral("demo"), QStringLiteral("A demonstration: allow instructors listed without a secret in "
                                                               "--config (whoever joins first under such a name is the "
                                                               "instructor). Same as \"demo\": true in the file.")});
    m_parser.addOption({QStringLiteral("full-sync"), QStringLiteral("fsync every commit: survive power loss, not only a crash.")});
    m_parser.addOption({QStringLiteral("redis"), QStringLiteral("Share the courses with other nodes through this Redis "
                                                                "(redis://HOST:PORT[/DB], or behind Sentinel "
                                                                "redis-sentinel://HOST:PORT,HOST:PORT/MASTERNAME[/DB]; see "
                                                                "docs/operations.md)."),
                        QStringLiteral("URL")});
    m_parser.addOption({QStringLiteral("redis-min-replicas"),
                        QStringLiteral("With --redis: acknowledge an event only once N replicas have it (WAIT); fewer "
                                       "reachable: writes are refused as unavailable (retryable)."),
                        QStringLiteral("N")});
    m_parser.addOption({QStringLiteral("presence-ttl"), QStringLiteral("With --redis: milliseconds after which the users of a "
                                                                       "node that stopped answering count as offline."),
                        QStringLiteral("MS"), QStringLiteral("10000")});
    m_parser.addOption({QStringLiteral("redis-require-fsync"),
                        QStringLiteral("With --redis: refuse to start unless Redis runs with appendonly yes and appendfsync "
                                       "always (without it, a node only warns).")});
    m_parser.addOption({QStringLiteral("tls-cert"), QStringLiteral("Serve https and wss: the certificate chain (PEM: the server's "
                                                                   "certificate, then intermediates). Needs --tls-key."),
                        QStringLiteral("FILE")});
    m_parser.addOption({QStringLiteral("tls-key"), QStringLiteral("The private key of --tls-cert (PEM, unencrypted)."),
                        QStringLiteral("FILE")});
    m_parser.addOption({QStringLiteral("transport"),
                        QStringLiteral("What carries the port: engine (the Linux epoll/io_uring engine, the default where it "
                                       "is built) or portable (Qt's QTcpServer, QSslSocket and QWebSocketServer, as the desktop "
                                       "app hosts). Default: the COLLAB_TRANSPORT environment variable, else the engine."),
                        QStringLiteral("NAME")});
    m_parser.addOption({QStringLiteral("rebuild-projections"),
                        QStringLiteral("Drop every read projection (messages, members, kicks, notes) and build it again from "
                                       "the event log (DATA/collab.db, or the log in Redis with --redis), print what was "
                                       "rebuilt, and exit. Stop the server using DATA first.")});
}

void ServerCommandLine::process(const QCoreApplication &app) { m_parser.process(app); }

bool ServerCommandLine::parse(const QStringList &arguments) { return m_parser.parse(arguments); }

QString ServerCommandLine::value(const char *flag) const { return m_parser.value(QLatin1String(flag)); }

bool ServerCommandLine::isSet(const char *flag) const { return m_parser.isSet(QLatin1String(flag)); }

Result<ServerOptions> ServerCommandLine::resolve(const QProcessEnvironment &environment) const
{
    ServerOptions options;
    if (!parseListen(value("listen"), &options.address, &options.port))
        return invalid(QStringLiteral("--listen wants HOST:PORT, e.g. 127.0.0.1:8080"));
    // The default depends on the application name, so it is read here, not when the flag is declared.
    options.dataDir = isSet("data") ? value("data") : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.fullSync = isSet("full-sync");

    if (isSet("config")) {
        Result<ServerConfig> config = ServerConfig::load(value("config"));
        if (!config)
            return config.error();
        options.config = std::move(config).value();
        // A switch can only turn demo mode on: the file's true stays true without the flag.
        options.config->demoMode = options.config->demoMode || isSet("demo");
    }
    const ServerConfig file = options.config.value_or(ServerConfig{});

    if (isSet("tls-cert") != isSet("tls-key"))
        return invalid(QStringLiteral("--tls-cert and --tls-key go together"));
    options.tls = isSet("tls-cert") ? TlsConfig{value("tls-cert"), value("tls-key")} : file.tls;

    const QString transportName = isSet("transport") ? value("transport") : environment.value(QStringLiteral("COLLAB_TRANSPORT"));
    if (!transportName.isEmpty()) {
        const std::optional<TransportKind> kind = transportKindFromName(transportName);
        if (!kind)
            return invalid(QStringLiteral("--transport wants engine or portable (got '%1')").arg(transportName));
        if (*kind == TransportKind::Engine && !engineTransportAvailable())
            return invalid(QStringLiteral("--transport engine: this build has no Linux engine (COLLAB_PORTABLE)"));
        options.transportKind = *kind;
    }

    bool ttlOk = false;
    const int presenceTtlMs = value("presence-ttl").toInt(&ttlOk);
    if (!ttlOk || presenceTtlMs < 1000)
        return invalid(QStringLiteral("--presence-ttl wants milliseconds, 1000 or more (got '%1')").arg(value("presence-ttl")));

    // No flag for the administrator's secret either (ps): the environment, else the file, else DATA/admin-secret.
    options.adminSecret = environment.value(QStringLiteral("COLLAB_ADMIN_SECRET"));
    if (!options.adminSecret.isEmpty() && (options.adminSecret.size() < 16 || options.adminSecret.size() > 256))
        return invalid(QStringLiteral("COLLAB_ADMIN_SECRET must have 16 to 256 characters"));

    options.redisUrl = isSet("redis") ? value("redis") : file.redis.url;
    if (!options.redisUrl.isEmpty()) {
        // No flag for the password: a command line is visible to every user in `ps`.
        const QString environmentPassword = environment.value(QStringLiteral("REDIS_PASSWORD"));
        options.redisPassword = (environmentPassword.isEmpty() ? file.redis.password : environmentPassword).toUtf8();
        options.presenceTtlMs = presenceTtlMs;
        // A switch can only turn the check on: the file's true stays true without the flag.
        options.redisRequireFsync = isSet("redis-require-fsync") || file.redis.requireFsync;
        const QString environmentSentinelPassword = environment.value(QStringLiteral("REDIS_SENTINEL_PASSWORD"));
        options.redisSentinelPassword =
            (environmentSentinelPassword.isEmpty() ? file.redis.sentinelPassword : environmentSentinelPassword).toUtf8();
        options.redisMinReplicas = file.redis.minReplicas;
        if (isSet("redis-min-replicas")) {
            bool ok = false;
            options.redisMinReplicas = value("redis-min-replicas").toInt(&ok);
            if (!ok || options.redisMinReplicas < 0 || options.redisMinReplicas > RedisConfig::MaxMinReplicas)
                return invalid(QStringLiteral("--redis-min-replicas wants a number from 0 to %1 (got '%2')")
                                   .arg(RedisConfig::MaxMinReplicas)
                                   .arg(value("redis-min-replicas")));
        }
    }
    return options;
}

} // namespace collab::server
