#include "store/searchsnippet.h"

#include "store/searchranking.h"

#include <sqlite3.h>

#include <algorithm>

namespace collab::server {

namespace {

const QByteArray kEllipsis = QByteArrayLiteral("…");

int keepToken(void *context, int flags, const char *, int, int start, int end)
{
    if (!(flags & FTS5_TOKEN_COLOCATED)) // a synonym at the same place is no new position
        static_cast<std::vector<std::pair<int, int>> *>(context)->emplace_back(start, end);
    return SQLITE_OK;
}

} // namespace

SearchSnippet::SearchSnippet(sqlite3 *db)
{
    fts5_api *fts5 = SearchRanking::fts5(db);
    if (!fts5) {
        m_error = QStringLiteral("this SQLite has no FTS5");
        return;
    }
    m_api = new fts5_tokenizer{};
    void *userData = nullptr;
    // The index's tokenizer and its arguments (SearchProjection::schema()).
    const char *arguments[] = {"remove_diacritics", "2"};
    if (fts5->xFindTokenizer(fts5, "unicode61", &userData, m_api) != SQLITE_OK
        || m_api->xCreate(userData, arguments, 2, &m_tokenizer) != SQLITE_OK) {
        m_error = QStringLiteral("no unicode61 tokenizer");
        m_tokenizer = nullptr;
    }
}

SearchSnippet::~SearchSnippet()
{
    if (m_tokenizer)
        m_api->xDelete(m_tokenizer);
    delete m_api;
}

std::vector<std::pair<int, int>> SearchSnippet::tokenize(const QByteArray &utf8) const
{
    std::vector<std::pair<int, int>> tokens;
    if (m_tokenizer)
        m_api->xTokenize(m_tokenizer, &tokens, FTS5_TOKENIZE_DOCUMENT, utf8.constData(), int(utf8.size()), keepToken);
    return tokens;
}

QString SearchSnippet::make(const QByteArray &utf8, const std::vector<std::pair<int, int>> &hits, int tokens) const
{
    const std::vector<std::pair<int, int>> words = tokenize(utf8);
    const int count = int(words.size());
    if (count == 0 || tokens <= 0)
        return QString::fromUtf8(utf8);
    // Each hit as its first and last token, in order, inside the text.
    std::vector<std::pair<int, int>> spans;
    for (const auto &[first, length] : hits)
        if (first >= 0 && first < count && length > 0)
            spans.emplace_back(first, std::min(count, first + length) - 1);
    std::sort(spans.begin(), spans.end());
    // Overlapping hits ("vector clock" and clock) are marked as one.
    std::vector<std::pair<int, int>> merged;
    for (const auto &span : spans)
        if (!merged.empty() && span.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, span.second);
        else
            merged.push_back(span);
    spans.swap(merged);

    // The window: from the hit after which the most hits fit in `tokens` words (the first such),
    // those hits centred in it.
    int start = 0;
    if (!spans.empty()) {
        size_t bestAnchor = 0, bestFit = 0;
        int bestLast = spans.front().second;
        for (size_t i = 0; i < spans.size(); ++i) {
            size_t fit = 0;
            int last = spans[i].second;
            for (size_t j = i; j < spans.size() && spans[j].second < spans[i].first + tokens; ++j) {
                ++fit;
                last = std::max(last, spans[j].second);
            }
            if (fit > bestFit) {
                bestFit = fit;
                bestAnchor = i;
                bestLast = last;
            }
        }
        const int first = spans[bestAnchor].first;
        start = first - std::max(0, tokens - (bestLast - first + 1)) / 2;
        start = std::max(0, std::min(start, count - tokens));
    }
    const int end = std::min(count, start + tokens) - 1; // the window's last token

    // The text from the window's first token (the text's start when that is the first) to its
    // last (the text's end likewise), with the hits marked.
    const int from = start == 0 ? 0 : words[size_t(start)].first;
    const int to = end == count - 1 ? int(utf8.size()) : words[size_t(end)].second;
    QByteArray out;
    out.reserve(to - from + 16);
    if (start > 0)
        out += kEllipsis;
    int at = from;
    for (const auto &[first, last] : spans) {
        if (last < start || first > end)
            continue;
        const int open = words[size_t(std::max(first, start))].first;
        const int close = words[size_t(std::min(last, end))].second;
        out += utf8.mid(at, open - at);
        out += '\x02';
        out += utf8.mid(open, close - open);
        out += '\x03';
        at = close;
    }
    out += utf8.mid(at, to - at);
    if (end < count - 1)
        out += kEllipsis;
    return QString::fromUtf8(out);
}

} // namespace collab::server
