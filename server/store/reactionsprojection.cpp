#include "store/reactionsprojection.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace collab::server {

QStringList ReactionsProjection::schema() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS reactions (course TEXT NOT NULL, id INTEGER NOT NULL, emoji TEXT NOT NULL,"
                           " user TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (course, id, emoji, user)) WITHOUT ROWID")};
}

QString ReactionsProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_add.prepare(database.handle, "INSERT OR IGNORE INTO reactions (course, id, emoji, user, seq) VALUES (?, ?, ?, ?, ?)"))
        return m_add.error();
    if (!m_remove.prepare(database.handle, "DELETE FROM reactions WHERE course = ? AND id = ? AND emoji = ? AND user = ?"))
        return m_remove.error();
    return {};
}

QString ReactionsProjection::apply(const CourseEvent &e)
{
    if (e.kind != EventKind::MessageReacted)
        return {};
    const qint64 id = qint64(e.data.value(QLatin1String("id")).toDouble());
    const QString emoji = projection::textField(e.data, "emoji");
    const QString user = projection::textField(e.data, "user");
    SqliteStatement &s = e.data.value(QLatin1String("active")).toBool() ? m_add : m_remove;
    s.bind(0, e.course).bind(1, id).bind(2, emoji).bind(3, user);
    if (&s == &m_add)
        s.bind(4, qint64(e.seq));
    return s.run() ? QString() : s.error();
}

QHash<quint64, QList<Reaction>> ReactionsProjection::reactions(const QString &course, const QList<quint64> &ids,
                                                               const QString &reader) const
{
    QHash<quint64, QList<Reaction>> out;
    if (ids.isEmpty())
        return out;
    QStringList marks;
    for (qsizetype i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, emoji, user FROM reactions WHERE course = ? AND id IN (%1) ORDER BY id, seq")
                  .arg(marks.join(QLatin1Char(','))));
    q.addBindValue(course);
    for (quint64 id : ids)
        q.addBindValue(qint64(id));
    if (!q.exec())
        qCWarning(lcStore) << "reactions failed:" << q.lastError().text();
    while (q.next()) {
        QList<Reaction> &list = out[q.value(0).toULongLong()];
        const QString emoji = q.value(1).toString();
        const QString user = q.value(2).toString();
        auto it = std::find_if(list.begin(), list.end(), [&](const Reaction &r) { return r.emoji == emoji; });
        if (it == list.end()) {
            list.append(Reaction{emoji, 0, {}, false});
            it = list.end() - 1;
        }
        ++it->count;
        if (it->users.size() < Reaction::MaxReactionNames)
            it->users << user;
        if (user == reader)
            it->mine = true;
    }
    return out;
}

bool ReactionsProjection::hasReacted(const QString &course, quint64 id, const QString &emoji, const QString &user) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM reactions WHERE course = ? AND id = ? AND emoji = ? AND user = ?"));
    q.addBindValue(course);
    q.addBindValue(qint64(id));
    q.addBindValue(emoji);
    q.addBindValue(user);
    return q.exec() && q.next();
}

int ReactionsProjection::distinctEmoji(const QString &course, quint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(DISTINCT emoji) FROM reactions WHERE course = ? AND id = ?"));
    q.addBindValue(course);
    q.addBindValue(qint64(id));
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

QStringList InteractionSettingsProjection::schema() const
{
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS interaction_settings (course TEXT NOT NULL PRIMARY KEY, anonymity TEXT NOT NULL)"
                           " WITHOUT ROWID")};
}

QString InteractionSettingsProjection::open(const ProjectionDatabase &database)
{
    m_db = database.db;
    if (!m_set.prepare(database.handle, "INSERT OR REPLACE INTO interaction_settings (course, anonymity) VALUES (?, ?)"))
        return m_set.error();
    return {};
}

QString InteractionSettingsProjection::apply(const CourseEvent &e)
{
    if (e.kind != EventKind::AnonymitySet)
        return {};
    m_set.bind(0, e.course).bind(1, projection::textField(e.data, "mode"));
    return m_set.run() ? QString() : m_set.error();
}

QString InteractionSettingsProjection::anonymityMode(const QString &course) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT anonymity FROM interaction_settings WHERE course = ?"));
    q.addBindValue(course);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return QStringLiteral("questions");
}

} // namespace collab::server
