#pragma once

#include <QProcess>

// Starts a collab-server child process (already set up with program and arguments, listening on
// port 0) and waits until it prints the port it listens on. Returns the port, 0 on failure.
quint16 startServerProcess(QProcess &process, int timeoutMs = 10000);

// Sets up `process` to run `command` (the program, then its arguments); with fileSizeLimit > 0
// under `prlimit --fsize` (a soft limit: `prlimit --pid` raises it later without privilege).
void setCommandWithFileSizeLimit(QProcess &process, QStringList command, qint64 fileSizeLimit);
