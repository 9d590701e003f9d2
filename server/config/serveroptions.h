#pragma once

#include "config/serverconfig.h"
#include "transport/transport.h"
#include "transport/wslimits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace collab::server {

// What a ServerInstance starts with. collab-server gets it from ServerCommandLine (flags,
// environment and configuration file merged); the desktop app and the tests fill it in directly.
struct ServerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;     // 0: any free port
    QString dataDir;         // holds collab.db (and demo-config.json for the demo setup)
    // none: the demo course. One with an instructor without a secret is refused unless its
    // demoMode is set (collab-server --demo, "demo": true).
    std::optional<ServerConfig> config;
    bool fullSync = false;   // fsync every commit (survives power loss, not only kill -9)
    // Several nodes: the shared Redis (redis://HOST:PORT[/DB] or
    // redis-sentinel://HOST:PORT,.../MASTERNAME[/DB]); empty: this node alone (SQLite).
    QString redisUrl;
    QByteArray redisPassword;
    int presenceTtlMs = 10000; // Redis mode: a dead node's users vanish within ttl + ttl/4
    bool redisRequireFsync = false; // Redis mode: refuse to start unless Redis fsyncs every write
    QByteArray redisSentinelPassword; // Redis behind Sentinel: the sentinels' password, if any
    int redisMinReplicas = 0;  // Redis mode: acknowledge an event once this many replicas have it (WAIT)
    TlsConfig tls;             // set: https + wss on the port (unset: the config file's "tls", if any)
    WsLimits transport;        // the WebSocket transport's limits (handshake timeout, queues, ...)
    // Which transport carries the port (collab-server --transport): the Linux engine where it is
    // built, else the portable one (Qt's QTcpServer/QWebSocketServer; the desktop app's choice).
    TransportKind transportKind = defaultTransportKind();
    // The server administrator's secret (creates courses; docs/security.md "Who may do what"):
    // COLLAB_ADMIN_SECRET, or the hosting desktop app's own. Unset: the configuration's
    // "adminSecret", else the one kept in DATA/admin-secret (made at the first start, 0600: the
    // local user who runs the server reads it there).
    QString adminSecret;
};

} // namespace collab::server
