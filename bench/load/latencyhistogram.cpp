#include "latencyhistogram.h"

#include <algorithm>

namespace collab::bench {

namespace {
constexpr std::int64_t kFineBuckets = 100000;   // 100 ms in µs
constexpr std::int64_t kCoarseBuckets = 100000; // 100 s in ms
} // namespace

LatencyHistogram::LatencyHistogram() : m_fine(kFineBuckets, 0), m_coarse(kCoarseBuckets, 0) {}

void LatencyHistogram::record(std::int64_t nanoseconds)
{
    nanoseconds = std::max<std::int64_t>(0, nanoseconds);
    m_maxNs = std::max(m_maxNs, nanoseconds);
    ++m_count;
    const std::int64_t us = nanoseconds / 1000;
    if (us < kFineBuckets)
        ++m_fine[std::size_t(us)];
    else
        ++m_coarse[std::size_t(std::min(us / 1000, kCoarseBuckets - 1))];
}

double LatencyHistogram::quantileMs(double q) const
{
    if (m_count == 0)
        return 0;
    const auto rank = std::uint64_t(q * double(m_count - 1)) + 1;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_fine.size(); ++i) {
        seen += m_fine[i];
        if (seen >= rank)
            return (double(i) + 0.5) / 1000.0; // bucket midpoint
    }
    for (std::size_t i = 0; i < m_coarse.size(); ++i) {
        seen += m_coarse[i];
        if (seen >= rank)
            return double(i) + 0.5;
    }
    return maxMs();
}

} // namespace collab::bench
