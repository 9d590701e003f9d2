#include "store/notesprojection.h"

#include "logging.h"
#include "store/sqliteeventlog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

QStringList NotesProjection::tables() const
{
    return {QStringLiteral("note_events"), QStringLiteral("note_locks"), QStringLiteral("note_snapshots")};
}

QStringList NotesProjection::schema() const
{
    return {
        // An index into the log: the events themselves stay in `events`, once.
        QStringLiteral("CREATE TABLE IF NOT EXISTS note_events (course TEXT NOT NULL, note TEXT NOT NULL, seq INTEGER NOT NULL,"
                       " PRIMARY KEY (course, note, seq)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS note_locks (course TEXT NOT NULL, note TEXT NOT NULL, locked INTEGER NOT NULL,"
                       " PRIMARY KEY (course, note)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS note_snapshots (course TEXT NOT NULL, note TEXT NOT NULL, seq INTEGER NOT NULL,"
                       " snapshot BLOB NOT NULL, PRIMARY KEY (course, note)) WITHOUT ROWID"),
    };
}

QString NotesProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_insertEvent.prepare(database.handle, "INSERT INTO note_events (course, note, seq) VALUES (?, ?, ?)"))
        return m_insertEvent.error();
    if (!m_setLock.prepare(database.handle, "INSERT OR REPLACE INTO note_locks (course, note, locked) VALUES (?, ?, ?)"))
        return m_setLock.error();
    return {};
}

QString NotesProjection::apply(const CourseEvent &e)
{
    if (e.kind != EventKind::NoteOps && e.kind != EventKind::NoteLocked)
        return {};
    const QString note = projection::textField(e.data, "note");
    m_insertEvent.bind(0, e.course).bind(1, note).bind(2, qint64(e.seq));
    if (!m_insertEvent.run())
        return m_insertEvent.error();
    if (e.kind == EventKind::NoteLocked) {
        m_setLock.bind(0, e.course).bind(1, note).bind(2, qint64(e.data.value(QLatin1String("locked")).toBool()));
        if (!m_setLock.run())
            return m_setLock.error();
    }
    return {};
}

std::optional<NoteSnapshot> NotesProjection::noteSnapshot(const QString &course, const QString &note) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, snapshot FROM note_snapshots WHERE course = ? AND note = ?"));
    q.addBindValue(course);
    q.addBindValue(note);
    if (q.exec() && q.next())
        return NoteSnapshot{q.value(0).toULongLong(), q.value(1).toByteArray()};
    return std::nullopt;
}

bool NotesProjection::saveNoteSnapshot(const QString &course, const QString &note, const NoteSnapshot &snapshot)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO note_snapshots (course, note, seq, snapshot) VALUES (?, ?, ?, ?)"));
    q.addBindValue(course);
    q.addBindValue(note);
    q.addBindValue(qint64(snapshot.seq));
    q.addBindValue(snapshot.bytes);
    if (q.exec())
        return true;
    qCWarning(lcStore) << "saving the snapshot of" << course << note << "failed:" << q.lastError().text();
    return false;
}

bool NotesProjection::noteLocked(const QString &course, const QString &note) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT locked FROM note_locks WHERE course = ? AND note = ?"));
    q.addBindValue(course);
    q.addBindValue(note);
    return q.exec() && q.next() && q.value(0).toBool();
}

QList<CourseEvent> NotesProjection::noteEventsAfter(const QString &course, const QString &note, quint64 after) const
{
    QList<CourseEvent> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.seq, e.kind, e.ts, e.data FROM note_events n JOIN events e ON e.course = n.course "
                             "AND e.seq = n.seq WHERE n.course = ? AND n.note = ? AND n.seq > ? ORDER BY n.seq"));
    q.addBindValue(course);
    q.addBindValue(note);
    q.addBindValue(qint64(after));
    if (!q.exec())
        qCWarning(lcStore) << "noteEventsAfter failed:" << q.lastError().text();
    while (q.next())
        out << SqliteEventLog::eventFromRow(course, q);
    return out;
}

} // namespace collab::server
