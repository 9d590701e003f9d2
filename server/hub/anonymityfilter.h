#pragma once

#include "hub/actor.h"
#include "model/chatmessage.h"
#include "model/courseevent.h"

#include <QJsonObject>
#include <QString>

namespace collab::server {

// Who reads course data, for what they may see of anonymous posts: moderators (instructors, TAs,
// administrators) see the author; everyone else — students, integrations through REST — sees only
// the pseudonym, except on their own posts.
struct Reader
{
    QString user;
    bool seesAuthors = false;
    static Reader of(const Actor &effectiveActor); // the actor with its role in the course as it is now
};

// Anonymous to classmates (issue 14, part 6). The one place that decides what of an anonymous
// post leaves the server, for every path a reader gets course data through: live events, the
// resume replay, history pages, threads, pins, questions and REST answers. Also strips what no
// client ever gets (an anonymous poll's ballot key: ballots are HMACs under it, opaque without it).
class AnonymityFilter
{
public:
    enum class Audience { Everyone, Moderator, Author, Classmate };

    // Removes what no reader gets (poll.created's ballotKey). Cheap when there is nothing to remove.
    static CourseEvent forEveryone(const CourseEvent &event);
    // Whether the event concerns an anonymous post: then its frame depends on the reader.
    static bool dependsOnReader(const CourseEvent &event);
    static Audience audience(const Reader &reader, const CourseEvent &event);
    // The event as that audience sees it (call forEveryone first).
    static CourseEvent forAudience(const CourseEvent &event, Audience audience);
    static CourseEvent forReader(const CourseEvent &event, const Reader &reader)
    {
        const CourseEvent shown = forEveryone(event);
        return dependsOnReader(shown) ? forAudience(shown, audience(reader, shown)) : shown;
    }
    // A stored message as the reader sees it.
    static void present(ChatMessage &message, const Reader &reader);
    // The data of an event that changes anonymous message `m` (edit, delete, question state):
    // marked so that forAudience can hide its author when the author made the change.
    static void markAnonymous(QJsonObject &data, const ChatMessage &m);
};

} // namespace collab::server
