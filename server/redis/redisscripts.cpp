#include "redis/redisscripts.h"

#include <QCryptographicHash>

namespace collab::server::redis {

namespace {

QByteArray courseKey(const QString &course, const char *suffix)
{
    return QByteArrayLiteral("collab:course:") + course.toUtf8() + suffix;
}

Script make(const char *body)
{
    Script s;
    s.body = QByteArray(body);
    s.sha1 = QCryptographicHash::hash(s.body, QCryptographicHash::Sha1).toHex();
    return s;
}

// The event JSON is built by concatenation, not cjson, so numbers and text keep their exact form:
// course ids are [A-Za-z0-9._-], kinds are fixed names, ts is an integer, data is JSON already.
const char kAppend[] =
    "local head = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
    "if head < tonumber(ARGV[7]) then return {2, head} end\n"
    "if ARGV[5] ~= '' then\n"
    "  local dup = redis.call('HGET', KEYS[3], ARGV[5])\n"
    "  if dup then\n"
    "    local entry = redis.call('XRANGE', KEYS[2], dup .. '-0', dup .. '-0')\n"
    "    local json = ''\n"
    "    if entry[1] then json = entry[1][2][2] end\n"
    "    return {1, tonumber(dup), json}\n"
    "  end\n"
    "end\n"
    "local seq = redis.call('INCR', KEYS[1])\n"
    "local json = '{\"course\":\"' .. ARGV[1] .. '\",\"seq\":' .. seq .. ',\"kind\":\"' .. ARGV[2] .. '\",\"ts\":' .. ARGV[3]"
    "  .. ',\"data\":' .. ARGV[4] .. '}'\n"
    "redis.call('XADD', KEYS[2], seq .. '-0', 'e', json)\n"
    "if ARGV[5] ~= '' then redis.call('HSET', KEYS[3], ARGV[5], seq) end\n"
    "if ARGV[8] == '1' then\n"
    "  redis.call('SET', KEYS[4], seq)\n"
    "  redis.call('PUBLISH', ARGV[6], json)\n"
    "end\n"
    "return {0, seq, json}\n";

// Never lowers the visible head: commits of several writers can arrive in any order, and one seq
// being on the replicas means every seq before it is too (one replication stream).
const char kCommit[] =
    "local head = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
    "if tonumber(ARGV[1]) > head then redis.call('SET', KEYS[1], ARGV[1]) end\n"
    "redis.call('PUBLISH', ARGV[2], ARGV[3])\n"
    "return 1\n";

// A log written before the visible head existed: all of it is visible. Entries retention took out
// of the stream (XDEL) are read from the tombstones hash (KEYS[4]) in their place, so the events
// come back without gaps, in seq order, and without their text.
const char kReadVisible[] =
    "local head = tonumber(redis.call('GET', KEYS[1]) or redis.call('GET', KEYS[2]) or '0')\n"
    "local from = tonumber(ARGV[1])\n"
    "local limit = tonumber(ARGV[2])\n"
    "if from > head then return {head, {}} end\n"
    "local entries = redis.call('XRANGE', KEYS[3], ARGV[1] .. '-0', head .. '-0', 'COUNT', ARGV[2])\n"
    "if redis.call('EXISTS', KEYS[4]) == 0 then return {head, entries} end\n"
    "local out = {}\n"
    "local seq = from\n"
    "local function tombstonesUpTo(last)\n"
    "  while seq <= last and #out < limit do\n"
    "    local t = redis.call('HGET', KEYS[4], seq)\n"
    "    if not t then return false end\n"
    "    out[#out + 1] = {seq .. '-0', {'e', t}}\n"
    "    seq = seq + 1\n"
    "  end\n"
    "  return true\n"
    "end\n"
    "for _, e in ipairs(entries) do\n"
    "  local id = tonumber(string.match(e[1], '^(%d+)'))\n"
    "  if not tombstonesUpTo(id - 1) or #out >= limit then return {head, out} end\n"
    "  out[#out + 1] = e\n"
    "  seq = id + 1\n"
    "end\n"
    "tombstonesUpTo(head)\n"
    "return {head, out}\n";

// Retention: each ARGV pair (seq, tombstone event JSON) replaces that log entry (XDEL; the
// tombstone kept in KEYS[2], which readVisible reads in its place). Idempotent: every node that
// applies a messages.expired or files.expired event runs it.
const char kRedact[] =
    "for i = 1, #ARGV, 2 do\n"
    "  redis.call('XDEL', KEYS[1], ARGV[i] .. '-0')\n"
    "  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])\n"
    "end\n"
    "return #ARGV / 2\n";

const char kPresence[] =
    "local t = redis.call('TIME')\n"
    "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
    "local changed = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)\n"
    "local expiry = now + tonumber(ARGV[2])\n"
    "for i = 4, #ARGV do\n"
    "  local member = string.sub(ARGV[i], 2) .. '|' .. ARGV[1]\n"
    "  if string.sub(ARGV[i], 1, 1) == '+' then\n"
    "    changed = changed + redis.call('ZADD', KEYS[1], expiry, member)\n"
    "  else\n"
    "    changed = changed + redis.call('ZREM', KEYS[1], member)\n"
    "  end\n"
    "end\n"
    "if changed > 0 then redis.call('PUBLISH', 'collab:presence', ARGV[3]) end\n"
    "return redis.call('ZRANGE', KEYS[1], 0, -1)\n";

const char kClaim[] =
    "local stored = redis.call('HGET', KEYS[1], ARGV[1])\n"
    "if stored then return {1, stored} end\n"
    "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
    "return {0}\n";

const char kReplicaClaim[] =
    "local owners = {}\n"
    "local claims = tonumber(ARGV[2])\n"
    "for i = 3, #ARGV do\n"
    "  if i - 2 <= claims then redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[1]) end\n"
    "  owners[#owners + 1] = redis.call('HGET', KEYS[1], ARGV[i])\n"
    "end\n"
    "return owners\n";

} // namespace

QByteArray seqKey(const QString &course) { return courseKey(course, ":seq"); }
QByteArray logKey(const QString &course) { return courseKey(course, ":log"); }
QByteArray onceKey(const QString &course) { return courseKey(course, ":once"); }
QByteArray claimsKey(const QString &course) { return courseKey(course, ":claims"); }
QByteArray visibleKey(const QString &course) { return courseKey(course, ":visible"); }
QByteArray tombstonesKey(const QString &course) { return courseKey(course, ":tombstones"); }
QByteArray replicaClaimsKey(const QString &course) { return courseKey(course, ":replicas"); }
QByteArray presenceKey(const QString &course) { return QByteArrayLiteral("collab:presence:") + course.toUtf8(); }
QByteArray inboxKey(const QString &course) { return QByteArrayLiteral("collab:inbox:") + course.toUtf8(); }
QByteArray eventChannel(const QString &course) { return QByteArrayLiteral("collab:course:") + course.toUtf8(); }
QByteArray ephemeralChannel(const QString &course) { return QByteArrayLiteral("collab:ephemeral:") + course.toUtf8(); }
QByteArray presenceChannel() { return QByteArrayLiteral("collab:presence"); }
QByteArray streamId(quint64 seq) { return QByteArray::number(seq) + "-0"; }

const Script &appendScript()
{
    static const Script s = make(kAppend);
    return s;
}

const Script &commitScript()
{
    static const Script s = make(kCommit);
    return s;
}

const Script &readVisibleScript()
{
    static const Script s = make(kReadVisible);
    return s;
}

const Script &redactScript()
{
    static const Script s = make(kRedact);
    return s;
}

const Script &presenceScript()
{
    static const Script s = make(kPresence);
    return s;
}

const Script &claimScript()
{
    static const Script s = make(kClaim);
    return s;
}

const Script &replicaClaimScript()
{
    static const Script s = make(kReplicaClaim);
    return s;
}

} // namespace collab::server::redis
