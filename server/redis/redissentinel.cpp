#include "redis/redissentinel.h"

#include "logging.h"

#include <hiredis/hiredis.h>

#include <memory>

namespace collab::server {

namespace {

const QByteArray kSwitchMaster = QByteArrayLiteral("+switch-master");

// A sentinel as a RedisConnection endpoint: its own password, no database to SELECT.
RedisEndpoint sentinelEndpoint(const RedisEndpoint &endpoint)
{
    RedisEndpoint e;
    e.host = endpoint.sentinels.first().host;
    e.port = endpoint.sentinels.first().port;
    e.password = endpoint.sentinelPassword;
    return e;
}

QByteArrayList masterQuery(const RedisEndpoint &endpoint)
{
    return {QByteArrayLiteral("SENTINEL"), QByteArrayLiteral("get-master-addr-by-name"), endpoint.masterName};
}

// The reply of get-master-addr-by-name: [host, port], or nil for a name the sentinel does not monitor.
std::optional<RedisEndpoint::Address> addressFrom(const redisReply *r)
{
    if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2 || r->element[0]->type != REDIS_REPLY_STRING
        || r->element[1]->type != REDIS_REPLY_STRING)
        return std::nullopt;
    bool ok = false;
    const int port = QByteArray(r->element[1]->str, int(r->element[1]->len)).toInt(&ok);
    if (!ok || port <= 0 || port > 65535)
        return std::nullopt;
    return RedisEndpoint::Address{QString::fromUtf8(r->element[0]->str, int(r->element[0]->len)), quint16(port)};
}

} // namespace

RedisPrimaryLocator::RedisPrimaryLocator(const RedisEndpoint &endpoint, int maxBackoffMs, QObject *parent)
    : QObject(parent), m_endpoint(endpoint), m_queries(sentinelEndpoint(endpoint), QStringLiteral("sentinel queries")),
      m_events(sentinelEndpoint(endpoint), QStringLiteral("sentinel events"))
{
    for (RedisConnection *c : {&m_queries, &m_events}) {
        c->setResolver(rotatingSentinels());
        c->setReadyProbe({QByteArrayLiteral("PING")});
        c->setMaxBackoffMs(maxBackoffMs);
    }
    connect(&m_queries, &RedisConnection::connected, this, [this] {
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto &found : waiting)
            askNow(found);
    });
    connect(&m_events, &RedisConnection::connected, this, [this] { m_events.subscribe({kSwitchMaster}); });
    connect(&m_events, &RedisConnection::messageReceived, this, &RedisPrimaryLocator::onEvent);
}

void RedisPrimaryLocator::start()
{
    m_queries.open();
    m_events.open();
}

// Each (re)connect goes to the next sentinel: one that is down or partitioned away is skipped.
RedisConnection::Resolver RedisPrimaryLocator::rotatingSentinels()
{
    auto next = std::make_shared<int>(0);
    return [this, next](std::function<void(std::optional<Address>)> found) {
        const Address a = m_endpoint.sentinels.at(*next % m_endpoint.sentinels.size());
        *next = (*next + 1) % m_endpoint.sentinels.size();
        found(a);
    };
}

void RedisPrimaryLocator::manage(RedisConnection &connection)
{
    connection.setRequirePrimary(true);
    connection.setResolver([this](std::function<void(std::optional<Address>)> found) { locate(std::move(found)); });
    connect(this, &RedisPrimaryLocator::primaryChanged, &connection,
            [&connection](const Address &primary) { connection.followPrimary(primary); });
}

void RedisPrimaryLocator::locate(std::function<void(std::optional<Address>)> found)
{
    if (!m_queries.isConnected()) {
        m_waiting.append(std::move(found)); // answered when a sentinel does
        m_queries.open();
        return;
    }
    askNow(std::move(found));
}

