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
    if (!m_context && !m_resolving && !m_reconnect.isActive())
        connectNow();
}

void RedisConnection::connectNow()
{
    if (m_context || m_resolving)
        return;
    if (!m_resolver)
        return connectTo(m_endpoint.address());
    m_resolving = true;
    const quint64 generation = ++m_resolveGeneration;
    m_resolver([self = QPointer<RedisConnection>(this), generation](std::optional<Address> found) {
        if (!self || generation != self->m_resolveGeneration)
            return; // an attempt given up since (followPrimary started another)
        self->m_resolving = false;
        if (!found)
            return self->scheduleReconnect();
        self->connectTo(*found);
    });
}

void RedisConnection::connectTo(const Address &address)
{
    if (m_context)
        return;
    if (m_adapter)
        m_adapter->deleteLater(); // inert since hiredis's cleanup
    m_target = address;
    redisAsyncContext *context = redisAsyncConnect(address.host.toUtf8().constData(), address.port);
    if (!context || context->err) {
        qCWarning(lcRedis) << m_name << "cannot connect to" << address.toString() << ":"
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
            qCDebug(lcRedis) << self->m_name << "connect to" << self->m_target.toString() << "failed:" << context->errstr;
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
    if (self->m_requirePrimary)
        self->checkRole(failed);
    for (const QByteArrayList &setup : std::as_const(self->m_setup)) {
        self->send(setup, [failed](const redisReply *r) {
            if (r && r->type == REDIS_REPLY_ERROR && failed->isEmpty())
                *failed = QByteArray(r->str, int(r->len));
        }, false);
    }
    // A Redis that is still loading its append-only file accepts connections but refuses data
    // commands (and SCRIPT LOAD) with LOADING: the connection is ready only when a read works.
    const QByteArrayList probe = self->m_readyProbe.isEmpty()
        ? QByteArrayList{QByteArrayLiteral("EXISTS"), QByteArrayLiteral("collab:ready-probe")}
        : self->m_readyProbe;
    self->send(probe, [self, failed](const redisReply *r) {
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
        qCInfo(lcRedis).noquote() << self->m_name << "connected to" << self->m_target.toString();
        self->m_everConnected = true;
        Q_EMIT self->connected();
    }, false);
}

// Behind Sentinel the address we were given may be a primary demoted a moment ago (the sentinels
// had not noticed yet): writes there would be refused, or worse, lost with it.
void RedisConnection::checkRole(const std::shared_ptr<QByteArray> &failed)
{
    send({QByteArrayLiteral("ROLE")}, [failed](const redisReply *r) {
        if (!r || !failed->isEmpty())
            return;
        const redisReply *role = r->type == REDIS_REPLY_ARRAY && r->elements >= 1 ? r->element[0] : nullptr;
        if (r->type == REDIS_REPLY_ERROR)
            *failed = QByteArray("ROLE: ") + QByteArray(r->str, int(r->len));
        else if (!role || role->type != REDIS_REPLY_STRING || QByteArray(role->str, int(role->len)) != "master")
            *failed = QByteArrayLiteral("ROLE says this server is not the primary (a replica, or a sentinel)");
    }, false);
}

void RedisConnection::followPrimary(const Address &primary)
{
    if ((m_connected || m_context) && m_target == primary)
        return; // there already (or getting there)
    m_backoffMs = 0;
    if (m_context) {
        // Not from inside one of this context's callbacks (the news comes on another connection),
        // so it can be freed now: its pending handlers run with nullptr (unavailable) first.
        redisAsyncContext *context = std::exchange(m_context, nullptr);
        abandon("the sentinels moved the primary");
        redisAsyncFree(context);
    } else if (m_resolving) {
        m_resolving = false;
        ++m_resolveGeneration; // its answer may be the old primary
    }
    m_reconnect.stop();
    connectNow();
}

// Stop using this connection at once (writes answer `unavailable` from now on); the disconnect
// callback, when it comes, schedules the reconnect.
void RedisConnection::abandon(const char *why)
{
    const bool wasConnected = m_connected;
    m_connected = false;
    if (wasConnected) {
        qCWarning(lcRedis) << m_name << "leaves" << m_target.toString() << ":" << why;
        Q_EMIT disconnected();
    }
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
    if (m_context || m_resolving)
        return; // a connect is under way already
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
    RedisConnection *self = owner(context);
    if (!self) // the connection object is being destroyed
        return;
    const auto *r = static_cast<const redisReply *>(reply);
    if (self->m_requirePrimary && r && r->type == REDIS_REPLY_ERROR && qstrncmp(r->str, "READONLY", 8) == 0
        && self->m_context == context) {
        // Our primary was demoted (a failover we heard nothing of): disconnect once the replies
        // already on their way are read, and find the primary again.
        self->abandon("it answers READONLY: a replica now");
        redisAsyncDisconnect(context);
    }
    if (pending && pending->handler)
        pending->handler(r);
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
