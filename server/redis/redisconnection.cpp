#include "redis/redisconnection.h"

#include "logging.h"
#include "redis/redisadapter.h"
#include "redis/redisscripts.h"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <vector>

namespace collab::server {

namespace {

constexpr int kFirstBackoffMs = 50;

// What a command's privdata points to; deleted by the reply trampoline.
struct PendingReply
{
    RedisConnection::ReplyHandler handler;
};

RedisConnection *owner(const redisAsyncContext *context)
{
    return context ? static_cast<RedisConnection *>(context->data) : nullptr;
}

} // namespace

RedisConnection::RedisConnection(RedisEndpoint endpoint, QString name, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_name(std::move(name))
{
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &RedisConnection::connectNow);
}

RedisConnection::~RedisConnection()
{
    m_reconnect.stop();
    if (m_context) {
        // Pending handlers are dropped without being called: their owners are going away too.
        m_context->data = nullptr;
        redisAsyncContext *context = m_context;
        m_context = nullptr;
        redisAsyncFree(context);
    }
    delete m_adapter.data();
}

void RedisConnection::open()
{
    if (!m_context && !m_reconnect.isActive())
        connectNow();
}

void RedisConnection::connectNow()
{
    if (m_adapter)
        m_adapter->deleteLater(); // inert since hiredis's cleanup
    redisAsyncContext *context = redisAsyncConnect(m_endpoint.host.toUtf8().constData(), m_endpoint.port);
    if (!context || context->err) {
        qCWarning(lcRedis) << m_name << "cannot connect to" << m_endpoint.toString() << ":"
                           << (context ? context->errstr : "out of memory");
        if (context)
            redisAsyncFree(context);
        scheduleReconnect();
        return;
    }
    context->data = this;
    m_adapter = new RedisAdapter(this);
    m_adapter->attach(context);
    redisAsyncSetConnectCallback(context, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisConnection::onDisconnect);
    m_context = context;
}

void RedisConnection::onConnect(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    if (!self)
        return;
    if (status != REDIS_OK) { // hiredis frees the context after this callback
        if (!self->m_everConnected || self->m_backoffMs >= self->m_maxBackoffMs)
            qCDebug(lcRedis) << self->m_name << "connect failed:" << context->errstr;
        self->m_context = nullptr;
        self->scheduleReconnect();
        return;
    }
    if (!self->m_endpoint.password.isEmpty()) {
        const QString name = self->m_name;
        self->send({QByteArrayLiteral("AUTH"), self->m_endpoint.password}, [name](const redisReply *r) {
            if (r && r->type == REDIS_REPLY_ERROR)
                qCCritical(lcRedis) << name << "AUTH failed:" << r->str;
        }, false);
    }
    if (self->m_endpoint.db != 0)
        self->send({QByteArrayLiteral("SELECT"), QByteArray::number(self->m_endpoint.db)}, {}, false);
    auto failed = std::make_shared<QByteArray>();
    for (const QByteArrayList &setup : std::as_const(self->m_setup)) {
        self->send(setup, [failed](const redisReply *r) {
            if (r && r->type == REDIS_REPLY_ERROR && failed->isEmpty())
                *failed = QByteArray(r->str, int(r->len));
        }, false);
    }
    // A Redis that is still loading its append-only file accepts connections but refuses data
    // commands (and SCRIPT LOAD) with LOADING: the connection is ready only when a read works.
    self->send({QByteArrayLiteral("EXISTS"), QByteArrayLiteral("collab:ready-probe")}, [self, failed](const redisReply *r) {
        if (!r || !self->m_context)
            return; // lost: the disconnect callback reconnects
        if (r->type == REDIS_REPLY_ERROR && failed->isEmpty())
            *failed = QByteArray(r->str, int(r->len));
        if (!failed->isEmpty()) {
            qCInfo(lcRedis) << self->m_name << "not ready yet:" << failed->constData();
            redisAsyncDisconnect(self->m_context); // and try again after the backoff
            return;
        }
        self->m_backoffMs = 0;
        self->m_connected = true;
        qCInfo(lcRedis) << self->m_name << "connected to" << self->m_endpoint.toString();
        self->m_everConnected = true;
        Q_EMIT self->connected();
    }, false);
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    if (!self)
        return;
    self->m_context = nullptr; // hiredis frees it after this callback
    self->lost(status == REDIS_OK ? "closed" : context->errstr);
}

void RedisConnection::lost(const char *why)
{
    const bool wasConnected = m_connected;
    m_connected = false;
    if (wasConnected) {
        qCWarning(lcRedis) << m_name << "lost the connection:" << why;
        Q_EMIT disconnected();
    }
    scheduleReconnect();
}

void RedisConnection::scheduleReconnect()
{
    m_backoffMs = m_backoffMs == 0 ? kFirstBackoffMs : qMin(m_backoffMs * 2, m_maxBackoffMs);
    m_reconnect.start(m_backoffMs);
}

bool RedisConnection::command(const QByteArrayList &args, ReplyHandler handler)
{
    if (!m_connected) {
        if (handler)
            handler(nullptr);
        return false;
    }
    return send(args, std::move(handler), false);
}

bool RedisConnection::evalScript(const redis::Script &script, const QByteArrayList &keysAndArgs, ReplyHandler handler)
{
    QByteArrayList args{QByteArrayLiteral("EVALSHA"), script.sha1};
    args += keysAndArgs;
    return command(args, [this, body = script.body, keysAndArgs, handler = std::move(handler)](const redisReply *r) mutable {
        if (r && r->type == REDIS_REPLY_ERROR && qstrncmp(r->str, "NOSCRIPT", 8) == 0) {
            QByteArrayList again{QByteArrayLiteral("EVAL"), body}; // Redis forgot it (SCRIPT FLUSH)
            again += keysAndArgs;
            command(again, std::move(handler));
            return;
        }
        if (handler)
            handler(r);
    });
}

bool RedisConnection::subscribe(const QByteArrayList &channels)
{
    if (!m_connected || channels.isEmpty())
        return false;
    QByteArrayList args{QByteArrayLiteral("SUBSCRIBE")};
    args += channels;
    return send(args, {}, true);
}

bool RedisConnection::send(const QByteArrayList &args, ReplyHandler handler, bool pubsub)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray &a : args) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    if (pubsub)
        return redisAsyncCommandArgv(m_context, &RedisConnection::onPubSub, nullptr, int(argv.size()), argv.data(),
                                     lengths.data()) == REDIS_OK;
    auto *pending = new PendingReply{std::move(handler)};
    if (redisAsyncCommandArgv(m_context, &RedisConnection::onReply, pending, int(argv.size()), argv.data(),
                              lengths.data()) != REDIS_OK) {
        ReplyHandler h = std::move(pending->handler);
        delete pending;
        if (h)
            h(nullptr);
        return false;
    }
    return true;
}

void RedisConnection::onReply(redisAsyncContext *context, void *reply, void *privdata)
{
    std::unique_ptr<PendingReply> pending(static_cast<PendingReply *>(privdata));
    if (!owner(context) || !pending || !pending->handler) // the connection object is being destroyed
        return;
    pending->handler(static_cast<const redisReply *>(reply));
}

void RedisConnection::onPubSub(redisAsyncContext *context, void *reply, void *)
{
    RedisConnection *self = owner(context);
    const auto *r = static_cast<const redisReply *>(reply);
    if (!self || !r || r->type != REDIS_REPLY_ARRAY || r->elements < 3)
        return;
    const auto str = [r](size_t i) {
        const redisReply *e = r->element[i];
        return e && e->type == REDIS_REPLY_STRING ? QByteArray(e->str, int(e->len)) : QByteArray();
    };
    const QByteArray kind = str(0);
    if (kind == "message")
        Q_EMIT self->messageReceived(str(1), str(2));
    else if (kind == "subscribe")
        Q_EMIT self->subscribed(str(1));
}

} // namespace collab::server
