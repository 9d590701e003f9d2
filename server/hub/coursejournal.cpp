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

} // namespace collab::server
