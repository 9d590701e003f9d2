#pragma once

#include "transport/transportconnection.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <algorithm>
#include <vector>

namespace collab::server {

// Which connections receive a course's frames. A frame is encoded once and every receiver's queue
// holds a reference to the same bytes. One virtual call per broadcast (not per receiver): each
// transport makes a CourseFanoutOf its own connection class (Transport::createFanout).
class CourseFanout
{
public:
    virtual ~CourseFanout() = default;
    virtual void subscribe(const QString &course, TransportConnection *connection) = 0;
    virtual void unsubscribe(const QString &course, TransportConnection *connection) = 0;
    virtual void broadcast(const QString &course, const QByteArray &frame, Delivery delivery) = 0;
    virtual int subscriberCount(const QString &course) const = 0;
};

// The fan-out for one transport's connection class. `Connection` gives
//   static Connection::BroadcastFrame encodeBroadcast(const QByteArray &utf8)  (once per broadcast)
//   void send(const BroadcastFrame &, Delivery)                                (non-virtual)
// and every connection subscribed is one of that transport's (the static_cast below).
template<typename Connection>
class CourseFanoutOf final : public CourseFanout
{
public:
    void subscribe(const QString &course, TransportConnection *connection) override
    {
        std::vector<Connection *> &list = m_subscribers[course];
        Connection *c = static_cast<Connection *>(connection);
        if (std::find(list.begin(), list.end(), c) == list.end())
            list.push_back(c);
    }

    void unsubscribe(const QString &course, TransportConnection *connection) override
    {
        auto it = m_subscribers.find(course);
        if (it == m_subscribers.end())
            return;
        std::vector<Connection *> &list = it.value();
        auto pos = std::find(list.begin(), list.end(), static_cast<Connection *>(connection));
        if (pos != list.end()) {
            *pos = list.back(); // order among receivers does not matter
            list.pop_back();
        }
        if (list.empty())
            m_subscribers.erase(it);
    }

    void broadcast(const QString &course, const QByteArray &frame, Delivery delivery) override
    {
        auto it = m_subscribers.constFind(course);
        if (it == m_subscribers.constEnd())
            return;
        const typename Connection::BroadcastFrame encoded = Connection::encodeBroadcast(frame);
        for (Connection *c : it.value())
            c->send(encoded, delivery);
    }

    int subscriberCount(const QString &course) const override { return int(m_subscribers.value(course).size()); }

private:
    QHash<QString, std::vector<Connection *>> m_subscribers;
};

} // namespace collab::server
