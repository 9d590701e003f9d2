#pragma once

#include "client/clientoptions.h"
#include "client/outbox.h"
#include "client/requestresult.h"
#include "client/tokenstore.h"

#include "model/courseevent.h"
#include "protocol/clientmessages.h"
#include "protocol/servermessages.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace collab::client {

class Connection;
class CourseCursor;
class OutboxDispatcher;
class RequestTracker;
class TypingRefresher;

// The client side of the protocol for a view model (desktop) or the CLI: connects, says hello,
// joins courses, resumes after any drop from the last seq seen, delivers each course event once
// and in order, and keeps chat messages in an outbox until the server acknowledges them.
// Never blocks and never prints: everything is a signal or a callback.
class CollabClient : public QObject
{
    Q_OBJECT
    // For view models binding to the connection badge and the "n unsent" counter.
    Q_PROPERTY(collab::client::CollabClient::ConnectionState state READ state NOTIFY stateChanged)
    Q_PROPERTY(int outboxSize READ outboxSize NOTIFY outboxSizeChanged)
public:
    enum class ConnectionState {
        Disconnected, // closed, or failed with autoReconnect off
        Connecting,   // opening a socket, or waiting to retry
        Handshaking,  // socket open, waiting for `welcome`
        Connected,    // welcomed: requests can be sent
    };
    Q_ENUM(ConnectionState)

    explicit CollabClient(const ClientOptions &options, QObject *parent = nullptr);
    ~CollabClient() override;

    const ClientOptions &options() const { return m_options; }
    // The secret that proves the name in `course`: the fixed token (an instructor's), else the one
    // the course issued at the first join (empty before it). REST file routes use it (FileTransfer).
    QString courseToken(const QString &course) const;
    ConnectionState state() const { return m_state; }
    QString lastError() const;                 // why the connection last dropped
    QString outboxError() const;               // why the outbox file could not be read, if so
    const proto::Welcome &welcome() const { return m_welcome; }
    void setAutoReconnect(bool on);

    // Connects and keeps reconnecting until close(). Courses, seqs and the outbox survive a close().
    void open();
    void close();
    // Drops the socket as a network failure would; the client reconnects and resumes.
    void reconnect(const QString &reason = QStringLiteral("reconnect requested"));

    // Joins now, and again after every reconnect (resuming from the last seq seen).
    void join(const QString &course, const QString &joinCode);
    quint64 leave(const QString &course, ResultHandler handler = {});
    QStringList courses() const { return m_courses.keys(); }
    bool isJoined(const QString &course) const;
    // While an instructor's kick lasts: the time (ms since the epoch) joins are refused until, else 0.
    qint64 kickedUntil(const QString &course) const;
    std::optional<quint64> lastSeq(const QString &course) const;

    // Queues a chat message; returns its clientMsgId. Ends in messageAcked or messageFailed. It is
    // sent once its course is joined (it waits in the outbox, across restarts with outboxPath).
    QString sendChat(const QString &course, const QString &channel, const QString &text, const ChatExtras &extras = {});
    int outboxSize() const;
    QList<OutboxMessage> pendingMessages() const;

    // Requests: the handler (optional) and requestFinished get the result; the ref is returned.
    quint64 editMessage(const QString &course, quint64 id, const QString &text, ResultHandler handler = {});
    quint64 deleteMessage(const QString &course, quint64 id, ResultHandler handler = {});
    quint64 editAction(const proto::EditAction &action, ResultHandler handler = {});
    quint64 requestHistory(const QString &course, const QString &channel, quint64 before = 0, int limit = 50,
                           ResultHandler handler = {});
    quint64 ping(ResultHandler handler = {});
    // Any other request (e.g. the shared notes' note.sync and note.ops); the handler gets the reply.
    quint64 sendRequest(proto::ClientPayload payload, ResultHandler handler = {});

    // Typing indicators, refreshed while active (no reply; errors come as errorReceived).
    void setTyping(const QString &course, const QString &channel, bool active);
    void setNoteTyping(const QString &course, const QString &note, bool active);

Q_SIGNALS:
    void stateChanged(collab::client::CollabClient::ConnectionState state);
    void connectionLost(const QString &reason);
    void welcomed(const collab::proto::Welcome &welcome);
    void sessionRejected(const collab::proto::ErrorReply &error); // hello refused: no more reconnects
    void joined(const collab::proto::Joined &joined);
    void joinFailed(const QString &course, const collab::proto::ErrorReply &error);
    // An instructor (`by`) removed us from the course: no rejoin until `until` (ms since the epoch).
    void kicked(const QString &course, const QString &by, qint64 until);
    void reloadRequired(const QString &course); // a resume lost events: history frames follow
    void historyReceived(const collab::proto::HistoryPage &page);
    void eventReceived(const collab::CourseEvent &event); // each seq once, increasing
    void presenceChanged(const collab::proto::Presence &presence);
    void typingChanged(const collab::proto::TypingNotice &typing);
    void errorReceived(const collab::proto::ErrorReply &error); // not the answer to a pending request
    void outboxSizeChanged(int size);
    void messageAcked(const QString &clientMsgId, quint64 id, quint64 seq, bool duplicate);
    void messageFailed(const QString &clientMsgId, const collab::proto::ErrorReply &error);
    void requestFinished(quint64 ref, const collab::client::RequestResult &result);
    // Any other server message (e.g. for shared notes), after it finished the request it answers.
    void messageReceived(const collab::proto::ServerPayload &payload);

private:
    struct CourseEntry
    {
        QString joinCode;
        bool joined = false;   // on the current connection
        bool pending = false;  // join sent, no reply yet
        qint64 kickedUntil = 0; // removed by an instructor: not rejoined before then
    };

    quint64 request(proto::ClientPayload payload, ResultHandler handler, bool userRequest);
    void failLater(quint64 ref, const RequestResult &result);
    bool sendFrame(const proto::ClientMessage &message);
    void onOpened();
    void onClosed(const QString &reason);
    void onWelcomeResult(const RequestResult &result);
    void sendJoin(const QString &course);
    void onJoinResult(const QString &course, const RequestResult &result);
    void onFrame(const QByteArray &frame);
    void onEvent(const CourseEvent &event);
    void onKicked(const proto::Kicked &frame);
    void rejoinIfDue(const QString &course);
    void onPingTimer();
    void updateState();

    ClientOptions m_options;
    Connection *m_connection;
    RequestTracker *m_tracker;
    Outbox *m_outbox;
    OutboxDispatcher *m_dispatcher;
    TypingRefresher *m_typing;
    std::unique_ptr<CourseCursor> m_cursor;
    std::shared_ptr<TokenStore> m_tokens;
    QMap<QString, CourseEntry> m_courses;
    QHash<QString, quint64> m_gapResumes; // course -> the seq a gap made us resume from
    proto::Welcome m_welcome;
    QTimer m_pingTimer;
    ConnectionState m_state = ConnectionState::Disconnected;
    bool m_welcomed = false;
};

} // namespace collab::client
