#include "serverinstance.h"

#include "bus/bus.h"
#include "datadirectory.h"
#include "demoseed.h"
#include "hub/courseadmin.h"
#include "hub/coursecatalog.h"
#include "hub/hub.h"
#include "identity/identityregistry.h"
#include "logging.h"
#include "redis/redisnode.h"
#include "rest/httpfrontend.h"
#include "rest/restapi.h"
#include "store/projections.h"
#include "store/sqliteeventlog.h"
#include "transport/tlscredentials.h"
#include "transport/transport.h"
#include "ws/wsgateway.h"

#include <QDir>
#include <QFile>
#include <QLockFile>

namespace collab::server {

namespace {

HttpLimits httpLimits(const LimitsConfig &config, const FilesConfig &files)
{
    HttpLimits limits;
    limits.maxUploadBytes = files.maxFileBytes;
    for (auto it = files.courses.cbegin(); it != files.courses.cend(); ++it)
        limits.uploadBytesByCourse.insert(it.key(), it.value().first);
    limits.connectionsPerAddress = config.httpConnectionsPerAddress;
    limits.idleTimeoutMs = config.httpIdleTimeoutMs;
    limits.requestTimeoutMs = config.httpRequestTimeoutMs;
    return limits;
}

} // namespace

ServerInstance::ServerInstance(QObject *parent) : QObject(parent) {}

ServerInstance::~ServerInstance()
{
    if (m_log)
        m_log->flush();
    // The HTTP thread forwards requests to m_rest: stop it first.
    m_gateway.reset();
    m_transport.reset();
    m_http.reset();
    m_rest.reset();
    m_hub.reset();
    m_bus.reset();
    m_redis.reset();
    m_log.reset();
}

namespace {

// The configuration a server runs with: the given one, or the demo course.
Result<ServerConfig> effectiveConfig(const ServerInstance::Options &options)
{
    if (options.config)
        return *options.config;
    return ServerConfig::demo(options.dataDir);
}

QStringList courseIds(const ServerConfig &config)
{
    QStringList courses;
    for (const CourseConfig &c : config.courses)
        courses << c.id;
    return courses;
}

RedisOptions redisOptions(const ServerInstance::Options &options)
{
    RedisOptions redis;
    redis.url = options.redisUrl;
    redis.password = options.redisPassword;
    redis.presenceTtlMs = options.presenceTtlMs;
    redis.requireFsync = options.redisRequireFsync;
    redis.sentinelPassword = options.redisSentinelPassword;
    redis.minReplicas = options.redisMinReplicas;
    return redis;
}

// The administrator's secret when neither the options nor the configuration give one: made once,
// kept in DATA/admin-secret (0600), so the local user who runs the server is its administrator.
QString loadAdminSecret(const QString &dataDir, QString *error)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("admin-secret"));
    QFile in(path);
    if (in.open(QIODevice::ReadOnly)) {
        const QString secret = QString::fromUtf8(in.readAll()).trimmed();
        if (secret.size() >= 16)
            return secret;
    }
    const QString secret = CourseAdmin::newSecret(6);
    if (const QString e = datadirectory::createPrivateFile(path); !e.isEmpty()) {
        *error = e;
        return {};
    }
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(secret.toUtf8() + '\n') < 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, out.errorString());
        return {};
    }
    return secret;
}

QString logPath(const ServerInstance::Options &options)
{
    return QDir(options.dataDir).filePath(QStringLiteral("collab.db"));
}

// One process at a time in a data directory: two servers would hand out the same seqs, and a
// rebuild would drop the tables a running server writes to. The lock of a process that died
// (kill -9) is stale and taken over.
std::unique_ptr<QLockFile> lockDataDir(const QString &dataDir, QString *error)
{
    auto lock = std::make_unique<QLockFile>(QDir(dataDir).filePath(QStringLiteral("collab-server.lock")));
    lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    if (lock->tryLock(0)) {
        QFile::setPermissions(lock->fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner); // datadirectory.h
        return lock;
    }
    qint64 pid = 0;
    QString host;
    QString application;
    lock->getLockInfo(&pid, &host, &application);
    *error = lock->error() == QLockFile::LockFailedError
                 ? QStringLiteral("%1 is in use by another server (process %2 on %3); stop it first").arg(dataDir).arg(pid).arg(host)
                 : QStringLiteral("cannot lock %1 (%2)").arg(dataDir, lock->fileName());
    return nullptr;
}

} // namespace

