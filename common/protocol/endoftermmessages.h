#pragma once

// Client → server messages of the end of a term (issue 15 part 4): exporting a course and its
// retention period. Included by clientmessages.h; declared like every other message
// (wireFields(), see protocol/wirefields.h). Who may send them: instructors and administrators
// (server/hub/permissions.h: ExportCourse, SetRetention).

#include "protocol/limits.h"
#include "protocol/wirefields.h"

#include <QString>

#include <optional>

namespace collab::proto {

struct CourseExport
{
    static constexpr const char *Type = "course.export";
    static constexpr const char *Doc = "`ack {course, url, expiresAt}` (instructors): `url`, a path on the server's HTTP port, "
                                       "downloads the course's export zip once within a minute, without an API key";
    QString course;
    static auto wireFields() { return std::make_tuple(wire::id("course", &CourseExport::course)); }
    COLLAB_WIRE_CODEC(CourseExport)
};

// The days a course keeps its messages (and files): older ones are deleted for good.
struct RetentionSet
{
    static constexpr const char *Type = "retention.set";
    static constexpr const char *Doc = "`ack {course, days, seq}` (instructors): messages older than `days` (1–3650) are deleted "
                                       "for good, daily and on `retention.run`; `off: true` keeps everything again";
    static constexpr int MaxDays = 3650;
    QString course;
    std::optional<int> days;
    bool off = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &RetentionSet::course),
                               wire::field("days", &RetentionSet::days, wire::CountKind{1, MaxDays}).optional(),
                               wire::boolean("off", &RetentionSet::off).optional().omittedWhenDefault());
    }
    void validate(FieldReader &r) const; // days or off: true, not both
    COLLAB_WIRE_CODEC(RetentionSet)
};

struct RetentionRun
{
    static constexpr const char *Type = "retention.run";
    static constexpr const char *Doc = "`ack {course, days, dryRun, before, messages, files, oldest?, newest?, seq?}` "
                                       "(instructors): deletes now what the retention period says is too old; "
                                       "`dryRun: true` only counts it";
    QString course;
    bool dryRun = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &RetentionRun::course),
                               wire::boolean("dryRun", &RetentionRun::dryRun).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(RetentionRun)
};

} // namespace collab::proto
