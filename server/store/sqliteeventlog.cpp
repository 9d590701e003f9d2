#include "store/sqliteeventlog.h"

#include "logging.h"
#include "store/projections.h"
#include "store/sqlitestatement.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace collab::server {

namespace {

// exec() runs one statement: the schema is a list. The log's own tables only; each projection
// brings its own (Projection::schema()).
const char *const kLogSchema[] = {
    "CREATE TABLE IF NOT EXISTS events (course TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,"
    " ts INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (course, seq)) WITHOUT ROWID",
    // Databases written before the projections had their own tables indexed note events in the
    // log (a `note` column, left in place with its default ''): the notes projection does it now.
    "DROP INDEX IF EXISTS events_by_note",
    // Retention finds the edits of a message to rewrite them as tombstones (EventRedactor).
    "CREATE INDEX IF NOT EXISTS events_edits_by_message ON events (course, json_extract(data, '$.id'))"
    " WHERE kind = 'chat.edited'",
    // And the upload of a file, to rewrite it as a tombstone when retention deletes the file.
    "CREATE INDEX IF NOT EXISTS events_uploads_by_file ON events (course, json_extract(data, '$.id'))"
    " WHERE kind = 'file.uploaded'",
};

// Which projection, at which version, the tables in this database hold.
constexpr const char *kVersionsTable =
    "CREATE TABLE IF NOT EXISTS projections (name TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID";

// Events per transaction when a projection is rebuilt from the log.
constexpr int kReplayPage = 5000;

QString lastError(const QSqlQuery &q) { return q.lastError().text(); }

bool tableExists(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(table);
    return q.exec() && q.next();
}

} // namespace

CourseEvent SqliteEventLog::eventFromRow(const QString &course, const QSqlQuery &q)
{
    CourseEvent e;
    e.course = course;
    e.seq = q.value(0).toULongLong();
    e.kind = eventKindFromName(q.value(1).toString()).value_or(EventKind::ChatPosted);
    e.timeMs = q.value(2).toLongLong();
    e.data = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    return e;
}

SqliteEventLog::SqliteEventLog(QObject *parent)
    : QObject(parent), m_connectionName(QStringLiteral("collab-store-") + QUuid::createUuid().toString(QUuid::Id128)),
      m_projections(std::make_unique<Projections>())
{
}

SqliteEventLog::~SqliteEventLog()
{
    flush();
    m_checkpointer.stop();
    // Their statements and queries before the connection they run on.
    m_insertEvent.reset();
    m_projections.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString SqliteEventLog::open(const Options &options)
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
        // What is deleted (a message retention removed, its index entries) is overwritten with
        // zeros in the file, not left in free pages (docs/operations.md, "Retention").
        QStringLiteral("PRAGMA secure_delete=ON"),
    };
    for (const QString &p : pragmas)
        if (!q.exec(p))
            return QStringLiteral("%1 failed: %2").arg(p, lastError(q));
    if (const QString e = m_checkpointer.start(sqliteHandle(m_db), {options.path, options.fullSync,
                                                                     options.checkpointPages, options.restartPages});
        !e.isEmpty())
        return e;
    for (const char *statement : kLogSchema)
        if (!q.exec(QLatin1String(statement)))
            return QStringLiteral("schema migration failed: %1").arg(lastError(q));

    if (!q.exec(QStringLiteral("SELECT course, MAX(seq) FROM events GROUP BY course")))
        return QStringLiteral("cannot read sequence numbers: %1").arg(lastError(q));
    while (q.next())
        m_committedSeq.insert(q.value(0).toString(), q.value(1).toULongLong());
    m_assignedSeq = m_committedSeq;

    m_insertEvent = std::make_unique<SqliteStatement>();
    if (!m_insertEvent->prepare(sqliteHandle(m_db), "INSERT INTO events (course, seq, kind, ts, data) VALUES (?, ?, ?, ?, ?)"))
        return QStringLiteral("cannot prepare statements: %1").arg(m_insertEvent->error());
    if (const QString e = m_redactor.open(sqliteHandle(m_db)); !e.isEmpty())
        return QStringLiteral("cannot prepare statements: %1").arg(e);
    if (const QString e = openProjections(options.rebuildProjections); !e.isEmpty())
        return e;
    qCInfo(lcStore) << "opened" << options.path << "with" << m_committedSeq.size() << "courses";
    return {};
}

