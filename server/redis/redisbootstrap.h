#pragma once

#include "redis/redisendpoint.h"

#include <QStringList>

namespace collab::server {

class SqliteEventLog;

// What a node does once, synchronously, before it serves anyone: check that Redis answers, bring
// its copy of the log (and so its projections) up to the head of every course's log (so that a client resuming on this node finds
// every event), and remove the presence entries it left behind in a previous life. With requireFsync,
// refuse unless Redis shows appendonly yes and appendfsync always (the node checks again, and warns,
// on every connect).
// Behind Sentinel it asks the sentinels for the primary first, and writes its address into
// `endpoint` (for the log).
// Returns an error message, or an empty string.
QString bootstrapFromRedis(RedisEndpoint &endpoint, const QStringList &courses, SqliteEventLog &local,
                           const QByteArray &nodeId, bool requireFsync);

} // namespace collab::server
