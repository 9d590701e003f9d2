#pragma once

#include <QString>

namespace collab::server {

// Who asks the Hub to do something. Every permission rule looks at this and nothing else, so the
// WebSocket gateway and the REST API share one set of rules.
struct Actor
{
    enum class Role { Student, Instructor, Integration };

    QString user;
    Role role = Role::Student;
    QString via; // an integration: the API key acting (its posts carry it), whatever `user` it posts as

    bool canModerate() const { return role == Role::Instructor || role == Role::Integration; }
};

QString roleName(Actor::Role role);

} // namespace collab::server
