#pragma once

#include "notes/notehistory.h"
#include "rest/restauth.h"
#include "rest/restrouter.h"

namespace collab::server {

class Hub;

// A note's history over REST (docs/rest.md, "Note history"): GET .../notes/{note}/history,
// .../diff, .../authors, POST .../versions and .../restore; GET .../notes/{note}?at= is answered
// here too (NotesController hands it over). Same rules and answers as the WebSocket messages.
class NoteHistoryController
{
public:
    NoteHistoryController(Hub &hub, const RestAuth &auth) : m_hub(hub), m_auth(auth) {}

    void registerRoutes(RestRouter &router);
    // GET .../notes/{note}?at=SEQ | ?time=ISO | ?version=NAME; false if the query names no point.
    bool getAt(const QStringList &args, const RestRequest &request, HttpReply &reply);

    // A query's point: `at` (a seq), `time` (an ISO 8601 date-time) or `version` (a name).
    // nullopt (and no error) when none is given.
    static Result<std::optional<NotePoint>> pointFromQuery(const QByteArray &query, const char *seqKey);

private:
    void history(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void diff(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void authors(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void nameVersion(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void restore(const QStringList &args, const RestRequest &request, HttpReply &reply);

    Hub &m_hub;
    const RestAuth &m_auth;
};

} // namespace collab::server
