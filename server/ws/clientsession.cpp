#include "ws/clientsession.h"

#include "hub/hub.h"
#include "logging.h"
#include "metrics.h"
#include "protocol/limits.h"
#include "protocol/servermessages.h"
#include "protocol/ids.h"
#include "search/coursesearch.h"
#include "store/projections.h"
#include "transport/transportconnection.h"
#include "transport/wslimits.h"
#include "ws/coursefanout.h"

#include <QJsonArray>

namespace collab::server {

ClientSession::ClientSession(TransportConnection *connection, Hub &hub, CourseFanout &fanout, ServerMetrics &metrics,
                             const QString &sessionId, QObject *parent)
    : QObject(parent), m_connection(connection), m_hub(hub), m_fanout(fanout), m_metrics(metrics),
      m_sessionId(sessionId), m_limits(hub.config().limits)
{
    connect(connection, &TransportConnection::textReceived, this, &ClientSession::onText);
    connect(connection, &TransportConnection::closed, this, &ClientSession::onClosed);
}

ClientSession::~ClientSession() { leaveAll(); }

void ClientSession::onClosed()
{
    leaveAll();
    deleteLater();
}

void ClientSession::leaveAll()
{
    for (auto it = m_joined.cbegin(); it != m_joined.cend(); ++it) {
        m_fanout.unsubscribe(it.key(), m_connection.data());
        m_hub.disconnect(it.value().user, it.key());
    }
    m_joined.clear();
}

void ClientSession::sendFrame(const QByteArray &frame) { send(frame); }

void ClientSession::sendParts(const QByteArrayList &parts)
{
    if (m_connection)
        m_connection->sendTextParts(parts);
}

void ClientSession::send(const QByteArray &frame)
{
    if (m_connection)
        m_connection->sendText(frame);
}

void ClientSession::sendError(const ProtocolError &error)
{
    ++m_metrics.wsErrorsSent;
    send(proto::encode(proto::ErrorReply::from(error)));
}

void ClientSession::sendError(const QJsonValue &ref, ErrorCode code, const QString &message)
{
    sendError(ProtocolError::make(code, message, ref));
}

void ClientSession::onText(const QByteArray &frame)
{
    if (m_user.isEmpty() && ++m_framesBeforeHello > MaxFramesBeforeHello) {
        if (m_connection && m_framesBeforeHello == MaxFramesBeforeHello + 1) {
            ++m_metrics.wsPreHelloCloses;
            m_connection->close(CloseCode::PolicyViolation,
                                QStringLiteral("hello expected: %1 frames sent before it").arg(MaxFramesBeforeHello));
        }
        return;
    }
    if (!m_joinPending)
        return process(frame);
    if (m_held.size() >= MaxHeldFrames)
        return sendError(ProtocolError::make(ErrorCode::RateLimited, QStringLiteral("too many requests while a join is pending")));
    m_held.append(frame);
}

void ClientSession::process(const QByteArray &frame)
{
    ++m_metrics.wsMessagesReceived;
    Result<proto::ClientMessage> decoded = proto::decodeClientMessage(frame);
    if (!decoded)
        return sendError(decoded.error());
    const proto::ClientMessage &message = decoded.value();
    const bool isChat = std::holds_alternative<proto::ChatSend>(message.payload) || std::holds_alternative<proto::ChatEdit>(message.payload)
                        || std::holds_alternative<proto::ChatDelete>(message.payload);
    if (std::optional<ProtocolError> limited = isChat ? m_limits.admitChat() : m_limits.admitRequest()) {
        limited->ref = message.ref;
        return sendError(*limited);
    }
    const bool isHello = std::holds_alternative<proto::Hello>(message.payload);
    const bool isPing = std::holds_alternative<proto::Ping>(message.payload);
    if (m_user.isEmpty() && !isHello && !isPing)
        return sendError(message.ref, ErrorCode::NotAuthenticated, QStringLiteral("send hello first"));
    std::visit([&](const auto &m) { handle(message.ref, m); }, message.payload);
}

const Actor *ClientSession::actorFor(const QString &course, const QJsonValue &ref)
{
    auto it = m_joined.constFind(course);
    if (it != m_joined.constEnd())
        return &it.value();
    if (!m_hub.course(course))
        sendError(ref, ErrorCode::UnknownCourse, QStringLiteral("no course '%1'").arg(course));
    else
        sendError(ref, ErrorCode::NotJoined, QStringLiteral("join %1 first").arg(course));
    return nullptr;
}

void ClientSession::handle(const QJsonValue &ref, const proto::Hello &m)
{
    if (!m_user.isEmpty())
        return sendError(ref, ErrorCode::Conflict, QStringLiteral("hello was already sent"));
    const QHostAddress from = m_connection ? m_connection->peerAddress() : QHostAddress();
    if (!m.adminSecret.isEmpty() && !m_hub.checkAdminSecret(m.adminSecret, from))
        return sendError(ref, ErrorCode::NotAuthenticated, QStringLiteral("wrong admin secret"));
    m_user = m.user;
    m_admin = !m.adminSecret.isEmpty();
    qCDebug(lcGateway) << "session" << m_sessionId << "is" << m_user << m.client << (m_admin ? "(administrator)" : "");
    send(proto::encode(proto::Welcome{ref, m_sessionId, m_user, QStringLiteral("collab-server"), limits::ProtocolVersion, m_admin}));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Join &m)
{
    m_joinPending = true;
    const QHostAddress from = m_connection ? m_connection->peerAddress() : QHostAddress();
    m_hub.join(m_user, m.course, m.joinCode, m.token, from,
               [guard = QPointer<ClientSession>(this), hub = &m_hub, ref, m](Result<JoinGrant> grant) {
        if (!guard) { // the client went away meanwhile: it is not online
            if (grant)
                hub->disconnect(grant.value().actor.user, m.course);
            return;
        }
        guard->m_joinPending = false;
        guard->joined(ref, m, std::move(grant));
        while (!guard->m_joinPending && !guard->m_held.isEmpty())
            guard->process(guard->m_held.takeFirst());
    });
}

void ClientSession::joined(const QJsonValue &ref, const proto::Join &m, Result<JoinGrant> grant)
{
    if (!grant) {
        ProtocolError error = grant.error();
        error.ref = ref;
        return sendError(error);
    }
    if (m_joined.contains(m.course)) // joining again: hub.join counted a second connection
        m_hub.disconnect(m_joined.value(m.course).user, m.course);
    Actor actor = grant.value().actor;
    if (m_admin) // the administrator is one in every course
        actor.role = Actor::Role::Admin;
    m_joined.insert(m.course, actor);

    const CourseConfig &course = *grant.value().course;
    proto::Joined joined;
    joined.ref = ref;
    joined.course = course.id;
    joined.title = course.title;
    joined.seq = grant.value().seq;
    joined.channels = course.channels;
    joined.notes = course.notes;
    joined.members = m_hub.members(course.id);
    joined.resumed = m.since.has_value();
    joined.token = grant.value().issuedToken;
    joined.user = grant.value().actor.user;
    joined.role = roleName(m_hub.effective(actor, course.id).role);
    joined.announcements = course.announcements;
    joined.archivedChannels = course.archivedChannels;
    joined.archivedNotes = course.archivedNotes;
    for (const QString &note : course.notes)
        if (m_hub.isNoteLocked(course.id, note))
            joined.lockedNotes << note;
    joined.archived = course.archived;
    joined.studentNotes = course.studentNotes;
    joined.invitesRequired = course.invitesRequired;
    joined.anonymity = m_hub.projections().interactionSettings().anonymityMode(course.id);
    for (auto it = course.channelTitles.cbegin(); it != course.channelTitles.cend(); ++it)
        joined.channelTitles.insert(it.key(), it.value());
    for (auto it = course.noteTitles.cbegin(); it != course.noteTitles.cend(); ++it)
        joined.noteTitles.insert(it.key(), it.value());

    std::optional<QList<CourseEvent>> missed;
    if (m.since)
        missed = m_hub.replay(course.id, *m.since);
    joined.recovered = !m.since || missed.has_value();
    joined.replayed = missed ? int(missed->size()) : 0;
    send(proto::encode(joined));
    if (missed) {
        const Reader reader = m_hub.readerFor(actor, course.id); // anonymous posts: as this reader may see them
        for (const CourseEvent &e : *missed)
            send(proto::encode(proto::EventMessage{AnonymityFilter::forReader(CourseCatalog::forMembers(e), reader)}));
    } else {
        sendHistoryPages(course.id, course.channels);
    }
    // Subscribing in the same turn as the snapshot: every later event has seq > joined.seq.
    m_fanout.subscribe(course.id, m_connection.data());
}

void ClientSession::sendHistoryPages(const QString &course, const QStringList &channels)
{
    for (const QString &channel : channels) {
        Result<proto::HistoryPage> page = m_hub.history(course, channel, 0, limits::DefaultHistory);
        if (page) {
            m_hub.interactions().present(course, page.value().messages, m_hub.readerFor(m_joined.value(course), course));
            send(proto::encode(page.value()));
        }
    }
}

void ClientSession::handle(const QJsonValue &ref, const proto::Leave &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    const QString user = actor->user;
    m_joined.remove(m.course);
    m_fanout.unsubscribe(m.course, m_connection.data());
    m_hub.disconnect(user, m.course);
    send(proto::encode(proto::Ack{ref, {{QStringLiteral("course"), m.course}}}));
}

namespace {
// Replies `ack`, with the fields `fields` makes of the outcome, or the error (through sendError:
// counted in collab_ws_errors_total like every error reply), once the Hub is done, if the session
// still exists. The one reply path of every command the Hub answers later.
template <typename T, typename Fields>
auto ackReply(ClientSession *self, const QJsonValue &ref, Fields fields)
{
    return [guard = QPointer<ClientSession>(self), ref, fields = std::move(fields)](Result<T> r) {
        if (!guard)
            return;
        if (!r) {
            ProtocolError error = r.error();
            error.ref = ref;
            return guard->sendError(error);
        }
        guard->sendFrame(proto::encode(proto::Ack{ref, fields(r.value())}));
    };
}

// chat.send/edit/delete: ack {id, seq, duplicate?}.
auto messageReply(ClientSession *self, const QJsonValue &ref)
{
    return ackReply<MessageOutcome>(self, ref, [](const MessageOutcome &o) {
        QJsonObject fields{{QStringLiteral("id"), double(o.message.id)}, {QStringLiteral("seq"), double(o.seq)}};
        if (o.duplicate)
            fields.insert(QStringLiteral("duplicate"), true);
        return fields;
    });
}

auto noteReply(ClientSession *self, const QJsonValue &ref)
{
    return ackReply<NoteOutcome>(self, ref, [](const NoteOutcome &o) {
        return QJsonObject{{QStringLiteral("seq"), double(o.seq)},
                           {QStringLiteral("applied"), o.applied},
                           {QStringLiteral("duplicates"), o.duplicates},
                           {QStringLiteral("version"), o.version}};
    });
}

} // namespace

void ClientSession::handle(const QJsonValue &ref, const proto::NoteOps &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    m_hub.applyNoteOps(*actor, m, noteReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteSync &m)
{
    if (!actorFor(m.course, ref))
        return;
    // Often answered later: a snapshot is encoded on a worker thread (and shared between clients).
    m_hub.noteState(m.course, m.note, m.have, m.compact, [guard = QPointer<ClientSession>(this), ref](Result<NoteStateEncoder::Frame> frame) {
        if (!guard)
            return;
        if (!frame) {
            ProtocolError error = frame.error();
            error.ref = ref;
            return guard->sendError(error);
        }
        guard->sendParts(NoteStateEncoder::withRef(frame.value(), ref));
    });
}

void ClientSession::handle(const QJsonValue &ref, const proto::ChatSend &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    m_hub.postMessage(*actor, m.course, m.channel, m.text, m.clientMsgId, PostOptions{m.replyTo, m.question, m.anonymous, m.files},
                      messageReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::ChatEdit &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    m_hub.editMessage(*actor, m.course, m.id, m.text, messageReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::ChatDelete &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    m_hub.deleteMessage(*actor, m.course, m.id, messageReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Typing &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    Result<bool> r = m_hub.setTyping(*actor, m);
    if (!r) {
        ProtocolError error = r.error();
        error.ref = ref;
        sendError(error);
    }
}

void ClientSession::handle(const QJsonValue &ref, const proto::EditAction &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    if (m.action == QLatin1String("typing")) {
        Result<bool> r = m_hub.setTyping(*actor, proto::Typing{m.course, QString(), m.note, true});
        if (!r) {
            ProtocolError error = r.error();
            error.ref = ref;
            return sendError(error);
        }
        return send(proto::encode(proto::Ack{ref, {}}));
    }
    m_hub.noteAction(*actor, m, noteReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::History &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    Result<proto::HistoryPage> page = m_hub.history(m.course, m.channel, m.before, m.limit);
    if (!page) {
        ProtocolError error = page.error();
        error.ref = ref;
        return sendError(error);
    }
    m_hub.interactions().present(m.course, page.value().messages, m_hub.readerFor(*actor, m.course));
    page.value().ref = ref;
    send(proto::encode(page.value()));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Kick &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    m_hub.kick(*actor, m.course, m.user, m.minutes, ackReply<bool>(this, ref, [m](bool) {
                   return QJsonObject{{QStringLiteral("course"), m.course}, {QStringLiteral("user"), m.user}};
               }));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteLock &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    m_hub.lockNote(*actor, m, ackReply<CourseEvent>(this, ref, [](const CourseEvent &e) {
                       return QJsonObject{{QStringLiteral("seq"), double(e.seq)}};
                   }));
}

void ClientSession::handle(const QJsonValue &ref, const proto::ClaimsPurge &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    m_hub.purgeUnusedClaims(*actor, m.course, ackReply<QStringList>(this, ref, [m](const QStringList &purged) {
                                return QJsonObject{{QStringLiteral("course"), m.course},
                                                   {QStringLiteral("purged"), QJsonArray::fromStringList(purged)}};
                            }));
}

void ClientSession::removeFrom(const QString &course, const QString &user, const QString &by, qint64 until)
{
    // Names compare by their normalized form: a kick of "ANGIE.NGUYEN" removes Angie.Nguyen. An
    // empty user: everyone (the course was deleted).
    const auto joined = m_joined.constFind(course);
    if (joined == m_joined.constEnd() || (!user.isEmpty() && !sameName(user, joined->user)))
        return;
    const QString name = joined->user;
    m_joined.remove(course);
    m_fanout.unsubscribe(course, m_connection.data());
    m_hub.disconnect(name, course);
    send(proto::encode(proto::Kicked{course, by, until}));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Ping &)
{
    send(proto::encode(proto::Pong{ref}));
}

} // namespace collab::server

// ---- Running a course (courseadminmessages.h): the Hub's CourseAdmin decides, the ack carries
// its answer's fields.
namespace collab::server {

namespace {
auto adminReply(ClientSession *self, const QJsonValue &ref)
{
    return ackReply<QJsonObject>(self, ref, [](const QJsonObject &fields) { return fields; });
}
} // namespace

const Actor *ClientSession::managerFor(const QString &course, const QJsonValue &ref)
{
    // The administrator manages a course without joining it.
    if (m_admin && !m_joined.contains(course)) {
        m_adminActor = Actor{m_user, Actor::Role::Admin, QString()};
        if (!m_hub.course(course)) {
            sendError(ref, ErrorCode::UnknownCourse, QStringLiteral("no course '%1'").arg(course));
            return nullptr;
        }
        return &m_adminActor;
    }
    return actorFor(course, ref);
}

void ClientSession::handle(const QJsonValue &ref, const proto::CourseCreate &m)
{
    m_hub.createCourse(Actor{m_user, m_admin ? Actor::Role::Admin : Actor::Role::Student, QString()}, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::CourseDelete &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.deleteCourse(*actor, m.course, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::CourseUpdate &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.updateCourse(*actor, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::ChannelAdd &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.addChannel(*actor, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::ChannelUpdate &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.updateChannel(*actor, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteCreate &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.createNote(*actor, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteUpdate &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.updateNote(*actor, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::JoinCodeRotate &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.rotateJoinCode(*actor, m.course, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::MemberRoleSet &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.setRole(*actor, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::MemberRestore &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.restore(*actor, m.course, m.user, ackReply<CourseEvent>(this, ref, [m](const CourseEvent &e) {
                          return QJsonObject{{QStringLiteral("user"), m.user}, {QStringLiteral("seq"), double(e.seq)}};
                      }));
}

void ClientSession::handle(const QJsonValue &ref, const proto::RosterImport &m)
{
    const Actor *actor = managerFor(m.course, ref);
    if (!actor)
        return;
    // Parts of one upload are kept only for who may import (checked again with the last part).
    if (std::optional<ProtocolError> e = m_hub.checkCourseAdmin(*actor, m.course, Permission::ManageCourse)) {
        m_rosterUploads.remove(m.course);
        e->ref = ref;
        return sendError(*e);
    }
    QByteArray csv = m.csv.toUtf8();
    if (!m.upload.isEmpty()) {
        RosterUpload &pending = m_rosterUploads[m.course];
        if (pending.upload != m.upload) // a new upload replaces one left unfinished
            pending = RosterUpload{m.upload, {}};
        if (pending.csv.size() + csv.size() > limits::MaxRosterBytes) {
            m_rosterUploads.remove(m.course);
            return sendError(ref, ErrorCode::TooLarge,
                             QStringLiteral("the roster is over %1 MiB; nothing was imported").arg(limits::MaxRosterBytes / (1024 * 1024)));
        }
        pending.csv += csv;
        if (m.more) {
            const QJsonObject fields{{QStringLiteral("course"), m.course}, {QStringLiteral("upload"), m.upload},
                                     {QStringLiteral("received"), double(pending.csv.size())}};
            return sendFrame(proto::encode(proto::Ack{ref, fields}));
        }
        csv = m_rosterUploads.take(m.course).csv;
    }
    m_hub.importRoster(*actor, m.course, csv, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::ModerationLog &m)
{
    const Actor *actor = managerFor(m.course, ref);
    if (!actor)
        return;
    Result<QJsonArray> entries = m_hub.moderationLog(*actor, m.course, m.limit);
    if (!entries) {
        ProtocolError error = entries.error();
        error.ref = ref;
        return sendError(error);
    }
    send(proto::encode(proto::Ack{ref, {{QStringLiteral("course"), m.course}, {QStringLiteral("entries"), entries.value()}}}));
}

// A one-use link to the export zip: the zip itself goes over HTTP (GET .../export?ticket=), which
// streams a file, rather than through 64 KiB WebSocket frames.
void ClientSession::handle(const QJsonValue &ref, const proto::CourseExport &m)
{
    const Actor *actor = managerFor(m.course, ref);
    if (!actor)
        return;
    Result<ExportTicket> ticket = m_hub.issueExportTicket(*actor, m.course);
    if (!ticket) {
        ProtocolError error = ticket.error();
        error.ref = ref;
        return sendError(error);
    }
    const QString url = QStringLiteral("/api/v1/courses/%1/export?ticket=%2").arg(m.course, ticket.value().ticket);
    send(proto::encode(proto::Ack{ref, {{QStringLiteral("course"), m.course},
                                        {QStringLiteral("url"), url},
                                        {QStringLiteral("expiresAt"), double(ticket.value().expiresAtMs)}}}));
}

void ClientSession::handle(const QJsonValue &ref, const proto::RetentionSet &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.setRetention(*actor, m, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::RetentionRun &m)
{
    if (const Actor *actor = managerFor(m.course, ref))
        m_hub.runRetention(*actor, m.course, m.dryRun, adminReply(this, ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Search &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    CourseSearch(m_hub).search(*actor, m.course, m.q, m.channel, m.limit, fieldsReply(ref));
}

} // namespace collab::server
