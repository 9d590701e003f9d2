#pragma once

#include "redis/redisconnection.h"
#include "redis/redisendpoint.h"

#include <QObject>

#include <functional>
#include <optional>

namespace collab::server {

// Where the primary is, behind Sentinel. Asks the sentinels (SENTINEL get-master-addr-by-name) on
// one connection, trying them in turn, and listens on another for +switch-master, the sentinels'
// announcement that a failover elected a new primary. Every connection the node makes to Redis is
// handed to manage(): it asks here before each connect, connects only to a server whose ROLE is
// master, and moves to the new primary as soon as a switch is announced. The sentinels are only a
// directory: what a node has applied is repaired from the primary's log (RedisFeed) after a move.
class RedisPrimaryLocator final : public QObject
{
    Q_OBJECT

public:
    using Address = RedisEndpoint::Address;

    explicit RedisPrimaryLocator(const RedisEndpoint &endpoint, int maxBackoffMs, QObject *parent = nullptr);

    void start();
    // Makes `connection` find its server here and follow every switch.
    void manage(RedisConnection &connection);
    // Asks the sentinels; `found` runs once, with std::nullopt if they do not know the primary (or
    // none answers before the caller's next try).
    void locate(std::function<void(std::optional<Address>)> found);

    quint64 switches() const { return m_switches; }

Q_SIGNALS:
    void primaryChanged(const collab::server::RedisEndpoint::Address &primary);

private:
    void askNow(std::function<void(std::optional<Address>)> found);
    void onEvent(const QByteArray &channel, const QByteArray &payload);
    RedisConnection::Resolver rotatingSentinels();

    RedisEndpoint m_endpoint;
    RedisConnection m_queries;
    RedisConnection m_events;
    QList<std::function<void(std::optional<Address>)>> m_waiting; // asked while no sentinel answered
    std::optional<Address> m_lastAnswer;
    quint64 m_switches = 0;
};

// The same question, blocking (for the node's start, before it serves anyone): the primary's
// address, or std::nullopt and *error.
std::optional<RedisEndpoint::Address> locatePrimaryNow(const RedisEndpoint &endpoint, QString *error);

} // namespace collab::server
