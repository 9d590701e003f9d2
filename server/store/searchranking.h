#pragma once

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

struct sqlite3;
struct fts5_api;

namespace collab::server {

// BM25 for the search index, in two halves: an FTS5 auxiliary function `collab_bm25_terms(search_fts,
// firstDoc, lastDoc)` (on each connection: install()) gives, for each matching row, how often each
// phrase of the query is in its text and each phrase's weight; score() finishes BM25 with the
// row's length in words, which the reader reads from search_docs with the row's other columns.
// Why not FTS5's own bm25():
// - it weighs each phrase of the query (its IDF) by walking every row that holds it: for a phrase
//   of two common words that walk checks the positions of thousands of rows, twice the cost of
//   finding the phrase's few matches (a phrase query's p99 was 43 ms over a million messages;
//   docs/benchmarks.md "Search");
// - it reads each row's length from FTS5's docsize table, one lookup per matching row: as much
//   again as finding the rows.
//
// The score is BM25 over the text column (k1 = 1.2, b = 0.75, as FTS5's), higher is better; the
// IDF is found so:
// - a query of one phrase (one word, one "quoted phrase", one prefix*) needs no IDF: it is the
//   same factor for every row, so the order is exactly BM25's without it;
// - with several phrases, each one's row count is counted up to IdfSampleRows matches; a phrase
//   with more is estimated from how far into the index (firstDoc..lastDoc, the rowids of the
//   oldest and newest rows) those matches reached: rows are stored in the order messages came and
//   a word is spread over a course's term, so the estimate is close (and a word in more than a
//   few thousand messages weighs little either way).
class SearchRanking
{
public:
    static constexpr const char *FunctionName = "collab_bm25_terms";
    static constexpr int IdfSampleRows = 2000;

    // Registers the function on `db`; an error text on failure.
    static QString install(sqlite3 *db);
    // The connection's FTS5 interface (null without FTS5).
    static fts5_api *fts5(sqlite3 *db);
    // What the function gives for one row (a blob: see bm25Terms in the .cpp).
    struct RowTerms
    {
        double averageLength = 1; // words in a row's text, over the index
        std::vector<double> idf, frequency; // per phrase of the query
        std::vector<std::pair<int, int>> hits; // each phrase instance in the text: first token, tokens
        static RowTerms fromBlob(const QByteArray &blob);
    };
    // The BM25 score of a row from what the function gave for it and the row's length in words.
    static double score(const RowTerms &terms, int words);
    // The words of a text as BM25 counts them (runs of letters and digits: FTS5's unicode61
    // tokens, near enough for a length).
    static int wordCount(const QString &text);
};

} // namespace collab::server
