#pragma once

#include "store/eventlog.h"
#include "store/eventredactor.h"
#include "store/walcheckpointer.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QVector>

#include <memory>

class QSqlQuery;

namespace collab::server {

class Projection;
class Projections;
class SqliteStatement;

// The event log in SQLite (WAL mode, through QtSql), with the projections in the same database:
// collab.db on a single node; in Redis mode, DATA/projection.db holds this node's copy of the log,
// which the RedisFeed appends to in seq order. Appends made during one event-loop turn are
// committed together in one transaction at the end of the turn (group commit), every projection
// applying each event inside that same transaction; then their callbacks run in order. Checkpoints
// run in a thread of their own (WalCheckpointer), not inside those commits. With
// synchronous=NORMAL a commit survives the process being killed; `fullSync` (synchronous=FULL)
// also survives a power cut, at the cost of an fsync per commit.
class SqliteEventLog final : public QObject, public EventLog
{
    Q_OBJECT

public:
    struct Options
    {
        QString path;          // the database file
        bool fullSync = false;
        // WAL sizes (pages) that start a background checkpoint / make the writer restart the WAL.
        int checkpointPages = 1000;
        int restartPages = 4000;
        // Drop every projection and build it again from the log (--rebuild-projections). Without
        // it, only those whose version changed (or that are new) are rebuilt.
        bool rebuildProjections = false;
    };

    explicit SqliteEventLog(QObject *parent = nullptr);
    ~SqliteEventLog() override;

    // Opens (creating if needed) and migrates the database, building stale projections from the
    // log before it returns. Returns an error message on failure.
    QString open(const Options &options);

    void append(NewEvent event, AppendCallback done) override;
    quint64 lastSeq(const QString &course) const override;
    QList<CourseEvent> eventsAfter(const QString &course, quint64 after, int limit) const override;
    // Every course with at least one committed event, sorted.
    QStringList courses() const;

    // The read side, fed by this log.
    Projections &projections() { return *m_projections; }
    const Projections &projections() const { return *m_projections; }

    // Commits what is pending now instead of at the end of the turn (used at shutdown).
    void flush();

    // What the last open() rebuilt: the projections' names, and the events replayed into them.
    const QStringList &rebuiltProjections() const { return m_rebuilt; }
    quint64 replayedEvents() const { return m_replayed; }
    // One line per projection table: "PROJECTION TABLE: N rows" (the rebuild's report).
    QStringList projectionRowCounts() const;

    // Transactions committed, and events in them: the group-commit ratio for /metrics.
    quint64 commitCount() const { return m_commits; }
    quint64 committedEvents() const { return m_committedEvents; }
    const WalCheckpointer &checkpointer() const { return m_checkpointer; }

    // An event from a row of the events table whose columns start with seq, kind, ts, data.
    static CourseEvent eventFromRow(const QString &course, const QSqlQuery &q);
    // Committed events of `course` by seq (those it has), in seq order: what retention rewrote.
    QList<CourseEvent> eventsAt(const QString &course, const QList<quint64> &seqs) const;

Q_SIGNALS:
    // After the commit of a messages.expired or files.expired event: the seqs of the events it
    // rewrote as tombstones (EventRedactor). A Redis log rewrites its own copy of them (RedisEventLog).
    void eventsRedacted(const QString &course, const QList<quint64> &seqs);

private:
    struct Pending
    {
        CourseEvent event;
        AppendCallback done;
        QList<quint64> redacted; // an expiry: the seqs it made tombstones of
    };

    QString openProjections(bool rebuildAll);
    QString replayInto(const QList<Projection *> &stale);
    quint64 nextSeq(const QString &course);
    QString writePending(QVector<Pending> &batch);
    QString applyProjections(const CourseEvent &event);
    void scheduleFlush();

    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<SqliteStatement> m_insertEvent;
    EventRedactor m_redactor;
    std::unique_ptr<Projections> m_projections;
    WalCheckpointer m_checkpointer;
    QHash<QString, quint64> m_committedSeq; // per course, what readers may see
    QHash<QString, quint64> m_assignedSeq;  // per course, including pending events
    QVector<Pending> m_pending;
    bool m_flushScheduled = false;
    quint64 m_commits = 0;
    quint64 m_committedEvents = 0;
    QStringList m_rebuilt;
    quint64 m_replayed = 0;
};

} // namespace collab::server
