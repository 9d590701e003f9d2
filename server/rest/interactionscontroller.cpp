#include "rest/interactionscontroller.h"

#include "config/serverconfig.h"
#include "hub/hub.h"
#include "rest/routehelpers.h"

#include <QUrlQuery>

#include <limits>

namespace collab::server {

namespace {

// A path segment that must be a positive id (messages and polls).
std::optional<double> pathId(const QString &arg)
{
    bool ok = false;
    const quint64 id = arg.toULongLong(&ok);
    if (!ok || id == 0 || id > (quint64(1) << 53))
        return std::nullopt;
    return double(id);
}

// ?name=N as a number in [min, max], or `fallback`.
Result<int> queryCount(const RestRequest &request, const char *name, int fallback, int min, int max)
{
    const QUrlQuery query = request.query();
    if (!query.hasQueryItem(QLatin1String(name)))
        return fallback;
    bool ok = false;
    const int v = query.queryItemValue(QLatin1String(name)).toInt(&ok);
    if (!ok || v < min || v > max)
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("'%1' must be an integer from %2 to %3").arg(QLatin1String(name)).arg(min).arg(max));
    return v;
}

} // namespace

void InteractionsController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    auto route = [&](HttpMethod method, const char *path, void (InteractionsController::*handler)(const QStringList &, const RestRequest &, HttpReply &)) {
        router.add(method, QLatin1String(path), [this, handler](auto &a, auto &r, auto &reply) { (this->*handler)(a, r, reply); });
    };
    route(M::Get, "/api/v1/courses/{course}/messages/{id}/thread", &InteractionsController::thread);
    router.add(M::Post, QStringLiteral("/api/v1/courses/{course}/messages/{id}/reactions/{emoji}"),
               [this](auto &a, auto &r, auto &reply) { react(a, r, reply, true); });
    router.add(M::Delete, QStringLiteral("/api/v1/courses/{course}/messages/{id}/reactions/{emoji}"),
               [this](auto &a, auto &r, auto &reply) { react(a, r, reply, false); });
    route(M::Put, "/api/v1/courses/{course}/messages/{id}/pin", &InteractionsController::pin);
    route(M::Post, "/api/v1/courses/{course}/messages/{id}/endorsement", &InteractionsController::endorse);
    route(M::Put, "/api/v1/courses/{course}/messages/{id}/question", &InteractionsController::updateQuestion);
    route(M::Get, "/api/v1/courses/{course}/channels/{channel}/pins", &InteractionsController::pins);
    route(M::Get, "/api/v1/courses/{course}/questions", &InteractionsController::questions);
    route(M::Post, "/api/v1/courses/{course}/polls", &InteractionsController::createPoll);
    route(M::Get, "/api/v1/courses/{course}/polls/{id}", &InteractionsController::poll);
    route(M::Post, "/api/v1/courses/{course}/polls/{id}/votes", &InteractionsController::vote);
    route(M::Post, "/api/v1/courses/{course}/polls/{id}/close", &InteractionsController::closePoll);
    route(M::Get, "/api/v1/courses/{course}/channels/{channel}/queue", &InteractionsController::queue);
    route(M::Put, "/api/v1/courses/{course}/anonymity", &InteractionsController::setAnonymity);
}

bool InteractionsController::actorFor(const QString &course, const RestRequest &request, HttpReply &reply, Actor *actor) const
{
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key) {
        reply.error(key.error());
        return false;
    }
    *actor = m_hub.effective(actorOfKey(*key.value()), course);
    return true;
}

#define COLLAB_REST_ID(name, segment, what)                                                                        \
    const std::optional<double> name = pathId(segment);                                                            \
    if (!name)                                                                                                     \
        return reply.error(ProtocolError::make(ErrorCode::NotFound, QStringLiteral("no " what " '%1'").arg((segment).left(32))))

void InteractionsController::thread(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "message");
    const Result<int> limit = queryCount(request, "limit", limits::DefaultHistory, 1, limits::MaxThreadPage);
    const Result<int> after = queryCount(request, "after", 0, 0, std::numeric_limits<int>::max());
    if (!limit)
        return reply.error(limit.error());
    if (!after)
        return reply.error(after.error());
    proto::Thread m{a[0], quint64(*id), quint64(after.value()), limit.value()};
    answerWith(reply, 200)(m_hub.interactions().thread(Reader::of(actor), m));
}

