#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

// collab-cli run as a user would run it, for the suites that check a feature's CLI flags.
//
// Runs the collab-cli at `binary` (the suite's COLLAB_CLI_BIN) with `args`, its name tokens kept in
// `tokenFile` (COLLAB_TOKEN_FILE) and `environment` over the process's own. Waits up to timeoutMs
// with the event loop running, so a server living in the test's thread answers it. Returns the
// exit code and fills `out` and `err`; -1 if it did not start, crashed or did not end in time.
int runCli(const QString &binary, const QString &tokenFile, const QStringList &args, QString *out, QString *err,
           int timeoutMs = 30000, const QProcessEnvironment &environment = {});

// The arguments that connect to `server` as `user` and join `course` with `joinCode`.
QStringList cliJoinArgs(const QUrl &server, const QString &course, const QString &user, const QString &joinCode);
