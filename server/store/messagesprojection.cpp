#include "store/messagesprojection.h"

#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <algorithm>
#include <limits>

namespace collab::server {

namespace {

constexpr const char *kColumns = "id, channel, author, text, client_msg_id, created, edited, deleted, via, reply_to,"
                                 " question, resolved, endorsed, pinned, poll, anonymous, pseudonym, replies, deleted_by, edited_by, files";

// The attachments column: the chat.posted event's `files` as compact JSON ('' for none).
QList<FileRef> filesFromColumn(const QString &column)
{
    QList<FileRef> files;
    if (column.isEmpty())
        return files;
    for (const QJsonValue &v : QJsonDocument::fromJson(column.toUtf8()).array())
        if (Result<FileRef> f = FileRef::fromJson(v.toObject()))
            files.append(f.value());
    return files;
}

QByteArray filesColumn(const QJsonObject &data)
{
    const QJsonArray files = data.value(QLatin1String("files")).toArray();
    return files.isEmpty() ? QByteArray("") : QJsonDocument(files).toJson(QJsonDocument::Compact);
}

void interactionsFromRow(const QSqlQuery &q, ChatMessage &m)
{
    m.replyTo = q.value(9).toULongLong();
    m.question = q.value(10).toBool();
    m.resolved = q.value(11).toBool();
    m.endorsed = q.value(12).toBool();
    m.pinned = q.value(13).toBool();
    m.poll = q.value(14).toBool();
    m.anonymous = q.value(15).toBool();
    m.pseudonym = q.value(16).toString();
    m.replies = q.value(17).toInt();
}

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
    interactionsFromRow(q, m);
    m.deletedBy = q.value(18).toString();
    m.editedBy = q.value(19).toString();
    m.files = filesFromColumn(q.value(20).toString());
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
    m.replyTo = quint64(s.int64(9));
    m.question = s.int64(10) != 0;
    m.resolved = s.int64(11) != 0;
    m.endorsed = s.int64(12) != 0;
    m.pinned = s.int64(13) != 0;
    m.poll = s.int64(14) != 0;
    m.anonymous = s.int64(15) != 0;
    m.pseudonym = s.text(16);
    m.replies = int(s.int64(17));
    m.deletedBy = s.text(18);
    m.editedBy = s.text(19);
    m.files = filesFromColumn(s.text(20));
    return m;
}

qint64 flag(const QJsonObject &data, const char *key) { return data.value(QLatin1String(key)).toBool() ? 1 : 0; }

qint64 idField(const CourseEvent &e) { return qint64(e.data.value(QLatin1String("id")).toDouble()); }

} // namespace

