#pragma once

#include "redis/redisendpoint.h"

#include <QByteArrayList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

struct redisAsyncContext;
struct redisReply;

namespace collab::server {

class RedisAdapter;
namespace redis {
struct Script;
}

// One hiredis async connection that keeps itself connected: AUTH and SELECT on every connect, the
// setup commands (e.g. SCRIPT LOAD) after them, and on any loss a reconnect with exponential
// backoff. hiredis frees the context after a disconnect or a failed connect; we only drop the
// pointer. Every reply handler runs exactly once, with nullptr when there is no reply (not
// connected, or the connection was lost before the answer): callers must null-check.
//
// Behind Sentinel the address is not fixed: a resolver (RedisPrimaryLocator) names it before every
// connect, the connection checks with ROLE that it reached a primary, and it lets go of a server
// that answers READONLY (a primary demoted to a replica) or that the sentinels replaced
// (followPrimary()), so the reconnect finds the new primary.
class RedisConnection final : public QObject
{
    Q_OBJECT

public:
    using ReplyHandler = std::function<void(const redisReply *reply)>;
    using Address = RedisEndpoint::Address;
    // Names the address to connect to now: calls `found` once, later or at once, with an address or
    // std::nullopt (none known yet: the connection retries after its backoff).
    using Resolver = std::function<void(std::function<void(std::optional<Address>)> found)>;

    RedisConnection(RedisEndpoint endpoint, QString name, QObject *parent = nullptr);
    ~RedisConnection() override;

    // Sent, in order, after AUTH/SELECT on every (re)connect, before connected() is emitted.
    void setSetupCommands(QList<QByteArrayList> commands) { m_setup = std::move(commands); }
    void setMaxBackoffMs(int ms) { m_maxBackoffMs = ms; }
    // Asked before every connect (default: the endpoint's host and port).
    void setResolver(Resolver resolver) { m_resolver = std::move(resolver); }
    // The command that tells the connection is usable (default: EXISTS on a data key; PING for a sentinel).
    void setReadyProbe(QByteArrayList probe) { m_readyProbe = std::move(probe); }
    // Connect only to a primary (ROLE says master) and drop the connection on READONLY.
    void setRequirePrimary(bool require) { m_requirePrimary = require; }

    void open();
    bool isConnected() const { return m_connected; }
    // The sentinels named a new primary: let go of `old` (if that is where we are) and connect
    // again at once, without waiting for the backoff.
    void followPrimary(const Address &primary);
    const Address &target() const { return m_target; }

    // Sends one command. Not connected: `handler(nullptr)` runs at once and false is returned.
    bool command(const QByteArrayList &args, ReplyHandler handler = {});
    // EVALSHA of a script (keysAndArgs: numkeys, keys, args), falling back to EVAL if Redis does
    // not know it.
    bool evalScript(const redis::Script &script, const QByteArrayList &keysAndArgs, ReplyHandler handler = {});
    // SUBSCRIBE on this connection; every message arrives as messageReceived, and every
    // subscription confirmation as subscribed().
    bool subscribe(const QByteArrayList &channels);

Q_SIGNALS:
    void connected();
    void disconnected();
    void subscribed(const QByteArray &channel);
    void messageReceived(const QByteArray &channel, const QByteArray &payload);

private:
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onPubSub(redisAsyncContext *context, void *reply, void *privdata);

    void connectNow();
    void connectTo(const Address &address);
    void checkRole(const std::shared_ptr<QByteArray> &failed);
    void abandon(const char *why);
    void lost(const char *why);
    void scheduleReconnect();
    bool send(const QByteArrayList &args, ReplyHandler handler, bool pubsub);

    RedisEndpoint m_endpoint;
    QString m_name;
    QList<QByteArrayList> m_setup;
    QByteArrayList m_readyProbe;
    Resolver m_resolver;
    Address m_target;
    bool m_requirePrimary = false;
    bool m_resolving = false;
    quint64 m_resolveGeneration = 0; // a resolver's late answer for an abandoned attempt is ignored
    redisAsyncContext *m_context = nullptr;
    QPointer<RedisAdapter> m_adapter;
    QTimer m_reconnect;
    int m_backoffMs = 0;
    int m_maxBackoffMs = 1000;
    bool m_connected = false;
    bool m_everConnected = false;
};

} // namespace collab::server
