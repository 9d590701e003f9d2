#pragma once

#include "config/serverconfig.h"
#include "export/courseexports.h"
#include "retention/retention.h"
#include "hub/actor.h"
#include "hub/coursecatalog.h"
#include "hub/courseadmin.h"
#include "hub/coursejournal.h"
#include "hub/courserules.h"
#include "hub/interactions.h"
#include "hub/memberremovals.h"
#include "hub/messagecommands.h"
#include "hub/pollcommands.h"
#include "hub/queuecommands.h"
#include "hub/presenceregistry.h"
#include "hub/typingtracker.h"
#include "files/fileuploads.h"
#include "limits/auththrottle.h"
#include "limits/newnamelimits.h"
#include "notes/notecommands.h"
#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/clientmessages.h"
#include "protocol/result.h"
#include "protocol/servermessages.h"
#include "store/readworker.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace collab::server {

class Bus;
class EventLog;
class NameClaims;
class PresenceDirectory;
class Projections;
class ReplicaClaims;

// What a Hub runs on, all given at construction: nothing is set later, so a Hub is whole before
// its first join.
struct HubServices
{
    EventLog &log;            // the durable history (SQLite, or Redis shared by the nodes)
    Projections &projections; // the read side, fed by that log
    Bus &bus;                 // durable events and ephemeral frames to every node
    NameClaims &claims;       // who may use which user name
    ReplicaClaims &replicaClaims; // who owns which note replica id (the same store as the names)
    // Several nodes: presence comes from (and goes to) the directory. Null on a single node.
    PresenceDirectory *presence = nullptr;
};

struct JoinGrant
{
    const CourseConfig *course = nullptr;
    Actor actor;
    quint64 seq = 0;     // the committed seq at the moment of the join
    QString issuedToken; // set when this join claimed the user name
};

