#include "retention/retention.h"

#include "hub/permissions.h"
#include "logging.h"
#include "store/projections.h"

#include <QDateTime>
#include <QJsonArray>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

namespace collab::server {

namespace {

constexpr qint64 kDefaultCheckMs = 60 * 60 * 1000;

// A thread whose newest message is older than the cut-off goes whole (its first message and every
// reply): a thread is never cut in two. Polls (poll = 1) stay. Plain "?" (QtSql counts them): the
// course and the cut-off are bound three times each, in this order (bindWhere).
constexpr const char *kExpiredWhere =
    "FROM messages m WHERE m.course = ? AND m.poll = 0 AND m.created < ?"
    " AND (m.reply_to = 0 OR NOT EXISTS (SELECT 1 FROM messages t WHERE t.course = ? AND t.id = m.reply_to AND t.created >= ?))"
    " AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.course = ?"
    " AND r.reply_to = (CASE WHEN m.reply_to <> 0 THEN m.reply_to ELSE m.id END) AND r.created >= ?)";

// A file goes when it was uploaded before the cut-off and no message that stays carries it (a
// thread kept for a recent reply keeps its old files). Bound: the course, the cut-off, then
// kExpiredWhere's six (bindWhere).
constexpr const char *kExpiredFilesWhere =
    "FROM files f WHERE f.course = ? AND f.created < ?"
    " AND NOT EXISTS (SELECT 1 FROM messages k WHERE k.course = f.course AND k.files <> '' AND instr(k.files, f.id) > 0"
    " AND k.id NOT IN (SELECT m.id %1))";

void bindWhere(QSqlQuery &q, const QString &course, qint64 before)
{
    for (int i = 0; i < 3; ++i) {
        q.addBindValue(course);
        q.addBindValue(before);
    }
}

// One connection for one task on the worker, closed after it.
class TaskConnection
{
public:
    TaskConnection(const QString &path, bool readOnly)
        : m_name(QStringLiteral("collab-retention-") + QUuid::createUuid().toString(QUuid::Id128))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000")
                                      : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        m_ok = db.open();
    }
    ~TaskConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_ok = false;
};

ProtocolError storeError(const QString &text)
{
    return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("retention could not read the store: %1").arg(text));
}

} // namespace

Retention::Retention(const ServerConfig &config, const Projections &projections, CourseJournal &journal, QObject *parent)
    : QObject(parent), m_config(config), m_projections(projections), m_journal(journal),
      m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    // One thread: runs and compactions queue instead of taking the hub's core too.
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("collab-retention"));
    connect(&m_check, &QTimer::timeout, this, &Retention::checkAll);
    setCheckInterval(kDefaultCheckMs);
    m_compact.setSingleShot(true);
    m_compact.setInterval(CompactDelayMs);
    connect(&m_compact, &QTimer::timeout, this, [this] {
        onWorker<bool>([path = databasePath()] { return compact(path); }, [this](Result<bool> r) {
            if (r)
                ++m_compactions;
            else // the next expiry (or the next run's) tries again
                qCWarning(lcHub) << "compacting the store after retention failed:" << r.error().message;
        });
    });
}

void Retention::expiryApplied() { m_compact.start(); }

Retention::~Retention() { m_pool.waitForDone(); }

QString Retention::databasePath() const { return m_projections.noteHistory().databasePath(); } // one database for all

void Retention::setCheckInterval(qint64 ms)
{
    m_check.stop();
    if (ms > 0)
        m_check.start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
}

std::optional<ProtocolError> Retention::check(const Actor &actor, const QString &course) const
{
    if (!m_config.course(course))
        return unknownCourseError(course);
    if (!allows(actor.role, Permission::SetRetention))
        return ProtocolError::make(ErrorCode::Forbidden, QStringLiteral("only %1 may %2 (you are %3 in %4)")
                                                             .arg(rolesAllowed(Permission::SetRetention),
                                                                  permissionText(Permission::SetRetention), roleName(actor.role), course));
    return std::nullopt;
}