// Creates the projections' tables and prepares them; those that are stale (new, of another
// version, or all of them when asked) are dropped first and built again from the log.
QString SqliteEventLog::openProjections(bool rebuildAll)
{
    QSqlQuery q(m_db);
    // A database from before the `projections` table: its messages, members and kicks tables are
    // those of version 1 of their projections (same schema, same events), so they are kept.
    const bool legacy = !tableExists(m_db, QStringLiteral("projections")) && tableExists(m_db, QStringLiteral("messages"));
    if (!q.exec(QLatin1String(kVersionsTable)))
        return QStringLiteral("schema migration failed: %1").arg(lastError(q));
    if (legacy
        && !q.exec(QStringLiteral("INSERT OR IGNORE INTO projections (name, version) VALUES ('messages', 1), ('members', 1), "
                                  "('kicks', 1)")))
        return QStringLiteral("schema migration failed: %1").arg(lastError(q));

    QHash<QString, int> versions;
    if (!q.exec(QStringLiteral("SELECT name, version FROM projections")))
        return QStringLiteral("cannot read the projections' versions: %1").arg(lastError(q));
    while (q.next())
        versions.insert(q.value(0).toString(), q.value(1).toInt());

    QList<Projection *> stale;
    for (Projection *p : m_projections->all())
        if (rebuildAll || versions.value(p->name(), -1) != p->version())
            stale << p;
    // Forgetting the version and dropping the tables commit together: a rebuild cut short is
    // started again at the next open, never taken for a finished one.
    if (!stale.isEmpty()) {
        if (!m_db.transaction())
            return QStringLiteral("cannot drop stale projections: %1").arg(m_db.lastError().text());
        for (Projection *p : std::as_const(stale)) {
            q.prepare(QStringLiteral("DELETE FROM projections WHERE name = ?"));
            q.addBindValue(p->name());
            bool ok = q.exec();
            for (const QString &table : p->tables())
                ok = ok && q.exec(QStringLiteral("DROP TABLE IF EXISTS \"%1\"").arg(table));
            if (!ok) {
                const QString error = lastError(q);
                m_db.rollback();
                return QStringLiteral("cannot drop the projection %1: %2").arg(p->name(), error);
            }
        }
        if (!m_db.commit())
            return QStringLiteral("cannot drop stale projections: %1").arg(m_db.lastError().text());
    }

    const ProjectionDatabase database{m_db, sqliteHandle(m_db)};
    for (Projection *p : m_projections->all()) {
        for (const QString &statement : p->schema())
            if (!q.exec(statement))
                return QStringLiteral("schema of the projection %1 failed: %2").arg(p->name(), lastError(q));
        if (const QString e = p->open(database); !e.isEmpty())
            return QStringLiteral("cannot open the projection %1: %2").arg(p->name(), e);
    }
    m_rebuilt.clear();
    m_replayed = 0;
    if (stale.isEmpty())
        return {};
    return replayInto(stale);
}

// Feeds the whole log, in (course, seq) order, to the stale projections, a page per transaction;
// the last transaction records their versions.
QString SqliteEventLog::replayInto(const QList<Projection *> &stale)
{
    QStringList names;
    for (const Projection *p : stale)
        names << p->name();
    qCInfo(lcStore).noquote() << "building projections from the log:" << names.join(QStringLiteral(", "));

    QString course;
    qint64 seq = -1;
    for (;;) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT seq, kind, ts, data, course FROM events WHERE (course, seq) > (?, ?) "
                                 "ORDER BY course, seq LIMIT ?"));
        q.addBindValue(course.isNull() ? QStringLiteral("") : course);
        q.addBindValue(seq);
        q.addBindValue(kReplayPage);
        if (!q.exec())
            return QStringLiteral("cannot read the log: %1").arg(lastError(q));
        QList<CourseEvent> page;
        while (q.next())
            page << eventFromRow(q.value(4).toString(), q);
        q.finish();

        if (!m_db.transaction())
            return QStringLiteral("cannot rebuild projections: %1").arg(m_db.lastError().text());
        QString error;
        for (const CourseEvent &e : std::as_const(page)) {
            for (Projection *p : stale) {
                error = p->apply(e);
                if (!error.isEmpty()) {
                    error = QStringLiteral("%1, at %2 seq %3: %4").arg(p->name(), e.course).arg(e.seq).arg(error);
                    break;
                }
            }
            if (!error.isEmpty())
                break;
        }
        if (error.isEmpty() && page.isEmpty()) {
            QSqlQuery record(m_db);
            record.prepare(QStringLiteral("INSERT OR REPLACE INTO projections (name, version) VALUES (?, ?)"));
            for (const Projection *p : stale) {
                record.bindValue(0, p->name());
                record.bindValue(1, p->version());
                if (!record.exec()) {
                    error = lastError(record);
                    break;
                }
            }
        }
        if (error.isEmpty() && !m_db.commit())
            error = m_db.lastError().text();
        if (!error.isEmpty()) {
            m_db.rollback();
            return QStringLiteral("cannot rebuild projections: %1").arg(error);
        }
        if (page.isEmpty())
            break;
        m_replayed += quint64(page.size());
        course = page.last().course;
        seq = qint64(page.last().seq);
    }
    m_rebuilt = names;
    qCInfo(lcStore) << "rebuilt" << names.size() << "projections from" << m_replayed << "events";
    return {};
}

