#include "hub/coursejournal.h"

#include "bus/bus.h"
#include "store/eventlog.h"

#include <QDateTime>

namespace collab::server {

void CourseJournal::append(const QString &course, EventKind kind, QJsonObject data, Callback<CourseEvent> done)
{
    NewEvent event{course, kind, QDateTime::currentMSecsSinceEpoch(), std::move(data)};
    m_log.append(std::move(event), [this, done = std::move(done)](Result<CourseEvent> r) {
        if (r)
            m_bus.publishEvent(r.value());
        done(std::move(r));
    });
}

void CourseJournal::appendOnce(const QString &course, EventKind kind, QJsonObject data, const QString &key,
                               std::function<void(Result<std::pair<CourseEvent, bool>>)> done)
{
    NewEvent event{course, kind, QDateTime::currentMSecsSinceEpoch(), std::move(data)};
    m_log.appendOnce(std::move(event), key, [this, done = std::move(done)](Result<EventLog::Stored> r) {
        if (!r)
            return done(r.error());
        if (!r.value().duplicate)
            m_bus.publishEvent(r.value().event);
        done(std::make_pair(r.value().event, r.value().duplicate));
    });
}

} // namespace collab::server
