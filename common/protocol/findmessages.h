#pragma once

// Finding and keeping a course's content (issue 15): search over its messages. Included by
// clientmessages.h; declared like every other message (wireFields(), see protocol/wirefields.h).

#include "protocol/limits.h"
#include "protocol/wirefields.h"

#include <QList>
#include <QString>

namespace collab::proto {

// Where a search hit's words are in its snippet: UTF-16 code units, as a JavaScript string or a
// QString counts them.
struct SearchHighlight
{
    int start = 0;
    int length = 0;
    static auto wireFields()
    {
        return std::make_tuple(wire::count("start", &SearchHighlight::start), wire::count("length", &SearchHighlight::length));
    }
    COLLAB_WIRE_CODEC(SearchHighlight)
};

// One message a search found, as the asker may see it: `author` is absent (and `anonymous` true)
// for an anonymous message searched by a student or an integration.
struct SearchHit
{
    quint64 id = 0;  // the message's id (jump to it with `history {before: id + 1}`)
    QString channel;
    QString snippet; // plain text around the words found, "…" where it was cut
    QList<SearchHighlight> highlights;
    QString author;
    bool anonymous = false;
    qint64 createdMs = 0;
    qint64 editedMs = 0;
    bool hasCode = false;
    bool hasFile = false;
    bool question = false;
    static auto wireFields()
    {
        return std::make_tuple(wire::unsignedInt("id", &SearchHit::id), wire::id("channel", &SearchHit::channel),
                               wire::string("snippet", &SearchHit::snippet, limits::MaxChatTextBytes),
                               wire::objectList("highlights", &SearchHit::highlights).optional(),
                               wire::id("author", &SearchHit::author).optional().omittedWhenDefault(),
                               wire::boolean("anonymous", &SearchHit::anonymous).optional().omittedWhenDefault(),
                               wire::integer("createdAt", &SearchHit::createdMs).optional(),
                               wire::integer("editedAt", &SearchHit::editedMs).optional().omittedWhenDefault(),
                               wire::boolean("hasCode", &SearchHit::hasCode).optional().omittedWhenDefault(),
                               wire::boolean("hasFile", &SearchHit::hasFile).optional().omittedWhenDefault(),
                               wire::boolean("question", &SearchHit::question).optional().omittedWhenDefault());
    }
    COLLAB_WIRE_CODEC(SearchHit)
};

// Full-text search over the course's messages (docs/protocol.md "Search" for the query syntax).
struct Search
{
    static constexpr const char *Type = "search";
    static constexpr const char *Doc = "`ack {course, results: [{id, channel, snippet, highlights, author?, anonymous?, "
                                       "createdAt, …}], more}`, best first; `channel`: only that channel";
    static constexpr qsizetype MaxQueryBytes = 512;
    static constexpr int DefaultLimit = 20;
    static constexpr int MaxLimit = 100;
    QString course;
    QString q;
    QString channel; // empty: the whole course
    int limit = DefaultLimit;
    static auto wireFields()
    {
        return std::make_tuple(wire::id("course", &Search::course), wire::string("q", &Search::q, MaxQueryBytes),
                               wire::id("channel", &Search::channel).optional().omittedWhenDefault(),
                               wire::count("limit", &Search::limit, 1, MaxLimit).optional(DefaultLimit));
    }
    COLLAB_WIRE_CODEC(Search)
};

} // namespace collab::proto
