#pragma once

#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QHash>

namespace collab::server {

// The latest kick of each user removed from a course (member.kicked) and not restored since
// (member.restored): the Hub refuses their joins until then, also after a restart.
class KicksProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("kicks"); }
    int version() const override { return 2; }
    QStringList tables() const override { return {QStringLiteral("kicks")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    // user → until (ms since the epoch).
    QHash<QString, qint64> kicks(const QString &course) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_insert;
    SqliteStatement m_restore;
};

} // namespace collab::server
