#include "limits/newnamelimits.h"

#include "limits/addresscounts.h"
#include "limits/ratelimits.h"

namespace collab::server {

NewNameLimits::NewNameLimits(const LimitsConfig &config) : m_config(config) { m_clock.start(); }

TokenBucket &NewNameLimits::bucket(QHash<QString, TokenBucket> &table, const QString &key, int perMinute)
{
    auto it = table.find(key);
    if (it == table.end()) {
        // Whole buckets of an idle key are forgotten now and then, so the table stays small.
        if (table.size() > 100'000)
            table.clear();
        it = table.insert(key, TokenBucket(perMinute / 60.0, perMinute));
    }
    return *it;
}

std::optional<ProtocolError> NewNameLimits::check(const QHostAddress &address, const QString &course)
{
    const qint64 now = m_clock.elapsed();
    qint64 retry = 0;
    if (m_config.newNamesPerAddressPerMinute > 0
        && !bucket(m_byAddress, AddressCounts::key(address).toString(), m_config.newNamesPerAddressPerMinute).available(now, &retry)) {
        ++m_refused;
        ProtocolError e = rateLimited(retry);
        e.message = QStringLiteral("too many new names from your address (%1 a minute); retry in %2 ms")
                        .arg(m_config.newNamesPerAddressPerMinute).arg(retry);
        return e;
    }
    if (m_config.newNamesPerCoursePerMinute > 0
        && !bucket(m_byCourse, course, m_config.newNamesPerCoursePerMinute).available(now, &retry)) {
        ++m_refused;
        ProtocolError e = rateLimited(retry);
        e.message = QStringLiteral("too many new names in %1 (%2 a minute); retry in %3 ms")
                        .arg(course).arg(m_config.newNamesPerCoursePerMinute).arg(retry);
        return e;
    }
    return std::nullopt;
}

void NewNameLimits::taken(const QHostAddress &address, const QString &course)
{
    const qint64 now = m_clock.elapsed();
    if (m_config.newNamesPerAddressPerMinute > 0)
        bucket(m_byAddress, AddressCounts::key(address).toString(), m_config.newNamesPerAddressPerMinute).take(now);
    if (m_config.newNamesPerCoursePerMinute > 0)
        bucket(m_byCourse, course, m_config.newNamesPerCoursePerMinute).take(now);
}

NewNameGate NewNameLimits::gate(const QHostAddress &address, const QString &course)
{
    return NewNameGate{[this, address, course] { return check(address, course); },
                       [this, address, course] { taken(address, course); }};
}

} // namespace collab::server
