#include "protocol/servermessages.h"

#include "protocol/jsonfields.h"
#include "protocol/variantdecoder.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace collab::proto {

namespace {

// An optional non-negative integer held in an int: larger values are refused, not truncated
// (tests/fuzz/regressions/fuzz_protocol/: a truncated value re-encoded as a negative number).
int readIntCount(FieldReader &r, const char *key, int fallback)
{
    const quint64 value = r.optionalUnsignedInt(key).value_or(quint64(fallback));
    if (value > quint64(std::numeric_limits<int>::max())) {
        r.fail(ErrorCode::InvalidValue, QStringLiteral("field '%1' is too large").arg(QLatin1String(key)));
        return fallback;
    }
    return int(value);
}

void putRef(QJsonObject &o, const QJsonValue &ref)
{
    if (!ref.isNull() && !ref.isUndefined())
        o.insert(QStringLiteral("ref"), ref);
}

QJsonValue readRef(const QJsonObject &json)
{
    const QJsonValue v = json.value(QLatin1String("ref"));
    return v.isUndefined() ? QJsonValue() : v;
}

QStringList readIdList(FieldReader &r, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : r.array(key)) {
        if (!v.isString()) {
            r.fail(ErrorCode::BadType, QStringLiteral("'%1' must hold strings").arg(QLatin1String(key)));
            break;
        }
        out << v.toString();
    }
    return out;
}

} // namespace

template <typename T>
QByteArray encode(const T &message)
{
    QJsonObject o = message.toJson();
    o.insert(QStringLiteral("type"), QLatin1String(T::Type));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

template QByteArray encode(const Welcome &);
template QByteArray encode(const Joined &);
template QByteArray encode(const EventMessage &);
template QByteArray encode(const Presence &);
template QByteArray encode(const TypingNotice &);
template QByteArray encode(const HistoryPage &);
template QByteArray encode(const NoteState &);
template QByteArray encode(const Kicked &);
template QByteArray encode(const Ack &);
template QByteArray encode(const ErrorReply &);
template QByteArray encode(const Pong &);

QJsonObject Welcome::toJson() const
{
    QJsonObject o{{QStringLiteral("session"), session},
                  {QStringLiteral("user"), user},
                  {QStringLiteral("server"), server},
                  {QStringLiteral("protocol"), protocol}};
    putRef(o, ref);
    return o;
}

Result<Welcome> Welcome::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Welcome m;
    m.ref = readRef(json);
    m.session = r.string("session");
    m.user = r.id("user");
    m.server = r.optionalString("server").value_or(QString());
    m.protocol = readIntCount(r, "protocol", 1);
    return finishRead(r, m);
}

QJsonObject Member::toJson() const
{
    return {{QStringLiteral("user"), user}, {QStringLiteral("role"), role}, {QStringLiteral("online"), online}};
}

Result<Member> Member::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Member m;
    m.user = r.id("user");
    m.role = r.optionalString("role").value_or(QStringLiteral("student"));
    m.online = r.optionalBoolean("online").value_or(false);
    return finishRead(r, m);
}

QJsonObject Joined::toJson() const
{
    QJsonArray memberArray;
    for (const Member &m : members)
        memberArray.append(m.toJson());
    QJsonObject o{{QStringLiteral("course"), course},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("seq"), double(seq)},
                  {QStringLiteral("channels"), QJsonArray::fromStringList(channels)},
                  {QStringLiteral("notes"), QJsonArray::fromStringList(notes)},
                  {QStringLiteral("members"), memberArray},
                  {QStringLiteral("resumed"), resumed},
                  {QStringLiteral("recovered"), recovered},
                  {QStringLiteral("replayed"), replayed}};
    if (!token.isEmpty())
        o.insert(QStringLiteral("token"), token);
    putRef(o, ref);
    return o;
}

Result<Joined> Joined::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Joined m;
    m.ref = readRef(json);
    m.course = r.id("course");
    m.title = r.optionalString("title").value_or(QString());
    m.seq = r.unsignedInt("seq");
    m.channels = readIdList(r, "channels");
    m.notes = readIdList(r, "notes");
    for (const QJsonValue &v : r.array("members")) {
        Result<Member> member = Member::fromJson(v.toObject());
        if (!member) {
            r.fail(member.error().code, member.error().message);
            break;
        }
        m.members << member.value();
    }
    m.resumed = r.optionalBoolean("resumed").value_or(false);
    m.recovered = r.optionalBoolean("recovered").value_or(true);
    m.replayed = readIntCount(r, "replayed", 0);
    m.token = r.optionalString("token").value_or(QString());
    return finishRead(r, m);
}

Result<EventMessage> EventMessage::fromJson(const QJsonObject &json)
{
    Result<CourseEvent> e = CourseEvent::fromJson(json);
    if (!e)
        return e.error();
    return EventMessage{std::move(e).value()};
}

