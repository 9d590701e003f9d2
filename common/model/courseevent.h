#pragma once

#include "protocol/result.h"
#include "protocol/wirefields.h"

#include <QJsonObject>
#include <QString>

namespace collab {

// What happened in a course. Every event gets the course's next `seq`; clients resume from the last
// seq they saw. The kinds and their `data` are listed in docs/protocol.md.
enum class EventKind {
    ChatPosted,   // data: the ChatMessage
    ChatEdited,   // data: {id, channel, text, by} (the edit time is the event's timeMs)
    ChatDeleted,  // data: {id, channel, by}
    MemberJoined, // data: {user, role}: the first time a user joins the course
    NoteOps,      // data: {note, user, ops}: CRDT operations applied to a shared note
    NoteLocked,   // data: {note, locked, by}: an instructor made a note read-only (or writable again)
    MemberKicked, // data: {user, by, until}: an instructor removed user; joins refused until `until` (ms since the epoch)
    MemberPurged, // data: {users, by}: an instructor freed the names of members who never used them
    // The course catalogue (docs/protocol.md, "Running a course"). course.created and
    // course.deleted are stored in the catalogue stream (course "_catalog"), the others in the
    // course's own stream, so that its members see them live.
    CourseCreated,   // data: {course, title, instructors, secretHashes, channels, announcements, notes, joinCodeHash, by}
    CourseDeleted,   // data: {course, by}
    CourseUpdated,   // data: {title?, archived?, studentNotes?, invitesRequired?, by}
    ChannelAdded,    // data: {channel, announcement, by}
    ChannelUpdated,  // data: {channel, archived?, announcement?, by}
    NoteCreated,     // data: {note, by}
    NoteUpdated,     // data: {note, archived, by}
    JoinCodeRotated, // data: {joinCodeHash, by}; members see {by}
    MemberRole,      // data: {user, role (ta | student), by}
    MemberRestored,  // data: {user, by}: a removal lifted before its time
    RosterImported,  // data: {entries: [{user, role, inviteHash}], by}; members see {count, by}
    // Course interactions (issue 14; docs/protocol.md, "Course interactions").
    MessageReacted,  // data: {id, channel, emoji, user, active}
    MessagePinned,   // data: {id, channel, pinned, by}
    QuestionUpdated, // data: {id, channel, question, resolved, by, anonymous?, pseudonym?}
    AnswerEndorsed,  // data: {id, channel, question (the thread's first message), endorsed, by}
    PollCreated,     // data: {channel, question, options, multiple, anonymous, closesAt (0: by hand), ballotKey, by}; the poll's id is the seq
    PollVoted,       // data: {poll, channel, options, user, previous} (named) | {poll, channel, options, ballot} (anonymous)
    PollClosed,      // data: {poll, channel, by}
    QueueOpened,     // data: {channel, open, by}
    QueueJoined,     // data: {channel, user, topic}
    QueueChanged,    // data: {channel, user, action (leave | take | done | requeue), by}
    AnonymitySet,    // data: {mode (off | questions | all), by}
    // Note history (issue 15 part 2; docs/protocol.md, "Note history").
    NoteVersionNamed, // data: {note, name, at (the seq of the note's text it names), by}
    // The end of a term (issue 15 part 4; docs/protocol.md, "Retention").
    MessagesExpired, // data: {ids, before (ms), days, by}: the course's retention deleted these messages for good
    // Files (issue 15 part 3; docs/protocol.md, "Files"): the bytes are in the file store before
    // this is appended. Members' frames leave `by` out (a file of an anonymous post stays anonymous).
    FileUploaded,     // data: {id, sha256, size, type, name, by}
    FilesExpired,     // data: {ids, sha256s, before (ms), days, by}: retention deleted these files (their bytes, unless another file of the course has them)
};

QString eventKindName(EventKind kind);
std::optional<EventKind> eventKindFromName(QStringView name);

// The kind as its name on the wire ("chat.posted").
struct EventKindKind
{
    EventKind read(FieldReader &r, const char *key) const;
    QJsonValue write(EventKind kind) const { return eventKindName(kind); }
    QString describe() const;
};

struct CourseEvent
{
    QString course;
    quint64 seq = 0;
    EventKind kind = EventKind::ChatPosted;
    qint64 timeMs = 0;
    QJsonObject data;

    // The wire form: {"type":"event","course","seq","kind","ts","data"}.
    static auto wireFields()
    {
        return std::make_tuple(wire::Constant{"type", "event"}, wire::id("course", &CourseEvent::course),
                               wire::unsignedInt("seq", &CourseEvent::seq),
                               wire::field("kind", &CourseEvent::kind, EventKindKind{}),
                               wire::integer("ts", &CourseEvent::timeMs).optional(), wire::object("data", &CourseEvent::data));
    }
    COLLAB_WIRE_CODEC(CourseEvent)
};

} // namespace collab
