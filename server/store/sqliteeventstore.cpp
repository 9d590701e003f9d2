#include "store/sqliteeventstore.h"

#include "logging.h"
#include "store/sqlitestatement.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace collab::server {

namespace {

// exec() runs one statement: the schema is a list.
const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS events (course TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,"
    " ts INTEGER NOT NULL, data TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', PRIMARY KEY (course, seq)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS events_by_note ON events (course, note, seq) WHERE note <> ''",
    "CREATE TABLE IF NOT EXISTS note_snapshots (course TEXT NOT NULL, note TEXT NOT NULL, seq INTEGER NOT NULL,"
    " snapshot BLOB NOT NULL, PRIMARY KEY (course, note)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS messages (course TEXT NOT NULL, id INTEGER NOT NULL, channel TEXT NOT NULL,"
    " author TEXT NOT NULL, text TEXT NOT NULL, client_msg_id TEXT NOT NULL, created INTEGER NOT NULL,"
    " edited INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (course, id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS messages_by_channel ON messages (course, channel, id)",
    "CREATE UNIQUE INDEX IF NOT EXISTS messages_by_client_id ON messages (course, author, client_msg_id)"
    " WHERE client_msg_id <> ''",
    "CREATE TABLE IF NOT EXISTS members (course TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL,"
    " PRIMARY KEY (course, user)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS kicks (course TEXT NOT NULL, user TEXT NOT NULL, until INTEGER NOT NULL,"
    " PRIMARY KEY (course, user)) WITHOUT ROWID",
};

constexpr const char *kMessageColumns = "id, channel, author, text, client_msg_id, created, edited, deleted";

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
    return m;
}

QString lastError(const QSqlQuery &q) { return q.lastError().text(); }

// Columns: seq, kind, ts, data.
CourseEvent eventFromRow(const QString &course, const QSqlQuery &q)
{
    CourseEvent e;
    e.course = course;
    e.seq = q.value(0).toULongLong();
    e.kind = eventKindFromName(q.value(1).toString()).value_or(EventKind::ChatPosted);
    e.timeMs = q.value(2).toLongLong();
    e.data = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    return e;
}

// QtSql binds a null QString as SQL NULL; the text columns are NOT NULL.
QString textField(const QJsonObject &data, const char *key)
{
    const QString value = data.value(QLatin1String(key)).toString();
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

// The prepared statements, made once: preparing per call would cost more than the insert. The
// writes go through the sqlite3 API directly (SqliteStatement), the lookup through QtSql.
class SqliteStatements
{
public:
    explicit SqliteStatements(const QSqlDatabase &db) : messageByClientId(db), m_db(db) {}

    QString prepare()
    {
        sqlite3 *handle = sqliteHandle(m_db);
        const std::pair<SqliteStatement *, const char *> writes[] = {
            {&insertEvent, "INSERT INTO events (course, seq, kind, ts, data, note) VALUES (?, ?, ?, ?, ?, ?)"},
            {&insertMessage,
             "INSERT INTO messages (course, id, channel, author, text, client_msg_id, created) VALUES (?, ?, ?, ?, ?, ?, ?)"},
            {&editMessage, "UPDATE messages SET text = ?, edited = ? WHERE course = ? AND id = ?"},
            {&deleteMessage, "UPDATE messages SET text = '', deleted = 1 WHERE course = ? AND id = ?"},
            {&insertMember, "INSERT OR IGNORE INTO members (course, user, role) VALUES (?, ?, ?)"},
            {&insertKick, "INSERT OR REPLACE INTO kicks (course, user, until) VALUES (?, ?, ?)"},
        };
        for (const auto &[statement, sql] : writes)
            if (!statement->prepare(handle, sql))
                return statement->error();
        // "<> ''" lets SQLite use the partial index (it cannot prove a bound ? is not '').
        if (!messageByClientId.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND author = ? AND "
                                                      "client_msg_id = ? AND client_msg_id <> ''")
                                           .arg(QLatin1String(kMessageColumns))))
            return messageByClientId.lastError().text();
        return {};
    }

    SqliteStatement insertEvent;
    SqliteStatement insertMessage;
    SqliteStatement editMessage;
    SqliteStatement deleteMessage;
    SqliteStatement insertMember;
    SqliteStatement insertKick;
    QSqlQuery messageByClientId; // on every chat.send: prepared once

