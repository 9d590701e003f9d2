#pragma once

#include "config/serverconfig.h"
#include "serverinstance.h"
#include "store/sqliteeventlog.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <optional>

// THE test server of every suite: the real collab_server (ServerInstance) in-process on 127.0.0.1,
// port 0, with a temporary data directory. By default it serves testConfig():
//   course CECS327 (join code blue-river-42, instructor prof.lee, channels general and homework,
//   note class-notes), course MATH101 (join code sum-of-parts, instructor dr.kim with the secret
//   kim-secret-1, channels general and the announcement channel news), API key test-key-123 for
//   CECS327 only (it may post as lms or canvas-bot). A demo setup ("demo": true): prof.lee has no
//   secret.
// Everything a suite varies is set before start(): the configuration (courses, join codes, keys),
// the limits, TLS, transport limits, Redis, the data directory. start() after stop() brings the same
// server back on the same port and data directory, as an operator restarting it would.
class TestServer
{
public:
    static constexpr const char *Course = "CECS327";
    static constexpr const char *JoinCode = "blue-river-42";
    static constexpr const char *ApiKey = "test-key-123";
    // An instructor's API key ("staff"), for the suites that call the instructors' REST routes:
    // staffKey() is its configuration, to add to testConfig()'s apiKeys.
    static constexpr const char *StaffKey = "staff-key-456";

    TestServer();
    ~TestServer();

    static collab::server::ServerConfig testConfig();
    static collab::server::ApiKeyConfig staffKey(const QStringList &courses = {QString::fromLatin1(Course)});
    // The transport every TestServer (and every collab-server a suite starts, which reads the
    // same variable) uses: COLLAB_TRANSPORT (engine/portable), else the build's default.
    static collab::server::TransportKind transportKind();
    // Rate and connection limits off: for suites that stream thousands of requests.
    static collab::server::LimitsConfig unlimited();

    // The configuration of the next start() (courses, join codes, API keys, limits); testConfig()
    // until set.
    void setConfig(const collab::server::ServerConfig &config) { m_config = config; }
    // Only the limits of the configuration.
    void setLimits(const collab::server::LimitsConfig &limits) { m_limits = limits; }
    // https + wss on the port; transport limits (e.g. a short handshake timeout).
    void setTls(const collab::server::TlsConfig &tls) { m_tls = tls; }
    void setTransportLimits(const collab::server::WsLimits &limits) { m_transport = limits; }
    // Several nodes: share the courses through this Redis. presenceTtlMs is how long a node's users
    // stay online after it stopped refreshing them.
    void setRedis(const QString &url, int presenceTtlMs = 10000)
    {
        m_redisUrl = url;
        m_presenceTtlMs = presenceTtlMs;
    }
    // --redis-require-fsync.
    void setRedisRequireFsync(bool require) { m_redisRequireFsync = require; }
    // --redis-min-replicas: writes and claims count only once this many replicas have them (WAIT).
    void setRedisMinReplicas(int replicas) { m_redisMinReplicas = replicas; }
    // Keep the data in `path` (which the test owns) instead of a temporary directory.
    void setDataDir(const QString &path) { m_dataDir = path; }

    // Starts (or restarts on the same data directory and port) the server; false on failure, and
    // error() says why in one line.
    bool start();
    void stop();
    bool isRunning() const { return m_instance != nullptr; }
    QString error() const { return m_error; }

    collab::server::ServerInstance *instance() const { return m_instance.get(); }
    quint16 port() const { return m_port; }
    QString dataDir() const { return m_dataDir.isEmpty() ? m_dir.path() : m_dataDir; }
    QUrl wsUrl() const;                       // wss:// with TLS
    QUrl httpUrl(const QString &path) const;  // https:// with TLS
    // A single node's log (DATA/collab.db) opened with every projection built again from it, as
    // --rebuild-projections does; null, with the reason in `error`, if it does not open. The
    // server must be stopped.
    std::unique_ptr<collab::server::SqliteEventLog> openLogRebuildingProjections(QString *error) const;

private:
    QTemporaryDir m_dir;
    QString m_dataDir;
    quint16 m_port = 0;
    QString m_error;
    QString m_redisUrl;
    int m_presenceTtlMs = 10000;
    bool m_redisRequireFsync = false;
    int m_redisMinReplicas = 0;
    std::unique_ptr<collab::server::ServerInstance> m_instance;
    std::optional<collab::server::ServerConfig> m_config;
    std::optional<collab::server::LimitsConfig> m_limits;
    collab::server::TlsConfig m_tls;
    collab::server::WsLimits m_transport;
};
