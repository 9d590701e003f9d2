#pragma once

#include "hub/actor.h"
#include "protocol/clientmessages.h"
#include "rest/restauth.h"
#include "rest/restrouter.h"
#include "rest/routehelpers.h"

#include <QJsonObject>

namespace collab::server {

Result<proto::CourseCreate> courseCreateFromJson(QJsonObject body);                    // the course is "id"
Result<proto::ChannelAdd> channelAddFromJson(QJsonObject body, const QString &course); // the channel is "name"
Result<proto::NoteCreate> noteCreateFromJson(QJsonObject body, const QString &course); // the note is "name"

class Hub;
struct Actor;

// The REST routes that run a course (docs/rest.md, "Running a course"): create, change and delete
// courses, channels and notes, rotate the join code, lock notes, remove and restore members, set
// roles, import a roster, read the moderation log. What an API key may do is its role's
// ("role" in the configuration: admin, instructor or the default integration), checked by the
// Hub's rule table like every other surface's.
class CourseAdminController
{
public:
    CourseAdminController(Hub &hub, const RestAuth &auth) : m_hub(hub), m_auth(auth) {}

    void registerRoutes(RestRouter &router);

private:
    using Args = QStringList;
    void createCourse(const RestRequest &request, HttpReply &reply);
    void updateCourse(const Args &a, const RestRequest &request, HttpReply &reply);
    void deleteCourse(const Args &a, const RestRequest &request, HttpReply &reply);
    void addChannel(const Args &a, const RestRequest &request, HttpReply &reply);
    void updateChannel(const Args &a, const RestRequest &request, HttpReply &reply);
    void createNote(const Args &a, const RestRequest &request, HttpReply &reply);
    void updateNote(const Args &a, const RestRequest &request, HttpReply &reply);
    void rotateJoinCode(const Args &a, const RestRequest &request, HttpReply &reply);
    void lockNote(const Args &a, const RestRequest &request, HttpReply &reply);
    void removeMember(const Args &a, const RestRequest &request, HttpReply &reply);
    void restoreMember(const Args &a, const RestRequest &request, HttpReply &reply);
    void setRole(const Args &a, const RestRequest &request, HttpReply &reply);
    void importRoster(const Args &a, const RestRequest &request, HttpReply &reply);
    void moderationLog(const Args &a, const RestRequest &request, HttpReply &reply);

    // The key's actor for `course` (checked: key, scope, course), or false after answering the error.
    bool actorFor(const QString &course, const RestRequest &request, HttpReply &reply, Actor *actor) const;

    Hub &m_hub;
    const RestAuth &m_auth;
};

} // namespace collab::server
