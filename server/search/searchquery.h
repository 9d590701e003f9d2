#pragma once

#include "protocol/result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace collab::server {

// What a person typed in a search box, read into words and filters:
//   vector clock        messages with both words (any order, any case, accents ignored)
//   "vector clock"      the phrase
//   clock*              words starting with "clock" (at least 3 characters before the *)
//   -lamport            without that word
//   from:angie.nguyen   in:#general   before:2026-03-01   after:2026-02-01
//   is:question   has:code   has:file
// The words become an FTS5 expression in which every word is a quoted string, so nothing a user
// types is FTS5 syntax (`"`, `NEAR(`, `*`, `AND`, `col:` are words or filters here, never
// operators): a query is either read or refused with a message that says why, never passed to
// SQLite to fail there. docs/rest.md, "Search", is the user's reference.
struct SearchQuery
{
    static constexpr qsizetype MaxBytes = 512; // UTF-8 bytes of a query
    static constexpr int MaxWords = 16;        // words and phrases, excluded ones included
    static constexpr int MinPrefixLength = 3;  // "ab*" would walk most of the index

    QStringList words;         // each an FTS5 string or phrase, quoted, with a trailing * for a prefix
    QStringList excludedWords; // -word
    std::optional<QString> from;    // from:user
    std::optional<QString> channel; // in:#channel
    std::optional<qint64> beforeMs; // before:DATE: created before that day (UTC) began
    std::optional<qint64> afterMs;  // after:DATE: created from the day after it (UTC) on
    bool isQuestion = false;
    bool hasCode = false;
    bool hasFile = false;

    // The FTS5 expression over the text column for the words (empty: filters only).
    QString textExpression() const;
    bool hasFilters() const
    {
        return from || channel || beforeMs || afterMs || isQuestion || hasCode || hasFile;
    }

    static Result<SearchQuery> parse(const QString &text);
};

} // namespace collab::server
