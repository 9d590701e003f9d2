#include "store/queueprojection.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

QStringList QueueProjection::schema() const
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS queue_channels (course TEXT NOT NULL, channel TEXT NOT NULL, open INTEGER NOT NULL,"
                       " served INTEGER NOT NULL DEFAULT 0, taken INTEGER NOT NULL DEFAULT 0, wait_ms INTEGER NOT NULL DEFAULT 0,"
                       " help_ms INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (course, channel)) WITHOUT ROWID"),
        // seq: the queue.joined's, which orders the queue (a requeue keeps it: back to one's place).
        QStringLiteral("CREATE TABLE IF NOT EXISTS queue_entries (course TEXT NOT NULL, channel TEXT NOT NULL, user TEXT NOT NULL,"
                       " topic TEXT NOT NULL, joined INTEGER NOT NULL, seq INTEGER NOT NULL, taken_by TEXT NOT NULL DEFAULT '',"
                       " taken_at INTEGER NOT NULL DEFAULT 0, was_taken INTEGER NOT NULL DEFAULT 0,"
                       " PRIMARY KEY (course, channel, user)) WITHOUT ROWID"),
    };
}

QString QueueProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    const std::pair<SqliteStatement *, const char *> statements[] = {
        {&m_open, "INSERT INTO queue_channels (course, channel, open) VALUES (?1, ?2, ?3) ON CONFLICT (course, channel)"
                  " DO UPDATE SET open = ?3"},
        {&m_join, "INSERT OR REPLACE INTO queue_entries (course, channel, user, topic, joined, seq) VALUES (?, ?, ?, ?, ?, ?)"},
        {&m_leave, "DELETE FROM queue_entries WHERE course = ? AND channel = ? AND user = ?"},
        // The first take counts the wait (joined → taken) in the stats.
        {&m_statsTaken, "UPDATE queue_channels SET taken = taken + 1, wait_ms = wait_ms + (?1 - (SELECT joined FROM queue_entries"
                        " WHERE course = ?2 AND channel = ?3 AND user = ?4)) WHERE course = ?2 AND channel = ?3 AND EXISTS"
                        " (SELECT 1 FROM queue_entries WHERE course = ?2 AND channel = ?3 AND user = ?4 AND was_taken = 0)"},
        {&m_take, "UPDATE queue_entries SET taken_by = ?, taken_at = ?, was_taken = 1 WHERE course = ? AND channel = ? AND user = ?"},
        {&m_requeue, "UPDATE queue_entries SET taken_by = '', taken_at = 0 WHERE course = ? AND channel = ? AND user = ?"},
        {&m_statsDone, "UPDATE queue_channels SET served = served + 1, help_ms = help_ms + (?1 - (SELECT taken_at FROM queue_entries"
                       " WHERE course = ?2 AND channel = ?3 AND user = ?4)) WHERE course = ?2 AND channel = ?3 AND EXISTS"
                       " (SELECT 1 FROM queue_entries WHERE course = ?2 AND channel = ?3 AND user = ?4 AND taken_at > 0)"},
    };
    for (const auto &[statement, sql] : statements)
        if (!statement->prepare(database.handle, sql))
            return statement->error();
    return {};
}

QString QueueProjection::apply(const CourseEvent &e)
{
    const QString channel = projection::textField(e.data, "channel");
    switch (e.kind) {
    case EventKind::QueueOpened:
        m_open.bind(0, e.course).bind(1, channel).bind(2, qint64(e.data.value(QLatin1String("open")).toBool()));
        return m_open.run() ? QString() : m_open.error();
    case EventKind::QueueJoined:
        m_join.bind(0, e.course).bind(1, channel).bind(2, projection::textField(e.data, "user"))
            .bind(3, projection::textField(e.data, "topic")).bind(4, e.timeMs).bind(5, qint64(e.seq));
        return m_join.run() ? QString() : m_join.error();
    case EventKind::QueueChanged:
        return applyChange(e);
    default:
        return {};
    }
}

QString QueueProjection::applyChange(const CourseEvent &e)
{
    const QString channel = projection::textField(e.data, "channel");
    const QString user = projection::textField(e.data, "user");
    const QString action = projection::textField(e.data, "action");
    auto run = [](SqliteStatement &s) { return s.run() ? QString() : s.error(); };
    if (action == QLatin1String("take")) {
        m_statsTaken.bind(0, e.timeMs).bind(1, e.course).bind(2, channel).bind(3, user);
        if (QString error = run(m_statsTaken); !error.isEmpty())
            return error;
        m_take.bind(0, projection::textField(e.data, "by")).bind(1, e.timeMs).bind(2, e.course).bind(3, channel).bind(4, user);
        return run(m_take);
    }
    if (action == QLatin1String("requeue")) {
        m_requeue.bind(0, e.course).bind(1, channel).bind(2, user);
        return run(m_requeue);
    }
    if (action == QLatin1String("done")) {
        m_statsDone.bind(0, e.timeMs).bind(1, e.course).bind(2, channel).bind(3, user);
        if (QString error = run(m_statsDone); !error.isEmpty())
            return error;
    }
    m_leave.bind(0, e.course).bind(1, channel).bind(2, user); // done and leave
    return run(m_leave);
}

bool QueueProjection::isQueue(const QString &course, const QString &channel) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT open FROM queue_channels WHERE course = ? AND channel = ?"));
    q.addBindValue(course);
    q.addBindValue(channel);
    return q.exec() && q.next() && q.value(0).toBool();
}

QList<QueueEntry> QueueProjection::entries(const QString &course, const QString &channel) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT user, topic, joined, taken_by, taken_at FROM queue_entries WHERE course = ? AND channel = ?"
                             " ORDER BY seq"));
    q.addBindValue(course);
    q.addBindValue(channel);
    QList<QueueEntry> out;
    if (!q.exec())
        qCWarning(lcStore) << "queue entries failed:" << q.lastError().text();
    while (q.next()) {
        QueueEntry entry{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), false, q.value(3).toString(),
                         q.value(4).toLongLong()};
        entry.taken = entry.takenMs > 0;
        out << entry;
    }
    return out;
}

QueueStats QueueProjection::stats(const QString &course, const QString &channel) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT served, taken, wait_ms, help_ms FROM queue_channels WHERE course = ? AND channel = ?"));
    q.addBindValue(course);
    q.addBindValue(channel);
    QueueStats s;
    if (q.exec() && q.next())
        s = QueueStats{q.value(0).toInt(), q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toLongLong()};
    return s;
}

} // namespace collab::server
