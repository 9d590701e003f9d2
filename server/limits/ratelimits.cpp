#include "limits/ratelimits.h"

namespace collab::server {

ProtocolError rateLimited(qint64 retryAfterMs)
{
    ProtocolError e = ProtocolError::make(ErrorCode::RateLimited, QStringLiteral("too many requests; retry in %1 ms").arg(retryAfterMs));
    e.retryAfterMs = retryAfterMs;
    return e;
}

ConnectionLimits::ConnectionLimits(const LimitsConfig &config)
    : m_chat(config.chatPerSecond, config.chatBurst), m_requests(config.requestsPerSecond, config.requestBurst)
{
    m_clock.start();
}

std::optional<ProtocolError> ConnectionLimits::admitChat()
{
    qint64 retry = 0;
    if (m_chat.take(m_clock.elapsed(), &retry))
        return std::nullopt;
    return rateLimited(retry);
}

std::optional<ProtocolError> ConnectionLimits::admitRequest()
{
    qint64 retry = 0;
    if (m_requests.take(m_clock.elapsed(), &retry))
        return std::nullopt;
    return rateLimited(retry);
}

KeyedLimits::KeyedLimits(double perSecond, double burst) : m_perSecond(perSecond), m_burst(burst)
{
    m_clock.start();
}

std::optional<ProtocolError> KeyedLimits::admit(const QString &key)
{
    if (m_perSecond <= 0)
        return std::nullopt;
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, TokenBucket(m_perSecond, std::max(1.0, m_burst)));
    qint64 retry = 0;
    if (it->take(m_clock.elapsed(), &retry))
        return std::nullopt;
    return rateLimited(retry);
}

ApiKeyLimits::ApiKeyLimits(const LimitsConfig &config) : m_config(config) { m_clock.start(); }

std::optional<ProtocolError> ApiKeyLimits::admit(const QString &keyName)
{
    auto it = m_buckets.find(keyName);
    if (it == m_buckets.end())
        it = m_buckets.insert(keyName, TokenBucket(m_config.restPerSecond, m_config.restBurst));
    qint64 retry = 0;
    if (it->take(m_clock.elapsed(), &retry))
        return std::nullopt;
    return rateLimited(retry);
}

} // namespace collab::server
