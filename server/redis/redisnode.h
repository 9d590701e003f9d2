#pragma once

#include "redis/redisendpoint.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace collab::server {

class Bus;
class EventStore;
class Hub;
class PresenceDirectory;
class NameClaims;
class ReplicaClaims;
class RedisBus;
class RedisClaims;
class RedisConnection;
class RedisEventStore;
class RedisFeed;
class RedisInbox;
class RedisPresence;
class SqliteEventStore;

struct RedisOptions
{
    QString url;                 // redis://HOST:PORT[/DB]
    QByteArray password;         // from the configuration file or REDIS_PASSWORD
    int presenceTtlMs = 10000;   // a dead node's users vanish within ttl + ttl/4
    int headCheckMs = 1000;      // how often lost "last" messages are looked for
    int maxBackoffMs = 1000;     // reconnect backoff cap
    bool requireFsync = false;   // refuse to start unless Redis has appendonly yes, appendfsync always
};

// Everything a node needs to share its courses with other nodes through Redis: two connections
// (commands; subscriptions), the store (writes to Redis, reads from a local projection), the feed
// that keeps the projection in seq order, the bus, presence, the inbox and the name claims. ServerInstance makes
// one when --redis is given and hands its store, bus and presence to the Hub.
class RedisNode final : public QObject
{
    Q_OBJECT

public:
    explicit RedisNode(QObject *parent = nullptr);
    ~RedisNode() override;

    // Opens DATA/projection.db, brings it up to date from Redis (synchronously), then connects.
    QString start(const RedisOptions &options, const QString &dataDir, const QStringList &courses);
    // After the Hub exists: the inbox posts through it.
    void startInbox(Hub &hub);

    EventStore &store();
    Bus &bus();
    PresenceDirectory &presence();
    NameClaims &claims();
    ReplicaClaims &replicaClaims();
    RedisFeed &feed() { return *m_feed; }
    RedisConnection &commands() { return *m_commands; }
    const QByteArray &nodeId() const { return m_nodeId; }

private:
    void onMessage(const QByteArray &channel, const QByteArray &payload);
    void onSubscribed(const QByteArray &channel);
    void subscribeAll();
    void checkPersistence();

    RedisEndpoint m_endpoint;
    QStringList m_courses;
    QByteArray m_nodeId;
    std::unique_ptr<SqliteEventStore> m_projection;
    std::unique_ptr<RedisConnection> m_commands;
    std::unique_ptr<RedisConnection> m_subscriber;
    std::unique_ptr<RedisFeed> m_feed;
    std::unique_ptr<RedisEventStore> m_store;
    std::unique_ptr<RedisBus> m_bus;
    std::unique_ptr<RedisPresence> m_presence;
    std::unique_ptr<RedisInbox> m_inbox;
    std::unique_ptr<RedisClaims> m_claims;
};

} // namespace collab::server
