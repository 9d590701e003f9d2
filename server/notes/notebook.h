#pragma once

#include "crdt/document.h"
#include "model/courseevent.h"
#include "notes/textedits.h"
#include "protocol/result.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>

namespace collab::server {

class EventLog;
class NoteStateEncoder;
class NotesProjection;
class NoteHistoryProjection;


// The server's replicas of the shared notes. A note is loaded on first use from its latest
// snapshot plus the note.ops events after it, and snapshotted again every SnapshotEvery operations,
// so a note with a long history still loads fast (compressed on the encoder's worker thread). All server-authored edits (REST, the prototype's
// edit actions) are made by this process's own replica id.
class Notebook
{
public:
    static constexpr int SnapshotEvery = 500; // operations between two snapshots
    static constexpr qint64 MinCheckpointSpacing = 32 * 1024; // bytes of note.ops data between two checkpoints

    struct Accepted
    {
        QVector<crdt::Operation> ops; // applied now or waiting for dependencies: to store and send
        int duplicates = 0;           // already known: not stored again
        std::optional<ProtocolError> error; // the first invalid operation; those before it count
    };

    // What a member's operations must meet before they are stored (docs/notes-crdt.md, "At the
    // door"): whatever could never apply, or would let one member fill the note, is refused.
    struct Door
    {
        int maxUnits = 0;          // the note's size bound, tombstones included (0: none)
        int pendingPerMember = 0;  // the member's operations waiting for others' (0: none)
        QSet<crdt::ReplicaId> memberReplicas;              // the replicas the member owns
        std::function<bool(crdt::ReplicaId)> isOwned;      // does any member own this replica?
    };

    Notebook(const EventLog &log, NotesProjection &notes, NoteHistoryProjection &history, NoteStateEncoder &encoder);
    ~Notebook();

    // The note's replica, loaded if needed; nullptr if it cannot be loaded (logged).
    crdt::Document *document(const QString &course, const QString &note);

    // Remote operations from a member, whose replicas it owns. Stops at the first refused one.
    Accepted apply(const QString &course, const QString &note, const QVector<crdt::Operation> &ops, const Door &door);
    // A server-authored edit on the current text; `maxUnits` bounds the note (0: no bound).
    Result<QVector<crdt::Operation>> edit(const QString &course, const QString &note, const TextEdit &edit,
                                          int maxUnits);
    crdt::ReplicaId replicaId() const { return m_replicaId; }

    // Bookkeeping around the commit of the event that carries a note's operations.
    void beginCommit(const QString &course, const QString &note);
    void committed(const QString &course, const QString &note, quint64 seq, int opCount);
    void commitFailed(const QString &course, const QString &note); // forget it: reload from the store
    // Another node's note.ops event (or our own, coming back): operations we have are ignored.
    void applyEvent(const CourseEvent &event);

    QString key(const QString &course, const QString &note) const { return course + QLatin1Char('/') + note; }

private:
    struct Replica;
    std::unique_ptr<Replica> load(const QString &course, const QString &note);
    // Saves a history checkpoint at `seq` if enough was stored since the last one and the
    // document holds exactly the events up to `seq`.
    void maybeCheckpoint(const QString &course, const QString &note, Replica &replica, quint64 seq);

    const EventLog &m_log;
    NotesProjection &m_notes; // snapshots and each note's events
    NoteHistoryProjection &m_history; // checkpoints
    NoteStateEncoder &m_encoder;
    crdt::ReplicaId m_replicaId;
    QHash<QString, std::shared_ptr<Replica>> m_replicas;
};

} // namespace collab::server