QStringList SqliteEventLog::projectionRowCounts() const
{
    QStringList lines;
    for (const Projection *p : m_projections->all())
        for (const QString &table : p->tables()) {
            QSqlQuery q(m_db);
            const bool ok = q.exec(QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(table)) && q.next();
            lines << QStringLiteral("%1 %2: %3 rows").arg(p->name(), table, ok ? q.value(0).toString() : QStringLiteral("?"));
        }
    return lines;
}

quint64 SqliteEventLog::nextSeq(const QString &course)
{
    quint64 &seq = m_assignedSeq[course];
    return ++seq;
}

void SqliteEventLog::append(NewEvent event, AppendCallback done)
{
    CourseEvent e{event.course, nextSeq(event.course), event.kind, event.timeMs, std::move(event.data)};
    if (e.kind == EventKind::ChatPosted)
        e.data.insert(QStringLiteral("id"), double(e.seq));
    m_pending.push_back(Pending{std::move(e), std::move(done)});
    scheduleFlush();
}

void SqliteEventLog::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    QMetaObject::invokeMethod(this, &SqliteEventLog::flush, Qt::QueuedConnection);
}

QString SqliteEventLog::applyProjections(const CourseEvent &event)
{
    for (Projection *p : m_projections->all())
        if (QString error = p->apply(event); !error.isEmpty())
            return error;
    return {};
}

QString SqliteEventLog::writePending(QVector<Pending> &batch)
{
    SqliteStatement &insert = *m_insertEvent;
    for (Pending &p : batch) {
        const CourseEvent &e = p.event;
        insert.bind(0, e.course)
            .bind(1, qint64(e.seq))
            .bind(2, eventKindName(e.kind))
            .bind(3, e.timeMs)
            .bind(4, QJsonDocument(e.data).toJson(QJsonDocument::Compact));
        if (!insert.run())
            return insert.error();
        if (EventRedactor::redacts(e.kind))
            if (QString error = m_redactor.redact(e, &p.redacted); !error.isEmpty())
                return error;
        if (QString error = applyProjections(e); !error.isEmpty())
            return error;
    }
    return {};
}

void SqliteEventLog::flush()
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
    for (Pending &p : batch) {
        if (!p.redacted.isEmpty())
            Q_EMIT eventsRedacted(p.event.course, p.redacted);
        p.done(p.event);
    }
}

QList<CourseEvent> SqliteEventLog::eventsAt(const QString &course, const QList<quint64> &seqs) const
{
    QList<CourseEvent> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT seq, kind, ts, data FROM events WHERE course = ? AND seq = ?"));
    for (const quint64 seq : seqs) {
        q.bindValue(0, course);
        q.bindValue(1, qint64(seq));
        if (q.exec() && q.next())
            out << eventFromRow(course, q);
    }
    std::sort(out.begin(), out.end(), [](const CourseEvent &a, const CourseEvent &b) { return a.seq < b.seq; });
    return out;
}

quint64 SqliteEventLog::lastSeq(const QString &course) const { return m_committedSeq.value(course, 0); }

QStringList SqliteEventLog::courses() const
{
    QStringList courses = m_committedSeq.keys();
    courses.sort();
    return courses;
}

QList<CourseEvent> SqliteEventLog::eventsAfter(const QString &course, quint64 after, int limit) const
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

} // namespace collab::server
