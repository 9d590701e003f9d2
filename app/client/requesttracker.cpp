#include "client/requesttracker.h"

namespace collab::client {

RequestTracker::RequestTracker(QObject *parent) : QObject(parent) {}

RequestTracker::~RequestTracker()
{
    // Handlers are not called on destruction: their owners may be half gone already.
    for (const Pending &p : std::as_const(m_pending))
        delete p.timer;
}

quint64 RequestTracker::start(int timeoutMs, ResultHandler handler)
{
    const quint64 ref = m_nextRef++;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this,
            [this, ref, timeoutMs] { complete(ref, RequestResult::timedOut(QJsonValue(double(ref)), timeoutMs)); });
    timer->start(timeoutMs);
    m_pending.insert(ref, Pending{std::move(handler), timer});
    return ref;
}

bool RequestTracker::finish(const QJsonValue &ref, const RequestResult &result)
{
    // Our refs are numbers; a string or fractional ref is someone else's.
    if (!ref.isDouble())
        return false;
    const double d = ref.toDouble();
    if (d < 1 || d != double(quint64(d)))
        return false;
    const quint64 key = quint64(d);
    if (!m_pending.contains(key))
        return false;
    complete(key, result);
    return true;
}

void RequestTracker::failAll(const QString &why)
{
    const QList<quint64> refs = m_pending.keys();
    for (quint64 ref : refs)
        complete(ref, RequestResult::connectionLost(QJsonValue(double(ref)), why));
}

void RequestTracker::complete(quint64 ref, const RequestResult &result)
{
    auto it = m_pending.find(ref);
    if (it == m_pending.end())
        return; // a handler of an earlier completion finished it already
    Pending p = std::move(it.value());
    m_pending.erase(it);
    p.timer->stop();
    p.timer->deleteLater(); // we may be inside its timeout signal
    if (p.handler)
        p.handler(result);
}

} // namespace collab::client
