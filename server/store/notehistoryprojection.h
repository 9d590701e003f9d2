#pragma once

#include "crdt/types.h"
#include "store/notesprojection.h"
#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QVector>

#include <optional>

namespace collab::server {

// One version of a note: one note.ops event (its seq, time and author).
struct NoteVersionRow
{
    quint64 seq = 0;
    qint64 timeMs = 0;
    QString user;
    quint64 restored = 0; // a restore: the point it brought back
};

// A moderator's name for the note as it was at `at` (note.named).
struct NamedVersion
{
    QString name;
    quint64 at = 0;
    QString by;
    qint64 timeMs = 0;
    quint64 seq = 0; // of the note.named event
};

// Who wrote a replica's operations: from `counter` on (until the replica's next row), `user`.
// A member's replica has one row; the server's, one per change of the member it edits for.
using AuthorIndex = QHash<crdt::ReplicaId, QVector<QPair<quint32, QString>>>;

// What reconstructing a note at a point starts from: the checkpoint at or before it (none: the
// empty note) and the raw data of the note.ops events after it, up to the point.
struct NoteReplayInput
{
    std::optional<NoteSnapshot> checkpoint;
    QList<QByteArray> eventData; // each event's `data` JSON, in seq order
};

// A note's history as a read model (docs/architecture.md, "Note history"): the named versions
// and who wrote which replica's operations, built from the log; and checkpoints, the note's CRDT
// state at some seqs, which the Notebook saves as the note grows (like note_snapshots: a cache a
// rebuild drops). The versions themselves are the note.ops events, found through the notes
// projection's index (note_events), so they are not stored twice.
class NoteHistoryProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("note_history"); }
    int version() const override { return 1; }
    QStringList tables() const override;
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    // Newest first, seq < before (0: no bound); `more` when older ones exist.
    QList<NoteVersionRow> versions(const QString &course, const QString &note, quint64 before, int limit, bool *more) const;
    // The seq of the note's last note.ops event at or before `seq` (0: none); by time, the same for
    // the last one at or before `timeMs`.
    quint64 lastChangeAtOrBefore(const QString &course, const QString &note, quint64 seq) const;
    quint64 lastChangeAtOrBeforeTime(const QString &course, const QString &note, qint64 timeMs) const;
    // Whether `seq` is one of the note's versions (a note.ops event of this note).
    bool isVersion(const QString &course, const QString &note, quint64 seq) const;

    QList<NamedVersion> namedVersions(const QString &course, const QString &note) const;
    std::optional<NamedVersion> namedVersion(const QString &course, const QString &note, const QString &name) const;

    AuthorIndex authors(const QString &course, const QString &note) const;

    NoteReplayInput replayInput(const QString &course, const QString &note, quint64 at) const { return replayInput(m_db, course, note, at); }
    // The same through another connection to this database (a worker thread's own: databasePath()).
    static NoteReplayInput replayInput(const QSqlDatabase &db, const QString &course, const QString &note, quint64 at);
    QString databasePath() const { return m_db.databaseName(); }
    std::optional<NoteSnapshot> latestCheckpoint(const QString &course, const QString &note) const;
    bool saveCheckpoint(const QString &course, const QString &note, const NoteSnapshot &checkpoint);
    // Bytes of the note's note.ops data after `seq`: how much replay a new checkpoint would save.
    qint64 opBytesAfter(const QString &course, const QString &note, quint64 seq) const;

private:
    QString applyOps(const CourseEvent &event);

    QSqlDatabase m_db;
    SqliteStatement m_lastAuthor;
    SqliteStatement m_insertAuthor;
    SqliteStatement m_insertNamed;
};

} // namespace collab::server
