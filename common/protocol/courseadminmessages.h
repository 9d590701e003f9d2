#pragma once

// Client → server messages that run a course (issue 11): the catalogue (courses, channels, notes),
// joining (join codes, rosters with invites), roles and moderation. Included by clientmessages.h;
// declared like every other message (wireFields(), see protocol/wirefields.h). Who may send which
// is the Hub's rule table (server/hub/permissions.h, docs/security.md "Who may do what").

#include "protocol/limits.h"
#include "protocol/wirefields.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace collab::proto {

// The server administrator creates a course (a session whose hello carried the admin secret).
struct CourseCreate
{
    static constexpr const char *Type = "course.create";
    static constexpr const char *Doc = "`ack {course, joinCode, secrets: {instructor: secret}, seq}` once stored "
                                       "(administrators only); the join code and secrets are shown this once";
    QString course;
    QString title;
    QStringList instructors;   // default: the administrator's own name
    QStringList channels;      // default: general
    QStringList announcements; // channels only moderators post in (added to channels if missing)
    QStringList notes;         // default: none
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &CourseCreate::course),
                               wire::string("title", &CourseCreate::title, limits::MaxTitleBytes).optional().omittedWhenDefault(),
                               wire::stringList("instructors", &CourseCreate::instructors).optional().omittedWhenDefault(),
                               wire::stringList("channels", &CourseCreate::channels).optional().omittedWhenDefault(),
                               wire::stringList("announcements", &CourseCreate::announcements).optional().omittedWhenDefault(),
                               wire::stringList("notes", &CourseCreate::notes).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // ids, user names, counts
    COLLAB_WIRE_CODEC(CourseCreate)
};

// An instructor retitles, archives (read-only for everyone) or changes the settings of a course.
struct CourseUpdate
{
    static constexpr const char *Type = "course.update";
    static constexpr const char *Doc = "`ack {seq}` (instructors); `studentNotes`: students may create notes; "
                                       "`invitesRequired`: only roster invites admit students";
    QString course;
    std::optional<QString> title;
    std::optional<bool> archived;
    std::optional<bool> studentNotes;
    std::optional<bool> invitesRequired;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &CourseUpdate::course),
                               wire::string("title", &CourseUpdate::title, limits::MaxTitleBytes).optional(),
                               wire::field("archived", &CourseUpdate::archived, wire::BoolKind{}).optional(),
                               wire::field("studentNotes", &CourseUpdate::studentNotes, wire::BoolKind{}).optional(),
                               wire::field("invitesRequired", &CourseUpdate::invitesRequired, wire::BoolKind{}).optional());
    }
    void validate(FieldReader &r) const; // something to change; a title not blank
    COLLAB_WIRE_CODEC(CourseUpdate)
};

struct CourseDelete
{
    static constexpr const char *Type = "course.delete";
    static constexpr const char *Doc = "`ack {course, seq}` (administrators only); the id is never reused";
    QString course;
    static auto wireFields() { return std::make_tuple(wire::id("course", &CourseDelete::course)); }
    COLLAB_WIRE_CODEC(CourseDelete)
};

struct ChannelAdd
{
    static constexpr const char *Type = "channel.add";
    static constexpr const char *Doc = "`ack {channel, seq}` (instructors); `announcement`: only moderators post";
    QString course;
    QString channel;
    bool announcement = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &ChannelAdd::course), wire::id("channel", &ChannelAdd::channel),
                               wire::boolean("announcement", &ChannelAdd::announcement).optional(false));
    }
    COLLAB_WIRE_CODEC(ChannelAdd)
};

struct ChannelUpdate
{
    static constexpr const char *Type = "channel.update";
    static constexpr const char *Doc = "`ack {channel, seq}` (instructors); archived channels are read-only";
    QString course;
    QString channel;
    std::optional<bool> archived;
    std::optional<bool> announcement;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &ChannelUpdate::course), wire::id("channel", &ChannelUpdate::channel),
                               wire::field("archived", &ChannelUpdate::archived, wire::BoolKind{}).optional(),
                               wire::field("announcement", &ChannelUpdate::announcement, wire::BoolKind{}).optional());
    }
    void validate(FieldReader &r) const; // something to change
    COLLAB_WIRE_CODEC(ChannelUpdate)
};

struct NoteCreate
{
    static constexpr const char *Type = "note.create";
    static constexpr const char *Doc = "`ack {note, seq}` (instructors and TAs; students when the course's `studentNotes` is on)";
    QString course;
    QString note;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteCreate::course), wire::id("note", &NoteCreate::note));
    }
    COLLAB_WIRE_CODEC(NoteCreate)
};

struct NoteUpdate
{
    static constexpr const char *Type = "note.update";
    static constexpr const char *Doc = "`ack {note, seq}` (instructors); archived notes are read-only";
    QString course;
    QString note;
    bool archived = true;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteUpdate::course), wire::id("note", &NoteUpdate::note),
                               wire::boolean("archived", &NoteUpdate::archived).optional(true));
    }
    COLLAB_WIRE_CODEC(NoteUpdate)
};

struct JoinCodeRotate
{
    static constexpr const char *Type = "joincode.rotate";
    static constexpr const char *Doc = "`ack {course, joinCode, seq}` (instructors); the old code is refused at once, on every node";
    QString course;
    static auto wireFields() { return std::make_tuple(wire::id("course", &JoinCodeRotate::course)); }
    COLLAB_WIRE_CODEC(JoinCodeRotate)
};

struct MemberRoleSet
{
    static constexpr const char *Type = "member.role";
    static constexpr const char *Doc = "`ack {user, role, seq}` (instructors); `role` is `ta` or `student`";
    QString course;
    QString user;
    QString role;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &MemberRoleSet::course), wire::userName("user", &MemberRoleSet::user),
                               wire::string("role", &MemberRoleSet::role, 16));
    }
    void validate(FieldReader &r) const; // ta | student
    COLLAB_WIRE_CODEC(MemberRoleSet)
};

struct MemberRestore
{
    static constexpr const char *Type = "member.restore";
    static constexpr const char *Doc = "`ack {user, seq}` (moderators): lifts a removal";
    QString course;
    QString user;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &MemberRestore::course), wire::id("user", &MemberRestore::user));
    }
    COLLAB_WIRE_CODEC(MemberRestore)
};

// A roster as CSV text (name, email or student id, role): every row gets an invite, or none does.
struct RosterImport
{
    static constexpr const char *Type = "roster.import";
    static constexpr const char *Doc = "`ack {course, seq, invites: [{row, user, contact, role, invite}]}` (instructors); "
                                       "all rows or none; invites are shown this once";
    QString course;
    QString csv;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &RosterImport::course), wire::string("csv", &RosterImport::csv));
    }
    COLLAB_WIRE_CODEC(RosterImport)
};

struct ModerationLog
{
    static constexpr const char *Type = "moderation.log";
    static constexpr const char *Doc = "`ack {course, entries: [{seq, ts, kind, by, data}]}`, newest last (instructors)";
    QString course;
    int limit = 200;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &ModerationLog::course),
                               wire::count("limit", &ModerationLog::limit, 1, 1000).optional(200));
    }
    COLLAB_WIRE_CODEC(ModerationLog)
};

} // namespace collab::proto
