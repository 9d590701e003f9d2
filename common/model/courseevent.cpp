#include "model/courseevent.h"

#include "protocol/jsonfields.h"

namespace collab {

namespace {
struct KindName
{
    EventKind kind;
    const char *name;
};
constexpr KindName kKindNames[] = {
    {EventKind::ChatPosted, "chat.posted"},     {EventKind::ChatEdited, "chat.edited"},
    {EventKind::ChatDeleted, "chat.deleted"},   {EventKind::MemberJoined, "member.joined"},
    {EventKind::NoteOps, "note.ops"},           {EventKind::NoteLocked, "note.locked"},
    {EventKind::MemberKicked, "member.kicked"},
};
} // namespace

QString eventKindName(EventKind kind)
{
    for (const auto &k : kKindNames)
        if (k.kind == kind)
            return QLatin1String(k.name);
    return {};
}

std::optional<EventKind> eventKindFromName(QStringView name)
{
    for (const auto &k : kKindNames)
        if (name == QLatin1String(k.name))
            return k.kind;
    return std::nullopt;
}

QJsonObject CourseEvent::toJson() const
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("event")},
                       {QStringLiteral("course"), course},
                       {QStringLiteral("seq"), double(seq)},
                       {QStringLiteral("kind"), eventKindName(kind)},
                       {QStringLiteral("ts"), double(timeMs)},
                       {QStringLiteral("data"), data}};
}

Result<CourseEvent> CourseEvent::fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    CourseEvent e;
    e.course = r.id("course");
    e.seq = r.unsignedInt("seq");
    const QString kind = r.string("kind");
    e.timeMs = r.optionalInt("ts").value_or(0);
    e.data = r.object("data");
    if (!r.ok())
        return r.error();
    const auto k = eventKindFromName(kind);
    if (!k)
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("unknown event kind '%1'").arg(kind));
    e.kind = *k;
    return e;
}

} // namespace collab
