#include "chatmodel.h"

#include "accessibletext.h"
#include "authorlabel.h"

#include "protocol/ids.h"

#include <QRegularExpression>

#include <algorithm>

namespace collab::desktop {

namespace {
constexpr qint64 kGroupWindowMs = 5 * 60 * 1000; // messages of one author this close are one group
}

bool mentionsUser(const QString &text, const QString &user)
{
    if (user.isEmpty() || !text.contains(QLatin1Char('@')))
        return false;
    const QRegularExpression re(QStringLiteral("(^|[^A-Za-z0-9._-])@") + QRegularExpression::escape(user)
                                    + QStringLiteral("($|[^A-Za-z0-9_-])"),
                                QRegularExpression::CaseInsensitiveOption);
    return re.match(text).hasMatch();
}

ChatModel::ChatModel(const QString &channel, QObject *parent) : QAbstractListModel(parent), m_channel(channel) {}

bool ChatModel::isContinuation(int row) const
{
    const ChatMessage *m = messageAt(row);
    const ChatMessage *before = messageAt(row - 1);
    if (!m || !before || m->deleted || before->deleted || m->poll || before->poll)
        return false;
    // An anonymous post has no author for classmates, only its pseudonym: two posts group only
    // when they show the same name (and both are anonymous, or neither).
    const auto shownName = [](const ChatMessage *c) { return c->author.isEmpty() ? c->pseudonym : c->author; };
    if (m->anonymous != before->anonymous || !sameName(shownName(m), shownName(before)))
        return false;
    if (m->via != before->via || (row >= m_stored.size()) != (row - 1 >= m_stored.size()))
        return false; // an integration's post, or the first unsent one, starts a group
    const qint64 gap = m->createdMs - before->createdMs;
    return gap >= 0 && gap <= kGroupWindowMs && !(m_readMarker > 0 && m->id > m_readMarker && before->id <= m_readMarker);
}

void ChatModel::rowChangedAfter(int row)
{
    if (row + 1 >= 0 && row + 1 < rowCount()) {
        const QModelIndex i = index(row + 1);
        Q_EMIT dataChanged(i, i);
    }
}

void ChatModel::setReadMarker(quint64 id)
{
    if (id == m_readMarker)
        return;
    m_readMarker = id;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

int ChatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stored.size() + m_pending.size());
}

const ChatMessage *ChatModel::messageAt(int row) const
{
    if (row < 0)
        return nullptr;
    if (row < m_stored.size())
        return &m_stored.at(row);
    row -= int(m_stored.size());
    return row < m_pending.size() ? &m_pending.at(row).message : nullptr;
}

