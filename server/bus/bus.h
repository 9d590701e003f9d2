#pragma once

#include "model/courseevent.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace collab::server {

// Carries what happens in a course to every node that serves it. Events are durable and ordered
// by seq (they were stored first); ephemeral messages (presence, typing) are fire-and-forget.
// LocalBus serves one process; a Redis implementation serves several nodes.
class Bus : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void publishEvent(const CourseEvent &event) = 0;
    // `frame` is the encoded server → client message, ready to send as it is.
    virtual void publishEphemeral(const QString &course, const QByteArray &frame) = 0;

Q_SIGNALS:
    void eventReceived(const collab::CourseEvent &event);
    void ephemeralReceived(const QString &course, const QByteArray &frame);
};

// The in-process bus: everything published is delivered at once to this process.
class LocalBus final : public Bus
{
    Q_OBJECT

public:
    using Bus::Bus;

    void publishEvent(const CourseEvent &event) override { Q_EMIT eventReceived(event); }
    void publishEphemeral(const QString &course, const QByteArray &frame) override
    {
        Q_EMIT ephemeralReceived(course, frame);
    }
};

} // namespace collab::server
