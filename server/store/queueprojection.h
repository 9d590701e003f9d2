#pragma once

#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QList>

namespace collab::server {

struct QueueEntry
{
    QString user;
    QString topic;
    qint64 joinedMs = 0;
    bool taken = false; // a TA is helping them
    QString by;         // that TA
    qint64 takenMs = 0;
};

struct QueueStats
{
    int served = 0;        // done
    int taken = 0;         // taken at least once
    qint64 totalWaitMs = 0; // joined → first taken, summed
    qint64 totalHelpMs = 0; // taken → done, summed
};

// Office-hours queues (queue.opened, queue.joined, queue.changed): which channels are queues,
// who waits in each (in the order they joined; a requeued student goes back to their place) and
// the stats. Durable like every projection, so a queue survives a restart and is the same on
// every node.
class QueueProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("queues"); }
    int version() const override { return 1; }
    QStringList tables() const override
    {
        return {QStringLiteral("queue_channels"), QStringLiteral("queue_entries")};
    }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    bool isQueue(const QString &course, const QString &channel) const;
    QList<QueueEntry> entries(const QString &course, const QString &channel) const;
    QueueStats stats(const QString &course, const QString &channel) const;

private:
    QString applyChange(const CourseEvent &e);

    QSqlDatabase m_db;
    SqliteStatement m_open;
    SqliteStatement m_join;
    SqliteStatement m_leave;
    SqliteStatement m_take;
    SqliteStatement m_requeue;
    SqliteStatement m_statsTaken;
    SqliteStatement m_statsDone;
};

} // namespace collab::server
