#pragma once

#include <string>
#include <string_view>

// --acked-log FILE: one line per acknowledged message, its clientMsgId, written to the kernel as
// the ack arrives (no user-space buffer), so a file read after any crash — the server's or the
// generator's own — lists exactly the messages the server confirmed.
namespace collab::bench {

class AckedLog
{
public:
    AckedLog() = default;
    ~AckedLog();
    AckedLog(const AckedLog &) = delete;
    AckedLog &operator=(const AckedLog &) = delete;

    // Creates (truncates) the file; false with `error` set on failure.
    bool open(const std::string &path, std::string *error);
    bool isOpen() const { return m_fd >= 0; }
    // False once a write failed (reported once on stderr; the run goes on).
    bool append(std::string_view clientMsgId);
    bool failed() const { return m_failed; }

private:
    int m_fd = -1;
    bool m_failed = false;
};

} // namespace collab::bench
