#pragma once

#include <QList>
#include <QObject>

#include <functional>

namespace collab::server {

class RedisConnection;

// "Acknowledged" means "on minReplicas replicas too", so that a failover (which promotes the most
// up-to-date replica) cannot lose it. After a write's reply arrives on `commands`, afterWrite()
// sends WAIT minReplicas timeout on that same connection: WAIT returns how many replicas have
// every write this connection made before it. Writes whose replies arrive while a WAIT is out
// share the next one, so a burst costs one round trip to the replicas, not one each.
class RedisReplicationGate final : public QObject
{
    Q_OBJECT

public:
    RedisReplicationGate(RedisConnection &commands, int minReplicas, int timeoutMs, QObject *parent = nullptr);

    bool enabled() const { return m_minReplicas > 0; }
    int minReplicas() const { return m_minReplicas; }

    // Call from the reply handler of a write made on `commands`. `done(true)` once minReplicas
    // replicas have it (at once when minReplicas is 0); `done(false)` when WAIT counted fewer before
    // its timeout, or the connection was lost.
    void afterWrite(std::function<void(bool replicated)> done);

    quint64 shortfalls() const { return m_shortfalls; } // WAITs that counted too few replicas

private:
    void sendWait();

    RedisConnection &m_commands;
    int m_minReplicas;
    int m_timeoutMs;
    QList<std::function<void(bool)>> m_next; // replies that came after the WAIT in flight was sent
    bool m_waiting = false;
    bool m_short = false; // the last WAIT fell short: logged once per episode
    quint64 m_shortfalls = 0;
};

} // namespace collab::server
