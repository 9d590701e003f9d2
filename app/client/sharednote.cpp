#include "client/sharednote.h"

#include "client/clientlogging.h"
#include "client/collabclient.h"
#include "client/requestresult.h"

#include "protocol/clientmessages.h"
#include "protocol/ids.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSaveFile>
#include <QTimer>

namespace collab::client {

namespace {

// Local edits are cut into operations that always fit a WebSocket message (64 KiB): an insert
// of 4096 UTF-16 units is at most ~25 KB of JSON, a delete of 1024 units at most 1024 ranges.
constexpr int kMaxInsertPiece = 4096;
constexpr int kMaxDeletePiece = 1024;
constexpr int kRetryDelayMs = 1000;
constexpr int kSaveDelayMs = 500;

int jsonSize(const crdt::Operation &op)
{
    return int(QJsonDocument(op.toJson()).toJson(QJsonDocument::Compact).size()) + 1;
}

} // namespace

SharedNote::SharedNote(CollabClient *client, const QString &course, const QString &note, QObject *parent)
    : SharedNote(client, course, note, randomReplicaId(), parent)
{
}

SharedNote::SharedNote(CollabClient *client, const QString &course, const QString &note, crdt::ReplicaId replica,
                       QObject *parent)
    : QObject(parent), m_client(client), m_course(course), m_note(note), m_doc(replica)
{
    if (m_client)
        bind();
}

SharedNote::SharedNote(CollabClient *client, const QString &course, const QString &note, const QString &statePath,
                       QObject *parent)
    : QObject(parent), m_client(client), m_course(course), m_note(note), m_doc(randomReplicaId()),
      m_statePath(statePath)
{
    if (!m_statePath.isEmpty()) {
        m_saveTimer = new QTimer(this);
        m_saveTimer->setSingleShot(true);
        m_saveTimer->setInterval(kSaveDelayMs);
        connect(m_saveTimer, &QTimer::timeout, this, &SharedNote::saveState);
        loadState();
    }
    if (m_client)
        bind();
}

SharedNote::~SharedNote()
{
    if (m_saveTimer && m_saveTimer->isActive())
        saveState();
}

void SharedNote::loadState()
{
    QFile file(m_statePath);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcClient) << "cannot read" << m_statePath << file.errorString();
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    const QByteArray snapshot = QByteArray::fromBase64(json.value(QLatin1String("snapshot")).toString().toLatin1());
    crdt::Expected<QVector<crdt::Operation>> unacked =
        crdt::operationsFromJson(json.value(QLatin1String("unacked")).toArray());
    crdt::Expected<crdt::Document> doc = crdt::Document::decodeSnapshot(snapshot, replica());
    if (!doc || !unacked) {
        // Never overwritten: moved aside, as the chat outbox does.
        qCWarning(lcClient) << "note state" << m_statePath << "does not load; moved to .corrupt";
        QFile::remove(m_statePath + QStringLiteral(".corrupt"));
        QFile::rename(m_statePath, m_statePath + QStringLiteral(".corrupt"));
        return;
    }
    // The edits of the previous run are operations of its replica: they are already in the
    // loaded text, and are sent (and after a snapshot re-applied) like our own.
    m_doc = std::move(doc).value();
    m_unacked = unacked.value();
}

bool SharedNote::saveState()
{
    if (m_statePath.isEmpty())
        return false;
    if (m_saveTimer)
        m_saveTimer->stop();
    QDir().mkpath(QFileInfo(m_statePath).absolutePath());
    QSaveFile file(m_statePath);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcClient) << "cannot write" << m_statePath << file.errorString();
        return false;
    }
    const QJsonObject json{{QStringLiteral("course"), m_course},
                           {QStringLiteral("note"), m_note},
                           {QStringLiteral("snapshot"), QString::fromLatin1(m_doc.encodeSnapshot().toBase64())},
                           {QStringLiteral("unacked"), crdt::operationsToJson(m_unacked)}};
    file.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.commit();
}