QVariant ChatModel::data(const QModelIndex &index, int role) const
{
    const ChatMessage *m = messageAt(index.row());
    if (!m || index.column() != 0)
        return {};
    const bool pending = index.row() >= m_stored.size();
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m->text;
    case Qt::ToolTipRole:
        return m->deleted ? QString() : m->text;
    case Qt::AccessibleTextRole: // the painted row, in words (accessibletext.h)
        return accessibletext::chatRow(*m, authorlabel::spoken(*m, m_localUser));
    case Qt::AccessibleDescriptionRole:
        return accessibletext::chatRowState(*m, pending, data(index, FailedRole).toString(), data(index, MentionRole).toBool(),
                                            m->id ? m_threadUnread.value(m->id) : 0);
    case IdRole:
        return m->id;
    case ReplyToRole:
        return m->replyTo;
    case PollRole:
        return m->poll;
    case PinnedRole:
        return m->pinned;
    case ThreadUnreadRole:
        return m->id ? m_threadUnread.value(m->id) : 0;
    case InteractionsRole: {
        QStringList parts;
        // Replies first: the part a narrow column's elided header must keep.
        if (m->replies > 0) { // the count, the latest repliers, and how many of them are new
            // Words, not "💬 3": chrome never depends on an emoji font (a missing-glyph box without one).
            QString replies = tr("%n reply(s)", nullptr, m->replies);
            if (const int unread = m_threadUnread.value(m->id)) // before the names: what an elided header keeps
                replies = tr("%1 (%2 new)").arg(replies).arg(unread);
            if (!m->repliers.isEmpty())
                replies = tr("%1 by %2", "replies by people").arg(replies, m->repliers.join(QStringLiteral(", ")));
            parts << replies;
        }
        if (m->pinned)
            parts << tr("pinned");
        if (m->poll)
            parts << tr("poll");
        if (m->question)
            parts << (m->resolved ? tr("question (resolved)") : tr("question"));
        if (m->replyTo)
            parts << tr("↳ reply");
        if (m->endorsed)
            parts << tr("✔ answer");
        QStringList reactions;
        for (const Reaction &r : m->reactions)
            reactions << QStringLiteral("%1 %2").arg(r.emoji).arg(r.count);
        if (!reactions.isEmpty())
            parts << reactions.join(QLatin1Char(' '));
        return parts.join(QStringLiteral(" · "));
    }
    case AuthorRole: // an anonymous post: classmates get only its pseudonym (moderators and its author, the name)
        return m->author.isEmpty() ? m->pseudonym : m->author;
    case CreatedRole:
        return m->createdMs;
    case EditedRole:
        return m->editedMs != 0;
    case DeletedRole:
        return m->deleted;
    case PendingRole:
        return pending;
    case FailedRole:
        return pending ? m_pending.at(index.row() - m_stored.size()).failed : QString();
    case ClientMsgIdRole:
        return m->clientMsgId;
    case ViaRole:
        return m->via;
    case EditedByRole:
        return m->editedBy;
    case MentionRole:
        return !sameName(m->author, m_localUser) && mentionsUser(m->text, m_localUser);
    case ContinuationRole:
        return isContinuation(index.row());
    case FirstUnreadRole: {
        if (m_readMarker == 0 || pending || m->id <= m_readMarker || sameName(m->author, m_localUser))
            return false;
        // The first stored message after the marker that someone else wrote.
        for (int r = lowerBound(m_readMarker + 1); r < index.row(); ++r)
            if (!sameName(m_stored.at(r).author, m_localUser))
                return false;
        return true;
    }
    case DeletedByRole:
        return m->deletedBy;
    case FilesRole:
        return QVariant::fromValue(m->files);
    case AuthorLabelRole:
        return authorlabel::shown(*m, m_localUser);
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatModel::roleNames() const
{
    return {{IdRole, "id"},           {AuthorRole, "author"},   {TextRole, "text"},
            {CreatedRole, "created"}, {EditedRole, "edited"},   {DeletedRole, "deleted"},
            {PendingRole, "pending"}, {FailedRole, "failed"},   {ClientMsgIdRole, "clientMsgId"},
            {ViaRole, "via"},         {EditedByRole, "editedBy"}, {MentionRole, "mention"},
            {ContinuationRole, "continuation"}, {FirstUnreadRole, "firstUnread"}, {DeletedByRole, "deletedBy"},
            {ThreadUnreadRole, "threadUnread"}, {FilesRole, "files"}, {AuthorLabelRole, "authorLabel"}};
}

int ChatModel::lowerBound(quint64 id) const
{
    const auto it = std::lower_bound(m_stored.cbegin(), m_stored.cend(), id,
                                     [](const ChatMessage &m, quint64 v) { return m.id < v; });
    return int(it - m_stored.cbegin());
}

int ChatModel::rowOf(quint64 id) const
{
    const int row = lowerBound(id);
    return row < m_stored.size() && m_stored.at(row).id == id ? row : -1;
}

int ChatModel::rowOfPending(const QString &clientMsgId) const
{
    for (int i = 0; i < m_pending.size(); ++i)
        if (m_pending.at(i).message.clientMsgId == clientMsgId)
            return int(m_stored.size()) + i;
    return -1;
}

void ChatModel::setMessages(const QList<ChatMessage> &messages)
{
    beginResetModel();
    m_stored = QVector<ChatMessage>(messages.cbegin(), messages.cend());
    std::stable_sort(m_stored.begin(), m_stored.end(),
                     [](const ChatMessage &a, const ChatMessage &b) { return a.id < b.id; });
    for (const ChatMessage &m : std::as_const(m_stored)) {
        for (int i = 0; i < m_pending.size(); ++i) {
            if (!m.clientMsgId.isEmpty() && m_pending.at(i).message.clientMsgId == m.clientMsgId) {
                m_pending.remove(i);
                break;
            }
        }
    }
    endResetModel();
}

void ChatModel::prependMessages(const QList<ChatMessage> &messages)
{
    // Older messages as one block of rows at the top (a page is oldest first, all before ours).
    QVector<ChatMessage> older;
    const quint64 first = m_stored.isEmpty() ? ~quint64(0) : m_stored.first().id;
    for (const ChatMessage &m : messages) {
        if (m.id < first && (older.isEmpty() || m.id > older.last().id))
            older.append(m);
        else
            addMessage(m); // out of order or already known: one at a time
    }
    if (older.isEmpty())
        return;
    beginInsertRows(QModelIndex(), 0, int(older.size()) - 1);
    m_stored = older + m_stored;
    endInsertRows();
    rowChangedAfter(int(older.size()) - 1);
}

void ChatModel::addMessage(const ChatMessage &message)
{
    if (!message.clientMsgId.isEmpty())
        removePending(message.clientMsgId);
    const int row = lowerBound(message.id);
    if (row < m_stored.size() && m_stored.at(row).id == message.id) {
        m_stored[row] = message;
        const QModelIndex i = index(row);
        Q_EMIT dataChanged(i, i);
        return;
    }
    beginInsertRows(QModelIndex(), row, row);
    m_stored.insert(row, message);
    endInsertRows();
    rowChangedAfter(row);
}

bool ChatModel::applyEdit(quint64 id, const QString &text, qint64 editedMs, const QString &editedBy)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    ChatMessage &m = m_stored[row];
    m.text = text;
    m.editedMs = editedMs > 0 ? editedMs : 1;
    m.editedBy = editedBy;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
    return true;
}

