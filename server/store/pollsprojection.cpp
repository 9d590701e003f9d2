#include "store/pollsprojection.h"

#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

namespace {

QByteArray compact(const QJsonArray &a) { return QJsonDocument(a).toJson(QJsonDocument::Compact); }

QJsonArray toArray(const QList<int> &v)
{
    QJsonArray a;
    for (int i : v)
        a.append(i);
    return a;
}

QList<int> optionsFromText(const QString &text)
{
    return optionsFromJson(QJsonDocument::fromJson(text.toUtf8()).array());
}

} // namespace

QList<int> optionsFromJson(const QJsonValue &value)
{
    QList<int> out;
    for (const QJsonValue &v : value.toArray())
        out << v.toInt();
    return out;
}

QStringList PollsProjection::schema() const
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS polls (course TEXT NOT NULL, id INTEGER NOT NULL, channel TEXT NOT NULL,"
                       " question TEXT NOT NULL, options TEXT NOT NULL, multiple INTEGER NOT NULL, anonymous INTEGER NOT NULL,"
                       " closes_at INTEGER NOT NULL, closed INTEGER NOT NULL DEFAULT 0, ballot_key TEXT NOT NULL, by TEXT NOT NULL,"
                       " counts TEXT NOT NULL, voters INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (course, id)) WITHOUT ROWID"),
        // voter: the name (named polls) or the ballot (anonymous ones, whose options stay '').
        QStringLiteral("CREATE TABLE IF NOT EXISTS poll_votes (course TEXT NOT NULL, poll INTEGER NOT NULL, voter TEXT NOT NULL,"
                       " options TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (course, poll, voter)) WITHOUT ROWID"),
    };
}

QString PollsProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    const std::pair<SqliteStatement *, const char *> statements[] = {
        {&m_create, "INSERT INTO polls (course, id, channel, question, options, multiple, anonymous, closes_at, ballot_key, by,"
                    " counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_counts, "UPDATE polls SET counts = ?, voters = ? WHERE course = ? AND id = ?"},
        {&m_vote, "INSERT OR REPLACE INTO poll_votes (course, poll, voter, options, seq) VALUES (?, ?, ?, ?, ?)"},
        {&m_close, "UPDATE polls SET closed = 1 WHERE course = ? AND id = ?"},
    };
    for (const auto &[statement, sql] : statements)
        if (!statement->prepare(database.handle, sql))
            return statement->error();
    return {};
}

QString PollsProjection::apply(const CourseEvent &e)
{
    switch (e.kind) {
    case EventKind::PollCreated: {
        const QJsonArray options = e.data.value(QLatin1String("options")).toArray();
        QList<int> zeros(options.size(), 0);
        m_create.bind(0, e.course)
            .bind(1, qint64(e.seq))
            .bind(2, projection::textField(e.data, "channel"))
            .bind(3, projection::textField(e.data, "question"))
            .bind(4, compact(options))
            .bind(5, qint64(e.data.value(QLatin1String("multiple")).toBool()))
            .bind(6, qint64(e.data.value(QLatin1String("anonymous")).toBool()))
            .bind(7, qint64(e.data.value(QLatin1String("closesAt")).toDouble()))
            .bind(8, projection::textField(e.data, "ballotKey"))
            .bind(9, projection::textField(e.data, "by"))
            .bind(10, compact(toArray(zeros)));
        return m_create.run() ? QString() : m_create.error();
    }
    case EventKind::PollVoted: {
        const quint64 id = quint64(e.data.value(QLatin1String("poll")).toDouble());
        std::optional<PollRecord> p = poll(e.course, id);
        if (!p)
            return {}; // the Hub never stores such a vote; a rebuild ignores it the same way
        const bool anonymous = e.data.contains(QLatin1String("ballot"));
        const QString voter = projection::textField(e.data, anonymous ? "ballot" : "user");
        const QList<int> chosen = optionsFromJson(e.data.value(QLatin1String("options")));
        std::optional<QList<int>> previous = vote(e.course, id, voter);
        if (previous && anonymous)
            return {}; // an anonymous vote is final: the counts cannot know what to take back
        if (previous)
            for (int o : *previous)
                if (o >= 0 && o < p->counts.size())
                    --p->counts[o];
        for (int o : chosen)
            if (o >= 0 && o < p->counts.size())
                ++p->counts[o];
        m_counts.bind(0, compact(toArray(p->counts))).bind(1, qint64(p->voters + (previous ? 0 : 1))).bind(2, e.course).bind(3, qint64(id));
        if (!m_counts.run())
            return m_counts.error();
        m_vote.bind(0, e.course).bind(1, qint64(id)).bind(2, voter).bind(3, anonymous ? QByteArray() : compact(toArray(chosen)))
            .bind(4, qint64(e.seq));
        return m_vote.run() ? QString() : m_vote.error();
    }
    case EventKind::PollClosed:
        m_close.bind(0, e.course).bind(1, qint64(e.data.value(QLatin1String("poll")).toDouble()));
        return m_close.run() ? QString() : m_close.error();
    default:
        return {};
    }
}

std::optional<PollRecord> PollsProjection::poll(const QString &course, quint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT channel, question, options, multiple, anonymous, closes_at, closed, ballot_key, by, counts,"
                             " voters FROM polls WHERE course = ? AND id = ?"));
    q.addBindValue(course);
    q.addBindValue(qint64(id));
    if (!q.exec() || !q.next())
        return std::nullopt;
    PollRecord p;
    p.id = id;
    p.channel = q.value(0).toString();
    p.question = q.value(1).toString();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(2).toString().toUtf8()).array())
        p.options << v.toString();
    p.multiple = q.value(3).toBool();
    p.anonymous = q.value(4).toBool();
    p.closesAt = q.value(5).toLongLong();
    p.closed = q.value(6).toBool();
    p.ballotKey = q.value(7).toString();
    p.by = q.value(8).toString();
    p.counts = optionsFromText(q.value(9).toString());
    p.voters = q.value(10).toInt();
    return p;
}

std::optional<QList<int>> PollsProjection::vote(const QString &course, quint64 poll, const QString &voter) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT options FROM poll_votes WHERE course = ? AND poll = ? AND voter = ?"));
    q.addBindValue(course);
    q.addBindValue(qint64(poll));
    q.addBindValue(voter);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return optionsFromText(q.value(0).toString());
}

QList<std::pair<QString, QList<int>>> PollsProjection::votes(const QString &course, quint64 poll) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT voter, options FROM poll_votes WHERE course = ? AND poll = ? ORDER BY seq"));
    q.addBindValue(course);
    q.addBindValue(qint64(poll));
    QList<std::pair<QString, QList<int>>> out;
    if (!q.exec())
        qCWarning(lcStore) << "poll votes failed:" << q.lastError().text();
    while (q.next())
        out.append({q.value(0).toString(), optionsFromText(q.value(1).toString())});
    return out;
}

int PollsProjection::openPolls(const QString &course, const QString &channel, qint64 nowMs) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM polls WHERE course = ? AND channel = ? AND closed = 0 AND (closes_at = 0 OR closes_at > ?)"));
    q.addBindValue(course);
    q.addBindValue(channel);
    q.addBindValue(nowMs);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

} // namespace collab::server
