#include "coursesession.h"

#include "attachments.h"
#include "authorlabel.h"
#include "client/filetransfer.h"

#include "chatmodel.h"
#include "listmodels.h"
#include "typingstate.h"

#include "client/moderationtext.h"
#include "client/sharednote.h"
#include "protocol/ids.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>

namespace collab::desktop {

using client::CollabClient;
using client::RequestResult;

namespace {
constexpr int kLeaveWaitMs = 2000;

// When a removal ends, in the user's locale: the time alone when it is today, else the day too.
QString removalEndTime(qint64 untilMs)
{
    const QDateTime until = QDateTime::fromMSecsSinceEpoch(untilMs);
    const QLocale locale;
    return until.date() == QDate::currentDate() ? locale.toString(until.time(), QLocale::ShortFormat)
                                                : locale.toString(until, QLocale::ShortFormat);
}

client::ClientOptions clientOptions(const SessionParams &p)
{
    client::ClientOptions o;
    o.url = p.url;
    o.caCertificates = p.caCertificates;
    o.user = p.user;
    o.clientName = QStringLiteral("collab-desktop/0.1");
    o.outboxPath = p.outboxPath;
    o.token = p.secret;
    o.adminSecret = p.adminSecret;
    o.tokenPath = p.tokenPath;
    o.tokenStore = p.tokenStore;
    o.reconnect = client::Backoff::Policy{250, 5000, 2.0, 0.5};
    return o;
}

} // namespace

CourseSession::CourseSession(const SessionParams &params, QObject *parent)
    : QObject(parent),
      m_params(params),
      m_client(new CollabClient(clientOptions(params), this)),
      m_files(new client::FileTransfer(*m_client, this)),
      m_thumbnails(new ThumbnailCache(m_files, params.course, this)),
      m_channels(new ChannelModel(this)),
      m_members(new MemberModel(this)),
      m_typing(new TypingState(this))
{
    connect(m_client, &CollabClient::joined, this, &CourseSession::onJoined);
    connect(m_client, &CollabClient::historyReceived, this, &CourseSession::onHistory);
    connect(m_client, &CollabClient::eventReceived, this, &CourseSession::onEvent);
    connect(m_client, &CollabClient::typingChanged, this, &CourseSession::onTyping);
    connect(m_client, &CollabClient::presenceChanged, this, [this](const proto::Presence &p) {
        if (p.course == course())
            m_members->update(p.user, p.role, p.online);
    });
    connect(m_client, &CollabClient::stateChanged, this, [this](CollabClient::ConnectionState s) {
        if (s == CollabClient::ConnectionState::Connected)
            m_everConnected = true;
        if (s != CollabClient::ConnectionState::Connected) {
            m_typing->clear();
            m_members->setPresenceKnown(false);
        }
        Q_EMIT statusChanged();
    });
    connect(m_client, &CollabClient::outboxSizeChanged, this, &CourseSession::statusChanged);
    connect(m_client, &CollabClient::kicked, this, [this](const QString &, const QString &by, qint64) {
        m_removedBy = by;
        m_typing->clear();
        m_members->setPresenceKnown(false);
        Q_EMIT statusChanged();
        Q_EMIT accessChanged();
    });
    connect(m_client, &CollabClient::joinFailed, this, [this](const QString &, const proto::ErrorReply &e) {
        Q_EMIT joinFailed(e.message.isEmpty() ? e.code : e.message);
    });
    connect(m_client, &CollabClient::sessionRejected, this,
            [this](const proto::ErrorReply &e) { Q_EMIT joinFailed(e.message.isEmpty() ? e.code : e.message); });
    connect(m_client, &CollabClient::messageFailed, this, [this](const QString &id, const proto::ErrorReply &e) {
        for (ChatModel *m : std::as_const(m_chats))
            m->markFailed(id, e.message.isEmpty() ? e.code : e.message);
    });
    m_noteIdle.setSingleShot(true);
    m_noteIdle.setInterval(3000);
    connect(&m_noteIdle, &QTimer::timeout, this, [this] {
        if (!m_noteTypingIn.isEmpty())
            m_client->setNoteTyping(course(), m_noteTypingIn, false);
        m_noteTypingIn.clear();
    });
}

CourseSession::~CourseSession() = default;

QString CourseSession::noteStatePrefix() const
{
    QString prefix = QStringLiteral("%1_%2_%3_%4_")
                         .arg(m_params.url.host())
                         .arg(m_params.url.port(0))
                         .arg(course(), user());
    prefix.replace(QLatin1Char('/'), QLatin1Char('_'));
    return prefix;
}

bool CourseSession::addNote(const QString &name)
{
    if (m_notes.contains(name) || !isValidId(name))
        return false;
    client::SharedNote *note = nullptr;
    if (m_params.notesDir.isEmpty())
        note = new client::SharedNote(m_client, course(), name, this);
    else
        note = new client::SharedNote(m_client, course(), name,
                                      QDir(m_params.notesDir).filePath(noteStatePrefix() + name + QStringLiteral(".json")),
                                      this);
    connect(note, &client::SharedNote::syncedChanged, this, &CourseSession::updateReady);
    connect(note, &client::SharedNote::syncedChanged, this, &CourseSession::statusChanged);
    m_notes.insert(name, note);
    return true;
}

void CourseSession::start()
{
    // Notes kept by an earlier run show at once, even before (or without) a connection.
    if (!m_params.notesDir.isEmpty()) {
        const QString prefix = noteStatePrefix();
        bool added = false;
        for (const QString &file : QDir(m_params.notesDir).entryList({prefix + QStringLiteral("*.json")}, QDir::Files))
            added = addNote(file.mid(prefix.size(), file.size() - prefix.size() - 5)) || added;
        if (added)
            Q_EMIT notesChanged();
    }
    // Messages left in the outbox by an earlier run are shown as "sending…" until acknowledged.
    for (const client::OutboxMessage &m : m_client->pendingMessages())
        if (m.course == course())
            chat(m.channel)->addPending(m.clientMsgId, user(), m.text, m.queuedMs, m.extras);
    m_client->join(course(), m_params.joinCode);
    m_client->open();
}

void CourseSession::stop() { m_client->close(); }

bool CourseSession::isJoined() const { return m_client->isJoined(course()); }

bool CourseSession::isInstructor() const { return m_members->roleOf(user()) == QLatin1String("instructor"); }

CourseSession::Status CourseSession::status() const
{
    if (m_client->kickedUntil(course()) > 0)
        return Status::Removed;
    switch (m_client->state()) {
    case CollabClient::ConnectionState::Connected:
        return isJoined() ? Status::Connected : Status::Connecting;
    case CollabClient::ConnectionState::Connecting:
    case CollabClient::ConnectionState::Handshaking:
        return m_everConnected ? Status::Reconnecting : Status::Connecting;
    case CollabClient::ConnectionState::Disconnected:
        break;
    }
    return Status::Offline;
}

QString CourseSession::statusText() const
{
    QString text;
    switch (status()) {
    case Status::Connected:
        text = tr("Connected to %1 as %2").arg(m_params.url.authority(), user());
        break;
    case Status::Connecting:
        if (m_client->lastError().isEmpty())
            text = tr("Connecting to %1…").arg(m_params.url.authority());
        else // e.g. a certificate that is not trusted: say why it fails
            text = tr("Connecting to %1… (%2)").arg(m_params.url.authority(), m_client->lastError());
        break;
    case Status::Reconnecting:
        text = tr("Reconnecting… (%1)").arg(m_client->lastError());
        break;
    case Status::Removed: {
        const qint64 until = m_client->kickedUntil(course());
        text = client::isUntilRestored(until) ? tr("Removed from %1 by %2 until restored").arg(course(), m_removedBy)
                                              : tr("Removed from %1 by %2 until %3").arg(course(), m_removedBy, removalEndTime(until));
        break;
    }
    case Status::Offline:
        text = m_client->lastError().isEmpty() ? tr("Offline") : tr("Offline (%1)").arg(m_client->lastError());
        break;
    }
    const int waiting = m_client->outboxSize();
    if (waiting > 0)
        text = tr("%1 · %n message(s) in the outbox", nullptr, waiting).arg(text);
    return text;
}

ChatModel *CourseSession::chat(const QString &channel)
{
    ChatModel *&m = m_chats[channel];
    if (!m) {
        m = new ChatModel(channel, this);
        m->setLocalUser(user());
    }
    return m;
}

void CourseSession::setCurrentChannel(const QString &channel)
{
    if (channel == m_currentChannel)
        return;
    setComposing(false);
    // "New messages": what came after the last message seen in a channel, until it is left again.
    if (!m_currentChannel.isEmpty())
        m_lastSeen.insert(m_currentChannel, chat(m_currentChannel)->lastStoredId());
    m_currentChannel = channel;
    chat(channel)->setReadMarker(m_lastSeen.value(channel, 0));
    m_channels->clearUnread(channel);
    Q_EMIT currentChannelChanged(channel);
}

void CourseSession::setShown(bool shown)
{
    if (shown == m_shown)
        return;
    m_shown = shown;
    if (m_currentChannel.isEmpty())
        return;
    if (!shown) {
        setComposing(false);
        m_lastSeen.insert(m_currentChannel, chat(m_currentChannel)->lastStoredId());
        return;
    }
    // Back in view: what came while another course was shown is marked new, and now read.
    chat(m_currentChannel)->setReadMarker(m_lastSeen.value(m_currentChannel, 0));
    m_channels->clearUnread(m_currentChannel);
}

void CourseSession::leave(std::function<void()> done)
{
    if (!isJoined()) {
        stop();
        done();
        return;
    }
    auto finished = std::make_shared<bool>(false);
    auto finish = [this, finished, done] {
        if (std::exchange(*finished, true))
            return;
        stop();
        done();
    };
    m_client->leave(course(), [finish](const RequestResult &) { finish(); });
    QTimer::singleShot(kLeaveWaitMs, this, finish); // an unanswered leave does not keep it open
}

QString CourseSession::sendMessage(const QString &text, const client::ChatExtras &extras)
{
    if ((text.trimmed().isEmpty() && extras.files.isEmpty()) || m_currentChannel.isEmpty())
        return {};
    setComposing(false);
    client::ChatExtras posted = extras;
    posted.replyTo = 0; // a reply is sendReply's
    const QString id = m_client->sendChat(course(), m_currentChannel, text, posted);
    chat(m_currentChannel)->addPending(id, user(), text, QDateTime::currentMSecsSinceEpoch(), posted);
    return id;
}

QString CourseSession::sendReply(const QString &channel, quint64 root, const QString &text, bool anonymous)
{
    if (text.trimmed().isEmpty() || channel.isEmpty() || root == 0)
        return {};
    const client::ChatExtras extras{root, false, anonymous, {}};
    const QString id = m_client->sendChat(course(), channel, text, extras);
    chat(channel)->addPending(id, user(), text, QDateTime::currentMSecsSinceEpoch(), extras);
    return id;
}

void CourseSession::editMessage(quint64 id, const QString &text)
{
    const QString channel = m_currentChannel;
    m_client->editMessage(course(), id, text, [this, channel](const RequestResult &r) {
        if (!r.ok())
            Q_EMIT chatProblem(channel, tr("Your edit was not saved: %1").arg(r.error.message));
    });
}

bool CourseSession::loadOlder(const QString &channel)
{
    ChatModel *model = chat(channel);
    if (!hasOlder(channel) || m_loadingOlder.contains(channel) || model->storedCount() == 0 || !isJoined())
        return false;
    m_loadingOlder.insert(channel);
    const quint64 oldest = model->messageAt(0)->id;
    m_client->requestHistory(course(), channel, oldest, 50, [this, channel](const RequestResult &r) {
        m_loadingOlder.remove(channel);
        if (!r.ok())
            Q_EMIT problem(tr("Could not load older messages: %1").arg(r.error.message));
    });
    return true;
}

void CourseSession::deleteMessage(quint64 id)
{
    const QString channel = m_currentChannel;
    m_client->deleteMessage(course(), id, [this, channel](const RequestResult &r) {
        if (!r.ok())
            Q_EMIT chatProblem(channel, tr("The message was not deleted: %1").arg(r.error.message));
    });
}

bool CourseSession::retryMessage(const QString &channel, const QString &clientMsgId)
{
    ChatModel *model = m_chats.value(channel);
    const int row = model ? model->rowOfPending(clientMsgId) : -1;
    if (row < 0 || model->index(row).data(ChatModel::FailedRole).toString().isEmpty())
        return false;
    const QString text = model->messageAt(row)->text;
    if (!postBlockedReason(channel).isEmpty())
        return false;
    // Sent again the way it was first sent: a reply stays in its thread, an anonymous post anonymous.
    const client::ChatExtras extras = model->pendingExtras(clientMsgId);
    model->removePending(clientMsgId);
    const QString id = m_client->sendChat(course(), channel, text, extras);
    model->addPending(id, user(), text, QDateTime::currentMSecsSinceEpoch(), extras);
    return true;
}

bool CourseSession::discardMessage(const QString &channel, const QString &clientMsgId)
{
    ChatModel *model = m_chats.value(channel);
    const int row = model ? model->rowOfPending(clientMsgId) : -1;
    if (row < 0 || model->index(row).data(ChatModel::FailedRole).toString().isEmpty())
        return false; // still in the outbox: it may be on its way
    return model->removePending(clientMsgId);
}

QString CourseSession::postBlockedReason(const QString &channel) const
{
    if (status() == Status::Removed)
    {
        const qint64 until = m_client->kickedUntil(course());
        return client::isUntilRestored(until) ? tr("You were removed from %1 by %2 until restored.").arg(course(), m_removedBy)
                                              : tr("You were removed from %1 by %2 until %3.").arg(course(), m_removedBy, removalEndTime(until));
    }
    return m_state.postBlockedReason(course(), channel, isModerator());
}

QString CourseSession::noteReadOnlyReason(const QString &note) const
{
    if (status() == Status::Removed)
        return tr("Read-only: you were removed from %1 by %2.").arg(course(), m_removedBy);
    return m_state.noteReadOnlyReason(course(), note, isModerator());
}

void CourseSession::setComposing(bool active)
{
    // Only changes go out: the client library refreshes an active indicator by itself.
    if (active == m_composing || m_currentChannel.isEmpty())
        return;
    m_composing = active;
    m_client->setTyping(course(), m_currentChannel, active);
}

void CourseSession::noteEdited(const QString &note)
{
    if (m_noteTypingIn != note) {
        if (!m_noteTypingIn.isEmpty())
            m_client->setNoteTyping(course(), m_noteTypingIn, false);
        m_noteTypingIn = note;
        m_client->setNoteTyping(course(), note, true);
    }
    m_noteIdle.start();
}

void CourseSession::onJoined(const proto::Joined &joined)
{
    if (joined.course != course())
        return;
    m_state.applyJoined(joined);
    m_channels->setTitles(m_state.channelTitles());
    if (joined.role != m_role) {
        m_role = joined.role;
        Q_EMIT roleChanged(m_role);
    }
    m_channels->setChannels(joined.channels);
    QVector<MemberModel::Member> members;
    for (const proto::Member &m : joined.members)
        members.append(MemberModel::Member{m.user, m.role, m.online});
    m_members->setMembers(members);
    m_members->setPresenceKnown(true);
    bool newNotes = false;
    for (const QString &name : joined.notes)
        newNotes = addNote(name) || newNotes;
    if (m_currentChannel.isEmpty() && !joined.channels.isEmpty())
        setCurrentChannel(joined.channels.first());
    m_everJoined = true;
    if (newNotes)
        Q_EMIT notesChanged();
    Q_EMIT joinedCourse();
    Q_EMIT statusChanged();
    Q_EMIT accessChanged();
    updateReady();
}

void CourseSession::onHistory(const proto::HistoryPage &page)
{
    if (page.course != course())
        return;
    if (page.ref.isNull() || page.ref.isUndefined()) {
        chat(page.channel)->setMessages(page.messages);
        // What the join showed is read; what comes later while the user is elsewhere is new.
        if (!m_lastSeen.contains(page.channel))
            m_lastSeen.insert(page.channel, chat(page.channel)->lastStoredId());
    }
    else
        chat(page.channel)->prependMessages(page.messages);
    m_hasOlder.insert(page.channel, page.more);
    m_historyLoaded.insert(page.channel);
    updateReady();
}

bool CourseSession::mentionsMe(const QString &text) const { return mentionsUser(text, user()); }

void CourseSession::onEvent(const CourseEvent &event)
{
    if (event.course != course())
        return;
    const QString channel = event.data.value(QLatin1String("channel")).toString();
    switch (event.kind) {
    case EventKind::ChatPosted: {
        Result<ChatMessage> m = ChatMessage::fromJson(event.data);
        if (!m)
            return;
        if (m.value().createdMs == 0)
            m.value().createdMs = event.timeMs;
        chat(m.value().channel)->addMessage(m.value());
        if (m.value().replyTo) // its thread's first message counts it
            // Named as the server names repliers: an anonymous reply by its pseudonym, to everyone.
            chat(m.value().channel)->applyReply(m.value().replyTo, m.value().anonymous || m.value().author.isEmpty() ? m.value().pseudonym : m.value().author,
                                                m.value().mine || sameName(m.value().author, user()));
        m_historyLoaded.insert(m.value().channel);
        if (!sameName(m.value().author, user())) {
            if (m.value().channel != m_currentChannel || !m_shown)
                m_channels->addUnread(m.value().channel);
            m_typing->setTyping(TypingState::channelPlace(m.value().channel), m.value().author, false);
            if (mentionsMe(m.value().text)) {
                if (m.value().channel != m_currentChannel || !m_shown)
                    m_channels->addMention(m.value().channel);
                // Named as its row names them: an anonymous post by its pseudonym, never "".
                Q_EMIT mentioned(authorlabel::shown(m.value(), user()), m.value().channel, m.value().text);
            }
        }
        break;
    }
    case EventKind::ChatEdited:
        chat(channel)->applyEdit(quint64(event.data.value(QLatin1String("id")).toDouble()),
                                 event.data.value(QLatin1String("text")).toString(),
                                 qint64(event.data.value(QLatin1String("editedAt")).toDouble(double(event.timeMs))),
                                 event.data.value(QLatin1String("by")).toString());
        break;
    case EventKind::ChatDeleted:
        chat(channel)->applyDelete(quint64(event.data.value(QLatin1String("id")).toDouble()), event.data.value(QLatin1String("by")).toString());
        break;
    case EventKind::MessagesExpired: { // retention deleted them for good: open windows drop them now
        QSet<quint64> ids;
        for (const QJsonValue &id : event.data.value(QLatin1String("ids")).toArray())
            ids.insert(quint64(id.toDouble()));
        for (ChatModel *model : std::as_const(m_chats))
            model->removeExpired(ids);
        break;
    }
    case EventKind::MemberJoined:
        m_members->update(event.data.value(QLatin1String("user")).toString(),
                          event.data.value(QLatin1String("role")).toString(),
                          m_members->isOnline(event.data.value(QLatin1String("user")).toString()));
        break;
    case EventKind::MemberPurged:
        m_members->remove(event.data.value(QLatin1String("users")).toVariant().toStringList());
        break;
    case EventKind::ChannelAdded:
    case EventKind::ChannelUpdated:
    case EventKind::NoteCreated:
    case EventKind::NoteUpdated:
    case EventKind::CourseUpdated:
    case EventKind::MemberRole:
    case EventKind::NoteLocked:
    case EventKind::AnonymitySet:
        onCourseEvent(event);
        break;
    case EventKind::MessageReacted: {
        const QString who = event.data.value(QLatin1String("user")).toString();
        chat(channel)->applyReaction(quint64(event.data.value(QLatin1String("id")).toDouble()), event.data.value(QLatin1String("emoji")).toString(),
                                     who, event.data.value(QLatin1String("active")).toBool(), sameName(who, user()));
        break;
    }
    case EventKind::MessagePinned:
        chat(channel)->applyPin(quint64(event.data.value(QLatin1String("id")).toDouble()), event.data.value(QLatin1String("pinned")).toBool());
        break;
    case EventKind::QuestionUpdated:
        chat(channel)->applyQuestion(quint64(event.data.value(QLatin1String("id")).toDouble()), event.data.value(QLatin1String("question")).toBool(),
                                     event.data.value(QLatin1String("resolved")).toBool());
        break;
    case EventKind::AnswerEndorsed:
        chat(channel)->applyEndorsement(quint64(event.data.value(QLatin1String("id")).toDouble()), event.data.value(QLatin1String("endorsed")).toBool());
        break;
    case EventKind::PollCreated: { // a poll is a message of its channel, its id the event's seq
        ChatMessage poll;
        poll.id = event.seq;
        poll.channel = channel;
        poll.author = event.data.value(QLatin1String("by")).toString();
        poll.text = event.data.value(QLatin1String("question")).toString();
        poll.createdMs = event.timeMs;
        poll.poll = true;
        chat(channel)->addMessage(poll);
        break;
    }
    default:
        break; // note.ops: the SharedNote of that note applies them; polls and queues: their panels
    }
}

// Running the course changed it while this session is in it: a channel in the sidebar, a note tab,
// a role, the title or settings.
void CourseSession::onCourseEvent(const CourseEvent &event)
{
    m_state.applyEvent(event);
    const QJsonObject &d = event.data;
    const QString channel = d.value(QLatin1String("channel")).toString();
    if (event.kind == EventKind::ChannelAdded && !m_channels->channels().contains(channel)) {
        m_channels->setChannels(m_channels->channels() << channel);
        m_historyLoaded.insert(channel); // new: nothing to load
    }
    if (event.kind == EventKind::NoteCreated && addNote(d.value(QLatin1String("note")).toString()))
        Q_EMIT notesChanged();
    // Renamed: the sidebar and the note tabs show the new name (courseChanged, below).
    if (event.kind == EventKind::ChannelUpdated && d.contains(QLatin1String("title")))
        m_channels->setTitles(m_state.channelTitles());
    if (event.kind == EventKind::CourseUpdated)
        Q_EMIT joinedCourse(); // the window's title
    if (event.kind == EventKind::MemberRole) {
        const QString who = d.value(QLatin1String("user")).toString();
        const QString role = d.value(QLatin1String("role")).toString();
        m_members->update(who, role, m_members->isOnline(who));
        if (sameName(who, user()) && m_role != role && m_role != QLatin1String("admin")) {
            m_role = role;
            Q_EMIT roleChanged(m_role);
        }
    }
    Q_EMIT courseChanged();
    Q_EMIT accessChanged();
}

void CourseSession::onTyping(const proto::TypingNotice &notice)
{
    if (notice.course != course() || notice.user == user())
        return;
    const QString place =
        notice.note.isEmpty() ? TypingState::channelPlace(notice.channel) : TypingState::notePlace(notice.note);
    m_typing->setTyping(place, notice.user, notice.active);
}

void CourseSession::updateReady()
{
    if (m_ready || !m_everJoined)
        return;
    for (const QString &c : m_channels->channels())
        if (!m_historyLoaded.contains(c))
            return;
    for (client::SharedNote *n : std::as_const(m_notes))
        if (!n->isSynced())
            return;
    m_ready = true;
    Q_EMIT readyChanged(true);
}

} // namespace collab::desktop
