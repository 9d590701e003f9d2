#pragma once

#include "config/serverconfig.h"
#include "serverinstance.h"

#include <QTemporaryDir>

#include <memory>

// A real server on 127.0.0.1, port 0, with a temporary data directory and a known configuration:
// course CECS327 (join code blue-river-42, instructor prof.lee, channels general and homework, note
// class-notes), course MATH101 (join code sum-of-parts, instructor dr.kim with the secret
// kim-secret-1, channels general and the announcement channel news), API key test-key-123 for
// CECS327 only.
class TestServer
{
public:
    static constexpr const char *JoinCode = "blue-river-42";
    static constexpr const char *ApiKey = "test-key-123";

    TestServer();
    ~TestServer();

    static collab::server::ServerConfig testConfig();

    // Several nodes: share the courses through this Redis (call before start()). presenceTtlMs is
    // how long a node's users stay online after it stopped refreshing them.
    // Rate limits for the next start(): tests that stream thousands of requests turn them off.
    void setLimits(const collab::server::LimitsConfig &limits) { m_limits = limits; }
    static collab::server::LimitsConfig unlimited();

    // https + wss on the port for the next start(); transport limits (e.g. a short handshake timeout).
    void setTls(const collab::server::TlsConfig &tls) { m_tls = tls; }
    void setTransportLimits(const collab::server::WsLimits &limits) { m_transport = limits; }

    void setRedis(const QString &url, int presenceTtlMs = 10000)
    {
        m_redisUrl = url;
        m_presenceTtlMs = presenceTtlMs;
    }

    // --redis-require-fsync for the next start().
    void setRedisRequireFsync(bool require) { m_redisRequireFsync = require; }

    // Starts (or restarts on the same data directory and port) the server; false on failure.
    bool start();
    void stop();

    collab::server::ServerInstance *instance() const { return m_instance.get(); }
    quint16 port() const { return m_port; }
    QString dataDir() const { return m_dir.path(); }
    QUrl wsUrl() const;                       // wss:// with TLS
    QUrl httpUrl(const QString &path) const;  // https:// with TLS

private:
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    QString m_redisUrl;
    int m_presenceTtlMs = 10000;
    bool m_redisRequireFsync = false;
    std::unique_ptr<collab::server::ServerInstance> m_instance;
    std::optional<collab::server::LimitsConfig> m_limits;
    collab::server::TlsConfig m_tls;
    collab::server::WsLimits m_transport;
};
