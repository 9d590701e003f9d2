#pragma once

#include "protocol/limits.h"
#include "protocol/result.h"
#include "protocol/wirefields.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace collab {

class JsonWriter;

// The reactions of one emoji on a message: how many, the first names (MaxReactionNames), and
// whether the reader is one of them.
struct Reaction
{
    static constexpr int MaxReactionNames = 20;
    QString emoji;
    int count = 0;
    QStringList users;
    bool mine = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::string("emoji", &Reaction::emoji, 64), wire::count("count", &Reaction::count),
                               wire::stringList("users", &Reaction::users),
                               wire::boolean("mine", &Reaction::mine).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(Reaction)
    friend bool operator==(const Reaction &a, const Reaction &b)
    {
        return a.emoji == b.emoji && a.count == b.count && a.users == b.users && a.mine == b.mine;
    }
};

// A file attached to a message (issue 15, part 3): what a client needs to show its card or
// thumbnail and to download it (GET /api/v1/courses/{course}/files/{id}). The server fills it from
// the course's file.uploaded event; `type` is what the server sniffed from the bytes.
struct FileRef
{
    static constexpr int MaxNameBytes = 255;
    static constexpr int MaxPerMessage = 10; // files one message may carry
    QString id;
    QString name;
    qint64 size = 0;
    QString type;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("id", &FileRef::id), wire::string("name", &FileRef::name, MaxNameBytes),
                               wire::integer("size", &FileRef::size), wire::string("type", &FileRef::type, 128));
    }
    COLLAB_WIRE_CODEC(FileRef)
    friend bool operator==(const FileRef &a, const FileRef &b)
    {
        return a.id == b.id && a.name == b.name && a.size == b.size && a.type == b.type;
    }
    // The `files` of a post: at most MaxPerMessage ids, each a valid id; the error otherwise.
    static std::optional<ProtocolError> checkIds(const QStringList &ids);
    // An image type a client may decode for a thumbnail (never SVG: a document, not a picture).
    bool isImage() const
    {
        return type == QLatin1String("image/png") || type == QLatin1String("image/jpeg") || type == QLatin1String("image/gif")
               || type == QLatin1String("image/webp");
    }
};

// A chat message as clients see it. Its id is the seq of the event that posted it, so ids are
// unique in a course, increase with time, and every node agrees on them.
struct ChatMessage
{
    quint64 id = 0;
    QString channel;
    QString author;
    QString text;
    QString clientMsgId;
    // The API key (its name) that posted it through REST, empty for a member's own post. Set by
    // the server, never by the poster: it tells members a message came from an integration.
    QString via;
    qint64 createdMs = 0;
    qint64 editedMs = 0;   // 0: never edited
    QString editedBy;      // who edited it last (empty: never edited, or stored before this was kept; a pseudonym as deletedBy)
    bool deleted = false;  // deleted messages keep their place, without text
    // Course interactions (docs/protocol.md, "Course interactions"). Threads are one level deep:
    // replyTo is the thread's first message.
    quint64 replyTo = 0;
    bool question = false;
    bool resolved = false;  // a question marked resolved
    bool endorsed = false;  // a reply an instructor or TA endorsed as the answer
    bool pinned = false;
    bool poll = false;      // a poll: its id is the poll's (text: the question)
    // Anonymous to classmates: they get no author, only the pseudonym (stable in the thread);
    // moderators and the author themselves get both.
    bool anonymous = false;
    QString pseudonym;
    bool mine = false;      // set for the reader's own anonymous post
    int replies = 0;        // a thread's first message: its replies (deleted ones not counted)
    QStringList repliers;   // ... and the latest of their authors, newest first (pseudonyms for anonymous replies)
    QList<Reaction> reactions;
    // Who deleted it (the author, or a moderator: "deleted by ta.kim"); empty while not deleted,
    // and for deletions stored before the name was kept.
    QString deletedBy;
    QList<FileRef> files; // attachments, in the order posted

    static auto wireFields()
    {
        return std::make_tuple(
            wire::unsignedInt("id", &ChatMessage::id), wire::id("channel", &ChatMessage::channel),
            wire::id("author", &ChatMessage::author).optional().omittedWhenDefault(), // absent: anonymous to the reader
            wire::string("text", &ChatMessage::text, limits::MaxChatTextBytes),
            wire::string("clientMsgId", &ChatMessage::clientMsgId, limits::MaxClientMsgIdLength).optional().omittedWhenDefault(),
            wire::integer("createdAt", &ChatMessage::createdMs).optional(),
            wire::integer("editedAt", &ChatMessage::editedMs).optional().omittedWhenDefault(),
            wire::string("editedBy", &ChatMessage::editedBy, 128).optional().omittedWhenDefault(), // a pseudonym when an anonymous author edited
            wire::boolean("deleted", &ChatMessage::deleted).optional().omittedWhenDefault(),
            wire::id("via", &ChatMessage::via).optional().omittedWhenDefault(),
            wire::unsignedInt("replyTo", &ChatMessage::replyTo).optional().omittedWhenDefault(),
            wire::boolean("question", &ChatMessage::question).optional().omittedWhenDefault(),
            wire::boolean("resolved", &ChatMessage::resolved).optional().omittedWhenDefault(),
            wire::boolean("endorsed", &ChatMessage::endorsed).optional().omittedWhenDefault(),
            wire::boolean("pinned", &ChatMessage::pinned).optional().omittedWhenDefault(),
            wire::boolean("poll", &ChatMessage::poll).optional().omittedWhenDefault(),
            wire::boolean("anonymous", &ChatMessage::anonymous).optional().omittedWhenDefault(),
            wire::string("pseudonym", &ChatMessage::pseudonym, 64).optional().omittedWhenDefault(),
            wire::boolean("mine", &ChatMessage::mine).optional().omittedWhenDefault(),
            wire::count("replies", &ChatMessage::replies).optional().omittedWhenDefault(),
            wire::stringList("repliers", &ChatMessage::repliers).optional().omittedWhenDefault(),
            wire::objectList("reactions", &ChatMessage::reactions).optional().omittedWhenDefault(),
            wire::string("deletedBy", &ChatMessage::deletedBy, 128).optional().omittedWhenDefault(),
            wire::objectList("files", &ChatMessage::files).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(ChatMessage)
    // The same object as toJson(), written straight as JSON bytes (as member `key` of an enclosing object).
    void writeJson(JsonWriter &out, QLatin1StringView key = {}) const;

    friend bool operator==(const ChatMessage &a, const ChatMessage &b)
    {
        return a.id == b.id && a.channel == b.channel && a.author == b.author && a.text == b.text
               && a.clientMsgId == b.clientMsgId && a.createdMs == b.createdMs && a.editedMs == b.editedMs && a.editedBy == b.editedBy
               && a.deleted == b.deleted && a.via == b.via && a.replyTo == b.replyTo && a.question == b.question
               && a.resolved == b.resolved && a.endorsed == b.endorsed && a.pinned == b.pinned && a.poll == b.poll
               && a.anonymous == b.anonymous && a.pseudonym == b.pseudonym && a.mine == b.mine && a.replies == b.replies
               && a.repliers == b.repliers && a.reactions == b.reactions && a.deletedBy == b.deletedBy
               && a.files == b.files;
    }
};

} // namespace collab