// The state and the rules of every course. It knows nothing of sockets or HTTP: the gateways turn
// wire traffic into these calls and send out what the Hub emits. Commands that change history are
// asynchronous: their callback runs once the event is durable. The shared-notes commands live in
// NoteCommands; the Hub passes them through so that the gateways have one entry point.
class Hub : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Callback = server::Callback<T>;

    Hub(ServerConfig config, HubServices services, QObject *parent = nullptr);

    const ServerConfig &config() const { return m_config; }
    // The course as it is now (the configuration changed by the catalogue's events). Do not keep
    // the pointer across an event-loop turn: a course created meanwhile may move it.
    const CourseConfig *course(const QString &id) const { return m_config.course(id); }
    const EventLog &log() const { return m_log; }
    const Projections &projections() const { return m_projections; }

    // Checks the join code and the name's token, and marks the user online. Undo with disconnect()
    // (with the grant's actor.user: the name as claimed, which may differ in case from `user`).
    // `from` is the client's address: failed guesses from it slow it down (AuthThrottle), and so
    // do new names (NewNameLimits). `done` may run before join() returns (a name this node can
    // check alone) or later (a name the shared claims in Redis must check); it never runs after
    // the Hub is gone.
    void join(const QString &user, const QString &course, const QString &joinCode, const QString &token,
              const QHostAddress &from, Callback<JoinGrant> done);
    void disconnect(const QString &user, const QString &course);
    // A member proves who they are without joining (REST file routes, HTTP Basic with the name's
    // token): the name must be claimed in the course with that token (nothing is claimed here),
    // not removed; failures slow the address and the name down like a wrong token at join. `done`
    // gets the member as an actor with their role now.
    void authenticateMember(const QString &user, const QString &course, const QString &token, const QHostAddress &from,
                            Callback<Actor> done);
    // Files (issue 15 part 3): uploads, the store, the cards of a message's files.
    FileUploads &files() { return *m_files; }
    const FileUploads &files() const { return *m_files; }

    void postMessage(const Actor &actor, const QString &course, const QString &channel, const QString &text,
                     const QString &clientMsgId, Callback<MessageOutcome> done)
    {
        postMessage(actor, course, channel, text, clientMsgId, PostOptions{}, std::move(done));
    }
    // With a thread, as a question, anonymously (Interactions::shapePost checks them). See MessageCommands.
    void postMessage(const Actor &actor, const QString &course, const QString &channel, const QString &text,
                     const QString &clientMsgId, const PostOptions &options, Callback<MessageOutcome> done)
    {
        m_messages.post(actor, course, channel, text, clientMsgId, options, std::move(done));
    }
    void editMessage(const Actor &actor, const QString &course, quint64 id, const QString &text, Callback<MessageOutcome> done)
    {
        m_messages.edit(actor, course, id, text, std::move(done));
    }
    void deleteMessage(const Actor &actor, const QString &course, quint64 id, Callback<MessageOutcome> done)
    {
        m_messages.remove(actor, course, id, std::move(done));
    }
    // Shared notes (see NoteCommands).
    // Archived courses and notes are read-only for everyone; a member's role is as it is now.
    void applyNoteOps(const Actor &actor, const proto::NoteOps &ops, Callback<NoteOutcome> done)
    {
        if (std::optional<ProtocolError> e = checkWritable(ops.course, QString(), ops.note))
            return done(*e);
        m_notes.applyNoteOps(effective(actor, ops.course), ops, std::move(done));
    }
    void editNote(const Actor &actor, const QString &course, const QString &note, const TextEdit &edit,
                  Callback<NoteOutcome> done)
    {
        if (std::optional<ProtocolError> e = checkWritable(course, QString(), note))
            return done(*e);
        m_notes.editNote(effective(actor, course), course, note, edit, std::move(done));
    }
    void noteAction(const Actor &actor, const proto::EditAction &action, Callback<NoteOutcome> done)
    {
        if (std::optional<ProtocolError> e = checkWritable(action.course, QString(), action.note))
            return done(*e);
        m_notes.noteAction(effective(actor, action.course), action, std::move(done));
    }
    void lockNote(const Actor &actor, const proto::NoteLock &lock, Callback<CourseEvent> done)
    {
        const Actor now = effective(actor, lock.course);
        if (m_config.course(lock.course) && !allows(now.role, Permission::Moderate))
            return done(ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("only %1 lock notes").arg(rolesAllowed(Permission::Moderate))));
        if (std::optional<ProtocolError> e = checkWritable(lock.course, QString(), lock.note))
            return done(*e);
        m_notes.lockNote(now, lock, std::move(done));
    }
    bool isNoteLocked(const QString &course, const QString &note) { return m_notes.isNoteLocked(course, note); }
    // Note history (issue 15 part 2): whoever may read the note reads its history; moderators name
    // versions and restore them (a restore is an edit: archived and locked notes refuse it).
    NoteHistory &noteHistory() { return m_notes.history(); }
    // Searches run here (CourseSearch), off the thread that serves the courses.
    ReadWorker &searchReads() { return m_searchReads; }
    std::optional<ProtocolError> checkNoteReadable(const QString &course, const QString &note) const
    {
        return m_notes.checkReadable(course, note);
    }
    void nameNoteVersion(const Actor &actor, const proto::NoteNameVersion &m, Callback<CourseEvent> done)
    {
        const Actor now = effective(actor, m.course);
        if (m_config.course(m.course) && !allows(now.role, Permission::Moderate))
            return done(ProtocolError::make(ErrorCode::Forbidden,
                                            QStringLiteral("only %1 name versions of a note").arg(rolesAllowed(Permission::Moderate))));
        if (std::optional<ProtocolError> e = checkWritable(m.course, QString(), m.note))
            return done(*e);
        m_notes.nameVersion(now, m, std::move(done));
    }
    void restoreNote(const Actor &actor, const QString &course, const QString &note, quint64 at, Callback<NoteOutcome> done)
    {
        const Actor now = effective(actor, course);
        if (m_config.course(course) && !allows(now.role, Permission::Moderate))
            return done(ProtocolError::make(ErrorCode::Forbidden,
                                            QStringLiteral("only %1 restore versions of a note").arg(rolesAllowed(Permission::Moderate))));
        if (std::optional<ProtocolError> e = checkWritable(course, QString(), note))
            return done(*e);
        m_notes.restoreNote(now, course, note, at, std::move(done));
    }
    void noteState(const QString &course, const QString &note, const crdt::VersionVector &have, bool compact,
                   Callback<NoteStateEncoder::Frame> done)
    {
        m_notes.noteState(course, note, have, compact, std::move(done));
    }
    int noteSnapshotEncodings() const { return m_notes.snapshotEncodings(); }
    Result<const crdt::Document *> noteDocument(const QString &course, const QString &note)
    {
        return m_notes.noteDocument(course, note);
    }
    Result<bool> setTyping(const Actor &actor, const proto::Typing &typing);
    // An instructor removes `user` from the course: a durable member.kicked event, on which every
    // node ends the user's sessions there (memberKicked) and refuses joins under that name for
    // KickBanMs, also after a restart. `done` runs once the event is stored.
    // `minutes`: absent, KickBanMs; 0, until a moderator restores the name (restore()). See MemberRemovals.
    void kick(const Actor &actor, const QString &course, const QString &user, std::optional<qint64> minutes, Callback<bool> done)
    {
        m_removals.kick(actor, course, user, minutes, std::move(done));
    }
    static constexpr qint64 KickBanMs = MemberRemovals::DefaultMs;
    static constexpr qint64 UntilRestored = MemberRemovals::UntilRestored;
    // A moderator lifts a removal (a durable member.restored event, applied on every node).
    void restore(const Actor &actor, const QString &course, const QString &user, Callback<CourseEvent> done)
    {
        m_removals.restore(actor, course, user, std::move(done));
    }

    // Running courses (CourseAdmin): the catalogue, joining, roles, the moderation log. The actor
    // is taken as it is now in the course (effective()).
    void createCourse(const Actor &actor, const proto::CourseCreate &m, CourseAdmin::Reply done) { m_admin.createCourse(actor, m, std::move(done)); }
    void deleteCourse(const Actor &actor, const QString &course, CourseAdmin::Reply done) { m_admin.deleteCourse(effective(actor, course), course, std::move(done)); }
    void updateCourse(const Actor &actor, const proto::CourseUpdate &m, CourseAdmin::Reply done) { m_admin.updateCourse(effective(actor, m.course), m, std::move(done)); }
    void addChannel(const Actor &actor, const proto::ChannelAdd &m, CourseAdmin::Reply done) { m_admin.addChannel(effective(actor, m.course), m, std::move(done)); }
    void updateChannel(const Actor &actor, const proto::ChannelUpdate &m, CourseAdmin::Reply done) { m_admin.updateChannel(effective(actor, m.course), m, std::move(done)); }
    void createNote(const Actor &actor, const proto::NoteCreate &m, CourseAdmin::Reply done) { m_admin.createNote(effective(actor, m.course), m, std::move(done)); }
    void updateNote(const Actor &actor, const proto::NoteUpdate &m, CourseAdmin::Reply done) { m_admin.updateNote(effective(actor, m.course), m, std::move(done)); }
    void rotateJoinCode(const Actor &actor, const QString &course, CourseAdmin::Reply done) { m_admin.rotateJoinCode(effective(actor, course), course, std::move(done)); }
    // The course exists and `actor` (its role there as it is now) may do `permission`; the error otherwise.
    std::optional<ProtocolError> checkCourseAdmin(const Actor &actor, const QString &course, Permission permission) const
    {
        return m_admin.check(effective(actor, course), course, permission);
    }
    void setRole(const Actor &actor, const proto::MemberRoleSet &m, CourseAdmin::Reply done) { m_admin.setRole(effective(actor, m.course), m, std::move(done)); }
    void importRoster(const Actor &actor, const QString &course, const QByteArray &csv, CourseAdmin::Reply done)
    {
        m_admin.importRoster(effective(actor, course), course, csv, std::move(done));
    }
    Result<QJsonArray> moderationLog(const Actor &actor, const QString &course, int limit) const
    {
        return m_admin.moderationLog(effective(actor, course), course, limit);
    }
    // Course interactions (issue 14): reactions, pins, questions, threads, polls, the queue. Their
    // commands take the actor as effective() gives it; reads present messages to Reader::of() it.
    Interactions &interactions() { return m_interactions; }
    const Interactions &interactions() const { return m_interactions; }
    PollCommands &polls() { return m_polls; }
    const PollCommands &polls() const { return m_polls; }
    // Course exports (issue 15 part 4): checked with the actor's role in the course as it is now.
    void exportCourse(const Actor &actor, const QString &course, Callback<ExportedCourse> done)
    {
        m_exports.exportCourse(effective(actor, course), course, std::move(done));
    }
    Result<ExportTicket> issueExportTicket(const Actor &actor, const QString &course)
    {
        return m_exports.issueTicket(effective(actor, course), course);
    }
    CourseExports &exports() { return m_exports; }
    // Retention (issue 15 part 4): the period is a course setting; runs delete for good.
    void setRetention(const Actor &actor, const proto::RetentionSet &m, Callback<QJsonObject> done)
    {
        m_retention.setPeriod(effective(actor, m.course), m, std::move(done));
    }
    void runRetention(const Actor &actor, const QString &course, bool dryRun, Callback<QJsonObject> done)
    {
        m_retention.run(effective(actor, course), course, dryRun, std::move(done));
    }
    Retention &retention() { return m_retention; }
    QueueCommands &queue() { return m_queue; }
    const QueueCommands &queue() const { return m_queue; }
    Reader readerFor(const Actor &actor, const QString &course) const { return Reader::of(effective(actor, course)); }
    // The actor with its role in `course` as it is now (members); administrators, integrations
    // and API keys keep theirs.
    Actor effective(const Actor &actor, const QString &course) const { return m_rules.effective(actor, course); }
    // A hello's admin secret: true if it is the server's (failures slow the address down).
    bool checkAdminSecret(const QString &secret, const QHostAddress &from);
    // An instructor (or an integration) frees the names that hold a member slot without use: every
    // member who is offline (on every node) and never posted a chat message loses their claim and
    // leaves the roster (a durable member.purged event). Their client can join again (a token it
    // kept is adopted for the free name). `done` gets the names purged, once stored.
    void purgeUnusedClaims(const Actor &actor, const QString &course, Callback<QStringList> done);

    // Guessing join codes, secrets, tokens and API keys slows down (both gateways use it).
    AuthThrottle &authThrottle() { return m_authThrottle; }
    const AuthThrottle &authThrottle() const { return m_authThrottle; }
    const NewNameLimits &newNameLimits() const { return m_newNames; }

    // Reads.
    std::optional<QList<CourseEvent>> replay(const QString &course, quint64 since) const; // nullopt: gone
    Result<proto::HistoryPage> history(const QString &course, const QString &channel, quint64 before, int limit) const;
    QList<proto::Member> members(const QString &course) const;
    Actor::Role roleOf(const QString &course, const QString &user) const { return m_rules.roleOf(course, user); }

    // Counters for /metrics.
    quint64 eventsCommitted() const { return m_eventsCommitted; }
    quint64 messagesPosted() const { return m_messagesPosted; }
    int onlineConnections() const { return m_presence.connectionCount(); }