bool ChatModel::applyDelete(quint64 id, const QString &by)
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    ChatMessage &m = m_stored[row];
    m.text.clear();
    m.deleted = true;
    m.deletedBy = by;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i);
    rowChangedAfter(row);
    return true;
}

int ChatModel::removeExpired(const QSet<quint64> &ids)
{
    // Expiry takes the oldest messages: runs of neighbouring rows, each removed at once.
    int removed = 0;
    for (int last = int(m_stored.size()) - 1; last >= 0; --last) {
        if (!ids.contains(m_stored.at(last).id))
            continue;
        int first = last;
        while (first > 0 && ids.contains(m_stored.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, last);
        m_stored.remove(first, last - first + 1);
        endRemoveRows();
        removed += last - first + 1;
        rowChangedAfter(first - 1); // the row that followed may now start a group of its own
        last = first;
    }
    return removed;
}

namespace {
template <typename Change>
bool changeMessage(ChatModel *model, QVector<ChatMessage> &stored, int row, Change change)
{
    if (row < 0)
        return false;
    change(stored[row]);
    const QModelIndex i = model->index(row);
    Q_EMIT model->dataChanged(i, i);
    return true;
}
} // namespace

bool ChatModel::applyReaction(quint64 id, const QString &emoji, const QString &user, bool active, bool mine)
{
    return changeMessage(this, m_stored, rowOf(id), [&](ChatMessage &m) {
        auto it = std::find_if(m.reactions.begin(), m.reactions.end(), [&](const Reaction &r) { return r.emoji == emoji; });
        if (active) {
            if (it == m.reactions.end()) {
                m.reactions.append(Reaction{emoji, 0, {}, false});
                it = m.reactions.end() - 1;
            }
            if (it->users.contains(user))
                return;
            ++it->count;
            if (it->users.size() < Reaction::MaxReactionNames)
                it->users << user;
            it->mine = it->mine || mine;
        } else if (it != m.reactions.end()) {
            it->count = std::max(0, it->count - 1);
            it->users.removeAll(user);
            if (mine)
                it->mine = false;
            if (it->count == 0)
                m.reactions.erase(it);
        }
    });
}

bool ChatModel::applyPin(quint64 id, bool pinned)
{
    return changeMessage(this, m_stored, rowOf(id), [&](ChatMessage &m) { m.pinned = pinned; });
}

bool ChatModel::applyReply(quint64 root, const QString &replier, bool byMe)
{
    if (!byMe && rowOf(root) >= 0)
        ++m_threadUnread[root];
    return changeMessage(this, m_stored, rowOf(root), [&](ChatMessage &m) {
        ++m.replies;
        m.repliers.removeAll(replier);
        m.repliers.prepend(replier);
        while (m.repliers.size() > 3)
            m.repliers.removeLast();
    });
}

bool ChatModel::markThreadRead(quint64 root)
{
    if (m_threadUnread.remove(root) == 0)
        return false;
    const int row = rowOf(root);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {ThreadUnreadRole, InteractionsRole});
    return true;
}

