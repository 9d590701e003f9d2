#pragma once

#include "config/serverconfig.h"
#include "model/courseevent.h"

#include <QSet>

namespace collab::server {

// The courses as they are now: the configuration's (the initial state) changed by the catalogue's
// events (course.created, channel.added, joincode.rotated, ...). One fold, apply(), serves both
// the start (the Hub replays CatalogProjection's events) and live events from any node, so a node
// that restarts and a node that watched agree. It changes the Hub's ServerConfig in place: every
// reader of `config().course(id)` (NoteCommands, the gateways) sees a course as soon as its event
// is applied.
class CourseCatalog
{
public:
    // The stream (a course id no course can have: ids of new courses may not start with '_') that
    // holds course.created and course.deleted, so that every node learns of a new course there.
    static const QString Stream;

    explicit CourseCatalog(ServerConfig &config) : m_config(config) {}

    // Applies one catalogue event; anything else is ignored. Returns true if it changed something.
    bool apply(const CourseEvent &event);

    // The event as members (and the moderation log) see it: without hashes of join codes, invites
    // or secrets. Everything else is unchanged.
    static CourseEvent forMembers(const CourseEvent &event);
    static bool isReservedId(const QString &id) { return id.startsWith(QLatin1Char('_')); }
    // A course that was deleted: its id is not used again (its history stays in the log).
    bool wasDeleted(const QString &id) const { return m_deleted.contains(id); }

private:
    CourseConfig *find(const QString &id);
    void create(const QJsonObject &data);

    ServerConfig &m_config;
    QSet<QString> m_deleted;
};

} // namespace collab::server