void SharedNote::stateChanged()
{
    if (m_saveTimer && !m_saveTimer->isActive())
        m_saveTimer->start();
}

crdt::ReplicaId SharedNote::randomReplicaId()
{
    crdt::ReplicaId id = 0;
    while (id == 0)
        id = QRandomGenerator::system()->generate64();
    return id;
}

void SharedNote::bind()
{
    connect(m_client, &CollabClient::joined, this, [this](const proto::Joined &j) { onJoined(j.course); });
    connect(m_client, &CollabClient::connectionLost, this, &SharedNote::onConnectionLost);
    connect(m_client, &CollabClient::eventReceived, this, &SharedNote::onEvent);
    // Removed from the course: what we typed and the server does not have will not be taken, and
    // is not sent by itself after the rejoin either.
    connect(m_client, &CollabClient::kicked, this, [this](const QString &course, const QString &by, qint64) {
        if (course == m_course && !m_unacked.isEmpty())
            discardRefusedEdits(QStringLiteral("forbidden"), tr("removed from %1 by %2").arg(course, by));
    });
    if (m_client->isJoined(m_course))
        requestSync();
}

bool SharedNote::insert(int position, const QString &text)
{
    if (position < 0 || position > m_doc.length() || text.isEmpty())
        return false;
    const int before = int(m_unacked.size());
    const auto report = qScopeGuard([this, before] {
        if (m_unacked.size() > before)
            Q_EMIT localOperations(m_unacked.mid(before), QString());
    });
    int offset = 0;
    while (offset < text.size()) {
        int n = std::min(kMaxInsertPiece, int(text.size()) - offset);
        if (offset + n < text.size() && text.at(offset + n - 1).isHighSurrogate())
            --n; // never cut a surrogate pair in two operations
        if (!pushLocal(m_doc.localInsert(position + offset, text.mid(offset, n))))
            return offset > 0;
        offset += n;
    }
    return true;
}

bool SharedNote::remove(int position, int length)
{
    if (length <= 0 || position < 0 || position > m_doc.length() - length)
        return false;
    const int before = int(m_unacked.size());
    const QString removed = m_doc.slice(position, length);
    const auto report = qScopeGuard([this, before, removed] {
        if (m_unacked.size() > before)
            Q_EMIT localOperations(m_unacked.mid(before), removed);
    });
    int left = length;
    while (left > 0) {
        int n = std::min(kMaxDeletePiece, left);
        crdt::Expected<crdt::Operation> op = m_doc.localDelete(position, n);
        if (!op && n > 1 && n < left && op.error().code == crdt::ErrorCode::SplitsSurrogatePair)
            op = m_doc.localDelete(position, --n);
        if (!pushLocal(std::move(op)))
            return left < length;
        left -= n;
    }
    return true;
}

bool SharedNote::pushLocal(crdt::Expected<crdt::Operation> op)
{
    if (!op) {
        qCDebug(lcClient) << "local note edit refused:" << op.error().message;
        return false;
    }
    m_unacked.append(std::move(op).value());
    Q_EMIT unackedCountChanged(unackedCount());
    stateChanged();
    flush();
    return true;
}

