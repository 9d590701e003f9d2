#pragma once

#include "rest/restauth.h"
#include "rest/restrouter.h"

#include <optional>

namespace collab::server {

class Hub;

// The body of POST .../channels/{channel}/messages: {"text", "author"?, "clientMsgId"?, "replyTo"?,
// "question"?, "anonymous"?}.
struct MessagePostBody
{
    QString text;
    std::optional<QString> author; // none: the API key's name
    QString clientMsgId;           // empty: the Idempotency-Key header, if any
    quint64 replyTo = 0;
    bool question = false;
    bool anonymous = false;
    QStringList files; // ids of files uploaded to the course
};
Result<MessagePostBody> messagePostFromJson(const QJsonObject &json);
// The body of PATCH .../messages/{id}: {"text"}; returns the new text.
Result<QString> messageEditFromJson(const QJsonObject &json);

// /api/v1/courses/{course}/channels/{channel}/messages and /api/v1/courses/{course}/messages/{id}:
// list, post, edit and delete chat messages as an integration.
class MessagesController
{
public:
    MessagesController(Hub &hub, const RestAuth &auth) : m_hub(hub), m_auth(auth) {}

    void registerRoutes(RestRouter &router);

private:
    void list(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void post(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void edit(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void remove(const QStringList &args, const RestRequest &request, HttpReply &reply);

    Hub &m_hub;
    const RestAuth &m_auth;
};

} // namespace collab::server
