#pragma once

#include "notes/textedits.h"
#include "rest/restauth.h"
#include "rest/restrouter.h"

namespace collab::server {

class Hub;
class NoteHistoryController;

// The body of POST .../notes/{note}/edits as an edit of a note of `noteLength` units:
// {"op": "insert", "position", "text"} | {"op": "delete", "position", "length"} | {"op": "append", "text"}
Result<TextEdit> editFromJson(const QJsonObject &json, int noteLength);

// /api/v1/courses/{course}/notes/{note}: read a shared note, and edit it as the server's replica.
class NotesController
{
public:
    NotesController(Hub &hub, const RestAuth &auth, NoteHistoryController &history)
        : m_hub(hub), m_auth(auth), m_history(history)
    {
    }

    void registerRoutes(RestRouter &router);

private:
    void get(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void edit(const QStringList &args, const RestRequest &request, HttpReply &reply);

    Hub &m_hub;
    const RestAuth &m_auth;
    NoteHistoryController &m_history; // answers ?at=
};

} // namespace collab::server
