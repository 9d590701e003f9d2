#include "rest/coursescontroller.h"

#include "config/serverconfig.h"
#include "hub/hub.h"
#include "store/eventlog.h"

#include <QJsonArray>

namespace collab::server {

void CoursesController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    router.add(M::Get, QStringLiteral("/api/v1/courses"), [this](auto &, auto &r, auto &reply) { list(r, reply); });
    router.add(M::Get, QStringLiteral("/api/v1/courses/{course}/presence"),
               [this](auto &a, auto &r, auto &reply) { presence(a[0], r, reply); });
    router.add(M::Post, QStringLiteral("/api/v1/courses/{course}/claims/purge"),
               [this](auto &a, auto &r, auto &reply) { purgeClaims(a[0], r, reply); });
}

void CoursesController::purgeClaims(const QString &course, const RestRequest &request, HttpReply &reply)
{
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key)
        return reply.error(key.error());
    const QString name = key.value()->name;
    m_hub.purgeUnusedClaims(Actor{name, Actor::Role::Integration, name}, course,
                            [reply, course](Result<QStringList> purged) mutable {
                                if (!purged)
                                    return reply.error(purged.error());
                                reply.json(200, {{QStringLiteral("course"), course},
                                                 {QStringLiteral("purged"), QJsonArray::fromStringList(purged.value())}});
                            });
}

void CoursesController::list(const RestRequest &request, HttpReply &reply)
{
    Result<const ApiKeyConfig *> key = m_auth.key(request);
    if (!key)
        return reply.error(key.error());
    QJsonArray courses;
    for (const CourseConfig &c : m_hub.config().courses) {
        if (!key.value()->allows(c.id))
            continue;
        QJsonObject course{{QStringLiteral("id"), c.id},
                           {QStringLiteral("title"), c.title},
                           {QStringLiteral("channels"), QJsonArray::fromStringList(c.channels)},
                           {QStringLiteral("notes"), QJsonArray::fromStringList(c.notes)},
                           {QStringLiteral("instructors"), QJsonArray::fromStringList(c.instructors)},
                           {QStringLiteral("seq"), double(m_hub.log().lastSeq(c.id))}};
        // Renamed channels and notes: id → the name shown (only when some were renamed).
        for (const auto &[key, titles] : {std::pair{"channelTitles", &c.channelTitles}, std::pair{"noteTitles", &c.noteTitles}}) {
            if (titles->isEmpty())
                continue;
            QJsonObject shown;
            for (auto it = titles->cbegin(); it != titles->cend(); ++it)
                shown.insert(it.key(), it.value());
            course.insert(QLatin1String(key), shown);
        }
        courses.append(course);
    }
    reply.json(200, {{QStringLiteral("courses"), courses}});
}

void CoursesController::presence(const QString &course, const RestRequest &request, HttpReply &reply)
{
    if (Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course); !key)
        return reply.error(key.error());
    QJsonArray members;
    int online = 0;
    for (const proto::Member &m : m_hub.members(course)) {
        members.append(m.toJson());
        online += m.online ? 1 : 0;
    }
    reply.json(200, {{QStringLiteral("course"), course}, {QStringLiteral("online"), online}, {QStringLiteral("members"), members}});
}

} // namespace collab::server
