#include "notes/notebook.h"

#include "logging.h"
#include "notes/notestateencoder.h"
#include "store/eventlog.h"
#include "store/notehistoryprojection.h"
#include "store/notesprojection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace collab::server {

struct Notebook::Replica
{
    crdt::Document document;
    quint64 snapshotSeq = 0;  // the seq the stored snapshot is consistent with
    int opsSinceSnapshot = 0;
    int commitsInFlight = 0;  // a snapshot is taken only when the document holds nothing uncommitted
    bool snapshotInFlight = false;
    qint64 bytesSinceCheckpoint = 0; // note.ops data stored since the last history checkpoint
    qint64 lastCheckpointBytes = 0;
    bool checkpointInFlight = false;
};

namespace {

ProtocolError fromCrdt(const crdt::Error &e)
{
    return ProtocolError::make(ErrorCode::InvalidValue, QString::fromLatin1(crdt::errorCodeName(e.code)) + QStringLiteral(": ") + e.message);
}

// A stored note.ops event's operations; invalid ones were never stored, so none are expected.
QVector<crdt::Operation> storedOps(const CourseEvent &event)
{
    auto ops = crdt::operationsFromJson(event.data.value(QLatin1String("ops")).toArray());
    if (!ops.ok()) {
        qCWarning(lcHub) << "event" << event.seq << "of" << event.course << "holds bad operations:" << ops.error().message;
        return {};
    }
    return std::move(ops).value();
}

// Applies them in bulk (crdt::Document::applyAll: the same document as one by one, keystrokes
// merged into runs first); nobody watches deltas here.
void replay(crdt::Document &document, const QVector<crdt::Operation> &ops)
{
    if (!ops.isEmpty())
        document.applyAll(ops, crdt::Document::Deltas::Skip);
}

} // namespace

Notebook::Notebook(const EventLog &log, NotesProjection &notes, NoteHistoryProjection &history, NoteStateEncoder &encoder)
    : m_log(log), m_notes(notes), m_history(history), m_encoder(encoder)
{
    do
        m_replicaId = QRandomGenerator::system()->generate64();
    while (m_replicaId == 0);
}

Notebook::~Notebook() = default;

std::unique_ptr<Notebook::Replica> Notebook::load(const QString &course, const QString &note)
{
    auto replica = std::make_unique<Replica>(Replica{crdt::Document(m_replicaId)});
    if (std::optional<NoteSnapshot> snapshot = m_notes.noteSnapshot(course, note)) {
        crdt::Expected<crdt::Document> decoded = crdt::Document::decodeSnapshot(snapshot->bytes, m_replicaId);
        if (!decoded.ok()) {
            qCCritical(lcHub) << "the snapshot of" << course << note << "is unreadable:" << decoded.error().message;
            return nullptr;
        }
        replica->document = std::move(decoded).value();
        replica->snapshotSeq = snapshot->seq;
    }
    // Every event since the snapshot in one bulk merge: loading a note at start or after a
    // restart costs what its history's runs cost, not what its keystrokes did.
    QVector<crdt::Operation> ops;
    for (const CourseEvent &event : m_notes.noteEventsAfter(course, note, replica->snapshotSeq)) {
        ops += storedOps(event);
        ++replica->opsSinceSnapshot;
    }
    replay(replica->document, ops);
    const std::optional<NoteSnapshot> checkpoint = m_history.latestCheckpoint(course, note);
    replica->lastCheckpointBytes = checkpoint ? checkpoint->bytes.size() : 0;
    replica->bytesSinceCheckpoint = m_history.opBytesAfter(course, note, checkpoint ? checkpoint->seq : 0);
    return replica;
}

crdt::Document *Notebook::document(const QString &course, const QString &note)
{
    const QString k = key(course, note);
    auto it = m_replicas.find(k);
    if (it == m_replicas.end()) {
        std::unique_ptr<Replica> loaded = load(course, note);
        if (!loaded)
            return nullptr;
        it = m_replicas.insert(k, std::shared_ptr<Replica>(std::move(loaded)));
    }
    return &it.value()->document;
}

