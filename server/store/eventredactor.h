#pragma once

#include "model/courseevent.h"
#include "store/sqlitestatement.h"

#include <QList>

namespace collab::server {

// Retention's cut in the log itself (docs/operations.md, "Retention"): when an expiry is appended,
// the events that carried what it deletes are rewritten in place as tombstones, so that a replay
// (a rebuild, a restart, a node catching up) sees the tombstone and the expiry, never the content:
// - messages.expired: each message's chat.posted and chat.edited events become
//   {id, channel, replyTo, expired: true} (no author, no text);
// - files.expired: each file's file.uploaded event becomes {id, expired: true} (no name, uploader,
//   type, size or hash; the expiry itself carries the hashes whose bytes the nodes delete).
// Runs inside the transaction that appends the expiry, on the log's own connection; partial
// indexes of edits by message (events_edits_by_message) and of uploads by file
// (events_uploads_by_file) keep it to a lookup per id.
class EventRedactor
{
public:
    QString open(sqlite3 *handle);
    // Whether `kind` is an expiry whose events redact() rewrites.
    static bool redacts(EventKind kind) { return kind == EventKind::MessagesExpired || kind == EventKind::FilesExpired; }
    // The seqs it rewrote for `expiry` (see above), or an error.
    QString redact(const CourseEvent &expiry, QList<quint64> *rewritten);

private:
    QString redactMessages(const CourseEvent &expiry, QList<quint64> *rewritten);
    QString redactUploads(const CourseEvent &expiry, QList<quint64> *rewritten);

    SqliteStatement m_post;
    SqliteStatement m_edits;
    SqliteStatement m_upload;
};

} // namespace collab::server
