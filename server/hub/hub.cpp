#include "hub/hub.h"

#include "bus/bus.h"
#include "identity/nameclaims.h"
#include "hub/presencedirectory.h"
#include "hub/permissions.h"
#include "hub/chatpostedevent.h"
#include "logging.h"
#include "protocol/ids.h"
#include "protocol/limits.h"
#include "store/eventlog.h"
#include "store/projections.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QJsonArray>

namespace collab::server {

namespace {

qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

QString inflightKey(const QString &course, const QString &author, const QString &clientMsgId)
{
    return course + QChar(0x1f) + author + QChar(0x1f) + clientMsgId;
}

} // namespace

QString roleName(Actor::Role role)
{
    switch (role) {
    case Actor::Role::Student: return QStringLiteral("student");
    case Actor::Role::Ta: return QStringLiteral("ta");
    case Actor::Role::Instructor: return QStringLiteral("instructor");
    case Actor::Role::Admin: return QStringLiteral("admin");
    case Actor::Role::Integration: return QStringLiteral("integration");
    }
    return QStringLiteral("student");
}

Hub::Hub(ServerConfig config, HubServices services, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_log(services.log), m_projections(services.projections),
      m_bus(services.bus), m_identity(services.claims), m_directory(services.presence), m_journal(m_log, m_bus),
      m_notes(m_config, m_log, m_projections.notes(), m_projections.noteHistory(), m_journal, services.replicaClaims), m_catalog(m_config),
      m_admin(m_config, m_catalog, m_log, m_projections, m_journal),
      m_interactions(InteractionContext{m_config, m_projections, m_journal}), m_polls(InteractionContext{m_config, m_projections, m_journal}),
      m_queue(InteractionContext{m_config, m_projections, m_journal}), m_exports(m_config, m_log, m_projections),
      m_retention(m_config, m_projections, m_journal),
      m_files(std::make_unique<FileUploads>(m_config, m_projections, m_journal)), m_typing(limits::TypingExpiryMs, this),
      m_authThrottle(m_config.limits), m_newNames(m_config.limits),
      m_searchReads(QStringLiteral("collab-search"), m_projections.search().databasePath())
{
    m_exports.setAttachments(m_files.get()); // an export's files/
    // The configuration is the initial state; what running the courses changed is in the log.
    for (const CourseEvent &e : m_projections.catalog().events())
        m_catalog.apply(e);
    connect(&m_bus, &Bus::eventReceived, this, &Hub::onBusEvent);
    connect(&m_bus, &Bus::ephemeralReceived, this, &Hub::ephemeralReady);
    connect(&m_typing, &TypingTracker::expired, this, [this](const TypingTracker::Key &key) { publishTyping(key, false); });
    if (m_directory)
        connect(m_directory, &PresenceDirectory::changed, this, [this](const QString &course, const QString &user, bool online) {
            const proto::Presence p{course, user, roleName(roleOf(course, user)), online};
            Q_EMIT ephemeralReady(course, proto::encode(p)); // every node announces to its own clients
        });
    for (const CourseConfig &c : m_config.courses) {
        QHash<QString, QString> &known = m_knownMembers[c.id];
        for (const MemberRecord &m : m_projections.members().members(c.id))
            known.insert(normalizedName(m.user), m.user);
        const QHash<QString, qint64> kicks = m_projections.kicks().kicks(c.id);
        for (auto it = kicks.cbegin(); it != kicks.cend(); ++it)
            ban(c.id, it.key(), it.value());
    }
}

Actor::Role Hub::roleOf(const QString &course, const QString &user) const
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return Actor::Role::Student;
    if (c->isInstructor(user))
        return Actor::Role::Instructor;
    return c->isTa(user) ? Actor::Role::Ta : Actor::Role::Student;
}

Actor Hub::effective(const Actor &actor, const QString &course) const
{
    // Administrators, integrations and API keys keep the role they were given; a member's role
    // is the course's as it is now (a TA appointed a minute ago moderates in an open session).
    if (actor.role == Actor::Role::Admin || actor.role == Actor::Role::Integration || !actor.via.isEmpty())
        return actor;
    Actor now = actor;
    now.role = roleOf(course, actor.user);
    return now;
}

std::optional<ProtocolError> Hub::checkWritable(const QString &course, const QString &channel, const QString &note) const
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return unknownCourseError(course);
    if (c->archived)
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("%1 is archived (read-only)").arg(course));
    if (!channel.isEmpty() && c->archivedChannels.contains(channel))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("#%1 is archived (read-only)").arg(channel));
    if (!note.isEmpty() && c->archivedNotes.contains(note))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("note %1 is archived (read-only)").arg(note));
    return std::nullopt;
}

