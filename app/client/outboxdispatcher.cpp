#include "client/outboxdispatcher.h"

#include "client/clientlogging.h"

#include "protocol/ids.h"
#include "protocol/jsonfields.h"
#include "protocol/limits.h"

#include <QDateTime>
#include <QUuid>

namespace collab::client {

OutboxDispatcher::OutboxDispatcher(Outbox *outbox, const Backoff::Policy &retry, SendFunction send, QObject *parent)
    : QObject(parent), m_outbox(outbox), m_send(std::move(send)), m_backoff(retry)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        const QSet<QString> ready = m_ready;
        for (const QString &course : ready)
            flush(course);
    });
}

std::optional<proto::ErrorReply> OutboxDispatcher::check(const QString &course, const QString &channel, const QString &text)
{
    auto refuse = [](const char *code, const QString &message) {
        return proto::ErrorReply{QJsonValue(), QLatin1String(code), message, false};
    };
    if (!isValidId(course) || !isValidId(channel))
        return refuse("invalid_value", tr("invalid course or channel name"));
    if (text.trimmed().isEmpty())
        return refuse("invalid_value", tr("text must not be empty"));
    if (utf8Length(text) > limits::MaxChatTextBytes)
        return refuse("too_large", tr("text is over %1 bytes").arg(limits::MaxChatTextBytes));
    return std::nullopt;
}

QString OutboxDispatcher::enqueue(const QString &course, const QString &channel, const QString &text, const ChatExtras &extras)
{
    // Refused here, not queued: a message the server can never accept would be resent forever.
    if (const auto problem = check(course, channel, text)) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QMetaObject::invokeMethod(this, [this, id, error = *problem] { Q_EMIT failed(id, error); }, Qt::QueuedConnection);
        return id;
    }
    OutboxMessage m{QUuid::createUuid().toString(QUuid::WithoutBraces), course, channel, text,
                    QDateTime::currentMSecsSinceEpoch(), extras};
    m_outbox->add(m);
    // While a retry is pending the older messages wait: keep the order in which they were typed.
    if (m_ready.contains(course) && !m_retryTimer.isActive())
        sendOne(m);
    return m.clientMsgId;
}

void OutboxDispatcher::courseReady(const QString &course)
{
    m_ready.insert(course);
    if (!m_retryTimer.isActive())
        flush(course);
}

void OutboxDispatcher::courseGone(const QString &course) { m_ready.remove(course); }

void OutboxDispatcher::writeOff(const QString &course, const proto::ErrorReply &error)
{
    m_ready.remove(course);
    for (const OutboxMessage &m : m_outbox->messagesFor(course)) {
        m_inFlight.remove(m.clientMsgId); // a late ack of it is ignored: the user decides (retry)
        m_outbox->remove(m.clientMsgId);
        Q_EMIT failed(m.clientMsgId, error);
    }
}

void OutboxDispatcher::connectionLost()
{
    m_ready.clear();
    m_inFlight.clear();
    m_retryTimer.stop(); // the rejoin flushes everything anyway
}

void OutboxDispatcher::flush(const QString &course)
{
    for (const OutboxMessage &m : m_outbox->messagesFor(course))
        if (!m_inFlight.contains(m.clientMsgId))
            sendOne(m);
}

void OutboxDispatcher::sendOne(const OutboxMessage &message)
{
    const QString id = message.clientMsgId;
    m_inFlight.insert(id);
    if (!m_send(message, [this, id](const RequestResult &r) { onResult(id, r); }))
        m_inFlight.remove(id);
}

void OutboxDispatcher::onResult(const QString &clientMsgId, const RequestResult &result)
{
    if (!m_inFlight.remove(clientMsgId))
        return; // a result for a send the connection loss already wrote off
    if (result.ok()) {
        m_backoff.reset();
        const QJsonObject f = result.ack() ? result.ack()->fields : QJsonObject();
        m_outbox->remove(clientMsgId);
        Q_EMIT acked(clientMsgId, quint64(f.value(QLatin1String("id")).toDouble()),
                     quint64(f.value(QLatin1String("seq")).toDouble()), f.value(QLatin1String("duplicate")).toBool());
        return;
    }
    if (result.status == RequestResult::Status::ConnectionLost)
        return; // resent after the rejoin
    if (result.retryable()) {
        if (!m_retryTimer.isActive()) {
            const int delay = m_backoff.next();
            qCDebug(lcClient) << "outbox: resending in" << delay << "ms after" << result.error.code;
            m_retryTimer.start(delay);
        }
        return;
    }
    m_outbox->remove(clientMsgId);
    Q_EMIT failed(clientMsgId, result.error);
}

} // namespace collab::client
