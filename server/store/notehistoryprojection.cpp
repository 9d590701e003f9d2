#include "store/notehistoryprojection.h"

#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

namespace {
// The versions are the notes projection's index of note events joined with the log.
const char *const kVersionsFrom = "FROM note_events n JOIN events e ON e.course = n.course AND e.seq = n.seq "
                                  "WHERE n.course = ? AND n.note = ? AND e.kind = 'note.ops'";

QSqlQuery prepared(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        qCWarning(lcStore) << "note history query failed:" << q.lastError().text();
    return q;
}
} // namespace

QStringList NoteHistoryProjection::tables() const
{
    return {QStringLiteral("note_checkpoints"), QStringLiteral("note_named"), QStringLiteral("note_authors")};
}

QStringList NoteHistoryProjection::schema() const
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS note_checkpoints (course TEXT NOT NULL, note TEXT NOT NULL, seq INTEGER NOT NULL,"
                       " snapshot BLOB NOT NULL, PRIMARY KEY (course, note, seq))"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS note_named (course TEXT NOT NULL, note TEXT NOT NULL, name TEXT NOT NULL,"
                       " at INTEGER NOT NULL, by TEXT NOT NULL, ts INTEGER NOT NULL, seq INTEGER NOT NULL,"
                       " PRIMARY KEY (course, note, name)) WITHOUT ROWID"),
        // Replica ids are 64-bit: stored as SQLite's signed integer, compared for equality only.
        QStringLiteral("CREATE TABLE IF NOT EXISTS note_authors (course TEXT NOT NULL, note TEXT NOT NULL, replica INTEGER NOT NULL,"
                       " counter INTEGER NOT NULL, user TEXT NOT NULL, PRIMARY KEY (course, note, replica, counter)) WITHOUT ROWID"),
    };
}

QString NoteHistoryProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_lastAuthor.prepare(database.handle, "SELECT user FROM note_authors WHERE course = ? AND note = ? AND replica = ?"
                                               " ORDER BY counter DESC LIMIT 1"))
        return m_lastAuthor.error();
    if (!m_insertAuthor.prepare(database.handle,
                                "INSERT OR IGNORE INTO note_authors (course, note, replica, counter, user) VALUES (?, ?, ?, ?, ?)"))
        return m_insertAuthor.error();
    // A name taken twice at once (two nodes): the first event keeps it, the Hub refuses later ones.
    if (!m_insertNamed.prepare(database.handle, "INSERT OR IGNORE INTO note_named (course, note, name, at, by, ts, seq)"
                                                " VALUES (?, ?, ?, ?, ?, ?, ?)"))
        return m_insertNamed.error();
    return {};
}

QString NoteHistoryProjection::apply(const CourseEvent &e)
{
    if (e.kind == EventKind::NoteOps)
        return applyOps(e);
    if (e.kind != EventKind::NoteVersionNamed)
        return {};
    m_insertNamed.bind(0, e.course)
        .bind(1, projection::textField(e.data, "note"))
        .bind(2, projection::textField(e.data, "name"))
        .bind(3, qint64(e.data.value(QLatin1String("at")).toDouble()))
        .bind(4, projection::textField(e.data, "by"))
        .bind(5, e.timeMs)
        .bind(6, qint64(e.seq));
    return m_insertNamed.run() ? QString() : m_insertNamed.error();
}

// A row per replica and change of author: the first counter of each operation (["i"|"d",
// replicaHex, counter, ...]) read without decoding the operation.
QString NoteHistoryProjection::applyOps(const CourseEvent &e)
{
    const QString note = projection::textField(e.data, "note");
    const QString user = projection::textField(e.data, "user");
    QHash<crdt::ReplicaId, bool> seen;
    for (const QJsonValue &v : e.data.value(QLatin1String("ops")).toArray()) {
        const QJsonArray op = v.toArray();
        crdt::ReplicaId replica = 0;
        if (op.size() < 3 || !crdt::replicaFromString(op.at(1).toString(), &replica) || seen.contains(replica))
            continue;
        seen.insert(replica, true);
        m_lastAuthor.bind(0, e.course).bind(1, note).bind(2, qint64(replica));
        const bool known = m_lastAuthor.step();
        const QString last = known ? m_lastAuthor.text(0) : QString();
        m_lastAuthor.reset();
        if (known && last == user)
            continue;
        m_insertAuthor.bind(0, e.course).bind(1, note).bind(2, qint64(replica)).bind(3, qint64(op.at(2).toDouble())).bind(4, user);
        if (!m_insertAuthor.run())
            return m_insertAuthor.error();
    }
    return {};
}

QList<NoteVersionRow> NoteHistoryProjection::versions(const QString &course, const QString &note, quint64 before, int limit,
                                                      bool *more) const
{
    QSqlQuery q = prepared(m_db,
                           QStringLiteral("SELECT n.seq, e.ts, json_extract(e.data, '$.user'), json_extract(e.data, '$.restored') ")
                               + QLatin1String(kVersionsFrom) + QStringLiteral(" AND n.seq < ? ORDER BY n.seq DESC LIMIT ?"),
                           {course, note, before == 0 ? std::numeric_limits<qint64>::max() : qint64(before), limit + 1});
    QList<NoteVersionRow> out;
    while (q.next())
        out << NoteVersionRow{q.value(0).toULongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toULongLong()};
    *more = out.size() > limit;
    if (*more)
        out.removeLast();
    return out;
}

