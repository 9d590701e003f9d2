#pragma once

#include "hub/actor.h"
#include "hub/coursejournal.h"
#include "protocol/findmessages.h"
#include "protocol/result.h"

#include <QJsonObject>
#include <QList>

namespace collab::server {

class Hub;
struct SearchRow;

struct SearchAnswer
{
    QList<proto::SearchHit> results; // best first
    bool more = false;

    // {course, results, more}: the body of the REST answer and the fields of the WebSocket ack.
    QJsonObject toJson(const QString &course) const;
};

// The rules of searching a course, shared by the WebSocket `search` and REST's GET .../search: the
// query is read (SearchQuery), the channels checked against the course, the index asked
// (SearchProjection) and each hit shaped for the asker: an anonymous message's author is shown
// to the course's moderators (TAs, instructors, the administrator) and to nobody else, and a
// student's from: never finds an anonymous message. Archived courses stay searchable.
// The query is read and checked on the caller's thread; the index is asked on the Hub's search
// worker (ReadWorker: a read-only connection of its own), so a costly query (a word in half of a
// million messages, a 64 KiB query) never holds up the thread that serves the courses.
class CourseSearch
{
public:
    explicit CourseSearch(Hub &hub) : m_hub(hub) {}

    // `done` gets {course, results, more} (SearchAnswer::toJson), later, on this thread.
    void search(const Actor &actor, const QString &course, const QString &query, const QString &channel, int limit,
                Callback<QJsonObject> done);

    // Who sees the authors of anonymous messages (a role as it is now in the course).
    static bool seesAnonymousAuthors(Actor::Role role);
    // A snippet with the index's \x02 ... \x03 marks as plain text and highlight ranges.
    static proto::SearchHit hitFrom(const SearchRow &row, bool revealAnonymous);

private:
    Hub &m_hub;
};

} // namespace collab::server
