#pragma once

namespace collab::cli {

// collab-cli's exit codes: documented in --help and docs/cli.md. Scripts depend on them.
enum ExitCode : int {
    ExitOk = 0,            // the server acknowledged what was asked (or --listen was stopped)
    ExitFailure = 1,       // anything else (cannot write output, unexpected reply)
    ExitUsage = 2,         // bad command line
    ExitCannotConnect = 3, // server down or unreachable, or the connection dropped
    ExitRejected = 4,      // the server said no: wrong join code, unknown course, forbidden, ...
    ExitTimeout = 5,       // connected, but no answer within --timeout
    ExitInterrupted = 130, // SIGINT/SIGTERM before the request finished
};

} // namespace collab::cli
