#pragma once

#include <QtGlobal>

namespace collab::server {

// A token bucket: `rate` tokens a second, at most `burst` saved up. A rate of 0 means no limit.
// Time comes from the caller (milliseconds on any monotonic clock), so it is cheap and testable.
class TokenBucket
{
public:
    TokenBucket(double rate, double burst) : m_rate(rate), m_burst(burst), m_tokens(burst) {}

    // Takes one token if there is one. Otherwise returns false and, through retryAfterMs, how long
    // until there will be.
    bool take(qint64 nowMs, qint64 *retryAfterMs = nullptr) { return take(nowMs, 1.0, retryAfterMs); }

    // Takes `cost` tokens. A cost over the burst is taken from a full bucket, which then owes the
    // rest: one big request is possible, and the average rate still holds.
    bool take(qint64 nowMs, double cost, qint64 *retryAfterMs)
    {
        if (!available(nowMs, cost, retryAfterMs))
            return false;
        if (m_rate > 0)
            m_tokens -= cost;
        return true;
    }

    // Whether take() would succeed now, without taking (the same retryAfterMs when not).
    bool available(qint64 nowMs, qint64 *retryAfterMs = nullptr) { return available(nowMs, 1.0, retryAfterMs); }

    bool available(qint64 nowMs, double cost, qint64 *retryAfterMs)
    {
        if (m_rate <= 0)
            return true;
        if (m_lastMs >= 0)
            m_tokens = std::min(m_burst, m_tokens + double(nowMs - m_lastMs) * m_rate / 1000.0);
        m_lastMs = nowMs;
        const double needed = std::min(cost, m_burst);
        if (m_tokens >= needed)
            return true;
        if (retryAfterMs)
            *retryAfterMs = qint64((needed - m_tokens) * 1000.0 / m_rate) + 1;
        return false;
    }

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs = -1;
};

} // namespace collab::server
