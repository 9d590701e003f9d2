#pragma once

#include "transport/wsconnection.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <vector>

namespace collab::server {

// Which connections receive a course's frames. A frame is encoded once and every receiver's queue
// holds a reference to the same bytes.
class CourseFanout
{
public:
    void subscribe(const QString &course, WsConnection *connection);
    void unsubscribe(const QString &course, WsConnection *connection);
    void broadcast(const QString &course, const QByteArray &frame, Delivery delivery);
    int subscriberCount(const QString &course) const;

private:
    QHash<QString, std::vector<WsConnection *>> m_subscribers;
};

} // namespace collab::server
