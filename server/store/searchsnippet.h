#pragma once

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

struct sqlite3;
struct Fts5Tokenizer;
struct fts5_tokenizer;

namespace collab::server {

// The snippet of a ranked search result, made from the hits the ranking already found
// (SearchRanking::RowTerms::hits, token positions in the text) rather than by FTS5's snippet(),
// which finds them again: a lookup of each word of the query in the index for every row shown,
// about a third of a phrase query's time (docs/benchmarks.md "Search"). The text is split into
// tokens by the index's own tokenizer (unicode61, diacritics removed), so positions agree.
//
// A snippet is at most `tokens` words of the text around the most hits, each hit between \x02
// and \x03 (the text never holds those: SearchProjection::indexedText), with "…" where the text
// goes on.
class SearchSnippet
{
public:
    explicit SearchSnippet(sqlite3 *db); // the tokenizer of this connection's FTS5
    ~SearchSnippet();
    SearchSnippet(const SearchSnippet &) = delete;
    SearchSnippet &operator=(const SearchSnippet &) = delete;

    QString error() const { return m_error; } // empty when it can make snippets

    QString make(const QByteArray &utf8, const std::vector<std::pair<int, int>> &hits, int tokens) const;

private:
    std::vector<std::pair<int, int>> tokenize(const QByteArray &utf8) const; // byte ranges

    fts5_tokenizer *m_api = nullptr;
    Fts5Tokenizer *m_tokenizer = nullptr;
    QString m_error;
};

} // namespace collab::server
