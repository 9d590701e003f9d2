#include "store/messagesprojection.h"

#include "logging.h"

#include <QSqlError>

#include <limits>

namespace collab::server {

namespace {

constexpr const char *kColumns = "id, channel, author, text, client_msg_id, created, edited, deleted, via, edited_by";

ChatMessage messageFromRow(const QSqlQuery &q)
{
    ChatMessage m;
    m.id = q.value(0).toULongLong();
    m.channel = q.value(1).toString();
    m.author = q.value(2).toString();
    m.text = q.value(3).toString();
    m.clientMsgId = q.value(4).toString();
    m.createdMs = q.value(5).toLongLong();
    m.editedMs = q.value(6).toLongLong();
    m.deleted = q.value(7).toBool();
    m.via = q.value(8).toString();
    m.editedBy = q.value(9).toString();
    return m;
}

// The same columns, from the prepared lookup.
ChatMessage messageFromRow(const SqliteStatement &s)
{
    ChatMessage m;
    m.id = quint64(s.int64(0));
    m.channel = s.text(1);
    m.author = s.text(2);
    m.text = s.text(3);
    m.clientMsgId = s.text(4);
    m.createdMs = s.int64(5);
    m.editedMs = s.int64(6);
    m.deleted = s.int64(7) != 0;
    m.via = s.text(8);
    m.editedBy = s.text(9);
    return m;
}

qint64 idField(const CourseEvent &e) { return qint64(e.data.value(QLatin1String("id")).toDouble()); }

} // namespace

QStringList MessagesProjection::schema() const
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS messages (course TEXT NOT NULL, id INTEGER NOT NULL, channel TEXT NOT NULL,"
                       " author TEXT NOT NULL, text TEXT NOT NULL, client_msg_id TEXT NOT NULL, created INTEGER NOT NULL,"
                       " edited INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0, via TEXT NOT NULL DEFAULT '',"
                       " edited_by TEXT NOT NULL DEFAULT '', PRIMARY KEY (course, id))"
                       " WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_channel ON messages (course, channel, id)"),
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS messages_by_client_id ON messages (course, author, client_msg_id)"
                       " WHERE client_msg_id <> ''"),
    };
}

QString MessagesProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    const std::pair<SqliteStatement *, const char *> writes[] = {
        {&m_insert,
         "INSERT INTO messages (course, id, channel, author, text, client_msg_id, created, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_edit, "UPDATE messages SET text = ?, edited = ?, edited_by = ? WHERE course = ? AND id = ?"},
        {&m_delete, "UPDATE messages SET text = '', deleted = 1 WHERE course = ? AND id = ?"},
    };
    for (const auto &[statement, sql] : writes)
        if (!statement->prepare(database.handle, sql))
            return statement->error();
    // "<> ''" lets SQLite use the partial index (it cannot prove a bound ? is not '').
    const QByteArray byClientId = QByteArrayLiteral("SELECT ") + kColumns
        + QByteArrayLiteral(" FROM messages WHERE course = ? AND author = ? AND client_msg_id = ? AND client_msg_id <> ''");
    if (!m_byClientId.prepare(database.handle, byClientId.constData()))
        return m_byClientId.error();
    return {};
}

QString MessagesProjection::apply(const CourseEvent &e)
{
    SqliteStatement *statement = nullptr;
    switch (e.kind) {
    case EventKind::ChatPosted:
        statement = &m_insert;
        statement->bind(0, e.course)
            .bind(1, qint64(e.seq))
            .bind(2, projection::textField(e.data, "channel"))
            .bind(3, projection::textField(e.data, "author"))
            .bind(4, projection::textField(e.data, "text"))
            .bind(5, projection::textField(e.data, "clientMsgId"))
            .bind(6, e.timeMs)
            .bind(7, projection::textField(e.data, "via"));
        break;
    case EventKind::ChatEdited:
        statement = &m_edit;
        statement->bind(0, projection::textField(e.data, "text"))
            .bind(1, e.timeMs)
            .bind(2, projection::textField(e.data, "by"))
            .bind(3, e.course)
            .bind(4, idField(e));
        break;
    case EventKind::ChatDeleted:
        statement = &m_delete;
        statement->bind(0, e.course).bind(1, idField(e));
        break;
    default:
        return {};
    }
    return statement->run() ? QString() : statement->error();
}

std::optional<ChatMessage> MessagesProjection::message(const QString &course, quint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(course);
    q.addBindValue(qint64(id));
    if (q.exec() && q.next())
        return messageFromRow(q);
    return std::nullopt;
}

std::optional<ChatMessage> MessagesProjection::messageByClientId(const QString &course, const QString &author,
                                                                 const QString &clientMsgId) const
{
    if (clientMsgId.isEmpty() || !m_byClientId.isPrepared()) // not open (yet)
        return std::nullopt;
    SqliteStatement &q = m_byClientId;
    q.bind(0, course).bind(1, author).bind(2, clientMsgId);
    std::optional<ChatMessage> found;
    if (q.step())
        found = messageFromRow(q);
    else if (!q.error().isEmpty())
        qCWarning(lcStore) << "messageByClientId failed:" << q.error();
    q.reset();
    return found;
}

QList<ChatMessage> MessagesProjection::messagesBefore(const QString &course, const QString &channel, quint64 before,
                                                      int limit) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND channel = ? AND id < ? ORDER BY id DESC LIMIT ?")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(course);
    q.addBindValue(channel);
    q.addBindValue(before ? qint64(before) : std::numeric_limits<qint64>::max());
    q.addBindValue(limit);
    QList<ChatMessage> out;
    if (!q.exec())
        qCWarning(lcStore) << "messagesBefore failed:" << q.lastError().text();
    while (q.next())
        out.prepend(messageFromRow(q));
    return out;
}

QList<ChatMessage> MessagesProjection::messagesAfter(const QString &course, const QString &channel, quint64 after,
                                                     int limit) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND channel = ? AND id > ? ORDER BY id LIMIT ?")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(course);
    q.addBindValue(channel);
    q.addBindValue(qint64(after));
    q.addBindValue(limit);
    QList<ChatMessage> out;
    if (!q.exec())
        qCWarning(lcStore) << "messagesAfter failed:" << q.lastError().text();
    while (q.next())
        out << messageFromRow(q);
    return out;
}

QStringList MessagesProjection::messageAuthors(const QString &course) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT DISTINCT author FROM messages WHERE course = ?"));
    q.addBindValue(course);
    QStringList out;
    if (!q.exec())
        qCWarning(lcStore) << "messageAuthors failed:" << q.lastError().text();
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace collab::server
