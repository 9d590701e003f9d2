#pragma once

#include "model/chatmessage.h"
#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QHash>
#include <QList>

namespace collab::server {

// Who reacted with which emoji on which message (message.reacted): one row per user, emoji and
// message, so a second identical reaction changes nothing.
class ReactionsProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("reactions"); }
    int version() const override { return 1; }
    QStringList tables() const override { return {QStringLiteral("reactions")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    // Per message id: its reactions, emoji in the order first used, names in the order they reacted
    // (at most Reaction::MaxReactionNames; `mine` set for `reader`).
    QHash<quint64, QList<Reaction>> reactions(const QString &course, const QList<quint64> &ids, const QString &reader) const;
    bool hasReacted(const QString &course, quint64 id, const QString &emoji, const QString &user) const;
    int distinctEmoji(const QString &course, quint64 id) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_add;
    SqliteStatement m_remove;
};

// The course settings of interactions (anonymity.set): who may post anonymously to classmates.
class InteractionSettingsProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("interaction_settings"); }
    int version() const override { return 1; }
    QStringList tables() const override { return {QStringLiteral("interaction_settings")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    // off | questions | all; "questions" when never set (the default: on for questions).
    QString anonymityMode(const QString &course) const;

private:
    QSqlDatabase m_db;
    SqliteStatement m_set;
};

} // namespace collab::server