Q_SIGNALS:
    // A durable event. The gateway encodes its `event` frame once, and only if someone listens.
    void eventReady(const collab::CourseEvent &event);
    // An instructor removed `user` from `course`: the gateways end that user's sessions there.
    void memberKicked(const QString &course, const QString &user, const QString &by, qint64 until);
    // An ephemeral frame (presence, typing) for every member of the course.
    void ephemeralReady(const QString &course, const QByteArray &frame);
    // A course was created or deleted (here or on another node): Redis mode follows its streams.
    void courseCreated(const QString &course);
    void courseDeleted(const QString &course);

private:
    // Nullopt if the course exists and neither it nor the channel or note is archived.
    std::optional<ProtocolError> checkWritable(const QString &course, const QString &channel, const QString &note) const
    {
        return m_rules.checkWritable(course, channel, note);
    }
    void onAuthenticated(const QString &course, Result<NameGrant> identity, const QString &user,
                         const QHostAddress &from, Callback<JoinGrant> done);
    void recordMembership(const QString &course, const QString &user, Actor::Role role);
    void publishPresence(const QString &course, const QString &user, bool online);
    void publishTyping(const TypingTracker::Key &key, bool active);
    void onBusEvent(const CourseEvent &event);

    ServerConfig m_config;
    CourseRules m_rules; // reads m_config
    EventLog &m_log;
    Projections &m_projections;
    Bus &m_bus;
    NameClaims &m_identity;
    PresenceDirectory *m_directory = nullptr;
    CourseJournal m_journal;
    NoteCommands m_notes;
    CourseCatalog m_catalog; // folds catalogue events into m_config
    CourseAdmin m_admin;
    MemberRemovals m_removals;
    Interactions m_interactions;
    PollCommands m_polls;
    QueueCommands m_queue;
    CourseExports m_exports;
    Retention m_retention;
    std::unique_ptr<FileUploads> m_files;
    MessageCommands m_messages;
    PresenceRegistry m_presence;
    TypingTracker m_typing;
    AuthThrottle m_authThrottle;
    NewNameLimits m_newNames;
    // course → normalized name → the name as claimed, of users with a member.joined event
    QHash<QString, QHash<QString, QString>> m_knownMembers;
    quint64 m_eventsCommitted = 0;
    quint64 m_messagesPosted = 0;
    ReadWorker m_searchReads; // last: its pending answers go before anything they refer to
};

} // namespace collab::server
