// ClientSession's handlers of a note's history (issue 15 part 2): each checks the session joined
// the course (whoever may read a note may read its history) and answers through
// NoteHistoryRequests, as REST does.
#include "ws/clientsession.h"

#include "hub/hub.h"
#include "notes/notehistoryrequests.h"

namespace collab::server {

namespace {
std::optional<NotePoint> pointOrNow(quint64 seq)
{
    if (seq == 0)
        return std::nullopt;
    return NotePoint{seq, std::nullopt, {}};
}
} // namespace

void ClientSession::handle(const QJsonValue &ref, const proto::NoteHistoryGet &m)
{
    if (!actorFor(m.course, ref))
        return;
    NoteHistoryRequests(m_hub).versions(m.course, m.note, m.before, m.limit, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteAt &m)
{
    if (!actorFor(m.course, ref))
        return;
    NotePoint point{m.at, m.time != 0 ? std::optional<qint64>(m.time) : std::nullopt, m.version};
    NoteHistoryRequests(m_hub).textAt(m.course, m.note, point, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteDiff &m)
{
    if (!actorFor(m.course, ref))
        return;
    NoteHistoryRequests(m_hub).diff(m.course, m.note, NotePoint{m.from, std::nullopt, {}}, pointOrNow(m.to), fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteAuthors &m)
{
    if (!actorFor(m.course, ref))
        return;
    NoteHistoryRequests(m_hub).authors(m.course, m.note, pointOrNow(m.at), fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteNameVersion &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    NoteHistoryRequests(m_hub).name(*actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::NoteRestore &m)
{
    const Actor *actor = actorFor(m.course, ref);
    if (!actor)
        return;
    NoteHistoryRequests(m_hub).restore(*actor, m.course, m.note, NotePoint{m.at, std::nullopt, m.version}, fieldsReply(ref));
}

} // namespace collab::server
