#pragma once

#include <QString>

namespace collab::server::datadirectory {

// The data directory holds the event log, the name claims (token hashes), the demo configuration
// (its join code and API key) and the node id: nothing another local user may read. What the
// server creates there is private whatever the umask (docs/security.md, "Files at rest").

// Creates `path` (parents as the umask says, the directory itself 0700). A directory that already
// exists and is open to its group or to others (made by hand under umask 022: 0755) is tightened
// to 0700, and the files in it that are open to others to 0600, with a one-line warning each; if
// that is not allowed (another owner), the one-line error to refuse to start with. Empty on success.
QString preparePrivate(const QString &path);

// Creates the empty file `path` 0600 unless it exists (then leaves it as it is: preparePrivate()
// tightened it). SQLite then opens it instead of creating it 0644 & ~umask; its -wal and -shm
// files take the database's mode. Empty on success, else a one-line error.
QString createPrivateFile(const QString &path);

} // namespace collab::server::datadirectory
