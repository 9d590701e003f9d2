#include "serverinstance.h"

#include "bus/bus.h"
#include "hub/hub.h"
#include "identity/identityregistry.h"
#include "logging.h"
#include "redis/redisnode.h"
#include "rest/httpfrontend.h"
#include "rest/restapi.h"
#include "store/sqliteeventstore.h"
#include "transport/tlscredentials.h"
#include "transport/wslistener.h"
#include "ws/wsgateway.h"

#include <QDir>

namespace collab::server {

namespace {

HttpLimits httpLimits(const LimitsConfig &config)
{
    HttpLimits limits;
    limits.connectionsPerAddress = config.httpConnectionsPerAddress;
    limits.idleTimeoutMs = config.httpIdleTimeoutMs;
    limits.requestTimeoutMs = config.httpRequestTimeoutMs;
    return limits;
}

} // namespace

ServerInstance::ServerInstance(QObject *parent) : QObject(parent) {}

ServerInstance::~ServerInstance()
{
    if (m_store)
        m_store->flush();
    // The HTTP thread forwards requests to m_rest: stop it first.
    m_gateway.reset();
    m_listener.reset();
    m_http.reset();
    m_rest.reset();
    m_hub.reset();
    m_bus.reset();
    m_redis.reset();
    m_store.reset();
}

QString ServerInstance::start(const Options &options)
{
    m_options = options;
    if (!QDir().mkpath(options.dataDir))
        return QStringLiteral("cannot create the data directory %1").arg(options.dataDir);

    ServerConfig config;
    if (options.config) {
        config = *options.config;
    } else {
        Result<ServerConfig> demo = ServerConfig::demo(options.dataDir);
        if (!demo)
            return demo.error().message;
        config = demo.value();
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

    if (!options.redisUrl.isEmpty()) {
        QStringList courses;
        for (const CourseConfig &c : config.courses)
            courses << c.id;
        m_redis = std::make_unique<RedisNode>();
        RedisOptions redis;
        redis.url = options.redisUrl;
        redis.password = options.redisPassword;
        redis.presenceTtlMs = options.presenceTtlMs;
        redis.requireFsync = options.redisRequireFsync;
        if (const QString e = m_redis->start(redis, options.dataDir, courses); !e.isEmpty())
            return e;
        m_hub = std::make_unique<Hub>(std::move(config), m_redis->store(), m_redis->bus());
        m_hub->setPresenceDirectory(&m_redis->presence());
        m_redis->startInbox(*m_hub);
    } else {
        m_store = std::make_unique<SqliteEventStore>();
        const QString storeError =
            m_store->open({QDir(options.dataDir).filePath(QStringLiteral("collab.db")), options.fullSync});
        if (!storeError.isEmpty())
            return storeError;
        m_bus = std::make_unique<LocalBus>();
        m_hub = std::make_unique<Hub>(std::move(config), *m_store, *m_bus);
    }

    if (m_redis) { // claims are shared by the nodes
        m_hub->setIdentityRegistry(&m_redis->claims());
        m_hub->setReplicaClaims(&m_redis->replicaClaims());
    } else {
        m_identity = std::make_unique<IdentityRegistry>();
        if (const QString e = m_identity->open(QDir(options.dataDir).filePath(QStringLiteral("identity.db"))); !e.isEmpty())
            return e;
        m_hub->setIdentityRegistry(m_identity.get());
        m_hub->setReplicaClaims(m_identity.get());
    }

    m_http = std::make_unique<HttpFrontend>(httpLimits(m_hub->config().limits));
    WsLimits transport = options.transport;
    transport.maxPendingPerAddress = m_hub->config().limits.maxConnectionsPerAddress;
    m_listener = std::make_unique<WsListener>(
        [http = m_http.get()](int fd, const QHostAddress &peer) { http->handOff(fd, peer); }, transport);
    if (tls.enabled())
        m_listener->setTlsConfiguration(tlsConfiguration);
    m_gateway = std::make_unique<WsGateway>(*m_hub, *m_listener, m_metrics);
    m_rest = std::make_unique<RestApi>(
        *m_http, *m_hub, m_metrics,
        ListenerGauges{[this] { return connectionCount(); },
                       [this] { return m_listener ? m_listener->pendingRefused() : quint64(0); }});
    m_http->start();

    if (!m_listener->listen(options.address, options.port))
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(options.address.toString())
            .arg(options.port)
            .arg(m_listener->errorString());
    qCInfo(lcServer) << "listening on" << httpUrl() << "and" << webSocketUrl();
    return {};
}

quint16 ServerInstance::port() const { return m_listener ? m_listener->port() : 0; }

bool ServerInstance::isTls() const { return m_listener && m_listener->isTls(); }

QString ServerInstance::reloadTls()
{
    if (!isTls())
        return QStringLiteral("TLS is off: there is no certificate to reload");
    QString error;
    const QSslConfiguration configuration = TlsCredentials::load(m_tlsFiles.certificateFile, m_tlsFiles.keyFile, &error);
    if (configuration.isNull())
        return error;
    m_listener->setTlsConfiguration(configuration);
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

int ServerInstance::connectionCount() const { return m_listener ? m_listener->connectionCount() : 0; }

} // namespace collab::server
