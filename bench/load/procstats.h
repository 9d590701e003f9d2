#pragma once

#include <cstdint>

// What the generator reads about a process from /proc, and its own file descriptor limit.
namespace collab::bench {

// utime + stime of `pid` in clock ticks, or -1.
std::int64_t processCpuTicks(int pid);
// Clock ticks per second (sysconf(_SC_CLK_TCK)).
long clockTicksPerSecond();
// VmRSS of `pid` in KiB, or -1.
std::int64_t processRssKiB(int pid);
// Raises RLIMIT_NOFILE's soft limit to the hard limit; returns the new soft limit.
long raiseFileLimit();

} // namespace collab::bench
