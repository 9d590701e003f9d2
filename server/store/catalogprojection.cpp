#include "store/catalogprojection.h"

#include "hub/coursecatalog.h"
#include "logging.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

QStringList CatalogProjection::schema() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS catalog_events (course TEXT NOT NULL, seq INTEGER NOT NULL,"
                           " kind TEXT NOT NULL, ts INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (course, seq)) WITHOUT ROWID")};
}

QString CatalogProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_insert.prepare(database.handle, "INSERT OR REPLACE INTO catalog_events (course, seq, kind, ts, data) VALUES (?, ?, ?, ?, ?)"))
        return m_insert.error();
    return {};
}

bool CatalogProjection::isCatalogKind(EventKind kind)
{
    switch (kind) {
    case EventKind::CourseCreated:
    case EventKind::CourseDeleted:
    case EventKind::CourseUpdated:
    case EventKind::ChannelAdded:
    case EventKind::ChannelUpdated:
    case EventKind::NoteCreated:
    case EventKind::NoteUpdated:
    case EventKind::JoinCodeRotated:
    case EventKind::MemberRole:
    case EventKind::RosterImported:
        return true;
    default:
        return false;
    }
}

QString CatalogProjection::apply(const CourseEvent &e)
{
    if (!isCatalogKind(e.kind))
        return {};
    m_insert.bind(0, e.course)
        .bind(1, qint64(e.seq))
        .bind(2, eventKindName(e.kind))
        .bind(3, e.timeMs)
        .bind(4, QJsonDocument(e.data).toJson(QJsonDocument::Compact));
    return m_insert.run() ? QString() : m_insert.error();
}

QList<CourseEvent> CatalogProjection::events() const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT course, seq, kind, ts, data FROM catalog_events ORDER BY course <> ?, course, seq"));
    q.addBindValue(CourseCatalog::Stream);
    QList<CourseEvent> out;
    if (!q.exec())
        qCWarning(lcStore) << "catalog events failed:" << q.lastError().text();
    while (q.next()) {
        const std::optional<EventKind> kind = eventKindFromName(q.value(2).toString());
        if (!kind)
            continue;
        out << CourseEvent{q.value(0).toString(), quint64(q.value(1).toLongLong()), *kind, q.value(3).toLongLong(),
                           QJsonDocument::fromJson(q.value(4).toByteArray()).object()};
    }
    return out;
}

QStringList CatalogProjection::createdCourses() const
{
    QStringList out;
    for (const CourseEvent &e : events()) {
        if (e.course != CourseCatalog::Stream)
            break;
        const QString id = e.data.value(QLatin1String("course")).toString();
        if (e.kind == EventKind::CourseCreated)
            out << id;
        else if (e.kind == EventKind::CourseDeleted)
            out.removeAll(id);
    }
    return out;
}

} // namespace collab::server
