#pragma once

#include "client/outbox.h"
#include "model/chatmessage.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>
#include <QVector>

namespace collab::desktop {

// The messages of one channel, one row each, oldest first: the stored ones in id order, then the
// ones still in the outbox ("sending…"). Appends and live edits touch one row; a channel of
// 10,000 messages is a plain vector and never re-sorted as a whole.
class ChatModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        AuthorRole,
        TextRole,
        CreatedRole,  // ms since epoch
        EditedRole,   // bool
        DeletedRole,  // bool
        PendingRole,  // bool: not acknowledged by the server yet
        FailedRole,   // QString: why it was not sent ("" if fine)
        ClientMsgIdRole,
        ViaRole,      // QString: the API key that posted it (an integration), "" for a member
        EditedByRole, // QString: who edited it last ("" if unknown or never edited)
        MentionRole,  // bool: it @mentions the local user (setLocalUser)
        ContinuationRole, // bool: same author as the row before, soon after it: no header of its own
        FirstUnreadRole,  // bool: the first message that came after the read marker ("new messages")
        // Course interactions (issue 14).
        ReplyToRole,     // quint64: the thread it replies in (0: none)
        PollRole,        // bool: a poll (its id is the poll's)
        PinnedRole,      // bool
        InteractionsRole, // QString: "3 replies (1 new) by ben.ortiz · pinned · question (resolved) · 👍 2 🎉 1", for the header
        DeletedByRole, // QString: who deleted it (the author or a moderator), "" if not known
        ThreadUnreadRole, // int: replies by others to this thread's first message not seen yet
        FilesRole,     // QList<FileRef>: its attachments (issue 15), cards under the text
        // QString: the author as this reader sees them named (authorlabel.h): an anonymous post says
        // so to its author ("… (you, posted anonymously)") and to moderators ("Anonymous Owl — ben.ortiz").
        AuthorLabelRole,
    };

    explicit ChatModel(const QString &channel, QObject *parent = nullptr);

    // Whose @mentions MentionRole looks for.
    void setLocalUser(const QString &user) { m_localUser = user; }
    // Messages after `id` are new to the user: the first of them (by someone else) carries
    // FirstUnreadRole, where the view draws "New messages". 0: no marker.
    void setReadMarker(quint64 id);
    quint64 lastStoredId() const { return m_stored.isEmpty() ? 0 : m_stored.last().id; }

    QString channel() const { return m_channel; }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the stored messages (a join's history page); pending ones stay.
    void setMessages(const QList<ChatMessage> &messages);
    // Older messages (a history page answering a request), merged in id order.
    void prependMessages(const QList<ChatMessage> &messages);
    // A posted message: appended (or inserted in id order, or updated if known). Replaces the
    // pending row with the same clientMsgId.
    void addMessage(const ChatMessage &message);
    bool applyEdit(quint64 id, const QString &text, qint64 editedMs, const QString &editedBy = QString());
    bool applyDelete(quint64 id, const QString &by = QString());
    // The course's retention deleted these for good (messages.expired): their rows go. Returns
    // how many were here.
    int removeExpired(const QSet<quint64> &ids);
    // Course interactions as their events arrive: a reaction (`mine`: the local user's), a pin,
    // a reply counted on its thread's first message, a question's state, an endorsement.
    bool applyReaction(quint64 id, const QString &emoji, const QString &user, bool active, bool mine);
    bool applyPin(quint64 id, bool pinned);
    // `byMe`: the local user's own reply, which is never unread.
    bool applyReply(quint64 root, const QString &replier, bool byMe = false);
    // The thread of `root` was seen (shown in the thread panel): none of its replies is unread.
    bool markThreadRead(quint64 root);
    bool applyQuestion(quint64 id, bool question, bool resolved);
    bool applyEndorsement(quint64 id, bool endorsed);
    // `extras`: how it was sent (a reply, a question, anonymously), kept for the row and for a retry.
    void addPending(const QString &clientMsgId, const QString &author, const QString &text, qint64 queuedMs,
                    const client::ChatExtras &extras = {});
    void markFailed(const QString &clientMsgId, const QString &why);
    // A pending row (failed, after Discard or Retry) goes; false if there was none.
    bool removePending(const QString &clientMsgId);
    // How a pending message was sent (a reply, a question, anonymously, its files); {} if unknown.
    client::ChatExtras pendingExtras(const QString &clientMsgId) const;

    int storedCount() const { return int(m_stored.size()); }
    int pendingCount() const { return int(m_pending.size()); }
    int rowOf(quint64 id) const; // -1 if not stored
    int rowOfPending(const QString &clientMsgId) const; // -1 if not pending
    const ChatMessage *messageAt(int row) const;

private:
    bool isContinuation(int row) const;
    void rowChangedAfter(int row); // the row after `row` may start or end a group

    struct Pending
    {
        ChatMessage message; // id 0
        QString failed;
        client::ChatExtras extras; // as it was sent: a retry sends it the same way (anonymously too)
    };
    int lowerBound(quint64 id) const;

    QString m_channel;
    QVector<ChatMessage> m_stored; // sorted by id
    QVector<Pending> m_pending;
    QString m_localUser;
    quint64 m_readMarker = 0;
    QHash<quint64, int> m_threadUnread; // thread root -> replies by others since it was last seen
};

// True if `text` @mentions `user` ("@Angie.Nguyen" mentions angie.nguyen: names ignore case).
bool mentionsUser(const QString &text, const QString &user);

} // namespace collab::desktop
