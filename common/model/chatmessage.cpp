#include "model/chatmessage.h"

#include "protocol/jsonfields.h"
#include "protocol/jsonwriter.h"
#include "protocol/limits.h"

namespace collab {

QJsonObject ChatMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), double(id)},
                  {QStringLiteral("channel"), channel},
                  {QStringLiteral("author"), author},
                  {QStringLiteral("text"), text},
                  {QStringLiteral("createdAt"), double(createdMs)}};
    if (!clientMsgId.isEmpty())
        o.insert(QStringLiteral("clientMsgId"), clientMsgId);
    if (editedMs)
        o.insert(QStringLiteral("editedAt"), double(editedMs));
    if (deleted)
        o.insert(QStringLiteral("deleted"), true);
    return o;
}

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
    out.field(QLatin1String("id"), qint64(id)).field(QLatin1String("text"), text).endObject();
}

Result<ChatMessage> ChatMessage::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ChatMessage m;
    m.id = r.unsignedInt("id");
    m.channel = r.id("channel");
    m.author = r.id("author");
    m.text = r.string("text", limits::MaxChatTextBytes);
    m.clientMsgId = r.optionalString("clientMsgId", limits::MaxClientMsgIdLength).value_or(QString());
    m.createdMs = r.optionalInt("createdAt").value_or(0);
    m.editedMs = r.optionalInt("editedAt").value_or(0);
    m.deleted = r.optionalBoolean("deleted").value_or(false);
    if (!r.ok())
        return r.error();
    return m;
}

} // namespace collab