void Retention::setPeriod(const Actor &actor, const proto::RetentionSet &m, Callback<QJsonObject> done)
{
    if (std::optional<ProtocolError> e = check(actor, m.course))
        return done(*e);
    const int days = m.off ? 0 : m.days.value_or(0);
    const QJsonObject data{{QStringLiteral("retentionDays"), days}, {QStringLiteral("by"), actor.user}};
    qCInfo(lcHub) << actor.user << "sets the retention of" << m.course << "to" << days << "days";
    m_journal.append(m.course, EventKind::CourseUpdated, data, [course = m.course, days, done = std::move(done)](Result<CourseEvent> r) {
        if (!r)
            return done(r.error());
        done(QJsonObject{{QStringLiteral("course"), course}, {QStringLiteral("days"), days}, {QStringLiteral("seq"), double(r.value().seq)}});
    });
}

template <typename T>
void Retention::onWorker(std::function<Result<T>()> work, Callback<T> then)
{
    QPointer<Retention> self(this);
    m_pool.start([self, work = std::move(work), then = std::move(then)]() mutable {
        auto result = std::make_shared<Result<T>>(work());
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [result, then = std::move(then)]() mutable { then(std::move(*result)); },
                                  Qt::QueuedConnection);
    });
}

Result<Retention::Candidates> Retention::findExpired(const QString &databasePath, const QString &course, qint64 before, int limit)
{
    TaskConnection connection(databasePath, true);
    if (!connection.ok())
        return storeError(QStringLiteral("cannot open it"));
    Candidates out;
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    if (limit > 0) {
        q.prepare(QStringLiteral("SELECT m.id, m.created %1 ORDER BY m.id LIMIT ?").arg(QLatin1String(kExpiredWhere)));
        bindWhere(q, course, before);
        q.addBindValue(limit);
        if (!q.exec())
            return storeError(q.lastError().text());
        while (q.next()) {
            out.ids << q.value(0).toLongLong();
            const qint64 created = q.value(1).toLongLong();
            out.oldestMs = out.oldestMs ? std::min(out.oldestMs, created) : created;
            out.newestMs = std::max(out.newestMs, created);
        }
        out.count = out.ids.size();
        return out;
    }
    q.prepare(QStringLiteral("SELECT COUNT(*), MIN(m.created), MAX(m.created) %1").arg(QLatin1String(kExpiredWhere)));
    bindWhere(q, course, before);
    if (!q.exec() || !q.next())
        return storeError(q.lastError().text());
    out.count = q.value(0).toLongLong();
    out.oldestMs = q.value(1).toLongLong();
    out.newestMs = q.value(2).toLongLong();
    return out;
}

Result<Retention::FileCandidates> Retention::findExpiredFiles(const QString &databasePath, const QString &course, qint64 before, int limit)
{
    TaskConnection connection(databasePath, true);
    if (!connection.ok())
        return storeError(QStringLiteral("cannot open it"));
    const QString where = QString::fromLatin1(kExpiredFilesWhere).arg(QLatin1String(kExpiredWhere));
    QSqlQuery q(connection.db());
    q.setForwardOnly(true);
    q.prepare(limit > 0 ? QStringLiteral("SELECT f.id, f.sha256 %1 ORDER BY f.seq LIMIT ?").arg(where)
                        : QStringLiteral("SELECT COUNT(*) %1").arg(where));
    q.addBindValue(course);
    q.addBindValue(before);
    bindWhere(q, course, before);
    if (limit > 0)
        q.addBindValue(limit);
    if (!q.exec())
        return storeError(q.lastError().text());
    FileCandidates out;
    if (limit <= 0) {
        out.count = q.next() ? q.value(0).toLongLong() : 0;
        return out;
    }
    while (q.next()) {
        out.ids << q.value(0).toString();
        out.sha256s << q.value(1).toString();
    }
    out.count = out.ids.size();
    return out;
}

