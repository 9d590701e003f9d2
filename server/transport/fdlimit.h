#pragma once

namespace collab::server {

// Raises the soft RLIMIT_NOFILE to the hard limit. Call once at server start: every connection is
// one fd and the usual soft limit (1024) caps a server far below its targets.
// Returns the soft limit now in force, or -1 if it cannot be read.
long raiseFileDescriptorLimit();

} // namespace collab::server
