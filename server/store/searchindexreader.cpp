#include "store/searchindexreader.h"

#include "logging.h"
#include "search/searchquery.h"
#include "store/searchranking.h"
#include "store/searchsnippet.h"


#include <algorithm>
#include <functional>

namespace collab::server {

ProtocolError SearchIndexReader::failed(const QString &why)
{
    qCWarning(lcStore) << "search failed:" << why;
    return ProtocolError::make(ErrorCode::Internal, QStringLiteral("search failed: %1").arg(why));
}

Result<qint64> SearchIndexReader::firstDocAt(qint64 ms)
{
    SqliteStatement first;
    if (!first.prepare(m_handle, "SELECT doc FROM search_docs WHERE course = ? AND created >= ? ORDER BY created, doc LIMIT 1"))
        return failed(first.error());
    first.bind(0, m_course).bind(1, ms);
    const qint64 doc = first.step() ? first.int64(0) : -1;
    if (!first.error().isEmpty())
        return failed(first.error());
    return doc;
}

Result<SearchIndexReader::Filters> SearchIndexReader::filtersOf(const SearchQuery &query, const QString &channel)
{
    Filters f;
    f.where << QStringLiteral("d.course = ?");
    f.binds << m_course;
    for (const QString &ch : {channel, query.channel.value_or(QString())})
        if (!ch.isEmpty()) {
            f.metaTerms << search::metaToken('h', ch);
            f.where << QStringLiteral("d.channel = ?");
            f.binds << ch;
        }
    if (query.from) {
        f.metaTerms << search::metaToken(m_revealAnonymous ? 'u' : 'a', *query.from);
        f.where << QStringLiteral("d.author = ?");
        f.binds << *query.from;
        if (!m_revealAnonymous)
            f.where << QStringLiteral("(d.flags & %1) = 0").arg(SearchProjection::Anonymous);
    }
    const std::pair<bool, int> flagFilters[] = {{query.isQuestion, SearchProjection::Question},
                                                {query.hasCode, SearchProjection::HasCode},
                                                {query.hasFile, SearchProjection::HasFile}};
    for (const auto &[wanted, flag] : flagFilters)
        if (wanted) {
            f.metaTerms << search::flagToken(flag);
            f.where << QStringLiteral("(d.flags & %1) <> 0").arg(flag);
        }
    // Dates are exact on search_docs, and also a rowid range for the index walk: a course's rows
    // are inserted in seq order (live and in a rebuild), and its events' times follow their seqs,
    // so the first row at or after a time bounds the walk (a newest-first walk for a common word
    // would otherwise read every newer match before the first one old enough).
    if (query.beforeMs) {
        f.where << QStringLiteral("d.created < %1").arg(*query.beforeMs);
        Result<qint64> bound = firstDocAt(*query.beforeMs);
        if (!bound)
            return bound.error();
        if (bound.value() > 0)
            f.untilDoc = bound.value();
    }
    if (query.afterMs) {
        f.where << QStringLiteral("d.created >= %1").arg(*query.afterMs);
        Result<qint64> bound = firstDocAt(*query.afterMs);
        if (!bound)
            return bound.error();
        f.nothing = bound.value() < 0; // nothing that new
        f.fromDoc = std::max<qint64>(bound.value(), 0);
    }
    return f;
}

QString SearchIndexReader::rowidRange(const Filters &filters, const char *column) const
{
    QString range;
    if (filters.fromDoc > 0)
        range += QStringLiteral(" AND %1 >= %2").arg(QLatin1String(column)).arg(filters.fromDoc);
    if (filters.untilDoc > 0)
        range += QStringLiteral(" AND %1 < %2").arg(QLatin1String(column)).arg(filters.untilDoc);
    return range;
}

Result<std::optional<std::vector<SearchIndexReader::Candidate>>>
SearchIndexReader::rankedCandidates(const QString &textMatch, const Filters &filters)
{
    // The index's first and last rowids let the ranking estimate how common a word is from its
    // first matches (SearchRanking); each is one step down the primary key.
    const QByteArray sql = QByteArrayLiteral("SELECT rowid, ") + SearchRanking::FunctionName
        + QByteArrayLiteral("(search_fts, (SELECT min(doc) FROM search_docs), (SELECT max(doc) FROM search_docs))"
                            " FROM search_fts WHERE search_fts MATCH ?")
        + rowidRange(filters, "rowid").toUtf8() + QByteArrayLiteral(" LIMIT ")
        + QByteArray::number(SearchProjection::RankedMatchLimit + 1);
    SqliteStatement scored;
    if (!scored.prepare(m_handle, sql.constData())) {
        // A connection that has not ranked yet: the function is per connection (and registering
        // it again would add another copy to FTS5's list, so only then).
        if (!scored.error().contains(QLatin1String("no such function")))
            return failed(scored.error());
        if (const QString error = SearchRanking::install(m_handle); !error.isEmpty())
            return failed(error);
        if (!scored.prepare(m_handle, sql.constData()))
            return failed(scored.error());
    }
    scored.bind(0, textMatch);
    std::vector<Candidate> candidates;
    while (scored.step()) {
        if (int(candidates.size()) == SearchProjection::RankedMatchLimit)
            return std::optional<std::vector<Candidate>>();
        candidates.push_back({scored.int64(0), SearchRanking::RowTerms::fromBlob(scored.blob(1))});
    }
    if (!scored.error().isEmpty())
        return failed(scored.error());
    return std::optional<std::vector<Candidate>>(std::move(candidates));
}

SearchRow SearchIndexReader::rowFrom(const SqliteStatement &statement)
{
    SearchRow row;
    row.id = quint64(statement.int64(1));
    row.channel = statement.text(2);
    row.author = statement.text(3);
    row.createdMs = statement.int64(4);
    row.editedMs = statement.int64(5);
    row.flags = int(statement.int64(6));
    return row;
}

namespace {
// A JSON array of rowids, for json_each().
QByteArray jsonList(const QList<qint64> &docs)
{
    QByteArray out = "[";
    for (const qint64 doc : docs) {
        if (out.size() > 1)
            out += ',';
        out += QByteArray::number(doc);
    }
    return out + ']';
}
} // namespace

Result<SearchRows> SearchIndexReader::bestOf(std::vector<Candidate> candidates, const Filters &filters, int limit)
{
    // First which candidates pass the filters, with their lengths (at most RankedMatchLimit
    // lookups by primary key, integers only); CROSS JOIN: the candidates drive, each row found by
    // its primary key (with `d.doc IN (…)` SQLite chose to walk the whole course by an index and
    // test each row against the list).
    QList<qint64> all;
    QHash<qint64, const Candidate *> byDoc;
    for (const Candidate &c : candidates) {
        all << c.doc;
        byDoc.insert(c.doc, &c);
    }
    const QString sql = QStringLiteral("SELECT d.doc, d.words FROM json_each(?) AS c CROSS JOIN search_docs AS d ON d.doc = c.value WHERE %1")
                            .arg(filters.where.join(QLatin1String(" AND ")));
    SqliteStatement passing;
    if (!passing.prepare(m_handle, sql.toUtf8().constData()))
        return failed(passing.error());
    passing.bind(0, jsonList(all));
    for (int i = 0; i < filters.binds.size(); ++i)
        passing.bind(i + 1, filters.binds.at(i));
    std::vector<std::pair<double, qint64>> scored; // (score, doc)
    while (passing.step()) {
        const qint64 doc = passing.int64(0);
        scored.emplace_back(SearchRanking::score(byDoc.value(doc)->terms, int(passing.int64(1))), doc);
    }
    if (!passing.error().isEmpty())
        return failed(passing.error());

    // The best `limit` (equal scores: the newer first), then their rows.
    const size_t shown = std::min(scored.size(), size_t(limit));
    std::partial_sort(scored.begin(), scored.begin() + qsizetype(shown), scored.end(), std::greater<>());
    SearchRows out;
    out.more = scored.size() > shown;
    QList<qint64> docs;
    for (size_t i = 0; i < shown; ++i)
        docs.append(scored[i].second);
    SqliteStatement rows;
    if (!rows.prepare(m_handle, "SELECT d.doc, d.id, d.channel, d.author, d.created, d.edited, d.flags, d.text FROM json_each(?) AS c"
                                " CROSS JOIN search_docs AS d ON d.doc = c.value"))
        return failed(rows.error());
    rows.bind(0, jsonList(docs));
    const SearchSnippet snippets(m_handle);
    if (!snippets.error().isEmpty())
        return failed(snippets.error());
    QHash<qint64, SearchRow> found;
    while (rows.step()) {
        const qint64 doc = rows.int64(0);
        SearchRow row = rowFrom(rows);
        row.snippet = snippets.make(rows.blob(7), byDoc.value(doc)->terms.hits,
                                    SearchProjection::SnippetTokens);
        found.insert(doc, row);
    }
    if (!rows.error().isEmpty())
        return failed(rows.error());
    for (const qint64 doc : std::as_const(docs))
        out.rows << found.value(doc);
    return out;
}

QByteArray SearchIndexReader::snippetSql()
{
    return QByteArrayLiteral("snippet(search_fts, 0, char(2), char(3), '…', ") + QByteArray::number(SearchProjection::SnippetTokens)
        + QByteArrayLiteral(")");
}

Result<SearchRows> SearchIndexReader::newest(const QString &match, const Filters &filters, int limit)
{
    // The snippet in the same walk: SQLite computes it only for the rows the LIMIT lets through.
    const QString sql = QStringLiteral("SELECT d.doc, d.id, d.channel, d.author, d.created, d.edited, d.flags, %1 FROM search_fts"
                                       " JOIN search_docs d ON d.doc = search_fts.rowid WHERE search_fts MATCH ? AND %2%3"
                                       " ORDER BY search_fts.rowid DESC LIMIT %4")
                            .arg(QString::fromUtf8(snippetSql()), filters.where.join(QLatin1String(" AND ")),
                                 rowidRange(filters, "search_fts.rowid"))
                            .arg(limit + 1);
    SqliteStatement find;
    if (!find.prepare(m_handle, sql.toUtf8().constData()))
        return failed(find.error());
    find.bind(0, match);
    for (int i = 0; i < filters.binds.size(); ++i)
        find.bind(i + 1, filters.binds.at(i));
    SearchRows out;
    while (find.step()) {
        if (out.rows.size() == limit) {
            out.more = true;
            break;
        }
        out.rows << rowFrom(find);
        out.rows.last().snippet = find.text(7);
    }
    if (!find.error().isEmpty())
        return failed(find.error() + QStringLiteral(" for ") + match);
    return out;
}

Result<SearchRows> SearchIndexReader::find(const SearchQuery &query, const QString &channel, int limit)
{
    if (!m_handle)
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the search index is not open"));
    Result<Filters> filters = filtersOf(query, channel);
    if (!filters)
        return filters.error();
    if (filters.value().nothing)
        return SearchRows{};
    const Filters &f = filters.value();

    // The course is never an index term: in a one-course server it is every row.
    const QString text = query.textExpression();
    const QString textMatch = text.isEmpty() ? QString() : QStringLiteral("text : (%1)").arg(text);
    if (!text.isEmpty()) {
        Result<std::optional<std::vector<Candidate>>> candidates = rankedCandidates(textMatch, f);
        if (!candidates)
            return candidates.error();
        if (candidates.value()) {
            return bestOf(std::move(*candidates.value()), f, limit);
        }
    }
    QString match = textMatch;
    if (text.isEmpty())
        match = QStringLiteral("meta : (%1)")
                    .arg((f.metaTerms.isEmpty() ? QStringList{search::metaToken('c', m_course)} : f.metaTerms).join(QLatin1String(" AND ")));
    else if (!f.metaTerms.isEmpty())
        match = QStringLiteral("%1 AND meta : (%2)").arg(textMatch, f.metaTerms.join(QLatin1String(" AND ")));
    return newest(match, f, limit);
}

} // namespace collab::server
