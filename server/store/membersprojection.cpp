#include "store/membersprojection.h"

#include "logging.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

QStringList MembersProjection::schema() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS members (course TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL,"
                           " PRIMARY KEY (course, user)) WITHOUT ROWID")};
}

QString MembersProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_insert.prepare(database.handle, "INSERT OR IGNORE INTO members (course, user, role) VALUES (?, ?, ?)"))
        return m_insert.error();
    if (!m_remove.prepare(database.handle, "DELETE FROM members WHERE course = ? AND user = ?"))
        return m_remove.error();
    return {};
}

QString MembersProjection::apply(const CourseEvent &e)
{
    if (e.kind == EventKind::MemberPurged) {
        for (const QJsonValue &user : e.data.value(QLatin1String("users")).toArray()) {
            m_remove.bind(0, e.course).bind(1, user.toString());
            if (!m_remove.run())
                return m_remove.error();
        }
        return {};
    }
    if (e.kind != EventKind::MemberJoined)
        return {};
    m_insert.bind(0, e.course).bind(1, projection::textField(e.data, "user")).bind(2, projection::textField(e.data, "role"));
    return m_insert.run() ? QString() : m_insert.error();
}

QList<MemberRecord> MembersProjection::members(const QString &course) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT user, role FROM members WHERE course = ? ORDER BY user"));
    q.addBindValue(course);
    QList<MemberRecord> out;
    if (!q.exec())
        qCWarning(lcStore) << "members failed:" << q.lastError().text();
    while (q.next())
        out << MemberRecord{q.value(0).toString(), q.value(1).toString()};
    return out;
}

} // namespace collab::server
