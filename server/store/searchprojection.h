#pragma once

#include "protocol/result.h"
#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QList>

namespace collab::server {

struct SearchQuery;

// One message a search found, as stored: the caller decides what the viewer may see of it
// (CourseSearch withholds an anonymous author from students).
struct SearchRow
{
    quint64 id = 0;
    QString channel;
    QString author;
    qint64 createdMs = 0;
    qint64 editedMs = 0;
    int flags = 0;   // SearchProjection::Flag
    QString snippet; // the text around the hits, each hit between \x02 and \x03
};

struct SearchRows
{
    QList<SearchRow> rows; // best first
    bool more = false;     // more messages matched than `limit`
};

// Full-text search over the course's chat messages as they now are: an SQLite FTS5 index
// (external content: the text is kept once, in search_docs) fed by chat.posted, chat.edited and
// chat.deleted. An edit takes the old text out of the index before the new one goes in and a
// deletion takes it out: text that is no longer in a message is never found.
//
// Filters are index terms too: each message carries, in a second FTS5 column (`meta`) that only
// the server writes, one token per course, channel and author (a 32-bit hash of the name, the exact
// column compared as well) and one per flag, so `in:#x from:y` narrows the index scan instead of
// filtering rows after it. An anonymous message has no author token that a student's from:
// reaches; its real author has another (`u...`) that only a moderator's search uses.
//
// Queries are answered by SearchIndexReader (BM25 through SearchRanking when the words match at
// most RankedMatchLimit messages, the newest matches first past that); docs/benchmarks.md
// "Search" has the figures.
class SearchProjection final : public Projection
{
public:
    enum Flag { Anonymous = 1, HasCode = 2, HasFile = 4, Question = 8 };
    static constexpr int RankedMatchLimit = 1000;
    static constexpr int SnippetTokens = 24;

    QString name() const override { return QStringLiteral("search"); }
    int version() const override { return 2; } // 2: search_docs.words (the ranking's lengths)
    // The FTS5 table first: dropping it drops its shadow tables, before the content table goes.
    QStringList tables() const override { return {QStringLiteral("search_fts"), QStringLiteral("search_docs")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    // The best `limit` messages of `course` for the query. `channel` (if not empty) narrows to one
    // channel besides the query's own in:. `revealAnonymous`: from: also finds anonymous messages
    // (a moderator's search); a student's never does, so that from: cannot unmask an author.
    Result<SearchRows> search(const QString &course, const SearchQuery &query, const QString &channel, bool revealAnonymous,
                              int limit) const
    {
        return searchIn(m_handle, course, query, channel, revealAnonymous, limit);
    }
    // The same through another connection to this database (a worker's own: databasePath()).
    static Result<SearchRows> searchIn(sqlite3 *handle, const QString &course, const SearchQuery &query,
                                       const QString &channel, bool revealAnonymous, int limit);  // SearchIndexReader
    QString databasePath() const { return m_databasePath; }

    // The flags a chat.posted or chat.edited event gives its message (the edited text decides
    // has:code; files, questions and anonymity come with the post).
    static int flagsOf(const QJsonObject &data, int previous = 0);
    // The text as indexed: control characters (other than tab and newline) become spaces, so the
    // snippet markers \x02 and \x03 can only be the index's own.
    static QString indexedText(const QString &text);

private:
    QString post(const CourseEvent &e);
    QString edit(const CourseEvent &e);
    QString remove(const CourseEvent &e);
    QString removeMessage(const QString &course, qint64 id);
    // The stored row of a message (false: none; error() of m_find on failure).
    struct StoredDoc
    {
        qint64 doc = 0;
        QString channel, author, text;
        int flags = 0;
    };
    bool findDoc(const QString &course, qint64 id, StoredDoc *out, QString *error);
    QString unindex(const QString &course, const StoredDoc &d);

    sqlite3 *m_handle = nullptr;
    QString m_databasePath;
    SqliteStatement m_insertDoc, m_insertIndex, m_find, m_removeIndex, m_updateDoc, m_removeDoc;
};

namespace search {
// The meta column's token for a name: kind ('c' course, 'h' channel, 'a' author as students may
// see, 'u' author) and a hash of the name, as the index stores it.
QString metaToken(char kind, const QString &name);
QString metaText(const QString &course, const QString &channel, const QString &author, int flags);
// The meta column's token for a SearchProjection::Flag.
QString flagToken(int flag);
} // namespace search

} // namespace collab::server
