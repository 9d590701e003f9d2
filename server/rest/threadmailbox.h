#pragma once

#include <QMutex>
#include <QObject>

#include <functional>
#include <vector>

namespace collab::server {

// Runs tasks posted from any thread in the thread this object lives in. Tasks posted while the
// receiving thread is busy are run together in one event-loop turn: one wake-up per batch, and
// (in the hub thread) one SQLite group commit for all the posts of the batch. Order is kept.
class ThreadMailbox : public QObject
{
    Q_OBJECT

public:
    using Task = std::function<void()>;

    explicit ThreadMailbox(QObject *parent = nullptr) : QObject(parent) {}

    void post(Task task); // any thread
    // Later posts are dropped, and so are the tasks not run yet (at shutdown).
    void close();

private:
    void drain();

    QMutex m_mutex;
    std::vector<Task> m_tasks;
    bool m_drainScheduled = false;
    bool m_closed = false;
};

} // namespace collab::server