void RedisPrimaryLocator::askNow(std::function<void(std::optional<Address>)> found)
{
    m_queries.command(masterQuery(m_endpoint), [this, found = std::move(found)](const redisReply *r) {
        if (!r) { // the sentinel went away meanwhile: ask the next one when it answers
            m_waiting.append(found);
            return;
        }
        std::optional<Address> primary = addressFrom(r);
        if (!primary) {
            qCWarning(lcRedis).noquote() << "the sentinels do not know a primary named" << m_endpoint.masterName
                                         << (r->type == REDIS_REPLY_ERROR ? QByteArray(r->str, int(r->len)) : QByteArray());
        } else if (m_lastAnswer != primary) {
            qCInfo(lcRedis).noquote() << "the sentinels name" << primary->toString() << "as the primary of" << m_endpoint.masterName;
            m_lastAnswer = primary;
        }
        found(primary);
    });
}

// "+switch-master <name> <old host> <old port> <new host> <new port>"
void RedisPrimaryLocator::onEvent(const QByteArray &channel, const QByteArray &payload)
{
    if (channel != kSwitchMaster)
        return;
    const QList<QByteArray> parts = payload.split(' ');
    if (parts.size() != 5 || parts[0] != m_endpoint.masterName)
        return;
    bool ok = false;
    const int port = parts[4].toInt(&ok);
    if (!ok || port <= 0 || port > 65535)
        return;
    const Address primary{QString::fromUtf8(parts[3]), quint16(port)};
    ++m_switches;
    m_lastAnswer = primary;
    qCWarning(lcRedis).noquote() << "failover: the sentinels moved the primary of" << m_endpoint.masterName << "from"
                                 << QString::fromUtf8(parts[1] + ':' + parts[2]) << "to" << primary.toString();
    Q_EMIT primaryChanged(primary);
}

std::optional<RedisEndpoint::Address> locatePrimaryNow(const RedisEndpoint &endpoint, QString *error)
{
    QStringList failures;
    const timeval timeout{2, 0};
    for (const RedisEndpoint::Address &sentinel : endpoint.sentinels) {
        std::unique_ptr<redisContext, decltype(&redisFree)> c(
            redisConnectWithTimeout(sentinel.host.toUtf8().constData(), sentinel.port, timeout), &redisFree);
        if (!c || c->err) {
            failures << QStringLiteral("%1: %2").arg(sentinel.toString(), c ? QString::fromLocal8Bit(c->errstr) : QStringLiteral("out of memory"));
            continue;
        }
        redisSetTimeout(c.get(), timeout);
        const auto run = [&c](const QByteArrayList &args) {
            std::vector<const char *> argv;
            std::vector<size_t> lengths;
            for (const QByteArray &a : args) {
                argv.push_back(a.constData());
                lengths.push_back(size_t(a.size()));
            }
            return std::unique_ptr<redisReply, decltype(&freeReplyObject)>(
                static_cast<redisReply *>(redisCommandArgv(c.get(), int(argv.size()), argv.data(), lengths.data())), &freeReplyObject);
        };
        if (!endpoint.sentinelPassword.isEmpty()) {
            auto auth = run({QByteArrayLiteral("AUTH"), endpoint.sentinelPassword});
            if (!auth || auth->type == REDIS_REPLY_ERROR) {
                failures << QStringLiteral("%1: AUTH failed").arg(sentinel.toString());
                continue;
            }
        }
        auto reply = run(masterQuery(endpoint));
        if (std::optional<RedisEndpoint::Address> primary = addressFrom(reply.get()))
            return primary;
        failures << QStringLiteral("%1: %2").arg(sentinel.toString(),
                                                 !reply ? QString::fromLocal8Bit(c->errstr)
                                                 : reply->type == REDIS_REPLY_ERROR ? QString::fromUtf8(reply->str, int(reply->len))
                                                                                    : QStringLiteral("no primary named %1").arg(QString::fromUtf8(endpoint.masterName)));
    }
    if (error)
        *error = QStringLiteral("no sentinel names the primary %1 (%2)").arg(QString::fromUtf8(endpoint.masterName), failures.join(QLatin1String("; ")));
    return std::nullopt;
}

} // namespace collab::server
