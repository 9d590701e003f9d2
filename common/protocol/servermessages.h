#pragma once

#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/result.h"
#include "protocol/wirefields.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

// Server → client messages. Like the client's (clientmessages.h), each declares its wire fields
// once in wireFields(); the server encodes them, the client library decodes them. `Doc` says when
// the server sends it, in docs/protocol.md's table.
namespace collab::proto {

struct Welcome
{
    static constexpr const char *Type = "welcome";
    static constexpr const char *Doc = "the answer to `hello`";
    QJsonValue ref;
    QString session;
    QString user;
    QString server;
    int protocol = 1;
    bool admin = false; // hello carried the server administrator's secret
    static auto wireFields()
    {
        return std::make_tuple(wire::ref(&Welcome::ref), wire::string("session", &Welcome::session),
                               wire::id("user", &Welcome::user), wire::string("server", &Welcome::server).optional(),
                               wire::count("protocol", &Welcome::protocol).optional(1),
                               wire::boolean("admin", &Welcome::admin).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(Welcome)
};

struct Member
{
    QString user;
    QString role;   // student | ta | instructor | admin
    bool online = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("user", &Member::user),
                               wire::string("role", &Member::role).optional(QStringLiteral("student")),
                               wire::boolean("online", &Member::online).optional());
    }
    COLLAB_WIRE_CODEC(Member)
};

struct Joined
{
    static constexpr const char *Type = "joined";
    static constexpr const char *Doc = "the answer to `join`; `token` only when this join claimed the name; `user`: the name as claimed in this course (names ignore case)";
    QJsonValue ref;
    QString course;
    QString title;
    quint64 seq = 0;          // the course's seq at the moment of the join
    QStringList channels;
    QStringList notes;
    QList<Member> members;
    bool resumed = false;     // `since` was given
    bool recovered = true;    // false: the missed events are gone; history pages follow instead
    int replayed = 0;         // event frames that follow with seq > since
    QString token;            // only on the join that claimed the name: keep it for later joins
    QString user;             // the name as claimed in this course (names ignore case: it may differ from hello's)
    QString role;             // this session's role here: student | ta | instructor | admin
    QStringList announcements;    // channels only moderators post in
    QStringList archivedChannels; // read-only channels (still listed in `channels`)
    QStringList archivedNotes;    // read-only notes (still listed in `notes`)
    QStringList lockedNotes;      // notes an instructor locked: read-only for students
    bool archived = false;        // the whole course is read-only
    bool studentNotes = false;    // students may create notes
    bool invitesRequired = false; // only roster invites admit students
    QString anonymity = QStringLiteral("questions"); // who may post anonymously: off | questions | all
    QJsonObject channelTitles;    // renamed channels: id → the name shown
    QJsonObject noteTitles;       // renamed notes: id → the name shown
    static auto wireFields()
    {
        return std::make_tuple(wire::ref(&Joined::ref), wire::id("course", &Joined::course),
                               wire::string("title", &Joined::title).optional(), wire::unsignedInt("seq", &Joined::seq),
                               wire::stringList("channels", &Joined::channels), wire::stringList("notes", &Joined::notes),
                               wire::objectList("members", &Joined::members),
                               wire::boolean("resumed", &Joined::resumed).optional(),
                               wire::boolean("recovered", &Joined::recovered).optional(true),
                               wire::count("replayed", &Joined::replayed).optional(),
                               wire::string("token", &Joined::token).optional().omittedWhenDefault(),
                               wire::id("user", &Joined::user).optional().omittedWhenDefault(),
                               wire::string("role", &Joined::role).optional().omittedWhenDefault(),
                               wire::stringList("announcements", &Joined::announcements).optional().omittedWhenDefault(),
                               wire::stringList("archivedChannels", &Joined::archivedChannels).optional().omittedWhenDefault(),
                               wire::stringList("archivedNotes", &Joined::archivedNotes).optional().omittedWhenDefault(),
                               wire::stringList("lockedNotes", &Joined::lockedNotes).optional().omittedWhenDefault(),
                               wire::boolean("archived", &Joined::archived).optional().omittedWhenDefault(),
                               wire::boolean("studentNotes", &Joined::studentNotes).optional().omittedWhenDefault(),
                               wire::boolean("invitesRequired", &Joined::invitesRequired).optional().omittedWhenDefault(),
                               wire::string("anonymity", &Joined::anonymity, 16).optional(QStringLiteral("questions")).omittedWhenDefault(),
                               wire::object("channelTitles", &Joined::channelTitles).optional().omittedWhenDefault(),
                               wire::object("noteTitles", &Joined::noteTitles).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(Joined)
};

// A course event (model/courseevent.h): its fields stand in the frame itself.
struct EventMessage
{
    static constexpr const char *Type = "event";
    static constexpr const char *Doc = "a course event (kinds below)";
    CourseEvent event;
    static auto wireFields() { return std::make_tuple(wire::embedded(&EventMessage::event)); }
    COLLAB_WIRE_CODEC(EventMessage)
};

struct Presence
{
    static constexpr const char *Type = "presence";
    static constexpr const char *Doc = "a member came online or went offline";
    QString course;
    QString user;
    QString role;
    bool online = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Presence::course), wire::id("user", &Presence::user),
                               wire::string("role", &Presence::role).optional(QStringLiteral("student")),
                               wire::boolean("online", &Presence::online));
    }
    COLLAB_WIRE_CODEC(Presence)
};

