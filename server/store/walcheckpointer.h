#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace collab::server {

// Checkpoints an SQLite WAL from a thread of its own, so that the writing thread (the hub thread)
// does not copy pages into the database file and fsync it inside a COMMIT. SQLite's auto-checkpoint
// does exactly that every 1,000 pages; here it is off on the writing connection, whose commits are
// watched instead (sqlite3_wal_hook): once the WAL holds `backgroundPages`, the checkpointer wakes
// and runs a PASSIVE checkpoint on its own connection, concurrently with the writer.
//
// A WAL only starts again from its beginning when a write transaction finds every frame already
// copied, which under sustained writes a concurrent checkpoint rarely leaves behind. So when the
// WAL reaches `restartPages` the writer checkpoints the small remainder itself, between two
// transactions, and the next one reuses the file: its size stays bounded.
class WalCheckpointer
{
public:
    struct Options
    {
        QString path;           // the database file
        bool fullSync = false;  // synchronous=FULL, as the writer (see SqliteEventLog)
        int backgroundPages = 1000;
        int restartPages = 4000;
    };

    WalCheckpointer() = default;
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Opens the checkpointer's connection and watches `writer`'s commits. Returns an error message.
    QString start(sqlite3 *writer, const Options &options);
    // Stops watching and joins the thread (before the writer's connection closes).
    void stop();

    // Checkpoints run by the thread, and by the writer to restart the WAL.
    quint64 backgroundCheckpoints() const { return m_backgroundCheckpoints.load(); }
    quint64 writerCheckpoints() const { return m_writerCheckpoints; }

private:
    static int onCommit(void *self, sqlite3 *db, const char *schema, int walPages);
    void run();

    Options m_options;
    sqlite3 *m_writer = nullptr;
    sqlite3 *m_own = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false; // under m_mutex
    bool m_stopping = false;  // under m_mutex
    std::atomic<bool> m_running{false}; // a background checkpoint is in progress or requested
    std::atomic<quint64> m_backgroundCheckpoints{0};
    quint64 m_writerCheckpoints = 0; // the writer's thread only
};

} // namespace collab::server
