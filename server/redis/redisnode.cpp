#include "redis/redisnode.h"

#include "datadirectory.h"
#include "logging.h"
#include "redis/redisbootstrap.h"
#include "redis/redisbus.h"
#include "redis/redisclaims.h"
#include "redis/redisconnection.h"
#include "redis/rediseventlog.h"
#include "redis/redisfeed.h"
#include "redis/redisinbox.h"
#include "redis/redispresence.h"
#include "redis/redissafety.h"
#include "redis/redisreplication.h"
#include "redis/redisscripts.h"
#include "redis/redissentinel.h"
#include "store/projections.h"
#include "store/sqliteeventlog.h"

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
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        out.write(id + '\n');
        out.commit();
    }
    return id;
}

// After the catalogue stream is local: fetches the logs of the courses created at run time that
// `courses` does not list yet, and adds them to it.
QString bootstrapCreatedCourses(RedisEndpoint &endpoint, SqliteEventLog &local, const QByteArray &nodeId, bool requireFsync,
                                QStringList *courses)
{
    QStringList created;
    for (const QString &course : local.projections().catalog().createdCourses())
        if (!courses->contains(course))
            created << course;
    if (created.isEmpty())
        return {};
    if (const QString e = bootstrapFromRedis(endpoint, created, local, nodeId, requireFsync); !e.isEmpty())
        return e;
    *courses += created;
    return {};
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
    m_local.reset();
    m_log.reset();
    m_feed.reset();
    m_replication.reset();
    m_subscriber.reset();
    m_commands.reset();
    m_locator.reset();
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
    if (!options.sentinelPassword.isEmpty())
        m_endpoint.sentinelPassword = options.sentinelPassword;
    m_maxBackoffMs = options.maxBackoffMs;
    m_courses = courses;
    m_nodeId = loadNodeId(dataDir);

    m_local = std::make_unique<SqliteEventLog>();
    const QString projectionPath = QDir(dataDir).filePath(QStringLiteral("projection.db"));
    if (const QString e = datadirectory::createPrivateFile(projectionPath); !e.isEmpty())
        return e;
    if (const QString e = m_local->open({projectionPath, false}); !e.isEmpty())
        return e;
    if (const QString e = bootstrapFromRedis(m_endpoint, m_courses, *m_local, m_nodeId, options.requireFsync); !e.isEmpty())
        return e;
    // The courses created at run time are named in the catalogue stream, now local: theirs too.
    if (const QString e = bootstrapCreatedCourses(m_endpoint, *m_local, m_nodeId, options.requireFsync, &m_courses); !e.isEmpty())
        return e;

    m_commands = std::make_unique<RedisConnection>(m_endpoint, QStringLiteral("commands"));
    m_commands->setSetupCommands({redis::appendScript().loadCommand(), redis::commitScript().loadCommand(),
                                  redis::readVisibleScript().loadCommand(), redis::redactScript().loadCommand(), redis::presenceScript().loadCommand(),
                                  redis::claimScript().loadCommand()});
    m_commands->setMaxBackoffMs(options.maxBackoffMs);
    m_subscriber = std::make_unique<RedisConnection>(m_endpoint, QStringLiteral("subscriber"));
    m_subscriber->setMaxBackoffMs(options.maxBackoffMs);
    if (m_endpoint.viaSentinel()) {
        m_locator = std::make_unique<RedisPrimaryLocator>(m_endpoint, options.maxBackoffMs);
        m_locator->manage(*m_commands);
        m_locator->manage(*m_subscriber);
        m_locator->start();
    }
    m_replication = std::make_unique<RedisReplicationGate>(*m_commands, options.minReplicas, options.waitTimeoutMs);

    m_feed = std::make_unique<RedisFeed>(*m_commands, *m_local, m_courses);
    m_log = std::make_unique<RedisEventLog>(*m_commands, *m_replication, *m_local, *m_feed);
    m_bus = std::make_unique<RedisBus>(*m_commands, *m_log, m_nodeId);
    m_presence = std::make_unique<RedisPresence>(*m_commands, m_nodeId, m_courses, options.presenceTtlMs);
    m_claims = std::make_unique<RedisClaims>(*m_commands, *m_replication);

    connect(m_commands.get(), &RedisConnection::connected, this, &RedisNode::checkPersistence);
    connect(m_subscriber.get(), &RedisConnection::connected, this, &RedisNode::subscribeAll);
    connect(m_subscriber.get(), &RedisConnection::subscribed, this, &RedisNode::onSubscribed);
    connect(m_subscriber.get(), &RedisConnection::messageReceived, this, &RedisNode::onMessage);
    m_commands->open();
    m_subscriber->open();
    m_feed->start(options.headCheckMs);
    m_presence->start();
    qCInfo(lcRedis).noquote() << "node" << m_nodeId << "shares" << m_courses.size() << "courses through" << m_endpoint.toString()
                              << (options.minReplicas > 0 ? QStringLiteral("(an event is acknowledged once %1 replicas have it)").arg(options.minReplicas)
                                                          : QString());
    return {};
}

