#include "rest/notehistorycontroller.h"

#include "config/serverconfig.h"
#include "hub/hub.h"
#include "notes/notehistoryrequests.h"
#include "rest/routehelpers.h"
#include "rest/searchcontroller.h"

#include <QDateTime>

namespace collab::server {

namespace {

// A seq from the query: digits only, 1 to 2^53 (what a JSON number carries exactly).
Result<quint64> seqFrom(const QString &text, const char *key)
{
    bool ok = false;
    const quint64 seq = text.toULongLong(&ok);
    const bool digits = !text.isEmpty() && text.size() <= 20
                        && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!digits || !ok || seq == 0 || seq > (quint64(1) << 53))
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("%1 must be a seq: a whole number from 1 to 2^53 (got \"%2\")")
                                       .arg(QLatin1String(key), text.left(40)));
    return seq;
}

} // namespace

Result<std::optional<NotePoint>> NoteHistoryController::pointFromQuery(const QByteArray &query, const char *seqKey)
{
    const QString seq = SearchController::formValue(query, seqKey);
    const QString time = SearchController::formValue(query, "time");
    const QString version = SearchController::formValue(query, "version");
    const int given = int(!seq.isNull()) + int(!time.isNull()) + int(!version.isNull());
    if (given == 0)
        return std::optional<NotePoint>();
    if (given > 1)
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("give one of %1 (a seq), time (ISO 8601) or version (a name)").arg(QLatin1String(seqKey)));
    if (!seq.isNull()) {
        Result<quint64> s = seqFrom(seq, seqKey);
        if (!s)
            return s.error();
        return std::optional<NotePoint>(NotePoint{s.value(), std::nullopt, {}});
    }
    if (!time.isNull()) {
        const QDateTime t = QDateTime::fromString(time, Qt::ISODateWithMs);
        if (!t.isValid())
            return ProtocolError::make(ErrorCode::InvalidValue,
                                       QStringLiteral("time must be an ISO 8601 date-time such as 2026-10-03T14:00:00Z (got \"%1\")")
                                           .arg(time.left(40)));
        return std::optional<NotePoint>(NotePoint{0, t.toMSecsSinceEpoch(), {}});
    }
    if (version.isEmpty())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("version must name a version"));
    return std::optional<NotePoint>(NotePoint{0, std::nullopt, version});
}

void NoteHistoryController::registerRoutes(RestRouter &router)
{
    using M = HttpMethod;
    const auto route = [&](M method, const char *path, void (NoteHistoryController::*handler)(const QStringList &, const RestRequest &, HttpReply &)) {
        router.add(method, QLatin1String(path), [this, handler](auto &a, auto &r, auto &reply) { (this->*handler)(a, r, reply); });
    };
    route(M::Get, "/api/v1/courses/{course}/notes/{note}/history", &NoteHistoryController::history);
    route(M::Get, "/api/v1/courses/{course}/notes/{note}/diff", &NoteHistoryController::diff);
    route(M::Get, "/api/v1/courses/{course}/notes/{note}/authors", &NoteHistoryController::authors);
    route(M::Post, "/api/v1/courses/{course}/notes/{note}/versions", &NoteHistoryController::nameVersion);
    route(M::Post, "/api/v1/courses/{course}/notes/{note}/restore", &NoteHistoryController::restore);
}

void NoteHistoryController::history(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    if (Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, args[0]); !key)
        return reply.error(key.error());
    const QByteArray query = request.http.query().toByteArray();
    quint64 before = 0;
    if (const QString b = SearchController::formValue(query, "before"); !b.isNull()) {
        Result<quint64> seq = seqFrom(b, "before");
        if (!seq)
            return reply.error(seq.error());
        before = seq.value();
    }
    int limit = proto::history::DefaultVersions;
    if (const QString l = SearchController::formValue(query, "limit"); !l.isNull()) {
        bool ok = false;
        limit = l.toInt(&ok);
        if (!ok || limit < 1 || limit > proto::history::MaxVersions)
            return reply.error(ProtocolError::make(ErrorCode::InvalidValue,
                                                   QStringLiteral("limit must be an integer from 1 to %1").arg(proto::history::MaxVersions)));
    }
    NoteHistoryRequests(m_hub).versions(args[0], args[1], before, limit, answerWith(reply));
}

bool NoteHistoryController::getAt(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    Result<std::optional<NotePoint>> point = pointFromQuery(request.http.query().toByteArray(), "at");
    if (point && !point.value())
        return false;
    if (!point) {
        reply.error(point.error());
        return true;
    }
    NoteHistoryRequests(m_hub).textAt(args[0], args[1], *point.value(), answerWith(reply));
    return true;
}

void NoteHistoryController::diff(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    if (Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, args[0]); !key)
        return reply.error(key.error());
    const QByteArray query = request.http.query().toByteArray();
    const QString from = SearchController::formValue(query, "from");
    if (from.isNull())
        return reply.error(ProtocolError::make(ErrorCode::MissingField, QStringLiteral("from is required: ?from=SEQ[&to=SEQ]")));
    Result<quint64> fromSeq = seqFrom(from, "from");
    if (!fromSeq)
        return reply.error(fromSeq.error());
    std::optional<NotePoint> to;
    if (const QString t = SearchController::formValue(query, "to"); !t.isNull()) {
        Result<quint64> toSeq = seqFrom(t, "to");
        if (!toSeq)
            return reply.error(toSeq.error());
        to = NotePoint{toSeq.value(), std::nullopt, {}};
    }
    NoteHistoryRequests(m_hub).diff(args[0], args[1], NotePoint{fromSeq.value(), std::nullopt, {}}, to, answerWith(reply));
}

void NoteHistoryController::authors(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    if (Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, args[0]); !key)
        return reply.error(key.error());
    Result<std::optional<NotePoint>> point = pointFromQuery(request.http.query().toByteArray(), "at");
    if (!point)
        return reply.error(point.error());
    NoteHistoryRequests(m_hub).authors(args[0], args[1], point.value(), answerWith(reply));
}

void NoteHistoryController::nameVersion(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, args[0]);
    if (!key)
        return reply.error(key.error());
    Result<proto::NoteNameVersion> m = decodeBody<proto::NoteNameVersion>(
        request, {{QStringLiteral("course"), args[0]}, {QStringLiteral("note"), args[1]}});
    if (!m)
        return reply.error(m.error());
    NoteHistoryRequests(m_hub).name(actorOfKey(*key.value()), m.value(), answerWith(reply, 201));
}

void NoteHistoryController::restore(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, args[0]);
    if (!key)
        return reply.error(key.error());
    Result<proto::NoteRestore> m = decodeBody<proto::NoteRestore>(
        request, {{QStringLiteral("course"), args[0]}, {QStringLiteral("note"), args[1]}});
    if (!m)
        return reply.error(m.error());
    NoteHistoryRequests(m_hub).restore(actorOfKey(*key.value()), args[0], args[1],
                                       NotePoint{m.value().at, std::nullopt, m.value().version}, answerWith(reply));
}

} // namespace collab::server
