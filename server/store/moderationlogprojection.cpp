#include "store/moderationlogprojection.h"

#include "hub/coursecatalog.h"
#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

QStringList ModerationLogProjection::schema() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS moderation_log (course TEXT NOT NULL, seq INTEGER NOT NULL,"
                           " kind TEXT NOT NULL, ts INTEGER NOT NULL, author TEXT NOT NULL, data TEXT NOT NULL,"
                           " PRIMARY KEY (course, seq)) WITHOUT ROWID")};
}

QString ModerationLogProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_insert.prepare(database.handle,
                          "INSERT OR REPLACE INTO moderation_log (course, seq, kind, ts, author, data) VALUES (?, ?, ?, ?, ?, ?)"))
        return m_insert.error();
    return {};
}

bool ModerationLogProjection::isModerationKind(EventKind kind)
{
    switch (kind) {
    case EventKind::ChatDeleted:
    case EventKind::NoteLocked:
    case EventKind::MemberKicked:
    case EventKind::MemberPurged:
    case EventKind::MemberRestored:
    case EventKind::MemberRole:
    case EventKind::CourseUpdated:
    case EventKind::ChannelAdded:
    case EventKind::ChannelUpdated:
    case EventKind::NoteCreated:
    case EventKind::NoteUpdated:
    case EventKind::JoinCodeRotated:
    case EventKind::RosterImported:
        return true;
    default:
        return false;
    }
}

QString ModerationLogProjection::apply(const CourseEvent &e)
{
    if (!isModerationKind(e.kind) || e.course == CourseCatalog::Stream)
        return {};
    const CourseEvent shown = CourseCatalog::forMembers(e);
    m_insert.bind(0, e.course)
        .bind(1, qint64(e.seq))
        .bind(2, eventKindName(e.kind))
        .bind(3, e.timeMs)
        .bind(4, projection::textField(e.data, "by"))
        .bind(5, QJsonDocument(shown.data).toJson(QJsonDocument::Compact));
    return m_insert.run() ? QString() : m_insert.error();
}

QJsonArray ModerationLogProjection::entries(const QString &course, int limit) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, kind, ts, author, data FROM moderation_log WHERE course = ? ORDER BY seq DESC LIMIT ?"));
    q.addBindValue(course);
    q.addBindValue(limit);
    QJsonArray out;
    if (!q.exec())
        qCWarning(lcStore) << "moderation log failed:" << q.lastError().text();
    while (q.next())
        out.prepend(QJsonObject{{QStringLiteral("seq"), q.value(0).toDouble()},
                                {QStringLiteral("kind"), q.value(1).toString()},
                                {QStringLiteral("ts"), q.value(2).toDouble()},
                                {QStringLiteral("by"), q.value(3).toString()},
                                {QStringLiteral("data"), QJsonDocument::fromJson(q.value(4).toByteArray()).object()}});
    return out;
}

} // namespace collab::server
