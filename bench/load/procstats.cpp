#include "procstats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace collab::bench {

namespace {

std::string readFile(const std::string &path)
{
    std::string text;
    if (FILE *f = std::fopen(path.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
            text.append(buf, n);
        std::fclose(f);
    }
    return text;
}

} // namespace

std::int64_t processCpuTicks(int pid)
{
    const std::string stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    // The command name is in parentheses and may contain spaces: count fields after the last ')'.
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos)
        return -1;
    unsigned long long utime = 0, stime = 0;
    // After ")": state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
    if (std::sscanf(stat.c_str() + close + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return -1;
    return std::int64_t(utime + stime);
}

long clockTicksPerSecond()
{
    return sysconf(_SC_CLK_TCK);
}

std::int64_t processRssKiB(int pid)
{
    const std::string status = readFile("/proc/" + std::to_string(pid) + "/status");
    const std::size_t at = status.find("VmRSS:");
    if (at == std::string::npos)
        return -1;
    return std::strtoll(status.c_str() + at + 6, nullptr, 10);
}

long raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return long(limit.rlim_cur);
}

} // namespace collab::bench
