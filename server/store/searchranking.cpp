#include "store/searchranking.h"

#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace collab::server {

namespace {

constexpr double kK1 = 1.2; // FTS5's bm25() constants
constexpr double kB = 0.75;
constexpr int kTextColumn = 0;

// What every row of one query shares, worked out at its first row (FTS5 keeps it as the query's
// auxiliary data).
struct QueryWeights
{
    std::vector<double> idf; // per phrase
    double averageLength = 1;
};

struct PhraseSample
{
    sqlite3_int64 rows = 0;
    sqlite3_int64 lastRowid = 0;
};

int countRow(const Fts5ExtensionApi *api, Fts5Context *fts, void *user)
{
    auto *sample = static_cast<PhraseSample *>(user);
    sample->lastRowid = api->xRowid(fts);
    return ++sample->rows >= SearchRanking::IdfSampleRows ? SQLITE_DONE : SQLITE_OK;
}

// How many rows hold the phrase: counted up to IdfSampleRows, past that scaled by the share of
// the index's rowids (firstDoc..lastDoc) the counted ones spanned (xQueryPhrase visits rows in
// ascending rowid order).
double phraseRows(const Fts5ExtensionApi *api, Fts5Context *fts, int phrase, sqlite3_int64 firstDoc,
                  sqlite3_int64 lastDoc, int *rc)
{
    PhraseSample sample;
    *rc = api->xQueryPhrase(fts, phrase, &sample, countRow);
    if (sample.rows < SearchRanking::IdfSampleRows || lastDoc <= firstDoc || sample.lastRowid < firstDoc)
        return double(sample.rows);
    const double spanned = double(sample.lastRowid - firstDoc + 1);
    return double(sample.rows) * double(lastDoc - firstDoc + 1) / spanned;
}

QueryWeights *weightsOf(const Fts5ExtensionApi *api, Fts5Context *fts, int argc, sqlite3_value **argv, int *rc)
{
    if (auto *known = static_cast<QueryWeights *>(api->xGetAuxdata(fts, 0)))
        return known;
    auto *weights = new QueryWeights;
    sqlite3_int64 rows = 0, tokens = 0;
    *rc = api->xRowCount(fts, &rows);
    if (*rc == SQLITE_OK)
        *rc = api->xColumnTotalSize(fts, kTextColumn, &tokens);
    weights->averageLength = rows > 0 && tokens > 0 ? double(tokens) / double(rows) : 1.0;
    const int phrases = api->xPhraseCount(fts);
    weights->idf.assign(size_t(phrases), 1.0); // one phrase: the same factor for every row, left out
    if (phrases > 1) {
        const sqlite3_int64 firstDoc = argc >= 1 ? sqlite3_value_int64(argv[0]) : 0;
        const sqlite3_int64 lastDoc = argc >= 2 ? sqlite3_value_int64(argv[1]) : 0;
        for (int i = 0; i < phrases && *rc == SQLITE_OK; ++i) {
            const double n = phraseRows(api, fts, i, firstDoc, lastDoc, rc);
            const double idf = std::log((double(rows) - n + 0.5) / (n + 0.5));
            weights->idf[size_t(i)] = idf > 1e-6 ? idf : 1e-6; // as bm25(): a word in most rows still counts a little
        }
    }
    if (*rc != SQLITE_OK) {
        delete weights;
        return nullptr;
    }
    *rc = api->xSetAuxdata(fts, weights, [](void *p) { delete static_cast<QueryWeights *>(p); });
    return *rc == SQLITE_OK ? weights : nullptr;
}

// The row's terms (SearchRanking::RowTerms, as doubles): the average length, the number of
// phrases, each phrase's IDF, each one's count in the text, then each instance's first token and
// number of tokens.
void bm25Terms(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *result, int argc, sqlite3_value **argv)
{
    int rc = SQLITE_OK;
    const QueryWeights *weights = weightsOf(api, fts, argc, argv, &rc);
    int instances = 0;
    if (rc == SQLITE_OK)
        rc = api->xInstCount(fts, &instances);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    const size_t phrases = weights->idf.size();
    std::vector<double> terms;
    terms.reserve(2 + 2 * phrases + 2 * size_t(instances));
    terms.push_back(weights->averageLength);
    terms.push_back(double(phrases));
    terms.insert(terms.end(), weights->idf.begin(), weights->idf.end());
    terms.resize(2 + 2 * phrases, 0.0);
    for (int i = 0; i < instances && rc == SQLITE_OK; ++i) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc != SQLITE_OK || column != kTextColumn || phrase < 0 || size_t(phrase) >= phrases)
            continue;
        terms[2 + phrases + size_t(phrase)] += 1;
        terms.push_back(double(offset));
        terms.push_back(double(api->xPhraseSize(fts, phrase)));
    }
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(result, rc);
        return;
    }
    sqlite3_result_blob(result, terms.data(), int(terms.size() * sizeof(double)), SQLITE_TRANSIENT);
}

} // namespace

fts5_api *SearchRanking::fts5(sqlite3 *db)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK)
        return nullptr;
    sqlite3_bind_pointer(statement, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    return api && api->iVersion >= 2 ? api : nullptr;
}

QString SearchRanking::install(sqlite3 *db)
{
    fts5_api *fts5 = SearchRanking::fts5(db);
    if (!fts5)
        return QStringLiteral("this SQLite has no FTS5");
    if (fts5->xCreateFunction(fts5, FunctionName, nullptr, &bm25Terms, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return {};
}

SearchRanking::RowTerms SearchRanking::RowTerms::fromBlob(const QByteArray &blob)
{
    RowTerms out;
    std::vector<double> t(size_t(blob.size()) / sizeof(double), 0.0);
    std::memcpy(t.data(), blob.constData(), t.size() * sizeof(double));
    if (t.size() < 2)
        return out;
    out.averageLength = t[0] > 0 ? t[0] : 1.0;
    const size_t phrases = size_t(t[1]);
    if (t.size() < 2 + 2 * phrases)
        return out;
    out.idf.assign(t.begin() + 2, t.begin() + qsizetype(2 + phrases));
    out.frequency.assign(t.begin() + qsizetype(2 + phrases), t.begin() + qsizetype(2 + 2 * phrases));
    for (size_t i = 2 + 2 * phrases; i + 1 < t.size(); i += 2)
        out.hits.emplace_back(int(t[i]), int(t[i + 1]));
    return out;
}

double SearchRanking::score(const RowTerms &terms, int words)
{
    const double norm = kK1 * (1 - kB + kB * double(words) / terms.averageLength);
    double score = 0;
    for (size_t i = 0; i < terms.idf.size() && i < terms.frequency.size(); ++i) {
        const double frequency = terms.frequency[i];
        score += terms.idf[i] * (frequency * (kK1 + 1)) / (frequency + norm);
    }
    return score;
}

int SearchRanking::wordCount(const QString &text)
{
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        const bool part = c.isLetterOrNumber() || c.isMark();
        words += part && !inWord;
        inWord = part;
    }
    return words;
}

} // namespace collab::server