quint64 NoteHistoryProjection::lastChangeAtOrBefore(const QString &course, const QString &note, quint64 seq) const
{
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT max(n.seq) ") + QLatin1String(kVersionsFrom) + QStringLiteral(" AND n.seq <= ?"),
                           {course, note, qint64(std::min<quint64>(seq, quint64(std::numeric_limits<qint64>::max())))});
    return q.next() ? q.value(0).toULongLong() : 0;
}

quint64 NoteHistoryProjection::lastChangeAtOrBeforeTime(const QString &course, const QString &note, qint64 timeMs) const
{
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT max(n.seq) ") + QLatin1String(kVersionsFrom) + QStringLiteral(" AND e.ts <= ?"),
                           {course, note, timeMs});
    return q.next() ? q.value(0).toULongLong() : 0;
}

bool NoteHistoryProjection::isVersion(const QString &course, const QString &note, quint64 seq) const
{
    if (seq > quint64(std::numeric_limits<qint64>::max()))
        return false;
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT 1 ") + QLatin1String(kVersionsFrom) + QStringLiteral(" AND n.seq = ?"),
                           {course, note, qint64(seq)});
    return q.next();
}

QList<NamedVersion> NoteHistoryProjection::namedVersions(const QString &course, const QString &note) const
{
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT name, at, by, ts, seq FROM note_named WHERE course = ? AND note = ? ORDER BY at, seq"),
                           {course, note});
    QList<NamedVersion> out;
    while (q.next())
        out << NamedVersion{q.value(0).toString(), q.value(1).toULongLong(), q.value(2).toString(), q.value(3).toLongLong(),
                            q.value(4).toULongLong()};
    return out;
}

std::optional<NamedVersion> NoteHistoryProjection::namedVersion(const QString &course, const QString &note, const QString &name) const
{
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT name, at, by, ts, seq FROM note_named WHERE course = ? AND note = ? AND name = ?"),
                           {course, note, name});
    if (!q.next())
        return std::nullopt;
    return NamedVersion{q.value(0).toString(), q.value(1).toULongLong(), q.value(2).toString(), q.value(3).toLongLong(),
                        q.value(4).toULongLong()};
}

AuthorIndex NoteHistoryProjection::authors(const QString &course, const QString &note) const
{
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT replica, counter, user FROM note_authors WHERE course = ? AND note = ?"
                                                " ORDER BY replica, counter"),
                           {course, note});
    AuthorIndex out;
    while (q.next())
        out[crdt::ReplicaId(q.value(0).toLongLong())].append({quint32(q.value(1).toLongLong()), q.value(2).toString()});
    return out;
}

std::optional<NoteSnapshot> NoteHistoryProjection::latestCheckpoint(const QString &course, const QString &note) const
{
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT seq, snapshot FROM note_checkpoints WHERE course = ? AND note = ?"
                                                " ORDER BY seq DESC LIMIT 1"),
                           {course, note});
    if (!q.next())
        return std::nullopt;
    return NoteSnapshot{q.value(0).toULongLong(), q.value(1).toByteArray()};
}

NoteReplayInput NoteHistoryProjection::replayInput(const QSqlDatabase &db, const QString &course, const QString &note, quint64 at)
{
    NoteReplayInput input;
    QSqlQuery c = prepared(db, QStringLiteral("SELECT seq, snapshot FROM note_checkpoints WHERE course = ? AND note = ?"
                                                " AND seq <= ? ORDER BY seq DESC LIMIT 1"),
                           {course, note, qint64(at)});
    if (c.next())
        input.checkpoint = NoteSnapshot{c.value(0).toULongLong(), c.value(1).toByteArray()};
    const quint64 after = input.checkpoint ? input.checkpoint->seq : 0;
    QSqlQuery q = prepared(db, QStringLiteral("SELECT e.data ") + QLatin1String(kVersionsFrom)
                                     + QStringLiteral(" AND n.seq > ? AND n.seq <= ? ORDER BY n.seq"),
                           {course, note, qint64(after), qint64(at)});
    while (q.next())
        input.eventData << q.value(0).toString().toUtf8();
    return input;
}

bool NoteHistoryProjection::saveCheckpoint(const QString &course, const QString &note, const NoteSnapshot &checkpoint)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO note_checkpoints (course, note, seq, snapshot) VALUES (?, ?, ?, ?)"));
    q.addBindValue(course);
    q.addBindValue(note);
    q.addBindValue(qint64(checkpoint.seq));
    q.addBindValue(checkpoint.bytes);
    if (q.exec())
        return true;
    qCWarning(lcStore) << "saving a history checkpoint of" << course << note << "failed:" << q.lastError().text();
    return false;
}

qint64 NoteHistoryProjection::opBytesAfter(const QString &course, const QString &note, quint64 seq) const
{
    QSqlQuery q = prepared(m_db, QStringLiteral("SELECT total(length(e.data)) ") + QLatin1String(kVersionsFrom)
                                     + QStringLiteral(" AND n.seq > ?"),
                           {course, note, qint64(seq)});
    return q.next() ? qint64(q.value(0).toDouble()) : 0;
}

} // namespace collab::server
