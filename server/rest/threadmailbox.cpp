#include "rest/threadmailbox.h"

namespace collab::server {

void ThreadMailbox::post(Task task)
{
    QMutexLocker lock(&m_mutex);
    if (m_closed)
        return;
    m_tasks.push_back(std::move(task));
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    lock.unlock();
    QMetaObject::invokeMethod(this, &ThreadMailbox::drain, Qt::QueuedConnection);
}

void ThreadMailbox::close()
{
    std::vector<Task> dropped;
    QMutexLocker lock(&m_mutex);
    m_closed = true;
    dropped.swap(m_tasks);
    lock.unlock(); // a dropped task's destructor may post to another mailbox
}

void ThreadMailbox::drain()
{
    std::vector<Task> tasks;
    {
        QMutexLocker lock(&m_mutex);
        tasks.swap(m_tasks);
        m_drainScheduled = false;
    }
    for (Task &task : tasks)
        task();
}

} // namespace collab::server
