#pragma once

#include "crdt/operation.h"
#include "crdt/versionvector.h"
#include "protocol/limits.h"
#include "protocol/result.h"
#include "protocol/wirefields.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <variant>

// Client → server messages. Each is a value type that declares its wire fields once
// (wireFields(): key, member, kind, limits, optionality; see protocol/wirefields.h); the decoder,
// the encoder and its row in docs/protocol.md follow from that. The wire form is
// {"type": T::Type, "ref": ..., fields...}. `Doc` is the answer column of the table.
namespace collab::proto {

// The CRDT payloads of note.ops and note.sync, as field kinds.
struct OperationsKind
{
    QVector<crdt::Operation> read(FieldReader &r, const char *key) const; // non-empty, each valid
    QJsonValue write(const QVector<crdt::Operation> &ops) const;
    QString describe() const;
};

struct VersionVectorKind
{
    crdt::VersionVector read(FieldReader &r, const char *key) const;
    QJsonValue write(const crdt::VersionVector &v) const;
    QString describe() const;
};

struct Hello
{
    static constexpr const char *Type = "hello";
    static constexpr const char *Doc = "`welcome`";
    QString user;
    QString client;  // optional: "collab-cli/0.1", for logs
    QString adminSecret; // optional: the server administrator's secret (creates courses, manages any)
    static auto wireFields()
    {
        return std::make_tuple(wire::userName("user", &Hello::user),
                               wire::string("client", &Hello::client, 128).optional().omittedWhenDefault(),
                               wire::string("adminSecret", &Hello::adminSecret, limits::MaxTokenLength).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(Hello)
};

struct Join
{
    static constexpr const char *Type = "join";
    static constexpr const char *Doc = "`joined` (+ `history` or `event` frames)";
    QString course;
    QString joinCode;
    QString token;                // the name's token from the first join (or an instructor's secret)
    std::optional<quint64> since; // resume: replay the events after this seq
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Join::course),
                               wire::string("joinCode", &Join::joinCode, limits::MaxJoinCodeLength),
                               wire::string("token", &Join::token, limits::MaxTokenLength).optional().omittedWhenDefault(),
                               wire::unsignedInt("since", &Join::since).optional());
    }
    COLLAB_WIRE_CODEC(Join)
};

struct Leave
{
    static constexpr const char *Type = "leave";
    static constexpr const char *Doc = "`ack {course}`";
    QString course;
    static auto wireFields() { return std::make_tuple(wire::id("course", &Leave::course)); }
    COLLAB_WIRE_CODEC(Leave)
};

struct ChatSend
{
    static constexpr const char *Type = "chat.send";
    static constexpr const char *Doc = "`ack {id, seq, duplicate?}`; `replyTo`: a message of the same channel "
                                       "(threads are one level deep); `anonymous`: as the course allows; `files`: ids "
                                       "uploaded to the course (REST `POST .../files`), shown as `files` cards";
    QString course;
    QString channel;
    QString text;
    QString clientMsgId; // makes retries idempotent
    quint64 replyTo = 0;    // a reply in that message's thread (0: none)
    bool question = false;  // posted as a question
    bool anonymous = false; // classmates see a pseudonym, moderators the author
    QStringList files;      // ids of files uploaded to the course (at most 10)
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &ChatSend::course), wire::id("channel", &ChatSend::channel),
                               wire::string("text", &ChatSend::text, limits::MaxChatTextBytes),
                               wire::string("clientMsgId", &ChatSend::clientMsgId, limits::MaxClientMsgIdLength),
                               wire::unsignedInt("replyTo", &ChatSend::replyTo).optional().omittedWhenDefault(),
                               wire::boolean("question", &ChatSend::question).optional().omittedWhenDefault(),
                               wire::boolean("anonymous", &ChatSend::anonymous).optional().omittedWhenDefault(),
                               wire::stringList("files", &ChatSend::files).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // text not blank (unless files), clientMsgId not empty, file ids
    COLLAB_WIRE_CODEC(ChatSend)
};

