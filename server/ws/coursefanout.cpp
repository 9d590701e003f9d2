#include "ws/coursefanout.h"

#include <algorithm>

namespace collab::server {

void CourseFanout::subscribe(const QString &course, WsConnection *connection)
{
    std::vector<WsConnection *> &list = m_subscribers[course];
    if (std::find(list.begin(), list.end(), connection) == list.end())
        list.push_back(connection);
}

void CourseFanout::unsubscribe(const QString &course, WsConnection *connection)
{
    auto it = m_subscribers.find(course);
    if (it == m_subscribers.end())
        return;
    std::vector<WsConnection *> &list = it.value();
    auto pos = std::find(list.begin(), list.end(), connection);
    if (pos != list.end()) {
        *pos = list.back(); // order among receivers does not matter
        list.pop_back();
    }
    if (list.empty())
        m_subscribers.erase(it);
}

void CourseFanout::broadcast(const QString &course, const QByteArray &frame, Delivery delivery)
{
    auto it = m_subscribers.constFind(course);
    if (it == m_subscribers.constEnd())
        return;
    const SharedFrame encoded = SharedFrame::text(frame);
    for (WsConnection *c : it.value())
        c->send(encoded, delivery);
}

int CourseFanout::subscriberCount(const QString &course) const
{
    return int(m_subscribers.value(course).size());
}

} // namespace collab::server
