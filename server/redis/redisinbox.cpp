#include "redis/redisinbox.h"

#include "hub/hub.h"
#include "logging.h"
#include "protocol/ids.h"
#include "protocol/limits.h"
#include "redis/redisscripts.h"

#include <QJsonDocument>
#include <QUuid>

#include <hiredis/hiredis.h>

namespace collab::server {

namespace {
constexpr int kWaitSeconds = 1; // BRPOP timeout: how often the loop comes up for air
constexpr int kRetryMs = 500;
} // namespace

RedisInbox::RedisInbox(const RedisEndpoint &endpoint, Hub &hub, QStringList courses, QObject *parent)
    : QObject(parent), m_connection(endpoint, QStringLiteral("inbox")), m_hub(hub), m_courses(std::move(courses))
{
    connect(&m_connection, &RedisConnection::connected, this, &RedisInbox::next);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        const QList<Message> again = std::exchange(m_retry, {});
        for (const Message &m : again)
            post(m);
    });
}

void RedisInbox::start()
{
    if (!m_courses.isEmpty())
        m_connection.open();
}

void RedisInbox::addCourse(const QString &course)
{
    if (m_courses.contains(course))
        return;
    const bool first = m_courses.isEmpty();
    m_courses << course;
    if (first)
        m_connection.open();
}

void RedisInbox::next()
{
    if (m_waiting || !m_connection.isConnected())
        return;
    QByteArrayList args{QByteArrayLiteral("BRPOP")};
    for (const QString &course : std::as_const(m_courses))
        args << redis::inboxKey(course);
    args << QByteArray::number(kWaitSeconds);
    m_waiting = true;
    m_connection.command(args, [this](const redisReply *reply) {
        m_waiting = false;
        if (!reply)
            return; // connection lost: connected() starts the loop again
        if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 && reply->element[0]->type == REDIS_REPLY_STRING
            && reply->element[1]->type == REDIS_REPLY_STRING) {
            const QByteArray key(reply->element[0]->str, int(reply->element[0]->len));
            const QString course = QString::fromUtf8(key.mid(key.indexOf("inbox:") + 6));
            take(course, QByteArray(reply->element[1]->str, int(reply->element[1]->len)));
        } else if (reply->type == REDIS_REPLY_ERROR) {
            qCWarning(lcRedis) << "inbox: BRPOP failed:" << reply->str;
            QTimer::singleShot(kRetryMs, this, &RedisInbox::next); // not in a tight loop
            return;
        }
        next();
    });
}

void RedisInbox::take(const QString &course, const QByteArray &payload)
{
    const auto reject = [this, &course](const char *why) {
        ++m_rejected;
        qCWarning(lcRedis) << "inbox of" << course << ": dropped a message:" << why;
    };
    const QJsonDocument doc = QJsonDocument::fromJson(payload);
    if (!doc.isObject())
        return reject("not a JSON object");
    const QJsonObject o = doc.object();
    Message m;
    m.course = course;
    m.channel = o.value(QLatin1String("channel")).toString();
    m.author = o.value(QLatin1String("author")).toString();
    m.text = o.value(QLatin1String("text")).toString();
    m.clientMsgId = o.value(QLatin1String("clientMsgId")).toString();
    if (!isValidId(m.channel))
        return reject("'channel' must be a channel id");
    if (!isValidId(m.author))
        return reject("'author' must be a user name ([A-Za-z0-9._-]{1,64})");
    if (m.text.trimmed().isEmpty())
        return reject("'text' must be a non-blank string");
    if (m.text.toUtf8().size() > limits::MaxChatTextBytes)
        return reject("'text' is over 16 KiB");
    if (o.contains(QLatin1String("clientMsgId")) && (m.clientMsgId.isEmpty() || m.clientMsgId.size() > limits::MaxClientMsgIdLength))
        return reject("'clientMsgId' must be a string of 1-64 characters");
    if (m.clientMsgId.isEmpty()) // our own, so that retrying after `unavailable` cannot store it twice
        m.clientMsgId = QStringLiteral("inbox-") + QUuid::createUuid().toString(QUuid::Id128);
    post(m);
}

void RedisInbox::post(const Message &m)
{
    // `via` "inbox": members see it came from an integration (a publisher with access to Redis).
    const Actor actor{m.author, Actor::Role::Integration, QStringLiteral("inbox")};
    m_hub.postMessage(actor, m.course, m.channel, m.text, m.clientMsgId, [this, m](Result<MessageOutcome> r) {
        if (r) {
            ++m_accepted;
            qCDebug(lcRedis) << "inbox of" << m.course << ": posted message" << r.value().message.id;
        } else if (r.error().code == ErrorCode::Unavailable) {
            m_retry.append(m);
            retryLater();
        } else {
            ++m_rejected;
            qCWarning(lcRedis) << "inbox of" << m.course << ": dropped a message:" << r.error().message;
        }
    });
}

void RedisInbox::retryLater()
{
    if (!m_retryTimer.isActive())
        m_retryTimer.start(kRetryMs);
}

} // namespace collab::server
