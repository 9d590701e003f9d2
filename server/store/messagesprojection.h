#pragma once

#include "model/chatmessage.h"
#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QList>
#include <QSqlQuery>

#include <optional>

namespace collab::server {

// Chat messages as they now are (chat.posted, edited, deleted): by id, by the author's
// clientMsgId (a retry's original), and page by page in a channel.
// Version 2: the `via` column (the API key an integration posted through, in chat.posted's data).
class MessagesProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("messages"); }
    int version() const override { return 3; } // 3: edited_by
    QStringList tables() const override { return {QStringLiteral("messages")}; }
    QStringList schema() const override;
    QString open(const ProjectionDatabase &database) override;
    QString apply(const CourseEvent &event) override;

    std::optional<ChatMessage> message(const QString &course, quint64 id) const;
    std::optional<ChatMessage> messageByClientId(const QString &course, const QString &author,
                                                 const QString &clientMsgId) const;
    // The newest `limit` messages of a channel with id < before (0: no bound), oldest first.
    QList<ChatMessage> messagesBefore(const QString &course, const QString &channel, quint64 before, int limit) const;
    // The oldest `limit` messages of a channel with id > after, oldest first.
    QList<ChatMessage> messagesAfter(const QString &course, const QString &channel, quint64 after, int limit) const;
    // Every name that posted a chat message in the course (as the messages carry it).
    QStringList messageAuthors(const QString &course) const;

private:
    QSqlDatabase m_db;
    // Prepared once: preparing per call would cost more than the insert (the REST post path).
    SqliteStatement m_insert;
    SqliteStatement m_edit;
    SqliteStatement m_delete;
    // On every chat.send with a clientMsgId (and REST post with an Idempotency-Key): a prepared
    // sqlite3 read, not a QSqlQuery, for the same reason.
    mutable SqliteStatement m_byClientId;
};

} // namespace collab::server
