#include "store/eventredactor.h"

#include <QJsonArray>

namespace collab::server {

QString EventRedactor::open(sqlite3 *handle)
{
    // The tombstone keeps what a replay needs to place the message (its id, channel and thread),
    // so that every projection builds the same rows before the expiry removes them.
    if (!m_post.prepare(handle, "UPDATE events SET data = json_object('id', seq, 'channel', json_extract(data, '$.channel'),"
                                " 'replyTo', coalesce(json_extract(data, '$.replyTo'), 0), 'expired', json('true'))"
                                " WHERE course = ?1 AND seq = ?2 AND kind = 'chat.posted' RETURNING seq"))
        return m_post.error();
    if (!m_edits.prepare(handle, "UPDATE events SET data = json_object('id', json_extract(data, '$.id'), 'channel',"
                                 " json_extract(data, '$.channel'), 'expired', json('true'))"
                                 " WHERE course = ?1 AND kind = 'chat.edited' AND json_extract(data, '$.id') = ?2 RETURNING seq"))
        return m_edits.error();
    return {};
}

QString EventRedactor::redact(const CourseEvent &expiry, QList<quint64> *rewritten)
{
    for (const QJsonValue &value : expiry.data.value(QLatin1String("ids")).toArray()) {
        const qint64 id = qint64(value.toDouble());
        // A message is older than its expiry: never the expiry itself or anything after it.
        if (id <= 0 || quint64(id) >= expiry.seq)
            continue;
        for (SqliteStatement *statement : {&m_post, &m_edits}) {
            statement->bind(0, expiry.course).bind(1, id);
            while (statement->step())
                *rewritten << quint64(statement->int64(0));
            const QString error = statement->error();
            statement->reset();
            if (!error.isEmpty())
                return error;
        }
    }
    return {};
}

} // namespace collab::server
