#pragma once

#include <QString>

namespace collab::server {

// Who asks the Hub to do something. Every permission rule looks at this and nothing else, so the
// WebSocket gateway, the REST API and the Redis inbox share one set of rules (permissions.h).
struct Actor
{
    // Admin: the server administrator (the admin secret, or an API key with "role": "admin").
    // Ta: a teaching assistant an instructor appointed (member.role). Integration: an API key
    // without a role, or the Redis inbox.
    enum class Role { Student, Ta, Instructor, Admin, Integration };

    QString user;
    Role role = Role::Student;
    QString via; // an integration: the API key acting (its posts carry it), whatever `user` it posts as

    // Posts in announcement channels, writes locked notes, changes anyone's messages.
    bool canModerate() const { return role != Role::Student; }
};

QString roleName(Actor::Role role);

} // namespace collab::server
