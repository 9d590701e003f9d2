#include "redis/redisfeed.h"

#include "logging.h"
#include "redis/redisconnection.h"
#include "redis/redisscripts.h"
#include "store/sqliteeventlog.h"

#include <QJsonDocument>

#include <hiredis/hiredis.h>

namespace collab::server {

namespace {
constexpr int kFetchPage = 1000;
constexpr int kLagCheckMs = 200;
} // namespace

RedisFeed::RedisFeed(RedisConnection &commands, SqliteEventLog &local, QStringList courses, QObject *parent)
    : QObject(parent), m_commands(commands), m_local(local), m_courses(std::move(courses))
{
    for (const QString &course : std::as_const(m_courses)) {
        State &s = m_state[course];
        s.submitted = s.head = m_local.lastSeq(course);
    }
    connect(&m_headTimer, &QTimer::timeout, this, &RedisFeed::checkHeads);
}

void RedisFeed::start(int headCheckMs)
{
    m_headTimer.start(headCheckMs);
}

std::optional<CourseEvent> RedisFeed::decode(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        return std::nullopt;
    Result<CourseEvent> e = CourseEvent::fromJson(doc.object());
    if (!e || e.value().seq == 0)
        return std::nullopt;
    CourseEvent event = std::move(e).value();
    if (event.kind == EventKind::ChatPosted)
        event.data.insert(QStringLiteral("id"), double(event.seq));
    return event;
}

void RedisFeed::onPublished(const QString &course, const QByteArray &json)
{
    auto it = m_state.find(course);
    if (it == m_state.end())
        return;
    if (m_drop > 0) {
        --m_drop;
        return;
    }
    std::optional<CourseEvent> event = decode(json);
    if (!event || event->course != course) {
        qCWarning(lcRedis) << "ignoring an unreadable event on the channel of" << course;
        return;
    }
    State &s = it.value();
    s.head = qMax(s.head, event->seq);
    if (event->seq <= s.submitted)
        return; // already have it (a fetch got there first)
    if (s.fetching) {
        s.again = true;
        return;
    }
    if (event->seq == s.submitted + 1)
        return submit(*event);
    qCInfo(lcRedis) << "gap in" << course << ": have" << s.submitted << "got" << event->seq << "- fetching the rest";
    ++m_gapRepairs;
    fetch(course);
}

void RedisFeed::submit(const CourseEvent &event)
{
    State &s = m_state[event.course];
    s.submitted = event.seq;
    const quint64 expected = event.seq;
    m_local.append(NewEvent{event.course, event.kind, event.timeMs, event.data},
                        [this, expected](Result<CourseEvent> r) {
                            if (!r) {
                                qCWarning(lcRedis) << "the local log refused an event:" << r.error().message;
                                return resync();
                            }
                            if (r.value().seq != expected) { // cannot happen while we feed it in order
                                qCCritical(lcRedis) << "local seq" << r.value().seq << "!=" << expected;
                                return resync();
                            }
                            Q_EMIT applied(r.value());
                        });
}

// A commit of the local log failed: nothing of that batch is in it. Start again from what is.
void RedisFeed::resync()
{
    for (auto it = m_state.begin(); it != m_state.end(); ++it)
        it->submitted = m_local.lastSeq(it.key());
    QTimer::singleShot(500, this, &RedisFeed::catchUpAll);
}

void RedisFeed::catchUp(const QString &course)
{
    auto it = m_state.find(course);
    if (it == m_state.end())
        return;
    if (it->fetching)
        it->again = true;
    else
        fetch(course);
}

void RedisFeed::addCourse(const QString &course)
{
    if (m_courses.contains(course))
        return;
    m_courses << course;
    State &s = m_state[course];
    s.submitted = qMax(s.submitted, m_local.lastSeq(course));
    s.head = qMax(s.head, s.submitted);
    catchUp(course);
}

void RedisFeed::catchUpAll()
{
    for (const QString &course : std::as_const(m_courses))
        catchUp(course);
}

void RedisFeed::headSeen(const QString &course, quint64 seq)
{
    State &s = m_state[course];
    s.head = qMax(s.head, seq);
    if (s.submitted >= seq)
        return;
    QTimer::singleShot(kLagCheckMs, this, [this, course, seq] {
        const State &now = m_state[course];
        if (now.submitted < seq && !now.fetching) {
            qCInfo(lcRedis) << course << "seq" << seq << "was not published to us: fetching it";
            ++m_gapRepairs;
            fetch(course);
        }
    });
}

void RedisFeed::fetch(const QString &course)
{
    State &s = m_state[course];
    s.fetching = true;
    s.again = false;
    const quint64 from = s.submitted + 1;
    // Only up to the course's visible head: with minReplicas, the log may end in events whose
    // writers still wait for replicas (and a failover could lose).
    const QByteArrayList args{QByteArrayLiteral("4"), redis::visibleKey(course), redis::seqKey(course), redis::logKey(course),
                              redis::tombstonesKey(course), QByteArray::number(from), QByteArray::number(kFetchPage)};
    const bool sent = m_commands.evalScript(redis::readVisibleScript(), args, [this, course](const redisReply *reply) {
        State &s = m_state[course];
        s.fetching = false;
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2 || reply->element[1]->type != REDIS_REPLY_ARRAY) {
            if (reply && reply->type == REDIS_REPLY_ERROR)
                qCWarning(lcRedis) << "fetching" << course << "failed:" << reply->str;
            return; // the reconnect (or the next head check) tries again
        }
        const redisReply *entries = reply->element[1];
        for (size_t i = 0; i < entries->elements; ++i) {
            const redisReply *entry = entries->element[i];
            if (!entry || entry->type != REDIS_REPLY_ARRAY || entry->elements < 2)
                continue;
            const redisReply *fields = entry->element[1];
            if (!fields || fields->type != REDIS_REPLY_ARRAY || fields->elements < 2 || !fields->element[1]
                || fields->element[1]->type != REDIS_REPLY_STRING)
                continue;
            std::optional<CourseEvent> event = decode(QByteArray(fields->element[1]->str, int(fields->element[1]->len)));
            if (!event || event->course != course) {
                qCCritical(lcRedis) << "unreadable entry in the log of" << course;
                return;
            }
            if (event->seq <= s.submitted)
                continue;
            if (event->seq != s.submitted + 1) {
                qCCritical(lcRedis) << "the log of" << course << "misses seq" << s.submitted + 1;
                return;
            }
            s.head = qMax(s.head, event->seq);
            submit(*event);
        }
        if (entries->elements == size_t(kFetchPage) || s.again)
            fetch(course);
        else
            s.head = s.submitted; // the log is the truth: a head beyond it was a stray message
    });
    if (!sent)
        s.fetching = false;
}

void RedisFeed::checkHeads()
{
    if (!m_commands.isConnected() || m_courses.isEmpty())
        return;
    // Each course's visible head, or its seq where the log predates the visible head.
    QByteArrayList args{QByteArrayLiteral("MGET")};
    for (const QString &course : std::as_const(m_courses))
        args << redis::visibleKey(course) << redis::seqKey(course);
    m_commands.command(args, [this](const redisReply *reply) {
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != size_t(2 * m_courses.size()))
            return;
        for (size_t i = 0; i < reply->elements; i += 2) {
            const redisReply *e = reply->element[i]->type == REDIS_REPLY_STRING ? reply->element[i] : reply->element[i + 1];
            if (!e || e->type != REDIS_REPLY_STRING)
                continue;
            const QString &course = m_courses[int(i / 2)];
            State &s = m_state[course];
            s.head = qMax(s.head, QByteArray(e->str, int(e->len)).toULongLong());
            if (s.head > s.submitted && !s.fetching) {
                ++m_gapRepairs; // a message we never got (perhaps the last one of a burst)
                fetch(course);
            }
        }
    });
}

} // namespace collab::server
