#include "model/chatmessage.h"

#include "protocol/jsonwriter.h"

namespace collab {

void ChatMessage::writeJson(JsonWriter &out, QLatin1StringView key) const
{
    // Sorted keys, as QJsonObject keeps them: the bytes equal toJson()'s.
    out.beginObject(key).field(QLatin1String("author"), author).field(QLatin1String("channel"), channel);
    if (!clientMsgId.isEmpty())
        out.field(QLatin1String("clientMsgId"), clientMsgId);
    out.field(QLatin1String("createdAt"), createdMs);
    if (deleted)
        out.field(QLatin1String("deleted"), true);
    if (editedMs)
        out.field(QLatin1String("editedAt"), editedMs);
    if (!editedBy.isEmpty())
        out.field(QLatin1String("editedBy"), editedBy);
    out.field(QLatin1String("id"), qint64(id)).field(QLatin1String("text"), text);
    if (!via.isEmpty())
        out.field(QLatin1String("via"), via);
    out.endObject();
}

} // namespace collab
