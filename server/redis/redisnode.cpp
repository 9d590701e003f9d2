#include "redis/redisnode.h"

#include "logging.h"
#include "redis/redisbootstrap.h"
#include "redis/redisbus.h"
#include "redis/redisclaims.h"
#include "redis/redisconnection.h"
#include "redis/rediseventstore.h"
#include "redis/redisfeed.h"
#include "redis/redisinbox.h"
#include "redis/redispresence.h"
#include "redis/redissafety.h"
#include "redis/redisscripts.h"
#include "store/sqliteeventstore.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

namespace collab::server {

namespace {

// The node's id, kept in the data directory so that a restarted node can remove its old presence.
QByteArray loadNodeId(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("node-id"));
    QFile in(path);
    if (in.open(QIODevice::ReadOnly)) {
        const QByteArray id = in.readAll().trimmed();
        if (id.size() == 16)
            return id;
    }
    const QByteArray id = QByteArray::number(QRandomGenerator::system()->generate64() | (1ull << 63), 16);
    QSaveFile out(path);
    if (out.open(QIODevice::WriteOnly)) {
        out.write(id + '\n');
        out.commit();
    }
    return id;
}

} // namespace

RedisNode::RedisNode(QObject *parent) : QObject(parent) {}

RedisNode::~RedisNode()
{
    // Users first, connections last: pending replies are dropped with the connections. The
    // projection commits what it has on the way out, but nobody hears of it any more (the Hub is
    // gone), and writers still waiting for their event are dropped with the store.
    m_inbox.reset();
    m_claims.reset();
    m_presence.reset();
    m_bus.reset();
    if (m_feed)
        m_feed->disconnect();
    m_projection.reset();
    m_store.reset();
    m_feed.reset();
    m_subscriber.reset();
    m_commands.reset();
}

QString RedisNode::start(const RedisOptions &options, const QString &dataDir, const QStringList &courses)
{
    QString error;
    const std::optional<RedisEndpoint> endpoint = RedisEndpoint::parse(options.url, &error);
    if (!endpoint)
        return error;
    m_endpoint = *endpoint;
    if (!options.password.isEmpty())
        m_endpoint.password = options.password;
    m_courses = courses;
    m_nodeId = loadNodeId(dataDir);

    m_projection = std::make_unique<SqliteEventStore>();
    if (const QString e = m_projection->open({QDir(dataDir).filePath(QStringLiteral("projection.db")), false}); !e.isEmpty())
        return e;
    if (const QString e = bootstrapFromRedis(m_endpoint, m_courses, *m_projection, m_nodeId, options.requireFsync); !e.isEmpty())
        return e;

    m_commands = std::make_unique<RedisConnection>(m_endpoint, QStringLiteral("commands"));
    m_commands->setSetupCommands({redis::appendScript().loadCommand(), redis::presenceScript().loadCommand(),
                                  redis::claimScript().loadCommand()});
    m_commands->setMaxBackoffMs(options.maxBackoffMs);
    m_subscriber = std::make_unique<RedisConnection>(m_endpoint, QStringLiteral("subscriber"));
    m_subscriber->setMaxBackoffMs(options.maxBackoffMs);

    m_feed = std::make_unique<RedisFeed>(*m_commands, *m_projection, m_courses);
    m_store = std::make_unique<RedisEventStore>(*m_commands, *m_projection, *m_feed);
    m_bus = std::make_unique<RedisBus>(*m_commands, *m_store, m_nodeId);
    m_presence = std::make_unique<RedisPresence>(*m_commands, m_nodeId, m_courses, options.presenceTtlMs);
    m_claims = std::make_unique<RedisClaims>(*m_commands);

    connect(m_commands.get(), &RedisConnection::connected, this, &RedisNode::checkPersistence);
    connect(m_subscriber.get(), &RedisConnection::connected, this, &RedisNode::subscribeAll);
    connect(m_subscriber.get(), &RedisConnection::subscribed, this, &RedisNode::onSubscribed);
    connect(m_subscriber.get(), &RedisConnection::messageReceived, this, &RedisNode::onMessage);
    m_commands->open();
    m_subscriber->open();
    m_feed->start(options.headCheckMs);
    m_presence->start();
    qCInfo(lcRedis) << "node" << m_nodeId << "shares" << m_courses.size() << "courses through" << m_endpoint.toString();
    return {};
}

void RedisNode::startInbox(Hub &hub)
{
    m_inbox = std::make_unique<RedisInbox>(m_endpoint, hub, m_courses);
    m_inbox->start();
}

EventStore &RedisNode::store() { return *m_store; }
Bus &RedisNode::bus() { return *m_bus; }
PresenceDirectory &RedisNode::presence() { return *m_presence; }
NameClaims &RedisNode::claims() { return *m_claims; }
ReplicaClaims &RedisNode::replicaClaims() { return *m_claims; }

// On every (re)connect: Redis may have been restarted with other settings.
void RedisNode::checkPersistence()
{
    m_commands->command(redis::persistenceQuery(), [](const redisReply *reply) {
        if (reply) // no reply: the connection is gone again, and the next connect checks
            redis::logPersistence(redis::judgePersistence(reply));
    });
}

void RedisNode::subscribeAll()
{
    QByteArrayList channels{redis::presenceChannel()};
    for (const QString &course : std::as_const(m_courses))
        channels << redis::eventChannel(course) << redis::ephemeralChannel(course);
    m_subscriber->subscribe(channels);
}

// Subscribed (again) to a course's events: whatever was published while we were not listening is
// fetched from the log now.
void RedisNode::onSubscribed(const QByteArray &channel)
{
    static const QByteArray prefix = QByteArrayLiteral("collab:course:");
    if (channel.startsWith(prefix))
        m_feed->catchUp(QString::fromUtf8(channel.mid(prefix.size())));
}

void RedisNode::onMessage(const QByteArray &channel, const QByteArray &payload)
{
    static const QByteArray events = QByteArrayLiteral("collab:course:");
    static const QByteArray ephemeral = QByteArrayLiteral("collab:ephemeral:");
    if (channel.startsWith(events))
        m_feed->onPublished(QString::fromUtf8(channel.mid(events.size())), payload);
    else if (channel.startsWith(ephemeral))
        m_bus->onEphemeral(QString::fromUtf8(channel.mid(ephemeral.size())), payload);
    else if (channel == redis::presenceChannel())
        m_presence->onChangedElsewhere(QString::fromUtf8(payload));
}

} // namespace collab::server
