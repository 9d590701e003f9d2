#include "store/filesprojection.h"

#include "logging.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

namespace {

constexpr const char *kColumns = "course, id, sha256, size, type, name, by, created, seq";

FileRecord recordFromRow(const QSqlQuery &q)
{
    return FileRecord{q.value(0).toString(),   q.value(1).toString(),    q.value(2).toByteArray(),
                      q.value(3).toLongLong(), q.value(4).toString(),    q.value(5).toString(),
                      q.value(6).toString(),   q.value(7).toLongLong(), q.value(8).toULongLong()};
}

QSqlQuery run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        qCWarning(lcStore) << "files:" << q.lastError().text();
    return q;
}

} // namespace

QStringList FilesProjection::schema() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS files (course TEXT NOT NULL, id TEXT NOT NULL, sha256 TEXT NOT NULL,"
                           " size INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, by TEXT NOT NULL,"
                           " created INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (course, id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS files_by_content ON files (course, sha256)")};
}

QString FilesProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    // OR IGNORE: an id is random (128 bits); a second event with one is a replay, not a new file.
    if (!m_insert.prepare(database.handle, "INSERT OR IGNORE INTO files (course, id, sha256, size, type, name, by, created, seq)"
                                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        return m_insert.error();
    if (!m_delete.prepare(database.handle, "DELETE FROM files WHERE course = ? AND id = ?"))
        return m_delete.error();
    return {};
}

QString FilesProjection::apply(const CourseEvent &e)
{
    if (e.kind == EventKind::FilesExpired) {
        for (const QJsonValue &id : e.data.value(QLatin1String("ids")).toArray()) {
            m_delete.bind(0, e.course).bind(1, id.toString());
            if (!m_delete.run())
                return m_delete.error();
        }
        return {};
    }
    if (e.kind != EventKind::FileUploaded)
        return {};
    // Retention rewrote the upload of a file it deleted as a tombstone {id, expired} (EventRedactor):
    // a replay has no record to make of it, and the files.expired after it has nothing to drop.
    if (e.data.value(QLatin1String("expired")).toBool())
        return {};
    m_insert.bind(0, e.course)
        .bind(1, projection::textField(e.data, "id"))
        .bind(2, projection::textField(e.data, "sha256"))
        .bind(3, qint64(e.data.value(QLatin1String("size")).toDouble()))
        .bind(4, projection::textField(e.data, "type"))
        .bind(5, projection::textField(e.data, "name"))
        .bind(6, projection::textField(e.data, "by"))
        .bind(7, e.timeMs)
        .bind(8, qint64(e.seq));
    return m_insert.run() ? QString() : m_insert.error();
}

std::optional<FileRecord> FilesProjection::file(const QString &course, const QString &id) const
{
    QSqlQuery q = run(m_db, QStringLiteral("SELECT %1 FROM files WHERE course = ? AND id = ?").arg(QLatin1String(kColumns)), {course, id});
    if (!q.next())
        return std::nullopt;
    return recordFromRow(q);
}

QList<FileRecord> FilesProjection::files(const QString &course) const
{
    QSqlQuery q = run(m_db, QStringLiteral("SELECT %1 FROM files WHERE course = ? ORDER BY seq").arg(QLatin1String(kColumns)), {course});
    QList<FileRecord> out;
    while (q.next())
        out.append(recordFromRow(q));
    return out;
}

qint64 FilesProjection::storedBytes(const QString &course) const
{
    QSqlQuery q = run(m_db, QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM (SELECT MAX(size) AS size FROM files WHERE course = ?"
                                           " GROUP BY sha256)"),
                      {course});
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool FilesProjection::hasContent(const QString &course, const QByteArray &sha256) const
{
    QSqlQuery q = run(m_db, QStringLiteral("SELECT 1 FROM files WHERE course = ? AND sha256 = ? LIMIT 1"), {course, QString::fromLatin1(sha256)});
    return q.next();
}

} // namespace collab::server