bool Hub::checkAdminSecret(const QString &secret, const QHostAddress &from)
{
    if (secret.isEmpty() || m_config.adminSecretHash.isEmpty())
        return false;
    if (m_authThrottle.admit(from))
        return false;
    if (constantTimeEquals(secretHash(secret), m_config.adminSecretHash))
        return true;
    m_authThrottle.failed(AuthFailure::InstructorSecret, from);
    return false;
}

QString Hub::nameKey(const QString &course, const QString &user)
{
    return course + QChar(0x1f) + normalizedName(user);
}

std::optional<ProtocolError> Hub::checkBan(const QString &course, const QString &user) const
{
    if (m_bans.value(nameKey(course, user)) > now())
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("an instructor removed you from %1; try again later").arg(course));
    return std::nullopt;
}

void Hub::join(const QString &user, const QString &course, const QString &joinCode, const QString &token,
               const QHostAddress &from, Callback<JoinGrant> done)
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return done(unknownCourseError(course));
    // Answered unchecked while this address or name is waiting out failed guesses.
    if (std::optional<ProtocolError> slowed = m_authThrottle.admit(from, nameKey(course, user)))
        return done(*slowed);
    // The join code, or the invite the roster gave this name (hashes, compared in constant time).
    if (!c->admits(user, joinCode)) {
        m_authThrottle.failed(AuthFailure::JoinCode, from); // per address: a guesser changes names freely
        if (c->invitesRequired && !c->isInstructor(user))
            return done(ProtocolError::make(ErrorCode::WrongJoinCode,
                                            QStringLiteral("%1 admits students by their roster invite only: join with the invite you were sent").arg(course)));
        return done(ProtocolError::make(ErrorCode::WrongJoinCode, QStringLiteral("wrong join code for %1").arg(course)));
    }
    if (std::optional<ProtocolError> banned = checkBan(course, user))
        return done(*banned);
    if (!c->isInstructor(user))
        if (const QString reserved = m_config.reservedNameReason(course, user); !reserved.isEmpty())
            return done(ProtocolError::make(ErrorCode::Forbidden, reserved));
    const QHash<QString, QString> &known = m_knownMembers[course];
    if (!known.contains(normalizedName(user)) && known.size() >= c->maxMembers)
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("%1 is full (%2 members)").arg(course).arg(c->maxMembers)));
    // The course by id, not by pointer: a course created meanwhile may move the others in memory.
    m_identity.authenticate(*c, user, token, m_newNames.gate(from, course),
                             [guard = QPointer<Hub>(this), course, user, from, done = std::move(done)](Result<NameGrant> identity) mutable {
                                 if (guard)
                                     guard->onAuthenticated(course, std::move(identity), user, from, std::move(done));
                             });
}

void Hub::onAuthenticated(const QString &course, Result<NameGrant> identity, const QString &user, const QHostAddress &from,
                          Callback<JoinGrant> done)
{
    const CourseConfig *c = m_config.course(course);
    if (!c) // deleted meanwhile
        return done(unknownCourseError(course));
    if (!identity) {
        if (identity.error().code == ErrorCode::NotAuthenticated)
            m_authThrottle.failed(c->isInstructor(user) ? AuthFailure::InstructorSecret : AuthFailure::NameToken, from,
                                  nameKey(c->id, user));
        return done(identity.error());
    }
    // From here on the user is the name as claimed (or configured): "angie.nguyen" who joined
    // with the token of "Angie.Nguyen" is Angie.Nguyen, in presence, the roster and their posts.
    const QString name = identity.value().display;
    if (std::optional<ProtocolError> banned = checkBan(c->id, name)) // kicked meanwhile
        return done(*banned);
    const Actor actor{name, roleOf(c->id, name)};
    const quint64 seq = m_log.lastSeq(c->id);
    if (m_presence.connect(c->id, name))
        publishPresence(c->id, name, true);
    recordMembership(c->id, name, actor.role);
    done(JoinGrant{c, actor, seq, identity.value().issuedToken});
}

