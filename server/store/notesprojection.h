#pragma once

#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace collab::server {

// The state of a note at some seq, as a CRDT snapshot: loading it and the note's events after it
// is how a note with a long history still loads fast.
struct NoteSnapshot
{
    quint64 seq = 0;
    QByteArray bytes;
};

// What the shared notes read: each note's events (note.ops, note.locked) without scanning the
// course's chat, whether it is locked, and its latest snapshot. Snapshots are not made from events
// here but by the Notebook (a cache of this node's replica, consistent with the log up to their
// seq); a rebuild drops them, and a note then loads from its events and is snapshotted again.
class NotesProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("notes"); }
    int version() const override { return 1; }
    QStringList tables() const override;
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    std::optional<NoteSnapshot> noteSnapshot(const QString &course, const QString &note) const;
    bool saveNoteSnapshot(const QString &course, const QString &note, const NoteSnapshot &snapshot);
    // The note's events with seq > after, in order (read from the log, found through this index).
    QList<CourseEvent> noteEventsAfter(const QString &course, const QString &note, quint64 after) const;
    // Whether the latest note.locked event of the note locked it.
    bool noteLocked(const QString &course, const QString &note) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_insertEvent;
    SqliteStatement m_setLock;
};

} // namespace collab::server
