#include "hub/permissions.h"

#include <QStringList>

namespace collab::server {

namespace {

using R = Actor::Role;

struct Rule
{
    Permission permission;
    const char *text;
    bool admin, instructor, ta, student, integration;
};

// The table. Integrations (API keys without a role, the Redis inbox) keep what they had before
// roles existed: they post everywhere, change messages and purge claims, but do not run courses.
constexpr Rule kRules[] = {
    //                                                            admin instr  ta     student integration
    {Permission::CreateCourse, "create courses",                  true, false, false, false, false},
    {Permission::DeleteCourse, "delete courses",                  true, false, false, false, false},
    {Permission::ManageCourse, "change the course",               true, true,  false, false, false},
    {Permission::SetRoles, "appoint TAs",                         true, true,  false, false, false},
    {Permission::NameInstructors, "name instructors",             true, false, false, false, false},
    {Permission::CreateNote, "create notes",                      true, true,  true,  false, false},
    {Permission::Moderate, "moderate (lock notes, remove members)", true, true, true, false, false},
    {Permission::ChangeAnyMessage, "change other members' messages", true, true, true, false, true},
    {Permission::PostAnnouncement, "post announcements",          true, true,  true,  false, true},
    {Permission::PurgeClaims, "purge unused claims",              true, true,  false, false, true},
    {Permission::ReadModerationLog, "read the moderation log",    true, true,  false, false, false},
    // An export holds every member's posts with the authors of anonymous ones: the course's
    // owners' records, not a TA's (docs/security.md, "Exports").
    {Permission::ExportCourse, "export the course",               true, true,  false, false, false},
    {Permission::SetRetention, "set or run the course's retention", true, true, false, false, false},
};

const Rule &rule(Permission p)
{
    for (const Rule &r : kRules)
        if (r.permission == p)
            return r;
    return kRules[0];
}

} // namespace

bool allows(Actor::Role role, Permission permission)
{
    const Rule &r = rule(permission);
    switch (role) {
    case R::Admin: return r.admin;
    case R::Instructor: return r.instructor;
    case R::Ta: return r.ta;
    case R::Student: return r.student;
    case R::Integration: return r.integration;
    }
    return false;
}

QString permissionText(Permission permission) { return QLatin1String(rule(permission).text); }

QString rolesAllowed(Permission permission)
{
    const Rule &r = rule(permission);
    QStringList who;
    if (r.admin)
        who << QStringLiteral("administrators");
    if (r.instructor)
        who << QStringLiteral("instructors");
    if (r.ta)
        who << QStringLiteral("TAs");
    if (r.integration)
        who << QStringLiteral("integrations");
    if (who.size() <= 1)
        return who.join(QString());
    const QString last = who.takeLast();
    return who.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

} // namespace collab::server
