#pragma once

#include <QObject>

struct redisAsyncContext;
class QSocketNotifier;

namespace collab::server {

// Drives one hiredis async context from the Qt event loop: a QSocketNotifier per direction,
// parented to this object, enabled and disabled by hiredis through its ev hooks. Our own instead of
// hiredis's adapters/qt.h (as Debian 12 ships it, hiredis 0.14): that one is a use-after-free
// when deleted after a disconnect, uses string connects and hides its Q_OBJECT from AUTOMOC.
//
// Lifetime: hiredis calls cleanup when it frees the context; from then on this adapter does
// nothing and may be deleted. Deleting the adapter first detaches it from the context.
class RedisAdapter final : public QObject
{
    Q_OBJECT

public:
    explicit RedisAdapter(QObject *parent = nullptr);
    ~RedisAdapter() override;

    // Installs the ev hooks on `context`. Returns false if the context already has an adapter.
    bool attach(redisAsyncContext *context);

private:
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    void onReadable();
    void onWritable();

    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
};

} // namespace collab::server