struct TypingNotice
{
    static constexpr const char *Type = "typing";
    static constexpr const char *Doc = "someone is typing in `channel` or `note`";
    QString course;
    QString channel;
    QString note;
    QString user;
    bool active = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &TypingNotice::course), wire::id("user", &TypingNotice::user),
                               wire::id("channel", &TypingNotice::channel).optional().omittedWhenDefault(),
                               wire::id("note", &TypingNotice::note).optional().omittedWhenDefault(),
                               wire::boolean("active", &TypingNotice::active));
    }
    COLLAB_WIRE_CODEC(TypingNotice)
};

// A page of a channel's messages, oldest first. Sent on join and in reply to `history`.
struct HistoryPage
{
    static constexpr const char *Type = "history";
    static constexpr const char *Doc = "a page of a channel's messages, oldest first: after `joined`, or the answer to `history`";
    QJsonValue ref;
    QString course;
    QString channel;
    quint64 seq = 0;          // the course's seq the page is consistent with
    bool more = false;        // older messages exist
    QList<ChatMessage> messages;
    static auto wireFields()
    {
        return std::make_tuple(wire::ref(&HistoryPage::ref), wire::id("course", &HistoryPage::course),
                               wire::id("channel", &HistoryPage::channel),
                               wire::unsignedInt("seq", &HistoryPage::seq).optional(),
                               wire::boolean("more", &HistoryPage::more).optional(),
                               wire::objectList("messages", &HistoryPage::messages));
    }
    COLLAB_WIRE_CODEC(HistoryPage)
};

// The answer to note.sync: what the client misses, as operations, or (for a fresh client, or one
// further behind than the server's history) the whole note as a snapshot. The operations come as
// one compact batch (`history`, docs/notes-crdt.md "Operation batch") to a client that asked for
// it (`note.sync {compact: true}`), as JSON `ops` to an older one. Either way the client then
// re-applies its own operations the server has not acknowledged yet.
struct NoteState
{
    static constexpr const char *Type = "note.state";
    static constexpr const char *Doc = "the answer to `note.sync`: `snapshot`, `history` (asked for with `compact`) or `ops`";
    QJsonValue ref;
    QString course;
    QString note;
    quint64 seq = 0;           // the course's seq this state is consistent with
    QJsonObject version;       // the server's version vector after these operations
    QByteArray snapshot;       // base64 on the wire; empty when `history` or `ops` is used
    QByteArray history;        // base64 on the wire: encodeHistory(have); empty when `snapshot` or `ops` is used
    QJsonArray ops;            // operationsToJson()
    static auto wireFields()
    {
        return std::make_tuple(wire::ref(&NoteState::ref), wire::id("course", &NoteState::course),
                               wire::id("note", &NoteState::note), wire::unsignedInt("seq", &NoteState::seq).optional(),
                               wire::object("version", &NoteState::version),
                               wire::base64("snapshot", &NoteState::snapshot).optional().omittedWhenDefault(),
                               wire::base64("history", &NoteState::history).optional().omittedWhenDefault(),
                               wire::array("ops", &NoteState::ops).optional().writtenIf(&NoteState::withOps));
    }
    static bool withOps(const NoteState &s) { return s.snapshot.isEmpty() && s.history.isEmpty(); }
    COLLAB_WIRE_CODEC(NoteState)
};

// This session was removed from the course by an instructor; joins are refused until `until`.
struct Kicked
{
    static constexpr const char *Type = "kicked";
    static constexpr const char *Doc = "an instructor removed this session from the course; joins are refused until `until` (ms since the epoch)";
    QString course;
    QString by;
    qint64 until = 0; // ms since the epoch; 0 from servers that did not send it
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Kicked::course), wire::id("by", &Kicked::by),
                               wire::integer("until", &Kicked::until).optional());
    }
    COLLAB_WIRE_CODEC(Kicked)
};

struct Ack
{
    static constexpr const char *Type = "ack";
    static constexpr const char *Doc = "a request succeeded (its fields: the request's answer column)";
    QJsonValue ref;
    QJsonObject fields;  // request-specific: chat.send → {id, seq, duplicate}
    // The fields first: a `ref` among them does not replace the request's.
    static auto wireFields() { return std::make_tuple(wire::remainder(&Ack::fields), wire::ref(&Ack::ref)); }
    COLLAB_WIRE_CODEC(Ack)
};

struct ErrorReply
{
    static constexpr const char *Type = "error";
    static constexpr const char *Doc = "a request failed (error codes below)";
    QJsonValue ref;
    QString code;       // errorCodeName()
    QString message;
    bool retryable = false;
    qint64 retryAfterMs = 0; // rate_limited: when to try again (absent: 0)
    static auto wireFields()
    {
        return std::make_tuple(wire::ref(&ErrorReply::ref), wire::string("code", &ErrorReply::code),
                               wire::string("message", &ErrorReply::message).optional(),
                               wire::boolean("retryable", &ErrorReply::retryable).optional().omittedWhenDefault(),
                               wire::integer("retryAfterMs", &ErrorReply::retryAfterMs).optional().omittedWhenDefault());
    }
    static ErrorReply from(const ProtocolError &e);
    COLLAB_WIRE_CODEC(ErrorReply)
};

struct Pong
{
    static constexpr const char *Type = "pong";
    static constexpr const char *Doc = "the answer to `ping`";
    QJsonValue ref;
    static auto wireFields() { return std::make_tuple(wire::ref(&Pong::ref)); }
    COLLAB_WIRE_CODEC(Pong)
};

using ServerPayload =
    std::variant<Welcome, Joined, EventMessage, Presence, TypingNotice, HistoryPage, NoteState, Kicked, Ack, ErrorReply, Pong>;

// Compact JSON of any server message, with its "type".
template <typename T>
QByteArray encode(const T &message)
{
    QJsonObject o = message.toJson();
    o.insert(QLatin1String("type"), QLatin1String(T::Type));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<ServerPayload> decodeServerMessage(const QByteArray &frame);

} // namespace collab::proto
