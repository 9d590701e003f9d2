#include "store/eventredactor.h"

#include <QJsonArray>

namespace collab::server {

namespace {

// Steps a bound UPDATE … RETURNING seq to its end, adding the seqs it rewrote.
QString collect(SqliteStatement &statement, QList<quint64> *rewritten)
{
    while (statement.step())
        *rewritten << quint64(statement.int64(0));
    const QString error = statement.error();
    statement.reset();
    return error;
}

} // namespace

QString EventRedactor::open(sqlite3 *handle)
{
    // The tombstone keeps what a replay needs to place the message (its id, channel and thread),
    // so that every projection builds the same rows before the expiry removes them.
    if (!m_post.prepare(handle, "UPDATE events SET data = json_object('id', seq, 'channel', json_extract(data, '$.channel'),"
                                " 'replyTo', coalesce(json_extract(data, '$.replyTo'), 0), 'expired', json('true'))"
                                " WHERE course = ?1 AND seq = ?2 AND kind = 'chat.posted' RETURNING seq"))
        return m_post.error();
    // INDEXED BY: without ANALYZE's statistics SQLite's planner prefers the primary key's
    // (course = ?) range, a walk of the whole course for each id (33 ms at 200,000 events, against
    // 1 ms through the index); a missing index then fails the prepare instead of slowing every expiry.
    if (!m_edits.prepare(handle, "UPDATE events INDEXED BY events_edits_by_message"
                                 " SET data = json_object('id', json_extract(data, '$.id'), 'channel', json_extract(data, '$.channel'),"
                                 " 'expired', json('true'))"
                                 " WHERE course = ?1 AND kind = 'chat.edited' AND json_extract(data, '$.id') = ?2 RETURNING seq"))
        return m_edits.error();
    // A file's tombstone keeps only its id: nothing reads an expired file's record (the files
    // projection skips it), and the expiry that follows it names the id again.
    if (!m_upload.prepare(handle, "UPDATE events INDEXED BY events_uploads_by_file"
                                  " SET data = json_object('id', json_extract(data, '$.id'), 'expired', json('true'))"
                                  " WHERE course = ?1 AND kind = 'file.uploaded' AND json_extract(data, '$.id') = ?2"
                                  " AND seq < ?3 RETURNING seq"))
        return m_upload.error();
    return {};
}

QString EventRedactor::redact(const CourseEvent &expiry, QList<quint64> *rewritten)
{
    switch (expiry.kind) {
    case EventKind::MessagesExpired:
        return redactMessages(expiry, rewritten);
    case EventKind::FilesExpired:
        return redactUploads(expiry, rewritten);
    default:
        return {};
    }
}

QString EventRedactor::redactMessages(const CourseEvent &expiry, QList<quint64> *rewritten)
{
    for (const QJsonValue &value : expiry.data.value(QLatin1String("ids")).toArray()) {
        const qint64 id = qint64(value.toDouble());
        // A message is older than its expiry: never the expiry itself or anything after it.
        if (id <= 0 || quint64(id) >= expiry.seq)
            continue;
        for (SqliteStatement *statement : {&m_post, &m_edits}) {
            statement->bind(0, expiry.course).bind(1, id);
            if (const QString error = collect(*statement, rewritten); !error.isEmpty())
                return error;
        }
    }
    return {};
}

QString EventRedactor::redactUploads(const CourseEvent &expiry, QList<quint64> *rewritten)
{
    for (const QJsonValue &value : expiry.data.value(QLatin1String("ids")).toArray()) {
        const QString id = value.toString();
        if (id.isEmpty())
            continue;
        // Uploaded before its expiry, as a message is (seq < the expiry's).
        m_upload.bind(0, expiry.course).bind(1, id).bind(2, qint64(expiry.seq));
        if (const QString error = collect(m_upload, rewritten); !error.isEmpty())
            return error;
    }
    return {};
}

} // namespace collab::server