private:
    QSqlDatabase m_db;
};

SqliteEventStore::SqliteEventStore(QObject *parent)
    : QObject(parent), m_connectionName(QStringLiteral("collab-store-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

SqliteEventStore::~SqliteEventStore()
{
    flush();
    m_checkpointer.stop();
    m_sql.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString SqliteEventStore::open(const Options &options)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(options.path);
    if (!m_db.open())
        return QStringLiteral("cannot open %1: %2").arg(options.path, m_db.lastError().text());

    QSqlQuery q(m_db);
    const QString pragmas[] = {
        QStringLiteral("PRAGMA journal_mode=WAL"),
        options.fullSync ? QStringLiteral("PRAGMA synchronous=FULL") : QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("PRAGMA foreign_keys=ON"),
        QStringLiteral("PRAGMA busy_timeout=5000"),
    };
    for (const QString &p : pragmas)
        if (!q.exec(p))
            return QStringLiteral("%1 failed: %2").arg(p, lastError(q));
    if (const QString e = m_checkpointer.start(sqliteHandle(m_db), {options.path, options.fullSync,
                                                                     options.checkpointPages, options.restartPages});
        !e.isEmpty())
        return e;
    for (const char *statement : kSchema)
        if (!q.exec(QLatin1String(statement)))
            return QStringLiteral("schema migration failed: %1").arg(lastError(q));

    if (!q.exec(QStringLiteral("SELECT course, MAX(seq) FROM events GROUP BY course")))
        return QStringLiteral("cannot read sequence numbers: %1").arg(lastError(q));
    while (q.next())
        m_committedSeq.insert(q.value(0).toString(), q.value(1).toULongLong());
    m_assignedSeq = m_committedSeq;

    m_sql = std::make_unique<SqliteStatements>(m_db);
    if (const QString e = m_sql->prepare(); !e.isEmpty())
        return QStringLiteral("cannot prepare statements: %1").arg(e);
    qCInfo(lcStore) << "opened" << options.path << "with" << m_committedSeq.size() << "courses";
    return {};
}

quint64 SqliteEventStore::nextSeq(const QString &course)
{
    quint64 &seq = m_assignedSeq[course];
    return ++seq;
}

void SqliteEventStore::append(NewEvent event, AppendCallback done)
{
    CourseEvent e{event.course, nextSeq(event.course), event.kind, event.timeMs, std::move(event.data)};
    if (e.kind == EventKind::ChatPosted)
        e.data.insert(QStringLiteral("id"), double(e.seq));
    m_pending.push_back(Pending{std::move(e), std::move(done)});
    scheduleFlush();
}

void SqliteEventStore::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &SqliteEventStore::flush, Qt::QueuedConnection);
}

