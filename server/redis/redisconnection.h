#pragma once

#include "redis/redisendpoint.h"

#include <QByteArrayList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

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
class RedisConnection final : public QObject
{
    Q_OBJECT

public:
    using ReplyHandler = std::function<void(const redisReply *reply)>;

    RedisConnection(RedisEndpoint endpoint, QString name, QObject *parent = nullptr);
    ~RedisConnection() override;

    // Sent, in order, after AUTH/SELECT on every (re)connect, before connected() is emitted.
    void setSetupCommands(QList<QByteArrayList> commands) { m_setup = std::move(commands); }
    void setMaxBackoffMs(int ms) { m_maxBackoffMs = ms; }

    void open();
    bool isConnected() const { return m_connected; }

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
    void lost(const char *why);
    void scheduleReconnect();
    bool send(const QByteArrayList &args, ReplyHandler handler, bool pubsub);

    RedisEndpoint m_endpoint;
    QString m_name;
    QList<QByteArrayList> m_setup;
    redisAsyncContext *m_context = nullptr;
    QPointer<RedisAdapter> m_adapter;
    QTimer m_reconnect;
    int m_backoffMs = 0;
    int m_maxBackoffMs = 1000;
    bool m_connected = false;
    bool m_everConnected = false;
};

} // namespace collab::server