QString RedisNode::rebuildProjections(const RedisOptions &options, const QString &dataDir, const QStringList &courses,
                                     QStringList *report)
{
    QString error;
    std::optional<RedisEndpoint> endpoint = RedisEndpoint::parse(options.url, &error);
    if (!endpoint)
        return error;
    if (!options.password.isEmpty())
        endpoint->password = options.password;
    if (!options.sentinelPassword.isEmpty())
        endpoint->sentinelPassword = options.sentinelPassword;
    const QByteArray nodeId = loadNodeId(dataDir);
    const QString path = QDir(dataDir).filePath(QStringLiteral("projection.db"));
    // projection.db opened and brought up to Redis's head, as a start does; `all`: every course.
    const auto bootstrap = [&](SqliteEventLog &local, QStringList *all) {
        if (const QString e = local.open({path}); !e.isEmpty())
            return e;
        if (const QString e = bootstrapFromRedis(*endpoint, courses, local, nodeId, options.requireFsync); !e.isEmpty())
            return e;
        *all = courses;
        return bootstrapCreatedCourses(*endpoint, local, nodeId, options.requireFsync, all);
    };
    QStringList all;
    {
        // First as a start would: this refuses if Redis holds less history than this node applied
        // (Redis lost data), which a rebuild from Redis alone would silently accept.
        SqliteEventLog local;
        if (const QString e = bootstrap(local, &all); !e.isEmpty())
            return e;
    }
    // Everything in projection.db comes from Redis: the copy of the log goes with the projections.
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFile::exists(path + suffix) && !QFile::remove(path + suffix))
            return QStringLiteral("cannot remove %1%2").arg(path, suffix);
    SqliteEventLog local;
    if (const QString e = bootstrap(local, &all); !e.isEmpty())
        return e;
    for (const QString &course : std::as_const(all))
        *report << QStringLiteral("course %1: %2 events from Redis").arg(course).arg(local.lastSeq(course));
    *report << local.projectionRowCounts();
    return {};
}

void RedisNode::startInbox(Hub &hub)
{
    m_inbox = std::make_unique<RedisInbox>(m_endpoint, hub, m_courses);
    m_inbox->connection().setMaxBackoffMs(m_maxBackoffMs);
    if (m_locator)
        m_locator->manage(m_inbox->connection());
    m_inbox->start();
}

void RedisNode::addCourse(const QString &course)
{
    if (m_courses.contains(course))
        return;
    qCInfo(lcRedis) << "following the new course" << course;
    m_courses << course;
    m_feed->addCourse(course);
    m_presence->addCourse(course);
    if (m_inbox)
        m_inbox->addCourse(course);
    // Subscribing catches up from the log (onSubscribed), so nothing published before is missed.
    if (m_subscriber->isConnected())
        m_subscriber->subscribe({redis::eventChannel(course), redis::ephemeralChannel(course)});
}

EventLog &RedisNode::log() { return *m_log; }
Projections &RedisNode::projections() { return m_local->projections(); }
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
