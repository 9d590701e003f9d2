#include "rest/endoftermcontroller.h"

#include "hub/hub.h"
#include "rest/routehelpers.h"
#include "rest/searchcontroller.h"

namespace collab::server {

namespace {

ProtocolError invalid(const QString &text) { return ProtocolError::make(ErrorCode::InvalidValue, text); }

} // namespace

void EndOfTermController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    const auto route = [&](M method, const char *path, void (EndOfTermController::*handler)(const Args &, const RestRequest &, HttpReply &)) {
        router.add(method, QLatin1String(path), [this, handler](auto &a, auto &r, auto &reply) { (this->*handler)(a, r, reply); });
    };
    route(M::Put, "/api/v1/courses/{course}/archived", &EndOfTermController::setArchived);
    route(M::Get, "/api/v1/courses/{course}/export", &EndOfTermController::exportCourse);
    route(M::Get, "/api/v1/courses/{course}/retention", &EndOfTermController::retention);
    route(M::Put, "/api/v1/courses/{course}/retention", &EndOfTermController::setRetention);
    route(M::Post, "/api/v1/courses/{course}/retention/run", &EndOfTermController::runRetention);
}

bool EndOfTermController::actorFor(const QString &course, const RestRequest &request, HttpReply &reply, Actor *actor) const
{
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key) {
        reply.error(key.error());
        return false;
    }
    *actor = actorOfKey(*key.value());
    return true;
}

// PUT {archived}: the same change as PATCH .../courses/{course} {archived} (course.update), by
// the same rule; putting the state the course is already in answers 200 with seq 0.
void EndOfTermController::setArchived(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<QJsonObject> body = jsonBody(request);
    if (!body)
        return reply.error(body.error());
    const QJsonValue archived = body.value().value(QLatin1String("archived"));
    if (archived.isUndefined())
        return reply.error(ProtocolError::make(ErrorCode::MissingField, QStringLiteral("missing field 'archived' (true or false)")));
    if (!archived.isBool())
        return reply.error(ProtocolError::make(ErrorCode::BadType, QStringLiteral("'archived' must be true or false")));
    if (body.value().size() != 1)
        return reply.error(invalid(QStringLiteral("the body is {\"archived\": true|false} and nothing else "
                                                  "(PATCH .../courses/{course} changes the rest)")));
    if (std::optional<ProtocolError> e = m_hub.checkCourseAdmin(actor, a[0], Permission::ManageCourse))
        return reply.error(*e);
    if (m_hub.course(a[0])->archived == archived.toBool())
        return reply.json(200, QJsonObject{{QStringLiteral("course"), a[0]}, {QStringLiteral("archived"), archived.toBool()},
                                           {QStringLiteral("seq"), 0}});
    proto::CourseUpdate m;
    m.course = a[0];
    m.archived = archived.toBool();
    m_hub.updateCourse(actor, m, answerWith(reply));
}

// GET: the zip, once built on the export worker. With ?ticket= (from course.export over the
// WebSocket) no API key is needed: the ticket names its course and is good once, for a minute.
void EndOfTermController::exportCourse(const Args &a, const RestRequest &request, HttpReply &reply)
{
    const QString course = a[0];
    const QString ticket = SearchController::formValue(request.http.query().toByteArray(), "ticket");
    Actor actor;
    if (!ticket.isNull()) {
        std::optional<ExportTicket> t = m_hub.exports().redeem(ticket, course);
        if (!t)
            return reply.error(ProtocolError::make(ErrorCode::NotAuthenticated,
                                                   QStringLiteral("the export ticket is unknown, used or expired (they last a minute; ask "
                                                                  "course.export again)")));
        actor = t->actor;
    } else if (!actorFor(course, request, reply, &actor)) {
        return;
    }
    m_hub.exportCourse(actor, course, [reply, course](Result<ExportedCourse> r) mutable {
        if (!r)
            return reply.error(r.error());
        reply.addHeader(QByteArrayLiteral("Content-Disposition"),
                        QByteArrayLiteral("attachment; filename=\"") + course.toUtf8() + QByteArrayLiteral("-export.zip\""));
        reply.addHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
        reply.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        reply.stream(200, QByteArrayLiteral("application/zip"), r.value().zip, r.value().summary.zipBytes);
    });
}

} // namespace collab::server

namespace collab::server {

// GET: the period, and with one set, what a run now would delete (a dry run: nothing changes).
void EndOfTermController::retention(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    if (std::optional<ProtocolError> e = m_hub.checkCourseAdmin(actor, a[0], Permission::SetRetention))
        return reply.error(*e);
    if (m_hub.course(a[0])->retentionDays <= 0)
        return reply.json(200, QJsonObject{{QStringLiteral("course"), a[0]}, {QStringLiteral("days"), 0}});
    m_hub.runRetention(actor, a[0], true, answerWith(reply));
}

// PUT {days} (1-3650) or {off: true}: decoded as retention.set, the same rules.
void EndOfTermController::setRetention(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::RetentionSet> m = decodeBody<proto::RetentionSet>(request, {{QStringLiteral("course"), a[0]}});
    if (!m)
        return reply.error(m.error());
    m_hub.setRetention(actor, m.value(), answerWith(reply));
}

// POST {dryRun?} (the body may be empty): deletes now what the period says is too old.
void EndOfTermController::runRetention(const Args &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::RetentionRun> m = decodeBody<proto::RetentionRun>(request, {{QStringLiteral("course"), a[0]}}, false);
    if (!m)
        return reply.error(m.error());
    m_hub.runRetention(actor, a[0], m.value().dryRun, answerWith(reply));
}

} // namespace collab::server
