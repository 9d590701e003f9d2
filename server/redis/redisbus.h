#pragma once

#include "bus/bus.h"

namespace collab::server {

class RedisConnection;
class RedisEventLog;

// The Bus of a node among several. Durable events are published by the store's append script and
// reach every node through the RedisFeed in seq order, so publishEvent has nothing left to do and
// eventReceived is the store's eventApplied. Ephemeral frames (typing, presence) are delivered to
// this node at once and PUBLISHed on collab:ephemeral:<course>, tagged with the node id so that a
// node skips its own.
class RedisBus final : public Bus
{
    Q_OBJECT

public:
    RedisBus(RedisConnection &commands, RedisEventLog &store, QByteArray nodeId, QObject *parent = nullptr);

    void publishEvent(const CourseEvent &event) override;
    void publishEphemeral(const QString &course, const QByteArray &frame) override;

    // A message on collab:ephemeral:<course>.
    void onEphemeral(const QString &course, const QByteArray &payload);

private:
    RedisConnection &m_commands;
    QByteArray m_nodeId;
};

} // namespace collab::server
