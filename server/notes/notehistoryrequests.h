#pragma once

#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "notes/notehistory.h"
#include "protocol/historymessages.h"

#include <QJsonObject>

namespace collab::server {

class Hub;

// The note-history requests as the WebSocket (note.history, note.at, ...) and REST (GET
// .../notes/{note}/history, ?at=, ...) answer them: one set of checks and one answer shape for
// both gateways. Reads need only that the caller may read the note (a member of the course, an API
// key of it); names and restores go through the Hub's rules (moderators only).
class NoteHistoryRequests
{
public:
    explicit NoteHistoryRequests(Hub &hub) : m_hub(hub) {}

    void versions(const QString &course, const QString &note, quint64 before, int limit, Callback<QJsonObject> done);
    void textAt(const QString &course, const QString &note, const NotePoint &point, Callback<QJsonObject> done);
    // `to`: nullopt for the note as it is now.
    void diff(const QString &course, const QString &note, const NotePoint &from, std::optional<NotePoint> to,
              Callback<QJsonObject> done);
    void authors(const QString &course, const QString &note, std::optional<NotePoint> at, Callback<QJsonObject> done);
    void name(const Actor &actor, const proto::NoteNameVersion &m, Callback<QJsonObject> done);
    void restore(const Actor &actor, const QString &course, const QString &note, const NotePoint &point,
                 Callback<QJsonObject> done);

private:
    // The version a point names (nullopt: now, the latest); the error if the note cannot be read.
    Result<quint64> point(const QString &course, const QString &note, std::optional<NotePoint> point);

    Hub &m_hub;
};

} // namespace collab::server
