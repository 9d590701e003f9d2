#include "protocol/clientmessages.h"

#include "protocol/jsonfields.h"
#include "protocol/variantdecoder.h"
#include "protocol/limits.h"

#include <QJsonDocument>

namespace collab::proto {

namespace {

QString typeOf(const ClientPayload &payload)
{
    return std::visit([](const auto &m) { return QLatin1String(std::decay_t<decltype(m)>::Type); }, payload);
}

bool isEditActionName(const QString &a)
{
    return a == QLatin1String("typing") || a == QLatin1String("insert_line") || a == QLatin1String("delete_word");
}

} // namespace

QJsonObject Hello::toJson() const
{
    QJsonObject o{{QStringLiteral("user"), user}};
    if (!client.isEmpty())
        o.insert(QStringLiteral("client"), client);
    return o;
}

Result<Hello> Hello::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Hello m;
    m.user = r.id("user");
    m.client = r.optionalString("client", 128).value_or(QString());
    return finishRead(r, m);
}

QJsonObject Join::toJson() const
{
    QJsonObject o{{QStringLiteral("course"), course}, {QStringLiteral("joinCode"), joinCode}};
    if (!token.isEmpty())
        o.insert(QStringLiteral("token"), token);
    if (since)
        o.insert(QStringLiteral("since"), double(*since));
    return o;
}

Result<Join> Join::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Join m;
    m.course = r.id("course");
    m.joinCode = r.string("joinCode", limits::MaxJoinCodeLength);
    m.token = r.optionalString("token", limits::MaxTokenLength).value_or(QString());
    m.since = r.optionalUnsignedInt("since");
    return finishRead(r, m);
}

QJsonObject Leave::toJson() const { return {{QStringLiteral("course"), course}}; }

Result<Leave> Leave::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Leave m;
    m.course = r.id("course");
    return finishRead(r, m);
}

QJsonObject ChatSend::toJson() const
{
    return {{QStringLiteral("course"), course},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("text"), text},
            {QStringLiteral("clientMsgId"), clientMsgId}};
}

Result<ChatSend> ChatSend::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ChatSend m;
    m.course = r.id("course");
    m.channel = r.id("channel");
    m.text = r.string("text", limits::MaxChatTextBytes);
    m.clientMsgId = r.string("clientMsgId", limits::MaxClientMsgIdLength);
    if (r.ok() && m.text.trimmed().isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("text must not be empty"));
    if (r.ok() && m.clientMsgId.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("clientMsgId must not be empty"));
    return finishRead(r, m);
}

QJsonObject ChatEdit::toJson() const
{
    return {{QStringLiteral("course"), course}, {QStringLiteral("id"), double(id)}, {QStringLiteral("text"), text}};
}

Result<ChatEdit> ChatEdit::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ChatEdit m;
    m.course = r.id("course");
    m.id = r.unsignedInt("id");
    m.text = r.string("text", limits::MaxChatTextBytes);
    if (r.ok() && m.text.trimmed().isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("text must not be empty (delete the message instead)"));
    return finishRead(r, m);
}

QJsonObject ChatDelete::toJson() const
{
    return {{QStringLiteral("course"), course}, {QStringLiteral("id"), double(id)}};
}

Result<ChatDelete> ChatDelete::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ChatDelete m;
    m.course = r.id("course");
    m.id = r.unsignedInt("id");
    return finishRead(r, m);
}

QJsonObject Typing::toJson() const
{
    QJsonObject o{{QStringLiteral("course"), course}, {QStringLiteral("active"), active}};
    if (!channel.isEmpty())
        o.insert(QStringLiteral("channel"), channel);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    return o;
}

Result<Typing> Typing::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Typing m;
    m.course = r.id("course");
    m.channel = r.optionalId("channel").value_or(QString());
    m.note = r.optionalId("note").value_or(QString());
    m.active = r.optionalBoolean("active").value_or(true);
    if (r.ok() && m.channel.isEmpty() == m.note.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("typing names exactly one of 'channel' or 'note'"));
    return finishRead(r, m);
}

QJsonObject EditAction::toJson() const
{
    QJsonObject o{{QStringLiteral("course"), course}, {QStringLiteral("note"), note}, {QStringLiteral("action"), action}};
    if (!text.isEmpty())
        o.insert(QStringLiteral("text"), text);
    if (line >= 0)
        o.insert(QStringLiteral("line"), double(line));
    if (word >= 0)
        o.insert(QStringLiteral("word"), double(word));
    return o;
}

Result<EditAction> EditAction::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    EditAction m;
    m.course = r.id("course");
    m.note = r.id("note");
    m.action = r.string("action");
    m.text = r.optionalString("text", limits::MaxEditTextBytes).value_or(QString());
    m.line = r.optionalInt("line").value_or(-1);
    m.word = r.optionalInt("word").value_or(-1);
    if (r.ok() && !isEditActionName(m.action))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("action must be typing, insert_line or delete_word"));
    return finishRead(r, m);
}

QJsonObject History::toJson() const
{
    QJsonObject o{{QStringLiteral("course"), course}, {QStringLiteral("channel"), channel},
                  {QStringLiteral("limit"), limit}};
    if (before)
        o.insert(QStringLiteral("before"), double(before));
    return o;
}