struct ChatEdit
{
    static constexpr const char *Type = "chat.edit";
    static constexpr const char *Doc = "`ack {id, seq}`";
    QString course;
    quint64 id = 0;
    QString text;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &ChatEdit::course), wire::unsignedInt("id", &ChatEdit::id),
                               wire::string("text", &ChatEdit::text, limits::MaxChatTextBytes));
    }
    void validate(FieldReader &r) const; // text not blank
    COLLAB_WIRE_CODEC(ChatEdit)
};

struct ChatDelete
{
    static constexpr const char *Type = "chat.delete";
    static constexpr const char *Doc = "`ack {id, seq}`";
    QString course;
    quint64 id = 0;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &ChatDelete::course), wire::unsignedInt("id", &ChatDelete::id));
    }
    COLLAB_WIRE_CODEC(ChatDelete)
};

// Exactly one of channel / note names where the user is typing.
struct Typing
{
    static constexpr const char *Type = "typing";
    static constexpr const char *Doc = "none (errors only); exactly one of `channel`, `note`";
    QString course;
    QString channel;
    QString note;
    bool active = true;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Typing::course),
                               wire::id("channel", &Typing::channel).optional().omittedWhenDefault(),
                               wire::id("note", &Typing::note).optional().omittedWhenDefault(),
                               wire::boolean("active", &Typing::active).optional(true));
    }
    void validate(FieldReader &r) const; // exactly one of channel, note
    COLLAB_WIRE_CODEC(Typing)
};

// The prototype's --edit actions on a note: typing | insert_line | delete_word.
struct EditAction
{
    static constexpr const char *Type = "edit";
    static constexpr const char *Doc = "`ack {seq, applied, duplicates, version}` (`typing`: `ack {}`); "
                                       "`action` is `typing`, `insert_line` or `delete_word`";
    QString course;
    QString note;
    QString action;
    QString text;    // insert_line
    qint64 line = -1; // insert_line: -1 appends
    qint64 word = -1; // delete_word: -1 is the last word
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &EditAction::course), wire::id("note", &EditAction::note),
                               wire::string("action", &EditAction::action),
                               wire::string("text", &EditAction::text, limits::MaxEditTextBytes).optional().omittedWhenDefault(),
                               wire::integer("line", &EditAction::line).optional(-1).omittedWhenDefault(),
                               wire::integer("word", &EditAction::word).optional(-1).omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // a known action name
    COLLAB_WIRE_CODEC(EditAction)
};

// A page of a channel's history, newest last: messages with id < before (0: the latest).
struct History
{
    static constexpr const char *Type = "history";
    static constexpr const char *Doc = "`history`; `before` is a message id (0: the latest)";
    QString course;
    QString channel;
    quint64 before = 0;
    int limit = limits::DefaultHistory;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &History::course), wire::id("channel", &History::channel),
                               wire::unsignedInt("before", &History::before).optional().omittedWhenDefault(),
                               wire::count("limit", &History::limit, 1, limits::MaxHistory).optional(limits::DefaultHistory));
    }
    COLLAB_WIRE_CODEC(History)
};

// CRDT operations on a shared note, made by the client's replica (see docs/notes-crdt.md).
struct NoteOps
{
    static constexpr const char *Type = "note.ops";
    static constexpr const char *Doc = "`ack {seq, applied, duplicates, version}` (`seq` 0: nothing new was stored)";
    QString course;
    QString note;
    QVector<crdt::Operation> ops;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteOps::course), wire::id("note", &NoteOps::note),
                               wire::field("ops", &NoteOps::ops, OperationsKind{}));
    }
    COLLAB_WIRE_CODEC(NoteOps)
};

