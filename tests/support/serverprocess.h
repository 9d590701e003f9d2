#pragma once

#include <QProcess>

// Starts a collab-server child process (already set up with program and arguments, listening on
// port 0) and waits until it prints the port it listens on. Returns the port, 0 on failure.
quint16 startServerProcess(QProcess &process, int timeoutMs = 10000);