void SharedNote::applyState(const proto::NoteState &state)
{
    if (!state.snapshot.isEmpty()) {
        crdt::Expected<crdt::Document> loaded = crdt::Document::decodeSnapshot(state.snapshot, replica());
        if (!loaded) {
            qCWarning(lcClient) << "note" << m_note << "snapshot does not decode:" << loaded.error().message;
            return;
        }
        crdt::Document doc = std::move(loaded).value();
        // What the server does not have yet: our own edits, and anything that came in meanwhile
        // (in bulk: an offline day is thousands of keystrokes; the editor is reset below).
        doc.applyAll(m_unacked + m_seenWhileSyncing, crdt::Document::Deltas::Skip);
        m_doc = std::move(doc);
        m_seenWhileSyncing.clear();
        stateChanged();
        setReloading(false);
        Q_EMIT textReset(m_doc.text());
    } else if (!state.history.isEmpty()) {
        // What we missed as one compact batch (we sent note.sync {compact}): merged in bulk.
        const crdt::ApplyResult r = m_doc.applyBatch(state.history);
        if (r.status == crdt::ApplyStatus::Rejected && r.droppedCount == 0) {
            qCWarning(lcClient) << "note" << m_note << "state history does not decode:" << r.error->message;
            return;
        }
        if (r.droppedCount > 0)
            qCWarning(lcClient) << "note" << m_note << r.droppedCount << "remote operations rejected:" << r.error->message;
        m_seenWhileSyncing.clear();
        if (!r.deltas.isEmpty()) {
            stateChanged();
            if (!m_reloading)
                Q_EMIT remoteChange(r.deltas, QString());
        }
    } else {
        crdt::Expected<QVector<crdt::Operation>> ops = crdt::operationsFromJson(state.ops);
        if (!ops) {
            qCWarning(lcClient) << "note" << m_note << "state operations do not decode:" << ops.error().message;
            return;
        }
        m_seenWhileSyncing.clear();
        applyRemoteOps(ops.value(), QString());
    }
    if (m_reloading) {
        // The deltas were relative to the empty replica, not to what the editor shows.
        setReloading(false);
        Q_EMIT textReset(m_doc.text());
    }
    setSynced(true);
}

void SharedNote::setReloading(bool reloading)
{
    if (m_reloading == reloading)
        return;
    m_reloading = reloading;
    Q_EMIT reloadingChanged(reloading);
}

void SharedNote::applyRemoteOps(const QVector<crdt::Operation> &ops, const QString &user)
{
    if (m_syncing)
        m_seenWhileSyncing += ops;
    // In bulk (a reconnect replays many note.ops events' worth): the same as one by one.
    const crdt::ApplyResult r = m_doc.applyAll(ops);
    if (r.droppedCount > 0)
        qCWarning(lcClient) << "note" << m_note << r.droppedCount << "remote operations rejected:" << r.error->message;
    if (!r.deltas.isEmpty()) {
        stateChanged();
        if (!m_reloading) // the reload's textReset shows them
            Q_EMIT remoteChange(r.deltas, user);
    }
}

QVector<crdt::Operation> SharedNote::takeBatch(int maxBytes)
{
    int bytes = 0;
    int n = 0;
    while (n < m_unacked.size()) {
        const int size = jsonSize(m_unacked.at(n));
        if (n > 0 && bytes + size > maxBytes)
            break;
        bytes += size;
        ++n;
    }
    m_inFlight = n;
    return m_unacked.mid(0, n);
}

void SharedNote::acknowledge()
{
    if (m_inFlight == 0)
        return;
    m_unacked.remove(0, m_inFlight);
    m_inFlight = 0;
    stateChanged();
    Q_EMIT unackedCountChanged(unackedCount());
}

void SharedNote::requeue() { m_inFlight = 0; }

void SharedNote::onJoined(const QString &course)
{
    if (course == m_course)
        requestSync();
}

void SharedNote::onConnectionLost()
{
    ++m_generation;
    m_syncing = false;
    m_seenWhileSyncing.clear();
    requeue();
    setSynced(false);
}

void SharedNote::onEvent(const CourseEvent &event)
{
    if (event.course != m_course || event.kind != EventKind::NoteOps)
        return;
    if (event.data.value(QLatin1String("note")).toString() != m_note)
        return;
    crdt::Expected<QVector<crdt::Operation>> ops =
        crdt::operationsFromJson(event.data.value(QLatin1String("ops")).toArray());
    if (!ops) {
        qCWarning(lcClient) << "note event" << event.seq << "does not decode:" << ops.error().message;
        return;
    }
    const QString user = event.data.value(QLatin1String("user")).toString();
    applyRemoteOps(ops.value(), user);
    // Our own operations come back as events too (this or another device of ours): they are
    // never someone else's text.
    if (!sameName(user, m_client->options().user))
        Q_EMIT remoteOperations(ops.value(), user);
}

