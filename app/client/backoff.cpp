#include "client/backoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace collab::client {

Backoff::Backoff(Policy policy)
    : m_policy(policy)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    m_policy.initialMs = std::max(1, m_policy.initialMs);
    m_policy.maxMs = std::max(m_policy.initialMs, m_policy.maxMs);
    m_policy.factor = std::max(1.0, m_policy.factor);
    m_policy.jitter = std::clamp(m_policy.jitter, 0.0, 1.0);
}

int Backoff::next()
{
    // pow() of a large attempt count overflows to inf; min() with max keeps it finite.
    const double base = std::min(double(m_policy.maxMs), m_policy.initialMs * std::pow(m_policy.factor, m_attempt));
    ++m_attempt;
    const double r = std::clamp(m_random(), 0.0, 1.0);
    const double delay = base * (1.0 - m_policy.jitter * r);
    return std::max(1, int(std::lround(delay)));
}

} // namespace collab::client
