#include "store/kicksprojection.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

QStringList KicksProjection::schema() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS kicks (course TEXT NOT NULL, user TEXT NOT NULL, until INTEGER NOT NULL,"
                           " PRIMARY KEY (course, user)) WITHOUT ROWID")};
}

QString KicksProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_insert.prepare(database.handle, "INSERT OR REPLACE INTO kicks (course, user, until) VALUES (?, ?, ?)"))
        return m_insert.error();
    // Names are ASCII ids compared without case (protocol/ids.h): NOCASE is that comparison.
    if (!m_restore.prepare(database.handle, "DELETE FROM kicks WHERE course = ? AND user = ? COLLATE NOCASE"))
        return m_restore.error();
    return {};
}

QString KicksProjection::apply(const CourseEvent &e)
{
    if (e.kind == EventKind::MemberRestored) {
        m_restore.bind(0, e.course).bind(1, projection::textField(e.data, "user"));
        return m_restore.run() ? QString() : m_restore.error();
    }
    if (e.kind != EventKind::MemberKicked)
        return {};
    m_insert.bind(0, e.course)
        .bind(1, projection::textField(e.data, "user"))
        .bind(2, qint64(e.data.value(QLatin1String("until")).toDouble()));
    return m_insert.run() ? QString() : m_insert.error();
}

QHash<QString, qint64> KicksProjection::kicks(const QString &course) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT user, until FROM kicks WHERE course = ?"));
    q.addBindValue(course);
    QHash<QString, qint64> out;
    if (!q.exec())
        qCWarning(lcStore) << "kicks failed:" << q.lastError().text();
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

} // namespace collab::server
