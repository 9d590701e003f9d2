#pragma once

#include <algorithm>
#include <cstdint>

// Exponential backoff for reconnects and resends: 50 ms, 100 ms, ... up to 1 s (as the real
// client and the server's Redis connections do), reset by a success.
namespace collab::bench {

class Backoff
{
public:
    static constexpr std::int64_t kFirstNs = 50'000'000;
    static constexpr std::int64_t kMaxNs = 1'000'000'000;

    // The time of the next attempt after a failure at `now`.
    std::int64_t after(std::int64_t now)
    {
        m_delay = m_delay == 0 ? kFirstNs : std::min(2 * m_delay, kMaxNs);
        return now + m_delay;
    }
    void reset() { m_delay = 0; }

private:
    std::int64_t m_delay = 0;
};

} // namespace collab::bench
