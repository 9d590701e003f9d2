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
    static constexpr const char *Doc = "`ack {channel, seq}` (instructors); archived channels are read-only; "
                                       "`title`: the name shown for it (renames it; the id stays; \"\": the id again)";
    QString course;
    QString channel;
    std::optional<bool> archived;
    std::optional<bool> announcement;
    std::optional<QString> title;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &ChannelUpdate::course), wire::id("channel", &ChannelUpdate::channel),
                               wire::field("archived", &ChannelUpdate::archived, wire::BoolKind{}).optional(),
                               wire::field("announcement", &ChannelUpdate::announcement, wire::BoolKind{}).optional(),
                               wire::string("title", &ChannelUpdate::title, limits::MaxNameTitleBytes).optional());
    }
    void validate(FieldReader &r) const; // something to change; a title on one line
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
    static constexpr const char *Doc = "`ack {note, seq}` (instructors); archived notes are read-only (without `title`, "
                                       "`archived` defaults to true); `title`: the name shown for it (renames it; the id stays)";
    QString course;
    QString note;
    std::optional<bool> archived; // neither this nor title: archive (the message's first meaning)
    std::optional<QString> title;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &NoteUpdate::course), wire::id("note", &NoteUpdate::note),
                               wire::field("archived", &NoteUpdate::archived, wire::BoolKind{}).optional(),
                               wire::string("title", &NoteUpdate::title, limits::MaxNameTitleBytes).optional());
    }
    void validate(FieldReader &r) const; // a title on one line
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
    static constexpr const char *Doc = "`ack {user, role, seq}`; `role` is `ta` or `student` (instructors), or `instructor` "
                                       "(administrators: the answer's `secret`, shown once, is the new instructor's)";
    QString course;
    QString user;
    QString role;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &MemberRoleSet::course), wire::userName("user", &MemberRoleSet::user),
                               wire::string("role", &MemberRoleSet::role, 16));
    }
    void validate(FieldReader &r) const; // ta | student | instructor
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
// A roster larger than one frame (64 KiB; a class of 2,000 is ~100 KiB) goes in parts: each part
// but the last says `more: true` under one `upload` id and is acked `{course, upload, received}`;
// the session keeps the parts (at most limits::MaxRosterBytes, one upload per course, dropped
// with the connection) and the last part imports the whole, all or nothing.
struct RosterImport
{
    static constexpr const char *Type = "roster.import";
    static constexpr const char *Doc = "`ack {course, seq, invites: [{row, user, contact, role, invite}]}` (instructors); "
                                       "all rows or none; invites are shown this once. Over 64 KiB: parts with one `upload` id, "
                                       "each but the last with `more: true` (acked `{course, upload, received}`)";
    QString course;
    QString csv;
    QString upload;    // the parts of one roster share it (client-chosen, up to 64 characters)
    bool more = false; // another part follows: keep this one
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &RosterImport::course), wire::string("csv", &RosterImport::csv),
                               wire::string("upload", &RosterImport::upload, 64).optional().omittedWhenDefault(),
                               wire::boolean("more", &RosterImport::more).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // more needs an upload id
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
