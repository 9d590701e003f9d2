#pragma once

#include "config/serverconfig.h"
#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "hub/presenceregistry.h"
#include "hub/typingtracker.h"
#include "notes/notecommands.h"
#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/clientmessages.h"
#include "protocol/result.h"
#include "protocol/servermessages.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace collab::server {

class Bus;
class EventStore;
class NameClaims;
class PresenceDirectory;

// What a message command did: the message as it now is, the seq of the event that changed it, and
// whether the request was a retry of something already done (then nothing new was stored).
struct MessageOutcome
{
    ChatMessage message;
    quint64 seq = 0;
    bool duplicate = false;
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

    Hub(ServerConfig config, EventStore &store, Bus &bus, QObject *parent = nullptr);

    const ServerConfig &config() const { return m_config; }
    const CourseConfig *course(const QString &id) const { return m_config.course(id); }
    const EventStore &store() const { return m_store; }
    // Several nodes: presence comes from (and goes to) the directory. Set before any join.
    void setPresenceDirectory(PresenceDirectory *directory);

    // Who may use which name: required before the first join.
    void setIdentityRegistry(NameClaims *identity) { m_identity = identity; }
    // Who owns which note replica id: required before the first note.ops.
    void setReplicaClaims(ReplicaClaims *claims) { m_notes.setReplicaClaims(claims); }

    // Checks the join code and the name's token, and marks the user online. Undo with disconnect().
    // `done` may run before join() returns (a name this node can check alone) or later (a name
    // the shared claims in Redis must check); it never runs after the Hub is gone.
    void join(const QString &user, const QString &course, const QString &joinCode, const QString &token,
              Callback<JoinGrant> done);
    void disconnect(const QString &user, const QString &course);

    void postMessage(const Actor &actor, const QString &course, const QString &channel, const QString &text,
                     const QString &clientMsgId, Callback<MessageOutcome> done);
    void editMessage(const Actor &actor, const QString &course, quint64 id, const QString &text,
                     Callback<MessageOutcome> done);
    void deleteMessage(const Actor &actor, const QString &course, quint64 id, Callback<MessageOutcome> done);
    // Shared notes (see NoteCommands).
    void applyNoteOps(const Actor &actor, const proto::NoteOps &ops, Callback<NoteOutcome> done)
    {
        m_notes.applyNoteOps(actor, ops, std::move(done));
    }
    void editNote(const Actor &actor, const QString &course, const QString &note, const TextEdit &edit,
                  Callback<NoteOutcome> done)
    {
        m_notes.editNote(actor, course, note, edit, std::move(done));
    }
    void noteAction(const Actor &actor, const proto::EditAction &action, Callback<NoteOutcome> done)
    {
        m_notes.noteAction(actor, action, std::move(done));
    }
    void lockNote(const Actor &actor, const proto::NoteLock &lock, Callback<CourseEvent> done)
    {
        m_notes.lockNote(actor, lock, std::move(done));
    }
    bool isNoteLocked(const QString &course, const QString &note) { return m_notes.isNoteLocked(course, note); }
    void noteState(const QString &course, const QString &note, const crdt::VersionVector &have, Callback<QByteArray> done)
    {
        m_notes.noteState(course, note, have, std::move(done));
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
    void kick(const Actor &actor, const QString &course, const QString &user, Callback<bool> done);
    static constexpr qint64 KickBanMs = 10 * 60 * 1000;

    // Reads.
    std::optional<QList<CourseEvent>> replay(const QString &course, quint64 since) const; // nullopt: gone
    Result<proto::HistoryPage> history(const QString &course, const QString &channel, quint64 before, int limit) const;
    QList<proto::Member> members(const QString &course) const;
    Actor::Role roleOf(const QString &course, const QString &user) const;

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

private:
    std::optional<ProtocolError> checkBan(const QString &course, const QString &user) const;
    void recordMembership(const QString &course, const QString &user, Actor::Role role);
    void publishPresence(const QString &course, const QString &user, bool online);
    void publishTyping(const TypingTracker::Key &key, bool active);
    void onBusEvent(const CourseEvent &event);
    void ban(const QString &course, const QString &user, qint64 until);
    // Loads the message and checks the actor may change it.
    Result<ChatMessage> editableMessage(const Actor &actor, const QString &course, quint64 id) const;

    ServerConfig m_config;
    EventStore &m_store;
    Bus &m_bus;
    CourseJournal m_journal;
    NoteCommands m_notes;
    NameClaims *m_identity = nullptr;
    PresenceDirectory *m_directory = nullptr;
    PresenceRegistry m_presence;
    TypingTracker m_typing;
    QHash<QString, QSet<QString>> m_knownMembers;           // course → users with a member.joined event
    QHash<QString, QList<Callback<MessageOutcome>>> m_inflightPosts; // retry arriving before the commit
    QHash<QString, qint64> m_bans; // course + user → until (ms since the epoch), from member.kicked events
    quint64 m_eventsCommitted = 0;
    quint64 m_messagesPosted = 0;
};

} // namespace collab::server
