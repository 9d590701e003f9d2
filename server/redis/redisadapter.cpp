#include "redis/redisadapter.h"

#include <QSocketNotifier>

#include <hiredis/async.h>

namespace collab::server {

RedisAdapter::RedisAdapter(QObject *parent) : QObject(parent) {}

RedisAdapter::~RedisAdapter()
{
    if (m_context) { // still attached: hiredis must not call into us any more
        m_context->ev.data = nullptr;
        m_context->ev.addRead = nullptr;
        m_context->ev.delRead = nullptr;
        m_context->ev.addWrite = nullptr;
        m_context->ev.delWrite = nullptr;
        m_context->ev.cleanup = nullptr;
    }
}

bool RedisAdapter::attach(redisAsyncContext *context)
{
    if (context->ev.data)
        return false;
    m_context = context;
    const int fd = context->c.fd;
    m_read = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
    m_write = new QSocketNotifier(qintptr(fd), QSocketNotifier::Write, this);
    m_read->setEnabled(false);
    m_write->setEnabled(false);
    connect(m_read, &QSocketNotifier::activated, this, &RedisAdapter::onReadable);
    connect(m_write, &QSocketNotifier::activated, this, &RedisAdapter::onWritable);
    context->ev.data = this;
    context->ev.addRead = &RedisAdapter::addRead;
    context->ev.delRead = &RedisAdapter::delRead;
    context->ev.addWrite = &RedisAdapter::addWrite;
    context->ev.delWrite = &RedisAdapter::delWrite;
    context->ev.cleanup = &RedisAdapter::cleanup;
    return true;
}

void RedisAdapter::addRead(void *self)
{
    if (auto *a = static_cast<RedisAdapter *>(self); a && a->m_read)
        a->m_read->setEnabled(true);
}

void RedisAdapter::delRead(void *self)
{
    if (auto *a = static_cast<RedisAdapter *>(self); a && a->m_read)
        a->m_read->setEnabled(false);
}

void RedisAdapter::addWrite(void *self)
{
    if (auto *a = static_cast<RedisAdapter *>(self); a && a->m_write)
        a->m_write->setEnabled(true);
}

void RedisAdapter::delWrite(void *self)
{
    if (auto *a = static_cast<RedisAdapter *>(self); a && a->m_write)
        a->m_write->setEnabled(false);
}

// hiredis is freeing the context: stop watching the socket and forget the context.
void RedisAdapter::cleanup(void *self)
{
    auto *a = static_cast<RedisAdapter *>(self);
    if (!a)
        return;
    // Possibly inside one of their own activated() signals: disable now, delete later.
    for (QSocketNotifier *n : {a->m_read, a->m_write}) {
        if (n) {
            n->setEnabled(false);
            n->deleteLater();
        }
    }
    a->m_read = nullptr;
    a->m_write = nullptr;
    if (a->m_context)
        a->m_context->ev.data = nullptr;
    a->m_context = nullptr;
}

void RedisAdapter::onReadable()
{
    if (m_context)
        redisAsyncHandleRead(m_context); // may free the context (cleanup runs first)
}

void RedisAdapter::onWritable()
{
    if (m_context)
        redisAsyncHandleWrite(m_context);
}

} // namespace collab::server
