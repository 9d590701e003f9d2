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
    {EventKind::MemberKicked, "member.kicked"}, {EventKind::MemberPurged, "member.purged"},
    {EventKind::CourseCreated, "course.created"}, {EventKind::CourseDeleted, "course.deleted"},
    {EventKind::CourseUpdated, "course.updated"}, {EventKind::ChannelAdded, "channel.added"},
    {EventKind::ChannelUpdated, "channel.updated"}, {EventKind::NoteCreated, "note.created"},
    {EventKind::NoteUpdated, "note.updated"},     {EventKind::JoinCodeRotated, "joincode.rotated"},
    {EventKind::MemberRole, "member.role"},       {EventKind::MemberRestored, "member.restored"},
    {EventKind::RosterImported, "roster.imported"},
    {EventKind::MessageReacted, "message.reacted"}, {EventKind::MessagePinned, "message.pinned"},
    {EventKind::QuestionUpdated, "question.updated"}, {EventKind::AnswerEndorsed, "answer.endorsed"},
    {EventKind::PollCreated, "poll.created"},     {EventKind::PollVoted, "poll.voted"},
    {EventKind::PollClosed, "poll.closed"},       {EventKind::QueueOpened, "queue.opened"},
    {EventKind::QueueJoined, "queue.joined"},     {EventKind::QueueChanged, "queue.changed"},
    {EventKind::AnonymitySet, "anonymity.set"},   {EventKind::NoteVersionNamed, "note.named"},
    {EventKind::MessagesExpired, "messages.expired"},
    {EventKind::FileUploaded, "file.uploaded"},   {EventKind::FilesExpired, "files.expired"},
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

EventKind EventKindKind::read(FieldReader &r, const char *key) const
{
    const QString name = r.string(key);
    if (!r.ok())
        return {};
    const auto kind = eventKindFromName(name);
    if (!kind)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("unknown event kind '%1'").arg(name));
    return kind.value_or(EventKind::ChatPosted);
}

QString EventKindKind::describe() const
{
    QStringList names;
    for (const auto &k : kKindNames)
        names << QLatin1Char('`') + QLatin1String(k.name) + QLatin1Char('`');
    return QStringLiteral("one of ") + names.join(QLatin1String(", "));
}

} // namespace collab
