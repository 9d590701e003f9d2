#pragma once

#include "config/serverconfig.h"
#include "limits/tokenbucket.h"
#include "protocol/protocolerror.h"

#include <QElapsedTimer>
#include <QHash>

#include <optional>

namespace collab::server {

// The rate limits of one WebSocket connection: chat commands, and every other request.
class ConnectionLimits
{
public:
    explicit ConnectionLimits(const LimitsConfig &config);

    // nullopt: go ahead. Otherwise the rate_limited error to answer (nothing is done).
    std::optional<ProtocolError> admitChat();
    std::optional<ProtocolError> admitRequest();

private:
    QElapsedTimer m_clock;
    TokenBucket m_chat;
    TokenBucket m_requests;
};

// The REST rate limit of every API key.
class ApiKeyLimits
{
public:
    explicit ApiKeyLimits(const LimitsConfig &config);

    std::optional<ProtocolError> admit(const QString &keyName);

private:
    LimitsConfig m_config;
    QElapsedTimer m_clock;
    QHash<QString, TokenBucket> m_buckets;
};

// A token bucket per key (a member of a course, an API key): `perSecond` tokens a second, up
// to `burst` (a rate of 0: no limit). File uploads per member use it (FilesController).
class KeyedLimits
{
public:
    KeyedLimits(double perSecond, double burst);

    std::optional<ProtocolError> admit(const QString &key);

private:
    double m_perSecond;
    double m_burst;
    QElapsedTimer m_clock;
    QHash<QString, TokenBucket> m_buckets;
};

// The error a limiter answers with; the message says when to retry.
ProtocolError rateLimited(qint64 retryAfterMs);

} // namespace collab::server