void Hub::authenticateMember(const QString &user, const QString &course, const QString &token, const QHostAddress &from,
                             Callback<Actor> done)
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return done(unknownCourseError(course));
    if (std::optional<ProtocolError> slowed = m_authThrottle.admit(from, nameKey(course, user)))
        return done(*slowed);
    const auto refused = [course] {
        return ProtocolError::make(ErrorCode::NotAuthenticated,
                                   QStringLiteral("not a member of %1 with that name and token (join over WebSocket first)").arg(course));
    };
    if (!isValidUserName(user) || token.isEmpty()) {
        m_authThrottle.failed(AuthFailure::NameToken, from, nameKey(course, user));
        return done(refused());
    }
    if (std::optional<ProtocolError> banned = checkBan(course, user))
        return done(*banned);
    // A name nobody claimed is refused, never claimed: the gate says no to a first claim.
    const NewNameGate noNewNames{[refused]() -> std::optional<ProtocolError> { return refused(); }, [] {}};
    m_identity.authenticate(*c, user, token, noNewNames,
                            [guard = QPointer<Hub>(this), course, user, from, done = std::move(done)](Result<NameGrant> identity) mutable {
                                if (!guard)
                                    return;
                                if (!identity) {
                                    if (identity.error().code == ErrorCode::NotAuthenticated)
                                        guard->m_authThrottle.failed(AuthFailure::NameToken, from, nameKey(course, user));
                                    return done(identity.error());
                                }
                                const QString name = identity.value().display;
                                if (std::optional<ProtocolError> banned = guard->checkBan(course, name))
                                    return done(*banned);
                                done(Actor{name, guard->roleOf(course, name)});
                            });
}

void Hub::disconnect(const QString &user, const QString &course)
{
    for (const TypingTracker::Key &key : m_typing.clear(course, user))
        publishTyping(key, false);
    if (m_presence.disconnect(course, user))
        publishPresence(course, user, false);
}

void Hub::recordMembership(const QString &course, const QString &user, Actor::Role role)
{
    QHash<QString, QString> &known = m_knownMembers[course];
    if (known.contains(normalizedName(user)))
        return;
    known.insert(normalizedName(user), user);
    const QJsonObject data{{QStringLiteral("user"), user}, {QStringLiteral("role"), roleName(role)}};
    m_journal.append(course, EventKind::MemberJoined, data, [this, course, user, role](Result<CourseEvent> r) {
        if (r)
            return;
        qCInfo(lcHub) << "recording" << user << "as a member of" << course << "failed:" << r.error().message;
        m_knownMembers[course].remove(normalizedName(user));
        // Storage is away (Redis restarting, disk full): try again while the user is still here.
        QTimer::singleShot(1000, this, [this, course, user, role] {
            if (m_presence.isOnline(course, user))
                recordMembership(course, user, role);
        });
    });
}

