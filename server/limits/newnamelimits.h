#pragma once

#include "config/serverconfig.h"
#include "identity/nameclaims.h"
#include "limits/tokenbucket.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>

namespace collab::server {

// Bounds the names claimed for the first time, per address and per course
// (limits.newNamesPerAddressPerMinute, newNamesPerCoursePerMinute), so that one address or a crowd
// cannot take a course's member slots in seconds. Names already claimed are never refused.
// Per node, in the hub thread.
class NewNameLimits
{
public:
    explicit NewNameLimits(const LimitsConfig &config);

    // The gate a claim store asks before it claims a new name for `address` in `course`.
    NewNameGate gate(const QHostAddress &address, const QString &course);
    quint64 refused() const { return m_refused; }

private:
    std::optional<ProtocolError> check(const QHostAddress &address, const QString &course);
    void taken(const QHostAddress &address, const QString &course);
    TokenBucket &bucket(QHash<QString, TokenBucket> &table, const QString &key, int perMinute);

    LimitsConfig m_config;
    QElapsedTimer m_clock;
    QHash<QString, TokenBucket> m_byAddress;
    QHash<QString, TokenBucket> m_byCourse;
    quint64 m_refused = 0;
};

} // namespace collab::server
