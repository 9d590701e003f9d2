#include "rest/courseadmincontroller.h"

#include "config/serverconfig.h"
#include "hub/hub.h"
#include "protocol/jsonfields.h"

namespace collab::server {

namespace {

// A body with its key `from` renamed `to` (REST names a channel or a note by "name" and a new
// course by "id"; the messages by "channel", "note", "course").
Result<QJsonObject> renamed(QJsonObject body, QLatin1String from, QLatin1String to)
{
    if (!body.contains(from))
        return ProtocolError::make(ErrorCode::MissingField, QStringLiteral("missing field '%1'").arg(from));
    body.insert(to, body.take(from));
    return body;
}

// A route's body decoded by `decoder` (courseCreateFromJson and its kind), or jsonBody's error.
template <typename F>
auto decodeBody(const RestRequest &request, F decoder) -> decltype(decoder(QJsonObject()))
{
    Result<QJsonObject> body = jsonBody(request);
    if (!body)
        return body.error();
    return decoder(body.value());
}

} // namespace

Result<proto::CourseCreate> courseCreateFromJson(QJsonObject body)
{
    Result<QJsonObject> o = renamed(std::move(body), QLatin1String("id"), QLatin1String("course"));
    if (!o)
        return o.error();
    return proto::CourseCreate::fromJson(o.value());
}

Result<proto::ChannelAdd> channelAddFromJson(QJsonObject body, const QString &course)
{
    Result<QJsonObject> o = renamed(std::move(body), QLatin1String("name"), QLatin1String("channel"));
    if (!o)
        return o.error();
    return withPathFields<proto::ChannelAdd>(o.value(), {{QStringLiteral("course"), course}});
}

Result<proto::NoteCreate> noteCreateFromJson(QJsonObject body, const QString &course)
{
    Result<QJsonObject> o = renamed(std::move(body), QLatin1String("name"), QLatin1String("note"));
    if (!o)
        return o.error();
    return withPathFields<proto::NoteCreate>(o.value(), {{QStringLiteral("course"), course}});
}

void CourseAdminController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    const auto route = [&](M method, const char *path, void (CourseAdminController::*handler)(const Args &, const RestRequest &, HttpReply &)) {
        router.add(method, QLatin1String(path), [this, handler](auto &a, auto &r, auto &reply) { (this->*handler)(a, r, reply); });
    };
    router.add(M::Post, QStringLiteral("/api/v1/courses"), [this](auto &, auto &r, auto &reply) { createCourse(r, reply); });
    route(M::Patch, "/api/v1/courses/{course}", &CourseAdminController::updateCourse);
    route(M::Delete, "/api/v1/courses/{course}", &CourseAdminController::deleteCourse);
    route(M::Post, "/api/v1/courses/{course}/channels", &CourseAdminController::addChannel);
    route(M::Patch, "/api/v1/courses/{course}/channels/{channel}", &CourseAdminController::updateChannel);
    route(M::Post, "/api/v1/courses/{course}/notes", &CourseAdminController::createNote);
    route(M::Patch, "/api/v1/courses/{course}/notes/{note}", &CourseAdminController::updateNote);
    route(M::Post, "/api/v1/courses/{course}/join-code", &CourseAdminController::rotateJoinCode);
    route(M::Put, "/api/v1/courses/{course}/notes/{note}/lock", &CourseAdminController::lockNote);
    route(M::Post, "/api/v1/courses/{course}/members/{user}/removal", &CourseAdminController::removeMember);
    route(M::Delete, "/api/v1/courses/{course}/members/{user}/removal", &CourseAdminController::restoreMember);
    route(M::Put, "/api/v1/courses/{course}/members/{user}/role", &CourseAdminController::setRole);
    route(M::Post, "/api/v1/courses/{course}/roster", &CourseAdminController::importRoster);
    route(M::Get, "/api/v1/courses/{course}/moderation", &CourseAdminController::moderationLog);
}

bool CourseAdminController::actorFor(const QString &course, const RestRequest &request, HttpReply &reply, Actor *actor) const
{
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key) {
        reply.error(key.error());
        return false;
    }
    *actor = actorOfKey(*key.value());
    return true;
}

void CourseAdminController::createCourse(const RestRequest &request, HttpReply &reply)
{
    Result<const ApiKeyConfig *> key = m_auth.key(request);
    if (!key)
        return reply.error(key.error());
    Result<proto::CourseCreate> m = decodeBody(request, courseCreateFromJson);
    if (!m)
        return reply.error(m.error());
    m_hub.createCourse(actorOfKey(*key.value()), m.value(), answerWith(reply, 201));
}

