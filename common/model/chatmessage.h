#pragma once

#include "protocol/result.h"

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
    qint64 createdMs = 0;
    qint64 editedMs = 0;   // 0: never edited
    bool deleted = false;  // deleted messages keep their place, without text

    QJsonObject toJson() const;
    // The same object written straight as JSON bytes (as member `key` of an enclosing object).
    void writeJson(JsonWriter &out, QLatin1StringView key = {}) const;
    static Result<ChatMessage> fromJson(const QJsonObject &json);

    friend bool operator==(const ChatMessage &a, const ChatMessage &b)
    {
        return a.id == b.id && a.channel == b.channel && a.author == b.author && a.text == b.text
               && a.clientMsgId == b.clientMsgId && a.createdMs == b.createdMs && a.editedMs == b.editedMs
               && a.deleted == b.deleted;
    }
};

} // namespace collab
