#pragma once

#include "config/serverconfig.h"
#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "protocol/clientmessages.h"
#include "protocol/result.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

namespace collab::server {

class EventLog;
class Projections;

// A course's retention period (issue 15 part 4; docs/operations.md, "Retention"): messages older
// than N days are deleted for good. The period is a course setting (course.updated
// {retentionDays}, so every node and every restart know it). A run — on demand, or by the check
// every hour — finds on a worker thread (its own read-only SQLite connection) the messages whose
// whole thread is older than the cut-off, and appends them as messages.expired events of at most
// BatchSize ids each: every node's projections drop those rows and their search entries, and the
// log rewrites the events that carried their text as tombstones (EventRedactor), so nothing
// replays them. Every node that applies such an event compacts its store on the worker soon after
// (FTS5 merged, VACUUM, WAL truncated), so no copy of the text stays in free pages or the WAL.
// Then the files: those uploaded before the cut-off that no remaining message carries go as
// files.expired events (FilesProjection drops them; every node's FileUploads deletes the bytes
// no other file of the course has). A dry run counts what would go and changes nothing. Polls stay.
class Retention : public QObject
{
    Q_OBJECT
public:
    static constexpr int BatchSize = 2000;
    static constexpr qint64 DayMs = 24LL * 60 * 60 * 1000;

    Retention(const ServerConfig &config, const Projections &projections, CourseJournal &journal, QObject *parent = nullptr);
    ~Retention() override;

    // `actor` with its role in the course as it is now (Hub::effective).
    void setPeriod(const Actor &actor, const proto::RetentionSet &m, Callback<QJsonObject> done);
    void run(const Actor &actor, const QString &course, bool dryRun, Callback<QJsonObject> done);
    // A messages.expired event reached this node (its own run's or another node's): its store is
    // compacted CompactDelayMs after the last one, on the worker.
    void expiryApplied();
    static constexpr int CompactDelayMs = 1000;

    // How often the periodic check runs every course's retention (default: hourly; 0 stops it).
    void setCheckInterval(qint64 ms);
    // The clock retention measures age by (tests move it forward; default: the system's).
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }
    bool isRunning(const QString &course) const { return m_running.contains(course); }
    // Compactions finished (for tests and /metrics).
    int compactions() const { return m_compactions; }

Q_SIGNALS:
    void runFinished(const QString &course, int messagesDeleted);

private:
    struct Candidates
    {
        QList<qint64> ids;
        qint64 count = 0;
        qint64 oldestMs = 0;
        qint64 newestMs = 0;
    };
    struct FileCandidates
    {
        QStringList ids;
        QStringList sha256s;
        qint64 count = 0;
    };
    struct RunState
    {
        QString course;
        QString by;
        int days = 0;
        qint64 before = 0;
        qint64 deleted = 0;
        qint64 filesDeleted = 0;
        qint64 oldestMs = 0;
        qint64 newestMs = 0;
        Callback<QJsonObject> done;
    };

    std::optional<ProtocolError> check(const Actor &actor, const QString &course) const;
    void step(std::shared_ptr<RunState> state);
    void stepFiles(std::shared_ptr<RunState> state);
    void finish(std::shared_ptr<RunState> state, std::optional<ProtocolError> error);
    void checkAll();
    // Runs `work` on the worker and `then` with its result on this object's thread.
    template <typename T>
    void onWorker(std::function<Result<T>()> work, Callback<T> then);
    static Result<Candidates> findExpired(const QString &databasePath, const QString &course, qint64 before, int limit);
    // Files the run deletes once the messages are gone (limit 0: only their count).
    static Result<FileCandidates> findExpiredFiles(const QString &databasePath, const QString &course, qint64 before, int limit);
    static Result<bool> compact(const QString &databasePath);
    QString databasePath() const;

    const ServerConfig &m_config;
    const Projections &m_projections;
    CourseJournal &m_journal;
    std::function<qint64()> m_nowMs;
    QSet<QString> m_running;
    QTimer m_check;
    QTimer m_compact;
    int m_compactions = 0;
    QThreadPool m_pool; // last: destroyed (waited for) first
};

} // namespace collab::server
