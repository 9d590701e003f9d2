#pragma once

#include <QHash>
#include <QString>
#include <QtGlobal>

namespace collab::server {

// The bounds of the HTTP side (docs/security.md, "Limits"). The fields are set from the config
// file's "limits" (ServerInstance; tests inject short timeouts); the defaults are its defaults.
struct HttpLimits
{
    static constexpr qsizetype MaxHeadBytes = 16 * 1024;  // request line + headers: 431 over it
    static constexpr qint64 MaxBodyBytes = 64 * 1024;     // Content-Length over it: 413 from the head
    // POST /api/v1/courses/{course}/roster: a class roster as CSV (5,000 rows of name, email and
    // role are ~250 KiB; a course holds at most maxMembers people, and the parser says so by row).
    static constexpr qint64 MaxRosterBodyBytes = 4 * 1024 * 1024;
    static constexpr int MaxUnanswered = 32;              // pipelined requests waiting for the hub
    static constexpr qsizetype MaxUnsentBytes = 256 * 1024; // answers the client has not read yet
    static constexpr qint64 MaxDrainBytes = 4 * 1024 * 1024; // dropped after a refusal, at most

    // POST /api/v1/courses/{course}/files: a file's bytes (issue 15, part 3), up to the course's
    // maxFileBytes (the config's "files"); the parser refuses a longer Content-Length from the head,
    // before a byte of the body is kept. Set before the HTTP thread starts, read-only after.
    qint64 maxUploadBytes = 0;                       // a course without its own limit (0: no uploads)
    QHash<QString, qint64> uploadBytesByCourse;      // courses with their own
    qint64 uploadLimitFor(const QString &course) const { return uploadBytesByCourse.value(course, maxUploadBytes); }
    // An upload may take longer than requestTimeoutMs: one more second for every this many bytes
    // it announced (25 MB: ~6 minutes at worst), so a slow link finishes and a trickle still ends.
    static constexpr qint64 MinUploadBytesPerSecond = 64 * 1024;

    int idleTimeoutMs = 60'000;   // no request in progress (or answers unread) for that long: closed
    int requestTimeoutMs = 10'000; // a request (head and body) not received whole in time: closed
    int lingerMs = 2'000;          // after a refusal or a last answer, drain this long, then close
    // Open connections from one IP address (0: no limit); one more is answered 503 and closed.
    // Students behind a campus NAT speak WebSocket (their own cap); REST callers are integrations,
    // the busiest an LMS with ~50 keep-alive connections: 64 leaves it room, while one host can
    // no longer take thousands of descriptors (docs/security.md, "Why 64").
    int connectionsPerAddress = 64;
};

} // namespace collab::server
