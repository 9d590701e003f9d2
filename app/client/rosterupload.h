#pragma once

#include "client/requestresult.h"

#include <QString>
#include <QStringList>

namespace collab::client {

class CollabClient;

// Sends a class roster (CSV text) as roster.import, in parts when it is over one frame's worth
// (docs/protocol.md: `upload`, `more`), one part at a time, each after the previous one's ack.
// `done` gets the last part's result (the import's ack, or the first error: nothing is imported
// then). A roster of 2,000 students (~100 KiB) is two or three parts.
void uploadRoster(CollabClient *client, const QString &course, const QString &csv, ResultHandler done);
// The parts uploadRoster sends: cut after a line end, each at most `maxBytes` as a JSON string
// (UTF-8 with escapes; a single longer line is cut between characters, never inside one).
QStringList rosterParts(const QString &csv, qsizetype maxBytes);

} // namespace collab::client