QString ServerInstance::rebuildProjections(const Options &options, QStringList *report)
{
    if (!QDir(options.dataDir).exists())
        return QStringLiteral("no data directory %1").arg(options.dataDir);
    QString lockError;
    const std::unique_ptr<QLockFile> lock = lockDataDir(options.dataDir, &lockError);
    if (!lock)
        return lockError;
    if (!options.redisUrl.isEmpty()) { // the courses to copy from Redis are those of the configuration
        Result<ServerConfig> config = effectiveConfig(options);
        if (!config)
            return config.error().message;
        return RedisNode::rebuildProjections(redisOptions(options), options.dataDir,
                                             QStringList{CourseCatalog::Stream} + courseIds(config.value()), report);
    }

    if (!QFile::exists(logPath(options)))
        return QStringLiteral("no event log at %1").arg(logPath(options));
    SqliteEventLog::Options open{logPath(options), options.fullSync};
    open.rebuildProjections = true;
    SqliteEventLog log;
    if (const QString e = log.open(open); !e.isEmpty())
        return e;
    for (const QString &course : log.courses())
        *report << QStringLiteral("course %1: %2 events").arg(course).arg(log.lastSeq(course));
    *report << QStringLiteral("replayed %1 events into: %2").arg(log.replayedEvents()).arg(log.rebuiltProjections().join(QStringLiteral(", ")));
    *report << log.projectionRowCounts();
    return {};
}