QStringList MessagesProjection::schema() const
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS messages (course TEXT NOT NULL, id INTEGER NOT NULL, channel TEXT NOT NULL,"
                       " author TEXT NOT NULL, text TEXT NOT NULL, client_msg_id TEXT NOT NULL, created INTEGER NOT NULL,"
                       " edited INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0, via TEXT NOT NULL DEFAULT '',"
                       " reply_to INTEGER NOT NULL DEFAULT 0, question INTEGER NOT NULL DEFAULT 0,"
                       " resolved INTEGER NOT NULL DEFAULT 0, endorsed INTEGER NOT NULL DEFAULT 0,"
                       " pinned INTEGER NOT NULL DEFAULT 0, poll INTEGER NOT NULL DEFAULT 0,"
                       " anonymous INTEGER NOT NULL DEFAULT 0, pseudonym TEXT NOT NULL DEFAULT '',"
                       " replies INTEGER NOT NULL DEFAULT 0, deleted_by TEXT NOT NULL DEFAULT '',"
                       " edited_by TEXT NOT NULL DEFAULT '', files TEXT NOT NULL DEFAULT '',"
                       " PRIMARY KEY (course, id))"
                       " WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_thread ON messages (course, reply_to, id) WHERE reply_to <> 0"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS messages_pinned ON messages (course, channel, pinned) WHERE pinned <> 0"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS messages_questions ON messages (course, channel, id) WHERE question <> 0"),
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
         "INSERT INTO messages (course, id, channel, author, text, client_msg_id, created, via, reply_to, question, anonymous,"
         " pseudonym, files) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_edit, "UPDATE messages SET text = ?, edited = ?, edited_by = ? WHERE course = ? AND id = ?"},
        {&m_delete, "UPDATE messages SET text = '', files = '', deleted = 1, pinned = 0, deleted_by = ? WHERE course = ? AND id = ?"},
        {&m_replyAdded, "UPDATE messages SET replies = replies + 1 WHERE course = ? AND id = ?"},
        // Before m_delete: only a reply not deleted yet counts down.
        {&m_replyDeleted, "UPDATE messages SET replies = replies - 1 WHERE course = ?1 AND id = (SELECT reply_to FROM"
                          " messages WHERE course = ?1 AND id = ?2 AND deleted = 0 AND reply_to <> 0)"},
        // pinned holds the pin's seq (0: not pinned), so that pins list in the order they were made.
        {&m_pin, "UPDATE messages SET pinned = ? WHERE course = ? AND id = ?"},
        {&m_question, "UPDATE messages SET question = ?, resolved = ? WHERE course = ? AND id = ?"},
        {&m_endorse, "UPDATE messages SET endorsed = ? WHERE course = ? AND id = ?"},
        {&m_expire, "DELETE FROM messages WHERE course = ? AND id = ? AND poll = 0"},
        {&m_poll, "INSERT INTO messages (course, id, channel, author, text, client_msg_id, created, poll) VALUES (?, ?, ?, ?, ?, '', ?, 1)"},
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
            .bind(7, projection::textField(e.data, "via"))
            .bind(8, qint64(e.data.value(QLatin1String("replyTo")).toDouble()))
            .bind(9, flag(e.data, "question"))
            .bind(10, flag(e.data, "anonymous"))
            .bind(11, projection::textField(e.data, "pseudonym"))
            .bind(12, filesColumn(e.data));
        if (!statement->run())
            return statement->error();
        if (const qint64 root = qint64(e.data.value(QLatin1String("replyTo")).toDouble()); root > 0) {
            statement = &m_replyAdded;
            statement->bind(0, e.course).bind(1, root);
            break;
        }
        return {};
    case EventKind::ChatEdited:
        statement = &m_edit;
        statement->bind(0, projection::textField(e.data, "text"))
            .bind(1, e.timeMs)
            .bind(2, projection::textField(e.data, "by"))
            .bind(3, e.course)
            .bind(4, idField(e));
        break;
    case EventKind::ChatDeleted:
        if (!m_replyDeleted.bind(0, e.course).bind(1, idField(e)).run())
            return m_replyDeleted.error();
        statement = &m_delete;
        statement->bind(0, projection::textField(e.data, "by")).bind(1, e.course).bind(2, idField(e));
        break;
    case EventKind::MessagePinned:
        statement = &m_pin;
        statement->bind(0, flag(e.data, "pinned") ? qint64(e.seq) : 0).bind(1, e.course).bind(2, idField(e));
        break;
    case EventKind::QuestionUpdated:
        statement = &m_question;
        statement->bind(0, flag(e.data, "question")).bind(1, flag(e.data, "resolved")).bind(2, e.course).bind(3, idField(e));
        break;
    case EventKind::AnswerEndorsed:
        statement = &m_endorse;
        statement->bind(0, flag(e.data, "endorsed")).bind(1, e.course).bind(2, idField(e));
        break;
    case EventKind::PollCreated:
        statement = &m_poll;
        statement->bind(0, e.course)
            .bind(1, qint64(e.seq))
            .bind(2, projection::textField(e.data, "channel"))
            .bind(3, projection::textField(e.data, "by"))
            .bind(4, projection::textField(e.data, "question"))
            .bind(5, e.timeMs);
        break;
    case EventKind::MessagesExpired:
        // Retention (docs/operations.md, "Retention"): gone for good, not marked deleted.
        for (const QJsonValue &id : e.data.value(QLatin1String("ids")).toArray())
            if (!m_expire.bind(0, e.course).bind(1, qint64(id.toDouble())).run())
                return m_expire.error();
        return {};
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

namespace {
QList<ChatMessage> selectMessages(const QSqlDatabase &db, const QString &where, const QVariantList &values, const char *what)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE %2").arg(QLatin1String(kColumns), where));
    for (const QVariant &v : values)
        q.addBindValue(v);
    QList<ChatMessage> out;
    if (!q.exec())
        qCWarning(lcStore) << what << "failed:" << q.lastError().text();
    while (q.next())
        out << messageFromRow(q);
    return out;
}
} // namespace

