#pragma once

#include "redis/redisendpoint.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace collab::server {

class Bus;
class EventLog;
class Hub;
class PresenceDirectory;
class Projections;
class NameClaims;
class ReplicaClaims;
class RedisBus;
class RedisClaims;
class RedisConnection;
class RedisEventLog;
class RedisFeed;
class RedisInbox;
class RedisPresence;
class RedisPrimaryLocator;
class RedisReplicationGate;
class SqliteEventLog;

struct RedisOptions
{
    QString url;                 // redis://HOST:PORT[/DB] or redis-sentinel://HOST:PORT,.../MASTERNAME[/DB]
    QByteArray password;         // from the configuration file or REDIS_PASSWORD
    QByteArray sentinelPassword; // the sentinels' own (config redis.sentinelPassword or REDIS_SENTINEL_PASSWORD)
    int minReplicas = 0;         // acknowledge an event only once this many replicas have it (WAIT)
    int waitTimeoutMs = 1000;    // how long WAIT may take before the write is refused (unavailable)
    int presenceTtlMs = 10000;   // a dead node's users vanish within ttl + ttl/4
    int headCheckMs = 1000;      // how often lost "last" messages are looked for
    int maxBackoffMs = 1000;     // reconnect backoff cap
    bool requireFsync = false;   // refuse to start unless Redis has appendonly yes, appendfsync always
};

// Everything a node needs to share its courses with other nodes through Redis: two connections
// (commands; subscriptions), the log (writes to Redis, reads from this node's copy of it in
// DATA/projection.db, which holds the projections too), the feed that keeps that copy in seq order,
// the bus, presence, the inbox and the name claims. ServerInstance makes one when --redis is given
// and hands its log, projections, bus, presence and claims to the Hub. Behind Sentinel a locator
// finds the primary for every connection and moves them all at a failover; with minReplicas the
// log and the claims acknowledge a write only once WAIT counts the replicas.
class RedisNode final : public QObject
{
    Q_OBJECT

public:
    explicit RedisNode(QObject *parent = nullptr);
    ~RedisNode() override;

    // Opens DATA/projection.db, brings it up to date from Redis (synchronously), then connects.
    QString start(const RedisOptions &options, const QString &dataDir, const QStringList &courses);
    // --rebuild-projections in Redis mode: checks that Redis holds at least the history this node
    // has, then builds DATA/projection.db again from nothing but the log in Redis. Returns an error
    // message; on success `report` gets what was rebuilt. Nothing is served.
    static QString rebuildProjections(const RedisOptions &options, const QString &dataDir, const QStringList &courses,
                                      QStringList *report);
    // After the Hub exists: the inbox posts through it.
    void startInbox(Hub &hub);
    // A course created at run time (course.created, from any node): its events, presence and
    // inbox are followed from now on, its log fetched from the start.
    void addCourse(const QString &course);

    EventLog &log();
    Projections &projections();
    Bus &bus();
    PresenceDirectory &presence();
    NameClaims &claims();
    ReplicaClaims &replicaClaims();
    RedisFeed &feed() { return *m_feed; }
    RedisConnection &commands() { return *m_commands; }
    RedisPrimaryLocator *locator() { return m_locator.get(); } // null without Sentinel
    const QByteArray &nodeId() const { return m_nodeId; }

private:
    void onMessage(const QByteArray &channel, const QByteArray &payload);
    void onSubscribed(const QByteArray &channel);
    void subscribeAll();
    void checkPersistence();

    RedisEndpoint m_endpoint;
    int m_maxBackoffMs = 1000;
    QStringList m_courses;
    QByteArray m_nodeId;
    std::unique_ptr<SqliteEventLog> m_local; // this node's copy of the log, and the projections
    std::unique_ptr<RedisPrimaryLocator> m_locator;
    std::unique_ptr<RedisReplicationGate> m_replication;
    std::unique_ptr<RedisConnection> m_commands;
    std::unique_ptr<RedisConnection> m_subscriber;
    std::unique_ptr<RedisFeed> m_feed;
    std::unique_ptr<RedisEventLog> m_log;
    std::unique_ptr<RedisBus> m_bus;
    std::unique_ptr<RedisPresence> m_presence;
    std::unique_ptr<RedisInbox> m_inbox;
    std::unique_ptr<RedisClaims> m_claims;
};

} // namespace collab::server
