#include "protocol/clientmessages.h"

#include "model/chatmessage.h"

#include "protocol/ids.h"
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

} // namespace

QVector<crdt::Operation> OperationsKind::read(FieldReader &r, const char *key) const
{
    const QJsonArray ops = r.array(key);
    if (r.ok() && ops.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("%1 must not be empty").arg(QLatin1String(key)));
    if (!r.ok())
        return {};
    crdt::Expected<QVector<crdt::Operation>> decoded = crdt::operationsFromJson(ops);
    if (!decoded.ok()) {
        r.fail(ErrorCode::InvalidValue, QStringLiteral("bad operation: %1").arg(decoded.error().message));
        return {};
    }
    return decoded.value();
}

QJsonValue OperationsKind::write(const QVector<crdt::Operation> &ops) const { return crdt::operationsToJson(ops); }

QString OperationsKind::describe() const { return QStringLiteral("non-empty list of CRDT operations"); }

crdt::VersionVector VersionVectorKind::read(FieldReader &r, const char *key) const
{
    const QJsonObject json = r.object(key);
    if (!r.ok())
        return {};
    crdt::Expected<crdt::VersionVector> version = crdt::VersionVector::fromJson(json);
    if (!version.ok()) {
        r.fail(ErrorCode::InvalidValue, QStringLiteral("bad version vector: %1").arg(version.error().message));
        return {};
    }
    return version.value();
}

QJsonValue VersionVectorKind::write(const crdt::VersionVector &v) const { return v.toJson(); }

QString VersionVectorKind::describe() const { return QStringLiteral("version vector"); }

void ChatSend::validate(FieldReader &r) const
{
    if (text.trimmed().isEmpty() && files.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("text must not be empty"));
    if (std::optional<ProtocolError> e = FileRef::checkIds(files))
        r.fail(e->code, e->message);
    if (clientMsgId.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("clientMsgId must not be empty"));
}

void ChatEdit::validate(FieldReader &r) const
{
    if (text.trimmed().isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("text must not be empty (delete the message instead)"));
}

void Typing::validate(FieldReader &r) const
{
    if (channel.isEmpty() == note.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("typing names exactly one of 'channel' or 'note'"));
}

void EditAction::validate(FieldReader &r) const
{
    if (action != QLatin1String("typing") && action != QLatin1String("insert_line") && action != QLatin1String("delete_word"))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("action must be typing, insert_line or delete_word"));
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

// ---- The messages that run a course (courseadminmessages.h).
namespace collab::proto {

void Kick::validate(FieldReader &r) const
{
    if (minutes && (*minutes < 0 || *minutes > limits::MaxRemovalMinutes))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("minutes must be 0 (until restored) to %1").arg(limits::MaxRemovalMinutes));
}

namespace {
void checkIds(FieldReader &r, const QStringList &ids, const char *what, int max, bool userNames = false)
{
    if (ids.size() > max)
        return r.fail(ErrorCode::InvalidValue, QStringLiteral("at most %1 %2").arg(max).arg(QLatin1String(what)));
    QStringList seen;
    for (const QString &id : ids) {
        if (userNames ? !isValidUserName(id) : !isValidId(id))
            return r.fail(ErrorCode::InvalidValue, QStringLiteral("'%1' in %2 is not a valid %3 ([A-Za-z0-9._-]{1,64}%4)")
                                                       .arg(id.left(80), QLatin1String(what),
                                                            userNames ? QStringLiteral("name") : QStringLiteral("id"),
                                                            userNames ? QStringLiteral(", starting with a letter") : QString()));
        const QString key = userNames ? normalizedName(id) : id;
        if (seen.contains(key))
            return r.fail(ErrorCode::InvalidValue, QStringLiteral("'%1' is twice in %2").arg(id, QLatin1String(what)));
        seen << key;
    }
}
} // namespace

void CourseCreate::validate(FieldReader &r) const
{
    if (!title.isEmpty() && title.trimmed().isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("title must not be blank"));
    checkIds(r, instructors, "instructors", limits::MaxCourseInstructors, true);
    checkIds(r, channels, "channels", limits::MaxCourseChannels);
    checkIds(r, announcements, "announcements", limits::MaxCourseChannels);
    checkIds(r, notes, "notes", limits::MaxCourseChannels);
}

void CourseUpdate::validate(FieldReader &r) const
{
    if (!title && !archived && !studentNotes && !invitesRequired)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("nothing to change: give title, archived, studentNotes or invitesRequired"));
    else if (title && title->trimmed().isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("title must not be blank"));
}

void RetentionSet::validate(FieldReader &r) const
{
    if (days && off)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("give days (1-%1) or off: true, not both").arg(MaxDays));
    else if (!days && !off)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("give days (1-%1: messages older are deleted for good) or off: true").arg(MaxDays));
}

namespace {
// A channel's or note's shown name: one line, no control characters ("" gives the id back).
void checkShownName(FieldReader &r, const std::optional<QString> &title)
{
    if (!title)
        return;
    for (const QChar c : *title)
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            return r.fail(ErrorCode::InvalidValue, QStringLiteral("title must be one line of text, without control characters"));
}
} // namespace

void ChannelUpdate::validate(FieldReader &r) const
{
    if (!archived && !announcement && !title)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("nothing to change: give archived, announcement or title"));
    else
        checkShownName(r, title);
}

void NoteUpdate::validate(FieldReader &r) const { checkShownName(r, title); }

void RosterImport::validate(FieldReader &r) const
{
    if (more && upload.isEmpty())
        r.fail(ErrorCode::InvalidValue, QStringLiteral("a roster sent in parts (more: true) needs an upload id"));
}

void MemberRoleSet::validate(FieldReader &r) const
{
    if (role != QLatin1String("ta") && role != QLatin1String("student") && role != QLatin1String("instructor"))
        r.fail(ErrorCode::InvalidValue, QStringLiteral("role must be ta, student or instructor, not '%1'").arg(role.left(16)));
}

} // namespace collab::proto