void SharedNote::requestSync()
{
    if (!m_client || m_syncing)
        return;
    m_syncing = true;
    m_seenWhileSyncing.clear();
    const quint64 generation = m_generation;
    QPointer<SharedNote> self(this);
    m_client->sendRequest(proto::NoteSync{m_course, m_note, m_doc.version(), /*compact=*/true},
                          [self, generation](const RequestResult &r) {
                              if (self)
                                  self->onSyncResult(r, generation);
                          });
}

void SharedNote::onSyncResult(const RequestResult &result, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_syncing = false;
    if (const auto *state = result.replyAs<proto::NoteState>()) {
        applyState(*state);
        flush();
        return;
    }
    m_seenWhileSyncing.clear();
    qCWarning(lcClient) << "note.sync of" << m_note << "failed:" << result.error.code << result.error.message;
    if (result.retryable() && result.status != RequestResult::Status::ConnectionLost) {
        QTimer::singleShot(kRetryDelayMs, this, [this, generation] {
            if (generation == m_generation && m_client->isJoined(m_course))
                requestSync();
        });
    }
}

void SharedNote::flush()
{
    if (!m_client || !m_synced || m_inFlight > 0 || m_unacked.isEmpty() || !m_client->isJoined(m_course))
        return;
    const quint64 generation = m_generation;
    QPointer<SharedNote> self(this);
    m_client->sendRequest(proto::NoteOps{m_course, m_note, takeBatch()},
                          [self, generation](const RequestResult &r) {
                              if (self)
                                  self->onOpsResult(r, generation);
                          });
}

void SharedNote::onOpsResult(const RequestResult &result, quint64 generation)
{
    if (generation != m_generation)
        return;
    if (result.ok()) {
        acknowledge();
        flush();
        return;
    }
    if (!result.retryable())
        return discardRefusedEdits(result.error.code, result.error.message);
    requeue();
    if (result.status == RequestResult::Status::ConnectionLost)
        return; // sent again after the next join and note.state
    QTimer::singleShot(kRetryDelayMs, this, [this, generation] {
        if (generation == m_generation)
            flush();
    });
}

// The server will never take these operations (a locked or full note, an unknown one, a gap...):
// resending would loop, and dropping only them would leave our copy different from everyone's and
// our next operation after a gap the server refuses too. So every unacknowledged edit is undone,
// the replica starts over under a new id (the refused counters are spent) and reloads the note.
// The editor keeps showing the old text (read-only, isReloading()) until the server's text comes:
// then one textReset patches away exactly what was refused, and the cursor keeps its place.
void SharedNote::discardRefusedEdits(const QString &code, const QString &message)
{
    const int count = int(m_unacked.size());
    qCWarning(lcClient) << "note.ops for" << m_note << "refused, undoing" << count << "local operations:" << code
                        << message;
    m_unacked.clear();
    m_inFlight = 0;
    m_seenWhileSyncing.clear();
    m_doc = crdt::Document(randomReplicaId());
    ++m_generation; // replies to what was sent before are stale now
    m_syncing = false;
    setSynced(false);
    stateChanged();
    setReloading(true);
    Q_EMIT unackedCountChanged(0);
    Q_EMIT editsRefused(code, message, count);
    if (m_client && m_client->isJoined(m_course))
        requestSync();
}

void SharedNote::setSynced(bool synced)
{
    if (m_synced == synced)
        return;
    m_synced = synced;
    Q_EMIT syncedChanged(synced);
}

} // namespace collab::client
