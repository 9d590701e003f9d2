#include "hub/queuecommands.h"

#include "config/serverconfig.h"
#include "hub/permissions.h"
#include "protocol/ids.h"
#include "store/projections.h"

#include <QJsonArray>

namespace collab::server {

namespace {

ProtocolError error(ErrorCode code, const QString &text) { return ProtocolError::make(code, text); }

const QueueEntry *entryOf(const QList<QueueEntry> &entries, const QString &user)
{
    for (const QueueEntry &e : entries)
        if (sameName(e.user, user))
            return &e;
    return nullptr;
}

} // namespace

void QueueCommands::open(const Actor &actor, const proto::QueueOpen &m, Reply done)
{
    if (std::optional<ProtocolError> e = m_context.checkWritable(m.course, m.channel))
        return done(*e);
    if (!allows(actor.role, Permission::Moderate))
        return done(error(ErrorCode::Forbidden, QStringLiteral("only %1 may open office-hours queues").arg(rolesAllowed(Permission::Moderate))));
    const QJsonObject data{{QStringLiteral("channel"), m.channel}, {QStringLiteral("open"), m.open}, {QStringLiteral("by"), actor.user}};
    m_context.store(m.course, EventKind::QueueOpened, data, {{QStringLiteral("channel"), m.channel}}, std::move(done));
}

void QueueCommands::join(const Actor &actor, const proto::QueueJoin &m, Reply done)
{
    if (std::optional<ProtocolError> e = m_context.checkWritable(m.course, m.channel))
        return done(*e);
    const QueueProjection &queues = m_context.projections.queues();
    if (!queues.isQueue(m.course, m.channel))
        return done(error(ErrorCode::InvalidValue, QStringLiteral("#%1 is not an open office-hours queue").arg(m.channel)));
    const QList<QueueEntry> entries = queues.entries(m.course, m.channel);
    if (entryOf(entries, actor.user))
        return done(error(ErrorCode::Conflict, QStringLiteral("you are in the #%1 queue already").arg(m.channel)));
    if (entries.size() >= limits::MaxQueueLength)
        return done(error(ErrorCode::Conflict, QStringLiteral("the #%1 queue is full (%2)").arg(m.channel).arg(limits::MaxQueueLength)));
    const QJsonObject data{{QStringLiteral("channel"), m.channel}, {QStringLiteral("user"), actor.user}, {QStringLiteral("topic"), m.topic.trimmed()}};
    m_context.journal.append(m.course, EventKind::QueueJoined, data,
                             [this, course = m.course, channel = m.channel, user = actor.user, done = std::move(done)](Result<CourseEvent> r) {
        if (!r)
            return done(r.error());
        QJsonObject answer = positionOf(course, channel, user); // the projection holds the event by now
        answer.insert(QStringLiteral("channel"), channel);
        answer.insert(QStringLiteral("seq"), double(r.value().seq));
        done(answer);
    });
}

void QueueCommands::act(const Actor &actor, const proto::QueueAction &m, Reply done)
{
    if (std::optional<ProtocolError> e = m_context.checkWritable(m.course, m.channel))
        return done(*e);
    const QList<QueueEntry> entries = m_context.projections.queues().entries(m.course, m.channel);
    const bool moderator = allows(actor.role, Permission::Moderate);
    QString user = m.user.isEmpty() && m.action == QLatin1String("leave") ? actor.user : m.user;
    if (m.action != QLatin1String("leave") || !sameName(user, actor.user)) {
        if (!moderator)
            return done(error(ErrorCode::Forbidden, QStringLiteral("only %1 may %2 students in a queue").arg(rolesAllowed(Permission::Moderate), m.action)));
    }
    const QueueEntry *entry = nullptr;
    if (m.action == QLatin1String("take") && user.isEmpty()) { // the next one
        for (const QueueEntry &e : entries)
            if (!e.taken) {
                entry = &e;
                break;
            }
        if (!entry)
            return done(error(ErrorCode::NotFound, QStringLiteral("nobody is waiting in #%1").arg(m.channel)));
    } else {
        entry = entryOf(entries, user);
        if (!entry)
            return done(error(ErrorCode::NotFound, QStringLiteral("%1 is not in the #%2 queue").arg(user, m.channel)));
    }
    user = entry->user;
    if (m.action == QLatin1String("take") && entry->taken)
        return done(error(ErrorCode::Conflict, QStringLiteral("%1 is being helped by %2 already").arg(user, entry->by)));
    if ((m.action == QLatin1String("done") || m.action == QLatin1String("requeue")) && !entry->taken)
        return done(error(ErrorCode::Conflict, QStringLiteral("%1 is waiting, not being helped").arg(user)));
    const QJsonObject data{{QStringLiteral("channel"), m.channel}, {QStringLiteral("user"), user},
                           {QStringLiteral("action"), m.action}, {QStringLiteral("by"), actor.user}};
    m_context.store(m.course, EventKind::QueueChanged, data, {{QStringLiteral("channel"), m.channel}, {QStringLiteral("user"), user}},
                    std::move(done));
}

QJsonObject QueueCommands::positionOf(const QString &course, const QString &channel, const QString &user) const
{
    const QueueProjection &queues = m_context.projections.queues();
    const QueueStats stats = queues.stats(course, channel);
    const qint64 meanHelp = stats.served > 0 ? stats.totalHelpMs / stats.served : DefaultHelpMs;
    int position = 0;
    int waiting = 0;
    for (const QueueEntry &e : queues.entries(course, channel)) {
        if (e.taken)
            continue;
        ++waiting;
        if (sameName(e.user, user)) {
            position = waiting;
            break;
        }
    }
    QJsonObject out{{QStringLiteral("position"), position}};
    if (position > 0) // those ahead, each taking the mean time a student took so far
        out.insert(QStringLiteral("estimateMs"), double((position - 1) * meanHelp));
    return out;
}

Result<QJsonObject> QueueCommands::get(const Actor &actor, const proto::QueueGet &m) const
{
    const CourseConfig *c = m_context.config.course(m.course);
    if (!c)
        return unknownCourseError(m.course);
    if (!c->channels.contains(m.channel))
        return error(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(m.channel, m.course));
    const QueueProjection &queues = m_context.projections.queues();
    QJsonArray entries;
    for (const QueueEntry &e : queues.entries(m.course, m.channel)) {
        QJsonObject entry{{QStringLiteral("user"), e.user},
                          {QStringLiteral("topic"), e.topic},
                          {QStringLiteral("joinedAt"), double(e.joinedMs)},
                          {QStringLiteral("state"), e.taken ? QStringLiteral("taken") : QStringLiteral("waiting")}};
        if (e.taken)
            entry.insert(QStringLiteral("by"), e.by);
        entries.append(entry);
    }
    const QueueStats stats = queues.stats(m.course, m.channel);
    QJsonObject out = positionOf(m.course, m.channel, actor.user);
    out.insert(QStringLiteral("channel"), m.channel);
    out.insert(QStringLiteral("open"), queues.isQueue(m.course, m.channel));
    out.insert(QStringLiteral("entries"), entries);
    out.insert(QStringLiteral("served"), stats.served);
    out.insert(QStringLiteral("meanWaitMs"), double(stats.taken > 0 ? stats.totalWaitMs / stats.taken : 0));
    out.insert(QStringLiteral("meanHelpMs"), double(stats.served > 0 ? stats.totalHelpMs / stats.served : 0));
    return out;
}

} // namespace collab::server
