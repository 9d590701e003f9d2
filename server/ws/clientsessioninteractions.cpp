// ClientSession's handlers of course interactions (issue 14): each checks the session joined the
// course, passes the actor as it is now in the course to the Hub's command classes and answers an
// `ack` with the fields they give (or the error).
#include "ws/clientsession.h"

#include "hub/hub.h"
#include "protocol/servermessages.h"
#include "transport/wsconnection.h"

namespace collab::server {

Callback<QJsonObject> ClientSession::fieldsReply(const QJsonValue &ref)
{
    return [guard = QPointer<ClientSession>(this), ref](Result<QJsonObject> r) {
        if (!guard)
            return;
        if (!r) {
            ProtocolError error = r.error();
            error.ref = ref;
            return guard->sendError(error);
        }
        guard->sendFrame(proto::encode(proto::Ack{ref, r.value()}));
    };
}

void ClientSession::replyNow(const QJsonValue &ref, const Result<QJsonObject> &answer)
{
    fieldsReply(ref)(answer);
}

void ClientSession::sendReaderEvent(const CourseEvent &event, QHash<int, QByteArray> &frames)
{
    auto joined = m_joined.constFind(event.course);
    if (joined == m_joined.constEnd() || !m_connection)
        return;
    const AnonymityFilter::Audience audience = AnonymityFilter::audience(m_hub.readerFor(*joined, event.course), event);
    QByteArray &frame = frames[int(audience)];
    if (frame.isEmpty())
        frame = proto::encode(proto::EventMessage{AnonymityFilter::forAudience(event, audience)});
    m_connection->sendText(frame);
}

#define COLLAB_JOINED_ACTOR(course)                  \
    const Actor *joinedActor = actorFor(course, ref); \
    if (!joinedActor)                                 \
        return;                                       \
    const Actor actor = m_hub.effective(*joinedActor, course)

void ClientSession::handle(const QJsonValue &ref, const proto::React &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.interactions().react(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Pin &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.interactions().pin(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Pins &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    replyNow(ref, m_hub.interactions().pins(Reader::of(actor), m.course, m.channel));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Thread &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    replyNow(ref, m_hub.interactions().thread(Reader::of(actor), m));
}

void ClientSession::handle(const QJsonValue &ref, const proto::QuestionUpdate &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.interactions().updateQuestion(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Endorse &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.interactions().endorse(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::Questions &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    replyNow(ref, m_hub.interactions().questions(Reader::of(actor), m));
}

void ClientSession::handle(const QJsonValue &ref, const proto::PollCreate &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.polls().create(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::PollVote &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.polls().vote(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::PollClose &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.polls().close(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::PollGet &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    replyNow(ref, m_hub.polls().get(actor, m));
}

void ClientSession::handle(const QJsonValue &ref, const proto::QueueOpen &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.queue().open(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::QueueJoin &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.queue().join(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::QueueAction &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.queue().act(actor, m, fieldsReply(ref));
}

void ClientSession::handle(const QJsonValue &ref, const proto::QueueGet &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    replyNow(ref, m_hub.queue().get(actor, m));
}

void ClientSession::handle(const QJsonValue &ref, const proto::AnonymitySet &m)
{
    COLLAB_JOINED_ACTOR(m.course);
    m_hub.interactions().setAnonymity(actor, m, fieldsReply(ref));
}

#undef COLLAB_JOINED_ACTOR

} // namespace collab::server