// What was deleted leaves no copy behind: the FTS5 index's segments are merged (a deleted
// message's entries otherwise stay in old segments until a merge), the file is rebuilt without
// its free pages (VACUUM), and the WAL, which still holds the old pages, is emptied.
Result<bool> Retention::compact(const QString &databasePath)
{
    TaskConnection connection(databasePath, false);
    if (!connection.ok())
        return storeError(QStringLiteral("cannot open it to compact it"));
    QSqlQuery q(connection.db());
    for (const char *statement : {"PRAGMA secure_delete=ON", "INSERT INTO search_fts(search_fts) VALUES('optimize')", "VACUUM",
                                  "PRAGMA wal_checkpoint(TRUNCATE)"})
        if (!q.exec(QLatin1String(statement)))
            return ProtocolError::make(ErrorCode::Unavailable,
                                       QStringLiteral("compacting the store failed at %1: %2").arg(QLatin1String(statement), q.lastError().text()));
    return true;
}

void Retention::run(const Actor &actor, const QString &course, bool dryRun, Callback<QJsonObject> done)
{
    if (std::optional<ProtocolError> e = check(actor, course))
        return done(*e);
    const int days = m_config.course(course)->retentionDays;
    if (days <= 0)
        return done(ProtocolError::make(ErrorCode::InvalidValue,
                                        QStringLiteral("%1 keeps its messages: set a retention period first (retention.set {days}, "
                                                       "PUT .../retention {\"days\": N})").arg(course)));
    const qint64 before = m_nowMs() - qint64(days) * DayMs;
    if (dryRun) {
        using Counted = std::pair<Candidates, qint64>; // the messages, and how many files would go
        onWorker<Counted>([path = databasePath(), course, before]() -> Result<Counted> {
                                 Result<Candidates> messages = findExpired(path, course, before, 0);
                                 if (!messages)
                                     return messages.error();
                                 Result<FileCandidates> files = findExpiredFiles(path, course, before, 0);
                                 if (!files)
                                     return files.error();
                                 return Counted{messages.value(), files.value().count};
                             },
                             [course, days, before, done = std::move(done)](Result<Counted> counted) {
                                 if (!counted)
                                     return done(counted.error());
                                 const Candidates &r = counted.value().first;
                                 QJsonObject answer{{QStringLiteral("course"), course}, {QStringLiteral("days"), days},
                                                    {QStringLiteral("dryRun"), true}, {QStringLiteral("before"), double(before)},
                                                    {QStringLiteral("messages"), double(r.count)},
                                                    {QStringLiteral("files"), double(counted.value().second)}};
                                 if (r.count > 0) {
                                     answer.insert(QStringLiteral("oldest"), double(r.oldestMs));
                                     answer.insert(QStringLiteral("newest"), double(r.newestMs));
                                 }
                                 done(answer);
                             });
        return;
    }
    if (m_running.contains(course)) {
        ProtocolError e = ProtocolError::make(ErrorCode::RateLimited, QStringLiteral("a retention run of %1 is under way").arg(course));
        e.retryAfterMs = 5000;
        return done(e);
    }
    m_running.insert(course);
    auto state = std::make_shared<RunState>();
    state->course = course;
    state->by = actor.user;
    state->days = days;
    state->before = before;
    state->done = std::move(done);
    step(state);
}

