#include "accessibletext.h"

#include "protocol/ids.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace collab::desktop::accessibletext {

// Free functions: their translations have a context of their own, named after this file (the
// calls below). The parts of a row are a list (joined with ", "), each a whole phrase.
namespace {
QString roleInWords(const QString &role)
{
    if (role == QLatin1String("instructor"))
        return QCoreApplication::translate("collab::desktop::AccessibleText", "instructor");
    if (role == QLatin1String("ta"))
        return QCoreApplication::translate("collab::desktop::AccessibleText", "TA");
    if (role == QLatin1String("admin"))
        return QCoreApplication::translate("collab::desktop::AccessibleText", "server administrator");
    return role;
}
} // namespace

QString chatRow(const ChatMessage &m, const QString &shownAuthor)
{
    QStringList parts;
    QString head = shownAuthor.isEmpty() ? QCoreApplication::translate("collab::desktop::AccessibleText", "unknown author") : shownAuthor;
    if (!m.via.isEmpty()) // an integration's post is never taken for the member's own
        head = QCoreApplication::translate("collab::desktop::AccessibleText", "%1 via %2").arg(head, m.via);
    if (m.createdMs > 0)
        head += QStringLiteral(", ") + QDateTime::fromMSecsSinceEpoch(m.createdMs).toString(QStringLiteral("HH:mm"));
    if (m.deleted)
        parts << (m.deletedBy.isEmpty()
                      ? QCoreApplication::translate("collab::desktop::AccessibleText", "%1: message deleted").arg(head)
                      : QCoreApplication::translate("collab::desktop::AccessibleText", "%1: message deleted by %2").arg(head, m.deletedBy));
    else if (m.poll)
        parts << QCoreApplication::translate("collab::desktop::AccessibleText", "%1: poll: %2").arg(head, m.text);
    else
        parts << head + QStringLiteral(": ") + m.text;
    if (m.editedMs != 0 && !m.deleted)
        parts << (m.editedBy.isEmpty() || sameName(m.editedBy, m.author.isEmpty() ? m.pseudonym : m.author)
                      ? QCoreApplication::translate("collab::desktop::AccessibleText", "edited")
                      : QCoreApplication::translate("collab::desktop::AccessibleText", "edited by %1").arg(m.editedBy));
    if (m.replies > 0)
        parts << QCoreApplication::translate("collab::desktop::AccessibleText", "%n reply(s)", nullptr, m.replies);
    QStringList reactions;
    for (const Reaction &r : m.reactions)
        reactions << QStringLiteral("%1 %2").arg(r.emoji).arg(r.count);
    if (!reactions.isEmpty())
        parts << QCoreApplication::translate("collab::desktop::AccessibleText", "reactions %1").arg(reactions.join(QStringLiteral(", ")));
    return parts.join(QStringLiteral(", "));
}

QString chatRowState(const ChatMessage &m, bool pending, const QString &failed, bool mentionsMe, int threadUnread)
{
    QStringList states;
    if (pending)
        states << (failed.isEmpty() ? QCoreApplication::translate("collab::desktop::AccessibleText", "sending")
                                    : QCoreApplication::translate("collab::desktop::AccessibleText", "not sent: %1").arg(failed));
    if (m.anonymous)
        states << QCoreApplication::translate("collab::desktop::AccessibleText", "anonymous");
    if (m.question)
        states << (m.resolved ? QCoreApplication::translate("collab::desktop::AccessibleText", "question, resolved")
                              : QCoreApplication::translate("collab::desktop::AccessibleText", "question, open"));
    if (m.endorsed)
        states << QCoreApplication::translate("collab::desktop::AccessibleText", "endorsed answer");
    if (m.replyTo)
        states << QCoreApplication::translate("collab::desktop::AccessibleText", "reply in a thread");
    if (m.pinned)
        states << QCoreApplication::translate("collab::desktop::AccessibleText", "pinned");
    if (threadUnread > 0)
        states << QCoreApplication::translate("collab::desktop::AccessibleText", "%n new reply(s)", nullptr, threadUnread);
    if (mentionsMe)
        states << QCoreApplication::translate("collab::desktop::AccessibleText", "mentions you");
    return states.join(QStringLiteral(", "));
}

QString channelRow(const QString &title, int unread, int mentions)
{
    QStringList parts{QCoreApplication::translate("collab::desktop::AccessibleText", "channel %1").arg(title)};
    if (unread > 0)
        parts << QCoreApplication::translate("collab::desktop::AccessibleText", "%n unread", nullptr, unread);
    if (mentions > 0)
        parts << QCoreApplication::translate("collab::desktop::AccessibleText", "%n mentioning you", nullptr, mentions);
    return parts.join(QStringLiteral(", "));
}

QString memberRow(const QString &user, const QString &role, bool online, bool presenceKnown)
{
    QStringList parts{user};
    if (!role.isEmpty() && role != QLatin1String("student"))
        parts << roleInWords(role);
    parts << (!presenceKnown ? QCoreApplication::translate("collab::desktop::AccessibleText", "presence unknown")
              : online       ? QCoreApplication::translate("collab::desktop::AccessibleText", "online")
                             : QCoreApplication::translate("collab::desktop::AccessibleText", "offline"));
    return parts.join(QStringLiteral(", "));
}

} // namespace collab::desktop::accessibletext
