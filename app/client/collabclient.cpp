#include "client/collabclient.h"

#include "client/clientlogging.h"
#include "client/connection.h"
#include "client/coursecursor.h"
#include "client/outboxdispatcher.h"
#include "client/payloadtraits.h"
#include "client/requesttracker.h"
#include "client/servertrust.h"
#include "client/typingrefresher.h"

#include "protocol/limits.h"

#include <QDateTime>
#include <limits>

namespace collab::client {

namespace {

proto::ErrorReply localRejection(const QString &code, const QString &message)
{
    return proto::ErrorReply{QJsonValue(), code, message, false};
}

} // namespace

CollabClient::CollabClient(const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_connection(new Connection(this))
    , m_tracker(new RequestTracker(this))
    , m_outbox(new Outbox(options.outboxPath, this))
    , m_cursor(std::make_unique<CourseCursor>())
    , m_tokens(m_options.tokenStore ? m_options.tokenStore : std::make_shared<TokenStore>(m_options.tokenPath))
{
    m_connection->setUrl(options.url);
    m_connection->setSslConfiguration(sslConfigurationTrusting(options.caCertificates));
    m_connection->setConnectTimeout(options.connectTimeoutMs);
    m_connection->setAutoReconnect(options.autoReconnect);
    m_connection->setBackoffPolicy(options.reconnect);
    connect(m_connection, &Connection::opened, this, &CollabClient::onOpened);
    connect(m_connection, &Connection::closed, this, &CollabClient::onClosed);
    connect(m_connection, &Connection::stateChanged, this, &CollabClient::updateState);
    connect(m_connection, &Connection::frameReceived, this, &CollabClient::onFrame);

    m_outbox->load();
    connect(m_outbox, &Outbox::sizeChanged, this, &CollabClient::outboxSizeChanged);
    m_dispatcher = new OutboxDispatcher(
        m_outbox, options.resend,
        [this](const OutboxMessage &m, ResultHandler done) {
            if (m_state != ConnectionState::Connected)
                return false;
            request(proto::ChatSend{m.course, m.channel, m.text, m.clientMsgId, m.extras.replyTo, m.extras.question, m.extras.anonymous, m.extras.files},
                    std::move(done), false);
            return true;
        },
        this);
    connect(m_dispatcher, &OutboxDispatcher::acked, this, &CollabClient::messageAcked);
    connect(m_dispatcher, &OutboxDispatcher::failed, this, &CollabClient::messageFailed);

    m_typing = new TypingRefresher(options.typingRefreshMs, [this](const proto::Typing &t) {
        if (m_state == ConnectionState::Connected && m_courses.value(t.course).joined)
            sendFrame(proto::ClientMessage{QJsonValue(), t});
    }, this);

    m_pingTimer.setInterval(options.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &CollabClient::onPingTimer);
}

CollabClient::~CollabClient() = default;

QString CollabClient::lastError() const { return m_connection->lastError(); }
QString CollabClient::outboxError() const { return m_outbox->lastError(); }

void CollabClient::setAutoReconnect(bool on)
{
    m_options.autoReconnect = on;
    m_connection->setAutoReconnect(on);
}

void CollabClient::open() { m_connection->open(); }
void CollabClient::close() { m_connection->close(); }
void CollabClient::reconnect(const QString &reason) { m_connection->drop(reason); }

void CollabClient::join(const QString &course, const QString &joinCode)
{
    CourseEntry &entry = m_courses[course];
    entry.joinCode = joinCode;
    if (m_state == ConnectionState::Connected && !entry.joined && !entry.pending)
        sendJoin(course);
}

quint64 CollabClient::leave(const QString &course, ResultHandler handler)
{
    m_courses.remove(course);
    m_cursor->forget(course);
    m_dispatcher->courseGone(course);
    m_typing->forget(course);
    return request(proto::Leave{course}, std::move(handler), true);
}

bool CollabClient::isJoined(const QString &course) const { return m_courses.value(course).joined; }

qint64 CollabClient::kickedUntil(const QString &course) const
{
    const qint64 until = m_courses.value(course).kickedUntil;
    return until > QDateTime::currentMSecsSinceEpoch() ? until : 0;
}
std::optional<quint64> CollabClient::lastSeq(const QString &course) const { return m_cursor->since(course); }

QString CollabClient::courseToken(const QString &course) const
{
    return m_options.token.isEmpty() ? m_tokens->token(m_options.url.toString(), course, m_options.user) : m_options.token;
}

QString CollabClient::sendChat(const QString &course, const QString &channel, const QString &text, const ChatExtras &extras)
{
    return m_dispatcher->enqueue(course, channel, text, extras);
}

int CollabClient::outboxSize() const { return m_outbox->size(); }
QList<OutboxMessage> CollabClient::pendingMessages() const { return m_outbox->messages(); }

quint64 CollabClient::editMessage(const QString &course, quint64 id, const QString &text, ResultHandler handler)
{
    return request(proto::ChatEdit{course, id, text}, std::move(handler), true);
}

quint64 CollabClient::deleteMessage(const QString &course, quint64 id, ResultHandler handler)
{
    return request(proto::ChatDelete{course, id}, std::move(handler), true);
}

quint64 CollabClient::editAction(const proto::EditAction &action, ResultHandler handler)
{
    return request(action, std::move(handler), true);
}

quint64 CollabClient::requestHistory(const QString &course, const QString &channel, quint64 before, int limit,
                                     ResultHandler handler)
{
    return request(proto::History{course, channel, before, limit}, std::move(handler), true);
}

quint64 CollabClient::ping(ResultHandler handler) { return request(proto::Ping{}, std::move(handler), true); }

quint64 CollabClient::sendRequest(proto::ClientPayload payload, ResultHandler handler)
{
    return request(std::move(payload), std::move(handler), false);
}

void CollabClient::setTyping(const QString &course, const QString &channel, bool active)
{
    proto::Typing t;
    t.course = course;
    t.channel = channel;
    t.active = active;
    m_typing->set(t);
}

void CollabClient::setNoteTyping(const QString &course, const QString &note, bool active)
{
    proto::Typing t;
    t.course = course;
    t.note = note;
    t.active = active;
    m_typing->set(t);
}

quint64 CollabClient::request(proto::ClientPayload payload, ResultHandler handler, bool userRequest)
{
    auto ref = std::make_shared<quint64>(0);
    *ref = m_tracker->start(m_options.ackTimeoutMs, [this, ref, handler = std::move(handler), userRequest](
                                                        const RequestResult &result) {
        if (handler)
            handler(result);
        if (userRequest)
            Q_EMIT requestFinished(*ref, result);
    });
    const bool isHello = std::holds_alternative<proto::Hello>(payload);
    const bool canSend = isHello ? m_connection->state() == Connection::State::Open
                                 : m_state == ConnectionState::Connected;
    if (!canSend) {
        failLater(*ref, RequestResult::notConnected());
        return *ref;
    }
    const proto::ClientMessage message{QJsonValue(double(*ref)), std::move(payload)};
    if (message.encode().size() > limits::MaxFrameBytes) {
        // The server would close the connection (1009) and a resend would do it again.
        failLater(*ref, RequestResult::rejected(localRejection(
                            QStringLiteral("too_large"), tr("request is over %1 bytes").arg(limits::MaxFrameBytes))));
        return *ref;
    }
    if (!sendFrame(message))
        failLater(*ref, RequestResult::notConnected());
    return *ref;
}

void CollabClient::failLater(quint64 ref, const RequestResult &result)
{
    // Never call a handler from inside the call that registered it.
    QMetaObject::invokeMethod(
        this, [this, ref, result] { m_tracker->finish(QJsonValue(double(ref)), result); }, Qt::QueuedConnection);
}

bool CollabClient::sendFrame(const proto::ClientMessage &message) { return m_connection->sendText(message.encode()); }

void CollabClient::onOpened()
{
    proto::Hello hello{m_options.user, m_options.clientName, m_options.adminSecret};
    request(hello, [this](const RequestResult &r) { onWelcomeResult(r); }, false);
}

void CollabClient::onWelcomeResult(const RequestResult &result)
{
    if (const auto *welcome = result.replyAs<proto::Welcome>()) {
        m_welcome = *welcome;
        m_welcomed = true;
        m_connection->backoff().reset(); // only a session that got this far counts as a success
        qCDebug(lcClient) << "welcomed as" << welcome->user << "session" << welcome->session;
        updateState();
        Q_EMIT welcomed(m_welcome);
        for (auto it = m_courses.begin(); it != m_courses.end(); ++it)
            rejoinIfDue(it.key());
        if (m_options.pingIntervalMs > 0)
            m_pingTimer.start();
        return;
    }
    switch (result.status) {
    case RequestResult::Status::Rejected:
        if (!result.error.retryable) {
            // Said before the close, so that listeners see why before they see the disconnect.
            Q_EMIT sessionRejected(result.error);
            m_connection->close(); // the same hello would be refused again
        } else {
            m_connection->drop(result.error.message);
        }
        break;
    case RequestResult::Status::TimedOut:
        m_connection->drop(tr("no welcome from the server"));
        break;
    case RequestResult::Status::Replied: // a reply of the wrong type: the server is confused
        m_connection->drop(tr("unexpected reply to hello"));
        break;
    case RequestResult::Status::ConnectionLost:
        break;
    }
}

void CollabClient::sendJoin(const QString &course)
{
    CourseEntry &entry = m_courses[course];
    entry.pending = true;
    const QString token = m_options.token.isEmpty() ? m_tokens->token(m_options.url.toString(), course, m_options.user)
                                                    : m_options.token;
    proto::Join join{course, entry.joinCode, token, m_cursor->since(course)};
    request(join, [this, course](const RequestResult &r) { onJoinResult(course, r); }, false);
}

void CollabClient::onJoinResult(const QString &course, const RequestResult &result)
{
    auto it = m_courses.find(course);
    if (it == m_courses.end())
        return; // left meanwhile
    it->pending = false;
    if (const auto *j = result.replyAs<proto::Joined>()) {
        it->joined = true;
        if (!j->token.isEmpty()) // this join claimed the name: later joins need the token
            m_tokens->save(m_options.url.toString(), course, m_options.user, j->token);
        // Resumed and recovered: the replayed events that follow move the cursor. Otherwise the
        // history frames that follow are the state as of j->seq.
        if (!j->resumed || !j->recovered)
            m_cursor->reset(course, j->seq);
        qCDebug(lcClient) << "joined" << course << "seq" << j->seq << "resumed" << j->resumed << "recovered"
                          << j->recovered << "replayed" << j->replayed;
        Q_EMIT joined(*j);
        if (j->resumed && !j->recovered)
            Q_EMIT reloadRequired(course);
        m_dispatcher->courseReady(course);
        m_typing->resend(course);
        return;
    }
    if (result.status == RequestResult::Status::Rejected && !result.error.retryable) {
        m_courses.erase(it); // a wrong code stays wrong: do not rejoin with it
        m_dispatcher->writeOff(course, result.error); // nor wait for a join that will not come
        Q_EMIT joinFailed(course, result.error);
        return;
    }
    if (result.status != RequestResult::Status::ConnectionLost)
        m_connection->drop(tr("join of %1 failed: %2").arg(course, result.error.message));
}

void CollabClient::onClosed(const QString &reason)
{
    const bool wasUp = m_welcomed;
    m_welcomed = false;
    m_pingTimer.stop();
    for (CourseEntry &entry : m_courses) {
        entry.joined = false;
        entry.pending = false;
    }
    m_dispatcher->connectionLost();
    m_tracker->failAll(reason);
    updateState();
    if (wasUp)
        Q_EMIT connectionLost(reason);
}

void CollabClient::onFrame(const QByteArray &frame)
{
    Result<proto::ServerPayload> decoded = proto::decodeServerMessage(frame);
    if (!decoded) {
        qCWarning(lcClient).noquote() << "ignoring a server frame:" << decoded.error().message;
        return;
    }
    const proto::ServerPayload &payload = decoded.value();
    std::visit(
        [this, &payload](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, proto::EventMessage>) {
                onEvent(m.event);
            } else if constexpr (std::is_same_v<T, proto::Kicked>) {
                onKicked(m);
            } else if constexpr (std::is_same_v<T, proto::Presence>) {
                Q_EMIT presenceChanged(m);
            } else if constexpr (std::is_same_v<T, proto::TypingNotice>) {
                Q_EMIT typingChanged(m);
            } else if constexpr (std::is_same_v<T, proto::HistoryPage>) {
                Q_EMIT historyReceived(m);
                m_tracker->finish(m.ref, RequestResult::replied(m));
            } else if constexpr (std::is_same_v<T, proto::ErrorReply>) {
                if (!m_tracker->finish(m.ref, RequestResult::rejected(m)))
                    Q_EMIT errorReceived(m);
            } else if constexpr (IsPlainReply<T>::value) {
                // welcome, joined, ack, pong: replies to a request of ours (late ones are dropped).
                if (!m_tracker->finish(m.ref, RequestResult::replied(m)))
                    qCDebug(lcClient) << "dropping a reply to an unknown request" << m.ref;
            } else {
                // Kinds this class does not interpret (e.g. the notes' messages): finish the
                // request they answer, if any, and hand them on.
                if constexpr (HasRef<T>::value)
                    m_tracker->finish(m.ref, RequestResult::replied(m));
                Q_EMIT messageReceived(payload);
            }
        },
        payload);
}

void CollabClient::onEvent(const CourseEvent &event)
{
    switch (m_cursor->check(event.course, event.seq)) {
    case CourseCursor::Verdict::New:
        Q_EMIT eventReceived(event);
        return;
    case CourseCursor::Verdict::Seen:
        qCDebug(lcClient) << "dropping event" << event.course << event.seq << "(seen or not joined)";
        return;
    case CourseCursor::Verdict::Gap:
        break;
    }
    // Events went missing between the server and us. A resume from the last one we have replays
    // them in order. Once per gap: a server that keeps skipping that seq must not make us loop.
    const quint64 last = m_cursor->since(event.course).value_or(0);
    if (m_gapResumes.value(event.course) != last) {
        m_gapResumes.insert(event.course, last);
        qCWarning(lcClient) << "gap in" << event.course << "after seq" << last << "- got" << event.seq << "; resuming";
        m_connection->drop(tr("events of %1 after seq %2 went missing").arg(event.course).arg(last));
        return;
    }
    qCWarning(lcClient) << "the resume did not fill the gap in" << event.course << "after seq" << last;
    m_cursor->accept(event.course, event.seq);
    Q_EMIT eventReceived(event);
}

void CollabClient::onKicked(const proto::Kicked &frame)
{
    auto it = m_courses.find(frame.course);
    if (it == m_courses.end())
        return; // left meanwhile
    it->joined = false;
    it->kickedUntil = frame.until;
    // Its queued messages are not sent after the rejoin by themselves: they fail now, and the
    // user may send them again (the desktop's Retry) once they are back.
    m_dispatcher->writeOff(frame.course,
                           proto::ErrorReply{QJsonValue(), QStringLiteral("forbidden"),
                                             tr("removed from %1 by %2").arg(frame.course, frame.by), false});
    m_typing->forget(frame.course);
    qCInfo(lcClient) << "removed from" << frame.course << "by" << frame.by << "until" << frame.until;
    // Rejoin by itself once the kick expires (the server refuses earlier joins anyway).
    // Not for a removal "until restored" (or beyond a timer's range, ~24 days): a restore is told
    // by nothing, so the user joins again by hand (Reconnect) once restored.
    const qint64 wait = frame.until - QDateTime::currentMSecsSinceEpoch();
    if (wait > 0 && wait < std::numeric_limits<int>::max())
        QTimer::singleShot(int(wait + 1), this, [this, course = frame.course] {
            if (m_state == ConnectionState::Connected)
                rejoinIfDue(course);
        });
    Q_EMIT kicked(frame.course, frame.by, frame.until);
}

void CollabClient::rejoinIfDue(const QString &course)
{
    const CourseEntry entry = m_courses.value(course);
    if (m_courses.contains(course) && !entry.joined && !entry.pending && kickedUntil(course) == 0)
        sendJoin(course);
}

void CollabClient::onPingTimer()
{
    if (m_state != ConnectionState::Connected)
        return;
    request(proto::Ping{}, [this](const RequestResult &r) {
        if (r.status == RequestResult::Status::TimedOut)
            m_connection->drop(tr("no pong from the server"));
    }, false);
}

void CollabClient::updateState()
{
    ConnectionState next = ConnectionState::Disconnected;
    switch (m_connection->state()) {
    case Connection::State::Open:
        next = m_welcomed ? ConnectionState::Connected : ConnectionState::Handshaking;
        break;
    case Connection::State::Connecting:
        next = ConnectionState::Connecting;
        break;
    case Connection::State::Closed:
        next = m_connection->reconnectPending() ? ConnectionState::Connecting : ConnectionState::Disconnected;
        break;
    }
    if (next == m_state)
        return;
    m_state = next;
    Q_EMIT stateChanged(next);
}

} // namespace collab::client
