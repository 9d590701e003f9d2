#include "notes/notebook.h"

#include "logging.h"
#include "store/eventlog.h"
#include "store/notesprojection.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace collab::server {

struct Notebook::Replica
{
    crdt::Document document;
    quint64 snapshotSeq = 0;  // the seq the stored snapshot is consistent with
    int opsSinceSnapshot = 0;
    int commitsInFlight = 0;  // a snapshot is taken only when the document holds nothing uncommitted
};

namespace {

ProtocolError fromCrdt(const crdt::Error &e)
{
    return ProtocolError::make(ErrorCode::InvalidValue, QString::fromLatin1(crdt::errorCodeName(e.code)) + QStringLiteral(": ") + e.message);
}

// Applies a stored note.ops event's operations; invalid ones were never stored, so none are expected.
void replay(crdt::Document &document, const CourseEvent &event)
{
    auto ops = crdt::operationsFromJson(event.data.value(QLatin1String("ops")).toArray());
    if (!ops.ok()) {
        qCWarning(lcHub) << "event" << event.seq << "of" << event.course << "holds bad operations:" << ops.error().message;
        return;
    }
    for (const crdt::Operation &op : ops.value())
        document.apply(op);
}

} // namespace

Notebook::Notebook(const EventLog &log, NotesProjection &notes) : m_log(log), m_notes(notes)
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
    for (const CourseEvent &event : m_notes.noteEventsAfter(course, note, replica->snapshotSeq)) {
        replay(replica->document, event);
        ++replica->opsSinceSnapshot;
    }
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

Notebook::Accepted Notebook::apply(const QString &course, const QString &note, const QVector<crdt::Operation> &ops)
{
    Accepted accepted;
    crdt::Document *doc = document(course, note);
    if (!doc) {
        accepted.error = ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the note cannot be loaded"));
        return accepted;
    }
    for (const crdt::Operation &op : ops) {
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

Result<QVector<crdt::Operation>> Notebook::edit(const QString &course, const QString &note, const TextEdit &edit)
{
    crdt::Document *doc = document(course, note);
    if (!doc)
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the note cannot be loaded"));
    if (edit.position < 0 || edit.length < 0 || edit.position + edit.length > doc->length())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("the range %1+%2 is outside the note (length %3)")
                                                                .arg(edit.position).arg(edit.length).arg(doc->length()));
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
    r.opsSinceSnapshot += opCount;
    if (r.opsSinceSnapshot < SnapshotEvery || r.commitsInFlight > 0 || r.document.pendingCount() > 0)
        return;
    // The snapshot claims "every event up to seq": only true when this node's store has applied all
    // of them (several nodes: the store applies the shared log strictly in seq order, no gaps).
    if (seq > m_log.lastSeq(course))
        return;
    if (m_notes.saveNoteSnapshot(course, note, NoteSnapshot{seq, r.document.encodeSnapshot()})) {
        r.snapshotSeq = seq;
        r.opsSinceSnapshot = 0;
    }
}

void Notebook::commitFailed(const QString &course, const QString &note)
{
    m_replicas.remove(key(course, note));
}

void Notebook::applyEvent(const CourseEvent &event)
{
    auto it = m_replicas.find(key(event.course, event.data.value(QLatin1String("note")).toString()));
    if (it != m_replicas.end()) // not loaded: it will read the event from the store when it is
        replay(it.value()->document, event);
}

} // namespace collab::server