QString ServerInstance::start(const Options &options)
{
    m_options = options;
    if (const QString e = datadirectory::preparePrivate(options.dataDir); !e.isEmpty())
        return e;
    QString lockError;
    m_dataLock = lockDataDir(options.dataDir, &lockError);
    if (!m_dataLock)
        return lockError;

    Result<ServerConfig> effective = effectiveConfig(options);
    if (!effective)
        return effective.error().message;
    ServerConfig config = std::move(effective).value();
    // An instructor without a secret would be whoever joins first under that name: only in a demo.
    if (const QString unclaimed = config.unclaimedInstructorsError(); !unclaimed.isEmpty())
        return unclaimed;
    if (!options.adminSecret.isEmpty()) {
        config.adminSecretHash = secretHash(options.adminSecret);
    } else if (config.adminSecretHash.isEmpty()) {
        QString error;
        const QString secret = loadAdminSecret(options.dataDir, &error);
        if (secret.isEmpty())
            return error;
        config.adminSecretHash = secretHash(secret);
        m_adminSecretFile = QDir(options.dataDir).filePath(QStringLiteral("admin-secret"));
    }

    // Before the store is touched: a bad certificate or key refuses to start with one line.
    const TlsConfig tls = options.tls.enabled() ? options.tls : config.tls;
    QSslConfiguration tlsConfiguration;
    if (tls.enabled()) {
        QString error;
        tlsConfiguration = TlsCredentials::load(tls.certificateFile, tls.keyFile, &error);
        if (tlsConfiguration.isNull())
            return error;
        m_tlsFiles = tls;
    }

    // Attachments: DATA/files unless the configuration names a (shared) directory.
    if (config.files.directory.isEmpty())
        config.files.directory = QDir(options.dataDir).filePath(QStringLiteral("files"));

    if (!options.redisUrl.isEmpty()) {
        m_redis = std::make_unique<RedisNode>();
        // The catalogue stream first: courses created at run time are named there.
        if (const QString e = m_redis->start(redisOptions(options), options.dataDir, QStringList{CourseCatalog::Stream} + courseIds(config));
            !e.isEmpty())
            return e;
        // Claims (names and note replica ids) are shared by the nodes, and so is presence.
        m_hub = std::make_unique<Hub>(std::move(config), HubServices{m_redis->log(), m_redis->projections(), m_redis->bus(),
                                                                     m_redis->claims(), m_redis->replicaClaims(),
                                                                     &m_redis->presence()});
        m_redis->startInbox(*m_hub);
        // A course created on any node: this node follows its stream from now on.
        connect(m_hub.get(), &Hub::courseCreated, m_redis.get(), &RedisNode::addCourse);
    } else {
        m_log = std::make_unique<SqliteEventLog>();
        if (const QString e = datadirectory::createPrivateFile(logPath(options)); !e.isEmpty())
            return e;
        if (const QString e = m_log->open({logPath(options), options.fullSync}); !e.isEmpty())
            return e;
        m_bus = std::make_unique<LocalBus>();
        m_identity = std::make_unique<IdentityRegistry>();
        const QString identityPath = QDir(options.dataDir).filePath(QStringLiteral("identity.db"));
        if (const QString e = datadirectory::createPrivateFile(identityPath); !e.isEmpty())
            return e;
        if (const QString e = m_identity->open(identityPath); !e.isEmpty())
            return e;
        m_hub = std::make_unique<Hub>(std::move(config), HubServices{*m_log, m_log->projections(), *m_bus, *m_identity, *m_identity});
    }

    m_http = std::make_unique<HttpFrontend>(httpLimits(m_hub->config().limits, m_hub->config().files));
    WsLimits transport = options.transport;
    transport.maxPendingPerAddress = m_hub->config().limits.maxConnectionsPerAddress;
    QString transportError;
    m_transport = makeTransport(options.transportKind, *m_http, transport, &transportError);
    if (!m_transport)
        return transportError;
    if (tls.enabled())
        m_transport->setTlsConfiguration(tlsConfiguration);
    m_gateway = std::make_unique<WsGateway>(*m_hub, *m_transport, m_metrics);
    m_rest = std::make_unique<RestApi>(
        *m_http, *m_hub, m_metrics,
        ListenerGauges{[this] { return connectionCount(); },
                       [this] { return m_transport ? m_transport->pendingRefused() : quint64(0); }});
    m_http->start();

    if (!m_transport->listen(options.address, options.port))
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(options.address.toString())
            .arg(options.port)
            .arg(m_transport->errorString());
    qCInfo(lcServer) << "listening on" << httpUrl() << "and" << webSocketUrl() << "(transport:"
                     << transportKindName(options.transportKind) << ")";
    if (!options.config) // the built-in demo: welcome messages and a starter note, the first time
        seedDemoCourse(*m_hub);
    return {};
}

quint16 ServerInstance::port() const { return m_transport ? m_transport->port() : 0; }

bool ServerInstance::isTls() const { return m_transport && m_transport->isTls(); }

QString ServerInstance::reloadTls()
{
    if (!isTls())
        return QStringLiteral("TLS is off: there is no certificate to reload");
    QString error;
    const QSslConfiguration configuration = TlsCredentials::load(m_tlsFiles.certificateFile, m_tlsFiles.keyFile, &error);
    if (configuration.isNull())
        return error;
    m_transport->setTlsConfiguration(configuration);
    return {};
}

static QString hostForUrl(const QHostAddress &address)
{
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        return QStringLiteral("127.0.0.1");
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QLatin1Char('[') + address.toString() + QLatin1Char(']');
    return address.toString();
}

QString ServerInstance::webSocketUrl() const
{
    return QStringLiteral("%1://%2:%3/ws")
        .arg(isTls() ? QLatin1String("wss") : QLatin1String("ws"), hostForUrl(m_options.address))
        .arg(port());
}

QString ServerInstance::httpUrl() const
{
    return QStringLiteral("%1://%2:%3")
        .arg(isTls() ? QLatin1String("https") : QLatin1String("http"), hostForUrl(m_options.address))
        .arg(port());
}

const ServerConfig &ServerInstance::config() const { return m_hub->config(); }

int ServerInstance::connectionCount() const { return m_transport ? m_transport->connectionCount() : 0; }

} // namespace collab::server