bool ChatModel::applyQuestion(quint64 id, bool question, bool resolved)
{
    return changeMessage(this, m_stored, rowOf(id), [&](ChatMessage &m) {
        m.question = question;
        m.resolved = resolved;
    });
}

bool ChatModel::applyEndorsement(quint64 id, bool endorsed)
{
    return changeMessage(this, m_stored, rowOf(id), [&](ChatMessage &m) { m.endorsed = endorsed; });
}

void ChatModel::addPending(const QString &clientMsgId, const QString &author, const QString &text, qint64 queuedMs,
                           const client::ChatExtras &extras)
{
    for (const Pending &p : std::as_const(m_pending))
        if (p.message.clientMsgId == clientMsgId)
            return;
    Pending p;
    p.message.channel = m_channel;
    p.message.author = author;
    p.message.text = text;
    p.message.clientMsgId = clientMsgId;
    p.message.createdMs = queuedMs;
    p.message.replyTo = extras.replyTo;
    p.message.question = extras.question;
    p.message.anonymous = extras.anonymous;
    p.extras = extras;
    const int row = rowCount();
    beginInsertRows(QModelIndex(), row, row);
    m_pending.append(p);
    endInsertRows();
}

void ChatModel::markFailed(const QString &clientMsgId, const QString &why)
{
    for (int i = 0; i < m_pending.size(); ++i) {
        if (m_pending.at(i).message.clientMsgId == clientMsgId) {
            m_pending[i].failed = why.isEmpty() ? tr("not sent") : why;
            const QModelIndex idx = index(int(m_stored.size()) + i);
            Q_EMIT dataChanged(idx, idx);
            return;
        }
    }
}

client::ChatExtras ChatModel::pendingExtras(const QString &clientMsgId) const
{
    for (const Pending &p : m_pending)
        if (p.message.clientMsgId == clientMsgId)
            return p.extras;
    return {};
}

bool ChatModel::removePending(const QString &clientMsgId)
{
    for (int i = 0; i < m_pending.size(); ++i) {
        if (m_pending.at(i).message.clientMsgId == clientMsgId) {
            const int row = int(m_stored.size()) + i;
            beginRemoveRows(QModelIndex(), row, row);
            m_pending.remove(i);
            endRemoveRows();
            rowChangedAfter(row - 1);
            return true;
        }
    }
    return false;
}

} // namespace collab::desktop