namespace {

ProtocolError noteFull(qint64 size, int maxUnits)
{
    return ProtocolError::make(ErrorCode::TooLarge,
                               QStringLiteral("the note is full: it holds %1 of at most %2 UTF-16 units "
                                              "(deleted text counts too); ask an instructor to start a new note")
                                   .arg(size).arg(maxUnits));
}

// Every id an operation names: its origins and the units it deletes (their last counters).
QVarLengthArray<crdt::ItemId, 4> references(const crdt::Operation &op)
{
    QVarLengthArray<crdt::ItemId, 4> out;
    if (op.originLeft)
        out.append(*op.originLeft);
    if (op.originRight)
        out.append(*op.originRight);
    for (const crdt::IdRange &range : op.targets)
        out.append(crdt::ItemId{range.replica, range.counter + range.length - 1});
    return out;
}

// Why `op` may not wait or enter the document, or nullopt.
std::optional<ProtocolError> refusedAtDoor(const crdt::Document &doc, const crdt::Operation &op, const Notebook::Door &door)
{
    const QString replica = crdt::replicaToString(op.id.replica);
    if (quint64(op.id.counter) + op.span() <= doc.counterOf(op.id.replica))
        return std::nullopt; // a duplicate: harmless
    const quint32 expected = doc.acceptedEnd(op.id.replica);
    if (op.id.counter > expected)
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("gap: replica %1 continues at counter %2, this operation starts at %3; "
                                                  "send the missing operations first")
                                       .arg(replica).arg(expected).arg(op.id.counter));
    if (door.maxUnits > 0 && op.isInsert() && doc.contentSize() + op.text.size() > door.maxUnits)
        return noteFull(doc.contentSize() + op.text.size(), door.maxUnits);
    // It waits if its own previous operation or anything it names has not been applied yet.
    bool waits = op.id.counter > doc.counterOf(op.id.replica);
    for (const crdt::ItemId &id : references(op)) {
        if (id.counter < doc.counterOf(id.replica))
            continue;
        waits = true;
        if (id.replica != op.id.replica && doc.counterOf(id.replica) == 0 && !door.memberReplicas.contains(id.replica)
            && !door.isOwned(id.replica))
            return ProtocolError::make(ErrorCode::InvalidValue,
                                       QStringLiteral("operation %1:%2 depends on replica %3, which no member has used: "
                                                      "it could never apply")
                                           .arg(replica).arg(op.id.counter).arg(crdt::replicaToString(id.replica)));
    }
    if (waits && door.pendingPerMember > 0) {
        int waiting = 0;
        for (crdt::ReplicaId own : door.memberReplicas)
            waiting += doc.pendingCountOf(own);
        if (waiting >= door.pendingPerMember)
            return ProtocolError::make(ErrorCode::RateLimited,
                                       QStringLiteral("%1 of your operations already wait for operations this server "
                                                      "does not have yet; retry once they arrived")
                                           .arg(waiting));
    }
    return std::nullopt;
}

} // namespace

Notebook::Accepted Notebook::apply(const QString &course, const QString &note, const QVector<crdt::Operation> &ops,
                                   const Door &door)
{
    Accepted accepted;
    crdt::Document *doc = document(course, note);
    if (!doc) {
        accepted.error = ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the note cannot be loaded"));
        return accepted;
    }
    for (const crdt::Operation &op : ops) {
        if (std::optional<ProtocolError> refused = refusedAtDoor(*doc, op, door)) {
            accepted.error = refused;
            return accepted;
        }
        const crdt::ApplyResult r = doc->apply(op);
        switch (r.status) {
        case crdt::ApplyStatus::Applied:
        case crdt::ApplyStatus::Pending:
            accepted.ops << op;
            break;
        case crdt::ApplyStatus::Duplicate:
            ++accepted.duplicates;
            break;
        case crdt::ApplyStatus::Rejected:
            accepted.error = r.error ? fromCrdt(*r.error) : ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("invalid operation"));
            return accepted;
        }
    }
    return accepted;
}