QList<ChatMessage> MessagesProjection::replies(const QString &course, quint64 root, quint64 after, int limit) const
{
    return selectMessages(m_db, QStringLiteral("course = ? AND reply_to = ? AND id > ? ORDER BY id LIMIT ?"),
                          {course, qint64(root), qint64(after), limit}, "replies");
}

QList<ChatMessage> MessagesProjection::endorsedReplies(const QString &course, quint64 root) const
{
    return selectMessages(m_db, QStringLiteral("course = ? AND reply_to = ? AND endorsed <> 0 AND deleted = 0 ORDER BY id LIMIT 20"),
                          {course, qint64(root)}, "endorsedReplies");
}

QList<ReplyAuthor> MessagesProjection::latestReplyAuthors(const QString &course, quint64 root, int limit) const
{
    QSqlQuery q(m_db);
    // The newest 50 replies are enough to find `limit` distinct authors in any real thread.
    q.prepare(QStringLiteral("SELECT author, anonymous, pseudonym FROM messages WHERE course = ? AND reply_to = ? AND deleted = 0"
                             " ORDER BY id DESC LIMIT 50"));
    q.addBindValue(course);
    q.addBindValue(qint64(root));
    QList<ReplyAuthor> out;
    if (!q.exec())
        qCWarning(lcStore) << "latestReplyAuthors failed:" << q.lastError().text();
    while (q.next() && out.size() < limit) {
        ReplyAuthor a{q.value(0).toString(), q.value(1).toBool(), q.value(2).toString()};
        const bool seen = std::any_of(out.cbegin(), out.cend(), [&](const ReplyAuthor &o) {
            return o.author == a.author && o.anonymous == a.anonymous;
        });
        if (!seen)
            out << a;
    }
    return out;
}

QString MessagesProjection::threadPseudonym(const QString &course, quint64 root, const QString &author) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT pseudonym FROM messages WHERE course = ? AND (id = ? OR reply_to = ?) AND author = ?"
                             " AND anonymous <> 0 LIMIT 1"));
    q.addBindValue(course);
    q.addBindValue(qint64(root));
    q.addBindValue(qint64(root));
    q.addBindValue(author);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

QStringList MessagesProjection::threadPseudonyms(const QString &course, quint64 root) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT DISTINCT pseudonym FROM messages WHERE course = ? AND (id = ? OR reply_to = ?) AND anonymous <> 0"));
    q.addBindValue(course);
    q.addBindValue(qint64(root));
    q.addBindValue(qint64(root));
    QStringList out;
    if (q.exec())
        while (q.next())
            out << q.value(0).toString();
    return out;
}

QList<ChatMessage> MessagesProjection::pinned(const QString &course, const QString &channel) const
{
    return selectMessages(m_db, QStringLiteral("course = ? AND channel = ? AND pinned <> 0 ORDER BY pinned LIMIT 1000"),
                          {course, channel}, "pinned");
}

int MessagesProjection::pinnedCount(const QString &course, const QString &channel) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE course = ? AND channel = ? AND pinned <> 0"));
    q.addBindValue(course);
    q.addBindValue(channel);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

QList<ChatMessage> MessagesProjection::questions(const QString &course, const QString &channel, bool unresolvedOnly, int limit) const
{
    QString where = QStringLiteral("course = ? AND question <> 0 AND deleted = 0");
    QVariantList values{course};
    if (!channel.isEmpty()) {
        where += QStringLiteral(" AND channel = ?");
        values << channel;
    }
    if (unresolvedOnly)
        where += QStringLiteral(" AND resolved = 0");
    where += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values << limit;
    QList<ChatMessage> out = selectMessages(m_db, where, values, "questions");
    std::reverse(out.begin(), out.end());
    return out;
}

QHash<QString, int> MessagesProjection::openQuestionCounts(const QString &course) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT channel, COUNT(*) FROM messages WHERE course = ? AND question <> 0 AND resolved = 0"
                             " AND deleted = 0 GROUP BY channel"));
    q.addBindValue(course);
    QHash<QString, int> out;
    if (q.exec())
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

} // namespace collab::server