void Hub::onBusEvent(const CourseEvent &event)
{
    m_notes.onEvent(event);
    if (CatalogProjection::isCatalogKind(event.kind) && m_catalog.apply(event)) {
        if (event.kind == EventKind::CourseCreated)
            Q_EMIT courseCreated(event.data.value(QLatin1String("course")).toString());
        if (event.kind == EventKind::CourseDeleted)
            Q_EMIT courseDeleted(event.data.value(QLatin1String("course")).toString());
    }
    if (event.kind == EventKind::MessagesExpired || event.kind == EventKind::FilesExpired) // here or on another node: this node's store is compacted
        m_retention.expiryApplied();
    if (event.kind == EventKind::FilesExpired) { // the bytes no file of the course uses any more go
        QList<QByteArray> sha256s;
        for (const QJsonValue &sha : event.data.value(QLatin1String("sha256s")).toArray())
            sha256s.append(sha.toString().toLatin1());
        m_files->deleteUnused(event.course, sha256s);
    }
    if (event.kind == EventKind::MemberRestored) // here or on another node: the name may join again
        m_bans.remove(nameKey(event.course, event.data.value(QLatin1String("user")).toString()));
    if (event.kind == EventKind::MemberKicked) { // here or on another node: its sessions here end
        const QString user = event.data.value(QLatin1String("user")).toString();
        const qint64 until = qint64(event.data.value(QLatin1String("until")).toDouble());
        ban(event.course, user, until);
        Q_EMIT memberKicked(event.course, user, event.data.value(QLatin1String("by")).toString(), until);
    }
    if (event.kind == EventKind::MemberJoined) { // perhaps joined on another node: no second member.joined
        const QString user = event.data.value(QLatin1String("user")).toString();
        m_knownMembers[event.course].insert(normalizedName(user), user);
    }
    if (event.kind == EventKind::MemberPurged) { // here or on another node: those names are free
        const QStringList users = event.data.value(QLatin1String("users")).toVariant().toStringList();
        for (const QString &user : users)
            m_knownMembers[event.course].remove(normalizedName(user));
        m_identity.forget(event.course, users);
    }
    ++m_eventsCommitted;
    if (event.kind == EventKind::ChatPosted)
        ++m_messagesPosted;
    Q_EMIT eventReady(event);
}

void Hub::postMessage(const Actor &actor, const QString &course, const QString &channel, const QString &text,
                      const QString &clientMsgId, const PostOptions &options, Callback<MessageOutcome> done)
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return done(unknownCourseError(course));
    if (!c->channels.contains(channel))
        return done(ProtocolError::make(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(channel, course)));
    if (std::optional<ProtocolError> readOnly = checkWritable(course, channel, QString()))
        return done(*readOnly);
    if (c->isAnnouncementChannel(channel) && !allows(effective(actor, course).role, Permission::PostAnnouncement))
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("#%1 is an announcement channel: only %2 post there")
                                                                  .arg(channel, rolesAllowed(Permission::PostAnnouncement))));
    Result<PostShape> shape = m_interactions.shapePost(effective(actor, course), course, channel, options);
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
        Result<QList<FileRef>> files = m_files->resolve(course, options.files);
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
    NewEvent event{course, EventKind::ChatPosted, now(), std::move(data)};
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

Result<ChatMessage> Hub::editableMessage(const Actor &actor, const QString &course, quint64 id) const
{
    if (!m_config.course(course))
        return unknownCourseError(course);
    std::optional<ChatMessage> m = m_projections.messages().message(course, id);
    if (!m)
        return ProtocolError::make(ErrorCode::NotFound, QStringLiteral("no message %1 in %2").arg(id).arg(course));
    if (std::optional<ProtocolError> readOnly = checkWritable(course, m->channel, QString()))
        return *readOnly;
    if (m->author != actor.user && !allows(effective(actor, course).role, Permission::ChangeAnyMessage))
        return ProtocolError::make(ErrorCode::Forbidden,
                                   QStringLiteral("only the author or a moderator may change message %1").arg(id));
    return *m;
}

void Hub::editMessage(const Actor &actor, const QString &course, quint64 id, const QString &text,
                      Callback<MessageOutcome> done)
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

void Hub::deleteMessage(const Actor &actor, const QString &course, quint64 id, Callback<MessageOutcome> done)
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

Result<bool> Hub::setTyping(const Actor &actor, const proto::Typing &typing)
{
    const CourseConfig *c = m_config.course(typing.course);
    if (!c)
        return unknownCourseError(typing.course);
    if (!typing.channel.isEmpty() && !c->channels.contains(typing.channel))
        return ProtocolError::make(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1'").arg(typing.channel));
    if (c->archived)
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("%1 is archived (read-only)").arg(typing.course));
    if (!typing.note.isEmpty() && !c->notes.contains(typing.note))
        return ProtocolError::make(ErrorCode::UnknownNote, QStringLiteral("no note '%1'").arg(typing.note));
    const TypingTracker::Key key{typing.course, actor.user, typing.channel, typing.note};
    const bool changed = m_typing.set(key, typing.active);
    if (changed)
        publishTyping(key, typing.active);
    return changed;
}

