#pragma once

#include "redis/redisconnection.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace collab::server {

class Hub;

// External publishers: another system LPUSHes a JSON chat message onto the list
// collab:inbox:<course>, {"channel", "author", "text", "clientMsgId"?}. Every node waits on the
// lists of its courses with BRPOP on a connection of its own, so exactly one node takes each
// message; it is validated and posted like a REST post (sequenced, stored, delivered everywhere).
// Invalid messages are logged and dropped. A message whose post fails because Redis is away is
// kept and posted again, with the same clientMsgId (one is made up when it has none), so a retry
// never stores it twice.
class RedisInbox final : public QObject
{
    Q_OBJECT

public:
    RedisInbox(const RedisEndpoint &endpoint, Hub &hub, QStringList courses, QObject *parent = nullptr);

    void start();
    // A course created at run time: its inbox is waited on from the next BRPOP (within a second).
    void addCourse(const QString &course);
    RedisConnection &connection() { return m_connection; } // e.g. for RedisPrimaryLocator::manage()
    quint64 accepted() const { return m_accepted; }
    quint64 rejected() const { return m_rejected; }

private:
    struct Message
    {
        QString course;
        QString channel;
        QString author;
        QString text;
        QString clientMsgId;
    };

    void next();
    void take(const QString &course, const QByteArray &payload);
    void post(const Message &message);
    void retryLater();

    RedisConnection m_connection;
    Hub &m_hub;
    QStringList m_courses;
    QList<Message> m_retry;
    QTimer m_retryTimer;
    bool m_waiting = false;
    quint64 m_accepted = 0;
    quint64 m_rejected = 0;
};

} // namespace collab::server
