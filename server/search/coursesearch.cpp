#include "search/coursesearch.h"

#include "hub/hub.h"
#include "search/searchquery.h"
#include "store/projections.h"
#include "store/readworker.h"

#include <QJsonArray>

namespace collab::server {

bool CourseSearch::seesAnonymousAuthors(Actor::Role role)
{
    // Integrations (an LMS, a bot) are not moderators of the people they serve: they could pass
    // an author on to students, so they see what students see.
    return role == Actor::Role::Ta || role == Actor::Role::Instructor || role == Actor::Role::Admin;
}

proto::SearchHit CourseSearch::hitFrom(const SearchRow &row, bool revealAnonymous)
{
    proto::SearchHit hit;
    hit.id = row.id;
    hit.channel = row.channel;
    hit.anonymous = row.flags & SearchProjection::Anonymous;
    if (!hit.anonymous || revealAnonymous)
        hit.author = row.author;
    hit.createdMs = row.createdMs;
    hit.editedMs = row.editedMs;
    hit.hasCode = row.flags & SearchProjection::HasCode;
    hit.hasFile = row.flags & SearchProjection::HasFile;
    hit.question = row.flags & SearchProjection::Question;
    hit.snippet.reserve(row.snippet.size());
    int start = -1;
    for (const QChar c : row.snippet) {
        if (c == QChar(0x02)) {
            start = int(hit.snippet.size());
        } else if (c == QChar(0x03)) {
            if (start >= 0 && hit.snippet.size() > start)
                hit.highlights << proto::SearchHighlight{start, int(hit.snippet.size()) - start};
            start = -1;
        } else {
            hit.snippet += c;
        }
    }
    return hit;
}

QJsonObject SearchAnswer::toJson(const QString &course) const
{
    QJsonArray list;
    for (const proto::SearchHit &hit : results)
        list.append(hit.toJson());
    return {{QStringLiteral("course"), course}, {QStringLiteral("results"), list}, {QStringLiteral("more"), more}};
}

void CourseSearch::search(const Actor &actor, const QString &course, const QString &query, const QString &channel,
                          int limit, Callback<QJsonObject> done)
{
    const CourseConfig *c = m_hub.course(course);
    if (!c)
        return done(ProtocolError::make(ErrorCode::UnknownCourse, QStringLiteral("no course '%1'").arg(course)));
    Result<SearchQuery> parsed = SearchQuery::parse(query);
    if (!parsed)
        return done(parsed.error());
    for (const QString &ch : {channel, parsed.value().channel.value_or(QString())})
        if (!ch.isEmpty() && !c->channels.contains(ch))
            return done(ProtocolError::make(ErrorCode::UnknownChannel, QStringLiteral("no channel '%1' in %2").arg(ch, course)));
    const bool reveal = seesAnonymousAuthors(m_hub.effective(actor, course).role);
    m_hub.searchReads().run<QJsonObject>(
        [course, query = std::move(parsed.value()), channel, reveal, limit, channels = c->channels](const QSqlDatabase &db) -> Result<QJsonObject> {
            Result<SearchRows> rows = SearchProjection::searchIn(ReadWorker::handleOf(db), course, query, channel, reveal, limit);
            if (!rows)
                return rows.error();
            SearchAnswer answer;
            answer.more = rows.value().more;
            for (const SearchRow &row : rows.value().rows)
                if (channels.contains(row.channel)) // a channel since removed from the course is not shown
                    answer.results << hitFrom(row, reveal);
            return answer.toJson(course);
        },
        std::move(done));
}

} // namespace collab::server
