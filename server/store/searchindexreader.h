#pragma once

#include "protocol/result.h"
#include "store/searchprojection.h"
#include "store/searchranking.h"

#include <QStringList>

#include <optional>
#include <vector>

struct sqlite3;

namespace collab::server {

struct SearchQuery;

// Answers one search query from the index SearchProjection writes, on any connection to its
// database (the hub's, or a read worker's).
//
// Which way it ranks:
// - Words that match at most SearchProjection::RankedMatchLimit messages (what a search for a
//   topic usually is) are ranked by BM25 (SearchRanking), all in one walk of the index that
//   stops at the limit; the filters are then checked on those rows, and the best `limit` kept.
// - Past that the newest matches come first: a word that common ranks nothing, and FTS5 walks its
//   doclists newest first and stops at `limit`, the filters as index terms in the same walk.
// - Filters alone (from:, in:, is:, has:, dates) list the newest messages that pass them.
class SearchIndexReader
{
public:
    SearchIndexReader(sqlite3 *handle, QString course, bool revealAnonymous)
        : m_handle(handle), m_course(std::move(course)), m_revealAnonymous(revealAnonymous)
    {
    }

    Result<SearchRows> find(const SearchQuery &query, const QString &channel, int limit);

private:
    // The filters twice: as meta tokens (to narrow an index walk) and as exact comparisons on
    // search_docs (the truth: a token is a hash); dates also as a range of rowids.
    struct Filters
    {
        QStringList metaTerms;
        QStringList where; // on search_docs d
        QStringList binds; // for `where`'s ?s, in order
        qint64 fromDoc = 0;  // rowid >= (0: none)
        qint64 untilDoc = 0; // rowid < (0: none)
        bool nothing = false; // no row can pass (after: a date later than every message)
    };
    struct Candidate
    {
        qint64 doc;
        SearchRanking::RowTerms terms; // for its score and its snippet
    };

    Result<Filters> filtersOf(const SearchQuery &query, const QString &channel);
    // Every row the text matches, scored, when there are at most RankedMatchLimit of them; an
    // empty optional when there are more.
    Result<std::optional<std::vector<Candidate>>> rankedCandidates(const QString &textMatch, const Filters &filters);
    Result<SearchRows> bestOf(std::vector<Candidate> candidates, const Filters &filters, int limit);
    Result<SearchRows> newest(const QString &match, const Filters &filters, int limit);
    static QByteArray snippetSql();
    Result<qint64> firstDocAt(qint64 ms);
    QString rowidRange(const Filters &filters, const char *column) const;
    static SearchRow rowFrom(const SqliteStatement &statement);
    static ProtocolError failed(const QString &why);

    sqlite3 *m_handle;
    QString m_course;
    bool m_revealAnonymous;
};

} // namespace collab::server
