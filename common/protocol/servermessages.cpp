#include "protocol/servermessages.h"

#include "protocol/variantdecoder.h"

#include <QJsonDocument>

namespace collab::proto {

ErrorReply ErrorReply::from(const ProtocolError &e)
{
    const bool retryable = e.code == ErrorCode::Unavailable || e.code == ErrorCode::RateLimited;
    return ErrorReply{e.ref, errorCodeName(e.code), e.message, retryable, e.retryAfterMs};
}

Result<ServerPayload> decodeServerMessage(const QByteArray &frame)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return ProtocolError::make(ErrorCode::BadJson, QStringLiteral("server sent a frame that is not a JSON object"));
    const QJsonObject json = doc.object();
    const QString type = json.value(QLatin1String("type")).toString();
    if (std::optional<Result<ServerPayload>> payload = decodeByType<ServerPayload>(type, json))
        return std::move(*payload);
    return ProtocolError::make(ErrorCode::UnknownType, QStringLiteral("unknown server message type '%1'").arg(type.left(64)));
}

} // namespace collab::proto
