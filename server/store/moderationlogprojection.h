#pragma once

#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QJsonArray>

namespace collab::server {

// The moderation log of each course: every event a moderator or an instructor authored (locks,
// removals and restores, deleted messages, roles, join codes, rosters, channels, notes, settings),
// with its author and time, as members may see it (CourseCatalog::forMembers: no hashes). What
// instructors read with `moderation.log` and GET /api/v1/courses/{course}/moderation.
class ModerationLogProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("moderation_log"); }
    int version() const override { return 1; }
    QStringList tables() const override { return {QStringLiteral("moderation_log")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    static bool isModerationKind(EventKind kind);
    // The latest `limit` entries, oldest first: [{seq, ts, kind, by, data}].
    QJsonArray entries(const QString &course, int limit) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_insert;
};

} // namespace collab::server
