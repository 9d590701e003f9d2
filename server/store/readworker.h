#pragma once

#include "hub/coursejournal.h"
#include "protocol/result.h"

#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QThreadPool>

#include <functional>
#include <memory>

struct sqlite3;

namespace collab::server {

// One worker thread with its own read-only connection to the projections' database, for reads
// that may take long (a note's history replayed, a full-text search over a million messages):
// WAL lets it read what is committed beside the writer, so the thread that serves the courses
// only posts the work and gets the answer back through its event loop. The work queues on the
// one thread: a flood of slow reads takes this core, not the courses' thread.
class ReadWorker : public QObject
{
    Q_OBJECT
public:
    // `name`: the thread's and the connection's name (collab-note-history, collab-search).
    ReadWorker(const QString &name, const QString &databasePath, QObject *parent = nullptr);
    ~ReadWorker() override;

    // Runs `work` on the worker with its connection and `then` with the result on this object's
    // thread (never if this object is gone by then).
    template <typename T>
    void run(std::function<Result<T>(const QSqlDatabase &db)> work, Callback<T> then)
    {
        QPointer<ReadWorker> self(this);
        m_pool.start([self, name = m_connection, path = m_path, work = std::move(work), then = std::move(then)]() mutable {
            auto result = std::make_shared<Result<T>>(work(database(name, path)));
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(), [result, then = std::move(then)]() mutable { then(std::move(*result)); }, Qt::QueuedConnection);
        });
    }

    // The raw SQLite handle of a worker's connection (for SqliteStatement), or null.
    static sqlite3 *handleOf(const QSqlDatabase &db);

private:
    // The calling worker thread's connection, opened read-only on first use.
    static QSqlDatabase database(const QString &name, const QString &path);

    QString m_connection; // the name and this object's address: two servers may share a process (tests)
    QString m_path;
    QThreadPool m_pool; // last: destroyed (waited for) first
};

} // namespace collab::server
