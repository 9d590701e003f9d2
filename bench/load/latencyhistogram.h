#pragma once

#include <cstdint>
#include <vector>

// Latency samples in a fixed-size histogram: 1 µs buckets up to 100 ms, then 1 ms buckets up to
// 100 s. Constant memory and O(1) recording at hundreds of thousands of samples per second.
namespace collab::bench {

class LatencyHistogram
{
public:
    LatencyHistogram();

    void record(std::int64_t nanoseconds);
    std::uint64_t count() const { return m_count; }
    // The latency (ms) at quantile q in [0, 1]; 0 without samples.
    double quantileMs(double q) const;
    double maxMs() const { return double(m_maxNs) / 1e6; }

private:
    std::vector<std::uint32_t> m_fine;   // µs
    std::vector<std::uint32_t> m_coarse; // ms
    std::uint64_t m_count = 0;
    std::int64_t m_maxNs = 0;
};

} // namespace collab::bench
