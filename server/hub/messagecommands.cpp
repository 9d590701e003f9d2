#include "hub/messagecommands.h"

#include "bus/bus.h"
#include "config/serverconfig.h"
#include "files/fileuploads.h"
#include "hub/anonymityfilter.h"
#include "hub/chatpostedevent.h"
#include "hub/courserules.h"
#include "hub/permissions.h"
#include "store/eventlog.h"
#include "store/projections.h"

#include <QDateTime>

namespace collab::server {

namespace {

QString inflightKey(const QString &course, const QString &author, const QString &clientMsgId)
{
    return course + QChar(0x1f) + author + QChar(0x1f) + clientMsgId;
}

} // namespace

MessageCommands::MessageCommands(const ServerConfig &config, const CourseRules &rules, EventLog &log, const Projections &projections,
                                 Bus &bus, CourseJournal &journal, Interactions &interactions, FileUploads &files)
    : m_config(config), m_rules(rules), m_log(log), m_projections(projections), m_bus(bus), m_journal(journal),
      m_interactions(interactions), m_files(files)
{
}

void MessageCommands::post(const Actor &actor, const QString &course, const QString &channel, const QString &text,
                           const QString &clientMsgId, const PostOptions &options, Callback<MessageOutcome> done)
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return done(unknownCourseError(course));
    if (!c->channels.contains(channel))
        return done(ProtocolError::make(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(channel, course)));
    if (std::optional<ProtocolError> readOnly = m_rules.checkWritable(course, channel, QString()))
        return done(*readOnly);
    if (c->isAnnouncementChannel(channel) && !allows(m_rules.effective(actor, course).role, Permission::PostAnnouncement))
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("#%1 is an announcement channel: only %2 post there")
                                                                  .arg(channel, rolesAllowed(Permission::PostAnnouncement))));
    Result<PostShape> shape = m_interactions.shapePost(m_rules.effective(actor, course), course, channel, options);
    if (!shape)
        return done(shape.error());

    if (!clientMsgId.isEmpty()) {
        const QString key = inflightKey(course, actor.user, clientMsgId);
        auto inflight = m_inflightPosts.find(key);
        if (inflight != m_inflightPosts.end()) {
            inflight->append(std::move(done));
            return;
        }
        if (auto existing = m_projections.messages().messageByClientId(course, actor.user, clientMsgId))
            return done(MessageOutcome{*existing, existing->id, true});
        m_inflightPosts.insert(key, {std::move(done)});
        done = [this, key](Result<MessageOutcome> r) {
            const QList<Callback<MessageOutcome>> waiters = m_inflightPosts.take(key);
            for (int i = 0; i < waiters.size(); ++i) {
                Result<MessageOutcome> copy = r;
                if (copy && i > 0)
                    copy.value().duplicate = true;
                waiters[i](std::move(copy));
            }
        };
    }

    ChatMessage m;
    m.channel = channel;
    m.author = actor.user;
    m.via = actor.via;
    m.text = text;
    m.clientMsgId = clientMsgId;
    m.replyTo = shape.value().replyTo;
    m.question = shape.value().question;
    m.anonymous = shape.value().anonymous;
    m.pseudonym = shape.value().pseudonym;
    if (!options.files.isEmpty()) { // each a file of this course, whose bytes are durable already
        Result<QList<FileRef>> files = m_files.resolve(course, options.files);
        if (!files)
            return done(files.error());
        m.files = files.value();
    }
    QJsonObject data = chatPostedEventData(m);
    if (clientMsgId.isEmpty()) {
        m_journal.append(course, EventKind::ChatPosted, data, [done = std::move(done), m](Result<CourseEvent> r) mutable {
            if (!r)
                return done(r.error());
            m.id = r.value().seq;
            m.createdMs = r.value().timeMs;
            done(MessageOutcome{m, r.value().seq, false});
        });
        return;
    }
    // The log's check is the one that holds across nodes: a retry that reached another node while
    // this one was storing the original is answered there with the original's id.
    NewEvent event{course, EventKind::ChatPosted, QDateTime::currentMSecsSinceEpoch(), std::move(data)};
    m_log.appendOnce(std::move(event), actor.user + QLatin1Char('\n') + clientMsgId,
                     [this, done = std::move(done), m](Result<EventLog::Stored> r) mutable {
                         if (!r)
                             return done(r.error());
                         const CourseEvent &e = r.value().event;
                         if (!r.value().duplicate)
                             m_bus.publishEvent(e);
                         m.id = e.seq;
                         m.createdMs = e.timeMs;
                         m.text = e.data.value(QLatin1String("text")).toString(m.text);
                         done(MessageOutcome{m, e.seq, r.value().duplicate});
                     });
}

Result<ChatMessage> MessageCommands::editableMessage(const Actor &actor, const QString &course, quint64 id) const
{
    if (!m_config.course(course))
        return unknownCourseError(course);
    std::optional<ChatMessage> m = m_projections.messages().message(course, id);
    if (!m)
        return ProtocolError::make(ErrorCode::NotFound, QStringLiteral("no message %1 in %2").arg(id).arg(course));
    if (std::optional<ProtocolError> readOnly = m_rules.checkWritable(course, m->channel, QString()))
        return *readOnly;
    if (m->author != actor.user && !allows(m_rules.effective(actor, course).role, Permission::ChangeAnyMessage))
        return ProtocolError::make(ErrorCode::Forbidden,
                                   QStringLiteral("only the author or a moderator may change message %1").arg(id));
    return *m;
}

void MessageCommands::edit(const Actor &actor, const QString &course, quint64 id, const QString &text, Callback<MessageOutcome> done)
{
    Result<ChatMessage> found = editableMessage(actor, course, id);
    if (!found)
        return done(found.error());
    ChatMessage m = found.value();
    if (m.deleted)
        return done(ProtocolError::make(ErrorCode::Conflict, QStringLiteral("message %1 was deleted").arg(id)));
    QJsonObject data{{QStringLiteral("id"), double(id)},
                     {QStringLiteral("channel"), m.channel},
                     {QStringLiteral("text"), text},
                     {QStringLiteral("by"), actor.user}};
    AnonymityFilter::markAnonymous(data, m); // so that classmates get the change without the author
    m_journal.append(course, EventKind::ChatEdited, data, [done = std::move(done), m, text, by = actor.user](Result<CourseEvent> r) mutable {
        if (!r)
            return done(r.error());
        m.text = text;
        m.editedMs = r.value().timeMs;
        m.editedBy = by;
        done(MessageOutcome{m, r.value().seq, false});
    });
}

void MessageCommands::remove(const Actor &actor, const QString &course, quint64 id, Callback<MessageOutcome> done)
{
    Result<ChatMessage> found = editableMessage(actor, course, id);
    if (!found)
        return done(found.error());
    ChatMessage m = found.value();
    if (m.deleted) // deleting twice is a retry, not an error
        return done(MessageOutcome{m, 0, true});
    QJsonObject data{{QStringLiteral("id"), double(id)}, {QStringLiteral("channel"), m.channel}, {QStringLiteral("by"), actor.user}};
    AnonymityFilter::markAnonymous(data, m);
    m_journal.append(course, EventKind::ChatDeleted, data, [done = std::move(done), m, data](Result<CourseEvent> r) mutable {
        if (!r)
            return done(r.error());
        m.text.clear();
        m.deleted = true;
        m.deletedBy = data.value(QLatin1String("by")).toString();
        done(MessageOutcome{m, r.value().seq, false});
    });
}

} // namespace collab::server
