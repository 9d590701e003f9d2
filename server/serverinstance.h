#pragma once

#include "config/serveroptions.h"
#include "metrics.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

class QLockFile;

namespace collab::server {

class Bus;
class HttpFrontend;
class Hub;
class IdentityRegistry;
class RedisNode;
class RestApi;
class SqliteEventLog;
class Transport;
class WsGateway;

// A whole server in one object: store, bus, hub, the REST API and the WebSocket gateway on one
// port. collab-server runs one; the desktop app hosts one in-process; tests start them on port 0.
class ServerInstance : public QObject
{
    Q_OBJECT

public:
    using Options = ServerOptions;

    explicit ServerInstance(QObject *parent = nullptr);
    ~ServerInstance() override;

    // Opens the store and starts listening. Returns an error message, or an empty string.
    QString start(const Options &options);

    // collab-server --rebuild-projections: drops every projection and builds it again from the log
    // (DATA/collab.db on a single node; the log in Redis with redisUrl), then returns without
    // serving. Returns an error message; on success `report` gets one line per course and table.
    static QString rebuildProjections(const Options &options, QStringList *report);

    quint16 port() const;
    bool isTls() const;
    // Loads the TLS certificate chain and key again from their files (a renewed certificate, on
    // SIGHUP in collab-server): connections accepted from now on use them, open ones keep theirs.
    // On an error (one line: unreadable, not matching, ...) nothing changes and it is returned.
    QString reloadTls();
    QString webSocketUrl() const;
    QString httpUrl() const;
    const ServerConfig &config() const;
    Hub &hub() const { return *m_hub; }
    const RestApi &restApi() const { return *m_rest; }
    const HttpFrontend &httpFrontend() const { return *m_http; }
    // The transport carrying the port (engine or portable: Options::transportKind).
    const Transport &transport() const { return *m_transport; }
    int connectionCount() const;
    RedisNode *redisNode() const { return m_redis.get(); } // null without Redis
    // DATA/admin-secret when the administrator's secret was made there (neither the options nor
    // the configuration gave one); empty otherwise.
    QString adminSecretFile() const { return m_adminSecretFile; }

private:
    Options m_options;
    TlsConfig m_tlsFiles; // the files TLS was loaded from, if on
    QString m_adminSecretFile;
    std::unique_ptr<QLockFile> m_dataLock; // DATA is this server's alone while it runs
    ServerMetrics m_metrics;
    // Declaration order is destruction order in reverse: the gateway goes before the listener,
    // the hub before the store.
    std::unique_ptr<SqliteEventLog> m_log;    // single node: the log, with the projections
    std::unique_ptr<Bus> m_bus;                // single node
    std::unique_ptr<RedisNode> m_redis;        // several nodes: its log, projections and bus instead
    std::unique_ptr<IdentityRegistry> m_identity;
    std::unique_ptr<Hub> m_hub;
    std::unique_ptr<HttpFrontend> m_http; // REST, in its own thread
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<WsGateway> m_gateway;
    std::unique_ptr<RestApi> m_rest;
};

} // namespace collab::server
