#pragma once

#include "rest/restauth.h"
#include "rest/restrouter.h"

namespace collab::server {

class Hub;
struct Actor;

// Course interactions over REST (issue 14; docs/rest.md "Course interactions"): threads,
// reactions, pins, questions and endorsements, polls, office-hours queues and the anonymity
// setting. An API key acts as its name with its role (integration keys: as an integration, which
// sees anonymous posts as classmates do). Bodies are decoded as the WebSocket messages are, from
// the same declarations.
class InteractionsController
{
public:
    InteractionsController(Hub &hub, const RestAuth &auth) : m_hub(hub), m_auth(auth) {}

    void registerRoutes(RestRouter &router);

private:
    // The key's actor for `course`, or false after answering the error.
    bool actorFor(const QString &course, const RestRequest &request, HttpReply &reply, Actor *actor) const;

    void thread(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void react(const QStringList &args, const RestRequest &request, HttpReply &reply, bool active);
    void pin(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void endorse(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void updateQuestion(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void pins(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void questions(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void createPoll(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void poll(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void vote(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void closePoll(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void queue(const QStringList &args, const RestRequest &request, HttpReply &reply);
    void setAnonymity(const QStringList &args, const RestRequest &request, HttpReply &reply);

    Hub &m_hub;
    const RestAuth &m_auth;
};

} // namespace collab::server
