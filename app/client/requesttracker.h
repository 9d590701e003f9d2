#pragma once

#include "client/requestresult.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace collab::client {

// Hands out request refs and finishes every request exactly once: with its reply, with the
// server's error, after the timeout, or when the connection drops (failAll).
class RequestTracker : public QObject
{
    Q_OBJECT
public:
    explicit RequestTracker(QObject *parent = nullptr);
    ~RequestTracker() override;

    // Registers a request; the handler runs once, later, never from inside start().
    quint64 start(int timeoutMs, ResultHandler handler);
    // Finishes the request with this ref. False when the ref is unknown (late or foreign reply).
    bool finish(const QJsonValue &ref, const RequestResult &result);
    // Fails every pending request with `disconnected`.
    void failAll(const QString &why);

    bool isPending(quint64 ref) const { return m_pending.contains(ref); }
    int pendingCount() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        ResultHandler handler;
        QTimer *timer = nullptr;
    };
    void complete(quint64 ref, const RequestResult &result);

    QHash<quint64, Pending> m_pending;
    quint64 m_nextRef = 1;
};

} // namespace collab::client
