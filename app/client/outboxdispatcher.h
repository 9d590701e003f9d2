#pragma once

#include "client/backoff.h"
#include "client/outbox.h"
#include "client/requestresult.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace collab::client {

// Sends the outbox: a message goes out once its course is joined on the current connection, and
// again after a reconnect, an ack timeout or a retryable error (with backoff) until the server acks
// it. The clientMsgId makes every resend idempotent. A fatal error drops the message.
class OutboxDispatcher : public QObject
{
    Q_OBJECT
public:
    // Sends one chat.send and reports its result to the handler; false if it could not be sent.
    using SendFunction = std::function<bool(const OutboxMessage &, ResultHandler)>;

    OutboxDispatcher(Outbox *outbox, const Backoff::Policy &retry, SendFunction send, QObject *parent = nullptr);

    // Why the server could never accept this message, if so (checked locally: no resend loop).
    static std::optional<proto::ErrorReply> check(const QString &course, const QString &channel, const QString &text);

    // Queues a message under a fresh clientMsgId (returned) and sends it when it can. A message
    // that fails check() is not queued: `failed` follows (later, never from inside this call).
    QString enqueue(const QString &course, const QString &channel, const QString &text, const ChatExtras &extras = {});

    // The course was joined on this connection: its queued messages go out now.
    void courseReady(const QString &course);
    void courseGone(const QString &course);
    // The course will not take its queued messages (we were removed from it): each is dropped
    // from the outbox and reported as `failed` with `error`, never sent later by itself.
    void writeOff(const QString &course, const proto::ErrorReply &error);
    // The connection dropped: nothing is ready, nothing is in flight any more.
    void connectionLost();

    bool isInFlight(const QString &clientMsgId) const { return m_inFlight.contains(clientMsgId); }
    bool retryPending() const { return m_retryTimer.isActive(); }

Q_SIGNALS:
    void acked(const QString &clientMsgId, quint64 id, quint64 seq, bool duplicate);
    void failed(const QString &clientMsgId, const collab::proto::ErrorReply &error);

private:
    void flush(const QString &course);
    void sendOne(const OutboxMessage &message);
    void onResult(const QString &clientMsgId, const RequestResult &result);

    Outbox *m_outbox;
    SendFunction m_send;
    Backoff m_backoff;
    QTimer m_retryTimer;
    QSet<QString> m_ready;
    QSet<QString> m_inFlight;
};

} // namespace collab::client