// "Here is what I have": the server answers note.state with what the client misses.
struct NoteSync
{
    static constexpr const char *Type = "note.sync";
    static constexpr const char *Doc = "`note.state`";
    QString course;
    QString note;
    crdt::VersionVector have; // empty: a fresh client, send everything (as a snapshot)
    bool compact = false;     // the client takes what it misses as one compact batch (note.state `history`)
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteSync::course), wire::id("note", &NoteSync::note),
                               wire::field("have", &NoteSync::have, VersionVectorKind{}).optional(),
                               wire::boolean("compact", &NoteSync::compact).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(NoteSync)
};

// An instructor removes a member from the course (their sessions leave it; they cannot rejoin
// for a while).
struct Kick
{
    static constexpr const char *Type = "kick";
    static constexpr const char *Doc = "`ack {course, user}` once stored (instructors only)";
    QString course;
    QString user;
    std::optional<qint64> minutes; // absent: 10; 0: until restored (member.restore)
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Kick::course), wire::id("user", &Kick::user),
                               wire::integer("minutes", &Kick::minutes).optional());
    }
    void validate(FieldReader &r) const; // 0 .. MaxRemovalMinutes
    COLLAB_WIRE_CODEC(Kick)
};

// An instructor makes a note read-only for students (locked) or writable again.
struct NoteLock
{
    static constexpr const char *Type = "note.lock";
    static constexpr const char *Doc = "`ack {seq}` once stored (instructors only)";
    QString course;
    QString note;
    bool locked = true;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteLock::course), wire::id("note", &NoteLock::note),
                               wire::boolean("locked", &NoteLock::locked).optional(true));
    }
    COLLAB_WIRE_CODEC(NoteLock)
};

struct Ping
{
    static constexpr const char *Type = "ping";
    static constexpr const char *Doc = "`pong`";
    static auto wireFields() { return std::tuple<>(); }
    COLLAB_WIRE_CODEC(Ping)
};

// An instructor frees the names of members who never used them (offline, no chat message).
struct ClaimsPurge
{
    static constexpr const char *Type = "claims.purge";
    static constexpr const char *Doc = "`ack {course, purged: [names]}` (instructors only)";
    QString course;
    static auto wireFields() { return std::make_tuple(wire::id("course", &ClaimsPurge::course)); }
    COLLAB_WIRE_CODEC(ClaimsPurge)
};

} // namespace collab::proto

#include "protocol/courseadminmessages.h"
#include "protocol/endoftermmessages.h"
#include "protocol/findmessages.h"
#include "protocol/historymessages.h"
#include "protocol/interactionmessages.h"

namespace collab::proto {

using ClientPayload = std::variant<Hello, Join, Leave, ChatSend, ChatEdit, ChatDelete, Typing, EditAction, History,
                                   NoteOps, NoteSync, NoteLock, Kick, ClaimsPurge, Ping, CourseCreate, CourseUpdate,
                                   CourseDelete, ChannelAdd, ChannelUpdate, NoteCreate, NoteUpdate, JoinCodeRotate,
                                   MemberRoleSet, MemberRestore, RosterImport, ModerationLog, Search,
                                   // course interactions (interactionmessages.h)
                                   React, Pin, Pins, Thread, QuestionUpdate, Endorse, Questions, PollCreate, PollVote,
                                   PollClose, PollGet, QueueOpen, QueueJoin, QueueAction, QueueGet, AnonymitySet,
                                   // note history (historymessages.h)
                                   NoteHistoryGet, NoteAt, NoteDiff, NoteAuthors, NoteNameVersion, NoteRestore,
                                   // the end of a term (endoftermmessages.h)
                                   CourseExport, RetentionSet, RetentionRun>;

struct ClientMessage
{
    QJsonValue ref; // the client's request id (number or string), echoed in the reply
    ClientPayload payload;

    QByteArray encode() const;
};

// Decodes one text frame. Errors carry the request's ref when it could be read.
Result<ClientMessage> decodeClientMessage(const QByteArray &frame);

} // namespace collab::proto
