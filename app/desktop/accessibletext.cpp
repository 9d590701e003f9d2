#include "accessibletext.h"

#include "protocol/ids.h"

#include <QDateTime>
#include <QStringList>

namespace collab::desktop::accessibletext {

QString chatRow(const ChatMessage &m, const QString &shownAuthor)
{
    QStringList parts;
    QString head = shownAuthor.isEmpty() ? QStringLiteral("unknown author") : shownAuthor;
    if (!m.via.isEmpty())
        head += QStringLiteral(" via %1").arg(m.via); // an integration's post is never taken for the member's own
    if (m.createdMs > 0)
        head += QStringLiteral(", ") + QDateTime::fromMSecsSinceEpoch(m.createdMs).toString(QStringLiteral("HH:mm"));
    if (m.deleted)
        parts << head + (m.deletedBy.isEmpty() ? QStringLiteral(": message deleted")
                                               : QStringLiteral(": message deleted by %1").arg(m.deletedBy));
    else
        parts << head + QStringLiteral(": ") + (m.poll ? QStringLiteral("poll: ") : QString()) + m.text;
    if (m.editedMs != 0 && !m.deleted)
        parts << (m.editedBy.isEmpty() || sameName(m.editedBy, shownAuthor) ? QStringLiteral("edited")
                                                                    : QStringLiteral("edited by %1").arg(m.editedBy));
    if (m.replies > 0)
        parts << (m.replies == 1 ? QStringLiteral("1 reply") : QStringLiteral("%1 replies").arg(m.replies));
    QStringList reactions;
    for (const Reaction &r : m.reactions)
        reactions << QStringLiteral("%1 %2").arg(r.emoji).arg(r.count);
    if (!reactions.isEmpty())
        parts << QStringLiteral("reactions ") + reactions.join(QStringLiteral(", "));
    return parts.join(QStringLiteral(", "));
}

QString chatRowState(const ChatMessage &m, bool pending, const QString &failed, bool mentionsMe, int threadUnread)
{
    QStringList states;
    if (pending)
        states << (failed.isEmpty() ? QStringLiteral("sending") : QStringLiteral("not sent: %1").arg(failed));
    if (m.anonymous)
        states << QStringLiteral("anonymous");
    if (m.question)
        states << (m.resolved ? QStringLiteral("question, resolved") : QStringLiteral("question, open"));
    if (m.endorsed)
        states << QStringLiteral("endorsed answer");
    if (m.replyTo)
        states << QStringLiteral("reply in a thread");
    if (m.pinned)
        states << QStringLiteral("pinned");
    if (threadUnread > 0)
        states << QStringLiteral("%1 new replies").arg(threadUnread);
    if (mentionsMe)
        states << QStringLiteral("mentions you");
    return states.join(QStringLiteral(", "));
}

QString channelRow(const QString &title, int unread, int mentions)
{
    QString text = QStringLiteral("channel %1").arg(title);
    if (unread > 0)
        text += QStringLiteral(", %1 unread").arg(unread);
    if (mentions > 0)
        text += QStringLiteral(", %1 mentioning you").arg(mentions);
    return text;
}

QString memberRow(const QString &user, const QString &role, bool online, bool presenceKnown)
{
    QString text = user;
    if (!role.isEmpty() && role != QLatin1String("student"))
        text += QStringLiteral(", ") + role;
    text += !presenceKnown ? QStringLiteral(", presence unknown") : online ? QStringLiteral(", online") : QStringLiteral(", offline");
    return text;
}

} // namespace collab::desktop::accessibletext
