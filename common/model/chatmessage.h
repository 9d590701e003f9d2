#pragma once

#include "protocol/limits.h"
#include "protocol/result.h"
#include "protocol/wirefields.h"

#include <QJsonObject>
#include <QString>

namespace collab {

class JsonWriter;

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
    QString editedBy;      // who edited it last (empty: never edited, or stored before this was kept)
    bool deleted = false;  // deleted messages keep their place, without text

    static auto wireFields()
    {
        return std::make_tuple(
            wire::unsignedInt("id", &ChatMessage::id), wire::id("channel", &ChatMessage::channel),
            wire::id("author", &ChatMessage::author), wire::string("text", &ChatMessage::text, limits::MaxChatTextBytes),
            wire::string("clientMsgId", &ChatMessage::clientMsgId, limits::MaxClientMsgIdLength).optional().omittedWhenDefault(),
            wire::integer("createdAt", &ChatMessage::createdMs).optional(),
            wire::integer("editedAt", &ChatMessage::editedMs).optional().omittedWhenDefault(),
            wire::id("editedBy", &ChatMessage::editedBy).optional().omittedWhenDefault(),
            wire::boolean("deleted", &ChatMessage::deleted).optional().omittedWhenDefault(),
            wire::id("via", &ChatMessage::via).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(ChatMessage)
    // The same object as toJson(), written straight as JSON bytes (as member `key` of an enclosing object).
    void writeJson(JsonWriter &out, QLatin1StringView key = {}) const;

    friend bool operator==(const ChatMessage &a, const ChatMessage &b)
    {
        return a.id == b.id && a.channel == b.channel && a.author == b.author && a.text == b.text
               && a.clientMsgId == b.clientMsgId && a.createdMs == b.createdMs && a.editedMs == b.editedMs && a.editedBy == b.editedBy
               && a.deleted == b.deleted && a.via == b.via;
    }
};

} // namespace collab