void Retention::step(std::shared_ptr<RunState> state)
{
    onWorker<Candidates>(
        [path = databasePath(), course = state->course, before = state->before] { return findExpired(path, course, before, BatchSize); },
        [this, state](Result<Candidates> r) {
            if (!r)
                return finish(state, r.error());
            const Candidates &c = r.value();
            if (c.ids.isEmpty())
                return stepFiles(state); // every expired message is gone: now the files they had
            QJsonArray ids;
            for (const qint64 id : c.ids)
                ids << double(id);
            const QJsonObject data{{QStringLiteral("ids"), ids}, {QStringLiteral("before"), double(state->before)},
                                   {QStringLiteral("days"), state->days}, {QStringLiteral("by"), state->by}};
            // Two nodes that run the same course's retention at once find the same batch: the
            // log stores it once.
            const QString key = QStringLiteral("messages.expired\n%1-%2-%3").arg(c.ids.first()).arg(c.ids.last()).arg(c.ids.size());
            m_journal.appendOnce(state->course, EventKind::MessagesExpired, data, key,
                                 [this, state, c](Result<std::pair<CourseEvent, bool>> stored) {
                                     if (!stored)
                                         return finish(state, stored.error());
                                     state->deleted += c.ids.size();
                                     state->oldestMs = state->oldestMs ? std::min(state->oldestMs, c.oldestMs) : c.oldestMs;
                                     state->newestMs = std::max(state->newestMs, c.newestMs);
                                     step(state);
                                 });
        });
}

void Retention::stepFiles(std::shared_ptr<RunState> state)
{
    onWorker<FileCandidates>(
        [path = databasePath(), course = state->course, before = state->before] { return findExpiredFiles(path, course, before, BatchSize); },
        [this, state](Result<FileCandidates> r) {
            if (!r)
                return finish(state, r.error());
            const FileCandidates &c = r.value();
            if (c.ids.isEmpty())
                return finish(state, std::nullopt);
            const QJsonObject data{{QStringLiteral("ids"), QJsonArray::fromStringList(c.ids)},
                                   {QStringLiteral("sha256s"), QJsonArray::fromStringList(c.sha256s)},
                                   {QStringLiteral("before"), double(state->before)}, {QStringLiteral("days"), state->days},
                                   {QStringLiteral("by"), state->by}};
            const QString key = QStringLiteral("files.expired\n%1-%2-%3").arg(c.ids.first(), c.ids.last()).arg(c.ids.size());
            m_journal.appendOnce(state->course, EventKind::FilesExpired, data, key,
                                 [this, state, n = c.ids.size()](Result<std::pair<CourseEvent, bool>> stored) {
                                     if (!stored)
                                         return finish(state, stored.error());
                                     state->filesDeleted += n;
                                     stepFiles(state);
                                 });
        });
}

void Retention::finish(std::shared_ptr<RunState> state, std::optional<ProtocolError> error)
{
    const auto answer = [state](std::optional<ProtocolError> failure) {
        if (failure)
            return state->done(*failure);
        QJsonObject a{{QStringLiteral("course"), state->course}, {QStringLiteral("days"), state->days},
                      {QStringLiteral("dryRun"), false}, {QStringLiteral("before"), double(state->before)},
                      {QStringLiteral("messages"), double(state->deleted)}, {QStringLiteral("files"), double(state->filesDeleted)}};
        if (state->deleted > 0) {
            a.insert(QStringLiteral("oldest"), double(state->oldestMs));
            a.insert(QStringLiteral("newest"), double(state->newestMs));
        }
        state->done(a);
    };
    if (error) {
        m_running.remove(state->course);
        qCWarning(lcHub) << "the retention run of" << state->course << "stopped:" << error->message;
        Q_EMIT runFinished(state->course, int(state->deleted));
        return answer(error);
    }
    qCInfo(lcHub) << "retention deleted" << state->deleted << "messages and" << state->filesDeleted << "files of" << state->course
                  << "older than" << state->days << "days";
    m_running.remove(state->course);
    Q_EMIT runFinished(state->course, int(state->deleted));
    answer(std::nullopt);
}

void Retention::checkAll()
{
    const Actor system{QStringLiteral("retention"), Actor::Role::Admin, QString()};
    for (const CourseConfig &c : m_config.courses)
        if (c.retentionDays > 0 && !m_running.contains(c.id))
            run(system, c.id, false, [](Result<QJsonObject>) {});
}

} // namespace collab::server
