#pragma once

#include "crdt/operation.h"
#include "crdt/versionvector.h"
#include "protocol/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <variant>

// Client → server messages. Each is a value type with toJson()/fromJson() beside it; the wire
// form is {"type": T::Type, "ref": ..., fields...}. docs/protocol.md is the contract.
namespace collab::proto {

struct Hello
{
    static constexpr const char *Type = "hello";
    QString user;
    QString client;  // optional: "collab-cli/0.1", for logs
    QJsonObject toJson() const;
    static Result<Hello> fromJson(const QJsonObject &json);
};

struct Join
{
    static constexpr const char *Type = "join";
    QString course;
    QString joinCode;
    QString token;                // the name's token from the first join (or an instructor's secret)
    std::optional<quint64> since; // resume: replay the events after this seq
    QJsonObject toJson() const;
    static Result<Join> fromJson(const QJsonObject &json);
};

struct Leave
{
    static constexpr const char *Type = "leave";
    QString course;
    QJsonObject toJson() const;
    static Result<Leave> fromJson(const QJsonObject &json);
};

struct ChatSend
{
    static constexpr const char *Type = "chat.send";
    QString course;
    QString channel;
    QString text;
    QString clientMsgId; // makes retries idempotent
    QJsonObject toJson() const;
    static Result<ChatSend> fromJson(const QJsonObject &json);
};

struct ChatEdit
{
    static constexpr const char *Type = "chat.edit";
    QString course;
    quint64 id = 0;
    QString text;
    QJsonObject toJson() const;
    static Result<ChatEdit> fromJson(const QJsonObject &json);
};

struct ChatDelete
{
    static constexpr const char *Type = "chat.delete";
    QString course;
    quint64 id = 0;
    QJsonObject toJson() const;
    static Result<ChatDelete> fromJson(const QJsonObject &json);
};

// Exactly one of channel / note names where the user is typing.
struct Typing
{
    static constexpr const char *Type = "typing";
    QString course;
    QString channel;
    QString note;
    bool active = true;
    QJsonObject toJson() const;
    static Result<Typing> fromJson(const QJsonObject &json);
};

// The prototype's --edit actions on a note: typing | insert_line | delete_word.
struct EditAction
{
    static constexpr const char *Type = "edit";
    QString course;
    QString note;
    QString action;
    QString text;    // insert_line
    qint64 line = -1; // insert_line: -1 appends
    qint64 word = -1; // delete_word: -1 is the last word
    QJsonObject toJson() const;
    static Result<EditAction> fromJson(const QJsonObject &json);
};

// A page of a channel's history, newest last: messages with id < before (0: the latest).
struct History
{
    static constexpr const char *Type = "history";
    QString course;
    QString channel;
    quint64 before = 0;
    int limit = 50;
    QJsonObject toJson() const;
    static Result<History> fromJson(const QJsonObject &json);
};

// CRDT operations on a shared note, made by the client's replica (see docs/notes-crdt.md).
struct NoteOps
{
    static constexpr const char *Type = "note.ops";
    QString course;
    QString note;
    QVector<crdt::Operation> ops;
    QJsonObject toJson() const;
    static Result<NoteOps> fromJson(const QJsonObject &json);
};

// "Here is what I have": the server answers note.state with what the client misses.
struct NoteSync
{
    static constexpr const char *Type = "note.sync";
    QString course;
    QString note;
    crdt::VersionVector have; // empty: a fresh client, send everything (as a snapshot)
    QJsonObject toJson() const;
    static Result<NoteSync> fromJson(const QJsonObject &json);
};

// An instructor removes a member from the course (their sessions leave it; they cannot rejoin
// for a while).
struct Kick
{
    static constexpr const char *Type = "kick";
    QString course;
    QString user;
    QJsonObject toJson() const;
    static Result<Kick> fromJson(const QJsonObject &json);
};

// An instructor makes a note read-only for students (locked) or writable again.
struct NoteLock
{
    static constexpr const char *Type = "note.lock";
    QString course;
    QString note;
    bool locked = true;
    QJsonObject toJson() const;
    static Result<NoteLock> fromJson(const QJsonObject &json);
};

struct Ping
{
    static constexpr const char *Type = "ping";
    QJsonObject toJson() const { return {}; }
    static Result<Ping> fromJson(const QJsonObject &) { return Ping{}; }
};

using ClientPayload = std::variant<Hello, Join, Leave, ChatSend, ChatEdit, ChatDelete, Typing, EditAction, History,
                                   NoteOps, NoteSync, NoteLock, Kick, Ping>;

struct ClientMessage
{
    QJsonValue ref; // the client's request id (number or string), echoed in the reply
    ClientPayload payload;

    QByteArray encode() const;
};

// Decodes one text frame. Errors carry the request's ref when it could be read.
Result<ClientMessage> decodeClientMessage(const QByteArray &frame);

} // namespace collab::proto
