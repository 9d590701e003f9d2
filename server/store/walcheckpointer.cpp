#include "store/walcheckpointer.h"

#include "logging.h"

#include <pthread.h>
#include <sched.h>
#include <sqlite3.h>

namespace collab::server {

WalCheckpointer::~WalCheckpointer() { stop(); }

QString WalCheckpointer::start(sqlite3 *writer, const Options &options)
{
    if (!writer)
        return QStringLiteral("no SQLite handle");
    m_options = options;
    const auto fail = [this](const char *what) {
        const QString error = QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_own)));
        sqlite3_close(m_own);
        m_own = nullptr;
        return error;
    };
    const QByteArray path = options.path.toUtf8();
    if (sqlite3_open_v2(path.constData(), &m_own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
        return fail("cannot open the checkpointer's connection");
    // synchronous is per connection: the checkpoint's fsyncs follow the writer's setting.
    const char *sync = options.fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
    if (sqlite3_exec(m_own, sync, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot set the checkpointer's synchronous mode");
    m_writer = writer;
    sqlite3_wal_autocheckpoint(writer, 0);
    sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, this); // replaces the auto-checkpoint hook
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "collab-ckpt"); // told apart in top, perf and the benchmarks
        // Background work: if the server runs at real-time priority (chrt), a checkpoint's copy
        // must not hold a CPU against the request threads (under chrt: p99 35 ms with it, 10-24 ms without).
        const sched_param normal{};
        pthread_setschedparam(pthread_self(), SCHED_OTHER, &normal);
        run();
    });
    return {};
}

void WalCheckpointer::stop()
{
    if (m_writer) {
        sqlite3_wal_hook(m_writer, nullptr, nullptr);
        m_writer = nullptr;
    }
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    sqlite3_close(m_own);
    m_own = nullptr;
}

// Runs on the writer's thread after each commit, with the WAL's size in pages.
int WalCheckpointer::onCommit(void *self, sqlite3 *db, const char *schema, int walPages)
{
    auto *me = static_cast<WalCheckpointer *>(self);
    if (walPages >= me->m_options.restartPages && !me->m_running.load()) {
        // Most frames are copied already: this finishes the rest so that the next write restarts
        // the WAL. Failures are left for the next commit to retry; the data is safe in the WAL.
        ++me->m_writerCheckpoints;
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return SQLITE_OK;
    }
    if (walPages >= me->m_options.backgroundPages && !me->m_running.exchange(true)) {
        {
            std::lock_guard lock(me->m_mutex);
            me->m_requested = true;
        }
        me->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_requested || m_stopping; });
            if (m_stopping)
                return;
            m_requested = false;
        }
        int walFrames = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(m_own, nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcStore) << "background checkpoint failed:" << sqlite3_errmsg(m_own);
        else
            ++m_backgroundCheckpoints;
        m_running.store(false);
    }
}

} // namespace collab::server
