#include "hub/hub.h"

#include "bus/bus.h"
#include "identity/nameclaims.h"
#include "hub/presencedirectory.h"
#include "hub/permissions.h"
#include "logging.h"
#include "protocol/ids.h"
#include "protocol/limits.h"
#include "store/eventlog.h"
#include "store/projections.h"

#include <QPointer>
#include <QTimer>
#include <QJsonArray>

namespace collab::server {

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
    : QObject(parent), m_config(std::move(config)), m_rules(m_config), m_log(services.log), m_projections(services.projections),
      m_bus(services.bus), m_identity(services.claims), m_directory(services.presence), m_journal(m_log, m_bus),
      m_notes(m_config, m_log, m_projections.notes(), m_projections.noteHistory(), m_journal, services.replicaClaims), m_catalog(m_config),
      m_admin(m_config, m_catalog, m_log, m_projections, m_journal), m_removals(m_rules, m_admin, m_journal),
      m_interactions(InteractionContext{m_config, m_projections, m_journal}), m_polls(InteractionContext{m_config, m_projections, m_journal}),
      m_queue(InteractionContext{m_config, m_projections, m_journal}), m_exports(m_config, m_log, m_projections),
      m_retention(m_config, m_projections, m_journal),
      m_files(std::make_unique<FileUploads>(m_config, m_projections, m_journal)),
      m_messages(m_config, m_rules, m_log, m_projections, m_bus, m_journal, m_interactions, *m_files), m_typing(limits::TypingExpiryMs, this),
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
            m_removals.remove(c.id, it.key(), it.value());
    }
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

void Hub::join(const QString &user, const QString &course, const QString &joinCode, const QString &token,
               const QHostAddress &from, Callback<JoinGrant> done)
{
    const CourseConfig *c = m_config.course(course);
    if (!c)
        return done(unknownCourseError(course));
    // Answered unchecked while this address or name is waiting out failed guesses.
    if (std::optional<ProtocolError> slowed = m_authThrottle.admit(from, CourseRules::nameKey(course, user)))
        return done(*slowed);
    // The join code, or the invite the roster gave this name (hashes, compared in constant time).
    if (!c->admits(user, joinCode)) {
        m_authThrottle.failed(AuthFailure::JoinCode, from); // per address: a guesser changes names freely
        if (c->invitesRequired && !c->isInstructor(user))
            return done(ProtocolError::make(ErrorCode::WrongJoinCode,
                                            QStringLiteral("%1 admits students by their roster invite only: join with the invite you were sent").arg(course)));
        return done(ProtocolError::make(ErrorCode::WrongJoinCode, QStringLiteral("wrong join code for %1").arg(course)));
    }
    if (std::optional<ProtocolError> banned = m_removals.check(course, user))
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
                                  CourseRules::nameKey(c->id, user));
        return done(identity.error());
    }
    // From here on the user is the name as claimed (or configured): "angie.nguyen" who joined
    // with the token of "Angie.Nguyen" is Angie.Nguyen, in presence, the roster and their posts.
    const QString name = identity.value().display;
    if (std::optional<ProtocolError> banned = m_removals.check(c->id, name)) // kicked meanwhile
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
    if (std::optional<ProtocolError> slowed = m_authThrottle.admit(from, CourseRules::nameKey(course, user)))
        return done(*slowed);
    const auto refused = [course] {
        return ProtocolError::make(ErrorCode::NotAuthenticated,
                                   QStringLiteral("not a member of %1 with that name and token (join over WebSocket first)").arg(course));
    };
    if (!isValidUserName(user) || token.isEmpty()) {
        m_authThrottle.failed(AuthFailure::NameToken, from, CourseRules::nameKey(course, user));
        return done(refused());
    }
    if (std::optional<ProtocolError> banned = m_removals.check(course, user))
        return done(*banned);
    // A name nobody claimed is refused, never claimed: the gate says no to a first claim.
    const NewNameGate noNewNames{[refused]() -> std::optional<ProtocolError> { return refused(); }, [] {}};
    m_identity.authenticate(*c, user, token, noNewNames,
                            [guard = QPointer<Hub>(this), course, user, from, done = std::move(done)](Result<NameGrant> identity) mutable {
                                if (!guard)
                                    return;
                                if (!identity) {
                                    if (identity.error().code == ErrorCode::NotAuthenticated)
                                        guard->m_authThrottle.failed(AuthFailure::NameToken, from, CourseRules::nameKey(course, user));
                                    return done(identity.error());
                                }
                                const QString name = identity.value().display;
                                if (std::optional<ProtocolError> banned = guard->m_removals.check(course, name))
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
    m_removals.apply(event); // member.kicked, member.restored: here or on another node
    if (event.kind == EventKind::MemberKicked) // here or on another node: its sessions here end
        Q_EMIT memberKicked(event.course, event.data.value(QLatin1String("user")).toString(),
                            event.data.value(QLatin1String("by")).toString(),
                            qint64(event.data.value(QLatin1String("until")).toDouble()));
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