void InteractionsController::react(const QStringList &a, const RestRequest &request, HttpReply &reply, bool active)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "message");
    Result<proto::React> m = proto::React::fromJson({{QStringLiteral("course"), a[0]}, {QStringLiteral("id"), *id},
                                                     {QStringLiteral("emoji"), a[2].left(256)}, {QStringLiteral("active"), active}});
    if (!m)
        return reply.error(m.error());
    m_hub.interactions().react(actor, m.value(), answerWith(reply, 200));
}

void InteractionsController::pin(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "message");
    Result<proto::Pin> m = decodeBody<proto::Pin>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("id"), *id}});
    if (!m)
        return reply.error(m.error());
    m_hub.interactions().pin(actor, m.value(), answerWith(reply, 200));
}

void InteractionsController::endorse(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "message");
    Result<proto::Endorse> m = decodeBody<proto::Endorse>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("id"), *id}}, false);
    if (!m)
        return reply.error(m.error());
    m_hub.interactions().endorse(actor, m.value(), answerWith(reply, 200));
}

void InteractionsController::updateQuestion(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "message");
    Result<proto::QuestionUpdate> m = decodeBody<proto::QuestionUpdate>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("id"), *id}});
    if (!m)
        return reply.error(m.error());
    m_hub.interactions().updateQuestion(actor, m.value(), answerWith(reply, 200));
}

void InteractionsController::pins(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    answerWith(reply, 200)(m_hub.interactions().pins(Reader::of(actor), a[0], a[1]));
}

void InteractionsController::questions(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    const QUrlQuery query = request.query();
    const QString state = query.queryItemValue(QStringLiteral("state"));
    if (!state.isEmpty() && state != QLatin1String("open") && state != QLatin1String("all"))
        return reply.error(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("'state' must be open or all")));
    const Result<int> limit = queryCount(request, "limit", limits::DefaultHistory, 1, limits::MaxQuestionsPage);
    if (!limit)
        return reply.error(limit.error());
    QJsonObject fields{{QStringLiteral("course"), a[0]}, {QStringLiteral("unresolved"), state != QLatin1String("all")},
                       {QStringLiteral("limit"), limit.value()}};
    if (query.hasQueryItem(QStringLiteral("channel")))
        fields.insert(QStringLiteral("channel"), query.queryItemValue(QStringLiteral("channel")));
    Result<proto::Questions> m = proto::Questions::fromJson(fields);
    if (!m)
        return reply.error(m.error());
    answerWith(reply, 200)(m_hub.interactions().questions(Reader::of(actor), m.value()));
}

void InteractionsController::createPoll(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::PollCreate> m = decodeBody<proto::PollCreate>(request, {{QStringLiteral("course"), a[0]}});
    if (!m)
        return reply.error(m.error());
    m_hub.polls().create(actor, m.value(), answerWith(reply, 201));
}

void InteractionsController::poll(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "poll");
    const QString format = request.query().queryItemValue(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1String("json") && format != QLatin1String("csv"))
        return reply.error(ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("'format' must be json or csv")));
    const bool csv = format == QLatin1String("csv");
    const Result<QJsonObject> got = m_hub.polls().get(actor, proto::PollGet{a[0], quint64(*id), csv});
    if (!got)
        return reply.error(got.error());
    if (csv)
        return reply.text(200, QByteArrayLiteral("text/csv; charset=utf-8"), got.value().value(QLatin1String("csv")).toString().toUtf8());
    reply.json(200, got.value());
}

void InteractionsController::vote(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "poll");
    Result<proto::PollVote> m = decodeBody<proto::PollVote>(request, {{QStringLiteral("course"), a[0]}, {QStringLiteral("poll"), *id}});
    if (!m)
        return reply.error(m.error());
    m_hub.polls().vote(actor, m.value(), answerWith(reply, 200));
}

void InteractionsController::closePoll(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    COLLAB_REST_ID(id, a[1], "poll");
    m_hub.polls().close(actor, proto::PollClose{a[0], quint64(*id)}, answerWith(reply, 200));
}

void InteractionsController::queue(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    answerWith(reply, 200)(m_hub.queue().get(actor, proto::QueueGet{a[0], a[1]}));
}

void InteractionsController::setAnonymity(const QStringList &a, const RestRequest &request, HttpReply &reply)
{
    Actor actor;
    if (!actorFor(a[0], request, reply, &actor))
        return;
    Result<proto::AnonymitySet> m = decodeBody<proto::AnonymitySet>(request, {{QStringLiteral("course"), a[0]}});
    if (!m)
        return reply.error(m.error());
    m_hub.interactions().setAnonymity(actor, m.value(), answerWith(reply, 200));
}

#undef COLLAB_REST_ID

} // namespace collab::server
