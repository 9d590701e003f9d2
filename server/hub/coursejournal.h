#pragma once

#include "model/courseevent.h"
#include "protocol/result.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace collab::server {

class Bus;
class EventLog;

template <typename T>
using Callback = std::function<void(Result<T>)>;

// Records a course event: stores it and, once it is durable, publishes it to every node (this one
// included), so that every command that changes history does both in the same order.
class CourseJournal
{
public:
    CourseJournal(EventLog &log, Bus &bus) : m_log(log), m_bus(bus) {}

    void append(const QString &course, EventKind kind, QJsonObject data, Callback<CourseEvent> done);
    // Appends unless an event with `key` was appended before (on any node: the log checks);
    // `done` gets whether it was such a duplicate, in which case nothing is published.
    void appendOnce(const QString &course, EventKind kind, QJsonObject data, const QString &key,
                    std::function<void(Result<std::pair<CourseEvent, bool>>)> done);

private:
    EventLog &m_log;
    Bus &m_bus;
};

} // namespace collab::server