QString SqliteEventStore::writePending(const QVector<Pending> &batch)
{
    SqliteStatements &s = *m_sql;
    for (const Pending &p : batch) {
        const CourseEvent &e = p.event;
        const bool noteEvent = e.kind == EventKind::NoteOps || e.kind == EventKind::NoteLocked;
        s.insertEvent.bind(0, e.course)
            .bind(1, qint64(e.seq))
            .bind(2, eventKindName(e.kind))
            .bind(3, e.timeMs)
            .bind(4, QJsonDocument(e.data).toJson(QJsonDocument::Compact))
            .bind(5, noteEvent ? textField(e.data, "note") : QString());
        if (!s.insertEvent.run())
            return s.insertEvent.error();

        SqliteStatement *projection = nullptr;
        switch (e.kind) {
        case EventKind::ChatPosted:
            projection = &s.insertMessage;
            projection->bind(0, e.course)
                .bind(1, qint64(e.seq))
                .bind(2, textField(e.data, "channel"))
                .bind(3, textField(e.data, "author"))
                .bind(4, textField(e.data, "text"))
                .bind(5, textField(e.data, "clientMsgId"))
                .bind(6, e.timeMs);
            break;
        case EventKind::ChatEdited:
            projection = &s.editMessage;
            projection->bind(0, textField(e.data, "text"))
                .bind(1, e.timeMs)
                .bind(2, e.course)
                .bind(3, qint64(e.data.value(QLatin1String("id")).toDouble()));
            break;
        case EventKind::ChatDeleted:
            projection = &s.deleteMessage;
            projection->bind(0, e.course).bind(1, qint64(e.data.value(QLatin1String("id")).toDouble()));
            break;
        case EventKind::MemberJoined:
            projection = &s.insertMember;
            projection->bind(0, e.course).bind(1, textField(e.data, "user")).bind(2, textField(e.data, "role"));
            break;
        case EventKind::MemberKicked:
            projection = &s.insertKick;
            projection->bind(0, e.course)
                .bind(1, textField(e.data, "user"))
                .bind(2, qint64(e.data.value(QLatin1String("until")).toDouble()));
            break;
        case EventKind::NoteOps:
        case EventKind::NoteLocked:
            break;
        }
        if (projection && !projection->run())
            return projection->error();
    }
    return {};
}

void SqliteEventStore::flush()
{
    m_flushScheduled = false;
    if (m_pending.isEmpty())
        return;
    QVector<Pending> batch;
    batch.swap(m_pending);

    QString error;
    if (!m_db.transaction())
        error = m_db.lastError().text();
    if (error.isEmpty())
        error = writePending(batch);
    if (error.isEmpty() && !m_db.commit())
        error = m_db.lastError().text();

    if (!error.isEmpty()) {
        // Nothing of the batch is stored: undo the seqs it took and tell every caller.
        m_db.rollback();
        qCWarning(lcStore) << "commit of" << batch.size() << "events failed:" << error;
        m_assignedSeq = m_committedSeq;
        const ProtocolError failure = ProtocolError::make(
            ErrorCode::Unavailable, QStringLiteral("storage failed, nothing was stored; retry later"));
        for (Pending &p : batch)
            p.done(failure);
        return;
    }

    ++m_commits;
    m_committedEvents += quint64(batch.size());
    for (const Pending &p : batch)
        m_committedSeq[p.event.course] = p.event.seq;
    for (Pending &p : batch)
        p.done(p.event);
}

quint64 SqliteEventStore::lastSeq(const QString &course) const { return m_committedSeq.value(course, 0); }

QList<CourseEvent> SqliteEventStore::eventsAfter(const QString &course, quint64 after, int limit) const
{
    QList<CourseEvent> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, kind, ts, data FROM events WHERE course = ? AND seq > ? AND seq <= ? "
                             "ORDER BY seq LIMIT ?"));
    q.addBindValue(course);
    q.addBindValue(qint64(after));
    q.addBindValue(qint64(lastSeq(course)));
    q.addBindValue(limit);
    if (!q.exec()) {
        qCWarning(lcStore) << "eventsAfter failed:" << lastError(q);
        return out;
    }
    while (q.next())
        out << eventFromRow(course, q);
    return out;
}

std::optional<ChatMessage> SqliteEventStore::message(const QString &course, quint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND id = ?").arg(QLatin1String(kMessageColumns)));
    q.addBindValue(course);
    q.addBindValue(qint64(id));
    if (q.exec() && q.next())
        return messageFromRow(q);
    return std::nullopt;
}

std::optional<ChatMessage> SqliteEventStore::messageByClientId(const QString &course, const QString &author,
                                                               const QString &clientMsgId) const
{
    if (clientMsgId.isEmpty())
        return std::nullopt;
    QSqlQuery &q = m_sql->messageByClientId;
    q.bindValue(0, course);
    q.bindValue(1, author);
    q.bindValue(2, clientMsgId);
    std::optional<ChatMessage> found;
    if (q.exec() && q.next())
        found = messageFromRow(q);
    q.finish();
    return found;
}