void Hub::kick(const Actor &who, const QString &course, const QString &user, std::optional<qint64> minutes, Callback<bool> done)
{
    const Actor actor = effective(who, course);
    if (std::optional<ProtocolError> e = m_admin.check(actor, course, Permission::Moderate))
        return done(*e);
    if (sameName(user, actor.user))
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("you cannot remove yourself")));
    const Actor::Role target = roleOf(course, user);
    if (target == Actor::Role::Instructor)
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("instructors cannot be removed")));
    if (target == Actor::Role::Ta && actor.role == Actor::Role::Ta)
        return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("a TA cannot remove another TA")));
    if (minutes && (*minutes < 0 || *minutes > limits::MaxRemovalMinutes))
        return done(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("minutes must be 0 (until restored) to %1").arg(limits::MaxRemovalMinutes)));
    qCInfo(lcHub) << actor.user << "removed" << user << "from" << course;
    const qint64 until = !minutes ? now() + KickBanMs : *minutes == 0 ? UntilRestored : now() + *minutes * 60 * 1000;
    const QJsonObject data{{QStringLiteral("user"), user}, {QStringLiteral("by"), actor.user}, {QStringLiteral("until"), double(until)}};
    m_journal.append(course, EventKind::MemberKicked, data,
                     [this, course, user, until, done = std::move(done)](Result<CourseEvent> r) {
        if (!r) // not stored: the instructor is told `unavailable` and the name stays free
            return done(r.error());
        ban(course, user, until); // before the ack, whenever the event itself reaches this node
        done(true);
    });
}

void Hub::restore(const Actor &who, const QString &course, const QString &user, Callback<CourseEvent> done)
{
    const Actor actor = effective(who, course);
    if (std::optional<ProtocolError> e = m_admin.check(actor, course, Permission::Moderate))
        return done(*e);
    if (m_bans.value(nameKey(course, user)) <= now())
        return done(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("%1 is not removed from %2").arg(user, course)));
    qCInfo(lcHub) << actor.user << "restored" << user << "in" << course;
    m_journal.append(course, EventKind::MemberRestored, {{QStringLiteral("user"), user}, {QStringLiteral("by"), actor.user}},
                     std::move(done));
}

void Hub::purgeUnusedClaims(const Actor &who, const QString &course, Callback<QStringList> done)
{
    const Actor actor = effective(who, course);
    if (std::optional<ProtocolError> e = m_admin.check(actor, course, Permission::PurgeClaims))
        return done(*e);
    QStringList online = m_presence.online(course);
    if (m_directory)
        online += m_directory->online(course);
    QSet<QString> used;
    for (const QString &user : std::as_const(online))
        used.insert(normalizedName(user));
    for (const QString &author : m_projections.messages().messageAuthors(course))
        used.insert(normalizedName(author));
    QStringList unused;
    const QHash<QString, QString> &known = m_knownMembers[course];
    for (auto it = known.cbegin(); it != known.cend(); ++it)
        if (!used.contains(it.key()) && roleOf(course, it.value()) != Actor::Role::Instructor)
            unused << it.value();
    unused.sort();
    if (unused.isEmpty())
        return done(unused);
    qCInfo(lcHub) << actor.user << "purged" << unused.size() << "unused claims in" << course;
    m_identity.release(course, unused, [guard = QPointer<Hub>(this), actor, course, unused, done = std::move(done)](Result<int> r) {
        if (!guard)
            return;
        if (!r)
            return done(r.error());
        // Durable, so that every node (and this one after a restart) drops them from the roster.
        const QJsonObject data{{QStringLiteral("users"), QJsonArray::fromStringList(unused)}, {QStringLiteral("by"), actor.user}};
        guard->m_journal.append(course, EventKind::MemberPurged, data, [unused, done = std::move(done)](Result<CourseEvent> e) {
            if (!e)
                return done(e.error());
            done(unused);
        });
    });
}