Result<QVector<crdt::Operation>> Notebook::edit(const QString &course, const QString &note, const TextEdit &edit,
                                                int maxUnits)
{
    crdt::Document *doc = document(course, note);
    if (!doc)
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the note cannot be loaded"));
    if (edit.position < 0 || edit.length < 0 || edit.position + edit.length > doc->length())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("the range %1+%2 is outside the note (length %3)")
                                                                .arg(edit.position).arg(edit.length).arg(doc->length()));
    if (maxUnits > 0 && doc->contentSize() + edit.text.size() > maxUnits)
        return noteFull(doc->contentSize() + edit.text.size(), maxUnits);
    QVector<crdt::Operation> ops;
    if (edit.length > 0) {
        crdt::Expected<crdt::Operation> op = doc->localDelete(edit.position, edit.length);
        if (!op.ok())
            return fromCrdt(op.error());
        ops << op.value();
    }
    if (!edit.text.isEmpty()) {
        crdt::Expected<crdt::Operation> op = doc->localInsert(edit.position, edit.text);
        if (!op.ok())
            return fromCrdt(op.error());
        ops << op.value();
    }
    return ops;
}

void Notebook::beginCommit(const QString &course, const QString &note)
{
    if (auto it = m_replicas.find(key(course, note)); it != m_replicas.end())
        ++it.value()->commitsInFlight;
}

void Notebook::committed(const QString &course, const QString &note, quint64 seq, int opCount)
{
    auto it = m_replicas.find(key(course, note));
    if (it == m_replicas.end())
        return;
    Replica &r = *it.value();
    --r.commitsInFlight;
    maybeCheckpoint(course, note, r, seq);
    r.opsSinceSnapshot += opCount;
    if (r.opsSinceSnapshot < SnapshotEvery || r.commitsInFlight > 0 || r.document.pendingCount() > 0
        || r.snapshotInFlight)
        return;
    // The snapshot claims "every event up to seq": only true when this node's store has applied all
    // of them (several nodes: the store applies the shared log strictly in seq order, no gaps).
    if (seq > m_log.lastSeq(course))
        return;
    // Read now (the document as of seq), compressed on the worker, saved back here.
    r.snapshotInFlight = true;
    const int counted = r.opsSinceSnapshot;
    r.opsSinceSnapshot = 0;
    m_encoder.finish(r.document.draftSnapshot(), [this, course, note, seq, counted](const QByteArray &bytes) {
        auto it = m_replicas.find(key(course, note));
        Replica *replica = it == m_replicas.end() ? nullptr : it.value().get();
        if (replica)
            replica->snapshotInFlight = false;
        if (!m_notes.saveNoteSnapshot(course, note, NoteSnapshot{seq, bytes})) {
            if (replica)
                replica->opsSinceSnapshot += counted; // try again after the next commit
            return;
        }
        if (replica && seq > replica->snapshotSeq)
            replica->snapshotSeq = seq;
    });
}

void Notebook::commitFailed(const QString &course, const QString &note)
{
    m_replicas.remove(key(course, note));
}

void Notebook::applyEvent(const CourseEvent &event)
{
    const QString note = event.data.value(QLatin1String("note")).toString();
    auto it = m_replicas.find(key(event.course, note));
    if (it == m_replicas.end()) // not loaded: it will read the event from the store when it is
        return;
    replay(it.value()->document, storedOps(event));
    // Every event comes here once (ours too): this is where the history's bytes are counted.
    it.value()->bytesSinceCheckpoint += QJsonDocument(event.data).toJson(QJsonDocument::Compact).size();
    maybeCheckpoint(event.course, note, *it.value(), event.seq);
}

void Notebook::maybeCheckpoint(const QString &course, const QString &note, Replica &r, quint64 seq)
{
    if (r.bytesSinceCheckpoint < std::max(MinCheckpointSpacing, r.lastCheckpointBytes) || r.checkpointInFlight
        || r.commitsInFlight > 0 || r.document.pendingCount() > 0 || seq > m_log.lastSeq(course))
        return;
    r.checkpointInFlight = true;
    const qint64 counted = r.bytesSinceCheckpoint;
    r.bytesSinceCheckpoint = 0;
    m_encoder.finish(r.document.draftSnapshot(), [this, course, note, seq, counted](const QByteArray &bytes) {
        auto it = m_replicas.find(key(course, note));
        Replica *replica = it == m_replicas.end() ? nullptr : it.value().get();
        if (replica)
            replica->checkpointInFlight = false;
        if (!m_history.saveCheckpoint(course, note, NoteSnapshot{seq, bytes})) {
            if (replica)
                replica->bytesSinceCheckpoint += counted; // try again after the next event
            return;
        }
        if (replica)
            replica->lastCheckpointBytes = bytes.size();
    });
}

} // namespace collab::server
