#include "rest/routehelpers.h"

#include "config/serverconfig.h"

namespace collab::server {

Actor actorOfKey(const ApiKeyConfig &key)
{
    switch (key.role) {
    case ApiKeyConfig::Role::Admin: return Actor{key.name, Actor::Role::Admin, key.name};
    case ApiKeyConfig::Role::Instructor: return Actor{key.name, Actor::Role::Instructor, key.name};
    case ApiKeyConfig::Role::Integration: break;
    }
    return Actor{key.name, Actor::Role::Integration, key.name};
}

} // namespace collab::server
