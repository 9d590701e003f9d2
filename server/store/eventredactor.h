#pragma once

#include "model/courseevent.h"
#include "store/sqlitestatement.h"

#include <QList>

namespace collab::server {

// Retention's cut in the log itself (docs/operations.md, "Retention"): when a messages.expired
// event is appended, the events that carried those messages' text — each message's chat.posted
// and its chat.edited events — are rewritten in place as tombstones: {id, channel, replyTo,
// expired: true}, no author, no text. A replay (a rebuild, a restart, a node catching up) then
// sees the tombstone and the expiry, never the text. Runs inside the transaction that appends the
// expiry, on the log's own connection; an index of edits by message (events_edits_by_message)
// keeps it to a lookup per message.
class EventRedactor
{
public:
    QString open(sqlite3 *handle);
    // The seqs it rewrote (chat.posted and chat.edited events of `event`'s ids), or an error.
    QString redact(const CourseEvent &expiry, QList<quint64> *rewritten);

private:
    SqliteStatement m_post;
    SqliteStatement m_edits;
};

} // namespace collab::server
