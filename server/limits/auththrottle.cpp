#include "limits/auththrottle.h"

#include "limits/addresscounts.h"
#include "limits/ratelimits.h"
#include "logging.h"

#include <algorithm>

namespace collab::server {

const char *authFailureName(AuthFailure kind)
{
    switch (kind) {
    case AuthFailure::JoinCode: return "join_code";
    case AuthFailure::InstructorSecret: return "instructor_secret";
    case AuthFailure::NameToken: return "name_token";
    case AuthFailure::ApiKey: return "api_key";
    }
    return "unknown";
}

AuthThrottle::AuthThrottle(const LimitsConfig &config) : m_config(config) { m_clock.start(); }

template <typename Key>
qint64 AuthThrottle::blockedFor(const QHash<Key, Backoff> &table, const Key &key, qint64 now)
{
    const auto it = table.constFind(key);
    return it == table.constEnd() ? 0 : std::max<qint64>(0, it->blockedUntilMs - now);
}

template <typename Key>
void AuthThrottle::fail(QHash<Key, Backoff> &table, const Key &key, int freeFailures, qint64 maxMs, qint64 now)
{
    if (freeFailures <= 0)
        return;
    Backoff &b = table[key];
    if (b.failures > 0 && now - b.lastFailureMs > ForgetAfterMs)
        b = Backoff{};
    ++b.failures;
    b.lastFailureMs = now;
    const int over = b.failures - freeFailures;
    if (over <= 0)
        return;
    const qint64 wait = over > 20 ? maxMs : std::min<qint64>(maxMs, qint64(1000) << (over - 1));
    b.blockedUntilMs = now + wait;
}

std::optional<ProtocolError> AuthThrottle::admit(const QHostAddress &address, const QString &name)
{
    const qint64 now = m_clock.elapsed();
    qint64 wait = blockedFor(m_byAddress, AddressCounts::key(address), now);
    if (!name.isEmpty())
        wait = std::max(wait, blockedFor(m_byName, name, now));
    if (wait <= 0)
        return std::nullopt;
    ++m_refused;
    ProtocolError e = rateLimited(wait);
    e.message = QStringLiteral("too many failed attempts from your address or for this name; retry in %1 ms").arg(wait);
    return e;
}

void AuthThrottle::failed(AuthFailure kind, const QHostAddress &address, const QString &name)
{
    const qint64 now = m_clock.elapsed();
    ++m_failures[size_t(kind)];
    fail(m_byAddress, AddressCounts::key(address), m_config.authFailuresPerAddress, m_config.authBackoffMaxMs, now);
    if (!name.isEmpty())
        fail(m_byName, name, m_config.authFailuresPerName, m_config.authBackoffMaxMs, now);
    if (++m_sinceSweep >= 4096)
        forgetOld(now);
}

void AuthThrottle::forgetOld(qint64 now)
{
    m_sinceSweep = 0;
    auto old = [now](const Backoff &b) { return now - b.lastFailureMs > ForgetAfterMs; };
    m_byAddress.removeIf([&](auto it) { return old(it.value()); });
    m_byName.removeIf([&](auto it) { return old(it.value()); });
}

} // namespace collab::server
