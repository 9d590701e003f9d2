#pragma once

#include "hub/actor.h"

#include <QString>

namespace collab::server {

// What an actor may do in a course: the one rule table of the server. The Hub checks every command
// against it, whichever gateway the command came through (WebSocket, REST, the Redis inbox), with
// the actor's role as it is now (an instructor who appoints a TA changes what that TA's open
// sessions may do at once). docs/security.md, "Who may do what", shows the same table.
enum class Permission {
    CreateCourse,      // course.create
    DeleteCourse,      // course.delete
    ManageCourse,      // title, archive, settings, channels, archiving notes, join code, roster
    SetRoles,          // appoint or dismiss TAs
    NameInstructors,   // make a member an instructor of a course, or an instructor a member again
    CreateNote,        // students too when the course's studentNotes setting is on
    Moderate,          // lock notes, remove and restore members
    ChangeAnyMessage,  // edit or delete another member's message
    PostAnnouncement,  // post in announcement channels, write locked notes
    PurgeClaims,       // free the names of members who never used them
    ReadModerationLog, // the course's moderation log
    ExportCourse,      // download the whole course as a zip (events, notes, transcripts, files)
    SetRetention,      // set the course's retention period, run it or preview it
};

bool allows(Actor::Role role, Permission permission);
// "create courses", for "only administrators create courses".
QString permissionText(Permission permission);
// The roles the table allows `permission`, as "administrators, instructors and TAs".
QString rolesAllowed(Permission permission);

} // namespace collab::server