QJsonObject Presence::toJson() const
{
    return {{QStringLiteral("course"), course},
            {QStringLiteral("user"), user},
            {QStringLiteral("role"), role},
            {QStringLiteral("online"), online}};
}

Result<Presence> Presence::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Presence m;
    m.course = r.id("course");
    m.user = r.id("user");
    m.role = r.optionalString("role").value_or(QStringLiteral("student"));
    m.online = r.boolean("online");
    return finishRead(r, m);
}

QJsonObject TypingNotice::toJson() const
{
    QJsonObject o{{QStringLiteral("course"), course}, {QStringLiteral("user"), user}, {QStringLiteral("active"), active}};
    if (!channel.isEmpty())
        o.insert(QStringLiteral("channel"), channel);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    return o;
}

Result<TypingNotice> TypingNotice::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    TypingNotice m;
    m.course = r.id("course");
    m.user = r.id("user");
    m.channel = r.optionalId("channel").value_or(QString());
    m.note = r.optionalId("note").value_or(QString());
    m.active = r.boolean("active");
    return finishRead(r, m);
}

QJsonObject HistoryPage::toJson() const
{
    QJsonArray list;
    for (const ChatMessage &m : messages)
        list.append(m.toJson());
    QJsonObject o{{QStringLiteral("course"), course},
                  {QStringLiteral("channel"), channel},
                  {QStringLiteral("seq"), double(seq)},
                  {QStringLiteral("more"), more},
                  {QStringLiteral("messages"), list}};
    putRef(o, ref);
    return o;
}

Result<HistoryPage> HistoryPage::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    HistoryPage m;
    m.ref = readRef(json);
    m.course = r.id("course");
    m.channel = r.id("channel");
    m.seq = r.optionalUnsignedInt("seq").value_or(0);
    m.more = r.optionalBoolean("more").value_or(false);
    for (const QJsonValue &v : r.array("messages")) {
        Result<ChatMessage> msg = ChatMessage::fromJson(v.toObject());
        if (!msg) {
            r.fail(msg.error().code, msg.error().message);
            break;
        }
        m.messages << msg.value();
    }
    return finishRead(r, m);
}

QJsonObject NoteState::toJson() const
{
    QJsonObject o{{QStringLiteral("course"), course},
                  {QStringLiteral("note"), note},
                  {QStringLiteral("seq"), double(seq)},
                  {QStringLiteral("version"), version}};
    if (!snapshot.isEmpty())
        o.insert(QStringLiteral("snapshot"), QString::fromLatin1(snapshot.toBase64()));
    else
        o.insert(QStringLiteral("ops"), ops);
    putRef(o, ref);
    return o;
}

Result<NoteState> NoteState::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    NoteState m;
    m.ref = readRef(json);
    m.course = r.id("course");
    m.note = r.id("note");
    m.seq = r.optionalUnsignedInt("seq").value_or(0);
    m.version = r.object("version");
    if (const auto snapshot = r.optionalString("snapshot")) {
        const auto decoded = QByteArray::fromBase64Encoding(snapshot->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            r.fail(ErrorCode::InvalidValue, QStringLiteral("snapshot is not base64"));
        m.snapshot = decoded.decoded;
    } else if (json.contains(QLatin1String("ops"))) {
        m.ops = r.array("ops");
    }
    return finishRead(r, m);
}

Result<Kicked> Kicked::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    Kicked m;
    m.course = r.id("course");
    m.by = r.id("by");
    m.until = r.optionalInt("until").value_or(0);
    return finishRead(r, m);
}

QJsonObject Ack::toJson() const
{
    QJsonObject o = fields;
    putRef(o, ref);
    return o;
}

Result<Ack> Ack::fromJson(const QJsonObject &json)
{
    Ack m;
    m.ref = readRef(json);
    m.fields = json;
    m.fields.remove(QLatin1String("type"));
    m.fields.remove(QLatin1String("ref"));
    return m;
}

QJsonObject ErrorReply::toJson() const
{
    QJsonObject o{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (retryable)
        o.insert(QStringLiteral("retryable"), true);
    putRef(o, ref);
    return o;
}

Result<ErrorReply> ErrorReply::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    ErrorReply m;
    m.ref = readRef(json);
    m.code = r.string("code");
    m.message = r.optionalString("message").value_or(QString());
    m.retryable = r.optionalBoolean("retryable").value_or(false);
    return finishRead(r, m);
}

ErrorReply ErrorReply::from(const ProtocolError &e)
{
    const bool retryable = e.code == ErrorCode::Unavailable || e.code == ErrorCode::RateLimited;
    return ErrorReply{e.ref, errorCodeName(e.code), e.message, retryable};
}

QJsonObject Pong::toJson() const
{
    QJsonObject o;
    putRef(o, ref);
    return o;
}

Result<Pong> Pong::fromJson(const QJsonObject &json) { return Pong{readRef(json)}; }

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