Result<History> History::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    History m;
    m.course = r.id("course");
    m.channel = r.id("channel");
    m.before = r.optionalUnsignedInt("before").value_or(0);
    const quint64 limit = r.optionalUnsignedInt("limit").value_or(limits::DefaultHistory);
    if (r.ok() && (limit < 1 || limit > quint64(limits::MaxHistory)))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("limit must be 1..%1").arg(limits::MaxHistory));
    m.limit = int(limit);
    return finishRead(r, m);
}

QJsonObject NoteOps::toJson() const
{
    return {{QStringLiteral("course"), course}, {QStringLiteral("note"), note},
            {QStringLiteral("ops"), crdt::operationsToJson(ops)}};
}

Result<NoteOps> NoteOps::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    NoteOps m;
    m.course = r.id("course");
    m.note = r.id("note");
    const QJsonArray ops = r.array("ops");
    if (r.ok() && ops.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("ops must not be empty"));
    if (!r.ok())
        return r.error();
    crdt::Expected<QVector<crdt::Operation>> decoded = crdt::operationsFromJson(ops);
    if (!decoded.ok())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("bad operation: %1").arg(decoded.error().message));
    m.ops = decoded.value();
    return m;
}

QJsonObject NoteSync::toJson() const
{
    return {{QStringLiteral("course"), course}, {QStringLiteral("note"), note}, {QStringLiteral("have"), have.toJson()}};
}

Result<NoteSync> NoteSync::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    NoteSync m;
    m.course = r.id("course");
    m.note = r.id("note");
    const QJsonObject have = json.contains(QLatin1String("have")) ? r.object("have") : QJsonObject();
    if (!r.ok())
        return r.error();
    crdt::Expected<crdt::VersionVector> version = crdt::VersionVector::fromJson(have);
    if (!version.ok())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("bad version vector: %1").arg(version.error().message));
    m.have = version.value();
    return m;
}

QJsonObject NoteLock::toJson() const
{
    return {{QStringLiteral("course"), course}, {QStringLiteral("note"), note}, {QStringLiteral("locked"), locked}};
}

Result<NoteLock> NoteLock::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    NoteLock m;
    m.course = r.id("course");
    m.note = r.id("note");
    m.locked = r.optionalBoolean("locked").value_or(true);
    return finishRead(r, m);
}

QJsonObject Kick::toJson() const { return {{QStringLiteral("course"), course}, {QStringLiteral("user"), user}}; }

Result<Kick> Kick::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Kick m;
    m.course = r.id("course");
    m.user = r.id("user");
    return finishRead(r, m);
}

QByteArray ClientMessage::encode() const
{
    QJsonObject o = std::visit([](const auto &m) { return m.toJson(); }, payload);
    o.insert(QStringLiteral("type"), typeOf(payload));
    if (!ref.isNull() && !ref.isUndefined())
        o.insert(QStringLiteral("ref"), ref);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<ClientMessage> decodeClientMessage(const QByteArray &frame)
{
    if (frame.size() > limits::MaxFrameBytes)
        return ProtocolError::make(ErrorCode::TooLarge,
                                   QStringLiteral("frame is over %1 bytes").arg(limits::MaxFrameBytes));
    if (!jsonDepthWithin(frame, limits::MaxJsonDepth))
        return ProtocolError::make(ErrorCode::TooLarge, QStringLiteral("JSON nested deeper than %1 levels").arg(limits::MaxJsonDepth));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ProtocolError::make(ErrorCode::BadJson,
                                   QStringLiteral("invalid JSON at offset %1: %2")
                                       .arg(parseError.offset)
                                       .arg(parseError.errorString()));
    if (!doc.isObject())
        return ProtocolError::make(ErrorCode::BadJson, QStringLiteral("a frame must be a JSON object"));
    const QJsonObject json = doc.object();

    QJsonValue ref = json.value(QLatin1String("ref"));
    if (ref.isUndefined())
        ref = QJsonValue();
    if (!ref.isNull() && !ref.isDouble() && !(ref.isString() && ref.toString().size() <= 64))
        return ProtocolError::make(ErrorCode::BadType, QStringLiteral("'ref' must be a number or a short string"));

    const QJsonValue type = json.value(QLatin1String("type"));
    if (type.isUndefined() || type.isNull())
        return ProtocolError::make(ErrorCode::MissingField, QStringLiteral("missing field 'type'"), ref);
    if (!type.isString())
        return ProtocolError::make(ErrorCode::BadType, QStringLiteral("field 'type' must be a string"), ref);
    const QString typeName = type.toString();
    if (std::optional<Result<ClientPayload>> payload = decodeByType<ClientPayload>(typeName, json)) {
        if (!*payload) {
            ProtocolError err = payload->error();
            err.ref = ref;
            return err;
        }
        return ClientMessage{ref, std::move(*payload).value()};
    }
    return ProtocolError::make(ErrorCode::UnknownType, QStringLiteral("unknown message type '%1'").arg(typeName.left(64)), ref);
}

} // namespace collab::proto
