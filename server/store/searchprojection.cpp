#include "store/searchprojection.h"

#include "store/searchindexreader.h"
#include "store/searchranking.h"

#include <QJsonArray>

#include <sqlite3.h>

namespace collab::server {

namespace {

qint64 idField(const CourseEvent &e) { return qint64(e.data.value(QLatin1String("id")).toDouble()); }

// FNV-1a over the UTF-8 bytes: stable across Qt versions and runs (qHash is seeded), and the
// index stores these tokens for good. A collision only costs speed: search() compares the exact
// course, channel and author columns too.
quint32 fnv1a(const QByteArray &bytes)
{
    quint32 h = 2166136261u;
    for (const char c : bytes) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    return h;
}

// Inline `code` or a fence: two backticks at least (or a ~~~ fence).
bool looksLikeCode(const QString &text) { return text.count(QLatin1Char('`')) >= 2 || text.contains(QLatin1String("~~~")); }

} // namespace

QString search::flagToken(int flag)
{
    switch (flag) {
    case SearchProjection::Anonymous:
        return QStringLiteral("fanon");
    case SearchProjection::HasCode:
        return QStringLiteral("fcode");
    case SearchProjection::HasFile:
        return QStringLiteral("ffile");
    case SearchProjection::Question:
        return QStringLiteral("fquestion");
    default:
        return {};
    }
}

QString search::metaToken(char kind, const QString &name)
{
    return QLatin1Char(kind) + QStringLiteral("%1").arg(fnv1a(name.toUtf8()), 8, 16, QLatin1Char('0'));
}

QString search::metaText(const QString &course, const QString &channel, const QString &author, int flags)
{
    QStringList tokens{metaToken('c', course), metaToken('h', channel), metaToken('u', author)};
    if (!(flags & SearchProjection::Anonymous))
        tokens << metaToken('a', author);
    for (const int flag : {SearchProjection::Anonymous, SearchProjection::HasCode, SearchProjection::HasFile, SearchProjection::Question})
        if (flags & flag)
            tokens << flagToken(flag);
    return tokens.join(QLatin1Char(' '));
}

int SearchProjection::flagsOf(const QJsonObject &data, int previous)
{
    int flags = previous & (Anonymous | HasFile | Question);
    if (data.contains(QLatin1String("anonymous")))
        flags = data.value(QLatin1String("anonymous")).toBool() ? flags | Anonymous : flags & ~Anonymous;
    if (data.contains(QLatin1String("question")))
        flags = data.value(QLatin1String("question")).toBool() ? flags | Question : flags & ~Question;
    if (data.contains(QLatin1String("files")))
        flags = data.value(QLatin1String("files")).toArray().isEmpty() ? flags & ~HasFile : flags | HasFile;
    if (looksLikeCode(data.value(QLatin1String("text")).toString()))
        flags |= HasCode;
    return flags;
}

QString SearchProjection::indexedText(const QString &text)
{
    QString out = text;
    for (QChar &c : out)
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            c = QLatin1Char(' ');
    return out;
}

QStringList SearchProjection::schema() const
{
    return {
        // `doc` is the rowid the index refers to; `meta` is generated empty: its tokens live only in
        // the index (written by apply(), recomputed from the other columns to take them out);
        // `words` is the text's length for the ranking (SearchRanking).
        QStringLiteral("CREATE TABLE IF NOT EXISTS search_docs (doc INTEGER PRIMARY KEY, course TEXT NOT NULL,"
                       " id INTEGER NOT NULL, channel TEXT NOT NULL, author TEXT NOT NULL, created INTEGER NOT NULL,"
                       " edited INTEGER NOT NULL DEFAULT 0, flags INTEGER NOT NULL, text TEXT NOT NULL, words INTEGER NOT NULL,"
                       " meta TEXT GENERATED ALWAYS AS ('') VIRTUAL)"),
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS search_docs_by_id ON search_docs (course, id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS search_docs_by_time ON search_docs (course, created)"),
        // unicode61 with diacritics removed: "cafe" finds "café"; case never matters. The prefix
        // index (3 and 4 letters) makes clock* one doclist read instead of a merge of every word
        // that starts so: p99 1.2 s -> 25 ms over a million messages, for +40 % disk (benchmarks.md).
        QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(text, meta, content='search_docs',"
                       " content_rowid='doc', tokenize='unicode61 remove_diacritics 2', prefix='3 4')"),
    };
}

QString SearchProjection::open(const ProjectionDatabase &database)
{
    m_handle = database.handle;
    m_databasePath = database.db.databaseName();
    const std::pair<SqliteStatement *, const char *> statements[] = {
        {&m_insertDoc, "INSERT INTO search_docs (course, id, channel, author, created, flags, text, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_insertIndex, "INSERT INTO search_fts (rowid, text, meta) VALUES (?, ?, ?)"},
        {&m_find, "SELECT doc, channel, author, flags, text FROM search_docs WHERE course = ? AND id = ?"},
        {&m_removeIndex, "INSERT INTO search_fts (search_fts, rowid, text, meta) VALUES ('delete', ?, ?, ?)"},
        {&m_updateDoc, "UPDATE search_docs SET text = ?, flags = ?, edited = ?, words = ? WHERE doc = ?"},
        {&m_removeDoc, "DELETE FROM search_docs WHERE doc = ?"},
    };
    for (const auto &[statement, sql] : statements)
        if (!statement->prepare(database.handle, sql))
            return statement->error();
    return {};
}

QString SearchProjection::apply(const CourseEvent &e)
{
    switch (e.kind) {
    case EventKind::ChatPosted:
        return post(e);
    case EventKind::ChatEdited:
        return edit(e);
    case EventKind::ChatDeleted:
        return remove(e);
    case EventKind::MessagesExpired:
        for (const QJsonValue &id : e.data.value(QLatin1String("ids")).toArray())
            if (QString error = removeMessage(e.course, qint64(id.toDouble())); !error.isEmpty())
                return error;
        return {};
    default:
        return {};
    }
}

QString SearchProjection::post(const CourseEvent &e)
{
    const QString channel = projection::textField(e.data, "channel");
    const QString author = projection::textField(e.data, "author");
    const QString text = indexedText(projection::textField(e.data, "text"));
    const int flags = flagsOf(e.data);
    if (!m_insertDoc.bind(0, e.course)
             .bind(1, idField(e))
             .bind(2, channel)
             .bind(3, author)
             .bind(4, e.timeMs)
             .bind(5, qint64(flags))
             .bind(6, text)
             .bind(7, qint64(SearchRanking::wordCount(text)))
             .run())
        return m_insertDoc.error();
    const qint64 doc = sqlite3_last_insert_rowid(m_handle);
    if (!m_insertIndex.bind(0, doc).bind(1, text).bind(2, search::metaText(e.course, channel, author, flags)).run())
        return m_insertIndex.error();
    return {};
}

bool SearchProjection::findDoc(const QString &course, qint64 id, StoredDoc *out, QString *error)
{
    m_find.bind(0, course).bind(1, id);
    const bool found = m_find.step();
    if (found) {
        out->doc = m_find.int64(0);
        out->channel = m_find.text(1);
        out->author = m_find.text(2);
        out->flags = int(m_find.int64(3));
        out->text = m_find.text(4);
    } else {
        *error = m_find.error();
    }
    m_find.reset();
    return found;
}

QString SearchProjection::unindex(const QString &course, const StoredDoc &d)
{
    // An external-content FTS5 table forgets a row only when told exactly what it indexed.
    if (!m_removeIndex.bind(0, d.doc).bind(1, d.text).bind(2, search::metaText(course, d.channel, d.author, d.flags)).run())
        return m_removeIndex.error();
    return {};
}

QString SearchProjection::edit(const CourseEvent &e)
{
    StoredDoc d;
    QString error;
    if (!findDoc(e.course, idField(e), &d, &error))
        return error; // empty: a message this projection never saw (nothing to index)
    if (QString e2 = unindex(e.course, d); !e2.isEmpty())
        return e2;
    const QString text = indexedText(projection::textField(e.data, "text"));
    const int flags = flagsOf(e.data, d.flags);
    if (!m_updateDoc.bind(0, text).bind(1, qint64(flags)).bind(2, e.timeMs).bind(3, qint64(SearchRanking::wordCount(text))).bind(4, d.doc).run())
        return m_updateDoc.error();
    if (!m_insertIndex.bind(0, d.doc).bind(1, text).bind(2, search::metaText(e.course, d.channel, d.author, flags)).run())
        return m_insertIndex.error();
    return {};
}

QString SearchProjection::remove(const CourseEvent &e) { return removeMessage(e.course, idField(e)); }

QString SearchProjection::removeMessage(const QString &course, qint64 id)
{
    StoredDoc d;
    QString error;
    if (!findDoc(course, id, &d, &error))
        return error;
    if (QString e2 = unindex(course, d); !e2.isEmpty())
        return e2;
    return m_removeDoc.bind(0, d.doc).run() ? QString() : m_removeDoc.error();
}

Result<SearchRows> SearchProjection::searchIn(sqlite3 *handle, const QString &course, const SearchQuery &query,
                                              const QString &channel, bool revealAnonymous, int limit)
{
    return SearchIndexReader(handle, course, revealAnonymous).find(query, channel, limit);
}

} // namespace collab::server
