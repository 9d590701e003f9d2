#include "ackedlog.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace collab::bench {

AckedLog::~AckedLog()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool AckedLog::open(const std::string &path, std::string *error)
{
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        *error = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

bool AckedLog::append(std::string_view clientMsgId)
{
    if (m_fd < 0 || m_failed)
        return false;
    std::string line;
    line.reserve(clientMsgId.size() + 1);
    line.append(clientMsgId).push_back('\n');
    // One write per line: O_APPEND makes it a whole line in the file even if we die right after.
    const ssize_t n = ::write(m_fd, line.data(), line.size());
    if (n != ssize_t(line.size())) {
        m_failed = true;
        std::fprintf(stderr, "collab-bench: the acked log stopped: %s\n", n < 0 ? std::strerror(errno) : "short write");
        return false;
    }
    return true;
}

} // namespace collab::bench