QList<ChatMessage> SqliteEventStore::messagesBefore(const QString &course, const QString &channel, quint64 before,
                                                    int limit) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND channel = ? AND id < ? ORDER BY id DESC LIMIT ?")
                  .arg(QLatin1String(kMessageColumns)));
    q.addBindValue(course);
    q.addBindValue(channel);
    q.addBindValue(before ? qint64(before) : std::numeric_limits<qint64>::max());
    q.addBindValue(limit);
    QList<ChatMessage> out;
    if (!q.exec())
        qCWarning(lcStore) << "messagesBefore failed:" << lastError(q);
    while (q.next())
        out.prepend(messageFromRow(q));
    return out;
}

QList<ChatMessage> SqliteEventStore::messagesAfter(const QString &course, const QString &channel, quint64 after,
                                                   int limit) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND channel = ? AND id > ? ORDER BY id LIMIT ?")
                  .arg(QLatin1String(kMessageColumns)));
    q.addBindValue(course);
    q.addBindValue(channel);
    q.addBindValue(qint64(after));
    q.addBindValue(limit);
    QList<ChatMessage> out;
    if (!q.exec())
        qCWarning(lcStore) << "messagesAfter failed:" << lastError(q);
    while (q.next())
        out << messageFromRow(q);
    return out;
}

QList<MemberRecord> SqliteEventStore::members(const QString &course) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT user, role FROM members WHERE course = ? ORDER BY user"));
    q.addBindValue(course);
    QList<MemberRecord> out;
    if (q.exec())
        while (q.next())
            out << MemberRecord{q.value(0).toString(), q.value(1).toString()};
    return out;
}

QHash<QString, qint64> SqliteEventStore::kicks(const QString &course) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT user, until FROM kicks WHERE course = ?"));
    q.addBindValue(course);
    QHash<QString, qint64> out;
    if (!q.exec())
        qCWarning(lcStore) << "kicks failed:" << lastError(q);
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

std::optional<NoteSnapshot> SqliteEventStore::noteSnapshot(const QString &course, const QString &note) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, snapshot FROM note_snapshots WHERE course = ? AND note = ?"));
    q.addBindValue(course);
    q.addBindValue(note);
    if (q.exec() && q.next())
        return NoteSnapshot{q.value(0).toULongLong(), q.value(1).toByteArray()};
    return std::nullopt;
}

bool SqliteEventStore::saveNoteSnapshot(const QString &course, const QString &note, const NoteSnapshot &snapshot)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO note_snapshots (course, note, seq, snapshot) VALUES (?, ?, ?, ?)"));
    q.addBindValue(course);
    q.addBindValue(note);
    q.addBindValue(qint64(snapshot.seq));
    q.addBindValue(snapshot.bytes);
    if (q.exec())
        return true;
    qCWarning(lcStore) << "saving the snapshot of" << course << note << "failed:" << lastError(q);
    return false;
}

bool SqliteEventStore::noteLocked(const QString &course, const QString &note) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM events WHERE course = ? AND note = ? AND kind = 'note.locked' AND seq <= ? "
                             "ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(course);
    q.addBindValue(note);
    q.addBindValue(qint64(lastSeq(course)));
    if (!q.exec() || !q.next())
        return false;
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object().value(QLatin1String("locked")).toBool();
}

QList<CourseEvent> SqliteEventStore::noteEventsAfter(const QString &course, const QString &note, quint64 after) const
{
    QList<CourseEvent> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, kind, ts, data FROM events WHERE course = ? AND note = ? AND seq > ? AND seq <= ? "
                             "ORDER BY seq"));
    q.addBindValue(course);
    q.addBindValue(note);
    q.addBindValue(qint64(after));
    q.addBindValue(qint64(lastSeq(course)));
    if (!q.exec())
        qCWarning(lcStore) << "noteEventsAfter failed:" << lastError(q);
    while (q.next())
        out << eventFromRow(course, q);
    return out;
}

} // namespace collab::server
