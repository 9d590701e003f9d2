#pragma once

#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QList>

namespace collab::server {

// The events that shape the course catalogue (course.created and course.deleted in the catalogue
// stream; course.updated, channel.*, note.created/updated, joincode.rotated, member.role and
// roster.imported in each course's stream), kept whole and in order. At start the Hub folds them
// over the configuration (CourseCatalog::apply, the same code that applies them live), so courses,
// channels and notes made at run time survive a restart and a --rebuild-projections, and the
// configuration stays the initial state. They are few (a course has tens of them, not the
// thousands of messages), so the fold costs nothing worth a table per field.
class CatalogProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("catalog"); }
    int version() const override { return 1; }
    QStringList tables() const override { return {QStringLiteral("catalog_events")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    static bool isCatalogKind(EventKind kind);
    // Every catalogue event: the catalogue stream's first, then each course's in seq order.
    QList<CourseEvent> events() const;
    // The run-time courses that exist (created and not deleted): Redis mode fetches their logs at start.
    QStringList createdCourses() const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_insert;
};

} // namespace collab::server
