#pragma once

#include "model/chatmessage.h"
#include "store/projection.h"
#include "store/sqlitestatement.h"

#include <QHash>
#include <QList>
#include <QSqlQuery>

#include <optional>

namespace collab::server {

// One author of a thread's replies, as the reader may see them (AnonymityFilter picks).
struct ReplyAuthor
{
    QString author;
    bool anonymous = false;
    QString pseudonym;
};

// Chat messages as they now are (chat.posted, edited, deleted): by id, by the author's
// clientMsgId (a retry's original), and page by page in a channel.
// Version 2: the `via` column (the API key an integration posted through, in chat.posted's data).
// Version 3: course interactions (issue 14): threads (reply_to, replies), questions (question,
// resolved, endorsed answers), pins, polls (a poll.created is a message of its channel) and
// anonymous posts (anonymous, pseudonym).
class MessagesProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("messages"); }
    int version() const override { return 6; } // 3: interactions, deleted_by (two branches); 4: both; 5: edited_by; 6: files
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

    // Threads: the replies to `root` with id > after, oldest first; the endorsed ones; the
    // authors of the latest replies, newest first.
    QList<ChatMessage> replies(const QString &course, quint64 root, quint64 after, int limit) const;
    QList<ChatMessage> endorsedReplies(const QString &course, quint64 root) const;
    QList<ReplyAuthor> latestReplyAuthors(const QString &course, quint64 root, int limit) const;
    // The pseudonym `author` already has in the thread of `root` (empty: none yet), and those
    // taken there.
    QString threadPseudonym(const QString &course, quint64 root, const QString &author) const;
    QStringList threadPseudonyms(const QString &course, quint64 root) const;
    // Pins of a channel, oldest pin first, and how many.
    QList<ChatMessage> pinned(const QString &course, const QString &channel) const;
    int pinnedCount(const QString &course, const QString &channel) const;
    // Questions, newest last (channel empty: all), and the open ones per channel.
    QList<ChatMessage> questions(const QString &course, const QString &channel, bool unresolvedOnly, int limit) const;
    QHash<QString, int> openQuestionCounts(const QString &course) const;

private:
    QSqlDatabase m_db;
    // Prepared once: preparing per call would cost more than the insert (the REST post path).
    SqliteStatement m_insert;
    SqliteStatement m_edit;
    SqliteStatement m_delete;
    SqliteStatement m_replyAdded;   // the thread's first message counts its replies
    SqliteStatement m_replyDeleted;
    SqliteStatement m_pin;
    SqliteStatement m_question;
    SqliteStatement m_endorse;
    SqliteStatement m_poll;
    SqliteStatement m_expire; // messages.expired: the row goes
    // On every chat.send with a clientMsgId (and REST post with an Idempotency-Key): a prepared
    // sqlite3 read, not a QSqlQuery, for the same reason.
    mutable SqliteStatement m_byClientId;
};

} // namespace collab::server
