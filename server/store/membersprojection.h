#pragma once

#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QList>

namespace collab::server {

struct MemberRecord
{
    QString user;
    QString role;
};

// Who ever joined a course, with the role they joined with (member.joined), less the names an
// instructor purged (member.purged, claims.purge).
class MembersProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("members"); }
    int version() const override { return 2; }
    QStringList tables() const override { return {QStringLiteral("members")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    // By user name.
    QList<MemberRecord> members(const QString &course) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_insert;
    SqliteStatement m_remove;
};

} // namespace collab::server
