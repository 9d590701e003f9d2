#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

namespace collab::server::redis {

// Key and channel names. Everything of a course lives under collab:course:<id>:
//   collab:course:<id>:seq    the course's last seq (INCR)
//   collab:course:<id>:log    stream of every event, entry id <seq>-0, field e = the event JSON
//   collab:course:<id>:once   hash author\nclientMsgId -> seq (idempotent chat posts)
//   collab:course:<id>:claims hash user -> SHA-256 hex of the user's token (name claims)
//   collab:course:<id>:visible the highest seq nodes may apply (= seq, unless writes wait for
//                              replicas: then raised by commitScript once WAIT saw them replicated;
//                              absent in logs written before it existed: then seq is)
//   collab:presence:<id>      sorted set user|node -> expiry (ms, Redis clock)
//   collab:inbox:<id>         list: chat messages pushed by other systems
// Channels: collab:course:<id> (every event, published by the append script),
//   collab:ephemeral:<id> (typing and presence frames), collab:presence (a course's presence changed).
QByteArray seqKey(const QString &course);
QByteArray logKey(const QString &course);
QByteArray onceKey(const QString &course);
QByteArray claimsKey(const QString &course);
QByteArray visibleKey(const QString &course);
// Retention's tombstones of entries taken out of the log stream: seq → event JSON.
QByteArray tombstonesKey(const QString &course);
QByteArray replicaClaimsKey(const QString &course); // collab:course:<id>:replicas
QByteArray presenceKey(const QString &course);
QByteArray inboxKey(const QString &course);
QByteArray eventChannel(const QString &course);
QByteArray ephemeralChannel(const QString &course);
QByteArray presenceChannel();
QByteArray streamId(quint64 seq); // "<seq>-0"

// A Lua script: its text, and the SHA1 that EVALSHA wants.
struct Script
{
    QByteArray body;
    QByteArray sha1;
    QByteArrayList loadCommand() const { return {QByteArrayLiteral("SCRIPT"), QByteArrayLiteral("LOAD"), body}; }
};

// KEYS seq, log, once, visible; ARGV course, kind, ts, data JSON, once field ("" for none), channel,
// the writer's applied seq of the course, "1" to make the event visible at once (SET visible,
// PUBLISH) or "0" when the writer first waits for replicas (then commitScript does it). Returns
// {0, seq, event JSON} for a new event, {1, seq, event JSON} when the once field was already used,
// or {2, Redis's seq} without writing anything when Redis's seq is below the writer's applied seq
// (Redis lost history: the new seq would reuse one the writer holds).
const Script &appendScript();
// KEYS visible; ARGV seq, channel, event JSON: raises visible to seq (never lowers it) and
// publishes the event.
const Script &commitScript();
// KEYS visible, seq, log, tombstones; ARGV first seq, count. Returns {visible head, log entries
// from the first seq up to the visible head (at most count)}: what a node may apply. Entries
// retention removed come from the tombstones hash, in their place.
const Script &readVisibleScript();
// KEYS log, tombstones; ARGV seq, tombstone event JSON, seq, JSON, ...: retention's rewrite of
// those entries (XDEL, HSET). Returns how many.
const Script &redactScript();
// KEYS presence; ARGV node, ttlMs, course, then "+user" / "-user" items. Drops expired entries, applies
// the items, publishes the course on collab:presence if anything changed, returns the members.
const Script &presenceScript();
// KEYS claims; ARGV user, token hash. Claims the name with the hash if nobody has: {0}; else
// {1, the stored hash} (compared by the node, in constant time).
const Script &claimScript();
// KEYS replica claims; ARGV owner (a normalized name), n, then replica ids. Claims each of the
// first n for the owner if nobody owns it (HSETNX) and returns every replica's owner in order
// (nil: nobody's). The caller then waits for minReplicas (RedisReplicationGate) before trusting it.
const Script &replicaClaimScript();

} // namespace collab::server::redis