void CourseAdminController::updateCourse(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::CourseUpdate> m = decodeBody<proto::CourseUpdate>(request, {{QStringLiteral("course"), a[0]}});
    if (!m)
        return reply.error(m.error());
    m_hub.updateCourse(actor, m.value(), answerWith(reply, 200));
}

void CourseAdminController::deleteCourse(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    m_hub.deleteCourse(actor, a[0], answerWith(reply, 200));
}

void CourseAdminController::addChannel(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::ChannelAdd> m = decodeBody(request, [&](QJsonObject o) { return channelAddFromJson(std::move(o), a[0]); });
    if (!m)
        return reply.error(m.error());
    m_hub.addChannel(actor, m.value(), answerWith(reply, 201));
}

void CourseAdminController::updateChannel(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::ChannelUpdate> m = decodeBody<proto::ChannelUpdate>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("channel"), a[1]}});
    if (!m)
        return reply.error(m.error());
    m_hub.updateChannel(actor, m.value(), answerWith(reply, 200));
}

void CourseAdminController::createNote(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::NoteCreate> m = decodeBody(request, [&](QJsonObject o) { return noteCreateFromJson(std::move(o), a[0]); });
    if (!m)
        return reply.error(m.error());
    m_hub.createNote(actor, m.value(), answerWith(reply, 201));
}

void CourseAdminController::updateNote(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::NoteUpdate> m = decodeBody<proto::NoteUpdate>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("note"), a[1]}});
    if (!m)
        return reply.error(m.error());
    m_hub.updateNote(actor, m.value(), answerWith(reply, 200));
}

void CourseAdminController::rotateJoinCode(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    m_hub.rotateJoinCode(actor, a[0], answerWith(reply, 200));
}

void CourseAdminController::lockNote(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::NoteLock> m = decodeBody<proto::NoteLock>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("note"), a[1]}});
    if (!m)
        return reply.error(m.error());
    const proto::NoteLock lock = m.value();
    m_hub.lockNote(actor, lock, [reply, lock](Result<CourseEvent> r) mutable {
        if (!r)
            return reply.error(r.error());
        reply.json(200, {{QStringLiteral("note"), lock.note}, {QStringLiteral("locked"), lock.locked}, {QStringLiteral("seq"), double(r.value().seq)}});
    });
}

void CourseAdminController::removeMember(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::Kick> m = decodeBody<proto::Kick>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("user"), a[1]}}, false);
    if (!m)
        return reply.error(m.error());
    const proto::Kick kick = m.value();
    m_hub.kick(actor, kick.course, kick.user, kick.minutes, [reply, kick](Result<bool> r) mutable {
        if (!r)
            return reply.error(r.error());
        QJsonObject out{{QStringLiteral("course"), kick.course}, {QStringLiteral("user"), kick.user}};
        if (kick.minutes)
            out.insert(QStringLiteral("minutes"), double(*kick.minutes));
        reply.json(200, out);
    });
}

void CourseAdminController::restoreMember(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    const QString user = a[1];
    m_hub.restore(actor, a[0], user, [reply, user](Result<CourseEvent> r) mutable {
        if (!r)
            return reply.error(r.error());
        reply.json(200, {{QStringLiteral("user"), user}, {QStringLiteral("seq"), double(r.value().seq)}});
    });
}

void CourseAdminController::setRole(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::MemberRoleSet> m = decodeBody<proto::MemberRoleSet>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("user"), a[1]}});
    if (!m)
        return reply.error(m.error());
    m_hub.setRole(actor, m.value(), answerWith(reply, 200));
}

void CourseAdminController::importRoster(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    const QByteArray type = request.value(QByteArrayLiteral("content-type")).toLower();
    if (!type.startsWith("text/csv") && !type.startsWith("text/plain"))
        return reply.error(ProtocolError::make(ErrorCode::InvalidValue,
                                               QStringLiteral("send the roster as Content-Type: text/csv (columns: name, email or student id, role)")));
    m_hub.importRoster(actor, a[0], request.body(), answerWith(reply, 201));
}

void CourseAdminController::moderationLog(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    int limit = 200;
    if (const QString given = request.query().queryItemValue(QStringLiteral("limit")); !given.isEmpty()) {
        bool ok = false;
        limit = given.toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return reply.error(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("limit must be 1 to 1000")));
    }
    Result<QJsonArray> entries = m_hub.moderationLog(actor, a[0], limit);
    if (!entries)
        return reply.error(entries.error());
    reply.json(200, {{QStringLiteral("course"), a[0]}, {QStringLiteral("entries"), entries.value()}});
}

} // namespace collab::server