void Hub::ban(const QString &course, const QString &user, qint64 until)
{
    qint64 &entry = m_bans[nameKey(course, user)];
    entry = std::max(entry, until);
}

void Hub::publishPresence(const QString &course, const QString &user, bool online)
{
    if (m_directory)
        return m_directory->localChanged(course, user, online);
    const proto::Presence p{course, user, roleName(roleOf(course, user)), online};
    m_bus.publishEphemeral(course, proto::encode(p));
}

void Hub::publishTyping(const TypingTracker::Key &key, bool active)
{
    const proto::TypingNotice t{key.course, key.channel, key.note, key.user, active};
    m_bus.publishEphemeral(key.course, proto::encode(t));
}

std::optional<QList<CourseEvent>> Hub::replay(const QString &course, quint64 since) const
{
    const quint64 last = m_log.lastSeq(course);
    if (since > last || last - since > quint64(limits::MaxReplayEvents))
        return std::nullopt;
    QList<CourseEvent> events = m_log.eventsAfter(course, since, limits::MaxReplayEvents);
    if (quint64(events.size()) != last - since) // a hole in the log: do not pretend
        return std::nullopt;
    return events;
}

namespace {
// Bytes of `text` as a JSON string: UTF-8, with quotes, backslashes and control characters escaped.
qint64 jsonTextSize(const QString &text)
{
    qint64 n = 2;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        n += u < 0x20 ? 6 : (u == '"' || u == '\\') ? 2 : u < 0x80 ? 1 : u < 0x800 ? 2 : c.isSurrogate() ? 2 : 3;
    }
    return n;
}
} // namespace

Result<proto::HistoryPage> Hub::history(const QString &course, const QString &channel, quint64 before, int limit) const
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return unknownCourseError(course);
    if (!c->channels.contains(channel))
        return ProtocolError::make(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(channel, course));
    proto::HistoryPage page;
    page.course = course;
    page.channel = channel;
    page.seq = m_log.lastSeq(course);
    page.messages = m_projections.messages().messagesBefore(course, channel, before, limit + 1);
    page.more = page.messages.size() > limit;
    if (page.more)
        page.messages.removeFirst();
    // Bounded in bytes too (limits.historyPageBytes): 500 messages of 16 KiB would be an 8 MB
    // answer to a 100-byte request. The newest messages are kept; the client pages on for the rest.
    qint64 bytes = 0;
    qsizetype keep = 0;
    for (qsizetype i = page.messages.size() - 1; i >= 0; --i) {
        const ChatMessage &m = page.messages.at(i);
        bytes += 160 + jsonTextSize(m.text) + m.author.size() + m.clientMsgId.size(); // about its JSON
        if (keep > 0 && bytes > m_config.limits.historyPageBytes)
            break;
        ++keep;
    }
    if (keep < page.messages.size()) {
        page.messages.remove(0, page.messages.size() - keep);
        page.more = true;
    }
    return page;
}

QList<proto::Member> Hub::members(const QString &course) const
{
    QList<proto::Member> out;
    QSet<QString> listed;
    // The roster lives in memory (m_knownMembers, fed by member.joined events from every node):
    // a join must not read every member from the store.
    QStringList known = m_knownMembers.value(course).values();
    known.sort();
    for (const QString &user : std::as_const(known)) {
        out << proto::Member{user, roleName(roleOf(course, user)), m_presence.isOnline(course, user)};
        listed.insert(user);
    }
    QStringList online = m_presence.online(course);
    if (m_directory) { // online on this node or on another one
        online += m_directory->online(course);
        online.removeDuplicates();
        const QSet<QString> anywhere(online.cbegin(), online.cend());
        for (proto::Member &m : out)
            m.online = m.online || anywhere.contains(m.user);
    }
    // Online users whose member.joined event is still being committed.
    for (const QString &user : std::as_const(online))
        if (!listed.contains(user)) {
            out << proto::Member{user, roleName(roleOf(course, user)), true};
            listed.insert(user);
        }
    return out;
}

} // namespace collab::server
