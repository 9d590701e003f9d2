#include "model/chatmessage.h"

#include "protocol/ids.h"
#include "protocol/jsonwriter.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace collab {

std::optional<ProtocolError> FileRef::checkIds(const QStringList &ids)
{
    if (ids.size() > MaxPerMessage)
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("a message carries at most %1 files").arg(MaxPerMessage));
    for (const QString &id : ids)
        if (!isValidId(id))
            return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("files must list file ids (got \"%1\")").arg(id.left(64)));
    return std::nullopt;
}

void ChatMessage::writeJson(JsonWriter &out, QLatin1StringView key) const
{
    // Sorted keys, as QJsonObject keeps them: the bytes equal toJson()'s.
    const bool interactions = replyTo || question || resolved || endorsed || pinned || poll || anonymous || mine
                              || replies || !repliers.isEmpty() || !reactions.isEmpty() || author.isEmpty()
                              || !files.isEmpty();
    if (interactions) { // rare enough to go the general way (tst_protocol checks both agree)
        out.raw(key, QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
        return;
    }
    out.beginObject(key).field(QLatin1String("author"), author).field(QLatin1String("channel"), channel);
    if (!clientMsgId.isEmpty())
        out.field(QLatin1String("clientMsgId"), clientMsgId);
    out.field(QLatin1String("createdAt"), createdMs);
    if (deleted)
        out.field(QLatin1String("deleted"), true);
    if (!deletedBy.isEmpty())
        out.field(QLatin1String("deletedBy"), deletedBy);
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
