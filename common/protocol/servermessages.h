#pragma once

#include "model/chatmessage.h"
#include "model/courseevent.h"
#include "protocol/result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

// Server → client messages, value types with toJson()/fromJson(). The server encodes them; the
// client library decodes them. docs/protocol.md is the contract.
namespace collab::proto {

struct Welcome
{
    static constexpr const char *Type = "welcome";
    QJsonValue ref;
    QString session;
    QString user;
    QString server;
    int protocol = 1;
    QJsonObject toJson() const;
    static Result<Welcome> fromJson(const QJsonObject &json);
};

struct Member
{
    QString user;
    QString role;   // student | instructor
    bool online = false;
    QJsonObject toJson() const;
    static Result<Member> fromJson(const QJsonObject &json);
};

struct Joined
{
    static constexpr const char *Type = "joined";
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
    QJsonObject toJson() const;
    static Result<Joined> fromJson(const QJsonObject &json);
};

struct EventMessage
{
    static constexpr const char *Type = "event";
    CourseEvent event;
    QJsonObject toJson() const { return event.toJson(); }
    static Result<EventMessage> fromJson(const QJsonObject &json);
};

struct Presence
{
    static constexpr const char *Type = "presence";
    QString course;
    QString user;
    QString role;
    bool online = false;
    QJsonObject toJson() const;
    static Result<Presence> fromJson(const QJsonObject &json);
};

struct TypingNotice
{
    static constexpr const char *Type = "typing";
    QString course;
    QString channel;
    QString note;
    QString user;
    bool active = false;
    QJsonObject toJson() const;
    static Result<TypingNotice> fromJson(const QJsonObject &json);
};

// A page of a channel's messages, oldest first. Sent on join and in reply to `history`.
struct HistoryPage
{
    static constexpr const char *Type = "history";
    QJsonValue ref;
    QString course;
    QString channel;
    quint64 seq = 0;          // the course's seq the page is consistent with
    bool more = false;        // older messages exist
    QList<ChatMessage> messages;
    QJsonObject toJson() const;
    static Result<HistoryPage> fromJson(const QJsonObject &json);
};

// The answer to note.sync: what the client misses, as operations, or (for a fresh client, or one
// further behind than the server's history) the whole note as a snapshot. Either way the client
// then re-applies its own operations the server has not acknowledged yet.
struct NoteState
{
    static constexpr const char *Type = "note.state";
    QJsonValue ref;
    QString course;
    QString note;
    quint64 seq = 0;           // the course's seq this state is consistent with
    QJsonObject version;       // the server's version vector after these operations
    QByteArray snapshot;       // base64 on the wire; empty when `ops` is used
    QJsonArray ops;            // operationsToJson()
    QJsonObject toJson() const;
    static Result<NoteState> fromJson(const QJsonObject &json);
};

// This session was removed from the course by an instructor; joins are refused until `until`.
struct Kicked
{
    static constexpr const char *Type = "kicked";
    QString course;
    QString by;
    qint64 until = 0; // ms since the epoch; 0 from servers that did not send it
    QJsonObject toJson() const
    {
        return {{QStringLiteral("course"), course}, {QStringLiteral("by"), by}, {QStringLiteral("until"), double(until)}};
    }
    static Result<Kicked> fromJson(const QJsonObject &json);
};

struct Ack
{
    static constexpr const char *Type = "ack";
    QJsonValue ref;
    QJsonObject fields;  // request-specific: chat.send → {id, seq, duplicate}
    QJsonObject toJson() const;
    static Result<Ack> fromJson(const QJsonObject &json);
};

struct ErrorReply
{
    static constexpr const char *Type = "error";
    QJsonValue ref;
    QString code;       // errorCodeName()
    QString message;
    bool retryable = false;
    QJsonObject toJson() const;
    static Result<ErrorReply> fromJson(const QJsonObject &json);
    static ErrorReply from(const ProtocolError &e);
};

struct Pong
{
    static constexpr const char *Type = "pong";
    QJsonValue ref;
    QJsonObject toJson() const;
    static Result<Pong> fromJson(const QJsonObject &json);
};

using ServerPayload =
    std::variant<Welcome, Joined, EventMessage, Presence, TypingNotice, HistoryPage, NoteState, Kicked, Ack, ErrorReply, Pong>;

// Compact JSON of any server message, with its "type".
template <typename T>
QByteArray encode(const T &message);
Result<ServerPayload> decodeServerMessage(const QByteArray &frame);

} // namespace collab::proto
