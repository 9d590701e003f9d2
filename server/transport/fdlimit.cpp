#include "transport/fdlimit.h"

#include "transport/wslogging.h"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace collab::server {

long raiseFileDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        const rlim_t before = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
            qCWarning(lcWs) << "cannot raise RLIMIT_NOFILE:" << strerror(errno);
            return long(before);
        }
        qCInfo(lcWs) << "RLIMIT_NOFILE raised from" << qulonglong(before) << "to" << qulonglong(limit.rlim_cur);
    }
    return long(limit.rlim_cur);
}

} // namespace collab::server
