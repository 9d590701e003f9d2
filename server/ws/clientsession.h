#pragma once

#include "hub/actor.h"
#include "hub/hub.h"
#include "limits/ratelimits.h"
#include "protocol/clientmessages.h"
#include "protocol/protocolerror.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace collab::server {

class CourseFanout;
class Hub;
class TransportConnection;
struct ServerMetrics;

// One WebSocket client's conversation: decodes its frames, checks the session's state (hello
// first, joined before acting on a course), calls the Hub and replies. Deletes itself when the
// connection closes.
class ClientSession : public QObject
{
    Q_OBJECT

public:
    ClientSession(TransportConnection *connection, Hub &hub, CourseFanout &fanout, ServerMetrics &metrics,
                  const QString &sessionId, QObject *parent = nullptr);
    ~ClientSession() override;

    // Sends an encoded frame, or an error, to this client (replies that arrive after a commit use them).
    void sendFrame(const QByteArray &frame);
    // One message in pieces (a cached note.state around the request's ref).
    void sendParts(const QByteArrayList &parts);
    void sendError(const ProtocolError &error);
    // An event about an anonymous post (AnonymityFilter::dependsOnReader), sent as this session's
    // reader may see it; `frames` caches the encoding per audience, shared by every session.
    void sendReaderEvent(const CourseEvent &event, QHash<int, QByteArray> &frames);
    // An instructor removed `user` from `course`: if that is this session's user, leave it.
    void removeFrom(const QString &course, const QString &user, const QString &by, qint64 until);

private:
    void onText(const QByteArray &frame);
    void process(const QByteArray &frame);
    void onClosed();
    void joined(const QJsonValue &ref, const proto::Join &m, Result<JoinGrant> grant);

    void handle(const QJsonValue &ref, const proto::Hello &m);
    void handle(const QJsonValue &ref, const proto::Join &m);
    void handle(const QJsonValue &ref, const proto::Leave &m);
    void handle(const QJsonValue &ref, const proto::ChatSend &m);
    void handle(const QJsonValue &ref, const proto::ChatEdit &m);
    void handle(const QJsonValue &ref, const proto::ChatDelete &m);
    void handle(const QJsonValue &ref, const proto::Typing &m);
    void handle(const QJsonValue &ref, const proto::EditAction &m);
    void handle(const QJsonValue &ref, const proto::History &m);
    void handle(const QJsonValue &ref, const proto::NoteOps &m);
    void handle(const QJsonValue &ref, const proto::NoteSync &m);
    void handle(const QJsonValue &ref, const proto::Kick &m);
    void handle(const QJsonValue &ref, const proto::ClaimsPurge &m);
    void handle(const QJsonValue &ref, const proto::NoteLock &m);
    void handle(const QJsonValue &ref, const proto::Ping &m);
    void handle(const QJsonValue &ref, const proto::CourseCreate &m);
    void handle(const QJsonValue &ref, const proto::CourseUpdate &m);
    void handle(const QJsonValue &ref, const proto::CourseDelete &m);
    void handle(const QJsonValue &ref, const proto::ChannelAdd &m);
    void handle(const QJsonValue &ref, const proto::ChannelUpdate &m);
    void handle(const QJsonValue &ref, const proto::NoteCreate &m);
    void handle(const QJsonValue &ref, const proto::NoteUpdate &m);
    void handle(const QJsonValue &ref, const proto::JoinCodeRotate &m);
    void handle(const QJsonValue &ref, const proto::MemberRoleSet &m);
    void handle(const QJsonValue &ref, const proto::MemberRestore &m);
    void handle(const QJsonValue &ref, const proto::RosterImport &m);
    void handle(const QJsonValue &ref, const proto::ModerationLog &m);
    void handle(const QJsonValue &ref, const proto::CourseExport &m);
    void handle(const QJsonValue &ref, const proto::RetentionSet &m);
    void handle(const QJsonValue &ref, const proto::RetentionRun &m);
    void handle(const QJsonValue &ref, const proto::Search &m);
    // Course interactions (clientsessioninteractions.cpp).
    void handle(const QJsonValue &ref, const proto::React &m);
    void handle(const QJsonValue &ref, const proto::Pin &m);
    void handle(const QJsonValue &ref, const proto::Pins &m);
    void handle(const QJsonValue &ref, const proto::Thread &m);
    void handle(const QJsonValue &ref, const proto::QuestionUpdate &m);
    void handle(const QJsonValue &ref, const proto::Endorse &m);
    void handle(const QJsonValue &ref, const proto::Questions &m);
    void handle(const QJsonValue &ref, const proto::PollCreate &m);
    void handle(const QJsonValue &ref, const proto::PollVote &m);
    void handle(const QJsonValue &ref, const proto::PollClose &m);
    void handle(const QJsonValue &ref, const proto::PollGet &m);
    void handle(const QJsonValue &ref, const proto::QueueOpen &m);
    void handle(const QJsonValue &ref, const proto::QueueJoin &m);
    void handle(const QJsonValue &ref, const proto::QueueAction &m);
    void handle(const QJsonValue &ref, const proto::QueueGet &m);
    void handle(const QJsonValue &ref, const proto::AnonymitySet &m);
    // Note history (clientsessionhistory.cpp).
    void handle(const QJsonValue &ref, const proto::NoteHistoryGet &m);
    void handle(const QJsonValue &ref, const proto::NoteAt &m);
    void handle(const QJsonValue &ref, const proto::NoteDiff &m);
    void handle(const QJsonValue &ref, const proto::NoteAuthors &m);
    void handle(const QJsonValue &ref, const proto::NoteNameVersion &m);
    void handle(const QJsonValue &ref, const proto::NoteRestore &m);
    // A command's ack fields (or its error), once the Hub answers.
    Callback<QJsonObject> fieldsReply(const QJsonValue &ref);
    // A read's answer now.
    void replyNow(const QJsonValue &ref, const Result<QJsonObject> &answer);

    // The actor for a course the session has joined, or the error to send.
    const Actor *actorFor(const QString &course, const QJsonValue &ref);
    // actorFor, except that the administrator needs no join to manage a course.
    const Actor *managerFor(const QString &course, const QJsonValue &ref);
    void leaveAll();
    void send(const QByteArray &frame);
    void sendError(const QJsonValue &ref, ErrorCode code, const QString &message);
    void sendHistoryPages(const QString &course, const QStringList &channels);

    QPointer<TransportConnection> m_connection;
    Hub &m_hub;
    CourseFanout &m_fanout;
    ServerMetrics &m_metrics;
    QString m_sessionId;
    QString m_user;                 // empty until hello
    bool m_admin = false;           // hello carried the admin secret
    Actor m_adminActor;             // managerFor()'s answer for a course the administrator did not join
    QHash<QString, Actor> m_joined; // course → who this session is there
    // A roster arriving in parts (roster.import with more: true): course → its upload so far.
    struct RosterUpload
    {
        QString upload;
        QByteArray csv;
    };
    QHash<QString, RosterUpload> m_rosterUploads;
    // While a join waits for the shared name claims (Redis), later frames wait too, so that a
    // client's requests are still handled in order (a chat.send right after its join, say).
    bool m_joinPending = false;
    QList<QByteArray> m_held;
    static constexpr int MaxHeldFrames = 256;
    // Frames before hello (valid or not) are answered up to this many; past it the connection is
    // closed with 1008 "hello expected" (docs/protocol.md): an unauthenticated client gets no
    // endless stream of answers.
    static constexpr int MaxFramesBeforeHello = 16;
    int m_framesBeforeHello = 0;
    ConnectionLimits m_limits;
};

} // namespace collab::server
