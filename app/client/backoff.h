#pragma once

#include <functional>

namespace collab::client {

// Exponential backoff with jitter for reconnects and resends: initial, doubled after each failure,
// capped at max. Jitter spreads the delay over [d*(1-jitter), d] so that clients dropped together
// by a server restart do not all come back in the same millisecond.
class Backoff
{
public:
    struct Policy
    {
        int initialMs = 250;
        int maxMs = 10000;
        double factor = 2.0;
        double jitter = 0.5; // 0: none, 1: anywhere in [0, d]
    };

    Backoff() : Backoff(Policy{}) {}
    explicit Backoff(Policy policy);

    // The delay before the next attempt; each call counts one more failure.
    int next();
    // After a success: the next failure waits initialMs again.
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }
    const Policy &policy() const { return m_policy; }

    // Uniform [0, 1) numbers; replaceable so tests are deterministic.
    void setRandomSource(std::function<double()> random) { m_random = std::move(random); }

private:
    Policy m_policy;
    int m_attempt = 0;
    std::function<double()> m_random;
};

} // namespace collab::client
